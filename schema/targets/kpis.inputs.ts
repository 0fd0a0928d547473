import { IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { UserInputError } from '../../api/errors';
import { MAX_PAGE_SIZE } from '../../api/pagination';
import { TextOf } from '../../api/validation';
import { kpiPeriod, yearToDate, type KpiPeriod, type KpiSubject } from './kpis.service';
import { PeriodKind, TargetMetric } from './targets.enums';

@InputType({ description: 'A person (userId) or an org unit (orgUnitId: the sum over its subtree); exactly one.' })
export class PerformanceSubjectInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  userId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string | null;
}

@InputType({ description: 'A month, quarter or year (`kind` and its first day `start`), or `yearToDate` (January 1st to `asOf`, default today).' })
export class PerformancePeriodInput {
  @Field(() => PeriodKind, { nullable: true })
  kind?: PeriodKind | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The first day of the month, quarter or year.' })
  start?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'January 1st to `asOf`, instead of kind and start.' })
  yearToDate?: boolean | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The last day of a year to date; today (company time) when left out.' })
  asOf?: string | null;
}

/** The subject of an input; BAD_USER_INPUT at `path` unless exactly one of its ids is given. */
export function subjectOf(input: PerformanceSubjectInput, path = 'subject'): KpiSubject {
  const userId = input.userId ?? null;
  const orgUnitId = input.orgUnitId ?? null;
  if ((userId === null) === (orgUnitId === null)) throw UserInputError.field(path, 'give either userId or orgUnitId');
  return userId !== null ? { userId } : { orgUnitId: orgUnitId! };
}

/** The period of an input; BAD_USER_INPUT at `path` when it names none or both forms, or a start that begins no period. */
export function periodOf(input: PerformancePeriodInput, path = 'period'): KpiPeriod {
  const fixed = input.kind != null || input.start != null;
  if (input.yearToDate === true) {
    if (fixed) throw UserInputError.field(path, 'give either kind and start, or yearToDate');
    return yearToDate(input.asOf ?? undefined);
  }
  if (input.kind == null || input.start == null || input.asOf != null) throw UserInputError.field(path, 'give either kind and start, or yearToDate');
  return kpiPeriod(input.kind, input.start, `${path}.start`);
}

@ArgsType()
export class PerformanceFactsArgs {
  @Field(() => PerformanceSubjectInput)
  @ValidateNested()
  subject!: PerformanceSubjectInput;

  @Field(() => PerformancePeriodInput)
  period!: PerformancePeriodInput;

  @Field(() => TargetMetric)
  metric!: TargetMetric;

  @Field(() => ID, { nullable: true, description: 'Only this product line’s rows (BOOKED_SALES).' })
  @IsOptional()
  @IsUUID()
  productLineId?: string | null;

  @Field(() => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}

@InputType({ description: 'A sales contest among the people of a unit you head.' })
export class CreateSalesContestInput {
  @Field()
  @TextOf('name')
  name!: string;

  @Field(() => TargetMetric)
  metric!: TargetMetric;

  @Field(() => PeriodKind)
  periodKind!: PeriodKind;

  @Field(() => LocalDateResolver, { description: 'The first day of the month, quarter or year.' })
  periodStart!: string;

  @Field(() => ID, { description: 'The unit whose people compete (everyone on its leaderboard).' })
  @IsUUID()
  orgUnitId!: string;
}
