import { ReferenceKind, type EntityManager } from '@mikro-orm/postgresql';
import { readRows } from '../api/database/read-rows';
import { GRAPHQL_PATH } from '../api/server';
import { demoId } from '../seeds/demo-ids';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Read rows stand in for managed entities wherever the API only reads: for every table of the demo year, the first
 * rows read both ways must hold the same values (relations as their ids) and the same prototype.
 */
describe('read rows hold what managed entities hold', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({}, { demoYear: true });
  });
  afterAll(() => app.close());

  const comparable = (value: unknown): unknown => {
    if (value instanceof Date) return value.toISOString();
    if (value !== null && typeof value === 'object' && 'id' in value) return { id: (value as { id: unknown }).id };
    if (value !== null && typeof value === 'object') return JSON.parse(JSON.stringify(value));
    return value;
  };

  it('matches em.find on every entity with rows, column by column', async () => {
    const metadata = Object.values(app.orm.getMetadata().getAll()).filter((meta) => !meta.virtual && !meta.pivotTable && !meta.embeddable && meta.class !== undefined && meta.primaryKeys.length === 1);
    let compared = 0;
    const entitiesWithRows: string[] = [];
    for (const meta of metadata) {
      const managed = await app.orm.em.fork().find(meta.class, {}, { limit: 25, orderBy: { [meta.primaryKeys[0]]: 'asc' } as never });
      const read = await readRows(app.orm.em.fork() as EntityManager, meta.class as new () => object, {}, { limit: 25, orderBy: { [meta.primaryKeys[0]]: 'asc' } as never });
      expect(read.length).toBe(managed.length);
      if (managed.length > 0) entitiesWithRows.push(meta.className);
      managed.forEach((entity, index) => {
        const row = read[index] as Record<string, unknown>;
        expect(row).toBeInstanceOf(meta.class);
        for (const prop of meta.props) {
          if (prop.persist === false || prop.lazy) continue;
          if (![ReferenceKind.SCALAR, ReferenceKind.EMBEDDED, ReferenceKind.MANY_TO_ONE].includes(prop.kind) && !(prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) continue;
          const expected = comparable((entity as Record<string, unknown>)[prop.name]);
          expect({ entity: meta.className, property: prop.name, value: comparable(row[prop.name]) }).toEqual({ entity: meta.className, property: prop.name, value: expected });
          compared += 1;
        }
      });
    }
    expect(entitiesWithRows.length).toBeGreaterThan(40);
    expect(compared).toBeGreaterThan(5000);
  });

  it('shows in a later mutation what an earlier mutation of the same document changed', async () => {
    const token = await app.tokenFor('jianguo.wang@huaxin.demo');
    const post = async (query: string, variables: Record<string, unknown>) => {
      const response = await app.request.post(GRAPHQL_PATH).set('authorization', `Bearer ${token}`).send({ query, variables });
      expect(response.body.errors).toBeUndefined();
      return response.body.data;
    };
    const dealId = demoId('opportunity:jingcheng-pumps');
    const before = await post('query ($id: ID!) { opportunity(id: $id) { version customer { id version industry } } }', { id: dealId });
    const { customer } = before.opportunity;
    // The first mutation's answer reads the customer through the request's loaders; the second changes it; the
    // third's answer must read it as it is now, not as the loaders cached it.
    const data = await post(
      `mutation ($deal: ID!, $dealVersion: Int!, $customer: ID!, $customerVersion: Int!) {
        first: updateOpportunity(id: $deal, version: $dealVersion, input: { nextStep: "第一步" }) { version customer { industry } }
        change: updateCustomer(id: $customer, version: $customerVersion, input: { industry: "水务与环保" }) { industry }
        third: updateOpportunity(id: $deal, version: $nextVersion, input: { nextStep: "第二步" }) { customer { industry } }
      }`.replace('$nextVersion', String(before.opportunity.version + 1)),
      { deal: dealId, dealVersion: before.opportunity.version, customer: customer.id, customerVersion: customer.version },
    );
    expect(data.first.customer.industry).toBe(customer.industry);
    expect(data.change.industry).toBe('水务与环保');
    expect(data.third.customer.industry).toBe('水务与环保');
  });
});
