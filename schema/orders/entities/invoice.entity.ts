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
import { InvoiceStatus } from '../orders.enums';
import { ordersReaders } from '../orders.policy';
import { SalesOrder } from './sales-order.entity';

/**
 * An invoice (发票) for shipped, not yet invoiced units of one order. Payments are allocated to it until it is paid;
 * a check constraint keeps the paid amount within the invoice amount.
 */
@ObjectType({ description: 'An invoice for shipped units of an order.' })
@ReadableBy(ordersReaders)
@Entity({ tableName: 'invoice' })
@Check({ name: 'invoice_amounts_check', expression: 'amount > 0 and paid_amount >= 0 and paid_amount <= amount' })
@Check({ name: 'invoice_dates_check', expression: 'due_date >= issue_date' })
@Index({ name: 'invoice_customer_issue_date_idx', properties: ['customer', 'issueDate'] })
@Index({ name: 'invoice_owner_status_idx', properties: ['owner', 'status'] })
@Index({ name: 'invoice_order_idx', properties: ['order'] })
@Index({ name: 'invoice_created_at_id_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'invoice_issue_date_id_idx', properties: ['issueDate', 'id'] })
@Index({ name: 'invoice_due_date_id_idx', properties: ['dueDate', 'id'] })
// Receivables aging and collection read open invoices by owner and issue date and nothing else of them: every
// column they use is in the index, so the reports scan it alone (finance's company-wide report too, whole).
@Index({
  name: 'invoice_open_owner_issue_date_idx',
  expression: `create index "invoice_open_owner_issue_date_idx" on "invoice" ("owner_id", "issue_date") include ("id", "customer_id", "due_date", "amount", "paid_amount") where "status" <> 'PAID'`,
})
export class Invoice extends VersionedRecord<'status' | 'currency' | 'paidAmount' | 'openAmount'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Invoice number, e.g. INV000042.' })
  @Property({ type: 'text', unique: true })
  number!: string;

  @ManyToOne({ entity: () => SalesOrder, deleteRule: 'restrict' })
  order!: SalesOrder;

  @ManyToOne({ entity: () => Customer, deleteRule: 'restrict' })
  customer!: Customer;

  /** The order's owner: receivables and collection are reported per rep. */
  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  owner!: User;

  @Field(() => InvoiceStatus)
  @Enum({ items: () => InvoiceStatus, nativeEnumName: 'invoice_status', default: InvoiceStatus.OPEN })
  status: InvoiceStatus = InvoiceStatus.OPEN;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  issueDate!: string;

  @Field(() => LocalDateResolver, { description: 'issueDate + the payment terms.' })
  @Property({ type: 'date' })
  dueDate!: string;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;

  @Field(() => DecimalScalar, { description: 'Allocated from payments so far.' })
  @Property({ type: 'decimal', precision: 14, scale: 2, default: '0' })
  paidAmount: string = '0';

  @Field(() => DecimalScalar, { description: 'amount − paidAmount.' })
  get openAmount(): string {
    return new Decimal(this.amount).minus(this.paidAmount).toFixed(2);
  }

  @Field()
  @Property({ type: 'character', length: 3, default: 'CNY' })
  currency: string = 'CNY';

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  createdBy!: User;
}
