import type { RequestContext } from '../../api/context';
import { ForbiddenError, UserInputError, type FieldProblem } from '../../api/errors';
import { msg } from '../../api/i18n';
import type { Viewer } from '../../api/permissions/viewer';
import type { SalesChannel } from '../catalog/catalog.enums';
import type { CustomerTier } from '../customers/customers.enums';
import { SalesOrder } from '../orders/entities/sales-order.entity';
import { internalReaders, orderRowScope } from '../orders/orders.policy';
import { AnalysisPeriod } from './analysis-period';
import { SalesComparison, SalesDimension } from './analytics.enums';
import { MAX_ANALYSIS_DAYS, MAX_DAY_BUCKET_DAYS, MAX_SALES_DIMENSIONS, type SalesAnalysisInput } from './analytics.inputs';
import { daysIncluded, scopedIds, zoneLiteral } from './analytics.sql';
import type { SalesAnalysis, SalesAnalysisComparison, SalesAnalysisRow } from './analytics.types';

/** Statuses whose orders are not (or no longer) booked: as `sales_performance_fact`'s BOOKED_SALES branch. */
export const UNBOOKED_ORDER_STATUSES = `('CREDIT_HOLD', 'CANCELLED')`;

/**
 * The booking day of order `o` in company time: the day it was confirmed (placed, or released from credit hold). The
 * same expression as `sales_performance_fact` and the index `sales_order_owner_booked_on_idx` (with the default zone).
 */
export function bookedOnSql(timeZone: string, alias = 'o'): string {
  return `(coalesce(${alias}.credit_decided_at, ${alias}.created_at) at time zone ${zoneLiteral(timeZone)})::date`;
}

/** An order's channel: DISTRIBUTOR when a distributor placed it, ONLINE when priced from an online list, else DIRECT. */
export const CHANNEL_SQL = `case when o.distributor_id is not null then 'DISTRIBUTOR' when pl.channel = 'ONLINE' then 'ONLINE' else 'DIRECT' end`;

/** How each dimension's key is read from the `lines` CTE of the statement, and the column it is kept in. */
const KEYS: Record<SalesDimension, { column: string; expression: (bucket: string) => string }> = {
  [SalesDimension.PERIOD]: { column: 'period_start', expression: (bucket) => `date_trunc('${bucket}', l.shifted_on)::date` },
  // Paths read /company/region/team/: the third segment is the region, the fourth the team.
  [SalesDimension.REGION]: { column: 'region_id', expression: () => `nullif(split_part(l.unit_path, '/', 3), '')::uuid` },
  [SalesDimension.TEAM]: { column: 'team_id', expression: () => `nullif(split_part(l.unit_path, '/', 4), '')::uuid` },
  [SalesDimension.REP]: { column: 'rep_id', expression: () => `l.owner_id` },
  [SalesDimension.PRODUCT_LINE]: { column: 'product_line_id', expression: () => `l.product_line_id` },
  [SalesDimension.PRODUCT]: { column: 'product_id', expression: () => `l.product_id` },
  [SalesDimension.CHANNEL]: { column: 'channel', expression: () => `l.channel` },
  [SalesDimension.CUSTOMER_TIER]: { column: 'customer_tier', expression: () => `l.customer_tier` },
  [SalesDimension.INDUSTRY]: { column: 'industry', expression: () => `l.industry` },
  [SalesDimension.CUSTOMER]: { column: 'customer_id', expression: () => `l.customer_id` },
};

/** Every key column, in the order rows are sorted by (period first, then names). */
const KEY_ORDER: SalesDimension[] = [
  SalesDimension.PERIOD,
  SalesDimension.REGION,
  SalesDimension.TEAM,
  SalesDimension.REP,
  SalesDimension.PRODUCT_LINE,
  SalesDimension.PRODUCT,
  SalesDimension.CHANNEL,
  SalesDimension.CUSTOMER_TIER,
  SalesDimension.INDUSTRY,
  SalesDimension.CUSTOMER,
];

/** PostgreSQL's `date_trunc` unit and the `to_char` label of each bucket (ISO weeks: `2026-W10`). */
const BUCKETS: Record<AnalysisPeriod, { unit: string; label: string; step: string }> = {
  [AnalysisPeriod.DAY]: { unit: 'day', label: 'YYYY-MM-DD', step: '1 day' },
  [AnalysisPeriod.WEEK]: { unit: 'week', label: 'IYYY-"W"IW', step: '7 days' },
  [AnalysisPeriod.MONTH]: { unit: 'month', label: 'YYYY-MM', step: '1 month' },
  [AnalysisPeriod.QUARTER]: { unit: 'quarter', label: 'YYYY-"Q"Q', step: '3 months' },
  [AnalysisPeriod.YEAR]: { unit: 'year', label: 'YYYY', step: '1 year' },
};

