import { Check, Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { Role } from '../../org/org.enums';
import { WorkReportKind } from '../reports.enums';
import { deadlineReaders } from '../reports.policy';

/**
 * When a role's report of a kind is due (master data, edited in the admin): minutes after the end of the period
 * (midnight after its last day, company time). A role without a row does not file that kind.
 */
@ObjectType({ description: 'The deadline of one kind of report for one role: minutes after the period’s end (company time).' })
@ReadableBy(deadlineReaders)
@Entity({ tableName: 'report_deadline' })
@Unique({ name: 'report_deadline_kind_role_unique', properties: ['kind', 'role'] })
@Check({ name: 'report_deadline_kind_check', expression: `kind <> 'IMPORTANT_MATTER'` })
@Check({ name: 'report_deadline_minutes_check', expression: 'due_after_minutes >= -10080 and due_after_minutes <= 131040' })
export class ReportDeadline extends VersionedRecord<'description'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => WorkReportKind)
  @Enum({ items: () => WorkReportKind, nativeEnumName: 'work_report_kind' })
  kind!: WorkReportKind;

  @Field(() => Role)
  @Enum({ items: () => Role, nativeEnumName: 'user_role' })
  role!: Role;

  @Field(() => Int, { description: 'Minutes after midnight following the period’s last day: 0 = end of Sunday for a week, 720 = Monday 12:00, 4320 = end of the 3rd.' })
  @Property({ type: 'integer' })
  dueAfterMinutes!: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description: string | null = null;
}
