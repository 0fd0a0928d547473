import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { DecimalOf, TextOf } from '../../api/validation';
import { CustomerTier } from '../customers/customers.enums';
import { CustomerNovelty, PeriodKind, SplitBasis, TargetAdjustmentStatus, TargetDimension, TargetMetric } from './targets.enums';

/** The most children one `setTargets` call writes (a region's teams, a team's reps, a year's months, product lines). */
export const MAX_TARGETS_PER_CALL = 200;

@InputType({ description: 'Filters for `salesTargets`. All given conditions must hold.' })
export class SalesTargetFilter {
  @Field(() => TargetMetric, { nullable: true })
  metric?: TargetMetric;

  @Field(() => PeriodKind, { nullable: true })
  periodKind?: PeriodKind;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Periods starting on this day.' })
  periodStart?: string;

  @Field(() => Int, { nullable: true, description: 'Periods within this calendar year.' })
  @IsOptional()
  @Min(1900)
  @Max(9999)
  year?: number;

  @Field(() => ID, { nullable: true, description: 'Targets of this org unit.' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @Field(() => ID, { nullable: true, description: 'Targets of this person.' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @Field(() => ID, { nullable: true, description: 'Targets of this product line.' })
  @IsOptional()
  @IsUUID()
  productLineId?: string;

  @Field(() => Boolean, { nullable: true, description: 'true: only targets over all product lines and customers (no slice).' })
  unsliced?: boolean;
}

@ArgsType()
export class SalesTargetsArgs extends PageArgs {
  @Field(() => SalesTargetFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: SalesTargetFilter;
}

@InputType({
  description:
    'One target to write. Under a parent, what is left out is the parent’s (its level, period and slice), so a child names only what makes it finer: ' +
    'a unit or person, a period, a product line or a customer segment. Without a parent every target names its level, period kind and start.',
})
export class TargetValueInput {
  @Field(() => ID, { nullable: true, description: 'The org unit the target is for (give this or userId).' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @Field(() => ID, { nullable: true, description: 'The person the target is for (give this or orgUnitId).' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @Field(() => PeriodKind, { nullable: true })
  periodKind?: PeriodKind;

  @Field(() => LocalDateResolver, { nullable: true, description: 'First day of the period.' })
  periodStart?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  productLineId?: string;

  @Field(() => CustomerTier, { nullable: true })
  customerTier?: CustomerTier;

  @Field(() => CustomerNovelty, { nullable: true })
  customerNovelty?: CustomerNovelty;

  @Field(() => DecimalScalar, { description: 'An amount (BOOKED_SALES, COLLECTIONS) or a count (NEW_CUSTOMERS, VISITS), ≥ 0.' })
  @DecimalOf('amount')
  value!: string;

  @Field(() => String, { nullable: true, description: 'Why this value (kept with the version).' })
  @TextOf('note')
  reason?: string;
}

@InputType({ description: 'Targets of one level written at once, in one transaction: a parent’s children, or top-level targets.' })
export class SetTargetsInput {
  @Field(() => ID, { nullable: true, description: 'The target being decomposed: every target below is its child.' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @Field(() => TargetMetric, { nullable: true, description: 'Without parentId: the metric of every target (under a parent: the parent’s).' })
  metric?: TargetMetric;

  @Field(() => [TargetValueInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TARGETS_PER_CALL)
  @ValidateNested({ each: true })
  targets!: TargetValueInput[];
}

@ArgsType()
export class ProposeTargetSplitArgs {
  @Field(() => ID)
  @IsUUID()
  parentId!: string;

  @Field(() => TargetDimension, { defaultValue: TargetDimension.ORG })
  dimension: TargetDimension = TargetDimension.ORG;

  @Field(() => SplitBasis, { defaultValue: SplitBasis.LAST_YEAR_ACTUALS })
  basis: SplitBasis = SplitBasis.LAST_YEAR_ACTUALS;
}

@ArgsType()
export class TargetBreakdownArgs {
  @Field(() => ID)
  @IsUUID()
  targetId!: string;

  @Field(() => TargetDimension, { defaultValue: TargetDimension.ORG })
  dimension: TargetDimension = TargetDimension.ORG;
}

@InputType({ description: 'A change of a locked target, for the next level up to decide.' })
export class RequestTargetAdjustmentInput {
  @Field(() => ID)
  @IsUUID()
  targetId!: string;

  @Field(() => DecimalScalar, { description: 'The value asked for.' })
  @DecimalOf('amount')
  newValue!: string;

  @Field({ description: 'Why the target should change.' })
  @TextOf('note')
  reason!: string;
}

@InputType({ description: 'Filters for `targetAdjustments`. All given conditions must hold.' })
export class TargetAdjustmentFilter {
  @Field(() => TargetAdjustmentStatus, { nullable: true })
  status?: TargetAdjustmentStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  targetId?: string;

  @Field(() => Boolean, { nullable: true, description: 'true: only requests waiting for your decision.' })
  awaitingMyDecision?: boolean;
}

@ArgsType()
export class TargetAdjustmentsArgs extends PageArgs {
  @Field(() => TargetAdjustmentFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: TargetAdjustmentFilter;
}
