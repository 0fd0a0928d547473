import { createServer, type Server } from 'node:http';
import { getNamedType, GraphQLObjectType, isObjectType } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { fieldRuleOf } from '../api/permissions/policy-registry';
import { EVENT_AGGREGATES, payloadKeyGuard } from '../schema/events/event-redaction';
import type { EventAggregateType } from '../schema/events/event-catalogue';
import { seedDemoOrdersIfEmpty } from '../seeds/demo-orders.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { CREATE_API_KEY } from './graphql/documents';
import { pause, until } from './support/wait';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * Event payloads hide exactly what queries hide. For every role, every event it reads through `events`, and every
 * payload key guarded by a field rule, the key is in the payload if and only if the same field of the same record,
 * queried by the same viewer, reads without FORBIDDEN — the query's answer goes through the shield, so it is an
 * oracle independent of the redaction. Subscriptions and webhooks then deliver the same payloads as `events` does.
 */
let app: TestApp;
const auth = new Map<string, Auth>();
const ROLES: PersonName[] = [
  'admin', 'vp', 'eastDirector', 'northDirector', 'shanghai1Manager', 'shanghai1Rep', 'shanghai2Rep', 'southRep',
  'keyAccountManager', 'customerService', 'techSupport', 'finance', 'partner',
];
/** Who reads events: the demo people and an integration key with read:sales. */
const VIEWERS = [...ROLES, 'integration key'];

/** The single-record query of each aggregate with guarded fields: the oracle asks it. */
const LOOKUP: Partial<Record<EventAggregateType, string>> = {
  Opportunity: 'opportunity',
  Quote: 'quote',
  ApprovalRequest: 'approval',
  Contract: 'contract',
  Order: 'order',
  Shipment: 'shipment',
  Invoice: 'invoice',
  Payment: 'payment',
};

interface ReadEvent {
  id: string;
  cursor: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  hiddenFields: string[];
}

const EVENTS_PAGE = `query($after: String) { events(first: 100, after: $after) { pageInfo { hasNextPage endCursor }
  nodes { id cursor aggregateType aggregateId payload hiddenFields } } }`;

async function gql(query: string, variables: Record<string, unknown>, as: Auth): Promise<{ data?: Record<string, unknown> | null; errors?: { path?: (string | number)[]; extensions?: { code?: string } }[] }> {
  let call = app.request.post('/graphql').set('content-type', 'application/json');
  if (as && 'token' in as) call = call.set('authorization', `Bearer ${as.token}`);
  if (as && 'apiKey' in as) call = call.set('x-api-key', as.apiKey);
  return (await call.send({ query, variables })).body;
}

async function readAllEvents(as: Auth): Promise<ReadEvent[]> {
  const events: ReadEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await gql(EVENTS_PAGE, { after }, as);
    expect(page.errors).toBeUndefined();
    const connection = (page.data as { events: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ReadEvent[] } }).events;
    events.push(...connection.nodes);
    after = connection.pageInfo.endCursor;
    if (!connection.pageInfo.hasNextPage) return events;
  }
}

/** The raw payload of every event, as the triggers wrote it. */
async function rawPayloads(): Promise<Map<string, Record<string, unknown>>> {
  const rows = await app.orm.em.fork().getConnection().execute<{ id: string; payload: Record<string, unknown> }[]>('select id, payload from domain_event');
  return new Map(rows.map((row) => [row.id, row.payload]));
}

/** The GraphQL field of a payload key that a field rule guards; null for keys guarded by their type's rule alone. */
function guardedField(aggregateType: string, key: string): string | null {
  const { field } = payloadKeyGuard(aggregateType, key);
  const aggregate = EVENT_AGGREGATES[aggregateType as EventAggregateType];
  return field !== null && aggregate !== undefined && fieldRuleOf(aggregate.entity, field) !== undefined ? field : null;
}

