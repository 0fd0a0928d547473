import Decimal from 'decimal.js';
import type { GraphQLFormattedError } from 'graphql';
import { randomBytes } from 'node:crypto';
import { Customer } from '../schema/customers/entities/customer.entity';
import { DomainEvent } from '../schema/events/domain-event.entity';
import { Contract } from '../schema/orders/entities/contract.entity';
import { ContractApprovalStep } from '../schema/orders/entities/contract-approval-step.entity';
import { Invoice } from '../schema/orders/entities/invoice.entity';
import { OrderLine } from '../schema/orders/entities/order-line.entity';
import { Payment } from '../schema/orders/entities/payment.entity';
import { PaymentAllocation } from '../schema/orders/entities/payment-allocation.entity';
import { SalesOrder } from '../schema/orders/entities/sales-order.entity';
import { Shipment } from '../schema/orders/entities/shipment.entity';
import type { DemoPerson } from '../seeds/demo-company.data';
import { demoId } from '../seeds/demo-ids';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { catalog, DEMO_COMPANY, people, units, userId } from './fixtures/demo-people';
import type { EventFilter, EventsQuery, PlaceOrderLineInput, ReceivablesGroupBy } from './gql/graphql';
import {
  ALLOCATE_PAYMENT,
  COLLECTION_PERFORMANCE,
  CREATE_INVOICE,
  INVOICE,
  INVOICES,
  PAYMENT_DETAILS,
  PAYMENTS,
  RECEIVABLES_AGING,
  RECORD_PAYMENT,
} from './graphql/billing.documents';
import { CHANNEL_CONFLICT, CHANNEL_CONFLICTS } from './graphql/channels.documents';
import {
  APPROVE_CONTRACT,
  CONTRACT,
  CONTRACT_AMOUNTS,
  CONTRACTS,
  CREATE_CONTRACT,
  REJECT_CONTRACT,
  RENEWALS_DUE,
  SIGN_CONTRACT,
  SUBMIT_CONTRACT,
  UPDATE_CONTRACT,
} from './graphql/contracts.documents';
import { CREATE_CUSTOMER, CUSTOMER_DETAIL, SET_CUSTOMER_CREDIT_LIMIT } from './graphql/customers.documents';
import { EVENTS } from './graphql/events.documents';
import { CONTRACT_LINES, ORDER_PRICING } from './graphql/order-to-cash.documents';
import {
  BATCH_TRACE,
  CANCEL_ORDER,
  CONFIRM_DELIVERY,
  CREATE_SHIPMENT,
  ORDER,
  ORDER_COSTS,
  ORDER_CREDIT,
  ORDERS,
  PLACE_ORDER,
  RELEASE_CREDIT_HOLD,
  SHIPMENT,
  SHIPMENTS,
} from './graphql/orders.documents';
import { CREATE_OPPORTUNITY } from './graphql/pipeline.documents';
import { ACCEPT_QUOTE, APPROVE, CREATE_QUOTE, QUOTE, SUBMIT_QUOTE } from './graphql/quotes.documents';
import { pause } from './support/wait';
import { errorOf } from './support/errors';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * Issue 7 end to end, through the API as the demo people: a won deal becomes a contract approved up the chain by its
 * amount, signed, ordered against (held for credit, released by finance), shipped in batches, invoiced, partly paid
 * and aged; a partner orders in its region and a shipment outside it raises a channel conflict; refused input
 * changes nothing. The database is read directly only to prove what was (not) written.
 */

type Event = EventsQuery['events']['nodes'][number];

let app: TestApp;
/** Today as the database sees it. */
let today: string;

const rep = people.shanghai1Rep; // 赵磊, 上海一组
const manager = people.shanghai1Manager; // 黄伟, head of 上海一组
const director = people.eastDirector; // 杨明辉, 华东
const finance = people.finance; // 陈静
const service = people.customerService; // 张悦
const partner = people.partner; // 欧阳晓峰, 粤通商贸 D-GD-001 (华南)
const otherTeamRep = people.shanghai2Rep; // 马超, 上海二组
const southDirector = DEMO_COMPANY.regions[1].director; // 郑国华, 华南
const northDirector = people.northDirector; // 曾庆丰, 华北
const mideaRep = DEMO_COMPANY.regions[1].teams[0].reps[1]; // 宋雨桐, owner of 美智家电

const customers = {
  baosteel: demoId('customer:baosteel-precision'), // 赵磊's, 华东: credit 2,000,000, exposure 850,000
  shenlian: demoId('customer:shenlian-automation'), // 赵磊's, 华东
  huichuan: demoId('customer:huichuan-packaging'), // 吴婷's, 华东
  midea: demoId('customer:midea-shunde'), // 宋雨桐's, 华南, through 粤通商贸
  baiyun: demoId('customer:baiyun-electric'), // 谢文博's, 华南, direct
};
const products = {
  pt100Model3: demoId('product:SEN-PT100-03'),
  pressureModel2: demoId('product:SEN-PRS-02'),
  pt100Model2: demoId('product:SEN-PT100-02'),
  cylinder: demoId('product:PNU-CYL-01'),
};
const YUETONG = demoId('distributor:D-GD-001');

const as = async (person: DemoPerson): Promise<Auth> => ({ token: await app.tokenFor(person.email) });

/** A decimal as the API writes it (DecimalScalar: no trailing zeros). */
const money = (value: Decimal.Value): string => new Decimal(value).toFixed();

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The paths of a response's FORBIDDEN errors (hidden fields), sorted. */
function forbiddenPaths(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  return (errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN').map((error) => error.path!.join('.')).sort();
}

/**
 * Reads until `ready` holds (at most ~10 s): events show once every older transaction on the PostgreSQL server has
 * ended, and other test files run transactions on the same server at the same time.
 */
async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    const value = await read();
    if (ready(value) || attempt === 100) return value;
    await pause(100);
  }
}

async function eventsAs(person: DemoPerson, filter: EventFilter): Promise<Event[]> {
  const response = await app.gql(EVENTS, { first: 200, filter }, await as(person));
  expect(response.errors).toBeUndefined();
  return response.data!.events.nodes;
}

/** The customer's credit as finance reads it through the API. */
async function creditOf(customerId: string): Promise<{ version: number; creditLimit: string; currentExposure: string }> {
  const response = await app.gql(CUSTOMER_DETAIL, { id: customerId }, await as(finance));
  expect(response.errors).toBeUndefined();
  const customer = response.data!.customer;
  return { version: customer!.version, creditLimit: customer!.creditLimit as string, currentExposure: customer!.currentExposure as string };
}

/** How many domain events the database holds for a contract or an order (to prove a refusal wrote none). */
async function storedEventCount(where: { contract?: string; order?: string }): Promise<number> {
  return app.orm.em.fork().count(DomainEvent, where);
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  [{ today }] = await app.orm.em.fork().execute<{ today: string }[]>(`select current_date::text as today`);
});

afterAll(async () => {
  await app.close();
});

