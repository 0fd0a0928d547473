import { randomBytes } from 'node:crypto';
import { SalesChannel } from '../schema/catalog/catalog.enums';
import { Product } from '../schema/catalog/entities/product.entity';
import { checkShipmentForConflict } from '../schema/channels/channel-conflicts.service';
import { ChannelConflictKind, ChannelConflictStatus } from '../schema/channels/channels.enums';
import { Distributor } from '../schema/channels/distributor.entity';
import { ChannelConflict } from '../schema/channels/entities/channel-conflict.entity';
import { SellThroughLine } from '../schema/channels/entities/sell-through-line.entity';
import { SellThroughReport } from '../schema/channels/entities/sell-through-report.entity';
import { customerNameKey } from '../schema/customers/customers.service';
import { Customer } from '../schema/customers/entities/customer.entity';
import { OrderLine } from '../schema/orders/entities/order-line.entity';
import { SalesOrder } from '../schema/orders/entities/sales-order.entity';
import { Shipment } from '../schema/orders/entities/shipment.entity';
import { ShipmentLine } from '../schema/orders/entities/shipment-line.entity';
import { OrgUnit } from '../schema/org/entities/org-unit.entity';
import { User } from '../schema/org/entities/user.entity';
import type { DemoPerson } from '../seeds/demo-company.data';
import { demoId } from '../seeds/demo-ids';
import { catalog, DEMO_COMPANY, people, units, userId } from './fixtures/demo-people';
import {
  CHANNEL_CONFLICT,
  CHANNEL_CONFLICT_PAGE,
  CHANNEL_CONFLICTS,
  DISTRIBUTOR_REGIONS,
  RESOLVE_CHANNEL_CONFLICT,
  SELL_THROUGH_REPORT,
  SELL_THROUGH_REPORT_PAGE,
  SELL_THROUGH_REPORTS,
  SUBMIT_SELL_THROUGH_REPORT,
} from './graphql/channels.documents';
import { errorOf } from './support/errors';
import { createTestApp, type TestApp } from './support/test-app';

let app: TestApp;

const YUETONG = demoId('distributor:D-GD-001');
const southDirector: DemoPerson = DEMO_COMPANY.regions[1].director;
/** Another distributor, holding 华东, made in beforeAll. */
let eastDistributorId: string;
/** 粤通商贸's customer in 华南, and a direct customer in 华东 (made in beforeAll). */
let southDistributorCustomerId: string;
let eastDirectCustomerId: string;
let eastDistributorCustomerId: string;

async function as(person: DemoPerson): Promise<{ token: string }> {
  return { token: await app.tokenFor(person.email) };
}

const uniqueBatch = (label: string): string => `B${label}-${randomBytes(3).toString('hex').toUpperCase()}`;

async function createCustomer(region: string, distributorId: string | null, owner: DemoPerson): Promise<string> {
  const em = app.orm.em.fork();
  const suffix = randomBytes(4).toString('hex');
  const name = `渠道测试客户 ${suffix}`;
  const customer = em.create(Customer, {
    code: `T${suffix}`,
    name,
    nameKey: customerNameKey(name),
    region: em.getReference(OrgUnit, region),
    address: `${name} 地址`,
    owner: em.getReference(User, userId(owner)),
    channel: distributorId === null ? SalesChannel.DIRECT : SalesChannel.DISTRIBUTOR,
    distributor: distributorId === null ? null : em.getReference(Distributor, distributorId),
  });
  await em.flush();
  return customer.id;
}

interface ShipmentSetup {
  customerId: string;
  /** The ordering distributor; null for a direct order. */
  distributorId: string | null;
  deliveryRegion: string;
  batches: { batchNumber: string; quantity: number }[];
  shippedOn?: string;
}

/**
 * What the shipment service will do once merged: an order, its line, a shipment with batch lines written with the
 * ORM, and the channel check called inside the same transaction. Returns the shipment and what the check recorded.
 */
