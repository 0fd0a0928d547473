import type { ResultOf } from '@graphql-typed-document-node/core';
import { randomBytes } from 'node:crypto';
import { SalesChannel } from '../schema/catalog/catalog.enums';
import { PriceList } from '../schema/catalog/entities/price-list.entity';
import { PriceListEntry } from '../schema/catalog/entities/price-list-entry.entity';
import { Product } from '../schema/catalog/entities/product.entity';
import { ProductLine } from '../schema/catalog/entities/product-line.entity';
import { Distributor } from '../schema/channels/distributor.entity';
import { customerNameKey } from '../schema/customers/customers.service';
import { Customer } from '../schema/customers/entities/customer.entity';
import { OrgUnit } from '../schema/org/entities/org-unit.entity';
import { User } from '../schema/org/entities/user.entity';
import { ApprovalRequest } from '../schema/pipeline/entities/approval-request.entity';
import { Opportunity } from '../schema/pipeline/entities/opportunity.entity';
import { OpportunityStageChange } from '../schema/pipeline/entities/opportunity-stage-change.entity';
import { Quote } from '../schema/pipeline/entities/quote.entity';
import { OpportunityStage } from '../schema/pipeline/pipeline.enums';
import { demoId } from '../seeds/demo-ids';
import { catalog, people, units, userId } from './fixtures/demo-people';
import {
  ACCEPT_QUOTE,
  APPROVAL,
  APPROVAL_QUEUE_WITH_LINES,
  APPROVALS,
  APPROVE,
  CREATE_QUOTE,
  OPPORTUNITY_QUOTES,
  QUOTE,
  QUOTE_COSTS,
  QUOTES_OF_OPPORTUNITY,
  REJECT,
  SUBMIT_QUOTE,
} from './graphql/quotes.documents';
import type { DemoPerson } from '../seeds/demo-company.data';
import { errorOf } from './support/errors';
import { createTestApp, type TestApp } from './support/test-app';

let app: TestApp;
const VALID_UNTIL = '2099-12-31';
/** A product priced only in the nationwide distributor list (made in beforeAll). */
let nationwideOnlyProductId: string;

async function as(person: DemoPerson): Promise<{ token: string }> {
  return { token: await app.tokenFor(person.email) };
}

interface DealOptions {
  owner: DemoPerson;
  region?: string;
  channel?: SalesChannel;
  keyAccountManager?: DemoPerson;
  stage?: OpportunityStage;
}

/** Setup only: a customer and an opportunity written with the ORM (the pipeline's own create lives elsewhere). */
async function createDeal(options: DealOptions): Promise<string> {
  const em = app.orm.em.fork();
  const suffix = randomBytes(4).toString('hex');
  const name = `测试客户 ${suffix}`;
  const channel = options.channel ?? SalesChannel.DIRECT;
  const customer = em.create(Customer, {
    code: `T${suffix}`,
    name,
    nameKey: customerNameKey(name),
    region: em.getReference(OrgUnit, options.region ?? units.east),
    owner: em.getReference(User, userId(options.owner)),
    channel,
    distributor: channel === SalesChannel.DISTRIBUTOR ? em.getReference(Distributor, demoId('distributor:D-GD-001')) : null,
    keyAccountManager: options.keyAccountManager ? em.getReference(User, userId(options.keyAccountManager)) : null,
  });
  const opportunity = em.create(Opportunity, {
    name: `商机 ${suffix}`,
    customer,
    owner: em.getReference(User, userId(options.owner)),
    amount: '100000',
    stage: options.stage ?? OpportunityStage.PROPOSAL,
  });
  await em.flush();
  return opportunity.id;
}

function pt100Line(quantity: number, discountPercent: string) {
  return { productId: catalog.pt100, quantity, discountPercent };
}

/** A quote for a fresh deal of `owner`, one PT100 line at `discountPercent`, made by `owner`. */
async function draftQuote(owner: DemoPerson, discountPercent: string, deal: Partial<DealOptions> = {}) {
  const opportunityId = await createDeal({ owner, ...deal });
  const created = await app.gql(CREATE_QUOTE, { input: { opportunityId, validUntil: VALID_UNTIL, lines: [pt100Line(1, discountPercent)] } }, await as(owner));
  expect(created.errors).toBeUndefined();
  return { opportunityId, quote: created.data!.createQuote };
}

