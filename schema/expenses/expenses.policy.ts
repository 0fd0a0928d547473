import type { FilterQuery } from '@mikro-orm/postgresql';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { signedInPersonWithRole, type AccessRule, type SqlAccessRule } from '../../api/permissions/access-rule';
import { managesUser, reachableOwnerIds, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Role } from '../org/org.enums';

/** Roles that have no expense claims and see none: a distributor's users and API keys. */
const OUTSIDERS: readonly Role[] = [Role.PARTNER, Role.INTEGRATION];

/** The VP, admins and finance see every claim and budget of the company. */
export function readsAllExpenses(viewer: Viewer): boolean {
  return seesWholeCompany(viewer) || viewer.role === Role.FINANCE;
}

/**
 * Expense claims: a person's own and those of everyone in the units they head (the management chain); finance, the
 * VP and admins all; partners and API keys none. A claimant-keyed test (`claimant in (…)`), served by the index on
 * (claimant, created_at).
 */
export function expenseClaimRowScope<Row extends { claimant: unknown }>(viewer: Viewer): FilterQuery<Row> {
  if (OUTSIDERS.includes(viewer.role) || viewer.apiKeyId !== null) return MATCHES_NOTHING as unknown as FilterQuery<Row>;
  if (readsAllExpenses(viewer)) return {} as FilterQuery<Row>;
  return { claimant: { $in: reachableOwnerIds(viewer) } } as FilterQuery<Row>;
}

/** The org units whose budgets the viewer sees: their own unit and the units they head; all for finance, VP, admins. */
export function budgetUnitIds(viewer: Viewer): string[] | 'ALL' | 'NONE' {
  if (OUTSIDERS.includes(viewer.role) || viewer.apiKeyId !== null) return 'NONE';
  if (readsAllExpenses(viewer)) return 'ALL';
  return [...new Set([...(viewer.unitId === null ? [] : [viewer.unitId]), ...viewer.managedUnitIds])];
}

/** Expense budgets: those of the viewer's unit and of the units they head; finance, the VP and admins all. */
export function expenseBudgetRowScope<Row extends { orgUnit: unknown }>(viewer: Viewer): FilterQuery<Row> {
  const units = budgetUnitIds(viewer);
  if (units === 'NONE') return MATCHES_NOTHING as unknown as FilterQuery<Row>;
  if (units === 'ALL') return {} as FilterQuery<Row>;
  return { orgUnit: { $in: units } } as FilterQuery<Row>;
}

/** Who may ask for claims and budgets at all (the row scope then narrows which): every signed-in person but partners. */
export const expenseReaders: AccessRule = {
  name: 'expense-readers',
  description: 'signed-in staff (their own claims and their reports’, their unit’s budgets), finance, the VP and admins; not partners or API keys',
  allows: (ctx) => ctx.viewer !== null && ctx.viewer.apiKeyId === null && !OUTSIDERS.includes(ctx.viewer.role),
};

/**
 * Claim amounts (a claim's total, a line's amount, original amount and the budget left at submission): the claimant,
 * their management chain, finance, the VP and admins. Stated in SQL too, so a list filtered or sorted on them drops
 * what the viewer may not read.
 */
export const expenseAmountReaders: SqlAccessRule<{ claimant: { id: string } }> = {
  name: 'expense-amount-readers',
  description: 'the claimant, their management chain (heads of the units above them), finance, the VP and admins',
  allows(ctx, row) {
    const viewer = ctx.viewer;
    if (viewer === null || viewer.apiKeyId !== null) return false;
    return readsAllExpenses(viewer) || row.claimant.id === viewer.userId || managesUser(viewer, row.claimant.id);
  },
  where(viewer) {
    if (viewer.apiKeyId !== null || OUTSIDERS.includes(viewer.role)) return MATCHES_NOTHING as never;
    if (readsAllExpenses(viewer)) return {};
    return { claimant: { $in: reachableOwnerIds(viewer) } };
  },
};

/** Who writes, submits and edits their own expense claims: every signed-in member of staff. */
export const expenseClaimants = signedInPersonWithRole(
  'expense-claimants',
  'signed-in staff (not partners, not API keys), for their own claims',
  [Role.ADMIN, Role.SALES_VP, Role.REGIONAL_DIRECTOR, Role.TEAM_MANAGER, Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.CUSTOMER_SERVICE, Role.TECH_SUPPORT, Role.FINANCE],
);

/** Who decides an approval step: the heads up the claimant's chain (the service checks it is their turn). */
export const expenseApprovers = signedInPersonWithRole(
  'expense-approvers',
  'signed-in team managers, regional directors and the VP, when a claim’s current step is theirs',
  [Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP],
);

/** Who sets budgets: a regional director for their region and its teams, the VP and admins for any unit. */
export const expenseBudgetSetters = signedInPersonWithRole(
  'expense-budget-setters',
  'signed-in regional directors (their region and its teams), the VP and admins',
  [Role.REGIONAL_DIRECTOR, Role.SALES_VP, Role.ADMIN],
);

/** Who audits approved claims (return, correct) and pays them: finance. */
export const expenseAuditors = signedInPersonWithRole('expense-auditors', 'signed-in finance staff', [Role.FINANCE]);
