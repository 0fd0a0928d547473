import { Field, Int, ObjectType } from 'type-graphql';
import { rowReaders } from '../../api/permissions/access-rule';
import { Connection } from '../../api/pagination';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { Notification } from './entities/notification.entity';
import { NotificationKind } from './notifications.enums';

@ObjectType()
export class NotificationConnection extends Connection(Notification, 'Notification') {}

@ObjectType({ description: 'Your channels for one kind of notification (the defaults until you set them).' })
@ReadableBy(rowReaders)
export class NotificationPreferenceView {
  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field({ description: 'In the inbox and pushed by `notificationReceived`.' })
  inApp!: boolean;

  @Field({ description: 'E-mailed to your address.' })
  email!: boolean;

  @Field({ description: 'False while the defaults apply (inbox on; e-mail on for APPROVAL_WAITING, REPORT_LATE, COMPLAINT_SLA_BREACHED).' })
  customized!: boolean;
}

@ObjectType({ description: 'What markNotificationsRead changed.' })
@ReadableBy(rowReaders)
export class MarkNotificationsReadPayload {
  @Field(() => Int, { description: 'Notifications that were unread and now are read.' })
  marked!: number;

  @Field(() => Int, { description: 'Your unread notifications now.' })
  unreadCount!: number;
}

@ObjectType({ description: 'How many notifications of one kind a rule run made.' })
@ReadableBy(rowReaders)
export class NotificationKindCount {
  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'What a run of the notification rules made.' })
@ReadableBy(rowReaders)
export class NotificationRuleRun {
  @Field(() => Int, { description: 'Notifications made (causes already notified make none).' })
  created!: number;

  @Field(() => Int, { description: 'E-mails queued.' })
  mailsQueued!: number;

  @Field(() => [NotificationKindCount], { description: 'Notifications made per kind, kinds with none left out.' })
  byKind!: NotificationKindCount[];
}
