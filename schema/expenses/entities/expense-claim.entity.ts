import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { rowReaders } from '../../../api/permissions/access-rule';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { Customer } from '../../customers/entities/customer.entity';
import { Visit } from '../../customers/entities/visit.entity';
import { ApprovalStepStatus } from '../../orders/orders.enums';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { Role } from '../../org/org.enums';
import { Opportunity } from '../../pipeline/entities/opportunity.entity';
import { ExpenseClaimStatus } from '../expenses.enums';
import { expenseAmountReaders } from '../expenses.policy';
import { ExpenseCategory } from './expense-category.entity';

/**
 * An expense claim (费用报销单): one claimant's lines, approved up their chain by amount (ExpenseApprovalStep),
 * audited and paid by finance. Its total is the sum of its lines (a deferred trigger checks it at commit).
 */
@ObjectType({ description: 'An expense claim: its lines, its approval steps, its audit and payment.' })
@ReadableBy(rowReaders)
@Entity({ tableName: 'expense_claim' })
@Index({ name: 'expense_claim_claimant_idx', properties: ['claimant', 'createdAt'] })
@Index({ name: 'expense_claim_unit_status_idx', properties: ['orgUnit', 'status'] })
@Index({ name: 'expense_claim_status_idx', properties: ['status', 'createdAt'] })
@Check({ name: 'expense_claim_paid_check', expression: "(status = 'PAID') = (paid_on is not null)" })
@Check({ name: 'expense_claim_amount_check', expression: 'total_amount >= 0' })
@Check({ name: 'expense_claim_returned_check', expression: "status <> 'RETURNED' or return_reason is not null" })
export class ExpenseClaim extends VersionedRecord<
  'currency' | 'status' | 'approvalRound' | 'overBudget' | 'submittedAt' | 'approvedAt' | 'returnedAt' | 'returnedBy' | 'returnReason' | 'rejectedAt' | 'paidOn' | 'paymentReference' | 'paidBy'
> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'EX000042: the number finance files it under.' })
  @Property({ type: 'text', unique: 'expense_claim_number_unique' })
  number!: string;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: false })
  claimant!: User;

  /** The claimant's unit when the claim was made: whose budget it draws on. */
  @ManyToOne({ entity: () => OrgUnit, deleteRule: 'restrict', index: false })
  orgUnit!: OrgUnit;

  @Field()
  @Property({ length: 200 })
  title!: string;

  @Field({ description: 'ISO 4217 code; CNY unless given.' })
  @Property({ type: 'character', length: 3, default: 'CNY' })
  currency: string = 'CNY';

  @Field(() => DecimalScalar, { nullable: true, description: 'The sum of the lines (after any correction by finance).' })
  @ReadableBy(expenseAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  totalAmount!: string;

  @Field(() => ExpenseClaimStatus)
  @Enum({ items: () => ExpenseClaimStatus, columnType: 'text', default: ExpenseClaimStatus.DRAFT })
  status: ExpenseClaimStatus = ExpenseClaimStatus.DRAFT;

  @Field(() => Int, { description: 'How many times it was submitted (the round of its current steps).' })
  @Property({ type: 'smallint', default: 0 })
  approvalRound: number = 0;

  @Field({ description: 'At submission (or at the last approval) a line took its unit’s budget past its amount: the level that set the budget approves it too.' })
  @Property({ default: false })
  overBudget: boolean = false;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  returnedAt: Date | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict', index: false })
  returnedBy: User | null = null;

  @Field(() => String, { nullable: true, description: 'Why it was last returned.' })
  @Property({ type: 'text', nullable: true })
  returnReason: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  rejectedAt: Date | null = null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Property({ type: 'date', nullable: true })
  paidOn: string | null = null;

  @Field(() => String, { nullable: true, description: 'The bank or payroll reference of the payment.' })
  @Property({ type: 'text', nullable: true })
  paymentReference: string | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict', index: false })
  paidBy: User | null = null;
}

