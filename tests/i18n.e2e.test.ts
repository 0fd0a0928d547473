import { print, type GraphQLFormattedError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { people, userId } from './fixtures/demo-people';
import { LOGIN } from './graphql/documents';
import { OPPORTUNITIES } from './graphql/pipeline.documents';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Error messages in the language a client asks for: Chinese for `Accept-Language: zh-CN` (and any Chinese tag),
 * English otherwise and by default. Codes, reasons and paths are the same in both; only the text differs.
 */

let app: TestApp;
let repToken: string;
const clients: Client[] = [];

beforeAll(async () => {
  app = await createTestApp({ WEBHOOK_DELIVERY: 'false' });
  repToken = await app.tokenFor(people.shanghai1Rep.email);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app.close();
});

interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

/** Five representative refusals, each as the demo rep (or signed out), in one language or the other. */
const OPERATIONS = {
  /** The input policy: a NUL byte in a filter, before any resolver runs. */
  validation: { query: print(OPPORTUNITIES), variables: { first: 5, filter: { search: 'a\u0000' } } },
  /** class-validator's bound on a page size. */
  pageSize: { query: '{ users(first: 1000) { totalCount } }' },
  /** A module's error: the org module's USER_NOT_FOUND. */
  notFound: { query: '{ user(id: "00000000-0000-4000-8000-000000000000") { id } }' },
  /** A guarded field: a teammate's phone. */
  forbidden: { query: `{ user(id: "${userId(people.shanghai1Teammate)}") { phone } }` },
  /** A wrong password (for a user no other test here signs in as, so throttling stays out of it). */
  wrongPassword: { query: print(LOGIN), variables: { email: people.techSupport.email, password: 'not-the-password' } },
} satisfies Record<string, Operation>;

/** The one error of an HTTP response to `operation`, sent with `accept-language` (or none). */
async function httpError(operation: Operation, acceptLanguage?: string, token: string | null = repToken) {
  let call = app.request.post('/graphql').set('content-type', 'application/json');
  if (acceptLanguage !== undefined) call = call.set('accept-language', acceptLanguage);
  if (token !== null) call = call.set('authorization', `Bearer ${token}`);
  const response = await call.send(operation);
  expect(response.body.errors).toHaveLength(1);
  return response.body.errors[0] as GraphQLFormattedError;
}

/** A WebSocket class whose upgrade request carries `Accept-Language`, as a browser's does. */
function webSocketSending(acceptLanguage: string | undefined): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, acceptLanguage === undefined ? {} : { headers: { 'accept-language': acceptLanguage } });
    }
  } as typeof WebSocket;
}

