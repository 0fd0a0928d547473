import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { SalesChannel } from '../../catalog/catalog.enums';
import { Distributor } from '../../channels/distributor.entity';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { CustomerTier, LifecycleStage } from '../customers.enums';
import { customerCreditReaders, customerReaders, internalReaders } from '../customers.policy';
import { CustomerFollowUpStatus } from '../follow-up.types';

/**
 * A customer (客户档案): who owns it, where it is, how important it is (ABC tier), where the relationship stands,
 * and its credit. Names are unique per region after normalisation (`nameKey`), tax ids per region, so duplicates
 * are caught on create.
 */
@ObjectType({ description: 'A customer (客户).' })
@ReadableBy(customerReaders)
@Entity({ tableName: 'customer' })
@Check({ name: 'customer_credit_check', expression: 'credit_limit >= 0 and current_exposure >= 0 and payment_delay_days >= 0' })
@Check({ name: 'customer_distributor_channel_check', expression: `(channel = 'DISTRIBUTOR') = (distributor_id is not null)` })
@Unique({ name: 'customer_region_name_key_unique', properties: ['region', 'nameKey'] })
@Index({ name: 'customer_region_tax_id_unique', expression: 'create unique index "customer_region_tax_id_unique" on "customer" ("region_id", "tax_id") where "tax_id" is not null' })
@Index({ name: 'customer_name_id_idx', properties: ['name', 'id'] })
@Index({ name: 'customer_created_at_id_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'customer_tags_idx', expression: 'create index "customer_tags_idx" on "customer" using gin ("tags")' })
@Check({
  name: 'customer_coordinates_check',
  expression: '(latitude is null) = (longitude is null) and (latitude is null or (latitude::numeric >= -90 and latitude::numeric <= 90 and longitude::numeric >= -180 and longitude::numeric <= 180))',
})
@Index({ name: 'customer_name_trgm_idx', expression: 'create index "customer_name_trgm_idx" on "customer" using gin ("name" gin_trgm_ops)' })
export class Customer extends VersionedRecord<
  'industry' | 'address' | 'taxId' | 'tier' | 'lifecycleStage' | 'channel' | 'distributor' | 'keyAccountManager' | 'creditLimit' | 'currentExposure' | 'paymentDelayDays' | 'tags' | 'latitude' | 'longitude'
> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Customer number, e.g. C000123; assigned on create.' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field()
  @Property({ length: 200 })
  name!: string;

  /** The name folded for duplicate detection: NFKC, lower case, without spaces and punctuation. */
  @Property({ type: 'text' })
  nameKey!: string;

  @Field(() => String, { nullable: true, description: 'Unified social credit code (统一社会信用代码) or other tax id.' })
  @Property({ type: 'text', nullable: true })
  taxId: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true, index: true })
  industry: string | null = null;

  @ManyToOne({ entity: () => OrgUnit, deleteRule: 'restrict', index: true })
  region!: OrgUnit;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  address: string | null = null;

  @Field(() => CustomerTier, { nullable: true, description: 'ABC tier; changed by the owner’s management chain.' })
  @ReadableBy(internalReaders)
  @Enum({ items: () => CustomerTier, nativeEnumName: 'customer_tier', default: CustomerTier.C, index: true })
  tier: CustomerTier = CustomerTier.C;

  @Field(() => LifecycleStage)
  @Enum({ items: () => LifecycleStage, nativeEnumName: 'lifecycle_stage', default: LifecycleStage.PROSPECT, index: true })
  lifecycleStage: LifecycleStage = LifecycleStage.PROSPECT;

  @Field(() => SalesChannel, { description: 'How the customer buys; picks the price list its quotes use.' })
  @Enum({ items: () => SalesChannel, nativeEnumName: 'sales_channel', default: SalesChannel.DIRECT })
  channel: SalesChannel = SalesChannel.DIRECT;

  /** Set exactly when the customer buys through a distributor. */
  @ManyToOne({ entity: () => Distributor, nullable: true, deleteRule: 'restrict', index: true })
  distributor: Distributor | null = null;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: true })
  owner!: User;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null', index: true })
  keyAccountManager: User | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Credit granted, in CNY (信用额度).' })
  @ReadableBy(customerCreditReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2, default: '0' })
  creditLimit: string = '0';

  @Field(() => DecimalScalar, { nullable: true, description: 'Open orders and unpaid invoices, in CNY.' })
  @ReadableBy(customerCreditReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2, default: '0' })
  currentExposure: string = '0';

  @Field(() => Int, { nullable: true, description: 'Average days invoices were paid after their due date (last 12 months).' })
  @ReadableBy(customerCreditReaders)
  @Property({ type: 'integer', default: 0 })
  paymentDelayDays: number = 0;

  @Field(() => [String], { nullable: true })
  @ReadableBy(internalReaders)
  @Property({ type: 'text[]', default: '{}' })
  tags: string[] = [];

  @Field(() => Float, { nullable: true, description: 'WGS-84 latitude of the customer’s site: what visit check-ins are measured against.' })
  @ReadableBy(internalReaders)
  @Property({ type: 'double', nullable: true })
  latitude: number | null = null;

  @Field(() => Float, { nullable: true, description: 'WGS-84 longitude of the customer’s site.' })
  @ReadableBy(internalReaders)
  @Property({ type: 'double', nullable: true })
  longitude: number | null = null;

  /** Not a column: computed a page at a time by FollowUpCustomerResolver (follow-up.loaders.ts); guarded here. */
  @Field(() => CustomerFollowUpStatus, { nullable: true, description: 'Last contact, next contact due by the tier’s follow-up norm, overdue (B4).' })
  @ReadableBy(internalReaders)
  followUpStatus?: CustomerFollowUpStatus;

  /** Not a column: computed for a page at a time by CustomerResolver (formula in health-score.ts); guarded here. */
  @Field(() => Int, {
    nullable: true,
    description: 'Health score 0–100 from visit recency, open complaints and payment behaviour (see README, "Customer health").',
  })
  @ReadableBy(internalReaders)
  healthScore?: number;
}
