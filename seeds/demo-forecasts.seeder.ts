import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../api/config';
import { forecastCtes } from '../schema/forecasts/forecasts.sql';
import { DEMO_PERFORMANCE_CUTOFF, DEMO_PERFORMANCE_YEAR } from './demo-performance.data';

/** A pseudo-random number in [0, 1) from a text key: the same on every machine and every run. */
const unit = (key: string) => `((abs(hashtext(${key})) % 10000) / 10000.0)`;

/** Reasons the demo heads of units give for their adjustments. */
const REASONS = ['大客户预算推迟到下月', '新项目签约提前', '保守估计：两单价格仍在谈', '渠道补货节奏放缓', '重点客户追加订单'];

/**
 * The demo year's rolling forecasts, set-based (a handful of statements, seconds): every seller (reps, key account
 * managers, and whoever booked sales in the year) submits in every month of the demo year up to the current one, on
 * its third day, a forecast for that month and the next two to five. The figures follow what was then booked (or, for
 * months not over, the person's target or average month) with an error that grows with the horizon, so accuracy has
 * real shapes. A third of the team-months get the team manager's adjustment of the month, a quarter of the
 * region-months the director's on top; and a tenth of the open deals had their close date moved later once.
 */
export async function seedDemoForecastsIfEmpty(orm: MikroORM, config: Pick<AppConfig, 'companyTimeZone'>): Promise<boolean> {
  const em = orm.em.fork();
  const [existing] = await em.execute<{ n: string }[]>(`select count(*)::text as n from forecast_submission`);
  if (existing!.n !== '0') return false;
  const tz = `'${config.companyTimeZone.replace(/'/g, "''")}'`;
  const periods = `select generate_series(?::date, date_trunc('month', least(?::date, (now() at time zone ${tz})::date))::date, interval '1 month')::date as month`;
  const periodParams = [`${DEMO_PERFORMANCE_YEAR}-01-01`, DEMO_PERFORMANCE_CUTOFF];
  await em.transactional(async (tx) => {
    await tx.execute(`create temp table demo_forecast_base on commit drop as
      with period as (${periods}),
      horizon as (select generate_series(min(month), (max(month) + interval '5 months')::date, interval '1 month')::date as month from period),
      current_month as (select max(month) as cur from period),
      seller as (
        select u.id as user_id from app_user u where u.status = 'ACTIVE' and u.role in ('SALES_REP', 'KEY_ACCOUNT_MANAGER')
        union
        select distinct f.user_id from sales_performance_fact f
         where f.metric = 'BOOKED_SALES' and f.occurred_on >= (select min(month) from period) and f.user_id is not null
      ),
      booked as (
        select f.user_id, date_trunc('month', f.occurred_on)::date as month, sum(f.value) as value
          from sales_performance_fact f join seller s on s.user_id = f.user_id
         where f.metric = 'BOOKED_SALES' and f.occurred_on >= (select min(month) from period)
         group by f.user_id, date_trunc('month', f.occurred_on)
      ),
      average as (
        select b.user_id, avg(b.value) as value from booked b, current_month c where b.month < c.cur group by b.user_id
      )
      select s.user_id, h.month,
             coalesce(case when h.month < c.cur then b.value end, t.value, a.value, 0) as base
        from seller s cross join horizon h cross join current_month c
        left join booked b on b.user_id = s.user_id and b.month = h.month
        left join average a on a.user_id = s.user_id
        left join sales_target t on t.user_id = s.user_id and t.metric = 'BOOKED_SALES' and t.period_kind = 'MONTH' and t.period_start = h.month
                                and t.product_line_id is null and t.customer_tier is null and t.customer_novelty is null`, periodParams);
    await tx.execute(
      `insert into forecast_submission (id, user_id, period_month, submitted_at)
       select gen_random_uuid(), s.user_id, p.month, ((p.month + 2)::timestamp + interval '10 hours') at time zone ${tz}
         from (select distinct user_id from demo_forecast_base) s cross join (${periods}) p`,
      periodParams,
    );
    // factor: 1 ± up to (15 % + 7.5 % per month ahead); commit 85 %, best case 105 %, pipeline 130 % of the expectation.
    await tx.execute(`insert into forecast_line (id, submission_id, month, commit, best_case, pipeline)
      select gen_random_uuid(), fs.id, m.month,
             round(b.base * f.factor * 0.85, -2), round(b.base * f.factor * 1.05, -2), round(b.base * f.factor * 1.30, -2)
        from forecast_submission fs
        cross join lateral generate_series(0, 2 + abs(hashtext(fs.user_id::text || fs.period_month::text)) % 4) g(ahead)
        cross join lateral (select (fs.period_month + make_interval(months => g.ahead))::date as month) m
        join demo_forecast_base b on b.user_id = fs.user_id and b.month = m.month
        cross join lateral (select 1 + (${unit(`fs.user_id::text || m.month::text || g.ahead::text`)} - 0.5) * (0.30 + 0.15 * g.ahead) as factor) f`);
    const reasons = `(array[${REASONS.map((reason) => `'${reason}'`).join(', ')}])[1 + abs(hashtext(ou.id::text || p.month::text)) % ${REASONS.length}]`;
    // Team managers: a third of the team-months, the month itself, 90–102 % of the team's figures.
    await tx.execute(
      `insert into forecast_adjustment (id, org_unit_id, period_month, month, commit, best_case, pipeline,
                                        submitted_commit, submitted_best_case, submitted_pipeline, reason, adjusted_by_id, adjusted_at)
       select gen_random_uuid(), ou.id, p.month, p.month,
              round(sum(l.commit) * k.factor, -2), round(sum(l.best_case) * k.factor, -2), round(sum(l.pipeline) * k.factor, -2),
              sum(l.commit), sum(l.best_case), sum(l.pipeline), ${reasons}, ou.head_id,
              ((p.month + 4)::timestamp + interval '15 hours') at time zone ${tz}
         from org_unit ou
         cross join (${periods}) p
         cross join lateral (select 0.90 + 0.04 * (abs(hashtext(ou.id::text || p.month::text || 'k')) % 4) as factor) k
         join app_user u on u.unit_id = ou.id
         join forecast_submission fs on fs.user_id = u.id and fs.period_month = p.month
         join forecast_line l on l.submission_id = fs.id and l.month = p.month
        where ou.kind = 'TEAM' and ou.head_id is not null and abs(hashtext(ou.id::text || p.month::text)) % 3 = 0
        group by ou.id, p.month, k.factor, ou.head_id`,
      periodParams,
    );
    // Directors: a quarter of the region-months, on the roll-up with the teams' adjustments applied (as the API keeps it).
    await tx.execute(
      `with subject as materialized (
         select (row_number() over (order by ou.id))::int as ord, ou.id as unit_id, null::uuid as user_id, ou.head_id
           from org_unit ou where ou.kind = 'REGION' and ou.head_id is not null
       ), slot as materialized (select p.month, p.month as eff from (${periods}) p),
       ${forecastCtes({ excludeOwnAdjustment: true })}
       insert into forecast_adjustment (id, org_unit_id, period_month, month, commit, best_case, pipeline,
                                        submitted_commit, submitted_best_case, submitted_pipeline, reason, adjusted_by_id, adjusted_at)
       select gen_random_uuid(), ou.id, p.month, p.month,
              round(r.commit * k.factor, -2), round(r.best_case * k.factor, -2), round(r.pipeline * k.factor, -2),
              r.commit, r.best_case, r.pipeline, ${reasons}, s.head_id,
              ((p.month + 6)::timestamp + interval '16 hours') at time zone ${tz}
         from rolled r
         join subject s on s.ord = r.ord
         join org_unit ou on ou.id = s.unit_id
         join (select month from slot) p on p.month = r.month
         cross join lateral (select 0.93 + 0.03 * (abs(hashtext(ou.id::text || p.month::text || 'k')) % 3) as factor) k
        where abs(hashtext(ou.id::text || p.month::text || 'region')) % 4 = 0`,
      periodParams,
    );
    // Slips: a tenth of the open deals with a close date had it moved later once, 2 to 8 weeks, during the demo year.
    await tx.execute(
      `insert into opportunity_close_date_change (opportunity_id, from_date, to_date, changed_at)
       select o.id, o.expected_close_date - (14 + abs(hashtext(o.id::text || 'slip')) % 43), o.expected_close_date,
              least(?::date - 1, greatest(?::date, (o.created_at at time zone ${tz})::date + 7))::timestamp + interval '11 hours'
         from opportunity o
        where o.stage not in ('WON', 'LOST') and o.expected_close_date is not null and abs(hashtext(o.id::text)) % 10 = 0`,
      [DEMO_PERFORMANCE_CUTOFF, `${DEMO_PERFORMANCE_YEAR}-01-01`],
    );
  });
  return true;
}
