import { IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { CommissionStatus } from './commissions.enums';

@InputType({ description: 'Filters for `commissionStatements`. All given conditions must hold.' })
export class CommissionStatementFilter {
  @Field(() => LocalDateResolver, { nullable: true, description: 'The month, by its first day.' })
  @IsOptional()
  periodStart?: string;

  @Field(() => ID, { nullable: true, description: 'The person paid.' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @Field(() => CommissionStatus, { nullable: true })
  @IsOptional()
  status?: CommissionStatus;
}

@ArgsType()
export class CommissionStatementsArgs extends PageArgs {
  @Field(() => CommissionStatementFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: CommissionStatementFilter;
}

@InputType({ description: 'How a finalized commission statement was paid.' })
export class CommissionPaymentInput {
  @Field(() => LocalDateResolver)
  paidOn!: string;

  @Field({ description: 'The payroll or bank reference.' })
  @Length(1, 200)
  reference!: string;
}
