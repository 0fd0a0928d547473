import { ArrayMaxSize, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { DecimalOf, TextOf } from '../../api/validation';
import { AppraisalIndicator, AppraisalRecommendation, AppraisalStatus } from './appraisals.enums';
import { PeriodKind } from './targets.enums';

@InputType({ description: 'A period to appraise: its kind and first day; the org unit narrows it to the people below that unit.' })
export class RunAppraisalsInput {
  @Field(() => PeriodKind)
  periodKind!: PeriodKind;

  @Field(() => LocalDateResolver, { description: 'The first day of the month, quarter or year.' })
  periodStart!: string;

  @Field(() => ID, { nullable: true, description: 'Only the people in this unit’s subtree (a unit you head, or any for the VP and admins).' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string | null;
}

@ArgsType()
export class AppraisalsArgs {
  @Field(() => PeriodKind)
  periodKind!: PeriodKind;

  @Field(() => LocalDateResolver)
  periodStart!: string;

  @Field(() => AppraisalStatus, { nullable: true })
  status?: AppraisalStatus | null;

  @Field(() => ID, { nullable: true, description: 'One person’s appraisal.' })
  @IsOptional()
  @IsUUID()
  userId?: string | null;
}

@InputType({ description: 'A reviewer’s score for one indicator, replacing the computed one; the reason is required.' })
export class ScoreAdjustmentInput {
  @Field(() => AppraisalIndicator)
  indicator!: AppraisalIndicator;

  @Field(() => DecimalScalar, { nullable: true, description: 'The score in percent (0–200); null takes the adjustment back.' })
  @DecimalOf('score')
  score?: string | null;

  @Field(() => String, { nullable: true, description: 'Why; required with a score.' })
  @TextOf('note')
  reason?: string | null;
}

@InputType({ description: 'The reviewing manager’s review: score adjustments, a comment and a recommendation (N9).' })
export class ReviewAppraisalInput {
  @Field(() => [ScoreAdjustmentInput], { nullable: true, description: 'Adjustments to make; lines not named keep theirs.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  adjustments?: ScoreAdjustmentInput[] | null;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  comment?: string | null;

  @Field(() => AppraisalRecommendation, { nullable: true })
  recommendation?: AppraisalRecommendation | null;
}

@ArgsType()
export class ImprovementCandidatesArgs {
  @Field(() => PeriodKind, { defaultValue: PeriodKind.MONTH })
  periodKind: PeriodKind = PeriodKind.MONTH;

  @Field(() => LocalDateResolver, { description: 'The first day of the last period looked at.' })
  periodStart!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string | null;
}

@InputType({ description: 'One action of an improvement plan.' })
export class ImprovementActionInput {
  @Field()
  @TextOf('note')
  description!: string;

  @Field(() => LocalDateResolver)
  dueOn!: string;
}

@InputType({ description: 'A new improvement plan for a person below you.' })
export class OpenImprovementPlanInput {
  @Field(() => ID)
  @IsUUID()
  userId!: string;

  @Field()
  @TextOf('note')
  reason!: string;

  @Field()
  @TextOf('note')
  goal!: string;

  @Field(() => PeriodKind, { nullable: true })
  missedPeriodKind?: PeriodKind | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The last missed period’s first day (see improvementCandidates).' })
  missedUntil?: string | null;

  @Field(() => [ImprovementActionInput])
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  actions!: ImprovementActionInput[];
}

@InputType({ description: 'Progress of one improvement action.' })
export class UpdateImprovementActionInput {
  @Field(() => LocalDateResolver, { nullable: true, description: 'When it was done; null reopens it.' })
  doneOn?: string | null;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  result?: string | null;
}
