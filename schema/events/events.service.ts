import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { AppError, ErrorCode } from '../../api/errors';
import { hasScope, isPartner, type Viewer } from '../../api/permissions/viewer';
import { ApiScope } from '../../api/auth/api-scopes';
import { commissionStatementRowScope } from '../targets/commissions.policy';
import type { Customer } from '../customers/entities/customer.entity';
import { contractRowScope, invoiceRowScope, orderRowScope, paymentRowScope } from '../orders/orders.policy';
import type { User } from '../org/entities/user.entity';
import type { OpportunityStage } from '../pipeline/pipeline.enums';
import { opportunityRowScope } from '../pipeline/pipeline.policy';
import { appraisalRowScope } from '../targets/appraisals.policy';
import { workReportRowScope } from '../reports/reports.policy';
import { targetRowScope } from '../targets/targets.policy';
import { expenseClaimRowScope } from '../expenses/expenses.policy';
import type { DealChangedFilter } from './events.inputs';
import { DomainEvent } from './domain-event.entity';
import { hiddenPayloadKeys } from './event-redaction';
import {
  decodeEventCursor,
  encodeEventCursor,
  horizonPoint,
  isLegacyCursor,
  LEGACY_CURSOR_POINT_SQL,
  OLDEST_RUNNING_TRANSACTION_SQL,
  type StreamPoint,
} from './event-stream';
import { msg } from '../../api/i18n';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The relations of `domain_event` that say whose event it is; the triggers set exactly one per event. Each stands
 * for a record whose row scope decides who sees its events: contract and approval-step events go with the contract,
 * order and shipment events with the order.
 */
type EventRecordRelation = 'opportunity' | 'contract' | 'order' | 'invoice' | 'payment' | 'commissionStatement' | 'appraisal' | 'target' | 'workReport' | 'expenseClaim';

/** What a subscription filter looks at: the record's owner and customer (for the region; a target has none), and a deal's stage. */
interface EventRecord {
  ownerId: string;
  /** Null for records of no customer (a commission statement, an appraisal, a target): a region filter does not deliver them. */
  customerId: string | null;
  stage: OpportunityStage | null;
}

/**
 * `relation` in `scope`, for one branch of an `$or`: an empty scope still needs the relation set (else it would let
 * every event through), and a scope matching nothing drops the branch (null).
 */
function recordInScope(relation: EventRecordRelation, scope: unknown, extra: Record<string, unknown> = {}): FilterQuery<DomainEvent> | null {
  if (scope === MATCHES_NOTHING) return null;
  const unrestricted = typeof scope === 'object' && scope !== null && Object.keys(scope).length === 0;
  return { [relation]: unrestricted ? { $ne: null } : scope, ...extra } as FilterQuery<DomainEvent>;
}

/**
 * The events a viewer may read, in SQL: each through the row scope of the record it belongs to, one `$or` branch per
 * relation, in one statement. PostgreSQL walks the events in position order and probes each record by its key; a
 * filter on one record (`opportunityId`, `contractId`, `orderId`) goes through `domain_event_<relation>_position_idx`.
 */
export function eventRowScope(viewer: Viewer): FilterQuery<DomainEvent> {
  const branches = [
    // Partners follow their deals, not the internal quotes and approvals on them.
    recordInScope('opportunity', opportunityRowScope(viewer), isPartner(viewer) ? { aggregateType: 'Opportunity' } : {}),
    recordInScope('contract', contractRowScope(viewer)),
    recordInScope('order', orderRowScope(viewer)),
    recordInScope('invoice', invoiceRowScope(viewer)),
    recordInScope('payment', paymentRowScope(viewer)),
    // Commission events: as the statements, for API keys only with READ_PERFORMANCE.
    hasScope(viewer, ApiScope.READ_PERFORMANCE) ? recordInScope('commissionStatement', commissionStatementRowScope(viewer)) : null,
    // Appraisal events go with the appraisal, and to API keys only with READ_PERFORMANCE.
    hasScope(viewer, ApiScope.READ_PERFORMANCE) ? recordInScope('appraisal', appraisalRowScope(viewer)) : null,
    recordInScope('target', targetRowScope(viewer)),
    recordInScope('workReport', workReportRowScope(viewer)),
    recordInScope('expenseClaim', expenseClaimRowScope(viewer)),
  ].filter((branch): branch is FilterQuery<DomainEvent> => branch !== null);
  if (branches.length === 0) return MATCHES_NOTHING as FilterQuery<DomainEvent>;
  return branches.length === 1 ? branches[0] : { $or: branches };
}

