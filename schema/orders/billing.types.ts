import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../api/pagination';
import { rowReaders } from '../../api/permissions/access-rule';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { ReceivablesGroupBy } from './billing.inputs';
import { Invoice } from './entities/invoice.entity';
import { Payment } from './entities/payment.entity';

@ObjectType()
export class InvoiceConnection extends Connection(Invoice, 'Invoice') {}

@ObjectType()
export class PaymentConnection extends Connection(Payment, 'Payment') {}

/**
 * Open receivables of one group, by the age of the invoices (days since issue) as of the report's day. Readable by
 * whoever may call the report: its rows are restricted to the owners the caller may see in SQL.
 */
@ObjectType({ description: 'Open receivables of one group by invoice age (days since the issue date).' })
@ReadableBy(rowReaders)
export class ReceivablesAgingRow {
  @Field(() => ID, { nullable: true, description: 'The customer, owner, team or region; null for the grand total and for owners outside any team or region.' })
  groupId!: string | null;

  @Field(() => String, { nullable: true })
  groupName!: string | null;

  @Field(() => DecimalScalar, { description: 'Open on invoices 0 to 30 days old.' })
  days0To30!: string;

  @Field(() => DecimalScalar, { description: 'Open on invoices 31 to 60 days old.' })
  days31To60!: string;

  @Field(() => DecimalScalar, { description: 'Open on invoices 61 to 90 days old.' })
  days61To90!: string;

  @Field(() => DecimalScalar, { description: 'Open on invoices more than 90 days old.' })
  over90!: string;

  @Field(() => DecimalScalar, { description: 'All open receivables: the sum of the four buckets.' })
  total!: string;

  @Field(() => DecimalScalar, { description: 'The part of `total` past its due date.' })
  overdue!: string;

  @Field(() => Int, { description: 'Invoices with something open.' })
  invoiceCount!: number;
}

@ObjectType({ description: 'Receivables aging (应收账款账龄) as of a day.' })
@ReadableBy(rowReaders)
export class ReceivablesAging {
  @Field(() => ReceivablesGroupBy)
  groupBy!: ReceivablesGroupBy;

  @Field(() => LocalDateResolver)
  asOf!: string;

  @Field(() => [ReceivablesAgingRow], { description: 'One row per group, largest total first.' })
  rows!: ReceivablesAgingRow[];

  @Field(() => ReceivablesAgingRow, { description: 'Every row together (groupId null).' })
  grandTotal!: ReceivablesAgingRow;
}

@ObjectType({ description: 'One owner’s invoicing and collection in a period.' })
@ReadableBy(rowReaders)
export class CollectionPerformanceRow {
  @Field(() => ID, { nullable: true, description: 'The invoices’ owner; null for the total row.' })
  ownerId!: string | null;

  @Field(() => String, { nullable: true })
  ownerName!: string | null;

  @Field(() => DecimalScalar, { description: 'Amount of the invoices issued in the period.' })
  invoiced!: string;

  @Field(() => DecimalScalar, { description: 'Money allocated to the owner’s invoices in the period.' })
  collected!: string;

  @Field(() => DecimalScalar, { description: 'Open receivables at the end of the period (invoices issued by then, less allocations made by then).' })
  openAtEnd!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Days sales outstanding: openAtEnd ÷ invoiced × days in the period, to one decimal; null when nothing was invoiced.',
  })
  daysSalesOutstanding!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Amount-weighted days from invoice issue to allocation, for money allocated in the period, to one decimal; null when nothing was collected.',
  })
  averageDaysToCollect!: string | null;
}

@ObjectType({ description: 'Collection per rep (回款周期) over a period, first and last day included.' })
@ReadableBy(rowReaders)
export class CollectionPerformance {
  @Field(() => LocalDateResolver)
  from!: string;

  @Field(() => LocalDateResolver)
  to!: string;

  @Field(() => Int, { description: 'Days in the period, both ends included.' })
  days!: number;

  @Field(() => [CollectionPerformanceRow], { description: 'One row per owner with invoicing, collection or open receivables; largest openAtEnd first.' })
  rows!: CollectionPerformanceRow[];

  @Field(() => CollectionPerformanceRow, { description: 'Every row together (ownerId null); its ratios are computed from the sums.' })
  total!: CollectionPerformanceRow;
}
