/**
 * The performance-assessment scenarios of `npm run bench` (achievement down the org tree, a director's leaderboard,
 * a month's commission run): their floors, the closed-loop load that measures a floor, and the check that the bench
 * database has the year's targets (seeds/bench/bench-targets.ts).
 *
 * A floor is one hand-written SQL statement answering the scenario's question (the same rows, from the same view
 * `sales_performance_fact` and table `sales_target`), sent straight to PostgreSQL by as many clients as the scenario
 * has, in the same run: the API's figure is reported as a ratio to it, so a slower machine or a busier hour moves
 * both.
 */
import pg from 'pg';

/** Booked sales for a year only: all three scenarios rank, break down or pay on it. */
const YEAR_TARGET = `t.metric = 'BOOKED_SALES' and t.period_kind = 'YEAR' and t.period_start = $2::date
  and t.product_line_id is null and t.customer_tier is null and t.customer_novelty is null`;

/**
 * Achievement floor: the unit ($1), its units and people down $3 levels, each with its booked sales of the year
 * starting $2 (a unit: the sum over its subtree) against its own yearly target.
 */
export const ACHIEVEMENT_FLOOR_SQL = `with root as (select id, path, depth from org_unit where id = $1::uuid),
  units as (
    select ou.id, ou.name, ou.path, ou.depth - root.depth as level from org_unit ou, root
     where starts_with(ou.path, root.path) and ou.depth - root.depth <= $3::int
  ),
  people as (
    select u.id, u.name, ou.path, ou.depth - root.depth + 1 as level from app_user u join org_unit ou on ou.id = u.unit_id, root
     where starts_with(ou.path, root.path)
  ),
  actual as (
    select f.user_id, sum(f.value) as actual from sales_performance_fact f
     where f.user_id = any(array(select id from people)) and f.metric = 'BOOKED_SALES'
       and f.occurred_on >= $2::date and f.occurred_on < ($2::date + interval '1 year')::date
     group by f.user_id
  ),
  rows as (
    select un.id as org_unit_id, null::uuid as user_id, un.name, un.level, coalesce(sum(a.actual), 0) as actual, t.value as target
      from units un
      left join people p on starts_with(p.path, un.path)
      left join actual a on a.user_id = p.id
      left join sales_target t on t.org_unit_id = un.id and ${YEAR_TARGET}
     group by un.id, un.name, un.level, t.value
    union all
    select null, p.id, p.name, p.level, coalesce(a.actual, 0), t.value
      from people p
      left join actual a on a.user_id = p.id
      left join sales_target t on t.user_id = p.id and ${YEAR_TARGET}
     where p.level <= $3::int
  )
  select org_unit_id, user_id, name, level, actual::text, target::text, round(actual * 100 / nullif(target, 0), 2)::text as achievement_rate
    from rows order by level, name`;

/**
 * Leaderboard floor: the active reps and key account managers of the unit ($1) and below, and anyone there with a
 * yearly booked-sales target, ranked by achievement rate for the year starting $2 (people without a target last).
 */
export const LEADERBOARD_FLOOR_SQL = `with people as (
    select u.id, u.name, u.unit_id, u.role from org_unit root
      join org_unit ou on starts_with(ou.path, root.path)
      join app_user u on u.unit_id = ou.id
     where root.id = $1::uuid and u.status = 'ACTIVE'
  ),
  actual as (
    select f.user_id, sum(f.value) as actual from sales_performance_fact f
     where f.user_id = any(array(select id from people)) and f.metric = 'BOOKED_SALES'
       and f.occurred_on >= $2::date and f.occurred_on < ($2::date + interval '1 year')::date
     group by f.user_id
  ),
  ranked as (
    select p.id, p.name, p.unit_id, coalesce(a.actual, 0) as actual, t.value as target,
           round(coalesce(a.actual, 0) * 100 / nullif(t.value, 0), 2) as rate
      from people p
      left join actual a on a.user_id = p.id
      left join sales_target t on t.user_id = p.id and ${YEAR_TARGET}
     where p.role in ('SALES_REP', 'KEY_ACCOUNT_MANAGER') or t.id is not null
  )
  select rank() over (order by rate desc nulls last) as rank, id as user_id, name, unit_id, rate::text as achievement_rate, actual::text, target::text
    from ranked order by rank, name, id`;

/**
 * Commission floor: per active rep with a plan for the month starting $1 (a plan naming them, else one for their role,
 * the newest) and a monthly target of its metric, the month's actual and what the tiers pay on it, progressively
 * (each band's rate on the part of the actual inside it), capped as the plan says: the totals of the run's
 * statements, computed and not written. Team awards are left out (no bench plan has one).
 */
