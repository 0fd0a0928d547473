import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { rowReaders } from '../../api/permissions/access-rule';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { SalesChannel } from '../catalog/catalog.enums';
import { CustomerTier } from '../customers/customers.enums';
import { costReaders, internalReaders, orderAmountReaders } from '../orders/orders.policy';
import { AnalysisPeriod } from './analysis-period';
import { ChannelGrouping, ContractGrouping, SalesDimension } from './analytics.enums';

/*
 * Measures over a guarded order field carry that field's rule: money is `orderAmountReaders` (Order.total,
 * OrderLine.lineTotal), margins `costReaders` (OrderLine.unitCost). Both are decided by the viewer alone, so a
 * viewer either reads the measure on every row or on none (FORBIDDEN per row, like the fields they sum). Counts and
 * quantities are as readable as the order rows themselves.
 */

@ObjectType({ description: 'The measures of the earlier span a row is compared with, and the change from it.' })
@ReadableBy(rowReaders)
export class SalesAnalysisComparison {
  @Field(() => LocalDateResolver, { description: 'The first day of the earlier span.' })
  from!: string;

  @Field(() => LocalDateResolver, { description: 'The last day of the earlier span.' })
  to!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Booked sales in the earlier span.' })
  @ReadableBy(orderAmountReaders)
  bookedAmount!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Units in the earlier span.' })
  quantity!: string | null;

  @Field(() => Int)
  orderCount!: number;

  @Field(() => DecimalScalar, { nullable: true })
  @ReadableBy(costReaders)
  margin!: string | null;

  @Field(() => Int)
  newCustomerCount!: number;

  @Field(() => Float, { nullable: true, description: '(booked now − booked then) ÷ booked then; null when nothing was booked then.' })
  @ReadableBy(orderAmountReaders)
  bookedAmountChange!: number | null;

  @Field(() => Float, { nullable: true, description: '(units now − units then) ÷ units then; null when none then.' })
  quantityChange!: number | null;

  @Field(() => Float, { nullable: true, description: '(orders now − orders then) ÷ orders then; null when none then.' })
  orderCountChange!: number | null;

  @Field(() => Float, { nullable: true, description: '(margin now − margin then) ÷ |margin then|; null when the margin then was 0.' })
  @ReadableBy(costReaders)
  marginChange!: number | null;
}

@ObjectType({
  description:
    'One group of booked sales (keys set only for the dimensions grouped by), or the total. Booked = the lines of orders not on ' +
    'credit hold and not cancelled, on the day the order was confirmed (placed, or released from credit hold) in company time: ' +
    'the BOOKED_SALES rows of achievement (sales_performance_fact).',
})
@ReadableBy(rowReaders)
export class SalesAnalysisRow {
  @Field(() => String, { nullable: true, description: 'The bucket: 2026-03-05, 2026-W10, 2026-03, 2026-Q1 or 2026.' })
  period!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The bucket’s first day.' })
  periodStart!: string | null;

  @Field(() => ID, { nullable: true })
  regionId!: string | null;

  @Field(() => String, { nullable: true })
  regionName!: string | null;

  @Field(() => ID, { nullable: true })
  teamId!: string | null;

  @Field(() => String, { nullable: true })
  teamName!: string | null;

  @Field(() => ID, { nullable: true })
  repId!: string | null;

  @Field(() => String, { nullable: true })
  repName!: string | null;

  @Field(() => ID, { nullable: true })
  productLineId!: string | null;

  @Field(() => String, { nullable: true })
  productLineName!: string | null;

  @Field(() => ID, { nullable: true })
  productId!: string | null;

  @Field(() => String, { nullable: true })
  productName!: string | null;

  @Field(() => SalesChannel, { nullable: true })
  channel!: SalesChannel | null;

  @Field(() => CustomerTier, { nullable: true, description: 'As Customer.tier: internal users only.' })
  @ReadableBy(internalReaders)
  customerTier!: CustomerTier | null;

  @Field(() => String, { nullable: true })
  industry!: string | null;

  @Field(() => ID, { nullable: true })
  customerId!: string | null;

  @Field(() => String, { nullable: true })
  customerName!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Σ line totals of the booked lines (as Order.total: not for customer service or support).' })
  @ReadableBy(orderAmountReaders)
  bookedAmount!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Σ units of the booked lines.' })
  quantity!: string | null;

