import type { EntityManager } from '@mikro-orm/postgresql';
import { entityByIdLoader, rowsByParentLoader } from '../../api/data-loaders';
import type { Viewer } from '../../api/permissions/viewer';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { CommissionPlan, CommissionPlanAssignee, CommissionTier } from './entities/commission-plan.entity';
import { CommissionStatement, CommissionStatementLine } from './entities/commission-statement.entity';
import { commissionStatementRowScope } from './commissions.policy';

/** Loaders of the commission statements (within the viewer's row scope) and of the plans they name. */
export function createCommissionLoaders(em: EntityManager, viewer: Viewer | null) {
  const scope = viewer === null ? MATCHES_NOTHING : commissionStatementRowScope<CommissionStatement>(viewer);
  return {
    statementById: entityByIdLoader(em, CommissionStatement, scope),
    linesByStatementId: rowsByParentLoader(em, CommissionStatementLine, 'statement', Object.keys(scope).length === 0 ? {} : { statement: scope }, { position: 'asc', id: 'asc' }),
    planById: entityByIdLoader(em, CommissionPlan, {}),
    tierById: entityByIdLoader(em, CommissionTier, {}),
    assigneesByPlanId: rowsByParentLoader(em, CommissionPlanAssignee, 'plan', {}, { createdAt: 'asc', id: 'asc' }),
  };
}
