import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from 'pino';
import { DomainEvent } from '../../schema/events/domain-event.entity';
import { SETTLED_EVENT_SQL } from '../../schema/events/events.service';
import { DEAL_EVENTS, type EventBus } from './event-bus';

/** Re-read this often even without a notification: an event held back by an older open transaction shows up later. */
const POLL_MS = 1000;
const BATCH = 500;

/**
 * Each API process runs one: it LISTENs on `salesgraph_events`, reads the events committed since the last one it
 * handed on (never past a transaction still running, as `events(after)` does), and publishes them to this
 * process's subscriptions. Several processes on one database each deliver to their own subscribers.
 */
export class EventDispatcher {
  private listener: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastPosition = '0';
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly bus: EventBus,
    private readonly log: Logger,
    /** Called on every notification too: webhook delivery starts at once rather than at its next poll. */
    private readonly onNotification: () => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.listener = new pg.Client({ connectionString: this.orm.config.get('clientUrl') });
    this.listener.on('notification', () => {
      void this.drain();
      this.onNotification();
    });
    this.listener.on('error', (error) => logConnectionError(this.log, error, 'event listener'));
    await this.listener.connect();
    await this.listener.query('listen salesgraph_events');
    const { rows } = await this.listener.query<{ position: string | null }>('select max(position)::text as position from domain_event');
    this.lastPosition = rows[0]?.position ?? '0';
    this.timer = setInterval(() => this.drain(), POLL_MS);
    this.timer.unref();
  }

  /** Reads and publishes what is new; a call while one runs makes it go round once more. */
  drain(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.draining !== undefined) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.again = false;
          await this.publishNew();
        } while (this.again && !this.stopped);
      } catch (error) {
        this.log.error({ err: error }, 'reading deal events failed');
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  /**
   * Reads on the listening connection, not the ORM's pool: the dispatcher never competes with requests for
   * connections, and a request's statements stay its own.
   */
  private async publishNew(): Promise<void> {
    const listener = this.listener;
    if (listener === undefined) return;
    for (;;) {
      const { rows } = await listener.query(
        `select * from domain_event
          where position > $1 and ${SETTLED_EVENT_SQL}
          order by position limit ${BATCH}`,
        [this.lastPosition],
      );
      const em = this.orm.em.fork();
      for (const row of rows) {
        const event = em.map(DomainEvent, row);
        this.bus.publish(DEAL_EVENTS, event);
        this.lastPosition = event.position;
      }
      if (rows.length < BATCH) return;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.draining;
    await this.listener?.end();
  }
}

/**
 * A dedicated connection's error: PostgreSQL shutting down (57P01, e.g. the embedded server stopping on Ctrl-C next
 * to this process) is expected and said plainly; anything else is an error.
 */
export function logConnectionError(log: Logger, error: Error, connection: string): void {
  if ((error as { code?: string }).code === '57P01') log.info(`${connection} connection closed: the database is shutting down`);
  else log.error({ err: error }, `${connection} connection failed`);
}
