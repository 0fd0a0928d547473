import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { Contact } from '../../customers/entities/contact.entity';
import { Visit } from '../../customers/entities/visit.entity';
import { User } from '../../org/entities/user.entity';
import { FollowUpKind } from '../follow-up.enums';
import { pipelineReaders } from '../pipeline.policy';
import type { Opportunity } from './opportunity.entity';

/**
 * One entry of an opportunity's follow-up log (跟进记录): when and how the deal was followed up, what came of it, and
 * the next step with its date. The opportunity's `nextStep`/`nextStepDate` are those of its latest entry that
 * carries a next step.
 */
@ObjectType({ description: 'An entry of an opportunity’s follow-up log (跟进记录).' })
@ReadableBy(pipelineReaders)
@Entity({ tableName: 'opportunity_follow_up' })
@Index({ name: 'opportunity_follow_up_opportunity_occurred_idx', properties: ['opportunity', 'occurredAt', 'id'] })
export class OpportunityFollowUp extends VersionedRecord<'contact' | 'visit' | 'nextStep' | 'nextStepDate'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  // By name: Opportunity's module loads this one, and a value import both ways is a cycle.
  @ManyToOne({ entity: 'Opportunity', deleteRule: 'cascade' })
  opportunity!: Opportunity;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: true })
  author!: User;

  @Field(() => Date, { description: 'When the follow-up happened.' })
  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @Field(() => FollowUpKind)
  @Enum({ items: () => FollowUpKind, nativeEnumName: 'follow_up_kind' })
  kind!: FollowUpKind;

  @Field()
  @Property({ type: 'text' })
  summary!: string;

  @ManyToOne({ entity: () => Contact, nullable: true, deleteRule: 'set null', index: true })
  contact: Contact | null = null;

  @ManyToOne({ entity: () => Visit, nullable: true, deleteRule: 'set null', index: true })
  visit: Visit | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  nextStep: string | null = null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Property({ type: 'date', nullable: true })
  nextStepDate: string | null = null;
}
