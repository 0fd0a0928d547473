import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { Allow } from '../../../api/permissions/policy-registry';
import { CommissionPlan, CommissionTier } from '../entities/commission-plan.entity';
import { commissionReaders } from '../targets.policy';

@Resolver(() => CommissionPlan)
export class CommissionPlanResolver {
  @Query(() => [CommissionPlan], { description: 'Commission plans, newest first.' })
  @Allow(commissionReaders)
  commissionPlans(@Ctx() ctx: RequestContext): Promise<CommissionPlan[]> {
    return ctx.em.find(CommissionPlan, {}, { orderBy: { validFrom: 'desc', id: 'asc' } });
  }

  @FieldResolver(() => [CommissionTier], { description: 'Tiers by ascending achievement.' })
  tiers(@Root() plan: CommissionPlan, @Ctx() ctx: RequestContext): Promise<CommissionTier[]> {
    return ctx.loaders.targets.tiersByPlanId.load(plan.id);
  }
}
