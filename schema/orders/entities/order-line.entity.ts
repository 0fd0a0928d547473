import { Check, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { Product } from '../../catalog/entities/product.entity';
import { costReaders, orderAmountReaders, ordersReaders } from '../orders.policy';
import { ContractLine } from './contract-line.entity';
import { SalesOrder } from './sales-order.entity';

/**
 * A line of an order. Shipped and invoiced quantities are kept on the line, and check constraints hold them
 * (invoiced ≤ shipped ≤ ordered), so no writer can over-ship or over-invoice.
 */
@ObjectType({ description: 'A line of an order, with how much of it is shipped and invoiced.' })
@ReadableBy(ordersReaders)
@Entity({ tableName: 'order_line' })
@Check({ name: 'order_line_values_check', expression: 'quantity > 0 and discount_percent >= 0 and discount_percent <= 100 and unit_price >= 0' })
@Check({ name: 'order_line_quantities_check', expression: 'shipped_quantity >= 0 and shipped_quantity <= quantity and invoiced_quantity >= 0 and invoiced_quantity <= shipped_quantity' })
@Index({ name: 'order_line_order_position_idx', properties: ['order', 'position'] })
// Booked sales read the lines of many orders from the index alone (Migration20261207150000_order_line_booking_cover).
@Index({ name: 'order_line_order_booking_idx', expression: 'create index "order_line_order_booking_idx" on "order_line" ("order_id") include ("product_id", "line_total")' })
export class OrderLine {
  // `margin` is computed (a getter), never written.
  [OptionalProps]?: 'discountPercent' | 'shippedQuantity' | 'invoicedQuantity' | 'contractLine' | 'margin';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => SalesOrder, deleteRule: 'cascade' })
  order!: SalesOrder;

  @Field(() => Int)
  @Property({ type: 'smallint' })
  position!: number;

  @ManyToOne({ entity: () => Product, deleteRule: 'restrict', index: true })
  product!: Product;

  /** The contract line it draws on, for orders against a contract. */
  @ManyToOne({ entity: () => ContractLine, nullable: true, deleteRule: 'restrict', index: true })
  contractLine: ContractLine | null = null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'List price per unit (quantity breaks applied), or the contract’s list price.' })
  @ReadableBy(orderAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  listPrice!: string;

  @Field(() => DecimalScalar, { nullable: true })
  @ReadableBy(orderAmountReaders)
  @Property({ type: 'decimal', precision: 5, scale: 2, default: '0' })
  discountPercent: string = '0';

  @Field(() => DecimalScalar, { nullable: true, description: 'The price per unit after the discount (the contract’s agreed price for a contract line).' })
  @ReadableBy(orderAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  unitPrice!: string;

  @Field(() => DecimalScalar, { nullable: true })
  @ReadableBy(orderAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  lineTotal!: string;

  @Field(() => DecimalScalar, { nullable: true })
  @ReadableBy(costReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  unitCost!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'quantity × (unitPrice − unitCost).' })
  @ReadableBy(costReaders)
  get margin(): string {
    return new Decimal(this.unitPrice).minus(this.unitCost).times(this.quantity).toFixed(2);
  }

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  shippedQuantity: number = 0;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  invoicedQuantity: number = 0;
}
