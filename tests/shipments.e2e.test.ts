import { OrderLine } from '../schema/orders/entities/order-line.entity';
import { SalesOrder } from '../schema/orders/entities/sales-order.entity';
import { Shipment } from '../schema/orders/entities/shipment.entity';
import type { DemoPerson } from '../seeds/demo-company.data';
import { catalog, people, units, userId } from './fixtures/demo-people';
import { createOrderCustomer, demoDistributorId, keepDistributorListsValid, pt100Model2, type OrderCustomerSetup } from './fixtures/orders-data';
import type { CreateShipmentInput, PlaceOrderLineInput } from './gql/graphql';
import {
  BATCH_TRACE,
  CANCEL_ORDER,
  CONFIRM_DELIVERY,
  CREATE_SHIPMENT,
  ORDERS_WITH_SHIPMENTS,
  PLACE_ORDER,
  SHIPMENT,
  SHIPMENTS,
} from './graphql/orders.documents';
import { errorOf } from './support/errors';
import { createTestApp, type TestApp } from './support/test-app';

let app: TestApp;
/** Today as the database sees it. */
let today: string;

async function as(person: DemoPerson): Promise<{ token: string }> {
  return { token: await app.tokenFor(person.email) };
}

const pt100 = (quantity: number): PlaceOrderLineInput => ({ productId: catalog.pt100, quantity });

/** A confirmed order placed through the API by `placer` for a new customer of `owner`. */
async function confirmedOrder(lines: PlaceOrderLineInput[], options: { placer?: DemoPerson; customer?: Partial<OrderCustomerSetup> } = {}) {
  const placer = options.placer ?? people.shanghai1Rep;
  const customerId = await createOrderCustomer(app, { owner: people.shanghai1Rep, regionId: units.east, address: '上海市嘉定区安亭镇测试路 8 号', ...options.customer });
  const response = await app.gql(PLACE_ORDER, { input: { customerId, lines } }, await as(placer));
  expect(response.errors).toBeUndefined();
  return response.data!.placeOrder;
}

async function ship(person: DemoPerson, input: CreateShipmentInput) {
  return app.gql(CREATE_SHIPMENT, { input }, await as(person));
}

async function shipped(person: DemoPerson, input: CreateShipmentInput) {
  const response = await ship(person, input);
  expect(response.errors).toBeUndefined();
  return response.data!.createShipment;
}

/** The order's lines' shipped quantities, its status and its shipments, read back from the database. */
async function stateOf(orderId: string) {
  const em = app.orm.em.fork();
  const [lines, order, shipments] = await Promise.all([
    em.find(OrderLine, { order: orderId }, { orderBy: { position: 'asc' } }),
    em.findOneOrFail(SalesOrder, orderId),
    em.count(Shipment, { order: orderId }),
  ]);
  return { shipped: lines.map((line) => line.shippedQuantity), status: order.status, shipments };
}

beforeAll(async () => {
  app = await createTestApp();
  await keepDistributorListsValid(app);
  [{ today }] = await app.orm.em.fork().execute<{ today: string }[]>(`select current_date::text as today`);
});

afterAll(async () => {
  await app.close();
});

