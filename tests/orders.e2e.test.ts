import { Customer } from '../schema/customers/entities/customer.entity';
import { OrderLine } from '../schema/orders/entities/order-line.entity';
import { SalesOrder } from '../schema/orders/entities/sales-order.entity';
import { ContractStatus } from '../schema/orders/orders.enums';
import type { DemoPerson } from '../seeds/demo-company.data';
import { catalog, people, units, userId } from './fixtures/demo-people';
import {
  createContract,
  createDistributor,
  createOrderCustomer,
  demoDistributorId,
  keepDistributorListsValid,
  narrowFloor,
  pt100Model2,
  type OrderCustomerSetup,
} from './fixtures/orders-data';
import type { PlaceOrderInput } from './gql/graphql';
import {
  CANCEL_ORDER,
  ORDER,
  ORDER_COSTS,
  ORDER_CREDIT,
  ORDERS,
  PLACE_ORDER,
  REJECT_CREDIT_HOLD,
  RELEASE_CREDIT_HOLD,
} from './graphql/orders.documents';
import { errorOf } from './support/errors';
import { createTestApp, type TestApp } from './support/test-app';

let app: TestApp;

async function as(person: DemoPerson): Promise<{ token: string }> {
  return { token: await app.tokenFor(person.email) };
}

/** A customer of 赵磊's in 华东 (credit 1,000,000 unless given). */
function zhaoLeiCustomer(setup: Partial<OrderCustomerSetup> = {}): Promise<string> {
  return createOrderCustomer(app, { owner: people.shanghai1Rep, regionId: units.east, ...setup });
}

const pt100 = (quantity: number, discountPercent = '0') => ({ productId: catalog.pt100, quantity, discountPercent });

async function place(person: DemoPerson, input: PlaceOrderInput) {
  return app.gql(PLACE_ORDER, { input }, await as(person));
}

async function placed(person: DemoPerson, input: PlaceOrderInput) {
  const response = await place(person, input);
  expect(response.errors).toBeUndefined();
  return response.data!.placeOrder;
}

async function customerRow(customerId: string): Promise<Customer> {
  return app.orm.em.fork().findOneOrFail(Customer, customerId);
}

async function ordersOf(customerId: string): Promise<number> {
  return app.orm.em.fork().count(SalesOrder, { customer: customerId });
}

beforeAll(async () => {
  app = await createTestApp();
  await keepDistributorListsValid(app);
  await narrowFloor(app);
});

afterAll(async () => {
  await app.close();
});

