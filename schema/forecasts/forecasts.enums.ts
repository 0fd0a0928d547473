import { registerEnumType } from 'type-graphql';

/** The categories of a forecast, from the surest to the widest. */
export enum ForecastCategory {
  COMMIT = 'COMMIT',
  BEST_CASE = 'BEST_CASE',
  PIPELINE = 'PIPELINE',
}

registerEnumType(ForecastCategory, {
  name: 'ForecastCategory',
  valuesConfig: {
    COMMIT: { description: 'What the person commits to book in the month.' },
    BEST_CASE: { description: 'The commit plus the upside thought likely.' },
    PIPELINE: { description: 'The probability-weighted pipeline closing in the month.' },
  },
});

/** The fewest and most months a submission covers, the current month first. */
export const FORECAST_MIN_MONTHS = 3;
export const FORECAST_MAX_MONTHS = 6;

/** A deal at or above this win probability (NEGOTIATION by default) is proposed as COMMIT. */
export const COMMIT_PROBABILITY = 80;

/** A deal at or above this win probability (PROPOSAL by default) is proposed in BEST_CASE. */
export const BEST_CASE_PROBABILITY = 50;
