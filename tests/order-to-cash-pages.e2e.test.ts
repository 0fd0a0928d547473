import { seedDemoOrdersIfEmpty } from '../seeds/demo-orders.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people } from './fixtures/demo-people';
import { BENCH_BATCH_TRACE, BENCH_CONTRACTS, BENCH_ORDERS, BENCH_RECEIVABLES_AGING } from './graphql/bench.documents';
import { createTestApp, type TestApp } from './support/test-app';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  if (!(await seedDemoOrdersIfEmpty(app.orm, app.config))) throw new Error('the demo order-to-cash data was not seeded');
});

afterAll(async () => {
  await app.close();
});

/** SQL statements of one request, authentication included. */
async function statementsOf(run: () => Promise<{ errors?: unknown }>): Promise<number> {
  app.resetQueries();
  const response = await run();
  expect(response.errors).toBeUndefined();
  return app.queries.length;
}

/**
 * The benchmark's order-to-cash queries (tests/bench/README.md) on the demo data: their SQL statement counts must
 * not grow with the page or the rows behind it.
 */
describe('the benchmark’s order-to-cash pages', () => {
  it('the director’s orders with customer, owner, lines, products, shipments and batches: eight statements, however many orders', async () => {
    const auth = { token: await app.tokenFor(people.eastDirector.email) };
    const page = await app.gql(BENCH_ORDERS, { first: 4 }, auth);
    const nodes = page.data!.orders.nodes;
    expect(nodes).toHaveLength(4);
    // Without a shipment on the page there are no shipment lines to read: the smaller page ends at the first shipped order.
    const firstShipped = nodes.findIndex((order) => order.shipments.some((shipment) => shipment.lines.length > 0));
    expect(firstShipped).toBeGreaterThanOrEqual(0);
    expect(firstShipped).toBeLessThan(3);
    const counts: number[] = [];
    for (const first of [firstShipped + 1, 4]) {
      counts.push(await statementsOf(() => app.gql(BENCH_ORDERS, { first }, auth)));
    }
    expect(counts).toEqual([8, 8]);
  });

  it('the director’s contracts by end date with lines, products and approvers: six statements for a page of 1 and of 4', async () => {
    const auth = { token: await app.tokenFor(people.eastDirector.email) };
    const counts: number[] = [];
    for (const first of [1, 4]) {
      counts.push(await statementsOf(() => app.gql(BENCH_CONTRACTS, { first }, auth)));
    }
    const page = await app.gql(BENCH_CONTRACTS, { first: 4 }, auth);
    const nodes = page.data!.contracts.nodes;
    expect(nodes).toHaveLength(4);
    expect(nodes[0].approvalSteps.length).toBeGreaterThan(0);
    expect(nodes.map((contract) => contract.endDate)).toEqual(nodes.map((contract) => contract.endDate).sort());
    expect(nodes.some((contract) => contract.approvalSteps.some((step) => step.approver !== null))).toBe(true);
    expect(counts).toEqual([6, 6]);
  });

  it('receivables aging is one statement after sign-in, by owner, customer and region', async () => {
    const director = { token: await app.tokenFor(people.eastDirector.email) };
    const finance = { token: await app.tokenFor(people.finance.email) };
    expect(await statementsOf(() => app.gql(BENCH_RECEIVABLES_AGING, { groupBy: 'OWNER' }, director))).toBe(2);
    expect(await statementsOf(() => app.gql(BENCH_RECEIVABLES_AGING, { groupBy: 'CUSTOMER' }, director))).toBe(2);
    expect(await statementsOf(() => app.gql(BENCH_RECEIVABLES_AGING, { groupBy: 'REGION' }, finance))).toBe(2);
  });

  it('a batch trace runs the same five statements for a batch in one shipment line and for one in several', async () => {
    const auth = { token: await app.tokenFor(people.techSupport.email) };
    const [small, large] = await app.orm.em
      .fork()
      .getConnection()
      .execute<{ batch_number: string; lines: number }[]>(
        `(select batch_number, count(*)::int as lines from shipment_line group by batch_number order by count(*), batch_number limit 1)
         union all
         (select batch_number, count(*)::int as lines from shipment_line group by batch_number order by count(*) desc, batch_number limit 1)`,
      );
    expect(large.lines).toBeGreaterThan(small.lines);
    const counts: number[] = [];
    for (const batch of [small, large]) {
      counts.push(await statementsOf(() => app.gql(BENCH_BATCH_TRACE, { batchNumber: batch.batch_number }, auth)));
    }
    const trace = await app.gql(BENCH_BATCH_TRACE, { batchNumber: large.batch_number }, auth);
    expect(trace.data?.batchTrace.lines).toHaveLength(large.lines);
    // Sign-in, the lines with their shipments, the orders, the customers, the products.
    expect(counts).toEqual([5, 5]);
  });
});

describe('GraphQL responses', () => {
  it('are marked never to be stored by a cache, with or without errors', async () => {
    const token = await app.tokenFor(people.eastDirector.email);
    const answered = await app.request.post('/graphql').set('authorization', `Bearer ${token}`).send({ query: '{ __typename }' });
    expect(answered.status).toBe(200);
    expect(answered.headers['cache-control']).toBe('no-store');
    const refused = await app.request.post('/graphql').send({ query: '{ receivablesAging(groupBy: OWNER) { asOf } }' });
    expect(refused.body.errors).toBeDefined();
    expect(refused.headers['cache-control']).toBe('no-store');
  });
});
