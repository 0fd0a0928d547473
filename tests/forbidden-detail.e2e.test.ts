import { GraphQLObjectType, type GraphQLFormattedError } from 'graphql';
import { DEMO_API_KEY } from '../seeds/demo-company.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { CREATE_API_KEY, USER_PERSONAL_FIELDS } from './graphql/documents';
import { CREATE_WEBHOOK } from './graphql/events.documents';
import { ORDERS_MATRIX_RECEIVABLES_AGING } from './graphql/orders-matrix.documents';
import { CREATE_LEAD } from './graphql/pipeline.documents';
import { SALES_MATRIX_CUSTOMERS } from './graphql/sales-matrix.documents';
import { people, userId } from './fixtures/demo-people';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * A FORBIDDEN says which rule refused (README, "API conventions"): the message stays the same generic sentence,
 * `extensions.readableBy` (a field or type) or `extensions.allowedFor` (an operation) carries the rule's
 * description, the same words schema.graphql prints after "Readable by:" / "Allowed for:", and an API key refused
 * for want of a scope gets that scope in `extensions.missingScope`, spelled as `createApiKey` takes it.
 */
const GENERIC = 'You are not allowed to do this or to see this field.';
const WEBHOOK_INPUT = { input: { url: 'https://erp.example.com/salesgraph', eventTypes: ['opportunity.won'] } };

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
});

afterAll(async () => {
  await app.close();
});

/** The one FORBIDDEN at `path`. */
function forbiddenAt(errors: readonly GraphQLFormattedError[] | undefined, path: (string | number)[]): GraphQLFormattedError {
  const found = (errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN' && JSON.stringify(e.path) === JSON.stringify(path));
  expect({ path, found: found.length }).toEqual({ path, found: 1 });
  return found[0];
}

/** What schema.graphql says after "Readable by:" or "Allowed for:" on `typeName.fieldName`. */
function declared(typeName: string, fieldName: string): string {
  const type = app.server.schema.getType(typeName);
  if (!(type instanceof GraphQLObjectType)) throw new Error(`${typeName} is not an object type`);
  const match = /(?:Readable by|Allowed for): (.*)\.$/s.exec(type.getFields()[fieldName].description ?? '');
  if (match === null) throw new Error(`${typeName}.${fieldName} states no rule`);
  return match[1];
}

async function keyWith(scopes: string[], forUser = userId(people.integration)): Promise<Auth> {
  const created = await app.gql(
    CREATE_API_KEY,
    { input: { name: `scopes ${scopes.join(' ')}`, scopes: scopes as never, userId: forUser } },
    { token: await app.tokenFor(people.admin.email) },
  );
  expect(created.errors).toBeUndefined();
  return { apiKey: created.data!.createApiKey.key };
}

describe('a hidden field names the rule that hides it', () => {
  it('a rep reading a teammate’s phone: readableBy is the personal-data rule, no missingScope', async () => {
    const response = await app.gql(USER_PERSONAL_FIELDS, { id: userId(people.shanghai1Teammate) }, { token: await app.tokenFor(people.shanghai1Rep.email) });
    const error = forbiddenAt(response.errors, ['user', 'phone']);
    expect(error.message).toBe(GENERIC);
    expect(error.extensions).toEqual({ code: 'FORBIDDEN', readableBy: declared('User', 'phone') });
    expect(error.extensions?.readableBy).toMatch(/^the user, the heads of the org units above them/);
  });

  it('a rep reading a customer’s credit limit: the credit rule', async () => {
    const response = await app.gql(SALES_MATRIX_CUSTOMERS, {}, { token: await app.tokenFor(people.shanghai1Rep.email) });
    const error = forbiddenAt(response.errors, ['customers', 'nodes', 0, 'creditLimit']);
    expect(error.extensions).toEqual({ code: 'FORBIDDEN', readableBy: declared('Customer', 'creditLimit') });
  });

  it('an API key that may call the query but not read the field gets no missingScope: no scope would show it', async () => {
    const response = await app.gql(USER_PERSONAL_FIELDS, { id: userId(people.shanghai1Rep) }, { apiKey: DEMO_API_KEY.key });
    expect(forbiddenAt(response.errors, ['user', 'phone']).extensions).toEqual({ code: 'FORBIDDEN', readableBy: declared('User', 'phone') });
  });
});

describe('a refused operation names who it is for', () => {
  it('a rep asking for receivables: allowedFor, no missingScope', async () => {
    const response = await app.gql(ORDERS_MATRIX_RECEIVABLES_AGING, {}, { token: await app.tokenFor(people.shanghai1Rep.email) });
    const error = forbiddenAt(response.errors, ['receivablesAging']);
    expect(error.message).toBe(GENERIC);
    expect(error.extensions).toEqual({ code: 'FORBIDDEN', allowedFor: declared('Query', 'receivablesAging') });
  });

  it('an API key without READ_SALES asking for customers: allowedFor and missingScope READ_SALES', async () => {
    const response = await app.gql(SALES_MATRIX_CUSTOMERS, {}, await keyWith(['READ_ORG']));
    const error = forbiddenAt(response.errors, ['customers']);
    expect(error.message).toBe(GENERIC);
    expect(error.extensions).toEqual({ code: 'FORBIDDEN', allowedFor: 'signed-in users; API keys with scope READ_SALES', missingScope: 'READ_SALES' });
    expect(error.extensions?.allowedFor).toBe(declared('Query', 'customers'));
  });

  it('an API key without READ_ORG asking for a user: missingScope READ_ORG', async () => {
    const response = await app.gql(USER_PERSONAL_FIELDS, { id: userId(people.shanghai1Rep) }, await keyWith(['READ_SALES']));
    expect(response.data).toEqual({ user: null });
    expect(forbiddenAt(response.errors, ['user']).extensions).toEqual({
      code: 'FORBIDDEN',
      allowedFor: declared('Query', 'user'),
      missingScope: 'READ_ORG',
    });
  });

  it('the integration user’s key without MANAGE_WEBHOOKS: missingScope MANAGE_WEBHOOKS', async () => {
    const response = await app.gql(CREATE_WEBHOOK, WEBHOOK_INPUT, { apiKey: DEMO_API_KEY.key });
    expect(forbiddenAt(response.errors, ['createWebhook']).extensions).toEqual({
      code: 'FORBIDDEN',
      allowedFor: declared('Mutation', 'createWebhook'),
      missingScope: 'MANAGE_WEBHOOKS',
    });
  });

  it('the integration user’s key without WRITE_LEADS entering a lead: missingScope WRITE_LEADS', async () => {
    const response = await app.gql(CREATE_LEAD, { input: { source: 'WEBSITE', company: '权限说明公司', contactName: '陈先生' } }, { apiKey: DEMO_API_KEY.key });
    expect(forbiddenAt(response.errors, ['createLead']).extensions).toEqual({
      code: 'FORBIDDEN',
      allowedFor: declared('Mutation', 'createLead'),
      missingScope: 'WRITE_LEADS',
    });
  });

  it('a rep’s key without MANAGE_WEBHOOKS names no scope: no scope lets a rep manage webhooks', async () => {
    const response = await app.gql(CREATE_WEBHOOK, WEBHOOK_INPUT, await keyWith(['READ_ORG'], userId(people.shanghai1Rep)));
    expect(forbiddenAt(response.errors, ['createWebhook']).extensions).toEqual({ code: 'FORBIDDEN', allowedFor: declared('Mutation', 'createWebhook') });
  });
});
