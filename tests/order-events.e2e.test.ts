import { Contract } from '../schema/orders/entities/contract.entity';
import { ContractApprovalStep } from '../schema/orders/entities/contract-approval-step.entity';
import { ContractRenewalAlert } from '../schema/orders/entities/contract-renewal-alert.entity';
import { Payment } from '../schema/orders/entities/payment.entity';
import { SalesOrder } from '../schema/orders/entities/sales-order.entity';
import { Shipment } from '../schema/orders/entities/shipment.entity';
import { ApprovalStepStatus, ContractStatus, OrderStatus, PaymentStatus, ShipmentStatus } from '../schema/orders/orders.enums';
import { Role } from '../schema/org/org.enums';
import { demoId } from '../seeds/demo-ids';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { catalog, people, userId } from './fixtures/demo-people';
import { OrderRecords } from './fixtures/order-records';
import type { ApiScope, EventFilter, EventsQuery } from './gql/graphql';
import { CREATE_API_KEY } from './graphql/documents';
import { EVENTS } from './graphql/events.documents';
import { pause } from './support/wait';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

type Event = EventsQuery['events']['nodes'][number];

let app: TestApp;
let records: OrderRecords;
const as = async (person: { email: string }): Promise<Auth> => ({ token: await app.tokenFor(person.email) });

/** The contract walked from draft to active through a two-step approval chain (team manager, then director). */
let walked: Contract;
let steps: ContractApprovalStep[];
/** The owner rep's order (held for credit, released, shipped in part, delivered), and its shipment. */
let internalOrder: SalesOrder;
let internalShipment: Shipment;
/** An order the partner's distributor placed, released, shipped and invoiced; another distributor's; an internal one in the south. */
let partnerOrder: SalesOrder;
let partnerInvoiceId: string;
let otherDistributorOrder: SalesOrder;
let internalSouthOrder: SalesOrder;
/** A payment of the owner rep's customer (received, then allocated), and one of a distributor customer. */
let payment: Payment;
let southPayment: Payment;

const PARTNER_DISTRIBUTOR = demoId('distributor:D-GD-001');
const CREDIT_FIELDS = ['creditHoldReason', 'creditComment', 'creditDecidedAt', 'creditDecidedById'];
/** The credit fields that state the customer's exposure and limit: for orderCreditReaders only. */
const CREDIT_FIGURES = ['creditComment', 'creditHoldReason'];
const PAYMENT_DETAILS = ['method', 'payerAccount', 'reference'];
const ORDER_TO_CASH = ['Contract', 'ContractApprovalStep', 'Order', 'Shipment', 'Invoice', 'Payment'];

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

async function readEvents(auth: Auth, filter: EventFilter, first = 200): Promise<Event[]> {
  const response = await app.gql(EVENTS, { first, filter }, auth);
  expect(response.errors).toBeUndefined();
  return response.data!.events.nodes;
}

/** The events matching `filter` as the VP sees them, once at least `count` have settled. */
async function settled(filter: EventFilter, count: number): Promise<Event[]> {
  const vp = await as(people.vp);
  return eventually(() => readEvents(vp, filter), (nodes) => nodes.length >= count);
}

/** Every event `auth` may read (all pages). */
async function allEvents(auth: Auth): Promise<Event[]> {
  const events: Event[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const response = await app.gql(EVENTS, { first: 200, after }, auth);
    expect(response.errors).toBeUndefined();
    const page: EventsQuery['events'] = response.data!.events;
    events.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor ?? null;
  }
  return events;
}

async function apiKey(scopes: ApiScope[]): Promise<Auth> {
  const key = await app.gql(CREATE_API_KEY, { input: { name: `events ${scopes.join(' ')}`, scopes, userId: userId(people.integration) } }, await as(people.admin));
  expect(key.errors).toBeUndefined();
  return { apiKey: key.data!.createApiKey.key };
}

