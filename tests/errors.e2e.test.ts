import { GraphQLError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../api/config';
import { AppError, ErrorCode } from '../api/errors';
import { formatErrorForClient, formatGraphQLError } from '../api/format-error';
import { createRequestScope } from '../api/http/request-id';
import type { PlainMessageId } from '../api/i18n';
import { createLogger } from '../api/logger';
import { people } from './fixtures/demo-people';
import { createLoggedApp, LOG_LEVEL, TEST_JWT_SECRET, type LoggedApp, type LogLine } from './support/logged-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** What must never reach a client: SQL, the driver's words, stack frames, file paths, hosts and ports. */
const LEAKS = /select |insert into|relation "|product_hidden|test trigger|stacktrace|\bat \w|\.ts:\d|\/work\/|node_modules|127\.0\.0\.1|localhost|:\d{4,5}\b/i;

const PRODUCTS = '{ products(first: 5) { nodes { id name } } }';
const CREATE_LEAD = 'mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }';

let production: LoggedApp;
let development: LoggedApp;
const clients: Client[] = [];

/** Breaks the app's private database copy so that products cannot be read and leads cannot be written. */
async function breakDatabase(app: LoggedApp): Promise<void> {
  const connection = app.orm.em.fork().getConnection();
  await connection.execute('alter table product rename to product_hidden');
  await connection.execute(`
    create function refuse_lead() returns trigger language plpgsql as $$
    begin raise exception 'lead refused by a test trigger'; end $$`);
  await connection.execute('create trigger refuse_lead before insert on lead for each row execute function refuse_lead()');
}

beforeAll(async () => {
  [production, development] = await Promise.all([
    createLoggedApp({ NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET }),
    createLoggedApp({ NODE_ENV: 'development', JWT_SECRET: TEST_JWT_SECRET }),
  ]);
  await Promise.all([breakDatabase(production), breakDatabase(development)]);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await Promise.all([production?.close(), development?.close()]);
});

/** The error-level lines logged under a request id. */
const errorLines = (app: LoggedApp, requestId: string): LogLine[] =>
  app.lines.filter((line) => line.level === LOG_LEVEL.error && line.requestId === requestId);

/** A masked error has these keys and no others: GraphQL's position fields, the message, the code and the id. */
function expectMasked(error: Record<string, unknown>, requestId: string): void {
  expect(error.message).toBe('Internal server error');
  expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
  expect(Object.keys(error).filter((key) => !['message', 'extensions', 'locations', 'path'].includes(key))).toEqual([]);
}

describe.each([
  ['production', () => production],
  ['development', () => development],
])('unexpected errors in %s mode', (_mode, appOf) => {
  it('a failing read reaches the client as "Internal server error" with the request id, and the log has the SQL', async () => {
    const app = appOf();
    const token = await app.tokenFor(people.vp.email);
    const response = await app.request.post('/graphql').set('authorization', `Bearer ${token}`).set('x-request-id', 'support-case-42').send({ query: PRODUCTS });
    // In a resolver: the other fields of the response stand, so the response itself is a 200 (README's table).
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('support-case-42');
    expect(response.body.errors).toHaveLength(1);
    expectMasked(response.body.errors[0], 'support-case-42');
    expect(response.body.errors[0].path).toEqual(['products']);
    expect(response.text).not.toMatch(LEAKS);

    const [logged, ...more] = errorLines(app, 'support-case-42');
    expect(more).toEqual([]);
    expect(logged.msg).toBe('unexpected error');
    expect(logged.err?.message).toMatch(/^select .* - relation "product" does not exist/s);
    expect(logged.err?.stack).toBeDefined();
  });

  it('a write that PostgreSQL refuses is masked the same way; the id is generated and the log has the statement and its values', async () => {
    const app = appOf();
    const token = await app.tokenFor(people.shanghai1Rep.email);
    const input = { company: '掩码测试有限公司', contactName: '钱七', source: 'WEBSITE' };
    const response = await app.request.post('/graphql').set('authorization', `Bearer ${token}`).send({ query: CREATE_LEAD, variables: { input } });
    const requestId = response.headers['x-request-id'];
    expect(requestId).toMatch(UUID);
    expect(response.body.data).toBeNull();
    expectMasked(response.body.errors[0], requestId);
    expect(response.text).not.toMatch(LEAKS);
    expect(response.text).not.toContain(input.company);

    const [logged] = errorLines(app, requestId);
    expect(logged.err?.message).toMatch(/^insert into "lead" .* - lead refused by a test trigger/s);
    expect(logged.err?.message).toContain(input.company);
  });

  it('a failure before any resolver runs (authentication cannot read users) is a 500 with the same mask', async () => {
    const app = appOf();
    const token = await app.tokenFor(people.vp.email);
    const connection = app.orm.em.fork().getConnection();
    await connection.execute('alter table app_user rename to app_user_hidden');
    try {
      const response = await app.request.post('/graphql').set('authorization', `Bearer ${token}`).send({ query: '{ me { id } }' });
      expect(response.status).toBe(500);
      const requestId = response.headers['x-request-id'];
      expect(response.body).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
      expect(errorLines(app, requestId)[0].err?.message).toMatch(/relation "app_user" does not exist/);
    } finally {
      await connection.execute('alter table app_user_hidden rename to app_user');
    }
  });

  it('transport errors are coded JSON without a stack, never an HTML page', async () => {
    const app = appOf();
    const response = await app.request.post('/graphql').set('content-type', 'application/json').send('{"query": ');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(response.text).not.toMatch(/<html|<pre|SyntaxError|\bat \w|\/work\//i);
  });
});

describe('request ids', () => {
  it('every response carries one, and a sane incoming x-request-id is kept', async () => {
    const responses = await Promise.all([
      production.request.get('/healthz'),
      production.request.get('/nowhere'),
      production.request.post('/graphql').send({ query: '{ __typename }' }),
      production.request.post('/graphql').set('x-request-id', 'web-7f3a.2:b/c+d=').send({ query: '{ __typename }' }),
    ]);
    const ids = responses.map((response) => response.headers['x-request-id']);
    for (const id of ids.slice(0, 3)) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(4);
    expect(ids[3]).toBe('web-7f3a.2:b/c+d=');
  });

  it.each([
    ['spaces', 'a b'],
    ['too long', 'x'.repeat(129)],
    ['quotes and angle brackets', '"><script>'],
    ['a leading dash', '-rm'],
  ])('an incoming id with %s is replaced by a fresh one', async (_what, incoming) => {
    const response = await production.request.post('/graphql').set('x-request-id', incoming).send({ query: '{ __typename }' });
    expect(response.headers['x-request-id']).toMatch(UUID);
  });

  it('the info line of each operation carries the request id', async () => {
    const response = await production.request.post('/graphql').set('x-request-id', 'trace-info-1').send({ query: '{ __typename }' });
    expect(response.status).toBe(200);
    expect(production.lines.filter((line) => line.requestId === 'trace-info-1' && line.msg === 'graphql operation')).toHaveLength(1);
  });
});

describe('errors that pass through never carry SQL', () => {
  /** A real driver error, from the real database. */
  async function driverError(): Promise<Error> {
    try {
      await production.orm.em.fork().getConnection().execute('select secret from no_such_table');
    } catch (error) {
      return error as Error;
    }
    throw new Error('the statement should have failed');
  }

  const scope = () => createRequestScope(createLogger('silent'), 'unit-scope');

  it('a driver error wrapped in a GraphQLError with a client code is masked', async () => {
    const wrapped = new GraphQLError('Bad input', { originalError: await driverError(), extensions: { code: 'BAD_USER_INPUT' } });
    const formatted = formatGraphQLError(wrapped, scope());
    expect(formatted).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'unit-scope' } });
  });

  it('a client code whose message is a copied statement is masked', async () => {
    // Not a catalogue message: the text of an error that should never have been copied into one.
    const copied = new AppError(ErrorCode.CONFLICT, (await driverError()).message as PlainMessageId);
    expect(copied.message).toMatch(/^select secret from no_such_table - /);
    expect(formatGraphQLError(copied, scope()).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'unit-scope' });
  });

  it('our own errors and Apollo’s pass unchanged', () => {
    const ours = new AppError(ErrorCode.NOT_FOUND, 'No such customer, or it is not visible to you.', { reason: 'CUSTOMER_NOT_FOUND' });
    expect(formatGraphQLError(ours, scope())).toEqual({ message: 'No such customer, or it is not visible to you.', extensions: { code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND' } });
    const apollos = { message: 'Cannot query field "nope" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(formatErrorForClient(apollos, new GraphQLError(apollos.message), scope())).toEqual(apollos);
  });

  it('an error thrown on purpose with INTERNAL_SERVER_ERROR is masked too', () => {
    const formatted = formatGraphQLError(new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'pool of host db-7 exhausted' as PlainMessageId), scope());
    expect(formatted.message).toBe('Internal server error');
  });
});

describe('a subscription sent over HTTP', () => {
  it('is refused with 400 BAD_REQUEST, pointing to WebSocket', async () => {
    const token = await production.tokenFor(people.vp.email);
    const response = await production.request
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .send({ query: 'subscription { dealChanged { id type } }' });
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toEqual([{ message: expect.stringMatching(/WebSocket/), extensions: { code: 'BAD_REQUEST' } }]);
  });
});

describe('transport errors: GraphQL-shaped JSON with a code and the right status', () => {
  const post = (body: string, contentType = 'application/json') => development.request.post('/graphql').set('content-type', contentType).send(body);

  it.each([
    ['invalid JSON', () => post('{"query": "{ me { id } }"'), 400, 'BAD_REQUEST'],
    ['a null body', () => post('null'), 400, 'BAD_REQUEST'],
    ['a string body', () => post('"{ me { id } }"'), 400, 'BAD_REQUEST'],
    ['a number body', () => post('42'), 400, 'BAD_REQUEST'],
    ['an array of numbers', () => post('[1, 2]'), 400, 'BAD_REQUEST'],
    ['an array of strings', () => post('["{ me { id } }"]'), 400, 'BAD_REQUEST'],
    ['an array holding null', () => post('[null]'), 400, 'BAD_REQUEST'],
    ['an array of arrays', () => post('[[{"query": "{ __typename }"}]]'), 400, 'BAD_REQUEST'],
    ['an empty batch', () => post('[]'), 400, 'BAD_REQUEST'],
    ['a UTF-16 charset', () => post('{"query": "{ __typename }"}', 'application/json; charset=utf-16'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a UTF-32 charset', () => post('{"query": "{ __typename }"}', 'application/json; charset="UTF-32"'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a Latin-1 charset', () => post('{"query": "{ __typename }"}', 'application/json;charset=iso-8859-1'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a compression it does not know', () => post('{"query": "{ __typename }"}').set('content-encoding', 'zstd-x'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a body over 1 MB', () => post(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1024 * 1024) } })), 413, 'PAYLOAD_TOO_LARGE'],
    ['PUT on the endpoint', () => development.request.put('/graphql').send({ query: '{ __typename }' }), 405, 'BAD_REQUEST'],
    ['DELETE on the endpoint', () => development.request.delete('/graphql'), 405, 'BAD_REQUEST'],
    ['a path below the endpoint', () => development.request.post('/graphql/extra').send({ query: '{ __typename }' }), 404, 'NOT_FOUND'],
    ['an unknown path', () => development.request.get('/wp-admin'), 404, 'NOT_FOUND'],
  ])('%s', async (_case, send, status, code) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['x-request-id']).toMatch(UUID);
    expect(response.body).toEqual({ errors: [{ message: expect.any(String), extensions: expect.objectContaining({ code }) }] });
    expect(response.text).not.toMatch(/<html|<pre|stack|\bat \w|\/work\/|node_modules/i);
  });

  it('a method not served says which are', async () => {
    const response = await development.request.put('/graphql').send({});
    expect(response.headers.allow).toBe('GET, POST');
  });

  it('a batch of objects still runs', async () => {
    const response = await post('[{"query": "{ __typename }"}, {"query": "{ __typename }"}]');
    expect(response.status).toBe(200);
    expect(response.body).toEqual([{ data: { __typename: 'Query' } }, { data: { __typename: 'Query' } }]);
  });

  it.each(['application/json; charset=utf-8', 'application/json;charset="UTF-8"'])(
    'UTF-8 named explicitly is accepted (%s)',
    async (contentType) => {
      const response = await post('{"query": "{ __typename }"}', contentType);
      expect(response.body).toEqual({ data: { __typename: 'Query' } });
    },
  );
});

