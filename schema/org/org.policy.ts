import type { FilterQuery } from '@mikro-orm/postgresql';
import type { SqlAccessRule } from '../../api/permissions/access-rule';
import { rowReaders, viewerRule } from '../../api/permissions/access-rule';
import { isPartner, managesUser, reachableOwnerIds, type Viewer } from '../../api/permissions/viewer';
import type { ApiKey } from './entities/api-key.entity';
import type { OrgUnit } from './entities/org-unit.entity';
import type { User } from './entities/user.entity';
import { Role } from './org.enums';

/** Internal master data (e.g. approval limits): everyone but partner users. */
export const internalReaders = viewerRule('internal-users', 'internal users (everyone but partners)', (viewer) => !isPartner(viewer));

/** Org units and users form the company directory: every internal user may see who is who. */
export const orgDirectoryReaders = rowReaders;

/**
 * Row scope of users: internal users see the whole directory (its sensitive fields are guarded one by one);
 * partner users see only their own distributor's users.
 */
export function userRowScope(viewer: Viewer): FilterQuery<User> {
  if (isPartner(viewer)) return { distributor: viewer.distributorId };
  return {};
}

/** Row scope of org units: internal users see the tree; partner users only their distributor's regions. */
export function orgUnitRowScope(viewer: Viewer): FilterQuery<OrgUnit> {
  if (isPartner(viewer)) return { id: { $in: [...viewer.distributorRegionIds] } };
  return {};
}

/** API keys are seen and managed by the user they are bound to, and by admins. */
export function apiKeyRowScope(viewer: Viewer): FilterQuery<ApiKey> {
  if (viewer.role === Role.ADMIN) return {};
  return { user: viewer.userId };
}

/** Users inside the subtrees the viewer heads (their team, region, or the company for the VP). */
export function managedUsersScope(viewer: Viewer): FilterQuery<User> {
  return { id: { $in: [...viewer.managedUserIds] } };
}

/**
 * Personal data (phone, email, hire date, and pay fields to come): the person, their management chain (the heads
 * of the units above them, up to the VP) and admins. Decided by the org tree alone, not by rank: a user with no
 * org unit (a distributor's partner user, an integration account) has no chain above them, so only they and admins
 * may read these fields, the VP included.
 */
export const selfChainOrAdmin: SqlAccessRule<User> = {
  name: 'self-chain-or-admin',
  description: 'the user, the heads of the org units above them (their management chain) and admins; for a user outside the org tree (partner, integration account) only they and admins',
  allows(ctx, user) {
    const viewer = ctx.viewer;
    if (viewer === null) return false;
    return viewer.role === Role.ADMIN || viewer.userId === user.id || managesUser(viewer, user.id);
  },
  where(viewer) {
    if (viewer.role === Role.ADMIN) return {};
    // managedUserIds holds the members of the subtrees the viewer heads, so users without a unit are never in it.
    return { id: { $in: reachableOwnerIds(viewer) } };
  },
};
