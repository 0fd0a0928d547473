import { Check, Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { Product } from '../../catalog/entities/product.entity';
import { ordersReaders } from '../orders.policy';
import { OrderLine } from './order-line.entity';
import { Shipment } from './shipment.entity';

/** Units of one order line in one shipment, from one production batch (批号): what a recall traces. */
@ObjectType({ description: 'Units of an order line shipped from one batch.' })
@ReadableBy(ordersReaders)
@Entity({ tableName: 'shipment_line' })
@Check({ name: 'shipment_line_quantity_check', expression: 'quantity > 0' })
@Index({ name: 'shipment_line_batch_number_idx', properties: ['batchNumber'] })
export class ShipmentLine {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Shipment, deleteRule: 'cascade', index: true })
  shipment!: Shipment;

  @ManyToOne({ entity: () => OrderLine, deleteRule: 'restrict', index: true })
  orderLine!: OrderLine;

  @ManyToOne({ entity: () => Product, deleteRule: 'restrict' })
  product!: Product;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;

  @Field({ description: 'Production batch number (批号).' })
  @Property({ type: 'text' })
  batchNumber!: string;
}