describe('order to cash: 赵磊’s deal with 宝钢精密, each step as each role sees it', () => {
  const lineSpecs = [
    { productId: products.pt100Model3, quantity: 4000 },
    { productId: products.pressureModel2, quantity: 360 },
  ];
  /** What the first shipment takes of each line; the second ships the rest. */
  const firstShipment = [1500, 160];

  let opportunityId: string;
  let quoteId: string;
  let quoteTotal: string;
  let quoteLines: { quantity: number; unitPrice: string; discountPercent: string }[];
  let contractId: string;
  let contractVersion: number;
  let contractLines: { id: string; productId: string; quantity: number; unitPrice: string }[];
  let exposureBefore: Decimal;
  let orderId: string;
  let orderVersion: number;
  let orderTotal: Decimal;
  let orderLineIds: string[];
  let shipmentIds: string[] = [];
  let invoices: { id: string; amount: Decimal }[] = [];
  let paymentIds: string[] = [];

  it('won opportunity: 赵磊 quotes his customer 8 % off, 黄伟 approves the discount, the customer accepts: WON', async () => {
    const opportunity = await app.gql(
      CREATE_OPPORTUNITY,
      {
        input: {
          customerId: customers.baosteel,
          name: '宝钢精密 2027 冷轧线测温与压力监测',
          amount: '800000',
          stage: 'NEGOTIATION',
          expectedCloseDate: addDays(today, 14),
          productLineIds: [catalog.sensorLine],
        },
      },
      await as(rep),
    );
    expect(opportunity.errors).toBeUndefined();
    expect(opportunity.data!.createOpportunity).toMatchObject({ stage: 'NEGOTIATION', owner: { id: userId(rep) }, customer: { id: customers.baosteel } });
    opportunityId = opportunity.data!.createOpportunity.id;

    const created = await app.gql(
      CREATE_QUOTE,
      { input: { opportunityId, validUntil: addDays(today, 30), note: '2027 年度框架，分批交付', lines: lineSpecs.map((line) => ({ ...line, discountPercent: '8' })) } },
      await as(rep),
    );
    expect(created.errors).toBeUndefined();
    const draft = created.data!.createQuote;
    expect(draft).toMatchObject({ status: 'DRAFT', maxDiscountPercent: '8', priceList: { id: catalog.directPriceList } });
    quoteId = draft.id;
    quoteTotal = draft.total as string;
    quoteLines = draft.lines.map((line) => ({ quantity: line.quantity, unitPrice: line.unitPrice as string, discountPercent: line.discountPercent as string }));
    expect(quoteLines.map((line) => [line.quantity, line.discountPercent])).toEqual([
      [4000, '8'],
      [360, '8'],
    ]);

    // 8 % is beyond a rep's 5 %: the quote waits for 黄伟 (10 %).
    const submitted = await app.gql(SUBMIT_QUOTE, { id: quoteId, version: draft.version, note: '客户要求 8%' }, await as(rep));
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitQuote.status).toBe('PENDING_APPROVAL');
    const [approval] = submitted.data!.submitQuote.approvals;
    expect(approval).toMatchObject({ status: 'PENDING', discountPercent: '8', approver: { id: userId(manager), name: '黄伟' } });

    const approved = await app.gql(APPROVE, { id: approval.id, version: approval.version, comment: '框架量大，同意 8%' }, await as(manager));
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approve).toMatchObject({ status: 'APPROVED', decidedBy: { id: userId(manager) }, quote: { id: quoteId, status: 'APPROVED' } });

    const current = await app.gql(QUOTE, { id: quoteId }, await as(rep));
    const accepted = await app.gql(ACCEPT_QUOTE, { id: quoteId, version: current.data!.quote!.version }, await as(rep));
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptQuote).toMatchObject({ status: 'ACCEPTED', total: quoteTotal, opportunity: { id: opportunityId, stage: 'WON', amount: quoteTotal } });
  });

  it('createContract from the won opportunity: a DRAFT with the quote’s lines and prices, above 500,000', async () => {
    const created = await app.gql(
      CREATE_CONTRACT,
      { input: { opportunityId, title: '宝钢精密 2027 年度传感器供货合同', startDate: today, endDate: addDays(today, 60), paymentTermsDays: 30 } },
      await as(rep),
    );
    expect(created.errors).toBeUndefined();
    const contract = created.data!.createContract;
    expect(contract).toMatchObject({
      status: 'DRAFT',
      version: 1,
      amount: quoteTotal,
      currency: 'CNY',
      startDate: today,
      endDate: addDays(today, 60),
      paymentTermsDays: 30,
      customer: { id: customers.baosteel },
      owner: { id: userId(rep) },
      opportunity: { id: opportunityId },
      quote: { id: quoteId },
      createdBy: { id: userId(rep) },
      approvalSteps: [],
    });
    expect(contract.number).toMatch(/^CT\d{6,}$/);
    expect(contract.lines.map((line) => [line.product?.id, line.quantity, line.discountPercent, line.unitPrice])).toEqual(
      lineSpecs.map((spec, index) => [spec.productId, spec.quantity, '8', quoteLines[index].unitPrice]),
    );
    const amount = new Decimal(contract.amount as string);
    // Above the team manager's 500,000, within the director's 2,000,000: two approvals.
    expect(amount.greaterThan(500_000) && amount.lessThan(2_000_000)).toBe(true);
    expect(amount.toNumber()).toBeGreaterThan(750_000);
    contractId = contract.id;
    contractVersion = contract.version;

    const lines = await app.gql(CONTRACT_LINES, { id: contractId }, await as(rep));
    contractLines = lines.data!.contract!.lines.map((line) => ({ id: line.id, productId: line.product!.id, quantity: line.quantity, unitPrice: line.unitPrice as string }));
  });

  it('the contract’s amount: read by 赵磊, 黄伟, 杨明辉 and 陈静, hidden from customer service; another team’s rep and the partner get NOT_FOUND', async () => {
    const costsOfTwoLines = ['contract.lines.0.margin', 'contract.lines.0.unitCost', 'contract.lines.1.margin', 'contract.lines.1.unitCost'];
    for (const [person, hidden] of [
      [rep, costsOfTwoLines],
      [manager, costsOfTwoLines],
      [director, []],
      [finance, []],
    ] as const) {
      const response = await app.gql(CONTRACT_AMOUNTS, { id: contractId }, await as(person));
      expect({ who: person.name, amount: response.data!.contract!.amount, hidden: forbiddenPaths(response.errors) }).toEqual({ who: person.name, amount: quoteTotal, hidden });
      expect(response.data!.contract!.lines.map((line) => line.unitPrice)).toEqual(quoteLines.map((line) => line.unitPrice));
    }

    const asService = await app.gql(CONTRACT_AMOUNTS, { id: contractId }, await as(service));
    expect(asService.data!.contract).toMatchObject({ id: contractId, amount: null });
    expect(asService.data!.contract!.lines.map((line) => [line.quantity, line.listPrice, line.unitPrice, line.lineTotal])).toEqual([
      [4000, null, null, null],
      [360, null, null, null],
    ]);
    expect(forbiddenPaths(asService.errors)).toEqual(
      ['contract.amount', ...[0, 1].flatMap((i) => ['listPrice', 'unitPrice', 'lineTotal', 'unitCost', 'margin'].map((field) => `contract.lines.${i}.${field}`))].sort(),
    );

    for (const person of [otherTeamRep, partner]) {
      const response = await app.gql(CONTRACT, { id: contractId }, await as(person));
      expect({ who: person.name, ...errorOf(response.errors) }).toMatchObject({ who: person.name, code: 'NOT_FOUND', reason: 'CONTRACT_NOT_FOUND' });
      expect(response.data).toEqual({ contract: null });
    }
  });

  it('submitted, the contract goes up 赵磊’s chain by its amount: 黄伟 (500,000), then 杨明辉 (2,000,000)', async () => {
    const submitted = await app.gql(SUBMIT_CONTRACT, { id: contractId, version: contractVersion }, await as(rep));
    expect(submitted.errors).toBeUndefined();
    const contract = submitted.data!.submitContract;
    expect(contract).toMatchObject({ status: 'PENDING_APPROVAL', approvalRound: 1, currentStep: { approver: { id: userId(manager) } } });
    expect(contract.submittedAt).not.toBeNull();
    expect(contract.approvalSteps.map((step) => [step.position, step.approver?.name, step.approverRole, step.approverLimit, step.status, step.decidedAt])).toEqual([
      [1, '黄伟', 'TEAM_MANAGER', '500000', 'PENDING', null],
      [2, '杨明辉', 'REGIONAL_DIRECTOR', '2000000', 'WAITING', null],
    ]);
    contractVersion = contract.version;

    const awaiting = async (person: DemoPerson) =>
      (await app.gql(CONTRACTS, { first: 50, filter: { awaitingMyApproval: true } }, await as(person))).data!.contracts.nodes.map((node) => node.id);
    expect(await awaiting(manager)).toContain(contractId);
    expect(await awaiting(director)).not.toContain(contractId);
  });

  it('黄伟 approves, then 杨明辉: APPROVED, each step showing who decided, when, what and why', async () => {
    const first = await app.gql(APPROVE_CONTRACT, { id: contractId, version: contractVersion, comment: '价格与交期已核实，同意' }, await as(manager));
    expect(first.errors).toBeUndefined();
    expect(first.data!.approveContract).toMatchObject({ status: 'PENDING_APPROVAL', currentStep: { approver: { id: userId(director) } } });

    // The director sees his turn has come, and who approved before him.
    const asDirector = await app.gql(CONTRACT, { id: contractId }, await as(director));
    expect(asDirector.data!.contract!.approvalSteps.map((step) => [step.approver?.name, step.status, step.comment])).toEqual([
      ['黄伟', 'APPROVED', '价格与交期已核实，同意'],
      ['杨明辉', 'PENDING', null],
    ]);

    const second = await app.gql(APPROVE_CONTRACT, { id: contractId, version: first.data!.approveContract.version, comment: '重点客户，同意签约' }, await as(director));
    expect(second.errors).toBeUndefined();
    const approved = second.data!.approveContract;
    expect(approved).toMatchObject({ status: 'APPROVED', currentStep: null });
    expect(approved.approvedAt).not.toBeNull();
    contractVersion = approved.version;

    // The record as the owner reads it: every step with who, when, the decision and the comment.
    const asRep = await app.gql(CONTRACT, { id: contractId }, await as(rep));
    const steps = asRep.data!.contract!.approvalSteps;
    expect(steps.map((step) => [step.round, step.position, step.approver?.name, step.approverRole, step.status, step.comment])).toEqual([
      [1, 1, '黄伟', 'TEAM_MANAGER', 'APPROVED', '价格与交期已核实，同意'],
      [1, 2, '杨明辉', 'REGIONAL_DIRECTOR', 'APPROVED', '重点客户，同意签约'],
    ]);
    const [managerDecided, directorDecided] = steps.map((step) => Date.parse(step.decidedAt as string));
    expect(managerDecided).toBeLessThanOrEqual(directorDecided);
    expect(directorDecided).toBeLessThanOrEqual(Date.parse(approved.approvedAt as string));
  });

  it('赵磊 signs it; starting today, it is ACTIVE at once', async () => {
    const signed = await app.gql(SIGN_CONTRACT, { id: contractId, version: contractVersion }, await as(rep));
    expect(signed.errors).toBeUndefined();
    expect(signed.data!.signContract).toMatchObject({ status: 'ACTIVE', signedBy: { id: userId(rep) }, daysLeft: 60 });
    expect(signed.data!.signContract.signedAt).not.toBeNull();
    contractVersion = signed.data!.signContract.version;
  });

  it('ending within 90 days, it is in renewalsDue for 赵磊, 黄伟, 杨明辉 and the VP, not for another team’s rep or the partner', async () => {
    for (const person of [rep, manager, director, people.vp]) {
      const response = await app.gql(RENEWALS_DUE, { first: 50 }, await as(person));
      expect(response.errors).toBeUndefined();
      const due = response.data!.renewalsDue.nodes.find((node) => node.id === contractId);
      expect({ who: person.name, due }).toEqual({ who: person.name, due: { id: contractId, status: 'ACTIVE', endDate: addDays(today, 60), daysLeft: 60, owner: { id: userId(rep) } } });
    }
    for (const person of [otherTeamRep, partner]) {
      const response = await app.gql(RENEWALS_DUE, { first: 50 }, await as(person));
      expect({ who: person.name, ids: response.data!.renewalsDue.nodes.map((node) => node.id) }).toEqual({ who: person.name, ids: expect.not.arrayContaining([contractId]) });
    }
    // Outside a 30-day window it is not due yet.
    const narrow = await app.gql(RENEWALS_DUE, { first: 50, withinDays: 30 }, await as(rep));
    expect(narrow.data!.renewalsDue.nodes.map((node) => node.id)).not.toContain(contractId);
  });

  it('events(filter: { contractId }) as 黄伟: every contract event in order, with who acted; the partner sees none', async () => {
    const events = await eventually(
      () => eventsAs(manager, { contractId }),
      (nodes) => nodes.length >= 9,
    );
    expect(events.map((event) => [event.type, event.actor?.name])).toEqual([
      ['contract.created', '赵磊'],
      ['contract.submitted', '赵磊'],
      ['contract.approvalRequested', '赵磊'],
      ['contract.stepApproved', '黄伟'],
      ['contract.approvalRequested', '黄伟'],
      ['contract.stepApproved', '杨明辉'],
      ['contract.approved', '杨明辉'],
      ['contract.signed', '赵磊'],
      ['contract.activated', '赵磊'],
    ]);
    expect(events[0]).toMatchObject({ aggregateId: contractId, payload: { amount: expect.any(String) }, hiddenFields: [] });
    expect(money(events[0].payload.amount as string)).toBe(quoteTotal);
    expect(events.filter((event) => event.type === 'contract.approvalRequested').map((event) => event.payload.approverId)).toEqual([userId(manager), userId(director)]);

    // Customer service follows the contract without its money.
    const asService = await eventsAs(service, { contractId, types: ['contract.created'] });
    expect(asService).toHaveLength(1);
    expect(asService[0].hiddenFields).toEqual(['amount']);
    expect(asService[0].payload).not.toHaveProperty('amount');

    expect(await eventsAs(partner, { contractId })).toEqual([]);
    expect(await eventsAs(otherTeamRep, { contractId })).toEqual([]);
  });

  it('finance lowers 宝钢精密’s credit limit; 赵磊’s order for the whole contract would exceed it: CREDIT_HOLD, the exposure unchanged; 赵磊 sees the hold, only 黄伟 and finance why', async () => {
    const before = await creditOf(customers.baosteel);
    expect(before).toMatchObject({ creditLimit: '2000000', currentExposure: '850000' });
    exposureBefore = new Decimal(before.currentExposure);
    // Only finance and 赵磊's chain set credit limits.
    const byRep = await app.gql(SET_CUSTOMER_CREDIT_LIMIT, { id: customers.baosteel, version: before.version, creditLimit: '1500000' }, await as(rep));
    expect(errorOf(byRep.errors).code).toBe('FORBIDDEN');
    const set = await app.gql(SET_CUSTOMER_CREDIT_LIMIT, { id: customers.baosteel, version: before.version, creditLimit: '1500000' }, await as(finance));
    expect(set.errors).toBeUndefined();
    expect((await creditOf(customers.baosteel)).creditLimit).toBe('1500000');

    const placed = await app.gql(
      PLACE_ORDER,
      {
        input: {
          customerId: customers.baosteel,
          contractId,
          requestedDeliveryDate: addDays(today, 14),
          lines: contractLines.map((line) => ({ contractLineId: line.id, quantity: line.quantity })),
        },
      },
      await as(rep),
    );
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.placeOrder;
    expect(order).toMatchObject({
      status: 'CREDIT_HOLD',
      total: quoteTotal,
      customer: { id: customers.baosteel },
      owner: { id: userId(rep) },
      placedBy: { id: userId(rep) },
      contract: { id: contractId },
      distributor: null,
      priceList: null,
      deliveryRegion: { id: units.east },
      deliveryAddress: '上海市宝山区富锦路 885 号',
    });
    expect(order.lines.map((line) => [line.quantity, line.unitPrice, line.contractLine?.id, line.shippedQuantity])).toEqual(
      contractLines.map((line) => [line.quantity, line.unitPrice, line.id, 0]),
    );
    orderId = order.id;
    orderVersion = order.version;
    orderTotal = new Decimal(order.total as string);
    orderLineIds = order.lines.map((line) => line.id);

    // The reason states the customer's exposure and credit limit, which the rep may not read.
    const asRep = await app.gql(ORDER_CREDIT, { id: orderId }, await as(rep));
    expect(asRep.data!.order).toMatchObject({ status: 'CREDIT_HOLD', creditHoldReason: null });
    expect(forbiddenPaths(asRep.errors)).toEqual(['order.creditComment', 'order.creditHoldReason']);
    for (const person of [manager, finance]) {
      const credit = await app.gql(ORDER_CREDIT, { id: orderId }, await as(person));
      expect(credit.errors).toBeUndefined();
      expect(credit.data!.order!.creditHoldReason).toBe(
        `Exposure 850000.00 + order ${orderTotal.toFixed(2)} = ${exposureBefore.plus(orderTotal).toFixed(2)} exceeds the credit limit 1500000.00.`,
      );
    }
    expect((await creditOf(customers.baosteel)).currentExposure).toBe('850000');
  });

  it('赵磊 cannot release the hold; finance (陈静) releases it: CONFIRMED, and the order joins the exposure', async () => {
    const byRep = await app.gql(RELEASE_CREDIT_HOLD, { id: orderId, version: orderVersion, comment: '客户信誉良好' }, await as(rep));
    expect(errorOf(byRep.errors).code).toBe('FORBIDDEN');
    expect((await app.orm.em.fork().findOneOrFail(SalesOrder, orderId)).status).toBe('CREDIT_HOLD');

    const released = await app.gql(RELEASE_CREDIT_HOLD, { id: orderId, version: orderVersion, comment: '宝钢承诺按季度回款，放行' }, await as(finance));
    expect(released.errors).toBeUndefined();
    expect(released.data!.releaseCreditHold).toMatchObject({ status: 'CONFIRMED', creditComment: '宝钢承诺按季度回款，放行', creditDecidedBy: { id: userId(finance) } });
    orderVersion = released.data!.releaseCreditHold.version;
    expect((await creditOf(customers.baosteel)).currentExposure).toBe(money(exposureBefore.plus(orderTotal)));

    // His chain sees the decision with finance's comment; the rep who decided and when, not the comment.
    const asManager = await app.gql(ORDER_CREDIT, { id: orderId }, await as(manager));
    expect(asManager.data!.order).toMatchObject({ status: 'CONFIRMED', creditComment: '宝钢承诺按季度回款，放行', creditDecidedBy: { id: userId(finance) } });
    const asRep = await app.gql(ORDER_CREDIT, { id: orderId }, await as(rep));
    expect(asRep.data!.order).toMatchObject({ status: 'CONFIRMED', creditComment: null, creditDecidedBy: { id: userId(finance) } });
    expect(asRep.data!.order!.creditDecidedAt).not.toBeNull();
    expect(forbiddenPaths(asRep.errors)).toEqual(['order.creditComment', 'order.creditHoldReason']);
  });

  it('the order: margins hidden for 赵磊, shown to 杨明辉; customer service sees it without its total and prices; another team’s rep and the partner get NOT_FOUND', async () => {
    const asRep = await app.gql(ORDER_COSTS, { id: orderId }, await as(rep));
    expect(asRep.data!.order!.lines).toEqual([
      { unitCost: null, margin: null },
      { unitCost: null, margin: null },
    ]);
    expect(forbiddenPaths(asRep.errors)).toEqual(['order.lines.0.margin', 'order.lines.0.unitCost', 'order.lines.1.margin', 'order.lines.1.unitCost']);

    const asDirector = await app.gql(ORDER_COSTS, { id: orderId }, await as(director));
    expect(asDirector.errors).toBeUndefined();
    asDirector.data!.order!.lines.forEach((line, index) => {
      const expected = new Decimal(contractLines[index].unitPrice).minus(line.unitCost as string).times(contractLines[index].quantity);
      expect(line.margin).toBe(money(expected));
    });

    // The contract's prices, which customer service may not read, are the order's too.
    const asService = await app.gql(ORDER, { id: orderId }, await as(service));
    expect(asService.data!.order).toMatchObject({ id: orderId, status: 'CONFIRMED', contract: { id: contractId }, total: null });
    expect(asService.data!.order!.lines.map((line) => [line.quantity, line.listPrice, line.discountPercent, line.unitPrice, line.lineTotal])).toEqual(
      contractLines.map((line) => [line.quantity, null, null, null, null]),
    );
    expect(forbiddenPaths(asService.errors)).toEqual(
      ['order.total', ...[0, 1].flatMap((i) => ['listPrice', 'discountPercent', 'unitPrice', 'lineTotal'].map((field) => `order.lines.${i}.${field}`))].sort(),
    );

    for (const person of [otherTeamRep, partner]) {
      const response = await app.gql(ORDER, { id: orderId }, await as(person));
      expect({ who: person.name, ...errorOf(response.errors) }).toMatchObject({ who: person.name, code: 'NOT_FOUND', reason: 'ORDER_NOT_FOUND' });
    }
  });

  it('customer service ships part of it with batch numbers, then the rest; the customer signs for both', async () => {
    const first = await app.gql(
      CREATE_SHIPMENT,
      {
        input: {
          orderId,
          carrier: '顺丰速运',
          trackingNumber: 'SF1402261203',
          lines: [
            { orderLineId: orderLineIds[0], quantity: 1000, batchNumber: 'PT03-2612-A' },
            { orderLineId: orderLineIds[0], quantity: firstShipment[0] - 1000, batchNumber: ' PT03-2612-B ' },
            { orderLineId: orderLineIds[1], quantity: firstShipment[1], batchNumber: 'PRS02-2612-A' },
          ],
        },
      },
      await as(service),
    );
    expect(first.errors).toBeUndefined();
    const partial = first.data!.createShipment;
    expect(partial).toMatchObject({ status: 'SHIPPED', shippedOn: today, deliveryAddress: '上海市宝山区富锦路 885 号', deliveryRegion: { id: units.east }, createdBy: { id: userId(service) } });
    expect(partial.order).toMatchObject({ status: 'PARTIALLY_SHIPPED' });
    expect(partial.order!.lines.map((line) => [line.quantity, line.shippedQuantity])).toEqual([
      [4000, 1500],
      [360, 160],
    ]);
    expect(partial.lines.map((line) => [line.batchNumber, line.quantity]).sort()).toEqual([
      ['PRS02-2612-A', 160],
      ['PT03-2612-A', 1000],
      ['PT03-2612-B', 500],
    ]);

    const rest = await app.gql(
      CREATE_SHIPMENT,
      {
        input: {
          orderId,
          carrier: '顺丰速运',
          lines: [
            { orderLineId: orderLineIds[0], quantity: 4000 - firstShipment[0], batchNumber: 'PT03-2612-C' },
            { orderLineId: orderLineIds[1], quantity: 360 - firstShipment[1], batchNumber: 'PRS02-2612-B' },
          ],
        },
      },
      await as(service),
    );
    expect(rest.errors).toBeUndefined();
    expect(rest.data!.createShipment.order).toMatchObject({ status: 'SHIPPED' });
    shipmentIds = [partial.id, rest.data!.createShipment.id];

    for (const shipmentId of shipmentIds) {
      const current = await app.gql(SHIPMENT, { id: shipmentId }, await as(service));
      const delivered = await app.gql(CONFIRM_DELIVERY, { id: shipmentId, version: current.data!.shipment!.version, deliveredOn: today, receivedBy: '沈佳' }, await as(service));
      expect(delivered.errors).toBeUndefined();
      expect(delivered.data!.confirmDelivery).toMatchObject({ status: 'DELIVERED', deliveredOn: today, receivedBy: '沈佳' });
    }

    // The rep follows his order's shipments; the partner sees none of them.
    const asRep = await app.gql(SHIPMENTS, { filter: { orderId }, first: 10 }, await as(rep));
    expect(asRep.data!.shipments.nodes.map((node) => node.status)).toEqual(['DELIVERED', 'DELIVERED']);
    const asPartner = await app.gql(SHIPMENTS, { filter: { orderId }, first: 10 }, await as(partner));
    expect(asPartner.data!.shipments).toMatchObject({ totalCount: 0, nodes: [] });
  });

  it('a recall of batch PT03-2612-B finds 宝钢精密 and the order; the partner’s trace finds nothing', async () => {
    const trace = await app.gql(BATCH_TRACE, { batchNumber: 'PT03-2612-B' }, await as(people.techSupport));
    expect(trace.errors).toBeUndefined();
    expect(trace.data!.batchTrace).toMatchObject({
      batchNumber: 'PT03-2612-B',
      totalQuantity: 500,
      orders: [{ id: orderId }],
      customers: [{ id: customers.baosteel, name: '上海宝钢精密机械有限公司' }],
      lines: [{ quantity: 500, shipment: { id: shipmentIds[0] }, order: { id: orderId }, customer: { id: customers.baosteel } }],
    });
    const asPartner = await app.gql(BATCH_TRACE, { batchNumber: 'PT03-2612-B' }, await as(partner));
    expect(asPartner.data!.batchTrace).toMatchObject({ totalQuantity: 0, lines: [], orders: [], customers: [] });
  });

  it('finance invoices the first shipment back-dated 45 days and the rest today: the order is INVOICED', async () => {
    const byRep = await app.gql(CREATE_INVOICE, { input: { orderId } }, await as(rep));
    expect(errorOf(byRep.errors).code).toBe('FORBIDDEN');

    const first = await app.gql(
      CREATE_INVOICE,
      {
        input: {
          orderId,
          issueDate: addDays(today, -45),
          lines: orderLineIds.map((orderLineId, index) => ({ orderLineId, quantity: firstShipment[index] })),
        },
      },
      await as(finance),
    );
    expect(first.errors).toBeUndefined();
    const backDated = first.data!.createInvoice;
    const firstAmount = contractLines.reduce((sum, line, index) => sum.plus(new Decimal(line.unitPrice).times(firstShipment[index])), new Decimal(0));
    expect(backDated).toMatchObject({
      status: 'OPEN',
      issueDate: addDays(today, -45),
      // The contract's 30 days' terms: due 15 days ago.
      dueDate: addDays(today, -15),
      amount: money(firstAmount),
      paidAmount: '0',
      daysOverdue: 15,
      order: { id: orderId, status: 'SHIPPED' },
      customer: { id: customers.baosteel },
      owner: { id: userId(rep) },
      createdBy: { id: userId(finance) },
    });

    const second = await app.gql(CREATE_INVOICE, { input: { orderId } }, await as(finance));
    expect(second.errors).toBeUndefined();
    const current = second.data!.createInvoice;
    expect(current).toMatchObject({ status: 'OPEN', issueDate: today, dueDate: addDays(today, 30), amount: money(orderTotal.minus(firstAmount)), daysOverdue: 0, order: { status: 'INVOICED' } });
    invoices = [
      { id: backDated.id, amount: firstAmount },
      { id: current.id, amount: orderTotal.minus(firstAmount) },
    ];

    // Billing is for the owner's chain and finance: customer service and the partner do not see the invoices.
    const asRep = await app.gql(INVOICES, { filter: { orderId }, first: 10 }, await as(rep));
    expect(asRep.data!.invoices.nodes.map((node) => [node.id, node.daysOverdue])).toEqual([
      [current.id, 0],
      [backDated.id, 15],
    ]);
    for (const person of [service, partner]) {
      const response = await app.gql(INVOICE, { id: backDated.id }, await as(person));
      expect({ who: person.name, ...errorOf(response.errors) }).toMatchObject({ who: person.name, code: 'NOT_FOUND', reason: 'INVOICE_NOT_FOUND' });
    }
  });

  it('events(filter: { orderId }) as 黄伟: every order and shipment event in order', async () => {
    const expected = [
      ['order.placed', '赵磊'],
      ['order.creditReleased', '陈静'],
      ['shipment.created', '张悦'],
      ['order.partiallyShipped', '张悦'],
      ['shipment.created', '张悦'],
      ['order.shipped', '张悦'],
      ['shipment.delivered', '张悦'],
      ['shipment.delivered', '张悦'],
      ['order.invoiced', '陈静'],
    ];
    const events = await eventually(
      () => eventsAs(manager, { orderId }),
      (nodes) => nodes.length >= expected.length,
    );
    expect(events.map((event) => [event.type, event.actor?.name])).toEqual(expected);
    expect(events[0]).toMatchObject({ aggregateType: 'Order', aggregateId: orderId, payload: { status: 'CREDIT_HOLD' } });
    expect(events.filter((event) => event.aggregateType === 'Shipment').map((event) => event.aggregateId)).toEqual([
      shipmentIds[0],
      shipmentIds[1],
      shipmentIds[0],
      shipmentIds[1],
    ]);
    expect(await eventsAs(partner, { orderId })).toEqual([]);
  });

  it('two partial payments, allocated to both invoices: the invoices partly paid, the exposure down by what was paid', async () => {
    const first = await app.gql(
      RECORD_PAYMENT,
      {
        input: {
          customerId: customers.baosteel,
          amount: '200000',
          receivedOn: addDays(today, -2),
          method: 'BANK_TRANSFER',
          reference: 'CMB-BSJM-0001',
          payerAccount: '招商银行上海宝山支行 6225 8812 0001 7788',
          allocations: [{ invoiceId: invoices[0].id, amount: '200000' }],
        },
      },
      await as(finance),
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordPayment).toMatchObject({
      status: 'ALLOCATED',
      amount: '200000',
      allocatedAmount: '200000',
      unallocatedAmount: '0',
      customer: { id: customers.baosteel },
      owner: { id: userId(rep) },
      recordedBy: { id: userId(finance) },
      allocations: [{ amount: '200000', invoice: { id: invoices[0].id, status: 'PARTIALLY_PAID', paidAmount: '200000' } }],
    });

    const second = await app.gql(
      RECORD_PAYMENT,
      { input: { customerId: customers.baosteel, amount: '150000', receivedOn: today, method: 'BANK_ACCEPTANCE', reference: 'BA-2026-1203-77' } },
      await as(finance),
    );
    expect(second.errors).toBeUndefined();
    expect(second.data!.recordPayment).toMatchObject({ status: 'UNALLOCATED', unallocatedAmount: '150000', allocations: [] });
    const allocated = await app.gql(
      ALLOCATE_PAYMENT,
      {
        paymentId: second.data!.recordPayment.id,
        version: second.data!.recordPayment.version,
        allocations: [
          { invoiceId: invoices[0].id, amount: '50000' },
          { invoiceId: invoices[1].id, amount: '100000' },
        ],
      },
      await as(finance),
    );
    expect(allocated.errors).toBeUndefined();
    expect(allocated.data!.allocatePayment).toMatchObject({ status: 'ALLOCATED', allocatedAmount: '150000', unallocatedAmount: '0' });
    paymentIds = [first.data!.recordPayment.id, second.data!.recordPayment.id];

    for (const [invoice, paid] of [
      [invoices[0], 250_000],
      [invoices[1], 100_000],
    ] as const) {
      const response = await app.gql(INVOICE, { id: invoice.id }, await as(rep));
      expect(response.data!.invoice).toMatchObject({ status: 'PARTIALLY_PAID', paidAmount: money(paid), openAmount: money(invoice.amount.minus(paid)) });
    }
    expect((await creditOf(customers.baosteel)).currentExposure).toBe(money(exposureBefore.plus(orderTotal).minus(350_000)));
  });

  it('payment details: hidden from 赵磊, shown to 黄伟 and finance; the partner gets NOT_FOUND', async () => {
    const asRep = await app.gql(PAYMENT_DETAILS, { id: paymentIds[0] }, await as(rep));
    expect(asRep.data!.payment).toEqual({ id: paymentIds[0], amount: '200000', method: null, reference: null, payerAccount: null });
    expect(forbiddenPaths(asRep.errors)).toEqual(['payment.method', 'payment.payerAccount', 'payment.reference']);

    for (const person of [manager, finance]) {
      const response = await app.gql(PAYMENT_DETAILS, { id: paymentIds[0] }, await as(person));
      expect({ who: person.name, errors: response.errors, payment: response.data!.payment }).toEqual({
        who: person.name,
        errors: undefined,
        payment: { id: paymentIds[0], amount: '200000', method: 'BANK_TRANSFER', reference: 'CMB-BSJM-0001', payerAccount: '招商银行上海宝山支行 6225 8812 0001 7788' },
      });
    }

    const asPartner = await app.gql(PAYMENT_DETAILS, { id: paymentIds[0] }, await as(partner));
    expect(errorOf(asPartner.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'PAYMENT_NOT_FOUND' });

    // The same in the payments' events: 赵磊 follows his customer's payments without how they were paid.
    const received = async (person: DemoPerson) =>
      (await eventsAs(person, { types: ['payment.received'] })).filter((event) => paymentIds.includes(event.aggregateId));
    const asRepEvents = await eventually(() => received(rep), (events) => events.length >= 2);
    expect(asRepEvents.map((event) => [event.aggregateId, event.payload.method, [...event.hiddenFields].sort()])).toEqual([
      [paymentIds[0], undefined, ['method', 'payerAccount', 'reference']],
      [paymentIds[1], undefined, ['method', 'payerAccount', 'reference']],
    ]);
    const asManagerEvents = await received(manager);
    expect(asManagerEvents.map((event) => [event.payload.method, event.hiddenFields])).toEqual([
      ['BANK_TRANSFER', []],
      ['BANK_ACCEPTANCE', []],
    ]);
    expect(await received(partner)).toEqual([]);
  });

  it('receivablesAging per customer, owner, team and region: the open amounts in the 31–60 and 0–30 buckets for finance, 杨明辉 and 黄伟; 赵磊 is refused', async () => {
    const olderOpen = invoices[0].amount.minus(250_000);
    const recentOpen = invoices[1].amount.minus(100_000);
    const bucketsOf = { days0To30: money(recentOpen), days31To60: money(olderOpen), days61To90: '0', over90: '0', total: money(olderOpen.plus(recentOpen)), overdue: money(olderOpen), invoiceCount: 2 };
    const groups: [ReceivablesGroupBy, string, string][] = [
      ['CUSTOMER', customers.baosteel, '上海宝钢精密机械有限公司'],
      ['OWNER', userId(rep), '赵磊'],
      ['TEAM', units.shanghai1, '上海一组'],
      ['REGION', units.east, '华东'],
    ];
    for (const person of [finance, director, manager]) {
      for (const [groupBy, groupId, groupName] of groups) {
        const response = await app.gql(RECEIVABLES_AGING, { groupBy }, await as(person));
        expect(response.errors).toBeUndefined();
        const aging = response.data!.receivablesAging;
        expect({ who: person.name, groupBy, asOf: aging.asOf, rows: aging.rows, grandTotal: aging.grandTotal }).toEqual({
          who: person.name,
          groupBy,
          asOf: today,
          rows: [{ groupId, groupName, ...bucketsOf }],
          grandTotal: { groupId: null, groupName: null, ...bucketsOf },
        });
      }
    }

    // As of 20 days ago only the back-dated invoice was issued, and nothing was paid yet: all of it, 25 days old.
    const earlier = await app.gql(RECEIVABLES_AGING, { groupBy: 'CUSTOMER', asOf: addDays(today, -20) }, await as(finance));
    expect(earlier.data!.receivablesAging.grandTotal).toMatchObject({ days0To30: money(invoices[0].amount), total: money(invoices[0].amount), overdue: '0', invoiceCount: 1 });

    for (const person of [rep, partner]) {
      const response = await app.gql(RECEIVABLES_AGING, { groupBy: 'CUSTOMER' }, await as(person));
      expect({ who: person.name, code: errorOf(response.errors).code, data: response.data }).toEqual({ who: person.name, code: 'FORBIDDEN', data: null });
    }
  });

  it('collectionPerformance: 赵磊’s invoicing, collection and days sales outstanding, for finance and 黄伟; 赵磊 is refused', async () => {
    const from = addDays(today, -89);
    const invoiced = invoices[0].amount.plus(invoices[1].amount);
    const open = invoiced.minus(350_000);
    const expected = {
      ownerId: userId(rep),
      ownerName: '赵磊',
      invoiced: money(invoiced),
      collected: '350000',
      openAtEnd: money(open),
      // open ÷ invoiced × 90 days
      daysSalesOutstanding: money(open.dividedBy(invoiced).times(90).toDecimalPlaces(1, Decimal.ROUND_HALF_UP)),
      // (250,000 × 45 days + 100,000 × 0 days) ÷ 350,000
      averageDaysToCollect: '32.1',
    };
    for (const person of [finance, manager]) {
      const response = await app.gql(COLLECTION_PERFORMANCE, { from, to: today }, await as(person));
      expect(response.errors).toBeUndefined();
      expect({ who: person.name, rows: response.data!.collectionPerformance.rows }).toEqual({ who: person.name, rows: [expected] });
    }
    const asRep = await app.gql(COLLECTION_PERFORMANCE, { from, to: today }, await as(rep));
    expect(errorOf(asRep.errors).code).toBe('FORBIDDEN');
  });

  it('the partner sees none of it: no contract, order, shipment, invoice, payment or event of 宝钢精密', async () => {
    const auth = await as(partner);
    expect((await app.gql(CONTRACTS, { first: 50, filter: { customerId: customers.baosteel } }, auth)).data!.contracts.nodes).toEqual([]);
    expect((await app.gql(ORDERS, { first: 50, filter: { customerId: customers.baosteel } }, auth)).data!.orders.nodes).toEqual([]);
    expect((await app.gql(SHIPMENTS, { first: 50, filter: { orderId } }, auth)).data!.shipments.nodes).toEqual([]);
    expect((await app.gql(INVOICES, { first: 50, filter: { customerId: customers.baosteel } }, auth)).data!.invoices.nodes).toEqual([]);
    expect((await app.gql(PAYMENTS, { first: 50, filter: { customerId: customers.baosteel } }, auth)).data!.payments.nodes).toEqual([]);
    const events = await eventsAs(partner, {});
    expect(events.filter((event) => [contractId, orderId, ...shipmentIds, ...invoices.map((i) => i.id), ...paymentIds].includes(event.aggregateId))).toEqual([]);
    const shipment = await app.gql(SHIPMENT, { id: shipmentIds[0] }, auth);
    expect(errorOf(shipment.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'SHIPMENT_NOT_FOUND' });
  });
});

