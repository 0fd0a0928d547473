import type { EntityManager } from '@mikro-orm/postgresql';
import { rowsByParentLoader } from '../../api/data-loaders';
import { CommissionTier } from './entities/commission-plan.entity';

export function createTargetLoaders(em: EntityManager) {
  return {
    tiersByPlanId: rowsByParentLoader(em, CommissionTier, 'plan', {}, { achievementFrom: 'asc', id: 'asc' }),
  };
}
