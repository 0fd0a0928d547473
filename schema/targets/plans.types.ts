import { Field, Int, ObjectType } from 'type-graphql';
import { rowReaders } from '../../api/permissions/access-rule';
import { Connection } from '../../api/pagination';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { SalesPlan } from './entities/sales-plan.entity';
import { TargetMetric } from './targets.enums';

@ObjectType()
export class SalesPlanConnection extends Connection(SalesPlan, 'SalesPlan') {}

@ObjectType({ description: 'One metric of a plan’s person in its period: their target (unsliced) and what they achieved (sales_performance_fact).' })
@ReadableBy(rowReaders)
export class PlanMetricProgress {
  @Field(() => TargetMetric)
  metric!: TargetMetric;

  @Field(() => DecimalScalar, { nullable: true, description: 'The person’s target for the period over all lines and customers; null when none is set.' })
  target!: string | null;

  @Field(() => DecimalScalar)
  actual!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'actual ÷ target, to four decimals; null without a target or with a zero one.' })
  rate!: string | null;
}

/**
 * A plan's progress. The targets it shows are its person's, which everyone who sees the plan may read (the plan's
 * scope lies within the targets' one), so it needs no field rule of its own.
 */
@ObjectType({ description: 'Where a plan stands: actual against target per metric, and its actions done.' })
@ReadableBy(rowReaders)
export class PlanProgress {
  @Field(() => [PlanMetricProgress])
  metrics!: PlanMetricProgress[];

  @Field(() => Int)
  actionsDone!: number;

  @Field(() => Int)
  actionsTotal!: number;
}
