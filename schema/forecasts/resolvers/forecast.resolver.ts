import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { Allow } from '../../../api/permissions/policy-registry';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { ForecastAdjustment } from '../entities/forecast-adjustment.entity';
import { ForecastSubmission, ForecastLine } from '../entities/forecast-submission.entity';
import { ForecastCategory, FORECAST_MAX_MONTHS } from '../forecasts.enums';
import { AdjustForecastInput, SubmitForecastInput } from '../forecasts.inputs';
import { forecastAdjusters, forecastReaders, forecastSubmitters } from '../forecasts.policy';
import { ForecastsService } from '../forecasts.service';
import { ForecastAccuracy, ForecastRollup, ProposedForecastMonth } from '../forecasts.types';

const optionalId = (value: string | null | undefined, path: string): string | null => (value === null || value === undefined ? null : assertId(value, path));

@Resolver()
export class ForecastResolver {
  @Query(() => ForecastRollup, {
    description:
      'Forecast (after the managers’ adjustments) against target and actual, month by month (R6): of a unit’s subtree, or of one person; ' +
      'without either, the topmost unit you head (the company for the VP, admins and finance; yourself otherwise). ' +
      'Readable as performance: a person by themself and their chain, a unit by its heads and those above, everything by finance, the VP and admins.',
  })
  @Allow(forecastReaders)
  forecastRollup(
    @Arg('orgUnitId', () => ID, { nullable: true }) orgUnitId: string | null | undefined,
    @Arg('from', () => LocalDateResolver, { description: 'The first month (its first day).' }) from: string,
    @Arg('months', () => Int, { defaultValue: 6 }) months: number,
    @Arg('userId', () => ID, { nullable: true, description: 'One person instead of a unit.' }) userId: string | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ForecastRollup> {
    return new ForecastsService(ctx).rollup(optionalId(orgUnitId, 'orgUnitId'), optionalId(userId, 'userId'), from, months);
  }

  @Query(() => ForecastAccuracy, {
    description:
      'How accurate past forecasts were, months `from` to `to` (months not over are left out): per subject (a unit, its child units and its ' +
      'people who submitted; or one person) the mean absolute percentage error and bias of the forecast made `horizon` months ahead.',
  })
  @Allow(forecastReaders)
  forecastAccuracy(
    @Arg('orgUnitId', () => ID, { nullable: true }) orgUnitId: string | null | undefined,
    @Arg('userId', () => ID, { nullable: true }) userId: string | null | undefined,
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Arg('horizon', () => Int, { defaultValue: 0, description: '0: the month’s own snapshot; n: the forecast as it stood n months before.' }) horizon: number,
    @Arg('category', () => ForecastCategory, { defaultValue: ForecastCategory.COMMIT }) category: ForecastCategory,
    @Ctx() ctx: RequestContext,
  ): Promise<ForecastAccuracy> {
    return new ForecastsService(ctx).accuracy(optionalId(orgUnitId, 'orgUnitId'), optionalId(userId, 'userId'), from, to, horizon, category);
  }

  @Query(() => [ProposedForecastMonth], {
    description:
      'A forecast proposed from the weighted pipeline for the current month and the next ones (yours, or of someone you manage): ' +
      'COMMIT the deals at ≥ 80 % and those won this month, BEST_CASE also those at ≥ 50 %, PIPELINE the probability-weighted pipeline.',
  })
  @Allow(forecastSubmitters)
  proposeForecast(
    @Arg('months', () => Int, { defaultValue: FORECAST_MAX_MONTHS }) months: number,
    @Arg('userId', () => ID, { nullable: true }) userId: string | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ProposedForecastMonth[]> {
    return new ForecastsService(ctx).propose(optionalId(userId, 'userId'), months);
  }

  @Query(() => ForecastSubmission, { nullable: true, description: 'A person’s forecast made in a month (default: yours, this month); null when none.' })
  @Allow(forecastReaders)
  forecastSubmission(
    @Arg('userId', () => ID, { nullable: true }) userId: string | null | undefined,
    @Arg('periodMonth', () => LocalDateResolver, { nullable: true }) periodMonth: string | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ForecastSubmission | null> {
    return new ForecastsService(ctx).submission(optionalId(userId, 'userId'), periodMonth ?? null);
  }

  @Query(() => [ForecastAdjustment], { description: 'Adjustments made in a month (default: this month) of the units whose figures you may read.' })
  @Allow(forecastReaders)
  forecastAdjustments(
    @Arg('orgUnitId', () => ID, { nullable: true }) orgUnitId: string | null | undefined,
    @Arg('periodMonth', () => LocalDateResolver, { nullable: true }) periodMonth: string | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ForecastAdjustment[]> {
    return new ForecastsService(ctx).adjustments(optionalId(orgUnitId, 'orgUnitId'), periodMonth ?? null);
  }

  @Mutation(() => ForecastSubmission, {
    description: 'Submits your forecast for the current month and the next 2 to 5 (replacing this month’s earlier submission); no event is emitted.',
  })
  @Allow(forecastSubmitters)
  submitForecast(@Arg('input', () => SubmitForecastInput) input: SubmitForecastInput, @Ctx() ctx: RequestContext): Promise<ForecastSubmission> {
    return new ForecastsService(ctx).submit(input);
  }

  @Mutation(() => ForecastAdjustment, {
    description: 'Sets the roll-up of a unit you head (or one below it) for one month; the figures as submitted are kept beside yours, with your reason.',
  })
  @Allow(forecastAdjusters)
  adjustForecast(@Arg('input', () => AdjustForecastInput) input: AdjustForecastInput, @Ctx() ctx: RequestContext): Promise<ForecastAdjustment> {
    return new ForecastsService(ctx).adjust(input);
  }
}

@Resolver(() => ForecastSubmission)
export class ForecastSubmissionResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Whose forecast it is.' })
  user(@Root() submission: ForecastSubmission, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(submission.user.id);
  }

  @FieldResolver(() => [ForecastLine], { description: 'One line per month, in order.' })
  lines(@Root() submission: ForecastSubmission): ForecastLine[] {
    return submission.lines.isInitialized() ? submission.lines.getItems() : [];
  }
}

@Resolver(() => ForecastAdjustment)
export class ForecastAdjustmentResolver {
  @FieldResolver(() => OrgUnit, { nullable: true })
  orgUnit(@Root() adjustment: ForecastAdjustment, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return ctx.loaders.org.unitById.load(adjustment.orgUnit.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who adjusted.' })
  adjustedBy(@Root() adjustment: ForecastAdjustment, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(adjustment.adjustedBy.id);
  }
}