describe('shipping an order', () => {
  it('ships part of an order in batches — several on one line — then the rest: PARTIALLY_SHIPPED, then SHIPPED', async () => {
    const order = await confirmedOrder([pt100(10), { productId: pt100Model2, quantity: 5 }]);
    const [line1, line2] = order.lines;

    const first = await shipped(people.customerService, {
      orderId: order.id,
      carrier: '顺丰速运',
      trackingNumber: 'SF1234567890',
      lines: [
        { orderLineId: line1.id, quantity: 4, batchNumber: 'B2026-11-A' },
        { orderLineId: line1.id, quantity: 2, batchNumber: '  B2026-11-B  ' },
      ],
    });
    expect(first).toMatchObject({
      status: 'SHIPPED',
      shippedOn: today,
      carrier: '顺丰速运',
      trackingNumber: 'SF1234567890',
      deliveryAddress: '上海市嘉定区安亭镇测试路 8 号',
      deliveryRegion: { id: units.east },
      createdBy: { id: userId(people.customerService) },
      order: { id: order.id, status: 'PARTIALLY_SHIPPED', version: order.version + 1 },
    });
    expect(first.number).toMatch(/^SH\d{6,}$/);
    expect(first.lines.map((l) => [l.orderLine?.id, l.quantity, l.batchNumber, l.product?.id])).toEqual([
      [line1.id, 4, 'B2026-11-A', catalog.pt100],
      [line1.id, 2, 'B2026-11-B', catalog.pt100],
    ]);
    expect(first.order?.lines.map((l) => l.shippedQuantity)).toEqual([6, 0]);

    const rest = await shipped(people.shanghai1Rep, {
      orderId: order.id,
      shippedOn: '2026-11-30',
      deliveryAddress: '上海市嘉定区第二仓库',
      deliveryRegionId: units.east,
      lines: [
        { orderLineId: line1.id, quantity: 4, batchNumber: 'B2026-11-C' },
        { orderLineId: line2.id, quantity: 5, batchNumber: 'B2026-12.A_1' },
      ],
    });
    expect(rest).toMatchObject({ shippedOn: '2026-11-30', deliveryAddress: '上海市嘉定区第二仓库', order: { status: 'SHIPPED' } });
    expect(await stateOf(order.id)).toEqual({ shipped: [10, 5], status: 'SHIPPED', shipments: 2 });

    const list = await app.gql(SHIPMENTS, { filter: { orderId: order.id } }, await as(people.shanghai1Rep));
    expect(list.data!.shipments.nodes.map((node) => node.number)).toEqual([rest.number, first.number]);
    const more = await ship(people.customerService, { orderId: order.id, lines: [{ orderLineId: line1.id, quantity: 1, batchNumber: 'B1' }] });
    expect(errorOf(more.errors)).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_STATUS_CONFLICT' });
  });

  it('refuses to ship more than is left on an order line at the input line’s path, and changes nothing', async () => {
    const order = await confirmedOrder([pt100(10)]);
    const lineId = order.lines[0].id;
    const over = await ship(people.customerService, {
      orderId: order.id,
      lines: [
        { orderLineId: lineId, quantity: 6, batchNumber: 'B-OVER-1' },
        { orderLineId: lineId, quantity: 5, batchNumber: 'B-OVER-2' },
      ],
    });
    const error = errorOf(over.errors);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OVER_SHIPMENT', paths: ['input.lines.1.quantity'] });
    expect(error.message).toMatch(/4 left to ship/);
    expect(await stateOf(order.id)).toEqual({ shipped: [0], status: 'CONFIRMED', shipments: 0 });

    await shipped(people.customerService, { orderId: order.id, lines: [{ orderLineId: lineId, quantity: 6, batchNumber: 'B-OVER-1' }] });
    const again = await ship(people.customerService, { orderId: order.id, lines: [{ orderLineId: lineId, quantity: 5, batchNumber: 'B-OVER-2' }] });
    expect(errorOf(again.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OVER_SHIPMENT', paths: ['input.lines.0.quantity'] });
    expect(await stateOf(order.id)).toEqual({ shipped: [6], status: 'PARTIALLY_SHIPPED', shipments: 1 });
  });

  it('refuses bad batch numbers and another order’s lines, and writes nothing', async () => {
    const order = await confirmedOrder([pt100(3)]);
    const other = await confirmedOrder([pt100(3)]);
    for (const batchNumber of ['', '   ', 'B 1', '批号-1', 'X'.repeat(41)]) {
      const response = await ship(people.customerService, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: 1, batchNumber }] });
      expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.lines.0.batchNumber'] });
    }
    const foreign = await ship(people.customerService, { orderId: order.id, lines: [{ orderLineId: other.lines[0].id, quantity: 1, batchNumber: 'B1' }] });
    expect(errorOf(foreign.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.lines.0.orderLineId'] });
    expect(await stateOf(order.id)).toEqual({ shipped: [0], status: 'CONFIRMED', shipments: 0 });
  });

  it('refuses a shipping day in the future at input.shippedOn, and writes nothing', async () => {
    const order = await confirmedOrder([pt100(3)]);
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const ahead = await ship(people.customerService, { orderId: order.id, shippedOn: tomorrow, lines: [{ orderLineId: order.lines[0].id, quantity: 3, batchNumber: 'B-AHEAD' }] });
    expect(errorOf(ahead.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.shippedOn'] });
    expect(await stateOf(order.id)).toEqual({ shipped: [0], status: 'CONFIRMED', shipments: 0 });
  });

  it('ships only confirmed orders: one on credit hold or cancelled is ORDER_STATUS_CONFLICT', async () => {
    const held = await confirmedOrder([pt100(3)], { customer: { creditLimit: '0.00' } });
    expect(held.status).toBe('CREDIT_HOLD');
    const onHold = await ship(people.customerService, { orderId: held.id, lines: [{ orderLineId: held.lines[0].id, quantity: 1, batchNumber: 'B1' }] });
    expect(errorOf(onHold.errors)).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_STATUS_CONFLICT' });

    const order = await confirmedOrder([pt100(3)]);
    const cancelled = await app.gql(CANCEL_ORDER, { id: order.id, version: order.version, reason: '客户取消' }, await as(people.shanghai1Rep));
    expect(cancelled.errors).toBeUndefined();
    const afterCancel = await ship(people.customerService, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: 1, batchNumber: 'B1' }] });
    expect(errorOf(afterCancel.errors)).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_STATUS_CONFLICT' });
  });

  it('of two shipments of a line’s remaining quantity at once, lets exactly one through', async () => {
    // A second line keeps the order open after either shipment, so the quantity check (under the order's lock) decides.
    const order = await confirmedOrder([pt100(10), pt100(1)]);
    await shipped(people.customerService, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: 4, batchNumber: 'B-RACE-0' }] });
    const auth = await as(people.customerService);
    const input = { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: 6, batchNumber: 'B-RACE' }] };
    const results = await Promise.all([1, 2].map(() => app.gql(CREATE_SHIPMENT, { input }, auth)));
    const outcomes = results.map((r) => (r.errors === undefined ? 'shipped' : r.errors[0].extensions?.reason)).sort();
    expect(outcomes).toEqual(['OVER_SHIPMENT', 'shipped']);
    expect(await stateOf(order.id)).toEqual({ shipped: [10, 0], status: 'PARTIALLY_SHIPPED', shipments: 2 });
  });

  it('of two shipments completing an order at once, lets exactly one through; the other finds it SHIPPED', async () => {
    const order = await confirmedOrder([pt100(10)]);
    const auth = await as(people.customerService);
    const input = { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: 10, batchNumber: 'B-RACE' }] };
    const results = await Promise.all([1, 2].map(() => app.gql(CREATE_SHIPMENT, { input }, auth)));
    const outcomes = results.map((r) => (r.errors === undefined ? 'shipped' : r.errors[0].extensions?.reason)).sort();
    expect(outcomes).toEqual(['ORDER_STATUS_CONFLICT', 'shipped']);
    expect(await stateOf(order.id)).toEqual({ shipped: [10], status: 'SHIPPED', shipments: 1 });
  });

  it('leaves a shipped order uncancellable', async () => {
    const order = await confirmedOrder([pt100(4)]);
    await shipped(people.customerService, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: 1, batchNumber: 'B1' }] });
    const cancel = await app.gql(CANCEL_ORDER, { id: order.id, version: order.version + 1, reason: '客户取消' }, await as(people.shanghai1Rep));
    expect(errorOf(cancel.errors)).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_STATUS_CONFLICT' });
  });

  it('is visible only with its order: a teammate gets NOT_FOUND for the shipment and cannot ship the order', async () => {
    const order = await confirmedOrder([pt100(2)]);
    const shipment = await shipped(people.customerService, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: 1, batchNumber: 'B1' }] });
    const teammate = await as(people.shanghai1Teammate);
    expect(errorOf((await app.gql(SHIPMENT, { id: shipment.id }, teammate)).errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'SHIPMENT_NOT_FOUND' });
    const refused = await app.gql(CREATE_SHIPMENT, { input: { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: 1, batchNumber: 'B2' }] } }, teammate);
    expect(errorOf(refused.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'ORDER_NOT_FOUND' });
    expect(await stateOf(order.id)).toEqual({ shipped: [1], status: 'PARTIALLY_SHIPPED', shipments: 1 });
  });
});

