import { Check, Collection, Entity, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { User } from '../../org/entities/user.entity';
import { forecastReadersOfRow } from '../forecasts.policy';

/**
 * A person's rolling forecast (滚动预测) made in one month (`periodMonth`), for that month and up to five after. One per
 * person and month: resubmitting in the same month replaces the lines (version + 1); once the month is over it is
 * frozen, so a month's submissions are that month's snapshot, against which accuracy is measured.
 */
@ObjectType({ description: 'A person’s forecast made in one month for the months ahead; the month’s last submission is its snapshot.' })
@ReadableBy(forecastReadersOfRow)
@Entity({ tableName: 'forecast_submission' })
@Unique({ name: 'forecast_submission_user_period_unique', properties: ['user', 'periodMonth'] })
@Index({ name: 'forecast_submission_period_idx', properties: ['periodMonth', 'user'] })
@Check({ name: 'forecast_submission_month_check', expression: 'extract(day from period_month) = 1' })
export class ForecastSubmission extends VersionedRecord<'submittedAt' | 'note'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: false })
  user!: User;

  @Field(() => LocalDateResolver, { description: 'The month it was made in (its first day).' })
  @Property({ type: 'date' })
  periodMonth!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  submittedAt: Date = new Date();

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @OneToMany({ entity: () => ForecastLine, mappedBy: 'submission', orderBy: { month: 'asc' } })
  lines = new Collection<ForecastLine>(this);
}

/** The figures of a submission for one month of its horizon, beside what `proposeForecast` proposed when it was submitted. */
@ObjectType({ description: 'A forecast for one month in the three categories; COMMIT ≤ BEST_CASE.' })
@ReadableBy(forecastReadersOfRow)
@Entity({ tableName: 'forecast_line' })
@Unique({ name: 'forecast_line_submission_month_unique', properties: ['submission', 'month'] })
@Check({ name: 'forecast_line_month_check', expression: 'extract(day from month) = 1' })
@Check({ name: 'forecast_line_amounts_check', expression: 'commit >= 0 and best_case >= commit and pipeline >= 0' })
export class ForecastLine {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => ForecastSubmission, deleteRule: 'cascade', index: false })
  submission!: ForecastSubmission;

  @Field(() => LocalDateResolver, { description: 'The month forecast (its first day).' })
  @Property({ type: 'date' })
  month!: string;

  @Field(() => DecimalScalar, { description: 'What the person commits to book in the month.' })
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  commit!: string;

  @Field(() => DecimalScalar, { description: 'The commit plus the upside the person thinks likely.' })
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  bestCase!: string;

  @Field(() => DecimalScalar, { description: 'The probability-weighted pipeline closing in the month.' })
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  pipeline!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'What proposeForecast proposed for COMMIT when this was submitted.' })
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  proposedCommit: string | null = null;

  @Field(() => DecimalScalar, { nullable: true })
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  proposedBestCase: string | null = null;

  @Field(() => DecimalScalar, { nullable: true })
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  proposedPipeline: string | null = null;
}
