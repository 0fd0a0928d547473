import { registerEnumType } from 'type-graphql';

/** The calendar buckets of an analysis, in the company time zone (`config.companyTimeZone`). */
export enum AnalysisPeriod {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

registerEnumType(AnalysisPeriod, { name: 'AnalysisPeriod', description: 'Calendar buckets in the company time zone: ISO weeks start on Monday.' });