describe('confirming a delivery', () => {
  async function oneShipment(options: Parameters<typeof confirmedOrder>[1] = {}) {
    const order = await confirmedOrder([pt100(2)], options);
    return shipped(people.customerService, { orderId: order.id, shippedOn: '2026-11-20', lines: [{ orderLineId: order.lines[0].id, quantity: 2, batchNumber: 'B-DLV' }] });
  }

  it('turns SHIPPED into DELIVERED once; a second confirmation is SHIPMENT_ALREADY_DELIVERED', async () => {
    const shipment = await oneShipment();
    const service = await as(people.customerService);
    const confirmed = await app.gql(CONFIRM_DELIVERY, { id: shipment.id, version: shipment.version, deliveredOn: '2026-11-22', receivedBy: ' 王工 ' }, service);
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmDelivery).toEqual({ id: shipment.id, version: shipment.version + 1, status: 'DELIVERED', deliveredOn: '2026-11-22', receivedBy: '王工' });
    const twice = await app.gql(CONFIRM_DELIVERY, { id: shipment.id, version: shipment.version + 1, deliveredOn: '2026-11-23', receivedBy: '李工' }, service);
    expect(errorOf(twice.errors)).toMatchObject({ code: 'CONFLICT', reason: 'SHIPMENT_ALREADY_DELIVERED' });
    const read = await app.gql(SHIPMENT, { id: shipment.id }, service);
    expect(read.data!.shipment).toMatchObject({ status: 'DELIVERED', deliveredOn: '2026-11-22', receivedBy: '王工' });
  });

  it('refuses a stale version, a day before shipping or after today and a blank signature, and changes nothing', async () => {
    const shipment = await oneShipment();
    const service = await as(people.customerService);
    const stale = await app.gql(CONFIRM_DELIVERY, { id: shipment.id, version: shipment.version + 1, deliveredOn: '2026-11-22', receivedBy: '王工' }, service);
    expect(errorOf(stale.errors)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const early = await app.gql(CONFIRM_DELIVERY, { id: shipment.id, version: shipment.version, deliveredOn: '2026-11-19', receivedBy: '王工' }, service);
    expect(errorOf(early.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['deliveredOn'] });
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const ahead = await app.gql(CONFIRM_DELIVERY, { id: shipment.id, version: shipment.version, deliveredOn: tomorrow, receivedBy: '王工' }, service);
    expect(errorOf(ahead.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['deliveredOn'] });
    const blank = await app.gql(CONFIRM_DELIVERY, { id: shipment.id, version: shipment.version, deliveredOn: '2026-11-22', receivedBy: '  ' }, service);
    expect(errorOf(blank.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['receivedBy'] });
    const row = await app.orm.em.fork().findOneOrFail(Shipment, shipment.id);
    expect([row.status, row.version, row.deliveredOn]).toEqual(['SHIPPED', shipment.version, null]);
  });

  it('is confirmed by the partner for its own orders only', async () => {
    const southCustomer = { owner: people.southRep, regionId: units.south, distributorId: demoDistributorId };
    const own = await oneShipment({ placer: people.partner, customer: southCustomer });
    const internal = await oneShipment({ placer: people.southRep, customer: southCustomer });
    const partner = await as(people.partner);
    const confirmed = await app.gql(CONFIRM_DELIVERY, { id: own.id, version: own.version, deliveredOn: '2026-11-21', receivedBy: '仓库管理员' }, partner);
    expect(confirmed.data?.confirmDelivery.status).toBe('DELIVERED');
    const other = await app.gql(CONFIRM_DELIVERY, { id: internal.id, version: internal.version, deliveredOn: '2026-11-21', receivedBy: '仓库管理员' }, partner);
    expect(errorOf(other.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'SHIPMENT_NOT_FOUND' });
  });
});

