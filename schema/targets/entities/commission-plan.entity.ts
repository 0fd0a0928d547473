import { Check, Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { commissionReaders } from '../targets.policy';
import { CommissionBasis, TeamAwardKind, TeamAwardSplit } from '../commissions.enums';
import { Role } from '../../org/org.enums';
import { User } from '../../org/entities/user.entity';

/** A tiered commission plan (阶梯提成): the rate paid depends on the achievement of target. */
@ObjectType({ description: 'A tiered commission plan.' })
@ReadableBy(commissionReaders)
@Entity({ tableName: 'commission_plan' })
@Check({ name: 'commission_plan_dates_check', expression: 'valid_to is null or valid_to >= valid_from' })
@Check({ name: 'commission_plan_roles_check', expression: "jsonb_typeof(applies_to_roles) = 'array'" })
@Check({ name: 'commission_plan_cap_check', expression: '(cap_amount is null or cap_amount >= 0) and (cap_percent_of_target is null or cap_percent_of_target >= 0)' })
@Check({ name: 'commission_plan_team_award_check', expression: '(team_award_kind is null) = (team_award_value is null) and (team_award_value is null or team_award_value >= 0)' })
export class CommissionPlan extends VersionedRecord<
  'validTo' | 'active' | 'basisMetric' | 'appliesToRoles' | 'capAmount' | 'capPercentOfTarget' | 'teamAwardKind' | 'teamAwardValue' | 'teamAwardSplit'
> {

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

  @Field(() => CommissionBasis, { description: 'Which rows earn commission, and which target achievement is measured against.' })
  @Enum({ items: () => CommissionBasis, columnType: 'text', default: CommissionBasis.BOOKED_SALES })
  basisMetric: CommissionBasis = CommissionBasis.BOOKED_SALES;

  @Field(() => [Role], { description: 'The roles the plan pays; people assigned by name (assignees) take precedence.' })
  @Property({ type: 'json', default: '[]' })
  appliesToRoles: Role[] = [];

  @Field(() => DecimalScalar, { nullable: true, description: 'Most a statement pays from tiers per month; null: no amount cap.' })
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  capAmount: string | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Most a statement pays from tiers per month, in percent of the rep’s target; null: none.' })
  @Property({ type: 'decimal', precision: 6, scale: 2, nullable: true })
  capPercentOfTarget: string | null = null;

  @Field(() => TeamAwardKind, { nullable: true, description: 'A team award when the rep’s team reaches its target; null: none.' })
  @Enum({ items: () => TeamAwardKind, columnType: 'text', nullable: true })
  teamAwardKind: TeamAwardKind | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The award: an amount (AMOUNT) or a percent of the team’s actual (RATE).' })
  @Property({ type: 'decimal', precision: 14, scale: 3, nullable: true })
  teamAwardValue: string | null = null;

  @Field(() => TeamAwardSplit)
  @Enum({ items: () => TeamAwardSplit, columnType: 'text', default: TeamAwardSplit.BY_SHARE })
  teamAwardSplit: TeamAwardSplit = TeamAwardSplit.BY_SHARE;
}

/** A person a plan pays by name, whatever their role (a plan naming someone wins over a plan by role). */
@Entity({ tableName: 'commission_plan_assignee' })
@Unique({ name: 'commission_plan_assignee_unique', properties: ['plan', 'user'] })
export class CommissionPlanAssignee {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => CommissionPlan, deleteRule: 'cascade', index: false })
  plan!: CommissionPlan;

  @ManyToOne({ entity: () => User, deleteRule: 'cascade', index: 'commission_plan_assignee_user_idx' })
  user!: User;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
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
