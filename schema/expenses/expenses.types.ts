import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../api/pagination';
import { rowReaders } from '../../api/permissions/access-rule';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { PeriodKind } from '../targets/targets.enums';
import { ExpenseBudget } from './entities/expense-budget.entity';
import { ExpenseClaim } from './entities/expense-claim.entity';

@ObjectType()
export class ExpenseClaimConnection extends Connection(ExpenseClaim, 'ExpenseClaim') {}

@ObjectType()
export class ExpenseBudgetConnection extends Connection(ExpenseBudget, 'ExpenseBudget') {}

/** One budget line with what was spent on it, what is pending and what is left. */
@ObjectType({ description: 'A budget line of a unit, period and category: spent (approved + paid), pending (submitted), remaining (budget − spent).' })
@ReadableBy(rowReaders)
export class ExpenseBudgetUsage {
  @Field(() => ID)
  budgetId!: string;

  @Field(() => ID)
  orgUnitId!: string;

  @Field(() => PeriodKind)
  periodKind!: PeriodKind;

  @Field(() => LocalDateResolver)
  periodStart!: string;

  @Field(() => LocalDateResolver)
  periodEnd!: string;

  @Field(() => ID)
  categoryId!: string;

  @Field(() => DecimalScalar)
  budget!: string;

  @Field(() => DecimalScalar)
  spent!: string;

  @Field(() => DecimalScalar)
  pending!: string;

  @Field(() => DecimalScalar)
  remaining!: string;
}

/** The level of a row of the cost analysis. */
export enum CostLevel {
  COMPANY = 'COMPANY',
  REGION = 'REGION',
  TEAM = 'TEAM',
  REP = 'REP',
}
registerEnumType(CostLevel, { name: 'CostLevel', description: 'A row of the cost analysis: one person, a team, a region, or everyone in scope.' });

/** Expenses against booked sales for one person, team, region or the company. */
@ObjectType({ description: 'Approved and paid expenses against booked sales (BOOKED_SALES) over a period.' })
@ReadableBy(rowReaders)
export class ExpenseCostRow {
  @Field(() => CostLevel)
  level!: CostLevel;

  @Field(() => ID, { nullable: true })
  regionId!: string | null;

  @Field(() => ID, { nullable: true })
  teamId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The person (REP rows).' })
  userId!: string | null;

  @Field(() => DecimalScalar)
  expenses!: string;

  @Field(() => DecimalScalar)
  bookedSales!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'expenses ÷ booked sales, in percent; null without sales.' })
  expenseRatioPercent!: string | null;
}