async function ship(setup: ShipmentSetup): Promise<{ shipment: Shipment; order: SalesOrder; conflict: ChannelConflict | null }> {
  return app.orm.em.fork().transactional(async (em) => {
    const suffix = randomBytes(4).toString('hex');
    const quantity = setup.batches.reduce((sum, batch) => sum + batch.quantity, 0);
    const order = em.create(SalesOrder, {
      number: `SO-T${suffix}`,
      customer: em.getReference(Customer, setup.customerId),
      owner: em.getReference(User, userId(people.southRep)),
      placedBy: em.getReference(User, userId(setup.distributorId === YUETONG ? people.partner : people.southRep)),
      distributor: setup.distributorId === null ? null : em.getReference(Distributor, setup.distributorId),
      total: (quantity * 100).toFixed(2),
      deliveryRegion: em.getReference(OrgUnit, setup.deliveryRegion),
    });
    const line = em.create(OrderLine, {
      order,
      position: 1,
      product: em.getReference(Product, catalog.pt100),
      quantity,
      listPrice: '100.00',
      unitPrice: '100.00',
      lineTotal: (quantity * 100).toFixed(2),
      unitCost: '86.00',
      shippedQuantity: quantity,
    } as never);
    const shipment = em.create(Shipment, {
      number: `SH-T${suffix}`,
      order,
      shippedOn: setup.shippedOn ?? '2026-11-20',
      deliveryAddress: '上海市浦东新区张江路 88 号',
      deliveryRegion: em.getReference(OrgUnit, setup.deliveryRegion),
      createdBy: em.getReference(User, userId(people.customerService)),
    });
    for (const batch of setup.batches) {
      em.create(ShipmentLine, { shipment, orderLine: line, product: em.getReference(Product, catalog.pt100), quantity: batch.quantity, batchNumber: batch.batchNumber });
    }
    await em.flush();
    return { shipment, order, conflict: await checkShipmentForConflict(em, shipment) };
  });
}

async function conflictsFrom(sourceKeyPrefix: string): Promise<ChannelConflict[]> {
  return app.orm.em.fork().find(ChannelConflict, { sourceKey: { $like: `${sourceKeyPrefix}%` } }, { orderBy: { kind: 'asc' } });
}

async function reportCount(): Promise<number> {
  return app.orm.em.fork().count(SellThroughReport, { distributor: YUETONG });
}

async function conflictCount(): Promise<number> {
  return app.orm.em.fork().count(ChannelConflict, {});
}

function saleLine(overrides: Partial<{ productId: string; quantity: number; batchNumber: string; endCustomerName: string; saleRegionId: string; soldOn: string }> = {}) {
  return {
    productId: catalog.pt100,
    quantity: 5,
    batchNumber: uniqueBatch('S'),
    endCustomerName: '佛山精工机械厂',
    saleRegionId: units.south,
    soldOn: '2026-01-15',
    ...overrides,
  };
}

/** A month per report (of 2026 unless given), so no two tests' periods overlap. */
function month(index: number, year = 2026): { periodStart: string; periodEnd: string; day: (d: number) => string } {
  const mm = String(index).padStart(2, '0');
  const last = new Date(Date.UTC(year, index, 0)).getUTCDate();
  return { periodStart: `${year}-${mm}-01`, periodEnd: `${year}-${mm}-${last}`, day: (d) => `${year}-${mm}-${String(d).padStart(2, '0')}` };
}

async function submit(period: ReturnType<typeof month>, lines: ReturnType<typeof saleLine>[], person: DemoPerson = people.partner) {
  return app.gql(SUBMIT_SELL_THROUGH_REPORT, { input: { periodStart: period.periodStart, periodEnd: period.periodEnd, lines } }, await as(person));
}

beforeAll(async () => {
  app = await createTestApp();
  const em = app.orm.em.fork();
  const eastDistributor = em.create(Distributor, { code: 'D-SH-009', name: '沪联贸易有限公司' });
  eastDistributor.regions.add(em.getReference(OrgUnit, units.east));
  await em.flush();
  eastDistributorId = eastDistributor.id;
  southDistributorCustomerId = await createCustomer(units.south, YUETONG, people.southRep);
  eastDirectCustomerId = await createCustomer(units.east, null, people.shanghai1Rep);
  eastDistributorCustomerId = await createCustomer(units.east, eastDistributorId, people.shanghai1Rep);
});

afterAll(async () => {
  await app.close();
});

describe('Distributor.regions', () => {
  it('shows the partner its own distributor’s regions', async () => {
    const response = await app.gql(DISTRIBUTOR_REGIONS, {}, await as(people.partner));
    expect(response.errors).toBeUndefined();
    expect(response.data?.me.distributor).toEqual({ id: YUETONG, code: 'D-GD-001', regions: [{ id: units.south, name: '华南' }] });
  });
});

