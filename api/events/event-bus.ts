import { createPubSub } from '@graphql-yoga/subscription';
import type { DomainEvent } from '../../schema/events/domain-event.entity';

/** The topic every committed deal event is published on, once per server; subscriptions filter per subscriber. */
export const DEAL_EVENTS = 'DEAL_EVENTS';

/** In-process fan-out from one server's dispatcher to that server's GraphQL subscriptions. */
export function createEventBus() {
  return createPubSub<{ [DEAL_EVENTS]: [DomainEvent] }>();
}

export type EventBus = ReturnType<typeof createEventBus>;
