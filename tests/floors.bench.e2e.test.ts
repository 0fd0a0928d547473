import pg from 'pg';
import { print } from 'graphql';
import { FLOOR_SCENARIOS, OPPORTUNITIES_FLOOR_SQL, type Fixtures } from './bench/floors.bench';
import { BENCH_OPPORTUNITIES } from './graphql/bench.documents';
import { people, units, userId } from './fixtures/demo-people';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The floors of `npm run bench` (tests/bench/floors.bench.ts) on the demo year: each scenario's statement builds
 * exactly the JSON the API answers (same ids in the same order, same nested content), as the runner checks on the
 * bench dataset before it measures; so a change of the API's answer shows here, not in the middle of a bench run.
 */
let app: TestApp;
let client: pg.Client;
const fixtures: Fixtures = { rep: { email: people.shanghai1Rep.email, role: 'sales rep', deals: 0 }, units: { east: units.east } };

beforeAll(async () => {
  app = await createTestApp({}, { demoYear: true });
  client = new pg.Client({ connectionString: app.config.databaseUrl });
  await client.connect();
}, 120_000);

afterAll(async () => {
  await client.end();
  await app.close();
});

it.each(FLOOR_SCENARIOS.map((scenario) => [scenario.key, scenario] as const))('%s: the floor statement answers the API’s JSON', async (_key, scenario) => {
  const { email } = scenario.as(fixtures);
  const token = await app.tokenFor(email);
  const response = await app.request
    .post('/graphql')
    .set('authorization', `Bearer ${token}`)
    .send({ query: scenario.query, variables: scenario.variables })
    .expect(200);
  const viewer = Object.values(people).find((person) => person.email === email)!;
  const { rows } = await client.query<{ body: string }>(scenario.floor.sql, scenario.floor.params(fixtures, userId(viewer)));
  expect(response.body.errors).toBeUndefined();
  // Not empty: a floor that agrees on nothing proves nothing.
  expect(JSON.stringify(response.body.data).length).toBeGreaterThan(200);
  expect(JSON.parse(rows[0]!.body)).toEqual(response.body);
});

it('the opportunities floor pages as the API does: hasNextPage and the keyset cursor of the last node', async () => {
  const token = await app.tokenFor(people.eastDirector.email);
  const response = await app.request
    .post('/graphql')
    .set('authorization', `Bearer ${token}`)
    .send({ query: print(BENCH_OPPORTUNITIES), variables: { first: 2 } })
    .expect(200);
  const { rows } = await client.query<{ body: string }>(OPPORTUNITIES_FLOOR_SQL, [userId(people.eastDirector), 2]);
  expect(response.body.data.opportunities.pageInfo.hasNextPage).toBe(true);
  expect(JSON.parse(rows[0]!.body)).toEqual(response.body);
});
