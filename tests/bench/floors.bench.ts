/**
 * The API against its floor (`npm run bench` without BENCH_SCENARIOS): for each scenario, SalesGraph and a
 * bare-statement server answer the same request in the same run, in interleaved rounds (API, floor, API, floor …),
 * with the same closed-loop clients. The floor of a scenario is one hand-written SQL statement that builds the whole
 * JSON response with the same row scope (tests/bench/floor-server.ts serves it with bare `http` and `pg`). Before
 * measuring, the runner checks that both answer the same JSON (same ids in the same order, same nested content).
 * Both servers are child processes, so the resident memory read for each is its own. See tests/bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Worker } from 'node:worker_threads';
import { print } from 'graphql';
import pg from 'pg';
import { BENCH_OPPORTUNITIES, BENCH_RECEIVABLES_AGING, BENCH_WHO_IS_LATE } from '../graphql/bench.documents';
import { DEMO_COMPANY } from '../../seeds/demo-company.data';
import { DEMO_PASSWORD } from '../../seeds/demo-company.seeder';
import { demoId } from '../../seeds/demo-ids';
import { readMemory, sampleMemory, startChild, type ChildServer } from './bench-process';
import type { FloorRoute } from './floor-server';
import type { LoadRequest, LoadResult } from './load-worker';

/** The people whose subtrees the row scope covers: the viewer ($1) and everyone in the units the viewer heads. */
const OWNERS_CTE = `owners as (
    select $1::uuid as id
    union
    select m.id from org_unit h join org_unit o on starts_with(o.path, h.path) join app_user m on m.unit_id = o.id where h.head_id = $1::uuid
  )`;

/** A decimal as the API's Decimal scalar writes it: no trailing zeros ("2400000", "-0.5"). */
const decimal = (expression: string) => `trim_scale(${expression})::text`;

