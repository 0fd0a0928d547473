import type { Logger } from 'pino';
import { ConnectionDownError, DedicatedConnection, type ComponentHealth } from '../database/dedicated-connection';
import type { NotificationBus } from './notification-bus';

/** The channel the notification insert trigger announces new inbox rows on (migration 20261208120000). */
export const NOTIFICATIONS_CHANNEL = 'salesgraph_notifications';

/**
 * Each API process runs one: it LISTENs for new notifications, whichever process or job inserted them, looks up
 * their recipients and hands the ids to this process's subscriptions. Its connection comes back by itself; a
 * notification announced while it was down is not pushed, but is in the inbox (`notifications`), which a client reads
 * after reconnecting anyway.
 */
export class NotificationListener {
  private readonly connection: DedicatedConnection;
  private pending: string[] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    url: string,
    private readonly bus: NotificationBus,
    private readonly log: Logger,
  ) {
    this.connection = new DedicatedConnection({
      url,
      name: 'notification listener',
      applicationName: 'salesgraph-notification-listener',
      log,
      onConnect: async (client) => {
        client.on('notification', (message) => {
          if (message.channel === NOTIFICATIONS_CHANNEL && message.payload) this.received(message.payload.split(','));
        });
        await client.query(`listen ${NOTIFICATIONS_CHANNEL}`);
      },
    });
  }

  start(): Promise<void> {
    return this.connection.start();
  }

  health(): ComponentHealth {
    return this.connection.health();
  }

  private received(ids: string[]): void {
    this.pending.push(...ids);
    this.flushing ??= this.flush().finally(() => {
      this.flushing = undefined;
      if (this.pending.length > 0) this.received([]);
    });
  }

  /** One look-up for everything announced meanwhile: recipient per id. */
  private async flush(): Promise<void> {
    const ids = this.pending.splice(0);
    if (ids.length === 0) return;
    try {
      const { rows } = await this.connection.query<{ id: string; recipient_id: string }>(
        'select id::text as id, recipient_id::text as recipient_id from notification where id = any($1::uuid[]) order by created_at, id',
        [ids],
      );
      const byRecipient = new Map<string, string[]>();
      for (const row of rows) byRecipient.set(row.recipient_id, [...(byRecipient.get(row.recipient_id) ?? []), row.id]);
      this.bus.publish(byRecipient);
    } catch (error) {
      if (!(error instanceof ConnectionDownError)) this.log.error({ err: error }, 'reading new notifications failed');
    }
  }

  async stop(): Promise<void> {
    await this.flushing;
    await this.connection.stop();
  }
}
