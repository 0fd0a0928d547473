import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { rowReaders } from '../../../api/permissions/access-rule';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { CommissionBasis, CommissionLineKind, CommissionStatus } from '../commissions.enums';
import { commissionAmountReaders } from '../commissions.policy';
import { CommissionPlan, CommissionTier } from './commission-plan.entity';

/**
 * A rep's commission for one month (提成结算单), computed by `runCommissions` from `sales_performance_fact` and
 * `sales_target`. Revision 1 is the statement; once it is past DRAFT it is never rewritten, and a re-run that finds
 * a difference (a late payment, a cancelled order) adds revision n + 1 that `revises` the latest and carries only the
 * changed lines, signed. Its figures (target, actual, achievement) are those of the re-run; its total is the difference.
 */
@ObjectType({ description: 'A rep’s commission for one month, line by line; revisions carry later differences.' })
@ReadableBy(rowReaders)
@Entity({ tableName: 'commission_statement' })
@Index({ name: 'commission_statement_period_idx', properties: ['periodStart', 'user'] })
@Unique({ name: 'commission_statement_revision_unique', properties: ['user', 'periodStart', 'revision'] })
@Index({
  name: 'commission_statement_one_draft',
  expression: `create unique index "commission_statement_one_draft" on "commission_statement" ("user_id", "period_start") where status = 'DRAFT'`,
})
@Check({ name: 'commission_statement_period_check', expression: 'extract(day from period_start) = 1' })
@Check({ name: 'commission_statement_revision_check', expression: '(revision = 1) = (revises_id is null)' })
@Check({ name: 'commission_statement_paid_check', expression: "(status = 'PAID') = (paid_on is not null)" })
export class CommissionStatement extends VersionedRecord<
  'orgUnit' | 'revision' | 'revises' | 'status' | 'approvedBy' | 'approvedAt' | 'finalizedBy' | 'finalizedAt' | 'paidBy' | 'paidOn' | 'paymentReference'
> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: false })
  user!: User;

  /** The rep's unit when the statement was computed (the team of a team award). */
  @ManyToOne({ entity: () => OrgUnit, nullable: true, deleteRule: 'set null', index: false })
  orgUnit: OrgUnit | null = null;

  @ManyToOne({ entity: () => CommissionPlan, deleteRule: 'restrict', index: false })
  plan!: CommissionPlan;

  @Field(() => LocalDateResolver, { description: 'The first day of the month.' })
  @Property({ type: 'date' })
  periodStart!: string;

  @Field(() => Int, { description: '1 for the statement, n + 1 for a revision of revision n.' })
  @Property({ type: 'integer', default: 1 })
  revision: number = 1;

  @ManyToOne({ entity: () => CommissionStatement, nullable: true, deleteRule: 'restrict', index: false })
  revises: CommissionStatement | null = null;

  @Field(() => CommissionStatus)
  @Enum({ items: () => CommissionStatus, columnType: 'text', default: CommissionStatus.DRAFT })
  status: CommissionStatus = CommissionStatus.DRAFT;

  @Field(() => CommissionBasis)
  @Enum({ items: () => CommissionBasis, columnType: 'text' })
  basisMetric!: CommissionBasis;

  @Field(() => DecimalScalar, { nullable: true, description: 'The rep’s monthly target for the basis metric (all product lines and customers).' })
  @ReadableBy(commissionAmountReaders)
  @Property({ type: 'decimal', precision: 16, scale: 2 })
  targetValue!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The rep’s actual for the basis metric in the month, from sales_performance_fact.' })
  @ReadableBy(commissionAmountReaders)
  @Property({ type: 'decimal', precision: 16, scale: 2 })
  actualValue!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'actual ÷ target, in percent.' })
  @ReadableBy(commissionAmountReaders)
  @Property({ type: 'decimal', precision: 10, scale: 2 })
  achievementPercent!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The sum of the counted lines (all but TIER_TOTAL); for a revision, the difference.' })
  @ReadableBy(commissionAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  totalCommission!: string;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict', index: false })
  approvedBy: User | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict', index: false })
  finalizedBy: User | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  finalizedAt: Date | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict', index: false })
  paidBy: User | null = null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Property({ type: 'date', nullable: true })
  paidOn: string | null = null;

  @Field(() => String, { nullable: true, description: 'The payroll or bank reference of the payment.' })
  @Property({ type: 'text', nullable: true })
  paymentReference: string | null = null;
}

/** One line of a statement: what counted, in which tier, at which rate, for how much. */
@ObjectType({ description: 'A line of a commission statement.' })
@ReadableBy(rowReaders)
@Entity({ tableName: 'commission_statement_line' })
@Index({ name: 'commission_statement_line_statement_idx', properties: ['statement', 'position'] })
export class CommissionStatementLine {
  [OptionalProps]?: 'sourceKind' | 'sourceId' | 'documentId' | 'occurredOn' | 'tier' | 'achievementFrom' | 'achievementTo' | 'ratePercent' | 'accelerator';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => CommissionStatement, deleteRule: 'cascade', index: false })
  statement!: CommissionStatement;

  /** The statement's rep, so the amount rule needs no second row. */
  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: false })
  user!: User;

  @Field(() => Int)
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => CommissionLineKind)
  @Enum({ items: () => CommissionLineKind, columnType: 'text' })
  kind!: CommissionLineKind;

  @Field(() => String, { nullable: true, description: 'ORDER_LINE or PAYMENT_ALLOCATION (sales_performance_fact.source_kind).' })
  @Property({ type: 'text', nullable: true })
  sourceKind: string | null = null;

  @Field(() => ID, { nullable: true, description: 'The order line or payment allocation.' })
  @Property({ type: 'uuid', nullable: true })
  sourceId: string | null = null;

  @Field(() => ID, { nullable: true, description: 'Its order or payment.' })
  @Property({ type: 'uuid', nullable: true })
  documentId: string | null = null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Property({ type: 'date', nullable: true })
  occurredOn: string | null = null;

  @ManyToOne({ entity: () => CommissionTier, nullable: true, deleteRule: 'set null', index: false })
  tier: CommissionTier | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The tier’s lower bound when computed, percent of target.' })
  @Property({ type: 'decimal', precision: 6, scale: 2, nullable: true })
  achievementFrom: string | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The tier’s upper bound when computed; null: open.' })
  @Property({ type: 'decimal', precision: 6, scale: 2, nullable: true })
  achievementTo: string | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The rate applied, percent.' })
  @Property({ type: 'decimal', precision: 6, scale: 3, nullable: true })
  ratePercent: string | null = null;

  @Field({ description: 'The tier lies above 100 % of target (an over-achievement accelerator).' })
  @Property({ default: false })
  accelerator: boolean = false;

  @Field(() => DecimalScalar, { nullable: true, description: 'The amount the rate applies to (the part of the row inside the tier; the team’s actual for a team award).' })
  @ReadableBy(commissionAmountReaders)
  @Property({ type: 'decimal', precision: 16, scale: 2 })
  amount!: string;

  @Field(() => DecimalScalar, { nullable: true })
  @ReadableBy(commissionAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  commission!: string;
}