async function submittedQuote(owner: DemoPerson, discountPercent: string, deal: Partial<DealOptions> = {}) {
  const { opportunityId, quote } = await draftQuote(owner, discountPercent, deal);
  const submitted = await app.gql(SUBMIT_QUOTE, { id: quote.id, version: quote.version, note: '客户要求' }, await as(owner));
  expect(submitted.errors).toBeUndefined();
  return { opportunityId, quote: submitted.data!.submitQuote };
}

async function quoteCount(opportunityId: string): Promise<number> {
  return app.orm.em.fork().count(Quote, { opportunity: opportunityId });
}

beforeAll(async () => {
  app = await createTestApp();
  const em = app.orm.em.fork();
  // The demo lists are dated 2026; keep the ones that end within reach valid whatever day the tests run.
  await em.execute(`update price_list set valid_to = greatest(valid_to, current_date) where valid_to is not null and id in (?, ?, ?)`, [
    catalog.distributorPriceList,
    catalog.southPromoPriceList,
    catalog.onlinePriceList,
  ]);
  const product = em.create(Product, {
    sku: 'SEN-NATIONWIDE-01',
    name: '全国经销专供传感器',
    unit: '支',
    productLine: em.getReference(ProductLine, catalog.sensorLine),
    unitCost: '100.00',
  });
  em.create(PriceListEntry, { priceList: em.getReference(PriceList, catalog.distributorPriceList), product, listPrice: '135.00', floorPrice: '108.00' });
  await em.flush();
  nationwideOnlyProductId = product.id;
});

afterAll(async () => {
  await app.close();
});

