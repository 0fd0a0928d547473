import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { EmailAddressResolver, LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { Distributor } from '../../channels/distributor.entity';
import { Role, UserStatus } from '../org.enums';
import { orgDirectoryReaders, selfChainOrAdmin } from '../org.policy';
import { OrgUnit } from './org-unit.entity';

/**
 * A person (or system account) of the sales organisation. Contact details and HR data are readable only by the
 * person, their management chain and admins; everything else is the company directory.
 */
@ObjectType({ description: 'A user of the sales organisation.' })
@ReadableBy(orgDirectoryReaders)
@Entity({ tableName: 'app_user' })
@Index({ name: 'app_user_name_id_idx', properties: ['name', 'id'] })
@Index({
  name: 'app_user_search_trgm_idx',
  expression: `create index "app_user_search_trgm_idx" on "app_user" using gin ((name || ' ' || coalesce(english_name, '')) gin_trgm_ops)`,
})
export class User extends VersionedRecord<'englishName' | 'phone' | 'unit' | 'manager' | 'distributor' | 'hireDate' | 'status' | 'passwordHash'> {

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Name in Latin letters (pinyin or English).' })
  @Property({ type: 'text', nullable: true })
  englishName: string | null = null;

  /** Stored lower-case, so the unique index also makes emails unique regardless of case. */
  @Field(() => EmailAddressResolver, { nullable: true })
  @ReadableBy(selfChainOrAdmin)
  @Property({ type: 'text', unique: true })
  email!: string;

  @Field(() => String, { nullable: true })
  @ReadableBy(selfChainOrAdmin)
  @Property({ type: 'text', nullable: true, index: true })
  phone: string | null = null;

  @ManyToOne({ entity: () => OrgUnit, nullable: true, deleteRule: 'restrict', index: true })
  unit: OrgUnit | null = null;

  @Field(() => Role)
  @Enum({ items: () => Role, nativeEnumName: 'user_role', index: true })
  role!: Role;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null', index: true })
  manager: User | null = null;

  /** Only partner users belong to a distributor. */
  @ManyToOne({ entity: () => Distributor, nullable: true, deleteRule: 'restrict', index: true })
  distributor: Distributor | null = null;

  @Field(() => LocalDateResolver, { nullable: true })
  @ReadableBy(selfChainOrAdmin)
  @Property({ type: 'date', nullable: true })
  hireDate: string | null = null;

  @Field(() => UserStatus)
  @Enum({ items: () => UserStatus, nativeEnumName: 'user_status', default: UserStatus.ACTIVE })
  status: UserStatus = UserStatus.ACTIVE;

  /** bcrypt (cost 10), the format Keystone's password field checks. Lazy: never loaded unless asked for. */
  @Property({ type: 'text', nullable: true, lazy: true, hidden: true })
  passwordHash: string | null = null;
}
