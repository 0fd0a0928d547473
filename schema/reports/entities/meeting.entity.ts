import { ArrayType, Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { ActionItemStatus, MeetingKind } from '../reports.enums';
import { reportReaders } from '../reports.policy';

/**
 * A team or director meeting (P6: 组会, 总监例会) with its minutes, attendees and action items. The attendees are an
 * array of user ids (checked against `app_user` when written) so "meetings I attended" is one GIN-indexed condition of
 * the row scope.
 */
@ObjectType({ description: 'A team or director meeting: date, unit, attendees, minutes and action items.' })
@ReadableBy(reportReaders)
@Entity({ tableName: 'meeting' })
@Index({ name: 'meeting_unit_held_on_idx', properties: ['orgUnit', 'heldOn', 'id'] })
@Index({ name: 'meeting_held_on_idx', properties: ['heldOn', 'id'] })
@Index({ name: 'meeting_attendee_ids_idx', expression: 'create index "meeting_attendee_ids_idx" on "meeting" using gin ("attendee_ids")' })
export class Meeting extends VersionedRecord<'minutes' | 'attendeeIds'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => MeetingKind)
  @Enum({ items: () => MeetingKind, nativeEnumName: 'meeting_kind' })
  kind!: MeetingKind;

  @ManyToOne({ entity: () => OrgUnit, deleteRule: 'restrict', index: false })
  orgUnit!: OrgUnit;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  heldOn!: string;

  @Field()
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'The minutes (会议纪要).' })
  @Property({ type: 'text', nullable: true })
  minutes: string | null = null;

  @Property({ type: ArrayType, columnType: 'uuid[]', default: '{}' })
  attendeeIds: string[] = [];

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: false })
  createdBy!: User;
}

/** Something a meeting asked someone to do by a date. */
@ObjectType({ description: 'An action item of a meeting: what, who, by when, open or done.' })
@ReadableBy(reportReaders)
@Entity({ tableName: 'meeting_action_item' })
@Index({ name: 'meeting_action_item_meeting_idx', properties: ['meeting', 'position'] })
// ACTION_ITEM_DUE reads the open items by due date.
@Index({ name: 'meeting_action_item_open_due_idx', expression: `create index "meeting_action_item_open_due_idx" on "meeting_action_item" ("due_on") where status = 'OPEN'` })
@Index({ name: 'meeting_action_item_owner_idx', properties: ['owner'] })
@Check({ name: 'meeting_action_item_done_check', expression: `(status = 'DONE') = (done_at is not null)` })
export class MeetingActionItem extends VersionedRecord<'status' | 'doneAt'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Meeting, deleteRule: 'cascade', index: false })
  meeting!: Meeting;

  @Field(() => Int)
  @Property({ type: 'smallint' })
  position!: number;

  @Field()
  @Property({ type: 'text' })
  description!: string;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: false })
  owner!: User;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => ActionItemStatus)
  @Enum({ items: () => ActionItemStatus, nativeEnumName: 'action_item_status', default: ActionItemStatus.OPEN })
  status: ActionItemStatus = ActionItemStatus.OPEN;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  doneAt: Date | null = null;
}
