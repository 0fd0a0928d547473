import { ArrayMaxSize, IsIn, IsOptional, IsUrl, IsUUID, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { rowReaders } from '../../api/permissions/access-rule';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { EVENT_TYPES } from './event-catalogue';
import { WebhookEndpoint } from './webhook.entities';

@InputType({ description: 'A webhook endpoint: deal and order-to-cash events you may see are POSTed to it, signed.' })
export class CreateWebhookInput {
  @Field({ description: 'http(s) URL receiving POSTed JSON.' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url!: string;

  @Field(() => [String], { nullable: true, description: 'Event types, e.g. ["opportunity.won", "order.placed", "invoice.paid"]; omitted or empty: all.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsIn(EVENT_TYPES, { each: true, message: 'is not an event type (see DomainEvent.type)' })
  eventTypes?: string[];
}

@InputType({ description: 'What to change of a webhook endpoint; an omitted field stays as it is.' })
export class UpdateWebhookInput {
  @Field({ nullable: true, description: 'A new receiving URL, checked as at creation.' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url?: string;

  @Field(() => [String], { nullable: true, description: 'The event types to deliver from now on; empty: all.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsIn(EVENT_TYPES, { each: true, message: 'is not an event type (see DomainEvent.type)' })
  eventTypes?: string[];
}

/** The longest a replaced secret may keep signing: a week, as long as a receiver could need to roll out the new one. */
export const MAX_SECRET_GRACE_SECONDS = 7 * 24 * 3600;

@ArgsType()
export class RotateWebhookSecretArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int, {
    defaultValue: 86400,
    description: `How long the replaced secret keeps signing beside the new one, 0 (it stops at once) to ${MAX_SECRET_GRACE_SECONDS} seconds (a week).`,
  })
  @Min(0)
  @Max(MAX_SECRET_GRACE_SECONDS)
  graceSeconds: number = 86400;
}

@ObjectType({ description: 'A webhook’s new signing secret, shown this once.' })
@ReadableBy(rowReaders)
export class RotatedWebhookSecret {
  @Field(() => WebhookEndpoint)
  webhook!: WebhookEndpoint;

  @Field({ description: 'The new HMAC-SHA256 key of X-SalesGraph-Signature. Store it: it is not shown again.' })
  secret!: string;
}

@ObjectType({ description: 'A new endpoint and its signing secret, shown this once.' })
@ReadableBy(rowReaders)
export class CreatedWebhook {
  @Field(() => WebhookEndpoint)
  webhook!: WebhookEndpoint;

  @Field({ description: 'HMAC-SHA256 key of X-SalesGraph-Signature. Store it: it is not shown again.' })
  secret!: string;
}

@ArgsType()
export class WebhookDeliveriesArgs {
  @Field(() => ID)
  @IsUUID()
  webhookId!: string;

  @Field(() => Int, { defaultValue: 50 })
  @Min(1)
  @Max(200)
  first: number = 50;

  @Field(() => ID, { nullable: true, description: 'Only the deliveries of this event.' })
  @IsOptional()
  @IsUUID()
  eventId?: string;
}

@ObjectType({ description: 'What one `replay` call queued, and where the next call goes on.' })
@ReadableBy(rowReaders)
export class WebhookReplay {
  @Field(() => Int, { description: 'Deliveries queued by this call (events the endpoint takes, among those read).' })
  queued!: number;

  @Field({ description: 'Pass it as `from` to go on; with `hasMore` false the endpoint is caught up with the settled stream.' })
  endCursor!: string;

  @Field({ description: 'Whether settled events remain after `endCursor`.' })
  hasMore!: boolean;
}

@ArgsType()
export class ReplayArgs {
  @Field(() => ID)
  @IsUUID()
  webhookId!: string;

  @Field({ description: 'An events cursor (`events { pageInfo { endCursor } }` or an event’s `cursor`): replay what came after it.' })
  from!: string;

  @Field(() => Int, { defaultValue: 1000, description: 'How many events of the stream this call reads, 1 to 5000.' })
  @Min(1)
  @Max(5000)
  first: number = 1000;
}
