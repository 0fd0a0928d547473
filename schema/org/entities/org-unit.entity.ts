import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { OrgUnitKind } from '../org.enums';
import { orgDirectoryReaders } from '../org.policy';
import type { User } from './user.entity';

/**
 * A node of the sales organisation: the company, a region (大区) or a team (销售小组). `path` is the materialized
 * path of ids from the root (`/company/region/team/`), so "everything under this unit" is one index range scan.
 */
@ObjectType({ description: 'A node of the sales organisation: the company, a region (大区) or a team (销售小组).' })
@ReadableBy(orgDirectoryReaders)
@Entity({ tableName: 'org_unit' })
@Index({ name: 'org_unit_path_prefix_idx', expression: 'create index "org_unit_path_prefix_idx" on "org_unit" ("path" text_pattern_ops)' })
export class OrgUnit extends VersionedRecord<'englishName' | 'parent' | 'head'> {

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'English name, for clients that show one.' })
  @Property({ type: 'text', nullable: true })
  englishName: string | null = null;

  @Field(() => OrgUnitKind)
  @Enum({ items: () => OrgUnitKind, nativeEnumName: 'org_unit_kind' })
  kind!: OrgUnitKind;

  @ManyToOne({ entity: () => OrgUnit, nullable: true, deleteRule: 'restrict', index: true })
  parent: OrgUnit | null = null;

  /** Materialized path of ids, ending with this unit's own id and a slash. */
  @Property({ type: 'text', unique: true })
  path!: string;

  @Field(() => Int, { description: '0 for the company, 1 for a region, 2 for a team.' })
  @Property({ type: 'smallint' })
  depth!: number;

  @ManyToOne({ entity: 'User', nullable: true, deleteRule: 'set null', index: true })
  head: User | null = null;
}
