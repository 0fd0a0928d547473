import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Notification } from './notification.entity';

/**
 * The outgoing e-mail of one notification: queued in the transaction that made the notification, sent by the mail
 * worker of any process. A worker claims a row by moving `nextAttemptAt` past its lease, so two processes never send
 * it at once; `sentAt` is set once the SMTP server took it; failures count `attempts` and keep `lastError`.
 */
@Entity({ tableName: 'notification_mail' })
@Index({
  name: 'notification_mail_due_idx',
  expression: 'create index "notification_mail_due_idx" on "notification_mail" ("next_attempt_at") where "sent_at" is null',
})
export class NotificationMail {
  [OptionalProps]?: 'createdAt' | 'nextAttemptAt' | 'attempts' | 'sentAt' | 'lastError';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Notification, deleteRule: 'cascade', unique: 'notification_mail_notification_unique' })
  notification!: Notification;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'smallint', default: 0 })
  attempts: number = 0;

  @Property({ type: 'timestamptz', nullable: true })
  sentAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;
}
