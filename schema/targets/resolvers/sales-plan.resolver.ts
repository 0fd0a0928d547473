import type { GraphQLResolveInfo } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { Customer } from '../../customers/entities/customer.entity';
import { User } from '../../org/entities/user.entity';
import { Opportunity } from '../../pipeline/entities/opportunity.entity';
import { SalesPlan, SalesPlanAction, SalesPlanComment } from '../entities/sales-plan.entity';
import { periodStartingOn } from '../periods';
import { CreateSalesPlanInput, PlanActionInput, SalesPlansArgs, UpdateSalesPlanInput } from '../plans.inputs';
import { planCommenters, planWriters } from '../plans.policy';
import { PlansService } from '../plans.service';
import { PlanProgress, SalesPlanConnection } from '../plans.types';

function service(ctx: RequestContext): PlansService {
  return new PlansService(ctx.em, ctx.signedInViewer);
}

function present<Row>(rows: (Row | null)[]): Row[] {
  return rows.filter((row): row is Row => row !== null);
}

@Resolver(() => SalesPlan)
export class SalesPlanResolver {
  @Query(() => SalesPlanConnection, { description: 'Sales plans you may see (yours and those of the people you manage), by period.' })
  @Allow(scoped(ApiScope.READ_PERFORMANCE))
  salesPlans(@Args() args: SalesPlansArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<SalesPlanConnection> {
    return service(ctx).plans(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => SalesPlan, { nullable: true, description: 'One plan by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_PERFORMANCE))
  salesPlan(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<SalesPlan> {
    return service(ctx).planById(assertId(id, 'id'));
  }

  @Mutation(() => SalesPlan, { description: 'A plan for a period: yours, or of someone you manage. One per person and period.' })
  @Allow(planWriters)
  createSalesPlan(@Arg('input') input: CreateSalesPlanInput, @Ctx() ctx: RequestContext): Promise<SalesPlan> {
    return service(ctx).create(input);
  }

  @Mutation(() => SalesPlan, { description: 'Changes a plan (its person or the managers above); lists given replace the old ones. `version` must be the one you read.' })
  @Allow(planWriters)
  updateSalesPlan(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: UpdateSalesPlanInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SalesPlan> {
    return service(ctx).update(assertId(id, 'id'), version, input);
  }

  @Mutation(() => SalesPlanAction, { description: 'Adds a dated action to a plan.' })
  @Allow(planWriters)
  addPlanAction(@Arg('planId', () => ID) planId: string, @Arg('input') input: PlanActionInput, @Ctx() ctx: RequestContext): Promise<SalesPlanAction> {
    return service(ctx).addAction(assertId(planId, 'planId'), input);
  }

  @Mutation(() => SalesPlanAction, { description: 'Marks a plan action done (`done: false`: not done again).' })
  @Allow(planWriters)
  completePlanAction(
    @Arg('id', () => ID) id: string,
    @Arg('done', () => Boolean, { defaultValue: true }) done: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<SalesPlanAction> {
    return service(ctx).completeAction(assertId(id, 'id'), done);
  }

  @Mutation(() => SalesPlanComment, { description: 'Comments on the plan of someone you manage.' })
  @Allow(planCommenters)
  commentOnSalesPlan(@Arg('planId', () => ID) planId: string, @Arg('comment', () => String) comment: string, @Ctx() ctx: RequestContext): Promise<SalesPlanComment> {
    return service(ctx).comment(assertId(planId, 'planId'), comment);
  }

  @FieldResolver(() => LocalDateResolver)
  periodEnd(@Root() plan: SalesPlan): string {
    return periodStartingOn(plan.periodKind, plan.periodStart)!.end;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Whose plan it is.' })
  user(@Root() plan: SalesPlan, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(plan.user.id);
  }

  @FieldResolver(() => [Customer], { description: 'The customers the plan puts effort on (those you may see).' })
  async keyCustomers(@Root() plan: SalesPlan, @Ctx() ctx: RequestContext): Promise<Customer[]> {
    const links = await ctx.loaders.targets.keyCustomersByPlanId.load(plan.id);
    return present(await Promise.all(links.map((link) => ctx.loaders.customers.customerById.load(link.customer.id))));
  }

  @FieldResolver(() => [Opportunity], { description: 'The deals the plan expects to close (those you may see).' })
  async expectedDeals(@Root() plan: SalesPlan, @Ctx() ctx: RequestContext): Promise<Opportunity[]> {
    const links = await ctx.loaders.targets.dealsByPlanId.load(plan.id);
    return present(await Promise.all(links.map((link) => ctx.loaders.pipeline.opportunityById.load(link.opportunity.id))));
  }

  @FieldResolver(() => [SalesPlanAction], { description: 'By due date.' })
  actions(@Root() plan: SalesPlan, @Ctx() ctx: RequestContext): Promise<SalesPlanAction[]> {
    return ctx.loaders.targets.actionsByPlanId.load(plan.id);
  }

  @FieldResolver(() => [SalesPlanComment], { description: 'Managers’ comments, oldest first.' })
  comments(@Root() plan: SalesPlan, @Ctx() ctx: RequestContext): Promise<SalesPlanComment[]> {
    return ctx.loaders.targets.commentsByPlanId.load(plan.id);
  }

  @FieldResolver(() => PlanProgress, { description: 'Actual against target per metric for the plan’s person and period, and the actions done.' })
  progress(@Root() plan: SalesPlan, @Ctx() ctx: RequestContext): Promise<PlanProgress> {
    return service(ctx).progress(plan);
  }
}

@Resolver(() => SalesPlanAction)
export class SalesPlanActionResolver {
  @FieldResolver(() => User, { nullable: true })
  doneBy(@Root() action: SalesPlanAction, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return action.doneBy === null ? null : ctx.loaders.org.userById.load(action.doneBy.id);
  }
}

@Resolver(() => SalesPlanComment)
export class SalesPlanCommentResolver {
  @FieldResolver(() => User, { nullable: true })
  author(@Root() comment: SalesPlanComment, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(comment.author.id);
  }
}
