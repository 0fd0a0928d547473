import { LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { User } from '../org/entities/user.entity';
import { appraisalReaders } from './appraisals.policy';
import { ImprovementPlan } from './entities/improvement-plan.entity';
import { PeriodKind, TargetMetric } from './targets.enums';

/** One period of a person's main metric: target, actual and achievement. */
@ObjectType({ description: 'Achievement of one period on the scorecard’s main metric.' })
@ReadableBy(appraisalReaders)
export class PeriodAchievement {
  @Field(() => LocalDateResolver)
  periodStart!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The person’s target; null when none is set (the period then does not count as missed).' })
  target!: string | null;

  @Field(() => DecimalScalar)
  actual!: string;

  @Field(() => DecimalScalar, { nullable: true })
  ratePercent!: string | null;
}

/** A person who missed target the scorecard's number of periods in a row (N11). */
@ObjectType({ description: 'A person who missed target N periods in a row and is due an improvement plan.' })
@ReadableBy(appraisalReaders)
export class ImprovementCandidate {
  @Field(() => User)
  user!: User;

  @Field(() => TargetMetric)
  metric!: TargetMetric;

  @Field(() => PeriodKind)
  periodKind!: PeriodKind;

  @Field(() => DecimalScalar, { description: 'A period below this achievement (percent) is missed.' })
  thresholdPercent!: string;

  @Field(() => Int, { description: 'Missed periods in a row that flag a person (the scorecard’s).' })
  missPeriods!: number;

  @Field(() => [PeriodAchievement], { description: 'The periods looked at, latest first: all missed.' })
  periods!: PeriodAchievement[];

  @Field(() => ImprovementPlan, { nullable: true, description: 'The person’s open improvement plan, if one is already running.' })
  openPlan!: ImprovementPlan | null;
}
