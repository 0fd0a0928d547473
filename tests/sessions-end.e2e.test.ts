/// <reference lib="dom" />
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { DEMO_PASSWORD } from '../seeds/demo-company.seeder';
import { catalog, people } from './fixtures/demo-people';
import { demoDistributorId } from './fixtures/orders-data';
import { LOGOUT, REFRESH_TOKEN } from './graphql/auth.documents';
import { LOGIN, ME } from './graphql/documents';
import { DEAL_CHANGED } from './graphql/events.documents';
import { PLACE_ORDER } from './graphql/orders.documents';
import { demoId } from '../seeds/demo-ids';
import { pause, until } from './support/wait';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Credentials that stop being good while in use: a partner whose distributor is suspended or terminated is refused
 * at sign-in, on every request with a token it already holds and on refresh, with FORBIDDEN and the reason; its open
 * WebSocket connections are closed (4403 and the reason). A logout closes the session's sockets too (4401).
 */
let app: TestApp;
const clients: Client[] = [];

beforeAll(async () => {
  app = await createTestApp({ SESSION_CHECK_SECONDS: '1' });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app.close();
});

async function setDistributorStatus(status: 'ACTIVE' | 'SUSPENDED' | 'TERMINATED'): Promise<void> {
  // As the admin UI (or any SQL writer) would: straight in the table, behind the API's back.
  await app.orm.em.fork().getConnection().execute(`update distributor set status = ?::distributor_status where id = ?`, [status, demoDistributorId]);
}

interface Closed {
  code: number;
  reason: string;
}

/** A graphql-ws client subscribed to deal changes; resolves what its socket was closed with, once it is. */
function subscribed(connectionParams: Record<string, string>): { closed: Closed[]; errors: unknown[] } {
  const closed: Closed[] = [];
  const errors: unknown[] = [];
  const client = createClient({
    url: `${app.baseUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    on: { closed: (event) => void closed.push({ code: (event as CloseEvent).code, reason: (event as CloseEvent).reason }) },
  });
  clients.push(client);
  client.subscribe({ query: print(DEAL_CHANGED) }, { next: () => undefined, error: (error) => void errors.push(error), complete: () => undefined });
  return { closed, errors };
}

async function partnerLogin() {
  const login = await app.gql(LOGIN, { email: people.partner.email, password: DEMO_PASSWORD });
  expect(login.errors).toBeUndefined();
  return login.data!.login;
}

describe.each([
  ['SUSPENDED', 'DISTRIBUTOR_SUSPENDED'],
  ['TERMINATED', 'DISTRIBUTOR_TERMINATED'],
] as const)('a %s distributor’s partner user', (status, reason) => {
  afterEach(async () => {
    await setDistributorStatus('ACTIVE');
  });

  it('cannot sign in: FORBIDDEN with the reason, once the password is right', async () => {
    await setDistributorStatus(status);
    const login = await app.gql(LOGIN, { email: people.partner.email, password: DEMO_PASSWORD });
    expect(login.data).toBeNull();
    expect(login.status).toBe(403);
    expect(login.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN', reason });
    // A wrong password still says only that.
    const wrong = await app.gql(LOGIN, { email: people.partner.email, password: 'nope' });
    expect(wrong.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' });
  });

  it('is refused on every request with a token it already holds, placing orders included, and cannot refresh', async () => {
    const { accessToken, refreshToken } = await partnerLogin();
    expect((await app.gql(ME, {}, { token: accessToken })).data?.me.role).toBe('PARTNER');
    await setDistributorStatus(status);

    const me = await app.gql(ME, {}, { token: accessToken });
    expect(me.status).toBe(403);
    expect(me.errors).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN', reason } })]);
    const order = await app.gql(
      PLACE_ORDER,
      { input: { customerId: demoId('customer:shenlian-automation'), lines: [{ productId: catalog.pt100, quantity: 1 }] } },
      { token: accessToken },
    );
    expect(order.status).toBe(403);
    expect(order.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN', reason });
    const refreshed = await app.gql(REFRESH_TOKEN, { refreshToken });
    expect(refreshed.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN', reason });

    // Reinstated, the same token works again: the suspension refused it, it did not revoke it.
    await setDistributorStatus('ACTIVE');
    expect((await app.gql(ME, {}, { token: accessToken })).data?.me.role).toBe('PARTNER');
  });

  it('has its open WebSocket connection closed with 4403 and the reason, and cannot open another', async () => {
    const { accessToken } = await partnerLogin();
    const open = subscribed({ authorization: `Bearer ${accessToken}` });
    await pause(400);
    expect(open.closed).toEqual([]);

    await setDistributorStatus(status);
    await until(() => open.closed.length > 0, 5000);
    expect(open.closed).toEqual([{ code: 4403, reason }]);

    const again = subscribed({ authorization: `Bearer ${accessToken}` });
    await until(() => again.closed.length > 0, 5000);
    expect(again.closed).toEqual([{ code: 4403, reason }]);
  });
});

describe('other partners and users', () => {
  it('are not touched by a distributor’s suspension', async () => {
    const rep = await app.tokenFor(people.southRep.email);
    await setDistributorStatus('SUSPENDED');
    try {
      expect((await app.gql(ME, {}, { token: rep })).data?.me.name).toBe(people.southRep.name);
    } finally {
      await setDistributorStatus('ACTIVE');
    }
  });
});

describe('logout', () => {
  it('closes the open WebSocket connections of the session (4401), not those of the user’s other sessions', async () => {
    const first = (await app.gql(LOGIN, { email: people.shanghai1Rep.email, password: DEMO_PASSWORD })).data!.login;
    const second = (await app.gql(LOGIN, { email: people.shanghai1Rep.email, password: DEMO_PASSWORD })).data!.login;
    const ended = subscribed({ authorization: `Bearer ${first.accessToken}` });
    const kept = subscribed({ authorization: `Bearer ${second.accessToken}` });
    await pause(400);
    expect((await app.gql(LOGOUT, {}, { token: first.accessToken })).data?.logout).toBe(true);
    await until(() => ended.closed.length > 0, 5000);
    expect(ended.closed).toEqual([{ code: 4401, reason: 'Session ended' }]);
    await pause(1500);
    expect(kept.closed).toEqual([]);
  });
});
