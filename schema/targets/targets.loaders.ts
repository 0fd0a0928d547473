import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { childrenOfVisibleParentsLoader, entityByIdLoader, MATCHES_NOTHING, rowsByParentLoader } from '../../api/data-loaders';
import type { Viewer } from '../../api/permissions/viewer';
import { CommissionTier } from './entities/commission-plan.entity';
import { SalesTarget } from './entities/sales-target.entity';
import { SalesTargetVersion } from './entities/sales-target-version.entity';
import { TargetAdjustment } from './entities/target-adjustment.entity';
import { SalesPlanAction, SalesPlanComment, SalesPlanCustomer, SalesPlanDeal } from './entities/sales-plan.entity';
import { planRowScope } from './plans.policy';
import { targetRowScope } from './targets.policy';

/** Today in company time (Asia/Shanghai), asked once per request however many targets say whether they are locked. */
function companyTodayLoader(em: EntityManager): DataLoader<'today', string> {
  return new DataLoader(async (keys) => {
    const [row] = await em.execute<{ today: string }[]>(`select (now() at time zone 'Asia/Shanghai')::date::text as today`);
    return keys.map(() => row.today);
  });
}

export function createTargetLoaders(em: EntityManager, viewer: Viewer | null) {
  const targetScope = viewer === null ? MATCHES_NOTHING : targetRowScope(viewer);
  const planScope = viewer === null ? MATCHES_NOTHING : planRowScope(viewer);
  return {
    tiersByPlanId: rowsByParentLoader(em, CommissionTier, 'plan', {}, { achievementFrom: 'asc', id: 'asc' }),
    companyToday: companyTodayLoader(em),
    targetById: entityByIdLoader(em, SalesTarget, targetScope),
    adjustmentById: entityByIdLoader(em, TargetAdjustment, { target: targetScope }),
    versionsByTargetId: childrenOfVisibleParentsLoader(em, SalesTargetVersion, 'target', targetScope, { version: 'asc' }),
    keyCustomersByPlanId: childrenOfVisibleParentsLoader(em, SalesPlanCustomer, 'plan', planScope, { id: 'asc' }),
    dealsByPlanId: childrenOfVisibleParentsLoader(em, SalesPlanDeal, 'plan', planScope, { id: 'asc' }),
    actionsByPlanId: childrenOfVisibleParentsLoader(em, SalesPlanAction, 'plan', planScope, { dueOn: 'asc', id: 'asc' }),
    commentsByPlanId: childrenOfVisibleParentsLoader(em, SalesPlanComment, 'plan', planScope, { createdAt: 'asc', id: 'asc' }),
    adjustmentsByTargetId: childrenOfVisibleParentsLoader(em, TargetAdjustment, 'target', targetScope, { createdAt: 'asc', id: 'asc' }),
  };
}
