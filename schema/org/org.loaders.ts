import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
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
    /**
     * Unscoped on purpose: permission rules need a unit's path to decide, even for units the viewer can't list.
     * It is never returned to a client.
     */
    unitPath: new DataLoader<string, string | null>(async (ids) => {
      const rows = await em.find(OrgUnit, { id: { $in: [...ids] } }, { fields: ['id', 'path'] });
      const byId = new Map(rows.map((row) => [row.id, row.path]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
