import { createServer, type Server } from 'node:http';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { verifyWebhook } from '../api/events/webhook-signature';
import { ContractApprovalStep } from '../schema/orders/entities/contract-approval-step.entity';
import { Contract } from '../schema/orders/entities/contract.entity';
import { SalesOrder } from '../schema/orders/entities/sales-order.entity';
import { ApprovalStepStatus, ContractStatus, OrderStatus } from '../schema/orders/orders.enums';
import { Role } from '../schema/org/org.enums';
import type { DemoPerson } from '../seeds/demo-company.data';
import { demoId } from '../seeds/demo-ids';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people, units, userId } from './fixtures/demo-people';
import { OrderRecords } from './fixtures/order-records';
import { CREATE_API_KEY } from './graphql/documents';
import type { EventsQuery } from './gql/graphql';
import { APPROVAL_REQUESTED, CREATE_WEBHOOK, DEAL_CHANGED, EVENTS, REPLAY } from './graphql/events.documents';
import { pause, until } from './support/wait';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/** How long a subscriber or receiver may wait for a delivery. */
const DELIVERED_WITHIN_MS = 8000;
const CREDIT_FIELDS = ['creditHoldReason', 'creditComment', 'creditDecidedAt', 'creditDecidedById'];
/** The credit fields that state the customer's exposure and limit: for orderCreditReaders only. */
const CREDIT_FIGURES = ['creditComment', 'creditHoldReason'];
const PAYMENT_DETAILS = ['method', 'payerAccount', 'reference'];
const PARTNER_DISTRIBUTOR = demoId('distributor:D-GD-001');

let app: TestApp;
let records: OrderRecords;
const clients: Client[] = [];
let receiver: Server;
let receiverUrl: string;
const received: { path: string; body: string; signature: string }[] = [];

interface Delivered {
  type: string;
  aggregateType?: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  hiddenFields?: string[];
}