function wsClient(options: { language?: string; acceptLanguage?: string }): Client {
  const client = createClient({
    url: `${app.baseUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: webSocketSending(options.acceptLanguage),
    connectionParams: { authorization: `Bearer ${repToken}`, ...(options.language === undefined ? {} : { language: options.language }) },
    retryAttempts: 0,
  });
  clients.push(client);
  return client;
}

/** The one error of `operation` run over a WebSocket connection: in its result, or refused before it ran. */
function wsError(client: Client, operation: Operation): Promise<GraphQLFormattedError> {
  return new Promise((resolve, reject) => {
    const errors: GraphQLFormattedError[] = [];
    client.subscribe(operation, {
      next: (result) => errors.push(...(result.errors ?? [])),
      error: (error) => (Array.isArray(error) ? resolve(error[0]) : reject(error)),
      complete: () => (errors.length === 1 ? resolve(errors[0]) : reject(new Error(`expected one error, got ${JSON.stringify(errors)}`))),
    });
  });
}

/** What stays the same whatever the language. */
const invariant = (error: GraphQLFormattedError) => ({
  path: error.path,
  code: error.extensions?.code,
  reason: error.extensions?.reason,
  fields: (error.extensions?.fields as { path: string }[] | undefined)?.map((field) => field.path),
});

const HAN = /\p{Script=Han}/u;

describe('over HTTP, by Accept-Language', () => {
  it('a value the input policy refuses: the same code and path, the message in Chinese', async () => {
    const en = await httpError(OPERATIONS.validation);
    const zh = await httpError(OPERATIONS.validation, 'zh-CN');
    expect(invariant(zh)).toEqual(invariant(en));
    expect(en.message).toBe('Invalid input. filter.search: must not contain control characters, found U+0000');
    expect(zh.message).toBe('输入无效。filter.search：不能包含控制字符，发现 U+0000');
    expect(zh.extensions?.fields).toEqual([{ path: 'filter.search', message: '不能包含控制字符，发现 U+0000' }]);
  });

  it('a bound class-validator checks is worded in Chinese too', async () => {
    const en = await httpError(OPERATIONS.pageSize);
    const zh = await httpError(OPERATIONS.pageSize, 'zh-CN');
    expect(invariant(zh)).toEqual(invariant(en));
    expect(en.message).toMatch(/^Invalid input\. first: first must not be greater than \d+$/);
    expect(zh.message).toMatch(/^输入无效。first：first 不能大于 \d+$/);
  });

  it('a module error keeps its code and reason', async () => {
    const en = await httpError(OPERATIONS.notFound);
    const zh = await httpError(OPERATIONS.notFound, 'zh-CN');
    expect(invariant(zh)).toEqual({ ...invariant(en), code: 'NOT_FOUND', reason: 'USER_NOT_FOUND' });
    expect(en.message).toBe('No such user, or it is not visible to you.');
    expect(zh.message).toBe('没有此用户，或你无权查看。');
  });

  it('FORBIDDEN at the field’s path', async () => {
    const en = await httpError(OPERATIONS.forbidden);
    const zh = await httpError(OPERATIONS.forbidden, 'zh-CN');
    expect(invariant(zh)).toEqual({ ...invariant(en), code: 'FORBIDDEN', path: ['user', 'phone'] });
    expect(en.message).not.toMatch(HAN);
    expect(zh.message).toMatch(HAN);
  });

  it('a wrong password, and a token that is no token', async () => {
    const en = await httpError(OPERATIONS.wrongPassword, 'en-US', null);
    const zh = await httpError(OPERATIONS.wrongPassword, 'zh-CN', null);
    expect(invariant(zh)).toEqual({ ...invariant(en), code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' });
    expect(en.message).toBe('Wrong email or password.');
    expect(zh.message).toBe('邮箱或密码错误。');

    const forged = await httpError({ query: '{ me { id } }' }, 'zh-CN', 'forged');
    expect(forged.extensions?.code).toBe('UNAUTHENTICATED');
    expect(forged.message).toBe('未认证：请登录，或发送有效的令牌或 API 密钥。');
  });

  it('a query over a limit', async () => {
    const deep = { query: `{ me { ${'manager { '.repeat(12)}id${' }'.repeat(12)} } }` };
    const zh = await httpError(deep, 'zh-CN');
    expect(zh.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', reason: 'MAX_DEPTH' });
    expect(zh.message).toMatch(/^查询嵌套过深：\d+ 层；上限为 \d+。$/);
  });

  it('transport errors, answered before GraphQL: a body that is not JSON, a method, a path', async () => {
    const notJson = await app.request.post('/graphql').set('content-type', 'application/json').set('accept-language', 'zh-CN').send('{');
    expect(notJson.status).toBe(400);
    expect(notJson.body.errors).toEqual([{ message: '请求体必须是 JSON：一个对象（一个操作）或对象数组（批量）。', extensions: { code: 'BAD_REQUEST' } }]);
    const patch = await app.request.patch('/graphql').set('accept-language', 'zh-CN').send({});
    expect(patch.status).toBe(405);
    expect(patch.body.errors[0]).toEqual({ message: '此处不支持 PATCH：请使用 GET 或 POST。', extensions: { code: 'BAD_REQUEST' } });
    const nowhere = await app.request.get('/nowhere').set('accept-language', 'zh');
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.errors[0]).toEqual({ message: '此地址没有内容：API 位于 /graphql。', extensions: { code: 'NOT_FOUND' } });
    const english = await app.request.get('/nowhere');
    expect(english.body.errors[0].message).toBe('Nothing is served here: the API is at /graphql.');
  });

  it.each([
    [undefined, 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['fr-FR, zh;q=0.5', 'zh-CN'],
    ['zh;q=0, en;q=0.5', 'en'],
    ['fr, de', 'en'],
    ['*', 'en'],
  ])('Accept-Language %p is answered in %s', async (acceptLanguage, language) => {
    const error = await httpError(OPERATIONS.notFound, acceptLanguage);
    expect(error.message).toBe(language === 'en' ? 'No such user, or it is not visible to you.' : '没有此用户，或你无权查看。');
  });
});

describe('over WebSocket', () => {
  it('in the language of connectionParams.language: the same codes, reasons and paths as over HTTP', async () => {
    const zh = wsClient({ language: 'zh-CN' });
    for (const operation of Object.values(OPERATIONS)) {
      const [overSocket, overHttp] = await Promise.all([wsError(zh, operation), httpError(operation, 'zh-CN', operation === OPERATIONS.wrongPassword ? null : repToken)]);
      expect(invariant(overSocket)).toEqual(invariant(overHttp));
      expect(overSocket.message).toBe(overHttp.message);
      expect(overSocket.message).toMatch(HAN);
    }
  });

  it('in the language of the upgrade request’s Accept-Language, unless connectionParams.language says otherwise', async () => {
    expect((await wsError(wsClient({ acceptLanguage: 'zh-CN,zh;q=0.9' }), OPERATIONS.notFound)).message).toBe('没有此用户，或你无权查看。');
    expect((await wsError(wsClient({ acceptLanguage: 'zh-CN', language: 'en' }), OPERATIONS.notFound)).message).toBe('No such user, or it is not visible to you.');
    expect((await wsError(wsClient({}), OPERATIONS.validation)).message).toBe('Invalid input. filter.search: must not contain control characters, found U+0000');
  });
});
