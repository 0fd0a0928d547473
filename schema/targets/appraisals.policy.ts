import type { FilterQuery } from '@mikro-orm/postgresql';
import { ApiScope } from '../../api/auth/api-scopes';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { lacksScope, rowReaders, signedInPersonWithRole, viewerRule, type AccessRule, type SqlAccessRule } from '../../api/permissions/access-rule';
import { hasScope, isPartner, managesUser, reachableOwnerIds, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Role } from '../org/org.enums';
import type { Appraisal } from './entities/appraisal.entity';
import type { ImprovementPlan } from './entities/improvement-plan.entity';

/** The roles a scorecard may be for: the sales line below the VP. */
export const APPRAISED_ROLES: readonly Role[] = [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR];

/** Who runs, reviews and confirms appraisals and opens improvement plans: heads of units, the VP and admins. */
const APPRAISING_ROLES: readonly Role[] = [Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP, Role.ADMIN];

/**
 * Scorecards (indicators and weights) are the published rules of assessment (002: 透明的考核机制): every internal
 * user reads them; partners do not.
 */
export const scorecardReaders = viewerRule('scorecard-readers', 'internal users (everyone but partners)', (viewer) => !isPartner(viewer));

/** Appraisals and improvement plans: whoever the row scope lets see the row. */
export const appraisalReaders = rowReaders;

/** Reads of this loop: signed-in people; API keys only with READ_PERFORMANCE. */
export const performanceReaders: AccessRule = {
  name: 'appraisal-list-readers',
  description: 'signed-in users; API keys with scope READ_PERFORMANCE',
  allows: (ctx) => ctx.viewer !== null && hasScope(ctx.viewer, ApiScope.READ_PERFORMANCE),
  missingScope: (viewer) => lacksScope(viewer, ApiScope.READ_PERFORMANCE),
};

/** Runs appraisals, reviews, confirms and returns them, lists improvement candidates and opens plans (people, not keys). */
export const appraisers = signedInPersonWithRole(
  'appraisers',
  'team managers, regional directors, the VP and admins (each for the people below them)',
  APPRAISING_ROLES,
);

/** Marks improvement actions done: the person on the plan and their chain, the VP and admins. */
export const improvementActionWriters = signedInPersonWithRole(
  'improvement-action-writers',
  'sales staff (their own plan’s actions), their management chain, the VP and admins',
  [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, ...APPRAISING_ROLES],
);

/** Finance, the VP and admins read every appraisal's scores: results feed pay (001 §四(三)3, 002 三). */
function readsAllScores(viewer: Viewer): boolean {
  return seesWholeCompany(viewer) || viewer.role === Role.FINANCE;
}

/**
 * Appraisals: the person, their management chain, finance (pay follows the result), the VP and admins, and
 * integrations (an HR system follows the archive; the scores stay guarded). Partners, customer service and technical
 * support see none but their own (they have no scorecard).
 */
export function appraisalRowScope(viewer: Viewer): FilterQuery<Appraisal> {
  if (isPartner(viewer)) return MATCHES_NOTHING;
  if (readsAllScores(viewer) || viewer.role === Role.INTEGRATION) return {};
  return { user: { $in: reachableOwnerIds(viewer) } };
}

/**
 * An appraisal's scores, grade, recommendation and comments (and its lines' figures): the person, the heads of the
 * units above them, finance, the VP and admins. Never integrations or partners.
 */
export const appraisalScoreReaders: SqlAccessRule<{ user: { id: string } }> = {
  name: 'appraisal-score-readers',
  description: 'the person appraised, their management chain (heads of the units above them), finance, the VP and admins',
  allows(ctx, row) {
    const viewer = ctx.viewer;
    if (viewer === null) return false;
    if (readsAllScores(viewer)) return true;
    if (viewer.role === Role.INTEGRATION || isPartner(viewer)) return false;
    return row.user.id === viewer.userId || managesUser(viewer, row.user.id);
  },
  where(viewer) {
    if (readsAllScores(viewer)) return {};
    if (viewer.role === Role.INTEGRATION || isPartner(viewer)) return MATCHES_NOTHING as never;
    return { user: { $in: reachableOwnerIds(viewer) } } as never;
  },
};

/**
 * Improvement plans (末位改进计划) are personal: the person, their management chain, the VP and admins. Not finance,
 * integrations, partners or service staff.
 */
export function improvementPlanRowScope(viewer: Viewer): FilterQuery<ImprovementPlan> {
  if (seesWholeCompany(viewer)) return {};
  if (isPartner(viewer) || viewer.role === Role.INTEGRATION) return MATCHES_NOTHING;
  return { user: { $in: reachableOwnerIds(viewer) } };
}
