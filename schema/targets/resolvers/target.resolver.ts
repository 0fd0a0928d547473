import type { GraphQLResolveInfo } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { ProductLine } from '../../catalog/entities/product-line.entity';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { SalesTarget } from '../entities/sales-target.entity';
import { SalesTargetVersion } from '../entities/sales-target-version.entity';
import { TargetAdjustment } from '../entities/target-adjustment.entity';
import { periodStartingOn } from '../periods';
import {
  ProposeTargetSplitArgs,
  RequestTargetAdjustmentInput,
  SalesTargetsArgs,
  SetTargetsInput,
  TargetAdjustmentsArgs,
  TargetBreakdownArgs,
} from '../targets.inputs';
import { adjustmentRequesters, targetSetters } from '../targets.policy';
import { TargetsService } from '../targets.service';
import { ProposedTarget, SalesTargetConnection, TargetAdjustmentConnection, TargetBreakdown, TargetSplitProposal } from '../targets.types';

const readsPerformance = scoped(ApiScope.READ_PERFORMANCE);

function service(ctx: RequestContext): TargetsService {
  return new TargetsService(ctx.em, ctx.signedInViewer);
}

@Resolver(() => SalesTarget)
export class SalesTargetResolver {
  @Query(() => SalesTargetConnection, { description: 'Targets you may see (yours, your units’, and those of the units and people you head), by period.' })
  @Allow(readsPerformance)
  salesTargets(@Args() args: SalesTargetsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<SalesTargetConnection> {
    return service(ctx).targets(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => SalesTarget, { nullable: true, description: 'One target by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(readsPerformance)
  salesTarget(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<SalesTarget> {
    return service(ctx).targetById(assertId(id, 'id'));
  }

  @Query(() => TargetBreakdown, {
    description: 'A target, its children in one dimension (those you may see), their sum and what is left unallocated (when you may read every child’s value).',
  })
  @Allow(readsPerformance)
  targetBreakdown(@Args() args: TargetBreakdownArgs, @Ctx() ctx: RequestContext): Promise<TargetBreakdown> {
    return service(ctx).breakdown(args.targetId, args.dimension);
  }

  @Query(() => TargetSplitProposal, {
    description:
      'Proposed children of a target (not saved), from last year’s actuals or equal shares, adding up exactly to it: edit them and pass them to setTargets. ' +
      'For those who may set the children.',
  })
  @Allow(targetSetters)
  proposeTargetSplit(@Args() args: ProposeTargetSplitArgs, @Ctx() ctx: RequestContext): Promise<TargetSplitProposal> {
    return service(ctx).proposeSplit(args.parentId, args.dimension, args.basis);
  }

  @Mutation(() => [SalesTarget], {
    description:
      'Writes targets of one level in one transaction: a parent’s children (each one step finer in the same dimension) or top-level targets. ' +
      'Only for units and people below a unit you head (the VP and admins: all). A target whose period has started keeps its value: request an adjustment.',
  })
  @Allow(targetSetters)
  setTargets(@Arg('input') input: SetTargetsInput, @Ctx() ctx: RequestContext): Promise<SalesTarget[]> {
    return service(ctx).setTargets(input);
  }

  @FieldResolver(() => LocalDateResolver, { description: 'Last day of the period.' })
  periodEnd(@Root() target: SalesTarget): string {
    return periodStartingOn(target.periodKind, target.periodStart)!.end;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the period has started (company time): a locked target changes only by an approved adjustment.' })
  async locked(@Root() target: SalesTarget, @Ctx() ctx: RequestContext): Promise<boolean> {
    return target.periodStart <= (await ctx.loaders.targets.companyToday.load('today'));
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The unit whose target it is; null for a person’s.' })
  orgUnit(@Root() target: SalesTarget, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> | null {
    return target.orgUnit === null ? null : ctx.loaders.org.unitById.load(target.orgUnit.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The person whose target it is; null for a unit’s.' })
  user(@Root() target: SalesTarget, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return target.user === null ? null : ctx.loaders.org.userById.load(target.user.id);
  }

  @FieldResolver(() => ProductLine, { nullable: true, description: 'Only this product line; null: all lines.' })
  productLine(@Root() target: SalesTarget, @Ctx() ctx: RequestContext): Promise<ProductLine | null> | null {
    return target.productLine === null ? null : ctx.loaders.catalog.productLineById.load(target.productLine.id);
  }

  @FieldResolver(() => SalesTarget, { nullable: true, description: 'The target this one was decomposed from, when you may see it.' })
  parent(@Root() target: SalesTarget, @Ctx() ctx: RequestContext): Promise<SalesTarget | null> | null {
    return target.parent === null ? null : ctx.loaders.targets.targetById.load(target.parent.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who set the current value.' })
  setBy(@Root() target: SalesTarget, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(target.setBy.id);
  }

  @FieldResolver(() => [SalesTargetVersion], { description: 'Every value the target has had, the first first.' })
  history(@Root() target: SalesTarget, @Ctx() ctx: RequestContext): Promise<SalesTargetVersion[]> {
    return ctx.loaders.targets.versionsByTargetId.load(target.id);
  }

  @FieldResolver(() => [TargetAdjustment], { description: 'Requests to change it after its period started, oldest first.' })
  adjustments(@Root() target: SalesTarget, @Ctx() ctx: RequestContext): Promise<TargetAdjustment[]> {
    return ctx.loaders.targets.adjustmentsByTargetId.load(target.id);
  }
}

@Resolver(() => TargetAdjustment)
export class TargetAdjustmentResolver {
  @Query(() => TargetAdjustmentConnection, { description: 'Adjustment requests of targets you may see, newest first.' })
  @Allow(readsPerformance)
  targetAdjustments(@Args() args: TargetAdjustmentsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<TargetAdjustmentConnection> {
    return service(ctx).adjustments(args, { includeCount: selectsTotalCount(info) });
  }

  @Mutation(() => TargetAdjustment, {
    description:
      'Asks to change a target whose period has started: your own, your unit’s, or one you may set. It waits for the nearest head above the target’s level.',
  })
  @Allow(adjustmentRequesters)
  requestTargetAdjustment(@Arg('input') input: RequestTargetAdjustmentInput, @Ctx() ctx: RequestContext): Promise<TargetAdjustment> {
    return service(ctx).requestAdjustment(input);
  }

  @Mutation(() => TargetAdjustment, { description: 'Approves a waiting request (a head above the target’s level, the VP or an admin; not the requester): the target takes the new value, recorded as a new version.' })
  @Allow(targetSetters)
  approveTargetAdjustment(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('comment', () => String, { nullable: true }) comment: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<TargetAdjustment> {
    return service(ctx).approveAdjustment(assertId(id, 'id'), version, comment ?? null);
  }

  @Mutation(() => TargetAdjustment, { description: 'Refuses a waiting request, saying why; the target keeps its value.' })
  @Allow(targetSetters)
  refuseTargetAdjustment(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('comment', () => String) comment: string,
    @Ctx() ctx: RequestContext,
  ): Promise<TargetAdjustment> {
    return service(ctx).refuseAdjustment(assertId(id, 'id'), version, comment);
  }

  @FieldResolver(() => SalesTarget, { nullable: true })
  target(@Root() adjustment: TargetAdjustment, @Ctx() ctx: RequestContext): Promise<SalesTarget | null> {
    return ctx.loaders.targets.targetById.load(adjustment.target.id);
  }

  @FieldResolver(() => User, { nullable: true })
  requestedBy(@Root() adjustment: TargetAdjustment, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(adjustment.requestedBy.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The head of the next level up, whom the request waits for (others above may decide too).' })
  approver(@Root() adjustment: TargetAdjustment, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return adjustment.approver === null ? null : ctx.loaders.org.userById.load(adjustment.approver.id);
  }

  @FieldResolver(() => User, { nullable: true })
  decidedBy(@Root() adjustment: TargetAdjustment, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return adjustment.decidedBy === null ? null : ctx.loaders.org.userById.load(adjustment.decidedBy.id);
  }
}

@Resolver(() => SalesTargetVersion)
export class SalesTargetVersionResolver {
  @FieldResolver(() => User, { nullable: true })
  setBy(@Root() version: SalesTargetVersion, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(version.setBy.id);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The approved adjustment that made this version, for a change after the period started.' })
  adjustmentId(@Root() version: SalesTargetVersion): string | null {
    return version.adjustment?.id ?? null;
  }
}

@Resolver(() => ProposedTarget)
export class ProposedTargetResolver {
  @FieldResolver(() => OrgUnit, { nullable: true })
  orgUnit(@Root() proposed: ProposedTarget, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> | null {
    return proposed.orgUnitId === null ? null : ctx.loaders.org.unitById.load(proposed.orgUnitId);
  }

  @FieldResolver(() => User, { nullable: true })
  user(@Root() proposed: ProposedTarget, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return proposed.userId === null ? null : ctx.loaders.org.userById.load(proposed.userId);
  }

  @FieldResolver(() => ProductLine, { nullable: true })
  productLine(@Root() proposed: ProposedTarget, @Ctx() ctx: RequestContext): Promise<ProductLine | null> | null {
    return proposed.productLineId === null ? null : ctx.loaders.catalog.productLineById.load(proposed.productLineId);
  }
}
