import { GraphQLObjectType } from 'graphql';
import { collectPolicy } from '../api/permissions/shield';
import { CREATE_API_KEY } from './graphql/documents';
import { CREATE_SALES_CONTEST, LEADERBOARD_AMOUNTS, PERFORMANCE, PERFORMANCE_BREAKDOWN, PERFORMANCE_FACTS, SALES_CONTESTS } from './graphql/kpis.documents';
import { people, userId } from './fixtures/demo-people';
import { createKpiWorld, type KpiWorld } from './fixtures/kpis-data';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * Who may read which achievement figures, ranking and drill-down, role by role, written out by hand so the table is
 * the spec. The data is the region of tests/fixtures/kpis-data.ts (director 董; team 1: manager 孟一, reps 安 and
 * 白; team 2), May 2025; the director, the manager and the rep are those people, every other role a demo user
 * outside that region, the integration an API key with READ_PERFORMANCE.
 *
 * Columns: `repA`, `repB`, `team1`, `region`: `performance` of that person or unit (allowed with 安's booked sales
 * 1,800 / refused FORBIDDEN); `own`: `performance` of the viewer; `breakdown`: `performanceBreakdown` of the region;
 * `facts`: `performanceFacts` of 安's booked sales (allowed: totalValue 1,800); `ranking`: `leaderboard` of team 1 —
 * `all` (every actual and target readable), `own` (rates for all, amounts only on the viewer's own row, the others
 * null and FORBIDDEN at their path), or refused; `contest`: whether `salesContests` lists team 1's contest (its
 * organisers and overseers, its participants, and whoever sees all performance), or the query is refused;
 * `createContest`: `createSalesContest` in team 1 (allowed, or refused FORBIDDEN).
 */
type Outcome = 'allowed' | 'refused';

interface Row {
  role: string;
  as: 'admin' | 'vp' | 'director' | 'manager' | 'rep' | 'keyAccountManager' | 'customerService' | 'techSupport' | 'finance' | 'partner' | 'integrationKey';
  own: Outcome;
  repA: Outcome;
  repB: Outcome;
  team1: Outcome;
  region: Outcome;
  breakdown: Outcome;
  facts: Outcome;
  ranking: 'all' | 'own' | 'refused';
  contest: 'shown' | 'absent' | 'refused';
  createContest: Outcome;
}

