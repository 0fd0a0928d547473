import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../api/context';
import { UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import type { Viewer } from '../../api/permissions/viewer';
import { Customer } from '../customers/entities/customer.entity';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { SalesOrder } from '../orders/entities/sales-order.entity';
import type { Shipment } from '../orders/entities/shipment.entity';
import { ShipmentLine } from '../orders/entities/shipment-line.entity';
import { ChannelConflictKind, ChannelConflictStatus } from './channels.enums';
import { ChannelError, ChannelErrorCode, staleVersion } from './channels.errors';
import { MAX_RESOLUTION_LENGTH, type ChannelConflictsArgs } from './channels.inputs';
import { channelConflictRowScope } from './channels.policy';
import { Distributor } from './distributor.entity';
import { ChannelConflict } from './entities/channel-conflict.entity';
import { msg } from '../../api/i18n';

/** A region as evidence names it. */
export interface RegionRef {
  id: string;
  name: string;
}

/** A conflict about to be recorded. `sourceKey` names the record it was detected from. */
export interface ConflictDraft {
  kind: ChannelConflictKind;
  distributorId: string;
  homeRegionId: string;
  foundRegionId: string;
  batchNumber: string | null;
  evidence: Record<string, unknown>;
  sourceKey: string;
}

/** A distributor's exclusive regions, by name (the first is its home region where one is needed), in one statement. */
export async function distributorRegions(em: EntityManager, distributorId: string): Promise<RegionRef[]> {
  return em.execute<RegionRef[]>(
    `select u.id, u.name
       from "_distributor_regions" dr
       join org_unit u on u.id = dr."B"
      where dr."A" = ?
      order by u.name, u.id`,
    [distributorId],
  );
}

/**
 * Records conflicts in one statement. A source already recorded is left as it is (`on conflict do nothing`): the
 * same evidence, checked again or by two writers at once, raises one conflict. Returns the ids of the new ones.
 */
export async function recordConflicts(em: EntityManager, drafts: readonly ConflictDraft[]): Promise<string[]> {
  if (drafts.length === 0) return [];
  const rows = drafts.map(() => '(?, ?::channel_conflict_kind, ?, ?, ?, ?, ?::jsonb, ?)').join(', ');
  const params = drafts.flatMap((draft) => [
    randomUUID(),
    draft.kind,
    draft.distributorId,
    draft.homeRegionId,
    draft.foundRegionId,
    draft.batchNumber,
    JSON.stringify(draft.evidence),
    draft.sourceKey,
  ]);
  const inserted = await em.execute<{ id: string }[]>(
    `insert into channel_conflict (id, kind, distributor_id, home_region_id, found_region_id, batch_number, evidence, source_key)
     values ${rows}
     on conflict (source_key) do nothing
     returning id`,
    params,
  );
  return inserted.map((row) => row.id);
}

/**
 * Checks a shipment of a distributor's order against the distributor's regions, and records a
 * SHIPMENT_OUTSIDE_REGION conflict when it was delivered outside them. The shipment service calls it inside its
 * transaction, after the shipment and its lines are written, so the conflict commits or rolls back with them.
 *
 * Home region: the order's customer's region (one of the distributor's); found region: the delivery region;
 * batch: the first batch number (all of them are in the evidence). Checking the same shipment again records
 * nothing more (`sourceKey` is `shipment:<id>`).
 *
 * @returns the conflict this call recorded, or null when it recorded none: not a distributor's order, delivered
 *   inside the distributor's regions, or recorded before.
 */
export async function checkShipmentForConflict(em: EntityManager, shipment: Shipment): Promise<ChannelConflict | null> {
  const order = await em.findOneOrFail(SalesOrder, shipment.order.id);
  if (order.distributor === null) return null;
  const distributorId = order.distributor.id;
  const regions = await distributorRegions(em, distributorId);
  const deliveryRegionId = shipment.deliveryRegion.id;
  if (regions.some((region) => region.id === deliveryRegionId)) return null;

  // One after the other: they share the caller's transaction, and so its one connection.
  const customer = await em.findOneOrFail(Customer, order.customer.id);
  const deliveryRegion = await em.findOneOrFail(OrgUnit, deliveryRegionId);
  const distributor = await em.findOneOrFail(Distributor, distributorId);
  const lines = await em.find(ShipmentLine, { shipment: shipment.id }, { populate: ['product'], orderBy: [{ batchNumber: 'asc' }, { id: 'asc' }] });
  // The customer is in one of the distributor's regions (partners order only there); the guard keeps the conflict
  // addressed to the distributor's own region should master data have moved since.
  const customerRegionId = customer.region.id;
  const homeRegionId = regions.some((region) => region.id === customerRegionId) ? customerRegionId : (regions[0]?.id ?? customerRegionId);
  const batches = lines.map((line) => ({
    batchNumber: line.batchNumber,
    quantity: line.quantity,
    productId: line.product.id,
    sku: line.product.sku,
  }));

  const [id] = await recordConflicts(em, [
    {
      kind: ChannelConflictKind.SHIPMENT_OUTSIDE_REGION,
      distributorId,
      homeRegionId,
      foundRegionId: deliveryRegionId,
      batchNumber: batches[0]?.batchNumber ?? null,
      sourceKey: `shipment:${shipment.id}`,
      evidence: {
        shipment: { id: shipment.id, number: shipment.number, shippedOn: shipment.shippedOn, deliveryAddress: shipment.deliveryAddress },
        order: { id: order.id, number: order.number },
        customer: { id: customer.id, name: customer.name, regionId: customerRegionId },
        distributor: { id: distributor.id, code: distributor.code, name: distributor.name },
        deliveryAddress: shipment.deliveryAddress,
        deliveryRegion: { id: deliveryRegion.id, name: deliveryRegion.name },
        distributorRegions: regions,
        batches,
        shippedOn: shipment.shippedOn,
      },
    },
  ]);
  return id === undefined ? null : em.findOneOrFail(ChannelConflict, id);
}

/**
 * Channel conflicts (窜货) as the regional directors of the regions involved, the VP and admins see them, and their
 * resolution: confirmed or dismissed once, with a note.
 */
export class ChannelConflictService {
  constructor(private readonly ctx: RequestContext) {}

  private get em() {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  conflictById(id: string, em: EntityManager = this.em): Promise<ChannelConflict> {
    return findVisibleOrFail(em, ChannelConflict, { id }, channelConflictRowScope(this.viewer), () => new ChannelError(ChannelErrorCode.CONFLICT_NOT_FOUND, { id }));
  }

  /** Conflicts the viewer may see, newest first. */
  conflicts(args: ChannelConflictsArgs, options: FindPageOptions = {}): Promise<ConnectionShape<ChannelConflict>> {
    const filter = args.filter;
    const conditions: FilterQuery<ChannelConflict>[] = [channelConflictRowScope(this.viewer)];
    if (filter?.statuses !== undefined && filter.statuses !== null) conditions.push({ status: { $in: filter.statuses } });
    if (filter?.kinds !== undefined && filter.kinds !== null) conditions.push({ kind: { $in: filter.kinds } });
    if (filter?.distributorId !== undefined && filter.distributorId !== null) conditions.push({ distributor: filter.distributorId });
    if (filter?.regionId !== undefined && filter.regionId !== null) {
      conditions.push({ $or: [{ homeRegion: filter.regionId }, { foundRegion: filter.regionId }] });
    }
    return findPage(this.em, ChannelConflict, { $and: conditions }, args, { detectedAt: 'desc', id: 'desc' }, options);
  }

  /**
   * Confirms or dismisses an open conflict the viewer sees, once. Two resolutions racing both pass the checks on
   * what they read; the conditional update lets one through and the other gets CONFLICT_ALREADY_RESOLVED.
   */
  async resolve(id: string, version: number, status: ChannelConflictStatus, resolution: string): Promise<ChannelConflict> {
    if (status === ChannelConflictStatus.OPEN) throw UserInputError.field('status', 'must be CONFIRMED or DISMISSED');
    const note = resolution.trim();
    if (note === '') throw UserInputError.field('resolution', 'say what was found');
    if (note.length > MAX_RESOLUTION_LENGTH) throw UserInputError.field('resolution', msg('must be at most {{max}} characters', { max: MAX_RESOLUTION_LENGTH }));
    return this.em.transactional(async (em) => {
      const conflict = await this.conflictById(id, em);
      if (conflict.status !== ChannelConflictStatus.OPEN) throw new ChannelError(ChannelErrorCode.CONFLICT_ALREADY_RESOLVED, { status: conflict.status });
      if (conflict.version !== version) throw staleVersion();
      const now = new Date();
      const resolved = await em.nativeUpdate(
        ChannelConflict,
        { id, status: ChannelConflictStatus.OPEN, version },
        { status, resolution: note, resolvedBy: this.viewer.userId, resolvedAt: now, version: version + 1, updatedAt: now },
      );
      if (resolved !== 1) throw new ChannelError(ChannelErrorCode.CONFLICT_ALREADY_RESOLVED);
      // The conditional update went around the identity map: read back what was stored.
      return (await em.refresh(conflict)) ?? conflict;
    });
  }
}
