import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { ApiScope } from '../../api/auth/api-scopes';
import type { RequestContext } from '../../api/context';
import { assertId } from '../../api/ids';
import { scoped } from '../../api/permissions/access-rule';
import { Allow } from '../../api/permissions/policy-registry';
import { FunnelService } from './funnel.service';
import { PipelineFunnel } from './funnel.types';

@Resolver()
export class FunnelResolver {
  @Query(() => PipelineFunnel, {
    description:
      'The pipeline funnel (R4) of the deals you may see, optionally of one owner or of the owners in an org unit’s subtree: ' +
      'the open pipeline by stage, the conversion and days in stage of the deals created from `from` to `to` (both included, company time), ' +
      'deals won and lost in the period with their reasons, the ageing of open deals and slipped close dates.',
  })
  @Allow(scoped(ApiScope.READ_SALES))
  pipelineFunnel(
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Arg('orgUnitId', () => ID, { nullable: true }) orgUnitId: string | null | undefined,
    @Arg('ownerId', () => ID, { nullable: true }) ownerId: string | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<PipelineFunnel> {
    return new FunnelService(ctx).funnel({
      from,
      to,
      orgUnitId: orgUnitId === null || orgUnitId === undefined ? null : assertId(orgUnitId, 'orgUnitId'),
      ownerId: ownerId === null || ownerId === undefined ? null : assertId(ownerId, 'ownerId'),
    });
  }
}
