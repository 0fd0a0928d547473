import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isUuid } from '../../../api/ids';
import type { RequestContext } from '../../../api/context';
import { ForbiddenError, UserInputError } from '../../../api/errors';
import { Allow } from '../../../api/permissions/policy-registry';
import { SalesContest } from '../entities/sales-contest.entity';
import { createContest, contestOrganisers, visibleContest, visibleContests } from '../kpis.contests';
import { CreateSalesContestInput, PerformancePeriodInput, periodOf } from '../kpis.inputs';
import { mayReadLeaderboard, performanceReaders } from '../kpis.policy';
import { kpiPeriod, leaderboard } from '../kpis.service';
import { Leaderboard, LeaderboardEntry } from '../kpis.types';
import { TargetMetric } from '../targets.enums';
import { periodType } from './kpi.resolver';

@Resolver()
export class LeaderboardResolver {
  @Query(() => Leaderboard, {
    description:
      'The people of a unit ranked by achievement rate of one metric in one period (N10), in one statement. `scope` defaults to your own ' +
      'unit. Reps and key account managers see their own unit’s ranking (rank and rate; peers’ amounts are hidden), managers the units they ' +
      'head and below, finance, the VP, admins and integrations any unit.',
  })
  @Allow(performanceReaders)
  async leaderboard(
    @Arg('metric', () => TargetMetric) metric: TargetMetric,
    @Arg('period', () => PerformancePeriodInput) period: PerformancePeriodInput,
    @Arg('scope', () => ID, { nullable: true, description: 'The org unit whose people are ranked; your own unit when left out.' }) scope: string | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Leaderboard> {
    const viewer = ctx.signedInViewer;
    const orgUnitId = scope ?? viewer.unitId;
    if (orgUnitId === null) throw UserInputError.field('scope', 'you belong to no unit: give the unit to rank');
    if (!isUuid(orgUnitId)) throw UserInputError.field('scope', 'is not a valid id');
    if (!mayReadLeaderboard(viewer, orgUnitId)) throw new ForbiddenError('You may not see the ranking of this unit.');
    const resolved = periodOf(period);
    const entries = await leaderboard(ctx.em, orgUnitId, resolved, metric);
    return { orgUnitId, metric, period: periodType(resolved), entries: entries.map((entry) => ({ ...entry, orgUnitId: null })) };
  }
}

/** Sales contests (N10): their standings are the leaderboard of their unit, metric and period. */
@Resolver(() => SalesContest)
export class SalesContestResolver {
  @Query(() => [SalesContest], {
    description: 'The contests you see: any for finance, the VP, admins and integrations; those of the units you head; those your own unit takes part in.',
  })
  @Allow(performanceReaders)
  salesContests(@Ctx() ctx: RequestContext): Promise<SalesContest[]> {
    return visibleContests(ctx.em, ctx.signedInViewer);
  }

  @Query(() => SalesContest, { nullable: true, description: 'One contest; null when it does not exist or you do not see it.' })
  @Allow(performanceReaders)
  salesContest(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<SalesContest | null> {
    if (!isUuid(id)) throw UserInputError.field('id', 'is not a valid id');
    return visibleContest(ctx.em, ctx.signedInViewer, id);
  }

  @Mutation(() => SalesContest, { description: 'Starts a sales contest among the people of a unit you head (the VP and admins: any unit).' })
  @Allow(contestOrganisers)
  createSalesContest(@Arg('input', () => CreateSalesContestInput) input: CreateSalesContestInput, @Ctx() ctx: RequestContext): Promise<SalesContest> {
    return createContest(ctx.em, ctx.signedInViewer, input);
  }

  @FieldResolver(() => ID, { description: 'The unit whose people compete.' })
  orgUnitId(@Root() contest: SalesContest): string {
    return contest.orgUnit.id;
  }

  @FieldResolver(() => [LeaderboardEntry], {
    description: 'The standings: the unit’s leaderboard for the contest’s metric and period (one statement per contest). Amounts as on `leaderboard`.',
  })
  async standings(@Root() contest: SalesContest, @Ctx() ctx: RequestContext): Promise<LeaderboardEntry[]> {
    const period = kpiPeriod(contest.periodKind, contest.periodStart);
    const entries = await leaderboard(ctx.em, contest.orgUnit.id, period, contest.metric);
    return entries.map((entry) => ({ ...entry, orgUnitId: null }));
  }
}