async function walkContract(): Promise<void> {
  walked = await records.contract('shenlian-automation', people.shanghai1Rep, '680000.00');
  await records.contractLine(walked, catalog.pt100, 400, '1700.00', '980.00');
  await records.change(Contract, walked.id, { status: ContractStatus.PENDING_APPROVAL, submittedAt: new Date(), approvalRound: 1 });
  const first = await records.approvalStep(walked, 1, people.shanghai1Manager, Role.TEAM_MANAGER, ApprovalStepStatus.PENDING);
  const second = await records.approvalStep(walked, 2, people.eastDirector, Role.REGIONAL_DIRECTOR, ApprovalStepStatus.WAITING);
  steps = [first, second];
  await records.change(ContractApprovalStep, first.id, { status: ApprovalStepStatus.APPROVED, decidedAt: new Date(), comment: '同意' });
  await records.change(ContractApprovalStep, second.id, { status: ApprovalStepStatus.PENDING });
  await records.change(ContractApprovalStep, second.id, { status: ApprovalStepStatus.APPROVED, decidedAt: new Date() });
  await records.change(Contract, walked.id, { status: ContractStatus.APPROVED, approvedAt: new Date() });
  await records.change(Contract, walked.id, { status: ContractStatus.SIGNED, signedAt: new Date(), signedBy: userId(people.shanghai1Rep) });
  await records.change(Contract, walked.id, { status: ContractStatus.ACTIVE });
}

const creditDecision = () => ({
  status: OrderStatus.CONFIRMED,
  creditDecidedBy: userId(people.finance),
  creditDecidedAt: new Date(),
  creditComment: '客户已承诺月底回款，放行',
});

async function shipInternalOrder(): Promise<void> {
  internalOrder = await records.order('shenlian-automation', people.shanghai1Rep, { total: '48000.00', status: OrderStatus.CREDIT_HOLD, creditHoldReason: '敞口 548000 超过信用额度 500000' });
  await records.orderLine(internalOrder, catalog.pt100, 30, '1600.00', '980.00');
  await records.change(SalesOrder, internalOrder.id, creditDecision());
  internalShipment = await records.shipment(internalOrder, people.customerService);
  await records.change(SalesOrder, internalOrder.id, { status: OrderStatus.PARTIALLY_SHIPPED });
  await records.change(Shipment, internalShipment.id, { status: ShipmentStatus.DELIVERED, deliveredOn: new Date().toISOString().slice(0, 10), receivedBy: '陆文斌' });
}

async function channelOrders(): Promise<void> {
  partnerOrder = await records.order('midea-shunde', people.partner, { total: '36000.00', distributorId: PARTNER_DISTRIBUTOR, status: OrderStatus.CREDIT_HOLD, creditHoldReason: '经销商敞口超限' });
  await records.change(SalesOrder, partnerOrder.id, creditDecision());
  await records.shipment(partnerOrder, people.customerService);
  await records.change(SalesOrder, partnerOrder.id, { status: OrderStatus.SHIPPED });
  partnerInvoiceId = (await records.invoice(partnerOrder, '36000.00', people.finance)).id;
  const other = await records.distributor('D-GD-002', 'south');
  otherDistributorOrder = await records.order('dongguan-mould', people.southRep, { total: '12000.00', distributorId: other.id });
  await records.shipment(otherDistributorOrder, people.customerService);
  internalSouthOrder = await records.order('midea-shunde', people.southRep, { total: '9000.00' });
}

async function receivePayments(): Promise<void> {
  payment = await records.payment('shenlian-automation', '30000.00', people.finance);
  await records.change(Payment, payment.id, { allocatedAmount: '30000.00', status: PaymentStatus.ALLOCATED });
  southPayment = await records.payment('midea-shunde', '36000.00', people.finance);
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  records = new OrderRecords(app.orm);
  await walkContract();
  await shipInternalOrder();
  await channelOrders();
  await receivePayments();
  // Everything above has settled once the last write's events read back.
  await settled({ types: ['payment.received'] }, 2);
});

afterAll(async () => {
  await app.close();
});

