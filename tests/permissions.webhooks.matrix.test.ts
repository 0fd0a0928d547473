import { getNamedType } from 'graphql';
import { collectPolicy } from '../api/permissions/shield';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { API_KEYS, CREATE_API_KEY, REVOKE_API_KEY } from './graphql/documents';
import {
  CREATE_WEBHOOK,
  DELETE_WEBHOOK,
  PAUSE_WEBHOOK,
  REDELIVER,
  REPLAY,
  RESUME_WEBHOOK,
  ROTATE_WEBHOOK_SECRET,
  UPDATE_WEBHOOK,
  WEBHOOK_DELIVERIES,
  WEBHOOKS,
} from './graphql/events.documents';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Who may manage webhooks and API keys, role by role, written out by hand so the table is the spec. Webhooks:
 * integration users (through a key with manage:webhooks) and admins. API keys: every signed-in person, for
 * themselves (admins for anyone), never a key. Each operation is called on ids that match nothing (or input the
 * service refuses), so a caller let through gets NOT_FOUND or BAD_USER_INPUT and nothing is written; a caller
 * refused gets FORBIDDEN.
 */
const WEBHOOK_OPERATIONS = [
  'createWebhook',
  'updateWebhook',
  'pauseWebhook',
  'resumeWebhook',
  'deleteWebhook',
  'rotateWebhookSecret',
  'redeliver',
  'replay',
  'webhooks',
  'webhookDeliveries',
] as const;
const API_KEY_OPERATIONS = ['createApiKey', 'revokeApiKey', 'apiKeys'] as const;
type Operation = (typeof WEBHOOK_OPERATIONS)[number] | (typeof API_KEY_OPERATIONS)[number];

interface Row {
  role: string;
  as: PersonName | 'integrationKey' | 'integrationKeyWithoutScope';
  allowed: readonly Operation[];
}

const EVERY_WEBHOOK_OPERATION = WEBHOOK_OPERATIONS;
const EVERY_API_KEY_OPERATION = API_KEY_OPERATIONS;

