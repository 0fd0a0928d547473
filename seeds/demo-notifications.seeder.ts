import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../api/config';
import { Notification } from '../schema/notifications/entities/notification.entity';
import { runNotificationRules, withPgClient } from '../schema/notifications/notification-runner';
import { NotificationKind } from '../schema/notifications/notifications.enums';
import { Contract } from '../schema/orders/entities/contract.entity';
import { demoId } from './demo-ids';

/**
 * The demo's work reports are those of November 2026 (seeds/demo-reports.seeder.ts): their reminders are the ones
 * the rules gave on the morning of Tuesday, December 1st (the Monday daily log due at 09:00, last week's reports
 * late, the week's reviews, the meetings' action items), whatever day the demo is started.
 */
const DEMO_REPORTS_MORNING = new Date('2026-12-01T08:00:00+08:00');
const REPORT_KINDS = [NotificationKind.REPORT_DUE, NotificationKind.REPORT_LATE, NotificationKind.REPORT_REVIEWED, NotificationKind.ACTION_ITEM_DUE];

/**
 * The demo inboxes: the notification rules run once over the demo company as it stands (its open complaint past its
 * SLA, the discount and contract step waiting, the decisions of the last days, overdue invoices, the renewal alert),
 * after the demo's assigned lead is dated back as if nobody had touched it since the rule's N days and two more.
 * The decisions are then marked read, as their recipients would have. Runs last in the demo-year pass; does nothing
 * once a notification was read.
 */
export async function seedDemoNotificationsIfEmpty(orm: MikroORM, config: AppConfig): Promise<boolean> {
  const em = orm.em.fork();
  // Only over the demo company (its contracts are there): a real company's leads are never dated back. A read
  // notification means this ran already (or people use the inboxes): the outbox feed may have made some meanwhile,
  // so their mere presence proves nothing.
  if ((await em.count(Contract, { id: demoId('contract:lingang-2025') })) === 0 || (await em.count(Notification, { readAt: { $ne: null } })) > 0) return false;
  await withPgClient(orm, async (db) => {
    await db.query(
      `update lead set updated_at = now() - make_interval(days => $1 + 2) where status = 'ASSIGNED' and owner_id is not null and updated_at > now() - make_interval(days => $1)`,
      [config.notifications.leadUnworkedDays],
    );
    const settings = { timeZone: config.companyTimeZone, leadUnworkedDays: config.notifications.leadUnworkedDays };
    await runNotificationRules(db, { ...settings, kinds: REPORT_KINDS, now: DEMO_REPORTS_MORNING });
    await runNotificationRules(db, settings);
    await db.query(`update notification set read_at = created_at + interval '1 hour' where kind = 'APPROVAL_DECIDED'`);
    // The demo's e-mails are history, not a queue to send on the first start.
    await db.query(`update notification_mail set sent_at = created_at, attempts = 1`);
  });
  return true;
}
