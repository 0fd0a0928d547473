import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { rowReaders } from '../../api/permissions/access-rule';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { SalesChannel } from '../catalog/catalog.enums';
import { CustomerTier } from '../customers/customers.enums';
import { costReaders, internalReaders, orderAmountReaders } from '../orders/orders.policy';
import { AnalysisPeriod } from './analysis-period';
import { SalesDimension } from './analytics.enums';

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
