import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { scoped, signedInPerson } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { User } from '../../org/entities/user.entity';
import { ApprovalService } from '../approvals.service';
import { ApprovalRequest } from '../entities/approval-request.entity';
import { Quote } from '../entities/quote.entity';
import { ApprovalsArgs } from '../quotes.inputs';
import { ApprovalRequestConnection } from '../quotes.types';

@Resolver(() => ApprovalRequest)
export class ApprovalResolver {
  @Query(() => ApprovalRequestConnection, {
    description: 'Approval requests you may see (addressed to you, made by you or by people you manage), newest first.',
  })
  @Allow(scoped(ApiScope.READ_SALES))
  approvals(@Args() args: ApprovalsArgs, @Ctx() ctx: RequestContext): Promise<ApprovalRequestConnection> {
    return new ApprovalService(ctx).approvals(args);
  }

  @Query(() => ApprovalRequest, { nullable: true, description: 'One approval request by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_SALES))
  approval(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ApprovalRequest | null> {
    return new ApprovalService(ctx).approvalById(assertId(id, 'id'));
  }

  @Mutation(() => ApprovalRequest, { description: 'Only the addressed approver may decide, once; the quote becomes APPROVED.' })
  @Allow(signedInPerson)
  approve(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('comment', () => String, { nullable: true }) comment: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ApprovalRequest> {
    return new ApprovalService(ctx).approve(assertId(id, 'id'), version, comment ?? undefined);
  }

  @Mutation(() => ApprovalRequest, {
    description: 'Only the addressed approver may decide, once, and must say why; the quote goes back to DRAFT.',
  })
  @Allow(signedInPerson)
  reject(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('comment', () => String) comment: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ApprovalRequest> {
    return new ApprovalService(ctx).reject(assertId(id, 'id'), version, comment);
  }

  @FieldResolver(() => Quote, { nullable: true, description: 'The quote whose discount is asked for, when you may see it.' })
  quote(@Root() request: ApprovalRequest, @Ctx() ctx: RequestContext): Promise<Quote | null> | null {
    return request.quote === null ? null : ctx.loaders.quotes.quoteById.load(request.quote.id);
  }

  @FieldResolver(() => User, { nullable: true })
  requestedBy(@Root() request: ApprovalRequest, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(request.requestedBy.id);
  }

  @FieldResolver(() => User, { nullable: true })
  approver(@Root() request: ApprovalRequest, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(request.approver.id);
  }

  @FieldResolver(() => User, { nullable: true })
  decidedBy(@Root() request: ApprovalRequest, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return request.decidedBy === null ? null : ctx.loaders.org.userById.load(request.decidedBy.id);
  }
}
