import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import type { RequestContext } from '../../api/context';
import { idempotencyKeyOf, idempotent } from '../../api/database/idempotency';
import { databaseToday } from '../../api/database/today';
import { flushOrStale } from '../../api/database/optimistic-lock';
import { nextNumber } from '../../api/database/sequences';
import { UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import type { Viewer } from '../../api/permissions/viewer';
import { changeExposure, lockCustomerCredit, type CustomerCredit } from '../customers/customer-credit';
import { customerRowScope } from '../customers/customers.policy';
import { Customer } from '../customers/entities/customer.entity';
import { User } from '../org/entities/user.entity';
import { InvoiceOrder, MAX_ALLOCATIONS, type AllocationInput, type CreateInvoiceInput, type InvoicesArgs, type PaymentsArgs, type RecordPaymentInput } from './billing.inputs';
import { Contract } from './entities/contract.entity';
import { Invoice } from './entities/invoice.entity';
import { InvoiceLine } from './entities/invoice-line.entity';
import { OrderLine } from './entities/order-line.entity';
import { Payment } from './entities/payment.entity';
import { PaymentAllocation } from './entities/payment-allocation.entity';
import { SalesOrder } from './entities/sales-order.entity';
import { InvoiceStatus, OrderStatus, PaymentStatus } from './orders.enums';
import { OrdersError, OrdersErrorCode, staleVersion } from './orders.errors';
import { invoiceRowScope, orderRowScope, paymentRowScope } from './orders.policy';
import { msg } from '../../api/i18n';

/** Payment terms of an order placed without a contract (账期), in days after the invoice date. */
export const DEFAULT_PAYMENT_TERMS_DAYS = 30;

/** numeric(14, 2): twelve digits before the point. */
const MAX_MONEY = new Decimal('1e12');

const INVOICE_ORDERS: Record<InvoiceOrder, Record<string, 'asc' | 'desc'>> = {
  [InvoiceOrder.ISSUE_DATE_DESC]: { issueDate: 'desc', id: 'desc' },
  [InvoiceOrder.DUE_DATE_ASC]: { dueDate: 'asc', id: 'asc' },
};

/** `day` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A money amount from the client: more than 0, cents at most, within the column. */
function moneyOf(value: string, path: string): Decimal {
  const amount = new Decimal(value);
  if (!amount.greaterThan(0)) throw UserInputError.field(path, 'must be more than 0');
  if (amount.decimalPlaces() > 2) throw UserInputError.field(path, 'must have at most two decimals');
  if (amount.greaterThanOrEqualTo(MAX_MONEY)) throw UserInputError.field(path, 'is too large');
  return amount;
}

interface RequestedAllocation {
  invoiceId: string;
  amount: Decimal;
  /** The input path of this allocation, e.g. `input.allocations.2`. */
  path: string;
}

function requestedAllocations(inputs: readonly AllocationInput[], path: string): RequestedAllocation[] {
  if (inputs.length > MAX_ALLOCATIONS) throw UserInputError.field(path, msg('at most {{max}} allocations at a time', { max: MAX_ALLOCATIONS }));
  return inputs.map((input, index) => ({
    invoiceId: input.invoiceId,
    amount: moneyOf(input.amount, `${path}.${index}.amount`),
    path: `${path}.${index}`,
  }));
}

function invoiceStatusOf(invoice: Invoice): InvoiceStatus {
  const paid = new Decimal(invoice.paidAmount);
  if (paid.isZero()) return InvoiceStatus.OPEN;
  return paid.equals(invoice.amount) ? InvoiceStatus.PAID : InvoiceStatus.PARTIALLY_PAID;
}

function paymentStatusOf(payment: Payment): PaymentStatus {
  const allocated = new Decimal(payment.allocatedAmount);
  if (allocated.isZero()) return PaymentStatus.UNALLOCATED;
  return allocated.equals(payment.amount) ? PaymentStatus.ALLOCATED : PaymentStatus.PARTIALLY_ALLOCATED;
}

/**
 * The customer's average payment delay (账期逾期天数): days each allocated amount was received after its invoice's
 * due date (0 when on time), weighted by the amount, over the allocations of the last 12 months, rounded to whole
 * days. Derived data, so it does not bump the customer's version.
 */
const PAYMENT_DELAY_SQL = `
  update customer c
     set payment_delay_days = coalesce((
           select round(sum(a.amount * greatest(p.received_on - i.due_date, 0)) / sum(a.amount))
             from payment p
             join payment_allocation a on a.payment_id = p.id
             join invoice i on i.id = a.invoice_id
            where p.customer_id = c.id and a.allocated_at >= now() - interval '12 months'), 0)
   where c.id = ?`;

/**
 * Invoices (发票) from shipped quantities, payments (回款) and their allocation to invoices (核销). Every write runs
 * in one transaction holding the rows it checks: the order for an invoice; the customer, the payment and the
 * invoices (in id order) for an allocation, so two allocations racing for one invoice are checked one after the other.
 */
export class BillingService {
  constructor(private readonly ctx: RequestContext) {}

  private get em() {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  // ── reads ────────────────────────────────────────────────────────────────────────────────────────────────

  invoiceById(id: string): Promise<Invoice> {
    return findVisibleOrFail(this.em, Invoice, { id }, invoiceRowScope(this.viewer), () => new OrdersError(OrdersErrorCode.INVOICE_NOT_FOUND, { id }));
  }

  paymentById(id: string): Promise<Payment> {
    return findVisibleOrFail(this.em, Payment, { id }, paymentRowScope(this.viewer), () => new OrdersError(OrdersErrorCode.PAYMENT_NOT_FOUND, { id }));
  }

  async invoices(args: InvoicesArgs, options: FindPageOptions = {}): Promise<ConnectionShape<Invoice>> {
    const filter = args.filter;
    const conditions: FilterQuery<Invoice>[] = [invoiceRowScope(this.viewer)];
    if (filter?.customerId !== undefined && filter.customerId !== null) conditions.push({ customer: filter.customerId });
    if (filter?.orderId !== undefined && filter.orderId !== null) conditions.push({ order: filter.orderId });
    if (filter?.statuses !== undefined && filter.statuses !== null) conditions.push({ status: { $in: filter.statuses } });
    if (filter?.ownerIds !== undefined && filter.ownerIds !== null) conditions.push({ owner: { $in: filter.ownerIds } });
    if (filter?.issueDateFrom !== undefined && filter.issueDateFrom !== null) conditions.push({ issueDate: { $gte: filter.issueDateFrom } });
    if (filter?.issueDateTo !== undefined && filter.issueDateTo !== null) conditions.push({ issueDate: { $lte: filter.issueDateTo } });
    if (filter?.overdue !== undefined && filter.overdue !== null) {
      const today = await databaseToday(this.em);
      conditions.push(
        filter.overdue
          ? { status: { $ne: InvoiceStatus.PAID }, dueDate: { $lt: today } }
          : { $or: [{ status: InvoiceStatus.PAID }, { dueDate: { $gte: today } }] },
      );
    }
    return findPage(this.em, Invoice, { $and: conditions }, args, INVOICE_ORDERS[args.orderBy] as never, options);
  }

  payments(args: PaymentsArgs, options: FindPageOptions = {}): Promise<ConnectionShape<Payment>> {
    const filter = args.filter;
    const conditions: FilterQuery<Payment>[] = [paymentRowScope(this.viewer)];
    if (filter?.customerId !== undefined && filter.customerId !== null) conditions.push({ customer: filter.customerId });
    if (filter?.statuses !== undefined && filter.statuses !== null) conditions.push({ status: { $in: filter.statuses } });
    if (filter?.receivedFrom !== undefined && filter.receivedFrom !== null) conditions.push({ receivedOn: { $gte: filter.receivedFrom } });
    if (filter?.receivedTo !== undefined && filter.receivedTo !== null) conditions.push({ receivedOn: { $lte: filter.receivedTo } });
    return findPage(this.em, Payment, { $and: conditions }, args, { receivedOn: 'desc', id: 'desc' }, options);
  }

  // ── invoices ─────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Invoices shipped, not yet invoiced units of an order: all of them by default, or the given quantities per line.
   * The order and its lines are locked, so two invoices made at once cannot bill the same units twice. The invoice
   * is at the order lines' unit prices, due after the contract's payment terms (30 days without a contract), owned
   * by the order's owner. An order whose every unit is shipped and invoiced becomes INVOICED.
   */
  async createInvoice(input: CreateInvoiceInput): Promise<Invoice> {
    const viewer = this.viewer;
    return this.em.transactional(async (em) => {
      const today = await databaseToday(em);
      const issueDate = input.issueDate ?? today;
      if (issueDate > today) throw UserInputError.field('input.issueDate', msg('must be today ({{day}}) or earlier', { day: today }));

      const order = await em.findOne(
        SalesOrder,
        { $and: [{ id: input.orderId }, orderRowScope(viewer)] },
        { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['s0'], refresh: true },
      );
      if (order === null) throw UserInputError.field('input.orderId', 'no such order is visible to you');
      if (![OrderStatus.PARTIALLY_SHIPPED, OrderStatus.SHIPPED, OrderStatus.INVOICED].includes(order.status)) {
        throw new OrdersError(OrdersErrorCode.ORDER_STATUS_CONFLICT, { detail: 'Nothing of it is shipped.', status: order.status });
      }
      const lines = await em.find(OrderLine, { order: order.id }, { orderBy: { position: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      const leftOf = (line: OrderLine): number => line.shippedQuantity - line.invoicedQuantity;
      if (!lines.some((line) => leftOf(line) > 0)) throw new OrdersError(OrdersErrorCode.NOTHING_TO_INVOICE, { orderId: order.id });

      const billed = this.billedQuantities(lines, input, leftOf);
      const amount = billed.reduce((sum, { line, quantity }) => sum.plus(new Decimal(line.unitPrice).times(quantity)), new Decimal(0));
      if (!amount.greaterThan(0)) throw UserInputError.field(input.lines ? 'input.lines' : 'input.orderId', 'comes to 0: there is nothing to charge');

      const termsDays = order.contract === null ? DEFAULT_PAYMENT_TERMS_DAYS : (await em.findOneOrFail(Contract, order.contract.id)).paymentTermsDays;
      const invoice = em.create(Invoice, {
        number: await nextNumber(em, 'invoice_number_seq', 'INV'),
        order,
        customer: order.customer,
        owner: order.owner,
        issueDate,
        dueDate: addDays(issueDate, termsDays),
        amount: amount.toFixed(2),
        currency: order.currency,
        createdBy: em.getReference(User, viewer.userId),
      });
      for (const { line, quantity } of billed) {
        em.create(InvoiceLine, {
          invoice,
          orderLine: line,
          product: line.product,
          quantity,
          unitPrice: line.unitPrice,
          lineTotal: new Decimal(line.unitPrice).times(quantity).toFixed(2),
        });
        line.invoicedQuantity += quantity;
      }
      if (order.status === OrderStatus.SHIPPED && lines.every((line) => line.invoicedQuantity === line.quantity)) order.status = OrderStatus.INVOICED;
      await flushOrStale(em, staleVersion);
      return invoice;
    });
  }

  /** What to bill per line: the input's quantities, each within what is left, or everything left. */
  private billedQuantities(lines: OrderLine[], input: CreateInvoiceInput, leftOf: (line: OrderLine) => number): { line: OrderLine; quantity: number }[] {
    if (input.lines === undefined || input.lines === null) {
      return lines.filter((line) => leftOf(line) > 0).map((line) => ({ line, quantity: leftOf(line) }));
    }
    const byId = new Map(lines.map((line) => [line.id, line]));
    const seen = new Set<string>();
    return input.lines.map((requested, index) => {
      const path = `input.lines.${index}`;
      const line = byId.get(requested.orderLineId);
      if (line === undefined) throw UserInputError.field(`${path}.orderLineId`, 'is not a line of this order');
      if (seen.has(line.id)) throw UserInputError.field(`${path}.orderLineId`, 'is given twice');
      seen.add(line.id);
      const left = leftOf(line);
      if (requested.quantity > left) {
        throw new OrdersError(OrdersErrorCode.OVER_INVOICE, { field: `${path}.quantity`, detail: msg('{{left}} left to invoice on this line.', { left }), left });
      }
      return { line, quantity: requested.quantity };
    });
  }

  // ── payments ─────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Records a payment of a customer, owned by the customer's owner, and allocates it to the given invoices in the
   * same transaction. With an idempotency key, a retry of the same request returns the payment the first call
   * recorded, and the key with another request (another amount, say) is a CONFLICT (`idempotent`): the key's lock
   * makes concurrent requests with one key run one after the other.
   */
  async recordPayment(input: RecordPaymentInput): Promise<Payment> {
    const viewer = this.viewer;
    const amount = moneyOf(input.amount, 'input.amount');
    const allocations = requestedAllocations(input.allocations ?? [], 'input.allocations');
    const key = idempotencyKeyOf(input.idempotencyKey, 'input.idempotencyKey');
    return idempotent(this.em, {
      operation: 'recordPayment',
      userId: viewer.userId,
      key,
      input,
      keyField: 'idempotencyKey',
      path: 'input.idempotencyKey',
      write: async (em) => {
        const today = await databaseToday(em);
        if (input.receivedOn > today) throw UserInputError.field('input.receivedOn', msg('must be today ({{day}}) or earlier', { day: today }));
        const visible = await em.count(Customer, { $and: [{ id: input.customerId }, customerRowScope(viewer)] });
        if (visible === 0) throw UserInputError.field('input.customerId', 'no such customer is visible to you');
        const credit = await lockCustomerCredit(em, input.customerId);
        const payment = em.create(Payment, {
          number: await nextNumber(em, 'payment_number_seq', 'PAY'),
          customer: credit.customer,
          owner: credit.customer.owner,
          amount: amount.toFixed(2),
          receivedOn: input.receivedOn,
          method: input.method,
          reference: input.reference?.trim() || null,
          payerAccount: input.payerAccount?.trim() || null,
          note: input.note?.trim() || null,
          recordedBy: em.getReference(User, viewer.userId),
          idempotencyKey: key,
        });
        await this.allocate(em, payment, credit, allocations, 'input.allocations');
        return payment;
      },
      replay: (em, id) => findVisibleOrFail(em, Payment, { id }, paymentRowScope(viewer), () => new OrdersError(OrdersErrorCode.PAYMENT_NOT_FOUND, { id })),
    });
  }

  /** Allocates more of a payment the caller read at `version` to invoices of its customer. */
  async allocatePayment(paymentId: string, version: number, inputs: readonly AllocationInput[]): Promise<Payment> {
    if (inputs.length === 0) throw UserInputError.field('allocations', 'give at least one allocation');
    const allocations = requestedAllocations(inputs, 'allocations');
    return this.em.transactional(async (em) => {
      const found = await findVisibleOrFail(em, Payment, { id: paymentId }, paymentRowScope(this.viewer), () => new OrdersError(OrdersErrorCode.PAYMENT_NOT_FOUND, { id: paymentId }));
      // Customer first, then the payment, then the invoices: the order recordPayment takes them in too.
      const credit = await lockCustomerCredit(em, found.customer.id);
      const payment = await em.findOneOrFail(Payment, paymentId, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (payment.version !== version) throw staleVersion();
      await this.allocate(em, payment, credit, allocations, 'allocations');
      return payment;
    });
  }

  /**
   * Checks and applies allocations of `payment` (customer `credit` locked by the caller), then flushes: their total
   * within what is left of the payment, each invoice the payment's customer's, each within what is open on its
   * invoice (several allocations to one invoice together). The allocated money comes off the customer's exposure,
   * and the customer's payment delay is recomputed in the same transaction.
   */
  private async allocate(em: EntityManager, payment: Payment, credit: CustomerCredit, allocations: RequestedAllocation[], path: string): Promise<void> {
    if (allocations.length === 0) {
      await flushOrStale(em, staleVersion);
      return;
    }
    const total = allocations.reduce((sum, allocation) => sum.plus(allocation.amount), new Decimal(0));
    const unallocated = new Decimal(payment.amount).minus(payment.allocatedAmount);
    if (total.greaterThan(unallocated)) {
      throw new OrdersError(OrdersErrorCode.OVER_ALLOCATION, { field: path, detail: msg('{{amount}} of the payment is left to allocate.', { amount: unallocated.toFixed(2) }) });
    }

    // Locked in id order, so allocations over overlapping invoices never wait for each other in a circle.
    const invoiceIds = [...new Set(allocations.map((allocation) => allocation.invoiceId))].sort();
    const invoices = await em.find(
      Invoice,
      { $and: [{ id: { $in: invoiceIds } }, invoiceRowScope(this.viewer)] },
      { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['i0'], refresh: true },
    );
    const invoiceById = new Map(invoices.map((invoice) => [invoice.id, invoice]));
    const open = new Map(invoices.map((invoice) => [invoice.id, new Decimal(invoice.amount).minus(invoice.paidAmount)]));
    for (const allocation of allocations) {
      const invoice = invoiceById.get(allocation.invoiceId);
      if (invoice === undefined) throw UserInputError.field(`${allocation.path}.invoiceId`, 'no such invoice is visible to you');
      if (invoice.customer.id !== credit.customer.id) {
        throw new OrdersError(OrdersErrorCode.PAYMENT_CUSTOMER_MISMATCH, { field: `${allocation.path}.invoiceId`, invoiceId: invoice.id });
      }
      if (invoice.currency !== payment.currency) throw UserInputError.field(`${allocation.path}.invoiceId`, msg('is in {{invoiceCurrency}}, the payment in {{paymentCurrency}}', { invoiceCurrency: invoice.currency, paymentCurrency: payment.currency }));
      const left = open.get(invoice.id)!;
      if (allocation.amount.greaterThan(left)) {
        throw new OrdersError(OrdersErrorCode.INVOICE_OVERPAID, {
          field: `${allocation.path}.amount`,
          detail: msg('{{amount}} is open on invoice {{invoice}}.', { amount: left.toFixed(2), invoice: invoice.number }),
          invoiceId: invoice.id,
        });
      }
      open.set(invoice.id, left.minus(allocation.amount));
    }

    const allocatedBy = em.getReference(User, this.viewer.userId);
    for (const allocation of allocations) {
      const invoice = invoiceById.get(allocation.invoiceId)!;
      em.create(PaymentAllocation, { payment, invoice, amount: allocation.amount.toFixed(2), allocatedBy });
      invoice.paidAmount = new Decimal(invoice.paidAmount).plus(allocation.amount).toFixed(2);
      invoice.status = invoiceStatusOf(invoice);
    }
    payment.allocatedAmount = new Decimal(payment.allocatedAmount).plus(total).toFixed(2);
    payment.status = paymentStatusOf(payment);
    changeExposure(credit, total.negated());
    await flushOrStale(em, staleVersion);
    await em.execute(PAYMENT_DELAY_SQL, [credit.customer.id]);
  }
}