  @Field(() => Int, { description: 'Orders with a booked line in the group.' })
  orderCount!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'bookedAmount ÷ orderCount, rounded to cents; null without orders.' })
  @ReadableBy(orderAmountReaders)
  averageOrderValue!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Σ quantity × (unitPrice − unitCost), as OrderLine.margin: directors, the VP, finance, admins.' })
  @ReadableBy(costReaders)
  margin!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'margin ÷ bookedAmount, rounded to 4 decimals; null when nothing was booked.' })
  @ReadableBy(costReaders)
  marginRate!: string | null;

  @Field(() => Int, {
    description: 'Customers whose first confirmed order ever (of anyone’s, as the NEW_CUSTOMERS metric counts) is in the group.',
  })
  newCustomerCount!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'The booked amount of those first orders.' })
  @ReadableBy(orderAmountReaders)
  newCustomerAmount!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'bookedAmount − newCustomerAmount: orders of customers who had bought before.' })
  @ReadableBy(orderAmountReaders)
  existingCustomerAmount!: string | null;

  @Field(() => SalesAnalysisComparison, { nullable: true, description: 'With `compareWith`: the earlier span’s figures for the same keys.' })
  comparison!: SalesAnalysisComparison | null;
}

@ObjectType({ description: 'Booked sales grouped by up to three dimensions, with a total (R1–R3).' })
@ReadableBy(rowReaders)
export class SalesAnalysis {
  @Field(() => LocalDateResolver)
  from!: string;

  @Field(() => LocalDateResolver)
  to!: string;

  @Field(() => [SalesDimension])
  groupBy!: SalesDimension[];

  @Field(() => AnalysisPeriod)
  period!: AnalysisPeriod;

  @Field(() => [SalesAnalysisRow], { description: 'One row per group, by period, then the other keys’ names; [] groupBy: the total alone.' })
  rows!: SalesAnalysisRow[];

  @Field(() => SalesAnalysisRow, { description: 'Every booked line of the span together (no keys).' })
  total!: SalesAnalysisRow;
}

@ObjectType({
  description:
    'The fulfilment of one contract, or of the contracts of an owner, team or region, from the orders placed against them ' +
    '(orders not on credit hold and not cancelled), over the contracts’ whole life.',
})
@ReadableBy(rowReaders)
export class ContractFulfilmentRow {
  @Field(() => ID, { nullable: true })
  contractId!: string | null;

  @Field(() => String, { nullable: true })
  contractNumber!: string | null;

  @Field(() => String, { nullable: true })
  contractTitle!: string | null;

  @Field(() => ID, { nullable: true, description: 'The customer (CONTRACT rows).' })
  customerId!: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  startDate!: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  endDate!: string | null;

  @Field(() => ID, { nullable: true, description: 'The owner (CONTRACT and OWNER rows).' })
  ownerId!: string | null;

  @Field(() => String, { nullable: true })
  ownerName!: string | null;

  @Field(() => ID, { nullable: true, description: 'The owner’s team (TEAM rows).' })
  teamId!: string | null;

  @Field(() => String, { nullable: true })
  teamName!: string | null;

  @Field(() => ID, { nullable: true, description: 'The owner’s region (REGION rows).' })
  regionId!: string | null;

  @Field(() => String, { nullable: true })
  regionName!: string | null;

  @Field(() => Int, { description: 'Contracts in the row.' })
  contractCount!: number;

  @Field(() => Int, { description: 'Of those, the contracts whose amount you may read (Contract.amount’s rule): the ones `contractAmount` sums.' })
  amountContractCount!: number;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Σ Contract.amount over only the contracts whose amount you may read (contractAmountReaders, decided per contract); null when none.',
  })
  contractAmount!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Σ line totals of the orders against the contracts (order money: as Order.total).' })
  @ReadableBy(orderAmountReaders)
  orderedAmount!: string | null;

  @Field(() => DecimalScalar, { description: 'Units ordered against the contracts.' })
  orderedQuantity!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Σ shipped units × unit price (as Order.total).' })
  @ReadableBy(orderAmountReaders)
  shippedAmount!: string | null;

  @Field(() => DecimalScalar, { description: 'Units shipped.' })
  shippedQuantity!: string;

  @Field(() => DecimalScalar, { description: 'Units invoiced.' })
  invoicedQuantity!: string;

  @Field(() => DecimalScalar, { description: 'Σ amounts of the invoices of those orders that you may see (invoice row scope).' })
  invoicedAmount!: string;

  @Field(() => DecimalScalar, { description: 'Σ payments allocated to those invoices, of the payments you may see (payment row scope).' })
  collectedAmount!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Ordered ÷ contract amount, over the contracts whose amount you may read; null when none (order money: as Order.total).',
  })
  @ReadableBy(orderAmountReaders)
  orderedRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Collected ÷ contract amount, over the contracts whose amount you may read; null when none.' })
  collectedRate!: number | null;
}

