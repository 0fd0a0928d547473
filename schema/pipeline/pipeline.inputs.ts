import { ArrayMaxSize, IsOptional, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { EmailAddressResolver, LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { DecimalOf, TextOf, TRADING_CURRENCIES } from '../../api/validation';
import { CreateCustomerInput } from '../customers/customers.inputs';
import { LeadSource, LeadStatus, OpportunityStage } from './pipeline.enums';

@InputType({ description: 'Filters for `opportunities`. All given conditions must hold.' })
export class OpportunityFilter {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  ownerIds?: string[];

  @Field(() => ID, { nullable: true, description: 'Owned by someone in this org unit or below it (a team, a region).' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @Field(() => ID, { nullable: true, description: 'The customer’s region.' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @Field(() => [OpportunityStage], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  stages?: OpportunityStage[];

  @Field(() => LocalDateResolver, { nullable: true, description: 'Expected close date on or after this day.' })
  closeDateFrom?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Expected close date on or before this day.' })
  closeDateTo?: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Amount at least this. Matches only opportunities whose amount you may read.' })
  @DecimalOf('money')
  amountMin?: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Amount at most this. Matches only opportunities whose amount you may read.' })
  @DecimalOf('money')
  amountMax?: string;

  @Field(() => String, { nullable: true, description: 'Part of the name, case-insensitive.' })
  @TextOf('label')
  @IsOptional()
  @MinLength(1)
  search?: string;
}

export enum OpportunityOrder {
  CREATED_AT_DESC = 'CREATED_AT_DESC',
  AMOUNT_DESC = 'AMOUNT_DESC',
  AMOUNT_ASC = 'AMOUNT_ASC',
  CLOSE_DATE_ASC = 'CLOSE_DATE_ASC',
  NAME_ASC = 'NAME_ASC',
}
const HIDDEN_AMOUNTS_DROP_OUT =
  'Only opportunities whose amount you may read are listed: the others drop out, so neither the order nor a cursor reveals a hidden amount.';
registerEnumType(OpportunityOrder, {
  name: 'OpportunityOrder',
  description: 'Every order ends with the id, so pages never overlap.',
  valuesConfig: {
    CREATED_AT_DESC: { description: 'Newest first.' },
    AMOUNT_DESC: { description: `Largest amount first. ${HIDDEN_AMOUNTS_DROP_OUT}` },
    AMOUNT_ASC: { description: `Smallest amount first. ${HIDDEN_AMOUNTS_DROP_OUT}` },
    CLOSE_DATE_ASC: { description: 'Soonest expected close date first; opportunities without one are left out.' },
    NAME_ASC: { description: 'By name.' },
  },
});

@ArgsType()
export class OpportunitiesArgs extends PageArgs {
  @Field(() => OpportunityFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: OpportunityFilter;

  @Field(() => OpportunityOrder, { defaultValue: OpportunityOrder.CREATED_AT_DESC })
  orderBy: OpportunityOrder = OpportunityOrder.CREATED_AT_DESC;
}

@InputType({ description: 'A new opportunity for a customer you can see.' })
export class CreateOpportunityInput {
  @Field(() => ID)
  @IsUUID()
  customerId!: string;

  @Field()
  @TextOf('name')
  name!: string;

  @Field(() => DecimalScalar, { description: 'Expected deal value; not negative.' })
  @DecimalOf('amount')
  amount!: string;

  @Field({ defaultValue: 'CNY', description: `ISO 4217 code, one of ${TRADING_CURRENCIES.join(', ')}.` })
  @TextOf('currency')
  currency: string = 'CNY';

  @Field(() => LocalDateResolver, { nullable: true })
  expectedCloseDate?: string;

  @Field(() => OpportunityStage, { defaultValue: OpportunityStage.LEAD, description: 'An open stage; WON and LOST are reached by moving.' })
  stage: OpportunityStage = OpportunityStage.LEAD;

  @Field(() => Int, { nullable: true, description: 'Win probability in percent; defaults from the stage.' })
  @IsOptional()
  @Min(0)
  @Max(100)
  probability?: number;

  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true })
  productLineIds!: string[];

  @Field(() => String, { nullable: true })
  @TextOf('note')
  nextStep?: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to you. A manager may name someone they manage.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;
}

@InputType({ description: 'Only the given fields change; `null` clears expectedCloseDate and nextStep.' })
export class UpdateOpportunityInput {
  @Field(() => String, { nullable: true })
  @TextOf('name')
  name?: string;

  @Field(() => DecimalScalar, { nullable: true })
  @DecimalOf('amount')
  amount?: string;

  @Field(() => LocalDateResolver, { nullable: true })
  expectedCloseDate?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(100)
  probability?: number;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  nextStep?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When the next step is due; `null` clears it (so does clearing nextStep).' })
  nextStepDate?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the product lines.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true })
  productLineIds?: string[];

  @Field(() => ID, { nullable: true, description: 'You or someone you manage.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;
}

@InputType({ description: 'A stage change under the rules of the sales process.' })
export class MoveOpportunityStageInput {
  @Field(() => OpportunityStage)
  stage!: OpportunityStage;

  @Field(() => String, { nullable: true, description: 'Required to go back a stage, to lose, and to reopen.' })
  @TextOf('note')
  reason?: string;

  @Field(() => Int, { nullable: true, description: 'Defaults from the new stage.' })
  @IsOptional()
  @Min(0)
  @Max(100)
  probability?: number;
}

@InputType({ description: 'Filters for `leads`. All given conditions must hold.' })
export class LeadFilter {
  @Field(() => [LeadStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  statuses?: LeadStatus[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field(() => LeadSource, { nullable: true })
  source?: LeadSource;

  @Field(() => String, { nullable: true, description: 'Part of the company or contact name, case-insensitive.' })
  @TextOf('label')
  @IsOptional()
  @MinLength(1)
  search?: string;
}

@ArgsType()
export class LeadsArgs extends PageArgs {
  @Field(() => LeadFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: LeadFilter;
}

@InputType({ description: 'A new lead; it starts NEW and unassigned.' })
export class CreateLeadInput {
  @Field(() => LeadSource)
  source!: LeadSource;

  @Field()
  @TextOf('name')
  company!: string;

  @Field()
  @TextOf('name')
  contactName!: string;

  @Field(() => String, { nullable: true })
  @TextOf('label')
  contactTitle?: string;

  @Field(() => String, { nullable: true })
  @TextOf('code')
  phone?: string;

  @Field(() => EmailAddressResolver, { nullable: true })
  email?: string;

  @Field(() => ID, { nullable: true, description: 'The region (an org unit of kind REGION), when known.' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  notes?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Retry safely (a web form resubmitted, a scanner reconnecting): the same key with the same lead returns the lead the ' +
      'first request entered; the same key with a different lead is a CONFLICT (IDEMPOTENCY_KEY_REUSED).',
  })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  idempotencyKey?: string;
}

@InputType({
  description:
    'With `ownerId`: to that person (someone you manage). Without: round-robin, in `teamId` or else the next team of the lead’s region.',
})
export class AssignLeadInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @Field(() => ID, { nullable: true, description: 'A team inside the lead’s region.' })
  @IsOptional()
  @IsUUID()
  teamId?: string;
}

/** The statuses a lead's owner moves it to by hand; NEW, ASSIGNED and CONVERTED are set by the other mutations. */
export enum LeadProgress {
  CONTACTED = 'CONTACTED',
  QUALIFIED = 'QUALIFIED',
  DISQUALIFIED = 'DISQUALIFIED',
}
registerEnumType(LeadProgress, { name: 'LeadProgress', description: 'The lead statuses set by hand.' });

@InputType()
export class UpdateLeadStatusInput {
  @Field(() => LeadProgress)
  status!: LeadProgress;

  @Field(() => String, { nullable: true, description: 'Required for DISQUALIFIED.' })
  @TextOf('note')
  reason?: string;
}

@InputType({ description: 'The opportunity a converted lead opens, at stage CONTACT.' })
export class ConvertLeadOpportunityInput {
  @Field()
  @TextOf('name')
  name!: string;

  @Field(() => DecimalScalar)
  @DecimalOf('amount')
  amount!: string;

  @Field(() => LocalDateResolver, { nullable: true })
  expectedCloseDate?: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true })
  productLineIds?: string[];
}

@InputType({ description: 'Exactly one of `customer` (a new customer) and `existingCustomerId`.' })
export class ConvertLeadInput {
  @Field(() => CreateCustomerInput, { nullable: true, description: 'The new customer; its owner defaults to the lead’s owner.' })
  @IsOptional()
  @ValidateNested()
  customer?: CreateCustomerInput;

  @Field(() => ID, { nullable: true, description: 'A customer you can see.' })
  @IsOptional()
  @IsUUID()
  existingCustomerId?: string;

  @Field(() => ConvertLeadOpportunityInput)
  @ValidateNested()
  opportunity!: ConvertLeadOpportunityInput;
}
