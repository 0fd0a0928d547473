import { ArrayType, Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { orgDirectoryReaders } from '../org.policy';
import { User } from './user.entity';

/**
 * A credential for integrations and partner systems, acting as `user` but narrowed to `scopes`. Only a hash of
 * the secret is stored; the key itself is shown once, when it is created.
 */
@ObjectType({ description: 'An API key. The secret is shown only once, in the createApiKey result.' })
@ReadableBy(orgDirectoryReaders)
@Entity({ tableName: 'api_key' })
export class ApiKey {
  [OptionalProps]?: 'scopes' | 'createdBy' | 'createdAt' | 'expiresAt' | 'lastUsedAt' | 'revokedAt' | 'active';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field({ description: 'The public part of the key (`sg_<prefix>_…`), to tell keys apart.' })
  @Property({ type: 'text', unique: true })
  prefix!: string;

  @Property({ type: 'text', hidden: true })
  secretHash!: string;

  @Field(() => [ApiScope])
  @Property({ type: ArrayType, columnType: 'text[]' })
  scopes: ApiScope[] = [];

  /** The user the key acts as. */
  @ManyToOne({ entity: () => User, deleteRule: 'cascade', index: true })
  user!: User;

  @ManyToOne({ entity: () => User, deleteRule: 'set null', nullable: true })
  createdBy: User | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Field({ description: 'Neither revoked nor expired.' })
  get active(): boolean {
    return this.revokedAt === null && (this.expiresAt === null || this.expiresAt.getTime() > Date.now());
  }
}
