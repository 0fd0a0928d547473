import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../org/entities/user.entity';
import { Opportunity } from './entities/opportunity.entity';
import { OpportunityStageChange } from './entities/opportunity-stage-change.entity';
import { DEFAULT_PROBABILITY, isClosedStage, OPEN_STAGES, OpportunityStage } from './pipeline.enums';
import { PipelineError, PipelineErrorCode } from './pipeline.errors';
import { msg } from '../../api/i18n';

export interface StageMove {
  from: OpportunityStage;
  to: OpportunityStage;
  /** Why: required to go back a stage, to lose, and to reopen a won or lost opportunity. */
  reason: string | null;
  /** Whether the opportunity has an accepted quote: the only way to win. */
  hasAcceptedQuote: boolean;
}

/**
 * The rules of the sales process (销售流程) for one move, as errors naming `path`'s fields:
 * - forward through the open stages freely, one or several at a time; back only with a reason;
 * - WON only with an accepted quote (no jump from lead to won);
 * - LOST from any open stage, with the reason it was lost;
 * - a won or lost opportunity is reopened (to an open stage) only with a reason, and never goes straight from
 *   won to lost or back.
 */
export function assertStageMove(move: StageMove, path: string): void {
  const { from, to } = move;
  const reason = move.reason?.trim() ?? '';
  if (from === to) throw new PipelineError(PipelineErrorCode.STAGE_MOVE_NOT_ALLOWED, { field: `${path}.stage`, detail: msg('It is already {{stage}}.', { stage: to }) });
  if (isClosedStage(from)) {
    if (isClosedStage(to)) {
      throw new PipelineError(PipelineErrorCode.STAGE_MOVE_NOT_ALLOWED, { field: `${path}.stage`, detail: msg('Reopen it before moving from {{from}} to {{to}}.', { from, to }) });
    }
    if (reason === '') throw new PipelineError(PipelineErrorCode.REASON_REQUIRED, { field: `${path}.reason`, detail: 'Reopening needs a reason.' });
    return;
  }
  if (to === OpportunityStage.WON) {
    if (!move.hasAcceptedQuote) throw new PipelineError(PipelineErrorCode.WON_NEEDS_ACCEPTED_QUOTE, { field: `${path}.stage` });
    return;
  }
  if (to === OpportunityStage.LOST) {
    if (reason === '') throw new PipelineError(PipelineErrorCode.REASON_REQUIRED, { field: `${path}.reason`, detail: 'Say why it was lost.' });
    return;
  }
  if (OPEN_STAGES.indexOf(to) < OPEN_STAGES.indexOf(from) && reason === '') {
    throw new PipelineError(PipelineErrorCode.REASON_REQUIRED, { field: `${path}.reason`, detail: 'Going back a stage needs a reason.' });
  }
}

/**
 * Applies a checked move: the stage, its default probability (unless one is given), the close time and lost
 * reason, and one history row. The caller flushes, in the same transaction as whatever caused the move.
 */
export function applyStageChange(
  em: EntityManager,
  opportunity: Opportunity,
  to: OpportunityStage,
  actorId: string,
  reason: string | null,
  probability?: number,
): OpportunityStageChange {
  const from = opportunity.stage;
  opportunity.stage = to;
  opportunity.probability = probability ?? DEFAULT_PROBABILITY[to];
  opportunity.closedAt = isClosedStage(to) ? new Date() : null;
  opportunity.lostReason = to === OpportunityStage.LOST ? reason?.trim() ?? null : null;
  return em.create(OpportunityStageChange, {
    opportunity,
    fromStage: from,
    toStage: to,
    changedBy: em.getReference(User, actorId),
    reason: reason?.trim() || null,
  });
}

/** The first history row of a new opportunity. */
export function recordInitialStage(em: EntityManager, opportunity: Opportunity, actorId: string): OpportunityStageChange {
  return em.create(OpportunityStageChange, {
    opportunity,
    fromStage: null,
    toStage: opportunity.stage,
    changedBy: em.getReference(User, actorId),
  });
}
