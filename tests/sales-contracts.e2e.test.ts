import { CustomerTier } from '../schema/customers/customers.enums';
import { ContractStatus, OrderStatus } from '../schema/orders/orders.enums';
import type { DemoPerson } from '../seeds/demo-company.data';
import { analyticsContract, analyticsCustomer, analyticsOrder } from './fixtures/analytics-data';
import { DISTRIBUTOR_ID } from './fixtures/billing-fixtures';
import { catalog, people, units, userId } from './fixtures/demo-people';
import { CHANNEL_PERFORMANCE, CONTRACT_FULFILMENT, CONTRACT_RENEWAL, RENEWAL_RATES } from './graphql/analytics.documents';
import { errorOf } from './support/errors';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Contract fulfilment, renewal links and rates, and channel performance against a small hand-computed book.
 *
 * Contracts of 2026 (signed unless said): K (赵磊's customer c1, 10,000, the year) with orders O1 (30 × 100: 20 shipped,
 * 10 invoiced) and O2 (10 × 200, nothing shipped) and a cancelled O3 (5 × 100); L (马超's c2, 5,000) without orders.
 * Fulfilment of K: ordered 5,000 (40 units), shipped 2,000 (20), invoiced 10 units; ordered rate 0.5.
 *
 * Renewals, ending in Q1 2026, 赵磊's: A (ends 03-31, renewed by B from 04-01, signed), C (ends 02-15, not renewed),
 * D (ends 01-20, terminated: not counted), E (ends 03-01, a draft: not counted). Rate 1 / 2.
 */

let app: TestApp;
const c: Record<string, string> = {};
const k: Record<string, string> = {};
const rep1 = people.shanghai1Rep;
const rep2 = people.shanghai2Rep;

async function as(person: DemoPerson): Promise<{ token: string }> {
  return { token: await app.tokenFor(person.email) };
}

async function version(contractId: string): Promise<number> {
  const [row] = await app.orm.em.fork().execute<{ version: number }[]>(`select version from contract where id = ?`, [contractId]);
  return row.version;
}

async function link(person: DemoPerson, contractId: string, renewalOfId: string) {
  return app.gql(CONTRACT_RENEWAL, { id: contractId, version: await version(contractId), input: { renewalOfId } }, await as(person));
}

const P = (quantity: number, unitPrice: string, shipped = 0, invoiced = 0) => ({ productId: catalog.pt100, quantity, unitPrice, unitCost: '60', shipped, invoiced });

beforeAll(async () => {
  app = await createTestApp();
  c.c1 = await analyticsCustomer(app, { owner: rep1, tier: CustomerTier.A, industry: '制造' });
  c.c2 = await analyticsCustomer(app, { owner: rep2, tier: CustomerTier.B, industry: '能源' });
  c.other = await analyticsCustomer(app, { owner: rep1, tier: CustomerTier.C, industry: '制造' });
  c.south = await analyticsCustomer(app, { owner: people.southRep, tier: CustomerTier.C, industry: '制造', region: units.south, throughDistributor: true });
  const signed = { status: ContractStatus.ACTIVE, signedAt: '2025-12-20T02:00:00Z' };
  k.K = await analyticsContract(app, { customerId: c.c1, amount: '10000.00', startDate: '2026-01-01', endDate: '2026-12-31', ...signed });
  k.L = await analyticsContract(app, { customerId: c.c2, amount: '5000.00', startDate: '2026-01-01', endDate: '2026-12-31', ...signed });
  await analyticsOrder(app, { customerId: c.c1, contractId: k.K, createdAt: '2026-02-01T02:00:00Z', status: OrderStatus.PARTIALLY_SHIPPED, lines: [P(30, '100', 20, 10)] });
  await analyticsOrder(app, { customerId: c.c1, contractId: k.K, createdAt: '2026-03-01T02:00:00Z', lines: [P(10, '200')] });
  await analyticsOrder(app, { customerId: c.c1, contractId: k.K, createdAt: '2026-03-02T02:00:00Z', status: OrderStatus.CANCELLED, lines: [P(5, '100')] });

  const expired = { status: ContractStatus.EXPIRED, signedAt: '2025-01-01T02:00:00Z' };
  k.A = await analyticsContract(app, { customerId: c.c1, amount: '800.00', startDate: '2025-04-01', endDate: '2026-03-31', ...expired });
  k.B = await analyticsContract(app, { customerId: c.c1, amount: '900.00', startDate: '2026-04-01', endDate: '2027-03-31', status: ContractStatus.DRAFT });
  k.C = await analyticsContract(app, { customerId: c.c1, amount: '700.00', startDate: '2025-02-16', endDate: '2026-02-15', ...expired });
  k.D = await analyticsContract(app, { customerId: c.c1, amount: '600.00', startDate: '2025-01-21', endDate: '2026-01-20', status: ContractStatus.TERMINATED, signedAt: '2025-01-10T02:00:00Z' });
  k.E = await analyticsContract(app, { customerId: c.c1, amount: '500.00', startDate: '2025-03-02', endDate: '2026-03-01', status: ContractStatus.DRAFT });
  k.otherCustomer = await analyticsContract(app, { customerId: c.other, amount: '100.00', startDate: '2025-01-01', endDate: '2025-12-31', ...expired });
  k.late = await analyticsContract(app, { customerId: c.c1, amount: '100.00', startDate: '2025-06-01', endDate: '2026-06-30', ...expired });
  k.colleague = await analyticsContract(app, { customerId: c.c2, amount: '100.00', startDate: '2025-01-01', endDate: '2025-12-31', ...expired });
  k.sameDay1 = await analyticsContract(app, { customerId: c.c1, amount: '1.00', startDate: '2030-05-01', endDate: '2030-05-01', status: ContractStatus.DRAFT });
  k.sameDay2 = await analyticsContract(app, { customerId: c.c1, amount: '1.00', startDate: '2030-05-01', endDate: '2030-05-01', status: ContractStatus.DRAFT });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('renewal links (H7)', () => {
  test('the owner links a renewal to the contract it continues; the contract shows it', async () => {
    const linked = await link(rep1, k.B, k.A);
    expect(linked.errors).toBeUndefined();
    expect(linked.data!.updateContract.renewalOf).toEqual({ id: k.A });
  });

  test.each([
    ['another customer’s contract', 'otherCustomer', 'must be a contract of the same customer'],
    ['a predecessor ending after the renewal starts', 'late', 'must end on or before the renewal starts (2026-04-01)'],
    ['itself', 'B', 'no such contract is visible to you'],
    ['a contract he may not see', 'colleague', 'no such contract is visible to you'],
  ])('refused: %s', async (_name, predecessor, message) => {
    const error = errorOf((await link(rep1, k.B, k[predecessor])).errors);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.fields).toEqual([{ path: 'input.renewalOfId', message }]);
  });

  test('no cycles: a contract may not renew its own renewal', async () => {
    expect((await link(rep1, k.sameDay2, k.sameDay1)).errors).toBeUndefined();
    const error = errorOf((await link(rep1, k.sameDay1, k.sameDay2)).errors);
    expect(error.fields).toEqual([{ path: 'input.renewalOfId', message: 'must not be a renewal of this contract (a cycle)' }]);
  });

  test('renewal rate: of the signed contracts ending in the quarter, the share with a signed renewal', async () => {
    await app.orm.em.fork().execute(`update contract set signed_at = '2026-03-20T02:00:00Z', status = 'ACTIVE' where id = ?`, [k.B]);
    const response = await app.gql(RENEWAL_RATES, { input: { from: '2026-01-01', to: '2026-03-31', period: 'QUARTER', groupBy: 'OWNER' } }, await as(rep1));
    expect(response.errors).toBeUndefined();
    const report = response.data!.renewalRates;
    expect(report.rows).toEqual([{ period: '2026-Q1', periodStart: '2026-01-01', groupId: userId(rep1), groupName: rep1.name, endingCount: 2, renewedCount: 1, renewalRate: 0.5 }]);
    expect(report.total).toEqual({ endingCount: 2, renewedCount: 1, renewalRate: 0.5 });
    const error = errorOf((await app.gql(RENEWAL_RATES, { input: { from: '2026-01-01', to: '2026-03-31', groupBy: 'CONTRACT' } }, await as(rep1))).errors);
    expect([error.code, error.paths]).toEqual(['BAD_USER_INPUT', ['input.groupBy']]);
  });
});

describe('contract fulfilment (H4)', () => {
  const year = { from: '2026-01-01', to: '2026-12-31' };

  test('per contract: ordered, shipped and invoiced against the amount; cancelled orders left out', async () => {
    const response = await app.gql(CONTRACT_FULFILMENT, { input: { ...year, groupBy: 'CONTRACT', ownerId: userId(rep1) } }, await as(people.vp));
    expect(response.errors).toBeUndefined();
    const row = response.data!.contractFulfilment.rows.find((each) => each.contractId === k.K)!;
    expect(row).toMatchObject({
      ownerName: rep1.name,
      contractCount: 1,
      amountContractCount: 1,
      contractAmount: '10000',
      orderedAmount: '5000',
      orderedQuantity: '40',
      shippedAmount: '2000',
      shippedQuantity: '20',
      invoicedQuantity: '10',
      orderedRate: 0.5,
    });
  });

  test('per team: the manager sees his team’s contracts only (in force in June: K, B and the one ending 06-30)', async () => {
    const response = await app.gql(CONTRACT_FULFILMENT, { input: { from: '2026-06-01', to: '2026-06-30', groupBy: 'TEAM' } }, await as(people.shanghai1Manager));
    expect(response.errors).toBeUndefined();
    const report = response.data!.contractFulfilment;
    expect(report.rows.map((row) => [row.teamName, row.contractCount, row.contractAmount, row.orderedAmount])).toEqual([['上海一组', 3, '11000', '5000']]);
  });

  test('customer service sees the contracts without their money', async () => {
    const response = await app.gql(CONTRACT_FULFILMENT, { input: { ...year, groupBy: 'REGION' } }, await as(people.customerService));
    const total = response.data!.contractFulfilment.total;
    expect(total).toMatchObject({ amountContractCount: 0, contractAmount: null, orderedAmount: null, orderedQuantity: '40', collectedRate: null });
    expect(new Set(response.errors!.map((error) => `${error.extensions!.code} ${String(error.path!.at(-1))}`))).toEqual(
      new Set(['FORBIDDEN orderedAmount', 'FORBIDDEN shippedAmount', 'FORBIDDEN orderedRate']),
    );
  });

  test('bad input: to before from', async () => {
    const error = errorOf((await app.gql(CONTRACT_FULFILMENT, { input: { from: '2026-02-01', to: '2026-01-01' } }, await as(people.vp))).errors);
    expect([error.code, error.paths]).toEqual(['BAD_USER_INPUT', ['input.to']]);
  });
});

describe('channel performance (L9)', () => {
  beforeAll(async () => {
    await analyticsOrder(app, { customerId: c.south, createdAt: '2026-05-10T02:00:00Z', throughDistributor: true, lines: [P(20, '80'), P(10, '90')] });
    const em = app.orm.em.fork();
    await em.execute(
      `insert into sell_through_report (id, distributor_id, period_start, period_end, submitted_by_id) values
         ('00000000-0000-4000-8000-000000000001', ?, '2026-05-01', '2026-05-31', ?)`,
      [DISTRIBUTOR_ID, userId(people.partner)],
    );
    await em.execute(
      `insert into sell_through_line (id, report_id, product_id, quantity, batch_number, end_customer_name, sale_region_id, sold_on) values
         ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', ?, 17, 'B1', '终端甲', ?, '2026-05-20'),
         ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', ?, 3, 'B1', '终端乙', ?, '2026-05-21')`,
      [catalog.pt100, units.south, catalog.pt100, units.east],
    );
    await em.execute(
      `insert into channel_conflict (id, kind, distributor_id, home_region_id, found_region_id, batch_number, evidence, source_key, detected_at) values
         ('00000000-0000-4000-8000-000000000004', 'SALE_OUTSIDE_REGION', ?, ?, ?, 'B1', '{}', 'test:analytics', '2026-05-22T02:00:00Z')`,
      [DISTRIBUTOR_ID, units.south, units.east],
    );
  });

  const may = { from: '2026-05-01', to: '2026-05-31' };

  test('the VP: per distributor and region, sell-in against sell-through and the conflict', async () => {
    const response = await app.gql(CHANNEL_PERFORMANCE, { input: { ...may, groupBy: 'DISTRIBUTOR_REGION' } }, await as(people.vp));
    expect(response.errors).toBeUndefined();
    const rows = response.data!.channelPerformance.rows.map((row) => [row.regionName, row.sellInOrderCount, row.sellInQuantity, row.sellInAmount, row.sellThroughQuantity, row.conflictCount, row.openConflictCount]);
    expect(rows).toEqual([
      ['华东', 0, '0', '0', '3', 1, 1],
      ['华南', 1, '30', '2500', '17', 0, 0],
    ]);
    expect(response.data!.channelPerformance.total).toMatchObject({ sellInQuantity: '30', sellThroughQuantity: '20', sellThroughRate: 0.6667, conflictCount: 1 });
  });

  test('the partner sees its own sell-in and sell-through, never the conflicts', async () => {
    const response = await app.gql(CHANNEL_PERFORMANCE, { input: { ...may } }, await as(people.partner));
    expect(response.errors).toBeUndefined();
    expect(response.data!.channelPerformance.total).toMatchObject({ sellInQuantity: '30', sellInAmount: '2500', sellThroughQuantity: '20', conflictCount: 0 });
  });

  test('a rep sees no distributor sell-in of customers he does not own', async () => {
    const response = await app.gql(CHANNEL_PERFORMANCE, { input: { ...may } }, await as(rep1));
    expect(response.data!.channelPerformance.total).toMatchObject({ sellInOrderCount: 0, sellThroughQuantity: '20', conflictCount: 0 });
  });
});
