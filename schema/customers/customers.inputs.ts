import { ArrayMaxSize, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { SalesChannel } from '../catalog/catalog.enums';
import { CustomerTier, LifecycleStage } from './customers.enums';

@InputType({ description: 'A new customer. Refused with CONFLICT when the region already has one of the same name or tax id.' })
export class CreateCustomerInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(5, 40)
  taxId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  industry?: string;

  @Field(() => ID, { description: 'The region (an org unit of kind REGION).' })
  @IsUUID()
  regionId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
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
  creditLimit?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(40, { each: true })
  tags?: string[];
}
