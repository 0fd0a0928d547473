import type { GraphQLFormattedError } from 'graphql';
import { Customer } from '../schema/customers/entities/customer.entity';
import { Invoice } from '../schema/orders/entities/invoice.entity';
import { OrderLine } from '../schema/orders/entities/order-line.entity';
import { Payment } from '../schema/orders/entities/payment.entity';
import { PaymentAllocation } from '../schema/orders/entities/payment-allocation.entity';
import { SalesOrder } from '../schema/orders/entities/sales-order.entity';
import type { DemoPerson } from '../seeds/demo-company.data';
import { createCustomer, databaseDay, shipMore, shippedOrder } from './fixtures/billing-fixtures';
import { catalog, people, userId } from './fixtures/demo-people';
import {
  ALLOCATE_PAYMENT,
  CREATE_INVOICE,
  INVOICE,
  INVOICE_PAGE,
  INVOICES,
  ORDER_INVOICES,
  PAYMENT,
  PAYMENT_DETAILS,
  PAYMENTS,
  RECEIVABLES_AGING,
  RECORD_PAYMENT,
} from './graphql/billing.documents';
import { CREATE_API_KEY } from './graphql/documents';
import { errorOf } from './support/errors';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

let app: TestApp;
let today: string;

async function as(person: DemoPerson): Promise<{ token: string }> {
  return { token: await app.tokenFor(person.email) };
}

const day = (offset: number) => databaseDay(app, offset);

/** Invoices `amount` (one shipped unit at that price) of a fresh order of the customer, issued `daysAgo` days ago. */
async function invoiceFor(customerId: string, amount: string, daysAgo = 0) {
  const order = await shippedOrder(app, { customerId, lines: [{ quantity: 1, shipped: 1, unitPrice: amount }] });
  const created = await app.gql(CREATE_INVOICE, { input: { orderId: order.id, issueDate: await day(-daysAgo) } }, await as(people.finance));
  expect(created.errors).toBeUndefined();
  return created.data!.createInvoice;
}

async function recordPayment(customerId: string, amount: string, allocations: { invoiceId: string; amount: string }[] = [], extra: Record<string, unknown> = {}) {
  const recorded = await app.gql(
    RECORD_PAYMENT,
    { input: { customerId, amount, receivedOn: today, method: 'BANK_TRANSFER', reference: 'HX-REF-001', payerAccount: '6222 0210 0109 8765', allocations, ...extra } },
    await as(people.finance),
  );
  expect(recorded.errors).toBeUndefined();
  return recorded.data!.recordPayment;
}

/** What a refused write must leave as it was. */
async function snapshot(customerId: string) {
  const em = app.orm.em.fork();
  const customer = await em.findOneOrFail(Customer, customerId);
  const invoices = await em.find(Invoice, { customer: customerId }, { orderBy: { id: 'asc' } });
  const payments = await em.find(Payment, { customer: customerId }, { orderBy: { id: 'asc' } });
  return {
    exposure: customer.currentExposure,
    customerVersion: customer.version,
    invoices: invoices.map((invoice) => [invoice.id, invoice.paidAmount, invoice.status, invoice.version]),
    payments: payments.map((payment) => [payment.id, payment.allocatedAmount, payment.status, payment.version]),
    allocations: await em.count(PaymentAllocation, { invoice: { customer: customerId } }),
  };
}

beforeAll(async () => {
  app = await createTestApp();
  today = await databaseDay(app);
});

afterAll(async () => {
  await app.close();
});