/** A timestamptz as the API's DateTime scalar writes it (`Date.toISOString()`). */
const isoTime = (expression: string) => `to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Floor of the opportunities page (`BENCH_OPPORTUNITIES`): the first $2 opportunities of the owners in scope of
 * viewer $1 by amount (ties by id, both descending), each with its customer when the customer is in scope too, its
 * owner, and the lines of its quotes that are not superseded with their products; `hasNextPage` from one row more,
 * `endCursor` MikroORM's keyset cursor (base64url of the JSON array [amount, id]).
 */
export const OPPORTUNITIES_FLOOR_SQL = `with ${OWNERS_CTE},
  scope as (select array_agg(id) as ids from owners),
  page as (
    select o.id, o.name, o.amount, o.stage, o.customer_id, o.owner_id
      from opportunity o, scope where o.owner_id = any(scope.ids)
     order by o.amount desc, o.id desc limit $2::int + 1
  ),
  numbered as (select p.*, row_number() over (order by p.amount desc, p.id desc) as n from page p),
  shown as (select * from numbered where n <= $2::int)
  select json_build_object('data', json_build_object('opportunities', json_build_object(
    'pageInfo', json_build_object(
      'hasNextPage', (select count(*) from numbered) > $2::int,
      'endCursor', (select rtrim(translate(encode(convert_to(format('[%s,%s]', to_json(s.amount::text), to_json(s.id::text)), 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')
                      from shown s order by s.n desc limit 1)),
    'nodes', coalesce((
      select json_agg(json_build_object(
        'id', s.id, 'name', s.name, 'amount', ${decimal('s.amount')}, 'stage', s.stage,
        'customer', (select json_build_object('name', c.name, 'tier', c.tier) from customer c, scope where c.id = s.customer_id and c.owner_id = any(scope.ids)),
        'owner', (select json_build_object('name', u.name) from app_user u where u.id = s.owner_id),
        'quoteLines', coalesce((
          select json_agg(json_build_object('quantity', l.quantity, 'product', json_build_object('name', pr.name)) order by l.position)
            from quote q join quote_line l on l.quote_id = q.id join product pr on pr.id = l.product_id
           where q.opportunity_id = s.id and q.status <> 'SUPERSEDED'), '[]'::json)
      ) order by s.n) from shown s), '[]'::json)
  )))::text as body`;

/**
 * The rows of the receivables aging by customer as of today, in the aging floor's columns: one row per customer
 * (`is_total` false: `group_id`, `group_name`) and the grand total (`is_total` true, with `as_of`), each with
 * `days_0_to_30`, `days_31_to_60`, `days_61_to_90`, `over_90`, `total`, `overdue` (money) and `invoice_count`;
 * the open invoices of the owners in scope of viewer $1 (everyone's when $2). The same sums as the aging floor of
 * tests/bench/opportunities.bench.ts (`agingFloorSql`): once that statement returns these columns for a grouping,
 * `agingJsonFloorSql(agingFloorSql('CUSTOMER'), …)` is the floor instead, so both scenarios share one statement.
 */
export const AGING_BY_CUSTOMER_ROWS_SQL = `with ${OWNERS_CTE},
  per_customer as (
    select i.customer_id,
           coalesce(sum(i.amount - i.paid_amount) filter (where current_date - i.issue_date <= 30), 0) as days_0_to_30,
           coalesce(sum(i.amount - i.paid_amount) filter (where current_date - i.issue_date between 31 and 60), 0) as days_31_to_60,
           coalesce(sum(i.amount - i.paid_amount) filter (where current_date - i.issue_date between 61 and 90), 0) as days_61_to_90,
           coalesce(sum(i.amount - i.paid_amount) filter (where current_date - i.issue_date > 90), 0) as over_90,
           sum(i.amount - i.paid_amount) as total,
           coalesce(sum(i.amount - i.paid_amount) filter (where i.due_date < current_date), 0) as overdue,
           count(*) as invoice_count
      from invoice i
     where i.status <> 'PAID' and i.issue_date <= current_date and ($2::boolean or i.owner_id = any(array(select id from owners)))
     group by i.customer_id
  ),
  groups as (select k.customer_id as group_id, c.name as group_name, k.* from per_customer k left join customer c on c.id = k.customer_id)
  select false as is_total, group_id, group_name, days_0_to_30, days_31_to_60, days_61_to_90, over_90, total, overdue, invoice_count, null as as_of from groups
  union all
  select true, null, null, coalesce(sum(days_0_to_30), 0), coalesce(sum(days_31_to_60), 0), coalesce(sum(days_61_to_90), 0), coalesce(sum(over_90), 0),
         coalesce(sum(total), 0), coalesce(sum(overdue), 0), coalesce(sum(invoice_count), 0), current_date::text from groups`;

/**
 * The aging's JSON response (`BENCH_RECEIVABLES_AGING`) around a statement of aging rows in the columns above, with
 * its money in currency units or, `cents`, in integer cents; the rows in the API's order (total descending, then
 * name and id).
 */
export function agingJsonFloorSql(rowsSql: string, options: { cents: boolean }): string {
  const money = (column: string) => decimal(options.cents ? `a.${column}::numeric / 100` : `a.${column}`);
  const figures = `'days0To30', ${money('days_0_to_30')}, 'days31To60', ${money('days_31_to_60')}, 'days61To90', ${money('days_61_to_90')},
        'over90', ${money('over_90')}, 'total', ${money('total')}, 'overdue', ${money('overdue')}, 'invoiceCount', a.invoice_count::int`;
  return `with aging as (${rowsSql})
  select json_build_object('data', json_build_object('receivablesAging', json_build_object(
    'asOf', (select a.as_of from aging a where a.is_total),
    'rows', coalesce((select json_agg(json_build_object('groupId', a.group_id, 'groupName', a.group_name, ${figures})
                        order by a.total desc, a.group_name, a.group_id) from aging a where not a.is_total), '[]'::json),
    'grandTotal', (select json_build_object(${figures}) from aging a where a.is_total)
  )))::text as body`;
}

/** Floor of the director's receivables aging by customer: $1 the viewer, $2 true when the viewer sees everyone's. */
export const AGING_BY_CUSTOMER_FLOOR_SQL = agingJsonFloorSql(AGING_BY_CUSTOMER_ROWS_SQL, { cents: false });

/**
 * Floor of "who is late" (`BENCH_WHO_IS_LATE`) as a long list: the statement of tests/bench/reports.bench.ts with
 * every field of the row: for each active person in the subtree of unit $1 but the viewer $2 who files kind $3,
 * hired before the period ended, each period from the one containing $4 to the one containing $5, in zone $6.
 */
export const WHO_IS_LATE_LIST_FLOOR_SQL = `with people as (
    select u.id, u.name, u.unit_id, u.hire_date, d.due_after_minutes
      from org_unit root
      join org_unit ou on starts_with(ou.path, root.path)
      join app_user u on u.unit_id = ou.id
      join report_deadline d on d.kind = $3::work_report_kind and d.role = u.role
     where root.id = $1::uuid and u.status = 'ACTIVE' and u.id <> $2::uuid
  ),
  periods as (
    select g::date as period_start
      from generate_series(salesgraph_report_period_start($3::work_report_kind, $4::date)::timestamp,
                           salesgraph_report_period_start($3::work_report_kind, $5::date)::timestamp,
                           salesgraph_report_period_step($3::work_report_kind)) g
     where salesgraph_report_period_required($3::work_report_kind, g::date)
  ),
  due as (
    select p.*, pr.period_start, salesgraph_report_deadline_at($3::work_report_kind, pr.period_start, p.due_after_minutes, $6::text) as deadline_at
      from people p cross join periods pr
     where p.hire_date is null or salesgraph_report_period_end($3::work_report_kind, pr.period_start) >= p.hire_date
  )
  select json_build_object('data', json_build_object('reportCompliance', coalesce(json_agg(json_build_object(
    'userId', d.id, 'userName', d.name, 'orgUnitId', d.unit_id, 'periodStart', d.period_start::text, 'deadlineAt', ${isoTime('d.deadline_at')},
    'compliance', case when r.status is null or r.status = 'DRAFT' then (case when now() > d.deadline_at then 'MISSING' else 'NOT_YET_DUE' end)
                       when r.late then 'LATE' else 'ON_TIME' end,
    'reviewed', coalesce(r.status = 'REVIEWED', false), 'reportId', r.id, 'reportStatus', r.status,
    'submittedAt', ${isoTime('r.submitted_at')}
  ) order by d.name, d.id, d.period_start), '[]'::json)))::text as body
    from due d
    left join work_report r on r.author_id = d.id and r.kind = $3::work_report_kind and r.period_start = d.period_start`;

/** Who a scenario's requests are sent as: the email (password demo1234) and the role named in the output. */
interface Viewer {
  email: string;
  role: string;
}

/** What the scenarios refer to in the dataset, looked up before the servers start. */
export interface Fixtures {
  rep: Viewer & { deals: number };
  units: { east: string };
}

/** A scenario of the floor comparison. */
export interface FloorScenario {
  /** For BENCH_SCENARIOS. */
  key: string;
  name: string;
  as(fixtures: Fixtures): Viewer;
  query: string;
  variables: Record<string, unknown>;
  floor: { sql: string; params(fixtures: Fixtures, viewerId: string): unknown[] };
  /** Sums up an answer in a line (the floor's equals it, or the run stops). */
  describe(data: Record<string, unknown>): string;
}

const EAST = DEMO_COMPANY.regions[0];
const DIRECTOR: Viewer = { email: EAST.director.email, role: 'east regional director' };
/** The director's region over 25 working days: his 40 people × 25 = 1,000 rows. */
const LIST_PERIOD = { kind: 'DAILY', from: '2026-10-16', to: '2026-11-19' };
const COMPANY_ZONE = 'Asia/Shanghai';

interface OpportunityPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { id: string; amount: string; quoteLines: unknown[] }[];
}

function opportunityPage(first: number, key: string, name: string, as: (fixtures: Fixtures) => Viewer): FloorScenario {
  return {
    key,
    name,
    as,
    query: print(BENCH_OPPORTUNITIES),
    variables: { first },
    floor: { sql: OPPORTUNITIES_FLOOR_SQL, params: (_fixtures, viewerId) => [viewerId, first] },
    describe(data) {
      const page = data.opportunities as OpportunityPage;
      const lines = page.nodes.reduce((sum, node) => sum + node.quoteLines.length, 0);
      const [top, last] = [page.nodes[0], page.nodes[page.nodes.length - 1]];
      return `${page.nodes.length} opportunities (${top?.amount ?? '–'} … ${last?.amount ?? '–'}), ${lines} quote lines, hasNextPage ${page.pageInfo.hasNextPage}`;
    },
  };
}

export const FLOOR_SCENARIOS: readonly FloorScenario[] = [
  opportunityPage(50, 'director-page', 'the director’s first 50 opportunities by amount', () => DIRECTOR),
  opportunityPage(20, 'rep-page', 'a rep’s own first 20 opportunities by amount', (fixtures) => fixtures.rep),
  {
    key: 'director-aging',
    name: 'the director’s receivables aging by customer',
    as: () => DIRECTOR,
    query: print(BENCH_RECEIVABLES_AGING),
    variables: { groupBy: 'CUSTOMER' },
    floor: { sql: AGING_BY_CUSTOMER_FLOOR_SQL, params: (_fixtures, viewerId) => [viewerId, false] },
    describe(data) {
      const aging = data.receivablesAging as { asOf: string; rows: unknown[]; grandTotal: { total: string; invoiceCount: number } };
      return `as of ${aging.asOf}: ${aging.rows.length} customers, ${aging.grandTotal.invoiceCount} open invoices, ${aging.grandTotal.total} open`;
    },
  },
  {
    key: 'list-1000',
    name: 'a 1,000-row list: who is late in the director’s region, 25 working days',
    as: () => DIRECTOR,
    query: print(BENCH_WHO_IS_LATE),
    variables: { ...LIST_PERIOD, orgUnitId: null },
    floor: {
      sql: WHO_IS_LATE_LIST_FLOOR_SQL,
      params: (fixtures, viewerId) => [fixtures.units.east, viewerId, LIST_PERIOD.kind, LIST_PERIOD.from, LIST_PERIOD.to, COMPANY_ZONE],
    },
    describe(data) {
      const rows = data.reportCompliance as { userId: string; periodStart: string }[];
      return `${rows.length} rows (${new Set(rows.map((row) => row.userId)).size} people × ${new Set(rows.map((row) => row.periodStart)).size} days)`;
    },
  },
];

/** Settings of the comparison, from the environment (see tests/bench/README.md). */
export interface FloorSettings {
  rounds: number;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  poolMax: number | undefined;
  /** Keys of the scenarios to run; all when empty. */
  only: string[];
}

async function lookUpFixtures(client: pg.Client): Promise<Fixtures> {
  // The east rep with the most deals (ties by email), so the rep's page is a full one.
  const { rows } = await client.query<{ email: string; deals: number }>(
    `select u.email, count(o.id)::int as deals
       from org_unit region join org_unit ou on starts_with(ou.path, region.path) join app_user u on u.unit_id = ou.id
       join opportunity o on o.owner_id = u.id
      where region.id = $1::uuid and u.role = 'SALES_REP' and u.status = 'ACTIVE'
      group by u.email order by deals desc, u.email limit 1`,
    [demoId(`unit:${EAST.key}`)],
  );
  if (rows[0] === undefined) throw new Error('the east region has no rep with deals: is this the bench database?');
  return { rep: { email: rows[0].email, role: 'east sales rep', deals: rows[0].deals }, units: { east: demoId(`unit:${EAST.key}`) } };
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
  return text;
}

async function signIn(apiUrl: string, email: string): Promise<string> {
  const body = JSON.stringify({
    query: 'mutation BenchLogin($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
    variables: { email, password: DEMO_PASSWORD },
  });
  const result = JSON.parse(await post(apiUrl, body)) as { data?: { login?: { accessToken: string } }; errors?: unknown[] };
  const token = result.data?.login?.accessToken;
  if (token === undefined) throw new Error(`sign-in as ${email} failed: ${JSON.stringify(result.errors)}`);
  return token;
}

/** The first place two JSON values differ, as a path and both values (for the message when the floor is wrong). */
function firstDifference(api: unknown, floor: unknown, at = '$'): string | null {
  if (isDeepStrictEqual(api, floor)) return null;
  if (Array.isArray(api) && Array.isArray(floor)) {
    for (let index = 0; index < Math.max(api.length, floor.length); index += 1) {
      const found = firstDifference(api[index], floor[index], `${at}[${index}]`);
      if (found !== null) return api.length === floor.length ? found : `${found} (the API has ${api.length} items, the floor ${floor.length})`;
    }
  }
  if (api !== null && floor !== null && typeof api === 'object' && typeof floor === 'object' && !Array.isArray(api) && !Array.isArray(floor)) {
    const keys = new Set([...Object.keys(api), ...Object.keys(floor)]);
    for (const key of keys) {
      const found = firstDifference((api as Record<string, unknown>)[key], (floor as Record<string, unknown>)[key], `${at}.${key}`);
      if (found !== null) return found;
    }
  }
  return `${at}: the API says ${JSON.stringify(api)?.slice(0, 300)}, the floor ${JSON.stringify(floor)?.slice(0, 300)}`;
}

function runLoad(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'load-worker.js'), { workerData: request });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the load worker exited with code ${code}`));
    });
  });
}

