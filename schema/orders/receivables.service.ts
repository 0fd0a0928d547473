import type { RequestContext } from '../../api/context';
import { UserInputError } from '../../api/errors';
import type { Viewer } from '../../api/permissions/viewer';
import { ReceivablesGroupBy } from './billing.inputs';
import type { CollectionPerformance, CollectionPerformanceRow, ReceivablesAging, ReceivablesAgingRow } from './billing.types';
import { receivableOwnerIds } from './orders.policy';
import { msg } from '../../api/i18n';

/** Longest period `collectionPerformance` reports on: ten years. */
const MAX_PERIOD_DAYS = 3660;

/** A restriction of the invoices to some owners, as SQL (`i` is the invoice) and its parameter. */
export interface OwnerRestriction {
  condition: string;
  params: string[];
}

/**
 * Two CTEs, `later` and `open_invoices`, for a query whose `params` CTE has `as_of` and `day_after`: the invoices open
 * at the end of day `as_of`, as rows of (invoice, money open on it then) from two sources:
 * - the invoices open now (status not PAID) issued by then, with `amount − paidAmount`: read from the partial index
 *   on open invoices by owner and issue date, which carries every column used (an index-only scan);
 * - the invoices that received money after the day (the allocation-time index), with that money: it was still open
 *   then. `counted` is 1 only for those paid in full since, so every invoice open then counts once.
 * Summed per invoice, that is `amount − paidAmount` plus what was allocated after the day. As of today `later` is
 * empty and no paid invoice is read. Invoices join nothing per row: the reports aggregate first and join after.
 */
export function openInvoicesCtes(owners: OwnerRestriction): { sql: string; params: string[] } {
  return {
    sql: `later as (
         select a.invoice_id, sum(a.amount) as amount from payment_allocation a, params where a.allocated_at >= params.day_after group by a.invoice_id
       ), open_invoices as (
         select i.id, i.customer_id, i.owner_id, i.issue_date, i.due_date, i.amount - i.paid_amount as open_amount, 1 as counted
           from invoice i, params
          where i.status <> 'PAID' and i.issue_date <= params.as_of ${owners.condition}
         union all
         select i.id, i.customer_id, i.owner_id, i.issue_date, i.due_date, l.amount as open_amount, case when i.status = 'PAID' then 1 else 0 end as counted
           from later l join invoice i on i.id = l.invoice_id, params
          where i.issue_date <= params.as_of ${owners.condition}
       )`,
    params: [...owners.params, ...owners.params],
  };
}

/**
 * What each grouping sums open invoices by (`key`), and how it finds the group's id and name for a key `k.key`: the
 * customer, the owner, or the team or region through the owner's org unit path. Left joins: an owner outside any
 * team or region counts in a group without id. `regroup`: several keys fall into one group (summed again).
 */
const GROUPINGS: Record<ReceivablesGroupBy, { key: 'customer_id' | 'owner_id'; joins: string; regroup: boolean }> = {
  [ReceivablesGroupBy.CUSTOMER]: { key: 'customer_id', joins: `left join customer g on g.id = k.key`, regroup: false },
  [ReceivablesGroupBy.OWNER]: { key: 'owner_id', joins: `left join app_user g on g.id = k.key`, regroup: false },
  // Paths read /company/region/team/: the third segment is the region, the fourth the team.
  [ReceivablesGroupBy.TEAM]: {
    key: 'owner_id',
    joins: `left join app_user u on u.id = k.key
      left join org_unit ou on ou.id = u.unit_id
      left join org_unit g on g.id = nullif(split_part(ou.path, '/', 4), '')::uuid`,
    regroup: true,
  },
  [ReceivablesGroupBy.REGION]: {
    key: 'owner_id',
    joins: `left join app_user u on u.id = k.key
      left join org_unit ou on ou.id = u.unit_id
      left join org_unit g on g.id = nullif(split_part(ou.path, '/', 3), '')::uuid`,
    regroup: true,
  },
};

