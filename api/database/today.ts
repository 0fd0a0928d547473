import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Today as the database sees it (`current_date`, as `YYYY-MM-DD`), so every API process and the database's own
 * checks agree on the day whatever the machines' clocks and time zones.
 */
export async function databaseToday(em: EntityManager): Promise<string> {
  const [row] = await em.execute<{ today: string }[]>(`select current_date::text as today`);
  return row.today;
}
