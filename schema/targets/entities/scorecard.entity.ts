import { Check, Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { Role } from '../../org/org.enums';
import { AppraisalIndicator } from '../appraisals.enums';
import { scorecardReaders } from '../appraisals.policy';
import { TargetMetric } from '../targets.enums';

/**
 * A scorecard (考核表) for one role and a validity range: weighted indicators, and when a person counts as missing
 * target for an improvement plan. Master data, edited in the admin. An active scorecard's weights add up to 100 (a
 * deferred constraint trigger checks it at commit, so it is created inactive, given its lines, then activated).
 */
@ObjectType({ description: 'A scorecard (考核表): the weighted indicators a role is appraised on, valid for a date range.' })
@ReadableBy(scorecardReaders)
@Entity({ tableName: 'scorecard' })
@Check({ name: 'scorecard_dates_check', expression: 'valid_to is null or valid_to >= valid_from' })
@Check({ name: 'scorecard_miss_check', expression: 'miss_periods >= 1 and miss_periods <= 12 and miss_threshold_percent > 0' })
export class Scorecard extends VersionedRecord<'validTo' | 'active' | 'mainMetric' | 'missThresholdPercent' | 'missPeriods'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ length: 200 })
  name!: string;

  /** Text rather than the `user_role` type: only the appraised roles, and the admin's Prisma maps each enum type once. */
  @Field(() => Role)
  @Enum({ items: [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR] })
  role!: Role;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  validFrom!: string;

  @Field(() => LocalDateResolver, { nullable: true })
  @Property({ type: 'date', nullable: true })
  validTo: string | null = null;

  @Field({ description: 'Only active scorecards are used; their weights add up to 100.' })
  @Property({ default: false })
  active: boolean = false;

  @Field(() => TargetMetric, { description: 'The metric whose achievement decides whether a period counts as missed.' })
  @Enum({ items: () => TargetMetric, nativeEnumName: 'target_metric', default: TargetMetric.BOOKED_SALES })
  mainMetric: TargetMetric = TargetMetric.BOOKED_SALES;

  @Field(() => DecimalScalar, { description: 'A period is missed when the main metric’s achievement is below this (percent of target).' })
  @Property({ type: 'decimal', precision: 6, scale: 2, default: '100' })
  missThresholdPercent: string = '100';

  @Field(() => Int, { description: 'Missed periods in a row that flag a person for an improvement plan.' })
  @Property({ type: 'smallint', default: 3 })
  missPeriods: number = 3;
}

/** One weighted indicator of a scorecard; its score is min(achievement, cap) in percent. */
@ObjectType({ description: 'A weighted indicator of a scorecard. Score = min(achievement %, capPercent); weighted score = score × weight ÷ 100.' })
@ReadableBy(scorecardReaders)
@Entity({ tableName: 'scorecard_indicator' })
@Unique({ name: 'scorecard_indicator_unique', properties: ['scorecard', 'indicator'] })
@Check({ name: 'scorecard_indicator_values_check', expression: 'weight > 0 and weight <= 100 and cap_percent > 0' })
export class ScorecardIndicator {
  [OptionalProps]?: 'capPercent' | 'position' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Scorecard, deleteRule: 'cascade' })
  scorecard!: Scorecard;

  @Field(() => AppraisalIndicator)
  @Enum({ items: () => AppraisalIndicator, nativeEnumName: 'appraisal_indicator' })
  indicator!: AppraisalIndicator;

  @Field(() => DecimalScalar, { description: 'Weight in percent; an active scorecard’s weights add up to 100.' })
  @Property({ type: 'decimal', precision: 5, scale: 2 })
  weight!: string;

  @Field(() => DecimalScalar, { description: 'The highest score the indicator gives, in percent (over-achievement counts up to it).' })
  @Property({ type: 'decimal', precision: 6, scale: 2, default: '120' })
  capPercent: string = '120';

  @Field(() => Int)
  @Property({ type: 'smallint', default: 0 })
  position: number = 0;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