describe('a direct order', () => {
  it('赵磊 orders for his customer at the direct list price (quantity breaks) with his 5 % discount: CONFIRMED, the exposure grows', async () => {
    const customerId = await zhaoLeiCustomer({ currentExposure: '100000.00', address: '上海市徐汇区测试路 1 号' });
    const order = await placed(people.shanghai1Rep, { customerId, requestedDeliveryDate: '2099-01-15', lines: [pt100(10, '5'), pt100(1)] });

    expect(order).toMatchObject({
      status: 'CONFIRMED',
      total: '1379.4',
      currency: 'CNY',
      requestedDeliveryDate: '2099-01-15',
      deliveryAddress: '上海市徐汇区测试路 1 号',
      customer: { id: customerId },
      owner: { id: userId(people.shanghai1Rep) },
      placedBy: { id: userId(people.shanghai1Rep) },
      contract: null,
      distributor: null,
      priceList: { id: catalog.directPriceList },
      deliveryRegion: { id: units.east },
    });
    expect(order.number).toMatch(/^SO\d{6,}$/);
    // PT100-01: list 137.60, from 10 units 130.72; 130.72 × 0.95 = 124.18.
    expect(order.lines.map((l) => [l.position, l.quantity, l.listPrice, l.discountPercent, l.unitPrice, l.lineTotal, l.shippedQuantity, l.product?.sku])).toEqual([
      [1, 10, '130.72', '5', '124.18', '1241.8', 0, 'SEN-PT100-01'],
      [2, 1, '137.6', '0', '137.6', '137.6', 0, 'SEN-PT100-01'],
    ]);
    expect((await customerRow(customerId)).currentExposure).toBe('101379.40');
    const lines = await app.orm.em.fork().find(OrderLine, { order: order.id });
    expect(lines.map((line) => line.unitCost)).toEqual(['86.00', '86.00']);
  });

  it('shows unit cost and margin to 杨明辉 (director) but not to 赵磊', async () => {
    const customerId = await zhaoLeiCustomer();
    const order = await placed(people.shanghai1Rep, { customerId, lines: [pt100(1)] });
    const director = await app.gql(ORDER_COSTS, { id: order.id }, await as(people.eastDirector));
    expect(director.errors).toBeUndefined();
    expect(director.data!.order!.lines).toEqual([{ unitCost: '86', margin: '51.6' }]);
    const rep = await app.gql(ORDER_COSTS, { id: order.id }, await as(people.shanghai1Rep));
    expect(rep.data!.order!.lines).toEqual([{ unitCost: null, margin: null }]);
    expect(rep.errors?.map((e) => [e.extensions?.code, e.path?.join('.')]).sort()).toEqual([
      ['FORBIDDEN', 'order.lines.0.margin'],
      ['FORBIDDEN', 'order.lines.0.unitCost'],
    ]);
  });

  it('refuses a discount beyond 赵磊’s authority (5 %) at the line’s path, and writes nothing', async () => {
    const customerId = await zhaoLeiCustomer({ currentExposure: '5000.00' });
    const response = await place(people.shanghai1Rep, { customerId, lines: [pt100(1, '5'), pt100(1, '6')] });
    expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DISCOUNT_BEYOND_AUTHORITY', paths: ['input.lines.1.discountPercent'] });
    expect(await ordersOf(customerId)).toBe(0);
    expect((await customerRow(customerId)).currentExposure).toBe('5000.00');
  });

  it('refuses a direct order above 赵磊’s signing limit (200,000): make a contract; nothing is written', async () => {
    const customerId = await zhaoLeiCustomer();
    // 2,000 × 123.84 (from 50 units) = 247,680.
    const response = await place(people.shanghai1Rep, { customerId, lines: [pt100(2000)] });
    expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DIRECT_ORDER_ABOVE_LIMIT', paths: ['input.lines'] });
    expect(await ordersOf(customerId)).toBe(0);
    expect((await customerRow(customerId)).currentExposure).toBe('0.00');
  });

  it('refuses a price below the floor even within the discount authority, without revealing the floor; nothing is written', async () => {
    const customerId = await zhaoLeiCustomer();
    // Model 2 is listed at 200.00 with a floor of 195.00 (set up for this file): 4 % off is 192.00.
    const response = await place(people.shanghai1Rep, { customerId, lines: [pt100(1), { productId: pt100Model2, quantity: 1, discountPercent: '4' }] });
    const error = errorOf(response.errors);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PRICE_BELOW_FLOOR', paths: ['input.lines.1.discountPercent'] });
    expect(error.message).not.toMatch(/195/);
    expect(await ordersOf(customerId)).toBe(0);
    const within = await placed(people.shanghai1Rep, { customerId, lines: [{ productId: pt100Model2, quantity: 1, discountPercent: '2.5' }] });
    expect(within.lines.map((l) => l.unitPrice)).toEqual(['195']);
  });

  it('checks the lines’ shape: products without a contract, valid discounts, a region to deliver to', async () => {
    const customerId = await zhaoLeiCustomer();
    const contractLine = { contractLineId: catalog.pt100, quantity: 1 };
    for (const [input, path] of [
      [{ customerId, lines: [pt100(1), contractLine] }, 'input.lines.1.contractLineId'],
      [{ customerId, lines: [{ quantity: 1 }] }, 'input.lines.0.productId'],
      [{ customerId, lines: [pt100(1, '100.5')] }, 'input.lines.0.discountPercent'],
      [{ customerId, lines: [pt100(0)] }, 'input.lines.0.quantity'],
      [{ customerId, lines: [] }, 'input.lines'],
      [{ customerId, lines: [pt100(1)], deliveryRegionId: units.shanghai1 }, 'input.deliveryRegionId'],
      [{ customerId, lines: [pt100(1)], requestedDeliveryDate: '2020-01-01' }, 'input.requestedDeliveryDate'],
    ] as [PlaceOrderInput, string][]) {
      const response = await place(people.shanghai1Rep, input);
      expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: [path] });
    }
    expect(await ordersOf(customerId)).toBe(0);
  });

  it('delivers to another region and address when told', async () => {
    const customerId = await zhaoLeiCustomer();
    const order = await placed(people.shanghai1Rep, { customerId, lines: [pt100(1)], deliveryRegionId: units.north, deliveryAddress: '  北京市朝阳区仓库 3 号  ' });
    expect(order).toMatchObject({ deliveryRegion: { id: units.north }, deliveryAddress: '北京市朝阳区仓库 3 号' });
  });

  it('is placed only for customers one works: NOT_FOUND for another team’s customer and for a teammate’s', async () => {
    for (const owner of [people.shanghai2Rep, people.shanghai1Teammate]) {
      const customerId = await createOrderCustomer(app, { owner, regionId: units.east });
      const response = await place(people.shanghai1Rep, { customerId, lines: [pt100(1)] });
      expect(errorOf(response.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND', paths: undefined });
      expect(await ordersOf(customerId)).toBe(0);
    }
  });

  it('is placed by the manager and the key account manager too, owned by the customer’s owner', async () => {
    const customerId = await zhaoLeiCustomer({ keyAccountManager: people.keyAccountManager });
    for (const placer of [people.shanghai1Manager, people.keyAccountManager]) {
      const order = await placed(placer, { customerId, lines: [pt100(1)] });
      expect([order.owner?.id, order.placedBy?.id]).toEqual([userId(people.shanghai1Rep), userId(placer)]);
    }
  });
});

