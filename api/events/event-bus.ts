import { setMaxListeners } from 'node:events';
import { createPubSub, type PubSubEventTarget } from '@graphql-yoga/subscription';
import type { DomainEvent } from '../../schema/events/domain-event.entity';

/** The topic every committed deal event is published on, once per server; subscriptions filter per subscriber. */
export const DEAL_EVENTS = 'DEAL_EVENTS';

type DealEventTopics = { [DEAL_EVENTS]: [DomainEvent] };

/** In-process fan-out from one server's dispatcher to that server's GraphQL subscriptions. */
export function createEventBus() {
  // Every open subscription is one listener on the topic: many are the normal case, not a leak to warn about.
  const eventTarget = new EventTarget();
  setMaxListeners(0, eventTarget);
  return createPubSub<DealEventTopics>({ eventTarget: eventTarget as PubSubEventTarget<DealEventTopics> });
}

export type EventBus = ReturnType<typeof createEventBus>;
