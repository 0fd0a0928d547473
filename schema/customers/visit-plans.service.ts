import { UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../api/context';
import { flushOrStale, lockVersion } from '../../api/database/optimistic-lock';
import { UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import type { Viewer } from '../../api/permissions/viewer';
import { CustomerError, CustomerErrorCode } from './customers.errors';
import { customerRowScope, visitRowScope } from './customers.policy';
import { CustomerService } from './customers.service';
import { Contact } from './entities/contact.entity';
import { Customer } from './entities/customer.entity';
import { Visit } from './entities/visit.entity';
import { VisitCheckIn } from './entities/visit-check-in.entity';
import { VisitPlan } from './entities/visit-plan.entity';
import { FollowUpError, FollowUpErrorCode } from './follow-up.errors';
import { MISSED_AFTER_MS, RecurrenceUnit, VisitPlanStatus } from './follow-up.enums';
import { mayManagePlan, visitPlanRowScope } from './follow-up.policy';
import type { CheckInInput, CompleteVisitPlanInput, CreateVisitPlanInput, VisitPlansArgs } from './visit-plans.inputs';

const DAY = 24 * 60 * 60 * 1000;
/** Device clocks run a little ahead: a check-in or follow-up up to this far in the future is taken as now. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A plan's status as clients see it: a PLANNED plan more than a day past its time reads MISSED. */
export function visitPlanStatus(plan: Pick<VisitPlan, 'status' | 'plannedAt'>, now = Date.now()): VisitPlanStatus {
  if (plan.status === VisitPlanStatus.PLANNED && plan.plannedAt.getTime() < now - MISSED_AFTER_MS) return VisitPlanStatus.MISSED;
  return plan.status;
}

/** The time of the next visit of a regular plan: the first step of its rhythm after `now` (never the past). */
export function nextRecurrence(plannedAt: Date, every: number, unit: RecurrenceUnit, now = Date.now()): Date {
  const step = every * (unit === RecurrenceUnit.WEEK ? 7 : 1) * DAY;
  const steps = Math.max(1, Math.floor((now - plannedAt.getTime()) / step) + 1);
  return new Date(plannedAt.getTime() + steps * step);
}

const staleVersion = () => new FollowUpError(FollowUpErrorCode.STALE_VERSION, { field: 'version' });

/**
 * Records a check-in for `visitId`: the distance to the customer's location is computed by PostgreSQL
 * (`haversine_metres`, migration 20261208110000) in the inserting statement, kept to 0.1 m, and judged against
 * `farMetres` plus the device's accuracy. Null distance (and flag) when the customer has no coordinates.
 */
export async function recordCheckIn(em: EntityManager, visitId: string, userId: string, input: CheckInInput, farMetres: number, path: string): Promise<VisitCheckIn> {
  const now = Date.now();
  const checkedInAt = input.checkedInAt ?? new Date(now);
  if (checkedInAt.getTime() > now + CLOCK_SKEW_MS) throw UserInputError.field(`${path}.checkedInAt`, 'must not be in the future');
  const rows = await em.execute<{ id: string }[]>(
    `insert into visit_check_in (id, visit_id, checked_in_by_id, checked_in_at, latitude, longitude, accuracy_metres, distance_metres, far_threshold_metres, far)
     select ?, v.id, ?, ?, ?, ?, ?, d.metres, ?, d.metres > ? + ?
       from visit v join customer c on c.id = v.customer_id
       cross join lateral (select round(haversine_metres(c.latitude, c.longitude, ?, ?)::numeric, 1)::double precision as metres) d
      where v.id = ?
     on conflict (visit_id) do nothing
     returning id`,
    [randomUUID(), userId, checkedInAt, input.latitude, input.longitude, input.accuracyMetres, farMetres, farMetres, input.accuracyMetres, input.latitude, input.longitude, visitId],
  );
  if (rows.length === 0) throw new FollowUpError(FollowUpErrorCode.ALREADY_CHECKED_IN, { field: path });
  return em.findOneOrFail(VisitCheckIn, rows[0].id, { refresh: true });
}

/** Visit plans (C3) and visit check-ins (S2), in the viewer's scope, written with the checks of the sales rules. */
export class VisitPlanService {
  constructor(private readonly ctx: RequestContext) {}

  private get em() {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  visitPlan(id: string): Promise<VisitPlan> {
    return findVisibleOrFail(this.em, VisitPlan, { id }, visitPlanRowScope(this.viewer), () => new FollowUpError(FollowUpErrorCode.VISIT_PLAN_NOT_FOUND, { id }));
  }

  visitPlans(args: VisitPlansArgs, options: FindPageOptions = {}): Promise<ConnectionShape<VisitPlan>> {
    const filter = args.filter;
    const conditions: FilterQuery<VisitPlan>[] = [visitPlanRowScope(this.viewer)];
    if (filter?.customerId !== undefined && filter.customerId !== null) conditions.push({ customer: filter.customerId });
    if (filter?.plannedById !== undefined && filter.plannedById !== null) conditions.push({ plannedBy: filter.plannedById });
    if (filter?.from !== undefined && filter.from !== null) conditions.push({ plannedAt: { $gte: filter.from } });
    if (filter?.to !== undefined && filter.to !== null) conditions.push({ plannedAt: { $lt: filter.to } });
    if (filter?.statuses !== undefined && filter.statuses !== null) {
      const missedBefore = new Date(Date.now() - MISSED_AFTER_MS);
      const byStatus: Record<VisitPlanStatus, FilterQuery<VisitPlan>> = {
        [VisitPlanStatus.PLANNED]: { status: VisitPlanStatus.PLANNED, plannedAt: { $gte: missedBefore } },
        [VisitPlanStatus.MISSED]: { status: VisitPlanStatus.PLANNED, plannedAt: { $lt: missedBefore } },
        [VisitPlanStatus.DONE]: { status: VisitPlanStatus.DONE },
        [VisitPlanStatus.CANCELLED]: { status: VisitPlanStatus.CANCELLED },
      };
      conditions.push({ $or: [...new Set(filter.statuses)].map((status) => byStatus[status]) });
    }
    return findPage(this.em, VisitPlan, { $and: conditions }, args, { plannedAt: 'asc', id: 'asc' }, options);
  }

  async createVisitPlan(input: CreateVisitPlanInput): Promise<VisitPlan> {
    if (input.plannedAt.getTime() < Date.now() - CLOCK_SKEW_MS) throw UserInputError.field('input.plannedAt', 'must not be in the past');
    const every = input.recurrenceEvery ?? null;
    const unit = input.recurrenceUnit ?? null;
    if ((every === null) !== (unit === null)) {
      throw UserInputError.field(every === null ? 'input.recurrenceEvery' : 'input.recurrenceUnit', 'recurrenceEvery and recurrenceUnit go together');
    }
    return this.em.transactional(async (em) => {
      const customers = new CustomerService(this.ctx.withEntityManager(em));
      const customer = await em.findOne(Customer, { $and: [{ id: input.customerId }, customerRowScope(this.viewer)] });
      if (customer === null) throw UserInputError.field('input.customerId', 'no such customer');
      let contact: Contact | null = null;
      if (input.contactId !== undefined && input.contactId !== null) {
        contact = await em.findOne(Contact, { id: input.contactId, customer: customer.id });
        if (contact === null) throw UserInputError.field('input.contactId', 'is not a contact of this customer');
      }
      const plannedBy = await customers.assignableOwner(input.plannedById ?? undefined, 'input.plannedById');
      const plan = em.create(VisitPlan, {
        customer,
        contact,
        plannedBy,
        plannedAt: input.plannedAt,
        purpose: input.purpose.trim(),
        recurrenceEvery: every,
        recurrenceUnit: unit,
      });
      await em.flush();
      return plan;
    });
  }

  async cancelVisitPlan(id: string, version: number, reason: string): Promise<VisitPlan> {
    const cleanReason = reason.trim();
    if (cleanReason.length === 0) throw UserInputError.field('reason', 'must not be empty');
    return this.em.transactional(async (em) => {
      const plan = await new VisitPlanService(this.ctx.withEntityManager(em)).visitPlan(id);
      if (!mayManagePlan(this.viewer, plan.plannedBy.id)) throw new FollowUpError(FollowUpErrorCode.NOT_THE_PLANNER);
      await lockVersion(em, plan, version, staleVersion);
      if (plan.status !== VisitPlanStatus.PLANNED) throw new FollowUpError(FollowUpErrorCode.VISIT_PLAN_CLOSED, { status: plan.status });
      Object.assign(plan, { status: VisitPlanStatus.CANCELLED, cancelReason: cleanReason, closedAt: new Date() });
      await flushOrStale(em, staleVersion);
      return plan;
    });
  }

  /**
   * Turns a plan into its visit, in one transaction: the visit form (as `logVisit` records it), the plan DONE and
   * pointing at it, the check-in if one was sent, and for a regular plan the next plan. Anything refused leaves none
   * of it written. Only the planner records the visit (it is theirs); a late record turns a MISSED plan DONE too.
   */
  async completeVisitPlan(id: string, version: number, input: CompleteVisitPlanInput): Promise<VisitPlan> {
    try {
      return await this.em.transactional(async (em) => {
        const ctx = this.ctx.withEntityManager(em);
        const plan = await new VisitPlanService(ctx).visitPlan(id);
        if (plan.plannedBy.id !== this.viewer.userId) throw new FollowUpError(FollowUpErrorCode.NOT_THE_PLANNER);
        await lockVersion(em, plan, version, staleVersion);
        if (plan.status !== VisitPlanStatus.PLANNED) throw new FollowUpError(FollowUpErrorCode.VISIT_PLAN_CLOSED, { status: plan.status });
        // Recorded ahead of its day, the visit happened today (the day logVisit counts in).
        const today = new Date().toISOString().slice(0, 10);
        const planDay = companyDate(plan.plannedAt, this.ctx.config.companyTimeZone);
        const visitedOn = input.visitedOn ?? (planDay < today ? planDay : today);
        const visit = await new CustomerService(ctx).logVisit({
          customerId: plan.customer.id,
          contactId: plan.contact?.id,
          visitedOn,
          purpose: plan.purpose,
          outcome: input.outcome,
          nextStep: input.nextStep,
          nextVisitOn: input.nextVisitOn,
          accompaniedById: input.accompaniedById,
        });
        Object.assign(plan, { status: VisitPlanStatus.DONE, visit: em.getReference(Visit, visit.id), closedAt: new Date() });
        await flushOrStale(em, staleVersion);
        if (input.checkIn !== undefined && input.checkIn !== null) {
          await recordCheckIn(em, visit.id, this.viewer.userId, input.checkIn, this.ctx.config.checkInFarMetres, 'input.checkIn');
        }
        if (plan.recurrenceEvery !== null && plan.recurrenceUnit !== null) {
          em.create(VisitPlan, {
            customer: plan.customer,
            contact: plan.contact,
            plannedBy: plan.plannedBy,
            plannedAt: nextRecurrence(plan.plannedAt, plan.recurrenceEvery, plan.recurrenceUnit),
            purpose: plan.purpose,
            recurrenceEvery: plan.recurrenceEvery,
            recurrenceUnit: plan.recurrenceUnit,
            previousPlan: plan,
          });
          await em.flush();
        }
        return plan;
      });
    } catch (error) {
      // Two completions of one regular plan at once: the successor's unique back-reference lets one through.
      if (error instanceof UniqueConstraintViolationException) throw new FollowUpError(FollowUpErrorCode.VISIT_PLAN_ALREADY_SUCCEEDED, { id });
      throw error;
    }
  }

  /** A check-in for a visit one made oneself; once per visit. Returns the visit. */
  async checkInVisit(visitId: string, input: CheckInInput): Promise<Visit> {
    return this.em.transactional(async (em) => {
      const visit = await findVisibleOrFail(em, Visit, { id: visitId }, visitRowScope(this.viewer), () => new CustomerError(CustomerErrorCode.VISIT_NOT_FOUND, { id: visitId }));
      if (visit.visitedBy.id !== this.viewer.userId) throw new FollowUpError(FollowUpErrorCode.NOT_THE_VISITOR);
      await recordCheckIn(em, visit.id, this.viewer.userId, input, this.ctx.config.checkInFarMetres, 'input');
      return visit;
    });
  }
}

/** The calendar date of `instant` in `timeZone` (YYYY-MM-DD). */
export function companyDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

