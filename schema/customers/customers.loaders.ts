import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { entityByIdLoader, MATCHES_NOTHING, rowsByParentLoader } from '../../api/data-loaders';
import type { Viewer } from '../../api/permissions/viewer';
import { ComplaintSeverity, ComplaintStatus } from './customers.enums';
import { complaintRowScope, contactRowScope, customerRowScope } from './customers.policy';
import { Complaint } from './entities/complaint.entity';
import { Contact } from './entities/contact.entity';
import { Customer } from './entities/customer.entity';
import { Visit } from './entities/visit.entity';
import { healthScore } from './health-score';

export const OPEN_COMPLAINT_STATUSES = [ComplaintStatus.OPEN, ComplaintStatus.IN_PROGRESS];

/** How many recent visits `Customer.recentVisits` shows. */
export const RECENT_VISITS = 5;

export interface CustomerHealth {
  lastVisitOn: string | null;
  score: number;
}

interface HealthRow {
  id: string;
  payment_delay_days: number;
  last_visit_on: string | null;
  days_since_visit: number | null;
  low: string;
  medium: string;
  high: string;
  critical: string;
  overdue: string;
}

/**
 * The signals of the health score for a page of customers in one statement: the last visit, open complaints by
 * severity and how many are past their SLA. Keys are customers the viewer already sees (their row was scoped).
 */
function healthLoader(em: EntityManager): DataLoader<Customer, CustomerHealth, string> {
  return new DataLoader(
    async (customers) => {
      const rows = await em.execute<HealthRow[]>(
        `select c.id, c.payment_delay_days, v.last_visit_on::text as last_visit_on, current_date - v.last_visit_on as days_since_visit,
                count(k.id) filter (where k.severity = 'LOW') as low,
                count(k.id) filter (where k.severity = 'MEDIUM') as medium,
                count(k.id) filter (where k.severity = 'HIGH') as high,
                count(k.id) filter (where k.severity = 'CRITICAL') as critical,
                count(k.id) filter (where k.sla_due_at < now()) as overdue
           from customer c
           left join lateral (select max(visited_on) as last_visit_on from visit where customer_id = c.id) v on true
           left join complaint k on k.customer_id = c.id and k.status in ('OPEN', 'IN_PROGRESS')
          where c.id in (?)
          group by c.id, v.last_visit_on`,
        [customers.map((customer) => customer.id)],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      return customers.map((customer) => {
        const row = byId.get(customer.id);
        if (row === undefined) return { lastVisitOn: null, score: 0 };
        return {
          lastVisitOn: row.last_visit_on,
          score: healthScore({
            daysSinceLastVisit: row.days_since_visit,
            openComplaints: {
              [ComplaintSeverity.LOW]: Number(row.low),
              [ComplaintSeverity.MEDIUM]: Number(row.medium),
              [ComplaintSeverity.HIGH]: Number(row.high),
              [ComplaintSeverity.CRITICAL]: Number(row.critical),
            },
            overdueComplaints: Number(row.overdue),
            paymentDelayDays: row.payment_delay_days,
          }),
        };
      });
    },
    { cacheKeyFn: (customer) => customer.id },
  );
}

/** The latest visits of each customer of a page, in one statement (a window per customer). */
function recentVisitsLoader(em: EntityManager): DataLoader<string, Visit[]> {
  return new DataLoader(async (customerIds) => {
    const rows = await em.execute<Record<string, unknown>[]>(
      `select * from (
         select v.*, row_number() over (partition by v.customer_id order by v.visited_on desc, v.id desc) as recent_rank
           from visit v where v.customer_id in (?)
       ) ranked where recent_rank <= ${RECENT_VISITS} order by visited_on desc, id desc`,
      [[...customerIds]],
    );
    const grouped = new Map<string, Visit[]>(customerIds.map((id) => [id, []]));
    for (const row of rows) {
      const { recent_rank: _rank, ...columns } = row;
      const visit = em.map(Visit, columns);
      grouped.get(visit.customer.id)?.push(visit);
    }
    return customerIds.map((id) => grouped.get(id) ?? []);
  });
}

/**
 * The region of each customer, unscoped: for filtering records the viewer already sees (a deal, an order) by their
 * customer's region, as a subscription filter does; it reads no other column.
 */
function regionIdByCustomerLoader(em: EntityManager): DataLoader<string, string | null> {
  return new DataLoader(async (customerIds) => {
    const rows = await em.execute<{ id: string; region_id: string }[]>('select id, region_id from customer where id in (?)', [[...customerIds]]);
    const regions = new Map(rows.map((row) => [row.id, row.region_id]));
    return customerIds.map((id) => regions.get(id) ?? null);
  });
}

/** The customers module's batched loaders for one request, each applying the viewer's row scope (but regionIdByCustomer). */
export function createCustomerLoaders(em: EntityManager, viewer: Viewer | null) {
  const customerScope = viewer === null ? MATCHES_NOTHING : customerRowScope(viewer);
  return {
    customerById: entityByIdLoader(em, Customer, customerScope),
    contactById: entityByIdLoader(em, Contact, viewer === null ? MATCHES_NOTHING : contactRowScope(viewer)),
    complaintById: entityByIdLoader(em, Complaint, viewer === null ? MATCHES_NOTHING : complaintRowScope(viewer)),
    contactsByCustomerId: rowsByParentLoader(em, Contact, 'customer', viewer === null ? MATCHES_NOTHING : contactRowScope(viewer), {
      isPrimary: 'desc',
      name: 'asc',
      id: 'asc',
    }),
    openComplaintsByCustomerId: rowsByParentLoader(
      em,
      Complaint,
      'customer',
      viewer === null ? MATCHES_NOTHING : { $and: [complaintRowScope(viewer), { status: { $in: OPEN_COMPLAINT_STATUSES } }] },
      { slaDueAt: 'asc', id: 'asc' },
    ),
    recentVisitsByCustomerId: recentVisitsLoader(em),
    regionIdByCustomer: regionIdByCustomerLoader(em),
    healthByCustomer: healthLoader(em),
  };
}
