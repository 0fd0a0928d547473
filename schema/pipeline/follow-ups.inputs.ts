import { IsOptional, IsUUID } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { TextOf } from '../../api/validation';
import { FollowUpKind } from './follow-up.enums';

@InputType({ description: 'An entry of an opportunity’s follow-up log (跟进记录).' })
export class LogFollowUpInput {
  @Field(() => ID)
  @IsUUID()
  opportunityId!: string;

  @Field(() => Date, { nullable: true, description: 'When it happened; now when omitted. Not in the future.' })
  occurredAt?: Date;

  @Field(() => FollowUpKind)
  kind!: FollowUpKind;

  @Field()
  @TextOf('note')
  summary!: string;

  @Field(() => ID, { nullable: true, description: 'A contact of the opportunity’s customer.' })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @Field(() => ID, { nullable: true, description: 'A visit to the opportunity’s customer (the visit form of a VISIT follow-up).' })
  @IsOptional()
  @IsUUID()
  visitId?: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  nextStep?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When the next step is due; needs nextStep.' })
  nextStepDate?: string;
}

@ArgsType()
export class FollowUpsArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  opportunityId!: string;
}
