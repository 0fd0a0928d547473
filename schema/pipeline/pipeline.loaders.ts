import { Collection, type EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { entityByIdLoader, MATCHES_NOTHING, rowsByParentLoader } from '../../api/data-loaders';
import type { Viewer } from '../../api/permissions/viewer';
import { productLineRowScope } from '../catalog/catalog.policy';
import type { ProductLine } from '../catalog/entities/product-line.entity';
import { Lead } from './entities/lead.entity';
import { Opportunity } from './entities/opportunity.entity';
import { OpportunityStageChange } from './entities/opportunity-stage-change.entity';
import { leadRowScope, opportunityRowScope } from './pipeline.policy';

/** The pipeline's batched loaders for one request, each applying the viewer's row scope. */
export function createPipelineLoaders(em: EntityManager, viewer: Viewer | null) {
  const opportunityScope = viewer === null ? MATCHES_NOTHING : opportunityRowScope(viewer);
  return {
    opportunityById: entityByIdLoader(em, Opportunity, opportunityScope),
    leadById: entityByIdLoader(em, Lead, viewer === null ? MATCHES_NOTHING : leadRowScope(viewer)),
    stageHistoryByOpportunityId: rowsByParentLoader(em, OpportunityStageChange, 'opportunity', { opportunity: opportunityScope }, { changedAt: 'asc', id: 'asc' }),
    /**
     * The product lines of a page of opportunities in one statement: the opportunities joined through the pivot
     * table to their lines in the viewer's scope. Read rows carry no collection; a managed opportunity (one a
     * mutation returns) may hold its lines already.
     */
    productLinesByOpportunity: new DataLoader<Opportunity, ProductLine[], string>(
      async (opportunities) => {
        const held = (opportunity: Opportunity) => opportunity.productLines instanceof Collection && opportunity.productLines.isInitialized();
        const toRead = opportunities.filter((opportunity) => !held(opportunity)).map((opportunity) => opportunity.id);
        const loaded = toRead.length === 0 ? [] : await em.find(
          Opportunity,
          { id: { $in: toRead } },
          {
            fields: ['id', 'productLines'],
            populate: ['productLines'],
            populateWhere: { productLines: viewer === null ? MATCHES_NOTHING : productLineRowScope(viewer) },
            strategy: 'joined',
            orderBy: { productLines: { code: 'asc', id: 'asc' } },
          },
        );
        const byId = new Map(loaded.map((opportunity) => [opportunity.id, opportunity.productLines.getItems()]));
        return opportunities.map((opportunity) => (held(opportunity) ? opportunity.productLines.getItems() : (byId.get(opportunity.id) ?? [])));
      },
      { cacheKeyFn: (opportunity) => opportunity.id },
    ),
  };
}
