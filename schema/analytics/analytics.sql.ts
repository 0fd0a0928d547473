import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';

/**
 * The ids of the rows `scope` lets the viewer see, as one SQL sub-query: the owning module's row scope put into SQL by
 * MikroORM (joins and all), never restated by hand and never evaluated over loaded rows. Values are inlined, escaped,
 * by the query builder, so the text can sit inside a larger statement with parameters of its own.
 */
export function scopedIds<Row extends object>(em: EntityManager, entity: EntityName<Row>, scope: FilterQuery<Row>): string {
  return em.createQueryBuilder(entity, 'scoped').select('scoped.id').where(scope).getFormattedQuery();
}

/** A time zone name as a SQL literal (config-validated IANA names have no quotes; doubled anyway). */
export function zoneLiteral(zone: string): string {
  return `'${zone.replace(/'/g, "''")}'`;
}

/** A PostgreSQL array literal of uuids, bound as one parameter. */
export function uuidArray(ids: Iterable<string>): string {
  return `{${[...ids].join(',')}}`;
}

/** Days from `from` to `to` (ISO days), plus one: both included. */
export function daysIncluded(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
