import { randomBytes } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { AppError, ErrorCode, UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { Role } from '../org/org.enums';
import { User } from '../org/entities/user.entity';
import { DomainEvent } from './domain-event.entity';
import { EventService } from './events.service';
import type { CreateWebhookInput, WebhookDeliveriesArgs } from './webhooks.inputs';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entities';

const REPLAY_LIMIT = 1000;

/** Endpoints belong to the user who registered them (admins see all); deliveries and attempts come with them. */
export function webhookRowScope(viewerId: string, role: Role): FilterQuery<WebhookEndpoint> {
  return role === Role.ADMIN ? {} : { owner: viewerId };
}

/** Registering endpoints, the delivery log, redelivery and replay. */
export class WebhookService {
  constructor(private readonly ctx: RequestContext) {}

  private get viewer() {
    return this.ctx.signedInViewer;
  }

  private endpoint(id: string): Promise<WebhookEndpoint> {
    return findVisibleOrFail(this.ctx.em, WebhookEndpoint, { id }, webhookRowScope(this.viewer.userId, this.viewer.role), () =>
      new AppError(ErrorCode.NOT_FOUND, 'No such webhook, or it is not yours.', { reason: 'WEBHOOK_NOT_FOUND', id }),
    );
  }

  async create(input: CreateWebhookInput): Promise<{ webhook: WebhookEndpoint; secret: string }> {
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const webhook = this.ctx.em.create(WebhookEndpoint, {
      owner: this.ctx.em.getReference(User, this.viewer.userId),
      url: input.url.trim(),
      eventTypes: [...new Set((input.eventTypes ?? []).map((type) => type.trim()).filter((type) => type.length > 0))],
      secret,
    });
    await this.ctx.em.flush();
    return { webhook, secret };
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
    if (event === null || !(await new EventService(this.ctx).delivers(event, null))) throw UserInputError.field('eventId', 'no such event, or not one you may see');
    const delivery = this.ctx.em.create(WebhookDelivery, { endpoint, eventId: event.id });
    await this.ctx.em.flush();
    return delivery;
  }

  /** Queues again every event after `from` (an events cursor) that the endpoint would receive; returns how many. */
  async replay(webhookId: string, from: string): Promise<number> {
    const endpoint = await this.endpoint(webhookId);
    const events = new EventService(this.ctx);
    let after: string | null = from;
    let queued = 0;
    while (queued < REPLAY_LIMIT) {
      const page = await events.events({ first: 200, after });
      for (const event of page.nodes) {
        if (endpoint.eventTypes.length > 0 && !endpoint.eventTypes.includes(event.type)) continue;
        this.ctx.em.create(WebhookDelivery, { endpoint, eventId: event.id });
        queued += 1;
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    await this.ctx.em.flush();
    return queued;
  }
}
