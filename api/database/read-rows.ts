import { ReferenceKind, type EntityData, type EntityManager, type EntityMetadata, type FilterQuery, type FindOptions, type Platform } from '@mikro-orm/postgresql';

type EntityClass<Row> = abstract new (...args: never[]) => Row;

/** What a read may ask for beyond its `where`: the order, a limit, or a keyset window (`first`/`after`). */
export type ReadOptions<Row extends object> = Pick<FindOptions<Row>, 'orderBy' | 'limit' | 'first' | 'after' | 'overfetch'>;

type Converter = (value: unknown) => unknown;

/** How one entity's driver rows become read rows: a constructor made once per entity. */
type RowMaker = new (data: Record<string, unknown>) => object;

const makers = new WeakMap<EntityMetadata, RowMaker>();

/**
 * The entity's prototype carries MikroORM's accessors (a property's first assignment creates the instance's change
 * tracking), so read rows get a prototype of their own between: the entity's, with each column shadowed by a plain
 * writable property. Assigning a column then never reaches the ORM, and `instanceof` and the entity's methods still
 * hold. The constructor assigns the columns in one fixed order, so every row of an entity shares one shape.
 */
function rowMakerOf(meta: EntityMetadata, platform: Platform): RowMaker {
  const known = makers.get(meta);
  if (known !== undefined) return known;
  const converters: Converter[] = [];
  const statements: string[] = [];
  const shadows: PropertyDescriptorMap = {};
  for (const prop of meta.props) {
    if (prop.persist === false || prop.lazy === true) continue;
    const key = JSON.stringify(prop.name);
    if (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.EMBEDDED) {
      const customType = prop.customType;
      if (customType === undefined) {
        statements.push(`this[${key}] = data[${key}];`);
      } else {
        converters.push((value) => customType.convertToJSValue(value, platform));
        statements.push(`{ const value = data[${key}]; this[${key}] = value === null || value === undefined ? value : converters[${converters.length - 1}](value); }`);
      }
    } else if (prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) {
      statements.push(`{ const value = data[${key}]; this[${key}] = value === null || value === undefined ? value : { id: value }; }`);
    } else {
      continue;
    }
    shadows[prop.name] = { value: undefined, writable: true, enumerable: true, configurable: true };
  }
  const maker = new Function('converters', `return function ReadRow(data) {\n${statements.join('\n')}\n};`)(converters) as RowMaker;
  maker.prototype = Object.create(meta.class.prototype as object, shadows) as object;
  makers.set(meta, maker);
  return maker;
}

/**
 * Reads rows for GraphQL without making them managed entities: one statement, as `em.find` would run it (the same
 * `where` processing, joins for nested conditions, order and keyset window), but each row becomes a plain object
 * with the entity's prototype, its columns as the entity holds them and each many-to-one as `{ id }` — what an
 * unloaded reference offers. No identity map, no change tracking, no hydration: on a page of 50 deals with their
 * customers, owners and 128 quote lines, creating and registering ~400 managed entities was most of the request's
 * CPU (README "Performance"). Writes keep loading managed entities through the ORM.
 */
export async function readRows<Row extends object>(
  em: EntityManager,
  entity: EntityClass<Row>,
  where: FilterQuery<Row>,
  options: ReadOptions<Row> = {},
): Promise<Row[]> {
  return readRowsOf(em, entity, await readData(em, entity, where, options));
}

/**
 * The rows as the driver maps them (properties by name, foreign keys as values), before they become read rows: what
 * a keyset cursor is computed from.
 */
export async function readData<Row extends object>(
  em: EntityManager,
  entity: EntityClass<Row>,
  where: FilterQuery<Row>,
  options: ReadOptions<Row> = {},
): Promise<EntityData<Row>[]> {
  const context = em.getContext() as EntityManager & EntityManagerInternals;
  const entityName = entity.name;
  // As em.find: pending changes of this entity are flushed first, so a read inside a write sees them.
  await context.tryFlush(entityName, {});
  const processed = await context.processWhere(entityName, where, {}, 'read');
  return context.getDriver().find<Row>(entityName, processed as never, {
    ...options,
    orderBy: (options.orderBy ?? []) as never,
    populate: [],
    ctx: context.getTransactionContext(),
    em: context,
  } as never) as Promise<EntityData<Row>[]>;
}

/** Turns rows the driver mapped (see readData) into read rows. */
export function readRowsOf<Row extends object>(em: EntityManager, entity: EntityClass<Row>, data: readonly EntityData<Row>[]): Row[] {
  const Maker = rowMakerOf(em.getMetadata().get(entity.name), em.getPlatform());
  return data.map((item) => new Maker(item as Record<string, unknown>) as Row);
}

/** The EntityManager's own steps em.find runs before the driver; not part of its typed surface. */
interface EntityManagerInternals {
  tryFlush(entityName: string, options: object): Promise<void>;
  processWhere(entityName: string, where: unknown, options: object, type: 'read'): Promise<unknown>;
}
