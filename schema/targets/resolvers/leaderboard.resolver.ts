import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { validate as isUuid } from 'uuid';
import type { RequestContext } from '../../../api/context';
import { ForbiddenError, UserInputError } from '../../../api/errors';
import { Allow } from '../../../api/permissions/policy-registry';
import { PerformancePeriodInput, periodOf } from '../kpis.inputs';
import { mayReadLeaderboard, performanceReaders } from '../kpis.policy';
import { leaderboard } from '../kpis.service';
import { Leaderboard } from '../kpis.types';
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
