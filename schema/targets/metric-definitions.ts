/**
 * What counts toward each target metric, in words: the descriptions of `TargetMetric` in the API's schema and the
 * metric definitions the admin shows. The counting itself is the view `sales_performance_fact` (migrations
 * 20261207090000 and 20261207110000); this module has no imports, so the admin's browser pages can use it too.
 */
export const TARGET_METRIC_DEFINITIONS = {
  BOOKED_SALES: 'Confirmed order lines (not on credit hold, not cancelled), by the day the order was confirmed.',
  COLLECTIONS: 'Payments allocated to invoices, by the day the payment arrived.',
  NEW_CUSTOMERS: "Customers' first confirmed orders.",
  VISITS: 'Customer visits, own and accompanied (协访).',
} as const;

/** A target metric's name, as the API spells it. */
export type TargetMetricName = keyof typeof TARGET_METRIC_DEFINITIONS;
