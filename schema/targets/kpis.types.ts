import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { rowReaders } from '../../api/permissions/access-rule';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { CustomerTier } from '../customers/customers.enums';
import { performanceAmountReaders } from './kpis.policy';
import { PeriodKind, TargetMetric } from './targets.enums';

/** A period as answered: its kind (null for year to date) and both days, included. */
@ObjectType('PerformancePeriod', { description: 'A month, quarter, year or year to date, both days included (company time).' })
@ReadableBy(rowReaders)
export class PerformancePeriodType {
  @Field(() => PeriodKind, { nullable: true, description: 'Null for year to date.' })
  kind!: PeriodKind | null;

  @Field()
  yearToDate!: boolean;

  @Field(() => LocalDateResolver)
  start!: string;

  @Field(() => LocalDateResolver)
  end!: string;
}

@ObjectType({ description: 'Achievement of one metric: actual ÷ target.' })
@ReadableBy(rowReaders)
export class MetricAchievement {
  @Field(() => TargetMetric)
  metric!: TargetMetric;

  @Field(() => DecimalScalar, { description: 'The sum of the `sales_performance_fact` rows of the metric in the period (see performanceFacts).' })
  actual!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The subject’s own target for the period (all lines, all customers); null when none is set.' })
  target!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'actual ÷ target × 100, two decimals; null without a positive target.' })
  achievementRate!: string | null;
}

@ObjectType({ description: 'Booked sales of one product line against its target, and its share against the target mix (N5).' })
@ReadableBy(rowReaders)
export class ProductLineAchievement {
  @Field(() => ID)
  productLineId!: string;

  @Field()
  productLineName!: string;

  @Field(() => DecimalScalar)
  actual!: string;

  @Field(() => DecimalScalar, { nullable: true })
  target!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  achievementRate!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Percent of the subject’s booked sales in the period.' })
  actualShare!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Percent of the sum of the subject’s product-line targets.' })
  targetShare!: string | null;
}

@ObjectType({ description: 'Visits to the key customers of one tier against the tier’s norm (N3).' })
@ReadableBy(rowReaders)
export class TierVisitFrequency {
  @Field(() => CustomerTier)
  tier!: string;

  @Field(() => DecimalScalar, { description: 'The norm: visits per customer per month.' })
  visitsPerMonth!: string;

  @Field(() => Int, { description: 'The subject’s customers of the tier (by current owner).' })
  customers!: number;

  @Field(() => Int, { description: 'Distinct visits to them by the subject’s people in the period, own or accompanied.' })
  visits!: number;

  @Field(() => DecimalScalar, { description: 'customers × visitsPerMonth × months in the period.' })
  expected!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'visits ÷ expected × 100.' })
  rate!: string | null;
}

@ObjectType({ description: 'Whose figures: a person or an org unit (the sum over its subtree).' })
@ReadableBy(rowReaders)
export class PerformanceSubject {
  @Field(() => ID, { nullable: true })
  userId!: string | null;

  @Field(() => ID, { nullable: true })
  orgUnitId!: string | null;
}

/** Rates are percentages with two decimals; definitions in README, "Achievement, KPIs and rankings". */
@ObjectType({ description: 'Achievement and KPIs (N1–N7) of a person or unit for a period. Rates are percentages, null when undefined (nothing to divide by).' })
@ReadableBy(rowReaders)
export class Performance {
  @Field(() => PerformanceSubject)
  subject!: PerformanceSubject;

  @Field(() => PerformancePeriodType)
  period!: PerformancePeriodType;

  @Field(() => [MetricAchievement], { description: 'One per metric (N1; NEW_CUSTOMERS is N2).' })
  metrics!: MetricAchievement[];

  @Field(() => [ProductLineAchievement], { description: 'Lines with booked sales or a target in the period (N5).' })
  productLines!: ProductLineAchievement[];

  @Field(() => DecimalScalar, { nullable: true, description: '100 − ½ Σ |actualShare − targetShare|: 100 when the sales mix matches the target mix (N5).' })
  productLineBalance!: string | null;

  @Field(() => Int, { description: 'Opportunities won in the period (closed WON).' })
  opportunitiesWon!: number;

