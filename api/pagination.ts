import { Cursor, RawQueryFragment, type EntityData, type EntityManager, type EntityMetadata, type EntityProperty, type FilterQuery, type QueryOrderMap } from '@mikro-orm/postgresql';
import { Max, Min } from 'class-validator';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { readData, readRowsOf } from './database/read-rows';
import { isUuid } from './ids';
import { UserInputError } from './errors';
import { rowReaders } from './permissions/access-rule';
import { ReadableBy } from './permissions/policy-registry';
import { DATE_MAX, DATE_MIN, readText, TEXT } from './validation';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}

@ObjectType({ description: 'Relay page information.' })
@ReadableBy(rowReaders)
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<Node> {
  edges: { cursor: string; node: Node }[];
  nodes: Node[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type for `nodeType`, named `<Name>Connection` with `<Name>Edge`. */
export function Connection<Node extends object>(nodeType: ClassType<Node>, name: string) {
  @ObjectType(`${name}Edge`)
  @ReadableBy(rowReaders)
  class Edge {
    @Field({ description: 'Opaque keyset cursor of this node.' })
    cursor!: string;

    @Field(() => nodeType)
    node!: Node;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} nodes, keyset-paginated.` })
  @ReadableBy(rowReaders)
  abstract class ConnectionType implements ConnectionShape<Node> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [nodeType], { description: 'The nodes of `edges`, for clients that need no cursors.' })
    nodes!: Node[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Rows matching the filter that the viewer may see.' })
    totalCount!: number;
  }
  return ConnectionType;
}

const NOT_A_CURSOR = 'is not a cursor returned by this list';
const DECIMAL_TEXT = /^-?\d{1,20}(\.\d{1,10})?$/;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a decoded cursor value has the type of the column it stands for, so PostgreSQL never sees a mistyped one. */
function fitsColumn(value: unknown, property: EntityProperty | undefined): boolean {
  if (property === undefined) return false;
  if (value === null) return property.nullable === true;
  const column = (property.columnTypes?.[0] ?? String(property.type)).toLowerCase();
  if (column === 'uuid') return typeof value === 'string' && isUuid(value);
  if (column.startsWith('timestamp')) {
    return value instanceof Date && !Number.isNaN(value.getTime()) && value.toISOString().slice(0, 10) >= DATE_MIN && value.getUTCFullYear() <= 9999;
  }
  if (column === 'date') return typeof value === 'string' && DATE_TEXT.test(value) && value >= DATE_MIN && value <= DATE_MAX && !Number.isNaN(Date.parse(value));
  if (column.startsWith('numeric') || column.startsWith('decimal')) {
    return (typeof value === 'string' && DECIMAL_TEXT.test(value)) || (typeof value === 'number' && Number.isFinite(value));
  }
  if (/^(smallint|int|integer|bigint)/.test(column)) return typeof value === 'number' && Number.isSafeInteger(value);
  if (column.startsWith('bool')) return typeof value === 'boolean';
  if (Array.isArray(property.items)) return typeof value === 'string' && (property.items as unknown[]).includes(value);
  // Text: anything PostgreSQL stores (no NUL, no unpaired surrogate).
  return typeof value === 'string' && readText(value, TEXT.text, false).ok;
}

/**
 * A cursor is ours only if it holds one value per sort key, each of its column's type: anything else is refused at
 * `after` instead of reaching the database (a mistyped value would fail there).
 */
function assertValidCursor(after: string, orderBy: object, meta: EntityMetadata | undefined): void {
  let values: unknown[];
  try {
    values = Cursor.decode(after);
  } catch {
    throw UserInputError.field('after', NOT_A_CURSOR);
  }
  const keys = Object.keys(orderBy);
  if (!Array.isArray(values) || values.length !== keys.length) throw UserInputError.field('after', NOT_A_CURSOR);
  if (!keys.every((key, index) => fitsColumn(values[index], meta?.properties[key as never]))) throw UserInputError.field('after', NOT_A_CURSOR);
}

export interface FindPageOptions {
  /**
   * Whether to run the `count(*)` behind `totalCount` (default true). Resolvers pass `selectsTotalCount(info)`, so a
   * page that does not ask for the total costs one statement fewer.
   */
  includeCount?: boolean;
}

function selectsField(selectionSet: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo, seen: Set<string>): boolean {
  if (selectionSet === undefined) return false;
  return selectionSet.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === name;
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectsField(selection.selectionSet, name, info, seen);
    const fragmentName = selection.name.value;
    if (seen.has(fragmentName)) return false;
    seen.add(fragmentName);
    return selectsField(info.fragments[fragmentName]?.selectionSet, name, info, seen);
  });
}

/**
 * Whether the client selected `totalCount` on the connection this resolver returns (directly or through
 * fragments). `@skip`/`@include` are not evaluated: a conditional selection counts, which is merely the old cost.
 */
export function selectsTotalCount(info: GraphQLResolveInfo): boolean {
  const seen = new Set<string>();
  return info.fieldNodes.some((node) => selectsField(node.selectionSet, 'totalCount', info, seen));
}

/**
 * One keyset page (MikroORM's cursor): `WHERE (sort, id) > cursor ORDER BY sort, id LIMIT first + 1`, plus a count
 * unless `includeCount` is false. `orderBy` must end with a unique column so the order is total. The nodes are read
 * rows (database/read-rows.ts), not managed entities.
 */
export async function findPage<Row extends object>(
  em: EntityManager,
  entity: ClassType<Row>,
  where: FilterQuery<Row>,
  page: PageArgs,
  orderBy: QueryOrderMap<Row>,
  options: FindPageOptions = {},
): Promise<ConnectionShape<Row>> {
  if (page.after !== undefined && page.after !== null) assertValidCursor(page.after, orderBy, em.getMetadata().find(entity.name));
  const includeCount = options.includeCount ?? true;
  const window = { first: page.first, after: page.after ?? undefined, orderBy, overfetch: true };
  // One `where` serves two statements: a raw fragment in it (a search expression) must outlive the first, as
  // MikroORM's findAndCount keeps it.
  const [data, totalCount] = await RawQueryFragment.run(() =>
    Promise.all([readData(em, entity, where, window), includeCount ? em.count(entity, where) : Promise.resolve(undefined)]),
  );
  // The cursor is computed from the driver's rows (foreign keys as values), as it is from managed entities.
  const cursor = new Cursor<Row>(data as never, totalCount ?? 0, window, em.getMetadata().get(entity.name));
  const nodes = readRowsOf(em, entity, cursor.items as EntityData<Row>[]);
  const cursors = cursor.items.map((item) => cursor.from(item));
  const shape = {
    edges: nodes.map((node, index) => ({ cursor: cursors[index], node })),
    nodes,
    pageInfo: {
      hasNextPage: cursor.hasNextPage,
      hasPreviousPage: cursor.hasPrevPage,
      startCursor: cursor.startCursor,
      endCursor: cursor.endCursor,
    },
  };
  if (includeCount) return { ...shape, totalCount: totalCount as number };
  return Object.defineProperty(shape, 'totalCount', {
    enumerable: false,
    get(): number {
      // Only reachable if a resolver decided wrongly that totalCount was not selected.
      throw new Error('totalCount was not counted: pass includeCount when the client selects it');
    },
  }) as ConnectionShape<Row>;
}
