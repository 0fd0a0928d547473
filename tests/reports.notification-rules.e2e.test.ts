import pg from 'pg';
import { REPORT_NOTIFICATION_RULES } from '../schema/reports/reports.notification-rules';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people, units, userId } from './fixtures/demo-people';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The work reports' notification rules (schema/reports/reports.notification-rules.ts), run directly against the
 * database as the hourly runner will: `$1` now, `$2` the company time zone. Each yields the right rows, once per cause,
 * and the same cause keys every time it is evaluated again; a runner inserting with `on conflict do nothing` (as the
 * notifications module does) therefore notifies each recipient of each cause once.
 *
 * "Now" is Tuesday 2026-11-10 10:00 in Shanghai (02:00 UTC), on a database with the demo company and no reports.
 */
let app: TestApp;
let client: pg.Client;
const ZONE = 'Asia/Shanghai';
const NOW = '2026-11-10T02:00:00Z';
const rep = userId(people.shanghai1Rep);
const teammate = userId(people.shanghai1Teammate);
const manager = userId(people.shanghai1Manager);
const director = userId(people.eastDirector);

interface RuleRow {
  recipient_id: string;
  cause: string;
  subject_type: string;
  subject_id: string;
  due_at: Date | null;
  params: Record<string, unknown>;
}

async function run(kind: string, now = NOW, zone = ZONE): Promise<RuleRow[]> {
  const rule = REPORT_NOTIFICATION_RULES.find((each) => each.kind === kind)!;
  const { rows } = await client.query<RuleRow>(rule.sql, [now, zone]);
  return rows;
}

const keys = (rows: RuleRow[]): string[] => rows.map((row) => `${row.recipient_id} ${row.cause}`).sort();

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  client = new pg.Client({ connectionString: app.config.databaseUrl });
  await client.connect();
  // The demo people were hired long before: none of their periods is left out for that.
  await client.query(`update app_user set hire_date = '2020-01-01' where hire_date > '2020-01-01'`);
}, 180_000);

afterAll(async () => {
  await client.end();
  await app.close();
});

async function insertReport(author: string, kind: string, periodStart: string, status: string, submittedAt: string | null, late = false): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `insert into work_report (id, author_id, org_unit_id, kind, period_start, period_end, status, deadline_at, submitted_at, late)
     select gen_random_uuid(), u.id, u.unit_id, $2::work_report_kind, $3::date, salesgraph_report_period_end($2::work_report_kind, $3::date), $4::work_report_status,
            salesgraph_report_deadline($2::work_report_kind, u.role, $3::date, $6), $5::timestamptz, $7
       from app_user u where u.id = $1 returning id`,
    [author, kind, periodStart, status, submittedAt, ZONE, late],
  );
  return rows[0].id;
}

describe('the rules', () => {
  it('are the four kinds of this module, each one SELECT of the agreed columns', async () => {
    expect(REPORT_NOTIFICATION_RULES.map((rule) => rule.kind)).toEqual(['REPORT_DUE', 'REPORT_LATE', 'REPORT_REVIEWED', 'ACTION_ITEM_DUE']);
    for (const rule of REPORT_NOTIFICATION_RULES) {
      const result = await client.query(rule.sql, [NOW, ZONE]);
      expect({ kind: rule.kind, columns: result.fields.map((field) => field.name) }).toEqual({
        kind: rule.kind,
        columns: ['recipient_id', 'cause', 'subject_type', 'subject_id', 'due_at', 'params'],
      });
    }
  });
});

