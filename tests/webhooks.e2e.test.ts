import { createServer, type IncomingMessage, type Server } from 'node:http';
import pg from 'pg';
import { verifyWebhook } from '../api/events/webhook-signature';
import { createLogger } from '../api/logger';
import { createAppServer } from '../api/server';
import { demoId } from '../seeds/demo-ids';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people, userId } from './fixtures/demo-people';
import { CREATE_API_KEY } from './graphql/documents';
import { CREATE_WEBHOOK, EVENTS, REDELIVER, REPLAY, WEBHOOK_DELIVERIES, WEBHOOKS } from './graphql/events.documents';
import { pause, until } from './support/wait';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/** What the local receiver got: one entry per request, in arrival order. */
interface Received {
  path: string;
  body: string;
  signature: string;
  eventId: string;
  host: string;
}

let app: TestApp;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
const hits = new Map<string, number>();
let integration: Auth;

/**
 * Endpoints by path: /ok answers 200; /flaky 500 twice, then 200; /slow keeps the first request past the timeout;
 * /close hangs up on the first request; /dead always answers 500; /redirect answers 302 to /redirect-target.
 */
function respond(path: string, request: IncomingMessage, reply: (status: number, headers?: Record<string, string>) => void): void {
  const count = (hits.get(path) ?? 0) + 1;
  hits.set(path, count);
  if (path.startsWith('/redirect')) return reply(302, { location: `${receiverUrl}/redirect-target` });
  if (path.startsWith('/flaky')) return reply(count <= 2 ? 500 : 200);
  if (path.startsWith('/slow') && count === 1) {
    setTimeout(() => reply(200), 1500);
    return;
  }
  if (path.startsWith('/close') && count === 1) {
    request.socket.destroy();
    return;
  }
  if (path.startsWith('/dead')) return reply(500);
  reply(200);
}

async function change(opportunityKey: string, nextStep: string): Promise<void> {
  const client = new pg.Client({ connectionString: app.config.databaseUrl });
  await client.connect();
  try {
    await client.query(`update opportunity set next_step = $1, version = version + 1 where id = $2`, [nextStep, demoId(`opportunity:${opportunityKey}`)]);
  } finally {
    await client.end();
  }
}

async function register(path: string, eventTypes: string[] = ['opportunity.updated']) {
  const response = await app.gql(CREATE_WEBHOOK, { input: { url: `${receiverUrl}${path}`, eventTypes } }, integration);
  expect(response.errors).toBeUndefined();
  return response.data!.createWebhook;
}

const receivedOn = (path: string) => received.filter((entry) => entry.path === path);

/** The endpoint's newest delivery once it is settled (SUCCEEDED or FAILED): the log is written after the response. */
async function settledDelivery(webhookId: string) {
  const read = async () => (await app.gql(WEBHOOK_DELIVERIES, { webhookId }, integration)).data!.webhookDeliveries[0];
  const deadline = Date.now() + 15000;
  let delivery = await read();
  while (!(delivery && (delivery.status === 'SUCCEEDED' || delivery.status === 'FAILED')) && Date.now() < deadline) {
    await pause(100);
    delivery = await read();
  }
  return delivery;
}

beforeAll(async () => {
  app = await createTestApp({
    WEBHOOK_RETRY_BASE_MS: '100',
    WEBHOOK_TIMEOUT_MS: '500',
    WEBHOOK_MAX_ATTEMPTS: '3',
    WEBHOOK_POLL_MS: '100',
    // The receiver listens on 127.0.0.1.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  });
  await seedDemoSalesIfEmpty(app.orm, app.config);
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        body: Buffer.concat(chunks).toString(),
        signature: String(request.headers['x-salesgraph-signature']),
        eventId: String(request.headers['x-salesgraph-event-id']),
        host: String(request.headers.host),
      });
      respond(request.url ?? '', request, (status, headers) => response.writeHead(status, headers).end());
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  const key = await app.gql(
    CREATE_API_KEY,
    { input: { name: 'CRM webhooks', scopes: ['READ_SALES', 'MANAGE_WEBHOOKS'], userId: userId(people.integration) } },
    { token: await app.tokenFor(people.admin.email) },
  );
  integration = { apiKey: key.data!.createApiKey.key };
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await app.close();
});

