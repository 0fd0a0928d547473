import { print, type GraphQLFormattedError } from 'graphql';
import { request as httpRequest } from 'node:http';
import pino from 'pino';
import { Writable } from 'node:stream';
import { DEMO_API_KEY, DEMO_PASSWORD } from '../seeds/demo-company.seeder';
import { people, userId } from './fixtures/demo-people';
import { LOGOUT, REFRESH_TOKEN } from './graphql/auth.documents';
import { LOGIN, ME } from './graphql/documents';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Sign-in as an attacker would try it and as a mobile client uses it: throttling per account and address (batches
 * and aliases counted per operation), the one generic message, refresh token rotation with reuse detection, logout.
 */
const WRONG = { message: 'Wrong email or password.', code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' };

let app: TestApp;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  app = await createTestApp({}, { log: pino({ level: 'info' }, sink) });
});

afterAll(async () => {
  await app.close();
});

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] } | { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] }[];
}

/** A POST to /graphql from a given loopback address (127.0.0.0/8 is all this machine), as another client would. */
function postFrom(address: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(`${app.baseUrl}/graphql`);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: address, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }));
      },
    );
    call.on('error', reject);
    call.end(payload);
  });
}

const loginOperation = (email: string, password: string) => ({ query: print(LOGIN), variables: { email, password } });

async function loginFrom(address: string, email: string, password: string) {
  const answer = await postFrom(address, loginOperation(email, password));
  return answer.body as { data?: { login: { accessToken: string; refreshToken: string } } | null; errors?: GraphQLFormattedError[] };
}

function expectWrongCredentials(errors: readonly GraphQLFormattedError[] | undefined): void {
  expect(errors).toEqual([expect.objectContaining({ message: WRONG.message, extensions: { code: WRONG.code, reason: WRONG.reason } })]);
}

async function counter(key: string): Promise<number | null> {
  const [row] = await app.orm.em.fork().getConnection().execute<{ points: number }[]>(`select points from sign_in_throttle where key = ?`, [key]);
  return row === undefined ? null : Number(row.points);
}

describe('wrong credentials', () => {
  it.each([
    ['a wrong password', people.shanghai1Rep.email, 'wrong-password'],
    ['an unknown email', 'nobody@huaxin.demo', DEMO_PASSWORD],
    ['a system account without a password', people.integration.email, DEMO_PASSWORD],
  ])('%s says "Wrong email or password." and nothing more', async (_case, email, password) => {
    const login = await loginFrom('127.0.0.1', email, password);
    expect(login.data).toBeNull();
    expectWrongCredentials(login.errors);
  });
});

