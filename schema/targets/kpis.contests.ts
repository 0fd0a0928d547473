import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { ForbiddenError, UserInputError } from '../../api/errors';
import { signedInPersonWithRole } from '../../api/permissions/access-rule';
import { seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { User } from '../org/entities/user.entity';
import { Role } from '../org/org.enums';
import { SalesContest } from './entities/sales-contest.entity';
import { seesAllPerformance } from './kpis.policy';
import { kpiPeriod } from './kpis.service';
import type { PeriodKind, TargetMetric } from './targets.enums';

/** Roles that take part in contests of the units they belong to. */
const CONTESTANT_ROLES: readonly Role[] = [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR];

/** Who may start a contest: the VP and admins for any unit, directors and team managers for the units they head. */
export const contestOrganisers = signedInPersonWithRole(
  'contest-organisers',
  'the VP and admins (any unit); regional directors and team managers (the units they head)',
  [Role.ADMIN, Role.SALES_VP, Role.REGIONAL_DIRECTOR, Role.TEAM_MANAGER],
);

/**
 * The contests a viewer sees, as a filter: all for those who see all performance; otherwise those of the units they
 * head (and below), and — for the sales line — those their own unit takes part in (their unit or one above it).
 * `ownUnitPath` is the viewer's unit's path (`/company/region/team/`), read by the caller.
 */
export function contestRowScope(viewer: Viewer, ownUnitPath: string | null): FilterQuery<SalesContest> {
  if (seesAllPerformance(viewer)) return {};
  const units = new Set(viewer.managedUnitIds);
  if (CONTESTANT_ROLES.includes(viewer.role) && ownUnitPath !== null) {
    for (const id of ownUnitPath.split('/').filter((segment) => segment !== '')) units.add(id);
  }
  return { orgUnit: { $in: [...units] } };
}

async function ownUnitPath(em: EntityManager, viewer: Viewer): Promise<string | null> {
  if (viewer.unitId === null || seesAllPerformance(viewer)) return null;
  const unit = await em.findOne(OrgUnit, viewer.unitId, { fields: ['path'] });
  return unit?.path ?? null;
}

/** The contests the viewer sees, newest period first (two statements: the viewer's unit path, the list). */
export async function visibleContests(em: EntityManager, viewer: Viewer): Promise<SalesContest[]> {
  const scope = contestRowScope(viewer, await ownUnitPath(em, viewer));
  return em.find(SalesContest, scope, { orderBy: { periodStart: 'desc', name: 'asc', id: 'asc' } });
}

/** One contest, or null when it does not exist or the viewer does not see it. */
export async function visibleContest(em: EntityManager, viewer: Viewer, id: string): Promise<SalesContest | null> {
  const scope = contestRowScope(viewer, await ownUnitPath(em, viewer));
  return em.findOne(SalesContest, { $and: [{ id }, scope] });
}

export interface NewContest {
  name: string;
  metric: TargetMetric;
  periodKind: PeriodKind;
  periodStart: string;
  orgUnitId: string;
}

/**
 * A new contest among the people of a unit the organiser heads (the VP and admins: any unit). FORBIDDEN for another
 * unit; BAD_USER_INPUT (`input.periodStart`, `input.orgUnitId`) for a start that begins no period or an unknown unit.
 */
export async function createContest(em: EntityManager, viewer: Viewer, input: NewContest): Promise<SalesContest> {
  kpiPeriod(input.periodKind, input.periodStart, 'input.periodStart');
  if (!seesWholeCompany(viewer) && !viewer.managedUnitIds.has(input.orgUnitId)) {
    throw new ForbiddenError('Only the heads of a unit and those above them may start a contest in it.');
  }
  const unit = await em.findOne(OrgUnit, input.orgUnitId);
  if (unit === null) throw UserInputError.field('input.orgUnitId', 'no such org unit');
  const contest = em.create(SalesContest, {
    name: input.name,
    metric: input.metric,
    periodKind: input.periodKind,
    periodStart: input.periodStart,
    orgUnit: unit,
    createdBy: em.getReference(User, viewer.userId),
  });
  await em.flush();
  return contest;
}
