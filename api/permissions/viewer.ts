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
  /** Set for partner users: their distributor, and the regions it may sell in. */
  distributorId: string | null;
  distributorRegionIds: readonly string[];
  /** API key requests: what the key was granted. Signed-in people: null, meaning no narrowing by scope. */
  scopes: ReadonlySet<ApiScope> | null;
  apiKeyId: string | null;
}

/** VP and admins see every row of the company. */
export function seesWholeCompany(viewer: Viewer): boolean {
  return viewer.role === Role.ADMIN || viewer.role === Role.SALES_VP;
}

export function isPartner(viewer: Viewer): boolean {
  return viewer.role === Role.PARTNER;
}

/** True when `unitPath` lies inside a subtree the viewer heads. */
export function headsSubtreeOf(viewer: Viewer, unitPath: string | null | undefined): boolean {
  if (unitPath === null || unitPath === undefined) return false;
  return viewer.headedUnitPaths.some((headed) => unitPath.startsWith(headed));
}

export function hasScope(viewer: Viewer, scope: ApiScope): boolean {
  return viewer.scopes === null || viewer.scopes.has(scope);
}