/** Whether `viewer` reads `fields` of the record without FORBIDDEN (the oracle). */
async function readable(as: Auth, aggregateType: string, id: string, fields: string[]): Promise<Map<string, boolean>> {
  const lookup = LOOKUP[aggregateType as EventAggregateType];
  if (lookup === undefined) throw new Error(`no lookup for ${aggregateType}: add one to LOOKUP`);
  const type = getNamedType(app.server.schema.getQueryType()!.getFields()[lookup].type) as GraphQLObjectType;
  const selection = fields.map((field) => (isObjectType(getNamedType(type.getFields()[field].type)) ? `${field} { __typename }` : field)).join(' ');
  const response = await gql(`query($id: ID!) { record: ${lookup}(id: $id) { ${selection} } }`, { id }, as);
  const record = response.data?.record as Record<string, unknown> | null | undefined;
  const forbidden = new Set((response.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN').map((error) => String(error.path?.[1])));
  return new Map(fields.map((field) => [field, record !== null && record !== undefined && !forbidden.has(field)]));
}

beforeAll(async () => {
  app = await createTestApp({ WEBHOOK_POLL_MS: '100', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
  await seedDemoSalesIfEmpty(app.orm, app.config);
  await seedDemoOrdersIfEmpty(app.orm, app.config);
  for (const role of ROLES) auth.set(role, { token: await app.tokenFor(people[role].email) });
  const key = await app.gql(CREATE_API_KEY, { input: { name: 'redaction matrix', scopes: ['READ_SALES', 'MANAGE_WEBHOOKS'], userId: userId(people.integration) } }, auth.get('admin'));
  auth.set('integration key', { apiKey: key.data!.createApiKey.key });
}, 120_000);

afterAll(() => app.close());

describe.each(VIEWERS)('as %s, events', (viewer) => {
  it('leave out exactly the guarded payload fields a query of the same record refuses', async () => {
    const as = auth.get(viewer)!;
    const raw = await rawPayloads();
    const mismatches: string[] = [];
    let checked = 0;
    for (const event of await readAllEvents(as)) {
      const guarded = Object.keys(raw.get(event.id) ?? {})
        .map((key) => ({ key, field: guardedField(event.aggregateType, key) }))
        .filter((entry): entry is { key: string; field: string } => entry.field !== null);
      if (guarded.length === 0) continue;
      const oracle = await readable(as, event.aggregateType, event.aggregateId, [...new Set(guarded.map((entry) => entry.field))]);
      for (const { key, field } of guarded) {
        checked += 1;
        const shown = key in event.payload;
        if (shown !== oracle.get(field) || shown === event.hiddenFields.includes(key)) {
          mismatches.push(`${event.aggregateType} ${event.aggregateId} ${key}: payload ${shown ? 'shows' : 'hides'} it, the query ${oracle.get(field) ? 'reads' : 'refuses'} ${field}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Every viewer meets guarded fields in the demo data (from 12 keys for a rep of another team to 123 for the VP).
    expect(checked).toBeGreaterThan(10);
  });
});

describe('subscriptions and webhooks', () => {
  const clients: Client[] = [];
  let receiver: Server;
  const webhookBodies = new Map<string, Map<string, ReadEvent>>();

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('deliver to every role the payloads events gives it, and to each webhook owner the same', async () => {
    const delivered = new Map<string, Map<string, ReadEvent>>();
    for (const role of ROLES) {
      const received = new Map<string, ReadEvent>();
      delivered.set(role, received);
      const client = createClient({ url: `${app.baseUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${(auth.get(role) as { token: string }).token}` }, retryAttempts: 0 });
      clients.push(client);
      client.subscribe(
        { query: 'subscription { dealChanged { id cursor aggregateType aggregateId payload hiddenFields } }' },
        { next: (result) => void received.set((result.data as { dealChanged: ReadEvent }).dealChanged.id, (result.data as { dealChanged: ReadEvent }).dealChanged), error: () => undefined, complete: () => undefined },
      );
    }
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as ReadEvent;
        webhookBodies.get(String(request.url))?.set(body.id, body);
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    for (const owner of ['admin', 'integration key']) {
      const path = `/${owner === 'admin' ? 'admin' : 'integration'}`;
      webhookBodies.set(path, new Map());
      const created = await gql('mutation($url: String!) { createWebhook(input: { url: $url }) { webhook { id } } }', { url: `${base}${path}` }, auth.get(owner)!);
      expect(created.errors).toBeUndefined();
    }
    await pause(500);

    // A change to every guarded column of every aggregate that has one, as any writer of the database may make it.
    const client = new pg.Client({ connectionString: app.config.databaseUrl });
    await client.connect();
    await client.query('begin');
    await client.query(`update opportunity set amount = amount + 1, probability = least(probability + 1, 100), next_step = coalesce(next_step, '') || '。', version = version + 1`);
    await client.query(`update quote set list_total = list_total + 1, total = total + 1, max_discount_percent = max_discount_percent, version = version + 1`);
    await client.query(`update approval_request set discount_percent = discount_percent + 0.01, version = version + 1`);
    await client.query(`update contract set amount = amount + 1, version = version + 1`);
    await client.query(`update sales_order set total = total + 1, credit_hold_reason = coalesce(credit_hold_reason, '') || '。', credit_comment = coalesce(credit_comment, '') || '。', credit_decided_at = coalesce(credit_decided_at, now()), version = version + 1`);
    await client.query(`update payment set reference = coalesce(reference, '') || '。', payer_account = coalesce(payer_account, '') || '。', version = version + 1`);
    const { rows } = await client.query<{ id: string }>('select id from domain_event where transaction_id = pg_current_xact_id()');
    await client.query('commit');
    await client.end();
    const written = new Set(rows.map((row) => row.id));
    expect(written.size).toBeGreaterThan(40);

    const mismatches: string[] = [];
    for (const role of ROLES) {
      const expected = (await readAllEvents(auth.get(role)!)).filter((event) => written.has(event.id));
      const received = delivered.get(role)!;
      await until(() => expected.every((event) => received.has(event.id)), 15_000);
      for (const event of expected) {
        const got = received.get(event.id);
        if (got === undefined) mismatches.push(`${role}: ${event.aggregateType} ${event.id} not delivered`);
        else if (JSON.stringify([got.payload, got.hiddenFields]) !== JSON.stringify([event.payload, event.hiddenFields])) mismatches.push(`${role}: ${event.aggregateType} ${event.id} delivered ${JSON.stringify(got.hiddenFields)}, events says ${JSON.stringify(event.hiddenFields)}`);
      }
      if (received.size !== expected.length) mismatches.push(`${role}: ${received.size} delivered, ${expected.length} readable`);
    }
    for (const [owner, path] of [['admin', '/admin'], ['integration key', '/integration']]) {
      const expected = (await readAllEvents(auth.get(owner)!)).filter((event) => written.has(event.id));
      const bodies = webhookBodies.get(path)!;
      await until(() => expected.every((event) => bodies.has(event.id)), 15_000);
      for (const event of expected) {
        const got = bodies.get(event.id);
        if (got === undefined || JSON.stringify([got.payload, got.hiddenFields]) !== JSON.stringify([event.payload, event.hiddenFields])) mismatches.push(`webhook of ${owner}: ${event.aggregateType} ${event.id} differs from events`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
