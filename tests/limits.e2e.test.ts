import { people } from './fixtures/demo-people';
import { createTestApp, type TestApp } from './support/test-app';

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await createTestApp();
  token = await app.tokenFor(people.vp.email);
});

afterAll(async () => {
  await app.close();
});

const post = (body: unknown) => app.request.post('/graphql').set('authorization', `Bearer ${token}`).send(body as object);

/** A limit refusal: HTTP 400, QUERY_LIMIT_EXCEEDED with the limit in `reason`, and no "Syntax Error:" prefix. */
function expectLimit(response: { status: number; body: { errors: Array<{ message: string; extensions: Record<string, unknown> }> } }, reason: string, message: RegExp) {
  expect(response.status).toBe(400);
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors[0].message).toMatch(message);
  expect(response.body.errors[0].message).not.toMatch(/syntax/i);
  expect(response.body.errors[0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', reason });
}

describe('abusive queries are rejected before they run', () => {
  it('too deep', async () => {
    const deep = `{ me { ${'manager { '.repeat(12)}id${' }'.repeat(12)} } }`;
    app.resetQueries();
    const response = await post({ query: deep });
    expectLimit(response, 'MAX_DEPTH', /^The query is nested too deeply: 14 levels; the limit is 10\.$/);
    expect(response.body.errors[0].extensions.limit).toBe(10);
    expect(response.body.data).toBeUndefined();
    // Only the authentication lookups ran: the query itself never reached the database.
    expect(app.queries.length).toBeLessThanOrEqual(2);
  });

  it('too many aliases', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ');
    const response = await post({ query: `{ ${aliases} }` });
    expectLimit(response, 'MAX_ALIASES', /^The query uses too many aliases: 20 aliases; the limit is 15\.$/);
  });

  it('too costly', async () => {
    const wide = `{ users(first: 100) { nodes { id name manager { id name unit { id name children { id name members { id name unit { id name } } } } } } } }`;
    const response = await post({ query: wide });
    expectLimit(response, 'MAX_COST', /^The query would cost too much to run: \d+ cost units; the limit is 5000\.$/);
  });

  it('too many directives', async () => {
    const directives = Array.from({ length: 21 }, () => '__typename @skip(if: false)').join(' ');
    const response = await post({ query: `{ ${directives} }` });
    expectLimit(response, 'MAX_DIRECTIVES', /^The query uses too many directives: 21 directives; the limit is 20\.$/);
  });

  it('too long (token count)', async () => {
    const long = `{ ${Array.from({ length: 2100 }, () => '__typename').join(' ')} }`;
    const response = await post({ query: long });
    expectLimit(response, 'MAX_TOKENS', /^The query is too long: more than 2000 tokens; the limit is 2000\.$/);
  });

  it('batches above the limit are refused as a whole; small batches run', async () => {
    const one = { query: '{ me { id } }' };
    const tooMany = await post(Array.from({ length: 11 }, () => one));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST', maxBatchSize: 10 } });

    const two = await post([one, { query: '{ orgUnits { id } }' }]);
    expect(two.status).toBe(200);
    expect(two.body).toHaveLength(2);
    expect(two.body[0].data.me.id).toBeDefined();
  });
});

describe('errors', () => {
  it('every error carries extensions.code and no stack trace outside development', async () => {
    const responses = await Promise.all([
      post({ query: '{ nope }' }),
      post({ query: '{ me { id' }),
      post({ query: 'query($n: Int!) { users(first: $n) { totalCount } }', variables: { n: 'ten' } }),
      post({ query: '{ user(id: "00000000-0000-4000-8000-000000000000") { id } }' }),
      app.request.post('/graphql').send({ query: '{ me { id } }' }),
    ]);
    const codes = responses.map((r) => r.body.errors[0].extensions.code);
    expect(codes).toEqual(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT', 'NOT_FOUND', 'UNAUTHENTICATED']);
    for (const response of responses) expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|\.ts:\d+/);
  });
});

describe('health', () => {
  it('/healthz answers while the process is up', async () => {
    const response = await app.request.get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('/readyz checks the database and the migrations', async () => {
    const response = await app.request.get('/readyz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready' });
  });
});

describe('GraphiQL', () => {
  it('is not served outside development', async () => {
    const response = await app.request.get('/graphql').set('accept', 'text/html');
    expect(response.text ?? '').not.toContain('GraphiQL');
  });

  it('in development it is a small page whose assets are served locally, compressed and cached for a year', async () => {
    const dev = await createTestApp({ NODE_ENV: 'development', JWT_SECRET: 'a-development-secret-of-32-chars-or-more' });
    try {
      const page = await dev.request.get('/graphql').set('accept', 'text/html');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.text).toContain('SalesGraph GraphiQL');
      expect(page.text.length).toBeLessThan(2000);
      // Everything it loads comes from here (no CDN: it works offline), under a content-hashed name.
      const urls = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
      expect(urls).toHaveLength(5);
      for (const url of urls) expect(url).toMatch(/^\/graphql\/assets\/[a-z.-]+\.[0-9a-f]{12}\.(js|css|ico)$/);
      const environment = await dev.request.get(urls.find((url) => url.includes('graphiql-environment'))!);
      const workers = [...environment.text.matchAll(/"(\/graphql\/assets\/[^"]+\.worker\.[0-9a-f]{12}\.js)"/g)].map((match) => match[1]);
      expect(workers).toHaveLength(3);

      for (const url of [...urls, ...workers]) {
        const asset = await dev.request.get(url).set('accept-encoding', 'br, gzip');
        expect(asset.status).toBe(200);
        expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        // Compression starts at 1 KB; the two start-up scripts are smaller.
        if (Number(asset.headers['content-length'] ?? Infinity) > 1024) expect(asset.headers['content-encoding']).toBe('br');
      }
      const script = await dev.request.get(urls.find((url) => /\/graphiql\.[0-9a-f]{12}\.js$/.test(url))!).set('accept-encoding', 'gzip');
      expect(script.headers['content-encoding']).toBe('gzip');
      expect(script.headers['content-type']).toMatch(/javascript/);
      expect((await dev.request.get('/graphql/assets/graphiql.000000000000.js')).status).toBe(404);

      // The API itself still answers JSON on the same path.
      const api = await dev.request.post('/graphql').send({ query: '{ __typename }' });
      expect(api.body).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await dev.close();
    }
  });
});
