import { readFileSync } from 'node:fs';
import path from 'node:path';
import type supertest from 'supertest';
import { CLIENT_ERROR_CODES } from '../api/format-error';
import { people, userId } from './fixtures/demo-people';
import { createTestApp, type TestApp } from './support/test-app';

/** README's table of error codes: code → the HTTP statuses it lists. */
function readmeCodes(): Map<string, number[]> {
  const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const start = readme.indexOf('### Error codes');
  expect(start).toBeGreaterThan(0);
  const section = readme.slice(start, readme.indexOf('\n## ', start));
  const codes = new Map<string, number[]>();
  for (const match of section.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)) {
    codes.set(match[1], [...match[2].matchAll(/\d{3}/g)].map((status) => Number(status[0])));
  }
  return codes;
}

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});

afterAll(async () => {
  await app.close();
});

it('README lists exactly the codes a client can receive', () => {
  expect([...readmeCodes().keys()].sort()).toEqual([...CLIENT_ERROR_CODES].sort());
});

describe('each code comes with a status README lists for it', () => {
  const graphql = (body: object, token?: string) => {
    const call = app.request.post('/graphql');
    return (token === undefined ? call : call.set('authorization', `Bearer ${token}`)).send(body);
  };
  const asRep = async (body: object) => graphql(body, await app.tokenFor(people.shanghai1Rep.email));
  const deep = `{ me { ${'manager { '.repeat(12)}id${' }'.repeat(12)} } }`;

  const cases: Array<[string, () => Promise<supertest.Response>]> = [
    ['UNAUTHENTICATED', () => graphql({ query: '{ me { id } }' }, 'forged')],
    ['UNAUTHENTICATED', () => graphql({ query: '{ users(first: 1) { totalCount } }' })],
    ['FORBIDDEN', () => asRep({ query: `{ user(id: "${userId(people.shanghai1Teammate)}") { phone } }` })],
    ['BAD_USER_INPUT', () => asRep({ query: 'query($n: Int!) { users(first: $n) { totalCount } }', variables: { n: 'ten' } })],
    ['BAD_USER_INPUT', () => asRep({ query: '{ users(first: 1000) { totalCount } }' })],
    ['NOT_FOUND', () => asRep({ query: '{ user(id: "00000000-0000-4000-8000-000000000000") { id } }' })],
    ['NOT_FOUND', () => app.request.get('/nowhere')],
    ['GRAPHQL_PARSE_FAILED', () => asRep({ query: '{ me { id' })],
    ['GRAPHQL_VALIDATION_FAILED', () => asRep({ query: '{ nope }' })],
    ['QUERY_LIMIT_EXCEEDED', () => asRep({ query: deep })],
    ['OPERATION_RESOLUTION_FAILURE', () => asRep({ query: 'query A { me { id } } query B { me { id } }' })],
    ['PERSISTED_QUERY_NOT_FOUND', () => asRep({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } })],
    ['BAD_REQUEST', () => app.request.post('/graphql').set('content-type', 'application/json').send('{')],
    ['BAD_REQUEST', () => app.request.patch('/graphql').send({})],
    ['BAD_REQUEST', () => asRep({ query: 'subscription { dealChanged { id } }' })],
    ['BAD_REQUEST', () => app.request.get('/graphql').query({ query: 'mutation { login(email: "a@b.c", password: "x") { accessToken } }' }).set('apollo-require-preflight', 'true')],
    ['PAYLOAD_TOO_LARGE', () => app.request.post('/graphql').set('content-type', 'application/json').send(`{"query":"${' '.repeat(1_100_000)}"}`)],
    ['UNSUPPORTED_MEDIA_TYPE', () => app.request.post('/graphql').set('content-type', 'application/json; charset=utf-16').send('{}')],
  ];

  it.each(cases)('%s', async (code, send) => {
    const response = await send();
    const body = Array.isArray(response.body) ? response.body[0] : response.body;
    expect(body.errors?.map((error: { extensions: { code: string } }) => error.extensions.code)).toContain(code);
    expect(readmeCodes().get(code)).toContain(response.status);
  });
});
