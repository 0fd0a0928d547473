import type { ResultOf } from '@graphql-typed-document-node/core';
import { Contact } from '../schema/customers/entities/contact.entity';
import { Customer } from '../schema/customers/entities/customer.entity';
import { OrgUnit } from '../schema/org/entities/org-unit.entity';
import { OrgUnitKind } from '../schema/org/org.enums';
import { Lead } from '../schema/pipeline/entities/lead.entity';
import { Opportunity } from '../schema/pipeline/entities/opportunity.entity';
import { demoId } from '../seeds/demo-ids';
import { CREATE_API_KEY } from './graphql/documents';
import { ASSIGN_LEAD, CONVERT_LEAD, CREATE_LEAD, LEAD, LEAD_PAGE, LEADS, TEAM_REPS, UPDATE_LEAD_STATUS } from './graphql/pipeline.documents';
import { catalog, people, units, userId, type PersonName } from './fixtures/demo-people';
import { createCustomers } from './fixtures/pipeline-data';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

const northTeam = demoId('unit:north-bj1');

let app: TestApp;
const auths = new Map<string, Auth>();

async function as(person: PersonName): Promise<Auth> {
  const known = auths.get(person);
  if (known) return known;
  const auth = { token: await app.tokenFor(people[person].email) };
  auths.set(person, auth);
  return auth;
}

beforeAll(async () => {
  app = await createTestApp();
});

afterAll(async () => {
  await app.close();
});

type LeadResult = ResultOf<typeof CREATE_LEAD>['createLead'];

