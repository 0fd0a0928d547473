import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import type { RequestContext } from '../../api/context';
import { flushOrStale } from '../../api/database/optimistic-lock';
import { databaseToday } from '../../api/database/today';
import { UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { msg } from '../../api/i18n';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import { managesUser, reachableOwnerIds, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Customer } from '../customers/entities/customer.entity';
import { Visit } from '../customers/entities/visit.entity';
import { customerRowScope, visitRowScope } from '../customers/customers.policy';
import { ApprovalStepStatus } from '../orders/orders.enums';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { User } from '../org/entities/user.entity';
import { OrgUnitKind, Role } from '../org/org.enums';
import { approvalLimitsByRole } from '../org/org.service';
import { Opportunity } from '../pipeline/entities/opportunity.entity';
import { opportunityRowScope } from '../pipeline/pipeline.policy';
import { periodStartingOn } from '../targets/periods';
import type { PeriodKind } from '../targets/targets.enums';
import { ExpenseBudget, ExpenseBudgetLine } from './entities/expense-budget.entity';
import { ExpenseCategory } from './entities/expense-category.entity';
import { ExpenseApprovalStep, ExpenseClaim, ExpenseClaimLine } from './entities/expense-claim.entity';
import { EDITABLE_STATUSES, ExpenseClaimStatus } from './expenses.enums';
import { stepsFor, type ChainHead } from './expenses.routing';
import { ExpensesError, ExpensesErrorCode, staleExpenseVersion } from './expenses.errors';
import type {
  CreateExpenseClaimInput,
  ExpenseBudgetsArgs,
  ExpenseClaimsArgs,
  ExpenseLineInput,
  SetExpenseBudgetInput,
  UpdateExpenseClaimInput,
} from './expenses.inputs';
import { budgetUnitIds, expenseBudgetRowScope, expenseClaimRowScope, readsAllExpenses } from './expenses.policy';
import { CostLevel, type ExpenseBudgetUsage, type ExpenseCostRow } from './expenses.types';
import {
  BUDGET_CHECK_SQL,
  BUDGET_USAGE_SQL,
  CHAIN_SQL,
  COST_ANALYSIS_SQL,
  LOCK_BUDGET_LINES_SQL,
  type BudgetCheckRow,
  type BudgetUsageRow,
  type ChainRow,
  type CostAnalysisRow,
} from './expenses.sql';

type StepDecision = 'APPROVE' | 'RETURN' | 'REJECT';


/**
 * Expense budgets and claims (费用预算与报销). Claims go DRAFT → SUBMITTED → APPROVED → PAID, up the claimant's chain
 * by amount as contracts do; every transition locks the claim row and checks the version read.
 */
export class ExpensesService {
  constructor(private readonly ctx: RequestContext) {}

  private get em(): EntityManager {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  categories(): Promise<ExpenseCategory[]> {
    return this.em.find(ExpenseCategory, {}, { orderBy: { position: 'asc', code: 'asc' } });
  }

  claimById(id: string): Promise<ExpenseClaim> {
    return findVisibleOrFail(this.em, ExpenseClaim, { id }, expenseClaimRowScope<ExpenseClaim>(this.viewer), () =>
      new ExpensesError(ExpensesErrorCode.CLAIM_NOT_FOUND, { field: 'id' }),
    );
  }

  /** Claims the viewer may see, newest first (by number: microsecond timestamps do not survive a cursor). */
  claims(args: ExpenseClaimsArgs, options: FindPageOptions): Promise<ConnectionShape<ExpenseClaim>> {
    const viewer = this.viewer;
    const conditions: FilterQuery<ExpenseClaim>[] = [expenseClaimRowScope<ExpenseClaim>(viewer)];
    const filter = args.filter;
    if (filter?.statuses !== undefined && filter.statuses !== null && filter.statuses.length > 0) conditions.push({ status: { $in: filter.statuses } });
    if (filter?.claimantId !== undefined && filter.claimantId !== null) conditions.push({ claimant: filter.claimantId });
    if (filter?.awaitingMyApproval !== undefined && filter.awaitingMyApproval !== null) {
      const awaiting = this.em
        .createQueryBuilder(ExpenseApprovalStep, 's')
        .select('s.claim_id')
        .where({ approver: viewer.userId, status: ApprovalStepStatus.PENDING })
        .getKnexQuery();
      conditions.push({ id: filter.awaitingMyApproval ? { $in: awaiting } : { $nin: awaiting } } as unknown as FilterQuery<ExpenseClaim>);
    }
    return findPage(this.em, ExpenseClaim, { $and: conditions }, args, { number: 'desc' }, options);
  }

  budgetById(id: string): Promise<ExpenseBudget> {
    return findVisibleOrFail(this.em, ExpenseBudget, { id }, expenseBudgetRowScope<ExpenseBudget>(this.viewer), () =>
      new ExpensesError(ExpensesErrorCode.BUDGET_NOT_FOUND, { field: 'id' }),
    );
  }

  budgets(args: ExpenseBudgetsArgs, options: FindPageOptions): Promise<ConnectionShape<ExpenseBudget>> {
    const conditions: FilterQuery<ExpenseBudget>[] = [expenseBudgetRowScope<ExpenseBudget>(this.viewer)];
    const filter = args.filter;
    if (filter?.orgUnitId !== undefined && filter.orgUnitId !== null) conditions.push({ orgUnit: filter.orgUnitId });
    if (filter?.periodKind !== undefined && filter.periodKind !== null) conditions.push({ periodKind: filter.periodKind });
    if (filter?.periodStart !== undefined && filter.periodStart !== null) conditions.push({ periodStart: filter.periodStart });
    return findPage(this.em, ExpenseBudget, { $and: conditions }, args, { periodStart: 'desc', id: 'asc' }, options);
  }

  /**
   * Creates or replaces a region's or team's budget for a period. A director sets those of their region and its
   * teams; the VP and admins any. The region's budget is locked first (also when a team's is set), so budgets of one
   * region change one at a time, and then: the teams of a region together stay within the region's line of the same
   * period and category, and a region's line never falls below what its teams hold.
   */
  setBudget(input: SetExpenseBudgetInput, version: number | null): Promise<ExpenseBudget> {
    const viewer = this.viewer;
    const period = periodStartingOn(input.periodKind, input.periodStart);
    if (period === undefined) throw new ExpensesError(ExpensesErrorCode.NOT_A_PERIOD_START, { field: 'input.periodStart' });
    const seen = new Set<string>();
    input.lines.forEach((line, index) => {
      if (seen.has(line.categoryId)) throw UserInputError.field(`input.lines.${index}.categoryId`, 'is given twice');
      seen.add(line.categoryId);
    });
    return this.em.transactional(async (em) => {
      const unit = await em.findOne(OrgUnit, { id: input.orgUnitId });
      if (unit === null || unit.kind === OrgUnitKind.COMPANY) throw new ExpensesError(ExpensesErrorCode.UNIT_NOT_FOUND, { field: 'input.orgUnitId' });
      const region = unit.kind === OrgUnitKind.REGION ? unit : unit.parent === null ? null : await em.findOneOrFail(OrgUnit, unit.parent.id);
      if (region === null) throw new ExpensesError(ExpensesErrorCode.UNIT_NOT_FOUND, { field: 'input.orgUnitId' });
      const setsBudgets = seesWholeCompany(viewer) || (viewer.role === Role.REGIONAL_DIRECTOR && viewer.managedUnitIds.has(region.id));
      if (!setsBudgets) throw new ExpensesError(ExpensesErrorCode.NOT_YOUR_UNIT);
      const categories = await em.find(ExpenseCategory, { id: { $in: [...seen] }, active: true });
      input.lines.forEach((line, index) => {
        if (!categories.some((category) => category.id === line.categoryId)) {
          throw new ExpensesError(ExpensesErrorCode.CATEGORY_NOT_FOUND, { field: `input.lines.${index}.categoryId` });
        }
      });

      // The region's budget row (if any) serializes every change to the budgets of the region for this period.
      await em.execute(
        `select id from expense_budget where org_unit_id = ? and period_kind = ? and period_start = ? for update`,
        [region.id, input.periodKind, period.start],
      );
      let budget = await em.findOne(ExpenseBudget, { orgUnit: unit.id, periodKind: input.periodKind, periodStart: period.start }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (budget === null) {
        if (version !== null) throw staleExpenseVersion();
        budget = em.create(ExpenseBudget, {
          orgUnit: unit,
          periodKind: input.periodKind,
          periodStart: period.start,
          periodEnd: period.end,
          setBy: em.getReference(User, viewer.userId),
          note: input.note ?? null,
        });
        await em.flush();
      } else {
        if (version !== budget.version) throw staleExpenseVersion();
        budget.setBy = em.getReference(User, viewer.userId);
        if (input.note !== undefined) budget.note = input.note ?? null;
        budget.updatedAt = new Date();
        await flushOrStale(em, staleExpenseVersion);
      }
      await em.nativeDelete(ExpenseBudgetLine, { budget: budget.id });
      for (const line of input.lines) {
        em.create(ExpenseBudgetLine, { budget, category: em.getReference(ExpenseCategory, line.categoryId), amount: new Decimal(line.amount).toFixed(2) });
      }
      await em.flush();

      // One statement: per category of the region's budget, its amount against its teams' sum.
      const rows = await em.execute<{ category_id: string; region_amount: string | null; teams_amount: string }[]>(
        `select t.category_id, r.amount as region_amount, t.amount::text as teams_amount
           from (select bl.category_id, sum(bl.amount) as amount
                   from expense_budget b join org_unit u on u.id = b.org_unit_id join expense_budget_line bl on bl.budget_id = b.id
                  where u.parent_id = ? and b.period_kind = ? and b.period_start = ?
                  group by bl.category_id) t
           left join (select bl.category_id, bl.amount from expense_budget b join expense_budget_line bl on bl.budget_id = b.id
                       where b.org_unit_id = ? and b.period_kind = ? and b.period_start = ?) r on r.category_id = t.category_id
          where r.amount is null or t.amount > r.amount`,
        [region.id, input.periodKind, period.start, region.id, input.periodKind, period.start],
      );
      if (rows.length > 0) {
        const index = Math.max(0, input.lines.findIndex((line) => line.categoryId === rows[0].category_id));
        const code = unit.id === region.id ? ExpensesErrorCode.REGION_BELOW_TEAMS : ExpensesErrorCode.TEAM_ABOVE_REGION;
        throw new ExpensesError(code, {
          field: `input.lines.${index}.amount`,
          detail: msg('Region: {{region}}, teams: {{teams}}.', { region: rows[0].region_amount ?? '0', teams: rows[0].teams_amount }),
        });
      }
      return budget;
    });
  }

  /** A draft claim of the viewer's, on their unit's budget. */
  createClaim(input: CreateExpenseClaimInput): Promise<ExpenseClaim> {
    const viewer = this.viewer;
    return this.em.transactional(async (em) => {
      const claimant = await em.findOneOrFail(User, viewer.userId);
      if (claimant.unit === null) throw new ExpensesError(ExpensesErrorCode.NO_BUDGET);
      const [row] = await em.execute<{ value: string }[]>(`select nextval('expense_claim_number_seq')::text as value`);
      const claim = em.create(ExpenseClaim, {
        number: `EX${row.value.padStart(6, '0')}`,
        claimant,
        orgUnit: claimant.unit,
        title: input.title,
        currency: input.currency ?? 'CNY',
        totalAmount: '0.00',
      });
      await this.replaceLines(em, claim, input.lines, 'input.lines');
      await em.flush();
      return claim;
    });
  }

  /** Changes a draft or returned claim of the viewer's. */
  updateClaim(id: string, version: number, input: UpdateExpenseClaimInput): Promise<ExpenseClaim> {
    return this.em.transactional(async (em) => {
      const claim = await this.lockedClaim(em, id);
      this.assertClaimant(claim);
      if (claim.version !== version) throw staleExpenseVersion();
      if (!EDITABLE_STATUSES.includes(claim.status)) throw new ExpensesError(ExpensesErrorCode.CLAIM_STATUS_CONFLICT, { status: claim.status });
      if (input.title !== undefined && input.title !== null) claim.title = input.title;
      if (input.currency !== undefined && input.currency !== null) claim.currency = input.currency;
      if (input.lines !== undefined && input.lines !== null) await this.replaceLines(em, claim, input.lines, 'input.lines');
      claim.updatedAt = new Date();
      await flushOrStale(em, staleExpenseVersion);
      return claim;
    });
  }

  /**
   * Submits a draft or returned claim: a new approval round. The budget check runs in one statement over the budget
   * lines of the claimant's unit whose period holds a line's day: a category without any is refused (NO_BUDGET); a
   * claim taking any of them past its amount less what is approved and paid is flagged `overBudget`, each line records
   * what was left, and the chain then reaches the level that sets the unit's budget. The steps: the heads up the
   * claimant's chain, nearest first, up to the first whose expense limit covers the total (and the budget level).
   */
  submit(id: string, version: number): Promise<ExpenseClaim> {
    return this.em.transactional(async (em) => {
      const claim = await this.lockedClaim(em, id);
      this.assertClaimant(claim);
      if (claim.version !== version) throw staleExpenseVersion();
      if (!EDITABLE_STATUSES.includes(claim.status)) throw new ExpensesError(ExpensesErrorCode.CLAIM_STATUS_CONFLICT, { status: claim.status });
      const lines = await em.find(ExpenseClaimLine, { claim }, { orderBy: { position: 'asc' } });
      if (lines.length === 0) throw new ExpensesError(ExpensesErrorCode.NO_LINES);

      const check = await em.execute<BudgetCheckRow[]>(BUDGET_CHECK_SQL, [claim.id, claim.orgUnit.id, claim.id]);
      const missing = lines.findIndex((line) => !check.some((row) => row.category_id === line.category.id && row.covers_line_ids.includes(line.id)));
      if (missing !== -1) {
        throw new ExpensesError(ExpensesErrorCode.NO_BUDGET, { field: `lines.${missing}.categoryId` });
      }
      const over = check.some((row) => new Decimal(row.claimed).greaterThan(new Decimal(row.budget).minus(row.spent)));
      for (const line of lines) {
        const left = check
          .filter((row) => row.covers_line_ids.includes(line.id))
          .map((row) => new Decimal(row.budget).minus(row.spent))
          .reduce((least, each) => Decimal.min(least, each));
        line.budgetRemaining = left.toFixed(2);
      }

      const chain = await this.chainOf(em, claim);
      const steps = stepsFor(chain, new Decimal(claim.totalAmount), over);
      if (steps === null) throw new ExpensesError(ExpensesErrorCode.NO_APPROVER_COVERS_AMOUNT, { field: 'id' });
      claim.status = ExpenseClaimStatus.SUBMITTED;
      claim.approvalRound += 1;
      claim.overBudget = over;
      claim.submittedAt = new Date();
      await flushOrStale(em, staleExpenseVersion);
      steps.forEach((step, index) => {
        em.create(ExpenseApprovalStep, {
          claim,
          round: claim.approvalRound,
          position: index + 1,
          approver: em.getReference(User, step.head.user_id),
          approverRole: step.head.role,
          approverLimit: step.head.limit.toFixed(2),
          forBudget: step.forBudget,
          status: index === 0 ? ApprovalStepStatus.PENDING : ApprovalStepStatus.WAITING,
        });
      });
      await flushOrStale(em, staleExpenseVersion);
      return claim;
    });
  }

  approve(id: string, version: number, comment: string | undefined | null): Promise<ExpenseClaim> {
    return this.decide(id, version, 'APPROVE', comment?.trim() || null);
  }

  /** The current approver sends it back (the claimant edits and resubmits). */
  returnByApprover(id: string, version: number, reason: string): Promise<ExpenseClaim> {
    return this.decide(id, version, 'RETURN', requireReason(reason, 'reason'));
  }

  reject(id: string, version: number, reason: string): Promise<ExpenseClaim> {
    return this.decide(id, version, 'REJECT', requireReason(reason, 'reason'));
  }

  /**
   * The current step's approver decides, once; the claim row is locked so decisions on one claim follow each other.
   * Approving the last step approves the claim — after a budget check under a row lock on the budget lines the claim
   * draws on: of two claims approved at once that only one fits, the second sees the first's approval. A claim that no
   * longer fits and has no approval yet from the level that sets the budget gets that level's steps and stays
   * SUBMITTED (flagged overBudget); one that has it is approved.
   */
  private decide(id: string, version: number, decision: StepDecision, comment: string | null): Promise<ExpenseClaim> {
    const viewer = this.viewer;
    return this.em.transactional(async (em) => {
      const claim = await this.lockedClaim(em, id);
      if (claim.claimant.id === viewer.userId) throw new ExpensesError(ExpensesErrorCode.NOT_YOUR_CLAIM);
      const steps = await em.find(ExpenseApprovalStep, { claim, round: claim.approvalRound }, { orderBy: { position: 'asc' }, refresh: true });
      const mine = steps.find((step) => step.approver.id === viewer.userId);
      const pending = steps.find((step) => step.status === ApprovalStepStatus.PENDING);
      const decidedByMe = mine !== undefined && (mine.status === ApprovalStepStatus.APPROVED || mine.status === ApprovalStepStatus.REJECTED);
      if (claim.status !== ExpenseClaimStatus.SUBMITTED || pending === undefined) {
        if (decidedByMe) throw new ExpensesError(ExpensesErrorCode.ALREADY_DECIDED);
        throw new ExpensesError(ExpensesErrorCode.CLAIM_STATUS_CONFLICT, { status: claim.status });
      }
      if (pending.approver.id !== viewer.userId) throw new ExpensesError(decidedByMe ? ExpensesErrorCode.ALREADY_DECIDED : ExpensesErrorCode.NOT_YOUR_TURN);
      if (claim.version !== version) throw staleExpenseVersion();

      const now = new Date();
      pending.status = decision === 'APPROVE' ? ApprovalStepStatus.APPROVED : ApprovalStepStatus.REJECTED;
      pending.decidedAt = now;
      pending.comment = comment;
      const later = steps.filter((step) => step.position > pending.position);
      if (decision !== 'APPROVE') {
        for (const step of later) step.status = ApprovalStepStatus.CANCELLED;
        if (decision === 'RETURN') this.markReturned(em, claim, comment!, now);
        else {
          claim.status = ExpenseClaimStatus.REJECTED;
          claim.rejectedAt = now;
        }
      } else if (later.length > 0) {
        later[0].status = ApprovalStepStatus.PENDING;
      } else {
        await this.approveWithinBudget(em, claim, steps, now);
      }
      claim.updatedAt = now;
      await flushOrStale(em, staleExpenseVersion);
      return claim;
    });
  }

  /** The last step approved: APPROVED if the budget holds it now (or the budget's level approved), else up to that level. */
  private async approveWithinBudget(em: EntityManager, claim: ExpenseClaim, steps: ExpenseApprovalStep[], now: Date): Promise<void> {
    await em.execute(LOCK_BUDGET_LINES_SQL, [claim.orgUnit.id, claim.id]);
    // A statement after the lock: it sees every approval committed before the lock was granted.
    const check = await em.execute<BudgetCheckRow[]>(BUDGET_CHECK_SQL, [claim.id, claim.orgUnit.id, claim.id]);
    const over = check.some((row) => new Decimal(row.claimed).greaterThan(new Decimal(row.budget).minus(row.spent)));
    if (over) {
      claim.overBudget = true;
      const chain = await this.chainOf(em, claim);
      const approvedBy = new Set(steps.filter((step) => step.status === ApprovalStepStatus.APPROVED).map((step) => step.approver.id));
      const budgetLevel = chain.findIndex((head) => head.above_unit);
      const hasBudgetLevel = budgetLevel === -1 || chain.slice(budgetLevel).some((head) => approvedBy.has(head.user_id));
      if (!hasBudgetLevel) {
        const last = Math.max(...chain.map((head, index) => (approvedBy.has(head.user_id) ? index : -1)));
        const extra = chain.slice(last + 1, budgetLevel + 1);
        extra.forEach((head, index) => {
          em.create(ExpenseApprovalStep, {
            claim,
            round: claim.approvalRound,
            position: steps.length + index + 1,
            approver: em.getReference(User, head.user_id),
            approverRole: head.role,
            approverLimit: head.limit.toFixed(2),
            forBudget: true,
            status: index === 0 ? ApprovalStepStatus.PENDING : ApprovalStepStatus.WAITING,
          });
        });
        return;
      }
    }
    claim.status = ExpenseClaimStatus.APPROVED;
    claim.approvedAt = now;
  }

  /** Finance returns an approved claim for a reason (the claimant edits and resubmits). */
  returnByFinance(id: string, version: number, reason: string): Promise<ExpenseClaim> {
    const why = requireReason(reason, 'reason');
    return this.em.transactional(async (em) => {
      const claim = await this.lockedClaim(em, id);
      if (claim.version !== version) throw staleExpenseVersion();
      if (claim.status !== ExpenseClaimStatus.APPROVED) throw new ExpensesError(ExpensesErrorCode.CLAIM_STATUS_CONFLICT, { status: claim.status });
      this.markReturned(em, claim, why, new Date());
      await flushOrStale(em, staleExpenseVersion);
      return claim;
    });
  }

  /**
   * Finance corrects a line of a submitted or approved claim down (never above what was claimed): the line keeps the
   * amount claimed, who corrected it, when and why; the claim's total follows.
   */
  correctLine(id: string, version: number, lineId: string, amount: string, reason: string): Promise<ExpenseClaim> {
    const why = requireReason(reason, 'correction.reason');
    return this.em.transactional(async (em) => {
      const claim = await this.lockedClaim(em, id);
      if (claim.version !== version) throw staleExpenseVersion();
      if (claim.status !== ExpenseClaimStatus.APPROVED && claim.status !== ExpenseClaimStatus.SUBMITTED) {
        throw new ExpensesError(ExpensesErrorCode.CLAIM_STATUS_CONFLICT, { status: claim.status });
      }
      const line = await em.findOne(ExpenseClaimLine, { id: lineId, claim });
      if (line === null) throw new ExpensesError(ExpensesErrorCode.LINE_NOT_FOUND, { field: 'correction.lineId' });
      const claimed = new Decimal(line.originalAmount ?? line.amount);
      const corrected = new Decimal(amount);
      if (corrected.greaterThan(claimed)) {
        throw UserInputError.field('correction.amount', msg('must not exceed the amount claimed ({{amount}})', { amount: claimed.toFixed(2) }));
      }
      line.originalAmount = claimed.toFixed(2);
      line.amount = corrected.toFixed(2);
      line.correctedBy = em.getReference(User, this.viewer.userId);
      line.correctedAt = new Date();
      line.correctionReason = why;
      const lines = await em.find(ExpenseClaimLine, { claim });
      claim.totalAmount = lines.reduce((sum, each) => sum.plus(each.amount), new Decimal(0)).toFixed(2);
      claim.updatedAt = new Date();
      await flushOrStale(em, staleExpenseVersion);
      return claim;
    });
  }

  /** Finance pays an approved claim. */
  markPaid(id: string, version: number, paidOn: string, reference: string): Promise<ExpenseClaim> {
    return this.em.transactional(async (em) => {
      const claim = await this.lockedClaim(em, id);
      if (claim.version !== version) throw staleExpenseVersion();
      if (claim.status !== ExpenseClaimStatus.APPROVED) throw new ExpensesError(ExpensesErrorCode.CLAIM_STATUS_CONFLICT, { status: claim.status });
      const today = await databaseToday(em);
      if (paidOn > today) throw UserInputError.field('payment.paidOn', msg('must not be after today ({{day}})', { day: today }));
      claim.status = ExpenseClaimStatus.PAID;
      claim.paidOn = paidOn;
      claim.paymentReference = reference;
      claim.paidBy = em.getReference(User, this.viewer.userId);
      claim.updatedAt = new Date();
      await flushOrStale(em, staleExpenseVersion);
      return claim;
    });
  }

  private markReturned(em: EntityManager, claim: ExpenseClaim, reason: string, now: Date): void {
    claim.status = ExpenseClaimStatus.RETURNED;
    claim.returnReason = reason;
    claim.returnedAt = now;
    claim.returnedBy = em.getReference(User, this.viewer.userId);
    claim.overBudget = false;
  }

  /** The heads up the claimant's chain, nearest first, with their expense limits and whether they sit above the claim's unit. */
  private async chainOf(em: EntityManager, claim: ExpenseClaim): Promise<ChainHead[]> {
    const rows = await em.execute<ChainRow[]>(CHAIN_SQL, [claim.orgUnit.id, claim.claimant.id]);
    const limits = await approvalLimitsByRole(em);
    return rows.map((row) => ({ ...row, limit: new Decimal(limits.get(row.role)?.maxExpenseAmount ?? 0) }));
  }

  /** Replaces the claim's lines with `lines` (links checked in the claimant's scope) and sets its total. */
  private async replaceLines(em: EntityManager, claim: ExpenseClaim, lines: ExpenseLineInput[], path: string): Promise<void> {
    const viewer = this.viewer;
    const today = await databaseToday(em);
    const categoryIds = [...new Set(lines.map((line) => line.categoryId))];
    const categories = new Set((await em.find(ExpenseCategory, { id: { $in: categoryIds }, active: true })).map((category) => category.id));
    const visible = async <Row extends object>(entity: new () => Row, ids: (string | null | undefined)[], scope: FilterQuery<Row>): Promise<Set<string>> => {
      const wanted = [...new Set(ids.filter((each): each is string => each !== null && each !== undefined))];
      if (wanted.length === 0) return new Set();
      const rows = await em.find(entity, { $and: [{ id: { $in: wanted } }, scope] } as FilterQuery<Row>, { fields: ['id'] as never });
      return new Set(rows.map((row) => (row as unknown as { id: string }).id));
    };
    const customers = await visible(Customer, lines.map((line) => line.customerId), customerRowScope(viewer));
    const visits = await visible(Visit, lines.map((line) => line.visitId), visitRowScope(viewer));
    const opportunities = await visible(Opportunity, lines.map((line) => line.opportunityId), opportunityRowScope(viewer));
    lines.forEach((line, index) => {
      const at = `${path}.${index}`;
      if (!categories.has(line.categoryId)) throw new ExpensesError(ExpensesErrorCode.CATEGORY_NOT_FOUND, { field: `${at}.categoryId` });
      if (line.spentOn > today) throw UserInputError.field(`${at}.spentOn`, msg('must not be after today ({{day}})', { day: today }));
      if (!new Decimal(line.amount).greaterThan(0)) throw UserInputError.field(`${at}.amount`, 'must be more than 0');
      if (line.customerId && !customers.has(line.customerId)) throw new ExpensesError(ExpensesErrorCode.LINK_NOT_VISIBLE, { field: `${at}.customerId` });
      if (line.visitId && !visits.has(line.visitId)) throw new ExpensesError(ExpensesErrorCode.LINK_NOT_VISIBLE, { field: `${at}.visitId` });
      if (line.opportunityId && !opportunities.has(line.opportunityId)) throw new ExpensesError(ExpensesErrorCode.LINK_NOT_VISIBLE, { field: `${at}.opportunityId` });
    });
    if (claim.id !== undefined) await em.nativeDelete(ExpenseClaimLine, { claim: claim.id });
    lines.forEach((line, index) => {
      em.create(ExpenseClaimLine, {
        claim,
        claimant: claim.claimant,
        position: index + 1,
        category: em.getReference(ExpenseCategory, line.categoryId),
        spentOn: line.spentOn,
        amount: new Decimal(line.amount).toFixed(2),
        description: line.description,
        customer: line.customerId ? em.getReference(Customer, line.customerId) : null,
        visit: line.visitId ? em.getReference(Visit, line.visitId) : null,
        opportunity: line.opportunityId ? em.getReference(Opportunity, line.opportunityId) : null,
        receiptFileName: line.receipt?.fileName ?? null,
        receiptContentType: line.receipt?.contentType ?? null,
        receiptSize: line.receipt?.size ?? null,
        receiptSha256: line.receipt?.sha256 ?? null,
        receiptStorageKey: line.receipt?.storageKey ?? null,
      });
    });
    claim.totalAmount = lines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0)).toFixed(2);
  }

  /** The claim, visible to the viewer, locked for the rest of the transaction and read afresh. */
  private async lockedClaim(em: EntityManager, id: string): Promise<ExpenseClaim> {
    const claim = await em.findOne(
      ExpenseClaim,
      { $and: [{ id }, expenseClaimRowScope<ExpenseClaim>(this.viewer)] },
      { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['e0'], refresh: true },
    );
    if (claim === null) throw new ExpensesError(ExpensesErrorCode.CLAIM_NOT_FOUND, { field: 'id' });
    return claim;
  }

  private assertClaimant(claim: ExpenseClaim): void {
    if (claim.claimant.id !== this.viewer.userId) throw new ExpensesError(ExpensesErrorCode.NOT_YOUR_CLAIM);
  }

  /** Whether the viewer may see amounts of `claimantId`'s claims (used by reports that aggregate them). */
  seesAmountsOf(claimantId: string): boolean {
    const viewer = this.viewer;
    return readsAllExpenses(viewer) || viewer.userId === claimantId || managesUser(viewer, claimantId);
  }
}

/** A reason must show something. */
function requireReason(reason: string, path: string): string {
  const why = reason.trim();
  if (why === '') throw UserInputError.field(path, 'say why');
  return why;
}


/** Budget consumption and cost analysis: one SQL statement each, row scope in SQL. */
export class ExpenseReportsService {
  constructor(private readonly ctx: RequestContext) {}

  /** Every visible budget line of the period with spent, pending and remaining. */
  async budgetUsage(periodKind: PeriodKind, periodStart: string, orgUnitId: string | null): Promise<ExpenseBudgetUsage[]> {
    if (periodStartingOn(periodKind, periodStart) === undefined) throw new ExpensesError(ExpensesErrorCode.NOT_A_PERIOD_START, { field: 'periodStart' });
    const units = budgetUnitIds(this.ctx.signedInViewer);
    if (units === 'NONE') return [];
    const list = units === 'ALL' ? null : units.join(',');
    const rows = await this.ctx.em.execute<BudgetUsageRow[]>(BUDGET_USAGE_SQL, [periodKind, periodStart, list, list, orgUnitId, orgUnitId]);
    return rows.map((row) => ({
      budgetId: row.budget_id,
      orgUnitId: row.org_unit_id,
      periodKind: row.period_kind as PeriodKind,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      categoryId: row.category_id,
      budget: row.budget,
      spent: row.spent,
      pending: row.pending,
      remaining: row.remaining,
    }));
  }

  /** Expenses against booked sales per person, team, region and in all, for the people the viewer reaches. */
  async costAnalysis(from: string, to: string, orgUnitId: string | null): Promise<ExpenseCostRow[]> {
    if (to < from) throw UserInputError.field('to', msg('must not be before {{from}}', { from }));
    const viewer = this.ctx.signedInViewer;
    const people = readsAllExpenses(viewer) ? null : reachableOwnerIds(viewer).join(',');
    const rows = await this.ctx.em.execute<CostAnalysisRow[]>(COST_ANALYSIS_SQL, [people, people, orgUnitId, orgUnitId, from, to, from, to]);
    return rows.map((row) => ({
      level: row.level as CostLevel,
      regionId: row.region_id,
      teamId: row.team_id,
      userId: row.user_id,
      expenses: row.expenses,
      bookedSales: row.booked_sales,
      expenseRatioPercent: row.expense_ratio,
    }));
  }
}
