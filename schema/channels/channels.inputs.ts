import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { QUANTITY_MAX, TextOf } from '../../api/validation';
import { ChannelConflictKind, ChannelConflictStatus } from './channels.enums';

/** Lines per sell-through report: a month of a busy distributor, small enough to check in one transaction. */
export const MAX_SELL_THROUGH_LINES = 500;


@InputType({ description: 'One sale the distributor made: what, how many, from which batch, to whom, where and when.' })
export class SellThroughLineInput {
  @Field(() => ID)
  @IsUUID()
  productId!: string;

  @Field(() => Int)
  @Min(1)
  @Max(QUANTITY_MAX)
  quantity!: number;

  @Field({ description: 'Production batch number (批号) printed on the units sold.' })
  @TextOf('label')
  batchNumber!: string;

  @Field({ description: 'Who bought the units from the distributor.' })
  @TextOf('name')
  endCustomerName!: string;

  @Field(() => ID, { description: 'The region the sale was made in (an org unit of kind REGION).' })
  @IsUUID()
  saleRegionId!: string;

  @Field(() => LocalDateResolver, { description: 'Within the report’s period, and not in the future.' })
  soldOn!: string;
}

@InputType({ description: 'A distributor’s sell-through report (流向) for one period; a distributor’s periods never overlap.' })
export class SubmitSellThroughReportInput {
  @Field(() => LocalDateResolver)
  periodStart!: string;

  @Field(() => LocalDateResolver, { description: 'On or after periodStart.' })
  periodEnd!: string;

  @Field(() => [SellThroughLineInput], { description: `1 to ${MAX_SELL_THROUGH_LINES} sales.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SELL_THROUGH_LINES)
  @ValidateNested({ each: true })
  lines!: SellThroughLineInput[];
}

@InputType({ description: 'Filters for `sellThroughReports`. All given conditions must hold.' })
export class SellThroughReportFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  distributorId?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Reports whose period ends on or after this day.' })
  periodFrom?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Reports whose period starts on or before this day.' })
  periodTo?: string;
}

@ArgsType()
export class SellThroughReportsArgs extends PageArgs {
  @Field(() => SellThroughReportFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: SellThroughReportFilter;
}

@InputType({ description: 'Filters for `channelConflicts`. All given conditions must hold.' })
export class ChannelConflictFilter {
  @Field(() => [ChannelConflictStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMinSize(1)
  statuses?: ChannelConflictStatus[];

  @Field(() => [ChannelConflictKind], { nullable: true, description: 'Any of these kinds.' })
  @IsOptional()
  @ArrayMinSize(1)
  kinds?: ChannelConflictKind[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  distributorId?: string;

  @Field(() => ID, { nullable: true, description: 'Conflicts whose home or found region is this one.' })
  @IsOptional()
  @IsUUID()
  regionId?: string;
}

@ArgsType()
export class ChannelConflictsArgs extends PageArgs {
  @Field(() => ChannelConflictFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: ChannelConflictFilter;
}

/** How long a resolution note may be. */
export const MAX_RESOLUTION_LENGTH = 2000;