describe('the partner 欧阳晓峰 (粤通商贸, 华南) orders only in its region, and a shipment outside it is a channel conflict', () => {
  let orderId: string;
  let orderLineId: string;
  let shipmentId: string;
  let conflictId: string;
  const batchNumber = `CYL01-2612-${randomBytes(2).toString('hex').toUpperCase()}`;

  const cylinders = (quantity: number): PlaceOrderLineInput[] => [{ productId: products.cylinder, quantity }];
  const ordersOf = (customerId: string) => app.orm.em.fork().count(SalesOrder, { customer: customerId });

  it('places an order for 美智家电 (its distributor’s customer in 华南) at the distributor price list', async () => {
    const placed = await app.gql(PLACE_ORDER, { input: { customerId: customers.midea, lines: cylinders(200) } }, await as(partner));
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.placeOrder;
    expect(order).toMatchObject({ status: 'CONFIRMED', customer: { id: customers.midea }, placedBy: { id: userId(partner) }, distributor: { id: YUETONG }, contract: null, deliveryRegion: { id: units.south } });
    orderId = order.id;
    orderLineId = order.lines[0].id;

    const pricing = await app.gql(ORDER_PRICING, { id: orderId }, await as(partner));
    expect(pricing.errors).toBeUndefined();
    const priced = pricing.data!.order;
    expect(priced!.priceList?.channel).toBe('DISTRIBUTOR');
    expect([catalog.distributorPriceList, catalog.southPromoPriceList]).toContain(priced!.priceList?.id);
    expect(priced!.distributor).toEqual({ id: YUETONG, code: 'D-GD-001' });
    expect(priced!.lines).toEqual([{ quantity: 200, listPrice: priced!.lines[0].listPrice, discountPercent: '0', unitPrice: priced!.lines[0].listPrice, lineTotal: priced!.total }]);

    // Cheaper than the same units on the direct list, where 宋雨桐 would price them.
    const direct = await app.gql(PLACE_ORDER, { input: { customerId: customers.shenlian, lines: cylinders(200) } }, await as(rep));
    expect(new Decimal(direct.data!.placeOrder.lines[0].unitPrice as string).greaterThan(priced!.lines[0].unitPrice as string)).toBe(true);
    const cancelled = await app.gql(CANCEL_ORDER, { id: direct.data!.placeOrder.id, version: direct.data!.placeOrder.version, reason: '仅比价' }, await as(rep));
    expect(cancelled.errors).toBeUndefined();

    // The partner sees its own order; the customer's rep does too, as the owner.
    expect((await app.gql(ORDERS, { first: 50, filter: { customerId: customers.midea } }, await as(partner))).data!.orders.nodes.map((node) => node.id)).toEqual([orderId]);
    expect((await app.gql(ORDER, { id: orderId }, await as(mideaRep))).data!.order!.owner).toEqual({ id: userId(mideaRep) });
  });

  it('refuses a 华东 customer and a 华南 customer not of its distributor: CUSTOMER_OUTSIDE_PARTNER_REGION, no order written', async () => {
    for (const customerId of [customers.huichuan, customers.baiyun]) {
      const before = await ordersOf(customerId);
      const response = await app.gql(PLACE_ORDER, { input: { customerId, lines: cylinders(10) } }, await as(partner));
      expect({ customerId, ...errorOf(response.errors) }).toMatchObject({ customerId, code: 'BAD_USER_INPUT', reason: 'CUSTOMER_OUTSIDE_PARTNER_REGION', paths: ['input.customerId'] });
      expect(response.data).toBeNull();
      expect(await ordersOf(customerId)).toBe(before);
    }
  });

  it('customer service ships its order to an address in 华东: a SHIPMENT_OUTSIDE_REGION conflict with the evidence', async () => {
    const shipped = await app.gql(
      CREATE_SHIPMENT,
      {
        input: {
          orderId,
          deliveryAddress: '上海市嘉定区安亭镇墨玉路 185 号',
          deliveryRegionId: units.east,
          carrier: '德邦物流',
          lines: [{ orderLineId, quantity: 200, batchNumber }],
        },
      },
      await as(service),
    );
    expect(shipped.errors).toBeUndefined();
    expect(shipped.data!.createShipment).toMatchObject({ status: 'SHIPPED', deliveryRegion: { id: units.east }, order: { status: 'SHIPPED' } });
    shipmentId = shipped.data!.createShipment.id;

    const conflicts = await app.gql(CHANNEL_CONFLICTS, { filter: { distributorId: YUETONG, kinds: ['SHIPMENT_OUTSIDE_REGION'] } }, await as(people.vp));
    expect(conflicts.errors).toBeUndefined();
    const found = conflicts.data!.channelConflicts.nodes.filter((node) => (node.evidence.shipment as { id: string }).id === shipmentId);
    expect(found).toHaveLength(1);
    const [conflict] = found;
    conflictId = conflict.id;
    expect(conflict).toMatchObject({
      kind: 'SHIPMENT_OUTSIDE_REGION',
      status: 'OPEN',
      batchNumber,
      distributor: { id: YUETONG, code: 'D-GD-001' },
      homeRegion: { id: units.south, name: '华南' },
      foundRegion: { id: units.east, name: '华东' },
    });
    const shipment = await app.orm.em.fork().findOneOrFail(Shipment, shipmentId, { populate: ['order'] });
    expect(conflict.evidence).toMatchObject({
      shipment: { id: shipmentId, number: shipment.number, deliveryAddress: '上海市嘉定区安亭镇墨玉路 185 号' },
      order: { id: orderId, number: shipment.order.number },
      customer: { id: customers.midea, regionId: units.south },
      distributor: { id: YUETONG, code: 'D-GD-001' },
      deliveryRegion: { id: units.east, name: '华东' },
      batches: [{ batchNumber, quantity: 200, productId: products.cylinder, sku: 'PNU-CYL-01' }],
    });
  });

  it('the conflict is seen, in the list and by id, by 郑国华 (华南), 杨明辉 (华东) and the VP', async () => {
    for (const person of [southDirector, director, people.vp]) {
      const list = await app.gql(CHANNEL_CONFLICTS, {}, await as(person));
      expect(list.errors).toBeUndefined();
      expect({ who: person.name, ids: list.data!.channelConflicts.nodes.map((node) => node.id) }).toEqual({ who: person.name, ids: expect.arrayContaining([conflictId]) });
      const byId = await app.gql(CHANNEL_CONFLICT, { id: conflictId }, await as(person));
      expect(byId.errors).toBeUndefined();
      expect(byId.data!.channelConflict).toMatchObject({ id: conflictId, batchNumber, evidence: { shipment: { id: shipmentId }, order: { id: orderId } } });
    }
  });

  it('nor by 曾庆丰 (华北), the partner or the customer’s rep: an empty list, NOT_FOUND by id', async () => {
    for (const person of [northDirector, partner, mideaRep]) {
      const list = await app.gql(CHANNEL_CONFLICTS, {}, await as(person));
      expect({ who: person.name, errors: list.errors, nodes: list.data!.channelConflicts.nodes, totalCount: list.data!.channelConflicts.totalCount }).toEqual({
        who: person.name,
        errors: undefined,
        nodes: [],
        totalCount: 0,
      });
      const byId = await app.gql(CHANNEL_CONFLICT, { id: conflictId }, await as(person));
      expect({ who: person.name, ...errorOf(byId.errors) }).toMatchObject({ who: person.name, code: 'NOT_FOUND', reason: 'CONFLICT_NOT_FOUND' });
    }
    // The partner still sees its own order, now shipped.
    expect((await app.gql(ORDER, { id: orderId }, await as(partner))).data!.order!.status).toBe('SHIPPED');
  });
});

