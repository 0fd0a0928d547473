import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import nodemailer from 'nodemailer';
import pg from 'pg';
import WebSocket from 'ws';
import { createLogger } from '../api/logger';
import { NotificationMailer } from '../api/notifications/notification-mailer';
import { runNotificationRules } from '../schema/notifications/notification-runner';
import { NotificationKind } from '../schema/notifications/notifications.enums';
import { demoId } from '../seeds/demo-ids';
import { catalog, people, userId } from './fixtures/demo-people';
import {
  MARK_NOTIFICATIONS_READ,
  NOTIFICATION_PREFERENCES,
  NOTIFICATION_RECEIVED,
  NOTIFICATIONS,
  RUN_NOTIFICATION_RULES,
  SET_NOTIFICATION_PREFERENCES,
  UNREAD_NOTIFICATION_COUNT,
} from './graphql/notifications.documents';
import { APPROVE, CREATE_QUOTE, SUBMIT_QUOTE } from './graphql/quotes.documents';
import { pause, until } from './support/wait';
import { createTestApp, type TestApp } from './support/test-app';

/** Approvals reach the inbox this fast through the outbox feed, not at the next hourly run. */
const WITHIN_SECONDS = 5;

let app: TestApp;
let db: pg.Client;
const clients: Client[] = [];

beforeAll(async () => {
  // The test's own mail workers send; the server's would race them for the queue.
  app = await createTestApp({ MAIL_DELIVERY: 'false' }, { demoYear: true });
  db = new pg.Client({ connectionString: app.config.databaseUrl });
  await db.connect();
  // Whatever the demo data causes is notified first, so each test sees only the causes it makes.
  await runAll();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await db.end();
  await app.close();
});

const token = (person: { email: string }) => app.tokenFor(person.email);
const as = async (person: { email: string }) => ({ token: await token(person) });

async function runAll(kinds?: NotificationKind[]) {
  const response = await app.gql(RUN_NOTIFICATION_RULES, { kinds }, await as(people.admin));
  expect(response.errors).toBeUndefined();
  return response.data!.runNotificationRules;
}

async function rowsOf(kind: NotificationKind, causePrefix: string) {
  const { rows } = await db.query<{ recipient_id: string; cause: string; params: Record<string, string> }>(
    `select recipient_id, cause, params from notification where kind = $1 and cause like $2 order by recipient_id, cause`,
    [kind, `${causePrefix}%`],
  );
  return rows;
}

async function one<Row extends Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<Row> {
  const { rows } = await db.query<Row>(sql, values);
  if (rows.length === 0) throw new Error(`no row for ${sql}`);
  return rows[0];
}

const managerOf = async (id: string) => (await one<{ manager_id: string }>('select manager_id from app_user where id = $1', [id])).manager_id;

/**
 * Each rule: a new cause makes its notifications, a second run nothing more, another cause again. The causes are
 * made in SQL, as any writer (the admin, an import) could make them; the rules read the tables.
 */
