import type { FilterQuery } from '@mikro-orm/postgresql';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { rowReaders, signedInPersonWithRole } from '../../api/permissions/access-rule';
import { managesUser, reachableOwnerIds, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Role } from '../org/org.enums';
import type { SalesPlan } from './entities/sales-plan.entity';

/** Plans, their actions and comments: whoever the row scope lets see the plan. */
export const planReaders = rowReaders;

const PLAN_HOLDER_ROLES: readonly Role[] = [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR];

/**
 * Row scope of sales plans: the person and their management chain; the VP, admins and integrations (READ_PERFORMANCE,
 * checked on the operation). A plan is how one person means to work, not money: finance, service, support and
 * partners see none.
 */
export function planRowScope(viewer: Viewer): FilterQuery<SalesPlan> {
  if (seesWholeCompany(viewer) || viewer.role === Role.INTEGRATION) return {};
  if (!PLAN_HOLDER_ROLES.includes(viewer.role)) return MATCHES_NOTHING;
  return { user: { $in: reachableOwnerIds(viewer) } };
}

/** Who writes a plan and its actions: the person, their management chain, the VP and admins. */
export function mayWritePlan(viewer: Viewer, userId: string): boolean {
  return seesWholeCompany(viewer) || viewer.userId === userId || managesUser(viewer, userId);
}

/** Who comments on a plan: the management chain above its person, the VP and admins; not the person. */
export function mayCommentOnPlan(viewer: Viewer, userId: string): boolean {
  return viewer.userId !== userId && (seesWholeCompany(viewer) || managesUser(viewer, userId));
}

/** Who calls the plan writes: signed-in sales people and admins (the service checks whose plan). */
export const planWriters = signedInPersonWithRole(
  'plan-writers',
  'signed-in sales staff (their own plans and those of the people they manage) and admins',
  [...PLAN_HOLDER_ROLES, Role.SALES_VP, Role.ADMIN],
);

/** Who comments on plans: signed-in heads of units, the VP and admins (the service checks it is a plan below them). */
export const planCommenters = signedInPersonWithRole(
  'plan-commenters',
  'signed-in team managers, regional directors, the VP and admins, on the plans of the people they manage',
  [Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP, Role.ADMIN],
);
