import { LEADERBOARD, LEADERBOARD_AMOUNTS } from './graphql/kpis.documents';
import { people, units } from './fixtures/demo-people';
import { createKpiWorld, type KpiWorld } from './fixtures/kpis-data';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * `leaderboard` (N10) on the May 2025 of tests/fixtures/kpis-data.ts: booked sales of 安 1,800 against 2,000 (90%),
 * of 白 800 against 1,600 (50%); 陈 sold nothing and has no target.
 */

let app: TestApp;
let w: KpiWorld;
const MAY = { kind: 'MONTH', start: '2025-05-01' } as const;

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

describe('leaderboard', () => {
  it('shows a rep his team’s ranking by rate, and only his own amounts', async () => {
    const auth = await as(w.emails.repA);
    const ranking = await app.gql(LEADERBOARD, { metric: 'BOOKED_SALES', period: MAY }, auth);
    expect(ranking.errors).toBeUndefined();
    expect(ranking.data!.leaderboard.orgUnitId).toBe(w.team1);
    expect(ranking.data!.leaderboard.entries.map((entry) => [entry.rank, entry.userId, entry.achievementRate, entry.unitId])).toEqual([
      [1, w.repA, '90', w.team1],
      [2, w.repB, '50', w.team1],
    ]);
    const amounts = await app.gql(LEADERBOARD_AMOUNTS, { metric: 'BOOKED_SALES', period: MAY }, auth);
    expect(amounts.data!.leaderboard.entries).toEqual([
      { rank: 1, userId: w.repA, achievementRate: '90', actual: '1800', target: '2000' },
      { rank: 2, userId: w.repB, achievementRate: '50', actual: null, target: null },
    ]);
    expect(amounts.errors?.map((error) => [error.extensions?.code, error.path?.join('.')]).sort()).toEqual([
      ['FORBIDDEN', 'leaderboard.entries.1.actual'],
      ['FORBIDDEN', 'leaderboard.entries.1.target'],
    ]);
  });

  it('shows the team manager and finance every amount', async () => {
    for (const email of [w.emails.manager1, people.finance.email, people.vp.email]) {
      const amounts = await app.gql(LEADERBOARD_AMOUNTS, { metric: 'BOOKED_SALES', period: MAY, scope: w.team1 }, await as(email));
      expect(amounts.errors).toBeUndefined();
      expect(amounts.data!.leaderboard.entries).toEqual([
        { rank: 1, userId: w.repA, achievementRate: '90', actual: '1800', target: '2000' },
        { rank: 2, userId: w.repB, achievementRate: '50', actual: '800', target: '1600' },
      ]);
    }
  });

  it('ranks a region’s reps for its director, those without a target last', async () => {
    const ranking = await app.gql(LEADERBOARD_AMOUNTS, { metric: 'BOOKED_SALES', period: MAY, scope: w.region }, await as(w.emails.director));
    expect(ranking.errors).toBeUndefined();
    expect(ranking.data!.leaderboard.entries).toEqual([
      { rank: 1, userId: w.repA, achievementRate: '90', actual: '1800', target: '2000' },
      { rank: 2, userId: w.repB, achievementRate: '50', actual: '800', target: '1600' },
      { rank: 3, userId: w.repC, achievementRate: null, actual: '0', target: null },
    ]);
  });

  it('refuses another team, service staff and partners', async () => {
    const cases = [
      [w.emails.repC, w.team1],
      [w.emails.manager2, w.team1],
      [w.emails.repA, w.region],
      [people.customerService.email, w.team1],
      [people.techSupport.email, null],
      [people.partner.email, null],
    ] as const;
    for (const [email, scope] of cases) {
      const response = await app.gql(LEADERBOARD, { metric: 'BOOKED_SALES', period: MAY, scope }, await as(email));
      expect({ email, codes: response.errors?.map((error) => error.extensions?.code) }).toEqual({ email, codes: ['FORBIDDEN'] });
      expect(response.data).toBeNull();
    }
  });

  it('runs the same number of SQL statements for a team of three as for the whole company', async () => {
    const auth = await as(people.vp.email);
    await app.gql(LEADERBOARD, { metric: 'VISITS', period: MAY, scope: w.team2 }, auth);
    app.resetQueries();
    const small = await app.gql(LEADERBOARD, { metric: 'VISITS', period: MAY, scope: w.team2 }, auth);
    const smallCount = app.queries.length;
    app.resetQueries();
    const large = await app.gql(LEADERBOARD, { metric: 'BOOKED_SALES', period: { yearToDate: true, asOf: '2026-12-31' }, scope: units.company }, auth);
    const largeCount = app.queries.length;
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(small.data!.leaderboard.entries).toHaveLength(1);
    expect(large.data!.leaderboard.entries.length).toBeGreaterThan(30);
    // Sign-in and the ranking itself.
    expect({ smallCount, largeCount }).toEqual({ smallCount: 2, largeCount: 2 });
  });
});
