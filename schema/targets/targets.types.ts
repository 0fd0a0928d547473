import { LocalDateResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { accessRule, rowReaders } from '../../api/permissions/access-rule';
import { Connection } from '../../api/pagination';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { CustomerTier } from '../customers/customers.enums';
import { SalesTarget } from './entities/sales-target.entity';
import { TargetAdjustment } from './entities/target-adjustment.entity';
import { CustomerNovelty, PeriodKind, SplitBasis, TargetDimension } from './targets.enums';

@ObjectType()
export class SalesTargetConnection extends Connection(SalesTarget, 'SalesTarget') {}

@ObjectType()
export class TargetAdjustmentConnection extends Connection(TargetAdjustment, 'TargetAdjustment') {}

/**
 * A breakdown's totals: only for a viewer who sees the target's value and every child's. Anyone else would learn the
 * sum of values they may not read (a rep's team breakdown minus his own target is his peers' money).
 */
export const breakdownTotalReaders = accessRule<TargetBreakdown>(
  'target-breakdown-total-readers',
  'whoever may read the value of the target and of every one of its children in the dimension',
  (ctx, breakdown) => ctx.viewer !== null && breakdown.seesEveryValue,
);

@ObjectType({ description: 'A target and its children in one dimension, with what they add up to and what is left unallocated.' })
@ReadableBy(rowReaders)
export class TargetBreakdown {
  @Field(() => SalesTarget)
  target!: SalesTarget;

  @Field(() => TargetDimension)
  dimension!: TargetDimension;

  @Field(() => [SalesTarget], { description: 'The children you may see, by level and period.' })
  children!: SalesTarget[];

  @Field(() => DecimalScalar, { nullable: true, description: 'The sum of the children’s values.' })
  @ReadableBy(breakdownTotalReaders)
  allocated!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The target minus the children’s sum: positive when less than the target was handed down, negative when more. Children need not add up exactly.',
  })
  @ReadableBy(breakdownTotalReaders)
  unallocated!: string;

  /** Whether the viewer sees the target's value and every child's (not exposed: it decides the totals' rule). */
  seesEveryValue!: boolean;
}

@ObjectType({ description: 'A proposed child target (not saved): edit the values and pass them to setTargets.' })
@ReadableBy(rowReaders)
export class ProposedTarget {
  /** Ids for the field resolvers; exposed as objects. */
  orgUnitId!: string | null;
  userId!: string | null;
  productLineId!: string | null;

  @Field(() => PeriodKind)
  periodKind!: PeriodKind;

  @Field(() => LocalDateResolver)
  periodStart!: string;

  @Field(() => CustomerTier, { nullable: true })
  customerTier!: CustomerTier | null;

  @Field(() => CustomerNovelty, { nullable: true })
  customerNovelty!: CustomerNovelty | null;

  @Field(() => DecimalScalar, { description: 'The proposed value; the proposals add up exactly to the parent.' })
  value!: string;

  @Field(() => DecimalScalar, { description: 'What this child achieved in the same period a year earlier (0 with EQUAL).' })
  lastYearActual!: string;
}

@ObjectType({ description: 'A proposed split of a target into its children, not saved.' })
@ReadableBy(rowReaders)
export class TargetSplitProposal {
  @Field(() => SalesTarget)
  parent!: SalesTarget;

  @Field(() => TargetDimension)
  dimension!: TargetDimension;

  @Field(() => SplitBasis, { description: 'The basis used: EQUAL when last year’s actuals were all zero.' })
  basis!: SplitBasis;

  @Field(() => [ProposedTarget])
  children!: ProposedTarget[];
}
