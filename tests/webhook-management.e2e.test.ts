import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import pg from 'pg';
import { verifyWebhook } from '../api/events/webhook-signature';
import { createLogger } from '../api/logger';
import { demoId } from '../seeds/demo-ids';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people, userId } from './fixtures/demo-people';
import { CREATE_API_KEY } from './graphql/documents';
import {
  CREATE_WEBHOOK,
  DELETE_WEBHOOK,
  PAUSE_WEBHOOK,
  REDELIVER,
  RESUME_WEBHOOK,
  ROTATE_WEBHOOK_SECRET,
  UPDATE_WEBHOOK,
  WEBHOOK_DELIVERIES,
  WEBHOOK_FIELDS,
} from './graphql/events.documents';
import type { LogLine } from './support/logged-app';
import { createTestApp, type Auth, type TestApp } from './support/test-app';
import { pause, until } from './support/wait';

/**
 * Managing webhooks (README "Webhooks"): changing an endpoint, pausing and resuming it (the events of a pause are
 * skipped, not queued), deleting it, and rotating its secret with a grace period in which both secrets sign.
 */

interface Received {
  path: string;
  body: string;
  signature: string;
  eventId: string;
}

let app: TestApp;
let receiver: Server;
let receiverUrl: string;
let integration: Auth;
const received: Received[] = [];
const held: ServerResponse[] = [];
const lines: LogLine[] = [];

const receivedOn = (path: string) => received.filter((entry) => entry.path === path);

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

async function endpoint(id: string) {
  return (await app.gql(WEBHOOK_FIELDS, {}, integration)).data!.webhooks.find((webhook) => webhook.id === id);
}

beforeAll(async () => {
  const log = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  app = await createTestApp({ WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_POLL_MS: '100', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }, { log });
  await seedDemoSalesIfEmpty(app.orm, app.config);
  receiver = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({
        path,
        body: Buffer.concat(chunks).toString(),
        signature: String(request.headers['x-salesgraph-signature']),
        eventId: String(request.headers['x-salesgraph-event-id']),
      });
      // /hold keeps its answer until the test lets it go.
      if (path.startsWith('/hold')) held.push(response);
      else response.writeHead(200).end();
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
  for (const response of held) response.writeHead(200).end();
  await new Promise((resolve) => receiver.close(resolve));
  await app.close();
});

