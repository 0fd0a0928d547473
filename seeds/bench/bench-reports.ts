import type pg from 'pg';
import { GENERATED_REPORTS_SQL, generatedReportsParams } from '../demo-reports.seeder';

/** What the bench's work reports cover: October 1st up to the dataset's today (2026-11-20), as the demo month's are made. */
export const BENCH_REPORTS = { from: '2026-10-01', to: '2026-11-19' };

/** `?` placeholders, in order, as PostgreSQL's `$1`, `$2`, … (the generated SQL has no other question mark). */
function positional(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

/**
 * The bench dataset's work reports (for "who is late", tests/bench/README.md): every rep's, manager's and director's
 * daily, weekly and monthly reports of `BENCH_REPORTS`, generated as the demo's are (seeds/demo-reports.seeder.ts), and
 * the daily logs' visits. Two statements; returns the rows added.
 */
export async function seedBenchReports(client: pg.ClientBase, zone: string): Promise<{ reports: number; visits: number }> {
  const reports = await client.query(positional(GENERATED_REPORTS_SQL), generatedReportsParams(BENCH_REPORTS.from, BENCH_REPORTS.to, zone));
  const visits = await client.query(
    `insert into work_report_visit (report_id, visit_id)
     select r.id, v.id from work_report r
       join visit v on (v.visited_by_id = r.author_id or v.accompanied_by_id = r.author_id) and v.visited_on = r.period_start
      where r.kind = 'DAILY'
     on conflict do nothing`,
  );
  await client.query('vacuum (analyze) work_report, work_report_visit');
  return { reports: reports.rowCount ?? 0, visits: visits.rowCount ?? 0 };
}
