import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { PriceList } from '../../catalog/entities/price-list.entity';
import { Distributor } from '../../channels/distributor.entity';
import { Customer } from '../../customers/entities/customer.entity';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { OrderStatus } from '../orders.enums';
import { internalReaders, orderAmountReaders, orderCreditReaders, ordersReaders } from '../orders.policy';
import { Contract } from './contract.entity';

/**
 * A sales order (订单): against a signed contract at its prices, or directly at price-list prices for amounts within
 * the placer's signing limit; partners place them for their region's customers. An order that would push the
 * customer over its credit limit waits on CREDIT_HOLD for finance.
 */
@ObjectType('Order', { description: 'A sales order (订单).' })
@ReadableBy(ordersReaders)
@Entity({ tableName: 'sales_order' })
@Check({ name: 'sales_order_total_check', expression: 'total >= 0' })
@Index({ name: 'sales_order_created_at_id_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'sales_order_owner_created_at_idx', properties: ['owner', 'createdAt'] })
@Index({ name: 'sales_order_distributor_created_at_idx', properties: ['distributor', 'createdAt'] })
@Index({ name: 'sales_order_total_id_idx', properties: ['total', 'id'] })
// Booked sales and first orders by owner and confirmation day, and "an earlier confirmed order of this customer":
// the indexes behind `sales_performance_fact` (migration 20261207110000).
@Index({ name: 'sales_order_owner_booked_on_idx', expression: `create index "sales_order_owner_booked_on_idx" on "sales_order" ("owner_id", ((coalesce(credit_decided_at, created_at) at time zone 'Asia/Shanghai')::date)) where status not in ('CREDIT_HOLD', 'CANCELLED')` })
@Index({ name: 'sales_order_customer_booked_at_idx', expression: `create index "sales_order_customer_booked_at_idx" on "sales_order" ("customer_id", (coalesce(credit_decided_at, created_at)), "id") where status not in ('CREDIT_HOLD', 'CANCELLED')` })
// A distributor's sell-in by booking day (channel performance, migration 20261212090000).
@Index({ name: 'sales_order_distributor_booked_on_idx', expression: `create index "sales_order_distributor_booked_on_idx" on "sales_order" ("distributor_id", ((coalesce(credit_decided_at, created_at) at time zone 'Asia/Shanghai')::date)) where distributor_id is not null and status not in ('CREDIT_HOLD', 'CANCELLED')` })
@Index({ name: 'sales_order_idempotency_key_unique', expression: 'create unique index "sales_order_idempotency_key_unique" on "sales_order" ("placed_by_id", "idempotency_key") where "idempotency_key" is not null' })
export class SalesOrder extends VersionedRecord<
  'status' | 'currency' | 'contract' | 'distributor' | 'priceList' | 'requestedDeliveryDate' | 'deliveryAddress' | 'creditHoldReason' | 'creditDecidedBy' | 'creditDecidedAt' | 'creditComment' | 'cancelledAt' | 'cancelReason' | 'idempotencyKey'
> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Order number, e.g. SO000042; assigned on create.' })
  @Property({ type: 'text', unique: true })
  number!: string;

  @ManyToOne({ entity: () => Customer, deleteRule: 'restrict', index: true })
  customer!: Customer;

  /** The customer's owner when the order was placed: whose sale it is, and whose chain sees it. */
  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  owner!: User;

  @ManyToOne({ entity: () => Contract, nullable: true, deleteRule: 'restrict', index: true })
  contract: Contract | null = null;

  /** Set for orders a distributor placed through the partner portal. */
  @ManyToOne({ entity: () => Distributor, nullable: true, deleteRule: 'restrict' })
  distributor: Distributor | null = null;

  @ManyToOne({ entity: () => PriceList, nullable: true, deleteRule: 'restrict', index: true })
  priceList: PriceList | null = null;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  placedBy!: User;

  @Field(() => OrderStatus)
  @Enum({ items: () => OrderStatus, nativeEnumName: 'order_status', default: OrderStatus.CONFIRMED, index: true })
  status: OrderStatus = OrderStatus.CONFIRMED;

  @Field(() => DecimalScalar, { nullable: true, description: 'Sum of the line totals.' })
  @ReadableBy(orderAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  total!: string;

  @Field()
  @Property({ type: 'character', length: 3, default: 'CNY' })
  currency: string = 'CNY';

  @Field(() => LocalDateResolver, { nullable: true })
  @Property({ type: 'date', nullable: true })
  requestedDeliveryDate: string | null = null;

  @Field(() => String, { nullable: true, description: 'Where the goods go; the customer’s address unless given.' })
  @Property({ type: 'text', nullable: true })
  deliveryAddress: string | null = null;

  /** The region the goods are to be delivered in (the customer's unless given): shipments are checked against it. */
  @ManyToOne({ entity: () => OrgUnit, deleteRule: 'restrict' })
  deliveryRegion!: OrgUnit;

  @Field(() => String, { nullable: true, description: 'Why it was held: exposure and limit at the time of the check.' })
  @ReadableBy(orderCreditReaders)
  @Property({ type: 'text', nullable: true })
  creditHoldReason: string | null = null;

  /** Who in finance decided: internal, like when (the field itself is resolved in order.resolver.ts). */
  @ReadableBy(internalReaders)
  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict' })
  creditDecidedBy: User | null = null;

  @Field(() => Date, { nullable: true })
  @ReadableBy(internalReaders)
  @Property({ type: 'timestamptz', nullable: true })
  creditDecidedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Finance’s comment on the decision; it may quote the credit figures.' })
  @ReadableBy(orderCreditReaders)
  @Property({ type: 'text', nullable: true })
  creditComment: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  /** A client's key for retrying a create safely: the same key from the same user returns the first order. */
  @Property({ type: 'text', nullable: true })
  idempotencyKey: string | null = null;
}
