/**
 * The floors of the sales-analysis scenarios of `npm run bench` (tests/bench/opportunities.bench.ts): one
 * hand-written statement each, answering the same question as `salesAnalysis` from the same tables — booked order
 * lines (orders not on credit hold or cancelled) by their confirmation day in company time (Asia/Shanghai).
 */

const BOOKED_ON = `(coalesce(o.credit_decided_at, o.created_at) at time zone 'Asia/Shanghai')::date`;

/**
 * A director's sales by team × month: the orders owned by the people of the unit $1's subtree (a director sees his
 * region's), booked from $2 to $3, per month and the owner's team.
 */
export const SALES_BY_TEAM_MONTH_FLOOR_SQL = `select to_char(${BOOKED_ON}, 'YYYY-MM') as period,
       nullif(split_part(ou.path, '/', 4), '')::uuid as team_id,
       sum(ol.line_total)::text as booked_amount, sum(ol.quantity)::text as quantity, count(distinct o.id) as order_count,
       sum(ol.quantity * (ol.unit_price - ol.unit_cost))::text as margin
  from org_unit root
  join org_unit ou on starts_with(ou.path, root.path)
  join app_user u on u.unit_id = ou.id
  join sales_order o on o.owner_id = u.id
  join order_line ol on ol.order_id = o.id
 where root.id = $1::uuid and o.status not in ('CREDIT_HOLD', 'CANCELLED') and ${BOOKED_ON} between $2::date and $3::date
 group by 1, 2
 order by 1, 2`;

/** Finance's sales by region × product line: every booked line from $1 to $2, per the owner's region and the line's product line. */
export const SALES_BY_REGION_LINE_FLOOR_SQL = `select nullif(split_part(ou.path, '/', 3), '')::uuid as region_id, p.product_line_id,
       sum(ol.line_total)::text as booked_amount, sum(ol.quantity)::text as quantity, count(distinct o.id) as order_count,
       sum(ol.quantity * (ol.unit_price - ol.unit_cost))::text as margin
  from sales_order o
  join order_line ol on ol.order_id = o.id
  join product p on p.id = ol.product_id
  join app_user u on u.id = o.owner_id
  left join org_unit ou on ou.id = u.unit_id
 where o.status not in ('CREDIT_HOLD', 'CANCELLED') and ${BOOKED_ON} between $1::date and $2::date
 group by 1, 2
 order by 1, 2`;
