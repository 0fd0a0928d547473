import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { flushOrStale } from '../../api/database/optimistic-lock';
import { nextNumber } from '../../api/database/sequences';
import { UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import type { Viewer } from '../../api/permissions/viewer';
import { databaseToday } from '../../api/database/today';
import { checkShipmentForConflict } from '../channels/channel-conflicts.service';
import { Customer } from '../customers/entities/customer.entity';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { User } from '../org/entities/user.entity';
import { OrgUnitKind } from '../org/org.enums';
import { OrderLine } from './entities/order-line.entity';
import type { SalesOrder } from './entities/sales-order.entity';
import { Shipment } from './entities/shipment.entity';
import { ShipmentLine } from './entities/shipment-line.entity';
import { OrderStatus, ShipmentStatus } from './orders.enums';
import { OrdersError, OrdersErrorCode, staleVersion } from './orders.errors';
import type { CreateShipmentInput, ShipmentsArgs } from './orders.inputs';
import { OrderService } from './orders.service';
import { shipmentRowScope } from './orders.policy';
import type { BatchTrace } from './orders.types';
import { msg } from '../../api/i18n';

/** Orders that may ship (more): confirmed, or partly shipped already. */
const SHIPPABLE_STATUSES: readonly OrderStatus[] = [OrderStatus.CONFIRMED, OrderStatus.PARTIALLY_SHIPPED];

const BATCH_NUMBER = /^[A-Za-z0-9._-]{1,40}$/;

/** A batch number as stored: trimmed, 1–40 letters, digits, `-`, `_` or `.`; else BAD_USER_INPUT at `path`. */
export function batchNumberOf(value: string, path: string): string {
  const batch = value.trim();
  if (!BATCH_NUMBER.test(batch)) throw UserInputError.field(path, 'must be 1 to 40 letters, digits, “-”, “_” or “.”');
  return batch;
}

/**
 * Shipments (发货) of confirmed orders with a batch number per line, never more than is left to ship; delivery
 * confirmation; recall tracing by batch number.
 */
export class ShipmentService {
  constructor(private readonly ctx: RequestContext) {}

  private get em() {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  shipmentById(id: string): Promise<Shipment> {
    return findVisibleOrFail(this.em, Shipment, { id }, shipmentRowScope(this.viewer), () => new OrdersError(OrdersErrorCode.SHIPMENT_NOT_FOUND, { id }));
  }

  /** Shipments of the orders the viewer may see, newest first. */
  shipments(args: ShipmentsArgs, options: FindPageOptions = {}): Promise<ConnectionShape<Shipment>> {
    const filter = args.filter;
    const conditions: FilterQuery<Shipment>[] = [shipmentRowScope(this.viewer)];
    if (filter?.orderId !== undefined && filter.orderId !== null) conditions.push({ order: filter.orderId });
    if (filter?.statuses !== undefined && filter.statuses !== null) conditions.push({ status: { $in: filter.statuses } });
    return findPage(this.em, Shipment, { $and: conditions }, args, { createdAt: 'desc', id: 'desc' }, options);
  }

  /**
   * Ships units of an order in one transaction, under the order's row lock so two shipments of the same order are
   * checked one after the other: every line checked (its order line, its batch number, and per order line never more
   * than is left to ship) before anything is written; then the shipped quantities and the order's status move.
   */
  async create(input: CreateShipmentInput): Promise<Shipment> {
    const batches = input.lines.map((line, index) => batchNumberOf(line.batchNumber, `input.lines.${index}.batchNumber`));
    return this.em.transactional(async (em) => {
      // A shipment records goods that have left: it is dated today or earlier, never ahead.
      const today = await databaseToday(em);
      const shippedOn = input.shippedOn ?? today;
      if (shippedOn > today) throw UserInputError.field('input.shippedOn', msg('must be today ({{day}}) or earlier', { day: today }));
      const order = await new OrderService(this.ctx.withEntityManager(em)).lockOrder(em, input.orderId);
      if (!SHIPPABLE_STATUSES.includes(order.status)) throw new OrdersError(OrdersErrorCode.ORDER_STATUS_CONFLICT, { status: order.status });

      const orderLines = await em.find(OrderLine, { order: order.id }, { orderBy: { position: 'asc' } });
      const byId = new Map(orderLines.map((line) => [line.id, line]));
      const shipping = new Map<string, number>();
      const drafts = input.lines.map((line, index) => {
        const path = `input.lines.${index}`;
        const orderLine = byId.get(line.orderLineId);
        if (orderLine === undefined) throw UserInputError.field(`${path}.orderLineId`, 'is not a line of this order');
        const before = shipping.get(orderLine.id) ?? 0;
        const left = orderLine.quantity - orderLine.shippedQuantity - before;
        if (line.quantity > left) {
          throw new OrdersError(OrdersErrorCode.OVER_SHIPMENT, { field: `${path}.quantity`, detail: msg('{{left}} left to ship.', { left: Math.max(0, left) }), remaining: Math.max(0, left) });
        }
        shipping.set(orderLine.id, before + line.quantity);
        return { orderLine, quantity: line.quantity, batchNumber: batches[index] };
      });

      const deliveryAddress = input.deliveryAddress?.trim() || order.deliveryAddress || (await this.customerAddress(em, order));
      if (deliveryAddress === null) throw UserInputError.field('input.deliveryAddress', 'is required: the order names no delivery address');
      const shipment = em.create(Shipment, {
        number: await nextNumber(em, 'shipment_number_seq', 'SH'),
        order,
        shippedOn,
        carrier: input.carrier?.trim() || null,
        trackingNumber: input.trackingNumber?.trim() || null,
        deliveryAddress,
        deliveryRegion: await this.deliveryRegion(em, input.deliveryRegionId, order),
        createdBy: em.getReference(User, this.viewer.userId),
      });
      for (const draft of drafts) {
        em.create(ShipmentLine, { shipment, orderLine: draft.orderLine, product: draft.orderLine.product, quantity: draft.quantity, batchNumber: draft.batchNumber });
        draft.orderLine.shippedQuantity += draft.quantity;
      }
      order.status = orderLines.every((line) => line.shippedQuantity === line.quantity) ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED;
      await flushOrStale(em, staleVersion);

      // Cross-region selling is caught in the shipment's own transaction: no shipment without its check.
      await checkShipmentForConflict(em, shipment);
      await em.flush();
      return shipment;
    });
  }

  private async customerAddress(em: EntityManager, order: SalesOrder): Promise<string | null> {
    const customer = await em.findOneOrFail(Customer, order.customer.id);
    return customer.address;
  }

  private async deliveryRegion(em: EntityManager, regionId: string | null | undefined, order: SalesOrder): Promise<OrgUnit> {
    if (regionId === undefined || regionId === null) return order.deliveryRegion;
    const region = await em.findOne(OrgUnit, { id: regionId, kind: OrgUnitKind.REGION });
    if (region === null) throw UserInputError.field('input.deliveryRegionId', 'is not a region');
    return region;
  }

  /** The customer signed for a shipment: SHIPPED → DELIVERED, once, on a day from the shipping day to today. */
  confirmDelivery(id: string, version: number, deliveredOn: string, receivedBy: string): Promise<Shipment> {
    const signedBy = receivedBy.trim();
    if (signedBy === '') throw UserInputError.field('receivedBy', 'say who signed for the goods');
    if (signedBy.length > 100) throw UserInputError.field('receivedBy', 'must be at most 100 characters');
    return this.em.transactional(async (em) => {
      const shipment = await em.findOne(Shipment, { $and: [{ id }, shipmentRowScope(this.viewer)] }, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
        lockTableAliases: ['s0'],
        refresh: true,
      });
      if (shipment === null) throw new OrdersError(OrdersErrorCode.SHIPMENT_NOT_FOUND, { id });
      if (shipment.status === ShipmentStatus.DELIVERED) throw new OrdersError(OrdersErrorCode.SHIPMENT_ALREADY_DELIVERED, { deliveredOn: shipment.deliveredOn });
      if (shipment.version !== version) throw staleVersion();
      if (deliveredOn < shipment.shippedOn) throw UserInputError.field('deliveredOn', msg('must not be before the shipping day ({{day}})', { day: shipment.shippedOn }));
      const today = await databaseToday(em);
      if (deliveredOn > today) throw UserInputError.field('deliveredOn', msg('must be today ({{day}}) or earlier', { day: today }));
      shipment.status = ShipmentStatus.DELIVERED;
      shipment.deliveredOn = deliveredOn;
      shipment.receivedBy = signedBy;
      await flushOrStale(em, staleVersion);
      return shipment;
    });
  }

  /**
   * Recall tracing: every shipment line of `batchNumber` in the viewer's scope, in shipping order, with the distinct
   * orders and customers they went to (loaded through the request's loaders, so their fields resolve from cache).
   */
  async batchTrace(batchNumber: string): Promise<BatchTrace> {
    const batch = batchNumberOf(batchNumber, 'batchNumber');
    const lines = await this.em.find(
      ShipmentLine,
      { batchNumber: batch, shipment: shipmentRowScope(this.viewer) },
      { populate: ['shipment'], orderBy: [{ shipment: { shippedOn: 'asc', createdAt: 'asc' } }, { id: 'asc' }] },
    );
    // The lines' shipments came with them, in the viewer's scope: their `shipment` fields need not read them again.
    for (const line of lines) this.ctx.loaders.orders.shipmentById.prime(line.shipment.id, line.shipment);
    const orderIds = [...new Set(lines.map((line) => line.shipment.order.id))];
    const orders = (await this.ctx.loaders.orders.orderById.loadMany(orderIds)).filter((order): order is SalesOrder => order !== null && !(order instanceof Error));
    const customerIds = [...new Set(orders.map((order) => order.customer.id))];
    const customers = (await this.ctx.loaders.customers.customerById.loadMany(customerIds)).filter(
      (customer): customer is Customer => customer !== null && !(customer instanceof Error),
    );
    return { batchNumber: batch, totalQuantity: lines.reduce((sum, line) => sum + line.quantity, 0), lines, orders, customers };
  }
}
