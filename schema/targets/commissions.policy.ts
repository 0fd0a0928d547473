import type { FilterQuery } from '@mikro-orm/postgresql';
import { ApiScope } from '../../api/auth/api-scopes';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { lacksScope, signedInPersonWithRole, type AccessRule, type SqlAccessRule } from '../../api/permissions/access-rule';
import { hasScope, managesUser, reachableOwnerIds, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Role } from '../org/org.enums';

/** Sales roles whose statements are their own and their reports'. */
const CHAIN_ROLES: readonly Role[] = [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR];

/** The VP, admins and finance see every statement and every amount of the company. */
function readsAllCommissions(viewer: Viewer): boolean {
  return seesWholeCompany(viewer) || viewer.role === Role.FINANCE;
}

/**
 * Commission statements: a rep's own, and those of everyone in the units the viewer heads (the management chain);
 * finance, the VP and admins all; integrations all (their amounts stay guarded); customer service, technical support
 * and partners none. A person-keyed test (`user in (…)`) so the statement index on (period, user) serves it.
 */
export function commissionStatementRowScope<Row extends { user: unknown }>(viewer: Viewer): FilterQuery<Row> {
  if (readsAllCommissions(viewer) || viewer.role === Role.INTEGRATION) return {} as FilterQuery<Row>;
  if (!CHAIN_ROLES.includes(viewer.role)) return MATCHES_NOTHING as unknown as FilterQuery<Row>;
  return { user: { $in: reachableOwnerIds(viewer) } } as FilterQuery<Row>;
}

/** Roles that may ask for commission statements at all; API keys only with READ_PERFORMANCE. */
const STATEMENT_QUERY_ROLES: readonly Role[] = [...CHAIN_ROLES, Role.SALES_VP, Role.ADMIN, Role.FINANCE, Role.INTEGRATION];

/** Who may query commission statements (the row scope then narrows which). */
export const commissionStatementReaders: AccessRule = {
  name: 'commission-statement-readers',
  description: 'sales staff (their own and their reports’), finance, the VP, admins, and API keys with READ_PERFORMANCE; not customer service, technical support or partners',
  allows: (ctx) => ctx.viewer !== null && STATEMENT_QUERY_ROLES.includes(ctx.viewer.role) && hasScope(ctx.viewer, ApiScope.READ_PERFORMANCE),
  missingScope: (viewer) => (STATEMENT_QUERY_ROLES.includes(viewer.role) ? lacksScope(viewer, ApiScope.READ_PERFORMANCE) : undefined),
};

/**
 * Commission amounts (a statement's target, actual, achievement and total; a line's amount and commission): the
 * person paid, their management chain, finance, the VP and admins. Not integrations: a payroll export reads them
 * through finance's key. Stated in SQL too, so a list filtered or sorted on them drops what the viewer may not read.
 */
export const commissionAmountReaders: SqlAccessRule<{ user: { id: string } }> = {
  name: 'commission-amount-readers',
  description: 'the person paid, their management chain (heads of the units above them), finance, the VP and admins',
  allows(ctx, row) {
    const viewer = ctx.viewer;
    if (viewer === null) return false;
    return readsAllCommissions(viewer) || row.user.id === viewer.userId || managesUser(viewer, row.user.id);
  },
  where(viewer) {
    if (readsAllCommissions(viewer)) return {};
    if (!CHAIN_ROLES.includes(viewer.role)) return MATCHES_NOTHING as never;
    return { user: { $in: reachableOwnerIds(viewer) } };
  },
};

/** Who runs commissions for a month: finance and admins. */
export const commissionRunners = signedInPersonWithRole('commission-runners', 'signed-in finance staff and admins', [Role.FINANCE, Role.ADMIN]);

/** Who approves a draft statement: a head of a unit above the rep (the service checks it is the rep's chain). */
export const commissionApprovers = signedInPersonWithRole(
  'commission-approvers',
  'signed-in team managers, regional directors and the VP, for the people in the units they head (never their own)',
  [Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP],
);

/** Who finalizes approved statements and records their payment: finance. */
export const commissionFinalizers = signedInPersonWithRole('commission-finalizers', 'signed-in finance staff', [Role.FINANCE]);
