import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../api/pagination';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { Customer } from '../customers/entities/customer.entity';
import { SalesOrder } from './entities/sales-order.entity';
import { Shipment } from './entities/shipment.entity';
import { ShipmentLine } from './entities/shipment-line.entity';
import { ordersReaders } from './orders.policy';

@ObjectType()
export class OrderConnection extends Connection(SalesOrder, 'Order') {}

@ObjectType()
export class ShipmentConnection extends Connection(Shipment, 'Shipment') {}

/**
 * Recall tracing (批号追溯): everything that left with one batch number, as far as the viewer's row scope reaches.
 */
@ObjectType({ description: 'Where a production batch went: its shipment lines, and the orders and customers that received it.' })
@ReadableBy(ordersReaders)
export class BatchTrace {
  @Field({ description: 'The batch number traced, as stored (trimmed).' })
  batchNumber!: string;

  @Field(() => Int, { description: 'Units of the batch shipped, over the lines below.' })
  totalQuantity!: number;

  @Field(() => [ShipmentLine], { description: 'Every shipment line of the batch you may see, in shipping order.' })
  lines!: ShipmentLine[];

  @Field(() => [SalesOrder], { description: 'The distinct orders those lines shipped, in the order they first shipped the batch.' })
  orders!: SalesOrder[];

  @Field(() => [Customer], { description: 'The distinct customers of those orders, in the order they first received the batch.' })
  customers!: Customer[];
}
