import { PERFORMANCE, PERFORMANCE_BREAKDOWN, PERFORMANCE_FACTS } from './graphql/kpis.documents';
import { people, units } from './fixtures/demo-people';
import { createKpiWorld, type KpiWorld } from './fixtures/kpis-data';
import type { PerformanceFactsQuery } from './gql/graphql';
import { createTestApp, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * `performance`, `performanceBreakdown` and `performanceFacts` over HTTP, on the hand-computed May 2025 of
 * tests/fixtures/kpis-data.ts (every KPI is checked one by one in tests/kpis.service.test.ts).
 */

let app: TestApp;
let w: KpiWorld;
const MAY = { kind: 'MONTH', start: '2025-05-01' } as const;
const METRICS = ['BOOKED_SALES', 'COLLECTIONS', 'NEW_CUSTOMERS', 'VISITS'] as const;

async function as(email: string) {
  return { token: await app.tokenFor(email) };
}

beforeAll(async () => {
  app = await createTestApp();
  w = await createKpiWorld(app);
});

afterAll(async () => {
  await app.close();
});

describe('performance', () => {
  it('answers a rep’s month, to the rep himself', async () => {
    const response = await app.gql(PERFORMANCE, { subject: { userId: w.repA }, period: MAY }, await as(w.emails.repA));
    expect(response.errors).toBeUndefined();
    const figures = response.data!.performance;
    expect(figures.period).toEqual({ kind: 'MONTH', yearToDate: false, start: '2025-05-01', end: '2025-05-31' });
    expect(figures.metrics).toEqual([
      { metric: 'BOOKED_SALES', actual: '1800', target: '2000', achievementRate: '90' },
      { metric: 'COLLECTIONS', actual: '1000', target: '2000', achievementRate: '50' },
      { metric: 'NEW_CUSTOMERS', actual: '1', target: null, achievementRate: null },
      { metric: 'VISITS', actual: '2', target: null, achievementRate: null },
    ]);
    expect([figures.productLineBalance, figures.conversionRate, figures.averageOrderValue, figures.keyCustomerVisitRate]).toEqual(['77.78', '66.67', '900', '66.67']);
    expect([figures.collectionRate, figures.daysSalesOutstanding, figures.averageDaysToCollect]).toEqual(['66.67', '10.3', '13']);
    expect([figures.averageSatisfaction, figures.retentionRate, figures.renewalRate]).toEqual(['4.5', '100', '50']);
  });

  it('year to date runs from January 1st to asOf', async () => {
    const response = await app.gql(PERFORMANCE, { subject: { orgUnitId: w.team1 }, period: { yearToDate: true, asOf: '2025-05-31' } }, await as(w.emails.director));
    expect(response.errors).toBeUndefined();
    expect(response.data!.performance.period).toEqual({ kind: null, yearToDate: true, start: '2025-01-01', end: '2025-05-31' });
    // April 200 + 100, May 2,600; the unit's May target is its only month target so far.
    expect(response.data!.performance.metrics[0]).toEqual({ metric: 'BOOKED_SALES', actual: '2900', target: '4000', achievementRate: '72.5' });
  });

  it('refuses a peer, a rep’s own team, and another team’s manager (FORBIDDEN)', async () => {
    const cases = [
      [w.emails.repA, { userId: w.repB }],
      [w.emails.repA, { orgUnitId: w.team1 }],
      [w.emails.manager2, { userId: w.repA }],
      [people.customerService.email, { userId: w.repA }],
    ] as const;
    for (const [email, subject] of cases) {
      const response = await app.gql(PERFORMANCE, { subject, period: MAY }, await as(email));
      expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(response.data).toBeNull();
    }
  });

  it('refuses bad input with the field path', async () => {
    const auth = await as(people.vp.email);
    const both = await app.gql(PERFORMANCE, { subject: { userId: w.repA, orgUnitId: w.team1 }, period: MAY }, auth);
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'subject' }] });
    const midMonth = await app.gql(PERFORMANCE, { subject: { userId: w.repA }, period: { kind: 'QUARTER', start: '2025-05-01' } }, auth);
    expect(midMonth.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'period.start' }] });
    const mixed = await app.gql(PERFORMANCE, { subject: { userId: w.repA }, period: { kind: 'MONTH', start: '2025-05-01', yearToDate: true } }, auth);
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'period' }] });
  });
});

