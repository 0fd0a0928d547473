import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { User } from '../../org/entities/user.entity';
import { ComplaintSeverity, ComplaintStatus } from '../customers.enums';
import { customerReaders } from '../customers.policy';
import { Contact } from './contact.entity';
import { Customer } from './customer.entity';

/** A customer complaint (客户投诉) with its SLA: due `COMPLAINT_SLA_HOURS[severity]` after it was opened. */
@ObjectType({ description: 'A customer complaint and its handling.' })
@ReadableBy(customerReaders)
@Entity({ tableName: 'complaint' })
@Index({ name: 'complaint_customer_status_idx', properties: ['customer', 'status'] })
@Index({ name: 'complaint_status_sla_due_idx', properties: ['status', 'slaDueAt', 'id'] })
@Index({ name: 'complaint_opened_at_id_idx', properties: ['openedAt', 'id'] })
@Index({ name: 'complaint_sla_due_at_id_idx', properties: ['slaDueAt', 'id'] })
export class Complaint extends VersionedRecord<'contact' | 'status' | 'handler' | 'resolution' | 'resolvedAt' | 'openedAt'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Customer, deleteRule: 'cascade' })
  customer!: Customer;

  @ManyToOne({ entity: () => Contact, nullable: true, deleteRule: 'set null', index: true })
  contact: Contact | null = null;

  @Field()
  @Property({ length: 200 })
  title!: string;

  @Field()
  @Property({ type: 'text' })
  description!: string;

  @Field(() => ComplaintSeverity)
  @Enum({ items: () => ComplaintSeverity, nativeEnumName: 'complaint_severity' })
  severity!: ComplaintSeverity;

  @Field(() => ComplaintStatus)
  @Enum({ items: () => ComplaintStatus, nativeEnumName: 'complaint_status', default: ComplaintStatus.OPEN })
  status: ComplaintStatus = ComplaintStatus.OPEN;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: true })
  reportedBy!: User;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null', index: true })
  handler: User | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  openedAt: Date = new Date();

  @Field(() => Date, { description: 'When the complaint must be resolved by, from its severity.' })
  @Property({ type: 'timestamptz' })
  slaDueAt!: Date;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  resolution: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null = null;
}
