import { CustomerTier } from '../schema/customers/customers.enums';
import { OrderStatus } from '../schema/orders/orders.enums';
import type { DemoPerson } from '../seeds/demo-company.data';
import { analyticsCustomer, analyticsOrder } from './fixtures/analytics-data';
import { catalog, people, units, userId } from './fixtures/demo-people';
import { SALES_ANALYSIS, SALES_ANALYSIS_COUNTS } from './graphql/analytics.documents';
import { PERFORMANCE } from './graphql/kpis.documents';
import { errorOf } from './support/errors';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * salesAnalysis against a small book whose figures are computed by hand. Company time is Asia/Shanghai (UTC+8).
 * Products: P = the PT100 sensor (line SENSOR), Q = a product of another line. c1 (赵磊, 上海一组, tier A, 制造),
 * c2 (吴婷… no: 马超, 上海二组, tier B, 能源), c3 (the south rep, through the distributor, tier C, 制造), c4 (赵磊, tier B, 能源).
 *
 *   order  customer  created (UTC)            booked on (company)  lines (qty × price, cost)        amount  margin  first order?
 *   O10    c1        2026-02-28 17:00         2026-03-01           P 1×100 (60)                       100      40     yes (c1)
 *   O8     c2        2026-02-27, released     2026-03-02           Q 1×400 (300)                      400     100     no
 *                    2026-03-02 03:00
 *   O1     c1        2026-03-05 02:00         2026-03-05           P 10×100 (60), Q 2×500 (300)      2000     800     no
 *   O5     c3 (dist) 2026-03-15 02:00         2026-03-15           P 20×80 (60)                      1600     400     yes (c3)
 *   O2     c1        2026-03-20 02:00         2026-03-20           P 5×100 (60)                       500     200     no
 *   O3     c2        2026-03-31 15:30         2026-03-31           Q 1×1000 (300)                    1000     700     no
 *   O11    c2        2026-03-31 16:30         2026-04-01           Q 1×700 (300)                   (April)
 *   O6     c1        2026-03-25               cancelled            P 100×100                      (never booked)
 *   O7     c1        2026-03-26               on credit hold       P 50×100                       (not booked)
 *   O4     c2        2026-02-10 02:00         2026-02-10           P 3×100 (60)                       300     120     yes (c2)
 *   O9     c4        2025-03-12 02:00         2025-03-12           P 4×100 (60)                       400     160     yes (c4)
 *
 * March 2026: 5600 booked, 40 units, 6 orders, margin 2240 (rate 0.4), new customers c1 and c3 (100 + 1600 = 1700),
 * existing 3900, average order 933.33. By region: 华东 4000 (赵磊 2600, 马超 1400), 华南 1600.
 */

let app: TestApp;
let otherProduct: string;
let otherLineName: string;
const c: Record<string, string> = {};

const rep1 = people.shanghai1Rep;
const rep2 = people.shanghai2Rep;

async function as(person: DemoPerson): Promise<{ token: string }> {
  return { token: await app.tokenFor(person.email) };
}

const P = (quantity: number, unitPrice: string, unitCost = '60') => ({ productId: catalog.pt100, quantity, unitPrice, unitCost });
const Q = (quantity: number, unitPrice: string, unitCost = '300') => ({ productId: otherProduct, quantity, unitPrice, unitCost });

const MARCH = { from: '2026-03-01', to: '2026-03-31' };

async function analyse(person: DemoPerson, input: Record<string, unknown>) {
  const response = await app.gql(SALES_ANALYSIS, { input: { ...MARCH, groupBy: [], ...input } as never }, await as(person));
  return response;
}

/** The report, where the only errors are refusals of the fields `refused` (e.g. margins for a manager). */
async function analysed(person: DemoPerson, input: Record<string, unknown>, refused: string[] = []) {
  const response = await analyse(person, input);
  const fields = new Set((response.errors ?? []).map((error) => (error.extensions?.code === 'FORBIDDEN' ? String(error.path?.at(-1)) : error.message)));
  expect([...fields].sort()).toEqual([...refused].sort());
  return response.data!.salesAnalysis;
}

