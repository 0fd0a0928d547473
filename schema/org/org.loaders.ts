import type { EntityManager } from '@mikro-orm/postgresql';
import { entityByIdLoader, MATCHES_NOTHING, rowsByParentLoader } from '../../api/data-loaders';
import type { Viewer } from '../../api/permissions/viewer';
import { OrgUnit } from './entities/org-unit.entity';
import { User } from './entities/user.entity';
import { orgUnitRowScope, userRowScope } from './org.policy';

export function createOrgLoaders(em: EntityManager, viewer: Viewer | null) {
  const userScope = viewer === null ? MATCHES_NOTHING : userRowScope(viewer);
  const unitScope = viewer === null ? MATCHES_NOTHING : orgUnitRowScope(viewer);
  return {
    userById: entityByIdLoader(em, User, userScope),
    unitById: entityByIdLoader(em, OrgUnit, unitScope),
    membersByUnitId: rowsByParentLoader(em, User, 'unit', userScope, { name: 'asc', id: 'asc' }),
    childrenByUnitId: rowsByParentLoader(em, OrgUnit, 'parent', unitScope, { name: 'asc', id: 'asc' }),
  };
}
