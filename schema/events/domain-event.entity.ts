import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { rowReaders } from '../../api/permissions/access-rule';
import { describeEventTypes, EVENT_CATALOGUE } from './event-catalogue';
import type { Contract } from '../orders/entities/contract.entity';
import type { Invoice } from '../orders/entities/invoice.entity';
import type { Payment } from '../orders/entities/payment.entity';
import type { SalesOrder } from '../orders/entities/sales-order.entity';
import type { Opportunity } from '../pipeline/entities/opportunity.entity';
import type { CommissionStatement } from '../targets/entities/commission-statement.entity';
import type { Appraisal } from '../targets/entities/appraisal.entity';
import type { ExpenseClaim } from '../expenses/entities/expense-claim.entity';
import type { SalesTarget } from '../targets/entities/sales-target.entity';
import type { WorkReport } from '../reports/entities/work-report.entity';

/**
 * One change of a deal, written by database triggers in the transaction of the change itself (the transactional
 * outbox): whatever writes the row — the API, the admin UI through Prisma, seeds, bulk imports — writes its event,
 * and a rolled-back change leaves none. The stream is ordered by (`transactionId`, `position`); `id` is what
 * receivers de-duplicate on.
 */
@ObjectType({ description: 'A change of a deal (opportunity, quote, approval, contract, order, shipment, invoice, payment), in commit order.' })
@ReadableBy(rowReaders)
@Entity({ tableName: 'domain_event' })
@Index({ name: 'domain_event_occurred_at_idx', properties: ['occurredAt'] })
@Index({ name: 'domain_event_stream_idx', properties: ['transactionId', 'position'] })
@Index({ name: 'domain_event_opportunity_stream_idx', properties: ['opportunity', 'transactionId', 'position'] })
@Index({ name: 'domain_event_contract_stream_idx', properties: ['contract', 'transactionId', 'position'] })
@Index({ name: 'domain_event_order_stream_idx', properties: ['order', 'transactionId', 'position'] })
@Index({ name: 'domain_event_invoice_stream_idx', properties: ['invoice', 'transactionId', 'position'] })
@Index({ name: 'domain_event_payment_stream_idx', properties: ['payment', 'transactionId', 'position'] })
@Index({ name: 'domain_event_commission_statement_stream_idx', properties: ['commissionStatement', 'transactionId', 'position'] })
@Index({ name: 'domain_event_appraisal_stream_idx', properties: ['appraisal', 'transactionId', 'position'] })
@Index({ name: 'domain_event_target_stream_idx', properties: ['target', 'transactionId', 'position'] })
@Index({ name: 'domain_event_work_report_stream_idx', properties: ['workReport', 'transactionId', 'position'] })
@Index({ name: 'domain_event_expense_claim_stream_idx', properties: ['expenseClaim', 'transactionId', 'position'] })
export class DomainEvent {
  [OptionalProps]?: 'id' | 'occurredAt' | 'actorId' | 'opportunity' | 'contract' | 'order' | 'invoice' | 'payment' | 'commissionStatement' | 'appraisal' | 'target' | 'workReport' | 'expenseClaim' | 'transactionId' | 'aggregateVersion';

  /** Taken at insert; within one transaction it orders that transaction's events. */
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  position!: string;

  @Field(() => ID, { description: 'Unique event id; the same on every delivery, so receivers can de-duplicate.' })
  @Property({ type: 'uuid', unique: true, defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @Field({
    description:
      `The event type, by aggregate (the event catalogue): ${describeEventTypes()}`,
  })
  @Property({ type: 'text' })
  type!: string;

  @Field({ description: `One of ${EVENT_CATALOGUE.map((aggregate) => aggregate.aggregateType).join(', ')}.` })
  @Property({ type: 'text' })
  aggregateType!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  aggregateId!: string;

  @Field(() => Int, { nullable: true, description: 'The aggregate’s version after the change.' })
  @Property({ type: 'integer', nullable: true })
  aggregateVersion: number | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  occurredAt!: Date;

  /** The signed-in user whose request made the change; null for the admin UI, seeds and imports. */
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  /** The deal the event belongs to: its row scope decides who may see the event. */
  @ManyToOne({ entity: 'Opportunity', nullable: true, deleteRule: 'set null', index: false })
  opportunity: Opportunity | null = null;

  /**
   * The record whose row scope decides who sees an order-to-cash event: the contract for contract events, the
   * order for order and shipment events (a shipment is seen with its order), the invoice, the payment.
   */
  @ManyToOne({ entity: 'Contract', nullable: true, deleteRule: 'set null', index: false })
  contract: Contract | null = null;

  @ManyToOne({ entity: 'SalesOrder', fieldName: 'order_id', nullable: true, deleteRule: 'set null', index: false })
  order: SalesOrder | null = null;

  @ManyToOne({ entity: 'Invoice', nullable: true, deleteRule: 'set null', index: false })
  invoice: Invoice | null = null;

  @ManyToOne({ entity: 'Payment', nullable: true, deleteRule: 'set null', index: false })
  payment: Payment | null = null;

  /** Commission events go with their statement (its row scope). */
  @ManyToOne({ entity: 'CommissionStatement', nullable: true, deleteRule: 'set null', index: false })
  commissionStatement: CommissionStatement | null = null;

  /** Appraisal events are seen with their appraisal (its row scope). */
  @ManyToOne({ entity: 'Appraisal', nullable: true, deleteRule: 'set null', index: false })
  appraisal: Appraisal | null = null;

  /** The sales target of a target or adjustment event: its row scope decides who sees the event. */
  @ManyToOne({ entity: 'SalesTarget', nullable: true, deleteRule: 'set null', index: false })
  target: SalesTarget | null = null;

  /** Work report events are seen with their report (its row scope). */
  @ManyToOne({ entity: 'WorkReport', nullable: true, deleteRule: 'set null', index: false })
  workReport: WorkReport | null = null;
  /** Expense claim events are seen with their claim (its row scope). */
  @ManyToOne({ entity: 'ExpenseClaim', nullable: true, deleteRule: 'set null', index: false })
  expenseClaim: ExpenseClaim | null = null;

  /**
   * The writing transaction (`pg_current_xact_id()`). Readers take only events whose transaction is older than the
   * oldest one still running, in (transaction, position) order: no event can commit later behind that point.
   */
  @Property({ columnType: 'xid8', defaultRaw: 'pg_current_xact_id()', hidden: true })
  transactionId!: string;

  @Field(() => GraphQLJSONObject, { description: 'The changed fields (all fields for a creation), camelCase.' })
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;
}