describe('invoicing shipped quantities', () => {
  it('a partially shipped order invoices what shipped, at the order’s prices, due 30 days later without a contract', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const order = await shippedOrder(app, {
      customerId,
      lines: [
        { quantity: 10, shipped: 6, unitPrice: '100.50' },
        { quantity: 5, shipped: 0, unitPrice: '50.00' },
      ],
    });
    const created = await app.gql(CREATE_INVOICE, { input: { orderId: order.id } }, await as(people.finance));
    expect(created.errors).toBeUndefined();
    const invoice = created.data!.createInvoice;
    expect(invoice.number).toMatch(/^INV\d{6,}$/);
    expect(invoice).toMatchObject({
      status: 'OPEN',
      issueDate: today,
      dueDate: await day(30),
      amount: '603',
      paidAmount: '0',
      openAmount: '603',
      currency: 'CNY',
      daysOverdue: 0,
      order: { id: order.id, status: 'PARTIALLY_SHIPPED' },
      customer: { id: customerId },
      owner: { id: userId(people.shanghai1Rep) },
      createdBy: { id: userId(people.finance) },
    });
    expect(invoice.lines).toEqual([
      { quantity: 6, unitPrice: '100.5', lineTotal: '603', product: { id: catalog.pt100 }, orderLine: { id: order.lineIds[0], position: 1, shippedQuantity: 6, invoicedQuantity: 6 } },
    ]);

    // Nothing more has shipped: nothing more to invoice.
    const again = await app.gql(CREATE_INVOICE, { input: { orderId: order.id } }, await as(people.finance));
    expect(errorOf(again.errors)).toMatchObject({ code: 'CONFLICT', reason: 'NOTHING_TO_INVOICE' });

    // The rest ships: the second invoice takes it all, and the order is INVOICED.
    await shipMore(app, order.id, [10, 5]);
    const rest = await app.gql(CREATE_INVOICE, { input: { orderId: order.id } }, await as(people.finance));
    expect(rest.errors).toBeUndefined();
    expect(rest.data!.createInvoice.amount).toBe('652');
    expect(rest.data!.createInvoice.lines.map((line) => [line.orderLine?.position, line.quantity, line.lineTotal])).toEqual([
      [1, 4, '402'],
      [2, 5, '250'],
    ]);
    expect(rest.data!.createInvoice.order?.status).toBe('INVOICED');

    const listed = await app.gql(ORDER_INVOICES, { id: invoice.id }, await as(people.shanghai1Rep));
    expect(listed.data!.invoice!.order?.invoices.map((each) => each.id)).toEqual([invoice.id, rest.data!.createInvoice.id]);
  });

  it('invoices the given quantities, back-dated, due after the contract’s payment terms', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const order = await shippedOrder(app, {
      customerId,
      contractPaymentTermsDays: 60,
      lines: [
        { quantity: 10, shipped: 10, unitPrice: '20.00' },
        { quantity: 4, shipped: 4, unitPrice: '7.25' },
      ],
    });
    const issueDate = await day(-45);
    const created = await app.gql(
      CREATE_INVOICE,
      { input: { orderId: order.id, issueDate, lines: [{ orderLineId: order.lineIds[1], quantity: 3 }, { orderLineId: order.lineIds[0], quantity: 10 }] } },
      await as(people.finance),
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createInvoice).toMatchObject({ issueDate, dueDate: await day(15), amount: '221.75', daysOverdue: 0, order: { status: 'SHIPPED' } });

    const overdue = await invoiceFor(customerId, '10.00', 40);
    expect([overdue.dueDate, overdue.daysOverdue]).toEqual([await day(-10), 10]);
  });

  it('refuses to invoice more than shipped and not yet invoiced, naming the line, and changes nothing', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const order = await shippedOrder(app, {
      customerId,
      lines: [
        { quantity: 10, shipped: 8, unitPrice: '10.00' },
        { quantity: 10, shipped: 4, unitPrice: '10.00' },
      ],
    });
    const first = await app.gql(CREATE_INVOICE, { input: { orderId: order.id, lines: [{ orderLineId: order.lineIds[1], quantity: 2 }] } }, await as(people.finance));
    expect(first.errors).toBeUndefined();
    const before = await app.orm.em.fork().findOneOrFail(SalesOrder, order.id);

    const over = await app.gql(
      CREATE_INVOICE,
      { input: { orderId: order.id, lines: [{ orderLineId: order.lineIds[0], quantity: 8 }, { orderLineId: order.lineIds[1], quantity: 3 }] } },
      await as(people.finance),
    );
    expect(errorOf(over.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OVER_INVOICE', paths: ['input.lines.1.quantity'] });

    const em = app.orm.em.fork();
    expect(await em.count(Invoice, { order: order.id })).toBe(1);
    const lines = await em.find(OrderLine, { order: order.id }, { orderBy: { position: 'asc' } });
    expect(lines.map((line) => line.invoicedQuantity)).toEqual([0, 2]);
    expect((await em.findOneOrFail(SalesOrder, order.id)).version).toBe(before.version);
  });

  it('refuses a future issue date, a line of another order, a line given twice and a quantity below 1', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const order = await shippedOrder(app, { customerId, lines: [{ quantity: 5, shipped: 5, unitPrice: '10.00' }] });
    const other = await shippedOrder(app, { customerId, lines: [{ quantity: 5, shipped: 5, unitPrice: '10.00' }] });
    const finance = await as(people.finance);
    const cases: [Record<string, unknown>, string][] = [
      [{ issueDate: await day(1) }, 'input.issueDate'],
      [{ lines: [{ orderLineId: other.lineIds[0], quantity: 1 }] }, 'input.lines.0.orderLineId'],
      [{ lines: [{ orderLineId: order.lineIds[0], quantity: 1 }, { orderLineId: order.lineIds[0], quantity: 1 }] }, 'input.lines.1.orderLineId'],
      [{ lines: [{ orderLineId: order.lineIds[0], quantity: 0 }] }, 'input.lines.0.quantity'],
    ];
    for (const [input, path] of cases) {
      const response = await app.gql(CREATE_INVOICE, { input: { orderId: order.id, ...input } }, finance);
      expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: [path] });
    }
    const unknown = await app.gql(CREATE_INVOICE, { input: { orderId: customerId } }, finance);
    expect(errorOf(unknown.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.orderId'] });
    expect(await app.orm.em.fork().count(Invoice, { customer: customerId })).toBe(0);
  });

  it('an order with nothing shipped cannot be invoiced', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const order = await shippedOrder(app, { customerId, lines: [{ quantity: 5, shipped: 0, unitPrice: '10.00' }] });
    const response = await app.gql(CREATE_INVOICE, { input: { orderId: order.id } }, await as(people.finance));
    expect(errorOf(response.errors)).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_STATUS_CONFLICT' });
  });

  it('only finance and admins invoice: the owning rep, his manager, the VP and the partner are refused', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const order = await shippedOrder(app, { customerId, lines: [{ quantity: 2, shipped: 2, unitPrice: '10.00' }] });
    for (const person of [people.shanghai1Rep, people.shanghai1Manager, people.vp, people.customerService, people.partner]) {
      const refused = await app.gql(CREATE_INVOICE, { input: { orderId: order.id } }, await as(person));
      expect(errorOf(refused.errors).code).toBe('FORBIDDEN');
    }
    expect(await app.orm.em.fork().count(Invoice, { order: order.id })).toBe(0);
    const admin = await app.gql(CREATE_INVOICE, { input: { orderId: order.id } }, await as(people.admin));
    expect(admin.errors).toBeUndefined();
  });
});