/** One side's round: closed-loop load for the round's time, with the server's memory sampled meanwhile. */
interface Round {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  rss: number[];
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: ArrayLike<number>, fraction: number): number {
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)];
}

const median = (values: readonly number[]) => percentile(Float64Array.from(values).sort(), 0.5);

async function measureRound(server: ChildServer, request: LoadRequest, what: string): Promise<Round> {
  const sampler = sampleMemory(server.pid);
  const result = await runLoad(request);
  const { samples } = sampler.stop();
  if (result.firstFailure !== null) throw new Error(`${what}: a response failed under load: ${result.firstFailure}`);
  const sorted = result.latencies.slice().sort();
  return {
    perSecond: sorted.length / (result.elapsedMs / 1000),
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    errors: result.failures + result.connectionErrors,
    rss: samples,
  };
}

/** A side's figures over its rounds: the median round's requests/s, p50 and p99 (each the median of its own). */
interface Side {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** VmRSS sampled under load: median and highest sample, and the process's peak (VmHWM) at the end. */
  rss: { median: number; max: number; peak: number };
}

function summarize(rounds: Round[], server: ChildServer): Side {
  const samples = rounds.flatMap((round) => round.rss);
  return {
    perSecond: median(rounds.map((round) => round.perSecond)),
    p50: median(rounds.map((round) => round.p50)),
    p99: median(rounds.map((round) => round.p99)),
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
    rss: { median: median(samples), max: Math.max(...samples), peak: readMemory(server.pid).peak },
  };
}

