import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { Customer } from '../../customers/entities/customer.entity';
import { User } from '../../org/entities/user.entity';
import { PaymentMethod, PaymentStatus } from '../orders.enums';
import { ordersReaders, paymentDetailReaders } from '../orders.policy';

/**
 * A payment received from a customer (回款), allocated to its invoices in part or whole; what is not allocated yet
 * stays on the payment. A check constraint keeps the allocations within the amount.
 */
@ObjectType({ description: 'A payment received from a customer.' })
@ReadableBy(ordersReaders)
@Entity({ tableName: 'payment' })
@Check({ name: 'payment_amounts_check', expression: 'amount > 0 and allocated_amount >= 0 and allocated_amount <= amount' })
@Index({ name: 'payment_customer_received_on_idx', properties: ['customer', 'receivedOn'] })
@Index({ name: 'payment_owner_received_on_idx', properties: ['owner', 'receivedOn'] })
@Index({ name: 'payment_created_at_id_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'payment_received_on_id_idx', properties: ['receivedOn', 'id'] })
@Index({ name: 'payment_idempotency_key_unique', expression: 'create unique index "payment_idempotency_key_unique" on "payment" ("recorded_by_id", "idempotency_key") where "idempotency_key" is not null' })
export class Payment extends VersionedRecord<'status' | 'currency' | 'allocatedAmount' | 'unallocatedAmount' | 'reference' | 'payerAccount' | 'note' | 'idempotencyKey'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Payment number, e.g. PAY000042.' })
  @Property({ type: 'text', unique: true })
  number!: string;

  @ManyToOne({ entity: () => Customer, deleteRule: 'restrict' })
  customer!: Customer;

  /** The customer's owner when it was received: collection is reported per rep. */
  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  owner!: User;

  @Field(() => PaymentStatus)
  @Enum({ items: () => PaymentStatus, nativeEnumName: 'payment_status', default: PaymentStatus.UNALLOCATED })
  status: PaymentStatus = PaymentStatus.UNALLOCATED;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 14, scale: 2, default: '0' })
  allocatedAmount: string = '0';

  @Field(() => DecimalScalar, { description: 'amount − allocatedAmount: still to be allocated to invoices.' })
  get unallocatedAmount(): string {
    return new Decimal(this.amount).minus(this.allocatedAmount).toFixed(2);
  }

  @Field()
  @Property({ type: 'character', length: 3, default: 'CNY' })
  currency: string = 'CNY';

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  receivedOn!: string;

  @Field(() => PaymentMethod, { nullable: true })
  @ReadableBy(paymentDetailReaders)
  @Enum({ items: () => PaymentMethod, nativeEnumName: 'payment_method' })
  method!: PaymentMethod;

  @Field(() => String, { nullable: true, description: 'Bank reference or bill number.' })
  @ReadableBy(paymentDetailReaders)
  @Property({ type: 'text', nullable: true })
  reference: string | null = null;

  @Field(() => String, { nullable: true, description: 'The account it was paid from.' })
  @ReadableBy(paymentDetailReaders)
  @Property({ type: 'text', nullable: true })
  payerAccount: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  recordedBy!: User;

  @Property({ type: 'text', nullable: true })
  idempotencyKey: string | null = null;
}
