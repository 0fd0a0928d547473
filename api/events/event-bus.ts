import type { GraphQLSchema } from 'graphql';
import { AppError, ErrorCode } from '../errors';
import type { DomainEvent } from '../../schema/events/domain-event.entity';
import { msg } from '../i18n';

/** How many events a subscriber may fall behind before it is ended (it resumes with `events(after)`). */
export const MAX_QUEUED_EVENTS = 10_000;
/** How many queued events a subscriber takes at once: their permission checks run as one batch of statements. */
const TAKE = 200;

/**
 * One subscriber's queue: events published to it wait here until its subscription takes them, in batches. The queue
 * is bounded: a subscriber that falls more than MAX_QUEUED_EVENTS behind is ended with SERVICE_UNAVAILABLE (reason
 * SUBSCRIBER_TOO_SLOW) rather than growing without end or taking the server down.
 */
export class EventQueue implements AsyncIterableIterator<DomainEvent[]> {
  private queued: DomainEvent[] = [];
  private waiting: { resolve: (result: IteratorResult<DomainEvent[]>) => void; reject: (error: Error) => void } | undefined;
  private state: 'open' | 'overflowed' | 'closed' = 'open';

  constructor(private readonly unsubscribe: () => void) {}

  push(events: readonly DomainEvent[]): void {
    if (this.state !== 'open' || events.length === 0) return;
    if (this.queued.length + events.length > MAX_QUEUED_EVENTS) {
      this.state = 'overflowed';
      this.queued = [];
      this.unsubscribe();
      this.waiting?.reject(tooSlow());
      this.waiting = undefined;
      return;
    }
    this.queued.push(...events);
    if (this.waiting !== undefined) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting.resolve({ value: this.take(), done: false });
    }
  }

  next(): Promise<IteratorResult<DomainEvent[]>> {
    if (this.queued.length > 0) return Promise.resolve({ value: this.take(), done: false });
    if (this.state === 'overflowed') return Promise.reject(tooSlow());
    if (this.state === 'closed') return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<DomainEvent[]>> {
    this.state = 'closed';
    this.queued = [];
    this.unsubscribe();
    this.waiting?.resolve({ value: undefined, done: true });
    this.waiting = undefined;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<DomainEvent[]> {
    return this;
  }

  private take(): DomainEvent[] {
    return this.queued.splice(0, TAKE);
  }
}

function tooSlow(): AppError {
  return new AppError(
    ErrorCode.SERVICE_UNAVAILABLE,
    msg('This subscription fell more than {{max}} events behind and was ended. Resume with events(after: the cursor of the last event received), then subscribe again.', { max: MAX_QUEUED_EVENTS }),
    { reason: 'SUBSCRIBER_TOO_SLOW' },
  );
}

/** In-process fan-out of one server's committed events to that server's subscriptions, in the order they settled. */
export class EventBus {
  private readonly queues = new Set<EventQueue>();

  publish(events: readonly DomainEvent[]): void {
    for (const queue of this.queues) queue.push(events);
  }

  subscribe(): EventQueue {
    const queue: EventQueue = new EventQueue(() => this.queues.delete(queue));
    this.queues.add(queue);
    return queue;
  }

  get subscribers(): number {
    return this.queues.size;
  }
}

const busOfSchema = new WeakMap<GraphQLSchema, EventBus>();

/** The schema a server serves knows its event bus, so a subscription finds it through its resolve info. */
export function attachEventBus(schema: GraphQLSchema, bus: EventBus): void {
  busOfSchema.set(schema, bus);
}

export function eventBusOf(schema: GraphQLSchema): EventBus {
  const bus = busOfSchema.get(schema);
  if (bus === undefined) throw new Error('this schema was built without an event bus');
  return bus;
}
