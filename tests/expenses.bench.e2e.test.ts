import { people, units } from './fixtures/demo-people';
import { BENCH_EXPENSE_MONTH } from './graphql/bench.documents';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The benchmark's "a month of claims per region" (tests/bench/README.md) on the demo year and its demo expenses: budget
 * usage and the cost analysis cost the same SQL statements for a team, a region and the whole company, whatever the
 * claims, lines and booked sales behind them.
 */
let app: TestApp;
let month: { start: string; end: string };

beforeAll(async () => {
  app = await createTestApp({}, { demoYear: true });
  const [row] = await app.orm.em.fork().getConnection().execute<{ start: string; end: string }[]>(
    `select (date_trunc('month', current_date) - interval '1 month')::date::text as start, (date_trunc('month', current_date) - interval '1 day')::date::text as "end"`,
  );
  month = row;
});

afterAll(async () => {
  await app?.close();
});

async function statementsOf(run: () => Promise<{ errors?: unknown; data?: unknown }>): Promise<{ statements: number; data: unknown }> {
  app.resetQueries();
  const response = await run();
  expect(response.errors).toBeUndefined();
  return { statements: app.queries.length, data: response.data };
}

it('a month of claims: the same statements for a team, the region and the company', async () => {
  const director = { token: await app.tokenFor(people.eastDirector.email) };
  const finance = { token: await app.tokenFor(people.finance.email) };
  const vars = (budgetUnitId: string | null, unitId: string | null) => ({ budgetUnitId, unitId, month: month.start, from: month.start, to: month.end });
  const team = await statementsOf(() => app.gql(BENCH_EXPENSE_MONTH, vars(units.shanghai1, units.shanghai1), director));
  const region = await statementsOf(() => app.gql(BENCH_EXPENSE_MONTH, vars(null, units.east), director));
  const company = await statementsOf(() => app.gql(BENCH_EXPENSE_MONTH, vars(null, null), finance));
  // The viewer (one statement), then one statement for the usage and one for the cost analysis.
  expect([team.statements, region.statements, company.statements]).toEqual([3, 3, 3]);
  const regionData = region.data as { expenseBudgetUsage: unknown[]; expenseCostAnalysis: { level: string; expenses: string; bookedSales: string }[] };
  // 华东: the region and its 3 teams, 7 categories each.
  expect(regionData.expenseBudgetUsage).toHaveLength(28);
  const regionRow = regionData.expenseCostAnalysis.find((row) => row.level === 'REGION')!;
  expect(Number(regionRow.expenses)).toBeGreaterThan(0);
  expect(Number(regionRow.bookedSales)).toBeGreaterThan(0);
  const companyData = company.data as { expenseBudgetUsage: unknown[] };
  expect(companyData.expenseBudgetUsage).toHaveLength(77);
});
