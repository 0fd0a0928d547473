/**
 * The `events` scenario of `npm run bench`: how long a committed deal change takes to reach a `dealChanged`
 * subscriber and a webhook receiver, at a steady write rate with webhooks on, beside the floor: a bare
 * `LISTEN`/`NOTIFY` round trip on the same PostgreSQL in the same run.
 *
 * Every sample runs from the moment the writer sends its one-statement transaction to the moment the consumer has
 * the event (the commit's own round trip, well under a millisecond here, is inside every sample), so all three are
 * measured the same way. The writes are plain SQL updates of opportunities (the triggers write their events, as for
 * every writer), spread over the run at a fixed rate.
 */
import { createServer } from 'node:http';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';

export interface EventLatencyOptions {
  /** http://…/graphql of the API under test (its dispatcher and webhook worker deliver). */
  graphqlUrl: string;
  databaseUrl: string;
  /** An admin's token: the subscriber and the webhook's owner, who see every event. */
  adminToken: string;
  writesPerSecond: number;
  seconds: number;
}

export interface LatencySummary {
  consumer: string;
  samples: number;
  missing: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const SUBSCRIPTION = `subscription BenchEvents { dealChanged(filter: { types: ["opportunity.updated"] }) { payload } }`;
const CREATE_WEBHOOK = `mutation BenchWebhook($url: String!) { createWebhook(input: { url: $url, eventTypes: ["opportunity.updated"] }) { webhook { id } } }`;
const BENCH_WEBHOOK_PATH = '/bench-events';

function summarise(consumer: string, sent: Map<string, number>, received: Map<string, number>): LatencySummary {
  const latencies = [...sent].filter(([tag]) => received.has(tag)).map(([tag, committedAt]) => received.get(tag)! - committedAt);
  const sorted = Float64Array.from(latencies).sort();
  const at = (fraction: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)]);
  return { consumer, samples: sorted.length, missing: sent.size - sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

async function graphql(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (body.errors !== undefined || body.data === undefined) throw new Error(`bench request failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Sends `count` writes at `perSecond`, each through `write`, which resolves once its commit returned. */
async function atRate(count: number, perSecond: number, write: (index: number) => Promise<void>): Promise<void> {
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < count; index += 1) {
    const due = started + (index * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(write(index));
  }
  await Promise.all(pending);
}

/** The floor: a NOTIFY committed on one connection, heard on another LISTENing one. */
async function measureNotifyFloor(databaseUrl: string, count: number, perSecond: number): Promise<LatencySummary> {
  const listener = new pg.Client({ connectionString: databaseUrl });
  const notifiers = Array.from({ length: 4 }, () => new pg.Client({ connectionString: databaseUrl }));
  await Promise.all([listener, ...notifiers].map((client) => client.connect()));
  const sent = new Map<string, number>();
  const received = new Map<string, number>();
  listener.on('notification', (message) => received.set(message.payload ?? '', performance.now()));
  await listener.query('listen salesgraph_bench_floor');
  try {
    // Each NOTIFY commits on its own, like each write below, from four connections as the writes are.
    await atRate(count, perSecond, async (index) => {
      const tag = `floor-${index}`;
      sent.set(tag, performance.now());
      await notifiers[index % notifiers.length].query(`select pg_notify('salesgraph_bench_floor', $1)`, [tag]);
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
  } finally {
    await Promise.all([listener, ...notifiers].map((client) => client.end()));
  }
  return summarise('bare LISTEN/NOTIFY (floor)', sent, received);
}

/** Commit → `dealChanged` subscriber and commit → webhook receiver, at `writesPerSecond` deal changes. */
export async function measureEventLatency(options: EventLatencyOptions): Promise<LatencySummary[]> {
  const count = options.writesPerSecond * options.seconds;
  const floor = await measureNotifyFloor(options.databaseUrl, count, options.writesPerSecond);

  const subscribed = new Map<string, number>();
  const delivered = new Map<string, number>();
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      const tag = (JSON.parse(Buffer.concat(chunks).toString()) as { payload: { nextStep?: string } }).payload.nextStep;
      if (tag !== undefined && !delivered.has(tag)) delivered.set(tag, at);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  const receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}${BENCH_WEBHOOK_PATH}`;
  const created = await graphql(options.graphqlUrl, options.adminToken, CREATE_WEBHOOK, { url: receiverUrl });
  const webhookId = (created.createWebhook as { webhook: { id: string } }).webhook.id;

  const subscriber = createClient({ url: options.graphqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${options.adminToken}` } });
  subscriber.subscribe(
    { query: SUBSCRIPTION },
    {
      next: (result) => {
        const tag = (result.data as { dealChanged?: { payload: { nextStep?: string } } } | undefined)?.dealChanged?.payload.nextStep;
        if (tag !== undefined) subscribed.set(tag, performance.now());
      },
      error: (error) => console.error('bench subscriber:', error),
      complete: () => undefined,
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));

  const writers = await Promise.all(
    Array.from({ length: 4 }, async () => {
      const client = new pg.Client({ connectionString: options.databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const { rows } = await writers[0].query<{ id: string }>(`select id from opportunity where stage not in ('WON', 'LOST') order by id limit 200`);
  const sent = new Map<string, number>();
  try {
    const run = Date.now();
    await atRate(count, options.writesPerSecond, async (index) => {
      const tag = `bench-${run}-${index}`;
      sent.set(tag, performance.now());
      await writers[index % writers.length].query(`update opportunity set next_step = $2, version = version + 1 where id = $1`, [rows[index % rows.length].id, tag]);
    });
    // Stragglers: a webhook retried after a failure would count as late, not as missing.
    for (let waited = 0; waited < 10_000 && (subscribed.size < sent.size || delivered.size < sent.size); waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await subscriber.dispose();
    // The bench leaves the database as it found it but for the writes' events: its endpoint goes with its deliveries.
    await writers[0].query('delete from webhook_endpoint where id = $1', [webhookId]);
    await Promise.all(writers.map((client) => client.end()));
    await new Promise((resolve) => receiver.close(resolve));
  }
  return [floor, summarise('dealChanged subscriber', sent, subscribed), summarise('webhook receiver', sent, delivered)];
}
