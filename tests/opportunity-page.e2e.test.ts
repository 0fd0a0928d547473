import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people } from './fixtures/demo-people';
import { BENCH_OPPORTUNITIES } from './graphql/bench.documents';
import { createTestApp, type TestApp } from './support/test-app';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
});

afterAll(async () => {
  await app.close();
});

/**
 * The benchmark's query (README, Performance): a regional director's opportunities by amount with customer, owner
 * and the current quote's lines and products. Its SQL statement count, authentication included, must not grow
 * with the page and must stay within 6: sign-in (1), the page (1), customers (1), owners (1), quote lines (1),
 * products (1).
 */
describe('the director’s page of opportunities by amount', () => {
  it('runs the same six statements for a page of 2 and a page of 7, authentication included', async () => {
    const auth = { token: await app.tokenFor(people.eastDirector.email) };
    const counts: number[] = [];
    for (const first of [2, 7]) {
      app.resetQueries();
      const response = await app.gql(BENCH_OPPORTUNITIES, { first }, auth);
      expect(response.errors).toBeUndefined();
      expect(response.data?.opportunities.nodes).toHaveLength(first);
      counts.push(app.queries.length);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[1]).toBeLessThanOrEqual(6);
  });

  it('orders by amount and carries the current quote’s lines', async () => {
    const response = await app.gql(BENCH_OPPORTUNITIES, { first: 7 }, { token: await app.tokenFor(people.eastDirector.email) });
    const nodes = response.data!.opportunities.nodes;
    const amounts = nodes.map((node) => Number(node.amount));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const sensors = nodes.find((node) => node.name === '宝钢精密 2027 年度传感器框架');
    expect(sensors?.customer).toEqual({ name: '上海宝钢精密机械有限公司', tier: 'A' });
    expect(sensors?.quoteLines?.map((line) => line.quantity)).toEqual([400, 60]);
    expect(sensors?.quoteLines?.[0].product?.name).toBe('PT100 温度传感器 03 型');
  });
});