function errorOf(response: { errors?: readonly { extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[] }) {
  expect(response.errors?.length).toBeGreaterThan(0);
  return response.errors![0];
}

function fieldsOf(response: { errors?: readonly { extensions?: Record<string, unknown> }[] }): string[] {
  return ((errorOf(response).extensions?.fields as { path: string }[] | undefined) ?? []).map((f) => f.path);
}

async function enterLead(company: string, by: PersonName | Auth = 'eastDirector', extra: Record<string, unknown> = {}): Promise<LeadResult> {
  const auth = typeof by === 'string' ? await as(by) : by;
  const response = await app.gql(
    CREATE_LEAD,
    { input: { source: 'WEBSITE', company, contactName: '陈先生', contactTitle: '采购经理', phone: '+86 138 0000 0000', email: 'chen@example.cn', regionId: units.east, ...extra } },
    auth,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.createLead;
}

async function assign(lead: { id: string; version: number }, input: { ownerId?: string; teamId?: string }, by: PersonName = 'eastDirector') {
  return app.gql(ASSIGN_LEAD, { id: lead.id, version: lead.version, input }, await as(by));
}

async function repsOf(teamId: string): Promise<string[]> {
  const response = await app.gql(TEAM_REPS, { unitId: teamId }, await as('vp'));
  return response.data!.users.nodes.map((user) => user.id);
}

async function leadRow(id: string): Promise<Lead> {
  return app.orm.em.fork().findOneOrFail(Lead, id);
}

describe('entering leads', () => {
  it('a rep enters a lead: NEW and unassigned, visible to them as its creator and to the heads of its region', async () => {
    const lead = await enterLead('华东新线索公司', 'shanghai1Rep', { notes: '展会名片' });
    expect(lead).toMatchObject({
      status: 'NEW',
      source: 'WEBSITE',
      company: '华东新线索公司',
      contactName: '陈先生',
      contactTitle: '采购经理',
      email: 'chen@example.cn',
      notes: '展会名片',
      version: 1,
      region: { id: units.east },
      team: null,
      owner: null,
      assignedAt: null,
    });
    expect((await leadRow(lead.id)).createdBy?.id).toBe(userId(people.shanghai1Rep));
    expect((await app.gql(LEAD, { id: lead.id }, await as('shanghai1Rep'))).data?.lead!.id).toBe(lead.id);
    expect((await app.gql(LEAD, { id: lead.id }, await as('eastDirector'))).data?.lead!.id).toBe(lead.id);
    for (const person of ['shanghai1Teammate', 'northDirector'] as const) {
      const hidden = await app.gql(LEAD, { id: lead.id }, await as(person));
      expect(errorOf(hidden).extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'LEAD_NOT_FOUND' });
    }
  });

  it('refuses a region that is not a region, and writes nothing', async () => {
    const response = await app.gql(CREATE_LEAD, { input: { source: 'REFERRAL', company: '错误大区公司', contactName: '王女士', regionId: units.shanghai1 } }, await as('shanghai1Rep'));
    expect(errorOf(response).extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(response)).toEqual(['input.regionId']);
    expect(await app.orm.em.fork().count(Lead, { company: '错误大区公司' })).toBe(0);
  });

  it('refuses an invalid email before anything runs', async () => {
    const response = await app.gql(CREATE_LEAD, { input: { source: 'REFERRAL', company: '邮箱错误公司', contactName: '王女士', email: 'not-an-email' } }, await as('shanghai1Rep'));
    expect(errorOf(response).extensions?.code).toBe('BAD_USER_INPUT');
    expect(await app.orm.em.fork().count(Lead, { company: '邮箱错误公司' })).toBe(0);
  });

  it('an API key carrying WRITE_LEADS enters leads (a web form); a key without it is refused', async () => {
    const admin = await as('admin');
    const withScope = await app.gql(CREATE_API_KEY, { input: { name: 'web form', scopes: ['WRITE_LEADS'], userId: userId(people.integration) } }, admin);
    const withoutScope = await app.gql(CREATE_API_KEY, { input: { name: 'reader', scopes: ['READ_SALES', 'READ_ORG'], userId: userId(people.integration) } }, admin);

    const created = await app.gql(CREATE_LEAD, { input: { source: 'WEBSITE', company: '官网表单公司', contactName: '李先生' } }, { apiKey: withScope.data!.createApiKey.key });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createLead).toMatchObject({ status: 'NEW', company: '官网表单公司', region: null });
    expect((await leadRow(created.data!.createLead.id)).createdBy?.id).toBe(userId(people.integration));

    const refused = await app.gql(CREATE_LEAD, { input: { source: 'WEBSITE', company: '无权限表单公司', contactName: '李先生' } }, { apiKey: withoutScope.data!.createApiKey.key });
    expect(errorOf(refused)).toMatchObject({ path: ['createLead'], extensions: { code: 'FORBIDDEN' } });
    expect(await app.orm.em.fork().count(Lead, { company: '无权限表单公司' })).toBe(0);
  });

  it.each(['customerService', 'techSupport', 'finance', 'partner'] as const)('%s may not enter leads', async (person) => {
    const response = await app.gql(CREATE_LEAD, { input: { source: 'OTHER', company: `非销售线索 ${person}`, contactName: '某人' } }, await as(person));
    expect(errorOf(response)).toMatchObject({ path: ['createLead'], extensions: { code: 'FORBIDDEN' } });
    expect(await app.orm.em.fork().count(Lead, { company: `非销售线索 ${person}` })).toBe(0);
  });
});