describe('a distributor’s shipment delivered outside its regions', () => {
  let conflictId: string;
  let shipment: Shipment;
  let order: SalesOrder;
  const batches = [
    { batchNumber: uniqueBatch('A'), quantity: 30 },
    { batchNumber: uniqueBatch('B'), quantity: 20 },
  ].sort((a, b) => a.batchNumber.localeCompare(b.batchNumber));

  beforeAll(async () => {
    const shipped = await ship({ customerId: southDistributorCustomerId, distributorId: YUETONG, deliveryRegion: units.east, batches });
    expect(shipped.conflict).not.toBeNull();
    conflictId = shipped.conflict!.id;
    shipment = shipped.shipment;
    order = shipped.order;
  });

  it('raises one SHIPMENT_OUTSIDE_REGION conflict from the customer’s region 华南 to 华东, with the evidence', async () => {
    const response = await app.gql(CHANNEL_CONFLICT, { id: conflictId }, await as(people.vp));
    expect(response.errors).toBeUndefined();
    const conflict = response.data!.channelConflict;
    expect(conflict).toMatchObject({
      kind: 'SHIPMENT_OUTSIDE_REGION',
      status: 'OPEN',
      version: 1,
      batchNumber: batches[0].batchNumber,
      distributor: { id: YUETONG, code: 'D-GD-001' },
      homeRegion: { id: units.south, name: '华南' },
      foundRegion: { id: units.east, name: '华东' },
      resolvedBy: null,
      resolvedAt: null,
      resolution: null,
    });
    const customer = await app.orm.em.fork().findOneOrFail(Customer, southDistributorCustomerId);
    expect(conflict!.evidence).toMatchObject({
      shipment: { id: shipment.id, number: shipment.number, shippedOn: '2026-11-20' },
      order: { id: order.id, number: order.number },
      customer: { id: customer.id, name: customer.name },
      deliveryAddress: '上海市浦东新区张江路 88 号',
      deliveryRegion: { id: units.east, name: '华东' },
      distributorRegions: [{ id: units.south, name: '华南' }],
      batches: batches.map((batch) => ({ ...batch, productId: catalog.pt100, sku: 'SEN-PT100-01' })),
      shippedOn: '2026-11-20',
    });
    expect(await conflictsFrom(`shipment:${shipment.id}`)).toHaveLength(1);
  });

  it('is recorded once when the shipment is checked again', async () => {
    const again = await app.orm.em.fork().transactional(async (em) => checkShipmentForConflict(em, await em.findOneOrFail(Shipment, shipment.id)));
    expect(again).toBeNull();
    const recorded = await conflictsFrom(`shipment:${shipment.id}`);
    expect(recorded.map((conflict) => conflict.id)).toEqual([conflictId]);
  });

  it('is seen by the south and east directors and the VP', async () => {
    for (const person of [southDirector, people.eastDirector, people.vp, people.admin]) {
      const list = await app.gql(CHANNEL_CONFLICTS, { filter: { kinds: ['SHIPMENT_OUTSIDE_REGION'] }, first: 50 }, await as(person));
      expect(list.errors).toBeUndefined();
      expect(list.data?.channelConflicts.nodes.map((node) => node.id)).toContain(conflictId);
      const one = await app.gql(CHANNEL_CONFLICT, { id: conflictId }, await as(person));
      expect(one.data?.channelConflict!.id).toBe(conflictId);
    }
  });

  it('is not seen by the north director, reps, managers, finance, service or the partner: an empty list and NOT_FOUND on the id', async () => {
    for (const person of [people.northDirector, people.southRep, people.shanghai1Rep, people.shanghai1Manager, people.finance, people.customerService, people.partner]) {
      const list = await app.gql(CHANNEL_CONFLICTS, { first: 50 }, await as(person));
      expect(list.errors).toBeUndefined();
      if (person === people.northDirector) {
        expect(list.data?.channelConflicts.nodes.map((node) => node.id)).not.toContain(conflictId);
      } else {
        expect(list.data?.channelConflicts).toMatchObject({ totalCount: 0, nodes: [] });
      }
      const one = await app.gql(CHANNEL_CONFLICT, { id: conflictId }, await as(person));
      expect(one.data).toEqual({ channelConflict: null });
      expect(errorOf(one.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'CONFLICT_NOT_FOUND' });
    }
  });

  it('is found by the region, distributor, kind and status filters', async () => {
    const auth = await as(people.vp);
    const ids = async (filter: Record<string, unknown>) =>
      (await app.gql(CHANNEL_CONFLICTS, { filter, first: 100 }, auth)).data!.channelConflicts.nodes.map((node) => node.id);
    expect(await ids({ regionId: units.east })).toContain(conflictId);
    expect(await ids({ regionId: units.south })).toContain(conflictId);
    expect(await ids({ regionId: units.north })).not.toContain(conflictId);
    expect(await ids({ distributorId: YUETONG, statuses: ['OPEN'] })).toContain(conflictId);
    expect(await ids({ distributorId: eastDistributorId })).not.toContain(conflictId);
    expect(await ids({ kinds: ['SALE_OUTSIDE_REGION'] })).not.toContain(conflictId);
    expect(await ids({ statuses: ['CONFIRMED', 'DISMISSED'] })).not.toContain(conflictId);
  });
});

