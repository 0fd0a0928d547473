import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ProductLine } from '../../catalog/entities/product-line.entity';
import { CustomerTier } from '../../customers/customers.enums';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { CustomerNovelty, PeriodKind, TargetMetric } from '../targets.enums';

/**
 * A sales target (销售目标): one figure for one metric, period and level (an org unit or a person), optionally for
 * one product line and one customer segment. `parent` is the target it was decomposed from.
 */
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
export class SalesTarget extends VersionedRecord<'orgUnit' | 'user' | 'productLine' | 'customerTier' | 'customerNovelty' | 'parent' | 'reason'> {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => TargetMetric, nativeEnumName: 'target_metric' })
  metric!: TargetMetric;

  @Enum({ items: () => PeriodKind, nativeEnumName: 'period_kind' })
  periodKind!: PeriodKind;

  @Property({ type: 'date' })
  periodStart!: string;

  @ManyToOne({ entity: () => OrgUnit, nullable: true, deleteRule: 'restrict' })
  orgUnit: OrgUnit | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict' })
  user: User | null = null;

  @ManyToOne({ entity: () => ProductLine, nullable: true, deleteRule: 'restrict' })
  productLine: ProductLine | null = null;

  @Enum({ items: () => CustomerTier, nativeEnumName: 'customer_tier', nullable: true })
  customerTier: CustomerTier | null = null;

  @Enum({ items: () => CustomerNovelty, nativeEnumName: 'customer_novelty', nullable: true })
  customerNovelty: CustomerNovelty | null = null;

  @ManyToOne({ entity: () => SalesTarget, nullable: true, deleteRule: 'restrict' })
  parent: SalesTarget | null = null;

  @Property({ type: 'decimal', precision: 16, scale: 2 })
  value!: string;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  setBy!: User;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;
}
