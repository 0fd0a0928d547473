import { Check, Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { Product } from '../../catalog/entities/product.entity';
import { ordersReaders } from '../orders.policy';
import { Invoice } from './invoice.entity';
import { OrderLine } from './order-line.entity';

/** Units of one order line on an invoice, at the order's unit price. */
@ObjectType({ description: 'A line of an invoice.' })
@ReadableBy(ordersReaders)
@Entity({ tableName: 'invoice_line' })
@Check({ name: 'invoice_line_quantity_check', expression: 'quantity > 0' })
export class InvoiceLine {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Invoice, deleteRule: 'cascade', index: true })
  invoice!: Invoice;

  @ManyToOne({ entity: () => OrderLine, deleteRule: 'restrict', index: true })
  orderLine!: OrderLine;

  @ManyToOne({ entity: () => Product, deleteRule: 'restrict' })
  product!: Product;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  unitPrice!: string;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  lineTotal!: string;
}
