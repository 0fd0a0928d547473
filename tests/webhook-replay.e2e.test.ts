import { createServer, type Server } from 'node:http';
import pg from 'pg';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people } from './fixtures/demo-people';
import { CREATE_WEBHOOK, EVENT_IDS, REPLAY, WEBHOOKS } from './graphql/events.documents';
import { until } from './support/wait';
import type { EventIdsQuery } from './gql/graphql';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * replay goes on from where a call stopped until the endpoint has every event after `from`; failures counted while
 * many deliveries fail at once are all counted.
 */
let app: TestApp;
let admin: Auth;
let receiver: Server;
let receiverUrl: string;
const received: string[] = [];

beforeAll(async () => {
  // One attempt per delivery, so each failure is a failure for good and counts against the endpoint.
  app = await createTestApp({ WEBHOOK_POLL_MS: '100', WEBHOOK_MAX_ATTEMPTS: '1', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
  await seedDemoSalesIfEmpty(app.orm, app.config);
  admin = { token: await app.tokenFor(people.admin.email) };
  receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const failing = request.url === '/failing';
      if (!failing) received.push(String(request.headers['x-salesgraph-event-id']));
      response.writeHead(failing ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await app.close();
});

/** Writes `count` opportunity events in one transaction. */
async function writeEvents(count: number, label: string): Promise<void> {
  const client = new pg.Client({ connectionString: app.config.databaseUrl });
  await client.connect();
  try {
    await client.query('update opportunity set next_step = $2, version = version + 1 where id in (select id from opportunity order by id limit $1)', [count, label]);
  } finally {
    await client.end();
  }
}

/** The cursor after the last settled event: where a replay of what comes next starts. */
async function endOfStream(): Promise<string> {
  let after: string | null = null;
  for (;;) {
    const page: GraphQLResponse<EventIdsQuery> = await app.gql(EVENT_IDS, { first: 200, after }, admin);
    after = page.data!.events.pageInfo.endCursor ?? after;
    if (!page.data!.events.pageInfo.hasNextPage) return after!;
  }
}

it('replays in calls of `first` events, each going on from the last one’s endCursor, until hasMore is false', async () => {
  const created = await app.gql(CREATE_WEBHOOK, { input: { url: `${receiverUrl}/replayed`, eventTypes: ['opportunity.updated'] } }, admin);
  const webhookId = created.data!.createWebhook.webhook.id;
  const from = await endOfStream();
  await writeEvents(14, '回放 一');
  await writeEvents(14, '回放 二');
  await until(() => received.length >= 28);
  expect(received).toHaveLength(28);

  const queued: number[] = [];
  let cursor = from;
  let hasMore = true;
  for (let call = 0; hasMore && call < 10; call += 1) {
    const replayed = await app.gql(REPLAY, { webhookId, from: cursor, first: 10 }, admin);
    expect(replayed.errors).toBeUndefined();
    queued.push(replayed.data!.replay.queued);
    cursor = replayed.data!.replay.endCursor;
    hasMore = replayed.data!.replay.hasMore;
  }
  expect(queued).toEqual([10, 10, 8]);
  await until(() => received.length >= 56);
  // Every event again, once each, with its own id.
  expect(received.slice(28).sort()).toEqual(received.slice(0, 28).sort());
});

it('counts every failure of many deliveries that fail at once', async () => {
  const created = await app.gql(CREATE_WEBHOOK, { input: { url: `${receiverUrl}/failing`, eventTypes: ['opportunity.updated'] } }, admin);
  const webhookId = created.data!.createWebhook.webhook.id;
  await writeEvents(14, '失败 一');
  await writeEvents(14, '失败 二');
  const failures = async () => {
    const [row] = await app.orm.em.fork().getConnection().execute<{ failed: string }[]>(
      `select count(*) as failed from webhook_delivery where endpoint_id = ? and status = 'FAILED'`,
      [webhookId],
    );
    return Number(row.failed);
  };
  let failed = 0;
  for (let waited = 0; waited < 200 && failed < 28; waited += 1) {
    failed = await failures();
    if (failed < 28) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(failed).toBe(28);
  const endpoints = await app.gql(WEBHOOKS, {}, admin);
  const endpoint = endpoints.data!.webhooks.find((each) => each.id === webhookId);
  expect(endpoint).toMatchObject({ status: 'FAILING', consecutiveFailures: 28 });
});