describe('security headers (helmet)', () => {
  const responses = (app: LoggedApp) =>
    Promise.all([
      app.request.post('/graphql').send({ query: '{ __typename }' }),
      app.request.get('/healthz'),
      app.request.get('/nowhere'),
      app.request.post('/graphql').set('content-type', 'application/json').send('{'),
      app.request.options('/graphql').set('origin', 'https://portal.example.com').set('access-control-request-method', 'POST'),
    ]);

  it('every response has nosniff, no referrer, a CSP that loads nothing and lets no page frame it, and HSTS in production', async () => {
    for (const response of await responses(production)) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('no HSTS outside production (it would pin localhost to HTTPS)', async () => {
    for (const response of await responses(development)) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('the GraphiQL page (development) has a policy of its own: scripts from this server only, no framing', async () => {
    const page = await development.request.get('/graphql').set('accept', 'text/html');
    expect(page.text).toContain('SalesGraph GraphiQL');
    const policy = page.headers['content-security-policy'] as string;
    const scriptSrc = policy.split(';').find((directive) => directive.trim().startsWith('script-src'));
    // The page loads its scripts as content-hashed files from this server; it has no inline script.
    expect(scriptSrc?.trim()).toBe("script-src 'self'");
    expect(page.text).not.toMatch(/<script>/);
    expect(scriptSrc).not.toContain('unsafe-eval');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("connect-src 'self'");
  });
});

describe('CORS', () => {
  const preflight = (app: LoggedApp, origin: string) =>
    app.request.options('/graphql').set('origin', origin).set('access-control-request-method', 'POST').set('access-control-request-headers', 'content-type,authorization');

  it('in production with CORS_ORIGINS unset, no origin may call from a browser', async () => {
    const asked = await preflight(production, 'https://portal.example.com');
    expect(asked.headers['access-control-allow-origin']).toBeUndefined();
    const call = await production.request.post('/graphql').set('origin', 'https://portal.example.com').send({ query: '{ __typename }' });
    expect(call.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('in production only the origins of CORS_ORIGINS may', async () => {
    const app = await createLoggedApp({ NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, CORS_ORIGINS: 'https://portal.example.com, https://m.example.com:8443' });
    try {
      const allowed = await preflight(app, 'https://portal.example.com');
      expect(allowed.status).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example.com');
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
      expect((await preflight(app, 'https://m.example.com:8443')).headers['access-control-allow-origin']).toBe('https://m.example.com:8443');
      // The browser lets the page read the request id and Retry-After.
      const call = await app.request.post('/graphql').set('origin', 'https://portal.example.com').send({ query: '{ __typename }' });
      expect(call.headers['access-control-allow-origin']).toBe('https://portal.example.com');
      expect(call.headers['access-control-expose-headers']).toBe('x-request-id,retry-after');
      expect((await preflight(app, 'https://evil.example.com')).headers['access-control-allow-origin']).toBeUndefined();
      expect((await preflight(app, 'http://portal.example.com')).headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('in development any origin may', async () => {
    expect((await preflight(development, 'http://localhost:5173')).headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it('CORS_ORIGINS must list origins; "*" allows any, explicitly', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET };
    expect(loadConfig(production).corsOrigins).toBe(false);
    expect(loadConfig({ ...production, CORS_ORIGINS: '*' }).corsOrigins).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).corsOrigins).toBe(true);
    expect(loadConfig({ ...production, CORS_ORIGINS: 'https://a.example.com,https://b.example.com' }).corsOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
    for (const wrong of ['portal.example.com', 'https://portal.example.com/', 'https://portal.example.com/app', 'https://a.example.com,']) {
      expect(() => loadConfig({ ...production, CORS_ORIGINS: wrong })).toThrow(/CORS_ORIGINS/);
    }
  });
});

describe('WebSocket', () => {
  const wsUrl = (app: LoggedApp) => `${app.baseUrl.replace('http', 'ws')}/graphql`;

  /** A real graphql-ws client that connects at once; resolves with how the connection ended or was acknowledged. */
  function connect(app: LoggedApp, connectionParams: Record<string, unknown>): Promise<{ acknowledged: boolean; code?: number; reason?: string }> {
    return new Promise((resolve) => {
      const client = createClient({
        url: wsUrl(app),
        webSocketImpl: WebSocket,
        connectionParams,
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: () => undefined,
        on: {
          connected: () => resolve({ acknowledged: true }),
          closed: (event) => {
            const { code, reason } = event as { code: number; reason: string };
            resolve({ acknowledged: false, code, reason });
          },
        },
      });
      clients.push(client);
    });
  }

  it('a connection without any token is refused at connection_init with 4401', async () => {
    const result = await connect(production, {});
    expect(result).toEqual({ acknowledged: false, code: 4401, reason: expect.stringMatching(/^Unauthenticated/) });
  });

  it('a connection with a bad token or key is refused with 4401', async () => {
    expect(await connect(production, { authorization: 'Bearer not-a-token' })).toMatchObject({ acknowledged: false, code: 4401 });
    expect(await connect(production, { apiKey: 'sg_nonsense' })).toMatchObject({ acknowledged: false, code: 4401 });
    expect(await connect(production, { authorization: 42 })).toMatchObject({ acknowledged: false, code: 4401 });
  });

  it('a connection with a valid token is acknowledged', async () => {
    const token = await production.tokenFor(people.vp.email);
    expect(await connect(production, { authorization: `Bearer ${token}` })).toEqual({ acknowledged: true });
  });

  /** Runs one operation over a fresh authenticated socket and returns its first result or error. */
  async function runOverSocket(app: LoggedApp, query: string): Promise<{ errors?: readonly Record<string, unknown>[] }> {
    const token = await app.tokenFor(people.vp.email);
    const client = createClient({ url: wsUrl(app), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    clients.push(client);
    return new Promise((resolve) => {
      client.subscribe(
        { query },
        {
          next: (result) => resolve(result as { errors?: Record<string, unknown>[] }),
          error: (errors) => resolve({ errors: errors as Record<string, unknown>[] }),
          complete: () => undefined,
        },
      );
    });
  }

  it('an unexpected error of a WebSocket operation is masked with an id of its own, which the log shares', async () => {
    const result = await runOverSocket(production, PRODUCTS);
    expect(result.errors).toHaveLength(1);
    const error = result.errors![0] as { extensions: { requestId: string } };
    expect(error.extensions.requestId).toMatch(UUID);
    expectMasked(error, error.extensions.requestId);
    expect(JSON.stringify(result)).not.toMatch(LEAKS);
    const [logged] = errorLines(production, error.extensions.requestId);
    expect(logged.err?.message).toMatch(/relation "product" does not exist/);
  });

  it('limits are refused over WebSocket as over HTTP', async () => {
    const result = await runOverSocket(production, `{ me { ${'manager { '.repeat(12)}id${' }'.repeat(12)} } }`);
    expect(result.errors).toEqual([{ message: expect.stringMatching(/^The query is nested too deeply/), extensions: { code: 'QUERY_LIMIT_EXCEEDED', reason: 'MAX_DEPTH', limit: 10 } }]);
  });

  it('a malformed query over WebSocket is GRAPHQL_PARSE_FAILED', async () => {
    const result = await runOverSocket(production, '{ me { id ');
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });
});