describe('the credit check', () => {
  it('holds an order that would push the customer over its limit; the rep and his manager cannot release it, finance does and the exposure moves', async () => {
    const customerId = await zhaoLeiCustomer({ creditLimit: '10000.00', currentExposure: '9000.00' });
    const order = await placed(people.shanghai1Rep, { customerId, lines: [pt100(10)] });
    expect([order.status, order.total]).toEqual(['CREDIT_HOLD', '1307.2']);
    expect((await customerRow(customerId)).currentExposure).toBe('9000.00');
    const held = await app.gql(ORDER_CREDIT, { id: order.id }, await as(people.finance));
    expect(held.data!.order!.creditHoldReason).toBe('Exposure 9000.00 + order 1307.20 = 10307.20 exceeds the credit limit 10000.00.');

    for (const person of [people.shanghai1Rep, people.shanghai1Manager, people.vp]) {
      const refused = await app.gql(RELEASE_CREDIT_HOLD, { id: order.id, version: order.version }, await as(person));
      expect(errorOf(refused.errors).code).toBe('FORBIDDEN');
    }
    expect((await customerRow(customerId)).currentExposure).toBe('9000.00');

    const released = await app.gql(RELEASE_CREDIT_HOLD, { id: order.id, version: order.version, comment: '客户已承诺月底回款' }, await as(people.finance));
    expect(released.errors).toBeUndefined();
    expect(released.data!.releaseCreditHold).toMatchObject({
      status: 'CONFIRMED',
      version: order.version + 1,
      creditComment: '客户已承诺月底回款',
      creditDecidedBy: { id: userId(people.finance) },
    });
    expect(released.data!.releaseCreditHold.creditDecidedAt).not.toBeNull();
    expect((await customerRow(customerId)).currentExposure).toBe('10307.20');

    const again = await app.gql(RELEASE_CREDIT_HOLD, { id: order.id, version: order.version + 1 }, await as(people.finance));
    expect(errorOf(again.errors)).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_STATUS_CONFLICT' });
    expect((await customerRow(customerId)).currentExposure).toBe('10307.20');
  });

  it('finance refuses a held order with a reason: CANCELLED, the exposure untouched; a blank reason or a stale version changes nothing', async () => {
    const customerId = await zhaoLeiCustomer({ creditLimit: '1000.00' });
    const order = await placed(people.shanghai1Rep, { customerId, lines: [pt100(10)] });
    expect(order.status).toBe('CREDIT_HOLD');
    const finance = await as(people.finance);

    const blank = await app.gql(REJECT_CREDIT_HOLD, { id: order.id, version: order.version, comment: '  ' }, finance);
    expect(errorOf(blank.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['comment'] });
    const stale = await app.gql(REJECT_CREDIT_HOLD, { id: order.id, version: order.version + 1, comment: '逾期未付' }, finance);
    expect(errorOf(stale.errors)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const rep = await app.gql(REJECT_CREDIT_HOLD, { id: order.id, version: order.version, comment: '逾期未付' }, await as(people.shanghai1Rep));
    expect(errorOf(rep.errors).code).toBe('FORBIDDEN');

    const rejected = await app.gql(REJECT_CREDIT_HOLD, { id: order.id, version: order.version, comment: '逾期未付' }, finance);
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data!.rejectCreditHold).toMatchObject({
      status: 'CANCELLED',
      cancelReason: '逾期未付',
      creditComment: '逾期未付',
      creditDecidedBy: { id: userId(people.finance) },
    });
    expect((await customerRow(customerId)).currentExposure).toBe('0.00');
  });

  it('赵磊 reads his held order’s status but not why it was held (the exposure and limit): null and FORBIDDEN; his team manager and finance read the reason', async () => {
    const customerId = await zhaoLeiCustomer({ creditLimit: '1000.00', currentExposure: '500.00' });
    const order = await placed(people.shanghai1Rep, { customerId, lines: [pt100(10)] });
    expect(order.status).toBe('CREDIT_HOLD');
    const reason = 'Exposure 500.00 + order 1307.20 = 1807.20 exceeds the credit limit 1000.00.';

    const rep = await app.gql(ORDER_CREDIT, { id: order.id }, await as(people.shanghai1Rep));
    expect(rep.data!.order).toMatchObject({ id: order.id, status: 'CREDIT_HOLD', creditHoldReason: null, creditComment: null, creditDecidedAt: null });
    expect(rep.errors?.map((e) => [e.extensions?.code, e.path?.join('.')]).sort()).toEqual([
      ['FORBIDDEN', 'order.creditComment'],
      ['FORBIDDEN', 'order.creditHoldReason'],
    ]);
    for (const person of [people.shanghai1Manager, people.finance]) {
      const reader = await app.gql(ORDER_CREDIT, { id: order.id }, await as(person));
      expect(reader.errors).toBeUndefined();
      expect(reader.data!.order).toMatchObject({ status: 'CREDIT_HOLD', creditHoldReason: reason });
    }
  });

  it('the credit hold reason and finance’s comment are hidden from the key account manager, customer service and technical support, who still see who decided and when; the regional director reads them', async () => {
    const customerId = await zhaoLeiCustomer({ creditLimit: '100.00', keyAccountManager: people.keyAccountManager });
    const order = await placed(people.shanghai1Rep, { customerId, lines: [pt100(1)] });
    const released = await app.gql(RELEASE_CREDIT_HOLD, { id: order.id, version: order.version, comment: '额度 100，敞口 137.60，批准超限' }, await as(people.finance));
    expect(released.errors).toBeUndefined();
    for (const person of [people.keyAccountManager, people.customerService, people.techSupport]) {
      const response = await app.gql(ORDER_CREDIT, { id: order.id }, await as(person));
      expect(response.data!.order).toMatchObject({ status: 'CONFIRMED', creditHoldReason: null, creditComment: null, creditDecidedBy: { id: userId(people.finance) } });
      expect(response.data!.order!.creditDecidedAt).not.toBeNull();
      expect(response.errors?.map((e) => e.path?.join('.')).sort()).toEqual(['order.creditComment', 'order.creditHoldReason']);
    }
    const director = await app.gql(ORDER_CREDIT, { id: order.id }, await as(people.eastDirector));
    expect(director.errors).toBeUndefined();
    expect(director.data!.order!.creditComment).toBe('额度 100，敞口 137.60，批准超限');
  });

  it('of two orders placed at once that each fit but not both, confirms one and holds the other', async () => {
    const customerId = await zhaoLeiCustomer({ creditLimit: '2000.00' });
    const auth = await as(people.shanghai1Rep);
    const results = await Promise.all([1, 2].map(() => app.gql(PLACE_ORDER, { input: { customerId, lines: [pt100(10)] } }, auth)));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect(results.map((r) => r.data!.placeOrder.status).sort()).toEqual(['CONFIRMED', 'CREDIT_HOLD']);
    expect((await customerRow(customerId)).currentExposure).toBe('1307.20');
  });
});

