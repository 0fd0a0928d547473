import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { rowReaders } from '../../../api/permissions/access-rule';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { PeriodKind } from '../../targets/targets.enums';
import { ExpenseCategory } from './expense-category.entity';

/**
 * A region's or team's expense budget (费用预算) for one month, quarter or year, set by the director of the region (or
 * the VP), split by category in its lines. A team's lines together with its sibling teams' never exceed the region's
 * line of the same period and category.
 */
@ObjectType({ description: 'An expense budget of a region or team for a period, split by category.' })
@ReadableBy(rowReaders)
@Entity({ tableName: 'expense_budget' })
@Unique({ name: 'expense_budget_unit_period_unique', properties: ['orgUnit', 'periodKind', 'periodStart'] })
@Index({ name: 'expense_budget_period_idx', properties: ['periodStart', 'periodEnd'] })
@Check({ name: 'expense_budget_period_check', expression: 'period_end >= period_start and extract(day from period_start) = 1' })
export class ExpenseBudget extends VersionedRecord<'note'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => OrgUnit, deleteRule: 'cascade', index: false })
  orgUnit!: OrgUnit;

  @Field(() => PeriodKind)
  @Enum({ items: () => PeriodKind, columnType: 'text' })
  periodKind!: PeriodKind;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  periodStart!: string;

  @Field(() => LocalDateResolver, { description: 'The last day of the period.' })
  @Property({ type: 'date' })
  periodEnd!: string;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: false })
  setBy!: User;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}

/** One category's amount in a budget: the row approvals lock while they check what is left. */
@ObjectType({ description: 'A category’s amount in an expense budget.' })
@ReadableBy(rowReaders)
@Entity({ tableName: 'expense_budget_line' })
@Unique({ name: 'expense_budget_line_category_unique', properties: ['budget', 'category'] })
@Check({ name: 'expense_budget_line_amount_check', expression: 'amount >= 0' })
export class ExpenseBudgetLine extends VersionedRecord {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => ExpenseBudget, deleteRule: 'cascade', index: false })
  budget!: ExpenseBudget;

  @ManyToOne({ entity: () => ExpenseCategory, deleteRule: 'restrict', index: 'expense_budget_line_category_idx' })
  category!: ExpenseCategory;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;
}
