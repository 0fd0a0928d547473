import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { DecimalOf, QUANTITY_MAX, TextOf } from '../../api/validation';
import { InvoiceStatus, PaymentMethod, PaymentStatus } from './orders.enums';

/** Allocations per call: enough to clear a customer's statement, few enough to lock in one statement. */
export const MAX_ALLOCATIONS = 100;

@InputType({ description: 'Units of one order line to invoice.' })
export class InvoiceLineInput {
  @Field(() => ID)
  @IsUUID()
  orderLineId!: string;

  @Field(() => Int, { description: 'At most what is shipped and not yet invoiced on the line.' })
  @Min(1)
  @Max(QUANTITY_MAX)
  quantity!: number;
}

@InputType({ description: 'An invoice for shipped, not yet invoiced units of an order.' })
export class CreateInvoiceInput {
  @Field(() => ID)
  @IsUUID()
  orderId!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Defaults to today; may be in the past (a back-dated invoice), not in the future.' })
  @IsOptional()
  issueDate?: string;

  @Field(() => [InvoiceLineInput], { nullable: true, description: 'Defaults to every shipped, not yet invoiced unit of the order.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  lines?: InvoiceLineInput[];
}

@InputType({ description: 'Part of a payment applied to one invoice of the paying customer.' })
export class AllocationInput {
  @Field(() => ID)
  @IsUUID()
  invoiceId!: string;

  @Field(() => DecimalScalar, { description: 'More than 0, at most two decimals, at most what is open on the invoice.' })
  @DecimalOf('amount')
  amount!: string;
}

@InputType({ description: 'A payment received from a customer, optionally allocated to its invoices at once.' })
export class RecordPaymentInput {
  @Field(() => ID)
  @IsUUID()
  customerId!: string;

  @Field(() => DecimalScalar, { description: 'More than 0, at most two decimals.' })
  @DecimalOf('amount')
  amount!: string;

  @Field(() => LocalDateResolver, { description: 'The day the money arrived; not in the future.' })
  receivedOn!: string;

  @Field(() => PaymentMethod)
  method!: PaymentMethod;

  @Field(() => String, { nullable: true, description: 'Bank reference or bill number.' })
  @TextOf('label')
  reference?: string;

  @Field(() => String, { nullable: true })
  @TextOf('label')
  payerAccount?: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  note?: string;

  @Field(() => [AllocationInput], { nullable: true, description: `Up to ${MAX_ALLOCATIONS}; their total at most the amount.` })
  @IsOptional()
  @ArrayMaxSize(MAX_ALLOCATIONS)
  @ValidateNested({ each: true })
  allocations?: AllocationInput[];

  @Field(() => String, { nullable: true, description: 'Retry safely: the same key with the same payment returns the payment the first call recorded; the same key with a different payment is a CONFLICT (IDEMPOTENCY_KEY_REUSED).' })
  @IsOptional()
  @Length(1, 200)
  idempotencyKey?: string;
}

export enum InvoiceOrder {
  ISSUE_DATE_DESC = 'ISSUE_DATE_DESC',
  DUE_DATE_ASC = 'DUE_DATE_ASC',
}
registerEnumType(InvoiceOrder, { name: 'InvoiceOrder' });

@InputType({ description: 'Filters for `invoices`. All given conditions must hold.' })
export class InvoiceFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  orderId?: string;

  @Field(() => [InvoiceStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMinSize(1)
  statuses?: InvoiceStatus[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ownerIds?: string[];

  @Field(() => Boolean, { nullable: true, description: 'true: not fully paid and past the due date; false: the others.' })
  overdue?: boolean;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Issued on or after this day.' })
  @IsOptional()
  issueDateFrom?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Issued on or before this day.' })
  @IsOptional()
  issueDateTo?: string;
}

@ArgsType()
export class InvoicesArgs extends PageArgs {
  @Field(() => InvoiceFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: InvoiceFilter;

  @Field(() => InvoiceOrder, { defaultValue: InvoiceOrder.ISSUE_DATE_DESC })
  orderBy: InvoiceOrder = InvoiceOrder.ISSUE_DATE_DESC;
}

@InputType({ description: 'Filters for `payments`. All given conditions must hold.' })
export class PaymentFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @Field(() => [PaymentStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMinSize(1)
  statuses?: PaymentStatus[];

  @Field(() => LocalDateResolver, { nullable: true, description: 'Received on or after this day.' })
  @IsOptional()
  receivedFrom?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Received on or before this day.' })
  @IsOptional()
  receivedTo?: string;
}

@ArgsType()
export class PaymentsArgs extends PageArgs {
  @Field(() => PaymentFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: PaymentFilter;
}

/** How `receivablesAging` groups its rows. */
export enum ReceivablesGroupBy {
  CUSTOMER = 'CUSTOMER',
  OWNER = 'OWNER',
  TEAM = 'TEAM',
  REGION = 'REGION',
}
registerEnumType(ReceivablesGroupBy, {
  name: 'ReceivablesGroupBy',
  valuesConfig: {
    CUSTOMER: { description: 'The invoiced customer.' },
    OWNER: { description: 'The invoice’s owner (the order’s sales rep).' },
    TEAM: { description: 'The owner’s team; owners outside a team form a row without a group.' },
    REGION: { description: 'The owner’s region (the parent of the owner’s team); owners above the regions form a row without a group.' },
  },
});
