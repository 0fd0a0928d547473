import { Client } from 'pg';
import { seedDemoFollowUpIfEmpty } from '../seeds/demo-follow-up.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { demoId } from '../seeds/demo-ids';
import { FOLLOW_UP_NOTIFICATION_RULES } from '../schema/customers/follow-up.notification-rules';
import { people, userId } from './fixtures/demo-people';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The follow-up reminder rules' SQL, run as the notification job runs it ($1 now, $2 the company time zone) on the
 * demo sales data with the demo follow-ups: the right rows for the right people, and causes that stay the same from
 * one run to the next (the job inserts each cause once per recipient).
 */
interface RuleRow {
  recipient_id: string;
  cause: string;
  subject_type: string;
  subject_id: string;
  due_at: Date | null;
  params: Record<string, unknown>;
}

let app: TestApp;
let client: Client;
const TZ = 'Asia/Shanghai';
const ruleSql = (kind: string) => FOLLOW_UP_NOTIFICATION_RULES.find((rule) => rule.kind === kind)!.sql;

async function run(kind: string, now: string | Date, timeZone = TZ): Promise<RuleRow[]> {
  const result = await client.query<RuleRow>(ruleSql(kind), [now, timeZone]);
  return result.rows.sort((a, b) => `${a.cause}|${a.recipient_id}`.localeCompare(`${b.cause}|${b.recipient_id}`));
}

async function sql(text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return (await client.query(text, params)).rows;
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  expect(await seedDemoFollowUpIfEmpty(app.orm, app.config)).toBe(true);
  client = new Client({ connectionString: app.config.databaseUrl });
  await client.connect();
}, 120_000);

afterAll(async () => {
  await client.end();
  await app.close();
});

it('the rules are the three follow-up kinds, and each returns the columns the job inserts', async () => {
  expect(FOLLOW_UP_NOTIFICATION_RULES.map((rule) => rule.kind)).toEqual(['NEXT_STEP_DUE', 'VISIT_PLAN_DUE', 'KEY_CUSTOMER_UNVISITED']);
  for (const rule of FOLLOW_UP_NOTIFICATION_RULES) {
    const result = await client.query(`select * from (${rule.sql}) r limit 0`, [new Date(), TZ]);
    expect(result.fields.map((field) => field.name)).toEqual(['recipient_id', 'cause', 'subject_type', 'subject_id', 'due_at', 'params']);
  }
});

describe('NEXT_STEP_DUE', () => {
  it('open deals whose next-step date is today or past, to their owners, one cause per deal and date', async () => {
    const now = new Date();
    const rows = await run('NEXT_STEP_DUE', now);
    const expected = await sql(
      `select o.id, o.owner_id, o.next_step_date::text as day from opportunity o
        where o.next_step_date <= ($1::timestamptz at time zone $2::text)::date and o.stage not in ('WON', 'LOST') order by o.id`,
      [now, TZ],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((row) => [row.subject_id, row.recipient_id, row.cause]).sort()).toEqual(
      expected.map((row) => [row.id, row.owner_id, `opportunity:${row.id}:next-step:${row.day}`]).sort(),
    );
    expect(rows[0]).toMatchObject({ subject_type: 'Opportunity', params: { opportunityName: expect.any(String), customerName: expect.any(String), nextStep: expect.any(String), nextStepDate: expect.any(String) } });
    // Hourly runs yield the same causes, so each is notified once.
    expect((await run('NEXT_STEP_DUE', now)).map((row) => row.cause)).toEqual(rows.map((row) => row.cause));
  });

  it('a step moved to a later day is a new cause once that day comes; a closed deal reminds no more', async () => {
    const deal = demoId('opportunity:shenlian-drives');
    await sql(`update opportunity set next_step = '书面答复', next_step_date = '2031-03-10' where id = $1`, [deal]);
    expect((await run('NEXT_STEP_DUE', '2031-03-09T15:59:00Z')).filter((row) => row.subject_id === deal)).toEqual([]);
    // 2031-03-10 00:00 in Shanghai is 2031-03-09 16:00 UTC.
    const due = (await run('NEXT_STEP_DUE', '2031-03-09T16:00:00Z')).filter((row) => row.subject_id === deal);
    expect(due.map((row) => [row.cause, row.recipient_id, row.due_at?.toISOString()])).toEqual([
      [`opportunity:${deal}:next-step:2031-03-10`, userId(people.shanghai1Rep), '2031-03-09T16:00:00.000Z'],
    ]);
    await sql(`update opportunity set stage = 'LOST', lost_reason = '测试' where id = $1`, [deal]);
    expect((await run('NEXT_STEP_DUE', '2031-03-12T00:00:00Z')).filter((row) => row.subject_id === deal)).toEqual([]);
  });
});

