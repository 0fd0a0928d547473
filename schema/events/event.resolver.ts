import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { ApiScope } from '../../api/auth/api-scopes';
import type { RequestContext } from '../../api/context';
import { scoped } from '../../api/permissions/access-rule';
import { Allow } from '../../api/permissions/policy-registry';
import { User } from '../org/entities/user.entity';
import { DomainEvent } from './domain-event.entity';
import { eventBusOf, type EventQueue } from '../../api/events/event-bus';
import { signedInPerson } from '../../api/permissions/access-rule';
import { DealChangedFilter, EventsArgs } from './events.inputs';
import { encodeEventCursor } from './event-stream';
import { EventService } from './events.service';
import { EventPage } from './events.types';

/**
 * A subscription's stream: the batches its queue takes from this server's bus, each checked as one batch against the
 * viewer's scope and field rules with a fresh context (the data as it is now), delivered in stream order.
 */
async function* deliver(
  queue: EventQueue,
  ctx: RequestContext,
  select: (service: EventService, events: DomainEvent[]) => Promise<DomainEvent[]>,
): AsyncGenerator<DomainEvent> {
  try {
    for await (const events of queue) {
      for (const event of await select(new EventService(ctx.fresh()), events)) yield event;
    }
  } finally {
    await queue.return();
  }
}

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
    subscribe: ({ args, context, info }: SubscribeResolverData<unknown, { filter?: DealChangedFilter | null }, RequestContext>) =>
      deliver(eventBusOf(info.schema).subscribe(), context, (service, events) => service.deliverable(events, args.filter)),
    description:
      'Deal, contract, order, shipment, invoice and payment changes as they commit, each checked against your row scope and field policies when it is delivered. After a reconnect, catch up with `events(after)`. A subscriber that falls far behind is ended with SERVICE_UNAVAILABLE (reason SUBSCRIBER_TOO_SLOW) and catches up the same way.',
  })
  @Allow(scoped(ApiScope.READ_SALES))
  dealChanged(
    @Root() event: DomainEvent,
    @Arg('filter', () => DealChangedFilter, { nullable: true }) _filter: DealChangedFilter | undefined,
  ): DomainEvent {
    return event;
  }

  @Subscription(() => DomainEvent, {
    subscribe: ({ context, info }: SubscribeResolverData<unknown, { filter?: DealChangedFilter | null }, RequestContext>) =>
      deliver(eventBusOf(info.schema).subscribe(), context, (service, events) =>
        Promise.all(events.filter((event) => service.addressedToViewer(event)).map((event) => service.forDelivery(event))),
      ),
    description: 'Approval requests addressed to you, as they are made: `approval.requested` (a quote’s discount), `contract.approvalRequested` (your step of a contract’s approval chain) and `target.adjustmentRequested` (a change of a locked target that waits for you).',
  })
  @Allow(signedInPerson)
  approvalRequested(@Root() event: DomainEvent): DomainEvent {
    return event;
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
