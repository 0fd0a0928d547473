import pg from 'pg';
import { FORECAST_FLOOR_SQL, FUNNEL_FLOOR_SQL } from './bench/forecasts.bench';
import { people, units, type PersonName } from './fixtures/demo-people';
import { BENCH_FORECAST_ROLLUP, BENCH_FUNNEL } from './graphql/bench.documents';
import { REPORT_DEADLINES } from './graphql/reports.documents';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * The bench's `funnel` and `forecast-rollup` scenarios on the demo year: the API's answer is the floor statement's,
 * and a request costs the same number of SQL statements for a team and for the company — sign-in plus one for the
 * funnel, sign-in plus two for the roll-up (the subject's name, then the roll-up).
 */
let app: TestApp;
let client: pg.Client;

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

const PERIOD = { from: '2026-01-01', to: '2026-11-30' };

it('the company funnel: the floor’s stages, outcomes and cohort, in one statement besides sign-in', async () => {
  const auth = await as('vp');
  const funnel = (await app.gql(BENCH_FUNNEL, PERIOD, auth)).data!.pipelineFunnel;
  const floor = await client.query<{ stage: string; count: number; amount: string; weighted: string; cohort: number }>(FUNNEL_FLOOR_SQL, [PERIOD.from, PERIOD.to]);
  const byStage = new Map(floor.rows.map((row) => [row.stage, row]));
  for (const stage of funnel.stages.filter((s) => s.count > 0)) {
    const row = byStage.get(stage.stage)!;
    expect([stage.count, Number(stage.amount), Number(stage.weightedAmount)]).toEqual([row.count, Number(row.amount), Number(row.weighted)]);
  }
  expect(funnel.won.count).toBe(byStage.get('WON')?.count ?? 0);
  expect(funnel.lost.count).toBe(byStage.get('LOST')?.count ?? 0);
  expect(funnel.cohortSize).toBe(floor.rows[0]!.cohort);
  const baseline = await statementsOf(() => app.gql(REPORT_DEADLINES, {}, auth));
  expect(await statementsOf(() => app.gql(BENCH_FUNNEL, PERIOD, auth))).toBe(baseline);
  expect(await statementsOf(() => app.gql(BENCH_FUNNEL, { ...PERIOD, orgUnitId: units.shanghai1 }, auth))).toBe(baseline);
});

it('the company forecast roll-up: the floor’s months, in two statements besides sign-in, for a team as for the company', async () => {
  const auth = await as('vp');
  const rollup = (await app.gql(BENCH_FORECAST_ROLLUP, { orgUnitId: units.company, from: '2026-01-01', months: 12 }, auth)).data!.forecastRollup;
  const floor = await client.query<{ month: string; commit: string; submitted_commit: string; actual: string | null; target: string | null }>(FORECAST_FLOOR_SQL, ['2026-01-01', 12]);
  const number = (value: string | null) => (value === null ? null : Number(value));
  expect(rollup.rows.map((row) => [row.month, number(row.commit), number(row.submittedCommit), number(row.actual), number(row.target)])).toEqual(
    floor.rows.map((row) => [row.month, number(row.commit), number(row.submitted_commit), number(row.actual), number(row.target)]),
  );
  expect(rollup.rows.some((row) => row.adjustments > 0)).toBe(true);
  const baseline = await statementsOf(() => app.gql(REPORT_DEADLINES, {}, auth));
  expect(await statementsOf(() => app.gql(BENCH_FORECAST_ROLLUP, { orgUnitId: units.company, from: '2026-01-01', months: 12 }, auth))).toBe(baseline + 1);
  expect(await statementsOf(() => app.gql(BENCH_FORECAST_ROLLUP, { orgUnitId: units.shanghai1, from: '2026-09-01', months: 3 }, auth))).toBe(baseline + 1);
});
