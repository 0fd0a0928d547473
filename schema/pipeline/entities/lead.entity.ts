import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { Customer } from '../../customers/entities/customer.entity';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { LeadSource, LeadStatus } from '../pipeline.enums';
import { pipelineReaders } from '../pipeline.policy';
import type { Opportunity } from './opportunity.entity';

/**
 * A sales lead (销售线索): a company and a contact that might buy. It is assigned to a team and a rep (round-robin
 * within the team, or by a manager) and converted into a customer and an opportunity in one transaction.
 */
@ObjectType({ description: 'A sales lead.' })
@ReadableBy(pipelineReaders)
@Entity({ tableName: 'lead' })
@Index({ name: 'lead_created_at_id_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'lead_team_assigned_at_idx', properties: ['team', 'assignedAt'] })
@Index({ name: 'lead_region_assigned_at_idx', properties: ['region', 'assignedAt'] })
export class Lead extends VersionedRecord<
  'contactTitle' | 'phone' | 'email' | 'region' | 'team' | 'owner' | 'status' | 'assignedAt' | 'notes' | 'disqualifiedReason' | 'convertedCustomer' | 'convertedOpportunity' | 'createdBy'
> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => LeadSource)
  @Enum({ items: () => LeadSource, nativeEnumName: 'lead_source' })
  source!: LeadSource;

  @Field({ description: 'The company the lead is about.' })
  @Property({ length: 200 })
  company!: string;

  @Field()
  @Property({ length: 200 })
  contactName!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  contactTitle: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  phone: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  email: string | null = null;

  @ManyToOne({ entity: () => OrgUnit, nullable: true, deleteRule: 'restrict' })
  region: OrgUnit | null = null;

  @ManyToOne({ entity: () => OrgUnit, nullable: true, deleteRule: 'restrict' })
  team: OrgUnit | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict', index: true })
  owner: User | null = null;

  @Field(() => LeadStatus)
  @Enum({ items: () => LeadStatus, nativeEnumName: 'lead_status', default: LeadStatus.NEW, index: true })
  status: LeadStatus = LeadStatus.NEW;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  disqualifiedReason: string | null = null;

  @ManyToOne({ entity: () => Customer, nullable: true, deleteRule: 'set null' })
  convertedCustomer: Customer | null = null;

  @ManyToOne({ entity: 'Opportunity', nullable: true, deleteRule: 'set null' })
  convertedOpportunity: Opportunity | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  createdBy: User | null = null;
}