describe('sign-in throttling', () => {
  it('after 5 wrong passwords the right one is refused for a while; another account and another address are unaffected', async () => {
    const victim = people.shanghai2Rep.email;
    for (let attempt = 1; attempt <= 5; attempt += 1) expectWrongCredentials((await loginFrom('127.0.0.2', victim, `guess-${attempt}`)).errors);

    const refused = await loginFrom('127.0.0.2', victim, DEMO_PASSWORD);
    expect(refused.data).toBeNull();
    expectWrongCredentials(refused.errors);

    // Another account from the same address, and the same account from another address, sign in.
    expect((await loginFrom('127.0.0.2', people.northRep.email, DEMO_PASSWORD)).data?.login.accessToken).toEqual(expect.any(String));
    expect((await loginFrom('127.0.0.3', victim, DEMO_PASSWORD)).data?.login.accessToken).toEqual(expect.any(String));
    // The lock was logged, with the account and the address; so is every attempt refused while it holds.
    expect(logLines).toContainEqual(expect.objectContaining({ event: 'sign-in-locked', email: victim, address: '127.0.0.2', scope: 'account-and-address', retryAfterSeconds: 60 }));
    expectWrongCredentials((await loginFrom('127.0.0.2', victim, DEMO_PASSWORD)).errors);
    expect(logLines).toContainEqual(expect.objectContaining({ event: 'sign-in-throttled', email: victim, address: '127.0.0.2', level: 40 }));
  });

  it('each lock of the same account and address lasts twice as long as the one before', async () => {
    const email = people.southRep.email;
    for (let attempt = 1; attempt <= 6; attempt += 1) await loginFrom('127.0.0.4', email, 'guess');
    expect(logLines).toContainEqual(expect.objectContaining({ event: 'sign-in-locked', email, address: '127.0.0.4', retryAfterSeconds: 60 }));
    // The first lock runs out (time moved on in the table rather than waited for) …
    await app.orm.em.fork().getConnection().execute(`update sign_in_throttle set expire = 0 where key like 'pair:%@127.0.0.4'`);
    expect((await loginFrom('127.0.0.4', email, 'guess-again')).errors).toBeDefined();
    // … and the next five wrong passwords lock it for two minutes.
    for (let attempt = 1; attempt <= 5; attempt += 1) await loginFrom('127.0.0.4', email, 'guess');
    expect(logLines).toContainEqual(expect.objectContaining({ event: 'sign-in-locked', email, address: '127.0.0.4', retryAfterSeconds: 120 }));
    expectWrongCredentials((await loginFrom('127.0.0.4', email, DEMO_PASSWORD)).errors);
  });

  it('a batch of 10 login operations counts 10 attempts and cannot get around the lock', async () => {
    const email = people.shanghai1Teammate.email;
    const batch = await postFrom('127.0.0.5', Array.from({ length: 10 }, (_, index) => loginOperation(email, `batch-guess-${index}`)));
    expect(batch.status).toBe(200);
    const answers = batch.body as { data: unknown; errors: GraphQLFormattedError[] }[];
    expect(answers).toHaveLength(10);
    for (const answer of answers) expectWrongCredentials(answer.errors);
    // Every operation was counted against the address, not the HTTP request once.
    expect(await counter('address:127.0.0.5')).toBe(10);
    // The lock holds for the right password, whether sent alone or inside another batch.
    expectWrongCredentials((await loginFrom('127.0.0.5', email, DEMO_PASSWORD)).errors);
    const retry = await postFrom('127.0.0.5', [loginOperation(email, DEMO_PASSWORD), loginOperation(email, DEMO_PASSWORD)]);
    for (const answer of retry.body as { errors: GraphQLFormattedError[] }[]) expectWrongCredentials(answer.errors);
  });

  it('aliases of one document multiply nothing: mutations run in turn and stop at the first wrong password', async () => {
    const email = people.shanghai1Manager.email;
    const aliases = Array.from({ length: 8 }, (_, index) => `a${index}: login(email: "${email}", password: "alias-guess-${index}") { accessToken }`).join('\n');
    const answer = await postFrom('127.0.0.6', { query: `mutation { ${aliases} }` });
    const { errors } = answer.body as { errors: GraphQLFormattedError[] };
    expect(errors).toEqual([expect.objectContaining({ path: ['a0'], message: WRONG.message })]);
    expect(await counter('address:127.0.0.6')).toBe(1);
  });

  it('an address that tries many accounts is locked for every account; other addresses are not', async () => {
    // 50 failures an hour per address: five batches of ten, each operation a different unknown account.
    for (let round = 0; round < 5; round += 1) {
      await postFrom('127.0.0.7', Array.from({ length: 10 }, (_, index) => loginOperation(`spray-${round}-${index}@huaxin.demo`, 'Summer2026!')));
    }
    expectWrongCredentials((await loginFrom('127.0.0.7', people.finance.email, DEMO_PASSWORD)).errors);
    expect(logLines).toContainEqual(expect.objectContaining({ event: 'sign-in-locked', address: '127.0.0.7', scope: 'address' }));
    expect((await loginFrom('127.0.0.8', people.finance.email, DEMO_PASSWORD)).data?.login.accessToken).toEqual(expect.any(String));
  });

  it('an account guessed at from many addresses is locked from every address for a while', async () => {
    const email = people.shanghai2Manager.email;
    // 20 failures an hour per account: four from each of five addresses, never enough to lock one pair.
    for (const address of ['127.0.1.1', '127.0.1.2', '127.0.1.3', '127.0.1.4', '127.0.1.5']) {
      for (let attempt = 1; attempt <= 4; attempt += 1) expectWrongCredentials((await loginFrom(address, email, `spread-${attempt}`)).errors);
    }
    expectWrongCredentials((await loginFrom('127.0.1.6', email, DEMO_PASSWORD)).errors);
    expect(logLines).toContainEqual(expect.objectContaining({ event: 'sign-in-locked', email, address: '127.0.1.6', scope: 'account', retryAfterSeconds: 900 }));
  });

  it('a successful sign-in gives its attempt back and resets the wrong passwords in a row', async () => {
    const email = people.customerService.email;
    for (let attempt = 1; attempt <= 4; attempt += 1) await loginFrom('127.0.0.9', email, 'typo');
    expect((await loginFrom('127.0.0.9', email, DEMO_PASSWORD)).data?.login.accessToken).toEqual(expect.any(String));
    for (let attempt = 1; attempt <= 4; attempt += 1) await loginFrom('127.0.0.9', email, 'typo');
    expect((await loginFrom('127.0.0.9', email, DEMO_PASSWORD)).data?.login.accessToken).toEqual(expect.any(String));
    expect(await counter('address:127.0.0.9')).toBe(8);
  });
});