describe('webhooks', () => {
  it('POSTs a signed event the receiver can verify, with the fields the integration user may read', async () => {
    const { webhook, secret } = await register('/ok');
    expect(secret).toMatch(/^whsec_/);
    await change('shenlian-drives', '提交方案');
    await until(() => receivedOn('/ok').length > 0);
    const [delivery] = receivedOn('/ok');
    expect(verifyWebhook(secret, delivery.body, delivery.signature)).toBe(true);
    expect(verifyWebhook(secret, delivery.body.replace('提交方案', '改过的'), delivery.signature)).toBe(false);
    expect(verifyWebhook('whsec_wrong', delivery.body, delivery.signature)).toBe(false);
    const body = JSON.parse(delivery.body);
    expect(body).toMatchObject({ id: delivery.eventId, type: 'opportunity.updated', aggregateId: demoId('opportunity:shenlian-drives'), payload: { nextStep: '提交方案' } });
    expect(await settledDelivery(webhook.id)).toMatchObject({ eventId: delivery.eventId, status: 'SUCCEEDED', attempts: 1, lastStatusCode: 200 });
  });

  it('leaves out of the payload what the integration user may not read (the amount)', async () => {
    await register('/ok-amounts', ['opportunity.updated']);
    const client = new pg.Client({ connectionString: app.config.databaseUrl });
    await client.connect();
    await client.query(`update opportunity set amount = amount + 1000, version = version + 1 where id = $1`, [demoId('opportunity:jingcheng-pumps')]);
    await client.end();
    await until(() => receivedOn('/ok-amounts').length > 0);
    const body = JSON.parse(receivedOn('/ok-amounts')[0].body);
    expect(body.payload.amount).toBeUndefined();
    expect(body.hiddenFields).toEqual(['amount']);
  });

  it('retries a 500, a timeout and a dropped connection with backoff, and logs every attempt', async () => {
    const flaky = await register('/flaky');
    const slow = await register('/slow');
    const closing = await register('/close');
    await change('huichuan-servo', '重试测试');
    await until(() => receivedOn('/flaky').length >= 3 && receivedOn('/slow').length >= 2 && receivedOn('/close').length >= 2);
    const logOf = settledDelivery;
    const flakyLog = await logOf(flaky.webhook.id);
    expect(flakyLog).toMatchObject({ status: 'SUCCEEDED', attempts: 3 });
    expect(flakyLog.log.map((attempt) => attempt.statusCode)).toEqual([500, 500, 200]);
    const slowLog = await logOf(slow.webhook.id);
    expect(slowLog.log.map((attempt) => attempt.error)).toEqual(['no answer within 500 ms', null]);
    const closeLog = await logOf(closing.webhook.id);
    expect(closeLog.status).toBe('SUCCEEDED');
    expect(closeLog.log[0]).toMatchObject({ statusCode: null });
    expect(closeLog.log[0].error).not.toBeNull();
    // The same event every time: receivers de-duplicate on its id.
    expect(new Set(receivedOn('/flaky').map((entry) => entry.eventId)).size).toBe(1);
  });

  it('marks an endpoint failing after its retries run out, without holding up the others', async () => {
    const dead = await register('/dead');
    const alive = await register('/ok-alongside');
    await change('tianjin-conveyor', '失败测试');
    await until(() => receivedOn('/dead').length >= 3 && receivedOn('/ok-alongside').length >= 1);
    expect(await settledDelivery(dead.webhook.id)).toMatchObject({ status: 'FAILED', attempts: 3, lastStatusCode: 500 });
    const endpoints = (await app.gql(WEBHOOKS, {}, integration)).data!.webhooks;
    expect(endpoints.find((endpoint) => endpoint.id === dead.webhook.id)).toMatchObject({ status: 'FAILING', consecutiveFailures: 1 });
    expect(endpoints.find((endpoint) => endpoint.id === alive.webhook.id)?.status).toBe('ACTIVE');
  });

  it('redelivers one event and replays from a cursor, with the same event ids', async () => {
    const { webhook } = await register('/replayed');
    const start = (await app.gql(EVENTS, { first: 200 }, integration)).data!.events.pageInfo.endCursor!;
    await change('yanshan-radar', '回放一');
    await change('yanshan-radar', '回放二');
    await until(() => receivedOn('/replayed').length >= 2);
    const firstId = receivedOn('/replayed')[0].eventId;
    const again = await app.gql(REDELIVER, { webhookId: webhook.id, eventId: firstId }, integration);
    expect(again.data?.redeliver.status).toBe('PENDING');
    await until(() => receivedOn('/replayed').length >= 3);
    expect(receivedOn('/replayed')[2].eventId).toBe(firstId);
    const replayed = await app.gql(REPLAY, { webhookId: webhook.id, from: start }, integration);
    expect(replayed.data?.replay).toMatchObject({ queued: 2, hasMore: false });
    await until(() => receivedOn('/replayed').length >= 5);
    // Deliveries go out concurrently, so their order is not the events' order (receivers order by aggregateVersion).
    const ids = (entries: Received[]) => entries.map((entry) => entry.eventId).sort();
    expect(ids(receivedOn('/replayed').slice(3))).toEqual(ids(receivedOn('/replayed').slice(0, 2)));
  });

  it('two API servers on one database deliver each event once', async () => {
    const second = await createAppServer(app.orm, app.config, createLogger('silent'));
    await second.listen(0, '127.0.0.1');
    try {
      await register('/once');
      for (const step of ['一', '二', '三', '四', '五']) await change('midea-q1', `两进程 ${step}`);
      await until(() => receivedOn('/once').length >= 5);
      await pause(1000);
      const ids = receivedOn('/once').map((entry) => entry.eventId);
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
    } finally {
      await second.close();
    }
  });

  it('sends again what a process claimed but never finished (it crashed mid-delivery): at least once, same event id', async () => {
    const { webhook } = await register('/after-crash');
    const event = (await app.gql(EVENTS, { first: 1, filter: { opportunityId: demoId('opportunity:midea-q1') } }, integration)).data!.events.nodes[0];
    // What a process that died while sending leaves behind: a claimed delivery whose lease has run out.
    const client = new pg.Client({ connectionString: app.config.databaseUrl });
    await client.connect();
    await client.query(
      `insert into webhook_delivery (id, endpoint_id, event_id, status, attempts, locked_until) values (gen_random_uuid(), $1, $2, 'DELIVERING', 1, now() - interval '1 second')`,
      [webhook.id, event.id],
    );
    await client.end();
    await until(() => receivedOn('/after-crash').length > 0);
    expect(receivedOn('/after-crash').map((entry) => entry.eventId)).toEqual([event.id]);
    expect(await settledDelivery(webhook.id)).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
  });

  it('follows no redirect: a 3xx is a failed attempt, and the log says why', async () => {
    const { webhook } = await register('/redirect');
    await change('yanshan-radar', '重定向测试');
    const delivery = await settledDelivery(webhook.id);
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: 3, lastStatusCode: 302 });
    expect(delivery.log.map((attempt) => attempt.error)).toEqual(
      Array(3).fill(`HTTP 302: redirects are not followed (Location: ${receiverUrl}/redirect-target)`),
    );
    expect(receivedOn('/redirect')).toHaveLength(3);
    expect(receivedOn('/redirect-target')).toEqual([]);
  });

  it('connects to the address it checked, keeping the URL’s host name in the Host header', async () => {
    const port = new URL(receiverUrl).port;
    const response = await app.gql(CREATE_WEBHOOK, { input: { url: `http://localhost:${port}/by-name`, eventTypes: ['opportunity.updated'] } }, integration);
    expect(response.errors).toBeUndefined();
    await change('shenlian-drives', '按主机名投递');
    await until(() => receivedOn('/by-name').length > 0);
    expect(receivedOn('/by-name')[0].host).toBe(`localhost:${port}`);
  });

  it('only integration users and admins register endpoints; a key needs manage:webhooks', async () => {
    const rep = await app.gql(CREATE_WEBHOOK, { input: { url: `${receiverUrl}/x` } }, { token: await app.tokenFor(people.shanghai1Rep.email) });
    expect(rep.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const readOnly = await app.gql(
      CREATE_API_KEY,
      { input: { name: 'read only', scopes: ['READ_SALES'], userId: userId(people.integration) } },
      { token: await app.tokenFor(people.admin.email) },
    );
    const withoutScope = await app.gql(CREATE_WEBHOOK, { input: { url: `${receiverUrl}/x` } }, { apiKey: readOnly.data!.createApiKey.key });
    expect(withoutScope.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const badUrl = await app.gql(CREATE_WEBHOOK, { input: { url: 'ftp://example.com' } }, integration);
    expect(badUrl.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.url' }] });
  });
});
