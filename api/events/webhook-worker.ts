import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from 'pino';
import { DomainEvent } from '../../schema/events/domain-event.entity';
import { EventService, SETTLED_EVENT_SQL } from '../../schema/events/events.service';
import { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint, WebhookStatus } from '../../schema/events/webhook.entities';
import { contextActingAs } from '../../schema/org/org.service';
import type { AppConfig } from '../config';
import type { RequestContext } from '../context';
import { logConnectionError } from './event-dispatcher';
import { signWebhook } from './webhook-signature';

const FANOUT_BATCH = 200;
const CLAIM_BATCH = 20;
const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

interface ClaimedRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  attempts: number;
}

/**
 * Webhook delivery, in every API process. Fan-out turns settled events into deliveries for the endpoints whose
 * owner may see them (one process at a time: the fan-out row is locked, others skip). Delivery claims due rows with
 * `FOR UPDATE SKIP LOCKED` and a lease (WEBHOOK_LEASE_SECONDS), so each is sent by one process; a crash mid-delivery leaves the lease to run
 * out and the event is sent again (at least once, same event id). Endpoints are sent to concurrently, so a slow one
 * holds up nobody.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | undefined;
  /** A connection of its own for the frequent "anything to do?" checks, apart from the pool requests use. */
  private probe: pg.Client | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly config: AppConfig,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.probe = new pg.Client({ connectionString: this.orm.config.get('clientUrl') });
    this.probe.on('error', (error) => logConnectionError(this.log, error, 'webhook probe'));
    await this.probe.connect();
    this.timer = setInterval(() => this.wake(), this.config.webhooks.pollMs);
    this.timer.unref();
  }

  /** Whether there are settled events to fan out to some endpoint, and whether deliveries are due. */
  private async pendingWork(): Promise<{ fanOut: boolean; deliver: boolean }> {
    if (this.probe === undefined) return { fanOut: false, deliver: false };
    const { rows } = await this.probe.query<{ fan_out: boolean; deliver: boolean }>(
      `select exists (select 1 from webhook_endpoint)
              and exists (select 1 from domain_event
                           where position > (select last_position from webhook_fanout where id = 1)
                             and ${SETTLED_EVENT_SQL}) as fan_out,
              exists (select 1 from webhook_delivery
                       where (status = 'PENDING' and next_attempt_at <= now()) or (status = 'DELIVERING' and locked_until < now())) as deliver`,
    );
    return { fanOut: rows[0]?.fan_out === true, deliver: rows[0]?.deliver === true };
  }

  /** Runs a round now (new events were committed); a call during a round makes it run once more. */
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
          const work = await this.pendingWork();
          if (work.fanOut) await this.fanOut();
          if (work.fanOut || work.deliver) await this.deliverDue();
        } while (this.again && !this.stopped);
      } catch (error) {
        this.log.error({ err: error }, 'webhook round failed');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.running;
    await this.probe?.end();
  }

  private contextFor(em: EntityManager, userId: string): Promise<RequestContext | null> {
    return contextActingAs(em.fork(), this.config, this.log, userId);
  }

  private async fanOut(): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const [cursor] = await em.execute<{ last_position: string }[]>('select last_position from webhook_fanout where id = 1 for update skip locked');
      if (cursor === undefined) return;
      const rows = await em.execute<Record<string, unknown>[]>(
        `select * from domain_event
          where position > ? and ${SETTLED_EVENT_SQL}
          order by position limit ${FANOUT_BATCH}`,
        [cursor.last_position],
      );
      if (rows.length === 0) return;
      const events = rows.map((row) => em.map(DomainEvent, row));
      const endpoints = await em.find(WebhookEndpoint, {});
      const owners = new Map<string, RequestContext | null>();
      for (const endpoint of endpoints) {
        if (!owners.has(endpoint.owner.id)) owners.set(endpoint.owner.id, await this.contextFor(em, endpoint.owner.id));
      }
      for (const event of events) {
        for (const endpoint of endpoints) {
          if (event.occurredAt < endpoint.createdAt) continue;
          if (endpoint.eventTypes.length > 0 && !endpoint.eventTypes.includes(event.type)) continue;
          const owner = owners.get(endpoint.owner.id);
          if (owner === null || owner === undefined || !(await new EventService(owner.fresh()).delivers(event, null))) continue;
          em.create(WebhookDelivery, { endpoint, eventId: event.id });
        }
      }
      await em.flush();
      await em.execute('update webhook_fanout set last_position = ? where id = 1', [events[events.length - 1].position]);
    });
  }

  private async deliverDue(): Promise<void> {
    const em = this.orm.em.fork();
    const claimed = await em.execute<ClaimedRow[]>(
      `update webhook_delivery
          set status = 'DELIVERING', locked_until = now() + make_interval(secs => ${this.config.webhooks.leaseSeconds}), attempts = attempts + 1
        where id in (select id from webhook_delivery
                      where (status = 'PENDING' and next_attempt_at <= now()) or (status = 'DELIVERING' and locked_until < now())
                      order by next_attempt_at limit ${CLAIM_BATCH} for update skip locked)
        returning id, endpoint_id, event_id, attempts`,
    );
    await Promise.all(claimed.map((row) => this.deliver(row)));
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    const em = this.orm.em.fork();
    const endpoint = await em.findOneOrFail(WebhookEndpoint, row.endpoint_id, { populate: ['secret'] });
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
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'SalesGraph-Webhooks/1',
          'x-salesgraph-event-id': event.id,
          'x-salesgraph-event-type': event.type,
          'x-salesgraph-signature': signWebhook(endpoint.secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
        signal: AbortSignal.timeout(this.config.webhooks.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      outcome = { statusCode: response.status, error: response.ok ? null : `HTTP ${response.status}`, latencyMs: Date.now() - started };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const name = (error as Error).name === 'TimeoutError' ? `no answer within ${this.config.webhooks.timeoutMs} ms` : (cause ?? (error as Error).message);
      outcome = { statusCode: null, error: name, latencyMs: Date.now() - started };
    }
    await this.finish(em, row, endpoint, outcome, false);
  }

  /** Logs the attempt and decides: delivered, retried later (exponential backoff with jitter), or failed for good. */
  private async finish(
    em: EntityManager,
    row: ClaimedRow,
    endpoint: WebhookEndpoint,
    outcome: { statusCode: number | null; error: string | null; latencyMs: number },
    giveUp: boolean,
  ): Promise<void> {
    const delivery = em.getReference(WebhookDelivery, row.id);
    em.create(WebhookAttempt, { delivery, statusCode: outcome.statusCode, error: outcome.error, latencyMs: outcome.latencyMs });
    const succeeded = outcome.error === null;
    const failedForGood = !succeeded && (giveUp || row.attempts >= this.config.webhooks.maxAttempts);
    const delay = Math.min(MAX_RETRY_DELAY_MS, this.config.webhooks.retryBaseMs * 2 ** (row.attempts - 1)) * (0.5 + Math.random());
    await em.flush();
    await em.nativeUpdate(WebhookDelivery, { id: row.id }, {
      status: succeeded ? WebhookDeliveryStatus.SUCCEEDED : failedForGood ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING,
      lockedUntil: null,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
      deliveredAt: succeeded ? new Date() : null,
      nextAttemptAt: new Date(Date.now() + (succeeded || failedForGood ? 0 : delay)),
    });
    if (succeeded && (endpoint.status !== WebhookStatus.ACTIVE || endpoint.consecutiveFailures > 0)) {
      await em.nativeUpdate(WebhookEndpoint, { id: endpoint.id }, { status: WebhookStatus.ACTIVE, consecutiveFailures: 0 });
    } else if (failedForGood) {
      await em.nativeUpdate(WebhookEndpoint, { id: endpoint.id }, { status: WebhookStatus.FAILING, consecutiveFailures: endpoint.consecutiveFailures + 1 });
      this.log.warn({ endpointId: endpoint.id, eventId: row.event_id, error: outcome.error }, 'webhook delivery failed for good');
    }
  }
}
