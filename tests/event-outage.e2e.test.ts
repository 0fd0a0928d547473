import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from 'graphql-ws';
import pg from 'pg';
import supertest from 'supertest';
import { loadConfig } from '../api/config';
import { createAppServer, type AppServer } from '../api/server';
import { DEMO_PASSWORD } from '../seeds/demo-company.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people } from './fixtures/demo-people';
import { startPoller, startWebhookReceiver, subscribeToEvents, type Received } from './support/event-consumers';
import { createLoggedApp, LOG_LEVEL, logInto, TEST_JWT_SECRET, type LoggedApp, type LogLine } from './support/logged-app';
import { StandalonePostgres } from './support/standalone-postgres';
import { pause, until } from './support/wait';

/**
 * The event listener and the webhook worker keep their own database connections. When those drop or the database
 * restarts, they reconnect by themselves, /readyz says so meanwhile, each outage is logged once (and its end once),
 * and subscribers that stayed connected and webhooks get every event committed while they were away.
 */
const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }';
const CREATE_WEBHOOK = 'mutation($url: String!) { createWebhook(input: { url: $url }) { webhook { id } } }';

const clients: Client[] = [];
const receivers: Server[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await Promise.all(receivers.map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A subscriber and a webhook as the admin, who sees every event. */
async function consumersOf(baseUrl: string, request: ReturnType<typeof supertest>): Promise<{ subscriber: Received; webhook: Received }> {
  const signIn = await request.post('/graphql').send({ query: LOGIN, variables: { email: people.admin.email, password: DEMO_PASSWORD } });
  const token = signIn.body.data.login.accessToken as string;
  const { received: subscriber, client } = await subscribeToEvents(baseUrl, token, () => undefined);
  clients.push(client);
  const receiver = await startWebhookReceiver();
  receivers.push(receiver.server);
  const created = await request.post('/graphql').set('authorization', `Bearer ${token}`).send({ query: CREATE_WEBHOOK, variables: { url: receiver.url } });
  expect(created.body.errors).toBeUndefined();
  return { subscriber, webhook: receiver.received };
}

/** Writes `count` deal events in one transaction, as any writer of the database may; returns their ids. */
async function writeEvents(databaseUrl: string, count: number, label: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('update opportunity set next_step = $2, version = version + 1 where id in (select id from opportunity order by id limit $1)', [count, label]);
    const { rows } = await client.query<{ id: string }>('select id from domain_event where transaction_id = pg_current_xact_id() order by position');
    await client.query('commit');
    expect(rows).toHaveLength(count);
    return rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

function linesAbout(lines: LogLine[], component: string): LogLine[] {
  return lines.filter((line) => line.msg.startsWith(`${component}:`));
}

describe('when the database ends the listener’s and the worker’s connections', () => {
  let app: LoggedApp;

  beforeAll(async () => {
    app = await createLoggedApp({ WEBHOOK_DELIVERY: 'true', WEBHOOK_POLL_MS: '200', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
    await seedDemoSalesIfEmpty(app.orm, app.config);
  });

  afterAll(() => app.close());

  it('they reconnect by themselves, say so once each way, and every event of the gap reaches subscribers, webhooks and pollers', async () => {
    const { subscriber, webhook } = await consumersOf(app.baseUrl, app.request);
    const poller = await startPoller(app.baseUrl, await app.tokenFor(people.admin.email));
    try {
      expect((await app.request.get('/readyz')).status).toBe(200);

      const killer = new pg.Client({ connectionString: app.config.databaseUrl });
      await killer.connect();
      const { rows } = await killer.query<{ application_name: string }>(
        `select application_name, pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and application_name in ('salesgraph-event-listener', 'salesgraph-webhook-worker', 'salesgraph-notification-listener')`,
      );
      await killer.end();
      expect(rows.map((row) => row.application_name).sort()).toEqual(['salesgraph-event-listener', 'salesgraph-notification-listener', 'salesgraph-webhook-worker']);
      // Committed while the listener is away.
      const gap = await writeEvents(app.config.databaseUrl!, 5, '连接被断开');
      expect(gap).toHaveLength(5);

      await until(() => [subscriber, webhook, poller.received].every((received) => received.missing(gap).length === 0), 20_000);
      expect({ subscriber: subscriber.missing(gap), webhook: webhook.missing(gap), poller: poller.received.missing(gap) }).toEqual({ subscriber: [], webhook: [], poller: [] });
    } finally {
      await poller.stop();
    }
    expect(subscriber.duplicates).toBe(0);
    expect((await app.request.get('/readyz')).status).toBe(200);
    for (const component of ['event listener', 'notification listener', 'webhook worker']) {
      const about = linesAbout(app.lines, component);
      expect({ component, lost: about.filter((line) => line.level >= LOG_LEVEL.warn).length }).toEqual({ component, lost: 1 });
      expect({ component, back: about.filter((line) => /reconnected after|reachable again/.test(line.msg)).length }).toEqual({ component, back: 1 });
    }
  });
});

describe('when the database restarts under a running API', () => {
  let postgres: StandalonePostgres;
  let databaseUrl: string;
  let orm: MikroORM;
  let server: AppServer;
  let baseUrl: string;
  let request: ReturnType<typeof supertest>;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    postgres = await StandalonePostgres.create();
    ({ url: databaseUrl, orm } = await postgres.demoDatabase('salesgraph_restart'));
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: databaseUrl, WEBHOOK_POLL_MS: '200', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
    await seedDemoSalesIfEmpty(orm, config);
    server = await createAppServer(orm, config, logInto(lines));
    baseUrl = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    request = supertest(server.httpServer);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await orm?.close(true);
    await postgres?.destroy();
  }, 60_000);

  it('/readyz names the listener and the worker while they are down, and connected subscribers and webhooks get every event of the outage', async () => {
    const { subscriber, webhook } = await consumersOf(baseUrl, request);
    const before = await writeEvents(databaseUrl, 2, '重启之前');
    await until(() => subscriber.missing(before).length === 0 && webhook.missing(before).length === 0, 20_000);
    expect({ subscriber: subscriber.missing(before), webhook: webhook.missing(before) }).toEqual({ subscriber: [], webhook: [] });

    await postgres.stop();
    let readiness: supertest.Response | undefined;
    for (let attempt = 0; attempt < 100; attempt += 1) {
      readiness = await request.get('/readyz');
      const down = (readiness.body.down ?? []).map((component: { name: string }) => component.name);
      if (down.includes('event listener') && down.includes('notification listener') && down.includes('webhook worker')) break;
      await pause(100);
    }
    expect(readiness!.status).toBe(503);
    expect(readiness!.body.down.map((component: { name: string }) => component.name).sort()).toEqual(['event listener', 'notification listener', 'webhook worker']);
    expect(JSON.stringify(readiness!.body)).not.toMatch(/localhost|127\.0\.0\.1|postgres:/);
    // Down for a while: the retries are not logged one by one.
    await pause(3000);

    await postgres.start();
    // Written at once, while the listener is still waiting to retry.
    const during = await writeEvents(databaseUrl, 3, '重启之后');
    await until(() => subscriber.missing(during).length === 0 && webhook.missing(during).length === 0, 30_000);
    expect({ subscriber: subscriber.missing(during), webhook: webhook.missing(during) }).toEqual({ subscriber: [], webhook: [] });
    expect(subscriber.duplicates).toBe(0);

    let ready = await request.get('/readyz');
    for (let attempt = 0; attempt < 100 && ready.status !== 200; attempt += 1) {
      await pause(100);
      ready = await request.get('/readyz');
    }
    expect(ready.status).toBe(200);
    for (const component of ['event listener', 'notification listener', 'webhook worker']) {
      const about = linesAbout(lines, component);
      expect({ component, lost: about.filter((line) => line.level >= LOG_LEVEL.warn).length }).toEqual({ component, lost: 1 });
      expect({ component, back: about.filter((line) => /reconnected after|reachable again/.test(line.msg)).length }).toEqual({ component, back: 1 });
    }
  }, 120_000);
});
