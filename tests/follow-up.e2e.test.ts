import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { demoId } from '../seeds/demo-ids';
import { people } from './fixtures/demo-people';
import {
  CANCEL_VISIT_PLAN,
  CHECK_IN_VISIT,
  COMPLETE_VISIT_PLAN,
  CREATE_VISIT_PLAN,
  CUSTOMERS_FOLLOW_UP_STATUS,
  FOLLOW_UPS,
  LOG_FOLLOW_UP,
  OPPORTUNITY_FOLLOW_UPS,
  SET_CUSTOMER_COORDINATES,
  VISIT_PLAN,
  VISIT_PLANS,
} from './graphql/follow-up.documents';
import { LOG_VISIT } from './graphql/customers.documents';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * The follow-up log (F4), visit plans (C3), tier follow-up norms (B4) and check-ins (S2), through the API on the demo
 * sales data: 赵磊 (上海一组) owns 宝钢精密 (A) and 申联自动化 (B); 黄伟 manages him; 吴婷 is his teammate.
 */
let app: TestApp;
const auth: Record<string, Auth> = {};
const opportunity = (key: string) => demoId(`opportunity:${key}`);
const customer = (key: string) => demoId(`customer:${key}`);
const DAY = 24 * 60 * 60 * 1000;

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const [row] = await app.orm.em.fork().execute<T[]>(sql, params);
  return row;
}

async function count(table: string): Promise<number> {
  return Number((await one<{ n: string }>(`select count(*)::text as n from ${table}`)).n);
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  for (const name of ['shanghai1Rep', 'shanghai1Teammate', 'shanghai1Manager', 'northRep', 'customerService', 'admin'] as const) {
    auth[name] = { token: await app.tokenFor(people[name].email) };
  }
}, 120_000);

afterAll(() => app.close());