describe('every rule fires once and only once for its cause', () => {
  it('COMPLAINT_SLA_BREACHED: to the handler and their manager; a new handler is told, nobody twice', async () => {
    const rep = userId(people.shanghai1Rep);
    const { id } = await one<{ id: string }>(
      `insert into complaint (id, customer_id, title, description, severity, status, reported_by_id, handler_id, opened_at, sla_due_at)
       select gen_random_uuid(), c.id, '测试投诉 超时', '设备异响', 'HIGH', 'OPEN', $1, $1, now() - interval '2 days', now() - interval '1 hour'
         from customer c where c.owner_id = $1 limit 1 returning id`,
      [rep],
    );
    await runAll([NotificationKind.COMPLAINT_SLA_BREACHED]);
    const first = await rowsOf(NotificationKind.COMPLAINT_SLA_BREACHED, `complaint:${id}`);
    expect(first.map((row) => row.recipient_id).sort()).toEqual([rep, await managerOf(rep)].sort());
    expect(first[0].params).toMatchObject({ title: '测试投诉 超时', severity: 'HIGH' });

    expect((await runAll([NotificationKind.COMPLAINT_SLA_BREACHED])).created).toBe(0);

    const teammate = userId(people.shanghai1Teammate);
    await db.query('update complaint set handler_id = $2 where id = $1', [id, teammate]);
    await runAll([NotificationKind.COMPLAINT_SLA_BREACHED]);
    const second = await rowsOf(NotificationKind.COMPLAINT_SLA_BREACHED, `complaint:${id}`);
    expect(second.map((row) => row.recipient_id).sort()).toEqual([...new Set([rep, await managerOf(rep), teammate, await managerOf(teammate)])].sort());

    await db.query(`update complaint set status = 'RESOLVED', resolved_at = now(), resolution = '已处理' where id = $1`, [id]);
    expect((await runAll([NotificationKind.COMPLAINT_SLA_BREACHED])).created).toBe(0);
  });

  it('LEAD_UNWORKED: to the owner after LEAD_UNWORKED_DAYS without a change; again once worked and left again', async () => {
    const rep = userId(people.shanghai1Rep);
    const { id } = await one<{ id: string }>(
      `insert into lead (id, source, company, contact_name, owner_id, status, assigned_at, created_at, updated_at)
       values (gen_random_uuid(), 'WEBSITE', '测试线索公司', '王五', $1, 'ASSIGNED', now() - interval '10 days', now() - interval '10 days', now() - interval '5 days')
       returning id`,
      [rep],
    );
    await runAll([NotificationKind.LEAD_UNWORKED]);
    expect((await rowsOf(NotificationKind.LEAD_UNWORKED, `lead:${id}`)).map((row) => row.recipient_id)).toEqual([rep]);
    expect((await runAll([NotificationKind.LEAD_UNWORKED])).created).toBe(0);

    // Worked two days ago: not yet unworked again (3 days by default) …
    await db.query(`update lead set status = 'CONTACTED', updated_at = now() - interval '2 days' where id = $1`, [id]);
    expect((await runAll([NotificationKind.LEAD_UNWORKED])).created).toBe(0);
    // … and then left for four: a new cause.
    await db.query(`update lead set updated_at = now() - interval '4 days' where id = $1`, [id]);
    await runAll([NotificationKind.LEAD_UNWORKED]);
    expect(await rowsOf(NotificationKind.LEAD_UNWORKED, `lead:${id}`)).toHaveLength(2);
  });

  it('INVOICE_OVERDUE: to the invoice’s owner and every finance user, once per due date', async () => {
    const invoice = await one<{ id: string; owner_id: string }>(
      `select id, owner_id from invoice where status in ('OPEN', 'PARTIALLY_PAID') order by number limit 1`,
    );
    // Seven days before the company's today (Asia/Shanghai), which is not the server's date every hour of the day.
    const today = `(now() at time zone '${app.config.companyTimeZone}')::date`;
    await db.query(`update invoice set issue_date = least(issue_date, ${today} - 30), due_date = ${today} - 7 where id = $1`, [invoice.id]);
    await runAll([NotificationKind.INVOICE_OVERDUE]);
    const finance = (await db.query<{ id: string }>(`select id from app_user where role = 'FINANCE' and status = 'ACTIVE'`)).rows.map((row) => row.id);
    const dueDate = (await one<{ due: string }>(`select (${today} - 7)::text as due`)).due;
    const rows = await rowsOf(NotificationKind.INVOICE_OVERDUE, `invoice:${invoice.id}:overdue:${dueDate}`);
    expect(rows.map((row) => row.recipient_id).sort()).toEqual([...new Set([invoice.owner_id, ...finance])].sort());
    expect(rows[0].params).toMatchObject({ dueDate, daysOverdue: '7' });
    expect((await runAll([NotificationKind.INVOICE_OVERDUE])).created).toBe(0);
  });

  it('APPROVAL_WAITING and APPROVAL_DECIDED for a target adjustment: to the approver, then to the requester', async () => {
    const target = await one<{ id: string; value: string }>(
      `select t.id, t.value::text as value from sales_target t
        where not exists (select 1 from target_adjustment a where a.target_id = t.id and a.status = 'PENDING') order by t.id limit 1`,
    );
    const requester = userId(people.shanghai1Manager);
    const approver = userId(people.eastDirector);
    const { id } = await one<{ id: string }>(
      `insert into target_adjustment (id, target_id, requested_by_id, approver_id, previous_value, new_value, reason)
       values (gen_random_uuid(), $1, $2, $3, $4, $4::numeric + 1000, '大客户延期') returning id`,
      [target.id, requester, approver, target.value],
    );
    await runAll([NotificationKind.APPROVAL_WAITING]);
    expect((await rowsOf(NotificationKind.APPROVAL_WAITING, `target-adjustment:${id}`)).map((row) => row.recipient_id)).toEqual([approver]);
    expect((await runAll([NotificationKind.APPROVAL_WAITING])).created).toBe(0);

    await db.query(`update target_adjustment set status = 'REFUSED', decided_by_id = $2, decided_at = now(), comment = '不予调整' where id = $1`, [id, approver]);
    await runAll([NotificationKind.APPROVAL_DECIDED]);
    const decided = await rowsOf(NotificationKind.APPROVAL_DECIDED, `target-adjustment:${id}`);
    expect(decided.map((row) => row.recipient_id)).toEqual([requester]);
    expect(decided[0].params).toMatchObject({ decision: 'REJECTED', comment: '不予调整' });
    expect((await runAll([NotificationKind.APPROVAL_DECIDED])).created).toBe(0);
  });

  it('APPROVAL_WAITING and APPROVAL_DECIDED for a contract: the step’s approver, then the owner once per round', async () => {
    const contract = await one<{ id: string; owner_id: string }>(`select id, owner_id from contract where status = 'DRAFT' order by number limit 1`);
    const approver = userId(people.eastDirector);
    await db.query(`update contract set approval_round = 7 where id = $1`, [contract.id]);
    const { id: step } = await one<{ id: string }>(
      `insert into contract_approval_step (id, contract_id, round, position, approver_id, approver_role, approver_limit, status)
       values (gen_random_uuid(), $1, 7, 1, $2, 'REGIONAL_DIRECTOR', 1000000, 'PENDING') returning id`,
      [contract.id, approver],
    );
    await runAll([NotificationKind.APPROVAL_WAITING]);
    expect((await rowsOf(NotificationKind.APPROVAL_WAITING, `contract-step:${step}`)).map((row) => row.recipient_id)).toEqual([approver]);

    await db.query(`update contract_approval_step set status = 'APPROVED', decided_at = now() where id = $1`, [step]);
    await runAll([NotificationKind.APPROVAL_DECIDED]);
    const round7 = await rowsOf(NotificationKind.APPROVAL_DECIDED, `contract:${contract.id}:round:7`);
    expect(round7.map((row) => row.recipient_id)).toEqual([contract.owner_id]);
    expect(round7[0].params).toMatchObject({ decision: 'APPROVED' });
    expect((await runAll([NotificationKind.APPROVAL_DECIDED, NotificationKind.APPROVAL_WAITING])).created).toBe(0);

    await db.query(`update contract set approval_round = 8 where id = $1`, [contract.id]);
    await db.query(
      `insert into contract_approval_step (id, contract_id, round, position, approver_id, approver_role, approver_limit, status, decided_at, comment)
       values (gen_random_uuid(), $1, 8, 1, $2, 'REGIONAL_DIRECTOR', 1000000, 'REJECTED', now(), '价格过低')`,
      [contract.id, approver],
    );
    await runAll([NotificationKind.APPROVAL_DECIDED]);
    const round8 = await rowsOf(NotificationKind.APPROVAL_DECIDED, `contract:${contract.id}:round:8`);
    expect(round8[0].params).toMatchObject({ decision: 'REJECTED', comment: '价格过低' });
  });

  it('RENEWAL_DUE: to the contract’s owner once per renewal alert', async () => {
    const contract = await one<{ id: string; owner_id: string; end_date: string }>(
      `select id, owner_id, end_date::text from contract where status in ('SIGNED', 'ACTIVE') and end_date >= current_date order by number limit 1`,
    );
    await db.query(`insert into contract_renewal_alert (contract_id, window_days, end_date) values ($1, 999, $2) on conflict do nothing`, [contract.id, contract.end_date]);
    await runAll([NotificationKind.RENEWAL_DUE]);
    expect((await rowsOf(NotificationKind.RENEWAL_DUE, `contract:${contract.id}:renewal:${contract.end_date}:999`)).map((row) => row.recipient_id)).toEqual([
      contract.owner_id,
    ]);
    expect((await runAll([NotificationKind.RENEWAL_DUE])).created).toBe(0);
  });
});