const MATRIX: Row[] = [
  { role: 'ADMIN', as: 'admin', own: 'allowed', repA: 'allowed', repB: 'allowed', team1: 'allowed', region: 'allowed', breakdown: 'allowed', facts: 'allowed', ranking: 'all', contest: 'shown', createContest: 'allowed' },
  { role: 'SALES_VP', as: 'vp', own: 'allowed', repA: 'allowed', repB: 'allowed', team1: 'allowed', region: 'allowed', breakdown: 'allowed', facts: 'allowed', ranking: 'all', contest: 'shown', createContest: 'allowed' },
  { role: 'REGIONAL_DIRECTOR', as: 'director', own: 'allowed', repA: 'allowed', repB: 'allowed', team1: 'allowed', region: 'allowed', breakdown: 'allowed', facts: 'allowed', ranking: 'all', contest: 'shown', createContest: 'allowed' },
  { role: 'TEAM_MANAGER', as: 'manager', own: 'allowed', repA: 'allowed', repB: 'allowed', team1: 'allowed', region: 'refused', breakdown: 'refused', facts: 'allowed', ranking: 'all', contest: 'shown', createContest: 'allowed' },
  { role: 'SALES_REP', as: 'rep', own: 'allowed', repA: 'allowed', repB: 'refused', team1: 'refused', region: 'refused', breakdown: 'refused', facts: 'allowed', ranking: 'own', contest: 'shown', createContest: 'refused' },
  { role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager', own: 'allowed', repA: 'refused', repB: 'refused', team1: 'refused', region: 'refused', breakdown: 'refused', facts: 'refused', ranking: 'refused', contest: 'absent', createContest: 'refused' },
  { role: 'CUSTOMER_SERVICE', as: 'customerService', own: 'allowed', repA: 'refused', repB: 'refused', team1: 'refused', region: 'refused', breakdown: 'refused', facts: 'refused', ranking: 'refused', contest: 'absent', createContest: 'refused' },
  { role: 'TECH_SUPPORT', as: 'techSupport', own: 'allowed', repA: 'refused', repB: 'refused', team1: 'refused', region: 'refused', breakdown: 'refused', facts: 'refused', ranking: 'refused', contest: 'absent', createContest: 'refused' },
  { role: 'FINANCE', as: 'finance', own: 'allowed', repA: 'allowed', repB: 'allowed', team1: 'allowed', region: 'allowed', breakdown: 'allowed', facts: 'allowed', ranking: 'all', contest: 'shown', createContest: 'refused' },
  { role: 'PARTNER', as: 'partner', own: 'refused', repA: 'refused', repB: 'refused', team1: 'refused', region: 'refused', breakdown: 'refused', facts: 'refused', ranking: 'refused', contest: 'refused', createContest: 'refused' },
  { role: 'INTEGRATION', as: 'integrationKey', own: 'allowed', repA: 'allowed', repB: 'allowed', team1: 'allowed', region: 'allowed', breakdown: 'allowed', facts: 'allowed', ranking: 'all', contest: 'shown', createContest: 'refused' },
];

/** The object types of achievement, KPIs and rankings. */
const KPI_TYPES = [
  'Performance', 'PerformancePeriod', 'PerformanceSubject', 'MetricAchievement', 'ProductLineAchievement', 'TierVisitFrequency',
  'PerformanceBreakdown', 'PerformanceBreakdownRow', 'PerformanceFact', 'PerformanceFactEdge', 'PerformanceFactPageInfo',
  'PerformanceFactConnection', 'Leaderboard', 'LeaderboardEntry', 'SalesContest',
];
/** Their guarded fields, checked by the `ranking` column. */
const GUARDED_FIELDS = ['LeaderboardEntry.actual', 'LeaderboardEntry.target'];
/** The operations, each checked by a column. */
const OPERATIONS = ['leaderboard', 'performance', 'performanceBreakdown', 'performanceFacts', 'salesContest', 'salesContests'];
const CONTEST_MUTATIONS = ['createSalesContest'];

const MAY = { kind: 'MONTH', start: '2025-05-01' } as const;
let app: TestApp;
let w: KpiWorld;
let teamContest: string;
const auths = new Map<string, Auth>();

beforeAll(async () => {
  app = await createTestApp();
  w = await createKpiWorld(app);
  const created = await app.gql(
    CREATE_API_KEY,
    { input: { name: 'BI performance sync', scopes: ['READ_PERFORMANCE'], userId: userId(people.integration) } },
    { token: await app.tokenFor(people.admin.email) },
  );
  auths.set('integrationKey', { apiKey: created.data!.createApiKey.key });
  const contest = await app.gql(
    CREATE_SALES_CONTEST,
    { input: { name: '矩阵赛', metric: 'BOOKED_SALES', periodKind: 'MONTH', periodStart: '2025-05-01', orgUnitId: w.team1 } },
    { token: await app.tokenFor(w.emails.manager1) },
  );
  teamContest = contest.data!.createSalesContest.id;
}, 120_000);

afterAll(async () => {
  await app.close();
});

function emailOf(as: Row['as']): string {
  switch (as) {
    case 'director':
      return w.emails.director;
    case 'manager':
      return w.emails.manager1;
    case 'rep':
      return w.emails.repA;
    case 'integrationKey':
      throw new Error('an API key');
    default:
      return people[as].email;
  }
}

function selfOf(as: Row['as']): string {
  if (as === 'director') return w.director;
  if (as === 'manager') return w.manager1;
  if (as === 'rep') return w.repA;
  if (as === 'integrationKey') return userId(people.integration);
  return userId(people[as]);
}

async function authFor(as: Row['as']): Promise<Auth> {
  const known = auths.get(as);
  if (known) return known;
  const auth = { token: await app.tokenFor(emailOf(as)) };
  auths.set(as, auth);
  return auth;
}

function outcomeOf(response: { errors?: readonly { extensions?: Record<string, unknown> }[]; data?: unknown }): Outcome | string {
  if (response.errors === undefined) return 'allowed';
  const codes = response.errors.map((error) => error.extensions?.code);
  return codes.length === 1 && codes[0] === 'FORBIDDEN' && response.data === null ? 'refused' : JSON.stringify(response.errors);
}

describe('the matrix is complete', () => {
  it('covers every role', () => {
    expect(new Set(MATRIX.map((row) => row.role)).size).toBe(11);
    expect(new Set(MATRIX.map((row) => row.as)).size).toBe(11);
  });

  it('covers every guarded field and every operation of achievement and rankings', () => {
    const policy = collectPolicy(app.server.schema);
    for (const typeName of KPI_TYPES) expect({ typeName, inSchema: app.server.schema.getType(typeName) instanceof GraphQLObjectType }).toEqual({ typeName, inSchema: true });
    const guarded = policy.fields.filter((entry) => KPI_TYPES.includes(entry.typeName)).map((entry) => `${entry.typeName}.${entry.fieldName}`);
    expect(guarded.sort()).toEqual([...GUARDED_FIELDS].sort());
    const operations = policy.fields.filter((entry) => entry.typeName === 'Query' && entry.rule.name === 'performance-readers').map((entry) => entry.fieldName);
    expect(operations.sort()).toEqual([...OPERATIONS].sort());
    const mutations = policy.fields.filter((entry) => entry.typeName === 'Mutation' && entry.rule.name === 'contest-organisers').map((entry) => entry.fieldName);
    expect(mutations).toEqual(CONTEST_MUTATIONS);
  });
});

describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s', (_name, row) => {
  it(`performance: own ${row.own}, 安 ${row.repA}, 白 ${row.repB}, team 1 ${row.team1}, the region ${row.region}`, async () => {
    const auth = await authFor(row.as);
    const outcomes: Record<string, Outcome | string> = {};
    const subjects = { own: { userId: selfOf(row.as) }, repA: { userId: w.repA }, repB: { userId: w.repB }, team1: { orgUnitId: w.team1 }, region: { orgUnitId: w.region } };
    for (const [name, subject] of Object.entries(subjects)) {
      const response = await app.gql(PERFORMANCE, { subject, period: MAY }, auth);
      outcomes[name] = outcomeOf(response);
      if (name === 'repA' && response.errors === undefined) expect(response.data!.performance.metrics[0]!.actual).toBe('1800');
    }
    expect(outcomes).toEqual({ own: row.own, repA: row.repA, repB: row.repB, team1: row.team1, region: row.region });
  });

  it(`the region's breakdown ${row.breakdown}; 安's booked-sales rows ${row.facts}`, async () => {
    const auth = await authFor(row.as);
    const breakdown = await app.gql(PERFORMANCE_BREAKDOWN, { orgUnitId: w.region, period: MAY, metric: 'BOOKED_SALES', depth: 2 }, auth);
    const facts = await app.gql(PERFORMANCE_FACTS, { subject: { userId: w.repA }, period: MAY, metric: 'BOOKED_SALES' }, auth);
    expect({ breakdown: outcomeOf(breakdown), facts: outcomeOf(facts) }).toEqual({ breakdown: row.breakdown, facts: row.facts });
    if (row.facts === 'allowed') expect(facts.data!.performanceFacts.totalValue).toBe('1800');
    if (row.breakdown === 'allowed') expect(breakdown.data!.performanceBreakdown.rows[0]!.actual).toBe('2600');
  });

  it(`team 1's ranking: ${row.ranking}`, async () => {
    const response = await app.gql(LEADERBOARD_AMOUNTS, { metric: 'BOOKED_SALES', period: MAY, scope: w.team1 }, await authFor(row.as));
    if (row.ranking === 'refused') {
      expect(outcomeOf(response)).toBe('refused');
      return;
    }
    const entries = response.data!.leaderboard.entries;
    expect(entries.map((entry) => [entry.rank, entry.userId, entry.achievementRate])).toEqual([
      [1, w.repA, '90'],
      [2, w.repB, '50'],
    ]);
    const hiddenPaths = (response.errors ?? []).map((error) => [error.extensions?.code, error.path?.join('.')]);
    if (row.ranking === 'all') {
      expect(response.errors).toBeUndefined();
      expect(entries.map((entry) => [entry.actual, entry.target])).toEqual([['1800', '2000'], ['800', '1600']]);
    } else {
      expect(entries.map((entry) => [entry.actual, entry.target])).toEqual([['1800', '2000'], [null, null]]);
      expect(hiddenPaths.sort()).toEqual([['FORBIDDEN', 'leaderboard.entries.1.actual'], ['FORBIDDEN', 'leaderboard.entries.1.target']]);
    }
  });
});

describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s and contests', (_name, row) => {
  it(`team 1's contest: ${row.contest}; may start one there: ${row.createContest}`, async () => {
    const auth = await authFor(row.as);
    const listed = await app.gql(SALES_CONTESTS, {}, auth);
    const contest = row.contest === 'refused' ? outcomeOf(listed) : listed.data!.salesContests.some((c) => c.id === teamContest) ? 'shown' : 'absent';
    const created = await app.gql(
      CREATE_SALES_CONTEST,
      { input: { name: `${row.role} 赛`, metric: 'VISITS', periodKind: 'QUARTER', periodStart: '2025-04-01', orgUnitId: w.team1 } },
      auth,
    );
    expect({ contest, createContest: outcomeOf(created) }).toEqual({ contest: row.contest, createContest: row.createContest });
  });
});

it('an API key without READ_PERFORMANCE is told which scope it lacks', async () => {
  const created = await app.gql(
    CREATE_API_KEY,
    { input: { name: 'sales-only key', scopes: ['READ_SALES'], userId: userId(people.integration) } },
    { token: await app.tokenFor(people.admin.email) },
  );
  const response = await app.gql(PERFORMANCE, { subject: { userId: w.repA }, period: MAY }, { apiKey: created.data!.createApiKey.key });
  expect(response.errors?.map((error) => [error.extensions?.code, error.extensions?.missingScope])).toEqual([['FORBIDDEN', 'READ_PERFORMANCE']]);
});
