import type { FilterQuery } from '@mikro-orm/postgresql';
import { rolesRule, rowReaders } from '../../api/permissions/access-rule';
import { Role } from '../org/org.enums';
import { isPartner, type Viewer } from '../../api/permissions/viewer';
import type { Distributor } from './distributor.entity';

export const distributorReaders = rowReaders;

/** A distributor's credit: regional directors, the VP, finance and admins. */
export const distributorCreditReaders = rolesRule('distributor-credit-readers', 'regional directors, the VP, finance and admins', [
  Role.REGIONAL_DIRECTOR,
  Role.SALES_VP,
  Role.FINANCE,
  Role.ADMIN,
]);

/** Internal users see every distributor; a partner user only its own. */
export function distributorRowScope(viewer: Viewer): FilterQuery<Distributor> {
  if (isPartner(viewer)) return { id: viewer.distributorId };
  return {};
}
