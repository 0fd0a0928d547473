import { Check, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { internalReaders } from '../../org/org.policy';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { CustomerTier } from '../../customers/customers.enums';
import { ServiceMode } from '../../customers/follow-up.enums';

/**
 * The visit norm of a customer tier (拜访频率标准, N3): how often each key customer of the tier should be visited, per
 * month. Master data, edited in the admin; a tier without a norm is not a key tier and is not measured.
 * It also carries the tier's follow-up norm (B4): how many days may pass between contacts, and how the tier is served.
 */
@ObjectType({ description: 'Visits per customer per month that a customer tier should get (key-customer visit norm).' })
@ReadableBy(internalReaders)
@Entity({ tableName: 'visit_norm' })
@Check({ name: 'visit_norm_visits_check', expression: 'visits_per_month > 0' })
@Check({ name: 'visit_norm_max_days_check', expression: 'max_days_between_contacts >= 1 and max_days_between_contacts <= 366' })
export class VisitNorm extends VersionedRecord<'maxDaysBetweenContacts' | 'serviceMode'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => CustomerTier)
  @Enum({ items: () => CustomerTier, nativeEnumName: 'customer_tier', unique: 'visit_norm_tier_unique' })
  tier!: CustomerTier;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 6, scale: 2 })
  visitsPerMonth!: string;

  @Field(() => Int, { description: 'Follow-up norm (B4): the most days a customer of the tier may go without a contact (a visit or a logged follow-up).' })
  @Property({ type: 'smallint', default: 30 })
  maxDaysBetweenContacts: number = 30;

  @Field(() => ServiceMode, { description: 'How the tier is served; AUTOMATED tiers get no follow-up reminders.' })
  @Enum({ items: () => ServiceMode, nativeEnumName: 'follow_up_service_mode', default: ServiceMode.REGULAR })
  serviceMode: ServiceMode = ServiceMode.REGULAR;
}
