import { Check, Entity, Enum, Index, ManyToOne, OneToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { User } from '../../org/entities/user.entity';
import { customerReaders } from '../customers.policy';
import { RecurrenceUnit, STORED_VISIT_PLAN_STATUSES, VisitPlanStatus } from '../follow-up.enums';
import { Contact } from './contact.entity';
import { Customer } from './customer.entity';
import { Visit } from './visit.entity';

/**
 * A visit plan (客户预约): who means to visit which customer when, and why. Completing it records the visit in the
 * same transaction; with a recurrence (定期回访) the next plan is made then, pointing back at this one.
 */
@ObjectType({ description: 'A planned visit (appointment, 客户预约); with a recurrence, a regular return visit (定期回访).' })
@ReadableBy(customerReaders)
@Entity({ tableName: 'visit_plan' })
@Index({ name: 'visit_plan_planned_by_planned_at_idx', properties: ['plannedBy', 'plannedAt', 'id'] })
@Index({ name: 'visit_plan_customer_planned_at_idx', properties: ['customer', 'plannedAt', 'id'] })
@Index({ name: 'visit_plan_planned_at_id_idx', properties: ['plannedAt', 'id'] })
@Index({ name: 'visit_plan_open_planned_at_idx', expression: `create index "visit_plan_open_planned_at_idx" on "visit_plan" ("planned_at") where status = 'PLANNED'` })
@Check({ name: 'visit_plan_done_check', expression: `(status = 'DONE') = (visit_id is not null)` })
@Check({ name: 'visit_plan_cancel_check', expression: `status <> 'CANCELLED' or cancel_reason is not null` })
@Check({
  name: 'visit_plan_recurrence_check',
  expression: '(recurrence_every is null) = (recurrence_unit is null) and (recurrence_every is null or (recurrence_every >= 1 and recurrence_every <= 365))',
})
export class VisitPlan extends VersionedRecord<'contact' | 'status' | 'visit' | 'cancelReason' | 'closedAt' | 'recurrenceEvery' | 'recurrenceUnit' | 'previousPlan'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Customer, deleteRule: 'cascade' })
  customer!: Customer;

  @ManyToOne({ entity: () => Contact, nullable: true, deleteRule: 'set null', index: true })
  contact: Contact | null = null;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  plannedBy!: User;

  @Field(() => Date, { description: 'When the visit is appointed.' })
  @Property({ type: 'timestamptz' })
  plannedAt!: Date;

  @Field()
  @Property({ type: 'text' })
  purpose!: string;

  /** As stored: PLANNED, DONE or CANCELLED. The GraphQL `status` reads MISSED for a PLANNED plan past its time. */
  @Enum({ items: () => [...STORED_VISIT_PLAN_STATUSES], nativeEnumName: 'visit_plan_status', default: VisitPlanStatus.PLANNED })
  status: VisitPlanStatus = VisitPlanStatus.PLANNED;

  @OneToOne({ entity: () => Visit, nullable: true, owner: true, unique: 'visit_plan_visit_unique', updateRule: 'cascade', deleteRule: 'no action' })
  visit: Visit | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When it was done or cancelled.' })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @Field(() => Int, { nullable: true, description: 'A regular return visit: the next plan comes this many units after this one.' })
  @Property({ type: 'smallint', nullable: true })
  recurrenceEvery: number | null = null;

  @Field(() => RecurrenceUnit, { nullable: true })
  @Enum({ items: () => RecurrenceUnit, nativeEnumName: 'recurrence_unit', nullable: true })
  recurrenceUnit: RecurrenceUnit | null = null;

  /** The plan this one recurs from (unique: a plan is succeeded once). */
  @OneToOne({ entity: () => VisitPlan, nullable: true, owner: true, unique: 'visit_plan_previous_plan_unique', updateRule: 'cascade', deleteRule: 'set null' })
  previousPlan: VisitPlan | null = null;
}