describe('payments allocated to invoices', () => {
  it('partial payments over two invoices move both statuses, lower the exposure and set the payment delay', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep, currentExposure: '10000.00' });
    // Due 70 and 10 days ago: paid today, 70 and 10 days late.
    const first = await invoiceFor(customerId, '1000.00', 100);
    const second = await invoiceFor(customerId, '2000.00', 40);

    const payment = await recordPayment(customerId, '1500.00', [
      { invoiceId: first.id, amount: '1000' },
      { invoiceId: second.id, amount: '300' },
    ]);
    expect(payment.number).toMatch(/^PAY\d{6,}$/);
    expect(payment).toMatchObject({
      status: 'PARTIALLY_ALLOCATED',
      amount: '1500',
      allocatedAmount: '1300',
      unallocatedAmount: '200',
      receivedOn: today,
      customer: { id: customerId },
      owner: { id: userId(people.shanghai1Rep) },
      recordedBy: { id: userId(people.finance) },
    });
    expect(payment.allocations.map((a) => [a.amount, a.invoice?.id, a.invoice?.status, a.invoice?.paidAmount, a.allocatedBy?.id])).toEqual([
      ['1000', first.id, 'PAID', '1000', userId(people.finance)],
      ['300', second.id, 'PARTIALLY_PAID', '300', userId(people.finance)],
    ]);
    expect((await app.orm.em.fork().findOneOrFail(Customer, customerId)).currentExposure).toBe('8700.00');

    const rest = await app.gql(ALLOCATE_PAYMENT, { paymentId: payment.id, version: payment.version, allocations: [{ invoiceId: second.id, amount: '200' }] }, await as(people.finance));
    expect(rest.errors).toBeUndefined();
    expect(rest.data!.allocatePayment).toMatchObject({ status: 'ALLOCATED', allocatedAmount: '1500', unallocatedAmount: '0', version: payment.version + 1 });

    await recordPayment(customerId, '1500.00', [{ invoiceId: second.id, amount: '1500.00' }]);
    const paid = await app.gql(INVOICE, { id: second.id }, await as(people.finance));
    expect(paid.data!.invoice).toMatchObject({ status: 'PAID', paidAmount: '2000', openAmount: '0', daysOverdue: 0 });
    expect(paid.data!.invoice!.allocations.map((a) => a.amount)).toEqual(['300', '200', '1500']);

    const customer = await app.orm.em.fork().findOneOrFail(Customer, customerId);
    expect(customer.currentExposure).toBe('7000.00');
    // (1000 × 70 + 2000 × 10) ÷ 3000 = 30 days late on average.
    expect(customer.paymentDelayDays).toBe(30);
  });

  it('an unallocated payment stays on account until it is allocated', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep, currentExposure: '500.00' });
    const payment = await recordPayment(customerId, '800.00');
    expect(payment).toMatchObject({ status: 'UNALLOCATED', allocatedAmount: '0', unallocatedAmount: '800', allocations: [] });
    expect((await app.orm.em.fork().findOneOrFail(Customer, customerId)).currentExposure).toBe('500.00');
  });

  it('refuses over-allocating a payment, overpaying an invoice and paying another customer’s invoice, naming the field, and changes nothing', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep, currentExposure: '5000.00' });
    const otherCustomerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const invoiceA = await invoiceFor(customerId, '1000.00');
    const invoiceB = await invoiceFor(customerId, '400.00');
    const foreign = await invoiceFor(otherCustomerId, '300.00');
    const payment = await recordPayment(customerId, '900.00', [{ invoiceId: invoiceB.id, amount: '100' }]);
    const finance = await as(people.finance);
    const before = await snapshot(customerId);
    const foreignBefore = await snapshot(otherCustomerId);

    const record = (amount: string, allocations: { invoiceId: string; amount: string }[]) =>
      app.gql(RECORD_PAYMENT, { input: { customerId, amount, receivedOn: today, method: 'CHEQUE', allocations } }, finance);
    const allocate = (allocations: { invoiceId: string; amount: string }[]) => app.gql(ALLOCATE_PAYMENT, { paymentId: payment.id, version: payment.version, allocations }, finance);

    const cases: [() => Promise<{ errors: readonly GraphQLFormattedError[] | undefined }>, string | undefined, string][] = [
      [() => record('500.00', [{ invoiceId: invoiceA.id, amount: '300' }, { invoiceId: invoiceB.id, amount: '300' }]), 'OVER_ALLOCATION', 'input.allocations'],
      [() => allocate([{ invoiceId: invoiceA.id, amount: '500' }, { invoiceId: invoiceB.id, amount: '300.01' }]), 'OVER_ALLOCATION', 'allocations'],
      // 300 is open on B; two allocations to it add up to 301.
      [() => record('2000.00', [{ invoiceId: invoiceA.id, amount: '10' }, { invoiceId: invoiceB.id, amount: '200' }, { invoiceId: invoiceB.id, amount: '101' }]), 'INVOICE_OVERPAID', 'input.allocations.2.amount'],
      [() => allocate([{ invoiceId: invoiceA.id, amount: '100' }, { invoiceId: invoiceB.id, amount: '300.01' }]), 'INVOICE_OVERPAID', 'allocations.1.amount'],
      [() => record('500.00', [{ invoiceId: foreign.id, amount: '100' }]), 'PAYMENT_CUSTOMER_MISMATCH', 'input.allocations.0.invoiceId'],
      [() => allocate([{ invoiceId: invoiceA.id, amount: '100' }, { invoiceId: foreign.id, amount: '100' }]), 'PAYMENT_CUSTOMER_MISMATCH', 'allocations.1.invoiceId'],
      [() => record('500.00', [{ invoiceId: invoiceA.id, amount: '0' }]), undefined, 'input.allocations.0.amount'],
      [() => allocate([{ invoiceId: invoiceA.id, amount: '10.005' }]), undefined, 'allocations.0.amount'],
      [() => record('-5', []), undefined, 'input.amount'],
      [() => allocate([]), undefined, 'allocations'],
      [() => allocate([{ invoiceId: payment.id, amount: '10' }]), undefined, 'allocations.0.invoiceId'],
    ];
    for (const [response, reason, path] of cases) {
      const error = errorOf((await response()).errors);
      expect([error.code, error.reason, error.paths]).toEqual(['BAD_USER_INPUT', reason, [path]]);
    }

    expect(await snapshot(customerId)).toEqual(before);
    expect(await snapshot(otherCustomerId)).toEqual(foreignBefore);
  });

  it('two allocations that each fit but together overpay an invoice, made at once: exactly one wins', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep, currentExposure: '1000.00' });
    const invoice = await invoiceFor(customerId, '1000.00');
    const payments = [await recordPayment(customerId, '800.00'), await recordPayment(customerId, '800.00')];
    const finance = await as(people.finance);
    const results = await Promise.all(
      payments.map((payment) => app.gql(ALLOCATE_PAYMENT, { paymentId: payment.id, version: payment.version, allocations: [{ invoiceId: invoice.id, amount: '800' }] }, finance)),
    );
    const succeeded = results.filter((result) => result.errors === undefined);
    const refused = results.filter((result) => result.errors !== undefined);
    expect(succeeded).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(errorOf(refused[0].errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVOICE_OVERPAID' });

    const em = app.orm.em.fork();
    expect((await em.findOneOrFail(Invoice, invoice.id)).paidAmount).toBe('800.00');
    expect(await em.count(PaymentAllocation, { invoice: invoice.id })).toBe(1);
    expect((await em.findOneOrFail(Customer, customerId)).currentExposure).toBe('200.00');
  });

  it('two payments recorded at once against one invoice, each fitting alone: exactly one allocates', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const invoice = await invoiceFor(customerId, '1000.00');
    const finance = await as(people.finance);
    const results = await Promise.all(
      [1, 2].map(() =>
        app.gql(RECORD_PAYMENT, { input: { customerId, amount: '600.00', receivedOn: today, method: 'BANK_TRANSFER', allocations: [{ invoiceId: invoice.id, amount: '600' }] } }, finance),
      ),
    );
    expect(results.filter((result) => result.errors === undefined)).toHaveLength(1);
    const em = app.orm.em.fork();
    expect(await em.count(Payment, { customer: customerId })).toBe(1);
    expect((await em.findOneOrFail(Invoice, invoice.id)).paidAmount).toBe('600.00');
  });

  it('allocating with a stale version is a conflict and changes nothing', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep, currentExposure: '1000.00' });
    const invoice = await invoiceFor(customerId, '1000.00');
    const payment = await recordPayment(customerId, '1000.00');
    const finance = await as(people.finance);
    const moved = await app.gql(ALLOCATE_PAYMENT, { paymentId: payment.id, version: payment.version, allocations: [{ invoiceId: invoice.id, amount: '100' }] }, finance);
    expect(moved.errors).toBeUndefined();
    const before = await snapshot(customerId);

    const stale = await app.gql(ALLOCATE_PAYMENT, { paymentId: payment.id, version: payment.version, allocations: [{ invoiceId: invoice.id, amount: '100' }] }, finance);
    expect(errorOf(stale.errors)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect(await snapshot(customerId)).toEqual(before);
  });

  it('a retry with the same idempotency key returns the first payment, also when both arrive at once', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep, currentExposure: '1000.00' });
    const invoice = await invoiceFor(customerId, '1000.00');
    const first = await recordPayment(customerId, '300.00', [{ invoiceId: invoice.id, amount: '300' }], { idempotencyKey: 'bank-2026-0001' });
    const retry = await recordPayment(customerId, '300.00', [{ invoiceId: invoice.id, amount: '300' }], { idempotencyKey: 'bank-2026-0001' });
    expect(retry.id).toBe(first.id);

    const finance = await as(people.finance);
    const input = { customerId, amount: '200.00', receivedOn: today, method: 'BANK_TRANSFER' as const, allocations: [{ invoiceId: invoice.id, amount: '200' }], idempotencyKey: 'bank-2026-0002' };
    const racing = await Promise.all([app.gql(RECORD_PAYMENT, { input }, finance), app.gql(RECORD_PAYMENT, { input }, finance)]);
    expect(racing.map((result) => result.errors)).toEqual([undefined, undefined]);
    expect(racing[0].data!.recordPayment.id).toBe(racing[1].data!.recordPayment.id);

    const em = app.orm.em.fork();
    expect(await em.count(Payment, { customer: customerId })).toBe(2);
    expect((await em.findOneOrFail(Invoice, invoice.id)).paidAmount).toBe('500.00');
    expect((await em.findOneOrFail(Customer, customerId)).currentExposure).toBe('500.00');
  });

  it('refuses a payment received in the future or from a customer that does not exist', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const finance = await as(people.finance);
    const future = await app.gql(RECORD_PAYMENT, { input: { customerId, amount: '1.00', receivedOn: await day(1), method: 'CASH' } }, finance);
    expect(errorOf(future.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.receivedOn'] });
    const unknown = await app.gql(RECORD_PAYMENT, { input: { customerId: userId(people.vp), amount: '1.00', receivedOn: today, method: 'CASH' } }, finance);
    expect(errorOf(unknown.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.customerId'] });
    expect(await app.orm.em.fork().count(Payment, { customer: customerId })).toBe(0);
  });

  it('only finance and admins record and allocate payments: the owning rep, his manager, the VP and the partner are refused', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const invoice = await invoiceFor(customerId, '100.00');
    const payment = await recordPayment(customerId, '100.00');
    for (const person of [people.shanghai1Rep, people.shanghai1Manager, people.eastDirector, people.vp, people.customerService, people.partner]) {
      const auth = await as(person);
      const record = await app.gql(RECORD_PAYMENT, { input: { customerId, amount: '1.00', receivedOn: today, method: 'CASH' } }, auth);
      expect(errorOf(record.errors).code).toBe('FORBIDDEN');
      const allocate = await app.gql(ALLOCATE_PAYMENT, { paymentId: payment.id, version: payment.version, allocations: [{ invoiceId: invoice.id, amount: '1' }] }, auth);
      expect(errorOf(allocate.errors).code).toBe('FORBIDDEN');
    }
    const em = app.orm.em.fork();
    expect(await em.count(Payment, { customer: customerId })).toBe(1);
    expect(await em.count(PaymentAllocation, { payment: payment.id })).toBe(0);

    const admin = await app.gql(ALLOCATE_PAYMENT, { paymentId: payment.id, version: payment.version, allocations: [{ invoiceId: invoice.id, amount: '100' }] }, await as(people.admin));
    expect(admin.data?.allocatePayment.status).toBe('ALLOCATED');
  });
});

