import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { ProductLine } from '../../catalog/entities/product-line.entity';
import { CustomerTier } from '../../customers/customers.enums';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { CustomerNovelty, PeriodKind, TargetMetric } from '../targets.enums';
import { targetReaders, targetValueReaders } from '../targets.policy';

/**
 * A sales target (销售目标): one figure for one metric, period and level (an org unit or a person), optionally for
 * one product line and one customer segment. `parent` is the target it was decomposed from.
 */
@ObjectType({ description: 'A sales target (销售目标): one figure for one metric, period and level (a unit or a person), optionally for one product line and customer segment.' })
@ReadableBy(targetReaders)
@Entity({ tableName: 'sales_target' })
@Check({ name: 'sales_target_level_check', expression: '(org_unit_id is null) <> (user_id is null)' })
@Check({ name: 'sales_target_value_check', expression: 'value >= 0' })
@Index({
  name: 'sales_target_slice_unique',
  expression: 'create unique index "sales_target_slice_unique" on "sales_target" ("metric", "period_kind", "period_start", "org_unit_id", "user_id", "product_line_id", "customer_tier", "customer_novelty") nulls not distinct',
})
@Index({ name: 'sales_target_user_period_idx', expression: 'create index "sales_target_user_period_idx" on "sales_target" ("user_id", "period_start") where user_id is not null' })
@Index({ name: 'sales_target_unit_period_idx', expression: 'create index "sales_target_unit_period_idx" on "sales_target" ("org_unit_id", "period_start") where org_unit_id is not null' })
@Index({ name: 'sales_target_parent_idx', properties: ['parent'] })
@Index({ name: 'sales_target_period_id_idx', properties: ['periodStart', 'id'] })
export class SalesTarget extends VersionedRecord<'orgUnit' | 'user' | 'productLine' | 'customerTier' | 'customerNovelty' | 'parent' | 'reason'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => TargetMetric)
  @Enum({ items: () => TargetMetric, nativeEnumName: 'target_metric' })
  metric!: TargetMetric;

  @Field(() => PeriodKind)
  @Enum({ items: () => PeriodKind, nativeEnumName: 'period_kind' })
  periodKind!: PeriodKind;

  @Field(() => LocalDateResolver, { description: 'First day of the period (company time, Asia/Shanghai).' })
  @Property({ type: 'date' })
  periodStart!: string;

  @ManyToOne({ entity: () => OrgUnit, nullable: true, deleteRule: 'restrict' })
  orgUnit: OrgUnit | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict' })
  user: User | null = null;

  @ManyToOne({ entity: () => ProductLine, nullable: true, deleteRule: 'restrict' })
  productLine: ProductLine | null = null;

  @Field(() => CustomerTier, { nullable: true, description: 'Only customers of this tier; null: all tiers.' })
  @Enum({ items: () => CustomerTier, nativeEnumName: 'customer_tier', nullable: true })
  customerTier: CustomerTier | null = null;

  @Field(() => CustomerNovelty, { nullable: true, description: 'Only new (or only existing) customers; null: both.' })
  @Enum({ items: () => CustomerNovelty, nativeEnumName: 'customer_novelty', nullable: true })
  customerNovelty: CustomerNovelty | null = null;

  @ManyToOne({ entity: () => SalesTarget, nullable: true, deleteRule: 'restrict' })
  parent: SalesTarget | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The figure to reach: an amount for BOOKED_SALES and COLLECTIONS, a count for NEW_CUSTOMERS and VISITS.' })
  @ReadableBy(targetValueReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  value!: string;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  setBy!: User;

  @Field(() => String, { nullable: true, description: 'Why the current value was set.' })
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;
}
