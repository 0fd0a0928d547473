import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { Allow } from '../../../api/permissions/policy-registry';
import { ApprovalLimit } from '../entities/approval-limit.entity';
import { internalReaders } from '../org.policy';

@Resolver(() => ApprovalLimit)
export class ApprovalLimitResolver {
  @Query(() => [ApprovalLimit], { description: 'The authority of each role (what it may grant, sign and approve), smallest first.' })
  @Allow(internalReaders)
  approvalLimits(@Ctx() ctx: RequestContext): Promise<ApprovalLimit[]> {
    return ctx.em.find(ApprovalLimit, {}, { orderBy: { maxContractAmount: 'asc', maxDiscountPercent: 'asc', role: 'asc' } });
  }
}