describe('who sees invoices and payments', () => {
  it('payment details read as null with FORBIDDEN for the owning rep, and are shown to his manager, director and finance', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const payment = await recordPayment(customerId, '88.00');

    const rep = await app.gql(PAYMENT_DETAILS, { id: payment.id }, await as(people.shanghai1Rep));
    expect(rep.data?.payment).toEqual({ id: payment.id, amount: '88', method: null, reference: null, payerAccount: null });
    expect(rep.errors?.map((error) => [error.path?.join('.'), error.extensions?.code]).sort()).toEqual([
      ['payment.method', 'FORBIDDEN'],
      ['payment.payerAccount', 'FORBIDDEN'],
      ['payment.reference', 'FORBIDDEN'],
    ]);
    for (const person of [people.shanghai1Manager, people.eastDirector, people.vp, people.finance]) {
      const shown = await app.gql(PAYMENT_DETAILS, { id: payment.id }, await as(person));
      expect(shown.errors).toBeUndefined();
      expect(shown.data?.payment).toEqual({ id: payment.id, amount: '88', method: 'BANK_TRANSFER', reference: 'HX-REF-001', payerAccount: '6222 0210 0109 8765' });
    }
    // Another team sees neither the payment nor its details.
    const otherTeam = await app.gql(PAYMENT_DETAILS, { id: payment.id }, await as(people.shanghai2Manager));
    expect(errorOf(otherTeam.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'PAYMENT_NOT_FOUND' });
  });

  it('the partner sees the invoices of its own orders, without their allocations, and no payments at all', async () => {
    const distributorCustomerId = await createCustomer(app, { owner: people.southRep, throughDistributor: true });
    const order = await shippedOrder(app, { customerId: distributorCustomerId, throughDistributor: true, lines: [{ quantity: 3, shipped: 3, unitPrice: '100.00' }] });
    const finance = await as(people.finance);
    const created = await app.gql(CREATE_INVOICE, { input: { orderId: order.id } }, finance);
    const partnerInvoice = created.data!.createInvoice;
    const directInvoice = await invoiceFor(distributorCustomerId, '50.00');
    const payment = await recordPayment(distributorCustomerId, '100.00', [{ invoiceId: partnerInvoice.id, amount: '100' }]);

    const partner = await as(people.partner);
    const list = await app.gql(INVOICES, {}, partner);
    expect(list.errors).toBeUndefined();
    expect(list.data!.invoices.nodes.map((node) => node.id)).toEqual([partnerInvoice.id]);
    const read = await app.gql(INVOICE, { id: partnerInvoice.id }, partner);
    expect(read.errors).toBeUndefined();
    expect(read.data!.invoice).toMatchObject({ id: partnerInvoice.id, paidAmount: '100', customer: { id: distributorCustomerId }, order: { id: order.id }, allocations: [] });
    expect(errorOf((await app.gql(INVOICE, { id: directInvoice.id }, partner)).errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'INVOICE_NOT_FOUND' });

    const payments = await app.gql(PAYMENTS, {}, partner);
    expect(payments.data!.payments).toMatchObject({ totalCount: 0, nodes: [] });
    expect(errorOf((await app.gql(PAYMENT, { id: payment.id }, partner)).errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'PAYMENT_NOT_FOUND' });
  });

  it('a rep sees his own invoices and payments; another team’s are not found', async () => {
    const mine = await createCustomer(app, { owner: people.shanghai2Rep });
    const theirs = await createCustomer(app, { owner: people.shanghai1Teammate });
    const myInvoice = await invoiceFor(mine, '10.00');
    const theirInvoice = await invoiceFor(theirs, '10.00');
    const myPayment = await recordPayment(mine, '10.00');
    const theirPayment = await recordPayment(theirs, '10.00');
    const rep = await as(people.shanghai2Rep);

    const invoices = await app.gql(INVOICES, {}, rep);
    expect(invoices.data!.invoices.nodes.map((node) => node.id)).toEqual([myInvoice.id]);
    const payments = await app.gql(PAYMENTS, {}, rep);
    expect(payments.data!.payments.nodes.map((node) => node.id)).toEqual([myPayment.id]);
    expect(errorOf((await app.gql(INVOICE, { id: theirInvoice.id }, rep)).errors).code).toBe('NOT_FOUND');
    expect(errorOf((await app.gql(PAYMENT, { id: theirPayment.id }, rep)).errors).code).toBe('NOT_FOUND');
  });
});