describe('REPORT_DUE', () => {
  it('today’s daily log (due tomorrow 09:00) to everyone who files one, once each; nothing else is due within 24 hours', async () => {
    const rows = await run('REPORT_DUE');
    const { rows: filers } = await client.query<{ id: string }>(
      `select u.id from app_user u join report_deadline d on d.role = u.role and d.kind = 'DAILY' where u.status = 'ACTIVE' order by u.id`,
    );
    expect(rows.map((row) => row.recipient_id).sort()).toEqual(filers.map((row) => row.id));
    expect(new Set(keys(rows)).size).toBe(rows.length);
    const mine = rows.find((row) => row.recipient_id === rep)!;
    expect(mine).toMatchObject({
      cause: `report:${rep}:DAILY:2026-11-10:due`,
      subject_type: 'User',
      subject_id: rep,
      params: { kind: 'DAILY', periodStart: '2026-11-10', periodEnd: '2026-11-10', deadlineAt: '2026-11-11T01:00:00Z', deadlineLocal: '2026-11-11 09:00', timeZone: ZONE, reportId: null },
    });
    expect(new Date(mine.due_at!).toISOString()).toBe('2026-11-11T01:00:00.000Z');
    expect(keys(await run('REPORT_DUE'))).toEqual(keys(rows));
  });

  it('a draft still counts (its subject is then the report); a submitted one does not', async () => {
    const draft = await insertReport(rep, 'DAILY', '2026-11-10', 'DRAFT', null);
    await insertReport(teammate, 'DAILY', '2026-11-10', 'SUBMITTED', '2026-11-10T01:00:00Z');
    const rows = await run('REPORT_DUE');
    expect(rows.find((row) => row.recipient_id === rep)).toMatchObject({ cause: `report:${rep}:DAILY:2026-11-10:due`, subject_type: 'WorkReport', subject_id: draft });
    expect(rows.some((row) => row.recipient_id === teammate)).toBe(false);
  });

  it('on Saturday nothing daily is due; on Sunday afternoon the reps’ weekly report is', async () => {
    const saturday = await run('REPORT_DUE', '2026-11-14T02:00:00Z');
    expect(saturday.some((row) => String(row.params.kind) === 'DAILY')).toBe(false);
    const sunday = await run('REPORT_DUE', '2026-11-15T06:00:00Z');
    expect(sunday.find((row) => row.recipient_id === rep)).toMatchObject({ cause: `report:${rep}:WEEKLY:2026-11-09:due`, params: { deadlineLocal: '2026-11-16 00:00' } });
    // The managers' weekly report is due Monday 12:00: within 24 hours only from Sunday noon.
    expect(sunday.find((row) => row.recipient_id === manager)).toMatchObject({ cause: `report:${manager}:WEEKLY:2026-11-09:due`, params: { deadlineLocal: '2026-11-16 12:00' } });
  });
});

describe('REPORT_LATE', () => {
  it('every period whose deadline passed in the last 7 days without a report, to the author and to their manager', async () => {
    const rows = await run('REPORT_LATE');
    expect(new Set(keys(rows)).size).toBe(rows.length);
    const repCauses = rows.filter((row) => row.recipient_id === rep).map((row) => row.cause).sort();
    // Daily logs of 11-03 … 11-09 (weekdays; 11-02's was due 11-03 09:00, more than 7 days ago; 11-10's is not due
    // yet), the week of 11-02 and October.
    expect(repCauses).toEqual(
      [
        ...['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09'].map((day) => `report:${rep}:DAILY:${day}:late`),
        `report:${rep}:MONTHLY:2026-10-01:late`,
        `report:${rep}:WEEKLY:2026-11-02:late`,
      ].sort(),
    );
    // The manager hears of each of his reps' periods too.
    const toManager = rows.filter((row) => row.recipient_id === manager && String(row.params.authorId) === rep).map((row) => row.cause).sort();
    expect(toManager).toEqual(repCauses);
    expect(rows.find((row) => row.recipient_id === manager && row.cause === `report:${rep}:WEEKLY:2026-11-02:late`)!.params).toMatchObject({
      recipientRole: 'MANAGER',
      authorName: people.shanghai1Rep.name,
      missing: true,
      deadlineLocal: '2026-11-09 00:00',
    });
    // The team manager's own late reports go to the director.
    expect(rows.some((row) => row.recipient_id === director && row.cause === `report:${manager}:WEEKLY:2026-11-02:late`)).toBe(true);
    expect(keys(await run('REPORT_LATE'))).toEqual(keys(rows));
  });

  it('a report handed in on time is not late; one handed in after its deadline keeps its cause (missing: false)', async () => {
    await insertReport(rep, 'WEEKLY', '2026-11-02', 'SUBMITTED', '2026-11-08T10:00:00Z');
    await insertReport(rep, 'MONTHLY', '2026-10-01', 'LATE', '2026-11-05T10:00:00Z', true);
    const rows = await run('REPORT_LATE');
    const mine = rows.filter((row) => row.recipient_id === rep);
    expect(mine.some((row) => row.cause === `report:${rep}:WEEKLY:2026-11-02:late`)).toBe(false);
    expect(mine.find((row) => row.cause === `report:${rep}:MONTHLY:2026-10-01:late`)).toMatchObject({ subject_type: 'WorkReport', params: { missing: false } });
  });

  it('a runner inserting each row with on conflict do nothing notifies each recipient of each cause once, however often it runs', async () => {
    await client.query(`create temp table sim (recipient_id uuid, kind text, cause text, unique (recipient_id, kind, cause))`);
    const insert = async (now: string): Promise<number> => {
      let added = 0;
      for (const rule of REPORT_NOTIFICATION_RULES) {
        const result = await client.query(
          `insert into sim (recipient_id, kind, cause) select recipient_id, $3, cause from (${rule.sql}) r on conflict do nothing`,
          [now, ZONE, rule.kind],
        );
        added += result.rowCount ?? 0;
      }
      return added;
    };
    const first = await insert(NOW);
    expect(first).toBeGreaterThan(0);
    expect(await insert(NOW)).toBe(0);
    // An hour later only what became due in that hour is new.
    const later = await insert('2026-11-10T03:00:00Z');
    const { rows } = await client.query<{ count: number }>(`select count(*)::int as count from sim`);
    expect(rows[0].count).toBe(first + later);
  });
});

