import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { SET_TARGETS } from './graphql/targets.documents';
import {
  ADD_PLAN_ACTION,
  COMMENT_ON_SALES_PLAN,
  COMPLETE_PLAN_ACTION,
  CREATE_SALES_PLAN,
  SALES_PLAN,
  SALES_PLANS,
  UPDATE_SALES_PLAN,
} from './graphql/sales-plans.documents';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * A rep's plan for March 2025 against his targets (M4, M6): key customers and expected deals he may see, dated actions,
 * his manager's comment, and progress from sales_performance_fact against a hand-made month: 2 visits against a target
 * of 4, no booked-sales target.
 */
let app: TestApp;
const rep = userId(people.shanghai1Rep);
let ownCustomers: string[];
let ownDeals: string[];
let farCustomer: string;

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  const em = app.orm.em.fork();
  ownCustomers = (await em.execute<{ id: string }[]>('select id from customer where owner_id = ? order by id', [rep])).map((row) => row.id);
  ownDeals = (await em.execute<{ id: string }[]>('select id from opportunity where owner_id = ? order by id', [rep])).map((row) => row.id);
  farCustomer = (await em.execute<{ id: string }[]>('select id from customer where owner_id = ? limit 1', [userId(people.northRep)]))[0].id;
  for (const day of ['2025-03-03', '2025-03-17']) {
    await em.execute(`insert into visit (id, customer_id, visited_by_id, visited_on, purpose) values (gen_random_uuid(), ?, ?, ?, '拜访')`, [ownCustomers[0], rep, day]);
  }
  const target = await app.gql(
    SET_TARGETS,
    { input: { metric: 'VISITS', targets: [{ userId: rep, periodKind: 'MONTH', periodStart: '2025-03-01', value: '4' }] } },
    await as('shanghai1Manager'),
  );
  expect(target.errors).toBeUndefined();
}, 120_000);

afterAll(async () => {
  await app.close();
});

async function as(person: PersonName): Promise<Auth> {
  return { token: await app.tokenFor(people[person].email) };
}

function reasonOf(response: GraphQLResponse<unknown>): unknown {
  return response.errors?.[0]?.extensions?.reason ?? response.errors?.[0]?.extensions?.code;
}

it('a rep plans his month, works it, his manager comments, and progress shows actual against target', async () => {
  expect(ownCustomers.length).toBeGreaterThan(0);
  expect(ownDeals.length).toBeGreaterThan(0);
  const created = await app.gql(
    CREATE_SALES_PLAN,
    { input: { periodKind: 'MONTH', periodStart: '2025-03-01', summary: '深耕宝钢，拓展汽车零部件客户', keyCustomerIds: ownCustomers, opportunityIds: ownDeals.slice(0, 1) } },
    await as('shanghai1Rep'),
  );
  expect(created.errors).toBeUndefined();
  const plan = created.data!.createSalesPlan;
  expect(plan).toMatchObject({ periodEnd: '2025-03-31', user: { name: people.shanghai1Rep.name } });
  expect(plan.keyCustomers.map((customer) => customer.id).sort()).toEqual([...ownCustomers].sort());
  expect(plan.expectedDeals.map((deal) => deal.id)).toEqual(ownDeals.slice(0, 1));

  const again = await app.gql(CREATE_SALES_PLAN, { input: { periodKind: 'MONTH', periodStart: '2025-03-01' } }, await as('shanghai1Rep'));
  expect(reasonOf(again)).toBe('PLAN_EXISTS');
  const outside = await app.gql(UPDATE_SALES_PLAN, { id: plan.id, version: plan.version, input: { keyCustomerIds: [farCustomer] } }, await as('shanghai1Rep'));
  expect({ reason: reasonOf(outside), fields: (outside.errors?.[0]?.extensions?.fields as { path: string }[]).map((field) => field.path) }).toEqual({
    reason: 'NOT_IN_PLAN_SCOPE',
    fields: ['input.keyCustomerIds'],
  });

  const first = await app.gql(ADD_PLAN_ACTION, { planId: plan.id, input: { title: '拜访宝钢采购部', dueOn: '2025-03-10' } }, await as('shanghai1Rep'));
  await app.gql(ADD_PLAN_ACTION, { planId: plan.id, input: { title: '提交汽车零部件方案', dueOn: '2025-03-25' } }, await as('shanghai1Manager'));
  const done = await app.gql(COMPLETE_PLAN_ACTION, { id: first.data!.addPlanAction.id }, await as('shanghai1Rep'));
  expect(done.data!.completePlanAction).toMatchObject({ doneBy: { name: people.shanghai1Rep.name } });
  expect(done.data!.completePlanAction.doneAt).not.toBeNull();

  const byRep = await app.gql(COMMENT_ON_SALES_PLAN, { planId: plan.id, comment: '自评' }, await as('shanghai1Rep'));
  expect(byRep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const byOtherManager = await app.gql(COMMENT_ON_SALES_PLAN, { planId: plan.id, comment: '路过' }, await as('shanghai2Manager'));
  expect(reasonOf(byOtherManager)).toBe('PLAN_NOT_FOUND');
  const comment = await app.gql(COMMENT_ON_SALES_PLAN, { planId: plan.id, comment: '重点跟进宝钢，月底前报价' }, await as('shanghai1Manager'));
  expect(comment.data!.commentOnSalesPlan).toEqual({ body: '重点跟进宝钢，月底前报价', author: { name: people.shanghai1Manager.name } });

  const read = (await app.gql(SALES_PLAN, { id: plan.id }, await as('eastDirector'))).data!.salesPlan!;
  expect(read.actions.map((action) => [action.title, action.doneAt === null])).toEqual([
    ['拜访宝钢采购部', false],
    ['提交汽车零部件方案', true],
  ]);
  expect(read.comments.map((each) => each.author?.name)).toEqual([people.shanghai1Manager.name]);
  expect(read.progress).toEqual({
    actionsDone: 1,
    actionsTotal: 2,
    metrics: [
      { metric: 'BOOKED_SALES', target: null, actual: '0', rate: null },
      { metric: 'COLLECTIONS', target: null, actual: '0', rate: null },
      { metric: 'NEW_CUSTOMERS', target: null, actual: '0', rate: null },
      { metric: 'VISITS', target: '4', actual: '2', rate: '0.5' },
    ],
  });
});

it('plans are seen by their person and the chain above, not by teammates, other teams or finance', async () => {
  const count = async (person: PersonName) => (await app.gql(SALES_PLANS, { filter: { year: 2025 } }, await as(person))).data?.salesPlans.totalCount;
  expect({
    rep: await count('shanghai1Rep'),
    manager: await count('shanghai1Manager'),
    director: await count('eastDirector'),
    vp: await count('vp'),
    teammate: await count('shanghai1Teammate'),
    otherManager: await count('shanghai2Manager'),
    finance: await count('finance'),
  }).toEqual({ rep: 1, manager: 1, director: 1, vp: 1, teammate: 0, otherManager: 0, finance: 0 });
});