describe('refresh tokens', () => {
  it('login returns an access token and a refresh token; refreshing rotates both', async () => {
    const login = await app.gql(LOGIN, { email: people.keyAccountManager.email, password: DEMO_PASSWORD });
    const first = login.data!.login;
    expect(first.refreshToken).toMatch(/^sgr_[A-Za-z0-9_-]{43}$/);
    expect(new Date(first.refreshTokenExpiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);

    const refreshed = await app.gql(REFRESH_TOKEN, { refreshToken: first.refreshToken });
    expect(refreshed.errors).toBeUndefined();
    const second = refreshed.data!.refreshToken;
    expect(second.user).toEqual({ id: userId(people.keyAccountManager), role: 'KEY_ACCOUNT_MANAGER' });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await app.gql(ME, {}, { token: second.accessToken })).data?.me.name).toBe(people.keyAccountManager.name);

    // The next refresh works with the new token.
    const third = await app.gql(REFRESH_TOKEN, { refreshToken: second.refreshToken });
    expect(third.data?.refreshToken.accessToken).toEqual(expect.any(String));
  });

  it('reusing a rotated refresh token revokes the whole family: its successors and their access tokens stop working', async () => {
    const first = (await app.gql(LOGIN, { email: people.eastDirector.email, password: DEMO_PASSWORD })).data!.login;
    const second = (await app.gql(REFRESH_TOKEN, { refreshToken: first.refreshToken })).data!.refreshToken;

    const replayed = await app.gql(REFRESH_TOKEN, { refreshToken: first.refreshToken });
    expect(replayed.data).toBeNull();
    expect(replayed.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'REFRESH_TOKEN_INVALID' });

    const successor = await app.gql(REFRESH_TOKEN, { refreshToken: second.refreshToken });
    expect(successor.errors?.[0].extensions?.reason).toBe('REFRESH_TOKEN_INVALID');
    for (const token of [first.accessToken, second.accessToken]) {
      const me = await app.gql(ME, {}, { token });
      expect(me.status).toBe(401);
      expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(logLines).toContainEqual(expect.objectContaining({ event: 'refresh-token-reused' }));

    // Other sessions of the same user are not touched.
    const elsewhere = (await app.gql(LOGIN, { email: people.eastDirector.email, password: DEMO_PASSWORD })).data!.login;
    expect((await app.gql(ME, {}, { token: elsewhere.accessToken })).data?.me.name).toBe(people.eastDirector.name);
  });

  it('two refreshes with one token at once: one gets new tokens, the other is a reuse and ends the session', async () => {
    const first = (await app.gql(LOGIN, { email: people.northDirector.email, password: DEMO_PASSWORD })).data!.login;
    const [a, b] = await Promise.all([app.gql(REFRESH_TOKEN, { refreshToken: first.refreshToken }), app.gql(REFRESH_TOKEN, { refreshToken: first.refreshToken })]);
    expect([a, b].filter((answer) => answer.data?.refreshToken !== undefined)).toHaveLength(1);
    const winner = (a.data ?? b.data)!.refreshToken;
    expect((await app.gql(ME, {}, { token: winner.accessToken })).status).toBe(401);
  });

  it.each([
    ['not a refresh token', 'not-a-token'],
    ['unknown', `sgr_${'A'.repeat(43)}`],
  ])('a refresh token that is %s is refused', async (_case, refreshToken) => {
    const answer = await app.gql(REFRESH_TOKEN, { refreshToken });
    expect(answer.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'REFRESH_TOKEN_INVALID' });
  });

  it('an expired refresh token is refused', async () => {
    const first = (await app.gql(LOGIN, { email: people.techSupport.email, password: DEMO_PASSWORD })).data!.login;
    await app.orm.em.fork().getConnection().execute(`update refresh_token set expires_at = now() - interval '1 second' where used_at is null and session_id in (select id from auth_session where user_id = ?)`, [userId(people.techSupport)]);
    expect((await app.gql(REFRESH_TOKEN, { refreshToken: first.refreshToken })).errors?.[0].extensions?.reason).toBe('REFRESH_TOKEN_INVALID');
  });
});

