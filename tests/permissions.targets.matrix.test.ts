import { GraphQLObjectType } from 'graphql';
import { ApiScope } from '../api/auth/api-scopes';
import { collectPolicy } from '../api/permissions/shield';
import { loadViewer } from '../schema/org/org.service';
import { PlansService } from '../schema/targets/plans.service';
import { PeriodKind, TargetMetric } from '../schema/targets/targets.enums';
import { TargetsService } from '../schema/targets/targets.service';
import { CREATE_API_KEY } from './graphql/documents';
import {
  ADD_PLAN_ACTION,
  COMMENT_ON_SALES_PLAN,
  COMPLETE_PLAN_ACTION,
  CREATE_SALES_PLAN,
  UPDATE_SALES_PLAN,
} from './graphql/sales-plans.documents';
import { TARGETS_MATRIX_ADJUSTMENTS, TARGETS_MATRIX_PLANS, TARGETS_MATRIX_TARGETS } from './graphql/targets-matrix.documents';
import {
  APPROVE_TARGET_ADJUSTMENT,
  PROPOSE_TARGET_SPLIT,
  REFUSE_TARGET_ADJUSTMENT,
  REQUEST_TARGET_ADJUSTMENT,
  SET_TARGETS,
  TARGET_BREAKDOWN,
} from './graphql/targets.documents';
import { DEMO_COMPANY, people, units, userId, type PersonName } from './fixtures/demo-people';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Who sees which targets, adjustments and plans, who reads their values, and who may call which operation, role by
 * role, written out by hand so the table is the spec. The data, made through the services as the people who would:
 * - 2027 booked-sales targets: the company's (the VP), the three regions' (the VP), 华东's three teams' (杨明辉),
 *   上海一组's four reps' (黄伟) — 11 targets;
 * - 赵磊's January 2026 target (locked: its month has started), with a pending adjustment he asked for — 12 targets;
 * - 赵磊's plan for January 2027.
 * `value`: SalesTarget.value, SalesTargetVersion.value, TargetAdjustment.previousValue and newValue on every row one
 * sees (`read`: a value, no error). `totals`: targetBreakdown of 上海一组's 2027 target — `read` (allocated and
 * unallocated shown), `hidden` (null with FORBIDDEN: one sees the target but not all four reps'), `notFound` (one does
 * not see the target).
 */
type Totals = 'read' | 'hidden' | 'notFound';

/** Every target and plan operation the rules let through or refuse, called below with ids that match nothing. */
const OPERATION_NAMES = [
  'setTargets',
  'proposeTargetSplit',
  'requestTargetAdjustment',
  'approveTargetAdjustment',
  'refuseTargetAdjustment',
  'createSalesPlan',
  'updateSalesPlan',
  'addPlanAction',
  'completePlanAction',
  'commentOnSalesPlan',
] as const;
type OperationName = (typeof OPERATION_NAMES)[number];

interface Row {
  role: string;
  as: PersonName | 'integrationKey';
  targets: number;
  adjustments: number;
  plans: number;
  totals: Totals;
  operations: OperationName[];
}

const SETTING: OperationName[] = ['setTargets', 'proposeTargetSplit', 'approveTargetAdjustment', 'refuseTargetAdjustment'];
const PLANNING: OperationName[] = ['createSalesPlan', 'updateSalesPlan', 'addPlanAction', 'completePlanAction'];