describe('updateWebhook', () => {
  it('moves an endpoint to a new URL and event types; later events follow the change', async () => {
    const { webhook } = await register('/before-move');
    const before = await endpoint(webhook.id);
    const updated = await app.gql(UPDATE_WEBHOOK, { id: webhook.id, version: before!.version, input: { url: `${receiverUrl}/after-move`, eventTypes: ['opportunity.updated', 'opportunity.won'] } }, integration);
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateWebhook).toMatchObject({ url: `${receiverUrl}/after-move`, eventTypes: ['opportunity.updated', 'opportunity.won'], version: before!.version + 1 });
    await change('huichuan-servo', '改地址后');
    await until(() => receivedOn('/after-move').length > 0);
    expect(receivedOn('/before-move')).toEqual([]);
  });

  it('an omitted field stays; a stale version is a conflict and changes nothing', async () => {
    const { webhook } = await register('/versioned');
    const { version } = (await endpoint(webhook.id))!;
    const typesOnly = await app.gql(UPDATE_WEBHOOK, { id: webhook.id, version, input: { eventTypes: [] } }, integration);
    expect(typesOnly.data?.updateWebhook).toMatchObject({ url: `${receiverUrl}/versioned`, eventTypes: [] });
    const stale = await app.gql(UPDATE_WEBHOOK, { id: webhook.id, version, input: { url: `${receiverUrl}/stale` } }, integration);
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect((await endpoint(webhook.id))?.url).toBe(`${receiverUrl}/versioned`);
  });

  it('refuses an unknown event type and a refused URL at their paths', async () => {
    const { webhook } = await register('/checked');
    const { version } = (await endpoint(webhook.id))!;
    const types = await app.gql(UPDATE_WEBHOOK, { id: webhook.id, version, input: { eventTypes: ['no.such.event'] } }, integration);
    expect(types.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.eventTypes' }] });
    const url = await app.gql(UPDATE_WEBHOOK, { id: webhook.id, version, input: { url: 'http://169.254.169.254/latest/meta-data/' } }, integration);
    expect(url.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WEBHOOK_URL_NOT_ALLOWED', fields: [{ path: 'input.url' }] });
  });
});

describe('pauseWebhook and resumeWebhook', () => {
  it('events during a pause are skipped, not queued; deliveries queued before it wait and go out on resume', async () => {
    const paused = await register('/paused');
    await register('/witness');
    const pausing = await app.gql(PAUSE_WEBHOOK, { id: paused.webhook.id }, integration);
    expect(pausing.data?.pauseWebhook).toMatchObject({ status: 'PAUSED', pausedAt: expect.any(String) });

    // The witness shows the fan-out has passed the event; the paused endpoint got no delivery of it.
    await change('tianjin-conveyor', '暂停期间');
    await until(() => receivedOn('/witness').length >= 1);
    const duringPause = receivedOn('/witness')[0].eventId;
    await pause(500);
    expect(receivedOn('/paused')).toEqual([]);
    expect((await app.gql(WEBHOOK_DELIVERIES, { webhookId: paused.webhook.id }, integration)).data!.webhookDeliveries).toEqual([]);

    // A delivery queued while paused (here a redelivery) waits.
    const queued = await app.gql(REDELIVER, { webhookId: paused.webhook.id, eventId: duringPause }, integration);
    expect(queued.data?.redeliver.status).toBe('PENDING');
    await pause(500);
    expect(receivedOn('/paused')).toEqual([]);

    const resumed = await app.gql(RESUME_WEBHOOK, { id: paused.webhook.id }, integration);
    expect(resumed.data?.resumeWebhook).toMatchObject({ status: 'ACTIVE', pausedAt: null });
    await until(() => receivedOn('/paused').length >= 1);
    expect(receivedOn('/paused').map((entry) => entry.eventId)).toEqual([duringPause]);

    // From the resume on, events are queued again.
    await change('tianjin-conveyor', '恢复之后');
    await until(() => receivedOn('/paused').length >= 2);
    await pause(300);
    const deliveries = (await app.gql(WEBHOOK_DELIVERIES, { webhookId: paused.webhook.id }, integration)).data!.webhookDeliveries;
    expect(deliveries).toHaveLength(2);
    expect(receivedOn('/paused')).toHaveLength(2);
  });

  it('pausing twice keeps the first pause; resuming an endpoint that is not paused changes nothing', async () => {
    const { webhook } = await register('/twice');
    const first = await app.gql(PAUSE_WEBHOOK, { id: webhook.id }, integration);
    const second = await app.gql(PAUSE_WEBHOOK, { id: webhook.id }, integration);
    expect(second.data?.pauseWebhook).toEqual(first.data?.pauseWebhook);
    await app.gql(RESUME_WEBHOOK, { id: webhook.id }, integration);
    const again = await app.gql(RESUME_WEBHOOK, { id: webhook.id }, integration);
    expect(again.data?.resumeWebhook).toMatchObject({ status: 'ACTIVE', pausedAt: null });
  });
});

describe('deleteWebhook', () => {
  it('deletes the endpoint with its log; nothing is sent to it any more', async () => {
    const { webhook } = await register('/deleted');
    await change('yanshan-radar', '删除之前');
    await until(() => receivedOn('/deleted').length >= 1);
    const deleted = await app.gql(DELETE_WEBHOOK, { id: webhook.id }, integration);
    expect(deleted.data?.deleteWebhook).toBe(webhook.id);
    expect(await endpoint(webhook.id)).toBeUndefined();
    const log = await app.gql(WEBHOOK_DELIVERIES, { webhookId: webhook.id }, integration);
    expect(log.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'WEBHOOK_NOT_FOUND' });
    await register('/deleted-witness');
    await change('yanshan-radar', '删除之后');
    await until(() => receivedOn('/deleted-witness').length >= 1);
    await pause(300);
    expect(receivedOn('/deleted')).toHaveLength(1);
    const again = await app.gql(DELETE_WEBHOOK, { id: webhook.id }, integration);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'WEBHOOK_NOT_FOUND' });
  });

  it('an endpoint deleted while a delivery to it is in flight: the attempt ends quietly and the worker goes on', async () => {
    const { webhook } = await register('/hold');
    await change('midea-q1', '投递中删除');
    await until(() => held.length >= 1);
    await app.gql(DELETE_WEBHOOK, { id: webhook.id }, integration);
    held.shift()!.writeHead(200).end();
    await register('/after-delete');
    await change('midea-q1', '删除后继续');
    await until(() => receivedOn('/after-delete').length >= 1);
    expect(receivedOn('/after-delete')).toHaveLength(1);
    expect(lines.filter((line) => line.level >= 50).map((line) => line.msg)).toEqual([]);
  });
});

