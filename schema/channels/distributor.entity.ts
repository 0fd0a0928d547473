import { Check, Collection, Entity, Enum, ManyToMany, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { distributorCreditReaders, distributorReaders } from './channels.policy';

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
@Check({ name: 'distributor_contract_check', expression: 'contract_end is null or contract_start is null or contract_end >= contract_start' })
@Check({ name: 'distributor_credit_check', expression: 'credit_limit >= 0' })
export class Distributor {
  [OptionalProps]?: 'englishName' | 'status' | 'contractStart' | 'contractEnd' | 'creditLimit' | 'createdAt' | 'updatedAt';

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

  @Field(() => LocalDateResolver, { nullable: true, description: 'First day of the distribution contract.' })
  @Property({ type: 'date', nullable: true })
  contractStart: string | null = null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day of the distribution contract.' })
  @Property({ type: 'date', nullable: true })
  contractEnd: string | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Credit granted to the distributor, in CNY.' })
  @ReadableBy(distributorCreditReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2, default: '0' })
  creditLimit: string = '0';

  /**
   * Exclusive regions (org units of kind REGION). The pivot table has the shape Prisma gives an implicit
   * many-to-many (`_<relation>` with columns A and B), so the admin UI edits the same rows.
   */
  @ManyToMany({ entity: () => OrgUnit, pivotTable: '_distributor_regions', joinColumn: 'A', inverseJoinColumn: 'B' })
  regions = new Collection<OrgUnit>(this);

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
