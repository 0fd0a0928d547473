import type { FilterQuery } from '@mikro-orm/postgresql';
import { rowReaders } from '../../api/permissions/access-rule';
import { isPartner, type Viewer } from '../../api/permissions/viewer';
import type { Distributor } from './distributor.entity';

export const distributorReaders = rowReaders;

/** Internal users see every distributor; a partner user only its own. */
export function distributorRowScope(viewer: Viewer): FilterQuery<Distributor> {
  if (isPartner(viewer)) return { id: viewer.distributorId };
  return {};
}