describe('two runners at once', () => {
  it('insert each notification once: the second waits on the unique key and then inserts nothing', async () => {
    const rep = userId(people.shanghai2Rep);
    await db.query(
      `insert into lead (id, source, company, contact_name, owner_id, status, created_at, updated_at)
       select gen_random_uuid(), 'WEBSITE', '竞态线索 ' || n, '赵六', $1, 'ASSIGNED', now() - interval '9 days', now() - interval '9 days' from generate_series(1, 5) n`,
      [rep],
    );
    const settings = { timeZone: app.config.companyTimeZone, leadUnworkedDays: 3, kinds: [NotificationKind.LEAD_UNWORKED] };
    const first = new pg.Client({ connectionString: app.config.databaseUrl, application_name: 'notification-race-1' });
    const second = new pg.Client({ connectionString: app.config.databaseUrl, application_name: 'notification-race-2' });
    await Promise.all([first.connect(), second.connect()]);
    try {
      // The first runner's insert stays uncommitted while the second runs the same rule.
      await first.query('begin');
      const byFirst = await runNotificationRules(first, settings);
      const bySecond = runNotificationRules(second, settings);
      await pause(500);
      const { rows } = await db.query(`select wait_event_type from pg_stat_activity where application_name = 'notification-race-2'`);
      expect(rows[0].wait_event_type).toBe('Lock');
      await first.query('commit');
      expect(byFirst.filter((row) => row.recipientId === rep)).toHaveLength(5);
      expect(await bySecond).toEqual([]);
      // And both at once, without any help: together they report each new row once.
      await db.query(`update lead set updated_at = now() - interval '8 days' where owner_id = $1 and company like '竞态线索%'`, [rep]);
      const [a, b] = await Promise.all([runNotificationRules(first, settings), runNotificationRules(second, settings)]);
      expect([...a, ...b].filter((row) => row.recipientId === rep)).toHaveLength(5);
      const duplicates = await db.query(`select recipient_id, kind, cause from notification group by 1, 2, 3 having count(*) > 1`);
      expect(duplicates.rows).toEqual([]);
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
  });
});

describe('the outbox feed', () => {
  it('puts a discount approval into the approver’s inbox within seconds, once, and the decision into the requester’s', async () => {
    const manager = await subscribe(await token(people.shanghai1Manager));
    const rep = await subscribe(await token(people.shanghai1Rep));
    const repAuth = await as(people.shanghai1Rep);
    const validUntil = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const quote = await app.gql(
      CREATE_QUOTE,
      { input: { opportunityId: demoId('opportunity:shenlian-drives'), validUntil, lines: [{ productId: catalog.pt100, quantity: 20, discountPercent: '8' }] } },
      repAuth,
    );
    expect(quote.errors).toBeUndefined();
    const submittedAt = Date.now();
    const submitted = await app.gql(SUBMIT_QUOTE, { id: quote.data!.createQuote.id, version: quote.data!.createQuote.version }, repAuth);
    expect(submitted.data?.submitQuote.status).toBe('PENDING_APPROVAL');
    const approval = await one<{ id: string; version: number }>(`select id, version from approval_request where quote_id = $1`, [quote.data!.createQuote.id]);

    const waiting = () => manager.filter((n) => n.cause === `approval:${approval.id}`);
    await until(() => waiting().length > 0, WITHIN_SECONDS * 1000);
    expect(Date.now() - submittedAt).toBeLessThan(WITHIN_SECONDS * 1000);
    expect(waiting()[0]).toMatchObject({ kind: 'APPROVAL_WAITING', subjectId: quote.data!.createQuote.id, params: { subject: 'QUOTE', discountPercent: '8.00' } });
    expect(waiting()[0].title).toMatch(/^待你审批：报价折扣 /);
    expect(waiting()[0].body).toMatch(/asks for a 8\.00% discount on quote/);

    // The hourly rules find the same cause: nothing new, nothing pushed again.
    await runAll();
    await pause(1500);
    expect(waiting()).toHaveLength(1);
    expect(await rowsOf(NotificationKind.APPROVAL_WAITING, `approval:${approval.id}`)).toHaveLength(1);
    expect(rep.filter((n) => n.kind === 'APPROVAL_WAITING')).toEqual([]);

    const approved = await app.gql(APPROVE, { id: approval.id, version: approval.version, comment: '同意' }, await as(people.shanghai1Manager));
    expect(approved.errors).toBeUndefined();
    await until(() => rep.some((n) => n.cause === `approval:${approval.id}:decided`), WITHIN_SECONDS * 1000);
    expect(rep.find((n) => n.cause === `approval:${approval.id}:decided`)).toMatchObject({ kind: 'APPROVAL_DECIDED', params: { decision: 'APPROVED', comment: '同意' } });
  });
});

interface Received {
  id: string;
  kind: string;
  cause: string;
  subjectId: string | null;
  params: Record<string, string>;
  title: string;
  body: string;
}

/** A real graphql-ws client subscribed to notificationReceived; collects what it receives. */
async function subscribe(accessToken: string): Promise<Received[]> {
  const received: Received[] = [];
  const client = createClient({
    url: `${app.baseUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${accessToken}` },
    retryAttempts: 0,
  });
  clients.push(client);
  client.subscribe(
    { query: print(NOTIFICATION_RECEIVED) },
    {
      next: (result) => {
        const data = result.data as { notificationReceived: Received } | undefined;
        if (data) received.push(data.notificationReceived);
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  await pause(400);
  return received;
}

describe('the inbox', () => {
  it('lists only one’s own notifications, newest first, page by page, in the request’s language', async () => {
    const auth = await as(people.shanghai1Manager);
    const own = Number((await one<{ n: string }>(`select count(*) as n from notification where recipient_id = $1 and in_app`, [userId(people.shanghai1Manager)])).n);
    expect(own).toBeGreaterThan(2);
    const first = await app.gql(NOTIFICATIONS, { first: 2 }, auth);
    expect(first.errors).toBeUndefined();
    expect(first.data!.notifications.totalCount).toBe(own);
    const second = await app.gql(NOTIFICATIONS, { first: 100, after: first.data!.notifications.pageInfo.endCursor }, auth);
    const nodes = [...first.data!.notifications.nodes, ...second.data!.notifications.nodes];
    expect(nodes).toHaveLength(Math.min(own, 102));
    const times = nodes.map((node) => node.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const ids = nodes.map((node) => node.id);
    const { rows } = await db.query(`select distinct recipient_id from notification where id = any($1::uuid[])`, [ids]);
    expect(rows).toEqual([{ recipient_id: userId(people.shanghai1Manager) }]);

    const zh = await app.request
      .post('/graphql')
      .set('authorization', `Bearer ${auth.token}`)
      .set('accept-language', 'zh-CN')
      .send({ query: print(NOTIFICATIONS), variables: { first: 1, filter: { kinds: ['COMPLAINT_SLA_BREACHED'] } } });
    expect(zh.body.data.notifications.nodes[0].title).toMatch(/^投诉已超时：/);
    const en = await app.gql(NOTIFICATIONS, { first: 1, filter: { kinds: ['COMPLAINT_SLA_BREACHED'] } }, auth);
    expect(en.data!.notifications.nodes[0].title).toMatch(/^Complaint past its SLA: /);
  });

  it('an admin’s inbox is their own too', async () => {
    const admin = await app.gql(NOTIFICATIONS, { first: 100 }, await as(people.admin));
    const ids = admin.data!.notifications.nodes.map((node) => node.id);
    const { rows } = await db.query(`select count(*)::int as n from notification where id = any($1::uuid[]) and recipient_id <> $2`, [ids, userId(people.admin)]);
    expect(rows[0].n).toBe(0);
  });

  it('marks read by ids or all, and counts what is unread', async () => {
    const auth = await as(people.eastDirector);
    const before = (await app.gql(UNREAD_NOTIFICATION_COUNT, {}, auth)).data!.unreadNotificationCount;
    expect(before).toBeGreaterThan(1);
    const unread = await app.gql(NOTIFICATIONS, { first: 1, filter: { unreadOnly: true } }, auth);
    const id = unread.data!.notifications.nodes[0].id;
    const marked = await app.gql(MARK_NOTIFICATIONS_READ, { ids: [id] }, auth);
    expect(marked.data!.markNotificationsRead).toEqual({ marked: 1, unreadCount: before - 1 });
    // Marking it again changes nothing.
    expect((await app.gql(MARK_NOTIFICATIONS_READ, { ids: [id] }, auth)).data!.markNotificationsRead).toEqual({ marked: 0, unreadCount: before - 1 });
    const all = await app.gql(MARK_NOTIFICATIONS_READ, { all: true }, auth);
    expect(all.data!.markNotificationsRead).toEqual({ marked: before - 1, unreadCount: 0 });
    expect((await app.gql(NOTIFICATIONS, { first: 5, filter: { unreadOnly: true } }, auth)).data!.notifications.totalCount).toBe(0);
  });

  it('one can never read or mark another’s notification: its id reads as one that does not exist', async () => {
    const others = await one<{ id: string }>(`select id from notification where recipient_id = $1 and read_at is null and in_app limit 1`, [userId(people.shanghai1Manager)]);
    const rep = await as(people.shanghai1Rep);
    const stranger = await app.gql(MARK_NOTIFICATIONS_READ, { ids: [others.id] }, rep);
    const nowhere = await app.gql(MARK_NOTIFICATIONS_READ, { ids: ['00000000-0000-4000-8000-000000000000'] }, rep);
    for (const response of [stranger, nowhere]) {
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'NOTIFICATION_NOT_FOUND' });
      expect(response.errors?.[0].message).toBe('No such notification, or it is not yours.');
    }
    // Even beside one of one's own, and the admin's neither: nothing is marked.
    const own = await one<{ id: string }>(`select id from notification where recipient_id = $1 and read_at is null and in_app limit 1`, [userId(people.shanghai1Rep)]);
    const mixed = await app.gql(MARK_NOTIFICATIONS_READ, { ids: [own.id, others.id] }, rep);
    expect(mixed.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'ids.1' });
    const admin = await app.gql(MARK_NOTIFICATIONS_READ, { ids: [others.id] }, await as(people.admin));
    expect(admin.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { rows } = await db.query(`select read_at from notification where id = any($1::uuid[])`, [[others.id, own.id]]);
    expect(rows.map((row) => row.read_at)).toEqual([null, null]);

    const bad = await app.gql(MARK_NOTIFICATIONS_READ, { ids: ['not-an-id'] }, rep);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const neither = await app.gql(MARK_NOTIFICATIONS_READ, {}, rep);
    expect(neither.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MARK_READ_TARGET' });
    const both = await app.gql(MARK_NOTIFICATIONS_READ, { ids: [own.id], all: true }, rep);
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MARK_READ_TARGET' });
  });
});

describe('preferences and e-mail', () => {
  it('defaults: inbox for every kind, e-mail for approvals waiting, late reports and complaints past their SLA', async () => {
    const prefs = (await app.gql(NOTIFICATION_PREFERENCES, {}, await as(people.southRep))).data!.notificationPreferences;
    expect(prefs).toHaveLength(15);
    expect(prefs.filter((pref) => pref.email).map((pref) => pref.kind).sort()).toEqual(['APPROVAL_WAITING', 'COMPLAINT_SLA_BREACHED', 'REPORT_LATE']);
    expect(prefs.every((pref) => pref.inApp && !pref.customized)).toBe(true);
  });

  it('a kind turned off for the inbox is not listed nor pushed; a kind turned on for e-mail is mailed once', async () => {
    const person = people.southRep;
    const auth = await as(person);
    const set = await app.gql(SET_NOTIFICATION_PREFERENCES, { preferences: [{ kind: 'LEAD_UNWORKED', inApp: false, email: true }] }, auth);
    expect(set.data!.setNotificationPreferences.find((pref) => pref.kind === 'LEAD_UNWORKED')).toEqual({ kind: 'LEAD_UNWORKED', inApp: false, email: true, customized: true });
    const pushed = await subscribe(auth.token);
    const { id } = await one<{ id: string }>(
      `insert into lead (id, source, company, contact_name, owner_id, status, created_at, updated_at)
       values (gen_random_uuid(), 'WEBSITE', '邮件线索公司', '钱七', $1, 'NEW', now() - interval '6 days', now() - interval '6 days') returning id`,
      [userId(person)],
    );
    const run = await runAll([NotificationKind.LEAD_UNWORKED]);
    expect(run.mailsQueued).toBeGreaterThanOrEqual(1);
    const listed = await app.gql(NOTIFICATIONS, { first: 100, filter: { kinds: ['LEAD_UNWORKED'] } }, auth);
    expect(listed.data!.notifications.nodes.filter((node) => node.cause.startsWith(`lead:${id}`))).toEqual([]);
    await pause(1000);
    expect(pushed.filter((n) => n.cause.startsWith(`lead:${id}`))).toEqual([]);

    const sent: nodemailer.SendMailOptions[] = [];
    const capture = nodemailer.createTransport({ jsonTransport: true });
    const original = capture.sendMail.bind(capture);
    capture.sendMail = ((message: nodemailer.SendMailOptions) => {
      sent.push(message);
      return original(message);
    }) as typeof capture.sendMail;
    const mailer = new NotificationMailer(app.orm, app.config.notifications, createLogger('silent'), capture);
    try {
      await mailer.sendDue();
      const mine = sent.filter((message) => JSON.stringify(message.to).includes(person.email) && String(message.text).includes('邮件线索公司'));
      expect(mine).toHaveLength(1);
      expect(mine[0].subject).toBe('线索 3 天未跟进：邮件线索公司 | Lead not worked for 3 days: 邮件线索公司');
      expect(String(mine[0].text)).toMatch(/线索邮件线索公司（钱七）状态为 NEW[\s\S]*The lead 邮件线索公司 \(钱七\) is NEW/);
      const count = sent.length;
      await mailer.sendDue();
      expect(sent.length).toBe(count);
      const { rows } = await db.query(
        `select m.sent_at is not null as sent, m.attempts from notification_mail m join notification n on n.id = m.notification_id where n.cause like $1`,
        [`lead:${id}%`],
      );
      expect(rows).toEqual([{ sent: true, attempts: 1 }]);
    } finally {
      await mailer.stop();
    }
  });

  it('a mail the server refuses is kept with its error and sent by a later attempt', async () => {
    const person = people.northRep;
    const { id } = await one<{ id: string }>(
      `insert into complaint (id, customer_id, title, description, severity, status, reported_by_id, handler_id, opened_at, sla_due_at)
       select gen_random_uuid(), c.id, '邮件重试投诉', '无', 'LOW', 'OPEN', $1, $1, now() - interval '3 days', now() - interval '1 day'
         from customer c limit 1 returning id`,
      [userId(person)],
    );
    await runAll([NotificationKind.COMPLAINT_SLA_BREACHED]);
    const failing = nodemailer.createTransport({ jsonTransport: true });
    failing.sendMail = (() => Promise.reject(new Error('421 try again later'))) as unknown as typeof failing.sendMail;
    const broken = new NotificationMailer(app.orm, app.config.notifications, createLogger('silent'), failing);
    await broken.sendDue();
    await broken.stop();
    const mailOf = () =>
      one<{ sent: boolean; attempts: number; last_error: string | null; later: boolean }>(
        `select m.sent_at is not null as sent, m.attempts, m.last_error, m.next_attempt_at > now() as later
           from notification_mail m join notification n on n.id = m.notification_id where n.cause = $1 and n.recipient_id = $2`,
        [`complaint:${id}:sla`, userId(person)],
      );
    expect(await mailOf()).toEqual({ sent: false, attempts: 1, last_error: '421 try again later', later: true });

    // The retry is due (as after its back-off); a working transport sends it.
    await db.query(`update notification_mail set next_attempt_at = now() where last_error is not null`);
    const working = new NotificationMailer(app.orm, app.config.notifications, createLogger('silent'), nodemailer.createTransport({ jsonTransport: true }));
    await working.sendDue();
    await working.stop();
    expect(await mailOf()).toEqual({ sent: true, attempts: 2, last_error: null, later: expect.any(Boolean) });
  });
});