describe('REPORT_REVIEWED', () => {
  it('a report reviewed in the last 7 days, to its author with the score; again the same cause', async () => {
    const id = await insertReport(teammate, 'WEEKLY', '2026-11-02', 'SUBMITTED', '2026-11-08T10:00:00Z');
    await client.query(`update work_report set status = 'REVIEWED', score = 5, reviewed_by_id = $2, reviewed_at = '2026-11-09T08:00:00Z', review_comment = '好' where id = $1`, [id, manager]);
    const rows = await run('REPORT_REVIEWED');
    expect(rows).toEqual([
      expect.objectContaining({
        recipient_id: teammate,
        cause: `report:${id}:reviewed`,
        subject_type: 'WorkReport',
        subject_id: id,
        due_at: null,
        params: expect.objectContaining({ kind: 'WEEKLY', periodStart: '2026-11-02', reviewerId: manager, reviewerName: people.shanghai1Manager.name, score: 5, late: false, reviewedLocal: '2026-11-09 16:00' }),
      }),
    ]);
    expect(keys(await run('REPORT_REVIEWED'))).toEqual(keys(rows));
    // Not before it happened, nor a week after.
    expect(await run('REPORT_REVIEWED', '2026-11-09T07:00:00Z')).toEqual([]);
    expect(await run('REPORT_REVIEWED', '2026-11-17T09:00:00Z')).toEqual([]);
  });
});

describe('ACTION_ITEM_DUE', () => {
  it('open items due today or tomorrow (company time) or overdue up to a week, to their owners; done ones and later ones not', async () => {
    const { rows: [meeting] } = await client.query<{ id: string }>(
      `insert into meeting (id, kind, org_unit_id, held_on, title, attendee_ids, created_by_id)
       values (gen_random_uuid(), 'TEAM', $1, '2026-11-09', '周例会', $2::uuid[], $3) returning id`,
      [units.shanghai1, `{${[manager, rep, teammate].join(',')}}`, manager],
    );
    const item = async (owner: string, dueOn: string, status = 'OPEN'): Promise<string> => {
      const { rows } = await client.query<{ id: string }>(
        `insert into meeting_action_item (id, meeting_id, position, description, owner_id, due_on, status, done_at)
         values (gen_random_uuid(), $1, 1, '跟进', $2, $3, $4::action_item_status, case when $4::text = 'DONE' then now() end) returning id`,
        [meeting.id, owner, dueOn, status],
      );
      return rows[0].id;
    };
    const today = await item(rep, '2026-11-10');
    const tomorrow = await item(teammate, '2026-11-11');
    const overdue = await item(rep, '2026-11-05');
    await item(rep, '2026-11-12');
    await item(teammate, '2026-11-10', 'DONE');
    await item(rep, '2026-10-30');
    const rows = await run('ACTION_ITEM_DUE');
    expect(rows.map((row) => [row.recipient_id, row.cause]).sort()).toEqual(
      [
        [rep, `action-item:${today}:due`],
        [teammate, `action-item:${tomorrow}:due`],
        [rep, `action-item:${overdue}:due`],
      ].sort(),
    );
    const first = rows.find((row) => row.subject_id === today)!;
    expect(first).toMatchObject({ subject_type: 'MeetingActionItem', params: { description: '跟进', dueOn: '2026-11-10', meetingId: meeting.id, meetingTitle: '周例会', meetingKind: 'TEAM', heldOn: '2026-11-09' } });
    expect(new Date(first.due_at!).toISOString()).toBe('2026-11-10T16:00:00.000Z');
    expect(keys(await run('ACTION_ITEM_DUE'))).toEqual(keys(rows));
  });
});

describe('another time zone', () => {
  it('New York: today’s daily log is due at 09:00 New York time tomorrow', async () => {
    // 2026-11-10 10:00 New York (EST) is 15:00 UTC.
    const rows = await run('REPORT_DUE', '2026-11-10T15:00:00Z', 'America/New_York');
    expect(rows.find((row) => row.recipient_id === userId(people.southRep))).toMatchObject({
      cause: `report:${userId(people.southRep)}:DAILY:2026-11-10:due`,
      params: { deadlineAt: '2026-11-11T14:00:00Z', deadlineLocal: '2026-11-11 09:00', timeZone: 'America/New_York' },
    });
  });
});
