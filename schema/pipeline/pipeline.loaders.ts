import type { EntityManager } from '@mikro-orm/postgresql';
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
     * The product lines of a page of opportunities in one statement: MikroORM loads the collections of all the
     * batched opportunities through the pivot table together.
     */
    productLinesByOpportunity: new DataLoader<Opportunity, ProductLine[], string>(
      async (opportunities) => {
        const unloaded = opportunities.filter((opportunity) => !opportunity.productLines.isInitialized());
        if (unloaded.length > 0) {
          await em.populate(unloaded, ['productLines'], {
            where: { productLines: viewer === null ? MATCHES_NOTHING : productLineRowScope(viewer) },
            orderBy: { productLines: { code: 'asc', id: 'asc' } },
          });
        }
        return opportunities.map((opportunity) => opportunity.productLines.getItems());
      },
      { cacheKeyFn: (opportunity) => opportunity.id },
    ),
  };
}