const MATRIX: Row[] = [
  { role: 'ADMIN', as: 'admin', targets: 12, adjustments: 1, plans: 1, totals: 'read', operations: [...SETTING, 'requestTargetAdjustment', ...PLANNING, 'commentOnSalesPlan'] },
  { role: 'SALES_VP', as: 'vp', targets: 12, adjustments: 1, plans: 1, totals: 'read', operations: [...SETTING, 'requestTargetAdjustment', ...PLANNING, 'commentOnSalesPlan'] },
  {
    role: 'REGIONAL_DIRECTOR', as: 'eastDirector', targets: 9, adjustments: 1, plans: 1, totals: 'read',
    operations: [...SETTING, 'requestTargetAdjustment', ...PLANNING, 'commentOnSalesPlan'],
  },
  {
    role: 'TEAM_MANAGER', as: 'shanghai1Manager', targets: 6, adjustments: 1, plans: 1, totals: 'read',
    operations: [...SETTING, 'requestTargetAdjustment', ...PLANNING, 'commentOnSalesPlan'],
  },
  { role: 'SALES_REP', as: 'shanghai1Rep', targets: 3, adjustments: 1, plans: 1, totals: 'hidden', operations: ['requestTargetAdjustment', ...PLANNING] },
  // A member of the company unit: she sees the company's target, none of the others, no plan of anyone's.
  { role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager', targets: 1, adjustments: 0, plans: 0, totals: 'notFound', operations: ['requestTargetAdjustment', ...PLANNING] },
  { role: 'CUSTOMER_SERVICE', as: 'customerService', targets: 0, adjustments: 0, plans: 0, totals: 'notFound', operations: [] },
  { role: 'TECH_SUPPORT', as: 'techSupport', targets: 0, adjustments: 0, plans: 0, totals: 'notFound', operations: [] },
  { role: 'FINANCE', as: 'finance', targets: 12, adjustments: 1, plans: 0, totals: 'read', operations: [] },
  { role: 'PARTNER', as: 'partner', targets: 0, adjustments: 0, plans: 0, totals: 'notFound', operations: [] },
  { role: 'INTEGRATION', as: 'integrationKey', targets: 12, adjustments: 1, plans: 1, totals: 'read', operations: [] },
];

/** The object types of targets and plans, and their guarded fields. */
const TARGET_TYPES = [
  'SalesTarget', 'SalesTargetVersion', 'TargetAdjustment', 'TargetBreakdown', 'TargetSplitProposal', 'ProposedTarget',
  'SalesPlan', 'SalesPlanAction', 'SalesPlanComment', 'PlanProgress', 'PlanMetricProgress',
];
const GUARDED_FIELDS = [
  'SalesTarget.value', 'SalesTargetVersion.value', 'TargetAdjustment.previousValue', 'TargetAdjustment.newValue',
  'TargetBreakdown.allocated', 'TargetBreakdown.unallocated',
];
/** The lists, each read with READ_PERFORMANCE (every role may ask; the row scope decides what comes back). */
const LISTS = ['salesTargets', 'salesTarget', 'targetBreakdown', 'targetAdjustments', 'salesPlans', 'salesPlan'];

const NOWHERE = '00000000-0000-4000-8000-000000000000';

let app: TestApp;
const auths = new Map<string, Auth>();
let teamTargetId: string;

beforeAll(async () => {
  app = await createTestApp();
  const em = app.orm.em.fork();
  const as = async (person: PersonName) => (await TargetsService.actingAs(em, userId(people[person])))!;
  const [company] = await (await as('vp')).setTargets({
    metric: TargetMetric.BOOKED_SALES,
    targets: [{ orgUnitId: units.company, periodKind: PeriodKind.YEAR, periodStart: '2027-01-01', value: '10000000' }],
  });
  const regions = await (await as('vp')).setTargets({
    parentId: company.id,
    targets: [units.east, units.south, units.north].map((orgUnitId) => ({ orgUnitId, value: '3000000' })),
  });
  const teamIds = (await em.execute<{ id: string }[]>('select id from org_unit where parent_id = ? order by id', [units.east])).map((row) => row.id);
  const teams = await (await as('eastDirector')).setTargets({ parentId: regions[0].id, targets: teamIds.map((orgUnitId) => ({ orgUnitId, value: '1000000' })) });
  teamTargetId = teams.find((team) => team.orgUnit?.id === units.shanghai1)!.id;
  const reps = DEMO_COMPANY.regions[0].teams[0].reps.map((rep) => userId(rep));
  await (await as('shanghai1Manager')).setTargets({ parentId: teamTargetId, targets: reps.map((repId) => ({ userId: repId, value: '250000' })) });
  const [january] = await (await as('shanghai1Manager')).setTargets({
    metric: TargetMetric.BOOKED_SALES,
    targets: [{ userId: userId(people.shanghai1Rep), periodKind: PeriodKind.MONTH, periodStart: '2026-01-01', value: '100000' }],
  });
  await (await as('shanghai1Rep')).requestAdjustment({ targetId: january.id, newValue: '90000', reason: '矩阵' });
  const rep = (await loadViewer(em, userId(people.shanghai1Rep), { scopes: null, apiKeyId: null }))!;
  const plan = await new PlansService(em, rep).create({ periodKind: PeriodKind.MONTH, periodStart: '2027-01-01', summary: '矩阵' });
  await new PlansService(em, rep).addAction(plan.id, { title: '拜访', dueOn: '2027-01-10' });

  const created = await app.gql(
    CREATE_API_KEY,
    { input: { name: 'BI performance sync', scopes: ['READ_PERFORMANCE'], userId: userId(people.integration) } },
    { token: await app.tokenFor(people.admin.email) },
  );
  auths.set('integrationKey', { apiKey: created.data!.createApiKey.key });
}, 180_000);

afterAll(async () => {
  await app.close();
});

async function authFor(as: PersonName | 'integrationKey'): Promise<Auth> {
  const known = auths.get(as);
  if (known) return known;
  const auth = { token: await app.tokenFor(people[as as PersonName].email) };
  auths.set(as, auth);
  return auth;
}

const OPERATIONS: Record<OperationName, (auth: Auth) => Promise<GraphQLResponse<unknown>>> = {
  setTargets: (auth) => app.gql(SET_TARGETS, { input: { parentId: NOWHERE, targets: [{ value: '1' }] } }, auth),
  proposeTargetSplit: (auth) => app.gql(PROPOSE_TARGET_SPLIT, { parentId: NOWHERE }, auth),
  requestTargetAdjustment: (auth) => app.gql(REQUEST_TARGET_ADJUSTMENT, { input: { targetId: NOWHERE, newValue: '1', reason: '矩阵' } }, auth),
  approveTargetAdjustment: (auth) => app.gql(APPROVE_TARGET_ADJUSTMENT, { id: NOWHERE, version: 1 }, auth),
  refuseTargetAdjustment: (auth) => app.gql(REFUSE_TARGET_ADJUSTMENT, { id: NOWHERE, version: 1, comment: '矩阵' }, auth),
  // Not the first day of a month: refused as bad input before anything is looked up.
  createSalesPlan: (auth) => app.gql(CREATE_SALES_PLAN, { input: { periodKind: 'MONTH', periodStart: '2030-01-02' } }, auth),
  updateSalesPlan: (auth) => app.gql(UPDATE_SALES_PLAN, { id: NOWHERE, version: 1, input: { summary: '矩阵' } }, auth),
  addPlanAction: (auth) => app.gql(ADD_PLAN_ACTION, { planId: NOWHERE, input: { title: '矩阵', dueOn: '2030-01-01' } }, auth),
  completePlanAction: (auth) => app.gql(COMPLETE_PLAN_ACTION, { id: NOWHERE }, auth),
  commentOnSalesPlan: (auth) => app.gql(COMMENT_ON_SALES_PLAN, { planId: NOWHERE, comment: '矩阵' }, auth),
};

/** Every row's `field` holds a value and no FORBIDDEN error names it. */
function expectRead(response: GraphQLResponse<unknown>, listPath: (string | number)[], rows: Record<string, unknown>[], field: string): void {
  const forbidden = new Set((response.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => JSON.stringify(e.path)));
  rows.forEach((row, index) => {
    const path = JSON.stringify([...listPath, index, field]);
    expect({ path, value: typeof row[field], forbidden: forbidden.has(path) }).toEqual({ path, value: 'string', forbidden: false });
  });
}

describe('the matrix is complete', () => {
  it('covers every role', () => {
    expect(new Set(MATRIX.map((row) => row.role)).size).toBe(11);
    expect(new Set(MATRIX.map((row) => row.as)).size).toBe(11);
  });

  it('covers every guarded field of the target and plan types', () => {
    const policy = collectPolicy(app.server.schema);
    for (const typeName of TARGET_TYPES) expect({ typeName, inSchema: app.server.schema.getType(typeName) instanceof GraphQLObjectType }).toEqual({ typeName, inSchema: true });
    const guarded = policy.fields.filter((entry) => TARGET_TYPES.includes(entry.typeName)).map((entry) => `${entry.typeName}.${entry.fieldName}`);
    expect(guarded.sort()).toEqual([...GUARDED_FIELDS].sort());
  });

  it('covers every target and plan operation', () => {
    const policy = collectPolicy(app.server.schema);
    const rules = new Set(['target-setters', 'target-adjustment-requesters', 'plan-writers', 'plan-commenters']);
    const operations = policy.fields.filter((entry) => ['Query', 'Mutation'].includes(entry.typeName) && rules.has(entry.rule.name)).map((entry) => entry.fieldName);
    expect(operations.sort()).toEqual([...OPERATION_NAMES].sort());
    const lists = policy.fields
      .filter((entry) => entry.typeName === 'Query' && entry.rule.name === `scope:${ApiScope.READ_PERFORMANCE}`)
      .map((entry) => entry.fieldName);
    expect(lists.sort()).toEqual([...LISTS].sort());
  });
});

describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s', (_name, row) => {
  it(`sees ${row.targets} targets, each with its value and history`, async () => {
    const response = await app.gql(TARGETS_MATRIX_TARGETS, {}, await authFor(row.as));
    expect(response.errors).toBeUndefined();
    const nodes = response.data!.salesTargets.nodes as unknown as Record<string, unknown>[];
    expect({ total: response.data!.salesTargets.totalCount, nodes: nodes.length }).toEqual({ total: row.targets, nodes: row.targets });
    expectRead(response, ['salesTargets', 'nodes'], nodes, 'value');
    nodes.forEach((node, index) => {
      const history = node.history as Record<string, unknown>[];
      expect(history.length).toBeGreaterThan(0);
      expectRead(response, ['salesTargets', 'nodes', index, 'history'], history, 'value');
    });
  });

  it(`sees ${row.adjustments} adjustment request(s) with their values`, async () => {
    const response = await app.gql(TARGETS_MATRIX_ADJUSTMENTS, {}, await authFor(row.as));
    expect(response.errors).toBeUndefined();
    const nodes = response.data!.targetAdjustments.nodes as unknown as Record<string, unknown>[];
    expect(nodes).toHaveLength(row.adjustments);
    for (const field of ['previousValue', 'newValue']) expectRead(response, ['targetAdjustments', 'nodes'], nodes, field);
  });

  it(`sees ${row.plans} plan(s)`, async () => {
    const response = await app.gql(TARGETS_MATRIX_PLANS, {}, await authFor(row.as));
    expect(response.errors).toBeUndefined();
    expect(response.data!.salesPlans.totalCount).toBe(row.plans);
    for (const plan of response.data!.salesPlans.nodes) expect(plan.progress.actionsTotal).toBe(1);
  });

  it(`reads the team breakdown’s totals: ${row.totals}`, async () => {
    const response = await app.gql(TARGET_BREAKDOWN, { targetId: teamTargetId }, await authFor(row.as));
    if (row.totals === 'notFound') {
      expect(response.errors?.map((e) => e.extensions?.reason)).toEqual(['TARGET_NOT_FOUND']);
      return;
    }
    const breakdown = response.data!.targetBreakdown;
    if (row.totals === 'read') {
      expect(response.errors).toBeUndefined();
      expect({ allocated: breakdown.allocated, unallocated: breakdown.unallocated, children: breakdown.children.length }).toEqual({ allocated: '1000000', unallocated: '0', children: 4 });
    } else {
      expect({ allocated: breakdown.allocated, unallocated: breakdown.unallocated }).toEqual({ allocated: null, unallocated: null });
      expect(response.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
        ['targetBreakdown.allocated', 'FORBIDDEN'],
        ['targetBreakdown.unallocated', 'FORBIDDEN'],
      ]);
    }
  });

  it(`may call ${row.operations.length === 0 ? 'no target or plan operation' : row.operations.join(', ')}; is refused the others`, async () => {
    const auth = await authFor(row.as);
    const outcome: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const name of OPERATION_NAMES) {
      const response = await OPERATIONS[name](auth);
      expect({ name, errors: response.errors?.length ?? 0 }).toEqual({ name, errors: 1 });
      const extensions = response.errors![0].extensions ?? {};
      // Refused by the rule: FORBIDDEN naming who it is allowed for. Let through: the call fails on ids that match nothing.
      const refused = extensions.code === 'FORBIDDEN' && typeof extensions.allowedFor === 'string';
      outcome[name] = refused ? 'refused' : ['NOT_FOUND', 'BAD_USER_INPUT'].includes(String(extensions.code)) ? 'allowed' : `unexpected ${String(extensions.code)}`;
      expected[name] = row.operations.includes(name) ? 'allowed' : 'refused';
    }
    expect(outcome).toEqual(expected);
  });
});

it('an API key without READ_PERFORMANCE is refused the lists, told which scope it lacks', async () => {
  const demoKey = { apiKey: 'sg_demoerp001_DemoIntegrationKeyLocalUseOnly-0000000001' };
  const response = await app.gql(TARGETS_MATRIX_TARGETS, {}, demoKey);
  expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.missingScope])).toEqual([['FORBIDDEN', 'READ_PERFORMANCE']]);
});
