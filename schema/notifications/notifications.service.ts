import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import { Notification } from './entities/notification.entity';
import { NotificationPreference } from './entities/notification-preference.entity';
import { NotificationError, NotificationErrorCode } from './notifications.errors';
import { EMAILED_BY_DEFAULT, NOTIFICATION_KINDS, type NotificationKind } from './notifications.enums';
import type { MarkNotificationsReadArgs, NotificationPreferenceInput, NotificationsArgs } from './notifications.inputs';
import { notificationRowScope } from './notifications.policy';
import { runNotificationRules, withPgClient, type InsertedNotification } from './notification-runner';
import type { MarkNotificationsReadPayload, NotificationPreferenceView, NotificationRuleRun } from './notifications.types';

/** The viewer's inbox and channel choices, and running the rules on demand. */
export class NotificationService {
  private readonly em: EntityManager;

  constructor(private readonly ctx: RequestContext) {
    this.em = ctx.em;
  }

  private get scope() {
    return notificationRowScope(this.ctx.signedInViewer);
  }

  /** Newest first, keyset-paginated on (created at, id). */
  notifications(args: NotificationsArgs, options: FindPageOptions): Promise<ConnectionShape<Notification>> {
    const where = {
      ...this.scope,
      ...(args.filter?.unreadOnly === true ? { readAt: null } : {}),
      ...(args.filter?.kinds !== undefined && args.filter.kinds !== null ? { kind: { $in: args.filter.kinds } } : {}),
    };
    return findPage(this.em, Notification, where, args, { createdAt: 'desc', id: 'desc' }, options);
  }

  unreadCount(): Promise<number> {
    return this.em.count(Notification, { ...this.scope, readAt: null });
  }

  /**
   * Marks the given notifications (or all) read. An id that is not in the viewer's inbox (someone else's, or none)
   * fails the whole call with NOT_FOUND at its path, exactly as one that does not exist, and nothing is marked.
   */
  async markRead(args: MarkNotificationsReadArgs): Promise<MarkNotificationsReadPayload> {
    const hasIds = args.ids !== undefined && args.ids !== null;
    if (hasIds === (args.all === true)) throw new NotificationError(NotificationErrorCode.MARK_READ_TARGET, { field: hasIds ? 'all' : 'ids' });
    const viewer = this.ctx.signedInViewer;
    const marked = await this.em.transactional(async (tx) => {
      if (args.all === true) {
        return tx.nativeUpdate(Notification, { ...this.scope, readAt: null }, { readAt: new Date() });
      }
      const ids = [...new Set(args.ids!)];
      const found = new Set((await tx.find(Notification, { ...this.scope, id: { $in: ids } }, { fields: ['id'] })).map((row) => row.id));
      const missing = args.ids!.findIndex((id) => !found.has(id));
      if (missing !== -1) throw new NotificationError(NotificationErrorCode.NOTIFICATION_NOT_FOUND, { field: `ids.${missing}` });
      return tx.nativeUpdate(Notification, { recipient: viewer.userId, id: { $in: ids }, readAt: null }, { readAt: new Date() });
    });
    return { marked, unreadCount: await this.unreadCount() };
  }

  /** Every kind with the viewer's channels: their choice where made, the defaults elsewhere. */
  async preferences(): Promise<NotificationPreferenceView[]> {
    const chosen = new Map((await this.em.find(NotificationPreference, { user: this.ctx.signedInViewer.userId })).map((row) => [row.kind, row]));
    return NOTIFICATION_KINDS.map((kind) => {
      const row = chosen.get(kind);
      return row === undefined
        ? { kind, inApp: true, email: EMAILED_BY_DEFAULT.includes(kind), customized: false }
        : { kind, inApp: row.inApp, email: row.email, customized: true };
    });
  }

  /** Sets the channels of the given kinds in one transaction; they apply to notifications made from now on. */
  async setPreferences(preferences: NotificationPreferenceInput[]): Promise<NotificationPreferenceView[]> {
    const userId = this.ctx.signedInViewer.userId;
    await this.em.transactional(async (tx) => {
      for (const preference of preferences) {
        await tx.execute(
          `insert into notification_preference (id, user_id, kind, in_app, email, updated_at) values (gen_random_uuid(), ?, ?, ?, ?, now())
           on conflict (user_id, kind) do update set in_app = excluded.in_app, email = excluded.email, updated_at = now()`,
          [userId, preference.kind, preference.inApp, preference.email],
        );
      }
    });
    return this.preferences();
  }

  /** Runs the rules now (all, or those of `kinds`), as the hourly job does. */
  async runRules(kinds: readonly NotificationKind[] | undefined): Promise<NotificationRuleRun> {
    const config = this.ctx.config;
    const inserted = await withPgClient({ em: this.em }, (db) =>
      runNotificationRules(db, { timeZone: config.companyTimeZone, leadUnworkedDays: config.notifications.leadUnworkedDays, kinds }),
    );
    return summarize(inserted);
  }
}

/** A run's notifications counted per kind, in the enum's order. */
export function summarize(inserted: readonly InsertedNotification[]): NotificationRuleRun {
  const byKind = NOTIFICATION_KINDS.map((kind) => ({ kind, count: inserted.filter((row) => row.kind === kind).length })).filter((entry) => entry.count > 0);
  return { created: inserted.length, mailsQueued: inserted.filter((row) => row.mailed).length, byKind };
}
