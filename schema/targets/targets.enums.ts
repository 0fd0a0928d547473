import { registerEnumType } from 'type-graphql';
import { TARGET_METRIC_DEFINITIONS } from './metric-definitions';

/** What a target measures; `sales_performance_fact` (migration 20261207090000) defines what counts toward each. */
export enum TargetMetric {
  BOOKED_SALES = 'BOOKED_SALES',
  COLLECTIONS = 'COLLECTIONS',
  NEW_CUSTOMERS = 'NEW_CUSTOMERS',
  VISITS = 'VISITS',
}

/** Target periods nest: a year holds four quarters, a quarter three months. */
export enum PeriodKind {
  YEAR = 'YEAR',
  QUARTER = 'QUARTER',
  MONTH = 'MONTH',
}

/** A customer segment by history: customers whose first order falls in the period, and all others. */
export enum CustomerNovelty {
  NEW = 'NEW',
  EXISTING = 'EXISTING',
}

registerEnumType(TargetMetric, {
  name: 'TargetMetric',
  // The same words as the admin's metric definitions: one text for both.
  valuesConfig: Object.fromEntries(Object.entries(TARGET_METRIC_DEFINITIONS satisfies Record<TargetMetric, string>).map(([metric, description]) => [metric, { description }])),
});
registerEnumType(PeriodKind, { name: 'PeriodKind' });
registerEnumType(CustomerNovelty, { name: 'CustomerNovelty' });

/** Where a request to change a locked target stands. */
export enum TargetAdjustmentStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REFUSED = 'REFUSED',
}

/**
 * The ways a target splits into children, each one step finer in one dimension and the same in the others: the
 * next level of the org tree (company → regions → teams → their people), the next period (year → quarters → months),
 * product lines, or customer segments (tier, or new vs existing).
 */
export enum TargetDimension {
  ORG = 'ORG',
  PERIOD = 'PERIOD',
  PRODUCT_LINE = 'PRODUCT_LINE',
  CUSTOMER_SEGMENT = 'CUSTOMER_SEGMENT',
}

/** How `proposeTargetSplit` shares a target out. */
export enum SplitBasis {
  LAST_YEAR_ACTUALS = 'LAST_YEAR_ACTUALS',
  EQUAL = 'EQUAL',
}

registerEnumType(TargetAdjustmentStatus, { name: 'TargetAdjustmentStatus' });
registerEnumType(TargetDimension, {
  name: 'TargetDimension',
  description: 'How a target splits into children: each child is one step finer in this dimension and the same in the others.',
  valuesConfig: {
    ORG: { description: 'The next level of the org tree: company → regions, region → teams, team → its reps (and a unit’s own sales people).' },
    PERIOD: { description: 'The next period: a year’s quarters, a quarter’s months.' },
    PRODUCT_LINE: { description: 'One child per product line, from a target over all lines.' },
    CUSTOMER_SEGMENT: { description: 'By customer tier, or new vs existing customers, from a target over all customers.' },
  },
});
registerEnumType(SplitBasis, {
  name: 'SplitBasis',
  valuesConfig: {
    LAST_YEAR_ACTUALS: { description: 'In proportion to what each child achieved in the same period a year earlier (sales_performance_fact); equal shares when nobody achieved anything.' },
    EQUAL: { description: 'Equal shares.' },
  },
});