/** Dimensions and filters that name people, teams or customer tiers: internal users only (`internalReaders`). */
const INTERNAL_DIMENSIONS: readonly SalesDimension[] = [SalesDimension.TEAM, SalesDimension.REP, SalesDimension.CUSTOMER_TIER];

interface AnalysisSqlRow {
  is_total: boolean;
  period_start: string | null;
  period_label: string | null;
  region_id: string | null;
  region_name: string | null;
  team_id: string | null;
  team_name: string | null;
  rep_id: string | null;
  rep_name: string | null;
  product_line_id: string | null;
  product_line_name: string | null;
  product_id: string | null;
  product_name: string | null;
  channel: SalesChannel | null;
  customer_tier: CustomerTier | null;
  industry: string | null;
  customer_id: string | null;
  customer_name: string | null;
  booked_amount: string;
  quantity: string;
  order_count: string;
  margin: string;
  new_customer_count: string;
  new_customer_amount: string;
  earlier_from: string | null;
  earlier_to: string | null;
  e_booked_amount: string;
  e_quantity: string;
  e_order_count: string;
  e_margin: string;
  e_new_customer_count: string;
}

/** Whole calendar months from `from` to `to` (first to last day), or null. */
function wholeMonths(from: string, to: string): number | null {
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  if (!from.endsWith('-01') || next.getUTCDate() !== 1) return null;
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  return (next.getUTCFullYear() - fromYear) * 12 + next.getUTCMonth() + 1 - fromMonth;
}

/** The shift back to the earlier span, as a PostgreSQL interval (see `SalesComparison`). */
export function comparisonShift(input: Pick<SalesAnalysisInput, 'from' | 'to' | 'groupBy' | 'period' | 'compareWith'>): string | null {
  if (input.compareWith === undefined || input.compareWith === null) return null;
  if (input.compareWith === SalesComparison.YEAR_OVER_YEAR) return '1 year';
  if (input.groupBy.includes(SalesDimension.PERIOD)) return BUCKETS[input.period].step;
  const months = wholeMonths(input.from, input.to);
  return months === null ? `${daysIncluded(input.from, input.to)} days` : `${months} months`;
}

const ratio = (now: string, then: string, absolute = false): number | null => {
  const earlier = Number(then);
  if (earlier === 0) return null;
  return Math.round(((Number(now) - earlier) / (absolute ? Math.abs(earlier) : earlier)) * 10_000) / 10_000;
};

function toRow(row: AnalysisSqlRow, groupBy: readonly SalesDimension[], compared: boolean): SalesAnalysisRow {
  const has = (dimension: SalesDimension) => !row.is_total && groupBy.includes(dimension);
  const key = <T>(dimension: SalesDimension, value: T): T | null => (has(dimension) ? value : null);
  const orderCount = Number(row.order_count);
  const booked = Number(row.booked_amount);
  const comparison: SalesAnalysisComparison | null = compared
    ? {
        from: row.earlier_from!,
        to: row.earlier_to!,
        bookedAmount: row.e_booked_amount,
        quantity: row.e_quantity,
        orderCount: Number(row.e_order_count),
        margin: row.e_margin,
        newCustomerCount: Number(row.e_new_customer_count),
        bookedAmountChange: ratio(row.booked_amount, row.e_booked_amount),
        quantityChange: ratio(row.quantity, row.e_quantity),
        orderCountChange: ratio(row.order_count, row.e_order_count),
        marginChange: ratio(row.margin, row.e_margin, true),
      }
    : null;
  return {
    period: key(SalesDimension.PERIOD, row.period_label),
    periodStart: key(SalesDimension.PERIOD, row.period_start),
    regionId: key(SalesDimension.REGION, row.region_id),
    regionName: key(SalesDimension.REGION, row.region_name),
    teamId: key(SalesDimension.TEAM, row.team_id),
    teamName: key(SalesDimension.TEAM, row.team_name),
    repId: key(SalesDimension.REP, row.rep_id),
    repName: key(SalesDimension.REP, row.rep_name),
    productLineId: key(SalesDimension.PRODUCT_LINE, row.product_line_id),
    productLineName: key(SalesDimension.PRODUCT_LINE, row.product_line_name),
    productId: key(SalesDimension.PRODUCT, row.product_id),
    productName: key(SalesDimension.PRODUCT, row.product_name),
    channel: key(SalesDimension.CHANNEL, row.channel),
    customerTier: key(SalesDimension.CUSTOMER_TIER, row.customer_tier),
    industry: key(SalesDimension.INDUSTRY, row.industry),
    customerId: key(SalesDimension.CUSTOMER, row.customer_id),
    customerName: key(SalesDimension.CUSTOMER, row.customer_name),
    bookedAmount: row.booked_amount,
    quantity: row.quantity,
    orderCount,
    averageOrderValue: orderCount === 0 ? null : (Math.round((booked / orderCount) * 100) / 100).toFixed(2),
    margin: row.margin,
    marginRate: booked === 0 ? null : (Math.round((Number(row.margin) / booked) * 10_000) / 10_000).toFixed(4),
    newCustomerCount: Number(row.new_customer_count),
    newCustomerAmount: row.new_customer_amount,
    existingCustomerAmount: (Math.round((booked - Number(row.new_customer_amount)) * 100) / 100).toFixed(2),
    comparison,
  };
}

