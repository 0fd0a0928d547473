import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { databaseToday } from '../../api/database/today';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { flushOrStale, lockVersion } from '../../api/database/optimistic-lock';
import { managesUser, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { User } from '../org/entities/user.entity';
import { ImprovementPlanStatus, type ImprovementOutcome } from './appraisals.enums';
import { AppraisalsError, AppraisalsErrorCode, staleAppraisalVersion } from './appraisals.errors';
import type { OpenImprovementPlanInput, UpdateImprovementActionInput } from './appraisals.inputs';
import { improvementPlanRowScope } from './appraisals.policy';
import { ImprovementAction, ImprovementPlan } from './entities/improvement-plan.entity';

/**
 * Improvement plans (N11, 003: 对连续未达标成员启动辅导计划): the person's management chain opens one with actions,
 * the person and the chain record each action's progress, the chain closes it with an outcome.
 */
export class ImprovementPlansService {
  constructor(private readonly ctx: RequestContext) {}

  private get em(): EntityManager {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  planById(id: string, em: EntityManager = this.em): Promise<ImprovementPlan> {
    return findVisibleOrFail(em, ImprovementPlan, { id }, improvementPlanRowScope(this.viewer), () => new AppraisalsError(AppraisalsErrorCode.PLAN_NOT_FOUND, { id }));
  }

  /** The plans the viewer may see, open ones first, newest first. */
  plans(userId: string | null, status: ImprovementPlanStatus | null): Promise<ImprovementPlan[]> {
    return this.em.find(
      ImprovementPlan,
      { $and: [userId === null ? {} : { user: userId }, status === null ? {} : { status }, improvementPlanRowScope(this.viewer)] },
      { orderBy: { status: 'asc', openedOn: 'desc', id: 'asc' } },
    );
  }

  /** Opens a plan for a person below the viewer (the VP and admins: anyone); one open plan per person. */
  async open(input: OpenImprovementPlanInput): Promise<ImprovementPlan> {
    const id = await this.em.transactional(async (em) => {
      const person = await em.findOne(User, { id: input.userId });
      if (person === null) throw new AppraisalsError(AppraisalsErrorCode.PERSON_NOT_FOUND, { field: 'input.userId' });
      this.assertAbove(person.id, 'input.userId');
      const plan = em.create(ImprovementPlan, {
        user: person,
        openedBy: em.getReference(User, this.viewer.userId),
        openedOn: await databaseToday(em),
        reason: input.reason,
        goal: input.goal,
        missedPeriodKind: input.missedPeriodKind ?? null,
        missedUntil: input.missedUntil ?? null,
      });
      input.actions.forEach((action, index) => em.create(ImprovementAction, { plan, position: index + 1, description: action.description, dueOn: action.dueOn }));
      try {
        await em.flush();
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) throw new AppraisalsError(AppraisalsErrorCode.PLAN_ALREADY_OPEN, { field: 'input.userId' });
        throw error;
      }
      return plan.id;
    });
    return this.em.findOneOrFail(ImprovementPlan, { id }, { refresh: true });
  }

  /** Records an action's progress: the person on the plan or their chain, while the plan is open. */
  async updateAction(actionId: string, input: UpdateImprovementActionInput): Promise<ImprovementAction> {
    return this.em.transactional(async (em) => {
      const action = await findVisibleOrFail(
        em,
        ImprovementAction,
        { id: actionId },
        { plan: improvementPlanRowScope(this.viewer) },
        () => new AppraisalsError(AppraisalsErrorCode.ACTION_NOT_FOUND, { id: actionId }),
      );
      const plan = await em.findOneOrFail(ImprovementPlan, { id: action.plan.id });
      if (plan.status !== ImprovementPlanStatus.OPEN) throw new AppraisalsError(AppraisalsErrorCode.PLAN_CLOSED);
      if (input.doneOn !== undefined) action.doneOn = input.doneOn;
      if (input.result !== undefined) action.result = input.result;
      await em.flush();
      return action;
    });
  }

  /** Closes an open plan with its outcome: the person's chain (the VP, admins). */
  async close(id: string, version: number, outcome: ImprovementOutcome, comment: string): Promise<ImprovementPlan> {
    await this.em.transactional(async (em) => {
      const plan = await this.planById(id, em);
      this.assertAbove(plan.user.id, 'id');
      if (plan.status !== ImprovementPlanStatus.OPEN) throw new AppraisalsError(AppraisalsErrorCode.PLAN_CLOSED);
      await lockVersion(em, plan, version, staleAppraisalVersion);
      plan.status = ImprovementPlanStatus.CLOSED;
      plan.outcome = outcome;
      plan.closingComment = comment;
      plan.closedBy = em.getReference(User, this.viewer.userId);
      plan.closedAt = new Date();
      await flushOrStale(em, staleAppraisalVersion);
    });
    return this.em.findOneOrFail(ImprovementPlan, { id }, { refresh: true });
  }

  /** The person's management chain (never the person), the VP and admins. */
  private assertAbove(userId: string, field: string): void {
    const viewer = this.viewer;
    if (seesWholeCompany(viewer) && viewer.userId !== userId) return;
    if (viewer.userId === userId || !managesUser(viewer, userId)) throw new AppraisalsError(AppraisalsErrorCode.NOT_BELOW_YOU, { field });
  }
}
