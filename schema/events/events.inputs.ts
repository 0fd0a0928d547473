import { ArrayMaxSize, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { OpportunityStage } from '../pipeline/pipeline.enums';

@InputType({ description: 'Which events `events` returns. All given conditions must hold.' })
export class EventFilter {
  @Field(() => [String], { nullable: true, description: 'Event types, e.g. ["opportunity.won", "quote.submitted"].' })
  @IsOptional()
  @ArrayMaxSize(30)
  types?: string[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  opportunityId?: string;
}

@ArgsType()
export class EventsArgs {
  @Field(() => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' })
  @Min(1)
  @Max(200)
  first: number = 50;

  @Field(() => String, { nullable: true, description: 'The `endCursor` (or an event’s `cursor`) to resume after.' })
  after?: string | null;

  @Field(() => EventFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: EventFilter;
}

@InputType({ description: 'Which deal changes `dealChanged` delivers. All given conditions must hold.' })
export class DealChangedFilter {
  @Field(() => [OpportunityStage], { nullable: true, description: 'The deal’s stage after the change.' })
  stages?: OpportunityStage[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ownerIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'The customer’s region.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  regionIds?: string[];

  @Field(() => [String], { nullable: true, description: 'Event types, e.g. ["opportunity.won"].' })
  @IsOptional()
  @ArrayMaxSize(30)
  types?: string[];
}
