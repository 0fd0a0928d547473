import type { GraphQLResolveInfo } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { Allow } from '../../../api/permissions/policy-registry';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { CommissionPaymentInput, CommissionStatementsArgs } from '../commissions.inputs';
import { commissionApprovers, commissionFinalizers, commissionRunners, commissionStatementReaders } from '../commissions.policy';
import { CommissionsService } from '../commissions.service';
import { CommissionStatementConnection } from '../commissions.types';
import { CommissionPlan, CommissionTier } from '../entities/commission-plan.entity';
import { CommissionStatement, CommissionStatementLine } from '../entities/commission-statement.entity';

@Resolver(() => CommissionStatement)
export class CommissionStatementResolver {
  @Query(() => CommissionStatementConnection, { description: 'Commission statements visible to you, newest month first; keyset-paginated.' })
  @Allow(commissionStatementReaders)
  commissionStatements(@Args() args: CommissionStatementsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<CommissionStatementConnection> {
    return new CommissionsService(ctx).statements(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => CommissionStatement, { description: 'One commission statement by id (NOT_FOUND when there is none you may see).' })
  @Allow(commissionStatementReaders)
  commissionStatement(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CommissionStatement> {
    return new CommissionsService(ctx).statementById(assertId(id, 'id'));
  }

  @Mutation(() => [CommissionStatement], {
    description:
      'Computes the month’s commission statements for every rep in the unit’s subtree (all reps without orgUnitId) ' +
      'who has a plan and a monthly target: drafts are replaced; a statement past DRAFT is never rewritten, a difference ' +
      'from it becomes a new revision. Returns the statements written. period: the first day of the month.',
  })
  @Allow(commissionRunners)
  runCommissions(
    @Arg('period', () => LocalDateResolver) period: string,
    @Arg('orgUnitId', () => ID, { nullable: true }) orgUnitId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CommissionStatement[]> {
    return new CommissionsService(ctx).run(period, orgUnitId === null || orgUnitId === undefined ? null : assertId(orgUnitId, 'orgUnitId'));
  }

  @Mutation(() => CommissionStatement, { description: 'DRAFT → APPROVED, by a head of a unit above the person paid. `version` as read.' })
  @Allow(commissionApprovers)
  approveCommissionStatement(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: RequestContext): Promise<CommissionStatement> {
    return new CommissionsService(ctx).approve(assertId(id, 'id'), version);
  }

  @Mutation(() => CommissionStatement, { description: 'APPROVED → FINALIZED, by finance; emits commission.finalized (commission.revised for a revision).' })
  @Allow(commissionFinalizers)
  finalizeCommissionStatement(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: RequestContext): Promise<CommissionStatement> {
    return new CommissionsService(ctx).finalize(assertId(id, 'id'), version);
  }

  @Mutation(() => CommissionStatement, { description: 'FINALIZED → PAID, by finance, with the payment’s day and reference.' })
  @Allow(commissionFinalizers)
  markCommissionStatementPaid(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('payment', () => CommissionPaymentInput) payment: CommissionPaymentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CommissionStatement> {
    return new CommissionsService(ctx).markPaid(assertId(id, 'id'), version, payment.paidOn, payment.reference);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The person paid.' })
  user(@Root() statement: CommissionStatement, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(statement.user.id);
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'Their unit when computed.' })
  orgUnit(@Root() statement: CommissionStatement, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return statement.orgUnit === null ? Promise.resolve(null) : ctx.loaders.org.unitById.load(statement.orgUnit.id);
  }

  @FieldResolver(() => CommissionPlan, { nullable: true })
  plan(@Root() statement: CommissionStatement, @Ctx() ctx: RequestContext): Promise<CommissionPlan | null> {
    return ctx.loaders.commissions.planById.load(statement.plan.id);
  }

  @FieldResolver(() => CommissionStatement, { nullable: true, description: 'The statement this revision revises.' })
  revises(@Root() statement: CommissionStatement, @Ctx() ctx: RequestContext): Promise<CommissionStatement | null> {
    return statement.revises === null ? Promise.resolve(null) : ctx.loaders.commissions.statementById.load(statement.revises.id);
  }

  @FieldResolver(() => [CommissionStatementLine], { description: 'SOURCE lines in the order they occurred, then tier totals, the cap and the team award.' })
  lines(@Root() statement: CommissionStatement, @Ctx() ctx: RequestContext): Promise<CommissionStatementLine[]> {
    return ctx.loaders.commissions.linesByStatementId.load(statement.id);
  }

  @FieldResolver(() => User, { nullable: true })
  approvedBy(@Root() statement: CommissionStatement, @Ctx() ctx: RequestContext): Promise<User | null> {
    return statement.approvedBy === null ? Promise.resolve(null) : ctx.loaders.org.userById.load(statement.approvedBy.id);
  }

  @FieldResolver(() => User, { nullable: true })
  finalizedBy(@Root() statement: CommissionStatement, @Ctx() ctx: RequestContext): Promise<User | null> {
    return statement.finalizedBy === null ? Promise.resolve(null) : ctx.loaders.org.userById.load(statement.finalizedBy.id);
  }

  @FieldResolver(() => User, { nullable: true })
  paidBy(@Root() statement: CommissionStatement, @Ctx() ctx: RequestContext): Promise<User | null> {
    return statement.paidBy === null ? Promise.resolve(null) : ctx.loaders.org.userById.load(statement.paidBy.id);
  }
}

@Resolver(() => CommissionStatementLine)
export class CommissionStatementLineResolver {
  @FieldResolver(() => CommissionTier, { nullable: true, description: 'The tier applied (null for parts no tier covers, the cap and the team award).' })
  tier(@Root() line: CommissionStatementLine, @Ctx() ctx: RequestContext): Promise<CommissionTier | null> {
    return line.tier === null ? Promise.resolve(null) : ctx.loaders.commissions.tierById.load(line.tier.id);
  }
}