describe('shipments that are no channel conflict', () => {
  it('a distributor’s shipment delivered inside 华南 raises none', async () => {
    const { shipment, conflict } = await ship({ customerId: southDistributorCustomerId, distributorId: YUETONG, deliveryRegion: units.south, batches: [{ batchNumber: uniqueBatch('C'), quantity: 5 }] });
    expect(conflict).toBeNull();
    expect(await conflictsFrom(`shipment:${shipment.id}`)).toHaveLength(0);
  });

  it('a direct order’s shipment raises none, wherever it goes', async () => {
    const { shipment, conflict } = await ship({ customerId: eastDirectCustomerId, distributorId: null, deliveryRegion: units.north, batches: [{ batchNumber: uniqueBatch('D'), quantity: 5 }] });
    expect(conflict).toBeNull();
    expect(await conflictsFrom(`shipment:${shipment.id}`)).toHaveLength(0);
  });
});

describe('sell-through reports', () => {
  it('a partner reports its sales; a sale in its region from its own batch raises nothing', async () => {
    const ownBatch = uniqueBatch('OWN');
    await ship({ customerId: southDistributorCustomerId, distributorId: YUETONG, deliveryRegion: units.south, batches: [{ batchNumber: ownBatch, quantity: 10 }] });
    // A direct order inside 华南 is not another distributor's goods either.
    await ship({ customerId: southDistributorCustomerId, distributorId: null, deliveryRegion: units.south, batches: [{ batchNumber: ownBatch, quantity: 3 }] });
    const period = month(1);
    const before = await conflictCount();
    const response = await submit(period, [saleLine({ batchNumber: ` ${ownBatch} `, endCustomerName: ' 佛山精工机械厂 ', soldOn: period.day(9), quantity: 4 })]);
    expect(response.errors).toBeUndefined();
    const report = response.data!.submitSellThroughReport;
    expect(report).toMatchObject({
      periodStart: period.periodStart,
      periodEnd: period.periodEnd,
      distributor: { id: YUETONG, code: 'D-GD-001' },
      submittedBy: { id: userId(people.partner) },
      lines: [
        {
          quantity: 4,
          batchNumber: ownBatch,
          endCustomerName: '佛山精工机械厂',
          soldOn: period.day(9),
          product: { id: catalog.pt100, sku: 'SEN-PT100-01' },
          saleRegion: { id: units.south, name: '华南' },
        },
      ],
    });
    expect(await conflictCount()).toBe(before);
  });

  it('a sale reported in 华北 raises SALE_OUTSIDE_REGION, seen by the south and north directors, not by the east director or the partner', async () => {
    const period = month(2);
    const batchNumber = uniqueBatch('N');
    const response = await submit(period, [saleLine({ saleRegionId: units.north, batchNumber, soldOn: period.day(3), endCustomerName: '北京恒力设备公司' })]);
    expect(response.errors).toBeUndefined();
    const report = response.data!.submitSellThroughReport;
    // 华北 is outside the partner's view of the org, so the region reads as null.
    expect(report.lines[0].saleRegion).toBeNull();
    const lineId = report.lines[0].id;

    const [conflict] = await conflictsFrom(`sell-through:${lineId}:`);
    expect(conflict).toMatchObject({ kind: ChannelConflictKind.SALE_OUTSIDE_REGION, status: ChannelConflictStatus.OPEN, batchNumber });
    expect(await conflictsFrom(`sell-through:${lineId}:`)).toHaveLength(1);

    for (const person of [southDirector, people.northDirector, people.vp]) {
      const seen = await app.gql(CHANNEL_CONFLICT, { id: conflict.id }, await as(person));
      expect(seen.errors).toBeUndefined();
      expect(seen.data?.channelConflict).toMatchObject({
        kind: 'SALE_OUTSIDE_REGION',
        homeRegion: { id: units.south },
        foundRegion: { id: units.north },
        distributor: { id: YUETONG },
      });
      expect(seen.data?.channelConflict!.evidence).toMatchObject({
        report: { id: report.id, periodStart: period.periodStart, periodEnd: period.periodEnd },
        line: { id: lineId, batchNumber, endCustomerName: '北京恒力设备公司', quantity: 5, soldOn: period.day(3), saleRegion: { id: units.north, name: '华北' } },
        distributorRegions: [{ id: units.south, name: '华南' }],
      });
    }
    for (const person of [people.eastDirector, people.partner]) {
      const hidden = await app.gql(CHANNEL_CONFLICT, { id: conflict.id }, await as(person));
      expect(errorOf(hidden.errors).code).toBe('NOT_FOUND');
    }
  });

  it('a batch a direct order shipped to 华东, reported by 粤通商贸, raises BATCH_FROM_OTHER_REGION from 华东 to 华南, naming the shipment', async () => {
    const batchNumber = uniqueBatch('E');
    const { shipment, order } = await ship({ customerId: eastDirectCustomerId, distributorId: null, deliveryRegion: units.east, batches: [{ batchNumber, quantity: 40 }], shippedOn: '2026-02-10' });
    const period = month(3);
    const response = await submit(period, [saleLine({ batchNumber, soldOn: period.day(20) })]);
    expect(response.errors).toBeUndefined();
    const lineId = response.data!.submitSellThroughReport.lines[0].id;

    const conflicts = await conflictsFrom(`sell-through:${lineId}:`);
    expect(conflicts.map((conflict) => conflict.kind)).toEqual([ChannelConflictKind.BATCH_FROM_OTHER_REGION]);
    const seen = await app.gql(CHANNEL_CONFLICT, { id: conflicts[0].id }, await as(people.eastDirector));
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.channelConflict).toMatchObject({ batchNumber, homeRegion: { id: units.east }, foundRegion: { id: units.south }, distributor: { id: YUETONG } });
    expect(seen.data?.channelConflict!.evidence).toMatchObject({
      line: { id: lineId, batchNumber, saleRegion: { id: units.south, name: '华南' } },
      shipments: [
        {
          id: shipment.id,
          number: shipment.number,
          shippedOn: '2026-02-10',
          order: { id: order.id, number: order.number },
          deliveryRegion: { id: units.east, name: '华东' },
          distributor: null,
          quantity: 40,
        },
      ],
    });
    expect((await app.gql(CHANNEL_CONFLICT, { id: conflicts[0].id }, await as(southDirector))).data?.channelConflict!.id).toBe(conflicts[0].id);
    expect(errorOf((await app.gql(CHANNEL_CONFLICT, { id: conflicts[0].id }, await as(people.northDirector))).errors).code).toBe('NOT_FOUND');
  });

  it('a batch another distributor received in 华东, reported sold in 华北, raises both kinds, naming that distributor', async () => {
    const batchNumber = uniqueBatch('X');
    const { shipment } = await ship({ customerId: eastDistributorCustomerId, distributorId: eastDistributorId, deliveryRegion: units.east, batches: [{ batchNumber, quantity: 12 }] });
    const period = month(4);
    const response = await submit(period, [saleLine({ batchNumber, saleRegionId: units.north, soldOn: period.day(2) }), saleLine({ soldOn: period.day(2) })]);
    expect(response.errors).toBeUndefined();
    const lines = response.data!.submitSellThroughReport.lines;
    const batchLine = lines.find((line) => line.batchNumber === batchNumber)!;
    const plainLine = lines.find((line) => line.batchNumber !== batchNumber)!;

    const conflicts = await conflictsFrom(`sell-through:${batchLine.id}:`);
    expect(conflicts.map((conflict) => [conflict.kind, conflict.homeRegion.id, conflict.foundRegion.id])).toEqual([
      [ChannelConflictKind.SALE_OUTSIDE_REGION, units.south, units.north],
      [ChannelConflictKind.BATCH_FROM_OTHER_REGION, units.east, units.north],
    ]);
    expect(conflicts[1].evidence.shipments).toEqual([
      expect.objectContaining({ id: shipment.id, distributor: { id: eastDistributorId, name: '沪联贸易有限公司' }, deliveryRegion: { id: units.east, name: '华东' }, quantity: 12 }),
    ]);
    expect(await conflictsFrom(`sell-through:${plainLine.id}:`)).toHaveLength(0);
  });

  it('a second report for the same period, or an overlapping one, is refused with CONFLICT and writes nothing', async () => {
    const period = month(5);
    expect((await submit(period, [saleLine({ soldOn: period.day(1) })])).errors).toBeUndefined();
    const [reports, conflicts] = [await reportCount(), await conflictCount()];

    const again = await submit(period, [saleLine({ soldOn: period.day(2), saleRegionId: units.north })]);
    expect(again.data).toBeNull();
    expect(errorOf(again.errors)).toMatchObject({ code: 'CONFLICT', reason: 'REPORT_PERIOD_TAKEN' });
    const overlapping = await app.gql(
      SUBMIT_SELL_THROUGH_REPORT,
      { input: { periodStart: month(5).day(20), periodEnd: month(6).day(10), lines: [saleLine({ soldOn: month(6).day(1), saleRegionId: units.north })] } },
      await as(people.partner),
    );
    expect(errorOf(overlapping.errors)).toMatchObject({ code: 'CONFLICT', reason: 'REPORT_PERIOD_TAKEN' });
    expect([await reportCount(), await conflictCount()]).toEqual([reports, conflicts]);
  });

  it('two reports for one period sent at once leave exactly one', async () => {
    const period = month(12, 2025);
    const responses = await Promise.all([submit(period, [saleLine({ soldOn: period.day(5) })]), submit(period, [saleLine({ soldOn: period.day(6) })])]);
    const outcomes = responses.map((response) => (response.errors === undefined ? 'written' : response.errors[0].extensions?.code));
    expect(outcomes.sort()).toEqual(['CONFLICT', 'written']);
    expect(await app.orm.em.fork().count(SellThroughReport, { distributor: YUETONG, periodStart: period.periodStart })).toBe(1);
  });

  it('refuses bad values with BAD_USER_INPUT at every path and writes nothing', async () => {
    const period = month(7);
    const [reports, conflicts, lines] = [await reportCount(), await conflictCount(), await app.orm.em.fork().count(SellThroughLine, {})];
    const unknownProduct = '00000000-0000-4000-8000-000000000001';
    const response = await submit(period, [
      saleLine({ soldOn: period.day(4), saleRegionId: units.north }),
      saleLine({ soldOn: month(8).day(1) }),
      saleLine({ productId: unknownProduct, soldOn: period.day(4) }),
      saleLine({ saleRegionId: units.shanghai1, soldOn: period.day(4) }),
    ]);
    expect(response.data).toBeNull();
    expect(errorOf(response.errors)).toMatchObject({
      code: 'BAD_USER_INPUT',
      paths: ['input.lines.1.soldOn', 'input.lines.2.productId', 'input.lines.3.saleRegionId'],
    });
    // A blank batch number is refused by the text policy, before the report's own rules run.
    const blank = await submit(period, [saleLine({ batchNumber: '   ', soldOn: period.day(4) })]);
    expect(errorOf(blank.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.lines.0.batchNumber'] });

    const zero = await submit(period, [saleLine({ soldOn: period.day(4) }), saleLine({ quantity: 0, soldOn: period.day(4) })]);
    expect(errorOf(zero.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.lines.1.quantity'] });

    const backwards = await app.gql(
      SUBMIT_SELL_THROUGH_REPORT,
      { input: { periodStart: period.periodEnd, periodEnd: period.periodStart, lines: [saleLine({ soldOn: period.day(4) })] } },
      await as(people.partner),
    );
    expect(errorOf(backwards.errors).paths).toContain('input.periodEnd');

    const future = await app.gql(SUBMIT_SELL_THROUGH_REPORT, { input: { periodStart: '2099-01-01', periodEnd: '2099-01-31', lines: [saleLine({ soldOn: '2099-01-05' })] } }, await as(people.partner));
    expect(errorOf(future.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.periodStart', 'input.lines.0.soldOn'] });

    const empty = await app.gql(SUBMIT_SELL_THROUGH_REPORT, { input: { periodStart: period.periodStart, periodEnd: period.periodEnd, lines: [] } }, await as(people.partner));
    expect(errorOf(empty.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.lines'] });

    expect([await reportCount(), await conflictCount(), await app.orm.em.fork().count(SellThroughLine, {})]).toEqual([reports, conflicts, lines]);
  });

  it('only partner users submit: a rep, a director and the VP are refused with FORBIDDEN', async () => {
    const period = month(8);
    for (const person of [people.southRep, southDirector, people.vp]) {
      const response = await submit(period, [saleLine({ soldOn: period.day(4) })], person);
      expect(errorOf(response.errors).code).toBe('FORBIDDEN');
    }
    expect(await app.orm.em.fork().count(SellThroughReport, { periodStart: period.periodStart })).toBe(0);
  });
});

describe('who reads sell-through reports', () => {
  let otherReportId: string;

  beforeAll(async () => {
    // Another distributor's report, written as its portal would.
    const em = app.orm.em.fork();
    const report = em.create(SellThroughReport, {
      distributor: em.getReference(Distributor, eastDistributorId),
      periodStart: '2026-09-01',
      periodEnd: '2026-09-30',
      submittedBy: em.getReference(User, userId(people.admin)),
    });
    em.create(SellThroughLine, {
      report,
      product: em.getReference(Product, catalog.pt100),
      quantity: 3,
      batchNumber: uniqueBatch('H'),
      endCustomerName: '苏州精密',
      saleRegion: em.getReference(OrgUnit, units.east),
      soldOn: '2026-09-03',
    });
    await em.flush();
    otherReportId = report.id;
  });

  it('the partner sees only its own distributor’s reports, and NOT_FOUND for another’s', async () => {
    const auth = await as(people.partner);
    const list = await app.gql(SELL_THROUGH_REPORTS, { first: 100 }, auth);
    expect(list.errors).toBeUndefined();
    const distributors = new Set(list.data!.sellThroughReports.nodes.map((node) => node.distributor?.id));
    expect([...distributors]).toEqual([YUETONG]);
    expect(list.data!.sellThroughReports.totalCount).toBe(await reportCount());
    expect((await app.gql(SELL_THROUGH_REPORTS, { filter: { distributorId: eastDistributorId } }, auth)).data?.sellThroughReports.totalCount).toBe(0);
    const other = await app.gql(SELL_THROUGH_REPORT, { id: otherReportId }, auth);
    expect(errorOf(other.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'REPORT_NOT_FOUND' });
    const own = list.data!.sellThroughReports.nodes[0];
    expect((await app.gql(SELL_THROUGH_REPORT, { id: own.id }, auth)).data?.sellThroughReport!.id).toBe(own.id);
  });

  it('the sales line, finance and admins see every distributor’s; service and support none', async () => {
    for (const person of [people.vp, people.eastDirector, people.shanghai1Rep, people.finance, people.admin]) {
      const response = await app.gql(SELL_THROUGH_REPORT, { id: otherReportId }, await as(person));
      expect(response.errors).toBeUndefined();
      expect(response.data?.sellThroughReport).toMatchObject({ distributor: { id: eastDistributorId }, lines: [{ quantity: 3, saleRegion: { id: units.east } }] });
    }
    for (const person of [people.customerService, people.techSupport]) {
      expect((await app.gql(SELL_THROUGH_REPORTS, {}, await as(person))).data?.sellThroughReports.totalCount).toBe(0);
      expect(errorOf((await app.gql(SELL_THROUGH_REPORT, { id: otherReportId }, await as(person))).errors).code).toBe('NOT_FOUND');
    }
  });

  it('filters by distributor and by the period reports overlap', async () => {
    const auth = await as(people.vp);
    const ids = async (filter: Record<string, unknown>) =>
      (await app.gql(SELL_THROUGH_REPORTS, { filter, first: 100 }, auth)).data!.sellThroughReports.nodes.map((node) => node.id);
    expect(await ids({ distributorId: eastDistributorId })).toEqual([otherReportId]);
    expect(await ids({ periodFrom: '2026-09-15', periodTo: '2026-10-31' })).toEqual([otherReportId]);
    expect(await ids({ periodFrom: '2026-10-01' })).not.toContain(otherReportId);
    expect(await ids({ periodTo: '2026-08-31' })).not.toContain(otherReportId);
  });
});

describe('resolving a channel conflict', () => {
  let conflict: { id: string; version: number };

  beforeAll(async () => {
    const shipped = await ship({ customerId: southDistributorCustomerId, distributorId: YUETONG, deliveryRegion: units.east, batches: [{ batchNumber: uniqueBatch('R'), quantity: 8 }] });
    conflict = { id: shipped.conflict!.id, version: shipped.conflict!.version };
  });

  async function stored(): Promise<ChannelConflict> {
    return app.orm.em.fork().findOneOrFail(ChannelConflict, conflict.id);
  }

  it('a rep, finance and the partner are refused with FORBIDDEN, and nothing changes', async () => {
    for (const person of [people.shanghai1Rep, people.finance, people.partner]) {
      const response = await app.gql(RESOLVE_CHANNEL_CONFLICT, { ...conflict, status: 'CONFIRMED', resolution: '已核实' }, await as(person));
      expect(errorOf(response.errors).code).toBe('FORBIDDEN');
    }
    expect((await stored()).status).toBe(ChannelConflictStatus.OPEN);
  });

  it('the north director, whose region it does not touch, gets NOT_FOUND, and nothing changes', async () => {
    const response = await app.gql(RESOLVE_CHANNEL_CONFLICT, { ...conflict, status: 'DISMISSED', resolution: '与我无关' }, await as(people.northDirector));
    expect(errorOf(response.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'CONFLICT_NOT_FOUND' });
    expect(await stored()).toMatchObject({ status: ChannelConflictStatus.OPEN, version: 1, resolution: null });
  });

  it('refuses OPEN as a resolution, a blank note and a stale version', async () => {
    const auth = await as(people.eastDirector);
    expect(errorOf((await app.gql(RESOLVE_CHANNEL_CONFLICT, { ...conflict, status: 'OPEN', resolution: '重新打开' }, auth)).errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['status'] });
    expect(errorOf((await app.gql(RESOLVE_CHANNEL_CONFLICT, { ...conflict, status: 'CONFIRMED', resolution: '  ' }, auth)).errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['resolution'] });
    expect(errorOf((await app.gql(RESOLVE_CHANNEL_CONFLICT, { ...conflict, version: 7, status: 'CONFIRMED', resolution: '已核实' }, auth)).errors)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', paths: undefined });
    expect(await stored()).toMatchObject({ status: ChannelConflictStatus.OPEN, version: 1 });
  });

  it('the east director confirms it once; a second resolution gets CONFLICT', async () => {
    const auth = await as(people.eastDirector);
    const response = await app.gql(RESOLVE_CHANNEL_CONFLICT, { ...conflict, status: 'CONFIRMED', resolution: ' 经销商承认窜货，已扣返利 ' }, auth);
    expect(response.errors).toBeUndefined();
    expect(response.data?.resolveChannelConflict).toMatchObject({
      id: conflict.id,
      version: 2,
      status: 'CONFIRMED',
      resolution: '经销商承认窜货，已扣返利',
      resolvedBy: { id: userId(people.eastDirector), name: '杨明辉' },
    });
    expect(response.data?.resolveChannelConflict.resolvedAt).toEqual(expect.any(String));

    const second = await app.gql(RESOLVE_CHANNEL_CONFLICT, { id: conflict.id, version: 2, status: 'DISMISSED', resolution: '误报' }, await as(southDirector));
    expect(errorOf(second.errors)).toMatchObject({ code: 'CONFLICT', reason: 'CONFLICT_ALREADY_RESOLVED' });
    expect(await stored()).toMatchObject({ status: ChannelConflictStatus.CONFIRMED, version: 2, resolution: '经销商承认窜货，已扣返利' });
    const seen = await app.gql(CHANNEL_CONFLICTS, { filter: { statuses: ['CONFIRMED'] } }, await as(people.vp));
    expect(seen.data?.channelConflicts.nodes.map((node) => node.id)).toContain(conflict.id);
  });

  it('two resolutions at once leave exactly one', async () => {
    const shipped = await ship({ customerId: southDistributorCustomerId, distributorId: YUETONG, deliveryRegion: units.north, batches: [{ batchNumber: uniqueBatch('Q'), quantity: 2 }] });
    const target = { id: shipped.conflict!.id, version: 1 };
    const [south, vp] = await Promise.all([
      app.gql(RESOLVE_CHANNEL_CONFLICT, { ...target, status: 'CONFIRMED', resolution: '南区确认' }, await as(southDirector)),
      app.gql(RESOLVE_CHANNEL_CONFLICT, { ...target, status: 'DISMISSED', resolution: '总部豁免' }, await as(people.vp)),
    ]);
    const outcomes = [south, vp].map((response) => (response.errors === undefined ? 'resolved' : response.errors[0].extensions?.code));
    expect(outcomes.sort()).toEqual(['CONFLICT', 'resolved']);
    expect((await app.orm.em.fork().findOneOrFail(ChannelConflict, target.id)).version).toBe(2);
  });
});

describe('statements per page', () => {
  beforeAll(async () => {
    // Enough conflicts and reports for two page sizes, through different distributors, regions and products.
    for (const region of [units.east, units.north, units.east, units.north, units.east, units.north]) {
      await ship({ customerId: southDistributorCustomerId, distributorId: YUETONG, deliveryRegion: region, batches: [{ batchNumber: uniqueBatch('P'), quantity: 1 }] });
    }
    for (const index of [1, 2, 3, 4, 5, 6]) {
      const period = month(index, 2025);
      expect((await submit(period, [saleLine({ soldOn: period.day(1) }), saleLine({ soldOn: period.day(2), saleRegionId: units.north })])).errors).toBeUndefined();
    }
  });

  /** Statements for one page of `first` rows as the VP, sign-in included. */
  async function conflictPage(first: number): Promise<number> {
    const auth = await as(people.vp);
    app.resetQueries();
    const response = await app.gql(CHANNEL_CONFLICT_PAGE, { first }, auth);
    expect(response.errors).toBeUndefined();
    expect(response.data?.channelConflicts.nodes).toHaveLength(first);
    expect(response.data?.channelConflicts.nodes.every((node) => node.distributor !== null && node.homeRegion !== null && node.foundRegion !== null)).toBe(true);
    return app.queries.length;
  }

  async function reportPage(first: number): Promise<number> {
    const auth = await as(people.vp);
    app.resetQueries();
    const response = await app.gql(SELL_THROUGH_REPORT_PAGE, { first }, auth);
    expect(response.errors).toBeUndefined();
    expect(response.data?.sellThroughReports.nodes).toHaveLength(first);
    const lines = response.data!.sellThroughReports.nodes.flatMap((node) => node.lines);
    expect(lines.every((line) => line.product !== null && line.saleRegion !== null)).toBe(true);
    return app.queries.length;
  }

  it('channelConflicts { distributor { regions } homeRegion foundRegion } runs the same statements for 2 and 6 rows', async () => {
    await conflictPage(1);
    const small = await conflictPage(2);
    const large = await conflictPage(6);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(6);
  });

  it('sellThroughReports { distributor lines { product saleRegion } } runs the same statements for 2 and 6 reports', async () => {
    await reportPage(1);
    const small = await reportPage(2);
    const large = await reportPage(6);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(6);
  });
});