describe('recall tracing by batch number', () => {
  const batch = 'RECALL-2026-0417';
  const traced: Record<'zhaoLei' | 'wuTing' | 'south' | 'partner', { orderId: string; customerId: string }> = {} as never;

  beforeAll(async () => {
    const setups = {
      zhaoLei: { placer: people.shanghai1Rep, customer: { owner: people.shanghai1Rep, regionId: units.east } },
      wuTing: { placer: people.shanghai1Teammate, customer: { owner: people.shanghai1Teammate, regionId: units.east } },
      south: { placer: people.southRep, customer: { owner: people.southRep, regionId: units.south } },
      partner: { placer: people.partner, customer: { owner: people.southRep, regionId: units.south, distributorId: demoDistributorId } },
    };
    for (const [key, setup] of Object.entries(setups)) {
      const order = await confirmedOrder([pt100(5)], setup);
      await shipped(people.customerService, {
        orderId: order.id,
        lines: [
          { orderLineId: order.lines[0].id, quantity: 3, batchNumber: batch },
          { orderLineId: order.lines[0].id, quantity: 2, batchNumber: 'UNRELATED-1' },
        ],
      });
      traced[key as keyof typeof traced] = { orderId: order.id, customerId: order.customer!.id };
    }
  });

  async function traceAs(person: DemoPerson, batchNumber = batch) {
    const response = await app.gql(BATCH_TRACE, { batchNumber }, await as(person));
    expect(response.errors).toBeUndefined();
    return response.data!.batchTrace;
  }

  it('finds every customer and order that received the batch, for technical support', async () => {
    const trace = await traceAs(people.techSupport, `  ${batch} `);
    expect([trace.batchNumber, trace.totalQuantity, trace.lines.length]).toEqual([batch, 12, 4]);
    const keys = ['zhaoLei', 'wuTing', 'south', 'partner'] as const;
    expect(trace.orders.map((order) => order.id).sort()).toEqual(keys.map((key) => traced[key].orderId).sort());
    expect(trace.customers.map((customer) => customer.id).sort()).toEqual(keys.map((key) => traced[key].customerId).sort());
    expect(trace.lines.every((line) => line.batchNumber === batch && line.quantity === 3 && line.product?.sku === 'SEN-PT100-01')).toBe(true);
    expect(trace.lines.map((line) => [line.order?.id, line.customer?.id]).sort()).toEqual(keys.map((key) => [traced[key].orderId, traced[key].customerId]).sort());
  });

  it('stays inside the viewer’s row scope: 赵磊 his own, 黄伟 his team’s, the partner its own', async () => {
    const expectations: [DemoPerson, (keyof typeof traced)[]][] = [
      [people.shanghai1Rep, ['zhaoLei']],
      [people.shanghai1Manager, ['zhaoLei', 'wuTing']],
      [people.eastDirector, ['zhaoLei', 'wuTing']],
      [people.partner, ['partner']],
      [people.customerService, ['zhaoLei', 'wuTing', 'south', 'partner']],
    ];
    for (const [person, keys] of expectations) {
      const trace = await traceAs(person);
      expect(trace.orders.map((order) => order.id).sort()).toEqual(keys.map((key) => traced[key].orderId).sort());
      expect(trace.customers.map((customer) => customer.id).sort()).toEqual(keys.map((key) => traced[key].customerId).sort());
      expect(trace.totalQuantity).toBe(3 * keys.length);
    }
  });

  it('finds nothing for a batch never shipped, and refuses a malformed batch number', async () => {
    expect(await traceAs(people.techSupport, 'NEVER-SHIPPED')).toEqual({ batchNumber: 'NEVER-SHIPPED', totalQuantity: 0, lines: [], orders: [], customers: [] });
    const response = await app.gql(BATCH_TRACE, { batchNumber: 'not a batch' }, await as(people.techSupport));
    expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['batchNumber'] });
  });
});

