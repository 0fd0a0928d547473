import { ArrayMaxSize, IsIn, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { OpportunityStage } from '../pipeline/pipeline.enums';
import { EVENT_TYPES } from './event-catalogue';

@InputType({ description: 'Which events `events` returns. All given conditions must hold.' })
export class EventFilter {
  @Field(() => [String], { nullable: true, description: 'Event types, e.g. ["opportunity.won", "quote.submitted", "contract.signed", "order.placed"].' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsIn(EVENT_TYPES, { each: true, message: 'is not an event type (see DomainEvent.type)' })
  types?: string[];

  @Field(() => ID, { nullable: true, description: 'The events of one deal: the opportunity’s, its quotes’ and their approval requests’.' })
  @IsOptional()
  @IsUUID()
  opportunityId?: string;

  @Field(() => ID, { nullable: true, description: 'The events of one contract: the contract’s and its approval steps’.' })
  @IsOptional()
  @IsUUID()
  contractId?: string;

  @Field(() => ID, { nullable: true, description: 'The events of one order: the order’s and its shipments’ (invoices have their own).' })
  @IsOptional()
  @IsUUID()
  orderId?: string;
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

@InputType({ description: 'Which changes `dealChanged` delivers. All given conditions must hold, on the record as it is when the event is delivered.' })
export class DealChangedFilter {
  @Field(() => [OpportunityStage], {
    nullable: true,
    description:
      'The deal’s stage after the change. Deal events (Opportunity, Quote, ApprovalRequest) only: with `stages` given, contract, order, shipment, invoice and payment events are not delivered.',
  })
  stages?: OpportunityStage[];

  @Field(() => [ID], { nullable: true, description: 'The owner of the event’s record: the deal’s, contract’s, order’s, invoice’s or payment’s (a shipment’s order’s, an approval step’s contract’s).' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ownerIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'The region of the record’s customer.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  regionIds?: string[];

  @Field(() => [String], { nullable: true, description: 'Event types, e.g. ["opportunity.won", "order.shipped"].' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsIn(EVENT_TYPES, { each: true, message: 'is not an event type (see DomainEvent.type)' })
  types?: string[];
}
