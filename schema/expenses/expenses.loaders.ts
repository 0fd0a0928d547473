import type { EntityManager } from '@mikro-orm/postgresql';
import { childrenOfVisibleParentsLoader, entityByIdLoader, MATCHES_NOTHING } from '../../api/data-loaders';
import type { Viewer } from '../../api/permissions/viewer';
import { Visit } from '../customers/entities/visit.entity';
import { visitRowScope } from '../customers/customers.policy';
import { ExpenseBudget, ExpenseBudgetLine } from './entities/expense-budget.entity';
import { ExpenseCategory } from './entities/expense-category.entity';
import { ExpenseApprovalStep, ExpenseClaim, ExpenseClaimLine } from './entities/expense-claim.entity';
import { expenseBudgetRowScope, expenseClaimRowScope } from './expenses.policy';

/** Loaders of expense claims and budgets (within the viewer's row scope) and of the categories they name. */
export function createExpenseLoaders(em: EntityManager, viewer: Viewer | null) {
  const claimScope = viewer === null ? MATCHES_NOTHING : expenseClaimRowScope<ExpenseClaim>(viewer);
  const budgetScope = viewer === null ? MATCHES_NOTHING : expenseBudgetRowScope<ExpenseBudget>(viewer);
  return {
    claimById: entityByIdLoader(em, ExpenseClaim, claimScope),
    linesByClaimId: childrenOfVisibleParentsLoader(em, ExpenseClaimLine, 'claim', claimScope, { position: 'asc' }),
    stepsByClaimId: childrenOfVisibleParentsLoader(em, ExpenseApprovalStep, 'claim', claimScope, { round: 'asc', position: 'asc' }),
    budgetById: entityByIdLoader(em, ExpenseBudget, budgetScope),
    budgetLinesByBudgetId: childrenOfVisibleParentsLoader(em, ExpenseBudgetLine, 'budget', budgetScope, { id: 'asc' }),
    categoryById: entityByIdLoader(em, ExpenseCategory, {}),
    visitById: entityByIdLoader(em, Visit, viewer === null ? MATCHES_NOTHING : visitRowScope(viewer)),
  };
}