describe('an order against a contract', () => {
  async function signedContract(customerId: string, status?: ContractStatus) {
    return createContract(app, {
      customerId,
      owner: people.shanghai1Rep,
      status,
      lines: [{ productId: catalog.pt100, quantity: 2000, listPrice: '137.60', discountPercent: '12', unitPrice: '121.09' }],
    });
  }

  it('takes the contract’s prices, beyond the direct-order limit, and is refused over the contract’s quantity at the line’s path', async () => {
    const customerId = await zhaoLeiCustomer();
    const { contractId, lineIds } = await signedContract(customerId);
    const order = await placed(people.shanghai1Rep, { customerId, contractId, lines: [{ contractLineId: lineIds[0], quantity: 1800 }] });
    // 1,800 × 121.09 = 217,962: above 赵磊's direct limit, fine against a signed contract.
    expect(order).toMatchObject({ status: 'CONFIRMED', total: '217962', contract: { id: contractId }, priceList: null });
    expect(order.lines.map((l) => [l.quantity, l.listPrice, l.discountPercent, l.unitPrice, l.contractLine?.id, l.product?.id])).toEqual([
      [1800, '137.6', '12', '121.09', lineIds[0], catalog.pt100],
    ]);

    const over = await place(people.shanghai1Rep, { customerId, contractId, lines: [{ contractLineId: lineIds[0], quantity: 150 }, { contractLineId: lineIds[0], quantity: 51 }] });
    const error = errorOf(over.errors);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CONTRACT_QUANTITY_EXCEEDED', paths: ['input.lines.1.quantity'] });
    expect(error.message).toMatch(/50 of 2000 left/);
    expect(await ordersOf(customerId)).toBe(1);
    expect((await customerRow(customerId)).currentExposure).toBe('217962.00');

    // A cancelled order's units are free again.
    const cancelled = await app.gql(CANCEL_ORDER, { id: order.id, version: order.version, reason: '客户改期' }, await as(people.shanghai1Rep));
    expect(cancelled.errors).toBeUndefined();
    const rest = await placed(people.shanghai1Rep, { customerId, contractId, lines: [{ contractLineId: lineIds[0], quantity: 2000 }] });
    expect(rest.total).toBe('242180');
  });

  it('shows customer service and technical support the order against a contract with its quantities but its total and line prices null and FORBIDDEN, and orders by total lists none of it', async () => {
    const customerId = await zhaoLeiCustomer();
    const { contractId, lineIds } = await signedContract(customerId);
    const order = await placed(people.shanghai1Rep, { customerId, contractId, lines: [{ contractLineId: lineIds[0], quantity: 100 }] });
    expect(order.total).toBe('12109');
    const prices = ['listPrice', 'discountPercent', 'unitPrice', 'lineTotal'];
    for (const person of [people.customerService, people.techSupport]) {
      const auth = await as(person);
      const read = await app.gql(ORDER, { id: order.id }, auth);
      expect(read.data!.order).toMatchObject({ id: order.id, status: 'CONFIRMED', total: null, contract: { id: contractId } });
      expect(read.data!.order!.lines.map((l) => [l.quantity, l.shippedQuantity, l.listPrice, l.discountPercent, l.unitPrice, l.lineTotal, l.contractLine?.id])).toEqual([
        [100, 0, null, null, null, null, lineIds[0]],
      ]);
      expect(read.errors?.map((e) => [e.extensions?.code, e.path?.join('.')]).sort()).toEqual(
        [['FORBIDDEN', 'order.total'], ...prices.map((field) => ['FORBIDDEN', `order.lines.0.${field}`])].sort(),
      );

      const byTotal = await app.gql(ORDERS, { filter: { customerId }, orderBy: 'TOTAL_DESC' }, auth);
      expect(byTotal.errors).toBeUndefined();
      expect(byTotal.data!.orders).toMatchObject({ totalCount: 0, nodes: [] });
      // Newest first, the order is listed, its total hidden.
      const newest = await app.gql(ORDERS, { filter: { customerId } }, auth);
      expect(newest.data!.orders.nodes.map((node) => [node.id, node.total])).toEqual([[order.id, null]]);
      expect(newest.errors?.map((e) => e.path?.join('.'))).toEqual(['orders.nodes.0.total']);
    }
    // The rep who placed it and finance read the same order by total.
    for (const person of [people.shanghai1Rep, people.finance]) {
      const byTotal = await app.gql(ORDERS, { filter: { customerId }, orderBy: 'TOTAL_DESC' }, await as(person));
      expect(byTotal.data!.orders.nodes.map((node) => [node.id, node.total])).toEqual([[order.id, '12109']]);
    }
  });

  it('is refused for a contract that is not signed, of another customer, or with product lines', async () => {
    const customerId = await zhaoLeiCustomer();
    const draft = await signedContract(customerId, ContractStatus.DRAFT);
    const notSigned = await place(people.shanghai1Rep, { customerId, contractId: draft.contractId, lines: [{ contractLineId: draft.lineIds[0], quantity: 1 }] });
    expect(errorOf(notSigned.errors)).toMatchObject({ code: 'CONFLICT', reason: 'CONTRACT_NOT_ORDERABLE' });

    const otherCustomerId = await zhaoLeiCustomer();
    const other = await signedContract(otherCustomerId);
    const wrongCustomer = await place(people.shanghai1Rep, { customerId, contractId: other.contractId, lines: [{ contractLineId: other.lineIds[0], quantity: 1 }] });
    expect(errorOf(wrongCustomer.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.contractId'] });

    const signed = await signedContract(customerId);
    const productLine = await place(people.shanghai1Rep, { customerId, contractId: signed.contractId, lines: [pt100(1)] });
    expect(errorOf(productLine.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.lines.0.productId'] });
    const foreignLine = await place(people.shanghai1Rep, { customerId, contractId: signed.contractId, lines: [{ contractLineId: other.lineIds[0], quantity: 1 }] });
    expect(errorOf(foreignLine.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.lines.0.contractLineId'] });
    const discounted = await place(people.shanghai1Rep, { customerId, contractId: signed.contractId, lines: [{ contractLineId: signed.lineIds[0], quantity: 1, discountPercent: '1' }] });
    expect(errorOf(discounted.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.lines.0.discountPercent'] });
    expect(await ordersOf(customerId)).toBe(0);
  });

  it('of two orders taking the last contract units at once, lets exactly one through', async () => {
    const customerId = await zhaoLeiCustomer();
    const { contractId, lineIds } = await signedContract(customerId);
    const auth = await as(people.shanghai1Rep);
    const results = await Promise.all([1, 2].map(() => app.gql(PLACE_ORDER, { input: { customerId, contractId, lines: [{ contractLineId: lineIds[0], quantity: 1500 }] } }, auth)));
    const outcomes = results.map((r) => (r.errors === undefined ? 'placed' : r.errors[0].extensions?.reason)).sort();
    expect(outcomes).toEqual(['CONTRACT_QUANTITY_EXCEEDED', 'placed']);
    expect(await ordersOf(customerId)).toBe(1);
  });
});

describe('a partner order (粤通商贸, 华南)', () => {
  const southCustomer = (setup: Partial<OrderCustomerSetup> = {}) =>
    createOrderCustomer(app, { owner: people.southRep, regionId: units.south, distributorId: demoDistributorId, ...setup });

  it('is priced from the distributor list for the south, carries the distributor, and hides cost, margin and the owner from the partner', async () => {
    const customerId = await southCustomer();
    const order = await placed(people.partner, { customerId, lines: [pt100(60)] });
    // The Q4 south promotion: cost × 1.3, no quantity breaks.
    expect(order).toMatchObject({
      status: 'CONFIRMED',
      total: '6708',
      distributor: { id: demoDistributorId },
      priceList: { id: catalog.southPromoPriceList },
      placedBy: { id: userId(people.partner) },
      owner: null,
      deliveryRegion: { id: units.south },
    });
    expect(order.lines.map((l) => [l.listPrice, l.unitPrice])).toEqual([['111.8', '111.8']]);
    const internal = await app.gql(ORDER, { id: order.id }, await as(people.southRep));
    expect(internal.data!.order!.owner).toEqual({ id: userId(people.southRep) });

    const costs = await app.gql(ORDER_COSTS, { id: order.id }, await as(people.partner));
    expect(costs.data!.order!.lines).toEqual([{ unitCost: null, margin: null }]);
    expect(costs.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('grants no discount', async () => {
    const customerId = await southCustomer();
    const response = await place(people.partner, { customerId, lines: [pt100(1, '1')] });
    expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DISCOUNT_BEYOND_AUTHORITY', paths: ['input.lines.0.discountPercent'] });
    expect(await ordersOf(customerId)).toBe(0);
  });

  it('is refused for a customer outside its regions, another distributor’s, or a direct customer', async () => {
    const otherDistributorId = await createDistributor(app, units.south);
    const customers = [
      await createOrderCustomer(app, { owner: people.shanghai1Rep, regionId: units.east, distributorId: demoDistributorId }),
      await createOrderCustomer(app, { owner: people.southRep, regionId: units.south, distributorId: otherDistributorId }),
      await createOrderCustomer(app, { owner: people.southRep, regionId: units.south }),
    ];
    for (const customerId of customers) {
      const response = await place(people.partner, { customerId, lines: [pt100(1)] });
      expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CUSTOMER_OUTSIDE_PARTNER_REGION', paths: ['input.customerId'] });
      expect(await ordersOf(customerId)).toBe(0);
    }
  });

  it('orders without contracts', async () => {
    const customerId = await southCustomer();
    const { contractId, lineIds } = await createContract(app, {
      customerId,
      owner: people.southRep,
      lines: [{ productId: catalog.pt100, quantity: 10, listPrice: '111.80', discountPercent: '0', unitPrice: '111.80' }],
    });
    const response = await place(people.partner, { customerId, contractId, lines: [{ contractLineId: lineIds[0], quantity: 1 }] });
    expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.contractId'] });
  });

  it('goes on credit hold like any other; the partner sees the status but not the reason', async () => {
    const customerId = await southCustomer({ creditLimit: '1000.00' });
    const order = await placed(people.partner, { customerId, lines: [pt100(60)] });
    expect(order.status).toBe('CREDIT_HOLD');
    const credit = await app.gql(ORDER_CREDIT, { id: order.id }, await as(people.partner));
    expect(credit.data!.order).toMatchObject({ status: 'CREDIT_HOLD', creditHoldReason: null });
    expect(credit.errors?.some((e) => e.extensions?.code === 'FORBIDDEN' && e.path?.join('.') === 'order.creditHoldReason')).toBe(true);
  });

  it('sees only its own orders: the internal orders of its customers and everyone else’s are NOT_FOUND and not listed', async () => {
    const customerId = await southCustomer();
    const own = await placed(people.partner, { customerId, lines: [pt100(1)] });
    const internal = await placed(people.southRep, { customerId, lines: [pt100(1)] });
    const elsewhere = await placed(people.shanghai1Rep, { customerId: await zhaoLeiCustomer(), lines: [pt100(1)] });
    const partner = await as(people.partner);
    for (const id of [internal.id, elsewhere.id]) {
      expect(errorOf((await app.gql(ORDER, { id }, partner)).errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'ORDER_NOT_FOUND' });
    }
    const list = await app.gql(ORDERS, { first: 100 }, partner);
    expect(list.errors).toBeUndefined();
    const ids = list.data!.orders.nodes.map((node) => node.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(internal.id);
    expect(list.data!.orders.nodes.every((node) => node.distributor?.id === demoDistributorId)).toBe(true);
  });
});

describe('cancelling an order', () => {
  it('gives a confirmed order’s exposure back; a reason is needed and a cancelled order stays cancelled', async () => {
    const customerId = await zhaoLeiCustomer({ currentExposure: '1000.00' });
    const order = await placed(people.shanghai1Rep, { customerId, lines: [pt100(10)] });
    expect((await customerRow(customerId)).currentExposure).toBe('2307.20');
    const rep = await as(people.shanghai1Rep);
    const blank = await app.gql(CANCEL_ORDER, { id: order.id, version: order.version, reason: ' ' }, rep);
    expect(errorOf(blank.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['reason'] });
    const stale = await app.gql(CANCEL_ORDER, { id: order.id, version: order.version + 1, reason: '客户取消' }, rep);
    expect(errorOf(stale.errors)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });

    const cancelled = await app.gql(CANCEL_ORDER, { id: order.id, version: order.version, reason: '客户取消' }, rep);
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelOrder).toMatchObject({ status: 'CANCELLED', cancelReason: '客户取消', version: order.version + 1 });
    expect((await customerRow(customerId)).currentExposure).toBe('1000.00');
    const again = await app.gql(CANCEL_ORDER, { id: order.id, version: order.version + 1, reason: '客户取消' }, rep);
    expect(errorOf(again.errors)).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_STATUS_CONFLICT' });
  });

  it('cancels a held order without touching the exposure', async () => {
    const customerId = await zhaoLeiCustomer({ creditLimit: '100.00' });
    const order = await placed(people.shanghai1Rep, { customerId, lines: [pt100(1)] });
    expect(order.status).toBe('CREDIT_HOLD');
    const cancelled = await app.gql(CANCEL_ORDER, { id: order.id, version: order.version, reason: '不再需要' }, await as(people.shanghai1Rep));
    expect(cancelled.data!.cancelOrder.status).toBe('CANCELLED');
    expect((await customerRow(customerId)).currentExposure).toBe('0.00');
  });

  it('is for the owner’s chain and the placing partner; a teammate gets NOT_FOUND, the key account manager FORBIDDEN', async () => {
    const customerId = await zhaoLeiCustomer({ keyAccountManager: people.keyAccountManager });
    const order = await placed(people.shanghai1Rep, { customerId, lines: [pt100(1)] });
    const teammate = await app.gql(CANCEL_ORDER, { id: order.id, version: order.version, reason: '取消' }, await as(people.shanghai1Teammate));
    expect(errorOf(teammate.errors)).toMatchObject({ code: 'NOT_FOUND' });
    const kam = await app.gql(CANCEL_ORDER, { id: order.id, version: order.version, reason: '取消' }, await as(people.keyAccountManager));
    expect(errorOf(kam.errors)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ORDER_OWNER' });
    const director = await app.gql(CANCEL_ORDER, { id: order.id, version: order.version, reason: '取消' }, await as(people.eastDirector));
    expect(director.data?.cancelOrder.status).toBe('CANCELLED');

    const southCustomerId = await createOrderCustomer(app, { owner: people.southRep, regionId: units.south, distributorId: demoDistributorId });
    const partnerOrder = await placed(people.partner, { customerId: southCustomerId, lines: [pt100(1)] });
    const partner = await app.gql(CANCEL_ORDER, { id: partnerOrder.id, version: partnerOrder.version, reason: '渠道取消' }, await as(people.partner));
    expect(partner.data?.cancelOrder.status).toBe('CANCELLED');
  });
});

describe('the idempotency key', () => {
  it('returns the first order for the same key and order from the same user, also when both requests arrive at once; another user’s key is theirs', async () => {
    const customerId = await zhaoLeiCustomer();
    const first = await placed(people.shanghai1Rep, { customerId, lines: [pt100(1)], idempotencyKey: 'erp-4711' });
    const retry = await placed(people.shanghai1Rep, { customerId, lines: [pt100(1)], idempotencyKey: 'erp-4711' });
    expect(retry).toEqual(first);
    // The same key with another order (quantity 5 instead of 1) is refused, never answered with the first order.
    const reused = await place(people.shanghai1Rep, { customerId, lines: [pt100(5)], idempotencyKey: 'erp-4711' });
    expect(reused.data).toBeNull();
    expect(errorOf(reused.errors)).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await customerRow(customerId)).currentExposure).toBe('137.60');

    const auth = await as(people.shanghai1Rep);
    const racing = await Promise.all([1, 2].map(() => app.gql(PLACE_ORDER, { input: { customerId, lines: [pt100(1)], idempotencyKey: 'erp-4712' } }, auth)));
    expect(racing.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect(racing[0].data!.placeOrder.id).toBe(racing[1].data!.placeOrder.id);

    const manager = await placed(people.shanghai1Manager, { customerId, lines: [pt100(1)], idempotencyKey: 'erp-4711' });
    expect(manager.id).not.toBe(first.id);
    expect(await ordersOf(customerId)).toBe(3);
    expect((await customerRow(customerId)).currentExposure).toBe('412.80');
  });
});

describe('reading orders', () => {
  it('filters by customer, status and owner, sorts by total and pages with cursors, in the viewer’s scope', async () => {
    const customerId = await zhaoLeiCustomer({ creditLimit: '3000.00' });
    const rep = await as(people.shanghai1Rep);
    for (const quantity of [1, 20, 5]) await placed(people.shanghai1Rep, { customerId, lines: [pt100(quantity)] });
    // 137.60, 2,614.40 (20 × 130.72) and 688.00 (5 × 137.60): the last one no longer fits under 3,000.

    const first = await app.gql(ORDERS, { filter: { customerId }, orderBy: 'TOTAL_DESC', first: 2 }, rep);
    expect(first.errors).toBeUndefined();
    expect(first.data!.orders.totalCount).toBe(3);
    expect(first.data!.orders.nodes.map((node) => node.total)).toEqual(['2614.4', '688']);
    expect(first.data!.orders.pageInfo.hasNextPage).toBe(true);
    const second = await app.gql(ORDERS, { filter: { customerId }, orderBy: 'TOTAL_DESC', first: 2, after: first.data!.orders.pageInfo.endCursor }, rep);
    expect(second.data!.orders.nodes.map((node) => node.total)).toEqual(['137.6']);

    const held = await app.gql(ORDERS, { filter: { customerId, statuses: ['CREDIT_HOLD'] } }, rep);
    expect(held.data!.orders.nodes.map((node) => node.total)).toEqual(['688']);
    const newest = await app.gql(ORDERS, { filter: { customerId, ownerIds: [userId(people.shanghai1Rep)] } }, await as(people.shanghai1Manager));
    expect(newest.data!.orders.nodes.map((node) => node.total)).toEqual(['688', '2614.4', '137.6']);
    const since = await app.gql(ORDERS, { filter: { customerId, createdFrom: new Date(Date.now() + 60_000).toISOString() } }, rep);
    expect(since.data!.orders.totalCount).toBe(0);

    const teammate = await app.gql(ORDERS, { filter: { customerId } }, await as(people.shanghai1Teammate));
    expect(teammate.data!.orders.totalCount).toBe(0);
    const service = await app.gql(ORDERS, { filter: { customerId } }, await as(people.customerService));
    expect(service.data!.orders.totalCount).toBe(3);
  });

  it('filters by distributor for internal viewers', async () => {
    const customerId = await createOrderCustomer(app, { owner: people.southRep, regionId: units.south, distributorId: demoDistributorId });
    await placed(people.partner, { customerId, lines: [pt100(1)] });
    await placed(people.southRep, { customerId, lines: [pt100(1)] });
    const vp = await app.gql(ORDERS, { filter: { customerId, distributorId: demoDistributorId } }, await as(people.vp));
    expect(vp.data!.orders.totalCount).toBe(1);
  });
});

describe('the rights to each order mutation', () => {
  it('placeOrder is refused to customer service, technical support and finance', async () => {
    const customerId = await zhaoLeiCustomer();
    for (const person of [people.customerService, people.techSupport, people.finance]) {
      expect(errorOf((await place(person, { customerId, lines: [pt100(1)] })).errors).code).toBe('FORBIDDEN');
    }
    expect(await ordersOf(customerId)).toBe(0);
  });

  it('releaseCreditHold and rejectCreditHold are refused to everyone but finance; cancelOrder to service, support and finance', async () => {
    const customerId = await zhaoLeiCustomer({ creditLimit: '0.00' });
    const order = await placed(people.shanghai1Rep, { customerId, lines: [pt100(1)] });
    for (const person of [people.customerService, people.admin, people.eastDirector, people.partner]) {
      const auth = await as(person);
      expect(errorOf((await app.gql(RELEASE_CREDIT_HOLD, { id: order.id, version: order.version }, auth)).errors).code).toBe('FORBIDDEN');
      expect(errorOf((await app.gql(REJECT_CREDIT_HOLD, { id: order.id, version: order.version, comment: '否' }, auth)).errors).code).toBe('FORBIDDEN');
    }
    for (const person of [people.customerService, people.techSupport, people.finance]) {
      expect(errorOf((await app.gql(CANCEL_ORDER, { id: order.id, version: order.version, reason: '否' }, await as(person))).errors).code).toBe('FORBIDDEN');
    }
    const unchanged = await app.gql(ORDER, { id: order.id }, await as(people.shanghai1Rep));
    expect([unchanged.data!.order!.status, unchanged.data!.order!.version]).toEqual(['CREDIT_HOLD', order.version]);
  });
});
