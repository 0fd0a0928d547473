import { ArrayMaxSize, IsEmail, IsOptional, IsUUID, Max, Min, MinLength, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { DecimalOf, TextOf } from '../../api/validation';
import { SalesChannel } from '../catalog/catalog.enums';
import { ComplaintSeverity, ComplaintStatus, CustomerTier, DecisionRole, LifecycleStage } from './customers.enums';

@InputType({ description: 'A new customer. Refused with CONFLICT when the region already has one of the same name or tax id.' })
export class CreateCustomerInput {
  @Field()
  @TextOf('name')
  name!: string;

  @Field(() => String, { nullable: true })
  @TextOf('code')
  @IsOptional()
  @MinLength(5)
  taxId?: string;

  @Field(() => String, { nullable: true })
  @TextOf('label')
  industry?: string;

  @Field(() => ID, { description: 'The region (an org unit of kind REGION).' })
  @IsUUID()
  regionId!: string;

  @Field(() => String, { nullable: true })
  @TextOf('address')
  address?: string;

  @Field(() => CustomerTier, { nullable: true, description: 'Defaults to C. Only the owner’s management chain may set A or B.' })
  tier?: CustomerTier;

  @Field(() => LifecycleStage, { defaultValue: LifecycleStage.PROSPECT })
  lifecycleStage: LifecycleStage = LifecycleStage.PROSPECT;

  @Field(() => SalesChannel, { defaultValue: SalesChannel.DIRECT })
  channel: SalesChannel = SalesChannel.DIRECT;

  @Field(() => ID, { nullable: true, description: 'Required for the DISTRIBUTOR channel: the distributor serving the customer.' })
  @IsOptional()
  @IsUUID()
  distributorId?: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to you. A manager may name someone they manage.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @Field(() => ID, { nullable: true, description: 'A user with the KEY_ACCOUNT_MANAGER role.' })
  @IsOptional()
  @IsUUID()
  keyAccountManagerId?: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Set by finance or the owner’s chain; 0 when omitted.' })
  @DecimalOf('amount')
  creditLimit?: string;

  @Field(() => [String], { nullable: true })
  @TextOf('code')
  @IsOptional()
  @ArrayMaxSize(20)
  tags?: string[];
}

@InputType({ description: 'Filters for `customers`. All given conditions must hold.' })
export class CustomerFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name or the customer number, case-insensitive.' })
  @TextOf('label')
  @IsOptional()
  @MinLength(1)
  search?: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ownerIds?: string[];

  @Field(() => ID, { nullable: true, description: 'Customers owned by members of this org unit or the units below it.' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field(() => [CustomerTier], { nullable: true })
  tiers?: CustomerTier[];

  @Field(() => [LifecycleStage], { nullable: true })
  lifecycleStages?: LifecycleStage[];

  @Field(() => String, { nullable: true })
  @TextOf('label')
  industry?: string;

  @Field(() => String, { nullable: true, description: 'Customers carrying this tag.' })
  @TextOf('code')
  tag?: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Credit limit at least this; only customers whose credit limit you may read match.' })
  @DecimalOf('money')
  creditLimitMin?: string;
}

export enum CustomerOrder {
  NAME_ASC = 'NAME_ASC',
  CREATED_AT_DESC = 'CREATED_AT_DESC',
}
registerEnumType(CustomerOrder, { name: 'CustomerOrder' });

@ArgsType()
export class CustomersArgs extends PageArgs {
  @Field(() => CustomerFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: CustomerFilter;

  @Field(() => CustomerOrder, { defaultValue: CustomerOrder.NAME_ASC })
  orderBy: CustomerOrder = CustomerOrder.NAME_ASC;
}

@InputType({ description: 'Only the given fields change. Tier and credit limit have their own mutations.' })
export class UpdateCustomerInput {
  @Field(() => String, { nullable: true })
  @TextOf('name')
  name?: string;

  @Field(() => String, { nullable: true })
  @TextOf('code')
  @IsOptional()
  @MinLength(5)
  taxId?: string;

  @Field(() => String, { nullable: true })
  @TextOf('label')
  industry?: string;

  @Field(() => String, { nullable: true })
  @TextOf('address')
  address?: string;

  @Field(() => LifecycleStage, { nullable: true })
  lifecycleStage?: LifecycleStage;

  @Field(() => ID, { nullable: true, description: 'A user with the KEY_ACCOUNT_MANAGER role.' })
  @IsOptional()
  @IsUUID()
  keyAccountManagerId?: string;

  @Field(() => ID, { nullable: true, description: 'Reassigns the customer: only the current owner’s management chain, to someone they manage.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @Field(() => [String], { nullable: true })
  @TextOf('code')
  @IsOptional()
  @ArrayMaxSize(20)
  tags?: string[];

  @Field(() => Float, { nullable: true, description: 'WGS-84 latitude of the site (-90 to 90), with longitude; `null` clears both.' })
  @IsOptional()
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS-84 longitude of the site (-180 to 180), with latitude.' })
  @IsOptional()
  @Min(-180)
  @Max(180)
  longitude?: number | null;
}

@InputType()
export class ContactInput {
  @Field(() => String, { nullable: true, description: 'Required when creating.' })
  @TextOf('name')
  name?: string;

  @Field(() => String, { nullable: true })
  @TextOf('label')
  title?: string;

  @Field(() => String, { nullable: true })
  @TextOf('code')
  phone?: string;

  @Field(() => String, { nullable: true })
  @TextOf('email')
  @IsOptional()
  @IsEmail()
  email?: string;

  @Field(() => DecisionRole, { nullable: true })
  decisionRole?: DecisionRole;

  @Field(() => Boolean, { nullable: true, description: 'Makes this the customer’s main contact (the previous one stops being it).' })
  isPrimary?: boolean;
}

@InputType()
export class CreateContactInput extends ContactInput {
  @Field(() => ID)
  @IsUUID()
  customerId!: string;
}

@InputType({ description: 'A visit form (走访表); with accompaniedById, a joint visit form (协访表).' })
export class LogVisitInput {
  @Field(() => ID)
  @IsUUID()
  customerId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @Field(() => LocalDateResolver, { description: 'Today or earlier.' })
  visitedOn!: string;

  @Field()
  @TextOf('note')
  purpose!: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  outcome?: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  nextStep?: string;

  @Field(() => LocalDateResolver, { nullable: true })
  nextVisitOn?: string;

  @Field(() => ID, { nullable: true, description: 'The manager above you who joined the visit.' })
  @IsOptional()
  @IsUUID()
  accompaniedById?: string;
}

@InputType()
export class OpenComplaintInput {
  @Field(() => ID)
  @IsUUID()
  customerId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @Field()
  @TextOf('name')
  title!: string;

  @Field()
  @TextOf('description')
  description!: string;

  @Field(() => ComplaintSeverity)
  severity!: ComplaintSeverity;
}

@InputType({ description: 'Only the given fields change. RESOLVED and CLOSED need a resolution.' })
export class UpdateComplaintInput {
  @Field(() => ComplaintStatus, { nullable: true })
  status?: ComplaintStatus;

  @Field(() => ID, { nullable: true, description: 'Who handles it: an active internal user.' })
  @IsOptional()
  @IsUUID()
  handlerId?: string;

  @Field(() => String, { nullable: true })
  @TextOf('description')
  resolution?: string;
}

@InputType()
export class RecordSurveyInput {
  @Field(() => ID)
  @IsUUID()
  customerId!: string;

  @Field(() => ID, { nullable: true, description: 'The complaint the survey follows up, if any.' })
  @IsOptional()
  @IsUUID()
  complaintId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @Field(() => Int, { description: '1 (very unsatisfied) to 5 (very satisfied).' })
  @Min(1)
  @Max(5)
  score!: number;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  comment?: string;
}

@InputType()
export class VisitFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  visitedById?: string;

  @Field(() => LocalDateResolver, { nullable: true })
  from?: string;

  @Field(() => LocalDateResolver, { nullable: true })
  to?: string;
}

@ArgsType()
export class VisitsArgs extends PageArgs {
  @Field(() => VisitFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: VisitFilter;
}

@InputType()
export class ComplaintFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @Field(() => [ComplaintStatus], { nullable: true })
  statuses?: ComplaintStatus[];

  @Field(() => ComplaintSeverity, { nullable: true })
  severity?: ComplaintSeverity;

  @Field(() => Boolean, { nullable: true, description: 'true: open complaints past their SLA due time.' })
  overdue?: boolean;
}

@ArgsType()
export class ComplaintsArgs extends PageArgs {
  @Field(() => ComplaintFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: ComplaintFilter;
}
