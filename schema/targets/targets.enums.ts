import { registerEnumType } from 'type-graphql';

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
  valuesConfig: {
    BOOKED_SALES: { description: 'Confirmed order lines (not on credit hold, not cancelled), by the day the order was confirmed.' },
    COLLECTIONS: { description: 'Payments allocated to invoices, by the day the payment arrived.' },
    NEW_CUSTOMERS: { description: "Customers' first confirmed orders." },
    VISITS: { description: 'Customer visits, own and accompanied (协访).' },
  },
});
registerEnumType(PeriodKind, { name: 'PeriodKind' });
registerEnumType(CustomerNovelty, { name: 'CustomerNovelty' });
