import type { EntityManager } from '@mikro-orm/postgresql';
import { entityByIdLoader, MATCHES_NOTHING, rowsByParentLoader } from '../../api/data-loaders';
import { isPartner, type Viewer } from '../../api/permissions/viewer';
import { AppraisalLine } from './entities/appraisal.entity';
import { Appraisal } from './entities/appraisal.entity';
import { ImprovementAction } from './entities/improvement-plan.entity';
import { Scorecard, ScorecardIndicator } from './entities/scorecard.entity';
import { appraisalRowScope } from './appraisals.policy';

/** Scorecards with their indicators, appraisals with their lines, plans with their actions: batched per request. */
export function createAppraisalLoaders(em: EntityManager, viewer: Viewer | null) {
  const scorecardScope = viewer === null || isPartner(viewer) ? MATCHES_NOTHING : {};
  return {
    appraisalById: entityByIdLoader(em, Appraisal, viewer === null ? MATCHES_NOTHING : appraisalRowScope(viewer)),
    scorecardById: entityByIdLoader(em, Scorecard, scorecardScope),
    indicatorsByScorecardId: rowsByParentLoader(em, ScorecardIndicator, 'scorecard', {}, { position: 'asc', indicator: 'asc' }),
    // Lines and actions are read only through their appraisal or plan, which the row scope already let through.
    linesByAppraisalId: rowsByParentLoader(em, AppraisalLine, 'appraisal', {}, { position: 'asc', indicator: 'asc' }),
    actionsByPlanId: rowsByParentLoader(em, ImprovementAction, 'plan', {}, { position: 'asc', id: 'asc' }),
  };
}
