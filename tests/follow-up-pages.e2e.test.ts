import { seedDemoFollowUpIfEmpty } from '../seeds/demo-follow-up.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people } from './fixtures/demo-people';
import { CUSTOMERS_FOLLOW_UP_STATUS, OPPORTUNITIES_WITH_FOLLOW_UPS, VISIT_PLANS, VISITS_WITH_CHECK_INS } from './graphql/follow-up.documents';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * The follow-up fields are batched: a page's statement count, sign-in included, is the same for a page of 2 and a
 * page of 7, and within the bound stated per page (one statement per batched field, plus sign-in and the page).
 */
let app: TestApp;
let auth: Auth;

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  await seedDemoFollowUpIfEmpty(app.orm, app.config);
  auth = { token: await app.tokenFor(people.vp.email) };
}, 120_000);

afterAll(() => app.close());

async function statementsFor(run: (first: number) => Promise<{ errors?: unknown; rows: number }>): Promise<number[]> {
  const counts: number[] = [];
  for (const first of [2, 7]) {
    app.resetQueries();
    const result = await run(first);
    expect(result.errors).toBeUndefined();
    expect(result.rows).toBe(first);
    counts.push(app.queries.length);
  }
  return counts;
}

it('customers with coordinates and follow-up status: 3 statements (sign-in, page, status)', async () => {
  const counts = await statementsFor(async (first) => {
    const response = await app.gql(CUSTOMERS_FOLLOW_UP_STATUS, { first }, auth);
    return { errors: response.errors, rows: response.data!.customers.nodes.length };
  });
  expect(counts).toEqual([3, 3]);
});

it('opportunities with their newest follow-ups and authors: 4 statements (sign-in, page, follow-ups, authors)', async () => {
  const counts = await statementsFor(async (first) => {
    const response = await app.gql(OPPORTUNITIES_WITH_FOLLOW_UPS, { first }, auth);
    return { errors: response.errors, rows: response.data!.opportunities.nodes.length };
  });
  expect(counts).toEqual([4, 4]);
});

it('visits with their check-ins and plans: 6 statements (sign-in, page, customers, visitors, check-ins, plans)', async () => {
  const counts = await statementsFor(async (first) => {
    const response = await app.gql(VISITS_WITH_CHECK_INS, { first }, auth);
    return { errors: response.errors, rows: response.data!.visits.nodes.length };
  });
  expect(counts).toEqual([6, 6]);
});

it('visit plans with customer, planner, visit and next plan: 7 statements (sign-in, page, count and four batches)', async () => {
  const counts = await statementsFor(async (first) => {
    const response = await app.gql(VISIT_PLANS, { first, filter: { statuses: ['DONE', 'PLANNED', 'MISSED', 'CANCELLED'] } }, auth);
    return { errors: response.errors, rows: response.data!.visitPlans.nodes.length };
  });
  expect(counts).toEqual([7, 7]);
});
