import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { Customer } from '../../customers/entities/customer.entity';
import { User } from '../../org/entities/user.entity';
import { Opportunity } from '../../pipeline/entities/opportunity.entity';
import { Quote } from '../../pipeline/entities/quote.entity';
import { ContractStatus } from '../orders.enums';
import { contractAmountReaders, ordersReaders } from '../orders.policy';

/**
 * A sales contract (合同), made from a won opportunity or an accepted quote with their lines and prices. Above its
 * owner's signing limit it needs the approval chain (ContractApprovalStep) before it may be signed.
 */
@ObjectType({ description: 'A sales contract (合同).' })
@ReadableBy(ordersReaders)
@Entity({ tableName: 'contract' })
@Check({ name: 'contract_amount_check', expression: 'amount >= 0' })
@Check({ name: 'contract_dates_check', expression: 'end_date >= start_date' })
@Check({ name: 'contract_renewal_not_self_check', expression: 'renewal_of_id is null or renewal_of_id <> id' })
@Check({ name: 'contract_payment_terms_check', expression: 'payment_terms_days >= 0 and payment_terms_days <= 365' })
@Index({ name: 'contract_created_at_id_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'contract_owner_created_at_idx', properties: ['owner', 'createdAt'] })
@Index({ name: 'contract_end_date_id_idx', properties: ['endDate', 'id'] })
@Index({ name: 'contract_amount_id_idx', properties: ['amount', 'id'] })
// At most one contract per quote that is still in force or on its way there: two contracts made at once from one
// quote cannot both pass the service's check.
@Index({
  name: 'contract_quote_open_unique',
  expression: `create unique index "contract_quote_open_unique" on "contract" ("quote_id") where "status" <> 'TERMINATED'`,
})
// A contract's renewals (H7, migration 20261212090000).
@Index({ name: 'contract_renewal_of_idx', expression: 'create index "contract_renewal_of_idx" on "contract" ("renewal_of_id") where renewal_of_id is not null' })
export class Contract extends VersionedRecord<
  'renewalOf' | 'status' | 'currency' | 'paymentTermsDays' | 'opportunity' | 'quote' | 'submittedAt' | 'approvedAt' | 'signedAt' | 'signedBy' | 'terminatedAt' | 'terminationReason' | 'approvalRound'
> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Contract number, e.g. CT000042; assigned on create.' })
  @Property({ type: 'text', unique: true })
  number!: string;

  @Field()
  @Property({ length: 200 })
  title!: string;

  @ManyToOne({ entity: () => Customer, deleteRule: 'restrict', index: true })
  customer!: Customer;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  owner!: User;

  @ManyToOne({ entity: () => Opportunity, nullable: true, deleteRule: 'set null', index: true })
  opportunity: Opportunity | null = null;

  @ManyToOne({ entity: () => Quote, nullable: true, deleteRule: 'set null', index: true })
  quote: Quote | null = null;

  /**
   * The contract this one renews (续签), H7: the same customer's, ending on or before this one starts, never a cycle
   * (checked by the contract service). Renewal rates count predecessors with a signed renewal.
   */
  @ManyToOne({ entity: () => Contract, nullable: true, deleteRule: 'restrict' })
  renewalOf: Contract | null = null;

  @Field(() => ContractStatus)
  @Enum({ items: () => ContractStatus, nativeEnumName: 'contract_status', default: ContractStatus.DRAFT, index: true })
  status: ContractStatus = ContractStatus.DRAFT;

  @Field(() => DecimalScalar, { nullable: true, description: 'Total value: the sum of the line totals.' })
  @ReadableBy(contractAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;

  @Field()
  @Property({ type: 'character', length: 3, default: 'CNY' })
  currency: string = 'CNY';

  @Field(() => LocalDateResolver, { description: 'First day in force.' })
  @Property({ type: 'date' })
  startDate!: string;

  @Field(() => LocalDateResolver, { description: 'Last day in force; renewal alerts count down to it.' })
  @Property({ type: 'date' })
  endDate!: string;

  @Field(() => Int, { description: 'Days after the invoice date that payment is due (账期).' })
  @Property({ type: 'smallint', default: 30 })
  paymentTermsDays: number = 30;

  /** Which submission the current approval steps belong to; a rejected contract is submitted again as the next round. */
  @Field(() => Int, { description: 'How many times it was submitted for approval.' })
  @Property({ type: 'smallint', default: 0 })
  approvalRound: number = 0;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  signedAt: Date | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict' })
  signedBy: User | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  terminatedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  terminationReason: string | null = null;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  createdBy!: User;
}
