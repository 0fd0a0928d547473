import { CREATE_SALES_CONTEST, SALES_CONTEST, SALES_CONTESTS } from './graphql/kpis.documents';
import { people } from './fixtures/demo-people';
import { createKpiWorld, type KpiWorld } from './fixtures/kpis-data';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Sales contests (N10) on the May 2025 of tests/fixtures/kpis-data.ts: a contest's standings are its unit's
 * leaderboard; participants see it with their peers' rates but not their amounts.
 */

let app: TestApp;
let w: KpiWorld;
let teamContest: string;
let regionContest: string;

async function as(email: string) {
  return { token: await app.tokenFor(email) };
}

const contest = (name: string, orgUnitId: string) => ({ input: { name, metric: 'BOOKED_SALES' as const, periodKind: 'MONTH' as const, periodStart: '2025-05-01', orgUnitId } });

beforeAll(async () => {
  app = await createTestApp();
  w = await createKpiWorld(app);
});

afterAll(async () => {
  await app.close();
});

describe('sales contests', () => {
  it('a team manager starts one in his team, a director in his region', async () => {
    const team = await app.gql(CREATE_SALES_CONTEST, contest('五月冲刺', w.team1), await as(w.emails.manager1));
    expect(team.errors).toBeUndefined();
    expect(team.data!.createSalesContest).toMatchObject({ name: '五月冲刺', metric: 'BOOKED_SALES', periodKind: 'MONTH', periodStart: '2025-05-01', orgUnitId: w.team1, version: 1 });
    teamContest = team.data!.createSalesContest.id;
    const region = await app.gql(CREATE_SALES_CONTEST, contest('大区五月赛', w.region), await as(w.emails.director));
    expect(region.errors).toBeUndefined();
    regionContest = region.data!.createSalesContest.id;
  });

  it('is refused outside the units one heads, to reps, and for a start that begins no period', async () => {
    const above = await app.gql(CREATE_SALES_CONTEST, contest('越权', w.region), await as(w.emails.manager1));
    expect(above.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const rep = await app.gql(CREATE_SALES_CONTEST, contest('代表', w.team1), await as(w.emails.repA));
    expect(rep.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const midMonth = await app.gql(CREATE_SALES_CONTEST, { input: { ...contest('月中', w.team1).input, periodStart: '2025-05-15' } }, await as(w.emails.manager1));
    expect(midMonth.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.periodStart' }] });
    const [{ count }] = await app.orm.em.getConnection().execute<{ count: string }[]>(`select count(*)::text as count from sales_contest`);
    expect(count).toBe('2');
  });

  it('shows participants their contests with the standings, their peers’ amounts hidden', async () => {
    const response = await app.gql(SALES_CONTESTS, {}, await as(w.emails.repA));
    const contests = response.data!.salesContests;
    expect(contests.map((c) => c.id).sort()).toEqual([teamContest, regionContest].sort());
    const team = contests.find((c) => c.id === teamContest)!;
    expect(team.standings).toEqual([
      { rank: 1, userId: w.repA, achievementRate: '90', actual: '1800' },
      { rank: 2, userId: w.repB, achievementRate: '50', actual: null },
    ]);
    const region = contests.find((c) => c.id === regionContest)!;
    expect(region.standings.map((entry) => [entry.rank, entry.userId, entry.achievementRate])).toEqual([
      [1, w.repA, '90'],
      [2, w.repB, '50'],
      [3, w.repC, null],
    ]);
    // 白's and 陈's amounts, in each contest where they appear.
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  });

  it('shows each viewer the contests they take part in or oversee', async () => {
    const seen = async (email: string) => (await app.gql(SALES_CONTESTS, {}, await as(email))).data!.salesContests.map((c) => c.id).sort();
    expect(await seen(w.emails.repC)).toEqual([regionContest]);
    expect(await seen(w.emails.manager2)).toEqual([regionContest]);
    expect(await seen(w.emails.director)).toEqual([teamContest, regionContest].sort());
    expect(await seen(people.finance.email)).toEqual([teamContest, regionContest].sort());
    expect(await seen(people.customerService.email)).toEqual([]);
    expect(await seen(people.eastDirector.email)).toEqual([]);
    const hidden = await app.gql(SALES_CONTEST, { id: teamContest }, await as(w.emails.repC));
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data!.salesContest).toBeNull();
    const shown = await app.gql(SALES_CONTEST, { id: teamContest }, await as(w.emails.repB));
    expect(shown.data!.salesContest).toEqual({ id: teamContest, name: '五月冲刺' });
  });
});
