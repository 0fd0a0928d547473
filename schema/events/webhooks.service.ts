import { randomBytes } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { flushOrStale, lockVersion } from '../../api/database/optimistic-lock';
import { UserInputError } from '../../api/errors';
import { webhookUrlRefusal } from '../../api/events/webhook-url-policy';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { msg, nested } from '../../api/i18n';
import { contextActingAs } from '../org/org.service';
import { Role } from '../org/org.enums';
import { User } from '../org/entities/user.entity';
import { DomainEvent } from './domain-event.entity';
import { EventService } from './events.service';
import { WebhookError, WebhookErrorCode } from './webhooks.errors';
import type { CreateWebhookInput, UpdateWebhookInput, WebhookDeliveriesArgs } from './webhooks.inputs';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entities';

const REPLAY_PAGE = 200;

/** A signing secret: 256 random bits. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** Endpoints belong to the user who registered them (admins see all); deliveries and attempts come with them. */
export function webhookRowScope(viewerId: string, role: Role): FilterQuery<WebhookEndpoint> {
  return role === Role.ADMIN ? {} : { owner: viewerId };
}

/** One call of `replay`: how many deliveries it queued and where the next call goes on. */
export interface WebhookReplayShape {
  queued: number;
  endCursor: string;
  hasMore: boolean;
}

/** Registering, changing, pausing and deleting endpoints, rotating their secrets, the delivery log, redelivery and replay. */
export class WebhookService {
  constructor(private readonly ctx: RequestContext) {}

  private get viewer() {
    return this.ctx.signedInViewer;
  }

  private endpoint(id: string): Promise<WebhookEndpoint> {
    return findVisibleOrFail(this.ctx.em, WebhookEndpoint, { id }, webhookRowScope(this.viewer.userId, this.viewer.role), () =>
      new WebhookError(WebhookErrorCode.WEBHOOK_NOT_FOUND, { id }),
    );
  }

  /** The URL as stored, once the URL rules (README "Webhook URLs") accept it; refused: BAD_USER_INPUT at `path`. */
  private async allowedUrl(url: string, path: string): Promise<string> {
    const trimmed = url.trim();
    const refusal = await webhookUrlRefusal(trimmed, { env: this.ctx.config.env, allowPrivateNetworks: this.ctx.config.webhooks.allowPrivateNetworks });
    if (refusal !== null) throw new WebhookError(WebhookErrorCode.WEBHOOK_URL_NOT_ALLOWED, { field: path, detail: msg('{{reason}}.', { reason: nested(refusal) }) });
    return trimmed;
  }

  /** The endpoint owner's view of the stream: what an endpoint receives is what its owner may see, whoever asks. */
  private async ownerEvents(endpoint: WebhookEndpoint): Promise<EventService> {
    const owner = await contextActingAs(this.ctx.em.fork(), this.ctx.config, this.ctx.log, endpoint.owner.id);
    if (owner === null) throw new WebhookError(WebhookErrorCode.WEBHOOK_OWNER_INACTIVE);
    return new EventService(owner);
  }

  async create(input: CreateWebhookInput): Promise<{ webhook: WebhookEndpoint; secret: string }> {
    const url = await this.allowedUrl(input.url, 'input.url');
    const secret = newSecret();
    const webhook = this.ctx.em.create(WebhookEndpoint, {
      owner: this.ctx.em.getReference(User, this.viewer.userId),
      url,
      // Each type once; the input's validation has checked them against the catalogue.
      eventTypes: [...new Set(input.eventTypes ?? [])],
      secret,
    });
    await this.ctx.em.flush();
    return { webhook, secret };
  }

  /** Changes the URL (checked as at creation) or the event types; the deliveries already queued keep their event. */
  async update(id: string, version: number, input: UpdateWebhookInput): Promise<WebhookEndpoint> {
    const webhook = await this.endpoint(id);
    await lockVersion(this.ctx.em, webhook, version, () => new WebhookError(WebhookErrorCode.STALE_VERSION, { field: 'version' }));
    if (input.url !== undefined && input.url !== null) webhook.url = await this.allowedUrl(input.url, 'input.url');
    if (input.eventTypes !== undefined && input.eventTypes !== null) webhook.eventTypes = [...new Set(input.eventTypes)];
    await this.flush();
    return webhook;
  }

  /**
   * Stops queuing: the fan-out skips the events that occur while the endpoint is paused (they are not queued for
   * later; `replay` from a cursor sends them), and deliveries queued before wait until it is resumed. Pausing a
   * paused endpoint changes nothing.
   */
  async pause(id: string): Promise<WebhookEndpoint> {
    const webhook = await this.endpoint(id);
    // One statement: the pause's point in the stream is the transaction that writes it (see WebhookEndpoint).
    await this.ctx.em.execute(
      `update webhook_endpoint
          set status = 'PAUSED', paused_at = now(), paused_after_transaction_id = pg_current_xact_id(), version = version + 1, updated_at = now()
        where id = ? and status <> 'PAUSED'`,
      [webhook.id],
    );
    return this.reloaded(webhook);
  }

