import { Check, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { User } from '../../org/entities/user.entity';
import { customerReaders } from '../customers.policy';
import { Complaint } from './complaint.entity';
import { Contact } from './contact.entity';
import { Customer } from './customer.entity';

/** A satisfaction survey answer (满意度调查): a score from 1 to 5 with a comment, optionally about a complaint. */
@ObjectType({ description: 'A customer satisfaction survey answer.' })
@ReadableBy(customerReaders)
@Entity({ tableName: 'satisfaction_survey' })
@Check({ name: 'satisfaction_survey_score_check', expression: 'score >= 1 and score <= 5' })
@Index({ name: 'satisfaction_survey_customer_idx', properties: ['customer', 'surveyedAt'] })
export class SatisfactionSurvey {
  [OptionalProps]?: 'complaint' | 'contact' | 'comment' | 'surveyedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Customer, deleteRule: 'cascade' })
  customer!: Customer;

  @ManyToOne({ entity: () => Complaint, nullable: true, deleteRule: 'set null', index: true })
  complaint: Complaint | null = null;

  @ManyToOne({ entity: () => Contact, nullable: true, deleteRule: 'set null', index: true })
  contact: Contact | null = null;

  @Field(() => Int, { description: '1 (very unsatisfied) to 5 (very satisfied).' })
  @Property({ type: 'smallint' })
  score!: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: true })
  recordedBy!: User;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  surveyedAt: Date = new Date();
}
