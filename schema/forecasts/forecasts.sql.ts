/**
 * The forecast roll-up as SQL, shared by the roll-up, the accuracy report and adjustments. A statement using it first
 * defines `params(cur)` (the current month), `subject(ord, unit_id, user_id, …)` (a unit: its subtree; a person: that
 * person) and `slot(month, eff)` (each month forecast, and `eff`, the month whose forecasts count for it); then
 * `FORECAST_CTES` adds:
 *
 * - `member(ord, person_id, unit_path)`: the people of each subject;
 * - `sub_line`: each member's line for each slot from their latest submission made no later than `eff` that covers the
 *   month (a forecast stands until its person submits again);
 * - `adj` / `top_adj`: the adjustments of units in each unit subject's subtree chosen the same way, and the topmost of
 *   them (an adjustment replaces everything below it, lower adjustments included);
 * - `rolled(ord, month, commit, best_case, pipeline)`: the topmost adjustments plus the lines of the people no
 *   adjustment covers; `submitted(ord, month, …, submitters)`: the people's lines alone;
 * - `actual(ord, month, actual)`: BOOKED_SALES of the members from `sales_performance_fact`, as `performance` counts it;
 * - `target(ord, month, value)`: the subject's own unsliced monthly BOOKED_SALES target, as `performance` reads it.
 */
export function forecastCtes(options: { excludeOwnAdjustment?: boolean } = {}): string {
  const ownAdjustment = options.excludeOwnAdjustment === true ? 'and a.org_unit_id <> s.unit_id' : '';
  return `member as materialized (
       select s.ord, s.user_id as person_id, coalesce(pu.path, '') as unit_path
         from subject s left join app_user p on p.id = s.user_id left join org_unit pu on pu.id = p.unit_id
        where s.user_id is not null
       union all
       select s.ord, u.id, ou.path
         from subject s
         join org_unit root on root.id = s.unit_id
         join org_unit ou on starts_with(ou.path, root.path)
         join app_user u on u.unit_id = ou.id
     ), sub_line as materialized (
       select distinct on (m.ord, m.person_id, sl.month) m.ord, m.person_id, m.unit_path, sl.month, l.commit, l.best_case, l.pipeline
         from member m
         cross join slot sl
         join forecast_submission fs on fs.user_id = m.person_id and fs.period_month <= sl.eff
         join forecast_line l on l.submission_id = fs.id and l.month = sl.month
        order by m.ord, m.person_id, sl.month, fs.period_month desc
     ), adj as materialized (
       select distinct on (s.ord, a.org_unit_id, sl.month) s.ord, a.org_unit_id, ou.path, sl.month, a.id, a.period_month,
              a.commit, a.best_case, a.pipeline, a.reason, a.adjusted_by_id, a.adjusted_at
         from subject s
         join org_unit root on root.id = s.unit_id
         join org_unit ou on starts_with(ou.path, root.path)
         cross join slot sl
         join forecast_adjustment a on a.org_unit_id = ou.id and a.month = sl.month and a.period_month <= sl.eff ${ownAdjustment}
        order by s.ord, a.org_unit_id, sl.month, a.period_month desc
     ), top_adj as (
       select a.* from adj a
        where not exists (select 1 from adj b where b.ord = a.ord and b.month = a.month and b.path <> a.path and starts_with(a.path, b.path))
     ), rolled as (
       select x.ord, x.month, sum(x.commit) as commit, sum(x.best_case) as best_case, sum(x.pipeline) as pipeline
         from (select t.ord, t.month, t.commit, t.best_case, t.pipeline from top_adj t
               union all
               select l.ord, l.month, l.commit, l.best_case, l.pipeline from sub_line l
                where not exists (select 1 from top_adj t where t.ord = l.ord and t.month = l.month and starts_with(l.unit_path, t.path))) x
        group by x.ord, x.month
     ), submitted as (
       select l.ord, l.month, sum(l.commit) as commit, sum(l.best_case) as best_case, sum(l.pipeline) as pipeline, count(*) as submitters
         from sub_line l group by l.ord, l.month
     ), fact as materialized (
       select f.user_id, date_trunc('month', f.occurred_on)::date as month, sum(f.value) as value
         from sales_performance_fact f
        where f.metric = 'BOOKED_SALES'
          and f.user_id = any((select coalesce(array_agg(distinct person_id), '{}'::uuid[]) from member)::uuid[])
          and f.occurred_on >= (select min(month) from slot) and f.occurred_on < ((select max(month) from slot) + interval '1 month')::date
        group by f.user_id, date_trunc('month', f.occurred_on)
     ), actual as (
       select m.ord, f.month, sum(f.value) as actual from member m join fact f on f.user_id = m.person_id group by m.ord, f.month
     ), target as (
       select s.ord, t.period_start as month, t.value
         from subject s
         join sales_target t on t.user_id = s.user_id or t.org_unit_id = s.unit_id
        where t.metric = 'BOOKED_SALES' and t.period_kind = 'MONTH' and t.product_line_id is null
          and t.customer_tier is null and t.customer_novelty is null
          and t.period_start >= (select min(month) from slot) and t.period_start <= (select max(month) from slot)
     )`;
}

/** `params(cur)`: the current month in company time. */
export function currentMonthCte(timeZone: string): string {
  return `params as materialized (select date_trunc('month', now() at time zone '${timeZone.replace(/'/g, "''")}')::date as cur)`;
}