  @Field(() => Int, { description: 'Opportunities closed in the period (WON or LOST).' })
  opportunitiesClosed!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'won ÷ closed × 100 (N7).' })
  conversionRate!: string | null;

  @Field(() => Int, { description: 'Confirmed orders booked in the period.' })
  orderCount!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Booked sales ÷ orderCount (N7).' })
  averageOrderValue!: string | null;

  @Field(() => [TierVisitFrequency], { description: 'Key-customer visits per tier with a norm (N3).' })
  keyCustomerVisits!: TierVisitFrequency[];

  @Field(() => DecimalScalar, { nullable: true, description: 'All key-customer visits ÷ all expected × 100.' })
  keyCustomerVisitRate!: string | null;

  @Field(() => DecimalScalar, { description: 'Invoices issued in the period (N4).' })
  invoiced!: string;

  @Field(() => DecimalScalar, { description: 'Money allocated to the subject’s invoices in the period (N4).' })
  collected!: string;

  @Field(() => DecimalScalar, { description: 'Receivables open at the end of the period (N4).' })
  openAtEnd!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'collected ÷ (collected + openAtEnd) × 100: of the money to collect in the period, the share that came in.' })
  collectionRate!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'openAtEnd ÷ invoiced × days in the period (N4).' })
  daysSalesOutstanding!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Amount-weighted days from invoice to allocation (N4).' })
  averageDaysToCollect!: string | null;

  @Field(() => Int, { description: 'Satisfaction surveys of the subject’s customers taken in the period (N6).' })
  surveyCount!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Their average score (1–5).' })
  averageSatisfaction!: string | null;

  @Field(() => Int, { description: 'Customers who bought from the subject’s people in the previous period.' })
  previousCustomers!: number;

  @Field(() => Int, { description: 'Of those, the ones who bought from them again in this period.' })
  retainedCustomers!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'retained ÷ previous × 100 (N6).' })
  retentionRate!: string | null;

  @Field(() => Int, { description: 'The subject’s contracts (signed, active or expired) ending in the period.' })
  contractsEnding!: number;

  @Field(() => Int, { description: 'Of those, the ones followed by another signed contract of the customer starting within 90 days of the end.' })
  contractsRenewed!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'renewed ÷ ending × 100 (N6).' })
  renewalRate!: string | null;
}

@ObjectType({ description: 'One unit or person of a breakdown: the figure of one metric against its own target.' })
@ReadableBy(rowReaders)
export class PerformanceBreakdownRow {
  @Field(() => ID, { nullable: true, description: 'Set for a unit row.' })
  orgUnitId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Set for a person row.' })
  userId!: string | null;

  @Field()
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The unit this row sits under in the breakdown; null for the root.' })
  parentOrgUnitId!: string | null;

  @Field(() => Int, { description: '0 for the unit asked for, 1 for its child units and members, and so on.' })
  level!: number;

  @Field(() => DecimalScalar)
  actual!: string;

  @Field(() => DecimalScalar, { nullable: true })
  target!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  achievementRate!: string | null;
}

@ObjectType({ description: 'A unit’s achievement of one metric, down its tree: the unit, then its child units and members, level by level.' })
@ReadableBy(rowReaders)
export class PerformanceBreakdown {
  @Field(() => TargetMetric)
  metric!: TargetMetric;

  @Field(() => PerformancePeriodType)
  period!: PerformancePeriodType;

  @Field(() => [PerformanceBreakdownRow], { description: 'Ordered by level, then name.' })
  rows!: PerformanceBreakdownRow[];
}

/** What a fact row comes from. */
export enum PerformanceFactKind {
  ORDER_LINE = 'ORDER_LINE',
  PAYMENT_ALLOCATION = 'PAYMENT_ALLOCATION',
  FIRST_ORDER = 'FIRST_ORDER',
  VISIT = 'VISIT',
  ACCOMPANIED_VISIT = 'ACCOMPANIED_VISIT',
}
registerEnumType(PerformanceFactKind, {
  name: 'PerformanceFactKind',
  valuesConfig: {
    ORDER_LINE: { description: 'A line of a confirmed order (BOOKED_SALES); documentId is the order.' },
    PAYMENT_ALLOCATION: { description: 'Money of a payment applied to an invoice (COLLECTIONS); documentId is the payment.' },
    FIRST_ORDER: { description: 'A customer’s first confirmed order (NEW_CUSTOMERS); sourceId and documentId are the order.' },
    VISIT: { description: 'A visit, credited to the visitor (VISITS).' },
    ACCOMPANIED_VISIT: { description: 'A visit, credited to whoever accompanied the visitor (协访, VISITS).' },
  },
});

