import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { Allow } from '../../../api/permissions/policy-registry';
import { User } from '../../org/entities/user.entity';
import { ImprovementOutcome, ImprovementPlanStatus } from '../appraisals.enums';
import { OpenImprovementPlanInput, UpdateImprovementActionInput } from '../appraisals.inputs';
import { appraisers, improvementActionWriters, performanceReaders } from '../appraisals.policy';
import { ImprovementAction, ImprovementPlan } from '../entities/improvement-plan.entity';
import { ImprovementPlansService } from '../improvement-plans.service';

@Resolver(() => ImprovementPlan)
export class ImprovementPlanResolver {
  @Query(() => [ImprovementPlan], { description: 'Improvement plans visible to you (yours, the people below you; the VP and admins: all), open first, newest first.' })
  @Allow(performanceReaders)
  improvementPlans(
    @Arg('userId', () => ID, { nullable: true }) userId: string | null | undefined,
    @Arg('status', () => ImprovementPlanStatus, { nullable: true }) status: ImprovementPlanStatus | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ImprovementPlan[]> {
    return new ImprovementPlansService(ctx).plans(userId === null || userId === undefined ? null : assertId(userId, 'userId'), status ?? null);
  }

  @Mutation(() => ImprovementPlan, { description: 'Opens an improvement plan with its actions for a person below you; one open plan per person (PLAN_ALREADY_OPEN).' })
  @Allow(appraisers)
  openImprovementPlan(@Arg('input') input: OpenImprovementPlanInput, @Ctx() ctx: RequestContext): Promise<ImprovementPlan> {
    return new ImprovementPlansService(ctx).open(input);
  }

  @Mutation(() => ImprovementAction, { description: 'Records an action’s progress (done on, result): the person on the plan or their chain, while the plan is open.' })
  @Allow(improvementActionWriters)
  updateImprovementAction(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateImprovementActionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ImprovementAction> {
    return new ImprovementPlansService(ctx).updateAction(assertId(id, 'id'), input);
  }

  @Mutation(() => ImprovementPlan, { description: 'Closes an open plan with its outcome and a comment: the person’s management chain, the VP, admins.' })
  @Allow(appraisers)
  closeImprovementPlan(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('outcome', () => ImprovementOutcome) outcome: ImprovementOutcome,
    @Arg('comment') comment: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ImprovementPlan> {
    return new ImprovementPlansService(ctx).close(assertId(id, 'id'), version, outcome, comment);
  }

  @FieldResolver(() => User, { nullable: true })
  user(@Root() plan: ImprovementPlan, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(plan.user.id);
  }

  @FieldResolver(() => User, { nullable: true })
  openedBy(@Root() plan: ImprovementPlan, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(plan.openedBy.id);
  }

  @FieldResolver(() => User, { nullable: true })
  closedBy(@Root() plan: ImprovementPlan, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return plan.closedBy === null ? null : ctx.loaders.org.userById.load(plan.closedBy.id);
  }

  @FieldResolver(() => [ImprovementAction], { description: 'Its actions, in order.' })
  actions(@Root() plan: ImprovementPlan, @Ctx() ctx: RequestContext): Promise<ImprovementAction[]> {
    return ctx.loaders.appraisals.actionsByPlanId.load(plan.id);
  }

  @FieldResolver(() => Int, { description: 'Actions done so far.' })
  async doneActions(@Root() plan: ImprovementPlan, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.loaders.appraisals.actionsByPlanId.load(plan.id)).filter((action) => action.doneOn !== null).length;
  }
}
