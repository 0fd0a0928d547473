import { Complaint } from '../schema/customers/entities/complaint.entity';
import { Customer } from '../schema/customers/entities/customer.entity';
import { demoId } from '../seeds/demo-ids';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people, units, userId } from './fixtures/demo-people';
import {
  COMPLAINTS,
  CREATE_CONTACT,
  CREATE_CUSTOMER,
  CUSTOMER_DETAIL,
  CUSTOMER_LIST,
  LOG_VISIT,
  OPEN_COMPLAINT,
  RECORD_SURVEY,
  SET_CUSTOMER_CREDIT_LIMIT,
  SET_CUSTOMER_TIER,
  SURVEYS,
  UPDATE_COMPLAINT,
  UPDATE_CUSTOMER,
  VISITS,
} from './graphql/customers.documents';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

let app: TestApp;
const as = async (person: { email: string }): Promise<Auth> => ({ token: await app.tokenFor(person.email) });
const demoCustomer = (key: string) => demoId(`customer:${key}`);
const baosteel = demoCustomer('baosteel-precision');
const zhongce = demoCustomer('zhongce-rubber');

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
});

afterAll(async () => {
  await app.close();
});

const customerCount = () => app.orm.em.fork().count(Customer);

describe('creating customers', () => {
  it('a rep registers a customer they own, numbered, in tier C', async () => {
    const response = await app.gql(CREATE_CUSTOMER, { input: { name: '上海松江精密铸造有限公司', regionId: units.east, industry: '铸造' } }, await as(people.shanghai1Rep));
    expect(response.errors).toBeUndefined();
    expect(response.data?.createCustomer).toMatchObject({ tier: 'C', owner: { name: people.shanghai1Rep.name } });
    expect(response.data?.createCustomer.code).toMatch(/^C\d{6}$/);
  });

  it('the same name with other brackets, spaces or width in the region is a CONFLICT naming the customer you can see', async () => {
    const response = await app.gql(CREATE_CUSTOMER, { input: { name: '上海宝钢精密机械 (有限公司)', regionId: units.east } }, await as(people.shanghai1Rep));
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'DUPLICATE_CUSTOMER',
      field: 'input.name',
      existing: { id: baosteel, name: '上海宝钢精密机械有限公司' },
    });
  });

  it('a duplicate owned outside your view is a CONFLICT that names nothing', async () => {
    const before = await customerCount();
    const response = await app.gql(CREATE_CUSTOMER, { input: { name: '上海临港新能源科技有限公司', regionId: units.east } }, await as(people.shanghai1Rep));
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_CUSTOMER', existing: null });
    expect(JSON.stringify(response.errors)).not.toContain(demoCustomer('lingang-energy'));
    expect(await customerCount()).toBe(before);
  });

  it('the same tax id in the region is a duplicate; the same name in another region is not', async () => {
    const sameTaxId = await app.gql(CREATE_CUSTOMER, { input: { name: '宝钢精密（新）', taxId: '91310115ma1k3b7x2n', regionId: units.east } }, await as(people.shanghai1Rep));
    expect(sameTaxId.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.taxId' });
    const otherRegion = await app.gql(CREATE_CUSTOMER, { input: { name: '上海宝钢精密机械有限公司', regionId: units.north } }, await as(people.northRep));
    expect(otherRegion.errors).toBeUndefined();
  });

  it('refuses bad input and writes nothing: a team as region, a negative credit limit, tier A from a rep', async () => {
    const before = await customerCount();
    const notRegion = await app.gql(CREATE_CUSTOMER, { input: { name: '某公司一', regionId: units.shanghai1 } }, await as(people.shanghai1Rep));
    expect(notRegion.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.regionId' }] });
    const negative = await app.gql(CREATE_CUSTOMER, { input: { name: '某公司二', regionId: units.east, creditLimit: '-1' } }, await as(people.shanghai1Manager));
    expect(negative.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.creditLimit' }] });
    const tierA = await app.gql(CREATE_CUSTOMER, { input: { name: '某公司三', regionId: units.east, tier: 'A' } }, await as(people.shanghai1Rep));
    expect(tierA.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TIER_CHANGE_NOT_ALLOWED' });
    expect(await customerCount()).toBe(before);
  });

  it('customer service may not register customers', async () => {
    const response = await app.gql(CREATE_CUSTOMER, { input: { name: '某公司四', regionId: units.east } }, await as(people.customerService));
    expect(response.errors?.[0]).toMatchObject({ path: ['createCustomer'], extensions: { code: 'FORBIDDEN' } });
  });
});

describe('changing customers', () => {
  const version = async (id: string) => (await app.orm.em.fork().findOneOrFail(Customer, id)).version;

  it('a rep may not change the ABC tier of their own customer; their team manager may', async () => {
    const shenlian = demoCustomer('shenlian-automation');
    const byRep = await app.gql(SET_CUSTOMER_TIER, { id: shenlian, version: await version(shenlian), tier: 'A' }, await as(people.shanghai1Rep));
    expect(byRep.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TIER_CHANGE_NOT_ALLOWED' });
    const byManager = await app.gql(SET_CUSTOMER_TIER, { id: shenlian, version: await version(shenlian), tier: 'A' }, await as(people.shanghai1Manager));
    expect(byManager.data?.setCustomerTier.tier).toBe('A');
  });

  it('a stale version is a CONFLICT', async () => {
    const shenlian = demoCustomer('shenlian-automation');
    const stale = (await version(shenlian)) - 1;
    const response = await app.gql(UPDATE_CUSTOMER, { id: shenlian, version: stale, input: { tags: ['x'] } }, await as(people.shanghai1Rep));
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
  });

  it('finance sets a credit limit, which the team manager then reads and the owning rep does not', async () => {
    const byRep = await app.gql(SET_CUSTOMER_CREDIT_LIMIT, { id: baosteel, version: await version(baosteel), creditLimit: '9000000' }, await as(people.shanghai1Rep));
    expect(byRep.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byFinance = await app.gql(SET_CUSTOMER_CREDIT_LIMIT, { id: baosteel, version: await version(baosteel), creditLimit: '2500000' }, await as(people.finance));
    expect(byFinance.errors).toBeUndefined();
    const manager = await app.gql(CUSTOMER_DETAIL, { id: baosteel }, await as(people.shanghai1Manager));
    expect(manager.data?.customer!.creditLimit).toBe('2500000');
    const rep = await app.gql(CUSTOMER_DETAIL, { id: baosteel }, await as(people.shanghai1Rep));
    expect(rep.data?.customer!.creditLimit).toBeNull();
    expect(rep.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ['customer', 'creditLimit'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]),
    );
  });

  it('reassigning a customer is for the owner’s chain: the rep may not hand it over, the manager may', async () => {
    const huichuan = demoCustomer('huichuan-packaging');
    const byRep = await app.gql(UPDATE_CUSTOMER, { id: huichuan, version: await version(huichuan), input: { ownerId: userId(people.shanghai1Rep) } }, await as(people.shanghai1Teammate));
    expect(byRep.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byManager = await app.gql(UPDATE_CUSTOMER, { id: huichuan, version: await version(huichuan), input: { ownerId: userId(people.shanghai1Rep) } }, await as(people.shanghai1Manager));
    expect(byManager.data?.updateCustomer.owner?.name).toBe(people.shanghai1Rep.name);
  });

  it('a new primary contact takes the flag from the previous one', async () => {
    const created = await app.gql(CREATE_CONTACT, { input: { customerId: baosteel, name: '新总工', isPrimary: true, decisionRole: 'DECISION_MAKER' } }, await as(people.shanghai1Rep));
    expect(created.data?.createContact.isPrimary).toBe(true);
    const detail = await app.gql(CUSTOMER_DETAIL, { id: baosteel }, await as(people.shanghai1Rep));
    expect(detail.data?.customer!.contacts.filter((contact) => contact.isPrimary).map((contact) => contact.name)).toEqual(['新总工']);
    expect(detail.data?.customer!.contacts[0].name).toBe('新总工');
  });
});

describe('visits (走访 / 协访)', () => {
  const today = new Date().toISOString().slice(0, 10);

  it('a rep records a joint visit with their team manager', async () => {
    const response = await app.gql(
      LOG_VISIT,
      { input: { customerId: baosteel, visitedOn: today, purpose: '季度回访', accompaniedById: userId(people.shanghai1Manager) } },
      await as(people.shanghai1Rep),
    );
    expect(response.data?.logVisit).toMatchObject({ kind: 'ACCOMPANIED', accompaniedBy: { name: people.shanghai1Manager.name } });
  });

  it('the companion must be a manager above the visitor, and the visit cannot be in the future', async () => {
    const otherTeam = await app.gql(
      LOG_VISIT,
      { input: { customerId: baosteel, visitedOn: today, purpose: '拜访', accompaniedById: userId(people.shanghai2Manager) } },
      await as(people.shanghai1Rep),
    );
    expect(otherTeam.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.accompaniedById' }] });
    const future = await app.gql(LOG_VISIT, { input: { customerId: baosteel, visitedOn: '2999-01-01', purpose: '拜访' } }, await as(people.shanghai1Rep));
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.visitedOn' }] });
  });

  it('a customer you cannot see is bad input, not a hint that it exists', async () => {
    const response = await app.gql(LOG_VISIT, { input: { customerId: demoCustomer('yanshan-petrochem'), visitedOn: today, purpose: '拜访' } }, await as(people.shanghai1Rep));
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.customerId', message: 'no such customer' }] });
  });

  it('the latest visit shows first on the customer, and visits can be listed by customer', async () => {
    const detail = await app.gql(CUSTOMER_DETAIL, { id: baosteel }, await as(people.shanghai1Rep));
    expect(detail.data?.customer!.recentVisits[0]).toMatchObject({ visitedOn: today, purpose: '季度回访', kind: 'ACCOMPANIED' });
    expect(detail.data?.customer!.lastVisitOn).toBe(today);
    const visits = await app.gql(VISITS, { filter: { customerId: baosteel } }, await as(people.shanghai1Rep));
    expect(visits.data?.visits.totalCount).toBe(3);
  });
});

describe('complaints and surveys', () => {
  it('customer service opens a complaint with an SLA from its severity and handles it', async () => {
    const response = await app.gql(
      OPEN_COMPLAINT,
      { input: { customerId: demoCustomer('huaqiang-smart'), title: '变频器报警', description: '两台变频器过流报警。', severity: 'HIGH' } },
      await as(people.customerService),
    );
    const complaint = response.data!.openComplaint;
    expect(new Date(complaint.slaDueAt).getTime() - new Date(complaint.openedAt).getTime()).toBe(24 * 60 * 60 * 1000);
    expect(complaint).toMatchObject({ status: 'OPEN', overdue: false, handler: { name: people.customerService.name } });

    const withoutResolution = await app.gql(UPDATE_COMPLAINT, { id: complaint.id, version: complaint.version, input: { status: 'RESOLVED' } }, await as(people.customerService));
    expect(withoutResolution.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.resolution' }] });
    const resolved = await app.gql(
      UPDATE_COMPLAINT,
      { id: complaint.id, version: complaint.version, input: { status: 'RESOLVED', resolution: '更换制动电阻' } },
      await as(people.customerService),
    );
    expect(resolved.data?.updateComplaint).toMatchObject({ status: 'RESOLVED', resolution: '更换制动电阻' });
    expect(resolved.data?.updateComplaint.resolvedAt).not.toBeNull();
  });

  it('lists the open complaints past their SLA', async () => {
    const response = await app.gql(COMPLAINTS, { filter: { overdue: true } }, await as(people.customerService));
    expect(response.data?.complaints.nodes).toEqual([{ title: '传感器交货延迟', severity: 'HIGH', overdue: true, customer: { name: '杭州中策橡胶制品有限公司' } }]);
  });

  it('records a survey score from 1 to 5 and refuses 6 without writing', async () => {
    const complaint = await app.orm.em.fork().findOneOrFail(Complaint, { customer: zhongce });
    const refused = await app.gql(RECORD_SURVEY, { input: { customerId: zhongce, score: 6 } }, await as(people.customerService));
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.score' }] });
    const recorded = await app.gql(RECORD_SURVEY, { input: { customerId: zhongce, complaintId: complaint.id, score: 2, comment: '交期太慢' } }, await as(people.customerService));
    expect(recorded.data?.recordSurvey.score).toBe(2);
    const surveys = await app.gql(SURVEYS, { customerId: zhongce }, await as(people.eastDirector));
    expect(surveys.data?.surveys).toEqual([{ score: 2, comment: '交期太慢', complaint: { title: '传感器交货延迟' } }]);
  });
});

describe('customer health', () => {
  it('scores visit recency, open complaints and payment behaviour as documented', async () => {
    // 杭州中策: last visit 75 days ago (−15), one open HIGH complaint past its SLA (−15 −5), paid 35 days late (−30).
    const response = await app.gql(CUSTOMER_DETAIL, { id: zhongce }, await as(people.eastDirector));
    expect(response.data?.customer!.healthScore).toBe(35);
    expect(response.data?.customer!.openComplaints).toEqual([{ title: '传感器交货延迟', severity: 'HIGH', overdue: true }]);
  });

  it('is hidden from partners, like the tier', async () => {
    const response = await app.gql(CUSTOMER_DETAIL, { id: demoCustomer('midea-shunde') }, await as(people.partner));
    expect(response.data?.customer).toMatchObject({ name: '佛山顺德美智家电有限公司', tier: null, healthScore: null, distributor: { code: 'D-GD-001' } });
    const forbidden = response.errors?.filter((error) => error.extensions?.code === 'FORBIDDEN').map((error) => error.path?.at(-1));
    expect(forbidden).toEqual(expect.arrayContaining(['tier', 'healthScore', 'creditLimit', 'currentExposure']));
  });
});

describe('lists', () => {
  it('filter by team, tier, tag and text', async () => {
    const team = await app.gql(CUSTOMER_LIST, { first: 50, filter: { teamId: units.shanghai1 } }, await as(people.vp));
    expect(team.data?.customers.nodes.every((node) => ['赵磊', '吴婷', '徐丽娜', '周浩然'].includes(node.owner?.name ?? ''))).toBe(true);
    const tierA = await app.gql(CUSTOMER_LIST, { first: 50, filter: { tiers: ['A'], regionId: units.east } }, await as(people.vp));
    expect(tierA.errors).toBeUndefined();
    expect(tierA.data?.customers.nodes.map((node) => node.name).sort()).toEqual(['上海临港新能源科技有限公司', '上海宝钢精密机械有限公司', '上海申联自动化设备有限公司'].sort());
    const tagged = await app.gql(CUSTOMER_LIST, { first: 50, filter: { tag: '国企' } }, await as(people.vp));
    expect(tagged.data?.customers.totalCount).toBe(2);
    const search = await app.gql(CUSTOMER_LIST, { first: 50, filter: { search: '白云' } }, await as(people.vp));
    expect(search.data?.customers.nodes.map((node) => node.name)).toEqual(['广州白云电器设备股份有限公司']);
  });

  it('pages by keyset without repeating a customer', async () => {
    const seen: string[] = [];
    let after: string | null | undefined = null;
    for (let page = 0; page < 10; page += 1) {
      const response: Awaited<ReturnType<typeof app.gql<import('./gql/graphql').CustomerListQuery, unknown>>> = await app.request
        .post('/graphql')
        .set('authorization', `Bearer ${await app.tokenFor(people.vp.email)}`)
        .send({ query: 'query($after: String) { customers(first: 4, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }', variables: { after } })
        .then((r) => ({ status: r.status, data: r.body.data, errors: r.body.errors }));
      const connection = (response.data as unknown as { customers: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { id: string }[] } }).customers;
      seen.push(...connection.nodes.map((node) => node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await customerCount());
  });

  it('reads a page with owners, regions, contacts, recent visits, complaints and health in the same few statements for 5 or 16 rows', async () => {
    const auth = await as(people.vp);
    await app.gql(CUSTOMER_LIST, { first: 1 }, auth);
    app.resetQueries();
    const small = await app.gql(CUSTOMER_LIST, { first: 5 }, auth);
    const smallCount = app.queries.length;
    app.resetQueries();
    const large = await app.gql(CUSTOMER_LIST, { first: 16 }, auth);
    expect(small.errors).toBeUndefined();
    expect(large.data?.customers.nodes.length).toBeGreaterThan(5);
    expect(app.queries.length).toBe(smallCount);
    expect(smallCount).toBeLessThanOrEqual(10);
  });
});