@ObjectType({ description: 'One row behind a figure: what counted, for whom, on which day, and the record it comes from.' })
@ReadableBy(rowReaders)
export class PerformanceFact {
  @Field(() => TargetMetric)
  metric!: TargetMetric;

  @Field(() => PerformanceFactKind)
  kind!: PerformanceFactKind;

  @Field(() => LocalDateResolver, { description: 'The day it counts on (company time).' })
  occurredOn!: string;

  @Field(() => DecimalScalar, { description: 'Amount (line total, allocated money) or 1 (a customer, a visit).' })
  value!: string;

  @Field(() => ID, { description: 'The person credited.' })
  userId!: string;

  @Field(() => ID)
  customerId!: string;

  @Field(() => ID, { nullable: true, description: 'BOOKED_SALES only.' })
  productLineId!: string | null;

  @Field(() => ID, { description: 'The order line, payment allocation, order (first order) or visit.' })
  sourceId!: string;

  @Field(() => ID, { description: 'The order, payment, or visit the source belongs to.' })
  documentId!: string;

  @Field(() => ID, { nullable: true, description: 'The order: for ORDER_LINE and FIRST_ORDER.' })
  orderId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The payment: for PAYMENT_ALLOCATION.' })
  paymentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The visit: for VISIT and ACCOMPANIED_VISIT.' })
  visitId!: string | null;
}

@ObjectType('PerformanceFactEdge')
@ReadableBy(rowReaders)
export class PerformanceFactEdge {
  @Field({ description: 'Opaque keyset cursor of this node.' })
  cursor!: string;

  @Field(() => PerformanceFact)
  node!: PerformanceFact;
}

@ObjectType('PerformanceFactPageInfo', { description: 'Forward keyset paging.' })
@ReadableBy(rowReaders)
export class PerformanceFactPageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType({ description: 'The rows behind a figure, by day (oldest first), keyset-paginated; totals over all pages.' })
@ReadableBy(rowReaders)
export class PerformanceFactConnection {
  @Field(() => [PerformanceFactEdge])
  edges!: PerformanceFactEdge[];

  @Field(() => [PerformanceFact])
  nodes!: PerformanceFact[];

  @Field(() => PerformanceFactPageInfo)
  pageInfo!: PerformanceFactPageInfo;

  @Field(() => Int, { description: 'All matching rows.' })
  totalCount!: number;

  @Field(() => DecimalScalar, { description: 'The sum of `value` over all matching rows: the figure drilled into.' })
  totalValue!: string;
}

@ObjectType({ description: 'A person’s place in a ranking by achievement rate. Peers see the rank and rate, not the amounts.' })
@ReadableBy(rowReaders)
export class LeaderboardEntry {
  @Field(() => Int, { description: '1 for the highest achievement rate; equal rates share a rank; people without a target rank last.' })
  rank!: number;

  @Field(() => ID)
  userId!: string;

  /** For the amount rule: an entry is always a person. */
  orgUnitId!: null;

  @Field()
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The person’s unit.' })
  unitId!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  achievementRate!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Null when hidden from the viewer.' })
  @ReadableBy(performanceAmountReaders)
  actual!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Null when not set; hidden like `actual`.' })
  @ReadableBy(performanceAmountReaders)
  target!: string | null;
}

@ObjectType({ description: 'The ranking of a unit’s people by achievement rate of one metric in one period (N10).' })
@ReadableBy(rowReaders)
export class Leaderboard {
  @Field(() => ID)
  orgUnitId!: string;

  @Field(() => TargetMetric)
  metric!: TargetMetric;

  @Field(() => PerformancePeriodType)
  period!: PerformancePeriodType;

  @Field(() => [LeaderboardEntry])
  entries!: LeaderboardEntry[];
}
