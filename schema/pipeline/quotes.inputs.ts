import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { DecimalOf, QUANTITY_MAX, TextOf } from '../../api/validation';
import { ApprovalStatus } from './pipeline.enums';

/** Lines per quote: enough for a project quote, small enough to price in one statement. */
export const MAX_QUOTE_LINES = 100;

@InputType({ description: 'One line of a new quote; the price comes from the customer’s price list.' })
export class QuoteLineInput {
  @Field(() => ID)
  @IsUUID()
  productId!: string;

  @Field(() => Int, { description: `1 to ${QUANTITY_MAX}.` })
  @Min(1)
  @Max(QUANTITY_MAX)
  quantity!: number;

  @Field(() => DecimalScalar, { defaultValue: '0', description: 'Discount off the list price, in percent (0–100).' })
  @DecimalOf('percent')
  discountPercent: string = '0';
}

@InputType({ description: 'A new quote for an opportunity; it replaces the opportunity’s current quote.' })
export class CreateQuoteInput {
  @Field(() => ID)
  @IsUUID()
  opportunityId!: string;

  @Field(() => LocalDateResolver, { description: 'Last day the offer holds; today or later.' })
  validUntil!: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  note?: string;

  @Field(() => [QuoteLineInput], { description: `1 to ${MAX_QUOTE_LINES} lines, in the order they are shown.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_QUOTE_LINES)
  @ValidateNested({ each: true })
  lines!: QuoteLineInput[];
}

@InputType({ description: 'Filters for `approvals`. All given conditions must hold.' })
export class ApprovalFilter {
  @Field(() => [ApprovalStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMinSize(1)
  statuses?: ApprovalStatus[];

  @Field(() => Boolean, { nullable: true, description: 'true: only requests addressed to you; false: only the others.' })
  addressedToMe?: boolean;
}

@ArgsType()
export class ApprovalsArgs extends PageArgs {
  @Field(() => ApprovalFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: ApprovalFilter;
}
