import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { DomainEvent } from '../../schema/events/domain-event.entity';
import { eventsAfterSql, settledPrefix, horizonPoint, pointOf, STREAM_HORIZON_SQL, type StreamPoint } from '../../schema/events/event-stream';
import { ConnectionDownError, DedicatedConnection, type ComponentHealth } from '../database/dedicated-connection';
import type { EventBus } from './event-bus';

/** Look again this often even without a notification (a transaction ending elsewhere notifies nobody). */
const POLL_MS = 1000;
/** Look again this soon when committed events wait behind a transaction still running. */
const SETTLE_POLL_MS = 20;
const BATCH = 500;

interface EventRow extends Record<string, unknown> {
  transaction_id: string;
  position: string;
  settled: boolean;
}

/**
 * Each API process runs one: it LISTENs on `salesgraph_events`, reads the settled events after the last one it
 * handed on (see schema/events/event-stream.ts), and publishes them to this process's subscriptions. Several
 * processes on one database each deliver to their own subscribers.
 *
 * Its connection comes back by itself after a restart or a dropped connection, and reading resumes from the last
 * event handed on, so subscribers that stayed connected get every event of the outage.
 */
export class EventDispatcher {
  private readonly connection: DedicatedConnection;
  private cursor: StreamPoint = horizonPoint('0');
  private timer: NodeJS.Timeout | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly bus: EventBus,
    private readonly log: Logger,
    /** Called after new events were published: webhook fan-out starts at once rather than at its next poll. */
    private readonly onPublished: () => void = () => undefined,
  ) {
    this.connection = new DedicatedConnection({
      url: orm.config.get('clientUrl'),
      name: 'event listener',
      applicationName: 'salesgraph-event-listener',
      log,
      onConnect: async (client) => {
        client.on('notification', () => void this.drain());
        await client.query('listen salesgraph_events');
      },
      onReconnect: () => void this.drain(),
    });
  }

  async start(): Promise<void> {
    await this.connection.start();
    const { rows } = await this.connection.query<{ transaction_id: string }>(STREAM_HORIZON_SQL);
    this.cursor = horizonPoint(rows[0].transaction_id);
    this.timer = setInterval(() => void this.drain(), POLL_MS);
    this.timer.unref();
  }

  health(): ComponentHealth {
    return this.connection.health();
  }

  /** The point after the last event handed on (for tests and diagnostics). */
  get position(): StreamPoint {
    return { ...this.cursor };
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
        // A lost connection is reported once by the connection itself and resumed from the cursor when it is back.
        if (!(error instanceof ConnectionDownError)) this.log.error({ err: error }, 'reading deal events failed');
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  /**
   * Reads on the dedicated connection, not the ORM's pool: the dispatcher never competes with requests for
   * connections, and a request's statements stay its own.
   */
  private async publishNew(): Promise<void> {
    const em = this.orm.em.fork();
    let published = false;
    for (;;) {
      const { rows } = await this.connection.query<EventRow>(eventsAfterSql(BATCH), [this.cursor.transactionId, this.cursor.position]);
      const settled = settledPrefix(rows);
      if (settled.length > 0) {
        this.bus.publish(settled.map((row) => em.map(DomainEvent, row)));
        this.cursor = pointOf(settled[settled.length - 1]);
        published = true;
      }
      if (settled.length < rows.length) this.settleSoon();
      if (rows.length < BATCH || settled.length < rows.length) break;
    }
    if (published) this.onPublished();
  }

  private settleSoon(): void {
    if (this.settleTimer !== undefined || this.stopped) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      void this.drain();
    }, SETTLE_POLL_MS);
    this.settleTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    await this.draining;
    await this.connection.stop();
  }
}
