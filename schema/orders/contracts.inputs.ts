import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { TextOf } from '../../api/validation';
import { ContractStatus } from './orders.enums';

/** The longest a renewal window may look ahead, in days. */
export const MAX_RENEWAL_WINDOW_DAYS = 365;

@InputType({ description: 'A new contract from an accepted quote or a won opportunity (give exactly one of the two).' })
export class CreateContractInput {
  @Field(() => ID, { nullable: true, description: 'An accepted quote; its lines and prices are copied.' })
  @IsOptional()
  @IsUUID()
  quoteId?: string;

  @Field(() => ID, { nullable: true, description: 'A won opportunity; the lines and prices of its accepted quote are copied.' })
  @IsOptional()
  @IsUUID()
  opportunityId?: string;

  @Field()
  @TextOf('name')
  title!: string;

  @Field(() => LocalDateResolver, { description: 'First day in force.' })
  startDate!: string;

  @Field(() => LocalDateResolver, { description: 'Last day in force; not before the start date.' })
  endDate!: string;

  @Field(() => Int, { defaultValue: 30, description: 'Days after the invoice date that payment is due (0–365).' })
  @Min(0)
  @Max(365)
  paymentTermsDays: number = 30;

  @Field(() => ID, { nullable: true, description: 'The contract this one renews: the same customer’s, ending on or before this one starts.' })
  @IsOptional()
  @IsUUID()
  renewalOfId?: string;
}

@InputType({ description: 'Changes to a draft contract; fields left out stay as they are.' })
export class UpdateContractInput {
  @Field(() => String, { nullable: true })
  @TextOf('name')
  title?: string;

  @Field(() => LocalDateResolver, { nullable: true })
  startDate?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Not before the start date.' })
  endDate?: string;

  @Field(() => Int, { nullable: true, description: '0–365.' })
  @IsOptional()
  @Min(0)
  @Max(365)
  paymentTermsDays?: number;

  @Field(() => ID, { nullable: true, description: 'The contract this one renews: the same customer’s, ending on or before this one starts; no cycles.' })
  @IsOptional()
  @IsUUID()
  renewalOfId?: string;
}

@InputType({ description: 'Filters for `contracts`. All given conditions must hold.' })
export class ContractFilter {
  @Field(() => [ContractStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  statuses?: ContractStatus[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  ownerIds?: string[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Ending on or after this day.' })
  endDateFrom?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Ending on or before this day.' })
  endDateTo?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only contracts whose current approval step waits for you; false: only the others.',
  })
  awaitingMyApproval?: boolean;
}

export enum ContractOrder {
  CREATED_AT_DESC = 'CREATED_AT_DESC',
  END_DATE_ASC = 'END_DATE_ASC',
  AMOUNT_DESC = 'AMOUNT_DESC',
}
registerEnumType(ContractOrder, {
  name: 'ContractOrder',
  description: 'Every order ends with the id, so pages never overlap.',
  valuesConfig: {
    CREATED_AT_DESC: { description: 'Newest first.' },
    END_DATE_ASC: { description: 'Soonest end date first.' },
    AMOUNT_DESC: {
      description:
        'Largest amount first. Only contracts whose amount you may read are listed: the others drop out, so neither the order nor a cursor reveals a hidden amount.',
    },
  },
});

@ArgsType()
export class ContractsArgs extends PageArgs {
  @Field(() => ContractFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: ContractFilter;

  @Field(() => ContractOrder, { defaultValue: ContractOrder.CREATED_AT_DESC })
  orderBy: ContractOrder = ContractOrder.CREATED_AT_DESC;
}

@ArgsType()
export class RenewalsDueArgs extends PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Look this many days ahead (0–${MAX_RENEWAL_WINDOW_DAYS}); the server's renewal window (RENEWAL_WINDOW_DAYS, 90 by default) when left out.`,
  })
  @IsOptional()
  @Min(0)
  @Max(MAX_RENEWAL_WINDOW_DAYS)
  withinDays?: number;
}

/** Comments and reasons are free text, bounded like other notes. */
export const MAX_COMMENT_LENGTH = 2000;
