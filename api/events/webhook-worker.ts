import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM, QueryResult } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { DomainEvent } from '../../schema/events/domain-event.entity';
import { eventsAfterSql, horizonPoint, pointOf, settledPrefix } from '../../schema/events/event-stream';
import { EventService } from '../../schema/events/events.service';
import { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint, WebhookStatus } from '../../schema/events/webhook.entities';
import { contextActingAs } from '../../schema/org/org.service';
import type { AppConfig } from '../config';
import type { RequestContext } from '../context';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { ConnectionDownError, DedicatedConnection, type ComponentHealth } from '../database/dedicated-connection';
import { signWebhook } from './webhook-signature';
import { WebhookTransport } from './webhook-transport';
import { BlockedAddressError } from './webhook-url-policy';

const FANOUT_BATCH = 200;
/** Deliveries this process sends at once; it claims more as these finish. */
const MAX_IN_FLIGHT = 20;
const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
/** A delivery (`d`) whose endpoint is not paused: a paused endpoint's deliveries wait for its resume. */
const NOT_PAUSED = `not exists (select 1 from webhook_endpoint e where e.id = d.endpoint_id and e.status = 'PAUSED')`;

interface ClaimedRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  attempts: number;
}

interface FanoutState {
  last_transaction_id: string;
  last_position: string;
  claimed: boolean;
  /** The oldest start of any endpoint: no endpoint takes an event before it. */
  first_start: string | null;
}