describe('the follow-up log of an opportunity (F4)', () => {
  const deal = opportunity('shenlian-drives');

  it('an entry with a next step becomes the opportunity’s next step and date', async () => {
    const response = await app.gql(
      LOG_FOLLOW_UP,
      { input: { opportunityId: deal, kind: 'CALL', summary: '电话确认方案书收到', nextStep: '约技术交流会', nextStepDate: '2031-05-20', contactId: demoId('contact:shenlian-automation:0') } },
      auth.shanghai1Rep,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.logFollowUp).toMatchObject({
      kind: 'CALL',
      author: { name: '赵磊' },
      contact: { name: expect.any(String) },
      opportunity: { id: deal, nextStep: '约技术交流会', nextStepDate: '2031-05-20' },
    });
  });

  it('a back-dated entry does not displace the newer entry’s next step; one without a next step leaves it', async () => {
    const earlier = new Date(Date.now() - 10 * DAY).toISOString();
    const backDated = await app.gql(LOG_FOLLOW_UP, { input: { opportunityId: deal, kind: 'EMAIL', occurredAt: earlier, summary: '补录：发送报价', nextStep: '旧的下一步', nextStepDate: '2031-01-01' } }, auth.shanghai1Rep);
    expect(backDated.data!.logFollowUp.opportunity).toMatchObject({ nextStep: '约技术交流会', nextStepDate: '2031-05-20' });
    const plain = await app.gql(LOG_FOLLOW_UP, { input: { opportunityId: deal, kind: 'MESSAGE', summary: '微信问候' } }, auth.shanghai1Manager);
    expect(plain.errors).toBeUndefined();
    expect(plain.data!.logFollowUp.opportunity).toMatchObject({ nextStep: '约技术交流会', nextStepDate: '2031-05-20' });
  });

  it('pages newest first: the opportunity shows the first page, followUps(after: endCursor) the rest', async () => {
    const response = await app.gql(OPPORTUNITY_FOLLOW_UPS, { id: deal, first: 2 }, auth.shanghai1Rep);
    expect(response.errors).toBeUndefined();
    const followUps = response.data!.opportunity!.followUps;
    expect(followUps.totalCount).toBe(3);
    expect(followUps.pageInfo.hasNextPage).toBe(true);
    expect(followUps.nodes.map((node) => node.summary)).toEqual(['微信问候', '电话确认方案书收到']);
    const rest = await app.gql(FOLLOW_UPS, { opportunityId: deal, first: 5, after: followUps.pageInfo.endCursor }, auth.shanghai1Rep);
    expect(rest.errors).toBeUndefined();
    expect(rest.data!.followUps.nodes.map((node) => node.summary)).toEqual(['补录：发送报价']);
    expect(rest.data!.followUps.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a next-step date without a next step, and a time in the future, at their paths', async () => {
    const noStep = await app.gql(LOG_FOLLOW_UP, { input: { opportunityId: deal, kind: 'CALL', summary: 'x', nextStepDate: '2031-01-01' } }, auth.shanghai1Rep);
    expect(noStep.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(noStep.errors?.[0]?.extensions)).toContain('input.nextStep');
    const future = await app.gql(LOG_FOLLOW_UP, { input: { opportunityId: deal, kind: 'CALL', summary: 'x', occurredAt: new Date(Date.now() + DAY).toISOString() } }, auth.shanghai1Rep);
    expect(JSON.stringify(future.errors?.[0]?.extensions)).toContain('input.occurredAt');
  });

  it('someone outside the deal gets NOT_FOUND; a role that does not work deals is refused', async () => {
    const outsider = await app.gql(LOG_FOLLOW_UP, { input: { opportunityId: deal, kind: 'CALL', summary: 'x' } }, auth.northRep);
    expect(outsider.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const service = await app.gql(LOG_FOLLOW_UP, { input: { opportunityId: deal, kind: 'CALL', summary: 'x' } }, auth.customerService);
    expect(service.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('visit plans (C3)', () => {
  const tomorrow = () => new Date(Date.now() + DAY).toISOString();

  async function plan(input: Record<string, unknown> = {}, as: Auth = auth.shanghai1Rep) {
    const response = await app.gql(CREATE_VISIT_PLAN, { input: { customerId: customer('shenlian-automation'), plannedAt: tomorrow(), purpose: '季度回访', ...input } }, as);
    expect(response.errors).toBeUndefined();
    return response.data!.createVisitPlan;
  }

  it('a plan is PLANNED; one in the past is refused at input.plannedAt', async () => {
    expect(await plan()).toMatchObject({ status: 'PLANNED', plannedBy: { name: '赵磊' }, customer: { name: expect.any(String) } });
    const past = await app.gql(CREATE_VISIT_PLAN, { input: { customerId: customer('shenlian-automation'), plannedAt: new Date(Date.now() - DAY).toISOString(), purpose: 'x' } }, auth.shanghai1Rep);
    expect(JSON.stringify(past.errors?.[0]?.extensions)).toContain('input.plannedAt');
  });

  it('completing it records the visit in the same transaction, linked both ways, with its check-in', async () => {
    const created = await plan();
    const visitsBefore = await count('visit');
    const response = await app.gql(
      COMPLETE_VISIT_PLAN,
      { id: created.id, version: created.version, input: { visitedOn: (await one<{ d: string }>('select current_date::text as d')).d, outcome: '确认需求', checkIn: { latitude: 31.2, longitude: 121.4, accuracyMetres: 15 } } },
      auth.shanghai1Rep,
    );
    expect(response.errors).toBeUndefined();
    const done = response.data!.completeVisitPlan;
    expect(done).toMatchObject({ status: 'DONE', closedAt: expect.any(String), nextPlan: null });
    expect(done.visit).toMatchObject({ purpose: '季度回访', outcome: '确认需求', plan: { id: created.id }, checkIn: { accuracyMetres: 15, distanceMetres: null, far: null } });
    expect(await count('visit')).toBe(visitsBefore + 1);
    const again = await app.gql(COMPLETE_VISIT_PLAN, { id: created.id, version: created.version + 1, input: {} }, auth.shanghai1Rep);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'VISIT_PLAN_CLOSED' });
  });

  it('a refusal part-way leaves nothing written: no visit, no check-in, the plan still PLANNED', async () => {
    const created = await plan({ recurrenceEvery: 1, recurrenceUnit: 'WEEK' });
    const before = { visits: await count('visit'), checkIns: await count('visit_check_in'), plans: await count('visit_plan') };
    // A check-in time in the future is refused after the visit row was inserted.
    const future = await app.gql(
      COMPLETE_VISIT_PLAN,
      { id: created.id, version: created.version, input: { checkIn: { latitude: 31.2, longitude: 121.4, accuracyMetres: 5, checkedInAt: new Date(Date.now() + DAY).toISOString() } } },
      auth.shanghai1Rep,
    );
    expect(future.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(future.errors?.[0]?.extensions)).toContain('input.checkIn.checkedInAt');
    // Another completion made the successor meanwhile: the unique back-reference refuses this one at the very end.
    await app.orm.em.fork().execute(
      `insert into visit_plan (id, customer_id, planned_by_id, planned_at, purpose, previous_plan_id) select gen_random_uuid(), customer_id, planned_by_id, planned_at + interval '7 days', purpose, id from visit_plan where id = ?`,
      [created.id],
    );
    const raced = await app.gql(COMPLETE_VISIT_PLAN, { id: created.id, version: created.version, input: { checkIn: { latitude: 31.2, longitude: 121.4, accuracyMetres: 5 } } }, auth.shanghai1Rep);
    expect(raced.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'VISIT_PLAN_ALREADY_SUCCEEDED' });
    expect({ visits: await count('visit'), checkIns: await count('visit_check_in'), plans: await count('visit_plan') }).toEqual({ ...before, plans: before.plans + 1 });
    const after = await app.gql(VISIT_PLAN, { id: created.id }, auth.shanghai1Rep);
    expect(after.data!.visitPlan).toMatchObject({ status: 'PLANNED', version: created.version });
  });

  it('a regular plan makes the next one when done, the interval after it, pointing back', async () => {
    const created = await plan({ recurrenceEvery: 2, recurrenceUnit: 'WEEK' });
    const response = await app.gql(COMPLETE_VISIT_PLAN, { id: created.id, version: created.version, input: {} }, auth.shanghai1Rep);
    expect(response.errors).toBeUndefined();
    const next = response.data!.completeVisitPlan.nextPlan!;
    expect(next).toMatchObject({ status: 'PLANNED', recurrenceEvery: 2, recurrenceUnit: 'WEEK', previousPlan: { id: created.id } });
    expect(Date.parse(next.plannedAt) - Date.parse(created.plannedAt)).toBe(14 * DAY);
  });

  it('a plan more than a day past its time reads MISSED, filters as MISSED, and may still be recorded late', async () => {
    const created = await plan();
    await app.orm.em.fork().execute(`update visit_plan set planned_at = now() - interval '26 hours' where id = ?`, [created.id]);
    const missed = await app.gql(VISIT_PLANS, { first: 50, filter: { statuses: ['MISSED'] } }, auth.shanghai1Rep);
    expect(missed.data!.visitPlans.nodes.map((node) => [node.id, node.status])).toEqual([[created.id, 'MISSED']]);
    const planned = await app.gql(VISIT_PLANS, { first: 50, filter: { statuses: ['PLANNED'] } }, auth.shanghai1Rep);
    expect(planned.data!.visitPlans.nodes.map((node) => node.id)).not.toContain(created.id);
    const late = await app.gql(COMPLETE_VISIT_PLAN, { id: created.id, version: created.version, input: {} }, auth.shanghai1Rep);
    expect(late.data!.completeVisitPlan.status).toBe('DONE');
  });

  it('the planner records it; their manager may cancel it but not record it; a teammate does not see it', async () => {
    const created = await plan();
    const manager = await app.gql(COMPLETE_VISIT_PLAN, { id: created.id, version: created.version, input: {} }, auth.shanghai1Manager);
    expect(manager.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_PLANNER' });
    const teammateCancel = await app.gql(CANCEL_VISIT_PLAN, { id: created.id, version: created.version, reason: '改期' }, auth.shanghai1Teammate);
    expect(teammateCancel.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const cancelled = await app.gql(CANCEL_VISIT_PLAN, { id: created.id, version: created.version, reason: '客户出差' }, auth.shanghai1Manager);
    expect(cancelled.data!.cancelVisitPlan).toMatchObject({ status: 'CANCELLED', cancelReason: '客户出差' });
  });

  it('a manager plans a visit for someone they manage, not for someone they do not', async () => {
    expect(await plan({ plannedById: demoId(`user:${people.shanghai1Teammate.email}`) }, auth.shanghai1Manager)).toMatchObject({ plannedBy: { name: '吴婷' } });
    const foreign = await app.gql(
      CREATE_VISIT_PLAN,
      { input: { customerId: customer('shenlian-automation'), plannedAt: tomorrow(), purpose: 'x', plannedById: demoId(`user:${people.northRep.email}`) } },
      auth.shanghai1Manager,
    );
    expect(JSON.stringify(foreign.errors?.[0]?.extensions)).toContain('input.plannedById');
  });
});

describe('check-in distance (S2)', () => {
  const METRES_PER_DEGREE_OF_LATITUDE = 111_195.08; // 2πR/360 on the mean radius

  it('PostgreSQL’s haversine_metres gives the known distances between cities', async () => {
    const pairs = await one<Record<string, number>>(
      `select haversine_metres(31.2304, 121.4737, 39.9042, 116.4074) as shanghai_beijing,
              haversine_metres(23.1291, 113.2644, 22.5431, 114.0579) as guangzhou_shenzhen,
              haversine_metres(31.2304, 121.4737, 30.2741, 120.1551) as shanghai_hangzhou,
              haversine_metres(31.2304, 121.4737, 31.2304, 121.4737) as same_place`,
    );
    expect(pairs.shanghai_beijing / 1000).toBeCloseTo(1067.31, 1);
    expect(pairs.guangzhou_shenzhen / 1000).toBeCloseTo(104.2, 1);
    expect(pairs.shanghai_hangzhou / 1000).toBeCloseTo(164.87, 1);
    expect(pairs.same_place).toBe(0);
  });

  async function visitWithCheckIn(metresNorth: number, accuracyMetres: number) {
    const logged = await app.gql(LOG_VISIT, { input: { customerId: customer('baosteel-precision'), visitedOn: (await one<{ d: string }>('select current_date::text as d')).d, purpose: '签到测试' } }, auth.shanghai1Rep);
    expect(logged.errors).toBeUndefined();
    const response = await app.gql(
      CHECK_IN_VISIT,
      { visitId: logged.data!.logVisit.id, input: { latitude: 31.4 + metresNorth / METRES_PER_DEGREE_OF_LATITUDE, longitude: 121.45, accuracyMetres } },
      auth.shanghai1Rep,
    );
    expect(response.errors).toBeUndefined();
    return { visitId: logged.data!.logVisit.id, checkIn: response.data!.checkInVisit.checkIn! };
  }

  beforeAll(async () => {
    const [row] = await app.orm.em.fork().execute<{ version: number }[]>('select version from customer where id = ?', [customer('baosteel-precision')]);
    const set = await app.gql(SET_CUSTOMER_COORDINATES, { id: customer('baosteel-precision'), version: row.version, input: { latitude: 31.4, longitude: 121.45 } }, auth.shanghai1Rep);
    expect(set.errors).toBeUndefined();
  });

  it('flags a check-in farther than the threshold (500 m) plus its accuracy, and only then', async () => {
    const far = await visitWithCheckIn(520, 10);
    expect(far.checkIn.distanceMetres).toBeCloseTo(520, 0);
    expect(far.checkIn).toMatchObject({ far: true, farThresholdMetres: 500, checkedInBy: { name: '赵磊' } });
    expect((await visitWithCheckIn(520, 30)).checkIn.far).toBe(false);
    expect((await visitWithCheckIn(505, 0)).checkIn.far).toBe(true);
    expect((await visitWithCheckIn(495, 0)).checkIn.far).toBe(false);
  });

  it('checks in once per visit, and only the visitor', async () => {
    const { visitId } = await visitWithCheckIn(10, 5);
    const twice = await app.gql(CHECK_IN_VISIT, { visitId, input: { latitude: 31.4, longitude: 121.45, accuracyMetres: 5 } }, auth.shanghai1Rep);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_CHECKED_IN' });
    const manager = await app.gql(CHECK_IN_VISIT, { visitId, input: { latitude: 31.4, longitude: 121.45, accuracyMetres: 5 } }, auth.shanghai1Manager);
    expect(manager.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_VISITOR' });
  });

  it('customer coordinates go together: one without the other is refused at its path', async () => {
    const [row] = await app.orm.em.fork().execute<{ version: number }[]>('select version from customer where id = ?', [customer('shenlian-automation')]);
    const half = await app.gql(SET_CUSTOMER_COORDINATES, { id: customer('shenlian-automation'), version: row.version, input: { latitude: 31.1 } }, auth.shanghai1Rep);
    expect(JSON.stringify(half.errors?.[0]?.extensions)).toContain('input.longitude');
    const outOfRange = await app.gql(SET_CUSTOMER_COORDINATES, { id: customer('shenlian-automation'), version: row.version, input: { latitude: 91, longitude: 121 } }, auth.shanghai1Rep);
    expect(JSON.stringify(outOfRange.errors?.[0]?.extensions)).toContain('input.latitude');
  });
});

describe('tier follow-up norms and followUpStatus (B4)', () => {
  interface Expected {
    today: string;
    huaqiang_visit: string;
  }
  let expected: Expected;

  beforeAll(async () => {
    await app.orm.em.fork().execute(`update visit_norm set max_days_between_contacts = 7, service_mode = 'DEDICATED_TEAM' where tier = 'A'`);
    await app.orm.em.fork().execute(`update visit_norm set max_days_between_contacts = 14, service_mode = 'REGULAR' where tier = 'B'`);
    expected = await one<Expected>(
      `select (now() at time zone 'Asia/Shanghai')::date::text as today, (select max(visited_on)::text from visit where customer_id = ?) as huaqiang_visit`,
      [customer('huaqiang-smart')],
    );
  });

  const statusOf = async (search: string) => {
    const response = await app.gql(CUSTOMERS_FOLLOW_UP_STATUS, { first: 5, filter: { search } }, auth.admin);
    expect(response.errors).toBeUndefined();
    return response.data!.customers.nodes[0].followUpStatus!;
  };
  const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

  it('a B customer last visited long ago is overdue by the days past its norm', async () => {
    const status = await statusOf('华强');
    const due = plusDays(expected.huaqiang_visit, 14);
    const days = Math.round((Date.parse(`${expected.today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / DAY);
    expect(status).toEqual({
      tier: 'B',
      hasNorm: true,
      serviceMode: 'REGULAR',
      maxDaysBetweenContacts: 14,
      lastVisitOn: expected.huaqiang_visit,
      lastContactOn: expected.huaqiang_visit,
      nextContactDueOn: due,
      overdue: true,
      daysOverdue: days,
    });
  });

  it('a logged follow-up is a contact: it resets the clock', async () => {
    const logged = await app.gql(LOG_FOLLOW_UP, { input: { opportunityId: opportunity('huaqiang-smt'), kind: 'CALL', summary: '电话回访' } }, auth.admin);
    expect(logged.errors).toBeUndefined();
    const status = await statusOf('华强');
    expect(status).toMatchObject({ lastVisitOn: expected.huaqiang_visit, lastContactOn: expected.today, nextContactDueOn: plusDays(expected.today, 14), overdue: false, daysOverdue: null });
  });

  it('a tier without a norm has nothing due; an AUTOMATED tier is never overdue', async () => {
    expect(await statusOf('中策')).toMatchObject({ tier: 'C', hasNorm: false, nextContactDueOn: null, overdue: false });
    await app.orm.em.fork().execute(`update visit_norm set service_mode = 'AUTOMATED' where tier = 'B'`);
    try {
      await app.orm.em.fork().execute(`delete from opportunity_follow_up where opportunity_id = ?`, [opportunity('huaqiang-smt')]);
      expect(await statusOf('华强')).toMatchObject({ serviceMode: 'AUTOMATED', overdue: false, daysOverdue: null });
    } finally {
      await app.orm.em.fork().execute(`update visit_norm set service_mode = 'REGULAR' where tier = 'B'`);
    }
  });
});