const MATRIX: Row[] = [
  { role: 'ADMIN', as: 'admin', allowed: [...EVERY_WEBHOOK_OPERATION, ...EVERY_API_KEY_OPERATION] },
  { role: 'SALES_VP', as: 'vp', allowed: EVERY_API_KEY_OPERATION },
  { role: 'REGIONAL_DIRECTOR', as: 'eastDirector', allowed: EVERY_API_KEY_OPERATION },
  { role: 'TEAM_MANAGER', as: 'shanghai1Manager', allowed: EVERY_API_KEY_OPERATION },
  { role: 'SALES_REP', as: 'shanghai1Rep', allowed: EVERY_API_KEY_OPERATION },
  { role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager', allowed: EVERY_API_KEY_OPERATION },
  { role: 'CUSTOMER_SERVICE', as: 'customerService', allowed: EVERY_API_KEY_OPERATION },
  { role: 'TECH_SUPPORT', as: 'techSupport', allowed: EVERY_API_KEY_OPERATION },
  { role: 'FINANCE', as: 'finance', allowed: EVERY_API_KEY_OPERATION },
  { role: 'PARTNER', as: 'partner', allowed: EVERY_API_KEY_OPERATION },
  { role: 'INTEGRATION', as: 'integrationKey', allowed: EVERY_WEBHOOK_OPERATION },
  { role: 'INTEGRATION', as: 'integrationKeyWithoutScope', allowed: [] },
];

/** Matches no record. */
const NOWHERE = '00000000-0000-4000-8000-000000000000';

let app: TestApp;
const auths = new Map<string, Auth>();

const CALLS: Record<Operation, (auth: Auth) => Promise<GraphQLResponse<unknown>>> = {
  // A private address, refused by the service (the test server does not allow private receivers).
  createWebhook: (auth) => app.gql(CREATE_WEBHOOK, { input: { url: 'http://10.0.0.1/matrix' } }, auth),
  updateWebhook: (auth) => app.gql(UPDATE_WEBHOOK, { id: NOWHERE, version: 1, input: { eventTypes: [] } }, auth),
  pauseWebhook: (auth) => app.gql(PAUSE_WEBHOOK, { id: NOWHERE }, auth),
  resumeWebhook: (auth) => app.gql(RESUME_WEBHOOK, { id: NOWHERE }, auth),
  deleteWebhook: (auth) => app.gql(DELETE_WEBHOOK, { id: NOWHERE }, auth),
  rotateWebhookSecret: (auth) => app.gql(ROTATE_WEBHOOK_SECRET, { id: NOWHERE }, auth),
  redeliver: (auth) => app.gql(REDELIVER, { webhookId: NOWHERE, eventId: NOWHERE }, auth),
  replay: (auth) => app.gql(REPLAY, { webhookId: NOWHERE, from: 'matrix' }, auth),
  webhooks: (auth) => app.gql(WEBHOOKS, {}, auth),
  webhookDeliveries: (auth) => app.gql(WEBHOOK_DELIVERIES, { webhookId: NOWHERE }, auth),
  // Refused by the service: an expiry in the past.
  createApiKey: (auth) => app.gql(CREATE_API_KEY, { input: { name: '权限矩阵', scopes: ['READ_ORG'], expiresAt: '2020-01-01T00:00:00Z' } }, auth),
  revokeApiKey: (auth) => app.gql(REVOKE_API_KEY, { id: NOWHERE }, auth),
  apiKeys: (auth) => app.gql(API_KEYS, {}, auth),
};

beforeAll(async () => {
  app = await createTestApp({ WEBHOOK_DELIVERY: 'false' });
  const admin = { token: await app.tokenFor(people.admin.email) };
  for (const [as, scopes] of [
    ['integrationKey', ['READ_SALES', 'MANAGE_WEBHOOKS']],
    ['integrationKeyWithoutScope', ['READ_SALES']],
  ] as const) {
    const created = await app.gql(CREATE_API_KEY, { input: { name: as, scopes: [...scopes], userId: userId(people.integration) } }, admin);
    auths.set(as, { apiKey: created.data!.createApiKey.key });
  }
});

afterAll(async () => {
  await app.close();
});

async function authFor(as: Row['as']): Promise<Auth> {
  const known = auths.get(as);
  if (known) return known;
  const auth = { token: await app.tokenFor(people[as as PersonName].email) };
  auths.set(as, auth);
  return auth;
}

async function rowCounts(): Promise<Record<string, number>> {
  const [row] = await app.orm.em
    .fork()
    .getConnection()
    .execute<Record<string, string>[]>(
      `select (select count(*) from webhook_endpoint) as endpoints, (select count(*) from webhook_delivery) as deliveries, (select count(*) from api_key) as keys`,
    );
  return Object.fromEntries(Object.entries(row).map(([name, count]) => [name, Number(count)]));
}

describe('the matrix is complete', () => {
  it('covers every role', () => {
    expect(new Set(MATRIX.map((row) => row.role)).size).toBe(11);
  });

  it('covers every operation on webhooks and API keys', () => {
    const schema = app.server.schema;
    const managed = new Set(['WebhookEndpoint', 'WebhookDelivery', 'CreatedWebhook', 'RotatedWebhookSecret', 'WebhookReplay', 'ApiKey', 'CreateApiKeyPayload']);
    const rules = new Map(collectPolicy(schema).fields.map((entry) => [`${entry.typeName}.${entry.fieldName}`, entry.rule.name]));
    const operations = [schema.getQueryType()!, schema.getMutationType()!].flatMap((root) =>
      Object.values(root.getFields())
        .filter((field) => managed.has(getNamedType(field.type).name) || rules.get(`${root.name}.${field.name}`) === 'webhook-managers')
        .map((field) => field.name),
    );
    expect(operations.sort()).toEqual([...WEBHOOK_OPERATIONS, ...API_KEY_OPERATIONS].sort());
    for (const operation of WEBHOOK_OPERATIONS) {
      const root = ['webhooks', 'webhookDeliveries'].includes(operation) ? 'Query' : 'Mutation';
      expect([operation, rules.get(`${root}.${operation}`)]).toEqual([operation, 'webhook-managers']);
    }
  });
});

describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s', (_name, row) => {
  it(`may call ${row.allowed.length === 0 ? 'none of them' : row.allowed.join(', ')}; is refused the others`, async () => {
    const auth = await authFor(row.as);
    const outcome: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const operation of [...WEBHOOK_OPERATIONS, ...API_KEY_OPERATIONS]) {
      const response = await CALLS[operation](auth);
      const codes = (response.errors ?? []).map((error) => String(error.extensions?.code));
      // Let through, a call either answers (the lists) or fails on the ids and input that match nothing.
      outcome[operation] =
        codes.length === 0 || codes.every((code) => ['NOT_FOUND', 'BAD_USER_INPUT'].includes(code)) ? 'allowed' : codes.join() === 'FORBIDDEN' ? 'refused' : `unexpected ${codes.join()}`;
      expected[operation] = row.allowed.includes(operation) ? 'allowed' : 'refused';
    }
    expect(outcome).toEqual(expected);
  });
});

it('wrote nothing: every refused or failed call left the webhook and key tables as they were', async () => {
  // The two keys of beforeAll are the only rows any of this made.
  const counts = await rowCounts();
  expect(counts.endpoints).toBe(0);
  expect(counts.deliveries).toBe(0);
  const keys = (await app.gql(API_KEYS, {}, await authFor('admin'))).data!.apiKeys;
  expect(keys.filter((key) => key.name === '权限矩阵')).toEqual([]);
  expect(counts.keys).toBe(keys.length);
});
