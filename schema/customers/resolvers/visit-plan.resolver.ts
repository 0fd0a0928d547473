import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { User } from '../../org/entities/user.entity';
import { visitWriters } from '../customers.policy';
import { Contact } from '../entities/contact.entity';
import { Customer } from '../entities/customer.entity';
import { Visit } from '../entities/visit.entity';
import { VisitCheckIn } from '../entities/visit-check-in.entity';
import { VisitPlan } from '../entities/visit-plan.entity';
import { VisitPlanStatus } from '../follow-up.enums';
import { CustomerFollowUpStatus } from '../follow-up.types';
import { CheckInInput, CompleteVisitPlanInput, CreateVisitPlanInput, VisitPlansArgs } from '../visit-plans.inputs';
import { VisitPlanService, visitPlanStatus } from '../visit-plans.service';
import { VisitPlanConnection } from '../visit-plans.types';

@Resolver(() => VisitPlan)
export class VisitPlanResolver {
  @Query(() => VisitPlanConnection, { description: 'Visit plans you may see (yours, your team’s, your customers’), soonest first.' })
  @Allow(scoped(ApiScope.READ_SALES))
  visitPlans(@Args() args: VisitPlansArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<VisitPlanConnection> {
    return new VisitPlanService(ctx).visitPlans(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => VisitPlan, { nullable: true, description: 'One visit plan: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_SALES))
  visitPlan(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<VisitPlan> {
    return new VisitPlanService(ctx).visitPlan(assertId(id, 'id'));
  }

  @Mutation(() => VisitPlan, { description: 'Plans a visit (客户预约) for you or someone you manage; with a recurrence, a regular return visit.' })
  @Allow(visitWriters)
  createVisitPlan(@Arg('input') input: CreateVisitPlanInput, @Ctx() ctx: RequestContext): Promise<VisitPlan> {
    return new VisitPlanService(ctx).createVisitPlan(input);
  }

  @Mutation(() => VisitPlan, { description: 'Cancels a PLANNED (or MISSED) plan, with a reason: the planner, their chain, the VP and admins. A regular plan ends here.' })
  @Allow(visitWriters)
  cancelVisitPlan(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason') reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<VisitPlan> {
    return new VisitPlanService(ctx).cancelVisitPlan(assertId(id, 'id'), version, reason);
  }

  @Mutation(() => VisitPlan, {
    description: 'Records the planned visit (the planner only), in one transaction: the visit, the plan DONE, the check-in if sent, and for a regular plan the next plan.',
  })
  @Allow(visitWriters)
  completeVisitPlan(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: CompleteVisitPlanInput,
    @Ctx() ctx: RequestContext,
  ): Promise<VisitPlan> {
    return new VisitPlanService(ctx).completeVisitPlan(assertId(id, 'id'), version, input);
  }

  @FieldResolver(() => VisitPlanStatus, { description: 'MISSED: PLANNED and more than a day past its time without a visit (computed when read).' })
  status(@Root() plan: VisitPlan): VisitPlanStatus {
    return visitPlanStatus(plan);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() plan: VisitPlan, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customers.customerById.load(plan.customer.id);
  }

  @FieldResolver(() => Contact, { nullable: true })
  contact(@Root() plan: VisitPlan, @Ctx() ctx: RequestContext): Promise<Contact | null> | null {
    return plan.contact === null ? null : ctx.loaders.customers.contactById.load(plan.contact.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who is to visit.' })
  plannedBy(@Root() plan: VisitPlan, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(plan.plannedBy.id);
  }

  @FieldResolver(() => Visit, { nullable: true, description: 'The visit it turned into (DONE).' })
  visit(@Root() plan: VisitPlan, @Ctx() ctx: RequestContext): Promise<Visit | null> | null {
    return plan.visit === null ? null : ctx.loaders.followUp.visitById.load(plan.visit.id);
  }

  @FieldResolver(() => VisitPlan, { nullable: true, description: 'The plan this one recurs from.' })
  previousPlan(@Root() plan: VisitPlan, @Ctx() ctx: RequestContext): Promise<VisitPlan | null> | null {
    return plan.previousPlan === null ? null : ctx.loaders.followUp.visitPlanById.load(plan.previousPlan.id);
  }

  @FieldResolver(() => VisitPlan, { nullable: true, description: 'The next plan of a regular return visit, made when this one was done.' })
  nextPlan(@Root() plan: VisitPlan, @Ctx() ctx: RequestContext): Promise<VisitPlan | null> {
    return ctx.loaders.followUp.nextPlanByPlanId.load(plan.id);
  }
}

/** Check-ins and plans on visits. */
@Resolver(() => Visit)
export class VisitFollowUpResolver {
  @Mutation(() => Visit, { description: 'Checks in to a visit you made (签到), once: the distance to the customer’s location is computed and a far check-in flagged.' })
  @Allow(visitWriters)
  checkInVisit(@Arg('visitId', () => ID) visitId: string, @Arg('input') input: CheckInInput, @Ctx() ctx: RequestContext): Promise<Visit> {
    return new VisitPlanService(ctx).checkInVisit(assertId(visitId, 'visitId'), input);
  }

  @FieldResolver(() => VisitCheckIn, { nullable: true, description: 'The check-in (签到) from the visitor’s mobile client, if any.' })
  checkIn(@Root() visit: Visit, @Ctx() ctx: RequestContext): Promise<VisitCheckIn | null> {
    return ctx.loaders.followUp.checkInByVisitId.load(visit.id);
  }

  @FieldResolver(() => VisitPlan, { nullable: true, description: 'The plan this visit was recorded from, if you may see it.' })
  plan(@Root() visit: Visit, @Ctx() ctx: RequestContext): Promise<VisitPlan | null> {
    return ctx.loaders.followUp.planByVisitId.load(visit.id);
  }
}

@Resolver(() => VisitCheckIn)
export class VisitCheckInResolver {
  @FieldResolver(() => User, { nullable: true })
  checkedInBy(@Root() checkIn: VisitCheckIn, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(checkIn.checkedInBy.id);
  }
}

/** A customer's standing against its tier's follow-up norm. */
@Resolver(() => Customer)
export class FollowUpCustomerResolver {
  @FieldResolver()
  followUpStatus(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<CustomerFollowUpStatus> {
    return ctx.loaders.followUp.followUpStatusByCustomer.load({ customer, timeZone: ctx.config.companyTimeZone });
  }
}