describe('logout', () => {
  it('ends the session of the access token: the token is refused at once and its refresh token is dead', async () => {
    const login = (await app.gql(LOGIN, { email: people.vp.email, password: DEMO_PASSWORD })).data!.login;
    const other = (await app.gql(LOGIN, { email: people.vp.email, password: DEMO_PASSWORD })).data!.login;
    const out = await app.gql(LOGOUT, {}, { token: login.accessToken });
    expect(out.data?.logout).toBe(true);
    const me = await app.gql(ME, {}, { token: login.accessToken });
    expect(me.status).toBe(401);
    expect((await app.gql(REFRESH_TOKEN, { refreshToken: login.refreshToken })).errors?.[0].extensions?.reason).toBe('REFRESH_TOKEN_INVALID');
    // The VP's other device stays signed in.
    expect((await app.gql(ME, {}, { token: other.accessToken })).data?.me.name).toBe(people.vp.name);
  });

  it('ends a session by its refresh token, without an access token (one that has expired, say)', async () => {
    const login = (await app.gql(LOGIN, { email: people.finance.email, password: DEMO_PASSWORD })).data!.login;
    expect((await app.gql(LOGOUT, { refreshToken: login.refreshToken })).data?.logout).toBe(true);
    expect((await app.gql(ME, {}, { token: login.accessToken })).status).toBe(401);
    // Twice is harmless.
    expect((await app.gql(LOGOUT, { refreshToken: login.refreshToken })).data?.logout).toBe(true);
  });

  it('everywhere: ends every session of the user', async () => {
    const a = (await app.gql(LOGIN, { email: people.admin.email, password: DEMO_PASSWORD })).data!.login;
    const b = (await app.gql(LOGIN, { email: people.admin.email, password: DEMO_PASSWORD })).data!.login;
    expect((await app.gql(LOGOUT, { everywhere: true }, { token: a.accessToken })).data?.logout).toBe(true);
    for (const token of [a.accessToken, b.accessToken]) expect((await app.gql(ME, {}, { token })).status).toBe(401);
    expect((await app.gql(REFRESH_TOKEN, { refreshToken: b.refreshToken })).errors?.[0].extensions?.reason).toBe('REFRESH_TOKEN_INVALID');
  });

  it('an API key has no session to end', async () => {
    const out = await app.gql(LOGOUT, {}, { apiKey: DEMO_API_KEY.key });
    expect(out.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'NO_SESSION_TO_END' }));
  });

  it('a signed-out caller must name the session', async () => {
    const out = await app.gql(LOGOUT, {});
    expect(out.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