describe('assigning leads', () => {
  it('a rep may not assign leads', async () => {
    const lead = await enterLead('代表不可分配公司', 'shanghai1Rep');
    const response = await assign(lead, { ownerId: userId(people.shanghai1Rep) }, 'shanghai1Rep');
    expect(errorOf(response)).toMatchObject({ path: ['assignLead'], extensions: { code: 'FORBIDDEN' } });
    expect((await leadRow(lead.id)).status).toBe('NEW');
  });

  it('round-robin in a team: four leads go to its four reps in name order, the fifth wraps around', async () => {
    const reps = await repsOf(units.shanghai1);
    expect(reps).toHaveLength(4);
    const owners: string[] = [];
    for (let i = 1; i <= 5; i += 1) {
      const lead = await enterLead(`轮询公司${i}`);
      const response = await assign(lead, { teamId: units.shanghai1 });
      expect(response.errors).toBeUndefined();
      const assigned = response.data!.assignLead;
      expect(assigned).toMatchObject({ status: 'ASSIGNED', team: { id: units.shanghai1 }, region: { id: units.east }, version: lead.version + 1 });
      expect(assigned.assignedAt).not.toBeNull();
      owners.push(assigned.owner!.id);
    }
    expect(owners).toEqual([reps[0], reps[1], reps[2], reps[3], reps[0]]);
  });

  it('without a team, a region’s leads go to its teams in turn, and within each team to the next rep', async () => {
    const em = app.orm.em.fork();
    const teams = (await em.find(OrgUnit, { parent: units.east, kind: OrgUnitKind.TEAM }, { orderBy: { name: 'asc', id: 'asc' } })).map((t) => t.id);
    expect(teams).toHaveLength(3);
    // The region's last lead went to Shanghai team 1 (previous test): the turn continues after it.
    const after = teams.indexOf(units.shanghai1);
    const expectedTeams = [1, 2, 3].map((k) => teams[(after + k) % teams.length]);

    const assignedTeams: string[] = [];
    for (let i = 1; i <= 3; i += 1) {
      const lead = await enterLead(`大区轮询公司${i}`);
      const response = await assign(lead, {});
      expect(response.errors).toBeUndefined();
      const assigned = response.data!.assignLead;
      assignedTeams.push(assigned.team!.id);
      const teamReps = await repsOf(assigned.team!.id);
      // Shanghai team 1 continues after its last rep (the first, after the wrap); the others start at their first.
      const expectedRep = assigned.team!.id === units.shanghai1 ? teamReps[1] : teamReps[0];
      expect(assigned.owner?.id).toBe(expectedRep);
    }
    expect(assignedTeams).toEqual(expectedTeams);
  });

  it('concurrent round-robin assignments in one team still go to different reps', async () => {
    const reps = await repsOf(units.shanghai2);
    const leads = await Promise.all([1, 2, 3, 4].map((i) => enterLead(`并发轮询公司${i}`)));
    app.resetQueries();
    const responses = await Promise.all(leads.map((lead) => assign(lead, { teamId: units.shanghai2 })));
    for (const response of responses) expect(response.errors).toBeUndefined();
    // Each assignment took its turn on the team's row.
    expect(app.queries.filter((sql) => /from "org_unit".* for update/i.test(sql))).toHaveLength(4);
    const owners = responses.map((response) => response.data!.assignLead.owner!.id);
    expect(new Set(owners).size).toBe(4);
    expect([...owners].sort()).toEqual([...reps].sort());
  });

  it('a manager assigns by hand to someone they manage; the lead takes the person’s team and region', async () => {
    const lead = await enterLead('手动分配公司');
    const byDirector = await assign(lead, { ownerId: userId(people.shanghai2Rep) });
    expect(byDirector.data?.assignLead).toMatchObject({
      status: 'ASSIGNED',
      owner: { id: userId(people.shanghai2Rep) },
      team: { id: units.shanghai2 },
      region: { id: units.east },
    });
    const assigned = byDirector.data!.assignLead;

    // Now in Shanghai team 2: its manager may hand it on within the team, but not outside it.
    const teamReps = await repsOf(units.shanghai2);
    const other = teamReps.find((id) => id !== userId(people.shanghai2Rep))!;
    const outside = await assign(assigned, { ownerId: userId(people.shanghai1Rep) }, 'shanghai2Manager');
    expect(errorOf(outside).extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(outside)).toEqual(['input.ownerId']);
    const byManager = await assign(assigned, { ownerId: other }, 'shanghai2Manager');
    expect(byManager.data?.assignLead.owner?.id).toBe(other);

    // The manager of another team does not see the lead at all.
    const otherManager = await assign(byManager.data!.assignLead, { ownerId: userId(people.shanghai1Rep) }, 'shanghai1Manager');
    expect(errorOf(otherManager).extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'LEAD_NOT_FOUND' });
  });

  it('a lead of another region is not found; a team outside the lead’s region is refused', async () => {
    const lead = await enterLead('区域校验公司');
    const northDirector = await assign(lead, { teamId: northTeam }, 'northDirector');
    expect(errorOf(northDirector).extensions).toMatchObject({ code: 'NOT_FOUND' });
    const wrongTeam = await assign(lead, { teamId: northTeam });
    expect(fieldsOf(wrongTeam)).toEqual(['input.teamId']);
    expect(await leadRow(lead.id)).toMatchObject({ status: 'NEW', owner: null, team: null });
  });

  it('a lead without a region needs a team; the team gives it its region', async () => {
    const lead = await enterLead('无大区线索公司', 'shanghai1Rep', { regionId: null });
    expect(errorOf(await assign(lead, {}, 'eastDirector')).extensions?.code).toBe('NOT_FOUND');
    const withoutTeam = await assign(lead, {}, 'vp');
    expect(fieldsOf(withoutTeam)).toEqual(['input.teamId']);
    const withTeam = await assign(lead, { teamId: units.shanghai1 }, 'vp');
    expect(withTeam.data?.assignLead).toMatchObject({ team: { id: units.shanghai1 }, region: { id: units.east }, status: 'ASSIGNED' });
  });

  it('a stale version is refused and the lead stays unassigned', async () => {
    const lead = await enterLead('分配版本冲突公司');
    const response = await app.gql(ASSIGN_LEAD, { id: lead.id, version: lead.version + 1, input: { teamId: units.shanghai1 } }, await as('eastDirector'));
    expect(errorOf(response).extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect(await leadRow(lead.id)).toMatchObject({ status: 'NEW', owner: null, version: lead.version });
  });
});

