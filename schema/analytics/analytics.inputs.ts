import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { TextOf } from '../../api/validation';
import { SalesChannel } from '../catalog/catalog.enums';
import { CustomerTier } from '../customers/customers.enums';
import { AnalysisPeriod } from './analysis-period';
import { ChannelGrouping, ContractGrouping, SalesComparison, SalesDimension } from './analytics.enums';

/** Dimensions of one analysis at most: a table of three keys is already a cube to read. */
export const MAX_SALES_DIMENSIONS = 3;

/** The longest span of any analysis: ten years. */
export const MAX_ANALYSIS_DAYS = 3660;

/** The longest span bucketed by day: a year (366 rows per group at most). */
export const MAX_DAY_BUCKET_DAYS = 366;

@InputType({ description: 'A sales analysis: the span, up to three groupings, the bucket, a comparison and filters.' })
export class SalesAnalysisInput {
  @Field(() => LocalDateResolver, { description: 'The first booking day included (company time).' })
  from!: string;

  @Field(() => LocalDateResolver, { description: 'The last booking day included (company time); not before `from`.' })
  to!: string;

  @Field(() => [SalesDimension], { description: `0 to ${MAX_SALES_DIMENSIONS} dimensions, each once; [] gives one total row.` })
  @ArrayMaxSize(MAX_SALES_DIMENSIONS)
  groupBy!: SalesDimension[];

  @Field(() => AnalysisPeriod, {
    defaultValue: AnalysisPeriod.MONTH,
    description: `The bucket when PERIOD is grouped by. DAY buckets span at most ${MAX_DAY_BUCKET_DAYS} days; any analysis at most ${MAX_ANALYSIS_DAYS}.`,
  })
  period!: AnalysisPeriod;

  @Field(() => SalesComparison, { nullable: true, description: 'With it, each row also carries the earlier span’s figures and the change.' })
  @IsOptional()
  compareWith?: SalesComparison | null;

  @Field(() => ID, { nullable: true, description: 'Only orders owned by people in this org unit’s subtree (internal users only).' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only orders owned by this person (internal users only).' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only lines of products of this line.' })
  @IsOptional()
  @IsUUID()
  productLineId?: string | null;

  @Field(() => SalesChannel, { nullable: true, description: 'Only orders of this channel (see SalesDimension.CHANNEL).' })
  @IsOptional()
  channel?: SalesChannel | null;

  @Field(() => CustomerTier, { nullable: true, description: 'Only customers of this tier today (internal users only).' })
  @IsOptional()
  customerTier?: CustomerTier | null;

  @Field(() => String, { nullable: true, description: 'Only customers of this industry today.' })
  @IsOptional()
  @TextOf('label')
  industry?: string | null;
}

@InputType({ description: 'Contract fulfilment: the signed contracts in force on some day of the span, and how far each is fulfilled.' })
export class ContractFulfilmentInput {
  @Field(() => LocalDateResolver, { description: 'Contracts ending on or after this day…' })
  from!: string;

  @Field(() => LocalDateResolver, { description: '…and starting on or before this one.' })
  to!: string;

  @Field(() => ContractGrouping, { defaultValue: ContractGrouping.CONTRACT })
  groupBy!: ContractGrouping;

  @Field(() => ID, { nullable: true, description: 'Only contracts owned by people in this org unit’s subtree.' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only contracts owned by this person.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this customer’s contracts.' })
  @IsOptional()
  @IsUUID()
  customerId?: string | null;
}

@InputType({ description: 'Renewal rate: of the signed contracts ending in each period, the share with a signed renewal.' })
export class RenewalRateInput {
  @Field(() => LocalDateResolver, { description: 'The first end date counted.' })
  from!: string;

  @Field(() => LocalDateResolver, { description: 'The last end date counted; not before `from`.' })
  to!: string;

  @Field(() => AnalysisPeriod, { defaultValue: AnalysisPeriod.QUARTER, description: 'The bucket of the end dates.' })
  period!: AnalysisPeriod;

  @Field(() => ContractGrouping, { nullable: true, description: 'OWNER, TEAM or REGION (not CONTRACT); none: per period only.' })
  @IsOptional()
  groupBy?: ContractGrouping | null;

  @Field(() => ID, { nullable: true, description: 'Only contracts owned by people in this org unit’s subtree.' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string | null;
}

@InputType({ description: 'Channel performance: distributors’ sell-in against their sell-through, and channel conflicts.' })
export class ChannelPerformanceInput {
  @Field(() => LocalDateResolver, { description: 'The first day (booking day of sell-in orders, sale day of sell-through, detection day of conflicts).' })
  from!: string;

  @Field(() => LocalDateResolver, { description: 'The last day included; not before `from`.' })
  to!: string;

  @Field(() => ChannelGrouping, { defaultValue: ChannelGrouping.DISTRIBUTOR })
  groupBy!: ChannelGrouping;

  @Field(() => ID, { nullable: true, description: 'Only this distributor.' })
  @IsOptional()
  @IsUUID()
  distributorId?: string | null;
}
