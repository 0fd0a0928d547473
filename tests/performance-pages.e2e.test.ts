import Decimal from 'decimal.js';
import { DEMO_PERFORMANCE_YEAR } from '../seeds/demo-performance.data';
import { people, units } from './fixtures/demo-people';
import { BENCH_ACHIEVEMENT, BENCH_COMMISSION_RUN, BENCH_LEADERBOARD } from './graphql/bench.documents';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The benchmark's performance-assessment queries (tests/bench/README.md) on the demo year: their SQL statement counts
 * must not grow with the scope, the number of people or the rows behind them.
 */
let app: TestApp;
const YEAR = `${DEMO_PERFORMANCE_YEAR}-01-01`;
const MONTH = `${DEMO_PERFORMANCE_YEAR}-10-01`;

beforeAll(async () => {
  app = await createTestApp({}, { demoYear: true });
});

afterAll(async () => {
  await app?.close();
});

/** SQL statements of one request, authentication included. */
async function statementsOf(run: () => Promise<{ errors?: unknown }>): Promise<number> {
  app.resetQueries();
  const response = await run();
  expect(response.errors).toBeUndefined();
  return app.queries.length;
}

describe('the benchmark’s performance-assessment queries', () => {
  it('company achievement by region → team → rep: two statements for one team a level down and for the company three levels down', async () => {
    const auth = { token: await app.tokenFor(people.vp.email) };
    const team = await app.gql(BENCH_ACHIEVEMENT, { orgUnitId: units.shanghai1, start: YEAR, depth: 1 }, auth);
    const company = await app.gql(BENCH_ACHIEVEMENT, { orgUnitId: units.company, start: YEAR, depth: 3 }, auth);
    const teamRows = team.data!.performanceBreakdown.rows;
    const companyRows = company.data!.performanceBreakdown.rows;
    expect(companyRows.length).toBeGreaterThan(teamRows.length * 3);
    expect(new Set(companyRows.map((row) => row.level))).toEqual(new Set([0, 1, 2, 3]));
    // Real figures behind it: the company against its target, and its people add up to it.
    const [root] = companyRows;
    expect(root.orgUnitId).toBe(units.company);
    expect(new Decimal(root.actual).greaterThan(0)).toBe(true);
    expect(root.target).not.toBeNull();
    const persons = companyRows.filter((row) => row.userId !== null);
    expect(persons.reduce((sum, row) => sum.plus(row.actual), new Decimal(0)).toFixed(2)).toBe(new Decimal(root.actual).toFixed(2));

    const counts = [
      await statementsOf(() => app.gql(BENCH_ACHIEVEMENT, { orgUnitId: units.shanghai1, start: YEAR, depth: 1 }, auth)),
      await statementsOf(() => app.gql(BENCH_ACHIEVEMENT, { orgUnitId: units.company, start: YEAR, depth: 3 }, auth)),
    ];
    expect(counts).toEqual([2, 2]);
  });

  it('the director’s leaderboard: two statements for a team and for his region', async () => {
    const auth = { token: await app.tokenFor(people.eastDirector.email) };
    const team = await app.gql(BENCH_LEADERBOARD, { scope: units.shanghai1, start: YEAR }, auth);
    const region = await app.gql(BENCH_LEADERBOARD, { scope: null, start: YEAR }, auth);
    expect(region.data!.leaderboard.orgUnitId).toBe(units.east);
    const entries = region.data!.leaderboard.entries;
    expect(entries.length).toBeGreaterThan(team.data!.leaderboard.entries.length);
    expect(entries[0].rank).toBe(1);
    expect(entries.every((entry) => entry.achievementRate !== null && entry.actual !== null)).toBe(true);

    const counts = [
      await statementsOf(() => app.gql(BENCH_LEADERBOARD, { scope: units.shanghai1, start: YEAR }, auth)),
      await statementsOf(() => app.gql(BENCH_LEADERBOARD, { scope: null, start: YEAR }, auth)),
    ];
    expect(counts).toEqual([2, 2]);
  });

  it('a month’s commission run: the same statements for one team and for every rep of the company', async () => {
    const auth = { token: await app.tokenFor(people.finance.email) };
    const team = await app.gql(BENCH_COMMISSION_RUN, { orgUnitId: units.shanghai1, period: MONTH }, auth);
    const company = await app.gql(BENCH_COMMISSION_RUN, { orgUnitId: units.company, period: MONTH }, auth);
    const teamStatements = team.data!.runCommissions;
    const companyStatements = company.data!.runCommissions;
    expect(teamStatements.length).toBeGreaterThan(0);
    expect(companyStatements.length).toBeGreaterThan(teamStatements.length * 3);
    expect(companyStatements.some((statement) => new Decimal(statement.totalCommission ?? 0).greaterThan(0))).toBe(true);

    const counts = [
      await statementsOf(() => app.gql(BENCH_COMMISSION_RUN, { orgUnitId: units.shanghai1, period: MONTH }, auth)),
      await statementsOf(() => app.gql(BENCH_COMMISSION_RUN, { orgUnitId: units.company, period: MONTH }, auth)),
      // All reps without a unit: the same, but for looking the unit up.
      await statementsOf(() => app.gql(BENCH_COMMISSION_RUN, { orgUnitId: null, period: MONTH }, auth)),
    ];
    expect(counts).toEqual([14, 14, 13]);
  });
});
