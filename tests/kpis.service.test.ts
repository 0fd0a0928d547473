import { loadViewer } from '../schema/org/org.service';
import type { Viewer } from '../api/permissions/viewer';
import { kpiPeriod, kpis, yearToDate, type KpiSet } from '../schema/targets/kpis.service';
import { PeriodKind, TargetMetric } from '../schema/targets/targets.enums';
import { people, userId } from './fixtures/demo-people';
import { createKpiWorld, type KpiWorld } from './fixtures/kpis-data';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * `kpis` (the function appraisals and the GraphQL layer call) against the hand-computed month of
 * tests/fixtures/kpis-data.ts: May 2025, company time.
 */

let app: TestApp;
let w: KpiWorld;
const MAY = kpiPeriod(PeriodKind.MONTH, '2025-05-01');

async function viewerOf(id: string): Promise<Viewer> {
  return (await loadViewer(app.orm.em.fork(), id, { scopes: null, apiKeyId: null }))!;
}

const metric = (set: KpiSet, name: TargetMetric) => set.metrics.find((figure) => figure.metric === name)!;

beforeAll(async () => {
  app = await createTestApp();
  w = await createKpiWorld(app);
});

afterAll(async () => {
  await app.close();
});

describe('kpis()', () => {
  it('computes a rep’s month by hand', async () => {
    const vp = await viewerOf(userId(people.vp));
    app.resetQueries();
    const [a] = await kpis(app.orm.em.fork(), vp, [{ userId: w.repA }], MAY);
    expect(app.queries).toHaveLength(1);
    // Booked: 1,000 + 500 (order 1) + 300 (order 2); not the cancelled order, not the one confirmed on June 1st in Shanghai.
    expect(metric(a!, TargetMetric.BOOKED_SALES)).toEqual({ metric: 'BOOKED_SALES', actual: '1800.00', target: '2000.00', achievementRate: '90.00' });
    expect(metric(a!, TargetMetric.COLLECTIONS)).toEqual({ metric: 'COLLECTIONS', actual: '1000.00', target: '2000.00', achievementRate: '50.00' });
    // cA2's first order is in May; cA1's was in April.
    expect(metric(a!, TargetMetric.NEW_CUSTOMERS)).toEqual({ metric: 'NEW_CUSTOMERS', actual: '1', target: null, achievementRate: null });
    expect(metric(a!, TargetMetric.VISITS)).toEqual({ metric: 'VISITS', actual: '2', target: null, achievementRate: null });
    expect(a!.productLines).toEqual(
      [
        { productLineId: w.lineL1, productLineName: w.lineL1Name, actual: '1300.00', target: '1000.00', achievementRate: '130.00', actualShare: '72.22', targetShare: '50.00' },
        { productLineId: w.lineL2, productLineName: w.lineL2Name, actual: '500.00', target: '1000.00', achievementRate: '50.00', actualShare: '27.78', targetShare: '50.00' },
      ].sort((x, y) => x.productLineName.localeCompare(y.productLineName)),
    );
    // 100 − ½ (|72.22 − 50| + |27.78 − 50|)
    expect(a!.productLineBalance).toBe('77.78');
    expect([a!.opportunitiesWon, a!.opportunitiesClosed, a!.conversionRate]).toEqual([2, 3, '66.67']);
    expect([a!.orderCount, a!.averageOrderValue]).toEqual([2, '900.00']);
    // Tier A: cA1, visited twice (once with 孟一), norm 2; tier B: cA2, not visited, norm 1.
    expect(a!.keyCustomerVisits).toEqual([
      { tier: 'A', visitsPerMonth: '2.00', customers: 1, visits: 2, expected: '2.00', rate: '100.00' },
      { tier: 'B', visitsPerMonth: '1.00', customers: 1, visits: 0, expected: '1.00', rate: '0.00' },
    ]);
    expect(a!.keyCustomerVisitRate).toBe('66.67');
    // Invoiced 1,500 on May 12th, 1,000 allocated May 25th (13 days), 500 open at the end; 500 ÷ 1,500 × 31 days.
    expect([a!.invoiced, a!.collected, a!.openAtEnd, a!.collectionRate, a!.daysSalesOutstanding, a!.averageDaysToCollect]).toEqual([
      '1500.00', '1000.00', '500.00', '66.67', '10.3', '13.0',
    ]);
    expect([a!.surveyCount, a!.averageSatisfaction]).toEqual([2, '4.50']);
    expect([a!.previousCustomers, a!.retainedCustomers, a!.retentionRate]).toEqual([1, 1, '100.00']);
    expect([a!.contractsEnding, a!.contractsRenewed, a!.renewalRate]).toEqual([2, 1, '50.00']);
  });

  it('sums a unit over its people against the unit’s own target, counting a visit once per customer', async () => {
    const director = await viewerOf(w.director);
    const [team1, b] = await kpis(app.orm.em.fork(), director, [{ orgUnitId: w.team1 }, { userId: w.repB }], MAY);
    expect(metric(team1!, TargetMetric.BOOKED_SALES)).toEqual({ metric: 'BOOKED_SALES', actual: '2600.00', target: '4000.00', achievementRate: '65.00' });
    // 安 2, 白 1, 孟一 2 (one accompanied, one own).
    expect(metric(team1!, TargetMetric.VISITS).actual).toBe('5');
    expect(metric(team1!, TargetMetric.NEW_CUSTOMERS).actual).toBe('2');
    // Tier A: cA1 and cB1, two distinct visits each; tier B: cA2.
    expect(team1!.keyCustomerVisits.map((tier) => [tier.tier, tier.customers, tier.visits, tier.expected])).toEqual([
      ['A', 2, 4, '4.00'],
      ['B', 1, 0, '1.00'],
    ]);
    expect(team1!.keyCustomerVisitRate).toBe('80.00');
    // cA1 bought in April and May; cB2 only in April.
    expect([team1!.previousCustomers, team1!.retainedCustomers, team1!.retentionRate]).toEqual([2, 1, '50.00']);
    expect(metric(b!, TargetMetric.BOOKED_SALES)).toEqual({ metric: 'BOOKED_SALES', actual: '800.00', target: '1600.00', achievementRate: '50.00' });
    expect([b!.previousCustomers, b!.retainedCustomers, b!.retentionRate]).toEqual([1, 0, '0.00']);
  });

  it('refuses subjects outside the viewer’s scope', async () => {
    const repA = await viewerOf(w.repA);
    await expect(kpis(app.orm.em.fork(), repA, [{ userId: w.repB }], MAY)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(kpis(app.orm.em.fork(), repA, [{ orgUnitId: w.team1 }], MAY)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const manager2 = await viewerOf(w.manager2);
    await expect(kpis(app.orm.em.fork(), manager2, [{ userId: w.repA }], MAY)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const [own] = await kpis(app.orm.em.fork(), repA, [{ userId: w.repA }], MAY);
    expect(metric(own!, TargetMetric.BOOKED_SALES).actual).toBe('1800.00');
  });

  it('year to date sums the month targets in it; a quarter without its own target has none', async () => {
    const vp = await viewerOf(userId(people.vp));
    const [ytd, quarter] = await Promise.all([
      kpis(app.orm.em.fork(), vp, [{ userId: w.repA }], yearToDate('2025-06-30')),
      kpis(app.orm.em.fork(), vp, [{ userId: w.repA }], kpiPeriod(PeriodKind.QUARTER, '2025-04-01')),
    ]);
    // April 200, May 1,800, June 1st 777.
    expect(metric(ytd[0]!, TargetMetric.BOOKED_SALES)).toEqual({ metric: 'BOOKED_SALES', actual: '2777.00', target: '2000.00', achievementRate: '138.85' });
    expect(metric(quarter[0]!, TargetMetric.BOOKED_SALES)).toEqual({ metric: 'BOOKED_SALES', actual: '2777.00', target: null, achievementRate: null });
  });
});