describe('rotateWebhookSecret', () => {
  it('returns a new secret once; during the grace period both sign, the new one first', async () => {
    const { webhook, secret: oldSecret } = await register('/rotated');
    const rotated = await app.gql(ROTATE_WEBHOOK_SECRET, { id: webhook.id, graceSeconds: 3600 }, integration);
    expect(rotated.errors).toBeUndefined();
    const { secret: newSecret } = rotated.data!.rotateWebhookSecret;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    const expiresAt = new Date(rotated.data!.rotateWebhookSecret.webhook.previousSecretExpiresAt!).getTime();
    expect(Math.abs(expiresAt - (Date.now() + 3600_000))).toBeLessThan(60_000);

    await change('jingcheng-pumps', '轮换密钥');
    await until(() => receivedOn('/rotated').length >= 1);
    const [delivery] = receivedOn('/rotated');
    expect(delivery.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(newSecret, delivery.body, delivery.signature)).toBe(true);
    expect(verifyWebhook(oldSecret, delivery.body, delivery.signature)).toBe(true);
    expect(verifyWebhook('whsec_neither', delivery.body, delivery.signature)).toBe(false);
    expect(JSON.stringify((await app.gql(WEBHOOK_FIELDS, {}, integration)).data)).not.toContain(newSecret);
  });

  it('with no grace period the old secret stops at once', async () => {
    const { webhook, secret: oldSecret } = await register('/rotated-now');
    const rotated = await app.gql(ROTATE_WEBHOOK_SECRET, { id: webhook.id, graceSeconds: 0 }, integration);
    expect(rotated.data?.rotateWebhookSecret.webhook.previousSecretExpiresAt).toBeNull();
    const { secret: newSecret } = rotated.data!.rotateWebhookSecret;
    await change('jingcheng-pumps', '立即轮换');
    await until(() => receivedOn('/rotated-now').length >= 1);
    const [delivery] = receivedOn('/rotated-now');
    expect(delivery.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(newSecret, delivery.body, delivery.signature)).toBe(true);
    expect(verifyWebhook(oldSecret, delivery.body, delivery.signature)).toBe(false);
  });

  it('refuses a grace period beyond a week', async () => {
    const { webhook } = await register('/rotated-long');
    const response = await app.gql(ROTATE_WEBHOOK_SECRET, { id: webhook.id, graceSeconds: 8 * 24 * 3600 }, integration);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'graceSeconds' }] });
  });
});

describe('who may manage an endpoint', () => {
  const NOWHERE = '00000000-0000-4000-8000-000000000000';

  it('a rep, and a key without manage:webhooks, may call none of the management mutations', async () => {
    const { webhook } = await register('/guarded');
    const readOnly = await app.gql(
      CREATE_API_KEY,
      { input: { name: 'read only', scopes: ['READ_SALES'], userId: userId(people.integration) } },
      { token: await app.tokenFor(people.admin.email) },
    );
    for (const auth of [{ token: await app.tokenFor(people.shanghai1Rep.email) }, { apiKey: readOnly.data!.createApiKey.key }]) {
      const calls = {
        updateWebhook: await app.gql(UPDATE_WEBHOOK, { id: webhook.id, version: 1, input: { eventTypes: [] } }, auth),
        pauseWebhook: await app.gql(PAUSE_WEBHOOK, { id: webhook.id }, auth),
        resumeWebhook: await app.gql(RESUME_WEBHOOK, { id: webhook.id }, auth),
        deleteWebhook: await app.gql(DELETE_WEBHOOK, { id: webhook.id }, auth),
        rotateWebhookSecret: await app.gql(ROTATE_WEBHOOK_SECRET, { id: webhook.id }, auth),
      };
      for (const [name, response] of Object.entries(calls)) {
        expect([name, response.data, response.errors?.map((error) => error.extensions?.code)]).toEqual([name, null, ['FORBIDDEN']]);
      }
    }
    expect(await endpoint(webhook.id)).toMatchObject({ status: 'ACTIVE', version: 1 });
  });

  it('an endpoint is its owner’s (and admins’): another manager finds none', async () => {
    const admin = { token: await app.tokenFor(people.admin.email) };
    const owned = await app.gql(CREATE_WEBHOOK, { input: { url: `${receiverUrl}/admins`, eventTypes: ['opportunity.won'] } }, admin);
    const id = owned.data!.createWebhook.webhook.id;
    for (const response of [
      await app.gql(UPDATE_WEBHOOK, { id, version: 1, input: { eventTypes: [] } }, integration),
      await app.gql(PAUSE_WEBHOOK, { id }, integration),
      await app.gql(DELETE_WEBHOOK, { id }, integration),
      await app.gql(ROTATE_WEBHOOK_SECRET, { id }, integration),
      await app.gql(PAUSE_WEBHOOK, { id: NOWHERE }, integration),
    ]) {
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'WEBHOOK_NOT_FOUND' });
    }
    // An admin manages anyone's endpoint.
    const { webhook } = await register('/managed-by-admin');
    expect((await app.gql(PAUSE_WEBHOOK, { id: webhook.id }, admin)).data?.pauseWebhook.status).toBe('PAUSED');
  });
});
