import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { rowReaders } from '../../api/permissions/access-rule';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { ForecastCategory } from './forecasts.enums';

@ObjectType({ description: 'The adjustment that set a unit’s figures for a month: who, when, why.' })
@ReadableBy(rowReaders)
export class ForecastMonthAdjustment {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDateResolver, { description: 'The month it was made in.' })
  periodMonth!: string;

  @Field(() => ID)
  adjustedById!: string;

  @Field()
  adjustedByName!: string;

  @Field(() => Date)
  adjustedAt!: Date;

  @Field()
  reason!: string;
}

@ObjectType({ description: 'One month of a forecast roll-up: forecast (after the managers’ adjustments) against target and actual.' })
@ReadableBy(rowReaders)
export class ForecastMonth {
  @Field(() => LocalDateResolver, { description: 'The month’s first day.' })
  month!: string;

  @Field(() => LocalDateResolver, { description: 'The month whose forecasts these are: the month itself for past and current months (its snapshot), the current month for later ones.' })
  asOfMonth!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The subject’s own monthly BOOKED_SALES target (all lines and customers), as in `performance`; null when none is set.' })
  target!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'BOOKED_SALES booked in the month (sales_performance_fact, as `performance`); null for months not begun.' })
  actual!: string | null;

  @Field(() => DecimalScalar, { description: 'COMMIT after adjustments: the topmost adjustment in the subtree replaces the figures below it.' })
  commit!: string;

  @Field(() => DecimalScalar)
  bestCase!: string;

  @Field(() => DecimalScalar)
  pipeline!: string;

  @Field(() => DecimalScalar, { description: 'COMMIT as submitted: the sum of the people’s forecasts, no adjustment applied.' })
  submittedCommit!: string;

  @Field(() => DecimalScalar)
  submittedBestCase!: string;

  @Field(() => DecimalScalar)
  submittedPipeline!: string;

  @Field(() => Int, { description: 'People whose forecast covers the month.' })
  submitters!: number;

  @Field(() => Int, { description: 'Adjustments applied in the roll-up (the topmost in the subtree).' })
  adjustments!: number;

  @Field(() => ForecastMonthAdjustment, { nullable: true, description: 'The subject unit’s own adjustment for the month, when one applies.' })
  adjustment!: ForecastMonthAdjustment | null;
}

@ObjectType({ description: 'A forecast roll-up (R6) of a unit (or one person) over consecutive months.' })
@ReadableBy(rowReaders)
export class ForecastRollup {
  @Field(() => ID, { description: 'The unit rolled up; for a person’s own roll-up, the person’s unit.' })
  orgUnitId!: string;

  @Field()
  orgUnitName!: string;

  @Field(() => ID, { nullable: true, description: 'Set when the roll-up is of this one person (not the unit).' })
  userId!: string | null;

  @Field(() => String, { nullable: true })
  userName!: string | null;

  @Field(() => [ForecastMonth])
  rows!: ForecastMonth[];
}

@ObjectType({ description: 'A proposed forecast for one month from the weighted pipeline.' })
@ReadableBy(rowReaders)
export class ProposedForecastMonth {
  @Field(() => LocalDateResolver)
  month!: string;

  @Field(() => DecimalScalar, { description: 'Σ amount of the open deals closing in the month at probability ≥ 80 %, plus deals already won in the month.' })
  commit!: string;

  @Field(() => DecimalScalar, { description: 'The commit plus Σ amount of the open deals closing in the month at probability 50–79 %.' })
  bestCase!: string;

  @Field(() => DecimalScalar, { description: 'Σ amount × probability ÷ 100 of the open deals closing in the month, plus deals already won in the month.' })
  pipeline!: string;

  @Field(() => Int, { description: 'Open deals closing in the month (overdue open deals count in the current month).' })
  openDeals!: number;
}

@ObjectType({ description: 'How far one person’s or unit’s past forecasts were from what was booked.' })
@ReadableBy(rowReaders)
export class ForecastAccuracyRow {
  @Field(() => ID, { nullable: true, description: 'The unit (null for a person).' })
  orgUnitId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The person (null for a unit).' })
  userId!: string | null;

  @Field()
  name!: string;

  @Field(() => Int, { description: 'Months with both a forecast and a positive actual: those the error is averaged over.' })
  months!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Σ forecast of those months.' })
  forecast!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Σ actual of those months.' })
  actual!: string | null;

  @Field(() => Float, { nullable: true, description: 'Mean absolute percentage error: mean of |forecast − actual| ÷ actual × 100, two decimals.' })
  meanAbsolutePercentageError!: number | null;

  @Field(() => Float, { nullable: true, description: '(Σ forecast − Σ actual) ÷ Σ actual × 100, two decimals: positive when over-forecast.' })
  bias!: number | null;
}

@ObjectType({ description: 'Forecast accuracy over past months: for each month, the forecast made `horizon` months before it against the booked actual.' })
@ReadableBy(rowReaders)
export class ForecastAccuracy {
  @Field(() => LocalDateResolver)
  from!: string;

  @Field(() => LocalDateResolver)
  to!: string;

  @Field(() => Int)
  horizon!: number;

  @Field(() => ForecastCategory)
  category!: ForecastCategory;

  @Field(() => [ForecastAccuracyRow], { description: 'The unit, its child units, then its people by name (a person alone: one row).' })
  rows!: ForecastAccuracyRow[];
}
