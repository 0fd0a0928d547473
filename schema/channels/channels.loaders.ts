import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { readRows } from '../../api/database/read-rows';
import DataLoader from 'dataloader';
import { entityByIdLoader, MATCHES_NOTHING, rowsByParentLoader } from '../../api/data-loaders';
import type { Viewer } from '../../api/permissions/viewer';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { orgUnitRowScope } from '../org/org.policy';
import { distributorRowScope, sellThroughRowScope } from './channels.policy';
import { Distributor } from './distributor.entity';
import { SellThroughLine } from './entities/sell-through-line.entity';
import type { SellThroughReport } from './entities/sell-through-report.entity';

/**
 * The regions of each distributor of a batch, by name: the pivot rows of all of them in one statement, then the
 * regions themselves in a second, under the viewer's org-unit scope.
 */
function regionsByDistributorLoader(em: EntityManager, unitScope: FilterQuery<OrgUnit>): DataLoader<string, OrgUnit[]> {
  return new DataLoader(async (distributorIds) => {
    const pairs = await em.execute<{ distributor_id: string; region_id: string }[]>(
      `select "A" as distributor_id, "B" as region_id from "_distributor_regions" where "A" in (?)`,
      [[...distributorIds]],
    );
    const regionIds = [...new Set(pairs.map((pair) => pair.region_id))];
    const regions =
      regionIds.length === 0
        ? []
        : await readRows(em, OrgUnit, { $and: [{ id: { $in: regionIds } }, unitScope] }, { orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    const position = new Map(regions.map((region, index) => [region.id, index]));
    const grouped = new Map<string, OrgUnit[]>(distributorIds.map((id) => [id, []]));
    for (const pair of pairs) {
      const index = position.get(pair.region_id);
      if (index !== undefined) grouped.get(pair.distributor_id)?.push(regions[index]);
    }
    return distributorIds.map((id) => (grouped.get(id) ?? []).sort((a, b) => position.get(a.id)! - position.get(b.id)!));
  });
}

/** Distributors, their regions, and sell-through reports with their lines, each batched and in the viewer's scope. */
export function createChannelLoaders(em: EntityManager, viewer: Viewer | null) {
  const reportScope: FilterQuery<SellThroughReport> = viewer === null ? MATCHES_NOTHING : sellThroughRowScope(viewer);
  return {
    distributorById: entityByIdLoader(em, Distributor, viewer === null ? MATCHES_NOTHING : distributorRowScope(viewer)),
    regionsByDistributorId: regionsByDistributorLoader(em, viewer === null ? MATCHES_NOTHING : orgUnitRowScope(viewer)),
    linesBySellThroughReportId: rowsByParentLoader(em, SellThroughLine, 'report', { report: reportScope }, { soldOn: 'asc', batchNumber: 'asc', id: 'asc' }),
  };
}