describe('contract events', () => {
  it('a contract moved from draft to active writes contract.created, submitted, approved, signed and activated in order, each with its previous status', async () => {
    const events = (await settled({ contractId: walked.id }, 9)).filter((event) => event.aggregateType === 'Contract');
    expect(events.map((event) => event.type)).toEqual(['contract.created', 'contract.submitted', 'contract.approved', 'contract.signed', 'contract.activated']);
    expect(events.every((event) => event.aggregateId === walked.id)).toBe(true);
    expect(events[0].payload).toMatchObject({ status: 'DRAFT', amount: '680000.00', ownerId: userId(people.shanghai1Rep), number: walked.number });
    expect(events.slice(1).map((event) => [event.payload.status, event.payload.previousStatus])).toEqual([
      ['PENDING_APPROVAL', 'DRAFT'],
      ['APPROVED', 'PENDING_APPROVAL'],
      ['SIGNED', 'APPROVED'],
      ['ACTIVE', 'SIGNED'],
    ]);
    const versions = events.map((event) => event.aggregateVersion!);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('each approval step turning to its approver writes contract.approvalRequested with the approverId, and each decision its step event, between submission and approval', async () => {
    const events = await settled({ contractId: walked.id }, 9);
    expect(events.map((event) => event.type)).toEqual([
      'contract.created',
      'contract.submitted',
      'contract.approvalRequested',
      'contract.stepApproved',
      'contract.approvalRequested',
      'contract.stepApproved',
      'contract.approved',
      'contract.signed',
      'contract.activated',
    ]);
    const requested = events.filter((event) => event.type === 'contract.approvalRequested');
    expect(requested.map((event) => [event.aggregateType, event.aggregateId])).toEqual([
      ['ContractApprovalStep', steps[0].id],
      ['ContractApprovalStep', steps[1].id],
    ]);
    expect(requested.map((event) => event.payload)).toEqual([
      expect.objectContaining({ approverId: userId(people.shanghai1Manager), round: 1, position: 1, status: 'PENDING', approverRole: 'TEAM_MANAGER' }),
      expect.objectContaining({ approverId: userId(people.eastDirector), round: 1, position: 2, status: 'PENDING' }),
    ]);
    expect(events.find((event) => event.type === 'contract.stepApproved')?.payload).toMatchObject({ status: 'APPROVED', comment: '同意', approverId: userId(people.shanghai1Manager) });
  });

  it.each([
    ['the owner rep', people.shanghai1Rep],
    ['his team manager', people.shanghai1Manager],
    ['the regional director', people.eastDirector],
    ['the VP', people.vp],
    ['finance', people.finance],
  ])('%s reads every event of the contract, with its amount', async (_who, person) => {
    const events = await readEvents(await as(person), { contractId: walked.id });
    expect(events).toHaveLength(9);
    expect(events[0]).toMatchObject({ type: 'contract.created', payload: { amount: '680000.00' }, hiddenFields: [] });
    expect(events.every((event) => event.hiddenFields.length === 0)).toBe(true);
  });

  it('a rep of another team and the partner read none of the contract’s events, nor any contract or approval event at all', async () => {
    for (const person of [people.shanghai2Rep, people.partner]) {
      const auth = await as(person);
      expect(await readEvents(auth, { contractId: walked.id })).toEqual([]);
      expect((await allEvents(auth)).filter((event) => event.aggregateType === 'Contract' || event.aggregateType === 'ContractApprovalStep')).toEqual([]);
    }
  });

  it('an integration key with read:sales reads the contract’s events with the amount (booked business, for the ERP); a key without read:sales is refused', async () => {
    const events = await readEvents(await apiKey(['READ_SALES']), { contractId: walked.id });
    expect(events).toHaveLength(9);
    expect(events[0]).toMatchObject({ type: 'contract.created', payload: { amount: '680000.00' }, hiddenFields: [] });
    expect(events.every((event) => event.hiddenFields.length === 0)).toBe(true);
    const refused = await app.gql(EVENTS, { first: 10, filter: { contractId: walked.id } }, await apiKey(['READ_ORG']));
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.data?.events ?? null).toBeNull();
  });

  it('customer service reads the contract’s events with the amount in hiddenFields', async () => {
    const events = await readEvents(await as(people.customerService), { contractId: walked.id });
    expect(events).toHaveLength(9);
    const created = events.find((event) => event.type === 'contract.created')!;
    expect(created.payload.amount).toBeUndefined();
    expect(created.payload.number).toBe(walked.number);
    expect(created.hiddenFields).toEqual(['amount']);
    // Step events carry no contract amount, so nothing is hidden there.
    expect(events.filter((event) => event.aggregateType === 'ContractApprovalStep').every((event) => event.hiddenFields.length === 0)).toBe(true);
  });

  it('a renewal alert writes contract.renewalDue once per window, read by the contract’s owner and chain, not by another team', async () => {
    const ending = await records.contract('shenlian-automation', people.shanghai1Rep, '90000.00');
    const alert = { contract: ending.id, windowDays: 90, endDate: ending.endDate };
    await app.orm.em.fork().insert(ContractRenewalAlert, alert);
    await expect(app.orm.em.fork().insert(ContractRenewalAlert, alert)).rejects.toThrow();
    const due = await settled({ contractId: ending.id, types: ['contract.renewalDue'] }, 1);
    expect(due.map((event) => [event.aggregateType, event.aggregateId, event.payload])).toEqual([
      ['Contract', ending.id, expect.objectContaining({ windowDays: '90', endDate: ending.endDate })],
    ]);
    expect(await readEvents(await as(people.shanghai1Manager), { contractId: ending.id, types: ['contract.renewalDue'] })).toHaveLength(1);
    expect(await readEvents(await as(people.shanghai2Manager), { contractId: ending.id, types: ['contract.renewalDue'] })).toEqual([]);
  });

  it('visibility follows the contract as it is now: after a handover the new owner reads its whole history with the amount, the former owner none of it', async () => {
    const handedOver = await records.contract('shenlian-automation', people.shanghai1Rep, '150000.00');
    await settled({ contractId: handedOver.id }, 1);
    const teammate = await as(people.shanghai1Teammate);
    expect(await readEvents(teammate, { contractId: handedOver.id })).toEqual([]);
    await records.change(Contract, handedOver.id, { owner: userId(people.shanghai1Teammate) });
    await settled({ contractId: handedOver.id }, 2);
    // The new owner now sees the whole history, its amount included; the manager of both still does.
    const events = await readEvents(teammate, { contractId: handedOver.id });
    expect(events.map((event) => [event.type, event.hiddenFields])).toEqual([
      ['contract.created', []],
      ['contract.updated', []],
    ]);
    expect(await readEvents(await as(people.shanghai1Rep), { contractId: handedOver.id })).toEqual([]);
  });
});

describe('order and shipment events', () => {
  const internalTypes = ['order.placed', 'order.creditReleased', 'shipment.created', 'order.partiallyShipped', 'shipment.delivered'];

  it.each([
    ['his team manager', people.shanghai1Manager],
    ['the regional director', people.eastDirector],
    ['the VP', people.vp],
    ['finance', people.finance],
  ])('%s reads the order’s and its shipment’s events in order, the total and the credit decision included', async (_who, person) => {
    await settled({ orderId: internalOrder.id }, 5);
    const events = await readEvents(await as(person), { orderId: internalOrder.id });
    expect(events.map((event) => event.type)).toEqual(internalTypes);
    expect(events.map((event) => event.aggregateType)).toEqual(['Order', 'Order', 'Shipment', 'Order', 'Shipment']);
    expect(events[0].payload).toMatchObject({ status: 'CREDIT_HOLD', total: '48000.00', creditHoldReason: '敞口 548000 超过信用额度 500000' });
    expect(events[1].payload).toMatchObject({ status: 'CONFIRMED', previousStatus: 'CREDIT_HOLD', creditComment: '客户已承诺月底回款，放行', creditDecidedById: userId(people.finance) });
    expect(events[2]).toMatchObject({ aggregateId: internalShipment.id, payload: { orderId: internalOrder.id, carrier: '顺丰速运' } });
    expect(events[4].payload).toMatchObject({ status: 'DELIVERED', receivedBy: '陆文斌' });
    expect(events.every((event) => event.hiddenFields.length === 0)).toBe(true);
  });

  it('the owner rep reads the order’s and its shipment’s events with the total and who decided when, but without the credit hold reason and finance’s comment', async () => {
    await settled({ orderId: internalOrder.id }, 5);
    const events = await readEvents(await as(people.shanghai1Rep), { orderId: internalOrder.id });
    expect(events.map((event) => event.type)).toEqual(internalTypes);
    for (const event of events.slice(0, 2)) for (const field of CREDIT_FIGURES) expect(event.payload).not.toHaveProperty(field);
    expect(events[0]).toMatchObject({ payload: { status: 'CREDIT_HOLD', total: '48000.00' }, hiddenFields: CREDIT_FIGURES });
    expect(events[1]).toMatchObject({ payload: { status: 'CONFIRMED', previousStatus: 'CREDIT_HOLD', creditDecidedById: userId(people.finance) }, hiddenFields: ['creditComment'] });
    expect(events[1].payload.creditDecidedAt).toEqual(expect.any(String));
    expect(events.slice(2).every((event) => event.hiddenFields.length === 0)).toBe(true);
  });

  it('the held order’s order.placed leaves the credit hold reason out for the owner rep, named in hiddenFields, and keeps it for finance', async () => {
    await settled({ orderId: internalOrder.id }, 5);
    const placedAs = async (person: { email: string }) => (await readEvents(await as(person), { orderId: internalOrder.id, types: ['order.placed'] }))[0];
    const rep = await placedAs(people.shanghai1Rep);
    expect(rep.payload).toMatchObject({ status: 'CREDIT_HOLD' });
    expect(rep.payload).not.toHaveProperty('creditHoldReason');
    expect(rep.hiddenFields).toContain('creditHoldReason');
    const finance = await placedAs(people.finance);
    expect(finance).toMatchObject({ payload: { status: 'CREDIT_HOLD', creditHoldReason: '敞口 548000 超过信用额度 500000' }, hiddenFields: [] });
  });

  it('customer service reads the order’s and its shipment’s events without the total, the credit hold reason and finance’s comment', async () => {
    await settled({ orderId: internalOrder.id }, 5);
    const events = await readEvents(await as(people.customerService), { orderId: internalOrder.id });
    expect(events.map((event) => event.type)).toEqual(internalTypes);
    expect(events[0].payload).not.toHaveProperty('total');
    for (const event of events.slice(0, 2)) for (const field of CREDIT_FIGURES) expect(event.payload).not.toHaveProperty(field);
    expect(events[0]).toMatchObject({ payload: { status: 'CREDIT_HOLD', number: internalOrder.number }, hiddenFields: [...CREDIT_FIGURES, 'total'] });
    expect(events[1]).toMatchObject({ payload: { status: 'CONFIRMED', previousStatus: 'CREDIT_HOLD' }, hiddenFields: ['creditComment'] });
    // Shipments carry no money: service reads them whole.
    expect(events[2]).toMatchObject({ aggregateId: internalShipment.id, payload: { orderId: internalOrder.id, carrier: '顺丰速运' }, hiddenFields: [] });
    expect(events[4]).toMatchObject({ payload: { status: 'DELIVERED', receivedBy: '陆文斌' }, hiddenFields: [] });
  });

  it('a rep of another team and the partner read none of an internal order’s events', async () => {
    await settled({ orderId: internalOrder.id }, 5);
    expect(await readEvents(await as(people.shanghai2Rep), { orderId: internalOrder.id })).toEqual([]);
    expect(await readEvents(await as(people.partner), { orderId: internalOrder.id })).toEqual([]);
  });

  it('the partner reads its distributor’s order, shipment and invoice events, without the credit fields', async () => {
    await settled({ orderId: partnerOrder.id }, 4);
    const partner = await as(people.partner);
    const events = await readEvents(partner, { orderId: partnerOrder.id });
    expect(events.map((event) => event.type)).toEqual(['order.placed', 'order.creditReleased', 'shipment.created', 'order.shipped']);
    for (const event of events.filter((one) => one.aggregateType === 'Order').slice(0, 2)) {
      for (const field of CREDIT_FIELDS) expect(event.payload).not.toHaveProperty(field);
    }
    expect(events[0].hiddenFields).toEqual(expect.arrayContaining(CREDIT_FIELDS));
    expect(events[0].payload).toMatchObject({ status: 'CREDIT_HOLD', total: '36000.00', distributorId: PARTNER_DISTRIBUTOR });
    expect(events[1].payload).toMatchObject({ status: 'CONFIRMED', previousStatus: 'CREDIT_HOLD' });
    // The release changes the decision fields only; the reason was set when the order was held.
    expect([...events[1].hiddenFields].sort()).toEqual(['creditComment', 'creditDecidedAt', 'creditDecidedById']);
    expect(events[2].hiddenFields).toEqual([]);
    const invoiced = (await allEvents(partner)).filter((event) => event.aggregateType === 'Invoice');
    expect(invoiced).toEqual([expect.objectContaining({ type: 'invoice.issued', aggregateId: partnerInvoiceId, payload: expect.objectContaining({ amount: '36000.00' }) })]);
    // Internal users read the same order's credit decision.
    const internal = await readEvents(await as(people.vp), { orderId: partnerOrder.id });
    expect(internal[1]).toMatchObject({ payload: { creditComment: '客户已承诺月底回款，放行' }, hiddenFields: [] });
  });

  it('the partner reads no event of another distributor’s order nor of an internal order in its region, and no contract or payment event', async () => {
    await settled({ orderId: otherDistributorOrder.id }, 2);
    await settled({ orderId: internalSouthOrder.id }, 1);
    const partner = await as(people.partner);
    expect(await readEvents(partner, { orderId: otherDistributorOrder.id })).toEqual([]);
    expect(await readEvents(partner, { orderId: internalSouthOrder.id })).toEqual([]);
    const everything = await allEvents(partner);
    const orderToCash = everything.filter((event) => ORDER_TO_CASH.includes(event.aggregateType));
    expect(new Set(orderToCash.map((event) => event.aggregateType))).toEqual(new Set(['Order', 'Shipment', 'Invoice']));
    const orders = orderToCash.filter((event) => event.aggregateType === 'Order').map((event) => event.aggregateId);
    expect(new Set(orders)).toEqual(new Set([partnerOrder.id]));
  });

  it('an integration key with read:sales reads every order’s events with the total and who decided the credit hold when, but not the credit figures', async () => {
    const events = await readEvents(await apiKey(['READ_SALES']), { orderId: otherDistributorOrder.id });
    expect(events.map((event) => event.type)).toEqual(['order.placed', 'shipment.created']);
    expect(events[0].payload).toMatchObject({ total: '12000.00' });
    const internal = await readEvents(await apiKey(['READ_SALES']), { orderId: internalOrder.id });
    expect(internal[0]).toMatchObject({ payload: { total: '48000.00' }, hiddenFields: CREDIT_FIGURES });
    expect(internal[1].payload.creditComment).toBeUndefined();
    expect(internal[1]).toMatchObject({ payload: { creditDecidedById: userId(people.finance) }, hiddenFields: ['creditComment'] });
  });
});

describe('payment events', () => {
  const paymentEvents = async (auth: Auth, paymentId: string) =>
    (await readEvents(auth, { types: ['payment.received', 'payment.allocated'] })).filter((event) => event.aggregateId === paymentId);

  it('the owning rep reads his customer’s payment events without the method, reference and payer account', async () => {
    const events = await paymentEvents(await as(people.shanghai1Rep), payment.id);
    expect(events.map((event) => event.type)).toEqual(['payment.received', 'payment.allocated']);
    for (const field of PAYMENT_DETAILS) expect(events[0].payload).not.toHaveProperty(field);
    expect(events[0].payload).toMatchObject({ amount: '30000.00', number: payment.number });
    expect(events[0].hiddenFields).toEqual(PAYMENT_DETAILS);
    expect(events[1]).toMatchObject({ payload: { allocatedAmount: '30000.00', status: 'ALLOCATED' }, hiddenFields: [] });
  });

  it.each([
    ['finance', people.finance],
    ['his team manager', people.shanghai1Manager],
  ])('%s reads the payment with its method, reference and payer account', async (_who, person) => {
    const [received] = await paymentEvents(await as(person), payment.id);
    expect(received.payload).toMatchObject({ method: 'BANK_TRANSFER', reference: 'CMB-20261203-0042', payerAccount: '招商银行 6225 8812 3456 7890' });
    expect(received.hiddenFields).toEqual([]);
  });

  it('the partner never reads payment events, not even those of its distributor’s customers', async () => {
    const partner = await as(people.partner);
    expect(await readEvents(partner, { types: ['payment.received', 'payment.allocated', 'payment.updated'] })).toEqual([]);
    expect((await allEvents(partner)).filter((event) => event.aggregateId === southPayment.id)).toEqual([]);
  });

  it('customer service, outside the payment scope, reads no payment events', async () => {
    expect(await readEvents(await as(people.customerService), { types: ['payment.received', 'payment.allocated'] })).toEqual([]);
  });
});

describe('payloads', () => {
  it('no event carries a unit cost or a margin: lines write no events, and the aggregates hold none', async () => {
    const events = await allEvents(await as(people.vp));
    expect(events.filter((event) => ORDER_TO_CASH.includes(event.aggregateType)).length).toBeGreaterThan(20);
    const costly = events.filter((event) => Object.keys(event.payload).some((key) => /unitCost|margin/i.test(key)));
    expect(costly).toEqual([]);
  });
});

describe('statements', () => {
  it('a page of contract events costs the same statements for 3 events as for 12, whoever reads it', async () => {
    // Contracts of a key account customer: the key account manager's amount check loads customers too.
    let last: Contract | undefined;
    for (let index = 0; index < 4; index += 1) {
      last = await records.contract('baosteel-precision', people.shanghai1Rep, `${300000 + index * 1000}.00`);
      await records.change(Contract, last.id, { status: ContractStatus.PENDING_APPROVAL, submittedAt: new Date(), approvalRound: 1 });
      await records.change(Contract, last.id, { title: `宝钢精密 框架合同 ${index + 1}` });
    }
    await settled({ contractId: last!.id }, 3);
    const filter = { types: ['contract.created', 'contract.submitted', 'contract.updated', 'contract.approved', 'contract.signed', 'contract.activated'] };
    for (const person of [people.shanghai1Manager, people.keyAccountManager, people.customerService]) {
      const auth = await as(person);
      const counts: number[] = [];
      for (const first of [3, 12]) {
        app.resetQueries();
        const response = await app.gql(EVENTS, { first, filter }, auth);
        expect(response.errors).toBeUndefined();
        expect(response.data!.events.nodes).toHaveLength(first);
        counts.push(app.queries.length);
      }
      expect(counts[0]).toBe(counts[1]);
      // The viewer (1), the page (1), its contracts (1), and for the key account manager their customers (1).
      expect(counts[1]).toBeLessThanOrEqual(4);
    }
  });

  it('a page of order events costs the same statements for 3 events as for 12, whoever reads it', async () => {
    let last: SalesOrder | undefined;
    for (let index = 0; index < 6; index += 1) {
      last = await records.order('shenlian-automation', people.shanghai1Rep, { total: `${1000 + index * 100}.00` });
      await records.change(SalesOrder, last.id, { deliveryAddress: `上海市浦东新区测试仓库 ${index + 1} 号` });
    }
    await settled({ orderId: last!.id }, 2);
    const filter = { types: ['order.placed', 'order.updated'] };
    for (const person of [people.shanghai1Rep, people.shanghai1Manager, people.customerService]) {
      const auth = await as(person);
      const counts: number[] = [];
      for (const first of [3, 12]) {
        app.resetQueries();
        const response = await app.gql(EVENTS, { first, filter }, auth);
        expect(response.errors).toBeUndefined();
        expect(response.data!.events.nodes).toHaveLength(first);
        counts.push(app.queries.length);
      }
      expect(counts[0]).toBe(counts[1]);
      // The viewer (1), the page (1) and its orders (1), whose total and credit figures are decided from them.
      expect(counts[1]).toBeLessThanOrEqual(3);
    }
  });
});
