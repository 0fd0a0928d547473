import type { GraphQLResolveInfo } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { Allow } from '../../../api/permissions/policy-registry';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { PeriodKind } from '../../targets/targets.enums';
import { ExpenseBudget, ExpenseBudgetLine } from '../entities/expense-budget.entity';
import { ExpenseCategory } from '../entities/expense-category.entity';
import { ExpenseBudgetsArgs, SetExpenseBudgetInput } from '../expenses.inputs';
import { expenseBudgetSetters, expenseReaders } from '../expenses.policy';
import { ExpenseReportsService, ExpensesService } from '../expenses.service';
import { ExpenseBudgetConnection, ExpenseBudgetUsage, ExpenseCostRow } from '../expenses.types';

@Resolver(() => ExpenseBudget)
export class ExpenseBudgetResolver {
  @Query(() => [ExpenseCategory], { description: 'The expense categories, in their order.' })
  @Allow(expenseReaders)
  expenseCategories(@Ctx() ctx: RequestContext): Promise<ExpenseCategory[]> {
    return new ExpensesService(ctx).categories();
  }

  @Query(() => ExpenseBudgetConnection, { description: 'Budgets of your unit and the units you head (finance, VP, admins: all); keyset-paginated.' })
  @Allow(expenseReaders)
  expenseBudgets(@Args() args: ExpenseBudgetsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<ExpenseBudgetConnection> {
    return new ExpensesService(ctx).budgets(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => [ExpenseBudgetUsage], {
    description: 'Budget consumption per unit and category for a period: spent (approved + paid claims of the unit and the units below it), pending (submitted) and remaining.',
  })
  @Allow(expenseReaders)
  expenseBudgetUsage(
    @Arg('periodKind', () => PeriodKind) periodKind: PeriodKind,
    @Arg('periodStart', () => LocalDateResolver) periodStart: string,
    @Arg('orgUnitId', () => ID, { nullable: true }) orgUnitId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ExpenseBudgetUsage[]> {
    return new ExpenseReportsService(ctx).budgetUsage(periodKind, periodStart, orgUnitId === null || orgUnitId === undefined ? null : assertId(orgUnitId, 'orgUnitId'));
  }

  @Query(() => [ExpenseCostRow], {
    description: 'Cost analysis (Q4): approved and paid expenses against booked sales from `from` to `to` (inclusive) per person, team, region and in all, over the people you reach.',
  })
  @Allow(expenseReaders)
  expenseCostAnalysis(
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Arg('orgUnitId', () => ID, { nullable: true }) orgUnitId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ExpenseCostRow[]> {
    return new ExpenseReportsService(ctx).costAnalysis(from, to, orgUnitId === null || orgUnitId === undefined ? null : assertId(orgUnitId, 'orgUnitId'));
  }

  @Mutation(() => ExpenseBudget, {
    description:
      'Creates or replaces a region’s or team’s budget for a period, split by category (director: their region and its teams; VP, admins: any). ' +
      'A region’s teams together stay within the region’s line of the same period and category. `version`: as read, when the budget exists.',
  })
  @Allow(expenseBudgetSetters)
  setExpenseBudget(
    @Arg('input', () => SetExpenseBudgetInput) input: SetExpenseBudgetInput,
    @Arg('version', () => Int, { nullable: true, description: 'The version read, when the budget exists (optimistic locking); omit to create it.' }) version: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ExpenseBudget> {
    return new ExpensesService(ctx).setBudget(input, version ?? null);
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  orgUnit(@Root() budget: ExpenseBudget, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return ctx.loaders.org.unitById.load(budget.orgUnit.id);
  }

  @FieldResolver(() => User, { nullable: true })
  setBy(@Root() budget: ExpenseBudget, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(budget.setBy.id);
  }

  @FieldResolver(() => [ExpenseBudgetLine])
  lines(@Root() budget: ExpenseBudget, @Ctx() ctx: RequestContext): Promise<ExpenseBudgetLine[]> {
    return ctx.loaders.expenses.budgetLinesByBudgetId.load(budget.id);
  }
}

@Resolver(() => ExpenseBudgetLine)
export class ExpenseBudgetLineResolver {
  @FieldResolver(() => ExpenseCategory, { nullable: true })
  category(@Root() line: ExpenseBudgetLine, @Ctx() ctx: RequestContext): Promise<ExpenseCategory | null> {
    return ctx.loaders.expenses.categoryById.load(line.category.id);
  }
}