beforeAll(async () => {
  app = await createTestApp({ WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_POLL_MS: '100', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
  await seedDemoSalesIfEmpty(app.orm, app.config);
  records = new OrderRecords(app.orm);
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', body: Buffer.concat(chunks).toString(), signature: String(request.headers['x-salesgraph-signature']) });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await new Promise((resolve) => receiver.close(resolve));
  await app.close();
});

/** A real graphql-ws client subscribed as `person`; collects what it receives. */
async function subscribe(person: { email: string }, query: string, variables: Record<string, unknown> = {}): Promise<Delivered[]> {
  const token = await app.tokenFor(person.email);
  const deliveries: Delivered[] = [];
  const client = createClient({ url: `${app.baseUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  clients.push(client);
  client.subscribe(
    { query, variables },
    {
      next: (result) => {
        const data = result.data as Record<string, Delivered> | undefined;
        if (data) deliveries.push(...Object.values(data));
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  // The subscription is registered once the socket is acknowledged and the subscribe message handled.
  await pause(400);
  return deliveries;
}

/** A change of a demo deal from another connection, as any writer would make it. */
async function touchDeal(opportunityKey: string, nextStep: string): Promise<void> {
  const client = new pg.Client({ connectionString: app.config.databaseUrl });
  await client.connect();
  try {
    await client.query(`update opportunity set next_step = $1, version = version + 1 where id = $2`, [nextStep, demoId(`opportunity:${opportunityKey}`)]);
  } finally {
    await client.end();
  }
}

/** Where `auth`'s event stream ends now: the last page's endCursor. */
async function streamEnd(auth: Auth): Promise<string> {
  let after: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const response = await app.gql(EVENTS, { first: 200, after }, auth);
    const events: EventsQuery['events'] = response.data!.events;
    after = events.pageInfo.endCursor ?? after;
    if (!events.pageInfo.hasNextPage) break;
  }
  return after!;
}

const heldOrder = (customerKey: string, placedBy: DemoPerson, distributorId?: string) =>
  records.order(customerKey, placedBy, { total: '42000.00', status: OrderStatus.CREDIT_HOLD, creditHoldReason: '敞口超过信用额度', distributorId });

describe('dealChanged', () => {
  it('delivers an order event to the owner’s manager but not to a rep of another team, and a stages filter leaves it out', async () => {
    const manager = await subscribe(people.shanghai1Manager, print(DEAL_CHANGED));
    const otherTeam = await subscribe(people.shanghai2Rep, print(DEAL_CHANGED));
    const inProposal = await subscribe(people.vp, print(DEAL_CHANGED), { filter: { stages: ['PROPOSAL'] } });

    const order = await heldOrder('shenlian-automation', people.shanghai1Rep);
    // A deal event the stage filter does let through, so its subscriber is shown to be listening.
    await touchDeal('shenlian-drives', '订单已下达');
    await until(() => manager.some((event) => event.aggregateId === order.id) && inProposal.length > 0, DELIVERED_WITHIN_MS);
    expect(manager.find((event) => event.aggregateId === order.id)).toMatchObject({
      type: 'order.placed',
      aggregateType: 'Order',
      payload: { status: 'CREDIT_HOLD', total: '42000.00', creditHoldReason: '敞口超过信用额度' },
      hiddenFields: [],
    });
    await pause(1500);
    expect(otherTeam).toEqual([]);
    expect(inProposal.map((event) => [event.type, event.aggregateId])).toEqual([['opportunity.updated', demoId('opportunity:shenlian-drives')]]);
  });

  it('delivers the held order to its owner rep without the credit hold reason, and to customer service without the total either', async () => {
    const rep = await subscribe(people.shanghai1Rep, print(DEAL_CHANGED), { filter: { types: ['order.placed'] } });
    const service = await subscribe(people.customerService, print(DEAL_CHANGED), { filter: { types: ['order.placed'] } });
    const finance = await subscribe(people.finance, print(DEAL_CHANGED), { filter: { types: ['order.placed'] } });

    const order = await heldOrder('shenlian-automation', people.shanghai1Rep);
    const delivered = (deliveries: Delivered[]) => deliveries.find((event) => event.aggregateId === order.id);
    await until(() => [rep, service, finance].every((deliveries) => delivered(deliveries) !== undefined), DELIVERED_WITHIN_MS);
    expect(delivered(rep)).toMatchObject({ type: 'order.placed', payload: { status: 'CREDIT_HOLD', total: '42000.00' }, hiddenFields: CREDIT_FIGURES });
    expect(delivered(rep)!.payload).not.toHaveProperty('creditHoldReason');
    expect(delivered(service)).toMatchObject({ type: 'order.placed', payload: { status: 'CREDIT_HOLD' }, hiddenFields: [...CREDIT_FIGURES, 'total'] });
    for (const field of ['total', ...CREDIT_FIGURES]) expect(delivered(service)!.payload).not.toHaveProperty(field);
    expect(delivered(finance)).toMatchObject({ payload: { total: '42000.00', creditHoldReason: '敞口超过信用额度' }, hiddenFields: [] });
  });

  it('filters order-to-cash events by their record’s owner and customer region: a shipment goes with its order', async () => {
    const types = ['shipment.created'];
    const repsShipments = await subscribe(people.eastDirector, print(DEAL_CHANGED), { filter: { types, ownerIds: [userId(people.shanghai1Rep)] } });
    const othersShipments = await subscribe(people.eastDirector, print(DEAL_CHANGED), { filter: { types, ownerIds: [userId(people.shanghai2Rep)] } });
    const eastShipments = await subscribe(people.vp, print(DEAL_CHANGED), { filter: { types, regionIds: [units.east] } });
    const northShipments = await subscribe(people.vp, print(DEAL_CHANGED), { filter: { types, regionIds: [units.north] } });

    const order = await records.order('shenlian-automation', people.shanghai1Rep, { total: '8000.00' });
    const shipment = await records.shipment(order, people.customerService);
    await until(() => repsShipments.length > 0 && eastShipments.length > 0, DELIVERED_WITHIN_MS);
    const expected = [expect.objectContaining({ type: 'shipment.created', aggregateType: 'Shipment', aggregateId: shipment.id })];
    expect(repsShipments).toEqual(expected);
    expect(eastShipments).toEqual(expected);
    await pause(1000);
    expect(othersShipments).toEqual([]);
    expect(northShipments).toEqual([]);
  });

  it('delivers to the partner its distributor’s order without the credit decision, and no other distributor’s order, internal order or payment', async () => {
    const partner = await subscribe(people.partner, print(DEAL_CHANGED));
    const other = await records.distributor('D-GD-003', 'south');
    await records.order('dongguan-mould', people.southRep, { total: '12000.00', distributorId: other.id });
    await records.order('midea-shunde', people.southRep, { total: '9000.00' });
    await records.payment('midea-shunde', '36000.00', people.finance);
    const order = await heldOrder('midea-shunde', people.partner, PARTNER_DISTRIBUTOR);
    await records.change(SalesOrder, order.id, { status: OrderStatus.CONFIRMED, creditDecidedBy: userId(people.finance), creditDecidedAt: new Date(), creditComment: '放行' });

    await until(() => partner.length >= 2, DELIVERED_WITHIN_MS);
    await pause(1000);
    expect(partner.map((event) => [event.type, event.aggregateId])).toEqual([
      ['order.placed', order.id],
      ['order.creditReleased', order.id],
    ]);
    for (const event of partner) for (const field of CREDIT_FIELDS) expect(event.payload).not.toHaveProperty(field);
    expect(partner[0].hiddenFields).toEqual(expect.arrayContaining(CREDIT_FIELDS));
    expect(partner[1].payload).toEqual({ status: 'CONFIRMED', previousStatus: 'CREDIT_HOLD' });
  });
});

describe('approvalRequested', () => {
  it('delivers contract.approvalRequested to the approver the step is addressed to, and nobody else', async () => {
    const manager = await subscribe(people.shanghai1Manager, print(APPROVAL_REQUESTED));
    const director = await subscribe(people.eastDirector, print(APPROVAL_REQUESTED));
    const rep = await subscribe(people.shanghai1Rep, print(APPROVAL_REQUESTED));

    const contract = await records.contract('shenlian-automation', people.shanghai1Rep, '680000.00');
    await records.change(Contract, contract.id, { status: ContractStatus.PENDING_APPROVAL, submittedAt: new Date(), approvalRound: 1 });
    const first = await records.approvalStep(contract, 1, people.shanghai1Manager, Role.TEAM_MANAGER, ApprovalStepStatus.PENDING);
    await records.approvalStep(contract, 2, people.eastDirector, Role.REGIONAL_DIRECTOR, ApprovalStepStatus.WAITING);

    await until(() => manager.length > 0, DELIVERED_WITHIN_MS);
    expect(manager).toEqual([
      expect.objectContaining({ type: 'contract.approvalRequested', aggregateId: first.id, payload: expect.objectContaining({ approverId: userId(people.shanghai1Manager), round: 1, position: 1 }) }),
    ]);
    await pause(1000);
    expect(director).toEqual([]);
    expect(rep).toEqual([]);

    // The director's turn comes when the manager approves: now it is addressed to him.
    await records.change(ContractApprovalStep, first.id, { status: ApprovalStepStatus.APPROVED, decidedAt: new Date() });
    const second = await app.orm.em.fork().findOneOrFail(ContractApprovalStep, { contract: contract.id, position: 2 });
    await records.change(ContractApprovalStep, second.id, { status: ApprovalStepStatus.PENDING });
    await until(() => director.length > 0, DELIVERED_WITHIN_MS);
    expect(director.map((event) => [event.type, event.aggregateId, event.payload.approverId])).toEqual([['contract.approvalRequested', second.id, userId(people.eastDirector)]]);
    expect(manager).toHaveLength(1);
  });
});

describe('webhooks', () => {
  it('an integration user’s endpoint receives order.placed and the other types it asked for, with what the user may not read left out', async () => {
    const key = await app.gql(
      CREATE_API_KEY,
      { input: { name: 'ERP orders', scopes: ['READ_SALES', 'MANAGE_WEBHOOKS'], userId: userId(people.integration) } },
      { token: await app.tokenFor(people.admin.email) },
    );
    const integration: Auth = { apiKey: key.data!.createApiKey.key };
    const start = await streamEnd(integration);
    const created = await app.gql(CREATE_WEBHOOK, { input: { url: `${receiverUrl}/orders`, eventTypes: ['order.placed', 'contract.created', 'payment.received'] } }, integration);
    expect(created.errors).toBeUndefined();
    const { webhook, secret } = created.data!.createWebhook;

    const contract = await records.contract('shenlian-automation', people.shanghai1Rep, '210000.00');
    const order = await heldOrder('shenlian-automation', people.shanghai1Rep);
    await records.change(SalesOrder, order.id, { status: OrderStatus.CONFIRMED, creditDecidedBy: userId(people.finance), creditDecidedAt: new Date(), creditComment: '放行' });
    const payment = await records.payment('shenlian-automation', '42000.00', people.finance);

    const onOrders = () => received.filter((entry) => entry.path === '/orders');
    await until(() => onOrders().length >= 3, DELIVERED_WITHIN_MS);
    await pause(1000);
    expect(onOrders().every((entry) => verifyWebhook(secret, entry.body, entry.signature))).toBe(true);
    const bodies = onOrders().map((entry) => JSON.parse(entry.body) as Delivered);
    const byType = new Map(bodies.map((body) => [body.type, body]));
    // Deliveries go out concurrently, so they may arrive in any order; order.creditReleased was not asked for.
    expect([...byType.keys()].sort()).toEqual(['contract.created', 'order.placed', 'payment.received']);
    expect(bodies).toHaveLength(3);
    // The ERP reads booked business (the order's total, the contract's amount), not the credit figures.
    expect(byType.get('order.placed')).toMatchObject({ aggregateType: 'Order', aggregateId: order.id, payload: { status: 'CREDIT_HOLD', total: '42000.00' }, hiddenFields: CREDIT_FIGURES });
    for (const field of CREDIT_FIGURES) expect(byType.get('order.placed')!.payload).not.toHaveProperty(field);
    expect(byType.get('contract.created')).toMatchObject({ aggregateId: contract.id, payload: { amount: '210000.00' }, hiddenFields: [] });
    expect(byType.get('payment.received')).toMatchObject({ aggregateId: payment.id, payload: { amount: '42000.00' }, hiddenFields: PAYMENT_DETAILS });
    for (const field of PAYMENT_DETAILS) expect(byType.get('payment.received')!.payload).not.toHaveProperty(field);

    // A replay from before the writes queues the same three again.
    const replayed = await app.gql(REPLAY, { webhookId: webhook.id, from: start }, integration);
    expect(replayed.data?.replay).toMatchObject({ queued: 3, hasMore: false });
    await until(() => onOrders().length >= 6, DELIVERED_WITHIN_MS);
    expect(onOrders().slice(3).map((entry) => (JSON.parse(entry.body) as Delivered).type).sort()).toEqual(['contract.created', 'order.placed', 'payment.received']);
  });
});
