import type { RequestContext } from '../../api/context';
import { UserInputError, type FieldProblem } from '../../api/errors';
import { msg } from '../../api/i18n';
import { channelConflictRowScope, sellThroughRowScope } from '../channels/channels.policy';
import { ChannelConflict } from '../channels/entities/channel-conflict.entity';
import { SellThroughReport } from '../channels/entities/sell-through-report.entity';
import { SalesOrder } from '../orders/entities/sales-order.entity';
import { orderRowScope } from '../orders/orders.policy';
import { ChannelGrouping } from './analytics.enums';
import { MAX_ANALYSIS_DAYS, type ChannelPerformanceInput } from './analytics.inputs';
import { daysIncluded, scopedIds, zoneLiteral } from './analytics.sql';
import type { ChannelPerformance, ChannelPerformanceRow } from './analytics.types';
import { bookedOnSql, UNBOOKED_ORDER_STATUSES } from './sales-analysis.service';

interface ChannelSqlRow {
  is_total: boolean;
  distributor_id: string | null;
  distributor_name: string | null;
  region_id: string | null;
  region_name: string | null;
  sell_in_orders: string;
  sell_in_quantity: string;
  sell_in_amount: string;
  sell_through_quantity: string;
  conflicts: string;
  open_conflicts: string;
  confirmed_conflicts: string;
}

const KEYS: Record<ChannelGrouping, string[]> = {
  [ChannelGrouping.DISTRIBUTOR]: ['f.distributor_id'],
  [ChannelGrouping.REGION]: ['f.region_id'],
  [ChannelGrouping.DISTRIBUTOR_REGION]: ['f.distributor_id', 'f.region_id'],
};

/**
 * Channel performance (L9, R2), one statement: per distributor and/or the region the goods were sold in,
 * - sell-in: booked orders the distributor placed (as in salesAnalysis: not on credit hold or cancelled, by booking
 *   day in company time), within the viewer's order scope; the region is the ordering customer's;
 * - sell-through: the units of the distributor's sell-through reports (within the sell-through scope) by sale day and
 *   reported sale region;
 * - conflicts: channel conflicts detected in the span (company time) within the conflict scope, by the region they
 *   were found in.
 * Each part is restricted by its own module's row scope, so a figure sums only rows the viewer could list.
 */
export class SalesChannelsService {
  constructor(private readonly ctx: RequestContext) {}

