import { SignJWT } from 'jose';
import { createClient } from 'graphql-ws';
import { print } from 'graphql';
import WebSocket from 'ws';
import { DEMO_API_KEY, DEMO_PASSWORD } from '../seeds/demo-company.seeder';
import { User } from '../schema/org/entities/user.entity';
import { UserStatus } from '../schema/org/org.enums';
import { API_KEYS, CREATE_API_KEY, LOGIN, ME, REVOKE_API_KEY, USERS } from './graphql/documents';
import { people, userId } from './fixtures/demo-people';
import { createTestApp, type TestApp } from './support/test-app';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});

afterAll(async () => {
  await app.close();
});

const NOT_AUTHENTICATED = 'Not authenticated: sign in or send a valid token or API key.';

describe('login', () => {
  it('a demo rep signs in and the token answers me { unit { name } }', async () => {
    const login = await app.gql(LOGIN, { email: people.shanghai1Rep.email, password: DEMO_PASSWORD });
    expect(login.errors).toBeUndefined();
    expect(login.data?.login.tokenType).toBe('Bearer');
    expect(login.data?.login.user).toMatchObject({ id: userId(people.shanghai1Rep), role: 'SALES_REP' });
    expect(new Date(login.data!.login.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const me = await app.gql(ME, {}, { token: login.data!.login.accessToken });
    expect(me.errors).toBeUndefined();
    expect(me.data?.me.unit?.name).toBe('上海一组');
  });

  it('email is matched case-insensitively', async () => {
    const login = await app.gql(LOGIN, { email: people.vp.email.toUpperCase(), password: DEMO_PASSWORD });
    expect(login.data?.login.user.role).toBe('SALES_VP');
  });

  it.each([
    ['a wrong password', people.shanghai1Rep.email, 'wrong-password'],
    ['an unknown email', 'nobody@huaxin.demo', DEMO_PASSWORD],
    ['a system account without a password', people.integration.email, DEMO_PASSWORD],
  ])('%s gives UNAUTHENTICATED with the same message', async (_case, email, password) => {
    const login = await app.gql(LOGIN, { email, password });
    expect(login.data).toBeNull();
    expect(login.errors).toEqual([
      expect.objectContaining({ message: 'Wrong email or password.', extensions: { code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' } }),
    ]);
  });

  it('an inactive user can neither sign in nor use a token issued before', async () => {
    const token = await app.tokenFor(people.techSupport.email);
    const em = app.orm.em.fork();
    await em.nativeUpdate(User, { id: userId(people.techSupport) }, { status: UserStatus.INACTIVE });
    try {
      const login = await app.gql(LOGIN, { email: people.techSupport.email, password: DEMO_PASSWORD });
      expect(login.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const me = await app.gql(ME, {}, { token });
      expect(me.status).toBe(401);
      expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await em.nativeUpdate(User, { id: userId(people.techSupport) }, { status: UserStatus.ACTIVE });
    }
  });

  it('stores bcrypt hashes of cost 10, the format Keystone’s password field checks', async () => {
    const row = await app.orm.em.fork().findOneOrFail(User, { email: people.admin.email }, { populate: ['passwordHash'] });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$10\$[./A-Za-z0-9]{53}$/);
  });
});

describe('bearer tokens', () => {
  it('no credentials: only public operations run', async () => {
    const me = await app.gql(ME);
    expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['malformed', 'Bearer not-a-jwt'],
    ['without the Bearer scheme', 'Token abc'],
    ['signed with another secret', 'forged'],
    ['expired', 'expired'],
  ])('a %s token is refused with 401 UNAUTHENTICATED and no detail', async (_case, kind) => {
    let header = kind;
    if (kind === 'forged' || kind === 'expired') {
      const secret = kind === 'forged' ? new TextEncoder().encode('x'.repeat(40)) : app.config.jwtSecret;
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId(people.vp))
        .setIssuer('salesgraph')
        .setAudience('salesgraph-api')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(kind === 'expired' ? Math.floor(Date.now() / 1000) - 3600 : '1h')
        .sign(secret);
      header = `Bearer ${token}`;
    }
    const response = await app.request.post('/graphql').set('authorization', header).send({ query: '{ me { id } }' });
    expect(response.status).toBe(401);
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(response.body.errors[0].message).toContain(NOT_AUTHENTICATED);
  });
});

describe('API keys', () => {
  it('the demo integration key reads the directory through x-api-key', async () => {
    const users = await app.gql(USERS, { first: 5 }, { apiKey: DEMO_API_KEY.key });
    expect(users.errors).toBeUndefined();
    expect(users.data?.users.totalCount).toBeGreaterThan(40);
    const me = await app.gql(ME, {}, { apiKey: DEMO_API_KEY.key });
    expect(me.data?.me.role).toBe('INTEGRATION');
  });

  it('a user creates a key, sees the secret once, uses it, lists it and revokes it', async () => {
    const token = await app.tokenFor(people.shanghai1Manager.email);
    const created = await app.gql(CREATE_API_KEY, { input: { name: 'CRM sync', scopes: ['READ_ORG'] } }, { token });
    expect(created.errors).toBeUndefined();
    const { key, apiKey } = created.data!.createApiKey;
    expect(key).toMatch(/^sg_[a-z0-9]{10}_/);
    expect(key.startsWith(`sg_${apiKey.prefix}_`)).toBe(true);
    expect(apiKey).toMatchObject({ active: true, scopes: ['READ_ORG'], user: { id: userId(people.shanghai1Manager) } });

    const viaKey = await app.gql(ME, {}, { apiKey: key });
    expect(viaKey.data?.me.id).toBe(userId(people.shanghai1Manager));

    const listed = await app.gql(API_KEYS, {}, { token });
    const mine = listed.data?.apiKeys.find((k) => k.id === apiKey.id);
    expect(mine).toMatchObject({ prefix: apiKey.prefix, active: true });
    expect(mine?.lastUsedAt).not.toBeNull();
    const secret = key.slice(`sg_${apiKey.prefix}_`.length);
    expect(JSON.stringify(listed.data)).not.toContain(secret);

    const revoked = await app.gql(REVOKE_API_KEY, { id: apiKey.id }, { token });
    expect(revoked.data?.revokeApiKey).toMatchObject({ active: false });
    const afterRevoke = await app.gql(ME, {}, { apiKey: key });
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a wrong secret with a real prefix, and a key of the wrong form, are refused alike', async () => {
    for (const apiKey of [`sg_${DEMO_API_KEY.prefix}_${'A'.repeat(40)}`, 'not-a-key']) {
      const response = await app.gql(ME, {}, { apiKey });
      expect(response.status).toBe(401);
      expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('an expired key stops working', async () => {
    const token = await app.tokenFor(people.finance.email);
    const created = await app.gql(
      CREATE_API_KEY,
      { input: { name: 'short-lived', scopes: ['READ_ORG'], expiresAt: new Date(Date.now() + 1500).toISOString() } },
      { token },
    );
    const key = created.data!.createApiKey.key;
    expect((await app.gql(ME, {}, { apiKey: key })).errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await app.gql(ME, {}, { apiKey: key })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a key never does more than its user: a partner’s key sees only the partner’s rows', async () => {
    const token = await app.tokenFor(people.partner.email);
    const created = await app.gql(CREATE_API_KEY, { input: { name: 'portal', scopes: ['READ_ORG'] } }, { token });
    const users = await app.gql(USERS, { first: 50 }, { apiKey: created.data!.createApiKey.key });
    expect(users.data?.users.edges.map((e) => e.node.role)).toEqual(['PARTNER']);
  });

  it('a key cannot mint or manage keys', async () => {
    const response = await app.gql(CREATE_API_KEY, { input: { name: 'escalate', scopes: ['READ_ORG'] } }, { apiKey: DEMO_API_KEY.key });
    expect(response.data).toBeNull();
    expect(response.errors?.[0]).toMatchObject({ path: ['createApiKey'], extensions: { code: 'FORBIDDEN' } });
    const list = await app.gql(API_KEYS, {}, { apiKey: DEMO_API_KEY.key });
    expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a rep cannot create a key for someone else; an admin can', async () => {
    const input = { name: 'for the ERP user', scopes: ['READ_ORG' as const], userId: userId(people.integration) };
    const byRep = await app.gql(CREATE_API_KEY, { input }, { token: await app.tokenFor(people.shanghai1Rep.email) });
    expect(byRep.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', reason: 'API_KEY_FOR_OTHER_USER' } });
    const byAdmin = await app.gql(CREATE_API_KEY, { input }, { token: await app.tokenFor(people.admin.email) });
    expect(byAdmin.errors).toBeUndefined();
    expect(byAdmin.data?.createApiKey.apiKey.user?.id).toBe(userId(people.integration));
  });

  it('only the key’s user and admins list or revoke it', async () => {
    const ownerToken = await app.tokenFor(people.northRep.email);
    const created = await app.gql(CREATE_API_KEY, { input: { name: 'mine', scopes: ['READ_ORG'] } }, { token: ownerToken });
    const keyId = created.data!.createApiKey.apiKey.id;

    const otherToken = await app.tokenFor(people.northDirector.email);
    const othersList = await app.gql(API_KEYS, {}, { token: otherToken });
    expect(othersList.data?.apiKeys.map((k) => k.id)).not.toContain(keyId);
    const othersRevoke = await app.gql(REVOKE_API_KEY, { id: keyId }, { token: otherToken });
    expect(othersRevoke.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', reason: 'API_KEY_NOT_FOUND' } });

    const adminList = await app.gql(API_KEYS, { userId: userId(people.northRep) }, { token: await app.tokenFor(people.admin.email) });
    expect(adminList.data?.apiKeys.map((k) => k.id)).toContain(keyId);
  });

  it('bad input names the field and stores nothing', async () => {
    const token = await app.tokenFor(people.eastDirector.email);
    const before = await app.gql(API_KEYS, {}, { token });
    const response = await app.gql(CREATE_API_KEY, { input: { name: '', scopes: [] } }, { token });
    // The text policy refuses the empty name before the other rules look at the scopes.
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.name', message: 'must not be empty' }] });
    const noScopes = await app.gql(CREATE_API_KEY, { input: { name: 'ERP sync', scopes: [] } }, { token });
    expect(noScopes.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'input.scopes' })] });
    const past = await app.gql(CREATE_API_KEY, { input: { name: 'x', scopes: ['READ_ORG'], expiresAt: '2020-01-01T00:00:00Z' } }, { token });
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.expiresAt', message: 'must be in the future' }] });
    const after = await app.gql(API_KEYS, {}, { token });
    expect(after.data?.apiKeys).toHaveLength(before.data!.apiKeys.length);
  });
});

describe('WebSocket (graphql-transport-ws) on the same path', () => {
  const wsUrl = () => `${app.baseUrl.replace('http', 'ws')}/graphql`;

  function runOnce(connectionParams: Record<string, unknown>): Promise<{ data?: unknown; errors?: unknown; closeCode?: number }> {
    return new Promise((resolve) => {
      const client = createClient({
        url: wsUrl(),
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
        lazy: true,
        on: {
          closed: (event) => {
            const code = (event as { code?: number }).code;
            if (code !== undefined && code !== 1000) resolve({ closeCode: code });
          },
        },
      });
      client.subscribe(
        { query: print(ME) },
        {
          next: (result) => {
            resolve({ data: result.data, errors: result.errors });
            void client.dispose();
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
    });
  }

  it('authenticates with connectionParams.authorization', async () => {
    const token = await app.tokenFor(people.southRep.email);
    const result = await runOnce({ authorization: `Bearer ${token}` });
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ me: { id: userId(people.southRep) } });
  });

  it('authenticates with connectionParams.apiKey', async () => {
    const result = await runOnce({ apiKey: DEMO_API_KEY.key });
    expect(result.data).toMatchObject({ me: { role: 'INTEGRATION' } });
  });

  it('closes the socket with 4401 for a bad token', async () => {
    const result = await runOnce({ authorization: 'Bearer nonsense' });
    expect(result.closeCode).toBe(4401);
  });
});
