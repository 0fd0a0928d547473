import type { EntityManager } from '@mikro-orm/postgresql';
import { entityByIdLoader, MATCHES_NOTHING } from '../../api/data-loaders';
import type { Viewer } from '../../api/permissions/viewer';
import { Customer } from './entities/customer.entity';
import { customerRowScope } from './customers.policy';

export function createCustomerLoaders(em: EntityManager, viewer: Viewer | null) {
  return {
    customerById: entityByIdLoader(em, Customer, viewer === null ? MATCHES_NOTHING : customerRowScope(viewer)),
  };
}
