import { DriverException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import supertest from 'supertest';
import WebSocket from 'ws';
import { loadConfig } from '../api/config';
import { isDatabaseUnavailable } from '../api/database/database-unavailable';
import { createAppServer, WS_TRY_AGAIN_LATER, type AppServer } from '../api/server';
import { DEMO_API_KEY, DEMO_PASSWORD } from '../seeds/demo-company.seeder';
import { people } from './fixtures/demo-people';
import { LOG_LEVEL, logInto, TEST_JWT_SECRET, type LogLine } from './support/logged-app';
import { StandalonePostgres } from './support/standalone-postgres';

/**
 * A database outage seen from a client: this file starts a PostgreSQL of its own (the shared test server serves
 * the other files running in parallel), stops it under a running API, and starts it again.
 */
let postgres: StandalonePostgres;
let port: number;
let orm: MikroORM;
let server: AppServer;
let baseUrl: string;
let request: ReturnType<typeof supertest>;
const lines: LogLine[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  postgres = await StandalonePostgres.create();
  port = postgres.port;
  let url: string;
  ({ url, orm } = await postgres.demoDatabase('salesgraph_outage'));
  const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: url, WEBHOOK_DELIVERY: 'false' });
  server = await createAppServer(orm, config, logInto(lines));
  baseUrl = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  request = supertest(server.httpServer);
}, 180_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await server?.close();
  await orm?.close(true);
  await postgres?.destroy();
}, 60_000);

const ME = '{ me { id } }';
const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';

async function signIn(): Promise<string> {
  const response = await request.post('/graphql').send({ query: LOGIN, variables: { e: people.vp.email, p: DEMO_PASSWORD } });
  return response.body.data.login.accessToken as string;
}

/** What must not be in an answer during an outage: where the database is, or what the driver said. */
function expectNoWhereabouts(text: string): void {
  for (const leak of ['127.0.0.1', 'localhost', '::1', String(port), 'ECONNREFUSED', 'connect', 'postgres', 'select']) {
    expect(text.toLowerCase()).not.toContain(leak.toLowerCase());
  }
}

function expectUnavailable(response: supertest.Response): string {
  expect(response.status).toBe(503);
  expect(response.headers['retry-after']).toBe('5');
  const requestId = response.headers['x-request-id'] as string;
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors[0]).toMatchObject({
    message: 'The service is temporarily unavailable: retry in 5 seconds.',
    extensions: { code: 'SERVICE_UNAVAILABLE', requestId },
  });
  expectNoWhereabouts(response.text);
  // Logged once for the request, at error level, with the driver's detail.
  const logged = lines.filter((line) => line.requestId === requestId && line.level === LOG_LEVEL.error);
  expect(logged).toHaveLength(1);
  expect(logged[0].msg).toBe('database unavailable');
  expect(logged[0].err?.message).toBeDefined();
  return requestId;
}

describe('while the database is down', () => {
  let token: string;

  it('answers before the outage', async () => {
    token = await signIn();
    const response = await request.post('/graphql').set('authorization', `Bearer ${token}`).send({ query: ME });
    expect(response.body.data.me.id).toBeDefined();
  });

  it('stops PostgreSQL', async () => {
    await postgres.stop();
  });

  it('a signed-in request (authentication reads the database first) gets 503 SERVICE_UNAVAILABLE with Retry-After', async () => {
    const response = await request.post('/graphql').set('authorization', `Bearer ${token}`).send({ query: ME });
    expectUnavailable(response);
  });

  it('so does an operation whose resolver reads it (sign-in), and a request with an API key', async () => {
    const response = await request.post('/graphql').send({ query: LOGIN, variables: { e: people.vp.email, p: DEMO_PASSWORD } });
    expectUnavailable(response);
    const key = await request.post('/graphql').set('x-api-key', DEMO_API_KEY.key).send({ query: ME });
    expect(key.status).toBe(503);
  });

  it('a batch of operations is a 503 too', async () => {
    const response = await request
      .post('/graphql')
      .send([
        { query: LOGIN, variables: { e: people.vp.email, p: DEMO_PASSWORD } },
        { query: LOGIN, variables: { e: people.finance.email, p: DEMO_PASSWORD } },
      ]);
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body.map((result: { errors: Array<{ extensions: { code: string } }> }) => result.errors[0].extensions.code)).toEqual([
      'SERVICE_UNAVAILABLE',
      'SERVICE_UNAVAILABLE',
    ]);
    expectNoWhereabouts(response.text);
  });

  it('a WebSocket connection is closed with 1013 (try again later), naming nothing', async () => {
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
      const client = createClient({
        url: `${baseUrl.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: () => undefined,
        on: { closed: (event) => resolve(event as { code: number; reason: string }) },
      });
      clients.push(client);
    });
    expect(closed.code).toBe(WS_TRY_AGAIN_LATER);
    expectNoWhereabouts(closed.reason);
  });

  it('answers again once PostgreSQL is back, without a restart of the API', async () => {
    await postgres.start();
    const response = await request.post('/graphql').set('authorization', `Bearer ${token}`).send({ query: ME });
    expect(response.status).toBe(200);
    expect(response.body.data.me.id).toBeDefined();
    expect(response.body.errors).toBeUndefined();
    expect((await signIn()).length).toBeGreaterThan(20);
  });
});

describe('what counts as the database being unavailable', () => {
  const databaseError = (code: string, message: string) => Object.assign(new pg.DatabaseError(message, 0, 'error'), { code });
  const systemError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.7:5432`), { code, syscall: 'connect' });
  /** How MikroORM hands on what pg threw. */
  const throughOrm = (error: Error) => new DriverException(error);

  it.each([
    ['57P01 admin shutdown', databaseError('57P01', 'terminating connection due to administrator command')],
    ['57P02 crash shutdown', databaseError('57P02', 'terminating connection because of crash of another server process')],
    ['57P03 starting up', databaseError('57P03', 'the database system is starting up')],
    ['57P03 shutting down', databaseError('57P03', 'the database system is shutting down')],
    ['08006 connection failure', databaseError('08006', 'connection failure')],
    ['08001 cannot connect', databaseError('08001', 'could not connect')],
    ['ECONNREFUSED', throughOrm(systemError('ECONNREFUSED'))],
    ['ECONNRESET', throughOrm(systemError('ECONNRESET'))],
    ['Node’s AggregateError of refused addresses', throughOrm(new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')], 'connect failed'))],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    ['a pool acquire timeout, through MikroORM', new DriverException(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'))],
  ])('%s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a failed statement', databaseError('42P01', 'relation "x" does not exist')],
    ['a constraint', databaseError('23505', 'duplicate key value violates unique constraint')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a refused connection to somewhere else (fetch)', new TypeError('fetch failed', { cause: systemError('ECONNREFUSED') })],
  ])('not %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
