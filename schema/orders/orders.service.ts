import { LockMode, type EntityManager, type FilterQuery, type RequiredEntityData } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import type { RequestContext } from '../../api/context';
import { idempotencyKeyOf, idempotent } from '../../api/database/idempotency';
import { databaseToday } from '../../api/database/today';
import { flushOrStale } from '../../api/database/optimistic-lock';
import { nextNumber } from '../../api/database/sequences';
import { UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import { filterOnGuardedField } from '../../api/permissions/field-guard';
import { isPartner, managesUser, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { assertComputedAmount } from '../../api/validation';
import { discountPercentOf, mostSpecificPriceList, PricingService, type PricingRefusals } from '../catalog/pricing.service';
import type { PriceList } from '../catalog/entities/price-list.entity';
import type { Product } from '../catalog/entities/product.entity';
import { Distributor } from '../channels/distributor.entity';
import { changeExposure, lockCustomerCredit, withinCredit, type CustomerCredit } from '../customers/customer-credit';
import { customerRowScope } from '../customers/customers.policy';
import { Customer } from '../customers/entities/customer.entity';
import { ApprovalLimit } from '../org/entities/approval-limit.entity';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { User } from '../org/entities/user.entity';
import { OrgUnitKind, Role } from '../org/org.enums';
import { Contract } from './entities/contract.entity';
import { ContractLine } from './entities/contract-line.entity';
import { OrderLine } from './entities/order-line.entity';
import { SalesOrder } from './entities/sales-order.entity';
import { ORDERABLE_CONTRACT_STATUSES, OrderStatus } from './orders.enums';
import { OrdersError, OrdersErrorCode, staleVersion } from './orders.errors';
import { OrderOrder, type OrdersArgs, type PlaceOrderInput } from './orders.inputs';
import { contractRowScope, orderRowScope } from './orders.policy';
import { msg } from '../../api/i18n';

const ORDER_SORTS: Record<OrderOrder, Record<string, 'asc' | 'desc'>> = {
  [OrderOrder.CREATED_AT_DESC]: { createdAt: 'desc', id: 'desc' },
  [OrderOrder.TOTAL_DESC]: { total: 'desc', id: 'desc' },
};

const ORDER_PRICING_REFUSALS: PricingRefusals = {
  noPrice: (path, productId) => new OrdersError(OrdersErrorCode.NO_PRICE, { field: `${path}.productId`, productId }),
  belowFloor: (path) => new OrdersError(OrdersErrorCode.PRICE_BELOW_FLOOR, { field: `${path}.discountPercent` }),
};

/**
 * Whether the viewer works this customer's business and so may order for it: the owner, the owner's management
 * chain, the key account manager, the VP and admins.
 */
export function worksCustomer(viewer: Viewer, customer: Customer): boolean {
  if (seesWholeCompany(viewer)) return true;
  const ownerId = customer.owner.id;
  return ownerId === viewer.userId || managesUser(viewer, ownerId) || customer.keyAccountManager?.id === viewer.userId;
}

/** Who may cancel an order: its owner, the owner's management chain, admins, and the partner whose distributor placed it. */
export function mayCancelOrder(viewer: Viewer, order: SalesOrder): boolean {
  if (isPartner(viewer)) return viewer.distributorId !== null && order.distributor?.id === viewer.distributorId;
  if (viewer.role === Role.ADMIN) return true;
  return order.owner.id === viewer.userId || managesUser(viewer, order.owner.id);
}

/** A line of a direct order, its discount read. */
interface ProductLineRequest {
  productId: string;
  quantity: number;
  discountPercent: Decimal;
  path: string;
}

interface ContractLineRequest {
  contractLineId: string;
  quantity: number;
  path: string;
}

/** The input's lines, their shape checked: all product lines (a direct order) or all contract lines. */
type RequestedLines = { againstContract: false; lines: ProductLineRequest[] } | { againstContract: true; lines: ContractLineRequest[] };

/** A line ready to write. */
interface OrderLineDraft {
  product: Product;
  contractLine: ContractLine | null;
  quantity: number;
  listPrice: Decimal;
  discountPercent: Decimal;
  unitPrice: Decimal;
}

const lineTotal = (line: Pick<OrderLineDraft, 'unitPrice' | 'quantity'>): Decimal => line.unitPrice.times(line.quantity);

/**
 * Orders (订单): placed directly at price-list prices within the placer's authority or against a signed contract at
 * its prices, by sales staff for the customers they work and by partners for their distributor's customers in its
 * regions; credit-checked under the customer's lock, held for finance when over the limit, cancelled with the
 * exposure given back.
 */
export class OrderService {
  constructor(private readonly ctx: RequestContext) {}

  private get em() {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  orderById(id: string, em: EntityManager = this.em): Promise<SalesOrder> {
    return findVisibleOrFail(em, SalesOrder, { id }, orderRowScope(this.viewer), () => new OrdersError(OrdersErrorCode.ORDER_NOT_FOUND, { id }));
  }

  /** Orders the viewer may see, filtered, newest or largest first. */
  orders(args: OrdersArgs, options: FindPageOptions = {}): Promise<ConnectionShape<SalesOrder>> {
    const filter = args.filter;
    const conditions: FilterQuery<SalesOrder>[] = [orderRowScope(this.viewer)];
    if (filter?.statuses !== undefined && filter.statuses !== null) conditions.push({ status: { $in: filter.statuses } });
    if (filter?.customerId !== undefined && filter.customerId !== null) conditions.push({ customer: filter.customerId });
    if (filter?.contractId !== undefined && filter.contractId !== null) conditions.push({ contract: filter.contractId });
    if (filter?.ownerIds !== undefined && filter.ownerIds !== null) conditions.push({ owner: { $in: filter.ownerIds } });
    if (filter?.distributorId !== undefined && filter.distributorId !== null) conditions.push({ distributor: filter.distributorId });
    if (filter?.createdFrom !== undefined && filter.createdFrom !== null) conditions.push({ createdAt: { $gte: filter.createdFrom } });
    if (filter?.createdTo !== undefined && filter.createdTo !== null) conditions.push({ createdAt: { $lt: filter.createdTo } });
    // Sorting by a guarded value is filtering by it: orders whose total is hidden drop out.
    if (args.orderBy === OrderOrder.TOTAL_DESC) conditions.push(filterOnGuardedField(this.viewer, SalesOrder, 'total', {}));
    return findPage(this.em, SalesOrder, { $and: conditions }, args, ORDER_SORTS[args.orderBy] as never, options);
  }

  /**
   * The visible order `id`, row-locked for the rest of the transaction (only the order row: the scope's joins stay
   * unlocked, so the customer is locked later, in the same order as everywhere else).
   */
  async lockOrder(em: EntityManager, id: string): Promise<SalesOrder> {
    const order = await em.findOne(SalesOrder, { $and: [{ id }, orderRowScope(this.viewer)] }, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      lockTableAliases: ['s0'],
      refresh: true,
    });
    if (order === null) throw new OrdersError(OrdersErrorCode.ORDER_NOT_FOUND, { id });
    return order;
  }

  /**
   * Places an order in one transaction: the customer (and the contract, locked) checked, every line priced and
   * checked before anything is written, then the credit check under the customer's lock: within the limit the
   * order is CONFIRMED and adds to the exposure, beyond it the order waits on CREDIT_HOLD for finance. With an
   * idempotency key, a retry of the same request returns the first order and the key with another request is a
   * CONFLICT (`idempotent`).
   */
  async place(input: PlaceOrderInput): Promise<SalesOrder> {
    const key = idempotencyKeyOf(input.idempotencyKey, 'input.idempotencyKey');
    const lines = this.requestedLines(input);
    return idempotent(this.em, {
      operation: 'placeOrder',
      userId: this.viewer.userId,
      key,
      input,
      keyField: 'idempotencyKey',
      path: 'input.idempotencyKey',
      write: (em) => this.placeIn(em, input, lines, key),
      replay: (_em, id) => this.orderById(id),
    });
  }

  /** The lines' shape: product lines without a contract, contract lines with one, never a mix; partners order without contracts. */
  private requestedLines(input: PlaceOrderInput): RequestedLines {
    const againstContract = input.contractId !== undefined && input.contractId !== null;
    if (againstContract && isPartner(this.viewer)) throw UserInputError.field('input.contractId', 'partners order without a contract');
    const checked = input.lines.map((line, index) => {
      const path = `input.lines.${index}`;
      const discountPercent = discountPercentOf(line.discountPercent, `${path}.discountPercent`);
      const productId = line.productId ?? null;
      const contractLineId = line.contractLineId ?? null;
      if (againstContract) {
        if (productId !== null) throw UserInputError.field(`${path}.productId`, 'an order against a contract names contract lines (contractLineId), not products');
        if (contractLineId === null) throw UserInputError.field(`${path}.contractLineId`, 'is required for an order against a contract');
        if (!discountPercent.isZero()) throw UserInputError.field(`${path}.discountPercent`, 'a contract line keeps the contract’s discount');
      } else {
        if (contractLineId !== null) throw UserInputError.field(`${path}.contractLineId`, 'contract lines are ordered with input.contractId');
        if (productId === null) throw UserInputError.field(`${path}.productId`, 'is required for an order without a contract');
      }
      return { productId: productId ?? '', contractLineId: contractLineId ?? '', quantity: line.quantity, discountPercent, path };
    });
    if (againstContract) return { againstContract, lines: checked.map(({ contractLineId, quantity, path }) => ({ contractLineId, quantity, path })) };
    return { againstContract, lines: checked.map(({ productId, quantity, discountPercent, path }) => ({ productId, quantity, discountPercent, path })) };
  }

  private async placeIn(em: EntityManager, input: PlaceOrderInput, requested: RequestedLines, key: string | null): Promise<SalesOrder> {
    const viewer = this.viewer;
    const day = await databaseToday(em);
    const requestedDeliveryDate = input.requestedDeliveryDate ?? null;
    if (requestedDeliveryDate !== null && requestedDeliveryDate < day) {
      throw UserInputError.field('input.requestedDeliveryDate', msg('must be today ({{day}}) or later', { day }));
    }
    const customer = await this.orderableCustomer(em, input.customerId);
    const deliveryRegion = await this.deliveryRegion(em, input.deliveryRegionId, customer);
    const contract = requested.againstContract ? await this.orderableContract(em, input.contractId!, customer) : null;

    let lines: OrderLineDraft[];
    let priceList: PriceList | null = null;
    if (requested.againstContract) {
      lines = await this.contractLines(em, contract!, requested.lines);
    } else {
      const priced = await new PricingService(this.ctx.withEntityManager(em)).price(customer, requested.lines, day, ORDER_PRICING_REFUSALS);
      lines = priced.map((line) => ({ ...line, contractLine: null }));
      priceList = mostSpecificPriceList(priced);
    }
    const total = lines.reduce((sum, line) => sum.plus(lineTotal(line)), new Decimal(0));
    assertComputedAmount(total, 'input.lines', 'the order’s total');
    if (!requested.againstContract) await this.assertWithinAuthority(em, lines, requested.lines, total);

    // Held until commit: concurrent orders of this customer are credit-checked one after the other.
    const credit = await lockCustomerCredit(em, customer.id);
    const decision = this.creditDecision(credit, total);

    const order = em.create(SalesOrder, {
      number: await nextNumber(em, 'order_number_seq', 'SO'),
      customer,
      owner: customer.owner,
      contract,
      distributor: isPartner(viewer) ? em.getReference(Distributor, viewer.distributorId!) : null,
      priceList,
      placedBy: em.getReference(User, viewer.userId),
      currency: contract?.currency ?? priceList?.currency ?? 'CNY',
      total: total.toFixed(2),
      requestedDeliveryDate,
      deliveryAddress: input.deliveryAddress?.trim() || customer.address,
      deliveryRegion,
      idempotencyKey: key,
      ...decision,
    });
    lines.forEach((line, index) => {
      const data: RequiredEntityData<OrderLine> = {
        order,
        position: index + 1,
        product: line.product,
        contractLine: line.contractLine,
        quantity: line.quantity,
        listPrice: line.listPrice.toFixed(2),
        discountPercent: line.discountPercent.toFixed(2),
        unitPrice: line.unitPrice.toFixed(2),
        lineTotal: lineTotal(line).toFixed(2),
        unitCost: line.product.unitCost,
      };
      em.create(OrderLine, data);
    });
    await em.flush();
    return order;
  }

  /**
   * Within the limit: CONFIRMED, and the total joins the exposure. Beyond it: CREDIT_HOLD with the figures of the
   * check, and the exposure stays until finance releases the order.
   */
  private creditDecision(credit: CustomerCredit, total: Decimal): Pick<SalesOrder, 'status' | 'creditHoldReason'> {
    if (withinCredit(credit, total)) {
      changeExposure(credit, total);
      return { status: OrderStatus.CONFIRMED, creditHoldReason: null };
    }
    return {
      status: OrderStatus.CREDIT_HOLD,
      creditHoldReason:
        `Exposure ${credit.exposure.toFixed(2)} + order ${total.toFixed(2)} = ${credit.exposure.plus(total).toFixed(2)} ` +
        `exceeds the credit limit ${credit.creditLimit.toFixed(2)}.`,
    };
  }

  /**
   * The customer an order is for. Partners: their distributor's customers in its regions, else
   * CUSTOMER_OUTSIDE_PARTNER_REGION. Everyone else: a customer in their row scope (NOT_FOUND otherwise) whose
   * business they work (FORBIDDEN otherwise).
   */
  private async orderableCustomer(em: EntityManager, customerId: string): Promise<Customer> {
    const viewer = this.viewer;
    const customer = await em.findOne(Customer, { $and: [{ id: customerId }, customerRowScope(viewer)] });
    if (isPartner(viewer)) {
      if (customer === null) throw new OrdersError(OrdersErrorCode.CUSTOMER_OUTSIDE_PARTNER_REGION, { field: 'input.customerId' });
      return customer;
    }
    if (customer === null) throw new OrdersError(OrdersErrorCode.CUSTOMER_NOT_FOUND, { field: 'input.customerId', id: customerId });
    if (!worksCustomer(viewer, customer)) throw new OrdersError(OrdersErrorCode.NOT_YOUR_CUSTOMER, { field: 'input.customerId' });
    return customer;
  }

  private async deliveryRegion(em: EntityManager, regionId: string | null | undefined, customer: Customer): Promise<OrgUnit> {
    if (regionId === undefined || regionId === null) return em.getReference(OrgUnit, customer.region.id);
    const region = await em.findOne(OrgUnit, { id: regionId, kind: OrgUnitKind.REGION });
    if (region === null) throw UserInputError.field('input.deliveryRegionId', 'is not a region');
    return region;
  }

  /** The contract, visible to the viewer, of this customer, signed or active; row-locked so its quantities are checked one order at a time. */
  private async orderableContract(em: EntityManager, contractId: string, customer: Customer): Promise<Contract> {
    const contract = await em.findOne(Contract, { $and: [{ id: contractId }, contractRowScope(this.viewer)] }, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      lockTableAliases: ['c0'],
    });
    if (contract === null) throw new OrdersError(OrdersErrorCode.CONTRACT_NOT_FOUND, { field: 'input.contractId', id: contractId });
    if (contract.customer.id !== customer.id) throw UserInputError.field('input.contractId', 'is a contract of another customer');
    if (!ORDERABLE_CONTRACT_STATUSES.includes(contract.status)) {
      throw new OrdersError(OrdersErrorCode.CONTRACT_NOT_ORDERABLE, { field: 'input.contractId', status: contract.status });
    }
    return contract;
  }

  /**
   * Lines at the contract's prices. What all non-cancelled orders (this one included) draw on a contract line may
   * not exceed its quantity; the contract's lock keeps two orders from both taking the last units.
   */
  private async contractLines(em: EntityManager, contract: Contract, requested: ContractLineRequest[]): Promise<OrderLineDraft[]> {
    const contractLines = await em.find(ContractLine, { contract: contract.id }, { populate: ['product'] });
    const byId = new Map(contractLines.map((line) => [line.id, line]));
    const rows = await em.execute<{ contract_line_id: string; ordered: string }[]>(
      `select ol.contract_line_id, sum(ol.quantity)::text as ordered
         from order_line ol join sales_order o on o.id = ol.order_id
        where ol.contract_line_id in (select id from contract_line where contract_id = ?) and o.status <> ?
        group by ol.contract_line_id`,
      [contract.id, OrderStatus.CANCELLED],
    );
    const ordered = new Map(rows.map((row) => [row.contract_line_id, Number(row.ordered)]));
    return requested.map(({ contractLineId, quantity, path }) => {
      const contractLine = byId.get(contractLineId);
      if (contractLine === undefined) throw UserInputError.field(`${path}.contractLineId`, 'is not a line of this contract');
      const already = ordered.get(contractLine.id) ?? 0;
      if (already + quantity > contractLine.quantity) {
        throw new OrdersError(OrdersErrorCode.CONTRACT_QUANTITY_EXCEEDED, {
          field: `${path}.quantity`,
          detail: msg('{{left}} of {{quantity}} left.', { left: Math.max(0, contractLine.quantity - already), quantity: contractLine.quantity }),
          remaining: Math.max(0, contractLine.quantity - already),
        });
      }
      ordered.set(contractLine.id, already + quantity);
      return {
        product: contractLine.product,
        contractLine,
        quantity,
        listPrice: new Decimal(contractLine.listPrice),
        discountPercent: new Decimal(contractLine.discountPercent),
        unitPrice: new Decimal(contractLine.unitPrice),
      };
    });
  }

  /**
   * A direct order stays within the placer's authority (approval limits): no discount beyond the role's, no total
   * beyond what the role may sign. Partners grant no discounts; their orders have no amount limit (the credit check
   * holds them). A role without limits has no authority.
   */
  private async assertWithinAuthority(em: EntityManager, lines: OrderLineDraft[], requested: ProductLineRequest[], total: Decimal): Promise<void> {
    const viewer = this.viewer;
    const limit = isPartner(viewer) ? null : await em.findOne(ApprovalLimit, { role: viewer.role });
    const maxDiscount = new Decimal(limit?.maxDiscountPercent ?? 0);
    lines.forEach((line, index) => {
      if (line.discountPercent.greaterThan(maxDiscount)) {
        throw new OrdersError(OrdersErrorCode.DISCOUNT_BEYOND_AUTHORITY, { field: `${requested[index].path}.discountPercent` });
      }
    });
    if (isPartner(viewer)) return;
    if (total.greaterThan(limit?.maxContractAmount ?? 0)) throw new OrdersError(OrdersErrorCode.DIRECT_ORDER_ABOVE_LIMIT, { field: 'input.lines' });
  }

  /** Finance releases a held order: CONFIRMED, and its total joins the customer's exposure. */
  releaseCreditHold(id: string, version: number, comment: string | undefined): Promise<SalesOrder> {
    return this.decideCredit(id, version, OrderStatus.CONFIRMED, comment?.trim() || null);
  }

  /** Finance refuses a held order: CANCELLED, the exposure untouched. */
  rejectCreditHold(id: string, version: number, comment: string): Promise<SalesOrder> {
    const reason = comment.trim();
    if (reason === '') throw UserInputError.field('comment', 'say why the order is refused');
    return this.decideCredit(id, version, OrderStatus.CANCELLED, reason);
  }

  private decideCredit(id: string, version: number, decision: OrderStatus.CONFIRMED | OrderStatus.CANCELLED, comment: string | null): Promise<SalesOrder> {
    return this.em.transactional(async (em) => {
      const order = await this.lockOrder(em, id);
      if (order.status !== OrderStatus.CREDIT_HOLD) throw new OrdersError(OrdersErrorCode.ORDER_STATUS_CONFLICT, { status: order.status });
      if (order.version !== version) throw staleVersion();
      const now = new Date();
      if (decision === OrderStatus.CONFIRMED) {
        changeExposure(await lockCustomerCredit(em, order.customer.id), order.total);
      } else {
        order.cancelledAt = now;
        order.cancelReason = comment;
      }
      order.status = decision;
      order.creditDecidedBy = em.getReference(User, this.viewer.userId);
      order.creditDecidedAt = now;
      order.creditComment = comment;
      await flushOrStale(em, staleVersion);
      return order;
    });
  }

  /**
   * Cancels an order nothing of which has shipped (CREDIT_HOLD or CONFIRMED); a confirmed order gives its total back
   * to the customer's exposure. Its contract quantities are free again.
   */
  cancel(id: string, version: number, reason: string): Promise<SalesOrder> {
    const why = reason.trim();
    if (why === '') throw UserInputError.field('reason', 'say why the order is cancelled');
    return this.em.transactional(async (em) => {
      const order = await this.lockOrder(em, id);
      if (!mayCancelOrder(this.viewer, order)) throw new OrdersError(OrdersErrorCode.NOT_ORDER_OWNER);
      if (order.status !== OrderStatus.CREDIT_HOLD && order.status !== OrderStatus.CONFIRMED) {
        throw new OrdersError(OrdersErrorCode.ORDER_STATUS_CONFLICT, { status: order.status });
      }
      if (order.version !== version) throw staleVersion();
      if (order.status === OrderStatus.CONFIRMED) {
        changeExposure(await lockCustomerCredit(em, order.customer.id), new Decimal(order.total).negated());
      }
      order.status = OrderStatus.CANCELLED;
      order.cancelledAt = new Date();
      order.cancelReason = why;
      await flushOrStale(em, staleVersion);
      return order;
    });
  }
}
