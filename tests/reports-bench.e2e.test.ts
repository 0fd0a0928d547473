import pg from 'pg';
import { WHO_IS_LATE_FLOOR_SQL } from './bench/reports.bench';
import { people, units, userId, type PersonName } from './fixtures/demo-people';
import { BENCH_WHO_IS_LATE } from './graphql/bench.documents';
import { REPORT_DEADLINES } from './graphql/reports.documents';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * The bench's "who is late" scenarios (tests/bench/opportunities.bench.ts: `who-late-team`, `who-late-region`) on the
 * demo year's November reports: the API's answer is the floor statement's, and one request costs the same number of
 * SQL statements for a team and for a region — sign-in plus one.
 */
let app: TestApp;
let client: pg.Client;
const NOVEMBER = { kind: 'DAILY' as const, from: '2026-11-01', to: '2026-11-30' };

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

it.each([
  ['a team manager, his team', 'shanghai1Manager', units.shanghai1],
  ['a director, his region', 'eastDirector', units.east],
] as const)('%s: the floor’s rows, in one statement besides sign-in', async (_label, person, unit) => {
  const auth = await as(person);
  const response = await app.gql(BENCH_WHO_IS_LATE, { ...NOVEMBER, orgUnitId: null }, auth);
  expect(response.errors).toBeUndefined();
  const rows = response.data!.reportCompliance;
  const floor = await client.query<{ user_id: string; period_start: string; compliance: string }>(WHO_IS_LATE_FLOOR_SQL, [
    unit,
    userId(people[person]),
    NOVEMBER.kind,
    NOVEMBER.from,
    NOVEMBER.to,
    'Asia/Shanghai',
  ]);
  expect(rows.map((row) => [row.userId, row.periodStart, row.compliance])).toEqual(floor.rows.map((row) => [row.user_id, row.period_start, row.compliance]));
  expect(rows.length).toBeGreaterThan(0);
  const baseline = await statementsOf(() => app.gql(REPORT_DEADLINES, {}, auth));
  expect(await statementsOf(() => app.gql(BENCH_WHO_IS_LATE, { ...NOVEMBER, orgUnitId: null }, auth))).toBe(baseline);
  expect(await statementsOf(() => app.gql(BENCH_WHO_IS_LATE, { ...NOVEMBER, orgUnitId: units.shanghai1 }, auth))).toBe(baseline);
});