  /** Events from now on are queued again, and the deliveries that waited go out; the endpoint is ACTIVE. */
  async resume(id: string): Promise<WebhookEndpoint> {
    const webhook = await this.endpoint(id);
    await this.ctx.em.execute(
      `update webhook_endpoint
          set status = 'ACTIVE', consecutive_failures = 0, paused_at = null,
              last_pause_after_transaction_id = paused_after_transaction_id, last_resume_transaction_id = pg_current_xact_id(),
              paused_after_transaction_id = null, version = version + 1, updated_at = now()
        where id = ? and status = 'PAUSED'`,
      [webhook.id],
    );
    return this.reloaded(webhook);
  }

  /** The endpoint as stored now, after a change made in SQL. */
  private async reloaded(webhook: WebhookEndpoint): Promise<WebhookEndpoint> {
    const fresh = await this.ctx.em.refresh(webhook);
    if (fresh === null) throw new WebhookError(WebhookErrorCode.WEBHOOK_NOT_FOUND, { id: webhook.id });
    return fresh;
  }

  /** Deletes the endpoint with its deliveries and their log; nothing more is sent to it. */
  async delete(id: string): Promise<string> {
    const webhook = await this.endpoint(id);
    await this.ctx.em.nativeDelete(WebhookEndpoint, { id: webhook.id });
    return webhook.id;
  }

  /**
   * A new secret, returned this once. The replaced one keeps signing beside it for `graceSeconds`, so receivers can
   * switch without missing a delivery; a secret replaced earlier stops at once.
   */
  async rotateSecret(id: string, graceSeconds: number): Promise<{ webhook: WebhookEndpoint; secret: string }> {
    const webhook = await this.endpoint(id);
    await this.ctx.em.populate(webhook, ['secret']);
    const secret = newSecret();
    webhook.previousSecret = graceSeconds > 0 ? webhook.secret : null;
    webhook.previousSecretExpiresAt = graceSeconds > 0 ? new Date(Date.now() + graceSeconds * 1000) : null;
    webhook.secret = secret;
    await this.flush();
    return { webhook, secret };
  }

  /** Flushes; a concurrent change of the same endpoint is a stale version. */
  private async flush(): Promise<void> {
    await flushOrStale(this.ctx.em, () => new WebhookError(WebhookErrorCode.STALE_VERSION, { field: 'version' }));
  }

  webhooks(): Promise<WebhookEndpoint[]> {
    return this.ctx.em.find(WebhookEndpoint, webhookRowScope(this.viewer.userId, this.viewer.role), { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async deliveries(args: WebhookDeliveriesArgs): Promise<WebhookDelivery[]> {
    const endpoint = await this.endpoint(args.webhookId);
    const where: FilterQuery<WebhookDelivery> = { endpoint: endpoint.id };
    if (args.eventId !== undefined && args.eventId !== null) where.eventId = args.eventId;
    return this.ctx.em.find(WebhookDelivery, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: args.first });
  }

  /** Sends one event again, as a new delivery with the same event id. */
  async redeliver(webhookId: string, eventId: string): Promise<WebhookDelivery> {
    const endpoint = await this.endpoint(webhookId);
    const event = await this.ctx.em.findOne(DomainEvent, { id: eventId });
    if (event === null || !(await (await this.ownerEvents(endpoint)).delivers(event, null))) {
      throw UserInputError.field('eventId', 'no such event, or not one the webhook’s owner may see');
    }
    const delivery = this.ctx.em.create(WebhookDelivery, { endpoint, eventId: event.id });
    await this.ctx.em.flush();
    return delivery;
  }

  /**
   * Queues again the events after `from` (an events cursor) that the endpoint would receive, reading at most `first`
   * events of the stream; `endCursor` is where the next call goes on, until `hasMore` is false. The deliveries of one
   * call are queued in one transaction.
   */
  async replay(webhookId: string, from: string, first: number): Promise<WebhookReplayShape> {
    const endpoint = await this.endpoint(webhookId);
    const events = await this.ownerEvents(endpoint);
    let after = from;
    let read = 0;
    let hasMore = true;
    const eventIds: string[] = [];
    while (read < first && hasMore) {
      const page = await events.events({ first: Math.min(REPLAY_PAGE, first - read), after });
      for (const event of page.nodes) {
        if (endpoint.eventTypes.length === 0 || endpoint.eventTypes.includes(event.type)) eventIds.push(event.id);
      }
      read += page.nodes.length;
      hasMore = page.pageInfo.hasNextPage;
      after = page.pageInfo.endCursor ?? after;
    }
    await this.ctx.em.transactional(async (em) => {
      for (const eventId of eventIds) em.create(WebhookDelivery, { endpoint: em.getReference(WebhookEndpoint, endpoint.id), eventId });
    });
    return { queued: eventIds.length, endCursor: after, hasMore };
  }
}
