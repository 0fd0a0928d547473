import type { EntityManager, FilterQuery, QueryOrderMap } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { readRows } from './database/read-rows';

type EntityClass<Row> = new (...args: never[]) => Row;

/** A scope that matches no row: what a request without a viewer may load, and what a refusing rule means in SQL. */
export const MATCHES_NOTHING = { id: { $in: [] as string[] } };

/**
 * Batches lookups by id into one `WHERE id IN (…) AND <row scope>` per tick. Rows outside the scope come back as
 * null, exactly as if they did not exist. Rows are read rows (database/read-rows.ts): for reading, not for changing.
 */
export function entityByIdLoader<Row extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<Row>,
  scope: FilterQuery<Row>,
): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => {
    const rows = await readRows(em, entity, { $and: [{ id: { $in: [...ids] } }, scope] } as FilterQuery<Row>);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Batches "children of parent X" lookups (members of a unit, sub-units) into one query per tick. */
export function rowsByParentLoader<Row extends object>(
  em: EntityManager,
  entity: EntityClass<Row>,
  parentProperty: keyof Row & string,
  scope: FilterQuery<Row>,
  orderBy: QueryOrderMap<Row>,
): DataLoader<string, Row[]> {
  return childrenLoader(em, entity, parentProperty, (parentIds) => ({ $and: [{ [parentProperty]: { $in: parentIds } }, scope] }) as FilterQuery<Row>, orderBy);
}

/**
 * Batches "children of parent X" lookups for children seen with their parent (the lines of a contract or an order,
 * a shipment's lines): `parentScope` is the parent's row scope. The parents' ids go into the condition on the
 * joined parent with its scope (`parent.id in (…) and <scope>`), so the planner starts from the parents' primary key.
 * With the ids on the child's foreign key instead, it may scan the whole parent table for the scope and hash it
 * (contract lines: 10–25 ms for a page of 50 contracts, against 1 ms; tests/bench/README.md).
 */
export function childrenOfVisibleParentsLoader<Row extends object>(
  em: EntityManager,
  entity: EntityClass<Row>,
  parentProperty: keyof Row & string,
  parentScope: FilterQuery<object>,
  orderBy: QueryOrderMap<Row>,
): DataLoader<string, Row[]> {
  return childrenLoader(em, entity, parentProperty, (parentIds) => ({ [parentProperty]: { $and: [{ id: { $in: parentIds } }, parentScope] } }) as FilterQuery<Row>, orderBy);
}

function childrenLoader<Row extends object>(
  em: EntityManager,
  entity: EntityClass<Row>,
  parentProperty: keyof Row & string,
  where: (parentIds: string[]) => FilterQuery<Row>,
  orderBy: QueryOrderMap<Row>,
): DataLoader<string, Row[]> {
  return new DataLoader(async (parentIds) => {
    const rows = await readRows(em, entity, where([...parentIds]), { orderBy: [orderBy] });
    const grouped = new Map<string, Row[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) {
      const parent = row[parentProperty] as { id: string } | null;
      if (parent !== null) grouped.get(parent.id)?.push(row);
    }
    return parentIds.map((id) => grouped.get(id) ?? []);
  });
}