beforeAll(async () => {
  app = await createTestApp();
  const [row] = await app.orm.em.fork().execute<{ id: string; line: string }[]>(
    `select p.id, l.name as line from product p join product_line l on l.id = p.product_line_id
      where p.product_line_id <> ? order by p.sku limit 1`,
    [catalog.sensorLine],
  );
  otherProduct = row.id;
  otherLineName = row.line;
  c.c1 = await analyticsCustomer(app, { owner: rep1, tier: CustomerTier.A, industry: '制造' });
  c.c2 = await analyticsCustomer(app, { owner: rep2, tier: CustomerTier.B, industry: '能源' });
  c.c3 = await analyticsCustomer(app, { owner: people.southRep, tier: CustomerTier.C, industry: '制造', region: units.south, throughDistributor: true });
  c.c4 = await analyticsCustomer(app, { owner: rep1, tier: CustomerTier.B, industry: '能源' });
  await analyticsOrder(app, { customerId: c.c1, createdAt: '2026-02-28T17:00:00Z', lines: [P(1, '100')] });
  await analyticsOrder(app, { customerId: c.c2, createdAt: '2026-02-27T02:00:00Z', creditDecidedAt: '2026-03-02T03:00:00Z', lines: [Q(1, '400')] });
  await analyticsOrder(app, { customerId: c.c1, createdAt: '2026-03-05T02:00:00Z', lines: [P(10, '100'), Q(2, '500')] });
  await analyticsOrder(app, { customerId: c.c3, createdAt: '2026-03-15T02:00:00Z', throughDistributor: true, lines: [P(20, '80')] });
  await analyticsOrder(app, { customerId: c.c1, createdAt: '2026-03-20T02:00:00Z', lines: [P(5, '100')] });
  await analyticsOrder(app, { customerId: c.c2, createdAt: '2026-03-31T15:30:00Z', lines: [Q(1, '1000')] });
  await analyticsOrder(app, { customerId: c.c2, createdAt: '2026-03-31T16:30:00Z', lines: [Q(1, '700')] });
  await analyticsOrder(app, { customerId: c.c1, createdAt: '2026-03-25T02:00:00Z', status: OrderStatus.CANCELLED, lines: [P(100, '100')] });
  await analyticsOrder(app, { customerId: c.c1, createdAt: '2026-03-26T02:00:00Z', status: OrderStatus.CREDIT_HOLD, lines: [P(50, '100')] });
  await analyticsOrder(app, { customerId: c.c2, createdAt: '2026-02-10T02:00:00Z', lines: [P(3, '100')] });
  await analyticsOrder(app, { customerId: c.c4, createdAt: '2025-03-12T02:00:00Z', lines: [P(4, '100')] });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('salesAnalysis: booked sales against hand-computed figures', () => {
  test('the VP’s March total: booked on the confirmation day in company time, cancelled and held orders left out', async () => {
    const report = await analysed(people.vp, {});
    expect(report.rows).toHaveLength(1);
    expect(report.total).toMatchObject({
      bookedAmount: '5600',
      quantity: '40',
      orderCount: 6,
      averageOrderValue: '933.33',
      margin: '2240',
      marginRate: '0.4',
      newCustomerCount: 2,
      newCustomerAmount: '1700',
      existingCustomerAmount: '3900',
      comparison: null,
    });
  });

  test('by region and rep, with the total', async () => {
    const report = await analysed(people.vp, { groupBy: ['REGION', 'REP'] });
    // Names sort in the database's collation.
    expect(report.rows.map((row) => [row.regionName, row.repName, row.bookedAmount, row.orderCount, row.newCustomerCount])).toEqual([
      ['华东', rep1.name, '2600', 3, 1],
      ['华东', rep2.name, '1400', 2, 0],
      ['华南', people.southRep.name, '1600', 1, 1],
    ]);
    expect(report.total.bookedAmount).toBe('5600');
  });

  test('by team, product line, channel, tier and industry', async () => {
    const teams = await analysed(people.vp, { groupBy: ['TEAM'] });
    expect(Object.fromEntries(teams.rows.map((row) => [row.teamName, row.bookedAmount]))).toEqual({ 上海一组: '2600', 上海二组: '1400', 广州组: '1600' });
    const lines = await analysed(people.vp, { groupBy: ['PRODUCT_LINE'] });
    const byLine = Object.fromEntries(lines.rows.map((row) => [row.productLineId, [row.bookedAmount, row.quantity, row.orderCount, row.margin]]));
    expect(byLine).toEqual({ [catalog.sensorLine]: ['3200', '36', 4, '1040'], [lines.rows.find((row) => row.productLineName === otherLineName)!.productLineId!]: ['2400', '4', 3, '1200'] });
    const channels = await analysed(people.vp, { groupBy: ['CHANNEL'] });
    expect(channels.rows.map((row) => [row.channel, row.bookedAmount, row.orderCount])).toEqual([
      ['DIRECT', '4000', 5],
      ['DISTRIBUTOR', '1600', 1],
    ]);
    const tiers = await analysed(people.vp, { groupBy: ['CUSTOMER_TIER', 'INDUSTRY'] });
    expect(tiers.rows.map((row) => [row.customerTier, row.industry, row.bookedAmount])).toEqual([
      ['A', '制造', '2600'],
      ['B', '能源', '1400'],
      ['C', '制造', '1600'],
    ]);
    const customers = await analysed(people.vp, { groupBy: ['CUSTOMER'], industry: '能源' });
    expect(customers.rows.map((row) => [row.customerId, row.bookedAmount])).toEqual([[c.c2, '1400']]);
  });

  test('by ISO week and by day: labels, bucket starts and the company-time edges', async () => {
    const weeks = await analysed(people.vp, { groupBy: ['PERIOD'], period: 'WEEK' });
    expect(weeks.rows.map((row) => [row.period, row.periodStart, row.bookedAmount])).toEqual([
      ['2026-W09', '2026-02-23', '100'],
      ['2026-W10', '2026-03-02', '2400'],
      ['2026-W11', '2026-03-09', '1600'],
      ['2026-W12', '2026-03-16', '500'],
      ['2026-W14', '2026-03-30', '1000'],
    ]);
    const days = await analysed(people.vp, { groupBy: ['PERIOD'], period: 'DAY', from: '2026-03-31', to: '2026-04-01' });
    expect(days.rows.map((row) => [row.period, row.bookedAmount])).toEqual([
      ['2026-03-31', '1000'],
      ['2026-04-01', '700'],
    ]);
    const quarters = await analysed(people.vp, { groupBy: ['PERIOD'], period: 'QUARTER', from: '2026-01-01', to: '2026-06-30' });
    expect(quarters.rows.map((row) => [row.period, row.bookedAmount])).toEqual([
      ['2026-Q1', '5900'],
      ['2026-Q2', '700'],
    ]);
  });

  test('compared with the month before and the year before', async () => {
    const months = await analysed(people.vp, { groupBy: ['PERIOD'], period: 'MONTH', compareWith: 'PREVIOUS_PERIOD' });
    expect(months.rows).toHaveLength(1);
    expect(months.rows[0]).toMatchObject({ period: '2026-03', bookedAmount: '5600' });
    expect(months.rows[0].comparison).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
      bookedAmount: '300',
      quantity: '3',
      orderCount: 1,
      margin: '120',
      newCustomerCount: 1,
      bookedAmountChange: 17.6667,
      quantityChange: 12.3333,
      orderCountChange: 5,
      marginChange: 17.6667,
    });
    const yearOnYear = await analysed(people.vp, { compareWith: 'YEAR_OVER_YEAR' });
    expect(yearOnYear.total.comparison).toMatchObject({ from: '2025-03-01', to: '2025-03-31', bookedAmount: '400', orderCount: 1, bookedAmountChange: 13 });
    // Not grouped by period, the span is compared with the span before it: February for March.
    const previous = await analysed(people.vp, { compareWith: 'PREVIOUS_PERIOD' });
    expect(previous.total.comparison).toMatchObject({ from: '2026-02-01', to: '2026-02-28', bookedAmount: '300' });
  });

  test('a rep sees his own orders; a team manager his team’s, without margins', async () => {
    const own = await analysed(rep1, { groupBy: ['REP'] }, ['margin', 'marginRate']);
    expect(own.rows.map((row) => [row.repName, row.bookedAmount])).toEqual([[rep1.name, '2600']]);
    const manager = await analyse(people.shanghai1Manager, {});
    expect(manager.data!.salesAnalysis.total.bookedAmount).toBe('2600');
    expect(manager.data!.salesAnalysis.total.margin).toBeNull();
    expect(manager.errors?.map((error) => [error.path?.join('.'), error.extensions?.code])).toEqual(
      expect.arrayContaining([
        ['salesAnalysis.total.margin', 'FORBIDDEN'],
        ['salesAnalysis.total.marginRate', 'FORBIDDEN'],
      ]),
    );
  });

  test('customer service counts orders and units but reads no money', async () => {
    const counts = await app.gql(SALES_ANALYSIS_COUNTS, { input: { ...MARCH, groupBy: ['REGION'] } }, await as(people.customerService));
    expect(counts.errors).toBeUndefined();
    expect(counts.data!.salesAnalysis.total).toEqual({ quantity: '40', orderCount: 6, newCustomerCount: 2 });
    const money = await analyse(people.customerService, {});
    expect(money.data!.salesAnalysis.total.bookedAmount).toBeNull();
    expect(money.errors?.find((error) => error.path?.join('.') === 'salesAnalysis.total.bookedAmount')?.extensions?.code).toBe('FORBIDDEN');
  });

  test('a partner sees its distributor’s orders only, and may not group by people or tiers', async () => {
    const own = await analysed(people.partner, { groupBy: ['REGION'] }, ['customerTier', 'margin', 'marginRate']);
    expect(own.rows.map((row) => [row.regionName, row.bookedAmount, row.orderCount])).toEqual([['华南', '1600', 1]]);
    for (const input of [{ groupBy: ['REP'] }, { groupBy: ['CUSTOMER_TIER'] }, { ownerId: userId(rep1) }, { orgUnitId: units.east }]) {
      const refused = await analyse(people.partner, input);
      expect(errorOf(refused.errors).code).toBe('FORBIDDEN');
    }
  });

  test('filters: owner, org unit, product line, channel, tier', async () => {
    expect((await analysed(people.vp, { ownerId: userId(rep1) })).total.bookedAmount).toBe('2600');
    expect((await analysed(people.vp, { orgUnitId: units.east })).total.bookedAmount).toBe('4000');
    expect((await analysed(people.vp, { orgUnitId: units.shanghai2 })).total.bookedAmount).toBe('1400');
    expect((await analysed(people.vp, { productLineId: catalog.sensorLine })).total.bookedAmount).toBe('3200');
    expect((await analysed(people.vp, { channel: 'DISTRIBUTOR' })).total.bookedAmount).toBe('1600');
    expect((await analysed(people.vp, { customerTier: 'B' })).total.bookedAmount).toBe('1400');
  });

  test('the figures agree with achievement (sales_performance_fact) for a person and a unit', async () => {
    for (const subject of [{ userId: userId(rep1) }, { orgUnitId: units.east }, { orgUnitId: units.company }]) {
      const performance = await app.gql(PERFORMANCE, { subject, period: { kind: 'MONTH', start: '2026-03-01' } }, await as(people.vp));
      expect(performance.errors).toBeUndefined();
      const metric = (name: string) => performance.data!.performance.metrics.find((m) => m.metric === name)!.actual;
      const filter = 'userId' in subject ? { ownerId: subject.userId } : { orgUnitId: subject.orgUnitId };
      const analysis = await analysed(people.vp, filter);
      expect(Number(analysis.total.bookedAmount)).toBe(Number(metric('BOOKED_SALES')));
      expect(analysis.total.newCustomerCount).toBe(Number(metric('NEW_CUSTOMERS')));
    }
  });

  test('statements: one per analysis, whatever the grouping', async () => {
    const token = await as(people.vp);
    app.resetQueries();
    await app.gql(SALES_ANALYSIS, { input: { ...MARCH, groupBy: ['PERIOD', 'REGION', 'PRODUCT'], period: 'DAY', compareWith: 'YEAR_OVER_YEAR' } }, token);
    const analytic = app.queries.filter((sql) => sql.includes('from sales_order o'));
    expect(analytic).toHaveLength(1);
  });
});

describe('salesAnalysis: bad input, with codes and field paths', () => {
  test.each([
    ['to before from', { from: '2026-03-31', to: '2026-03-01' }, ['input.to']],
    ['four dimensions', { groupBy: ['PERIOD', 'REGION', 'TEAM', 'REP'] }, ['input.groupBy']],
    ['a dimension twice', { groupBy: ['REGION', 'REGION'] }, ['input.groupBy']],
    ['DAY buckets over more than a year', { groupBy: ['PERIOD'], period: 'DAY', from: '2025-01-01', to: '2026-03-31' }, ['input.period']],
    ['a span of more than ten years', { from: '2010-01-01', to: '2026-03-31' }, ['input.to']],
    ['an owner id that is no id', { ownerId: 'nobody' }, ['input.ownerId']],
  ])('%s', async (_name, input, paths) => {
    const response = await analyse(people.vp, input);
    const error = errorOf(response.errors);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.paths).toEqual(paths);
  });
});
