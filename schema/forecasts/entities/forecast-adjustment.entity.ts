import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { forecastReadersOfRow } from '../forecasts.policy';

/**
 * A head of unit's override of the unit's forecast roll-up for one month, made in one month, kept beside the roll-up as
 * it stood when adjusted (the `submitted*` figures), with who and why. One per unit, month made in and month
 * forecast: adjusting again in the same month replaces it (version + 1).
 */
@ObjectType({ description: 'A manager’s or director’s adjustment of their unit’s forecast for one month, beside the figure as submitted.' })
@ReadableBy(forecastReadersOfRow)
@Entity({ tableName: 'forecast_adjustment' })
@Unique({ name: 'forecast_adjustment_unit_period_month_unique', properties: ['orgUnit', 'periodMonth', 'month'] })
@Index({ name: 'forecast_adjustment_period_idx', properties: ['periodMonth', 'orgUnit'] })
@Check({ name: 'forecast_adjustment_month_check', expression: 'extract(day from period_month) = 1 and extract(day from month) = 1 and month >= period_month' })
@Check({ name: 'forecast_adjustment_amounts_check', expression: 'commit >= 0 and best_case >= commit and pipeline >= 0' })
export class ForecastAdjustment extends VersionedRecord<'adjustedAt'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => OrgUnit, deleteRule: 'restrict', index: false })
  orgUnit!: OrgUnit;

  @Field(() => LocalDateResolver, { description: 'The month it was made in (its first day).' })
  @Property({ type: 'date' })
  periodMonth!: string;

  @Field(() => LocalDateResolver, { description: 'The month forecast (its first day).' })
  @Property({ type: 'date' })
  month!: string;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  commit!: string;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  bestCase!: string;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  pipeline!: string;

  @Field(() => DecimalScalar, { description: 'The unit’s COMMIT roll-up as it stood when adjusted (its people’s submissions, lower units’ adjustments applied).' })
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  submittedCommit!: string;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  submittedBestCase!: string;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  submittedPipeline!: string;

  @Field({ description: 'Why the head of the unit changed the figures.' })
  @Property({ type: 'text' })
  reason!: string;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: false })
  adjustedBy!: User;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  adjustedAt: Date = new Date();
}
