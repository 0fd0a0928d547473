import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { User } from '../../org/entities/user.entity';
import { NotificationKind } from '../notifications.enums';
import { notificationReaders } from '../notifications.policy';

/**
 * One notification in one person's inbox. The unique key (recipient, kind, cause) is what makes a notification
 * arrive once: every rule run inserts with `on conflict do nothing`, so rules may find the same cause every hour,
 * in several processes at once, and the person still gets it once. `inApp` is the recipient's channel choice when
 * it was made: a row turned off for the inbox still records that the cause was handled (and may have been e-mailed).
 */
@ObjectType({ description: 'A notification in your inbox. Title and body are rendered from the kind and params in your language.' })
@ReadableBy(notificationReaders)
@Entity({ tableName: 'notification' })
@Unique({ name: 'notification_cause_unique', properties: ['recipient', 'kind', 'cause'] })
@Index({ name: 'notification_inbox_idx', properties: ['recipient', 'createdAt', 'id'] })
@Index({
  name: 'notification_unread_idx',
  expression: 'create index "notification_unread_idx" on "notification" ("recipient_id", "kind") where "read_at" is null and "in_app"',
})
export class Notification {
  [OptionalProps]?: 'subjectId' | 'dueAt' | 'params' | 'inApp' | 'createdAt' | 'readAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'cascade', index: false })
  recipient!: User;

  @Field(() => NotificationKind)
  @Enum({ items: () => NotificationKind, nativeEnumName: 'notification_kind' })
  kind!: NotificationKind;

  /** What it is about, unique per kind and recipient (`complaint:<id>:sla`, `quote-approval:<id>`). */
  @Field({ description: 'What caused it, unique per kind for you (e.g. `complaint:<id>:sla`).' })
  @Property({ type: 'text' })
  cause!: string;

  @Field({ description: 'The type of record it is about (Complaint, Lead, Invoice, Quote, Contract, TargetAdjustment, …).' })
  @Property({ type: 'text' })
  subjectType!: string;

  @Field(() => ID, { nullable: true, description: 'The id of that record.' })
  @Property({ type: 'uuid', nullable: true })
  subjectId: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the thing it is about is or was due.' })
  @Property({ type: 'timestamptz', nullable: true })
  dueAt: Date | null = null;

  @Field(() => GraphQLJSONObject, { description: 'What the texts are made from: names, numbers, dates as strings.' })
  @Property({ type: 'jsonb', default: "'{}'" })
  params: Record<string, unknown> = {};

  /** False when the recipient had the inbox turned off for this kind: the row is kept only so the cause stays handled. */
  @Property({ type: 'boolean', default: true })
  inApp: boolean = true;

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  readAt: Date | null = null;
}
