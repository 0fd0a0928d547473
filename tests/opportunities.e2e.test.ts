import type { ResultOf } from '@graphql-typed-document-node/core';
import { QuoteStatus, OpportunityStage } from '../schema/pipeline/pipeline.enums';
import { Opportunity } from '../schema/pipeline/entities/opportunity.entity';
import { OpportunityStageChange } from '../schema/pipeline/entities/opportunity-stage-change.entity';
import { Quote } from '../schema/pipeline/entities/quote.entity';
import { PriceList } from '../schema/catalog/entities/price-list.entity';
import { User } from '../schema/org/entities/user.entity';
import { demoId } from '../seeds/demo-ids';
import { CREATE_API_KEY } from './graphql/documents';
import {
  CREATE_OPPORTUNITY,
  MOVE_OPPORTUNITY_STAGE,
  OPPORTUNITIES,
  OPPORTUNITY,
  OPPORTUNITY_AMOUNT,
  OPPORTUNITY_HISTORY,
  OPPORTUNITY_LIST_WITH_LINES,
  OPPORTUNITY_LIST_WITH_RELATIONS,
  OPPORTUNITY_PAGE,
  OPPORTUNITY_PAGE_COUNTED,
  UPDATE_OPPORTUNITY,
} from './graphql/pipeline.documents';
import { catalog, people, units, userId, type PersonName } from './fixtures/demo-people';
import { createCustomers, createOpportunities } from './fixtures/pipeline-data';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

const plcLine = demoId('product-line:PLC');

let app: TestApp;
const auths = new Map<string, Auth>();

async function as(person: PersonName): Promise<Auth> {
  const known = auths.get(person);
  if (known) return known;
  const auth = { token: await app.tokenFor(people[person].email) };
  auths.set(person, auth);
  return auth;
}

/** Customers of the scenarios: whose they are decides who sees their deals. */
let repCustomer: string;
let teammateCustomer: string;
let kamCustomer: string;
let distributorCustomer: string;
let southDirectCustomer: string;
let northCustomer: string;

beforeAll(async () => {
  app = await createTestApp();
  [repCustomer, teammateCustomer, kamCustomer, distributorCustomer, southDirectCustomer, northCustomer] = await createCustomers(app, [
    { name: '上海精密仪器有限公司', regionId: units.east, owner: 'shanghai1Rep' },
    { name: '浦东机电设备厂', regionId: units.east, owner: 'shanghai1Teammate' },
    { name: '苏州汽车零部件集团', regionId: units.east, owner: 'shanghai2Rep', keyAccountManager: 'keyAccountManager' },
    { name: '广州自动化工程公司', regionId: units.south, owner: 'southRep', throughDistributor: true },
    { name: '深圳电子制造有限公司', regionId: units.south, owner: 'southRep' },
    { name: '北京重工机械股份公司', regionId: units.north, owner: 'northRep' },
  ]);
});

afterAll(async () => {
  await app.close();
});

async function countOpportunitiesNamed(name: string): Promise<number> {
  return app.orm.em.fork().count(Opportunity, { name });
}