describe('VISIT_PLAN_DUE', () => {
  const planId = '5d4f0a3e-0000-4000-8000-000000000001';
  const cancelledId = '5d4f0a3e-0000-4000-8000-000000000002';

  beforeAll(async () => {
    const customer = demoId('customer:shenlian-automation');
    const rep = userId(people.shanghai1Rep);
    await sql(
      `insert into visit_plan (id, customer_id, planned_by_id, planned_at, purpose, status, cancel_reason) values
         ($1, $3, $4, '2031-03-10 10:00+08', '方案交流', 'PLANNED', null),
         ($2, $3, $4, '2031-03-10 11:00+08', '方案交流', 'CANCELLED', '改期')`,
      [planId, cancelledId, customer, rep],
    );
  });

  const forPlan = async (now: string) => (await run('VISIT_PLAN_DUE', now)).filter((row) => [planId, cancelledId].includes(row.subject_id));

  it('reminds the planner the day before, from the first run of that company day', async () => {
    expect(await forPlan('2031-03-08T15:59:00Z')).toEqual([]); // 23:59 on the 8th in Shanghai
    const rows = await forPlan('2031-03-08T16:00:00Z'); // 00:00 on the 9th
    expect(rows).toEqual([
      {
        recipient_id: userId(people.shanghai1Rep),
        cause: `visit-plan:${planId}:day-before`,
        subject_type: 'VisitPlan',
        subject_id: planId,
        due_at: new Date('2031-03-10T02:00:00Z'),
        params: { customerName: expect.any(String), purpose: '方案交流', plannedAt: '2031-03-10T02:00:00Z', plannedOn: '2031-03-10', plannedTime: '10:00', moment: 'DAY_BEFORE' },
      },
    ]);
    expect((await forPlan('2031-03-09T12:00:00Z')).map((row) => row.cause)).toEqual([`visit-plan:${planId}:day-before`]);
  });

  it('and on the morning of it, from 07:00 company time until its time; never a cancelled plan', async () => {
    expect(await forPlan('2031-03-09T22:59:00Z')).toEqual([]); // 06:59 on the 10th
    expect((await forPlan('2031-03-09T23:00:00Z')).map((row) => [row.cause, row.params.moment])).toEqual([[`visit-plan:${planId}:morning`, 'MORNING']]);
    expect((await forPlan('2031-03-10T01:59:00Z')).map((row) => row.cause)).toEqual([`visit-plan:${planId}:morning`]);
    expect(await forPlan('2031-03-10T02:00:00Z')).toEqual([]);
  });

  it('reads days in the company time zone it is given', async () => {
    // In UTC the plan is on the 10th at 02:00: the day before is the 9th (UTC), and 07:00 UTC is after its time.
    expect((await run('VISIT_PLAN_DUE', '2031-03-09T00:30:00Z', 'UTC')).filter((row) => row.subject_id === planId).map((row) => row.params.plannedTime)).toEqual(['02:00']);
    expect((await run('VISIT_PLAN_DUE', '2031-03-08T23:30:00Z', 'UTC')).filter((row) => row.subject_id === planId)).toEqual([]);
  });

  it('a done plan reminds no more', async () => {
    const [visit] = await sql(`insert into visit (id, customer_id, visited_by_id, visited_on, purpose) values (gen_random_uuid(), $1, $2, '2031-03-10', '方案交流') returning id`, [
      demoId('customer:shenlian-automation'),
      userId(people.shanghai1Rep),
    ]);
    await sql(`update visit_plan set status = 'DONE', visit_id = $2, closed_at = now() where id = $1`, [planId, visit.id]);
    expect(await forPlan('2031-03-09T23:30:00Z')).toEqual([]);
  });
});