describe('bad input changes nothing', () => {
  /** PT100 model 1 from 50 units: 123.84 on the direct list. */
  const pt100 = (quantity: number): PlaceOrderLineInput => ({ productId: catalog.pt100, quantity });

  /** A won deal of 赵磊 for 申联自动化: `quantity` PT100s, no discount (approved at once), accepted. */
  async function wonDeal(quantity: number): Promise<string> {
    const auth = await as(rep);
    const opportunity = await app.gql(CREATE_OPPORTUNITY, { input: { customerId: customers.shenlian, name: `申联 传感器 ${quantity}`, amount: '100000', stage: 'PROPOSAL' } }, auth);
    const opportunityId = opportunity.data!.createOpportunity.id;
    const quote = await app.gql(CREATE_QUOTE, { input: { opportunityId, validUntil: addDays(today, 30), lines: [{ productId: catalog.pt100, quantity, discountPercent: '0' }] } }, auth);
    const submitted = await app.gql(SUBMIT_QUOTE, { id: quote.data!.createQuote.id, version: quote.data!.createQuote.version }, auth);
    expect(submitted.data!.submitQuote.status).toBe('APPROVED');
    const accepted = await app.gql(ACCEPT_QUOTE, { id: quote.data!.createQuote.id, version: submitted.data!.submitQuote.version }, auth);
    expect(accepted.data!.acceptQuote.opportunity?.stage).toBe('WON');
    return opportunityId;
  }

  async function draftContract(quantity: number) {
    const opportunityId = await wonDeal(quantity);
    const created = await app.gql(
      CREATE_CONTRACT,
      { input: { opportunityId, title: `申联 供货合同 ${quantity}`, startDate: today, endDate: addDays(today, 365) } },
      await as(rep),
    );
    expect(created.errors).toBeUndefined();
    return created.data!.createContract;
  }

  /** A contract as stored: its status, version, signature and steps, and how many events it has. */
  async function storedContract(id: string) {
    const em = app.orm.em.fork();
    const contract = await em.findOneOrFail(Contract, id);
    const steps = await em.find(ContractApprovalStep, { contract: id }, { orderBy: { round: 'asc', position: 'asc' } });
    return {
      status: contract.status,
      version: contract.version,
      submittedAt: contract.submittedAt,
      signedAt: contract.signedAt,
      signedBy: contract.signedBy?.id ?? null,
      steps: steps.map((step) => ({ approver: step.approver.id, status: step.status, version: step.version, decidedAt: step.decidedAt, comment: step.comment })),
      events: await storedEventCount({ contract: id }),
    };
  }

  /** An order as stored: status, version, lines' shipped and invoiced units, shipments, invoices and events. */
  async function storedOrder(id: string) {
    const em = app.orm.em.fork();
    const order = await em.findOneOrFail(SalesOrder, id);
    const lines = await em.find(OrderLine, { order: id }, { orderBy: { position: 'asc' } });
    return {
      status: order.status,
      version: order.version,
      cancelledAt: order.cancelledAt,
      lines: lines.map((line) => ({ shipped: line.shippedQuantity, invoiced: line.invoicedQuantity })),
      shipments: await em.count(Shipment, { order: id }),
      invoices: await em.count(Invoice, { order: id }),
      events: await storedEventCount({ order: id }),
    };
  }

  async function confirmedOrder(customerId: string, lines: PlaceOrderLineInput[]) {
    const placed = await app.gql(PLACE_ORDER, { input: { customerId, lines } }, await as(rep));
    expect(placed.errors).toBeUndefined();
    expect(placed.data!.placeOrder.status).toBe('CONFIRMED');
    return placed.data!.placeOrder;
  }

  it('over-shipping: more than is left on an order line is refused at the line’s quantity, and nothing ships', async () => {
    const order = await confirmedOrder(customers.shenlian, [pt100(20), { productId: products.pt100Model2, quantity: 10 }]);
    const [line1, line2] = order.lines.map((line) => line.id);
    const before = await storedOrder(order.id);

    // Two batches of one line: 15 + 6 of 20.
    const split = await app.gql(
      CREATE_SHIPMENT,
      {
        input: {
          orderId: order.id,
          lines: [
            { orderLineId: line2, quantity: 10, batchNumber: 'OS-B0' },
            { orderLineId: line1, quantity: 15, batchNumber: 'OS-B1' },
            { orderLineId: line1, quantity: 6, batchNumber: 'OS-B2' },
          ],
        },
      },
      await as(service),
    );
    expect(errorOf(split.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OVER_SHIPMENT', paths: ['input.lines.2.quantity'], message: expect.stringContaining('5 left to ship') });
    expect(split.data).toBeNull();
    expect(await storedOrder(order.id)).toEqual(before);

    // After shipping all 20, one more unit is too many.
    const shipped = await app.gql(CREATE_SHIPMENT, { input: { orderId: order.id, lines: [{ orderLineId: line1, quantity: 20, batchNumber: 'OS-B3' }] } }, await as(service));
    expect(shipped.errors).toBeUndefined();
    const partly = await storedOrder(order.id);
    expect(partly).toMatchObject({ status: 'PARTIALLY_SHIPPED', lines: [{ shipped: 20 }, { shipped: 0 }], shipments: 1 });
    const oneMore = await app.gql(CREATE_SHIPMENT, { input: { orderId: order.id, lines: [{ orderLineId: line1, quantity: 1, batchNumber: 'OS-B4' }] } }, await as(service));
    expect(errorOf(oneMore.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OVER_SHIPMENT', paths: ['input.lines.0.quantity'], message: expect.stringContaining('0 left to ship') });
    expect(await storedOrder(order.id)).toEqual(partly);
    const trace = await app.gql(BATCH_TRACE, { batchNumber: 'OS-B4' }, await as(service));
    expect(trace.data!.batchTrace.totalQuantity).toBe(0);
  });

  it('over-allocating a payment: beyond the payment or beyond what is open on the invoice is refused, and no money moves', async () => {
    const order = await confirmedOrder(customers.shenlian, [pt100(30)]);
    const shipped = await app.gql(CREATE_SHIPMENT, { input: { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: 30, batchNumber: 'OA-B1' }] } }, await as(service));
    expect(shipped.errors).toBeUndefined();
    const invoiced = await app.gql(CREATE_INVOICE, { input: { orderId: order.id } }, await as(finance));
    expect(invoiced.errors).toBeUndefined();
    const invoice = invoiced.data!.createInvoice;
    const invoiceAmount = new Decimal(invoice.amount as string);

    const state = async () => {
      const em = app.orm.em.fork();
      const [stored, customer] = await Promise.all([em.findOneOrFail(Invoice, invoice.id), em.findOneOrFail(Customer, customers.shenlian)]);
      return {
        invoice: { status: stored.status, paidAmount: stored.paidAmount, version: stored.version },
        exposure: customer.currentExposure,
        payments: await em.count(Payment, { customer: customers.shenlian }),
        allocations: await em.count(PaymentAllocation, { invoice: invoice.id }),
      };
    };
    const before = await state();
    // Allocations adding up to more than the payment.
    const beyondPayment = await app.gql(
      RECORD_PAYMENT,
      {
        input: {
          customerId: customers.shenlian,
          amount: '1000',
          receivedOn: today,
          method: 'BANK_TRANSFER',
          allocations: [
            { invoiceId: invoice.id, amount: '600' },
            { invoiceId: invoice.id, amount: '500' },
          ],
        },
      },
      await as(finance),
    );
    expect(errorOf(beyondPayment.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OVER_ALLOCATION', paths: ['input.allocations'], message: expect.stringContaining('1000.00 of the payment is left') });
    expect(await state()).toEqual(before);

    // An allocation above what is open on the invoice.
    const beyondInvoice = await app.gql(
      RECORD_PAYMENT,
      {
        input: {
          customerId: customers.shenlian,
          amount: money(invoiceAmount.plus(1000)),
          receivedOn: today,
          method: 'BANK_TRANSFER',
          allocations: [{ invoiceId: invoice.id, amount: money(invoiceAmount.plus(0.01)) }],
        },
      },
      await as(finance),
    );
    expect(errorOf(beyondInvoice.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVOICE_OVERPAID', paths: ['input.allocations.0.amount'] });
    expect(await state()).toEqual(before);

    // A payment recorded unallocated, then allocated beyond what is left of it.
    const recorded = await app.gql(RECORD_PAYMENT, { input: { customerId: customers.shenlian, amount: '1000', receivedOn: today, method: 'CHEQUE' } }, await as(finance));
    expect(recorded.errors).toBeUndefined();
    const unallocated = recorded.data!.recordPayment;
    const afterRecording = await state();
    const tooMuch = await app.gql(ALLOCATE_PAYMENT, { paymentId: unallocated.id, version: unallocated.version, allocations: [{ invoiceId: invoice.id, amount: '1000.01' }] }, await as(finance));
    expect(errorOf(tooMuch.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OVER_ALLOCATION', paths: ['allocations'] });
    expect(await state()).toEqual(afterRecording);
    const storedPayment = await app.orm.em.fork().findOneOrFail(Payment, unallocated.id);
    expect({ allocated: storedPayment.allocatedAmount, status: storedPayment.status, version: storedPayment.version }).toEqual({ allocated: '0.00', status: 'UNALLOCATED', version: unallocated.version });
  });

  it('approving out of turn: the director before the team manager, the VP outside the chain and the owner rep are refused; the steps stay as they were', async () => {
    const draft = await draftContract(4845); // 600,004.80: 黄伟, then 杨明辉
    const submitted = await app.gql(SUBMIT_CONTRACT, { id: draft.id, version: draft.version }, await as(rep));
    expect(submitted.data!.submitContract.approvalSteps.map((step) => [step.approver?.name, step.status])).toEqual([
      ['黄伟', 'PENDING'],
      ['杨明辉', 'WAITING'],
    ]);
    const version = submitted.data!.submitContract.version;
    const before = await storedContract(draft.id);

    for (const person of [director, people.vp]) {
      const approved = await app.gql(APPROVE_CONTRACT, { id: draft.id, version, comment: '同意' }, await as(person));
      expect({ who: person.name, ...errorOf(approved.errors) }).toMatchObject({ who: person.name, code: 'CONFLICT', reason: 'NOT_YOUR_TURN' });
      expect(approved.data).toBeNull();
    }
    const rejected = await app.gql(REJECT_CONTRACT, { id: draft.id, version, comment: '金额过大' }, await as(director));
    expect(errorOf(rejected.errors)).toMatchObject({ code: 'CONFLICT', reason: 'NOT_YOUR_TURN' });
    // A rep approves no contracts at all, least of all his own.
    const byOwner = await app.gql(APPROVE_CONTRACT, { id: draft.id, version }, await as(rep));
    expect(errorOf(byOwner.errors).code).toBe('FORBIDDEN');
    expect(await storedContract(draft.id)).toEqual(before);

    // 黄伟's turn: his approval goes through, and a second one of his is refused.
    const first = await app.gql(APPROVE_CONTRACT, { id: draft.id, version }, await as(manager));
    expect(first.errors).toBeUndefined();
    const afterFirst = await storedContract(draft.id);
    const again = await app.gql(APPROVE_CONTRACT, { id: draft.id, version: first.data!.approveContract.version }, await as(manager));
    expect(errorOf(again.errors)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_DECIDED' });
    expect(await storedContract(draft.id)).toEqual(afterFirst);
  });

  it('signing above one’s limit: 赵磊 may not sign a 300,000 draft himself (his limit is 200,000); it stays a draft', async () => {
    const draft = await draftContract(2423); // 300,064.32
    const before = await storedContract(draft.id);
    const signed = await app.gql(SIGN_CONTRACT, { id: draft.id, version: draft.version }, await as(rep));
    expect(errorOf(signed.errors)).toMatchObject({ code: 'FORBIDDEN', reason: 'ABOVE_SIGNING_LIMIT', paths: undefined });
    expect(signed.data).toBeNull();
    expect(await storedContract(draft.id)).toEqual(before);
    expect(before).toMatchObject({ status: 'DRAFT', signedAt: null, signedBy: null });

    // Within his limit (500,000) 黄伟 may sign it as it is.
    const byManager = await app.gql(SIGN_CONTRACT, { id: draft.id, version: draft.version }, await as(manager));
    expect(byManager.errors).toBeUndefined();
    expect(byManager.data!.signContract).toMatchObject({ status: 'ACTIVE', signedBy: { id: userId(manager) } });
  });

  it('a stale version on a contract: submitting or approving with the version read before a change is a CONFLICT at `version`', async () => {
    const draft = await draftContract(4846);
    const updated = await app.gql(UPDATE_CONTRACT, { id: draft.id, version: draft.version, input: { paymentTermsDays: 45 } }, await as(rep));
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateContract.version).toBe(draft.version + 1);
    const before = await storedContract(draft.id);

    const stale = await app.gql(SUBMIT_CONTRACT, { id: draft.id, version: draft.version }, await as(rep));
    expect(errorOf(stale.errors)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', field: 'version' });
    expect(await storedContract(draft.id)).toEqual(before);
    expect(before).toMatchObject({ status: 'DRAFT', submittedAt: null, steps: [] });

    // Submitted with the current version; 黄伟 still holding the draft's version is refused too.
    const submitted = await app.gql(SUBMIT_CONTRACT, { id: draft.id, version: updated.data!.updateContract.version }, await as(rep));
    expect(submitted.errors).toBeUndefined();
    const pending = await storedContract(draft.id);
    const staleApproval = await app.gql(APPROVE_CONTRACT, { id: draft.id, version: draft.version }, await as(manager));
    expect(errorOf(staleApproval.errors)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', field: 'version' });
    expect(await storedContract(draft.id)).toEqual(pending);
    expect(pending.steps.map((step) => step.status)).toEqual(['PENDING', 'WAITING']);
  });

  it('a stale version on an order: 赵磊 cancelling with the version he read before finance released it is a CONFLICT; the order stays CONFIRMED', async () => {
    // A new customer of 赵磊's, registered through the API: no credit limit yet, so its first order is held.
    const registered = await app.gql(
      CREATE_CUSTOMER,
      { input: { name: `苏州新材料科技有限公司 ${randomBytes(3).toString('hex')}`, regionId: units.east, address: '江苏省苏州市工业园区星湖街 328 号', industry: '新材料' } },
      await as(rep),
    );
    expect(registered.errors).toBeUndefined();
    const customerId = registered.data!.createCustomer.id;
    const placed = await app.gql(PLACE_ORDER, { input: { customerId, lines: [pt100(2)] } }, await as(rep));
    expect(placed.data!.placeOrder.status).toBe('CREDIT_HOLD');
    const held = placed.data!.placeOrder;

    const released = await app.gql(RELEASE_CREDIT_HOLD, { id: held.id, version: held.version, comment: '新客户首单，放行' }, await as(finance));
    expect(released.errors).toBeUndefined();
    const before = { order: await storedOrder(held.id), credit: await creditOf(customerId) };
    expect(before.order).toMatchObject({ status: 'CONFIRMED', version: held.version + 1 });
    expect(before.credit.currentExposure).toBe(held.total);

    const stale = await app.gql(CANCEL_ORDER, { id: held.id, version: held.version, reason: '客户改期' }, await as(rep));
    expect(errorOf(stale.errors)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', field: 'version' });
    expect(stale.data).toBeNull();
    expect({ order: await storedOrder(held.id), credit: await creditOf(customerId) }).toEqual(before);
  });
});
