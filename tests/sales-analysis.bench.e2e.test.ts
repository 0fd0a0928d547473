import pg from 'pg';
import { SALES_BY_REGION_LINE_FLOOR_SQL, SALES_BY_TEAM_MONTH_FLOOR_SQL } from './bench/sales.bench';
import { people, units, type PersonName } from './fixtures/demo-people';
import { BENCH_SALES_BY_REGION_LINE, BENCH_SALES_BY_TEAM_MONTH } from './graphql/analytics.documents';
import { REPORT_DEADLINES } from './graphql/reports.documents';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * The bench's sales scenarios (tests/bench/opportunities.bench.ts: `sales-team-month`, `sales-region-line`) on the
 * demo year: the API's rows are the floor statement's, row by row, and one request costs the same number of SQL
 * statements for a month and for the year, for a team and for the company — sign-in plus one.
 */
let app: TestApp;
let client: pg.Client;
const YEAR = { from: '2026-01-01', to: '2026-12-31' };

beforeAll(async () => {
  app = await createTestApp({}, { demoYear: true });
  client = new pg.Client({ connectionString: app.config.databaseUrl });
  await client.connect();
}, 120_000);

afterAll(async () => {
  await client.end();
  await app.close();
});

async function as(person: PersonName): Promise<Auth> {
  return { token: await app.tokenFor(people[person].email) };
}

async function statementsOf(run: () => Promise<{ errors?: unknown }>): Promise<number> {
  app.resetQueries();
  const response = await run();
  expect(response.errors).toBeUndefined();
  return app.queries.length;
}

const money = (value: unknown) => Number(value).toFixed(2);

it('a director’s sales by team × month: the floor’s rows, in one statement besides sign-in', async () => {
  const auth = await as('eastDirector');
  const response = await app.gql(BENCH_SALES_BY_TEAM_MONTH, YEAR, auth);
  expect(response.errors).toBeUndefined();
  const rows = response.data!.salesAnalysis.rows;
  const floor = await client.query(SALES_BY_TEAM_MONTH_FLOOR_SQL, [units.east, YEAR.from, YEAR.to]);
  expect(rows.length).toBeGreaterThan(20);
  const key = (period: unknown, team: unknown) => `${String(period)}|${String(team)}`;
  expect(new Map(rows.map((row) => [key(row.period, row.teamId), [money(row.bookedAmount), money(row.quantity), row.orderCount, money(row.margin)]]))).toEqual(
    new Map(floor.rows.map((row) => [key(row.period, row.team_id), [money(row.booked_amount), money(row.quantity), Number(row.order_count), money(row.margin)]])),
  );
  const baseline = await statementsOf(() => app.gql(REPORT_DEADLINES, {}, auth));
  expect(await statementsOf(() => app.gql(BENCH_SALES_BY_TEAM_MONTH, { from: '2026-01-01', to: '2026-01-31' }, auth))).toBe(baseline);
  expect(await statementsOf(() => app.gql(BENCH_SALES_BY_TEAM_MONTH, YEAR, auth))).toBe(baseline);
});

it('finance’s sales by region × product line: the floor’s rows, in one statement besides sign-in', async () => {
  const auth = await as('finance');
  const response = await app.gql(BENCH_SALES_BY_REGION_LINE, { ...YEAR, orgUnitId: null }, auth);
  expect(response.errors).toBeUndefined();
  const rows = response.data!.salesAnalysis.rows;
  const floor = await client.query(SALES_BY_REGION_LINE_FLOOR_SQL, [YEAR.from, YEAR.to]);
  expect(rows.length).toBeGreaterThan(5);
  const key = (region: unknown, line: unknown) => `${String(region)}|${String(line)}`;
  const api = new Map(rows.map((row) => [key(row.regionId, row.productLineId), [money(row.bookedAmount), money(row.quantity), row.orderCount, money(row.margin)]]));
  const expected = new Map(floor.rows.map((row) => [key(row.region_id, row.product_line_id), [money(row.booked_amount), money(row.quantity), Number(row.order_count), money(row.margin)]]));
  expect(api).toEqual(expected);
  const baseline = await statementsOf(() => app.gql(REPORT_DEADLINES, {}, auth));
  expect(await statementsOf(() => app.gql(BENCH_SALES_BY_REGION_LINE, { ...YEAR, orgUnitId: units.shanghai1 }, auth))).toBe(baseline);
  expect(await statementsOf(() => app.gql(BENCH_SALES_BY_REGION_LINE, { ...YEAR, orgUnitId: null }, auth))).toBe(baseline);
});