@ObjectType({ description: 'Contract fulfilment (H4): ordered, shipped, invoiced and collected against each contract.' })
@ReadableBy(rowReaders)
export class ContractFulfilment {
  @Field(() => LocalDateResolver)
  from!: string;

  @Field(() => LocalDateResolver)
  to!: string;

  @Field(() => ContractGrouping)
  groupBy!: ContractGrouping;

  @Field(() => [ContractFulfilmentRow], { description: 'Contracts by end date, or groups by name.' })
  rows!: ContractFulfilmentRow[];

  @Field(() => ContractFulfilmentRow)
  total!: ContractFulfilmentRow;
}

@ObjectType({ description: 'The contracts ending in one period (and unit), and how many of them were renewed.' })
@ReadableBy(rowReaders)
export class RenewalRateRow {
  @Field(() => String, { nullable: true, description: 'The bucket of the end dates (as SalesAnalysisRow.period); null in the total.' })
  period!: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  periodStart!: string | null;

  @Field(() => ID, { nullable: true, description: 'The owner, team or region grouped by.' })
  groupId!: string | null;

  @Field(() => String, { nullable: true })
  groupName!: string | null;

  @Field(() => Int, { description: 'Signed contracts (not terminated) ending in the period.' })
  endingCount!: number;

  @Field(() => Int, { description: 'Of those, the ones with a signed renewal (a contract naming it in `renewalOf`) that you may see.' })
  renewedCount!: number;

  @Field(() => Float, { nullable: true, description: 'renewedCount ÷ endingCount, rounded to 4 decimals; null when nothing ended.' })
  renewalRate!: number | null;
}

@ObjectType({ description: 'Renewal rate (H7) per period and unit.' })
@ReadableBy(rowReaders)
export class RenewalRates {
  @Field(() => LocalDateResolver)
  from!: string;

  @Field(() => LocalDateResolver)
  to!: string;

  @Field(() => AnalysisPeriod)
  period!: AnalysisPeriod;

  @Field(() => [RenewalRateRow])
  rows!: RenewalRateRow[];

  @Field(() => RenewalRateRow)
  total!: RenewalRateRow;
}

@ObjectType({ description: 'A distributor’s (or region’s) sell-in, sell-through and channel conflicts in a span.' })
@ReadableBy(rowReaders)
export class ChannelPerformanceRow {
  @Field(() => ID, { nullable: true })
  distributorId!: string | null;

  @Field(() => String, { nullable: true })
  distributorName!: string | null;

  @Field(() => ID, { nullable: true, description: 'The region the goods were sold in: the ordering customer’s, the reported sale region, the region a conflict was found in.' })
  regionId!: string | null;

  @Field(() => String, { nullable: true })
  regionName!: string | null;

  @Field(() => Int, { description: 'Booked orders the distributor placed (sell-in), in your order scope.' })
  sellInOrderCount!: number;

  @Field(() => DecimalScalar, { description: 'Units of those orders.' })
  sellInQuantity!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Σ line totals of those orders (as Order.total).' })
  @ReadableBy(orderAmountReaders)
  sellInAmount!: string | null;

  @Field(() => DecimalScalar, { description: 'Units the distributor reported sold on (sell-through reports you may see), by sale day.' })
  sellThroughQuantity!: string;

  @Field(() => Float, { nullable: true, description: 'sellThroughQuantity ÷ sellInQuantity, rounded to 4 decimals; null without sell-in.' })
  sellThroughRate!: number | null;

  @Field(() => Int, { description: 'Channel conflicts detected in the span (those you may see).' })
  conflictCount!: number;

  @Field(() => Int, { description: 'Of those, the ones still OPEN.' })
  openConflictCount!: number;

  @Field(() => Int, { description: 'Of those, the ones CONFIRMED.' })
  confirmedConflictCount!: number;
}

@ObjectType({ description: 'Channel performance (L9, R2): sell-in against sell-through, and conflicts.' })
@ReadableBy(rowReaders)
export class ChannelPerformance {
  @Field(() => LocalDateResolver)
  from!: string;

  @Field(() => LocalDateResolver)
  to!: string;

  @Field(() => ChannelGrouping)
  groupBy!: ChannelGrouping;

  @Field(() => [ChannelPerformanceRow])
  rows!: ChannelPerformanceRow[];

  @Field(() => ChannelPerformanceRow)
  total!: ChannelPerformanceRow;
}
