import { UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import { flushOrStale } from '../../api/database/optimistic-lock';
import { UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions, type PageArgs } from '../../api/pagination';
import type { Viewer } from '../../api/permissions/viewer';
import { Customer } from '../customers/entities/customer.entity';
import { customerRowScope } from '../customers/customers.policy';
import { User } from '../org/entities/user.entity';
import { loadViewer } from '../org/org.service';
import { Opportunity } from '../pipeline/entities/opportunity.entity';
import { opportunityRowScope } from '../pipeline/pipeline.policy';
import { SalesPlan, SalesPlanAction, SalesPlanComment, SalesPlanCustomer, SalesPlanDeal } from './entities/sales-plan.entity';
import { periodStartingOn } from './periods';
import type { CreateSalesPlanInput, PlanActionInput, SalesPlanFilter, UpdateSalesPlanInput } from './plans.inputs';
import { mayCommentOnPlan, mayWritePlan, planRowScope } from './plans.policy';
import type { PlanProgress } from './plans.types';
import type { TargetMetric } from './targets.enums';
import { staleTargetVersion, TargetsError, TargetsErrorCode } from './targets.errors';

/**
 * Personal sales plans (M4, M6): a person's plan for a period against their targets, with the customers and deals it
 * counts on (only ones the person may see), dated actions, and comments from the managers above. Progress compares the
 * person's targets with `sales_performance_fact`, the same rows achievement reads.
 */
export class PlansService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  planById(id: string, em: EntityManager = this.em): Promise<SalesPlan> {
    return findVisibleOrFail(em, SalesPlan, { id }, planRowScope(this.viewer), () => new TargetsError(TargetsErrorCode.PLAN_NOT_FOUND, { id }));
  }

  plans(args: PageArgs & { filter?: SalesPlanFilter | null }, options: FindPageOptions): Promise<ConnectionShape<SalesPlan>> {
    const filter = args.filter;
    const conditions: FilterQuery<SalesPlan>[] = [planRowScope(this.viewer)];
    if (filter?.userId != null) conditions.push({ user: filter.userId });
    if (filter?.periodKind != null) conditions.push({ periodKind: filter.periodKind });
    if (filter?.year != null) conditions.push({ periodStart: { $gte: `${filter.year}-01-01`, $lte: `${filter.year}-12-31` } });
    return findPage(this.em, SalesPlan, { $and: conditions }, args, { periodStart: 'asc', id: 'asc' }, options);
  }

  /** A new plan for the viewer or someone they manage; one per person and period. */
  create(input: CreateSalesPlanInput): Promise<SalesPlan> {
    const userId = input.userId ?? this.viewer.userId;
    if (periodStartingOn(input.periodKind, input.periodStart) === undefined) throw new TargetsError(TargetsErrorCode.BAD_PERIOD, { field: 'input.periodStart' });
    if (!mayWritePlan(this.viewer, userId)) throw new TargetsError(TargetsErrorCode.NOT_YOUR_PLAN, { field: 'input.userId' });
    return this.em.transactional(async (em) => {
      const plan = em.create(SalesPlan, {
        user: em.getReference(User, userId),
        periodKind: input.periodKind,
        periodStart: input.periodStart,
        summary: input.summary?.trim() || null,
        createdBy: em.getReference(User, this.viewer.userId),
      });
      await this.link(em, plan, userId, input.keyCustomerIds ?? [], input.opportunityIds ?? [], 'input');
      try {
        await em.flush();
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) throw new TargetsError(TargetsErrorCode.PLAN_EXISTS, { field: 'input.periodStart' });
        throw error;
      }
      return plan;
    });
  }

  /** Changes a plan's summary and replaces the lists given; `version` must be the one read. */
  update(id: string, version: number, input: UpdateSalesPlanInput): Promise<SalesPlan> {
    return this.em.transactional(async (em) => {
      const plan = await this.writablePlan(em, id);
      if (plan.version !== version) throw staleTargetVersion();
      if (input.summary != null) plan.summary = input.summary.trim() || null;
      if (input.keyCustomerIds != null) await em.nativeDelete(SalesPlanCustomer, { plan: plan.id });
      if (input.opportunityIds != null) await em.nativeDelete(SalesPlanDeal, { plan: plan.id });
      await this.link(em, plan, plan.user.id, input.keyCustomerIds ?? [], input.opportunityIds ?? [], 'input');
      // The plan's version moves on with any change of its lists too.
      plan.updatedAt = new Date();
      await flushOrStale(em, staleTargetVersion);
      return plan;
    });
  }

  addAction(planId: string, input: PlanActionInput): Promise<SalesPlanAction> {
    const title = input.title.trim();
    if (title === '') throw UserInputError.field('input.title', 'must not be blank');
    return this.em.transactional(async (em) => {
      const plan = await this.writablePlan(em, planId);
      const action = em.create(SalesPlanAction, { plan, title, dueOn: input.dueOn });
      await em.flush();
      return action;
    });
  }

  /** Marks an action done (with who and when) or not done again. */
  completeAction(actionId: string, done: boolean): Promise<SalesPlanAction> {
    return this.em.transactional(async (em) => {
      const action = await em.findOne(SalesPlanAction, { id: actionId, plan: planRowScope(this.viewer) });
      if (action === null) throw new TargetsError(TargetsErrorCode.PLAN_ACTION_NOT_FOUND, { field: 'id', id: actionId });
      await this.writablePlan(em, action.plan.id);
      action.doneAt = done ? (action.doneAt ?? new Date()) : null;
      action.doneBy = done ? (action.doneBy ?? em.getReference(User, this.viewer.userId)) : null;
      await flushOrStale(em, staleTargetVersion);
      return action;
    });
  }

  /** A comment by a manager above the plan's person (the VP and admins too). */
  comment(planId: string, body: string): Promise<SalesPlanComment> {
    const text = body.trim();
    if (text === '') throw UserInputError.field('comment', 'must not be blank');
    return this.em.transactional(async (em) => {
      const plan = await this.planById(planId, em);
      if (!mayCommentOnPlan(this.viewer, plan.user.id)) throw new TargetsError(TargetsErrorCode.NOT_YOUR_PLAN, { field: 'planId' });
      const comment = em.create(SalesPlanComment, { plan, author: em.getReference(User, this.viewer.userId), body: text });
      await em.flush();
      return comment;
    });
  }

  /**
   * Actual against target for every metric of the plan's person and period, and the actions done, in one statement:
   * the person's unsliced target per metric and the sum of their facts in the period.
   */
  async progress(plan: SalesPlan): Promise<PlanProgress> {
    const period = periodStartingOn(plan.periodKind, plan.periodStart)!;
    const rows = await this.em.execute<{ metric: TargetMetric; target: string | null; actual: string; actions_done: number; actions_total: number }[]>(
      `select m.metric::text as metric,
              (select t.value::text from sales_target t
                where t.metric = m.metric and t.user_id = ? and t.period_kind = ?::period_kind and t.period_start = ?::date
                  and t.product_line_id is null and t.customer_tier is null and t.customer_novelty is null) as target,
              (select coalesce(sum(f.value), 0)::text from sales_performance_fact f
                where f.metric = m.metric and f.user_id = ? and f.occurred_on between ?::date and ?::date) as actual,
              (select count(*)::int from sales_plan_action a where a.plan_id = ? and a.done_at is not null) as actions_done,
              (select count(*)::int from sales_plan_action a where a.plan_id = ?) as actions_total
         from unnest(enum_range(null::target_metric)) as m(metric)`,
      [plan.user.id, plan.periodKind, period.start, plan.user.id, period.start, period.end, plan.id, plan.id],
    );
    return {
      metrics: rows.map((row) => ({
        metric: row.metric,
        target: row.target,
        actual: row.actual,
        rate: row.target === null || new Decimal(row.target).isZero() ? null : new Decimal(row.actual).div(row.target).toFixed(4),
      })),
      actionsDone: rows[0]?.actions_done ?? 0,
      actionsTotal: rows[0]?.actions_total ?? 0,
    };
  }

  private async writablePlan(em: EntityManager, id: string): Promise<SalesPlan> {
    const plan = await this.planById(id, em);
    if (!mayWritePlan(this.viewer, plan.user.id)) throw new TargetsError(TargetsErrorCode.NOT_YOUR_PLAN, { field: 'id' });
    return plan;
  }

  /** Links customers and deals the plan's person may see; anything else is refused, naming the list. */
  private async link(em: EntityManager, plan: SalesPlan, userId: string, customerIds: readonly string[], opportunityIds: readonly string[], path: string): Promise<void> {
    if (customerIds.length === 0 && opportunityIds.length === 0) return;
    const person = await loadViewer(em, userId, { scopes: null, apiKeyId: null });
    if (person === null) throw new TargetsError(TargetsErrorCode.NOT_YOUR_PLAN, { field: `${path}.userId` });
    const customers = [...new Set(customerIds)];
    const deals = [...new Set(opportunityIds)];
    if (customers.length > 0 && (await em.count(Customer, { $and: [{ id: { $in: customers } }, customerRowScope(person)] })) !== customers.length) {
      throw new TargetsError(TargetsErrorCode.NOT_IN_PLAN_SCOPE, { field: `${path}.keyCustomerIds` });
    }
    if (deals.length > 0 && (await em.count(Opportunity, { $and: [{ id: { $in: deals } }, opportunityRowScope(person)] })) !== deals.length) {
      throw new TargetsError(TargetsErrorCode.NOT_IN_PLAN_SCOPE, { field: `${path}.opportunityIds` });
    }
    for (const customerId of customers) em.create(SalesPlanCustomer, { plan, customer: em.getReference(Customer, customerId) });
    for (const opportunityId of deals) em.create(SalesPlanDeal, { plan, opportunity: em.getReference(Opportunity, opportunityId) });
  }
}
