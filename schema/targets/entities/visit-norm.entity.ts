import { Check, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { internalReaders } from '../../org/org.policy';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { CustomerTier } from '../../customers/customers.enums';

/**
 * The visit norm of a customer tier (拜访频率标准, N3): how often each key customer of the tier should be visited, per
 * month. Master data, edited in the admin; a tier without a norm is not a key tier and is not measured.
 */
@ObjectType({ description: 'Visits per customer per month that a customer tier should get (key-customer visit norm).' })
@ReadableBy(internalReaders)
@Entity({ tableName: 'visit_norm' })
@Check({ name: 'visit_norm_visits_check', expression: 'visits_per_month > 0' })
export class VisitNorm extends VersionedRecord {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => CustomerTier)
  @Enum({ items: () => CustomerTier, nativeEnumName: 'customer_tier', unique: 'visit_norm_tier_unique' })
  tier!: CustomerTier;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 6, scale: 2 })
  visitsPerMonth!: string;
}