describe('the rights to each shipment mutation', () => {
  it('createShipment is refused to finance, technical support and partners; confirmDelivery to finance and technical support', async () => {
    const order = await confirmedOrder([pt100(2)]);
    const input = { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: 1, batchNumber: 'B1' }] };
    for (const person of [people.finance, people.techSupport, people.partner]) {
      expect(errorOf((await ship(person, input)).errors).code).toBe('FORBIDDEN');
    }
    expect(await stateOf(order.id)).toEqual({ shipped: [0], status: 'CONFIRMED', shipments: 0 });

    const shipment = await shipped(people.customerService, input);
    for (const person of [people.finance, people.techSupport]) {
      const refused = await app.gql(CONFIRM_DELIVERY, { id: shipment.id, version: shipment.version, deliveredOn: today, receivedBy: '王工' }, await as(person));
      expect(errorOf(refused.errors).code).toBe('FORBIDDEN');
    }
    expect((await app.orm.em.fork().findOneOrFail(Shipment, shipment.id)).status).toBe('SHIPPED');
  });
});

describe('orders with their lines, shipments, customer and owner', () => {
  it('run the same statements for a page of 2 and a page of 6', async () => {
    for (let index = 0; index < 6; index += 1) {
      const order = await confirmedOrder([pt100(3), { productId: pt100Model2, quantity: 1 }]);
      await shipped(people.customerService, { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: 1, batchNumber: `B-PAGE-${index}` }] });
    }
    const auth = await as(people.shanghai1Manager);
    const counts: number[] = [];
    for (const first of [2, 6]) {
      app.resetQueries();
      const response = await app.gql(ORDERS_WITH_SHIPMENTS, { first }, auth);
      expect(response.errors).toBeUndefined();
      const nodes = response.data!.orders.nodes;
      expect(nodes).toHaveLength(first);
      expect(nodes.every((node) => node.lines.length === 2 && node.shipments.length === 1 && node.customer !== null && node.owner?.name === '赵磊')).toBe(true);
      counts.push(app.queries.length);
    }
    // Sign-in, the page, lines, products, shipments, shipment lines, customers, owners.
    expect(counts[0]).toBe(counts[1]);
    expect(counts[1]).toBeLessThanOrEqual(8);
  });
});
