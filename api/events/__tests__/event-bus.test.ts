import type { DomainEvent } from '../../../schema/events/domain-event.entity';
import { EventBus, MAX_QUEUED_EVENTS } from '../event-bus';

const events = (count: number, from = 0) => Array.from({ length: count }, (_, index) => ({ id: `event-${from + index}` }) as DomainEvent);

describe('the event bus', () => {
  it('hands each subscriber every published event, in order, in batches', async () => {
    const bus = new EventBus();
    const first = bus.subscribe();
    const second = bus.subscribe();
    bus.publish(events(250));
    bus.publish(events(3, 250));
    const taken: string[] = [];
    while (taken.length < 253) taken.push(...(await first.next()).value!.map((event: DomainEvent) => event.id));
    expect(taken).toEqual(events(253).map((event) => event.id));
    expect((await second.next()).value).toHaveLength(200);
  });

  it('wakes a waiting subscriber when events arrive, and ends it when it returns', async () => {
    const bus = new EventBus();
    const queue = bus.subscribe();
    const waiting = queue.next();
    bus.publish(events(2));
    expect((await waiting).value).toHaveLength(2);
    const pending = queue.next();
    await queue.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(bus.subscribers).toBe(0);
  });

  it('ends a subscriber that falls too far behind with SUBSCRIBER_TOO_SLOW, and the others go on', async () => {
    const bus = new EventBus();
    const slow = bus.subscribe();
    const keeping = bus.subscribe();
    for (let published = 0; published <= MAX_QUEUED_EVENTS; published += 1000) {
      bus.publish(events(1000, published));
      // The one keeping up takes all 1,000 (five batches of 200); the slow one takes none.
      for (let batch = 0; batch < 5; batch += 1) expect((await keeping.next()).value).toHaveLength(200);
    }
    await expect(slow.next()).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'SUBSCRIBER_TOO_SLOW' } });
    expect(bus.subscribers).toBe(1);
  });
});
