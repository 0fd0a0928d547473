import { Check, Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { commissionReaders } from '../targets.policy';

/** A tiered commission plan (阶梯提成): the rate paid depends on the achievement of target. */
@ObjectType({ description: 'A tiered commission plan.' })
@ReadableBy(commissionReaders)
@Entity({ tableName: 'commission_plan' })
@Check({ name: 'commission_plan_dates_check', expression: 'valid_to is null or valid_to >= valid_from' })
export class CommissionPlan extends VersionedRecord<'validTo' | 'active'> {

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  validFrom!: string;

  @Field(() => LocalDateResolver, { nullable: true })
  @Property({ type: 'date', nullable: true })
  validTo: string | null = null;

  @Field()
  @Property({ default: true })
  active: boolean = true;
}

/** From `achievementFrom` % of target (inclusive) up to `achievementTo` % (exclusive; open when null), pay `ratePercent`. */
@ObjectType({ description: 'A commission tier: achievement range (percent of target) → commission rate (percent of sales).' })
@ReadableBy(commissionReaders)
@Entity({ tableName: 'commission_tier' })
@Check({
  name: 'commission_tier_range_check',
  expression: 'achievement_from >= 0 and (achievement_to is null or achievement_to > achievement_from) and rate_percent >= 0 and rate_percent <= 100',
})
export class CommissionTier {
  [OptionalProps]?: 'achievementTo' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => CommissionPlan, deleteRule: 'cascade', index: true })
  plan!: CommissionPlan;

  @Field(() => DecimalScalar, { description: 'Inclusive lower bound, in percent of target.' })
  @Property({ type: 'decimal', precision: 6, scale: 2 })
  achievementFrom!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Exclusive upper bound; null means no upper bound.' })
  @Property({ type: 'decimal', precision: 6, scale: 2, nullable: true })
  achievementTo: string | null = null;

  @Field(() => DecimalScalar, { description: 'Commission rate in percent of sales.' })
  @Property({ type: 'decimal', precision: 6, scale: 3 })
  ratePercent!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