function errorOf(response: { errors?: readonly { extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[] }) {
  expect(response.errors?.length).toBeGreaterThan(0);
  return response.errors![0];
}

function fieldsOf(response: { errors?: readonly { extensions?: Record<string, unknown> }[] }): string[] {
  return ((errorOf(response).extensions?.fields as { path: string }[] | undefined) ?? []).map((f) => f.path);
}

describe('creating an opportunity', () => {
  it('a rep opens one for their customer at LEAD, in CNY, with the stage’s probability and a first history entry', async () => {
    const rep = await as('shanghai1Rep');
    const created = await app.gql(
      CREATE_OPPORTUNITY,
      { input: { customerId: repCustomer, name: 'PLC 改造项目', amount: '128000.50', productLineIds: [catalog.sensorLine, plcLine], expectedCloseDate: '2026-12-31', nextStep: '安排技术交流' } },
      rep,
    );
    expect(created.errors).toBeUndefined();
    const opportunity = created.data!.createOpportunity;
    expect(opportunity).toMatchObject({
      name: 'PLC 改造项目',
      stage: 'LEAD',
      amount: '128000.5',
      currency: 'CNY',
      probability: 10,
      expectedCloseDate: '2026-12-31',
      nextStep: '安排技术交流',
      version: 1,
      customer: { id: repCustomer, name: '上海精密仪器有限公司' },
      owner: { id: userId(people.shanghai1Rep), name: people.shanghai1Rep.name },
    });
    expect(opportunity.productLines.map((line) => line.code).sort()).toEqual(['PLC', 'SENSOR']);
    expect(opportunity.stageHistory).toHaveLength(1);
    expect(opportunity.stageHistory![0]).toMatchObject({ fromStage: null, toStage: 'LEAD', reason: null, changedBy: { id: userId(people.shanghai1Rep) } });
    expect(Date.parse(opportunity.stageHistory![0].changedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('the probability defaults from the starting stage, unless one is given', async () => {
    const rep = await as('shanghai1Rep');
    const atProposal = await app.gql(CREATE_OPPORTUNITY, { input: { customerId: repCustomer, name: '方案阶段商机', amount: '5000', stage: 'PROPOSAL' } }, rep);
    expect(atProposal.data?.createOpportunity).toMatchObject({ stage: 'PROPOSAL', probability: 60 });
    const given = await app.gql(CREATE_OPPORTUNITY, { input: { customerId: repCustomer, name: '自定概率商机', amount: '5000', stage: 'CONTACT', probability: 35 } }, rep);
    expect(given.data?.createOpportunity).toMatchObject({ stage: 'CONTACT', probability: 35 });
  });

  it('a manager opens one for a rep they manage; a rep may not name a teammate as owner', async () => {
    const byManager = await app.gql(
      CREATE_OPPORTUNITY,
      { input: { customerId: repCustomer, name: '组长代建商机', amount: '1000', ownerId: userId(people.shanghai1Rep) } },
      await as('shanghai1Manager'),
    );
    expect(byManager.data?.createOpportunity.owner?.id).toBe(userId(people.shanghai1Rep));

    const byRep = await app.gql(
      CREATE_OPPORTUNITY,
      { input: { customerId: repCustomer, name: '越权指派商机', amount: '1000', ownerId: userId(people.shanghai1Teammate) } },
      await as('shanghai1Rep'),
    );
    expect(errorOf(byRep).extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(byRep)).toEqual(['input.ownerId']);
    expect(await countOpportunitiesNamed('越权指派商机')).toBe(0);
  });

  it('refuses WON or LOST at creation: an opportunity is closed only by moving it', async () => {
    for (const stage of ['WON', 'LOST'] as const) {
      const response = await app.gql(CREATE_OPPORTUNITY, { input: { customerId: repCustomer, name: `直接${stage}`, amount: '100', stage } }, await as('shanghai1Rep'));
      expect(errorOf(response).extensions?.code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toEqual(['input.stage']);
      expect(await countOpportunitiesNamed(`直接${stage}`)).toBe(0);
    }
  });

  it('refuses a negative amount and writes nothing', async () => {
    const response = await app.gql(CREATE_OPPORTUNITY, { input: { customerId: repCustomer, name: '负金额商机', amount: '-1' } }, await as('shanghai1Rep'));
    expect(errorOf(response).extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(response)).toEqual(['input.amount']);
    expect(await countOpportunitiesNamed('负金额商机')).toBe(0);
  });

  it('refuses a customer the rep cannot see, exactly like one that does not exist', async () => {
    for (const customerId of [northCustomer, teammateCustomer, '8a4c7c42-6d63-4a4e-9a62-000000000000']) {
      const response = await app.gql(CREATE_OPPORTUNITY, { input: { customerId, name: '别人的客户', amount: '100' } }, await as('shanghai1Rep'));
      expect(errorOf(response).extensions?.code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toEqual(['input.customerId']);
    }
    expect(await countOpportunitiesNamed('别人的客户')).toBe(0);
  });

  it('refuses an unknown stage value before anything runs', async () => {
    const response = await app.gql(
      CREATE_OPPORTUNITY,
      { input: { customerId: repCustomer, name: '未知阶段', amount: '100', stage: 'CLOSED' as never } },
      await as('shanghai1Rep'),
    );
    expect(response.data).toBeUndefined();
    expect(errorOf(response).extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(/OpportunityStage/);
    expect(await countOpportunitiesNamed('未知阶段')).toBe(0);
  });

  it('refuses unknown or inactive product lines', async () => {
    const response = await app.gql(
      CREATE_OPPORTUNITY,
      { input: { customerId: repCustomer, name: '无效产品线', amount: '100', productLineIds: ['8a4c7c42-6d63-4a4e-9a62-000000000000'] } },
      await as('shanghai1Rep'),
    );
    expect(fieldsOf(response)).toEqual(['input.productLineIds']);
    expect(await countOpportunitiesNamed('无效产品线')).toBe(0);
  });

  it.each(['customerService', 'techSupport', 'finance', 'partner'] as const)('%s may not open opportunities', async (person) => {
    const response = await app.gql(CREATE_OPPORTUNITY, { input: { customerId: distributorCustomer, name: `非销售 ${person}`, amount: '100' } }, await as(person));
    expect(errorOf(response)).toMatchObject({ path: ['createOpportunity'], extensions: { code: 'FORBIDDEN' } });
    expect(await countOpportunitiesNamed(`非销售 ${person}`)).toBe(0);
  });

  it('an API key may not open opportunities, whatever its scopes', async () => {
    const key = await app.gql(
      CREATE_API_KEY,
      { input: { name: 'rep sync', scopes: ['READ_SALES', 'WRITE_LEADS'] } },
      await as('shanghai1Rep'),
    );
    const response = await app.gql(CREATE_OPPORTUNITY, { input: { customerId: repCustomer, name: '密钥商机', amount: '100' } }, { apiKey: key.data!.createApiKey.key });
    expect(errorOf(response).extensions?.code).toBe('FORBIDDEN');
    expect(await countOpportunitiesNamed('密钥商机')).toBe(0);
  });
});

async function open(person: PersonName, customerId: string, name: string, extra: Record<string, unknown> = {}) {
  const response = await app.gql(CREATE_OPPORTUNITY, { input: { customerId, name, amount: '20000', ...extra } }, await as(person));
  expect(response.errors).toBeUndefined();
  return response.data!.createOpportunity;
}

describe('changing an opportunity', () => {
  it('the owner changes its fields; each change bumps the version', async () => {
    const opportunity = await open('shanghai1Rep', repCustomer, '待修改商机', { productLineIds: [catalog.sensorLine] });
    const updated = await app.gql(
      UPDATE_OPPORTUNITY,
      {
        id: opportunity.id,
        version: opportunity.version,
        input: { name: '已修改商机', amount: '30000', probability: 25, nextStep: '报价', expectedCloseDate: '2027-01-15', productLineIds: [plcLine] },
      },
      await as('shanghai1Rep'),
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateOpportunity).toMatchObject({
      name: '已修改商机',
      amount: '30000',
      probability: 25,
      nextStep: '报价',
      expectedCloseDate: '2027-01-15',
      version: opportunity.version + 1,
      productLines: [{ code: 'PLC' }],
    });

    const cleared = await app.gql(
      UPDATE_OPPORTUNITY,
      { id: opportunity.id, version: opportunity.version + 1, input: { nextStep: null, expectedCloseDate: null } },
      await as('shanghai1Rep'),
    );
    expect(cleared.data?.updateOpportunity).toMatchObject({ nextStep: null, expectedCloseDate: null, name: '已修改商机', version: opportunity.version + 2 });
  });

  it('a stale version is refused and nothing changes', async () => {
    const opportunity = await open('shanghai1Rep', repCustomer, '版本冲突商机');
    await app.gql(UPDATE_OPPORTUNITY, { id: opportunity.id, version: opportunity.version, input: { amount: '1' } }, await as('shanghai1Rep'));
    const stale = await app.gql(UPDATE_OPPORTUNITY, { id: opportunity.id, version: opportunity.version, input: { amount: '2' } }, await as('shanghai1Manager'));
    expect(errorOf(stale).extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const read = await app.gql(OPPORTUNITY_AMOUNT, { id: opportunity.id }, await as('shanghai1Rep'));
    expect(read.data?.opportunity!.amount).toBe('1');
  });

  it('refuses a probability outside 0–100 and a negative amount', async () => {
    const opportunity = await open('shanghai1Rep', repCustomer, '校验商机');
    const tooLikely = await app.gql(UPDATE_OPPORTUNITY, { id: opportunity.id, version: opportunity.version, input: { probability: 101 } }, await as('shanghai1Rep'));
    expect(fieldsOf(tooLikely)).toEqual(['input.probability']);
    const negative = await app.gql(UPDATE_OPPORTUNITY, { id: opportunity.id, version: opportunity.version, input: { amount: '-5' } }, await as('shanghai1Rep'));
    expect(fieldsOf(negative)).toEqual(['input.amount']);
    const read = await app.gql(OPPORTUNITY, { id: opportunity.id }, await as('shanghai1Rep'));
    expect(read.data?.opportunity).toMatchObject({ amount: '20000', probability: 10, version: opportunity.version });
  });

  it('a teammate cannot change it (to them it does not exist); finance may not change deals at all', async () => {
    const opportunity = await open('shanghai1Rep', repCustomer, '同事不可改');
    const teammate = await app.gql(UPDATE_OPPORTUNITY, { id: opportunity.id, version: opportunity.version, input: { name: 'x' } }, await as('shanghai1Teammate'));
    expect(errorOf(teammate).extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'OPPORTUNITY_NOT_FOUND' });
    const finance = await app.gql(UPDATE_OPPORTUNITY, { id: opportunity.id, version: opportunity.version, input: { name: 'x' } }, await as('finance'));
    expect(errorOf(finance).extensions?.code).toBe('FORBIDDEN');
    const read = await app.gql(OPPORTUNITY, { id: opportunity.id }, await as('shanghai1Rep'));
    expect(read.data?.opportunity).toMatchObject({ name: '同事不可改', version: opportunity.version });
  });

  it('a closed opportunity is not changed until it is reopened', async () => {
    const opportunity = await open('shanghai1Rep', repCustomer, '已丢单商机');
    const lost = await app.gql(MOVE_OPPORTUNITY_STAGE, { id: opportunity.id, version: opportunity.version, input: { stage: 'LOST', reason: '预算取消' } }, await as('shanghai1Rep'));
    const closed = lost.data!.moveOpportunityStage;
    const response = await app.gql(UPDATE_OPPORTUNITY, { id: opportunity.id, version: closed.version, input: { amount: '1' } }, await as('shanghai1Rep'));
    expect(errorOf(response).extensions).toMatchObject({ code: 'CONFLICT', reason: 'OPPORTUNITY_CLOSED' });
  });
});

describe('moving through the sales process', () => {
  it('forward freely, back and lost only with a reason, won only with an accepted quote, reopened only with a reason; every step in the history', async () => {
    const rep = await as('shanghai1Rep');
    const opportunity = await open('shanghai1Rep', repCustomer, '流程商机');
    let version = opportunity.version;
    const move = (input: { stage: OpportunityStage | `${OpportunityStage}`; reason?: string; probability?: number }, auth = rep) =>
      app.gql(MOVE_OPPORTUNITY_STAGE, { id: opportunity.id, version, input: input as never }, auth);

    const won = await move({ stage: 'WON' });
    expect(errorOf(won).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WON_NEEDS_ACCEPTED_QUOTE' });

    const contact = await move({ stage: 'CONTACT' });
    expect(contact.data?.moveOpportunityStage).toMatchObject({ stage: 'CONTACT', probability: 20 });
    version = contact.data!.moveOpportunityStage.version;

    const proposal = await move({ stage: 'PROPOSAL' });
    expect(proposal.data?.moveOpportunityStage).toMatchObject({ stage: 'PROPOSAL', probability: 60 });
    version = proposal.data!.moveOpportunityStage.version;

    const backWithoutReason = await move({ stage: 'NEEDS_ANALYSIS' });
    expect(errorOf(backWithoutReason).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
    expect(fieldsOf(backWithoutReason)).toEqual(['input.reason']);

    const back = await move({ stage: 'NEEDS_ANALYSIS', reason: '客户需求变更', probability: 45 });
    expect(back.data?.moveOpportunityStage).toMatchObject({ stage: 'NEEDS_ANALYSIS', probability: 45 });
    version = back.data!.moveOpportunityStage.version;

    const lostWithoutReason = await move({ stage: 'LOST' });
    expect(errorOf(lostWithoutReason).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });

    const lost = await move({ stage: 'LOST', reason: '竞争对手价格更低' });
    expect(lost.data?.moveOpportunityStage).toMatchObject({ stage: 'LOST', probability: 0, lostReason: '竞争对手价格更低' });
    expect(lost.data?.moveOpportunityStage.closedAt).not.toBeNull();
    version = lost.data!.moveOpportunityStage.version;

    const reopenWithoutReason = await move({ stage: 'CONTACT' });
    expect(errorOf(reopenWithoutReason).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
    const lostToWon = await move({ stage: 'WON', reason: '直接赢单' });
    expect(errorOf(lostToWon).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STAGE_MOVE_NOT_ALLOWED' });

    const reopened = await move({ stage: 'NEGOTIATION', reason: '客户重新启动采购' }, await as('shanghai1Manager'));
    expect(reopened.data?.moveOpportunityStage).toMatchObject({ stage: 'NEGOTIATION', probability: 80, closedAt: null, lostReason: null });
    version = reopened.data!.moveOpportunityStage.version;

    const history = reopened.data!.moveOpportunityStage.stageHistory!;
    expect(history.map((h) => [h.fromStage, h.toStage, h.reason])).toEqual([
      [null, 'LEAD', null],
      ['LEAD', 'CONTACT', null],
      ['CONTACT', 'PROPOSAL', null],
      ['PROPOSAL', 'NEEDS_ANALYSIS', '客户需求变更'],
      ['NEEDS_ANALYSIS', 'LOST', '竞争对手价格更低'],
      ['LOST', 'NEGOTIATION', '客户重新启动采购'],
    ]);
    expect(history.at(-1)?.changedBy?.id).toBe(userId(people.shanghai1Manager));
    expect(history.slice(0, -1).every((h) => h.changedBy?.id === userId(people.shanghai1Rep))).toBe(true);
    const times = history.map((h) => Date.parse(h.changedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // An accepted quote (quotes are another module's; set up here in the database) lets it be won.
    const em = app.orm.em.fork();
    em.create(Quote, {
      number: `QT-${opportunity.id.slice(0, 8)}`,
      opportunity: em.getReference(Opportunity, opportunity.id),
      status: QuoteStatus.ACCEPTED,
      priceList: em.getReference(PriceList, catalog.directPriceList),
      validUntil: '2026-12-31',
      listTotal: '20000',
      total: '20000',
      maxDiscountPercent: '0',
      createdBy: em.getReference(User, userId(people.shanghai1Rep)),
      acceptedAt: new Date(),
    });
    await em.flush();
    const nowWon = await move({ stage: 'WON' });
    expect(nowWon.errors).toBeUndefined();
    expect(nowWon.data?.moveOpportunityStage).toMatchObject({ stage: 'WON', probability: 100 });
    expect(nowWon.data?.moveOpportunityStage.stageHistory).toHaveLength(7);
  });

  it('a refused move writes nothing: neither the stage nor a history entry', async () => {
    const opportunity = await open('shanghai1Rep', repCustomer, '拒绝移动商机');
    await app.gql(MOVE_OPPORTUNITY_STAGE, { id: opportunity.id, version: opportunity.version, input: { stage: 'WON' } }, await as('shanghai1Rep'));
    await app.gql(MOVE_OPPORTUNITY_STAGE, { id: opportunity.id, version: opportunity.version, input: { stage: 'LOST' } }, await as('shanghai1Rep'));
    const read = await app.gql(OPPORTUNITY, { id: opportunity.id }, await as('shanghai1Rep'));
    expect(read.data?.opportunity).toMatchObject({ stage: 'LEAD', version: opportunity.version });
    expect(await app.orm.em.fork().count(OpportunityStageChange, { opportunity: opportunity.id })).toBe(1);
  });

  it('a stale version is refused', async () => {
    const opportunity = await open('shanghai1Rep', repCustomer, '移动版本冲突');
    await app.gql(MOVE_OPPORTUNITY_STAGE, { id: opportunity.id, version: opportunity.version, input: { stage: 'CONTACT' } }, await as('shanghai1Rep'));
    const stale = await app.gql(MOVE_OPPORTUNITY_STAGE, { id: opportunity.id, version: opportunity.version, input: { stage: 'PROPOSAL' } }, await as('shanghai1Rep'));
    expect(errorOf(stale).extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect(await app.orm.em.fork().count(OpportunityStageChange, { opportunity: opportunity.id })).toBe(2);
  });

  it('the customer’s key account manager may move it; a director of another region and a teammate may not', async () => {
    const opportunity = await open('shanghai2Rep', kamCustomer, '大客户商机');
    const byKam = await app.gql(MOVE_OPPORTUNITY_STAGE, { id: opportunity.id, version: opportunity.version, input: { stage: 'CONTACT' } }, await as('keyAccountManager'));
    expect(byKam.data?.moveOpportunityStage.stage).toBe('CONTACT');
    const version = byKam.data!.moveOpportunityStage.version;
    for (const person of ['northDirector', 'shanghai1Rep'] as const) {
      const response = await app.gql(MOVE_OPPORTUNITY_STAGE, { id: opportunity.id, version, input: { stage: 'PROPOSAL' } }, await as(person));
      expect(errorOf(response).extensions?.code).toBe('NOT_FOUND');
    }
    const byCustomerService = await app.gql(MOVE_OPPORTUNITY_STAGE, { id: opportunity.id, version, input: { stage: 'PROPOSAL' } }, await as('customerService'));
    expect(errorOf(byCustomerService).extensions?.code).toBe('FORBIDDEN');
  });

  it('an unknown stage is refused by GraphQL', async () => {
    const opportunity = await open('shanghai1Rep', repCustomer, '未知目标阶段');
    const response = await app.gql(MOVE_OPPORTUNITY_STAGE, { id: opportunity.id, version: opportunity.version, input: { stage: 'SIGNED' as never } }, await as('shanghai1Rep'));
    expect(response.data).toBeUndefined();
    expect(errorOf(response).extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('who sees which opportunities', () => {
  const prefix = '可见性-';
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const names = ['rep', 'teammate', 'kam', 'distributor', 'southDirect', 'north'] as const;
    const created = await createOpportunities(app, [
      { name: `${prefix}rep`, customerId: repCustomer, owner: 'shanghai1Rep', amount: '100' },
      { name: `${prefix}teammate`, customerId: teammateCustomer, owner: 'shanghai1Teammate', amount: '200' },
      { name: `${prefix}kam`, customerId: kamCustomer, owner: 'shanghai2Rep', amount: '300' },
      { name: `${prefix}distributor`, customerId: distributorCustomer, owner: 'southRep', amount: '400' },
      { name: `${prefix}southDirect`, customerId: southDirectCustomer, owner: 'southRep', amount: '500' },
      { name: `${prefix}north`, customerId: northCustomer, owner: 'northRep', amount: '600' },
    ]);
    names.forEach((name, i) => (ids[name] = created[i]));
  });

  const EXPECTED: { person: PersonName; sees: string[]; amountHidden?: boolean }[] = [
    { person: 'shanghai1Rep', sees: ['rep'] },
    { person: 'shanghai1Teammate', sees: ['teammate'] },
    { person: 'shanghai1Manager', sees: ['rep', 'teammate'] },
    { person: 'eastDirector', sees: ['rep', 'teammate', 'kam'] },
    { person: 'northDirector', sees: ['north'] },
    { person: 'keyAccountManager', sees: ['kam'] },
    { person: 'vp', sees: ['rep', 'teammate', 'kam', 'distributor', 'southDirect', 'north'] },
    { person: 'admin', sees: ['rep', 'teammate', 'kam', 'distributor', 'southDirect', 'north'] },
    { person: 'finance', sees: ['rep', 'teammate', 'kam', 'distributor', 'southDirect', 'north'], amountHidden: true },
    { person: 'customerService', sees: [] },
    { person: 'techSupport', sees: [] },
    { person: 'partner', sees: ['distributor'], amountHidden: true },
  ];

  it.each(EXPECTED)('$person sees $sees', async ({ person, sees, amountHidden }) => {
    const response = await app.gql(OPPORTUNITIES, { first: 50, filter: { search: prefix }, orderBy: 'NAME_ASC' }, await as(person));
    const nodes = response.data!.opportunities.nodes;
    expect(nodes.map((n) => n.name.slice(prefix.length)).sort()).toEqual([...sees].sort());
    expect(response.data!.opportunities.totalCount).toBe(sees.length);
    if (amountHidden) {
      expect(nodes.every((n) => n.amount === null)).toBe(true);
      expect(response.errors?.length).toBe(nodes.length);
      expect(response.errors?.every((e) => e.extensions?.code === 'FORBIDDEN' && e.path?.at(-1) === 'amount')).toBe(true);
    } else {
      expect(response.errors).toBeUndefined();
      expect(nodes.every((n) => n.amount !== null)).toBe(true);
    }
  });

  it('a single opportunity outside one’s scope is NOT_FOUND, like a missing one', async () => {
    const response = await app.gql(OPPORTUNITY_AMOUNT, { id: ids.north }, await as('shanghai1Rep'));
    expect(errorOf(response).extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'OPPORTUNITY_NOT_FOUND' });
  });

  it('the customer reads as null when it lies outside one’s scope, though the deal is one’s own', async () => {
    const [id] = await createOpportunities(app, [{ name: '客户不可见商机', customerId: northCustomer, owner: 'shanghai1Rep', amount: '10' }]);
    const response = await app.gql(OPPORTUNITY, { id }, await as('shanghai1Rep'));
    expect(response.errors).toBeUndefined();
    expect(response.data?.opportunity).toMatchObject({ id, customer: null, owner: { id: userId(people.shanghai1Rep) } });
  });

  it('partners see neither the probability, the next step nor the stage history', async () => {
    const response = await app.gql(OPPORTUNITY, { id: ids.distributor }, await as('partner'));
    expect(response.data?.opportunity).toMatchObject({ id: ids.distributor, amount: null, probability: null, nextStep: null, stageHistory: null });
    expect(response.data?.opportunity!.customer?.id).toBe(distributorCustomer);
    expect(new Set(response.errors?.map((e) => e.path?.at(-1)))).toEqual(new Set(['amount', 'probability', 'nextStep', 'stageHistory']));
  });

  it('an API key reads opportunities only with READ_SALES', async () => {
    const admin = await as('admin');
    const withScope = await app.gql(CREATE_API_KEY, { input: { name: 'bi', scopes: ['READ_SALES'], userId: userId(people.integration) } }, admin);
    const withoutScope = await app.gql(CREATE_API_KEY, { input: { name: 'org', scopes: ['READ_ORG'], userId: userId(people.integration) } }, admin);
    const allowed = await app.gql(OPPORTUNITIES, { first: 50, filter: { search: prefix } }, { apiKey: withScope.data!.createApiKey.key });
    expect(allowed.data?.opportunities.totalCount).toBe(6);
    const refused = await app.gql(OPPORTUNITIES, { first: 50, filter: { search: prefix } }, { apiKey: withoutScope.data!.createApiKey.key });
    expect(errorOf(refused)).toMatchObject({ path: ['opportunities'], extensions: { code: 'FORBIDDEN' } });
  });

  it('filtering or sorting by amount as finance returns no rows whose amount is hidden', async () => {
    const finance = await as('finance');
    const filtered = await app.gql(OPPORTUNITIES, { first: 50, filter: { search: prefix, amountMin: '0' } }, finance);
    expect(filtered.errors).toBeUndefined();
    expect(filtered.data?.opportunities.nodes).toEqual([]);
    for (const orderBy of ['AMOUNT_DESC', 'AMOUNT_ASC'] as const) {
      const sorted = await app.gql(OPPORTUNITIES, { first: 50, filter: { search: prefix }, orderBy }, finance);
      expect(sorted.data?.opportunities.nodes).toEqual([]);
      expect(sorted.data?.opportunities.totalCount).toBe(0);
    }
    const partnerSorted = await app.gql(OPPORTUNITIES, { first: 50, filter: { search: prefix }, orderBy: 'AMOUNT_DESC' }, await as('partner'));
    expect(partnerSorted.data?.opportunities.nodes).toEqual([]);
  });

  it('sorting by amount lists only the amounts one may read, in order', async () => {
    const manager = await app.gql(OPPORTUNITIES, { first: 50, filter: { search: prefix }, orderBy: 'AMOUNT_DESC' }, await as('shanghai1Manager'));
    expect(manager.data?.opportunities.nodes.map((n) => n.amount)).toEqual(['200', '100']);
    const vp = await app.gql(OPPORTUNITIES, { first: 50, filter: { search: prefix }, orderBy: 'AMOUNT_ASC' }, await as('vp'));
    expect(vp.data?.opportunities.nodes.map((n) => n.amount)).toEqual(['100', '200', '300', '400', '500', '600']);
    const vpRange = await app.gql(OPPORTUNITIES, { first: 50, filter: { search: prefix, amountMin: '250', amountMax: '450' }, orderBy: 'AMOUNT_DESC' }, await as('vp'));
    expect(vpRange.data?.opportunities.nodes.map((n) => n.amount)).toEqual(['400', '300']);
  });

  it('filters by owners, team subtree, customer region, customer and stage', async () => {
    const vp = await as('vp');
    const names = async (filter: Record<string, unknown>) => {
      const response = await app.gql(OPPORTUNITIES, { first: 50, filter: { search: prefix, ...filter }, orderBy: 'NAME_ASC' }, vp);
      expect(response.errors).toBeUndefined();
      return response.data!.opportunities.nodes.map((n) => n.name.slice(prefix.length)).sort();
    };
    expect(await names({ ownerIds: [userId(people.shanghai1Rep), userId(people.northRep)] })).toEqual(['north', 'rep']);
    expect(await names({ teamId: units.shanghai1 })).toEqual(['rep', 'teammate']);
    expect(await names({ teamId: units.east })).toEqual(['kam', 'rep', 'teammate']);
    expect(await names({ regionId: units.south })).toEqual(['distributor', 'southDirect']);
    expect(await names({ customerId: kamCustomer })).toEqual(['kam']);
    expect(await names({ stages: ['LEAD'] })).toHaveLength(6);
    expect(await names({ stages: ['WON', 'LOST'] })).toEqual([]);
  });
});

describe('paging and sorting', () => {
  const prefix = '分页-';
  let all: string[];

  beforeAll(async () => {
    all = await createOpportunities(
      app,
      Array.from({ length: 7 }, (_, i) => ({
        name: `${prefix}${String.fromCharCode(65 + ((i * 3) % 7))}`,
        customerId: repCustomer,
        owner: 'shanghai1Rep' as const,
        amount: String(1000 * ((i * 5) % 7) + 1),
        expectedCloseDate: i === 6 ? null : `2026-0${1 + ((i * 2) % 7)}-15`,
      })),
    );
  });

  it.each(['CREATED_AT_DESC', 'NAME_ASC', 'AMOUNT_DESC', 'AMOUNT_ASC'] as const)('%s pages through 3 pages without duplicates or gaps', async (orderBy) => {
    const rep = await as('shanghai1Rep');
    const seen: { id: string; name: string; amount: unknown }[] = [];
    const pageSizes: number[] = [];
    let after: string | null | undefined = null;
    for (let page = 0; page < 5; page += 1) {
      const response: GraphQLResponse<ResultOf<typeof OPPORTUNITY_PAGE>> = await app.gql(
        OPPORTUNITY_PAGE,
        { first: 3, after, filter: { search: prefix }, orderBy },
        rep,
      );
      expect(response.errors).toBeUndefined();
      const connection = response.data!.opportunities;
      pageSizes.push(connection.edges.length);
      seen.push(...connection.edges.map((e) => e.node));
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pageSizes).toEqual([3, 3, 1]);
    expect(new Set(seen.map((n) => n.id)).size).toBe(7);
    expect(seen.map((n) => n.id).sort()).toEqual([...all].sort());
    if (orderBy === 'NAME_ASC') expect(seen.map((n) => n.name)).toEqual(seen.map((n) => n.name).sort());
    if (orderBy === 'AMOUNT_DESC') expect(seen.map((n) => Number(n.amount))).toEqual(seen.map((n) => Number(n.amount)).sort((a, b) => b - a));
    if (orderBy === 'AMOUNT_ASC') expect(seen.map((n) => Number(n.amount))).toEqual(seen.map((n) => Number(n.amount)).sort((a, b) => a - b));
  });

  it('CLOSE_DATE_ASC pages by expected close date and leaves undated ones out', async () => {
    const rep = await as('shanghai1Rep');
    const dates: (string | null)[] = [];
    let after: string | null | undefined = null;
    do {
      const response: GraphQLResponse<ResultOf<typeof OPPORTUNITIES>> = await app.gql(
        OPPORTUNITIES,
        { first: 2, after, filter: { search: prefix }, orderBy: 'CLOSE_DATE_ASC' },
        rep,
      );
      dates.push(...response.data!.opportunities.nodes.map((n) => n.expectedCloseDate ?? null));
      after = response.data!.opportunities.pageInfo.hasNextPage ? response.data!.opportunities.pageInfo.endCursor : null;
    } while (after);
    expect(dates).toHaveLength(6);
    expect(dates).toEqual([...dates].sort());
    const ranged = await app.gql(OPPORTUNITIES, { first: 10, filter: { search: prefix, closeDateFrom: '2026-03-01', closeDateTo: '2026-05-31' } }, rep);
    expect(ranged.data?.opportunities.nodes.every((n) => n.expectedCloseDate! >= '2026-03-01' && n.expectedCloseDate! <= '2026-05-31')).toBe(true);
    expect(ranged.data?.opportunities.totalCount).toBeGreaterThan(0);
  });

  it('a cursor from another order is refused', async () => {
    const response = await app.gql(OPPORTUNITY_PAGE, { first: 3, after: 'not-a-cursor', filter: { search: prefix } }, await as('shanghai1Rep'));
    expect(errorOf(response).extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(response)).toEqual(['after']);
  });
});

describe('statements per page', () => {
  const prefix = '批量-';

  beforeAll(async () => {
    const [a, b, c] = await createCustomers(app, [
      { name: '批量客户甲', regionId: units.east, owner: 'shanghai1Rep' },
      { name: '批量客户乙', regionId: units.east, owner: 'shanghai1Teammate' },
      { name: '批量客户丙', regionId: units.east, owner: 'shanghai2Rep', keyAccountManager: 'keyAccountManager' },
    ]);
    const owners: PersonName[] = ['shanghai1Rep', 'shanghai1Teammate', 'shanghai2Rep'];
    await createOpportunities(
      app,
      Array.from({ length: 60 }, (_, i) => ({
        name: `${prefix}${String(i).padStart(2, '0')}`,
        customerId: [a, b, c][i % 3],
        owner: owners[i % 3],
        amount: String(100 + i),
        productLineIds: i % 2 === 0 ? [catalog.sensorLine, plcLine] : [plcLine],
      })),
    );
  });

  async function statementsFor(run: () => Promise<{ errors?: unknown }>): Promise<number> {
    app.resetQueries();
    const response = await run();
    expect(response.errors).toBeUndefined();
    return app.queries.length;
  }

  it('a page with customer { name tier } and owner { name } costs the same for 10 rows as for 50', async () => {
    const vp = await as('vp');
    const ten = await statementsFor(() => app.gql(OPPORTUNITY_LIST_WITH_RELATIONS, { first: 10, filter: { search: prefix } }, vp));
    const fifty = await statementsFor(() => app.gql(OPPORTUNITY_LIST_WITH_RELATIONS, { first: 50, filter: { search: prefix } }, vp));
    expect(fifty).toBe(ten);
    // Signing in (1), the page (1), its customers (1), its owners (1); no count, since totalCount was not asked for.
    expect(fifty).toBe(4);
    const check = await app.gql(OPPORTUNITY_LIST_WITH_RELATIONS, { first: 50, filter: { search: prefix } }, vp);
    expect(check.data?.opportunities.nodes).toHaveLength(50);
    expect(check.data?.opportunities.nodes.every((n) => n.customer?.name.startsWith('批量客户') && n.customer.tier === 'B' && n.owner?.name)).toBe(true);
  });

  it('the same holds for a key account manager, whose amount rule reads the customers', async () => {
    const kam = await as('keyAccountManager');
    const ten = await statementsFor(() => app.gql(OPPORTUNITIES, { first: 5, filter: { search: prefix } }, kam));
    const twenty = await statementsFor(() => app.gql(OPPORTUNITIES, { first: 20, filter: { search: prefix } }, kam));
    expect(twenty).toBe(ten);
  });

  it('product lines and stage history with who changed it cost one statement each for a whole page', async () => {
    const vp = await as('vp');
    const ten = await statementsFor(() => app.gql(OPPORTUNITY_LIST_WITH_LINES, { first: 10, filter: { search: prefix } }, vp));
    const fifty = await statementsFor(() => app.gql(OPPORTUNITY_LIST_WITH_LINES, { first: 50, filter: { search: prefix } }, vp));
    expect(fifty).toBe(ten);
    // Signing in (1), the page, its product lines, its stage history, the people who changed it.
    expect(fifty).toBe(5);
    const check = await app.gql(OPPORTUNITY_LIST_WITH_LINES, { first: 60, filter: { search: prefix } }, vp);
    const nodes = check.data!.opportunities.nodes;
    expect(nodes).toHaveLength(60);
    expect(nodes.every((n) => n.productLines.length >= 1 && n.stageHistory?.length === 1 && n.stageHistory[0].changedBy?.name)).toBe(true);
    expect(nodes.filter((n) => n.productLines.length === 2)).toHaveLength(30);
  });

  it('a page that does not ask for totalCount runs no count', async () => {
    const vp = await as('vp');
    const withCount = await statementsFor(() => app.gql(OPPORTUNITY_PAGE_COUNTED, { first: 10, filter: { search: prefix } }, vp));
    const withoutCount = await statementsFor(() => app.gql(OPPORTUNITY_PAGE, { first: 10, filter: { search: prefix } }, vp));
    expect(withoutCount).toBe(withCount - 1);
    app.resetQueries();
    await app.gql(OPPORTUNITY_PAGE, { first: 10, filter: { search: prefix } }, vp);
    expect(app.queries.some((sql) => /count\(/i.test(sql))).toBe(false);
  });

  it('the stage history of a single opportunity is read oldest first', async () => {
    const opportunity = await open('shanghai1Rep', repCustomer, '历史顺序');
    const moved = await app.gql(MOVE_OPPORTUNITY_STAGE, { id: opportunity.id, version: opportunity.version, input: { stage: 'CONTACT' } }, await as('shanghai1Rep'));
    await app.gql(MOVE_OPPORTUNITY_STAGE, { id: opportunity.id, version: moved.data!.moveOpportunityStage.version, input: { stage: 'PROPOSAL' } }, await as('shanghai1Rep'));
    const read = await app.gql(OPPORTUNITY_HISTORY, { id: opportunity.id }, await as('shanghai1Manager'));
    expect(read.data?.opportunity!.stageHistory?.map((h) => h.toStage)).toEqual(['LEAD', 'CONTACT', 'PROPOSAL']);
  });
});