export const COMMISSION_FLOOR_SQL = `with month as (select $1::date as start, ($1::date + interval '1 month')::date as stop),
  picked as (
    select distinct on (u.id) u.id as user_id, p.id as plan_id, p.basis_metric, p.cap_amount, p.cap_percent_of_target
      from app_user u cross join month m
      join commission_plan p on p.active and p.valid_from < m.stop and (p.valid_to is null or p.valid_to >= m.start)
      left join commission_plan_assignee a on a.plan_id = p.id and a.user_id = u.id
     where u.status = 'ACTIVE' and (a.id is not null or p.applies_to_roles @> jsonb_build_array(u.role::text))
     order by u.id, (a.id is not null) desc, p.valid_from desc, p.id
  ),
  rep as (
    select pk.*, t.value as target,
           coalesce((select sum(f.value) from sales_performance_fact f, month m
                      where f.user_id = pk.user_id and f.metric::text = pk.basis_metric and f.occurred_on >= m.start and f.occurred_on < m.stop), 0) as actual
      from picked pk
      join sales_target t on t.user_id = pk.user_id and t.metric::text = pk.basis_metric and t.period_kind = 'MONTH' and t.period_start = $1::date
       and t.product_line_id is null and t.customer_tier is null and t.customer_novelty is null and t.value > 0
  ),
  earned as (
    select r.user_id, r.target, r.actual,
           coalesce(sum(round(greatest(0, least(r.actual, coalesce(round(r.target * ti.achievement_to / 100, 2), r.actual))
                                       - round(r.target * ti.achievement_from / 100, 2)) * ti.rate_percent / 100, 2)), 0) as individual,
           least(min(r.cap_amount), round(r.target * min(r.cap_percent_of_target) / 100, 2)) as cap
      from rep r left join commission_tier ti on ti.plan_id = r.plan_id
     group by r.user_id, r.target, r.actual
  )
  select user_id, target::text, actual::text, round(actual * 100 / target, 2)::text as achievement_percent,
         (case when cap is not null and individual > cap then cap else individual end)::text as commission
    from earned order by user_id`;

/** Latency percentiles and throughput of a closed-loop run. */
export interface FloorResult {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** The rows of the statement's first run, for the scenario to compare with the API's answer. */
  rows: Record<string, unknown>[];
}

/**
 * Runs `sql` with `params` on `connections` connections of their own, each sending the next execution when the last
 * has answered, first for `warmupMs` (not measured), then for `durationMs`: the same closed loop as the API's
 * clients (tests/bench/load-worker.ts), straight to PostgreSQL.
 */
export async function measureFloor(databaseUrl: string, sql: string, params: unknown[], options: { connections: number; warmupMs: number; durationMs: number }): Promise<FloorResult> {
  const clients = Array.from({ length: options.connections }, () => new pg.Client({ connectionString: databaseUrl }));
  await Promise.all(clients.map((client) => client.connect()));
  try {
    const { rows } = await clients[0].query(sql, params);
    const loop = async (durationMs: number): Promise<{ latencies: number[]; elapsedMs: number }> => {
      const latencies: number[] = [];
      const started = performance.now();
      const until = started + durationMs;
      await Promise.all(
        clients.map(async (client) => {
          while (performance.now() < until) {
            const sent = performance.now();
            await client.query(sql, params);
            latencies.push(performance.now() - sent);
          }
        }),
      );
      return { latencies, elapsedMs: performance.now() - started };
    };
    await loop(options.warmupMs);
    const { latencies, elapsedMs } = await loop(options.durationMs);
    const sorted = Float64Array.from(latencies).sort();
    const at = (fraction: number) => sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)];
    return { requests: sorted.length, perSecond: sorted.length / (elapsedMs / 1000), p50: at(0.5), p95: at(0.95), p99: at(0.99), rows };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

/**
 * Throws unless every active rep has a booked-sales target for the year: a bench database seeded before
 * seeds/bench/bench-targets.ts has none, and the scenarios would measure empty rankings. Returns a line for the output.
 */
export async function assertBenchTargets(databaseUrl: string, year: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ reps: string; without: string; targets: string }>(
      `select count(*) as reps, count(*) filter (where not exists (
                select 1 from sales_target t where t.user_id = u.id and t.metric = 'BOOKED_SALES' and t.period_kind = 'YEAR' and t.period_start = $1::date
                   and t.product_line_id is null and t.customer_tier is null and t.customer_novelty is null)) as without,
              (select count(*) from sales_target) as targets
         from app_user u where u.status = 'ACTIVE' and u.role in ('SALES_REP', 'KEY_ACCOUNT_MANAGER') and u.unit_id is not null`,
      [year],
    );
    const [row] = rows;
    if (Number(row.without) > 0) {
      throw new Error(`${row.without} of ${row.reps} reps have no ${year.slice(0, 4)} booked-sales target: the bench database predates the bench targets; seed a fresh one ("npm run seed:bench").`);
    }
    return `targets: ${row.targets} (every one of the ${row.reps} reps and their units, ${year.slice(0, 4)})`;
  } finally {
    await client.end();
  }
}
