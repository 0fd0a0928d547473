import type { ChildProcess } from 'node:child_process';
import { createServer, type Server, type ServerResponse } from 'node:http';
import pg from 'pg';
import { demoId } from '../seeds/demo-ids';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people, userId } from './fixtures/demo-people';
import { CREATE_API_KEY } from './graphql/documents';
import { CREATE_WEBHOOK, WEBHOOK_DELIVERIES } from './graphql/events.documents';
import { pause, until } from './support/wait';
import { startApiProcess } from './support/api-process';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * A real API process (the built dist/api/main.js, tests/support/api-process.ts) is killed with SIGKILL while a webhook request is in flight; a
 * second process sends the event once the first one's lease has run out. The test's own server sends no webhooks
 * (WEBHOOK_DELIVERY=false), so the spawned processes are the only senders.
 */
let app: TestApp;
let receiver: Server;
let receiverUrl: string;
let integration: Auth;
const received: { eventId: string; at: number }[] = [];
const hanging: ServerResponse[] = [];
const children: ChildProcess[] = [];

async function startApi(): Promise<ChildProcess> {
  const { child } = await startApiProcess({
    NODE_ENV: 'production',
    JWT_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
    DATABASE_URL: app.config.databaseUrl,
    LOG_LEVEL: 'warn',
    WEBHOOK_LEASE_SECONDS: '2',
    WEBHOOK_TIMEOUT_MS: '60000',
    WEBHOOK_POLL_MS: '200',
    // The receiver listens on 127.0.0.1 (over http, which production allows only to private receivers).
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  });
  children.push(child);
  return child;
}

beforeAll(async () => {
  app = await createTestApp({ WEBHOOK_DELIVERY: 'false', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
  await seedDemoSalesIfEmpty(app.orm, app.config);
  receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push({ eventId: String(request.headers['x-salesgraph-event-id']), at: Date.now() });
      // The first request is never answered: its sender is killed while waiting for it.
      if (received.length === 1) hanging.push(response);
      else response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/hook`;
  const key = await app.gql(
    CREATE_API_KEY,
    { input: { name: 'crash test', scopes: ['READ_SALES', 'MANAGE_WEBHOOKS'], userId: userId(people.integration) } },
    { token: await app.tokenFor(people.admin.email) },
  );
  integration = { apiKey: key.data!.createApiKey.key };
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const response of hanging) response.destroy();
  await new Promise((resolve) => receiver.close(resolve));
  await app.close();
});

it('loses no event when the sending process is killed mid-delivery: another sends it again, same event id', async () => {
  const created = await app.gql(CREATE_WEBHOOK, { input: { url: receiverUrl, eventTypes: ['opportunity.updated'] } }, integration);
  const webhookId = created.data!.createWebhook.webhook.id;
  const first = await startApi();

  const client = new pg.Client({ connectionString: app.config.databaseUrl });
  await client.connect();
  await client.query(`update opportunity set next_step = '进程被杀', version = version + 1 where id = $1`, [demoId('opportunity:jingcheng-pumps')]);
  await client.end();

  await until(() => received.length === 1, 30000);
  expect(received).toHaveLength(1);
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));

  await startApi();
  await until(() => received.length >= 2, 30000);
  expect(received.map((entry) => entry.eventId)).toEqual([received[0].eventId, received[0].eventId]);

  let log = (await app.gql(WEBHOOK_DELIVERIES, { webhookId }, integration)).data!.webhookDeliveries;
  for (let wait = 0; wait < 100 && log[0]?.status !== 'SUCCEEDED'; wait += 1) {
    await pause(100);
    log = (await app.gql(WEBHOOK_DELIVERIES, { webhookId }, integration)).data!.webhookDeliveries;
  }
  expect(log).toHaveLength(1);
  expect(log[0]).toMatchObject({ eventId: received[0].eventId, status: 'SUCCEEDED', attempts: 2, lastStatusCode: 200 });
}, 120_000);
