import type { EntityManager } from '@mikro-orm/postgresql';
import { readRows } from '../../api/database/read-rows';
import DataLoader from 'dataloader';
import { entityByIdLoader, MATCHES_NOTHING } from '../../api/data-loaders';
import type { Viewer } from '../../api/permissions/viewer';
import { CustomerTier } from './customers.enums';
import { visitRowScope } from './customers.policy';
import { Visit } from './entities/visit.entity';
import { VisitCheckIn } from './entities/visit-check-in.entity';
import { VisitPlan } from './entities/visit-plan.entity';
import type { Customer } from './entities/customer.entity';
import { followUpStatusSql } from './follow-up-status.sql';
import { ServiceMode } from './follow-up.enums';
import { visitPlanRowScope } from './follow-up.policy';
import type { CustomerFollowUpStatus } from './follow-up.types';

interface StatusRow {
  customer_id: string;
  tier: CustomerTier;
  has_norm: boolean;
  service_mode: ServiceMode | null;
  max_days_between_contacts: number | null;
  last_visit_on: string | null;
  last_contact_on: string | null;
  next_contact_due_on: string | null;
  today: string;
}

const DAY = 24 * 60 * 60 * 1000;

/** A customer's follow-up standing: the customer (already scoped) and the company time zone its dates are read in. */
export interface FollowUpStatusKey {
  customer: Customer;
  timeZone: string;
}

/** `followUpStatusSql` for a page of customers in one statement. */
function followUpStatusLoader(em: EntityManager): DataLoader<FollowUpStatusKey, CustomerFollowUpStatus, string> {
  return new DataLoader(
    async (keys) => {
      const timeZone = keys[0].timeZone;
      const rows = await em.execute<StatusRow[]>(
        `select s.customer_id, s.tier, s.has_norm, s.service_mode, s.max_days_between_contacts, s.last_visit_on::text,
                s.last_contact_on::text, s.next_contact_due_on::text, s.today::text
           from (${followUpStatusSql('now()', '?::text', 'c.id in (?)')}) s`,
        [timeZone, timeZone, timeZone, keys.map((key) => key.customer.id)],
      );
      const byId = new Map(rows.map((row) => [row.customer_id, row]));
      return keys.map(({ customer }) => {
        const row = byId.get(customer.id);
        if (row === undefined) throw new Error(`no follow-up status for customer ${customer.id}`);
        return toStatus(row);
      });
    },
    { cacheKeyFn: (key) => key.customer.id },
  );
}

function toStatus(row: StatusRow): CustomerFollowUpStatus {
  const due = row.has_norm && row.service_mode !== ServiceMode.AUTOMATED ? row.next_contact_due_on : null;
  const daysPast = due === null ? 0 : Math.round((Date.parse(`${row.today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / DAY);
  return {
    tier: row.tier,
    hasNorm: row.has_norm,
    serviceMode: row.service_mode,
    maxDaysBetweenContacts: row.max_days_between_contacts,
    lastVisitOn: row.last_visit_on,
    lastContactOn: row.last_contact_on,
    nextContactDueOn: row.has_norm ? row.next_contact_due_on : null,
    overdue: daysPast > 0,
    daysOverdue: daysPast > 0 ? daysPast : null,
  };
}

/** The plan whose visit each of these is (a visit recorded from a plan), in the viewer's plan scope. */
function planByVisitLoader(em: EntityManager, viewer: Viewer | null): DataLoader<string, VisitPlan | null> {
  return new DataLoader(async (visitIds) => {
    const scope = viewer === null ? MATCHES_NOTHING : visitPlanRowScope(viewer);
    const plans = await readRows(em, VisitPlan, { $and: [{ visit: { $in: [...visitIds] } }, scope] });
    const byVisit = new Map(plans.map((plan) => [plan.visit!.id, plan]));
    return visitIds.map((id) => byVisit.get(id) ?? null);
  });
}

/** The plan made when each of these was completed (regular return visits), in the viewer's plan scope. */
function nextPlanLoader(em: EntityManager, viewer: Viewer | null): DataLoader<string, VisitPlan | null> {
  return new DataLoader(async (planIds) => {
    const scope = viewer === null ? MATCHES_NOTHING : visitPlanRowScope(viewer);
    const plans = await readRows(em, VisitPlan, { $and: [{ previousPlan: { $in: [...planIds] } }, scope] });
    const byPrevious = new Map(plans.map((plan) => [plan.previousPlan!.id, plan]));
    return planIds.map((id) => byPrevious.get(id) ?? null);
  });
}

/** Check-ins of visits the viewer already sees (their row was scoped): one statement per page. */
function checkInByVisitLoader(em: EntityManager): DataLoader<string, VisitCheckIn | null> {
  return new DataLoader(async (visitIds) => {
    const checkIns = await readRows(em, VisitCheckIn, { visit: { $in: [...visitIds] } });
    const byVisit = new Map(checkIns.map((checkIn) => [checkIn.visit.id, checkIn]));
    return visitIds.map((id) => byVisit.get(id) ?? null);
  });
}

/** The follow-up loaders of the customers module for one request, each applying the viewer's row scope. */
export function createFollowUpLoaders(em: EntityManager, viewer: Viewer | null) {
  return {
    visitById: entityByIdLoader(em, Visit, viewer === null ? MATCHES_NOTHING : visitRowScope(viewer)),
    visitPlanById: entityByIdLoader(em, VisitPlan, viewer === null ? MATCHES_NOTHING : visitPlanRowScope(viewer)),
    planByVisitId: planByVisitLoader(em, viewer),
    nextPlanByPlanId: nextPlanLoader(em, viewer),
    checkInByVisitId: checkInByVisitLoader(em),
    followUpStatusByCustomer: followUpStatusLoader(em),
  };
}
