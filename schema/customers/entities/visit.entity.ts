import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { User } from '../../org/entities/user.entity';
import { customerReaders } from '../customers.policy';
import { Contact } from './contact.entity';
import { Customer } from './customer.entity';

/** A customer visit: a visit form (走访表) by a rep alone, or a joint visit form (协访表) with a manager. */
@ObjectType({ description: 'A customer visit (走访), or a joint visit with a manager (协访) when accompaniedBy is set.' })
@ReadableBy(customerReaders)
@Entity({ tableName: 'visit' })
@Index({ name: 'visit_customer_visited_on_idx', properties: ['customer', 'visitedOn', 'id'] })
@Index({ name: 'visit_visited_on_id_idx', properties: ['visitedOn', 'id'] })
@Index({ name: 'visit_visited_by_visited_on_idx', properties: ['visitedBy', 'visitedOn', 'id'] })
// Accompanied visits by person and day: the ACCOMPANIED_VISIT branch of `sales_performance_fact` (migration 20261207110000).
@Index({ name: 'visit_accompanied_visited_on_idx', expression: 'create index "visit_accompanied_visited_on_idx" on "visit" ("accompanied_by_id", "visited_on") where accompanied_by_id is not null' })
export class Visit extends VersionedRecord<'contact' | 'accompaniedBy' | 'outcome' | 'nextStep' | 'nextVisitOn'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Customer, deleteRule: 'cascade' })
  customer!: Customer;

  @ManyToOne({ entity: () => Contact, nullable: true, deleteRule: 'set null', index: true })
  contact: Contact | null = null;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  visitedBy!: User;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict', index: true })
  accompaniedBy: User | null = null;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  visitedOn!: string;

  @Field()
  @Property({ type: 'text' })
  purpose!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  outcome: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  nextStep: string | null = null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Property({ type: 'date', nullable: true })
  nextVisitOn: string | null = null;
}