/** The aging's sums, in cents, in the order of its columns. */
const AGING_SUMS = ['days_0_to_30', 'days_31_to_60', 'days_61_to_90', 'over_90', 'total', 'overdue'] as const;

/** A row of the aging statement: sums in cents (bigint as text), `as_of` on the total row only. */
type AgingSqlRow = Record<(typeof AGING_SUMS)[number], string> & {
  is_total: boolean;
  group_id: string | null;
  group_name: string | null;
  invoice_count: string;
  as_of: string | null;
};

/**
 * Cents as PostgreSQL prints a bigint ("-123450") → the amount as the Decimal scalar prints it ("-1234.5"): no
 * trailing zeros after the point, "0" for zero. String edits: the aging by customer has 40,000 of them.
 */
export function centsToDecimal(cents: string): string {
  const negative = cents.startsWith('-');
  const digits = (negative ? cents.slice(1) : cents).padStart(3, '0');
  const integer = digits.slice(0, -2);
  const fraction = digits.endsWith('0') ? (digits.endsWith('00') ? '' : digits.slice(-2, -1)) : digits.slice(-2);
  return `${negative ? '-' : ''}${integer}${fraction === '' ? '' : `.${fraction}`}`;
}

/**
 * The receivables aging as one statement with its parameters, as of the end of `asOf` (undefined: today in the
 * database). Open items come from:
 * - `receivable_open_item`, the invoices not PAID with `amount − paidAmount` in cents, kept by a trigger on invoice
 *   (migration 20261213090000), read from its index by owner and issue date alone;
 * - for a day in the past only, the invoices that received money after the day, with that money: it was still open
 *   then (`counted` is 1 only for those paid in full since, so every invoice open then counts once). The day is written
 *   into this part's conditions rather than read from `params`, so the planner sees how few allocations match and
 *   reaches their invoices by primary key. As of today it is left out: an allocation is stamped with the time it is
 *   recorded, so none is after today, and the open items are read without a union.
 * Sums are integers (cents) through `receivable_cents_sum`, per key (customer or owner), then per group, with the grand
 * total from the groups as the last row; the caller turns cents back into decimals.
 */
export function agingSql(groupBy: ReceivablesGroupBy, owners: OwnerRestriction, asOf: string | undefined): { sql: string; params: (string | null)[] } {
  const { key, joins, regroup } = GROUPINGS[groupBy];
  const groups = regroup
    ? `select g.id as group_id, g.name as group_name, ${AGING_SUMS.map((sum) => `receivable_cents_sum(k.${sum}) as ${sum}`).join(', ')},
              sum(k.invoice_count) as invoice_count
         from per_key k ${joins}
        group by g.id, g.name`
    : `select g.id as group_id, g.name as group_name, ${AGING_SUMS.map((sum) => `k.${sum}`).join(', ')}, k.invoice_count from per_key k ${joins}`;
  const sum = (condition?: string) => `receivable_cents_sum(o.open_cents)${condition === undefined ? '' : ` filter (where ${condition})`}`;
  const openItems = `select i.customer_id, i.owner_id, i.issue_date, i.due_date, i.open_cents, 1 as counted
         from receivable_open_item i
        where i.issue_date <= ?::date ${owners.condition}`;
  const day = asOf === undefined ? 'current_date' : '?::date';
  const sql = `with params as materialized (
       select d as as_of, d - 30 as day_30, d - 60 as day_60, d - 90 as day_90 from (select ${day} as d) as day
     ), open_items as (
       ${
         asOf === undefined
           ? openItems.replace('?::date', 'current_date')
           : `${openItems}
       union all
       select i.customer_id, i.owner_id, i.issue_date, i.due_date, l.cents, case when i.status = 'PAID' then 1 else 0 end
         from (select a.invoice_id, (sum(a.amount) * 100)::bigint as cents from payment_allocation a
                where a.allocated_at >= (?::date + 1)::timestamptz group by a.invoice_id) l
         join invoice i on i.id = l.invoice_id
        where i.issue_date <= ?::date ${owners.condition}`
       }
     ), per_key as (
       select o.${key} as key,
              ${sum('o.issue_date >= p.day_30')} as days_0_to_30,
              ${sum('o.issue_date < p.day_30 and o.issue_date >= p.day_60')} as days_31_to_60,
              ${sum('o.issue_date < p.day_60 and o.issue_date >= p.day_90')} as days_61_to_90,
              ${sum('o.issue_date < p.day_90')} as over_90,
              ${sum()} as total,
              ${sum('o.due_date < p.as_of')} as overdue,
              sum(o.counted) as invoice_count
         from open_items o, params p
        group by o.${key}
     ), groups as (
       ${groups}
     )
     select false as is_total, group_id, group_name, ${AGING_SUMS.join(', ')}, invoice_count, null as as_of from groups
     union all
     select true, null, null, ${AGING_SUMS.map((sum) => `receivable_cents_sum(g.${sum})`).join(', ')}, coalesce(sum(g.invoice_count), 0), p.as_of::text
       from params p left join groups g on true
      group by p.as_of
      order by is_total, total desc, group_name, group_id`;
  const params = asOf === undefined ? owners.params : [asOf, asOf, ...owners.params, asOf, asOf, ...owners.params];
  return { sql, params };
}