interface Compared {
  scenario: FloorScenario;
  as: Viewer;
  answer: string;
  api: Side;
  floor: Side;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const rate = (value: number) => value.toFixed(value < 10 ? 1 : 0);
const ratio = (value: number) => `${value.toFixed(2)}×`;

/**
 * Runs the selected scenarios against their floors on the database at `databaseUrl` (migrated, with the bench
 * dataset) and prints each round, each scenario's medians and ratios, and a Markdown table. Throws when an answer
 * differs from its floor's or a response fails.
 */
export async function runFloorComparison(databaseUrl: string, settings: FloorSettings): Promise<void> {
  const scenarios = FLOOR_SCENARIOS.filter((scenario) => settings.only.length === 0 || settings.only.includes(scenario.key));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let fixtures: Fixtures;
  const viewerIds = new Map<string, string>();
  try {
    fixtures = await lookUpFixtures(client);
    for (const scenario of scenarios) {
      const { email } = scenario.as(fixtures);
      const { rows } = await client.query<{ id: string }>(`select id from app_user where email = $1`, [email]);
      if (rows[0] === undefined) throw new Error(`no user ${email} in the bench database`);
      viewerIds.set(email, rows[0].id);
    }
  } finally {
    await client.end();
  }
  console.log(`\nAPI against its floor: ${scenarios.length} scenarios × ${settings.rounds} rounds of ${settings.durationSeconds} s per side, ${settings.connections} clients, ${settings.warmupSeconds} s warm-up per side`);
  console.log(`rep page as ${fixtures.rep.email}, the east rep with the most deals (${fixtures.rep.deals})`);

  const routes: Record<string, FloorRoute> = {};
  for (const scenario of scenarios) {
    const viewerId = viewerIds.get(scenario.as(fixtures).email) as string;
    routes[`/${scenario.key}`] = { sql: scenario.floor.sql, params: scenario.floor.params(fixtures, viewerId) };
  }
  const pool = settings.poolMax === undefined ? {} : { BENCH_POOL_MAX: String(settings.poolMax) };
  const api = await startChild(path.join(__dirname, 'api-process.js'), { ...pool, BENCH_API_DATABASE_URL: databaseUrl, BENCH_API_JWT_SECRET: randomBytes(32).toString('base64url') }, 'the API');
  let floorServer: ChildServer | undefined;
  try {
    floorServer = await startChild(path.join(__dirname, 'floor-server.js'), { ...pool, BENCH_FLOOR_DATABASE_URL: databaseUrl, BENCH_FLOOR_ROUTES: JSON.stringify(routes) }, 'the floor server');
    const floor = floorServer;
    console.log(`API: pid ${api.pid}, ${mib(readMemory(api.pid).rss)} at rest; floor server: pid ${floor.pid}, ${mib(readMemory(floor.pid).rss)} at rest`);
    const apiUrl = `${api.url}/graphql`;
    const tokens = new Map<string, string>();
    const results: Compared[] = [];
    for (const scenario of scenarios) {
      const as = scenario.as(fixtures);
      console.log(`\n== ${scenario.name} (${scenario.key}), as ${as.email} (${as.role})`);
      if (!tokens.has(as.email)) tokens.set(as.email, await signIn(apiUrl, as.email));
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(as.email) as string}` };
      const body = JSON.stringify({ query: scenario.query, variables: scenario.variables });
      const floorUrl = `${floor.url}/${scenario.key}`;

      // The same answer, or nothing is measured.
      const apiAnswer = JSON.parse(await post(apiUrl, body, headers)) as { data?: Record<string, unknown>; errors?: unknown[] };
      if (apiAnswer.errors !== undefined) throw new Error(`${scenario.key}: the API answered with errors: ${JSON.stringify(apiAnswer.errors).slice(0, 1000)}`);
      const floorAnswer = JSON.parse(await post(floorUrl, '{}')) as unknown;
      const difference = firstDifference(apiAnswer, floorAnswer);
      if (difference !== null) throw new Error(`${scenario.key}: the floor's answer differs from the API's at ${difference}`);
      const answer = scenario.describe(apiAnswer.data as Record<string, unknown>);
      console.log(`answer (API and floor alike): ${answer}`);

      const apiRequest: LoadRequest = { url: apiUrl, headers, body, connections: settings.connections, durationMs: settings.durationSeconds * 1000 };
      const floorRequest: LoadRequest = { url: floorUrl, headers: { 'content-type': 'application/json' }, body: '{}', connections: settings.connections, durationMs: settings.durationSeconds * 1000 };
      for (const [request, what] of [[apiRequest, 'API'], [floorRequest, 'floor']] as const) {
        const warmup = await runLoad({ ...request, durationMs: settings.warmupSeconds * 1000 });
        if (warmup.firstFailure !== null) throw new Error(`${scenario.key}: the ${what}'s response failed during warm-up: ${warmup.firstFailure}`);
      }
      const rounds = { api: [] as Round[], floor: [] as Round[] };
      for (let round = 1; round <= settings.rounds; round += 1) {
        const a = await measureRound(api, apiRequest, `${scenario.key} API`);
        const f = await measureRound(floor, floorRequest, `${scenario.key} floor`);
        rounds.api.push(a);
        rounds.floor.push(f);
        console.log(
          `round ${round}: API ${rate(a.perSecond)}/s p50 ${ms(a.p50)} p99 ${ms(a.p99)} RSS ≤ ${mib(Math.max(...a.rss))}; ` +
            `floor ${rate(f.perSecond)}/s p50 ${ms(f.p50)} p99 ${ms(f.p99)} RSS ≤ ${mib(Math.max(...f.rss))}`,
        );
      }
      const compared: Compared = { scenario, as, answer, api: summarize(rounds.api, api), floor: summarize(rounds.floor, floor) };
      results.push(compared);
      const { api: a, floor: f } = compared;
      console.log(
        `median of ${settings.rounds} rounds: API ${rate(a.perSecond)}/s, p50 ${ms(a.p50)}, p99 ${ms(a.p99)}; floor ${rate(f.perSecond)}/s, p50 ${ms(f.p50)}, p99 ${ms(f.p99)}; ` +
          `API ÷ floor: requests/s ${ratio(a.perSecond / f.perSecond)}, p50 ${ratio(a.p50 / f.p50)}, p99 ${ratio(a.p99 / f.p99)}`,
      );
      console.log(`RSS under load: API median ${mib(a.rss.median)}, max ${mib(a.rss.max)} (peak so far ${mib(a.rss.peak)}); floor median ${mib(f.rss.median)}, max ${mib(f.rss.max)} (peak ${mib(f.rss.peak)})`);
      if (a.errors + f.errors > 0) console.log(`requests without an answer: API ${a.errors}, floor ${f.errors}`);
    }
    printTable(results, settings);
  } finally {
    await floorServer?.stop();
    await api.stop();
  }
}

