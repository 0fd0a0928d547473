import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { AppraisalIndicator, AppraisalRecommendation, AppraisalStatus } from '../appraisals.enums';
import { appraisalReaders, appraisalScoreReaders } from '../appraisals.policy';
import { PeriodKind } from '../targets.enums';
import { Scorecard } from './scorecard.entity';

/**
 * One person's appraisal (绩效考核) for one period, computed from their scorecard; reviewed by the head of their
 * unit (the next head up for a unit's head), confirmed by the level above, then archived and unchangeable (a
 * trigger refuses any change to an archived appraisal or its lines).
 */
@ObjectType({ description: 'A person’s appraisal for a month, quarter or year: indicator lines, total score and grade, review and confirmation.' })
@ReadableBy(appraisalReaders)
@Entity({ tableName: 'appraisal' })
@Unique({ name: 'appraisal_person_period_unique', properties: ['user', 'periodKind', 'periodStart'] })
@Index({ name: 'appraisal_period_idx', properties: ['periodKind', 'periodStart'] })
@Check({ name: 'appraisal_period_check', expression: 'period_end >= period_start' })
export class Appraisal extends VersionedRecord<
  'orgUnit' | 'status' | 'totalScore' | 'grade' | 'recommendation' | 'reviewComment' | 'reviewedBy' | 'reviewedAt' | 'returnComment' | 'confirmedBy' | 'confirmedAt' | 'computedAt'
> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  user!: User;

  /** The person's unit when the appraisal was computed. */
  @ManyToOne({ entity: () => OrgUnit, nullable: true, deleteRule: 'restrict', index: true })
  orgUnit: OrgUnit | null = null;

  @ManyToOne({ entity: () => Scorecard, deleteRule: 'restrict', index: true })
  scorecard!: Scorecard;

  @Field(() => PeriodKind)
  @Enum({ items: () => PeriodKind, nativeEnumName: 'period_kind' })
  periodKind!: PeriodKind;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  periodStart!: string;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  periodEnd!: string;

  @Field(() => AppraisalStatus)
  @Enum({ items: () => AppraisalStatus, nativeEnumName: 'appraisal_status', default: AppraisalStatus.DRAFT })
  status: AppraisalStatus = AppraisalStatus.DRAFT;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Σ weighted scores × 100 ÷ Σ weights of the scored lines (a line without a target and without an adjustment is not scored).',
  })
  @ReadableBy(appraisalScoreReaders)
  @Property({ type: 'decimal', precision: 7, scale: 2, nullable: true })
  totalScore: string | null = null;

  @Field(() => String, { nullable: true, description: 'A: total ≥ 100; B: ≥ 85; C: ≥ 70; D: below 70.' })
  @ReadableBy(appraisalScoreReaders)
  @Property({ type: 'text', nullable: true })
  grade: string | null = null;

  @Field(() => AppraisalRecommendation, { nullable: true })
  @ReadableBy(appraisalScoreReaders)
  @Enum({ items: () => AppraisalRecommendation, nativeEnumName: 'appraisal_recommendation', nullable: true })
  recommendation: AppraisalRecommendation | null = null;

  @Field(() => String, { nullable: true })
  @ReadableBy(appraisalScoreReaders)
  @Property({ type: 'text', nullable: true })
  reviewComment: string | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict' })
  reviewedBy: User | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Why the confirming level returned it to the reviewer (the last time).' })
  @ReadableBy(appraisalScoreReaders)
  @Property({ type: 'text', nullable: true })
  returnComment: string | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict' })
  confirmedBy: User | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null = null;

  @Field(() => Date, { description: 'When the figures were last computed.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  computedAt: Date = new Date();
}

/** One indicator of an appraisal: the figures it was scored from, the computed score and any adjustment with its reason. */
@ObjectType({ description: 'One indicator line of an appraisal.' })
@ReadableBy(appraisalReaders)
@Entity({ tableName: 'appraisal_line' })
@Unique({ name: 'appraisal_line_indicator_unique', properties: ['appraisal', 'indicator'] })
@Check({ name: 'appraisal_line_adjustment_check', expression: '(adjusted_score is null) = (adjustment_reason is null)' })
export class AppraisalLine {
  [OptionalProps]?: 'target' | 'ratePercent' | 'computedScore' | 'adjustedScore' | 'adjustmentReason';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Appraisal, deleteRule: 'cascade' })
  appraisal!: Appraisal;

  /** The person appraised (as on the appraisal), so the line's figures are guarded by the same rule, row by row. */
  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: true })
  user!: User;

  @Field(() => AppraisalIndicator)
  @Enum({ items: () => AppraisalIndicator, nativeEnumName: 'appraisal_indicator' })
  indicator!: AppraisalIndicator;

  @Field(() => Int)
  @Property({ type: 'smallint' })
  position!: number;

  @Field(() => DecimalScalar, { description: 'Weight in percent, from the scorecard.' })
  @Property({ type: 'decimal', precision: 5, scale: 2 })
  weight!: string;

  @Field(() => DecimalScalar, { description: 'The highest score the line gives, in percent, from the scorecard.' })
  @Property({ type: 'decimal', precision: 6, scale: 2 })
  capPercent!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The person’s target for the period; null when none is set.' })
  @ReadableBy(appraisalScoreReaders)
  @Property({ type: 'decimal', precision: 16, scale: 2, nullable: true })
  target: string | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'What counted in the period (sales_performance_fact).' })
  @ReadableBy(appraisalScoreReaders)
  @Property({ type: 'decimal', precision: 16, scale: 2 })
  actual!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'actual ÷ target × 100; null without a target.' })
  @ReadableBy(appraisalScoreReaders)
  @Property({ type: 'decimal', precision: 9, scale: 2, nullable: true })
  ratePercent: string | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'min(ratePercent, capPercent); null without a target.' })
  @ReadableBy(appraisalScoreReaders)
  @Property({ type: 'decimal', precision: 7, scale: 2, nullable: true })
  computedScore: string | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The reviewer’s score, replacing the computed one.' })
  @ReadableBy(appraisalScoreReaders)
  @Property({ type: 'decimal', precision: 7, scale: 2, nullable: true })
  adjustedScore: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why the reviewer adjusted the score (required with an adjustment).' })
  @ReadableBy(appraisalScoreReaders)
  @Property({ type: 'text', nullable: true })
  adjustmentReason: string | null = null;

  /** The score that counts: the adjusted one, else the computed one. */
  @Field(() => DecimalScalar, { nullable: true, description: 'adjustedScore, else computedScore.' })
  @ReadableBy(appraisalScoreReaders)
  get score(): string | null {
    return this.adjustedScore ?? this.computedScore;
  }

  @Field(() => DecimalScalar, { nullable: true, description: 'score × weight ÷ 100, to 2 places.' })
  @ReadableBy(appraisalScoreReaders)
  get weightedScore(): string | null {
    const score = this.score;
    return score === null ? null : new Decimal(score).times(this.weight).div(100).toDecimalPlaces(2).toFixed(2);
  }
}
