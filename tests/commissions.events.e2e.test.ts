import { createServer, type Server } from 'node:http';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { verifyWebhook } from '../api/events/webhook-signature';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { CommissionData } from './fixtures/commission-data';
import { people, units, userId } from './fixtures/demo-people';
import type { ApiScope } from './gql/graphql';
import { CREATE_API_KEY } from './graphql/documents';
import { APPROVE_COMMISSION_STATEMENT as APPROVE, FINALIZE_COMMISSION_STATEMENT as FINALIZE, RUN_COMMISSIONS as RUN } from './graphql/commissions.documents';
import { CREATE_WEBHOOK, DEAL_CHANGED, EVENTS } from './graphql/events.documents';
import { pause, until } from './support/wait';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * `commission.finalized` and `commission.revised` through the outbox: to subscribers and webhooks whose viewer may
 * see the statement, with `totalCommission` left out for whoever may not read the amounts, and in `events`.
 */
const COMMISSION_TYPES = ['commission.finalized', 'commission.revised'];
const DELIVERED_WITHIN_MS = 8000;

interface Delivered {
  type: string;
  aggregateType?: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  hiddenFields?: string[];
}

let app: TestApp;
let data: CommissionData;
const clients: Client[] = [];
let receiver: Server;
let receiverUrl: string;
const received: { body: string; signature: string }[] = [];

beforeAll(async () => {
  app = await createTestApp({ WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_POLL_MS: '100', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
  await seedDemoSalesIfEmpty(app.orm, app.config);
  data = new CommissionData(app);
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString(), signature: String(request.headers['x-salesgraph-signature']) });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
}, 180_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await new Promise((resolve) => receiver.close(resolve));
  await app.close();
});

async function subscribe(person: { email: string }): Promise<Delivered[]> {
  const token = await app.tokenFor(person.email);
  const deliveries: Delivered[] = [];
  const client = createClient({ url: `${app.baseUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  clients.push(client);
  client.subscribe(
    { query: print(DEAL_CHANGED), variables: { filter: { types: COMMISSION_TYPES } } },
    {
      next: (result) => {
        const payload = result.data as Record<string, Delivered> | undefined;
        if (payload) deliveries.push(...Object.values(payload));
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  await pause(400);
  return deliveries;
}

const as = async (person: keyof typeof people): Promise<Auth> => ({ token: await app.tokenFor(people[person].email) });

async function apiKey(scopes: ApiScope[]): Promise<Auth> {
  const created = await app.gql(CREATE_API_KEY, { input: { name: `Payroll ${scopes.join(' ')}`, scopes, userId: userId(people.integration) } }, await as('admin'));
  return { apiKey: created.data!.createApiKey.key };
}

/** Runs the month for 上海一组, approves and finalizes shanghai1Rep's newest statement; returns its id. */
async function runAndFinalize(month: string): Promise<string> {
  const ran = await app.gql(RUN, { period: month, orgUnitId: units.shanghai1 }, await as('finance'));
  const statement = ran.data!.runCommissions.find((s) => s.user?.id === userId(people.shanghai1Rep))!;
  const approved = await app.gql(APPROVE, { id: statement.id, version: statement.version }, await as('shanghai1Manager'));
  const finalized = await app.gql(FINALIZE, { id: statement.id, version: approved.data!.approveCommissionStatement.version }, await as('finance'));
  expect(finalized.errors).toBeUndefined();
  return statement.id;
}

it('delivers commission.finalized and commission.revised to the rep, his manager and a payroll webhook, never to a colleague or support', async () => {
  const month = '2025-02-01';
  await data.plan({ name: 'February', from: month, to: '2025-02-28', tiers: [['0', null, '3']], assignees: [userId(people.shanghai1Rep)] });
  await data.target({ userId: userId(people.shanghai1Rep) }, 'BOOKED_SALES', month, '100000', userId(people.finance));
  await data.order(userId(people.shanghai1Rep), '2025-02-14', ['20000']);

  const rep = await subscribe(people.shanghai1Rep);
  const manager = await subscribe(people.shanghai1Manager);
  const colleague = await subscribe(people.shanghai2Rep);
  const support = await subscribe(people.techSupport);
  const payroll = await apiKey(['READ_SALES', 'READ_PERFORMANCE', 'MANAGE_WEBHOOKS']);
  const created = await app.gql(CREATE_WEBHOOK, { input: { url: `${receiverUrl}/payroll`, eventTypes: COMMISSION_TYPES } }, payroll);
  expect(created.errors).toBeUndefined();
  const { secret } = created.data!.createWebhook;

  const first = await runAndFinalize(month);
  await until(() => rep.length >= 1 && manager.length >= 1 && received.length >= 1, DELIVERED_WITHIN_MS);
  expect(rep[0]).toMatchObject({ type: 'commission.finalized', aggregateType: 'CommissionStatement', aggregateId: first, payload: { revision: 1, totalCommission: '600.00', previousStatus: 'APPROVED' }, hiddenFields: [] });
  expect(manager[0]).toMatchObject({ type: 'commission.finalized', aggregateId: first, payload: { totalCommission: '600.00' } });
  // The integration user reads the statement but not its amounts.
  const hook = JSON.parse(received[0].body) as Delivered;
  expect(verifyWebhook(secret, received[0].body, received[0].signature)).toBe(true);
  expect(hook).toMatchObject({ type: 'commission.finalized', aggregateId: first, hiddenFields: ['totalCommission'] });
  expect(hook.payload).not.toHaveProperty('totalCommission');

  // A late order of the month: the revision carries the difference, 5 000 at 3 %.
  await data.order(userId(people.shanghai1Rep), '2025-02-20', ['5000']);
  const revision = await runAndFinalize(month);
  await until(() => rep.length >= 2 && received.length >= 2, DELIVERED_WITHIN_MS);
  expect(rep[1]).toMatchObject({ type: 'commission.revised', aggregateId: revision, payload: { revision: 2, revisesId: first, totalCommission: '150.00' } });

  await pause(1000);
  expect(colleague).toEqual([]);
  expect(support).toEqual([]);
  expect(received.map((entry) => (JSON.parse(entry.body) as Delivered).type)).toEqual(['commission.finalized', 'commission.revised']);
});

it('events: finance reads the commission events with their amounts, a key without READ_PERFORMANCE does not see them', async () => {
  const read = async (auth: Auth) => {
    const response = await app.gql(EVENTS, { first: 100, filter: { types: COMMISSION_TYPES } }, auth);
    expect(response.errors).toBeUndefined();
    return response.data!.events.nodes;
  };
  const finance = await read(await as('finance'));
  expect(finance.map((event) => [event.type, event.hiddenFields])).toEqual([['commission.finalized', []], ['commission.revised', []]]);
  expect(await read(await apiKey(['READ_SALES']))).toEqual([]);
  const performance = await read(await apiKey(['READ_SALES', 'READ_PERFORMANCE']));
  expect(performance.map((event) => [event.type, event.hiddenFields])).toEqual([['commission.finalized', ['totalCommission']], ['commission.revised', ['totalCommission']]]);
  expect(await read(await as('shanghai2Rep'))).toEqual([]);
});
