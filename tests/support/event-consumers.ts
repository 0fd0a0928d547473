import { createServer, type Server } from 'node:http';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { DEAL_CHANGED_IDS, EVENT_IDS } from '../graphql/events.documents';
import { pause } from './wait';
import type { EventIdsQuery } from '../gql/graphql';

/**
 * Consumers of the event stream for the delivery tests: each records the ids it received (duplicates counted), so a
 * test can compare them with the ids committed. Times and cursors are kept so a test can tell which events it wrote.
 */
export interface StreamPoint {
  transactionId: bigint;
  position: bigint;
}

/** Where an `events` cursor stands in the stream (the test reads its own cursors; clients treat them as opaque). */
export function pointOfCursor(cursor: string): StreamPoint {
  const [transactionId, position] = Buffer.from(cursor, 'base64url').toString().split(':');
  return { transactionId: BigInt(transactionId), position: BigInt(position) };
}

export function isAfter(point: StreamPoint, start: StreamPoint): boolean {
  return point.transactionId > start.transactionId || (point.transactionId === start.transactionId && point.position > start.position);
}

export class Received {
  readonly counts = new Map<string, number>();

  add(id: string): void {
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
  }

  has(id: string): boolean {
    return this.counts.has(id);
  }

  /** Of `expected`, the ids never received. */
  missing(expected: Iterable<string>): string[] {
    return [...expected].filter((id) => !this.counts.has(id));
  }

  get duplicates(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count - 1, 0);
  }

  get size(): number {
    return this.counts.size;
  }
}

/** A real graphql-ws client on `baseUrl` subscribed to every deal event its viewer may see; keeps what came after `start`. */
export async function subscribeToEvents(baseUrl: string, token: string, start: () => StreamPoint | undefined): Promise<{ received: Received; client: Client }> {
  const received = new Received();
  const client = createClient({
    url: `${baseUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  let acknowledged = false;
  client.on('connected', () => (acknowledged = true));
  client.subscribe(
    { query: print(DEAL_CHANGED_IDS) },
    {
      next: (result) => {
        const event = (result.data as { dealChanged?: { id: string; cursor: string } } | undefined)?.dealChanged;
        const from = start();
        if (event !== undefined && (from === undefined || isAfter(pointOfCursor(event.cursor), from))) {
          received.add(event.id);
        }
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  for (let waited = 0; !acknowledged && waited < 5000; waited += 20) await pause(20);
  // The subscribe message is handled right after the acknowledgement.
  await pause(300);
  return { received, client };
}

/** An HTTP receiver for webhooks that answers 200 and records the event id of every request. */
export async function startWebhookReceiver(): Promise<{ received: Received; url: string; server: Server }> {
  const received = new Received();
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.add(String(request.headers['x-salesgraph-event-id']));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { received, url: `http://127.0.0.1:${port}/hook`, server };
}

/** One page of `events` read over HTTP, as any client does. */
async function eventPage(baseUrl: string, token: string, after: string | null): Promise<EventIdsQuery['events']> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(EVENT_IDS), variables: { first: 200, after } }),
  });
  const body = (await response.json()) as { data?: EventIdsQuery; errors?: unknown };
  if (body.data === undefined || body.errors !== undefined) throw new Error(`events failed (${response.status}): ${JSON.stringify(body.errors)}`);
  return body.data.events;
}

/**
 * A client polling `events(after: endCursor)` live, as an integrator does: it first reads up to the present, then
 * keeps reading from its cursor until stopped. `start` is the point it began from.
 */
export async function startPoller(baseUrl: string, token: string): Promise<{ received: Received; start: StreamPoint; stop: () => Promise<void> }> {
  const received = new Received();
  let after: string | null = null;
  for (;;) {
    const page: EventIdsQuery['events'] = await eventPage(baseUrl, token, after);
    after = page.pageInfo.endCursor ?? after;
    if (!page.pageInfo.hasNextPage) break;
  }
  if (after === null) throw new Error('the poller needs at least one event to start after');
  const start = pointOfCursor(after);
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const page: EventIdsQuery['events'] = await eventPage(baseUrl, token, after);
      for (const node of page.nodes) received.add(node.id);
      after = page.pageInfo.endCursor ?? after;
      if (!page.pageInfo.hasNextPage) await pause(50);
    }
  })();
  return {
    received,
    start,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

/** The ids of the events committed after `start`, in stream order. */
export async function committedAfter(databaseUrl: string, start: StreamPoint): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      'select id from domain_event where (transaction_id, position) > ($1::xid8, $2::bigint) order by transaction_id, position',
      [start.transactionId.toString(), start.position.toString()],
    );
    return rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}
