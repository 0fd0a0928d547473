import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { DecimalOf, TextOf } from '../../api/validation';
import { FORECAST_MAX_MONTHS, FORECAST_MIN_MONTHS } from './forecasts.enums';

/** Versions count from 1; no forecast is changed a billion times, so a larger one is a client's mistake. */
const VERSION_MAX = 1_000_000_000;

@InputType({ description: 'The figures for one month; COMMIT ≤ BEST_CASE.' })
export class ForecastLineInput {
  @Field(() => LocalDateResolver, { description: 'The month (its first day).' })
  month!: string;

  @Field(() => DecimalScalar)
  @DecimalOf('amount')
  commit!: string;

  @Field(() => DecimalScalar)
  @DecimalOf('amount')
  bestCase!: string;

  @Field(() => DecimalScalar)
  @DecimalOf('amount')
  pipeline!: string;
}

@InputType({ description: `Your forecast for the current month and the next ones: ${FORECAST_MIN_MONTHS} to ${FORECAST_MAX_MONTHS} consecutive months.` })
export class SubmitForecastInput {
  @Field(() => [ForecastLineInput])
  @ArrayMinSize(FORECAST_MIN_MONTHS)
  @ArrayMaxSize(FORECAST_MAX_MONTHS)
  @ValidateNested({ each: true })
  lines!: ForecastLineInput[];

  @Field(() => String, { nullable: true })
  @TextOf('note')
  note?: string;

  @Field(() => Int, { nullable: true, description: 'The version you read (CONFLICT when it changed since); omit to replace whatever is there.' })
  @IsOptional()
  @Min(1)
  @Max(VERSION_MAX)
  expectedVersion?: number;
}

@InputType({ description: 'A head of unit’s figures for the unit’s roll-up of one month, made in the current month.' })
export class AdjustForecastInput {
  @Field(() => ID)
  @IsUUID()
  orgUnitId!: string;

  @Field(() => LocalDateResolver, { description: 'The month (its first day): the current month or one of the five after it.' })
  month!: string;

  @Field(() => DecimalScalar)
  @DecimalOf('amount')
  commit!: string;

  @Field(() => DecimalScalar)
  @DecimalOf('amount')
  bestCase!: string;

  @Field(() => DecimalScalar)
  @DecimalOf('amount')
  pipeline!: string;

  @Field({ description: 'Why the figures change.' })
  @TextOf('note')
  reason!: string;

  @Field(() => Int, { nullable: true, description: 'The version of this month’s adjustment you read (CONFLICT when it changed since).' })
  @IsOptional()
  @Min(1)
  @Max(VERSION_MAX)
  expectedVersion?: number;
}