async function leadOwnedBy(company: string, owner: PersonName): Promise<LeadResult> {
  const lead = await enterLead(company);
  const response = await assign(lead, { ownerId: userId(people[owner]) });
  expect(response.errors).toBeUndefined();
  return response.data!.assignLead;
}

describe('working a lead', () => {
  it('the owner records progress; disqualifying needs a reason; a disqualified lead is closed', async () => {
    const rep = await as('shanghai1Rep');
    let lead = await leadOwnedBy('跟进公司', 'shanghai1Rep');
    const contacted = await app.gql(UPDATE_LEAD_STATUS, { id: lead.id, version: lead.version, input: { status: 'CONTACTED' } }, rep);
    expect(contacted.data?.updateLeadStatus).toMatchObject({ status: 'CONTACTED', version: lead.version + 1 });
    lead = contacted.data!.updateLeadStatus;

    const withoutReason = await app.gql(UPDATE_LEAD_STATUS, { id: lead.id, version: lead.version, input: { status: 'DISQUALIFIED' } }, rep);
    expect(errorOf(withoutReason).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
    expect(fieldsOf(withoutReason)).toEqual(['input.reason']);
    expect((await leadRow(lead.id)).status).toBe('CONTACTED');

    const disqualified = await app.gql(UPDATE_LEAD_STATUS, { id: lead.id, version: lead.version, input: { status: 'DISQUALIFIED', reason: '无采购预算' } }, rep);
    expect(disqualified.data?.updateLeadStatus).toMatchObject({ status: 'DISQUALIFIED', disqualifiedReason: '无采购预算' });
    lead = disqualified.data!.updateLeadStatus;

    const again = await app.gql(UPDATE_LEAD_STATUS, { id: lead.id, version: lead.version, input: { status: 'QUALIFIED' } }, rep);
    expect(errorOf(again).extensions).toMatchObject({ code: 'CONFLICT', reason: 'LEAD_ALREADY_CONVERTED' });
    const reassign = await assign(lead, { teamId: units.shanghai1 });
    expect(errorOf(reassign).extensions).toMatchObject({ code: 'CONFLICT', reason: 'LEAD_ALREADY_CONVERTED' });
  });

  it('the owner’s manager may record progress; a teammate does not see the lead; service staff may not work leads', async () => {
    const lead = await leadOwnedBy('上级跟进公司', 'shanghai1Rep');
    const teammate = await app.gql(UPDATE_LEAD_STATUS, { id: lead.id, version: lead.version, input: { status: 'CONTACTED' } }, await as('shanghai1Teammate'));
    expect(errorOf(teammate).extensions?.code).toBe('NOT_FOUND');
    const service = await app.gql(UPDATE_LEAD_STATUS, { id: lead.id, version: lead.version, input: { status: 'CONTACTED' } }, await as('customerService'));
    expect(errorOf(service).extensions?.code).toBe('FORBIDDEN');
    const manager = await app.gql(UPDATE_LEAD_STATUS, { id: lead.id, version: lead.version, input: { status: 'QUALIFIED' } }, await as('shanghai1Manager'));
    expect(manager.data?.updateLeadStatus.status).toBe('QUALIFIED');
  });

  it('only the statuses set by hand are accepted', async () => {
    const lead = await leadOwnedBy('状态校验公司', 'shanghai1Rep');
    const response = await app.gql(UPDATE_LEAD_STATUS, { id: lead.id, version: lead.version, input: { status: 'CONVERTED' as never } }, await as('shanghai1Rep'));
    expect(errorOf(response).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await leadRow(lead.id)).status).toBe('ASSIGNED');
  });
});

