import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Subscription, type SubscriptionHandlerData } from 'type-graphql';
import { ApiScope } from '../../api/auth/api-scopes';
import type { RequestContext } from '../../api/context';
import { scoped } from '../../api/permissions/access-rule';
import { Allow } from '../../api/permissions/policy-registry';
import { User } from '../org/entities/user.entity';
import { DomainEvent } from './domain-event.entity';
import { DEAL_EVENTS } from '../../api/events/event-bus';
import { signedInPerson } from '../../api/permissions/access-rule';
import { DealChangedFilter, EventsArgs } from './events.inputs';
import { encodeEventCursor } from './event-stream';
import { EventService } from './events.service';
import { EventPage } from './events.types';

@Resolver(() => DomainEvent)
export class EventResolver {
  @Query(() => EventPage, {
    description:
      'Deal and order-to-cash events you may see (each through the row scope of its deal, contract, order, invoice or payment), in commit order, from the retention window (EVENT_RETENTION_DAYS, 30 by default). Resume with `after`; an expired cursor gets CURSOR_EXPIRED.',
  })
  @Allow(scoped(ApiScope.READ_SALES))
  events(@Args() args: EventsArgs, @Ctx() ctx: RequestContext): Promise<EventPage> {
    return new EventService(ctx).events(args);
  }

  @Subscription(() => DomainEvent, {
    topics: DEAL_EVENTS,
    filter: ({ payload, args, context }: SubscriptionHandlerData<DomainEvent, { filter?: DealChangedFilter | null }, RequestContext>) =>
      new EventService(context.fresh()).delivers(payload, args.filter),
    description:
      'Deal, contract, order, shipment, invoice and payment changes as they commit, each checked against your row scope and field policies when it is delivered. After a reconnect, catch up with `events(after)`.',
  })
  @Allow(scoped(ApiScope.READ_SALES))
  dealChanged(
    @Root() event: DomainEvent,
    @Arg('filter', () => DealChangedFilter, { nullable: true }) _filter: DealChangedFilter | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<DomainEvent> {
    return new EventService(ctx.fresh()).forDelivery(event);
  }

  @Subscription(() => DomainEvent, {
    topics: DEAL_EVENTS,
    filter: ({ payload, context }: SubscriptionHandlerData<DomainEvent, Record<string, never>, RequestContext>) =>
      new EventService(context).addressedToViewer(payload),
    description: 'Approval requests addressed to you, as they are made: `approval.requested` (a quote’s discount) and `contract.approvalRequested` (your step of a contract’s approval chain).',
  })
  @Allow(signedInPerson)
  approvalRequested(@Root() event: DomainEvent, @Ctx() ctx: RequestContext): Promise<DomainEvent> {
    return new EventService(ctx.fresh()).forDelivery(event);
  }

  @FieldResolver(() => String, { description: 'Resume after this event with `events(after: cursor)`.' })
  cursor(@Root() event: DomainEvent): string {
    return encodeEventCursor(event);
  }

  @FieldResolver(() => GraphQLJSONObject, { description: 'Changed fields, camelCase; numbers as decimal strings; what you may not read is left out.' })
  async payload(@Root() event: DomainEvent, @Ctx() ctx: RequestContext): Promise<Record<string, unknown>> {
    return (await new EventService(ctx).visiblePayload(event)).payload;
  }

  @FieldResolver(() => [String], { description: 'Payload fields left out because you may not read them, in alphabetical order.' })
  async hiddenFields(@Root() event: DomainEvent, @Ctx() ctx: RequestContext): Promise<string[]> {
    return (await new EventService(ctx).visiblePayload(event)).hiddenFields;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who made the change through the API; null for the admin UI, seeds and imports.' })
  actor(@Root() event: DomainEvent, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return event.actorId === null ? null : ctx.loaders.org.userById.load(event.actorId);
  }
}
