import type { EntityManager } from '@mikro-orm/postgresql';
import { entityByIdLoader, MATCHES_NOTHING } from '../../api/data-loaders';
import type { Viewer } from '../../api/permissions/viewer';
import { distributorRowScope } from './channels.policy';
import { Distributor } from './distributor.entity';

export function createChannelLoaders(em: EntityManager, viewer: Viewer | null) {
  return {
    distributorById: entityByIdLoader(em, Distributor, viewer === null ? MATCHES_NOTHING : distributorRowScope(viewer)),
  };
}
