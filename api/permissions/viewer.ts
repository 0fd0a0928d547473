import { Role } from '../../schema/org/org.enums';
import type { ApiScope } from '../auth/api-scopes';

/**
 * Who is asking, resolved once per request from the token or API key. Everything the permission engine decides
 * is decided from this and the row at hand.
 */
export interface Viewer {
  userId: string;
  role: Role;
  unitId: string | null;
  /** Materialized paths of the org units this user heads: the subtrees whose members they manage. */
  headedUnitPaths: readonly string[];
  /** Users and org units inside those subtrees (the viewer included): whose records the viewer manages. */
  managedUserIds: ReadonlySet<string>;
  managedUnitIds: ReadonlySet<string>;
  /** Set for partner users: their distributor, and the regions it may sell in. */
  distributorId: string | null;
  distributorRegionIds: readonly string[];
  /** API key requests: what the key was granted. Signed-in people: null, meaning no narrowing by scope. */
  scopes: ReadonlySet<ApiScope> | null;
  apiKeyId: string | null;
  /** The sign-in session of a bearer token (what `logout` revokes); null for API keys and work done on a user's behalf. */
  sessionId: string | null;
}

/** VP and admins see every row of the company. */
export function seesWholeCompany(viewer: Viewer): boolean {
  return viewer.role === Role.ADMIN || viewer.role === Role.SALES_VP;
}

export function isPartner(viewer: Viewer): boolean {
  return viewer.role === Role.PARTNER;
}

/** True when the viewer heads a unit that `userId` belongs to, directly or below: the user's management chain. */
export function managesUser(viewer: Viewer, userId: string | null | undefined): boolean {
  return userId !== null && userId !== undefined && viewer.managedUserIds.has(userId);
}

/** The owners whose records the viewer works with: themself and everyone they manage. */
export function reachableOwnerIds(viewer: Viewer): string[] {
  return [...new Set([viewer.userId, ...viewer.managedUserIds])];
}

export function hasScope(viewer: Viewer, scope: ApiScope): boolean {
  return viewer.scopes === null || viewer.scopes.has(scope);
}