describe('converting a lead', () => {
  async function countWhere() {
    const em = app.orm.em.fork();
    return {
      customers: (name: string) => em.count(Customer, { name }),
      opportunities: (name: string) => em.count(Opportunity, { name }),
      contacts: (name: string) => em.count(Contact, { name }),
    };
  }

  it('makes a customer, its primary contact and an opportunity at CONTACT owned by the lead’s owner, all at once', async () => {
    const rep = await as('shanghai1Rep');
    const lead = await leadOwnedBy('转化成功公司', 'shanghai1Rep');
    const response = await app.gql(
      CONVERT_LEAD,
      {
        id: lead.id,
        version: lead.version,
        input: {
          customer: { name: '转化成功公司', regionId: units.east, industry: '装备制造' },
          opportunity: { name: '转化首单', amount: '88000', expectedCloseDate: '2026-10-31', productLineIds: [catalog.sensorLine] },
        },
      },
      rep,
    );
    expect(response.errors).toBeUndefined();
    const { lead: converted, customer, opportunity } = response.data!.convertLead;
    expect(converted).toMatchObject({ status: 'CONVERTED', version: lead.version + 1, convertedCustomer: { id: customer.id }, convertedOpportunity: { id: opportunity.id } });
    expect(customer).toMatchObject({ name: '转化成功公司' });
    expect(customer.code).toMatch(/^C\d+/);
    expect(opportunity).toMatchObject({
      name: '转化首单',
      stage: 'CONTACT',
      amount: '88000',
      probability: 20,
      owner: { id: userId(people.shanghai1Rep) },
      customer: { id: customer.id },
      stageHistory: [{ fromStage: null, toStage: 'CONTACT' }],
    });

    const em = app.orm.em.fork();
    const contacts = await em.find(Contact, { customer: customer.id });
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ name: '陈先生', title: '采购经理', phone: '+86 138 0000 0000', email: 'chen@example.cn', isPrimary: true });
    expect((await em.findOneOrFail(Customer, customer.id)).owner.id).toBe(userId(people.shanghai1Rep));

    const read = await app.gql(LEAD, { id: lead.id }, rep);
    expect(read.data?.lead).toMatchObject({ status: 'CONVERTED', convertedCustomer: { id: customer.id }, convertedOpportunity: { id: opportunity.id } });

    const twice = await app.gql(
      CONVERT_LEAD,
      { id: lead.id, version: converted.version, input: { existingCustomerId: customer.id, opportunity: { name: '二次转化', amount: '1' } } },
      rep,
    );
    expect(errorOf(twice).extensions).toMatchObject({ code: 'CONFLICT', reason: 'LEAD_ALREADY_CONVERTED' });
    expect(await (await countWhere()).opportunities('二次转化')).toBe(0);
  });

  it('a duplicate customer gives its CONFLICT and nothing is written: the lead stays unconverted and no opportunity exists', async () => {
    await createCustomers(app, [{ name: '已存在客户有限公司', regionId: units.east, owner: 'shanghai2Rep' }]);
    const lead = await leadOwnedBy('已存在客户有限公司', 'shanghai1Rep');
    const response = await app.gql(
      CONVERT_LEAD,
      { id: lead.id, version: lead.version, input: { customer: { name: '已存在客户（有限公司）', regionId: units.east }, opportunity: { name: '重复客户商机', amount: '1000' } } },
      await as('shanghai1Rep'),
    );
    expect(errorOf(response).extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_CUSTOMER' });
    expect(await leadRow(lead.id)).toMatchObject({ status: 'ASSIGNED', version: lead.version, convertedCustomer: null, convertedOpportunity: null });
    const count = await countWhere();
    expect(await count.opportunities('重复客户商机')).toBe(0);
    expect(await count.customers('已存在客户（有限公司）')).toBe(0);
  });

  it('a failure after the customer was made rolls the customer back too', async () => {
    const lead = await leadOwnedBy('回滚公司', 'shanghai1Rep');
    const response = await app.gql(
      CONVERT_LEAD,
      {
        id: lead.id,
        version: lead.version,
        input: { customer: { name: '回滚公司', regionId: units.east }, opportunity: { name: '回滚商机', amount: '1000', productLineIds: ['8a4c7c42-6d63-4a4e-9a62-000000000000'] } },
      },
      await as('shanghai1Rep'),
    );
    expect(fieldsOf(response)).toEqual(['input.opportunity.productLineIds']);
    const count = await countWhere();
    expect(await count.customers('回滚公司')).toBe(0);
    expect(await count.opportunities('回滚商机')).toBe(0);
    expect((await leadRow(lead.id)).status).toBe('ASSIGNED');
  });

  it('needs exactly one of a new customer and an existing one', async () => {
    const lead = await leadOwnedBy('二选一公司', 'shanghai1Rep');
    const [existing] = await createCustomers(app, [{ name: '二选一现有客户', regionId: units.east, owner: 'shanghai1Rep' }]);
    const opportunity = { name: '二选一商机', amount: '1' };
    const both = await app.gql(
      CONVERT_LEAD,
      { id: lead.id, version: lead.version, input: { customer: { name: '二选一新客户', regionId: units.east }, existingCustomerId: existing, opportunity } },
      await as('shanghai1Rep'),
    );
    expect(errorOf(both).extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(both)).toEqual(['input.customer', 'input.existingCustomerId']);
    const neither = await app.gql(CONVERT_LEAD, { id: lead.id, version: lead.version, input: { opportunity } }, await as('shanghai1Rep'));
    expect(errorOf(neither).extensions?.code).toBe('BAD_USER_INPUT');
    const count = await countWhere();
    expect(await count.opportunities('二选一商机')).toBe(0);
    expect(await count.customers('二选一新客户')).toBe(0);
  });

  it('converts into a customer one can see, adding the contact; a customer one cannot see is refused', async () => {
    const rep = await as('shanghai1Rep');
    const [own, north] = await createCustomers(app, [
      { name: '老客户机械厂', regionId: units.east, owner: 'shanghai1Rep' },
      { name: '北方老客户', regionId: units.north, owner: 'northRep' },
    ]);
    const lead = await leadOwnedBy('老客户新需求', 'shanghai1Rep');
    const foreign = await app.gql(CONVERT_LEAD, { id: lead.id, version: lead.version, input: { existingCustomerId: north, opportunity: { name: '北方商机', amount: '1' } } }, rep);
    expect(fieldsOf(foreign)).toEqual(['input.existingCustomerId']);
    expect(await (await countWhere()).opportunities('北方商机')).toBe(0);

    const negative = await app.gql(CONVERT_LEAD, { id: lead.id, version: lead.version, input: { existingCustomerId: own, opportunity: { name: '负数商机', amount: '-3' } } }, rep);
    expect(fieldsOf(negative)).toEqual(['input.opportunity.amount']);

    const response = await app.gql(CONVERT_LEAD, { id: lead.id, version: lead.version, input: { existingCustomerId: own, opportunity: { name: '老客户商机', amount: '500' } } }, rep);
    expect(response.errors).toBeUndefined();
    expect(response.data?.convertLead.customer.id).toBe(own);
    const contacts = await app.orm.em.fork().find(Contact, { customer: own });
    expect(contacts.map((c) => [c.name, c.isPrimary])).toEqual([['陈先生', true]]);
  });

  it('an unassigned lead converted by the head of its region becomes their opportunity', async () => {
    const lead = await enterLead('未分配转化公司');
    const response = await app.gql(
      CONVERT_LEAD,
      { id: lead.id, version: lead.version, input: { customer: { name: '未分配转化公司', regionId: units.east }, opportunity: { name: '总监商机', amount: '100' } } },
      await as('eastDirector'),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.convertLead.opportunity.owner?.id).toBe(userId(people.eastDirector));
  });

  it('a teammate does not see the lead; service staff may not convert leads', async () => {
    const lead = await leadOwnedBy('无权转化公司', 'shanghai1Rep');
    const input = { customer: { name: '无权转化公司', regionId: units.east }, opportunity: { name: '无权商机', amount: '1' } };
    const teammate = await app.gql(CONVERT_LEAD, { id: lead.id, version: lead.version, input }, await as('shanghai1Teammate'));
    expect(errorOf(teammate).extensions?.code).toBe('NOT_FOUND');
    const service = await app.gql(CONVERT_LEAD, { id: lead.id, version: lead.version, input }, await as('customerService'));
    expect(errorOf(service).extensions?.code).toBe('FORBIDDEN');
    expect(await (await countWhere()).customers('无权转化公司')).toBe(0);
  });
});