describe('invoice and payment lists', () => {
  let customerId: string;
  let invoices: { id: string; daysAgo: number }[];

  beforeAll(async () => {
    customerId = await createCustomer(app, { owner: people.northRep });
    invoices = [];
    for (const daysAgo of [50, 10, 35, 0, 70]) invoices.push({ id: (await invoiceFor(customerId, '100.00', daysAgo)).id, daysAgo });
    // The 70-day invoice is paid: not overdue although past its due date.
    await recordPayment(customerId, '100.00', [{ invoiceId: invoices[4].id, amount: '100' }]);
  });

  const idsBy = (...daysAgo: number[]) => daysAgo.map((days) => invoices.find((invoice) => invoice.daysAgo === days)!.id);

  it('filters by customer, status, overdue and issue dates, newest first or by due date', async () => {
    const finance = await as(people.finance);
    const all = await app.gql(INVOICES, { filter: { customerId } }, finance);
    expect(all.data!.invoices.nodes.map((node) => node.id)).toEqual(idsBy(0, 10, 35, 50, 70));

    const overdue = await app.gql(INVOICES, { filter: { customerId, overdue: true }, orderBy: 'DUE_DATE_ASC' }, finance);
    expect(overdue.data!.invoices.nodes.map((node) => [node.id, node.daysOverdue])).toEqual([
      [idsBy(50)[0], 20],
      [idsBy(35)[0], 5],
    ]);
    const notOverdue = await app.gql(INVOICES, { filter: { customerId, overdue: false } }, finance);
    expect(notOverdue.data!.invoices.nodes.map((node) => node.id)).toEqual(idsBy(0, 10, 70));

    const paid = await app.gql(INVOICES, { filter: { customerId, statuses: ['PAID'] } }, finance);
    expect(paid.data!.invoices.nodes.map((node) => node.id)).toEqual(idsBy(70));
    const window = await app.gql(INVOICES, { filter: { customerId, issueDateFrom: await day(-50), issueDateTo: await day(-10) } }, finance);
    expect(window.data!.invoices.nodes.map((node) => node.id)).toEqual(idsBy(10, 35, 50));
    const owners = await app.gql(INVOICES, { filter: { customerId, ownerIds: [userId(people.southRep)] } }, finance);
    expect(owners.data!.invoices.totalCount).toBe(0);
  });

  it('pages with keyset cursors', async () => {
    const finance = await as(people.finance);
    const first = await app.gql(INVOICES, { filter: { customerId }, orderBy: 'DUE_DATE_ASC', first: 3 }, finance);
    expect(first.data!.invoices).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    const second = await app.gql(INVOICES, { filter: { customerId }, orderBy: 'DUE_DATE_ASC', first: 3, after: first.data!.invoices.pageInfo.endCursor }, finance);
    expect([...first.data!.invoices.nodes, ...second.data!.invoices.nodes].map((node) => node.id)).toEqual(idsBy(70, 50, 35, 10, 0));
    expect(second.data!.invoices.pageInfo.hasNextPage).toBe(false);
  });

  it('filters payments by customer, status and receipt date', async () => {
    const finance = await as(people.finance);
    const open = await recordPayment(customerId, '5.00', [], { receivedOn: await day(-3) });
    const allocated = await app.gql(PAYMENTS, { filter: { customerId, statuses: ['ALLOCATED'] } }, finance);
    expect(allocated.data!.payments.nodes.map((node) => node.amount)).toEqual(['100']);
    const recent = await app.gql(PAYMENTS, { filter: { customerId, receivedFrom: await day(-5), receivedTo: await day(-1) } }, finance);
    expect(recent.data!.payments.nodes.map((node) => node.id)).toEqual([open.id]);
    const both = await app.gql(PAYMENTS, { filter: { customerId } }, finance);
    expect(both.data!.payments.nodes.map((node) => node.receivedOn)).toEqual([today, await day(-3)]);
  });

  it('a page of invoices with order, customer, owner, lines, products and allocations runs the same statements for 2 and 5 invoices', async () => {
    const auth = await as(people.finance);
    const counts: number[] = [];
    for (const first of [2, 5]) {
      app.resetQueries();
      const response = await app.gql(INVOICE_PAGE, { filter: { customerId }, first }, auth);
      expect(response.errors).toBeUndefined();
      expect(response.data!.invoices.nodes).toHaveLength(first);
      counts.push(app.queries.length);
    }
    expect(counts[0]).toBe(counts[1]);
  });
});

