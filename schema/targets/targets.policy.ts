import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { rolesRule, rowReaders, signedInPersonWithRole, type AccessRule, type SqlAccessRule } from '../../api/permissions/access-rule';
import { reachableOwnerIds, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Role } from '../org/org.enums';
import type { SalesTarget } from './entities/sales-target.entity';

/** Commission plans: the sales staff they pay, their managers, finance and admins; not partners or support staff. */
export const commissionReaders = rolesRule(
  'commission-readers',
  'sales staff (reps, key account managers, team managers, regional directors, the VP), finance and admins',
  [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP, Role.FINANCE, Role.ADMIN],
);

/** Targets, their versions and adjustments: whoever the row scope lets see the target. */
export const targetReaders = rowReaders;

/** Who reads every target of the company: the VP and admins, finance (achievement company-wide), integrations. */
function seesAllTargets(viewer: Viewer): boolean {
  return seesWholeCompany(viewer) || viewer.role === Role.FINANCE || viewer.role === Role.INTEGRATION;
}

/** Sales roles below the VP: they see their own targets, their units' and those of the people and units they head. */
const TARGET_HOLDER_ROLES: readonly Role[] = [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR];

/**
 * Row scope of targets. A target is a person's or a unit's money, so it follows the org tree: a person sees their own
 * targets and their unit's (the team goal they work towards), the heads of units those of every unit and person in
 * their subtree; the VP, admins, finance and integrations (with READ_PERFORMANCE, checked on the operation) all.
 * Partners, customer service and technical support see none. Two index-backed `in` lists, on the person and on the
 * unit, so PostgreSQL uses `sales_target_user_period_idx` and `sales_target_unit_period_idx`.
 */
export function targetRowScope(viewer: Viewer): FilterQuery<SalesTarget> {
  if (seesAllTargets(viewer)) return {};
  if (!TARGET_HOLDER_ROLES.includes(viewer.role)) return MATCHES_NOTHING;
  const units = new Set(viewer.managedUnitIds);
  if (viewer.unitId !== null) units.add(viewer.unitId);
  return { $or: [{ user: { $in: reachableOwnerIds(viewer) } }, { orgUnit: { $in: [...units] } }] };
}

/** `targetRowScope` in memory, for one target's person or unit. */
export function mayReadTarget(viewer: Viewer, target: Pick<SalesTarget, 'user' | 'orgUnit'>): boolean {
  if (seesAllTargets(viewer)) return true;
  if (!TARGET_HOLDER_ROLES.includes(viewer.role)) return false;
  if (target.user !== null) return target.user.id === viewer.userId || viewer.managedUserIds.has(target.user.id);
  if (target.orgUnit !== null) return target.orgUnit.id === viewer.unitId || viewer.managedUnitIds.has(target.orgUnit.id);
  return false;
}

/**
 * A target's value: the person (or, for a unit's target, its members), the management chain above, finance, the VP,
 * admins and integrations — exactly who sees the target, stated as a field rule so that filters, sorts, events and
 * every record carrying the value (versions, adjustments) are guarded by the same rule.
 */
export const targetValueReaders: SqlAccessRule<SalesTarget> = {
  name: 'target-value-readers',
  description: 'the person (for a unit’s target: its members), the heads of the units above (the management chain), finance, the VP, admins and integrations with READ_PERFORMANCE',
  allows(ctx, target) {
    return ctx.viewer !== null && mayReadTarget(ctx.viewer, target);
  },
  where(viewer) {
    return targetRowScope(viewer);
  },
};

/** A version's or adjustment's values: whoever may read the value of its target. */
export const targetChildValueReaders: AccessRule<{ target: { id: string } }> = {
  name: 'target-child-value-readers',
  description: `as SalesTarget.value: ${targetValueReaders.description}`,
  async allows(ctx: RequestContext, row) {
    if (ctx.viewer === null) return false;
    const target = await ctx.loaders.targets.targetById.load(row.target.id);
    return target !== null && mayReadTarget(ctx.viewer, target);
  },
};

/**
 * Who sets targets and decides adjustments: signed-in heads of units (team managers, regional directors), the VP and
 * admins. The service checks for whom: only units and people below a unit one heads (the VP and admins: all).
 */
export const targetSetters = signedInPersonWithRole(
  'target-setters',
  'signed-in team managers, regional directors, the VP and admins, for the units and people below a unit they head',
  [Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP, Role.ADMIN],
);

/**
 * Who asks to change a locked target: signed-in sales people for their own targets and their units', and whoever
 * sets targets; the service checks which.
 */
export const adjustmentRequesters = signedInPersonWithRole(
  'target-adjustment-requesters',
  'signed-in sales staff (their own targets, the units they head, and whatever they may set) and admins',
  [...TARGET_HOLDER_ROLES, Role.SALES_VP, Role.ADMIN],
);

/** Unit paths and people, as the authority checks need them. */
export interface TargetLevel {
  unit: { id: string; path: string } | null;
  user: { id: string; unitPath: string | null } | null;
}

/**
 * Whether the viewer may set (or approve a change of) a target at this level: the VP and admins for every level; a
 * head of a unit for the units strictly below it and the people in its subtree other than themself. Nobody sets their
 * own target or the target of a unit they head: the level above does.
 */
export function maySetTargetAt(viewer: Viewer, level: TargetLevel): boolean {
  if (seesWholeCompany(viewer)) return true;
  if (viewer.apiKeyId !== null) return false;
  if (level.unit !== null) return viewer.headedUnitPaths.some((path) => level.unit!.path.startsWith(path) && level.unit!.path !== path);
  if (level.user !== null) {
    if (level.user.id === viewer.userId || level.user.unitPath === null) return false;
    return viewer.headedUnitPaths.some((path) => level.user!.unitPath!.startsWith(path));
  }
  return false;
}

/** Whether the viewer holds the target: it is theirs, or their unit's and they head it. */
export function holdsTarget(viewer: Viewer, level: TargetLevel): boolean {
  if (level.user !== null) return level.user.id === viewer.userId;
  return level.unit !== null && viewer.headedUnitPaths.includes(level.unit.path);
}
