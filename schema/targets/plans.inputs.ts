import { ArrayMaxSize, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { TextOf } from '../../api/validation';
import { PeriodKind } from './targets.enums';

/** The most key customers or expected deals one plan lists. */
export const MAX_PLAN_LINKS = 50;

@InputType({ description: 'A new sales plan: yours, or of someone you manage.' })
export class CreateSalesPlanInput {
  @Field(() => ID, { nullable: true, description: 'Whose plan; yourself when left out.' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @Field(() => PeriodKind)
  periodKind!: PeriodKind;

  @Field(() => LocalDateResolver, { description: 'First day of the period.' })
  periodStart!: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  summary?: string;

  @Field(() => [ID], { nullable: true, description: 'Key customers: customers the plan’s person may see.' })
  @IsOptional()
  @ArrayMaxSize(MAX_PLAN_LINKS)
  @IsUUID(undefined, { each: true })
  keyCustomerIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Expected deals: opportunities the plan’s person may see.' })
  @IsOptional()
  @ArrayMaxSize(MAX_PLAN_LINKS)
  @IsUUID(undefined, { each: true })
  opportunityIds?: string[];
}

@InputType({ description: 'Changes to a plan; lists given replace the old ones, fields left out stay.' })
export class UpdateSalesPlanInput {
  @Field(() => String, { nullable: true })
  @TextOf('note')
  summary?: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_PLAN_LINKS)
  @IsUUID(undefined, { each: true })
  keyCustomerIds?: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_PLAN_LINKS)
  @IsUUID(undefined, { each: true })
  opportunityIds?: string[];
}

@InputType({ description: 'An action of a plan.' })
export class PlanActionInput {
  @Field()
  @TextOf('name')
  title!: string;

  @Field(() => LocalDateResolver)
  dueOn!: string;
}

@InputType({ description: 'Filters for `salesPlans`. All given conditions must hold.' })
export class SalesPlanFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @Field(() => PeriodKind, { nullable: true })
  periodKind?: PeriodKind;

  @Field(() => Int, { nullable: true, description: 'Periods within this calendar year.' })
  @IsOptional()
  @Min(1900)
  @Max(9999)
  year?: number;
}

@ArgsType()
export class SalesPlansArgs extends PageArgs {
  @Field(() => SalesPlanFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: SalesPlanFilter;
}