/**
 * Sales analysis (R1–R3): booked order lines of the orders the viewer may see (`orderRowScope`, in SQL), grouped in
 * PostgreSQL by up to three dimensions with a total, in one statement whatever the number of rows.
 *
 * "Booked" is what achievement counts (`sales_performance_fact`, BOOKED_SALES and NEW_CUSTOMERS): the lines of
 * orders not on credit hold and not cancelled, at their line totals, on the day the order was confirmed (created, or
 * released from credit hold) in the company time zone, credited to the order's owner. So a person's or unit's month
 * here equals its achievement actual for the month.
 */
export class SalesAnalysisService {
  constructor(private readonly ctx: RequestContext) {}

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  private async check(input: SalesAnalysisInput): Promise<void> {
    const problems: FieldProblem[] = [];
    if (input.to < input.from) problems.push({ path: 'input.to', message: 'must not be before `from`' });
    const days = daysIncluded(input.from, input.to);
    if (days > MAX_ANALYSIS_DAYS) problems.push({ path: 'input.to', message: msg('the period may span at most {{max}} days', { max: MAX_ANALYSIS_DAYS }) });
    else if (input.groupBy.includes(SalesDimension.PERIOD) && input.period === AnalysisPeriod.DAY && days > MAX_DAY_BUCKET_DAYS) {
      problems.push({ path: 'input.period', message: msg('DAY buckets may span at most {{max}} days', { max: MAX_DAY_BUCKET_DAYS }) });
    }
    if (input.groupBy.length > MAX_SALES_DIMENSIONS) problems.push({ path: 'input.groupBy', message: msg('must have at most {{max}} items', { max: MAX_SALES_DIMENSIONS }) });
    if (new Set(input.groupBy).size !== input.groupBy.length) problems.push({ path: 'input.groupBy', message: 'must name each dimension once' });
    if (problems.length > 0) throw new UserInputError(problems);
    const internal = await internalReaders.allows(this.ctx, undefined as never);
    const asksInternal =
      input.groupBy.some((dimension) => INTERNAL_DIMENSIONS.includes(dimension)) ||
      (input.orgUnitId ?? null) !== null ||
      (input.ownerId ?? null) !== null ||
      (input.customerTier ?? null) !== null;
    if (asksInternal && !internal) {
      throw new ForbiddenError('Teams, people and customer tiers are for internal users: group and filter by region, product, channel, industry or customer.', {
        readableBy: internalReaders.description,
      });
    }
  }

