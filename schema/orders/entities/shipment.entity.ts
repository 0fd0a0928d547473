import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { ShipmentStatus } from '../orders.enums';
import { ordersReaders } from '../orders.policy';
import { SalesOrder } from './sales-order.entity';

/** A shipment (发货) of some or all of an order's units, each line with its batch number; delivery is confirmed later. */
@ObjectType({ description: 'A shipment of an order, line by line with batch numbers.' })
@ReadableBy(ordersReaders)
@Entity({ tableName: 'shipment' })
@Index({ name: 'shipment_order_created_at_idx', properties: ['order', 'createdAt'] })
@Index({ name: 'shipment_created_at_id_idx', properties: ['createdAt', 'id'] })
export class Shipment extends VersionedRecord<'status' | 'carrier' | 'trackingNumber' | 'deliveredOn' | 'receivedBy'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Shipment number, e.g. SH000042.' })
  @Property({ type: 'text', unique: true })
  number!: string;

  @ManyToOne({ entity: () => SalesOrder, deleteRule: 'restrict' })
  order!: SalesOrder;

  @Field(() => ShipmentStatus)
  @Enum({ items: () => ShipmentStatus, nativeEnumName: 'shipment_status', default: ShipmentStatus.SHIPPED })
  status: ShipmentStatus = ShipmentStatus.SHIPPED;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  shippedOn!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  carrier: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  trackingNumber: string | null = null;

  @Field({ description: 'Where it goes.' })
  @Property({ type: 'text' })
  deliveryAddress!: string;

  /** The region of the delivery address: a distributor's shipment outside its regions is a channel conflict. */
  @ManyToOne({ entity: () => OrgUnit, deleteRule: 'restrict', index: true })
  deliveryRegion!: OrgUnit;

  @Field(() => LocalDateResolver, { nullable: true })
  @Property({ type: 'date', nullable: true })
  deliveredOn: string | null = null;

  @Field(() => String, { nullable: true, description: 'Who signed for it.' })
  @Property({ type: 'text', nullable: true })
  receivedBy: string | null = null;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  createdBy!: User;
}