/**
 * Webhook delivery, in every API process.
 *
 * Fan-out turns settled events into deliveries for the endpoints whose owner may see them. A process claims the next
 * range of the stream with a lease (a one-statement update of `webhook_fanout`), checks permissions outside any
 * transaction, then writes the deliveries and moves the cursor in one short transaction that holds only if its claim
 * still stands. No transaction stays open while work is done, so the fan-out never holds back the settled horizon
 * that every reader of the stream waits for. A process that dies mid-range leaves its lease to run out and another
 * fans the range out again: at least once.
 *
 * Delivery claims due rows with `FOR UPDATE SKIP LOCKED` and a lease (WEBHOOK_LEASE_SECONDS), so each is sent by one
 * process; a crash mid-delivery leaves the lease to run out and the event is sent again (same event id). Endpoints
 * are sent to concurrently, so a slow one holds up nobody. A paused endpoint's deliveries wait, unclaimed. Every
 * connection is checked against the URL rules after DNS resolution (see webhook-transport.ts).
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | undefined;
  /** Reads the stream and the fan-out state apart from the pool requests use; comes back by itself after an outage. */
  private readonly connection: DedicatedConnection;
  private running: Promise<void> | undefined;
  private readonly transport: WebhookTransport;
  private again = false;
  private stopped = false;
  /** Deliveries being sent now: a round claims due ones up to MAX_IN_FLIGHT and does not wait for their receivers. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Set while rounds fail because the database is unreachable; /readyz reports it. */
  private outage: { since: Date; reason: string } | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly config: AppConfig,
    private readonly log: Logger,
  ) {
    this.connection = new DedicatedConnection({
      url: orm.config.get('clientUrl'),
      name: 'webhook worker',
      applicationName: 'salesgraph-webhook-worker',
      log,
      onReconnect: () => void this.wake(),
      // Its outages are the worker's: reported with those of the pool, once each (see failed and recovered).
      onDown: (reason) => this.markDown(`database connection lost (${reason})`),
      onUp: () => undefined,
    });
    this.transport = new WebhookTransport({ env: config.env, allowPrivateNetworks: config.webhooks.allowPrivateNetworks });
  }

  async start(): Promise<void> {
    await this.connection.start();
    this.timer = setInterval(() => void this.wake(), this.config.webhooks.pollMs);
    this.timer.unref();
  }

  health(): ComponentHealth {
    const connection = this.connection.health();
    if (this.outage === null) return connection;
    return { name: connection.name, up: false, reason: this.outage.reason, downSince: this.outage.since.toISOString() };
  }

  /** Runs a round now (new events were published); a call during a round makes it run once more. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          // Each step asks for its own work with statements an index answers: nothing to do costs a few milliseconds.
          while ((await this.fanOut()) && !this.stopped);
          await this.sendDue();
        } while (this.again && !this.stopped);
        this.recovered();
      } catch (error) {
        this.failed(error);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /**
   * A round failed: an unreachable database (on its own connection or the pool's) is one outage, logged once and
   * shown in /readyz until a round succeeds again; anything else is an error of that round.
   */
  private failed(error: unknown): void {
    if (error instanceof ConnectionDownError) return;
    if (isDatabaseUnavailable(error)) this.markDown('database unreachable');
    else this.log.error({ err: error }, 'webhook round failed');
  }

  private markDown(reason: string): void {
    if (this.outage !== null) return;
    this.outage = { since: new Date(), reason };
    this.log.error(`webhook worker: ${reason}; retrying`);
  }

  /** A round went through: the end of an outage, if there was one. */
  private recovered(): void {
    if (this.outage === null || !this.connection.up) return;
    this.log.info(`webhook worker: database reachable again after ${((Date.now() - this.outage.since.getTime()) / 1000).toFixed(1)} s`);
    this.outage = null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.running;
    await Promise.all(this.inFlight);
    await this.connection.stop();
    await this.transport.close();
  }

  private contextFor(em: EntityManager, userId: string): Promise<RequestContext | null> {
    return contextActingAs(em.fork(), this.config, this.log, userId);
  }

  /** Fans out the next range of the stream if this process can claim it; true when there may be more. */
  private async fanOut(): Promise<boolean> {
    const [state] = (
      await this.connection.query<FanoutState>(
        `select last_transaction_id::text, last_position::text, coalesce(claimed_until > now(), false) as claimed,
                (select min(starts_after_transaction_id)::text from webhook_endpoint) as first_start
           from webhook_fanout where id = 1`,
      )
    ).rows;
    // Another process is on it; if it died, its lease runs out and the range is claimed again.
    if (state === undefined || state.claimed || state.first_start === null) return false;
    // Events before every endpoint's start go nowhere: a new endpoint's fan-out starts at its start, not at history.
    const from = BigInt(state.first_start) > BigInt(state.last_transaction_id) ? horizonPoint(state.first_start) : { transactionId: state.last_transaction_id, position: state.last_position };
    const { rows } = await this.connection.query<Record<string, unknown> & { transaction_id: string; position: string; settled: boolean }>(
      eventsAfterSql(FANOUT_BATCH),
      [from.transactionId, from.position],
    );
    const settled = settledPrefix(rows);
    if (settled.length === 0) return false;
    const end = pointOf(settled[settled.length - 1]);

    const claim = randomUUID();
    const claimed = await this.connection.query(
      `update webhook_fanout set claimed_by = $1, claimed_until = now() + make_interval(secs => $2)
        where id = 1 and last_transaction_id = $3::xid8 and last_position = $4::bigint
          and (claimed_until is null or claimed_until <= now())`,
      [claim, this.config.webhooks.leaseSeconds, state.last_transaction_id, state.last_position],
    );
    if (claimed.rowCount === 0) return false;

    const em = this.orm.em.fork();
    const events = settled.map((row) => em.map(DomainEvent, row));
    const deliveries = await this.deliveriesFor(em, events);

    await this.orm.em.fork().transactional(async (tx) => {
      const moved = await tx.execute<{ id: number }[]>(
        `update webhook_fanout set last_transaction_id = ?::xid8, last_position = ?, claimed_by = null, claimed_until = null
          where id = 1 and claimed_by = ? returning id`,
        [end.transactionId, end.position, claim],
      );
      // The lease ran out and another process took the range over: it writes these deliveries, not this one.
      if (moved.length === 0) return;
      if (deliveries.length > 0) await tx.insertMany(WebhookDelivery, deliveries.map((each) => ({ ...each, id: randomUUID() })));
    });
    return settled.length === rows.length && rows.length === FANOUT_BATCH;
  }

  /**
   * The (endpoint, event) pairs to deliver: the endpoint wants the type, existed when it occurred, and its owner may
   * see it. Each owner's checks of the batch run together, through one context's loaders.
   */
  private async deliveriesFor(em: EntityManager, events: DomainEvent[]): Promise<{ endpoint: string; eventId: string }[]> {
    // A paused endpoint gets nothing queued: the events of its pause are skipped (see WebhookEndpoint.skips).
    const endpoints = await em.find(WebhookEndpoint, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const visibleTo = new Map<string, Promise<Set<DomainEvent>>>();
    const visibleToOwner = (ownerId: string): Promise<Set<DomainEvent>> => {
      let visible = visibleTo.get(ownerId);
      if (visible === undefined) {
        visible = this.contextFor(em, ownerId).then(async (owner) => {
          if (owner === null) return new Set<DomainEvent>();
          const service = new EventService(owner);
          const delivers = await Promise.all(events.map((event) => service.delivers(event, null)));
          return new Set(events.filter((_, index) => delivers[index]));
        });
        visibleTo.set(ownerId, visible);
      }
      return visible;
    };
    const deliveries: { endpoint: string; eventId: string }[] = [];
    for (const endpoint of endpoints) {
      const visible = await visibleToOwner(endpoint.owner.id);
      for (const event of events) {
        if (BigInt(event.transactionId) <= BigInt(endpoint.startsAfterTransactionId) || endpoint.skips(event.transactionId)) continue;
        if (endpoint.eventTypes.length > 0 && !endpoint.eventTypes.includes(event.type)) continue;
        if (visible.has(event)) deliveries.push({ endpoint: endpoint.id, eventId: event.id });
      }
    }
    return deliveries;
  }

  /**
   * Claims due deliveries, as many as there is room for in flight, and sends them without waiting: a slow receiver
   * holds up neither the fan-out nor the next events. Each one that finishes makes room and looks for more.
   */
  private async sendDue(): Promise<void> {
    const room = MAX_IN_FLIGHT - this.inFlight.size;
    if (room <= 0 || this.stopped) return;
    // On the worker's own connection: a poll that finds nothing due costs the request pool nothing.
    const { rows: claimed } = await this.connection.query<ClaimedRow>(
      `update webhook_delivery
          set status = 'DELIVERING', locked_until = now() + make_interval(secs => $1), attempts = attempts + 1
        where id in (select id from webhook_delivery d
                      where ((d.status = 'PENDING' and d.next_attempt_at <= now()) or (d.status = 'DELIVERING' and d.locked_until < now()))
                        and ${NOT_PAUSED}
                      order by next_attempt_at limit $2 for update of d skip locked)
        returning id, endpoint_id, event_id, attempts`,
      [this.config.webhooks.leaseSeconds, room],
    );
    for (const row of claimed) {
      const sending: Promise<void> = this.deliver(row)
        .catch((error: unknown) => this.failed(error))
        .finally(() => {
          this.inFlight.delete(sending);
          void this.wake();
        });
      this.inFlight.add(sending);
    }
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    const em = this.orm.em.fork();
    const endpoint = await em.findOne(WebhookEndpoint, row.endpoint_id, { populate: ['secret', 'previousSecret'] });
    // Deleted since the claim: its deliveries went with it.
    if (endpoint === null) return;
    const event = await em.findOne(DomainEvent, { id: row.event_id });
    const owner = await this.contextFor(em, endpoint.owner.id);
    if (event === null || owner === null) {
      await this.finish(em, row, endpoint, { statusCode: null, error: event === null ? 'event past its retention' : 'endpoint owner inactive', latencyMs: 0 }, true);
      return;
    }
    const visible = await new EventService(owner.fresh()).visiblePayload(event);
    const body = JSON.stringify({
      id: event.id,
      type: event.type,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      aggregateVersion: event.aggregateVersion,
      occurredAt: event.occurredAt.toISOString(),
      payload: visible.payload,
      hiddenFields: visible.hiddenFields,
    });
    const started = Date.now();
    let outcome: { statusCode: number | null; error: string | null; latencyMs: number };
    let blocked = false;
    try {
      const response = await this.transport.post({
        url: endpoint.url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'SalesGraph-Webhooks/1',
          'x-salesgraph-event-id': event.id,
          'x-salesgraph-event-type': event.type,
          'x-salesgraph-signature': signWebhook(endpoint.signingSecrets(), body, Math.floor(Date.now() / 1000)),
        },
        body,
        timeoutMs: this.config.webhooks.timeoutMs,
      });
      await WebhookTransport.discardBody(response);
      outcome = { statusCode: response.status, error: attemptError(response.status, response.headers.get('location')), latencyMs: Date.now() - started };
    } catch (error) {
      const refusal = blockedBy(error);
      blocked = refusal !== null;
      if (refusal !== null) {
        this.log.warn({ endpointId: endpoint.id, eventId: row.event_id, url: endpoint.url, addresses: refusal.addresses, reason: refusal.reason }, 'webhook delivery blocked by the URL rules');
      }
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const name =
        refusal !== null
          ? `${refusal.message}; not sent, and not retried`
          : (error as Error).name === 'TimeoutError'
            ? `no answer within ${this.config.webhooks.timeoutMs} ms`
            : (cause ?? (error as Error).message);
      outcome = { statusCode: null, error: name, latencyMs: Date.now() - started };
    }
    // A blocked address stays blocked: retrying would only try it again.
    await this.finish(em, row, endpoint, outcome, blocked);
  }

  /** Logs the attempt and decides: delivered, retried later (exponential backoff with jitter), or failed for good. */
  private async finish(
    em: EntityManager,
    row: ClaimedRow,
    endpoint: WebhookEndpoint,
    outcome: { statusCode: number | null; error: string | null; latencyMs: number },
    giveUp: boolean,
  ): Promise<void> {
    const succeeded = outcome.error === null;
    const failedForGood = !succeeded && (giveUp || row.attempts >= this.config.webhooks.maxAttempts);
    const delay = Math.min(MAX_RETRY_DELAY_MS, this.config.webhooks.retryBaseMs * 2 ** (row.attempts - 1)) * (0.5 + Math.random());
    // Logged only while the delivery still exists: an endpoint deleted during the attempt took its deliveries along.
    const logged = await em.execute<QueryResult>(
      `insert into webhook_attempt (id, delivery_id, status_code, error, latency_ms) select ?, id, ?, ?, ? from webhook_delivery where id = ?`,
      [randomUUID(), outcome.statusCode, outcome.error, outcome.latencyMs, row.id],
      'run',
    );
    if (logged.affectedRows === 0) return;
    await em.nativeUpdate(WebhookDelivery, { id: row.id }, {
      status: succeeded ? WebhookDeliveryStatus.SUCCEEDED : failedForGood ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING,
      lockedUntil: null,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
      deliveredAt: succeeded ? new Date() : null,
      nextAttemptAt: new Date(Date.now() + (succeeded || failedForGood ? 0 : delay)),
    });
    // A pause set meanwhile stays: only resumeWebhook ends it.
    if (succeeded && (endpoint.status !== WebhookStatus.ACTIVE || endpoint.consecutiveFailures > 0)) {
      await em.nativeUpdate(WebhookEndpoint, { id: endpoint.id, status: { $ne: WebhookStatus.PAUSED } }, { status: WebhookStatus.ACTIVE, consecutiveFailures: 0 });
    } else if (failedForGood) {
      // Counted in SQL: concurrent failures each add one, none overwrites another's count.
      await em.execute(
        `update webhook_endpoint set status = case when status = 'PAUSED' then status else 'FAILING' end, consecutive_failures = consecutive_failures + 1 where id = ?`,
        [endpoint.id],
      );
      this.log.warn({ endpointId: endpoint.id, eventId: row.event_id, error: outcome.error }, 'webhook delivery failed for good');
    }
  }
}

/** The delivery log's error for a receiver's answer: null for a 2xx; a redirect is a failed attempt, never followed. */
function attemptError(status: number, location: string | null): string | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) return `HTTP ${status}: redirects are not followed${location === null ? '' : ` (Location: ${location.slice(0, 200)})`}`;
  return `HTTP ${status}`;
}

/** The URL rules' refusal behind a failed request (undici wraps a socket's error as the `cause`), if that is why. */
function blockedBy(error: unknown): BlockedAddressError | null {
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    if (current instanceof BlockedAddressError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