/** One expense of a claim: category, day, amount, what for, what it relates to, and its receipt's metadata. */
@ObjectType({ description: 'A line of an expense claim.' })
@ReadableBy(rowReaders)
@Entity({ tableName: 'expense_claim_line' })
@Unique({ name: 'expense_claim_line_position_unique', properties: ['claim', 'position'] })
@Index({ name: 'expense_claim_line_spent_idx', properties: ['category', 'spentOn'] })
@Index({ name: 'expense_claim_line_claimant_spent_idx', properties: ['claimant', 'spentOn'] })
@Check({ name: 'expense_claim_line_amount_check', expression: 'amount >= 0 and (original_amount is null or original_amount > 0)' })
@Check({ name: 'expense_claim_line_receipt_check', expression: "(receipt_sha256 is null or receipt_sha256 ~ '^[0-9a-f]{64}$') and (receipt_size is null or receipt_size >= 0)" })
@Check({ name: 'expense_claim_line_correction_check', expression: '(original_amount is null) = (corrected_by_id is null) and (original_amount is null) = (correction_reason is null)' })
export class ExpenseClaimLine {
  [OptionalProps]?:
    | 'customer' | 'visit' | 'opportunity' | 'receiptFileName' | 'receiptContentType' | 'receiptSize' | 'receiptSha256' | 'receiptStorageKey'
    | 'budgetRemaining' | 'originalAmount' | 'correctedBy' | 'correctedAt' | 'correctionReason';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => ExpenseClaim, deleteRule: 'cascade', index: false })
  claim!: ExpenseClaim;

  /** The claim's claimant, so the amount rule needs no second row. */
  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: false })
  claimant!: User;

  @Field(() => Int)
  @Property({ type: 'smallint' })
  position!: number;

  @ManyToOne({ entity: () => ExpenseCategory, deleteRule: 'restrict', index: false })
  category!: ExpenseCategory;

  @Field(() => LocalDateResolver, { description: 'The day the money was spent.' })
  @Property({ type: 'date' })
  spentOn!: string;

  @Field(() => DecimalScalar, { nullable: true })
  @ReadableBy(expenseAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;

  @Field()
  @Property({ type: 'text' })
  description!: string;

  @ManyToOne({ entity: () => Customer, nullable: true, deleteRule: 'set null', index: false })
  customer: Customer | null = null;

  @ManyToOne({ entity: () => Visit, nullable: true, deleteRule: 'set null', index: false })
  visit: Visit | null = null;

  @ManyToOne({ entity: () => Opportunity, nullable: true, deleteRule: 'set null', index: false })
  opportunity: Opportunity | null = null;

  @Field(() => String, { nullable: true, description: 'Receipt metadata only: the file lives in the document store.' })
  @Property({ type: 'text', nullable: true })
  receiptFileName: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  receiptContentType: string | null = null;

  @Field(() => Int, { nullable: true, description: 'Bytes.' })
  @Property({ type: 'integer', nullable: true })
  receiptSize: number | null = null;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the file, 64 lower-case hex digits.' })
  @Property({ type: 'text', nullable: true })
  receiptSha256: string | null = null;

  @Field(() => String, { nullable: true, description: 'Where the document store keeps the file.' })
  @Property({ type: 'text', nullable: true })
  receiptStorageKey: string | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'What was left of the unit’s budget for the category and period at submission, before this claim.' })
  @ReadableBy(expenseAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  budgetRemaining: string | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The amount claimed, when finance corrected it.' })
  @ReadableBy(expenseAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  originalAmount: string | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict', index: false })
  correctedBy: User | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  correctedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  correctionReason: string | null = null;
}

/**
 * One approver of a claim's round: the heads up the claimant's chain, nearest first, up to the first whose expense
 * limit covers the total — and, for a claim over budget, up to the level that sets the unit's budget.
 */
@ObjectType({ description: 'A step of an expense claim’s approval chain: who had to decide, what they decided, when and why.' })
@ReadableBy(rowReaders)
@Entity({ tableName: 'expense_approval_step' })
@Unique({ name: 'expense_approval_step_round_position_unique', properties: ['claim', 'round', 'position'] })
@Index({ name: 'expense_approval_step_approver_status_idx', properties: ['approver', 'status'] })
export class ExpenseApprovalStep extends VersionedRecord<'status' | 'decidedAt' | 'comment' | 'forBudget'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => ExpenseClaim, deleteRule: 'cascade', index: false })
  claim!: ExpenseClaim;

  @Field(() => Int, { description: 'The submission this step belongs to (1 for the first).' })
  @Property({ type: 'smallint' })
  round!: number;

  @Field(() => Int, { description: 'Order within the round, from 1 (the nearest manager).' })
  @Property({ type: 'smallint' })
  position!: number;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: false })
  approver!: User;

  @Field(() => Role, { description: 'The approver’s role when the step was made.' })
  @Enum({ items: () => Role, nativeEnumName: 'user_role' })
  approverRole!: Role;

  @Field(() => DecimalScalar, { description: 'The approver’s expense limit when the step was made.' })
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  approverLimit!: string;

  @Field({ description: 'The step is there because the claim is over budget (the level that sets the budget).' })
  @Property({ default: false })
  forBudget: boolean = false;

  @Field(() => ApprovalStepStatus)
  @Enum({ items: () => ApprovalStepStatus, nativeEnumName: 'approval_step_status', default: ApprovalStepStatus.WAITING })
  status: ApprovalStepStatus = ApprovalStepStatus.WAITING;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'The approver’s comment; required when returning or rejecting.' })
  @Property({ type: 'text', nullable: true })
  comment: string | null = null;
}
