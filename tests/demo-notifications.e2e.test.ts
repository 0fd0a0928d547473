import pg from 'pg';
import { runNotificationRules } from '../schema/notifications/notification-runner';
import { NOTIFICATION_RULES } from '../schema/notifications/notification-rules';
import { renderNotification } from '../schema/notifications/notification-texts';
import { NOTIFICATION_KINDS, NotificationLanguage, type NotificationKind } from '../schema/notifications/notifications.enums';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The demo inboxes after the demo year (seeds/demo-notifications.seeder.ts): every kind of notification is there for
 * the demo people, every rule of every module is registered with the runner, every text reads the params its rule
 * sends, and running everything again notifies nobody twice.
 */
let app: TestApp;
let db: pg.Client;

beforeAll(async () => {
  app = await createTestApp({ MAIL_DELIVERY: 'false' }, { demoYear: true });
  db = new pg.Client({ connectionString: app.config.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db.end();
  await app.close();
});

it('every kind has a rule in the registry', () => {
  expect(new Set(NOTIFICATION_RULES.map((rule) => rule.kind))).toEqual(new Set(NOTIFICATION_KINDS));
});

it('the demo people have notifications of every kind', async () => {
  const { rows } = await db.query<{ kind: NotificationKind; notifications: number; recipients: number }>(
    `select kind::text as kind, count(*)::int as notifications, count(distinct recipient_id)::int as recipients from notification group by kind`,
  );
  const byKind = new Map(rows.map((row) => [row.kind, row]));
  for (const kind of NOTIFICATION_KINDS) expect({ kind, present: (byKind.get(kind)?.notifications ?? 0) > 0 }).toEqual({ kind, present: true });
});

it('every text reads the params its rule sends: no empty placeholder, in both languages', async () => {
  // One notification per kind (and per subject of approvals, whose texts differ by subject).
  const { rows } = await db.query<{ kind: NotificationKind; params: Record<string, unknown> }>(
    `select distinct on (kind, params->>'subject') kind::text as kind, params from notification order by kind, params->>'subject', created_at`,
  );
  for (const { kind, params } of rows) {
    for (const language of [NotificationLanguage.EN, NotificationLanguage.ZH_CN]) {
      const { title, body } = renderNotification(kind, params, language);
      // An absent param renders as empty text: a doubled space, empty quotes or brackets, or a dangling colon show it.
      for (const text of [title, body]) expect({ kind, language, text, hole: /\s{2}|“”|""|（）|\(\)|[:：]\s*$/.test(text) }).toEqual({ kind, language, text, hole: false });
    }
  }
});

it('running every rule again notifies nobody twice: at the demo reports’ morning, and twice at one instant now', async () => {
  const settings = { timeZone: app.config.companyTimeZone, leadUnworkedDays: app.config.notifications.leadUnworkedDays };
  const reportKinds = ['REPORT_DUE', 'REPORT_LATE', 'REPORT_REVIEWED', 'ACTION_ITEM_DUE'] as NotificationKind[];
  const morning = await runNotificationRules(db, { ...settings, now: new Date('2026-12-01T08:00:00+08:00'), kinds: reportKinds });
  expect(morning).toEqual([]);
  // Since the seed ran, a deadline or a plan's morning may have come closer: the first run may find those; the
  // second, at the same instant, finds nothing new.
  const now = new Date();
  await runNotificationRules(db, { ...settings, now });
  const before = (await db.query<{ n: number }>('select count(*)::int as n from notification')).rows[0].n;
  expect(await runNotificationRules(db, { ...settings, now })).toEqual([]);
  expect((await db.query<{ n: number }>('select count(*)::int as n from notification')).rows[0].n).toBe(before);
});