/** Events that ask their `payload.approverId` to decide: a quote's discount, a contract's approval step. */
const APPROVAL_REQUEST_TYPES = ['approval.requested', 'contract.approvalRequested', 'target.adjustmentRequested'];

export interface EventFilterShape {
  types?: string[] | null;
  opportunityId?: string | null;
  contractId?: string | null;
  orderId?: string | null;
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
 * The event stream as a viewer may read it: events of the deals, contracts, orders (with their shipments), invoices
 * and payments in their row scope, in commit order, with the fields they may not read taken out of each payload.
 */
export class EventService {
  constructor(private readonly ctx: RequestContext) {}

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  /** A page after `after`, of settled events only, in stream order (see event-stream.ts). */
  async events(args: { first: number; after?: string | null; filter?: EventFilterShape }): Promise<EventPageShape> {
    const retentionStart = Date.now() - this.ctx.config.eventRetentionDays * DAY;
    const conditions: FilterQuery<DomainEvent>[] = [eventRowScope(this.viewer), { occurredAt: { $gte: new Date(retentionStart) } }];
    let after: StreamPoint | null = null;
    if (args.after !== undefined && args.after !== null) {
      const cursor = decodeEventCursor(args.after);
      if (cursor.occurredAt < retentionStart) {
        const days = this.ctx.config.eventRetentionDays;
        throw new AppError(ErrorCode.CURSOR_EXPIRED, msg('The cursor is older than the {{days}}-day event retention; events after it may be gone. Start again without `after` and reconcile.', { days }), { retentionDays: days });
      }
      after = isLegacyCursor(cursor) ? await this.pointAfterLegacyCursor(cursor.position) : cursor;
    }
    if (args.filter?.types !== undefined && args.filter.types !== null && args.filter.types.length > 0) conditions.push({ type: { $in: args.filter.types } });
    if (args.filter?.opportunityId !== undefined && args.filter.opportunityId !== null) conditions.push({ opportunity: args.filter.opportunityId });
    if (args.filter?.contractId !== undefined && args.filter.contractId !== null) conditions.push({ contract: args.filter.contractId });
    if (args.filter?.orderId !== undefined && args.filter.orderId !== null) conditions.push({ order: args.filter.orderId });

    const query = this.ctx.em
      .createQueryBuilder(DomainEvent, 'e')
      .select('*')
      .where({ $and: conditions })
      .andWhere(`e.transaction_id < ${OLDEST_RUNNING_TRANSACTION_SQL}`)
      .orderBy({ transactionId: 'asc', position: 'asc' })
      .limit(args.first + 1);
    if (after !== null) query.andWhere('(e.transaction_id, e.position) > (?::xid8, ?::bigint)', [after.transactionId, after.position]);
    const rows = await query.getResultList();
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

  /** Where a cursor of the earlier (position-only) format resumes: before every event after its position. */
  private async pointAfterLegacyCursor(position: string): Promise<StreamPoint> {
    const [row] = await this.ctx.em.execute<{ transaction_id: string }[]>(LEGACY_CURSOR_POINT_SQL, [position]);
    return horizonPoint(row.transaction_id);
  }

  /**
   * Whether a subscription delivers `event` to this viewer, decided at delivery time: the event's record (deal,
   * contract, order, invoice or payment) must be in their row scope now, read afresh, and match the filter. `stages`
   * is a deal's: with it given, only deal events are delivered. Records are read through the request's loaders, so
   * checking a batch of events at once costs a few statements, not a few per event.
   */
  async delivers(event: DomainEvent, filter: DealChangedFilter | undefined | null): Promise<boolean> {
    if (filter?.types && filter.types.length > 0 && !filter.types.includes(event.type)) return false;
    const record = await this.recordOf(event);
    if (record === null) return false;
    if (filter?.stages && filter.stages.length > 0 && (record.stage === null || !filter.stages.includes(record.stage))) return false;
    if (filter?.ownerIds && filter.ownerIds.length > 0 && !filter.ownerIds.includes(record.ownerId)) return false;
    if (filter?.regionIds && filter.regionIds.length > 0) {
      if (record.customerId === null) return false;
      const regionId = await this.ctx.loaders.customers.regionIdByCustomer.load(record.customerId);
      if (regionId === null || !filter.regionIds.includes(regionId)) return false;
    }
    return true;
  }

  /** The events of `events` this viewer's subscription delivers, as copies cut to what they may read, in order. */
  async deliverable(events: readonly DomainEvent[], filter: DealChangedFilter | undefined | null): Promise<DomainEvent[]> {
    const delivered = await Promise.all(events.map((event) => this.delivers(event, filter)));
    return Promise.all(events.filter((_, index) => delivered[index]).map((event) => this.forDelivery(event)));
  }

  /** The record `event` belongs to, read now through the viewer's row scope; null when they may not see it. */
  private async recordOf(event: DomainEvent): Promise<EventRecord | null> {
    const loaders = this.ctx.loaders;
    if (event.opportunity !== null) {
      if (isPartner(this.viewer) && event.aggregateType !== 'Opportunity') return null;
      const deal = await loaders.pipeline.opportunityById.load(event.opportunity.id);
      return deal === null ? null : { ...ownerAndCustomer(deal), stage: deal.stage };
    }
    if (event.commissionStatement !== null) {
      if (!hasScope(this.viewer, ApiScope.READ_PERFORMANCE)) return null;
      const statement = await loaders.commissions.statementById.load(event.commissionStatement.id);
      return statement === null ? null : { ownerId: statement.user.id, customerId: null, stage: null };
    }
    if (event.appraisal !== null) {
      if (!hasScope(this.viewer, ApiScope.READ_PERFORMANCE)) return null;
      const appraisal = await loaders.appraisals.appraisalById.load(event.appraisal.id);
      return appraisal === null ? null : { ownerId: appraisal.user.id, customerId: null, stage: null };
    }
    if (event.expenseClaim !== null) {
      const claim = await loaders.expenses.claimById.load(event.expenseClaim.id);
      return claim === null ? null : { ownerId: claim.claimant.id, customerId: null, stage: null };
    }
    if (event.target !== null) {
      // Target and adjustment events go with the target: a person's target is theirs, a unit's has no one owner.
      const target = await loaders.targets.targetById.load(event.target.id);
      return target === null ? null : { ownerId: target.user?.id ?? '', customerId: null, stage: null };
    }
    if (event.workReport !== null) {
      const report = await loaders.reports.reportById.load(event.workReport.id);
      return report === null ? null : { ownerId: report.author.id, customerId: null, stage: null };
    }
    let found: { owner: User; customer: Customer } | null = null;
    // Contract and approval-step events go with the contract, order and shipment events with the order.
    if (event.contract !== null) found = await loaders.orders.contractById.load(event.contract.id);
    else if (event.order !== null) found = await loaders.orders.orderById.load(event.order.id);
    else if (event.invoice !== null) found = await loaders.orders.invoiceById.load(event.invoice.id);
    else if (event.payment !== null) found = await loaders.orders.paymentById.load(event.payment.id);
    return found === null ? null : { ...ownerAndCustomer(found), stage: null };
  }

  /** Whether `event` asks this viewer to decide: a discount approval or a contract approval step addressed to them. */
  addressedToViewer(event: DomainEvent): boolean {
    return APPROVAL_REQUEST_TYPES.includes(event.type) && event.payload.approverId === this.viewer.userId;
  }

  /** A copy of `event` for one subscriber, its payload cut to what they may read now. */
  async forDelivery(event: DomainEvent): Promise<DomainEvent> {
    const copy = Object.assign(Object.create(DomainEvent.prototype) as DomainEvent, event);
    deliveredPayloads.set(copy, await this.visiblePayload(copy));
    return copy;
  }

  /**
   * The payload minus what the viewer may not read, each key judged by the read rule of the field it mirrors, on the
   * record as it is now (event-redaction.ts): the same rules that guard queries, filters and sorts.
   */
  async visiblePayload(event: DomainEvent): Promise<VisiblePayload> {
    const delivered = deliveredPayloads.get(event);
    if (delivered !== undefined) return delivered;
    const hidden = await hiddenPayloadKeys(this.ctx, event.aggregateType, event.aggregateId, event.payload);
    const payload = { ...event.payload };
    for (const key of hidden) delete payload[key];
    return { payload, hiddenFields: hidden };
  }
}

function ownerAndCustomer(record: { owner: User; customer: Customer }): { ownerId: string; customerId: string } {
  return { ownerId: record.owner.id, customerId: record.customer.id };
}
