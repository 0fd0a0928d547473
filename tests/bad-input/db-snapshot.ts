import type { EntityManager } from '@mikro-orm/postgresql';

/** Row count and an md5 of every row's text, per table: equal snapshots mean no row was added, removed or changed. */
export type DatabaseSnapshot = Record<string, { rows: number; md5: string }>;

/** One statement over every table of the public schema (the demo database is small: ~25 ms). */
export async function snapshotSql(em: EntityManager): Promise<string> {
  const tables = await em.getConnection().execute<{ name: string }[]>(`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
  return tables
    .map(({ name }) => `select '${name}' as name, count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5 from "${name}" t`)
    .join(' union all ');
}

export async function takeSnapshot(em: EntityManager, sql: string): Promise<DatabaseSnapshot> {
  const rows = await em.getConnection().execute<{ name: string; rows: number; md5: string }[]>(sql);
  return Object.fromEntries(rows.map((row) => [row.name, { rows: row.rows, md5: row.md5 }]));
}

/** The tables whose count or checksum differ. */
export function changedTables(before: DatabaseSnapshot, after: DatabaseSnapshot): string[] {
  return Object.keys({ ...before, ...after }).filter(
    (name) => before[name]?.rows !== after[name]?.rows || before[name]?.md5 !== after[name]?.md5,
  );
}
