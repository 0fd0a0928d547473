import { accessRule, signedIn, signedInPersonWithRole } from '../../api/permissions/access-rule';
import type { Viewer } from '../../api/permissions/viewer';
import { Role } from '../org/org.enums';
import type { Notification } from './entities/notification.entity';

/** The inbox's `where`: a plain object, so a query adds its own conditions to it. */
export interface NotificationScope {
  recipient: string;
  inApp: true;
}

/**
 * Row scope of notifications: the viewer's own inbox, and nothing else — not for admins, not for the management
 * chain. An inbox is personal: what a manager should know reaches them as their own notification (a rule addresses
 * them, as COMPLAINT_SLA_BREACHED does), never by reading a report's inbox. Rows kept only for a turned-off inbox
 * channel are left out. An API key reads its user's inbox (an integration user has one only if a rule addresses it).
 */
export function notificationRowScope(viewer: Viewer): NotificationScope {
  return { recipient: viewer.userId, inApp: true };
}

/** A notification's fields: its recipient alone (the row scope already let no other row through). */
export const notificationReaders = accessRule<Notification>(
  'notification-recipient',
  'the recipient alone (an inbox is personal, admins included)',
  (ctx, row) => ctx.viewer !== null && row.recipient.id === ctx.viewer.userId,
);

/** Inbox operations: anyone signed in, for their own inbox; API keys for their user's. */
export const inboxOwners = signedIn;

/** Running the rules on demand: admins (the hourly job runs them anyway). */
export const notificationRuleRunners = signedInPersonWithRole('notification-rule-runners', 'admins', [Role.ADMIN]);
