import { ReferenceKind, type EntityManager } from '@mikro-orm/postgresql';
import { readRows } from '../api/database/read-rows';
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
});
