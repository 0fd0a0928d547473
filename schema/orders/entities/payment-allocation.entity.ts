import { Check, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { User } from '../../org/entities/user.entity';
import { ordersReaders } from '../orders.policy';
import { Invoice } from './invoice.entity';
import { Payment } from './payment.entity';

/** Part of a payment applied to one invoice (核销). */
@ObjectType({ description: 'Part of a payment applied to an invoice.' })
@ReadableBy(ordersReaders)
@Entity({ tableName: 'payment_allocation' })
@Check({ name: 'payment_allocation_amount_check', expression: 'amount > 0' })
@Index({ name: 'payment_allocation_invoice_idx', properties: ['invoice'] })
@Index({ name: 'payment_allocation_payment_idx', properties: ['payment'] })
@Index({ name: 'payment_allocation_allocated_at_idx', properties: ['allocatedAt'] })
export class PaymentAllocation {
  [OptionalProps]?: 'allocatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Payment, deleteRule: 'cascade' })
  payment!: Payment;

  @ManyToOne({ entity: () => Invoice, deleteRule: 'restrict' })
  invoice!: Invoice;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  allocatedAt: Date = new Date();

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  allocatedBy!: User;
}