describe('creating a quote', () => {
  it('prices lines from the direct list with quantity breaks and moves the opportunity to negotiation', async () => {
    const rep = people.shanghai1Rep;
    const opportunityId = await createDeal({ owner: rep, stage: OpportunityStage.LEAD });
    const created = await app.gql(
      CREATE_QUOTE,
      { input: { opportunityId, validUntil: VALID_UNTIL, note: '首次报价', lines: [pt100Line(1, '0'), pt100Line(10, '0'), pt100Line(60, '2.5')] } },
      await as(rep),
    );
    expect(created.errors).toBeUndefined();
    const quote = created.data!.createQuote;
    expect(quote).toMatchObject({ status: 'DRAFT', note: '首次报价', priceList: { id: catalog.directPriceList }, createdBy: { id: userId(rep) } });
    expect(quote.number).toMatch(/^Q\d{6,}$/);
    // PT100-01 costs 86: list 137.60, from 10 units 130.72, from 50 units 123.84.
    expect(quote.lines.map((l) => [l.position, l.quantity, l.listPrice, l.discountPercent, l.unitPrice, l.lineTotal])).toEqual([
      [1, 1, '137.6', '0', '137.6', '137.6'],
      [2, 10, '130.72', '0', '130.72', '1307.2'],
      [3, 60, '123.84', '2.5', '120.74', '7244.4'],
    ]);
    expect(quote.lines[0].product).toEqual({ id: catalog.pt100, sku: 'SEN-PT100-01' });
    expect([quote.listTotal, quote.total, quote.maxDiscountPercent]).toEqual(['8875.2', '8689.2', '2.5']);

    const em = app.orm.em.fork();
    const opportunity = await em.findOneOrFail(Opportunity, opportunityId);
    expect([opportunity.stage, opportunity.probability]).toEqual([OpportunityStage.NEGOTIATION, 80]);
    const history = await em.find(OpportunityStageChange, { opportunity: opportunityId });
    expect(history.map((h) => [h.fromStage, h.toStage, h.changedBy.id])).toEqual([[OpportunityStage.LEAD, OpportunityStage.NEGOTIATION, userId(rep)]]);
  });

  it('prices a south distributor customer from the regional list, falling back to the nationwide list per product', async () => {
    const rep = people.southRep;
    const opportunityId = await createDeal({ owner: rep, region: units.south, channel: SalesChannel.DISTRIBUTOR });
    const created = await app.gql(
      CREATE_QUOTE,
      { input: { opportunityId, validUntil: VALID_UNTIL, lines: [pt100Line(60, '0'), { productId: nationwideOnlyProductId, quantity: 2 }] } },
      await as(rep),
    );
    expect(created.errors).toBeUndefined();
    const quote = created.data!.createQuote;
    // The Q4 south promotion: cost × 1.3 and no quantity breaks; the other product from the nationwide distributor list.
    expect(quote.lines.map((l) => [l.listPrice, l.unitPrice, l.lineTotal])).toEqual([
      ['111.8', '111.8', '6708'],
      ['135', '135', '270'],
    ]);
    expect(quote.priceList?.id).toBe(catalog.southPromoPriceList);
  });

  it('refuses a product no list of the customer’s channel prices, and writes nothing', async () => {
    const rep = people.shanghai1Rep;
    const opportunityId = await createDeal({ owner: rep, stage: OpportunityStage.CONTACT });
    const response = await app.gql(
      CREATE_QUOTE,
      { input: { opportunityId, validUntil: VALID_UNTIL, lines: [pt100Line(1, '0'), { productId: nationwideOnlyProductId, quantity: 1 }] } },
      await as(rep),
    );
    const error = errorOf(response.errors);
    expect([error.code, error.reason]).toEqual(['BAD_USER_INPUT', 'NO_PRICE']);
    expect(error.fields?.map((f) => f.path)).toEqual(['input.lines.1.productId']);
    expect(await quoteCount(opportunityId)).toBe(0);
    expect((await app.orm.em.fork().findOneOrFail(Opportunity, opportunityId)).stage).toBe(OpportunityStage.CONTACT);
  });

  it('refuses a price below the floor even for the VP, without revealing the floor, and writes nothing', async () => {
    const opportunityId = await createDeal({ owner: people.shanghai1Rep });
    // 137.60 × 0.7 = 96.32, below the floor of 98.90.
    const response = await app.gql(
      CREATE_QUOTE,
      { input: { opportunityId, validUntil: VALID_UNTIL, lines: [pt100Line(1, '0'), pt100Line(1, '30')] } },
      await as(people.vp),
    );
    const error = errorOf(response.errors);
    expect([error.code, error.reason]).toEqual(['BAD_USER_INPUT', 'PRICE_BELOW_FLOOR']);
    expect(error.fields?.map((f) => f.path)).toEqual(['input.lines.1.discountPercent']);
    expect(error.message).not.toMatch(/98\.9/);
    expect(await quoteCount(opportunityId)).toBe(0);
    const em = app.orm.em.fork();
    expect((await em.findOneOrFail(Opportunity, opportunityId)).stage).toBe(OpportunityStage.PROPOSAL);
    expect(await em.count(OpportunityStageChange, { opportunity: opportunityId })).toBe(0);
  });

  it('refuses a discount above 100 % or below 0 and a quantity below 1', async () => {
    const rep = people.shanghai1Rep;
    const opportunityId = await createDeal({ owner: rep });
    for (const [line, path] of [
      [pt100Line(1, '101'), 'input.lines.0.discountPercent'],
      [pt100Line(1, '-1'), 'input.lines.0.discountPercent'],
      [pt100Line(0, '0'), 'input.lines.0.quantity'],
    ] as const) {
      const response = await app.gql(CREATE_QUOTE, { input: { opportunityId, validUntil: VALID_UNTIL, lines: [line] } }, await as(rep));
      const error = errorOf(response.errors);
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.fields?.map((f) => f.path)).toEqual([path]);
    }
    const empty = await app.gql(CREATE_QUOTE, { input: { opportunityId, validUntil: VALID_UNTIL, lines: [] } }, await as(rep));
    expect(errorOf(empty.errors).fields?.map((f) => f.path)).toEqual(['input.lines']);
    const expired = await app.gql(CREATE_QUOTE, { input: { opportunityId, validUntil: '2020-01-01', lines: [pt100Line(1, '0')] } }, await as(rep));
    expect(errorOf(expired.errors).fields?.map((f) => f.path)).toEqual(['input.validUntil']);
    expect(await quoteCount(opportunityId)).toBe(0);
  });

  it('only sales people who see the opportunity may quote it', async () => {
    const opportunityId = await createDeal({ owner: people.shanghai1Rep });
    const input = { opportunityId, validUntil: VALID_UNTIL, lines: [pt100Line(1, '0')] };
    const otherTeam = await app.gql(CREATE_QUOTE, { input }, await as(people.shanghai2Rep));
    expect(errorOf(otherTeam.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.opportunityId' }] });
    for (const person of [people.customerService, people.finance, people.admin, people.partner]) {
      const refused = await app.gql(CREATE_QUOTE, { input }, await as(person));
      expect(errorOf(refused.errors).code).toBe('FORBIDDEN');
    }
    expect(await quoteCount(opportunityId)).toBe(0);

    const manager = await app.gql(CREATE_QUOTE, { input }, await as(people.shanghai1Manager));
    expect(manager.errors).toBeUndefined();
  });

  it('the customer’s key account manager may quote and grant up to 8 % on their own', async () => {
    const kam = people.keyAccountManager;
    const opportunityId = await createDeal({ owner: people.northRep, region: units.north, keyAccountManager: kam });
    const created = await app.gql(CREATE_QUOTE, { input: { opportunityId, validUntil: VALID_UNTIL, lines: [pt100Line(1, '8')] } }, await as(kam));
    expect(created.errors).toBeUndefined();
    const quote = created.data!.createQuote;
    const submitted = await app.gql(SUBMIT_QUOTE, { id: quote.id, version: quote.version }, await as(kam));
    expect(submitted.data?.submitQuote.status).toBe('APPROVED');
  });

  it('two quotes made at once for one opportunity follow each other: one current, one superseded', async () => {
    const rep = people.shanghai1Rep;
    const opportunityId = await createDeal({ owner: rep });
    const input = { opportunityId, validUntil: VALID_UNTIL, lines: [pt100Line(1, '0')] };
    const results = await Promise.all([app.gql(CREATE_QUOTE, { input }, await as(rep)), app.gql(CREATE_QUOTE, { input }, await as(rep))]);
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
    const quotes = await app.gql(QUOTES_OF_OPPORTUNITY, { opportunityId }, await as(rep));
    expect(quotes.data?.quotes.map((q) => q.status).sort()).toEqual(['DRAFT', 'SUPERSEDED']);
  });

  it('refuses a quote for a won or lost opportunity', async () => {
    const opportunityId = await createDeal({ owner: people.shanghai1Rep });
    const em = app.orm.em.fork();
    await em.nativeUpdate(Opportunity, { id: opportunityId }, { stage: OpportunityStage.LOST, lostReason: '预算取消' });
    const response = await app.gql(CREATE_QUOTE, { input: { opportunityId, validUntil: VALID_UNTIL, lines: [pt100Line(1, '0')] } }, await as(people.shanghai1Rep));
    expect(errorOf(response.errors)).toMatchObject({ code: 'CONFLICT', reason: 'OPPORTUNITY_CLOSED' });
  });
});

describe('submitting a quote', () => {
  const rep = people.shanghai1Rep;

  it('within the rep’s 5 % it is approved at once', async () => {
    const { quote } = await submittedQuote(rep, '5');
    expect(quote.status).toBe('APPROVED');
    expect(quote.submittedAt).not.toBeNull();
    expect(quote.approvals).toEqual([]);
  });

  it.each([
    ['8', '黄伟, the team manager', people.shanghai1Manager],
    ['12', '杨明辉, the east director', people.eastDirector],
    ['20', 'the VP', people.vp],
  ])('%s %% from a Shanghai team 1 rep goes to %s', async (discount, _who, approver) => {
    const { quote } = await submittedQuote(rep, discount);
    expect(quote.status).toBe('PENDING_APPROVAL');
    expect(quote.approvals).toHaveLength(1);
    expect(quote.approvals[0]).toMatchObject({ status: 'PENDING', discountPercent: discount, requestNote: '客户要求', approver: { id: userId(approver), name: approver.name } });
  });

  it('26 % is beyond anyone’s authority; the quote stays a draft and no request is written', async () => {
    const { quote } = await draftQuote(rep, '26');
    const response = await app.gql(SUBMIT_QUOTE, { id: quote.id, version: quote.version }, await as(rep));
    expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DISCOUNT_BEYOND_ANY_AUTHORITY' });
    const em = app.orm.em.fork();
    expect((await em.findOneOrFail(Quote, quote.id)).status).toBe('DRAFT');
    expect(await em.count(ApprovalRequest, { quote: quote.id })).toBe(0);
  });

  it('a team manager’s own request skips himself and goes to the director', async () => {
    const { quote } = await submittedQuote(people.shanghai1Manager, '12');
    expect(quote.approvals[0].approver?.id).toBe(userId(people.eastDirector));
  });

  it('only drafts are submitted, with the version read, by someone who sees the quote', async () => {
    const { quote } = await submittedQuote(rep, '3');
    const again = await app.gql(SUBMIT_QUOTE, { id: quote.id, version: quote.version }, await as(rep));
    expect(errorOf(again.errors)).toMatchObject({ code: 'CONFLICT', reason: 'QUOTE_STATUS_CONFLICT' });

    const draft = (await draftQuote(rep, '3')).quote;
    const stale = await app.gql(SUBMIT_QUOTE, { id: draft.id, version: draft.version + 1 }, await as(rep));
    expect(errorOf(stale.errors)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const stranger = await app.gql(SUBMIT_QUOTE, { id: draft.id, version: draft.version }, await as(people.shanghai2Rep));
    expect(errorOf(stranger.errors)).toMatchObject({ code: 'NOT_FOUND' });
    const service = await app.gql(SUBMIT_QUOTE, { id: draft.id, version: draft.version }, await as(people.customerService));
    expect(errorOf(service.errors).code).toBe('FORBIDDEN');
  });
});

describe('deciding an approval request', () => {
  const rep = people.shanghai1Rep;

  it('the approver sees the request in their inbox and approves it; the quote is approved', async () => {
    const { quote } = await submittedQuote(rep, '8');
    const requestId = quote.approvals[0].id;
    const manager = await as(people.shanghai1Manager);
    const inbox = await app.gql(APPROVALS, { first: 50, filter: { statuses: ['PENDING'], addressedToMe: true } }, manager);
    expect(inbox.errors).toBeUndefined();
    const mine = inbox.data!.approvals.nodes.find((n) => n.id === requestId);
    expect(mine).toMatchObject({ requestedBy: { id: userId(rep) }, approver: { id: userId(people.shanghai1Manager) }, quote: { id: quote.id, status: 'PENDING_APPROVAL' } });

    const approved = await app.gql(APPROVE, { id: requestId, version: mine!.version, comment: '同意' }, manager);
    expect(approved.errors).toBeUndefined();
    expect(approved.data?.approve).toMatchObject({ status: 'APPROVED', comment: '同意', decidedBy: { id: userId(people.shanghai1Manager) }, quote: { status: 'APPROVED' } });
    expect(approved.data?.approve.version).toBe(mine!.version + 1);
    expect(approved.data?.approve.decidedAt).not.toBeNull();

    const again = await app.gql(APPROVE, { id: requestId, version: approved.data!.approve.version }, manager);
    expect(errorOf(again.errors)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_DECIDED' });
  });

  it('the requester and the requester’s chain see the request; another team’s manager and rep see nothing', async () => {
    const { quote } = await submittedQuote(rep, '8');
    const requestId = quote.approvals[0].id;
    for (const person of [rep, people.shanghai1Manager, people.eastDirector, people.vp]) {
      const seen = await app.gql(APPROVAL, { id: requestId }, await as(person));
      expect(seen.data?.approval).toMatchObject({ id: requestId, quote: { id: quote.id } });
    }
    const requesterList = await app.gql(APPROVALS, { first: 50, filter: { addressedToMe: false } }, await as(rep));
    expect(requesterList.data?.approvals.nodes.map((n) => n.id)).toContain(requestId);

    for (const person of [people.shanghai2Manager, people.shanghai2Rep, people.northDirector]) {
      const hidden = await app.gql(APPROVAL, { id: requestId }, await as(person));
      expect(errorOf(hidden.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'APPROVAL_NOT_FOUND' });
      const list = await app.gql(APPROVALS, { first: 50 }, await as(person));
      expect(list.data?.approvals.nodes.map((n) => n.id)).not.toContain(requestId);
      const decide = await app.gql(APPROVE, { id: requestId, version: 1 }, await as(person));
      expect(errorOf(decide.errors).code).toBe('NOT_FOUND');
    }
    const partner = await app.gql(APPROVALS, { first: 50 }, await as(people.partner));
    expect(partner.data?.approvals.totalCount).toBe(0);
  });

  it('only the addressed approver decides: the director above and the requester get NOT_THE_APPROVER', async () => {
    const { quote } = await submittedQuote(rep, '8');
    const requestId = quote.approvals[0].id;
    for (const person of [people.eastDirector, rep, people.vp]) {
      const response = await app.gql(APPROVE, { id: requestId, version: 1 }, await as(person));
      expect(errorOf(response.errors)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_APPROVER' });
    }
    const rejected = await app.gql(REJECT, { id: requestId, version: 1, comment: '不行' }, await as(people.eastDirector));
    expect(errorOf(rejected.errors).reason).toBe('NOT_THE_APPROVER');
    expect((await app.orm.em.fork().findOneOrFail(ApprovalRequest, requestId)).status).toBe('PENDING');
  });

  it('rejecting needs a comment and sends the quote back to draft; the rep may then make a new quote', async () => {
    const { opportunityId, quote } = await submittedQuote(rep, '12');
    const requestId = quote.approvals[0].id;
    const director = await as(people.eastDirector);
    const blank = await app.gql(REJECT, { id: requestId, version: 1, comment: '   ' }, director);
    expect(errorOf(blank.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'comment' }] });
    expect((await app.orm.em.fork().findOneOrFail(ApprovalRequest, requestId)).status).toBe('PENDING');

    const rejected = await app.gql(REJECT, { id: requestId, version: 1, comment: '折扣过高，请控制在 10% 以内' }, director);
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data?.reject).toMatchObject({ status: 'REJECTED', comment: '折扣过高，请控制在 10% 以内', quote: { id: quote.id, status: 'DRAFT' } });

    const retry = await app.gql(CREATE_QUOTE, { input: { opportunityId, validUntil: VALID_UNTIL, lines: [pt100Line(1, '10')] } }, await as(rep));
    expect(retry.errors).toBeUndefined();
    const quotes = await app.gql(QUOTES_OF_OPPORTUNITY, { opportunityId }, await as(rep));
    expect(quotes.data?.quotes.map((q) => q.status)).toEqual(['DRAFT', 'SUPERSEDED']);
  });

  it('two decisions at once leave exactly one: the other gets CONFLICT', async () => {
    const { quote } = await submittedQuote(rep, '8');
    const requestId = quote.approvals[0].id;
    const manager = await as(people.shanghai1Manager);
    const [approve, reject] = await Promise.all([
      app.gql(APPROVE, { id: requestId, version: 1 }, manager),
      app.gql(REJECT, { id: requestId, version: 1, comment: '重复提交' }, manager),
    ]);
    const outcomes = [approve, reject];
    expect(outcomes.filter((o) => o.errors === undefined)).toHaveLength(1);
    const loser = outcomes.find((o) => o.errors !== undefined)!;
    expect(errorOf(loser.errors).code).toBe('CONFLICT');

    const stored = await app.orm.em.fork().findOneOrFail(ApprovalRequest, requestId, { populate: ['quote'] });
    const winner = approve.errors === undefined ? 'APPROVED' : 'REJECTED';
    expect([stored.status, stored.version, stored.quote?.status]).toEqual([winner, 2, winner === 'APPROVED' ? 'APPROVED' : 'DRAFT']);
  });

  it('two approvals at once: exactly one succeeds', async () => {
    const { quote } = await submittedQuote(rep, '8');
    const requestId = quote.approvals[0].id;
    const manager = await as(people.shanghai1Manager);
    const results = await Promise.all([app.gql(APPROVE, { id: requestId, version: 1 }, manager), app.gql(APPROVE, { id: requestId, version: 1 }, manager)]);
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(1);
  });
});

describe('accepting and superseding', () => {
  const rep = people.shanghai1Rep;

  it('accepting an approved quote wins the opportunity at the quote’s total, with a history row', async () => {
    const { opportunityId, quote } = await submittedQuote(rep, '5');
    const accepted = await app.gql(ACCEPT_QUOTE, { id: quote.id, version: quote.version }, await as(rep));
    expect(accepted.errors).toBeUndefined();
    const result = accepted.data!.acceptQuote;
    expect(result.status).toBe('ACCEPTED');
    expect(result.acceptedAt).not.toBeNull();
    // 137.60 × 0.95 = 130.72
    expect(result.total).toBe('130.72');
    expect(result.opportunity).toMatchObject({ id: opportunityId, stage: 'WON', amount: '130.72', probability: 100 });
    expect(result.opportunity?.closedAt).not.toBeNull();

    const history = await app.orm.em.fork().find(OpportunityStageChange, { opportunity: opportunityId }, { orderBy: { changedAt: 'asc' } });
    expect(history.map((h) => [h.fromStage, h.toStage, h.changedBy.id])).toEqual([
      [OpportunityStage.PROPOSAL, OpportunityStage.NEGOTIATION, userId(rep)],
      [OpportunityStage.NEGOTIATION, OpportunityStage.WON, userId(rep)],
    ]);

    const more = await app.gql(CREATE_QUOTE, { input: { opportunityId, validUntil: VALID_UNTIL, lines: [pt100Line(1, '0')] } }, await as(rep));
    expect(errorOf(more.errors)).toMatchObject({ code: 'CONFLICT', reason: 'OPPORTUNITY_CLOSED' });
  });

  it('only approved quotes are accepted, by sales people', async () => {
    const { quote } = await draftQuote(rep, '0');
    const draft = await app.gql(ACCEPT_QUOTE, { id: quote.id, version: quote.version }, await as(rep));
    expect(errorOf(draft.errors)).toMatchObject({ code: 'CONFLICT', reason: 'QUOTE_STATUS_CONFLICT' });
    const service = await app.gql(ACCEPT_QUOTE, { id: quote.id, version: quote.version }, await as(people.customerService));
    expect(errorOf(service.errors).code).toBe('FORBIDDEN');
  });

  it('a new quote supersedes the current one and cancels its pending request', async () => {
    const { opportunityId, quote: first } = await submittedQuote(rep, '8');
    const requestId = first.approvals[0].id;
    const second = await app.gql(CREATE_QUOTE, { input: { opportunityId, validUntil: VALID_UNTIL, lines: [pt100Line(2, '4')] } }, await as(rep));
    expect(second.errors).toBeUndefined();
    const secondId = second.data!.createQuote.id;

    const view = await app.gql(OPPORTUNITY_QUOTES, { quoteId: first.id }, await as(rep));
    expect(view.errors).toBeUndefined();
    const opportunity = view.data!.quote!.opportunity!;
    expect(opportunity.stage).toBe('NEGOTIATION');
    expect(opportunity.quotes.map((q) => [q.id, q.status])).toEqual([
      [secondId, 'DRAFT'],
      [first.id, 'SUPERSEDED'],
    ]);
    expect(opportunity.currentQuote).toEqual({ id: secondId, status: 'DRAFT' });
    expect(opportunity.quoteLines).toEqual([{ position: 1, quantity: 2, product: { name: 'PT100 温度传感器 01 型' } }]);

    const request = await app.gql(APPROVAL, { id: requestId }, await as(people.shanghai1Manager));
    expect(request.data?.approval!.status).toBe('CANCELLED');
    const late = await app.gql(APPROVE, { id: requestId, version: request.data!.approval!.version }, await as(people.shanghai1Manager));
    expect(errorOf(late.errors)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_DECIDED' });
  });
});

describe('cost and margin on quote lines', () => {
  let quoteId: string;

  beforeAll(async () => {
    quoteId = (await draftQuote(people.shanghai1Rep, '5')).quote.id;
  });

  it.each([people.shanghai1Rep, people.shanghai1Manager])('are null and FORBIDDEN for $name', async (person) => {
    const response = await app.gql(QUOTE_COSTS, { id: quoteId }, await as(person));
    expect(response.data?.quote!.lines[0]).toEqual({ unitPrice: '130.72', unitCost: null, margin: null });
    expect(response.errors?.map((e) => [e.extensions?.code, e.path?.join('.')]).sort()).toEqual([
      ['FORBIDDEN', 'quote.lines.0.margin'],
      ['FORBIDDEN', 'quote.lines.0.unitCost'],
    ]);
  });

  it('are readable by the regional director, with the price', async () => {
    const response = await app.gql(QUOTE_COSTS, { id: quoteId }, await as(people.eastDirector));
    expect(response.errors).toBeUndefined();
    // (130.72 − 86) × 1
    expect(response.data?.quote!.lines[0]).toEqual({ unitPrice: '130.72', unitCost: '86', margin: '44.72' });
  });

  it('finance reads the cost of an open deal’s quote, but not its price, nor the margin that would give the price away', async () => {
    const response = await app.gql(QUOTE_COSTS, { id: quoteId }, await as(people.finance));
    expect(response.data?.quote!.lines[0]).toEqual({ unitPrice: null, unitCost: '86', margin: null });
    expect(response.errors?.map((e) => [e.extensions?.code, e.path?.join('.')]).sort()).toEqual([
      ['FORBIDDEN', 'quote.lines.0.margin'],
      ['FORBIDDEN', 'quote.lines.0.unitPrice'],
    ]);
  });

  it('a partner sees no quote', async () => {
    const response = await app.gql(QUOTE, { id: quoteId }, await as(people.partner));
    expect(errorOf(response.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'QUOTE_NOT_FOUND' });
  });
});

describe('statement counts', () => {
  /** Quoted opportunities of the north team 1 rep, each with a 12 % quote waiting for the north director. */
  async function queueQuotes(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await submittedQuote(people.northRep, '12', { region: units.north });
    }
  }

  async function statementsFor(first: number) {
    const director = await as(people.northDirector);
    app.resetQueries();
    const response = await app.gql(APPROVAL_QUEUE_WITH_LINES, { first }, director);
    const statements = [...app.queries];
    expect(response.errors).toBeUndefined();
    const nodes = response.data!.approvals.nodes;
    expect(nodes).toHaveLength(first);
    expect(nodes.every((n) => n.quote?.opportunity?.quoteLines?.[0]?.product?.name === 'PT100 温度传感器 01 型')).toBe(true);
    return {
      total: statements.length,
      quoteLines: statements.filter((sql) => /from "quote_line"/.test(sql)).length,
      products: statements.filter((sql) => /from "product"/.test(sql)).length,
    };
  }

  it('opportunities → quoteLines → product is two statements whatever the page size (10 vs 40 quoted opportunities)', async () => {
    await queueQuotes(10);
    const ten = await statementsFor(10);
    await queueQuotes(30);
    const forty = await statementsFor(40);
    expect(ten).toEqual({ total: forty.total, quoteLines: 1, products: 1 });
    expect(forty).toEqual(ten);
  });

  it('the inbox pages newest first with keyset cursors', async () => {
    const director = await as(people.northDirector);
    const all = await app.gql(APPROVALS, { first: 100, filter: { addressedToMe: true } }, director);
    const ids = all.data!.approvals.nodes.map((n) => n.id);
    expect(ids.length).toBeGreaterThanOrEqual(40);
    const paged: string[] = [];
    let after: string | null | undefined = null;
    do {
      const page: Awaited<ReturnType<typeof app.gql<ResultOf<typeof APPROVALS>, unknown>>> = await app.gql(APPROVALS, { first: 15, after, filter: { addressedToMe: true } }, director);
      expect(page.errors).toBeUndefined();
      paged.push(...page.data!.approvals.nodes.map((n) => n.id));
      after = page.data!.approvals.pageInfo.hasNextPage ? page.data!.approvals.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(ids);
    const created = await app.orm.em.fork().find(ApprovalRequest, { id: { $in: ids } }, { orderBy: { createdAt: 'desc', id: 'desc' } });
    expect(created.map((r) => r.id)).toEqual(ids);
  });
});
