import { rolesRule } from '../../api/permissions/access-rule';
import { Role } from '../org/org.enums';

/** Commission plans: the sales staff they pay, their managers, finance and admins; not partners or support staff. */
export const commissionReaders = rolesRule(
  'commission-readers',
  'sales staff (reps, key account managers, team managers, regional directors, the VP), finance and admins',
  [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP, Role.FINANCE, Role.ADMIN],
);
