import { seedDemoReportsIfEmpty } from '../seeds/demo-reports.seeder';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The demo work reports and meetings (seeds/demo-reports.seeder.ts) in the demo year: November 2026's daily, weekly
 * and monthly reports of everyone who files them, in every state, and two meetings. The seeding is set-based: seconds.
 */
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp({}, { demoYear: true });
}, 120_000);

afterAll(() => app.close());

async function sql<Row>(text: string, params: unknown[] = []): Promise<Row[]> {
  return app.orm.em.fork().execute<Row[]>(text, params);
}

describe('the demo work reports', () => {
  it('are in the demo year already, and seeding again leaves them as they are', async () => {
    expect(await seedDemoReportsIfEmpty(app.orm, app.config)).toBe(false);
  });

  it('cover November 2026 for every kind, with reports missing, drafts, late, on time and reviewed', async () => {
    const rows = await sql<{ kind: string; status: string; late: boolean; count: number }>(
      `select kind::text, status::text, late, count(*)::int as count from work_report group by 1, 2, 3 order by 1, 2, 3`,
    );
    const kinds = new Set(rows.map((row) => row.kind));
    expect([...kinds].sort()).toEqual(['DAILY', 'IMPORTANT_MATTER', 'MONTHLY', 'WEEKLY']);
    for (const status of ['DRAFT', 'SUBMITTED', 'LATE', 'REVIEWED']) expect(rows.some((row) => row.status === status)).toBe(true);
    expect(rows.some((row) => row.status === 'REVIEWED' && row.late)).toBe(true);
    const [daily] = await sql<{ reports: number; linked: number }>(
      `select count(distinct r.id)::int as reports, count(l.visit_id)::int as linked from work_report r left join work_report_visit l on l.report_id = r.id where r.kind = 'DAILY'`,
    );
    expect(daily.reports).toBeGreaterThan(400);
    expect(daily.linked).toBeGreaterThan(0);
    const [missing] = await sql<{ count: number }>(
      `select count(*)::int as count from app_user u join report_deadline d on d.role = u.role and d.kind = 'MONTHLY'
        where not exists (select 1 from work_report r where r.author_id = u.id and r.kind = 'MONTHLY' and r.period_start = '2026-11-01')`,
    );
    expect(missing.count).toBeGreaterThan(0);
  });

  it('hold one workReport.submitted and one workReport.reviewed, and two meetings with action items', async () => {
    const events = await sql<{ type: string; count: number }>(`select type, count(*)::int as count from domain_event where type like 'workReport.%' group by type order by type`);
    expect(events).toEqual([
      { type: 'workReport.reviewed', count: 1 },
      { type: 'workReport.submitted', count: 1 },
    ]);
    const meetings = await sql<{ kind: string; items: number }>(
      `select m.kind::text, count(i.id)::int as items from meeting m join meeting_action_item i on i.meeting_id = m.id group by m.id, m.kind order by m.kind::text`,
    );
    expect(meetings).toEqual([
      { kind: 'DIRECTOR', items: 2 },
      { kind: 'TEAM', items: 2 },
    ]);
  });
});
