import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { DecimalOf, TextOf } from '../../api/validation';
import { PeriodKind } from '../targets/targets.enums';
import { ExpenseClaimStatus } from './expenses.enums';

/** At most this many lines per claim, and categories per budget. */
export const MAX_EXPENSE_LINES = 50;

/** The largest receipt file the document store takes. */
export const MAX_RECEIPT_BYTES = 100 * 1024 * 1024;

@InputType({ description: 'One category’s amount in a budget.' })
export class ExpenseBudgetLineInput {
  @Field(() => ID)
  @IsUUID()
  categoryId!: string;

  @Field(() => DecimalScalar, { description: '0 or more, at most two decimals.' })
  @DecimalOf('amount')
  amount!: string;
}

@InputType({ description: 'A region’s or team’s budget for a period; the lines given replace the budget’s lines.' })
export class SetExpenseBudgetInput {
  @Field(() => ID, { description: 'A region or a team.' })
  @IsUUID()
  orgUnitId!: string;

  @Field(() => PeriodKind)
  periodKind!: PeriodKind;

  @Field(() => LocalDateResolver, { description: 'The first day of the month, quarter or year.' })
  periodStart!: string;

  @Field(() => [ExpenseBudgetLineInput], { description: `1 to ${MAX_EXPENSE_LINES} categories, each once.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EXPENSE_LINES)
  @ValidateNested({ each: true })
  lines!: ExpenseBudgetLineInput[];

  @Field(() => String, { nullable: true })
  @TextOf('note')
  note?: string | null;
}

@InputType({ description: 'Receipt metadata: the file itself lives in the document store.' })
export class ExpenseReceiptInput {
  @Field()
  @TextOf('label')
  fileName!: string;

  @Field()
  @TextOf('label')
  contentType!: string;

  @Field(() => Int, { description: 'Bytes, at most 100 MB.' })
  @Min(0)
  @Max(MAX_RECEIPT_BYTES)
  size!: number;

  @Field({ description: '64 lower-case hex digits.' })
  @Matches(/^[0-9a-f]{64}$/)
  sha256!: string;

  @Field()
  @TextOf('address')
  storageKey!: string;
}

@InputType({ description: 'One expense of a claim.' })
export class ExpenseLineInput {
  @Field(() => ID)
  @IsUUID()
  categoryId!: string;

  @Field(() => LocalDateResolver, { description: 'The day the money was spent; not in the future.' })
  spentOn!: string;

  @Field(() => DecimalScalar, { description: 'More than 0, at most two decimals.' })
  @DecimalOf('amount')
  amount!: string;

  @Field()
  @TextOf('note')
  description!: string;

  @Field(() => ID, { nullable: true, description: 'A customer visible to you.' })
  @IsOptional()
  @IsUUID()
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A visit visible to you.' })
  @IsOptional()
  @IsUUID()
  visitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'An opportunity visible to you.' })
  @IsOptional()
  @IsUUID()
  opportunityId?: string | null;

  @Field(() => ExpenseReceiptInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  receipt?: ExpenseReceiptInput | null;
}

@InputType({ description: 'A new expense claim (a draft).' })
export class CreateExpenseClaimInput {
  @Field()
  @TextOf('name')
  title!: string;

  @Field(() => String, { nullable: true, description: 'ISO 4217; CNY when omitted.' })
  @TextOf('currency')
  currency?: string | null;

  @Field(() => [ExpenseLineInput], { description: `1 to ${MAX_EXPENSE_LINES} lines, in the order they are shown.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EXPENSE_LINES)
  @ValidateNested({ each: true })
  lines!: ExpenseLineInput[];
}

@InputType({ description: 'Changes to a draft or returned claim; lines given replace all its lines.' })
export class UpdateExpenseClaimInput {
  @Field(() => String, { nullable: true })
  @TextOf('name')
  title?: string | null;

  @Field(() => String, { nullable: true })
  @TextOf('currency')
  currency?: string | null;

  @Field(() => [ExpenseLineInput], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EXPENSE_LINES)
  @ValidateNested({ each: true })
  lines?: ExpenseLineInput[] | null;
}

@InputType({ description: 'Finance’s correction of one line: the new amount (not above what was claimed) and why.' })
export class ExpenseCorrectionInput {
  @Field(() => ID)
  @IsUUID()
  lineId!: string;

  @Field(() => DecimalScalar, { description: '0 up to the amount claimed, at most two decimals.' })
  @DecimalOf('amount')
  amount!: string;

  @Field()
  @TextOf('note')
  reason!: string;
}

@InputType({ description: 'How an approved claim was paid.' })
export class ExpensePaymentInput {
  @Field(() => LocalDateResolver)
  paidOn!: string;

  @Field({ description: 'The bank or payroll reference.' })
  @TextOf('label')
  reference!: string;
}

@InputType({ description: 'Filters for `expenseClaims`. All given conditions must hold.' })
export class ExpenseClaimFilter {
  @Field(() => [ExpenseClaimStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(6)
  statuses?: ExpenseClaimStatus[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  claimantId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only claims whose current step waits for you.' })
  @IsOptional()
  awaitingMyApproval?: boolean | null;
}

@ArgsType()
export class ExpenseClaimsArgs extends PageArgs {
  @Field(() => ExpenseClaimFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: ExpenseClaimFilter | null;
}

@InputType({ description: 'Filters for `expenseBudgets`.' })
export class ExpenseBudgetFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string | null;

  @Field(() => PeriodKind, { nullable: true })
  @IsOptional()
  periodKind?: PeriodKind | null;

  @Field(() => LocalDateResolver, { nullable: true })
  @IsOptional()
  periodStart?: string | null;
}

@ArgsType()
export class ExpenseBudgetsArgs extends PageArgs {
  @Field(() => ExpenseBudgetFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: ExpenseBudgetFilter | null;
}
