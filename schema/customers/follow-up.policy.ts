import type { FilterQuery } from '@mikro-orm/postgresql';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import type { SqlAccessRule } from '../../api/permissions/access-rule';
import { isPartner, managesUser, reachableOwnerIds, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Role } from '../org/org.enums';
import { customerRowScope } from './customers.policy';
import type { VisitCheckIn } from './entities/visit-check-in.entity';
import type { VisitPlan } from './entities/visit-plan.entity';

/**
 * Row scope of visit plans: the planner and their management chain, and whoever sees the customer (as visits are
 * seen). Partners see none: plans are the sales line's own diary, not the customer's record.
 */
export function visitPlanRowScope(viewer: Viewer): FilterQuery<VisitPlan> {
  if (isPartner(viewer)) return MATCHES_NOTHING;
  const customers = customerRowScope(viewer);
  // An empty scope inside `$or` would match nothing, not everything: a company-wide viewer sees every plan.
  if (Object.keys(customers).length === 0) return {};
  return { $or: [{ customer: customers }, { plannedBy: { $in: reachableOwnerIds(viewer) } }] };
}

/** Who may cancel a plan: its planner, the planner's management chain, the VP and admins. */
export function mayManagePlan(viewer: Viewer, plannerId: string): boolean {
  return seesWholeCompany(viewer) || plannerId === viewer.userId || managesUser(viewer, plannerId);
}

/**
 * A check-in's coordinates (where the person stood): the person who checked in, their management chain and admins.
 * The distance to the customer and the `far` flag are readable by whoever sees the visit: they say whether the
 * visit happened where it should, not where the person was.
 */
export const checkInCoordinateReaders: SqlAccessRule<VisitCheckIn> = {
  name: 'check-in-coordinate-readers',
  description: 'the person who checked in, their management chain (the heads of the units above them) and admins',
  allows(ctx, checkIn) {
    const viewer = ctx.viewer;
    if (viewer === null) return false;
    if (viewer.role === Role.ADMIN) return true;
    return checkIn.checkedInBy.id === viewer.userId || managesUser(viewer, checkIn.checkedInBy.id);
  },
  where(viewer) {
    if (viewer.role === Role.ADMIN) return {};
    return { checkedInBy: { $in: reachableOwnerIds(viewer) } };
  },
};
