import type { GraphQLSchema } from 'graphql';

/** How many notification ids a subscriber may have waiting before the oldest are dropped (it can read its inbox). */
const MAX_QUEUED = 1000;

/**
 * One subscriber's queue of new notification ids: a bounded async iterator. Falling behind drops the oldest ids rather
 * than growing without end; the inbox (`notifications`) still has them.
 */
export class NotificationQueue implements AsyncIterableIterator<string[]> {
  private queued: string[] = [];
  private waiting: ((result: IteratorResult<string[]>) => void) | undefined;
  private closed = false;

  constructor(private readonly unsubscribe: () => void) {}

  push(ids: readonly string[]): void {
    if (this.closed || ids.length === 0) return;
    this.queued.push(...ids);
    if (this.queued.length > MAX_QUEUED) this.queued.splice(0, this.queued.length - MAX_QUEUED);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: this.queued.splice(0), done: false });
  }

  next(): Promise<IteratorResult<string[]>> {
    if (this.queued.length > 0) return Promise.resolve({ value: this.queued.splice(0), done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<string[]>> {
    this.closed = true;
    this.queued = [];
    this.unsubscribe();
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<string[]> {
    return this;
  }
}

/** In-process fan-out of new notifications to the subscriptions of their recipients. */
export class NotificationBus {
  private readonly byRecipient = new Map<string, Set<NotificationQueue>>();

  /** New notifications: recipient id → their ids. */
  publish(byRecipient: ReadonlyMap<string, readonly string[]>): void {
    for (const [recipientId, ids] of byRecipient) {
      for (const queue of this.byRecipient.get(recipientId) ?? []) queue.push(ids);
    }
  }

  subscribe(recipientId: string): NotificationQueue {
    const queues = this.byRecipient.get(recipientId) ?? new Set<NotificationQueue>();
    this.byRecipient.set(recipientId, queues);
    const queue: NotificationQueue = new NotificationQueue(() => {
      queues.delete(queue);
      if (queues.size === 0) this.byRecipient.delete(recipientId);
    });
    queues.add(queue);
    return queue;
  }

  get subscribers(): number {
    let count = 0;
    for (const queues of this.byRecipient.values()) count += queues.size;
    return count;
  }
}

const busOfSchema = new WeakMap<GraphQLSchema, NotificationBus>();

/** The schema a server serves knows its notification bus, so `notificationReceived` finds it through its resolve info. */
export function attachNotificationBus(schema: GraphQLSchema, bus: NotificationBus): void {
  busOfSchema.set(schema, bus);
}

export function notificationBusOf(schema: GraphQLSchema): NotificationBus {
  const bus = busOfSchema.get(schema);
  if (bus === undefined) throw new Error('this schema was built without a notification bus');
  return bus;
}