  async performance(input: ChannelPerformanceInput): Promise<ChannelPerformance> {
    const problems: FieldProblem[] = [];
    if (input.to < input.from) problems.push({ path: 'input.to', message: 'must not be before `from`' });
    else if (daysIncluded(input.from, input.to) > MAX_ANALYSIS_DAYS) problems.push({ path: 'input.to', message: msg('the period may span at most {{max}} days', { max: MAX_ANALYSIS_DAYS }) });
    if (problems.length > 0) throw new UserInputError(problems);
    const em = this.ctx.em;
    const viewer = this.ctx.signedInViewer;
    const zone = this.ctx.config.companyTimeZone;
    const orders = scopedIds(em, SalesOrder, orderRowScope(viewer));
    const reports = scopedIds(em, SellThroughReport, sellThroughRowScope(viewer));
    const conflicts = scopedIds(em, ChannelConflict, channelConflictRowScope(viewer));
    const distributor = input.distributorId ?? null;
    const keys = KEYS[input.groupBy];
    const has = (key: string) => keys.includes(key);
    const rows = await em.execute<ChannelSqlRow[]>(
      `with params as materialized (select ?::date as from_day, ?::date as to_day, ?::uuid as distributor_id),
       sell_in as (
         select o.distributor_id, c.region_id, count(distinct o.id) as orders, sum(ol.quantity) as quantity, sum(ol.line_total) as amount
           from sales_order o
           cross join params
           join customer c on c.id = o.customer_id
           join order_line ol on ol.order_id = o.id
          where o.distributor_id is not null and o.status not in ${UNBOOKED_ORDER_STATUSES}
            and ${bookedOnSql(zone)} between params.from_day and params.to_day
            and (params.distributor_id is null or o.distributor_id = params.distributor_id)
            and o.id in (${orders})
          group by o.distributor_id, c.region_id
       ), sell_through as (
         select r.distributor_id, l.sale_region_id as region_id, sum(l.quantity) as quantity
           from sell_through_line l
           join sell_through_report r on r.id = l.report_id
           cross join params
          where l.sold_on between params.from_day and params.to_day
            and (params.distributor_id is null or r.distributor_id = params.distributor_id)
            and r.id in (${reports})
          group by r.distributor_id, l.sale_region_id
       ), conflicts as (
         select x.distributor_id, x.found_region_id as region_id, count(*) as conflicts,
                count(*) filter (where x.status = 'OPEN') as open_conflicts, count(*) filter (where x.status = 'CONFIRMED') as confirmed_conflicts
           from channel_conflict x
           cross join params
          where (x.detected_at at time zone ${zoneLiteral(zone)})::date between params.from_day and params.to_day
            and (params.distributor_id is null or x.distributor_id = params.distributor_id)
            and x.id in (${conflicts})
          group by x.distributor_id, x.found_region_id
       ), f as (
         select distributor_id, region_id, orders, quantity as sell_in_quantity, amount as sell_in_amount, 0 as sell_through_quantity,
                0 as conflicts, 0 as open_conflicts, 0 as confirmed_conflicts from sell_in
         union all
         select distributor_id, region_id, 0, 0, 0, quantity, 0, 0, 0 from sell_through
         union all
         select distributor_id, region_id, 0, 0, 0, 0, conflicts, open_conflicts, confirmed_conflicts from conflicts
       ), g as (
         select grouping(${keys.join(', ')}) <> 0 as is_total,
                ${has('f.distributor_id') ? 'f.distributor_id' : 'null::uuid'} as distributor_id,
                ${has('f.region_id') ? 'f.region_id' : 'null::uuid'} as region_id,
                coalesce(sum(f.orders), 0) as sell_in_orders, coalesce(sum(f.sell_in_quantity), 0) as sell_in_quantity,
                coalesce(sum(f.sell_in_amount), 0) as sell_in_amount, coalesce(sum(f.sell_through_quantity), 0) as sell_through_quantity,
                coalesce(sum(f.conflicts), 0) as conflicts, coalesce(sum(f.open_conflicts), 0) as open_conflicts,
                coalesce(sum(f.confirmed_conflicts), 0) as confirmed_conflicts
           from f
          group by grouping sets ((${keys.join(', ')}), ())
       )
       select g.*, d.name as distributor_name, r.name as region_name
         from g
         left join distributor d on d.id = g.distributor_id
         left join org_unit r on r.id = g.region_id
        order by g.is_total, d.name, r.name, g.distributor_id, g.region_id`,
      [input.from, input.to, distributor],
    );
    const toRow = (row: ChannelSqlRow): ChannelPerformanceRow => {
      const sellIn = Number(row.sell_in_quantity);
      return {
        distributorId: row.is_total ? null : row.distributor_id,
        distributorName: row.is_total ? null : row.distributor_name,
        regionId: row.is_total ? null : row.region_id,
        regionName: row.is_total ? null : row.region_name,
        sellInOrderCount: Number(row.sell_in_orders),
        sellInQuantity: row.sell_in_quantity,
        sellInAmount: row.sell_in_amount,
        sellThroughQuantity: row.sell_through_quantity,
        sellThroughRate: sellIn === 0 ? null : Math.round((Number(row.sell_through_quantity) / sellIn) * 10_000) / 10_000,
        conflictCount: Number(row.conflicts),
        openConflictCount: Number(row.open_conflicts),
        confirmedConflictCount: Number(row.confirmed_conflicts),
      };
    };
    const total = rows.find((row) => row.is_total)!;
    return { from: input.from, to: input.to, groupBy: input.groupBy, rows: rows.filter((row) => !row.is_total).map(toRow), total: toRow(total) };
  }
}
