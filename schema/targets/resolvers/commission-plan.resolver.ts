import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { Allow } from '../../../api/permissions/policy-registry';
import { CommissionPlan, CommissionTier } from '../entities/commission-plan.entity';
import { commissionReaders } from '../targets.policy';
import { User } from '../../org/entities/user.entity';

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

  @FieldResolver(() => [User], { description: 'People the plan pays by name, whatever their role.' })
  async assignees(@Root() plan: CommissionPlan, @Ctx() ctx: RequestContext): Promise<User[]> {
    const assignees = await ctx.loaders.commissions.assigneesByPlanId.load(plan.id);
    const users = await Promise.all(assignees.map((assignee) => ctx.loaders.org.userById.load(assignee.user.id)));
    return users.filter((user): user is User => user !== null);
  }
}
