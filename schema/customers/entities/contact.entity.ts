import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecisionRole } from '../customers.enums';
import { customerReaders } from '../customers.policy';
import { Customer } from './customer.entity';

/** A person at a customer (联系人) and their part in buying decisions. */
@ObjectType({ description: 'A contact person at a customer.' })
@ReadableBy(customerReaders)
@Entity({ tableName: 'contact' })
@Index({ name: 'contact_customer_name_idx', properties: ['customer', 'name', 'id'] })
export class Contact extends VersionedRecord<'title' | 'phone' | 'email' | 'decisionRole' | 'isPrimary'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Customer, deleteRule: 'cascade' })
  customer!: Customer;

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  title: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  phone: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  email: string | null = null;

  @Field(() => DecisionRole)
  @Enum({ items: () => DecisionRole, nativeEnumName: 'decision_role', default: DecisionRole.USER })
  decisionRole: DecisionRole = DecisionRole.USER;

  @Field({ description: 'The customer’s main contact.' })
  @Property({ default: false })
  isPrimary: boolean = false;
}
