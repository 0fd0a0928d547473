import { Collection, Entity, Enum, ManyToMany, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { distributorReaders } from './channels.policy';

export enum DistributorStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(DistributorStatus, { name: 'DistributorStatus' });

/** A distributor (经销商) and the regions it holds exclusively; its partner users are bound to those regions. */
@ObjectType({ description: 'A distributor and the regions it may sell in.' })
@ReadableBy(distributorReaders)
@Entity({ tableName: 'distributor' })
export class Distributor {
  [OptionalProps]?: 'englishName' | 'status' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  englishName: string | null = null;

  @Field(() => DistributorStatus)
  @Enum({ items: () => DistributorStatus, nativeEnumName: 'distributor_status', default: DistributorStatus.ACTIVE })
  status: DistributorStatus = DistributorStatus.ACTIVE;

  /** Exclusive regions (org units of kind REGION). */
  @ManyToMany({ entity: () => OrgUnit, pivotTable: 'distributor_region', joinColumn: 'distributor_id', inverseJoinColumn: 'region_id' })
  regions = new Collection<OrgUnit>(this);

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