describe('performanceFacts (drill-down)', () => {
  it('sums to every figure of a person and a unit, page by page', async () => {
    const auth = await as(w.emails.director);
    for (const subject of [{ userId: w.repA }, { orgUnitId: w.team1 }, { orgUnitId: w.region }]) {
      const figures = await app.gql(PERFORMANCE, { subject, period: MAY }, auth);
      for (const metric of METRICS) {
        const actual = figures.data!.performance.metrics.find((figure) => figure.metric === metric)!.actual as string;
        let after: string | null = null;
        let paged = 0;
        let pagedCount = 0;
        let totalValue = '';
        do {
          const page: GraphQLResponse<PerformanceFactsQuery> = await app.gql(PERFORMANCE_FACTS, { subject, period: MAY, metric, first: 2, after }, auth);
          expect(page.errors).toBeUndefined();
          const connection = page.data!.performanceFacts;
          paged += connection.nodes.reduce((sum, node) => sum + Number(node.value), 0);
          pagedCount += connection.nodes.length;
          totalValue = connection.totalValue as string;
          expect(connection.totalCount).toBeGreaterThanOrEqual(pagedCount);
          after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor! : null;
        } while (after !== null);
        expect({ subject, metric, totalValue, paged }).toEqual({ subject, metric, totalValue: actual, paged: Number(actual) });
      }
    }
  });

  it('shows the rows behind a product line with links to their records', async () => {
    const response = await app.gql(PERFORMANCE_FACTS, { subject: { userId: w.repA }, period: MAY, metric: 'BOOKED_SALES', productLineId: w.lineL2 }, await as(w.emails.manager1));
    expect(response.errors).toBeUndefined();
    expect(response.data!.performanceFacts.totalValue).toBe('500');
    expect(response.data!.performanceFacts.nodes).toEqual([
      expect.objectContaining({ kind: 'ORDER_LINE', occurredOn: '2025-05-10', value: '500', userId: w.repA, customerId: w.cA1, productLineId: w.lineL2, orderId: w.order1, documentId: w.order1, paymentId: null, visitId: null }),
    ]);
    const visits = await app.gql(PERFORMANCE_FACTS, { subject: { userId: w.manager1 }, period: MAY, metric: 'VISITS' }, await as(w.emails.manager1));
    expect(visits.data!.performanceFacts.nodes.map((node) => [node.kind, node.occurredOn, node.customerId, node.visitId === node.sourceId])).toEqual([
      ['ACCOMPANIED_VISIT', '2025-05-03', w.cA1, true],
      ['VISIT', '2025-05-09', w.cB1, true],
    ]);
  });

  it('is refused outside the viewer’s scope, and for a product line of another metric', async () => {
    const peer = await app.gql(PERFORMANCE_FACTS, { subject: { userId: w.repB }, period: MAY, metric: 'BOOKED_SALES' }, await as(w.emails.repA));
    expect(peer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const line = await app.gql(PERFORMANCE_FACTS, { subject: { userId: w.repA }, period: MAY, metric: 'VISITS', productLineId: w.lineL1 }, await as(w.emails.repA));
    expect(line.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'productLineId' }] });
    const cursor = await app.gql(PERFORMANCE_FACTS, { subject: { userId: w.repA }, period: MAY, metric: 'VISITS', after: 'bm90LWEtY3Vyc29y' }, await as(w.emails.repA));
    expect(cursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'after' }] });
  });
});

describe('performanceBreakdown', () => {
  it('gives region → teams → people with their own targets in one call', async () => {
    const response = await app.gql(PERFORMANCE_BREAKDOWN, { orgUnitId: w.region, period: MAY, metric: 'BOOKED_SALES', depth: 2 }, await as(w.emails.director));
    expect(response.errors).toBeUndefined();
    const rows = response.data!.performanceBreakdown.rows.map((row) => [row.level, row.orgUnitId ?? row.userId, row.parentOrgUnitId, row.actual, row.target, row.achievementRate]);
    // Units first within a level, then people, each by name in the database's collation.
    expect(rows.slice(0, 4)).toEqual([
      [0, w.region, null, '2600', null, null],
      [1, w.team1, w.region, '2600', '4000', '65'],
      [1, w.team2, w.region, '0', null, null],
      [1, w.director, w.region, '0', null, null],
    ]);
    expect(rows.slice(4)).toHaveLength(5);
    expect(rows.slice(4)).toEqual(
      expect.arrayContaining([
        [2, w.repA, w.team1, '1800', '2000', '90'],
        [2, w.manager1, w.team1, '0', null, null],
        [2, w.manager2, w.team2, '0', null, null],
        [2, w.repB, w.team1, '800', '1600', '50'],
        [2, w.repC, w.team2, '0', null, null],
      ]),
    );
    const names = response.data!.performanceBreakdown.rows.slice(4).map((row) => row.name);
    const [sorted] = await app.orm.em.getConnection().execute<{ names: string[] }[]>(`select array_agg(n order by n) as names from jsonb_array_elements_text(?::jsonb) n`, [JSON.stringify(names)]);
    expect(names).toEqual(sorted!.names);
  });

  it('is for the unit’s heads and those above: a team manager may not break down the region', async () => {
    const response = await app.gql(PERFORMANCE_BREAKDOWN, { orgUnitId: w.region, period: MAY, metric: 'BOOKED_SALES' }, await as(w.emails.manager1));
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('runs the same number of SQL statements for one team as for the whole company down to every rep', async () => {
    const auth = await as(people.vp.email);
    await app.gql(PERFORMANCE_BREAKDOWN, { orgUnitId: w.team2, period: MAY, metric: 'VISITS' }, auth);
    app.resetQueries();
    const small = await app.gql(PERFORMANCE_BREAKDOWN, { orgUnitId: w.team2, period: MAY, metric: 'VISITS' }, auth);
    const smallCount = app.queries.length;
    app.resetQueries();
    const large = await app.gql(PERFORMANCE_BREAKDOWN, { orgUnitId: units.company, period: { kind: 'YEAR', start: '2026-01-01' }, metric: 'BOOKED_SALES', depth: 3 }, auth);
    const largeCount = app.queries.length;
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(small.data!.performanceBreakdown.rows.length).toBe(3);
    expect(large.data!.performanceBreakdown.rows.length).toBeGreaterThan(40);
    // Sign-in and the breakdown itself.
    expect({ smallCount, largeCount }).toEqual({ smallCount: 2, largeCount: 2 });
  });
});