interface CollectionSqlRow {
  is_total: boolean;
  owner_id: string | null;
  owner_name: string | null;
  invoiced: string;
  collected: string;
  open_at_end: string;
  dso: string | null;
  average_days_to_collect: string | null;
}

/** The SQL restriction to the owners the viewer may report on (none when they may see everyone's). */
function ownerRestriction(viewer: Viewer): OwnerRestriction {
  const owners = receivableOwnerIds(viewer);
  if (owners === null) return { condition: '', params: [] };
  // A PostgreSQL array literal of uuids (ids from the viewer, not from input) bound as one parameter.
  return { condition: 'and i.owner_id = any(?::uuid[])', params: [`{${owners.join(',')}}`] };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Receivables reports (应收账款), each one SQL statement whatever the number of invoices and groups, over the
 * invoices of the owners in `receivableOwnerIds(viewer)`: everyone's for finance, the VP and admins, the managed
 * people's for team managers and regional directors. Who may call them at all is the `receivablesReaders` rule.
 */
export class ReceivablesService {
  constructor(private readonly ctx: RequestContext) {}

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  /**
   * Receivables aging as of the end of `asOf` (default: today in the database). For every invoice issued by then
   * with something open then (amount less the allocations made by then; for today, `amount − paidAmount`):
   * age = asOf − issueDate in days, in the buckets 0–30, 31–60, 61–90 and over 90; `overdue` is the part whose due
   * date is before asOf. One row per customer, owner, team or region (the owner's unit is a team, its parent the
   * region), plus the grand total (the last row), from one statement (`agingSql`).
   */
  async aging(groupBy: ReceivablesGroupBy, asOf: string | undefined): Promise<ReceivablesAging> {
    const owners = ownerRestriction(this.viewer);
    const { sql, params } = agingSql(groupBy, owners, asOf);
    const rows = await this.ctx.em.execute<AgingSqlRow[]>(sql, params);
    const toRow = (row: AgingSqlRow): ReceivablesAgingRow => ({
      groupId: row.is_total ? null : row.group_id,
      groupName: row.is_total ? null : row.group_name,
      days0To30: centsToDecimal(row.days_0_to_30),
      days31To60: centsToDecimal(row.days_31_to_60),
      days61To90: centsToDecimal(row.days_61_to_90),
      over90: centsToDecimal(row.over_90),
      total: centsToDecimal(row.total),
      overdue: centsToDecimal(row.overdue),
      invoiceCount: Number(row.invoice_count),
    });
    const grandTotal = rows[rows.length - 1];
    return { groupBy, asOf: grandTotal.as_of!, rows: rows.slice(0, -1).map(toRow), grandTotal: toRow(grandTotal) };
  }

  /**
   * Invoicing and collection per owner from `from` to `to`, both days included (days = to − from + 1):
   * - invoiced: the amount of the invoices issued in the period;
   * - collected: the money allocated to the owner's invoices in the period;
   * - openAtEnd: the receivables open at the end of `to` (invoices issued by then, less the allocations made by then);
   * - daysSalesOutstanding (DSO) = openAtEnd ÷ invoiced × days, null when nothing was invoiced;
   * - averageDaysToCollect = Σ(allocated amount × (allocation day − invoice issue day)) ÷ Σ allocated amount, over the
   *   allocations made in the period, null when nothing was collected.
   * Ratios are rounded to one decimal; the total row computes them from the sums. Rows by open receivables, largest
 * first. One statement.
   */
  async collectionPerformance(from: string, to: string): Promise<CollectionPerformance> {
    if (to < from) throw UserInputError.field('to', 'must not be before `from`');
    const days = daysBetween(from, to) + 1;
    if (days > MAX_PERIOD_DAYS) throw UserInputError.field('to', msg('the period may span at most {{max}} days', { max: MAX_PERIOD_DAYS }));
    const owners = ownerRestriction(this.viewer);
    const open = openInvoicesCtes(owners);
    const rows = await this.ctx.em.execute<CollectionSqlRow[]>(
      `with params as materialized (
         select ?::date as period_from, ?::date as as_of, (?::date + 1)::timestamptz as day_after, ?::int as days
       ), ${open.sql}, invoiced as (
         select i.owner_id, sum(i.amount) as amount
           from invoice i, params
          where i.issue_date between params.period_from and params.as_of ${owners.condition}
          group by i.owner_id
       ), collected as (
         select i.owner_id, sum(a.amount) as amount, sum(a.amount * (a.allocated_at::date - i.issue_date)) as weighted_days
           from payment_allocation a
           join invoice i on i.id = a.invoice_id
           cross join params
          where a.allocated_at >= params.period_from::timestamptz and a.allocated_at < params.day_after ${owners.condition}
          group by i.owner_id
       ), open_at_end as (
         select o.owner_id, sum(o.open_amount) as amount from open_invoices o group by o.owner_id
       ), per_owner as (
         select coalesce(v.owner_id, c.owner_id, e.owner_id) as owner_id,
                coalesce(v.amount, 0) as invoiced, coalesce(c.amount, 0) as collected,
                coalesce(c.weighted_days, 0) as weighted_days, coalesce(e.amount, 0) as open_at_end
           from invoiced v
           full join collected c on c.owner_id = v.owner_id
           full join open_at_end e on e.owner_id = coalesce(v.owner_id, c.owner_id)
       )
       select grouping(u.id) = 1 as is_total, u.id as owner_id, u.name as owner_name,
              coalesce(sum(p.invoiced), 0) as invoiced, coalesce(sum(p.collected), 0) as collected,
              coalesce(sum(p.open_at_end), 0) as open_at_end,
              case when sum(p.invoiced) > 0 then round(sum(p.open_at_end) / sum(p.invoiced) * min(params.days), 1) end as dso,
              case when sum(p.collected) > 0 then round(sum(p.weighted_days) / sum(p.collected), 1) end as average_days_to_collect
         from params
         left join (per_owner p join app_user u on u.id = p.owner_id)
           on p.invoiced > 0 or p.collected > 0 or p.open_at_end > 0
        group by grouping sets ((u.id, u.name), ())
       having grouping(u.id) = 1 or count(p.owner_id) > 0
        order by is_total, open_at_end desc, owner_name, owner_id`,
      [from, to, to, days, ...open.params, ...owners.params, ...owners.params],
    );
    const toRow = (row: CollectionSqlRow): CollectionPerformanceRow => ({
      ownerId: row.is_total ? null : row.owner_id,
      ownerName: row.is_total ? null : row.owner_name,
      invoiced: row.invoiced,
      collected: row.collected,
      openAtEnd: row.open_at_end,
      daysSalesOutstanding: row.dso,
      averageDaysToCollect: row.average_days_to_collect,
    });
    const total = rows.find((row) => row.is_total)!;
    return { from, to, days, rows: rows.filter((row) => !row.is_total).map(toRow), total: toRow(total) };
  }
}
