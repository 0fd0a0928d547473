import { GraphQLObjectType } from 'graphql';
import { collectPolicy } from '../api/permissions/shield';
import { seedDemoAppraisalsIfEmpty } from '../seeds/demo-appraisals.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { periodContaining } from '../schema/targets/periods';
import { PeriodKind } from '../schema/targets/targets.enums';
import { people, userId, type PersonName } from './fixtures/demo-people';
import {
  CLOSE_IMPROVEMENT_PLAN,
  CONFIRM_APPRAISAL,
  OPEN_IMPROVEMENT_PLAN,
  RETURN_APPRAISAL,
  REVIEW_APPRAISAL,
  RUN_APPRAISALS,
  SUBMIT_APPRAISAL,
  UPDATE_IMPROVEMENT_ACTION,
} from './graphql/appraisals.documents';
import { APPRAISALS_MATRIX_APPRAISALS, APPRAISALS_MATRIX_CANDIDATES, APPRAISALS_MATRIX_PLANS, APPRAISALS_MATRIX_SCORECARDS } from './graphql/appraisals-matrix.documents';
import { CREATE_API_KEY } from './graphql/documents';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Who sees which appraisals, scores and improvement plans and who may call which operation, role by role, on the
 * demo appraisals (seeds/demo-appraisals.*): the four scorecards, last month's appraisals of 上海一组's four reps
 * (赵磊's archived, the others drafts), and an improvement plan for 吴婷 opened by her manager 黄伟.
 *
 * `scores`: Appraisal.totalScore, grade, recommendation, reviewComment, returnComment and every figure of its lines
 * (target, actual, ratePercent, computedScore, adjustedScore, adjustmentReason, score, weightedScore): `read` (no
 * FORBIDDEN on any row) or `hidden` (null and FORBIDDEN at every row's path). Operations: the improvement candidates
 * and every appraisal and plan mutation, called with ids that match nothing; let through they fail with NOT_FOUND.
 */
type Access = 'read' | 'hidden';

const MUTATION_NAMES = [
  'runAppraisals',
  'reviewAppraisal',
  'submitAppraisal',
  'confirmAppraisal',
  'returnAppraisal',
  'openImprovementPlan',
  'updateImprovementAction',
  'closeImprovementPlan',
] as const;
type MutationName = (typeof MUTATION_NAMES)[number];

const APPRAISER_WRITES: MutationName[] = MUTATION_NAMES.filter((name) => name !== 'updateImprovementAction');
const EVERY_WRITE: MutationName[] = [...MUTATION_NAMES];

interface Row {
  role: string;
  as: PersonName | 'integrationKey';
  appraisals: number;
  scores: Access;
  plans: number;
  scorecards: number | 'refused';
  candidates: 'allowed' | 'refused';
  mutations: MutationName[];
}

const MATRIX: Row[] = [
  { role: 'ADMIN', as: 'admin', appraisals: 4, scores: 'read', plans: 1, scorecards: 4, candidates: 'allowed', mutations: EVERY_WRITE },
  { role: 'SALES_VP', as: 'vp', appraisals: 4, scores: 'read', plans: 1, scorecards: 4, candidates: 'allowed', mutations: EVERY_WRITE },
  { role: 'REGIONAL_DIRECTOR', as: 'eastDirector', appraisals: 4, scores: 'read', plans: 1, scorecards: 4, candidates: 'allowed', mutations: EVERY_WRITE },
  { role: 'TEAM_MANAGER', as: 'shanghai1Manager', appraisals: 4, scores: 'read', plans: 1, scorecards: 4, candidates: 'allowed', mutations: EVERY_WRITE },
  { role: 'SALES_REP', as: 'shanghai1Rep', appraisals: 1, scores: 'read', plans: 0, scorecards: 4, candidates: 'refused', mutations: ['updateImprovementAction'] },
  { role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager', appraisals: 0, scores: 'read', plans: 0, scorecards: 4, candidates: 'refused', mutations: ['updateImprovementAction'] },
  { role: 'CUSTOMER_SERVICE', as: 'customerService', appraisals: 0, scores: 'read', plans: 0, scorecards: 4, candidates: 'refused', mutations: [] },
  { role: 'TECH_SUPPORT', as: 'techSupport', appraisals: 0, scores: 'read', plans: 0, scorecards: 4, candidates: 'refused', mutations: [] },
  { role: 'FINANCE', as: 'finance', appraisals: 4, scores: 'read', plans: 0, scorecards: 4, candidates: 'refused', mutations: [] },
  { role: 'PARTNER', as: 'partner', appraisals: 0, scores: 'read', plans: 0, scorecards: 'refused', candidates: 'refused', mutations: [] },
  { role: 'INTEGRATION', as: 'integrationKey', appraisals: 4, scores: 'hidden', plans: 0, scorecards: 4, candidates: 'refused', mutations: [] },
];

/** Every guarded field of the appraisal types, with the rule that guards it. */
const GUARDED_FIELDS: Record<string, string> = Object.fromEntries([
  ...['totalScore', 'grade', 'recommendation', 'reviewComment', 'returnComment'].map((field) => [`Appraisal.${field}`, 'appraisal-score-readers']),
  ...['target', 'actual', 'ratePercent', 'computedScore', 'adjustedScore', 'adjustmentReason', 'score', 'weightedScore'].map((field) => [`AppraisalLine.${field}`, 'appraisal-score-readers']),
]);
const APPRAISAL_TYPES = ['Scorecard', 'ScorecardIndicator', 'Appraisal', 'AppraisalLine', 'ImprovementPlan', 'ImprovementAction', 'ImprovementCandidate', 'PeriodAchievement'];
const NOWHERE = '00000000-0000-4000-8000-000000000000';

let app: TestApp;
let lastMonth: string;
const auths = new Map<string, Auth>();
let tableCounts: Record<string, number>;

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ['scorecard', 'scorecard_indicator', 'appraisal', 'appraisal_line', 'improvement_plan', 'improvement_action', 'domain_event']) {
    const [row] = await app.orm.em.fork().execute<{ count: string }[]>(`select count(*)::text as count from ${table}`);
    result[table] = Number(row.count);
  }
  return result;
}

async function authFor(as: PersonName | 'integrationKey'): Promise<Auth> {
  const known = auths.get(as);
  if (known) return known;
  const auth = { token: await app.tokenFor(people[as as PersonName].email) };
  auths.set(as, auth);
  return auth;
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  if (!(await seedDemoAppraisalsIfEmpty(app.orm, app.config))) throw new Error('the demo appraisals were not seeded');
  const [today] = await app.orm.em.fork().execute<{ today: string }[]>(`select current_date::text as today`);
  const thisMonth = periodContaining(PeriodKind.MONTH, today.today);
  lastMonth = periodContaining(PeriodKind.MONTH, new Date(Date.parse(`${thisMonth.start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)).start;
  const admin = { token: await app.tokenFor(people.admin.email) };
  const key = await app.gql(CREATE_API_KEY, { input: { name: 'HR archive sync', scopes: ['READ_PERFORMANCE'], userId: userId(people.integration) } }, admin);
  auths.set('integrationKey', { apiKey: key.data!.createApiKey.key });
  const salesOnly = await app.gql(CREATE_API_KEY, { input: { name: 'ERP sync', scopes: ['READ_SALES'], userId: userId(people.integration) } }, admin);
  auths.set('salesOnlyKey' as PersonName, { apiKey: salesOnly.data!.createApiKey.key });
  const plan = await app.gql(
    OPEN_IMPROVEMENT_PLAN,
    { input: { userId: userId(people.shanghai1Teammate), reason: '连续未达标', goal: '下月完成 80 %', actions: [{ description: '每周陪同拜访', dueOn: '2027-01-31' }] } },
    await authFor('shanghai1Manager'),
  );
  expect(plan.errors).toBeUndefined();
  tableCounts = await counts();
}, 180_000);

afterAll(() => app.close());

const MUTATIONS: Record<MutationName, (auth: Auth) => Promise<GraphQLResponse<unknown>>> = {
  runAppraisals: (auth) => app.gql(RUN_APPRAISALS, { input: { periodKind: 'MONTH', periodStart: '2026-01-01', orgUnitId: NOWHERE } }, auth),
  reviewAppraisal: (auth) => app.gql(REVIEW_APPRAISAL, { id: NOWHERE, version: 1, input: { comment: '权限矩阵' } }, auth),
  submitAppraisal: (auth) => app.gql(SUBMIT_APPRAISAL, { id: NOWHERE, version: 1 }, auth),
  confirmAppraisal: (auth) => app.gql(CONFIRM_APPRAISAL, { id: NOWHERE, version: 1 }, auth),
  returnAppraisal: (auth) => app.gql(RETURN_APPRAISAL, { id: NOWHERE, version: 1, comment: '权限矩阵' }, auth),
  openImprovementPlan: (auth) => app.gql(OPEN_IMPROVEMENT_PLAN, { input: { userId: NOWHERE, reason: '权限矩阵', goal: '权限矩阵', actions: [] } }, auth),
  updateImprovementAction: (auth) => app.gql(UPDATE_IMPROVEMENT_ACTION, { id: NOWHERE, input: { result: '权限矩阵' } }, auth),
  closeImprovementPlan: (auth) => app.gql(CLOSE_IMPROVEMENT_PLAN, { id: NOWHERE, version: 1, outcome: 'IMPROVED', comment: '权限矩阵' }, auth),
};

function expectAccess(response: GraphQLResponse<unknown>, listPath: (string | number)[], rows: Record<string, unknown>[], field: string, access: Access): void {
  const errorsAt = new Set((response.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => JSON.stringify(e.path)));
  rows.forEach((row, index) => {
    const path = JSON.stringify([...listPath, index, field]);
    if (access === 'hidden') expect({ path, value: row[field] }).toEqual({ path, value: null });
    expect({ path, forbidden: errorsAt.has(path) }).toEqual({ path, forbidden: access === 'hidden' });
  });
}

describe('the matrix is complete', () => {
  it('covers every role', () => {
    expect(new Set(MATRIX.map((row) => row.role)).size).toBe(11);
    expect(new Set(MATRIX.map((row) => row.as)).size).toBe(11);
  });

  it('covers every guarded field of the appraisal types', () => {
    const policy = collectPolicy(app.server.schema);
    for (const typeName of APPRAISAL_TYPES) expect({ typeName, inSchema: app.server.schema.getType(typeName) instanceof GraphQLObjectType }).toEqual({ typeName, inSchema: true });
    const guarded = Object.fromEntries(policy.fields.filter((entry) => APPRAISAL_TYPES.includes(entry.typeName)).map((entry) => [`${entry.typeName}.${entry.fieldName}`, entry.rule.name]));
    expect(guarded).toEqual(GUARDED_FIELDS);
  });

  it('covers every appraisal and plan mutation and the candidates query', () => {
    const policy = collectPolicy(app.server.schema);
    const mutations = policy.fields.filter((entry) => entry.typeName === 'Mutation' && ['appraisers', 'improvement-action-writers'].includes(entry.rule.name)).map((entry) => entry.fieldName);
    expect(mutations.sort()).toEqual([...MUTATION_NAMES].sort());
    const queries = policy.fields.filter((entry) => entry.typeName === 'Query' && ['appraisers', 'appraisal-list-readers'].includes(entry.rule.name)).map((entry) => entry.fieldName);
    expect(queries).toEqual(expect.arrayContaining(['appraisal', 'appraisals', 'improvementCandidates', 'improvementPlans', 'scorecards']));
  });
});

describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s', (_name, row) => {
  it(`sees ${row.appraisals} appraisals of last month, scores ${row.scores}`, async () => {
    const response = await app.gql(APPRAISALS_MATRIX_APPRAISALS, { periodKind: 'MONTH', periodStart: lastMonth }, await authFor(row.as));
    expect((response.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN' || (e.path ?? []).length < 3)).toEqual([]);
    const nodes = response.data!.appraisals as unknown as Record<string, unknown>[];
    expect(nodes).toHaveLength(row.appraisals);
    for (const field of ['totalScore', 'grade', 'recommendation', 'reviewComment', 'returnComment']) expectAccess(response, ['appraisals'], nodes, field, row.scores);
    nodes.forEach((node, index) => {
      const lines = node.lines as Record<string, unknown>[];
      expect(lines.length).toBeGreaterThan(0);
      for (const field of ['target', 'actual', 'ratePercent', 'computedScore', 'adjustedScore', 'adjustmentReason', 'score', 'weightedScore']) {
        expectAccess(response, ['appraisals', index, 'lines'], lines, field, row.scores);
      }
      if (row.scores === 'read') for (const line of lines) expect(line.actual).toEqual(expect.any(String));
    });
  });

  it(`sees ${row.plans} improvement plan(s); scorecards: ${row.scorecards}`, async () => {
    const auth = await authFor(row.as);
    const plans = await app.gql(APPRAISALS_MATRIX_PLANS, {}, auth);
    expect(plans.errors).toBeUndefined();
    expect(plans.data!.improvementPlans).toHaveLength(row.plans);
    const scorecards = await app.gql(APPRAISALS_MATRIX_SCORECARDS, {}, auth);
    if (row.scorecards === 'refused') {
      expect(scorecards.errors?.length).toBeGreaterThan(0);
      expect(scorecards.errors!.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
    } else {
      expect(scorecards.errors).toBeUndefined();
      expect(scorecards.data!.scorecards).toHaveLength(row.scorecards);
    }
  });

  it(`improvement candidates: ${row.candidates}`, async () => {
    const response = await app.gql(APPRAISALS_MATRIX_CANDIDATES, { periodStart: lastMonth }, await authFor(row.as));
    if (row.candidates === 'allowed') expect(response.errors).toBeUndefined();
    else expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it(`may call ${row.mutations.length === 0 ? 'no appraisal mutation' : row.mutations.join(', ')}; is refused the others`, async () => {
    const auth = await authFor(row.as);
    const outcome: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const name of MUTATION_NAMES) {
      const response = await MUTATIONS[name](auth);
      expect({ name, errors: response.errors?.length ?? 0 }).toEqual({ name, errors: 1 });
      const code = String(response.errors![0].extensions?.code);
      outcome[name] = code === 'FORBIDDEN' ? 'refused' : code === 'NOT_FOUND' ? 'allowed' : `unexpected ${code}`;
      expected[name] = row.mutations.includes(name) ? 'allowed' : 'refused';
    }
    expect(outcome).toEqual(expected);
  });
});

it('an API key without READ_PERFORMANCE reads no appraisal, and is told which scope it lacks', async () => {
  const response = await app.gql(APPRAISALS_MATRIX_APPRAISALS, { periodKind: 'MONTH', periodStart: lastMonth }, auths.get('salesOnlyKey'));
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', missingScope: 'READ_PERFORMANCE' });
});

it('wrote nothing: every refused or failed call left the appraisal tables as the seed made them', async () => {
  expect(await counts()).toEqual(tableCounts);
});
