import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { Allow } from '../../../api/permissions/policy-registry';
import { Customer } from '../../customers/entities/customer.entity';
import { Visit } from '../../customers/entities/visit.entity';
import { ApprovalStepStatus } from '../../orders/orders.enums';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { Opportunity } from '../../pipeline/entities/opportunity.entity';
import { ExpenseCategory } from '../entities/expense-category.entity';
import { ExpenseApprovalStep, ExpenseClaim, ExpenseClaimLine } from '../entities/expense-claim.entity';
import { CreateExpenseClaimInput, ExpenseClaimsArgs, ExpenseCorrectionInput, ExpensePaymentInput, UpdateExpenseClaimInput } from '../expenses.inputs';
import { expenseApprovers, expenseAuditors, expenseClaimants, expenseReaders } from '../expenses.policy';
import { ExpensesService } from '../expenses.service';
import { ExpenseClaimConnection } from '../expenses.types';

@Resolver(() => ExpenseClaim)
export class ExpenseClaimResolver {
  @Query(() => ExpenseClaimConnection, { description: 'Expense claims visible to you (yours, your reports’; finance: all), newest first; keyset-paginated.' })
  @Allow(expenseReaders)
  expenseClaims(@Args() args: ExpenseClaimsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<ExpenseClaimConnection> {
    return new ExpensesService(ctx).claims(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => ExpenseClaim, { description: 'One expense claim by id (NOT_FOUND when there is none you may see).' })
  @Allow(expenseReaders)
  expenseClaim(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ExpenseClaim> {
    return new ExpensesService(ctx).claimById(assertId(id, 'id'));
  }

  @Mutation(() => ExpenseClaim, { description: 'A draft expense claim of yours, on your unit’s budget.' })
  @Allow(expenseClaimants)
  createExpenseClaim(@Arg('input', () => CreateExpenseClaimInput) input: CreateExpenseClaimInput, @Ctx() ctx: RequestContext): Promise<ExpenseClaim> {
    return new ExpensesService(ctx).createClaim(input);
  }

  @Mutation(() => ExpenseClaim, { description: 'Changes a DRAFT or RETURNED claim of yours; lines given replace all its lines. `version` as read.' })
  @Allow(expenseClaimants)
  updateExpenseClaim(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateExpenseClaimInput) input: UpdateExpenseClaimInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ExpenseClaim> {
    return new ExpensesService(ctx).updateClaim(assertId(id, 'id'), version, input);
  }

  @Mutation(() => ExpenseClaim, {
    description:
      'DRAFT/RETURNED → SUBMITTED: a new approval round up your chain to the first head whose expense limit covers the total ' +
      '(and, over budget, to the level that sets your unit’s budget). Refused (NO_BUDGET) when your unit has no budget line for a ' +
      'line’s category and period. Emits expenseClaim.submitted.',
  })
  @Allow(expenseClaimants)
  submitExpenseClaim(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: RequestContext): Promise<ExpenseClaim> {
    return new ExpensesService(ctx).submit(assertId(id, 'id'), version);
  }

  @Mutation(() => ExpenseClaim, { description: 'Approves the current step (yours); after the last, the claim is APPROVED if the budget holds it (expenseClaim.approved).' })
  @Allow(expenseApprovers)
  approveExpenseClaim(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ExpenseClaim> {
    return new ExpensesService(ctx).approve(assertId(id, 'id'), version, comment);
  }

  @Mutation(() => ExpenseClaim, { description: 'Returns a submitted claim at your step to the claimant, with a reason (expenseClaim.returned).' })
  @Allow(expenseApprovers)
  returnExpenseClaim(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ExpenseClaim> {
    return new ExpensesService(ctx).returnByApprover(assertId(id, 'id'), version, reason);
  }

  @Mutation(() => ExpenseClaim, { description: 'Rejects a submitted claim at your step, with a reason; final.' })
  @Allow(expenseApprovers)
  rejectExpenseClaim(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ExpenseClaim> {
    return new ExpensesService(ctx).reject(assertId(id, 'id'), version, reason);
  }

  @Mutation(() => ExpenseClaim, { description: 'Finance returns an APPROVED claim to the claimant, with a reason (expenseClaim.returned).' })
  @Allow(expenseAuditors)
  auditReturnExpenseClaim(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ExpenseClaim> {
    return new ExpensesService(ctx).returnByFinance(assertId(id, 'id'), version, reason);
  }

  @Mutation(() => ExpenseClaim, { description: 'Finance corrects a line of a SUBMITTED or APPROVED claim down, with a reason; the amount claimed is kept.' })
  @Allow(expenseAuditors)
  correctExpenseClaimLine(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('correction', () => ExpenseCorrectionInput) correction: ExpenseCorrectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ExpenseClaim> {
    return new ExpensesService(ctx).correctLine(assertId(id, 'id'), version, correction.lineId, correction.amount, correction.reason);
  }

  @Mutation(() => ExpenseClaim, { description: 'APPROVED → PAID, by finance, with the payment’s day and reference (expenseClaim.paid).' })
  @Allow(expenseAuditors)
  markExpenseClaimPaid(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('payment', () => ExpensePaymentInput) payment: ExpensePaymentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ExpenseClaim> {
    return new ExpensesService(ctx).markPaid(assertId(id, 'id'), version, payment.paidOn, payment.reference);
  }

  @FieldResolver(() => User, { nullable: true })
  claimant(@Root() claim: ExpenseClaim, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(claim.claimant.id);
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The claimant’s unit when the claim was made: whose budget it draws on.' })
  orgUnit(@Root() claim: ExpenseClaim, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return ctx.loaders.org.unitById.load(claim.orgUnit.id);
  }

  @FieldResolver(() => [ExpenseClaimLine])
  lines(@Root() claim: ExpenseClaim, @Ctx() ctx: RequestContext): Promise<ExpenseClaimLine[]> {
    return ctx.loaders.expenses.linesByClaimId.load(claim.id);
  }

  @FieldResolver(() => [ExpenseApprovalStep], { description: 'Every round’s steps, the first round first, each in chain order.' })
  approvalSteps(@Root() claim: ExpenseClaim, @Ctx() ctx: RequestContext): Promise<ExpenseApprovalStep[]> {
    return ctx.loaders.expenses.stepsByClaimId.load(claim.id);
  }

  @FieldResolver(() => ExpenseApprovalStep, { nullable: true, description: 'The step waiting for its approver, while the claim is submitted.' })
  async currentStep(@Root() claim: ExpenseClaim, @Ctx() ctx: RequestContext): Promise<ExpenseApprovalStep | null> {
    const steps = await ctx.loaders.expenses.stepsByClaimId.load(claim.id);
    return steps.find((step) => step.round === claim.approvalRound && step.status === ApprovalStepStatus.PENDING) ?? null;
  }

  @FieldResolver(() => User, { nullable: true })
  returnedBy(@Root() claim: ExpenseClaim, @Ctx() ctx: RequestContext): Promise<User | null> {
    return claim.returnedBy === null ? Promise.resolve(null) : ctx.loaders.org.userById.load(claim.returnedBy.id);
  }

  @FieldResolver(() => User, { nullable: true })
  paidBy(@Root() claim: ExpenseClaim, @Ctx() ctx: RequestContext): Promise<User | null> {
    return claim.paidBy === null ? Promise.resolve(null) : ctx.loaders.org.userById.load(claim.paidBy.id);
  }
}

@Resolver(() => ExpenseClaimLine)
export class ExpenseClaimLineResolver {
  @FieldResolver(() => ExpenseCategory, { nullable: true })
  category(@Root() line: ExpenseClaimLine, @Ctx() ctx: RequestContext): Promise<ExpenseCategory | null> {
    return ctx.loaders.expenses.categoryById.load(line.category.id);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'Null also when you may not see the customer.' })
  customer(@Root() line: ExpenseClaimLine, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return line.customer === null ? Promise.resolve(null) : ctx.loaders.customers.customerById.load(line.customer.id);
  }

  @FieldResolver(() => Visit, { nullable: true, description: 'Null also when you may not see the visit.' })
  visit(@Root() line: ExpenseClaimLine, @Ctx() ctx: RequestContext): Promise<Visit | null> {
    return line.visit === null ? Promise.resolve(null) : ctx.loaders.expenses.visitById.load(line.visit.id);
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'Null also when you may not see the opportunity.' })
  opportunity(@Root() line: ExpenseClaimLine, @Ctx() ctx: RequestContext): Promise<Opportunity | null> {
    return line.opportunity === null ? Promise.resolve(null) : ctx.loaders.pipeline.opportunityById.load(line.opportunity.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Finance staff who corrected the amount.' })
  correctedBy(@Root() line: ExpenseClaimLine, @Ctx() ctx: RequestContext): Promise<User | null> {
    return line.correctedBy === null ? Promise.resolve(null) : ctx.loaders.org.userById.load(line.correctedBy.id);
  }
}

@Resolver(() => ExpenseApprovalStep)
export class ExpenseApprovalStepResolver {
  @FieldResolver(() => User, { nullable: true })
  approver(@Root() step: ExpenseApprovalStep, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(step.approver.id);
  }
}
