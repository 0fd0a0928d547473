import { ApiScope } from '../../api/auth/api-scopes';
import { lacksScope, type AccessRule } from '../../api/permissions/access-rule';
import { hasScope, managesUser, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Role } from '../org/org.enums';

/**
 * Who sees the achievement and KPIs of everyone: the VP and admins, finance (achievement company-wide) and
 * integrations (an API key still needs READ_PERFORMANCE, checked by the operation rule).
 */
export function seesAllPerformance(viewer: Viewer): boolean {
  return seesWholeCompany(viewer) || viewer.role === Role.FINANCE || viewer.role === Role.INTEGRATION;
}

/** A person's figures: the person, their management chain, and whoever sees all performance. */
export function mayReadPersonPerformance(viewer: Viewer, userId: string): boolean {
  return seesAllPerformance(viewer) || userId === viewer.userId || managesUser(viewer, userId);
}

/**
 * A unit's figures (the sum over its subtree): only a viewer who may read every person in it, the head of the unit
 * or of one above it, or whoever sees all performance. A rep may not read his own team's total: with his own figure
 * it would give away his peers' sum.
 */
export function mayReadUnitPerformance(viewer: Viewer, orgUnitId: string): boolean {
  return seesAllPerformance(viewer) || viewer.managedUnitIds.has(orgUnitId);
}

/** Roles that take part in rankings of their own unit: the sales line, who sell against targets. */
const RANKED_ROLES: readonly Role[] = [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR];

/**
 * Whose ranking a viewer may see: any unit for whoever sees all performance, the units they head (and below) for
 * managers, and for the sales line their own unit too (a rep sees his team's ranking by achievement rate; the amounts
 * are guarded by `performanceAmountReaders`). Service, support and partners see no ranking.
 */
export function mayReadLeaderboard(viewer: Viewer, orgUnitId: string): boolean {
  if (mayReadUnitPerformance(viewer, orgUnitId)) return true;
  return RANKED_ROLES.includes(viewer.role) && viewer.unitId === orgUnitId;
}

/** Who may ask for performance at all: everyone signed in but partners (their own figures would be all zero). */
export const performanceReaders: AccessRule = {
  name: 'performance-readers',
  description:
    'internal users (their own figures, and the people and units they manage; finance, the VP, admins and integrations everyone’s); API keys with scope READ_PERFORMANCE; not partners',
  allows: (ctx) => ctx.viewer !== null && ctx.viewer.role !== Role.PARTNER && hasScope(ctx.viewer, ApiScope.READ_PERFORMANCE),
  missingScope: (viewer) => (viewer.role === Role.PARTNER ? undefined : lacksScope(viewer, ApiScope.READ_PERFORMANCE)),
};

/**
 * An amount behind a ranking row (actual and target money or counts of another person): the person, their management
 * chain, finance, the VP, admins and integrations. Peers see the rank and the achievement rate only.
 */
export const performanceAmountReaders: AccessRule<{ userId: string | null; orgUnitId: string | null }> = {
  name: 'performance-amount-readers',
  description: 'the person, the person’s management chain (for a unit: its heads above), finance, the VP, admins and integrations',
  allows(ctx, row) {
    const viewer = ctx.viewer;
    if (viewer === null) return false;
    if (row.userId !== null) return mayReadPersonPerformance(viewer, row.userId);
    return row.orgUnitId !== null && mayReadUnitPerformance(viewer, row.orgUnitId);
  },
};
