import pg from 'pg';
import type { Logger } from 'pino';
import { isConnectionLost } from './database-unavailable';

/** What `/readyz` reports of a long-lived part of the server. */
export interface ComponentHealth {
  name: string;
  up: boolean;
  /** Why it is down, in words fit for an operator (no connection string). */
  reason?: string;
  /** When it went down. */
  downSince?: string;
}

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;

/** Thrown by `query` while the connection is down; callers treat it as "nothing to do now". */
export class ConnectionDownError extends Error {
  constructor(name: string) {
    super(`${name}: no database connection`);
    this.name = 'ConnectionDownError';
  }
}

export interface DedicatedConnectionOptions {
  url: string;
  /** Said in logs and in /readyz, e.g. "event listener". */
  name: string;
  /** `application_name` of the session, so an operator (or a test) can find it in pg_stat_activity. */
  applicationName: string;
  log: Logger;
  /** Runs on every (re)connection before it counts as up: LISTEN, for example. */
  onConnect?: (client: pg.Client) => Promise<void>;
  /** Runs after a reconnection (not the first connection): resume what the outage interrupted. */
  onReconnect?: () => void;
  /**
   * Reports the connection lost (once per outage) and back (once). Unset: both are logged under `name`; a component
   * with other ways to fail (the webhook worker) reports them with its own outages instead, so one outage is one line.
   */
  onDown?: (reason: string, error: Error) => void;
  onUp?: (downSeconds: number) => void;
}

/**
 * A PostgreSQL connection of its own (for LISTEN, or for reads that must not wait behind requests for the pool) that
 * comes back by itself: when the server ends it, restarts or drops off the network, it reconnects with exponential
 * backoff and jitter (0.1 s doubling to 5 s), says so once when it goes down and once when it is back, and reports
 * its state for `/readyz`.
 */
export class DedicatedConnection {
  private client: pg.Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = FIRST_RETRY_MS;
  private downSince: Date | null = null;
  private reason: string | undefined;
  private connectedOnce = false;
  private stopped = false;

  constructor(private readonly options: DedicatedConnectionOptions) {}

  /** Connects; a failure here is the caller's (the server does not start without its database). */
  async start(): Promise<void> {
    this.client = await this.connect();
    this.connectedOnce = true;
  }

  get up(): boolean {
    return this.client !== undefined;
  }

  health(): ComponentHealth {
    if (this.up) return { name: this.options.name, up: true };
    return { name: this.options.name, up: false, reason: this.reason ?? 'connecting', downSince: this.downSince?.toISOString() };
  }

  /** A query on this connection; ConnectionDownError while it is down. A lost connection is replaced in the background. */
  async query<Row extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<Row>> {
    const client = this.client;
    if (client === undefined) throw new ConnectionDownError(this.options.name);
    try {
      return await client.query<Row>(sql, params);
    } catch (error) {
      if (isConnectionLost(error)) {
        this.lost(client, error as Error);
        throw new ConnectionDownError(this.options.name);
      }
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: this.options.applicationName, keepAlive: true });
    // Errors of an idle client arrive as events; an unhandled one would end the process.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await this.options.onConnect?.(client);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  /** The connection `client` is gone: forget it (once) and start reconnecting. */
  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.downSince = new Date();
    this.reason = describeConnectionError(error);
    if (this.options.onDown !== undefined) this.options.onDown(this.reason, error);
    else if ((error as { code?: string }).code === '57P01') this.options.log.warn(`${this.options.name}: the database closed the connection (${this.reason}); reconnecting`);
    else this.options.log.error(`${this.options.name}: database connection lost (${this.reason}); reconnecting`);
    this.retryDelay = FIRST_RETRY_MS;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer !== undefined) return;
    const delay = this.retryDelay * (0.5 + Math.random());
    this.retryDelay = Math.min(MAX_RETRY_MS, this.retryDelay * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.retry();
    }, delay);
    this.retryTimer.unref();
  }

  private async retry(): Promise<void> {
    try {
      const client = await this.connect();
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      const seconds = this.downSince === null ? 0 : (Date.now() - this.downSince.getTime()) / 1000;
      if (this.options.onUp !== undefined) this.options.onUp(seconds);
      else this.options.log.info(`${this.options.name}: reconnected after ${seconds.toFixed(1)} s`);
      this.downSince = null;
      this.reason = undefined;
      if (this.connectedOnce) this.options.onReconnect?.();
    } catch (error) {
      this.reason = describeConnectionError(error as Error);
      this.scheduleRetry();
    }
  }
}

/** The kind of failure without addresses: "connection refused", "server shutting down", … */
function describeConnectionError(error: Error): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case '57P01':
      return 'server shutting down';
    case '57P02':
      return 'server crashed';
    case '57P03':
      return 'server starting up';
    default:
      return code !== undefined && /^08/.test(code) ? 'connection failure' : 'connection lost';
  }
}
