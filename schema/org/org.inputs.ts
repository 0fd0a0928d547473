import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, MinLength, ValidateNested } from 'class-validator';
import { EmailAddressResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ApiScope } from '../../api/auth/api-scopes';
import { PageArgs } from '../../api/pagination';
import { TextOf } from '../../api/validation';
import { Role, UserStatus } from './org.enums';

@InputType({ description: 'Filters for `users`. All given conditions must hold.' })
export class UserFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name or English name, case-insensitive.' })
  @TextOf('label')
  @IsOptional()
  @MinLength(1)
  search?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @Field({ defaultValue: true, description: 'With `unitId`: include the members of all units below it.' })
  includeSubunits: boolean = true;

  @Field(() => [Role], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  roles?: Role[];

  @Field(() => UserStatus, { nullable: true })
  status?: UserStatus;

  @Field({ nullable: true, description: 'Only users inside the org subtrees you head.' })
  managedByMe?: boolean;

  @Field(() => EmailAddressResolver, {
    nullable: true,
    description: 'Exact email. Matches only users whose email you may read.',
  })
  email?: string;

  @Field(() => String, { nullable: true, description: 'Exact phone. Matches only users whose phone you may read.' })
  @TextOf('code')
  phone?: string;
}

export enum UserOrder {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
}
registerEnumType(UserOrder, { name: 'UserOrder' });

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => UserFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: UserFilter;

  @Field(() => UserOrder, { defaultValue: UserOrder.NAME_ASC })
  orderBy: UserOrder = UserOrder.NAME_ASC;
}

@InputType()
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. "ERP order sync".' })
  @TextOf('name')
  name!: string;

  @Field(() => [ApiScope])
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  scopes!: ApiScope[];

  @Field(() => ID, { nullable: true, description: 'The user the key acts as; yourself when omitted. Others: admins only.' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @Field(() => Date, { nullable: true, description: 'When the key stops working; never when omitted.' })
  expiresAt?: Date;
}
