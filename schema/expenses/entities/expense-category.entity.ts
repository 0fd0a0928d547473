import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { rowReaders } from '../../../api/permissions/access-rule';
import { ReadableBy } from '../../../api/permissions/policy-registry';

/** What an expense was for (费用类别): master data, seeded by the migration with the documents' categories. */
@ObjectType({ description: 'An expense category (travel, entertainment, transport, …): master data.' })
@ReadableBy(rowReaders)
@Entity({ tableName: 'expense_category' })
export class ExpenseCategory extends VersionedRecord<'nameEn' | 'position' | 'active'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Stable code: TRAVEL, ENTERTAINMENT, TRANSPORT, COMMUNICATION, SAMPLES_GIFTS, CONFERENCE_MARKETING, OTHER.' })
  @Property({ type: 'text', unique: 'expense_category_code_unique' })
  code!: string;

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ length: 200, nullable: true })
  nameEn: string | null = null;

  @Field(() => Int)
  @Property({ type: 'smallint', default: 0 })
  position: number = 0;

  @Field({ description: 'Inactive categories stay on old claims but take no new lines.' })
  @Property({ default: true })
  active: boolean = true;
}