  /**
   * `newCustomers: false` (no new-customer measure asked for) skips each order's "first confirmed order of its
   * customer?" probe; those measures then read 0.
   */
  async analyse(input: SalesAnalysisInput, options: { newCustomers: boolean } = { newCustomers: true }): Promise<SalesAnalysis> {
    await this.check(input);
    const { groupBy } = input;
    const bucket = BUCKETS[input.period];
    const shift = comparisonShift(input);
    const bookedOn = bookedOnSql(this.ctx.config.companyTimeZone);
    const rowScope = orderRowScope(this.viewer);
    // A scope without conditions (the company-wide roles) needs no sub-query at all.
    const scope = Object.keys(rowScope).length === 0 ? null : scopedIds(this.ctx.em, SalesOrder, rowScope);

    const filters: string[] = [];
    const filterParams: unknown[] = [];
    const filter = (condition: string, value: unknown) => {
      if (value === undefined || value === null) return;
      filters.push(condition);
      filterParams.push(value);
    };
    filter(`o.owner_id = ?`, input.ownerId);
    filter(`ou.path like (select g.path from org_unit g where g.id = ?) || '%'`, input.orgUnitId);
    filter(`p.product_line_id = ?`, input.productLineId);
    filter(`c.tier = ?::customer_tier`, input.customerTier);
    filter(`c.industry = ?`, input.industry);
    filter(`${CHANNEL_SQL} = ?`, input.channel);

    const chosen = KEY_ORDER.filter((dimension) => groupBy.includes(dimension));
    // Keys get a prefix of their own: `lines` already has columns of the same names (product_id, channel…).
    const keyColumns = chosen.map((dimension) => `${KEYS[dimension].expression(bucket.unit)} as key_${KEYS[dimension].column}`);
    const grouping = chosen.map((dimension) => `k.key_${KEYS[dimension].column}`);
    const keyed = (dimension: SalesDimension, expression: string) => (groupBy.includes(dimension) ? expression : 'null');
    const orderBy = [
      keyed(SalesDimension.PERIOD, 'a.period_start'),
      keyed(SalesDimension.REGION, 'region.name'),
      keyed(SalesDimension.TEAM, 'team.name'),
      keyed(SalesDimension.REP, 'rep.name'),
      keyed(SalesDimension.PRODUCT_LINE, 'line.name'),
      keyed(SalesDimension.PRODUCT, 'product.name'),
      keyed(SalesDimension.CHANNEL, 'a.channel'),
      keyed(SalesDimension.CUSTOMER_TIER, 'a.customer_tier'),
      keyed(SalesDimension.INDUSTRY, 'a.industry'),
      keyed(SalesDimension.CUSTOMER, 'customer.name'),
    ].filter((expression) => expression !== 'null');
    const ids = chosen.map((dimension) => `a.${KEYS[dimension].column}`);
    const columnOf = (dimension: SalesDimension) => (groupBy.includes(dimension) ? `a.${KEYS[dimension].column}` : 'null');

    const rows = await this.ctx.em.execute<AnalysisSqlRow[]>(
      `with params as materialized (
         select ?::date as from_day, ?::date as to_day, ?::interval as shift,
                (?::date - ?::interval)::date as earlier_from, ((?::date + 1) - ?::interval)::date as earlier_end
       ), lines as (
         select o.id as order_id, o.customer_id, o.owner_id, ou.path as unit_path, ol.product_id, p.product_line_id,
                ol.quantity, ol.line_total, ol.quantity * (ol.unit_price - ol.unit_cost) as margin,
                ${CHANNEL_SQL} as channel, c.tier::text as customer_tier, c.industry,
                ${bookedOn} between params.from_day and params.to_day as is_current,
                case when ${bookedOn} between params.from_day and params.to_day then ${bookedOn} else (${bookedOn} + params.shift)::date end as shifted_on,
                ${
                  options.newCustomers
                    ? `not exists (
                  select 1 from sales_order e
                   where e.customer_id = o.customer_id and e.status not in ${UNBOOKED_ORDER_STATUSES}
                     and (coalesce(e.credit_decided_at, e.created_at), e.id) < (coalesce(o.credit_decided_at, o.created_at), o.id)
                )`
                    : 'false'
                } as first_order
           from sales_order o
           cross join params
           join order_line ol on ol.order_id = o.id
           join product p on p.id = ol.product_id
           join customer c on c.id = o.customer_id
           join app_user u on u.id = o.owner_id
           left join org_unit ou on ou.id = u.unit_id
           left join price_list pl on pl.id = o.price_list_id
          where o.status not in ${UNBOOKED_ORDER_STATUSES}
            ${scope === null ? '' : `and o.id in (${scope})`}
            and (${bookedOn} between params.from_day and params.to_day
                 or (params.shift is not null and ${bookedOn} >= params.earlier_from and ${bookedOn} < params.earlier_end))
            ${filters.map((condition) => `and ${condition}`).join('\n            ')}
       ), keyed as (
         select l.*${keyColumns.map((column) => `, ${column}`).join('')} from lines l
       ), aggregated as (
         select ${chosen.length === 0 ? 'true' : `grouping(${grouping.join(', ')}) <> 0`} as is_total
                ${chosen.map((dimension) => `, k.key_${KEYS[dimension].column} as ${KEYS[dimension].column}`).join('')},
                coalesce(sum(k.line_total) filter (where k.is_current), 0) as booked_amount,
                coalesce(sum(k.quantity) filter (where k.is_current), 0) as quantity,
                count(distinct k.order_id) filter (where k.is_current) as order_count,
                coalesce(sum(k.margin) filter (where k.is_current), 0) as margin,
                count(distinct k.customer_id) filter (where k.is_current and k.first_order) as new_customer_count,
                coalesce(sum(k.line_total) filter (where k.is_current and k.first_order), 0) as new_customer_amount,
                coalesce(sum(k.line_total) filter (where not k.is_current), 0) as e_booked_amount,
                coalesce(sum(k.quantity) filter (where not k.is_current), 0) as e_quantity,
                count(distinct k.order_id) filter (where not k.is_current) as e_order_count,
                coalesce(sum(k.margin) filter (where not k.is_current), 0) as e_margin,
                count(distinct k.customer_id) filter (where not k.is_current and k.first_order) as e_new_customer_count
           from keyed k
          ${chosen.length === 0 ? '' : `group by grouping sets ((${grouping.join(', ')}), ())`}
       )
       select a.is_total, ${columnOf(SalesDimension.PERIOD)}::text as period_start,
              to_char(${groupBy.includes(SalesDimension.PERIOD) ? 'a.period_start' : 'null::date'}, '${bucket.label}') as period_label,
              ${columnOf(SalesDimension.REGION)} as region_id, region.name as region_name,
              ${columnOf(SalesDimension.TEAM)} as team_id, team.name as team_name,
              ${columnOf(SalesDimension.REP)} as rep_id, rep.name as rep_name,
              ${columnOf(SalesDimension.PRODUCT_LINE)} as product_line_id, line.name as product_line_name,
              ${columnOf(SalesDimension.PRODUCT)} as product_id, product.name as product_name,
              ${columnOf(SalesDimension.CHANNEL)} as channel, ${columnOf(SalesDimension.CUSTOMER_TIER)} as customer_tier,
              ${columnOf(SalesDimension.INDUSTRY)} as industry,
              ${columnOf(SalesDimension.CUSTOMER)} as customer_id, customer.name as customer_name,
              a.booked_amount, a.quantity, a.order_count, a.margin, a.new_customer_count, a.new_customer_amount,
              params.earlier_from::text as earlier_from, (params.earlier_end - 1)::text as earlier_to,
              a.e_booked_amount, a.e_quantity, a.e_order_count, a.e_margin, a.e_new_customer_count
         from aggregated a
         cross join params
         left join org_unit region on region.id = ${columnOf(SalesDimension.REGION)}
         left join org_unit team on team.id = ${columnOf(SalesDimension.TEAM)}
         left join app_user rep on rep.id = ${columnOf(SalesDimension.REP)}
         left join product_line line on line.id = ${columnOf(SalesDimension.PRODUCT_LINE)}
         left join product product on product.id = ${columnOf(SalesDimension.PRODUCT)}
         left join customer customer on customer.id = ${columnOf(SalesDimension.CUSTOMER)}
        order by a.is_total${orderBy.map((expression) => `, ${expression}`).join('')}${ids.map((id) => `, ${id}`).join('')}`,
      [input.from, input.to, shift, input.from, shift, input.to, shift, ...filterParams],
    );
    const compared = shift !== null;
    const total = rows.find((row) => row.is_total);
    const totalRow = toRow(total ?? emptyTotal(), groupBy, compared);
    const groups = chosen.length === 0 ? [totalRow] : rows.filter((row) => !row.is_total).map((row) => toRow(row, groupBy, compared));
    return { from: input.from, to: input.to, groupBy, period: input.period, rows: groups, total: totalRow };
  }
}

/** The total when no line matched at all (an aggregate without GROUP BY always returns a row; with grouping sets, too). */
function emptyTotal(): AnalysisSqlRow {
  return {
    is_total: true,
    period_start: null, period_label: null, region_id: null, region_name: null, team_id: null, team_name: null, rep_id: null, rep_name: null,
    product_line_id: null, product_line_name: null, product_id: null, product_name: null, channel: null, customer_tier: null,
    industry: null, customer_id: null, customer_name: null,
    booked_amount: '0', quantity: '0', order_count: '0', margin: '0', new_customer_count: '0', new_customer_amount: '0',
    earlier_from: null, earlier_to: null, e_booked_amount: '0', e_quantity: '0', e_order_count: '0', e_margin: '0', e_new_customer_count: '0',
  };
}