describe('who sees what, role by role', () => {
  type Book = 'east' | 'south' | 'north';
  interface MatrixRow {
    role: string;
    as: keyof typeof people | 'integrationKey';
    /** Whose invoices and payments the role's lists return, of three books: 赵磊's (east, with a key account manager), a south distributor customer's, a north customer's. */
    invoices: Book[];
    payments: Book[];
    /** Payment method, reference and payer account on the payments it sees. */
    paymentDetails: 'read' | 'hidden' | 'none seen';
    receivables: 'allowed' | 'FORBIDDEN';
  }
  const ALL: Book[] = ['east', 'south', 'north'];
  const MATRIX: MatrixRow[] = [
    { role: 'ADMIN', as: 'admin', invoices: ALL, payments: ALL, paymentDetails: 'read', receivables: 'allowed' },
    { role: 'SALES_VP', as: 'vp', invoices: ALL, payments: ALL, paymentDetails: 'read', receivables: 'allowed' },
    { role: 'REGIONAL_DIRECTOR', as: 'eastDirector', invoices: ['east'], payments: ['east'], paymentDetails: 'read', receivables: 'allowed' },
    { role: 'TEAM_MANAGER', as: 'shanghai1Manager', invoices: ['east'], payments: ['east'], paymentDetails: 'read', receivables: 'allowed' },
    { role: 'SALES_REP', as: 'shanghai1Rep', invoices: ['east'], payments: ['east'], paymentDetails: 'hidden', receivables: 'FORBIDDEN' },
    { role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager', invoices: ['east'], payments: ['east'], paymentDetails: 'hidden', receivables: 'FORBIDDEN' },
    { role: 'CUSTOMER_SERVICE', as: 'customerService', invoices: [], payments: [], paymentDetails: 'none seen', receivables: 'FORBIDDEN' },
    { role: 'TECH_SUPPORT', as: 'techSupport', invoices: [], payments: [], paymentDetails: 'none seen', receivables: 'FORBIDDEN' },
    { role: 'FINANCE', as: 'finance', invoices: ALL, payments: ALL, paymentDetails: 'read', receivables: 'allowed' },
    { role: 'PARTNER', as: 'partner', invoices: ['south'], payments: [], paymentDetails: 'none seen', receivables: 'FORBIDDEN' },
    { role: 'INTEGRATION', as: 'integrationKey', invoices: ALL, payments: ALL, paymentDetails: 'hidden', receivables: 'FORBIDDEN' },
  ];
  const books = {} as Record<Book, { customerId: string; invoiceId: string; paymentId: string }>;
  let integrationKey: Auth;

  beforeAll(async () => {
    const specs: [Book, Parameters<typeof createCustomer>[1]][] = [
      ['east', { owner: people.shanghai1Rep, keyAccountManager: people.keyAccountManager }],
      ['south', { owner: people.southRep, throughDistributor: true }],
      ['north', { owner: people.northRep }],
    ];
    for (const [book, options] of specs) {
      const customerId = await createCustomer(app, options);
      const order = await shippedOrder(app, { customerId, throughDistributor: book === 'south', lines: [{ quantity: 1, shipped: 1, unitPrice: '10.00' }] });
      const invoice = await app.gql(CREATE_INVOICE, { input: { orderId: order.id } }, await as(people.finance));
      const payment = await recordPayment(customerId, '10.00', [{ invoiceId: invoice.data!.createInvoice.id, amount: '10' }]);
      books[book] = { customerId, invoiceId: invoice.data!.createInvoice.id, paymentId: payment.id };
    }
    const created = await app.gql(CREATE_API_KEY, { input: { name: 'ERP 对账', scopes: ['READ_SALES'], userId: userId(people.integration) } }, await as(people.admin));
    integrationKey = { apiKey: created.data!.createApiKey.key };
  });

  const authFor = async (row: MatrixRow): Promise<Auth> => (row.as === 'integrationKey' ? integrationKey : as(people[row.as]));

  it('covers every role', () => {
    expect(new Set(MATRIX.map((row) => row.role)).size).toBe(11);
  });

  describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s', (_name, row) => {
    it(`sees the invoices of ${row.invoices.join(', ') || 'nobody'} and the payments of ${row.payments.join(', ') || 'nobody'}`, async () => {
      const auth = await authFor(row);
      const seen = { invoices: [] as Book[], payments: [] as Book[] };
      for (const book of ALL) {
        const invoices = await app.gql(INVOICES, { filter: { customerId: books[book].customerId } }, auth);
        expect(invoices.errors).toBeUndefined();
        if (invoices.data!.invoices.nodes.some((node) => node.id === books[book].invoiceId)) seen.invoices.push(book);
        const payments = await app.gql(PAYMENTS, { filter: { customerId: books[book].customerId } }, auth);
        expect(payments.errors).toBeUndefined();
        if (payments.data!.payments.nodes.some((node) => node.id === books[book].paymentId)) seen.payments.push(book);
      }
      expect(seen).toEqual({ invoices: row.invoices, payments: row.payments });
    });

    it(`payment details: ${row.paymentDetails}; payments it does not see are not found`, async () => {
      const auth = await authFor(row);
      const outcomes = new Set<string>();
      for (const book of ALL.filter((each) => !row.payments.includes(each))) {
        const unseen = await app.gql(PAYMENT_DETAILS, { id: books[book].paymentId }, auth);
        expect(errorOf(unseen.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'PAYMENT_NOT_FOUND' });
      }
      for (const book of row.payments) {
        const response = await app.gql(PAYMENT_DETAILS, { id: books[book].paymentId }, auth);
        const forbidden = (response.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN').map((error) => error.path?.join('.')).sort();
        const payment = response.data!.payment;
        if (payment!.method !== null && payment!.reference !== null && payment!.payerAccount !== null && forbidden.length === 0) outcomes.add('read');
        if (payment!.method === null && payment!.reference === null && payment!.payerAccount === null) {
          expect(forbidden).toEqual(['payment.method', 'payment.payerAccount', 'payment.reference']);
          outcomes.add('hidden');
        }
      }
      expect([...outcomes]).toEqual(row.paymentDetails === 'none seen' ? [] : [row.paymentDetails]);
    });

    it(`receivables reports: ${row.receivables}`, async () => {
      const response = await app.gql(RECEIVABLES_AGING, { groupBy: 'OWNER' }, await authFor(row));
      expect(response.errors?.[0]?.extensions?.code ?? 'allowed').toBe(row.receivables);
    });
  });
});
