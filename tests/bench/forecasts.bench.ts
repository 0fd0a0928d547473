/**
 * The funnel and forecast scenarios' floors for `npm run bench`: one hand-written SQL statement each, answering the
 * same question as the API from the same tables, for the VP (who reads every deal and every amount).
 */

/**
 * Funnel floor: the open deals by stage (count, amount, weighted amount), the deals won and lost between $1 and $2
 * (both days, company time), and the deals created then (the cohort), over the whole company.
 */
export const FUNNEL_FLOOR_SQL = `with p as (
    select ($1::date::timestamp at time zone 'Asia/Shanghai') as f, (($2::date + 1)::timestamp at time zone 'Asia/Shanghai') as t
  )
  select o.stage::text as stage, count(*)::int as count, sum(o.amount)::text as amount,
         round(sum(o.amount * o.probability / 100.0), 2)::text as weighted,
         (select count(*) from opportunity c, p where c.created_at >= p.f and c.created_at < p.t)::int as cohort
    from opportunity o, p
   where o.stage not in ('WON', 'LOST') or (o.closed_at >= p.f and o.closed_at < p.t)
   group by o.stage`;

/**
 * Forecast floor: the company's months from $1 ($2 of them): each person's latest line made no later than the month
 * (or this month), the topmost head's adjustment replacing what is below it, the people's own sum, the booked sales
 * and the company's own monthly target.
 */
export const FORECAST_FLOOR_SQL = `with slot as (
    select m::date as month, least(m::date, date_trunc('month', now() at time zone 'Asia/Shanghai')::date) as eff
      from generate_series($1::date, $1::date + ($2::int - 1) * interval '1 month', interval '1 month') m
  ), line as (
    select distinct on (fs.user_id, s.month) ou.path, s.month, l.commit
      from slot s
      join forecast_line l on l.month = s.month
      join forecast_submission fs on fs.id = l.submission_id and fs.period_month <= s.eff
      join app_user u on u.id = fs.user_id
      join org_unit ou on ou.id = u.unit_id
     order by fs.user_id, s.month, fs.period_month desc
  ), adj as (
    select distinct on (a.org_unit_id, s.month) ou.path, s.month, a.commit
      from slot s join forecast_adjustment a on a.month = s.month and a.period_month <= s.eff join org_unit ou on ou.id = a.org_unit_id
     order by a.org_unit_id, s.month, a.period_month desc
  ), top as (
    select * from adj a where not exists (select 1 from adj b where b.month = a.month and b.path <> a.path and starts_with(a.path, b.path))
  ), booked as (
    select date_trunc('month', occurred_on)::date as month, sum(value) as actual
      from sales_performance_fact
     where metric = 'BOOKED_SALES' and occurred_on >= $1::date and occurred_on < ($1::date + $2::int * interval '1 month')::date
     group by 1
  )
  select s.month::text as month,
         (coalesce((select sum(t.commit) from top t where t.month = s.month), 0)
          + coalesce((select sum(l.commit) from line l where l.month = s.month
                       and not exists (select 1 from top t where t.month = l.month and starts_with(l.path, t.path))), 0))::text as commit,
         coalesce((select sum(l.commit) from line l where l.month = s.month), 0)::text as submitted_commit,
         case when s.month <= date_trunc('month', now() at time zone 'Asia/Shanghai')::date then coalesce(b.actual, 0) end::text as actual,
         (select t.value from sales_target t join org_unit c on c.id = t.org_unit_id and c.parent_id is null
           where t.metric = 'BOOKED_SALES' and t.period_kind = 'MONTH' and t.period_start = s.month and t.product_line_id is null
             and t.customer_tier is null and t.customer_novelty is null)::text as target
    from slot s left join booked b on b.month = s.month
   order by s.month`;
