import { raw, type FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { AppError, ErrorCode, UserInputError } from '../../api/errors';
import { isPartner, type Viewer } from '../../api/permissions/viewer';
import { Opportunity } from '../pipeline/entities/opportunity.entity';
import { dealAmountReaders, opportunityRowScope } from '../pipeline/pipeline.policy';
import type { DealChangedFilter } from './events.inputs';
import { DomainEvent } from './domain-event.entity';

const DAY = 24 * 60 * 60 * 1000;

/** Opportunity fields partners never see, in events as in queries. */
const INTERNAL_DEAL_FIELDS = ['probability', 'nextStep'];

/** A position in the event stream: the event's position and when it occurred (for the retention check). */
interface EventCursor {
  position: string;
  occurredAt: number;
}

/**
 * SQL for "the event is settled": its transaction is older than every transaction still running. Positions are
 * handed out before commit, so a later position can commit first; reading only settled events never steps past one
 * that commits late. `events`, the dispatcher and the webhook fan-out all read through it.
 */
const OLDEST_RUNNING_TRANSACTION = 'pg_snapshot_xmin(pg_current_snapshot())';
export const SETTLED_EVENT_SQL = `transaction_id < ${OLDEST_RUNNING_TRANSACTION}`;

/** SETTLED_EVENT_SQL as a MikroORM condition. */
export function settledEvents(): FilterQuery<DomainEvent> {
  return { transactionId: { $lt: raw(OLDEST_RUNNING_TRANSACTION) } } as FilterQuery<DomainEvent>;
}

export function encodeEventCursor(event: DomainEvent): string {
  return Buffer.from(`${event.position}:${event.occurredAt.getTime()}`).toString('base64url');
}

function decodeEventCursor(cursor: string): EventCursor {
  const match = /^(\d{1,19}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (match === null) throw UserInputError.field('after', 'is not a cursor returned by events');
  return { position: match[1], occurredAt: Number(match[2]) };
}

export interface EventPageShape {
  nodes: DomainEvent[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export interface VisiblePayload {
  payload: Record<string, unknown>;
  hiddenFields: string[];
}

/** What a subscription delivered: the payload as its subscriber may read it, worked out when it was delivered. */
const deliveredPayloads = new WeakMap<DomainEvent, VisiblePayload>();

/**
 * The deal event stream as a viewer may read it: events of the deals in their row scope, in commit order, with the
 * fields they may not read taken out of each payload.
 */
export class EventService {
  constructor(private readonly ctx: RequestContext) {}

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  /** A page after `after`, of settled events only (see settledEvents). */
  async events(args: { first: number; after?: string | null; filter?: { types?: string[]; opportunityId?: string } }): Promise<EventPageShape> {
    const viewer = this.viewer;
    const retentionStart = Date.now() - this.ctx.config.eventRetentionDays * DAY;
    const conditions: FilterQuery<DomainEvent>[] = [settledEvents()];
    const dealScope = opportunityRowScope(viewer);
    if (Object.keys(dealScope).length > 0) conditions.push({ opportunity: dealScope });
    // Partners follow their deals, not the internal quotes and approvals on them.
    if (isPartner(viewer)) conditions.push({ aggregateType: 'Opportunity' });
    if (args.after !== undefined && args.after !== null) {
      const cursor = decodeEventCursor(args.after);
      if (cursor.occurredAt < retentionStart) {
        throw new AppError(ErrorCode.CURSOR_EXPIRED, `The cursor is older than the ${this.ctx.config.eventRetentionDays}-day event retention; events after it may be gone. Start again without \`after\` and reconcile.`, { retentionDays: this.ctx.config.eventRetentionDays });
      }
      conditions.push({ position: { $gt: cursor.position } });
    }
    conditions.push({ occurredAt: { $gte: new Date(retentionStart) } });
    if (args.filter?.types !== undefined && args.filter.types !== null && args.filter.types.length > 0) conditions.push({ type: { $in: args.filter.types } });
    if (args.filter?.opportunityId !== undefined && args.filter.opportunityId !== null) conditions.push({ opportunity: args.filter.opportunityId });

    const rows = await this.ctx.em.find(DomainEvent, { $and: conditions }, { orderBy: { position: 'asc' }, limit: args.first + 1 });
    const nodes = rows.slice(0, args.first);
    return {
      nodes,
      pageInfo: {
        hasNextPage: rows.length > args.first,
        hasPreviousPage: args.after !== undefined && args.after !== null,
        startCursor: nodes.length > 0 ? encodeEventCursor(nodes[0]) : null,
        // An empty page keeps the caller where it was, so polling with the same cursor never loses its place.
        endCursor: nodes.length > 0 ? encodeEventCursor(nodes[nodes.length - 1]) : (args.after ?? null),
      },
    };
  }

  /**
   * Whether a subscription delivers `event` to this viewer, decided at delivery time: the deal must be in their
   * row scope now (partners: only their deals' opportunity events) and match the subscription's filter.
   */
  async delivers(event: DomainEvent, filter: DealChangedFilter | undefined | null): Promise<boolean> {
    if (event.opportunity === null) return false;
    if (isPartner(this.viewer) && event.aggregateType !== 'Opportunity') return false;
    if (filter?.types && filter.types.length > 0 && !filter.types.includes(event.type)) return false;
    const opportunity = await this.ctx.em.findOne(Opportunity, { $and: [{ id: event.opportunity.id }, opportunityRowScope(this.viewer)] }, { populate: ['customer'] });
    if (opportunity === null) return false;
    if (filter?.stages && filter.stages.length > 0 && !filter.stages.includes(opportunity.stage)) return false;
    if (filter?.ownerIds && filter.ownerIds.length > 0 && !filter.ownerIds.includes(opportunity.owner.id)) return false;
    if (filter?.regionIds && filter.regionIds.length > 0 && !filter.regionIds.includes(opportunity.customer.region.id)) return false;
    return true;
  }

  /** Whether `event` asks this viewer to decide: an approval request addressed to them. */
  addressedToViewer(event: DomainEvent): boolean {
    return event.type === 'approval.requested' && event.payload.approverId === this.viewer.userId;
  }

  /** A copy of `event` for one subscriber, its payload cut to what they may read now. */
  async forDelivery(event: DomainEvent): Promise<DomainEvent> {
    const copy = Object.assign(Object.create(DomainEvent.prototype) as DomainEvent, event);
    deliveredPayloads.set(copy, await this.visiblePayload(copy));
    return copy;
  }

  /** The payload minus what the viewer may not read: a deal's amount (dealAmountReaders), internal fields for partners. */
  async visiblePayload(event: DomainEvent): Promise<VisiblePayload> {
    const delivered = deliveredPayloads.get(event);
    if (delivered !== undefined) return delivered;
    const viewer = this.viewer;
    const hidden: string[] = [];
    const payload = { ...event.payload };
    if (event.aggregateType === 'Opportunity' && 'amount' in payload) {
      const opportunity = event.opportunity === null ? null : await this.ctx.loaders.pipeline.opportunityById.load(event.opportunity.id);
      if (opportunity === null || !(await dealAmountReaders.allows(this.ctx, opportunity))) hidden.push('amount');
    }
    if (isPartner(viewer)) hidden.push(...INTERNAL_DEAL_FIELDS.filter((field) => field in payload));
    for (const field of hidden) delete payload[field];
    return { payload, hiddenFields: hidden };
  }
}