describe('KEY_CUSTOMER_UNVISITED', () => {
  it('key customers not contacted within their tier’s norm, to the owner and the key account manager', async () => {
    const now = new Date();
    const rows = await run('KEY_CUSTOMER_UNVISITED', now);
    const expected = await sql(
      `with last as (
         select c.id, c.owner_id, c.key_account_manager_id, n.max_days_between_contacts as days, c.created_at,
                greatest((select max(visited_on) from visit v where v.customer_id = c.id),
                         (select max((f.occurred_at at time zone $2::text)::date) from opportunity_follow_up f join opportunity o on o.id = f.opportunity_id where o.customer_id = c.id)) as contact
           from customer c join visit_norm n on n.tier = c.tier and n.service_mode <> 'AUTOMATED')
       select id, owner_id, key_account_manager_id, (coalesce(contact, (created_at at time zone $2::text)::date) + days)::text as due from last
        where coalesce(contact, (created_at at time zone $2::text)::date) + days < ($1::timestamptz at time zone $2::text)::date`,
      [now, TZ],
    );
    expect(expected.length).toBeGreaterThan(0);
    const wanted = expected.flatMap((row) =>
      [row.owner_id, row.key_account_manager_id].filter((id) => id !== null).map((recipient) => [row.id, recipient, `customer:${row.id}:unvisited:${row.due}`]),
    );
    expect(rows.map((row) => [row.subject_id, row.recipient_id, row.cause]).sort()).toEqual(wanted.sort());
    expect(rows[0]).toMatchObject({ subject_type: 'Customer', params: { customerName: expect.any(String), tier: expect.stringMatching(/^[AB]$/), maxDaysBetweenContacts: expect.any(Number), daysOverdue: expect.any(Number) } });
    expect((await run('KEY_CUSTOMER_UNVISITED', now)).map((row) => row.cause)).toEqual(rows.map((row) => row.cause));
  });

  it('a customer of a key tier with a key account manager reminds both; a contact ends it; an AUTOMATED tier never reminds', async () => {
    const baosteel = demoId('customer:baosteel-precision');
    // Far ahead every key customer is overdue: 宝钢精密 (A) reminds its owner 赵磊 and its key account manager 李慧敏.
    const later = (await run('KEY_CUSTOMER_UNVISITED', '2031-01-01T00:00:00Z')).filter((row) => row.subject_id === baosteel);
    expect(later.map((row) => row.recipient_id).sort()).toEqual([userId(people.keyAccountManager), userId(people.shanghai1Rep)].sort());
    expect(new Set(later.map((row) => row.cause)).size).toBe(1);
    await sql(`insert into visit (id, customer_id, visited_by_id, visited_on, purpose) values (gen_random_uuid(), $1, $2, '2030-12-30', '回访')`, [baosteel, userId(people.shanghai1Rep)]);
    expect((await run('KEY_CUSTOMER_UNVISITED', '2031-01-01T00:00:00Z')).filter((row) => row.subject_id === baosteel)).toEqual([]);
    await sql(`update visit_norm set service_mode = 'AUTOMATED'`);
    expect(await run('KEY_CUSTOMER_UNVISITED', '2032-01-01T00:00:00Z')).toEqual([]);
  });
});