describe('listing leads', () => {
  const prefix = '列表线索-';

  beforeAll(async () => {
    for (let i = 0; i < 5; i += 1) await enterLead(`${prefix}${i}`, 'eastDirector', { source: i % 2 === 0 ? 'EXHIBITION' : 'REFERRAL', contactName: `联系人${i}` });
    const [, second] = (await app.gql(LEADS, { first: 10, filter: { search: prefix } }, await as('vp'))).data!.leads.nodes;
    await app.gql(ASSIGN_LEAD, { id: second.id, version: 1, input: { ownerId: userId(people.shanghai1Rep) } }, await as('eastDirector'));
  });

  it('newest first, in keyset pages without duplicates', async () => {
    const vp = await as('vp');
    const companies: string[] = [];
    const created: string[] = [];
    let after: string | null | undefined = null;
    let pages = 0;
    do {
      const response: GraphQLResponse<ResultOf<typeof LEAD_PAGE>> = await app.gql(LEAD_PAGE, { first: 2, after, filter: { search: prefix } }, vp);
      companies.push(...response.data!.leads.nodes.map((n) => n.company));
      created.push(...response.data!.leads.nodes.map((n) => n.createdAt));
      after = response.data!.leads.pageInfo.hasNextPage ? response.data!.leads.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(companies).toEqual([4, 3, 2, 1, 0].map((i) => `${prefix}${i}`));
    expect([...created].sort().reverse()).toEqual(created);
  });

  it('filters by status, owner, team, region, source and company or contact name', async () => {
    const vp = await as('vp');
    const companies = async (filter: Record<string, unknown>) => {
      const response = await app.gql(LEADS, { first: 10, filter: { search: prefix, ...filter } }, vp);
      expect(response.errors).toBeUndefined();
      return response.data!.leads.nodes.map((n) => n.company.slice(prefix.length));
    };
    expect(await companies({ statuses: ['ASSIGNED'] })).toEqual(['3']);
    expect(await companies({ statuses: ['NEW'] })).toEqual(['4', '2', '1', '0']);
    expect(await companies({ ownerId: userId(people.shanghai1Rep) })).toEqual(['3']);
    expect(await companies({ teamId: units.shanghai1 })).toEqual(['3']);
    expect(await companies({ regionId: units.east })).toHaveLength(5);
    expect(await companies({ regionId: units.north })).toEqual([]);
    expect(await companies({ source: 'EXHIBITION' })).toEqual(['4', '2', '0']);
    const byContact = await app.gql(LEADS, { first: 10, filter: { search: '联系人3' } }, vp);
    expect(byContact.data?.leads.nodes.map((n) => n.company)).toEqual([`${prefix}3`]);
  });

  it('each sees their own: the owner, the heads of the region, nobody else in sales; service staff and partners see none', async () => {
    const visible = async (person: PersonName) => {
      const response = await app.gql(LEADS, { first: 10, filter: { search: prefix } }, await as(person));
      expect(response.errors).toBeUndefined();
      return response.data!.leads.totalCount;
    };
    expect(await visible('shanghai1Rep')).toBe(1);
    expect(await visible('shanghai1Teammate')).toBe(0);
    expect(await visible('shanghai1Manager')).toBe(1);
    expect(await visible('eastDirector')).toBe(5);
    expect(await visible('northDirector')).toBe(0);
    expect(await visible('customerService')).toBe(0);
    expect(await visible('partner')).toBe(0);
  });

  it('a page that does not ask for totalCount runs no count', async () => {
    const vp = await as('vp');
    app.resetQueries();
    await app.gql(LEAD_PAGE, { first: 2, filter: { search: prefix } }, vp);
    expect(app.queries.some((sql) => /count\(/i.test(sql))).toBe(false);
    app.resetQueries();
    await app.gql(LEADS, { first: 2, filter: { search: prefix } }, vp);
    expect(app.queries.filter((sql) => /count\(/i.test(sql))).toHaveLength(1);
  });
});
