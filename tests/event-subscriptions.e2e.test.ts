import { print } from 'graphql';
import pg from 'pg';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { issueAccessToken } from '../api/auth/access-tokens';
import { createLogger } from '../api/logger';
import { createAppServer } from '../api/server';
import { demoId } from '../seeds/demo-ids';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { catalog, people, userId } from './fixtures/demo-people';
import { APPROVAL_REQUESTED, DEAL_CHANGED } from './graphql/events.documents';
import { CREATE_OPPORTUNITY } from './graphql/pipeline.documents';
import { CREATE_QUOTE, SUBMIT_QUOTE } from './graphql/quotes.documents';
import { pause, until } from './support/wait';
import { createTestApp, type TestApp } from './support/test-app';

/** How long a subscriber may wait for a delivery. */
const DELIVERED_WITHIN_MS = 8000;

let app: TestApp;
const clients: Client[] = [];

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app.close();
});

interface Delivered {
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  hiddenFields?: string[];
}

/** A real graphql-ws client subscribed as `token` (to `baseUrl`'s server); collects what it receives. */
async function subscribe(token: string, query: string, variables: Record<string, unknown> = {}, baseUrl = app.baseUrl): Promise<Delivered[]> {
  const received: Delivered[] = [];
  const client = createClient({ url: `${baseUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  clients.push(client);
  client.subscribe(
    { query, variables },
    {
      next: (result) => {
        const data = result.data as Record<string, Delivered> | undefined;
        if (data) received.push(...Object.values(data));
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  // The subscription is registered once the socket is acknowledged and the subscribe message handled.
  await pause(400);
  return received;
}

const token = (person: { email: string }) => app.tokenFor(person.email);

describe('dealChanged', () => {
  it('delivers a rep’s change to the rep and their manager, not to a rep of another team', async () => {
    const rep = await subscribe(await token(people.shanghai1Rep), print(DEAL_CHANGED));
    const manager = await subscribe(await token(people.shanghai1Manager), print(DEAL_CHANGED), { filter: { types: ['opportunity.created'] } });
    const otherTeam = await subscribe(await token(people.shanghai2Rep), print(DEAL_CHANGED));

    const created = await app.gql(
      CREATE_OPPORTUNITY,
      { input: { customerId: demoId('customer:shenlian-automation'), name: '申联 订阅测试', amount: '88000', productLineIds: [] } },
      { token: await token(people.shanghai1Rep) },
    );
    const id = created.data!.createOpportunity.id;
    await until(() => rep.some((event) => event.aggregateId === id) && manager.some((event) => event.aggregateId === id), DELIVERED_WITHIN_MS);
    expect(rep.find((event) => event.aggregateId === id)).toMatchObject({ type: 'opportunity.created', payload: { amount: '88000.00' }, hiddenFields: [] });
    // The demo seed's own deals of his team may still be arriving (a busy server holds the settled horizon back), so
    // what is checked is the filter: only creations, and this deal's exactly once.
    expect([...new Set(manager.map((event) => event.type))]).toEqual(['opportunity.created']);
    expect(manager.filter((event) => event.aggregateId === id)).toHaveLength(1);
    await pause(1500);
    // The same holds for the other team's rep: his own demo deals may still arrive; this deal must not, nor any deal he does not own.
    expect(otherTeam.filter((event) => event.aggregateId === id)).toEqual([]);
    expect(otherTeam.filter((event) => event.payload.ownerId !== userId(people.shanghai2Rep))).toEqual([]);
  });

  it('delivers to a partner only its region’s deals, without the amount', async () => {
    const partner = await subscribe(await token(people.partner), print(DEAL_CHANGED));
    const client = new pg.Client({ connectionString: app.config.databaseUrl });
    await client.connect();
    try {
      await client.query(`update opportunity set amount = 230000, version = version + 1 where id = $1`, [demoId('opportunity:midea-q1')]);
      await client.query(`update opportunity set amount = 99000, version = version + 1 where id = $1`, [demoId('opportunity:huaqiang-smt')]);
    } finally {
      await client.end();
    }
    await until(() => partner.length > 0, DELIVERED_WITHIN_MS);
    await pause(1000);
    expect(partner).toEqual([
      expect.objectContaining({ type: 'opportunity.updated', aggregateId: demoId('opportunity:midea-q1'), payload: {}, hiddenFields: ['amount'] }),
    ]);
  });

  it('filters by stage, owner and region', async () => {
    const lostInNorth = await subscribe(await token(people.vp), print(DEAL_CHANGED), { filter: { regionIds: [demoId('unit:north')], stages: ['LOST'] } });
    const client = new pg.Client({ connectionString: app.config.databaseUrl });
    await client.connect();
    try {
      await client.query(`update opportunity set stage = 'LOST', lost_reason = '预算取消', version = version + 1 where id = $1`, [demoId('opportunity:tianjin-conveyor')]);
      await client.query(`update opportunity set stage = 'LOST', lost_reason = '预算取消', version = version + 1 where id = $1`, [demoId('opportunity:ningbo-crane')]);
    } finally {
      await client.end();
    }
    await until(() => lostInNorth.length > 0, DELIVERED_WITHIN_MS);
    await pause(1000);
    expect(lostInNorth.map((event) => [event.type, event.aggregateId])).toEqual([['opportunity.lost', demoId('opportunity:tianjin-conveyor')]]);
  });
});

describe('approvalRequested', () => {
  it('tells the team manager when a rep’s discount needs his approval, and nobody else', async () => {
    const manager = await subscribe(await token(people.shanghai1Manager), print(APPROVAL_REQUESTED));
    const director = await subscribe(await token(people.eastDirector), print(APPROVAL_REQUESTED));
    const rep = { token: await token(people.shanghai1Rep) };
    const validUntil = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const quote = await app.gql(
      CREATE_QUOTE,
      { input: { opportunityId: demoId('opportunity:shenlian-drives'), validUntil, lines: [{ productId: catalog.pt100, quantity: 20, discountPercent: '8' }] } },
      rep,
    );
    expect(quote.errors).toBeUndefined();
    const submitted = await app.gql(SUBMIT_QUOTE, { id: quote.data!.createQuote.id, version: quote.data!.createQuote.version }, rep);
    expect(submitted.data?.submitQuote.status).toBe('PENDING_APPROVAL');
    await until(() => manager.length > 0, DELIVERED_WITHIN_MS);
    expect(manager[0]).toMatchObject({ type: 'approval.requested', payload: { approverId: userId(people.shanghai1Manager), discountPercent: '8.00' } });
    await pause(1000);
    expect(director).toEqual([]);
  });
});

describe('two API processes on one database', () => {
  it('each delivers every event once to its own subscribers', async () => {
    const second = await createAppServer(app.orm, app.config, createLogger('silent'));
    const port = await second.listen(0, '127.0.0.1');
    try {
      const vpToken = await token(people.vp);
      const onFirst = await subscribe(vpToken, print(DEAL_CHANGED), { filter: { types: ['opportunity.updated'] } });
      const onSecond = await subscribe(vpToken, print(DEAL_CHANGED), { filter: { types: ['opportunity.updated'] } }, `http://127.0.0.1:${port}`);
      const client = new pg.Client({ connectionString: app.config.databaseUrl });
      await client.connect();
      try {
        await client.query(`update opportunity set next_step = '两个进程', version = version + 1 where id = $1`, [demoId('opportunity:jingcheng-pumps')]);
      } finally {
        await client.end();
      }
      await until(() => onFirst.length > 0 && onSecond.length > 0, DELIVERED_WITHIN_MS);
      await pause(1200);
      const expected = [expect.objectContaining({ type: 'opportunity.updated', aggregateId: demoId('opportunity:jingcheng-pumps') })];
      expect(onFirst).toEqual(expected);
      expect(onSecond).toEqual(expected);
    } finally {
      await second.close();
    }
  });
});

describe('tokens', () => {
  it('closes a subscribed socket with 4401 "Token expired" when its token runs out', async () => {
    const { token: shortLived } = await issueAccessToken(userId(people.shanghai1Rep), app.config.jwtSecret, 1);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      const client = createClient({
        url: `${app.baseUrl.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${shortLived}` },
        retryAttempts: 0,
        on: { closed: (event) => resolve({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
      });
      clients.push(client);
      client.subscribe({ query: print(DEAL_CHANGED) }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    expect(await closed).toEqual({ code: 4401, reason: 'Token expired' });
  });
});