function printTable(results: readonly Compared[], settings: FloorSettings): void {
  console.log(`\n| scenario (${settings.connections} clients, median of ${settings.rounds} interleaved rounds of ${settings.durationSeconds} s) | API requests/s | floor requests/s | API ÷ floor | API p50 | floor p50 | API ÷ floor | API p99 | floor p99 | API ÷ floor |`);
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const { scenario, answer, api: a, floor: f } of results) {
    console.log(
      `| ${scenario.key}: ${answer} | ${rate(a.perSecond)} | ${rate(f.perSecond)} | ${ratio(a.perSecond / f.perSecond)} | ${ms(a.p50)} | ${ms(f.p50)} | ${ratio(a.p50 / f.p50)} | ${ms(a.p99)} | ${ms(f.p99)} | ${ratio(a.p99 / f.p99)} |`,
    );
  }
  console.log(`\n| scenario | API RSS under load: median (max) | API peak (VmHWM) | floor RSS: median (max) | floor peak (VmHWM) |`);
  console.log('|---|---|---|---|---|');
  for (const { scenario, api: a, floor: f } of results) {
    console.log(`| ${scenario.key} | ${mib(a.rss.median)} (${mib(a.rss.max)}) | ${mib(a.rss.peak)} | ${mib(f.rss.median)} (${mib(f.rss.max)}) | ${mib(f.rss.peak)} |`);
  }
}
