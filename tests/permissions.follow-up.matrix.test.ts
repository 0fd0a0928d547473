import { GraphQLObjectType } from 'graphql';
import { collectPolicy } from '../api/permissions/shield';
import { seedDemoFollowUpIfEmpty } from '../seeds/demo-follow-up.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { demoId } from '../seeds/demo-ids';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { CREATE_API_KEY } from './graphql/documents';
import { CANCEL_VISIT_PLAN, CHECK_IN_VISIT, COMPLETE_VISIT_PLAN, CREATE_VISIT_PLAN, LOG_FOLLOW_UP } from './graphql/follow-up.documents';
import {
  FOLLOW_UP_MATRIX_CUSTOMERS,
  FOLLOW_UP_MATRIX_FOLLOW_UPS,
  FOLLOW_UP_MATRIX_NEXT_STEP_DATES,
  FOLLOW_UP_MATRIX_PLANS,
  FOLLOW_UP_MATRIX_VISITS,
} from './graphql/follow-up-matrix.documents';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Who sees which visit plans, follow-up logs and check-in coordinates, and who may call which follow-up operation,
 * role by role, on the demo sales data with the demo follow-ups (seeds/demo-follow-up.seeder.ts).
 *
 * `plans`: visit plans seen. `followUps`: entries of 宝钢精密 2027 年度传感器框架 (赵磊's deal, 李慧敏 its key account
 * manager). `visits`/`coordinates`: the check-ins of 宝钢精密's two demo visits, both 赵磊's: `read` (no FORBIDDEN) or
 * `hidden` (null and FORBIDDEN at each row's path); the distance and the `far` flag are read by whoever sees the visit.
 * `customerFields`: Customer.latitude, longitude and followUpStatus. Operations are called with ids that match
 * nothing: let through, they fail with NOT_FOUND (or BAD_USER_INPUT naming the id).
 */
type Access = 'read' | 'hidden';

const MUTATION_NAMES = ['logFollowUp', 'createVisitPlan', 'cancelVisitPlan', 'completeVisitPlan', 'checkInVisit'] as const;
type MutationName = (typeof MUTATION_NAMES)[number];
const SALES_LINE: MutationName[] = [...MUTATION_NAMES];

interface Row {
  role: string;
  as: PersonName | 'integrationKey';
  plans: number;
  followUps: number;
  visits: number;
  coordinates: Access | null;
  customerFields: Access;
  mutations: MutationName[];
}

const MATRIX: Row[] = [
  { role: 'ADMIN', as: 'admin', plans: 28, followUps: 2, visits: 2, coordinates: 'read', customerFields: 'read', mutations: ['logFollowUp'] },
  { role: 'SALES_VP', as: 'vp', plans: 28, followUps: 2, visits: 2, coordinates: 'read', customerFields: 'read', mutations: SALES_LINE },
  { role: 'REGIONAL_DIRECTOR', as: 'eastDirector', plans: 13, followUps: 2, visits: 2, coordinates: 'read', customerFields: 'read', mutations: SALES_LINE },
  { role: 'TEAM_MANAGER', as: 'shanghai1Manager', plans: 8, followUps: 2, visits: 2, coordinates: 'read', customerFields: 'read', mutations: SALES_LINE },
  { role: 'SALES_REP', as: 'shanghai1Rep', plans: 7, followUps: 2, visits: 2, coordinates: 'read', customerFields: 'read', mutations: SALES_LINE },
  { role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager', plans: 9, followUps: 2, visits: 2, coordinates: 'hidden', customerFields: 'read', mutations: SALES_LINE },
  { role: 'CUSTOMER_SERVICE', as: 'customerService', plans: 28, followUps: 0, visits: 2, coordinates: 'hidden', customerFields: 'read', mutations: [] },
  { role: 'TECH_SUPPORT', as: 'techSupport', plans: 28, followUps: 0, visits: 2, coordinates: 'hidden', customerFields: 'read', mutations: [] },
  { role: 'FINANCE', as: 'finance', plans: 28, followUps: 2, visits: 2, coordinates: 'hidden', customerFields: 'read', mutations: [] },
  { role: 'PARTNER', as: 'partner', plans: 0, followUps: 0, visits: 0, coordinates: null, customerFields: 'hidden', mutations: [] },
  { role: 'INTEGRATION', as: 'integrationKey', plans: 28, followUps: 2, visits: 2, coordinates: 'hidden', customerFields: 'read', mutations: [] },
];

/** Every guarded field of the follow-up types and of the fields this part added to customers and opportunities. */
const GUARDED_FIELDS: Record<string, string> = {
  'VisitCheckIn.latitude': 'check-in-coordinate-readers',
  'VisitCheckIn.longitude': 'check-in-coordinate-readers',
};
const ADDED_GUARDED_FIELDS: Record<string, string> = {
  'Customer.latitude': 'internal-users',
  'Customer.longitude': 'internal-users',
  'Customer.followUpStatus': 'internal-users',
  'Opportunity.nextStepDate': 'internal-users',
};
const FOLLOW_UP_TYPES = ['VisitPlan', 'VisitCheckIn', 'OpportunityFollowUp', 'CustomerFollowUpStatus', 'VisitPlanConnection', 'OpportunityFollowUpConnection'];
const NOWHERE = '00000000-0000-4000-8000-000000000000';
const DEAL = demoId('opportunity:baosteel-2027-sensors');
const BAOSTEEL = demoId('customer:baosteel-precision');

let app: TestApp;
const auths = new Map<string, Auth>();
let tableCounts: Record<string, number>;

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ['visit_plan', 'visit', 'visit_check_in', 'opportunity_follow_up', 'opportunity']) {
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
  if (!(await seedDemoFollowUpIfEmpty(app.orm, app.config))) throw new Error('the demo follow-ups were not seeded');
  const admin = { token: await app.tokenFor(people.admin.email) };
  const key = await app.gql(CREATE_API_KEY, { input: { name: 'CRM sync', scopes: ['READ_SALES'], userId: userId(people.integration) } }, admin);
  auths.set('integrationKey', { apiKey: key.data!.createApiKey.key });
  tableCounts = await counts();
}, 180_000);

afterAll(() => app.close());

const MUTATIONS: Record<MutationName, (auth: Auth) => Promise<GraphQLResponse<unknown>>> = {
  logFollowUp: (auth) => app.gql(LOG_FOLLOW_UP, { input: { opportunityId: NOWHERE, kind: 'CALL', summary: '权限矩阵' } }, auth),
  createVisitPlan: (auth) => app.gql(CREATE_VISIT_PLAN, { input: { customerId: NOWHERE, plannedAt: '2031-01-01T02:00:00.000Z', purpose: '权限矩阵' } }, auth),
  cancelVisitPlan: (auth) => app.gql(CANCEL_VISIT_PLAN, { id: NOWHERE, version: 1, reason: '权限矩阵' }, auth),
  completeVisitPlan: (auth) => app.gql(COMPLETE_VISIT_PLAN, { id: NOWHERE, version: 1, input: {} }, auth),
  checkInVisit: (auth) => app.gql(CHECK_IN_VISIT, { visitId: NOWHERE, input: { latitude: 31, longitude: 121, accuracyMetres: 10 } }, auth),
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

  it('covers every guarded field of the follow-up types and the fields added to customers and opportunities', () => {
    const policy = collectPolicy(app.server.schema);
    for (const typeName of FOLLOW_UP_TYPES) expect({ typeName, inSchema: app.server.schema.getType(typeName) instanceof GraphQLObjectType }).toEqual({ typeName, inSchema: true });
    const guarded = Object.fromEntries(policy.fields.filter((entry) => FOLLOW_UP_TYPES.includes(entry.typeName)).map((entry) => [`${entry.typeName}.${entry.fieldName}`, entry.rule.name]));
    expect(guarded).toEqual(GUARDED_FIELDS);
    const added = Object.fromEntries(policy.fields.filter((entry) => Object.keys(ADDED_GUARDED_FIELDS).includes(`${entry.typeName}.${entry.fieldName}`)).map((entry) => [`${entry.typeName}.${entry.fieldName}`, entry.rule.name]));
    expect(added).toEqual(ADDED_GUARDED_FIELDS);
  });

  it('covers every follow-up mutation', () => {
    const policy = collectPolicy(app.server.schema);
    const names = policy.fields.filter((entry) => entry.typeName === 'Mutation' && (MUTATION_NAMES as readonly string[]).includes(entry.fieldName)).map((entry) => entry.fieldName);
    expect(names.sort()).toEqual([...MUTATION_NAMES].sort());
    const queries = policy.fields.filter((entry) => entry.typeName === 'Query' && ['visitPlans', 'visitPlan', 'followUps'].includes(entry.fieldName)).map((entry) => entry.rule.name);
    expect(queries).toEqual(['scope:read:sales', 'scope:read:sales', 'scope:read:sales']);
  });
});

describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s', (_name, row) => {
  it(`sees ${row.plans} visit plans and ${row.followUps} follow-ups of 宝钢精密's framework deal`, async () => {
    const auth = await authFor(row.as);
    const plans = await app.gql(FOLLOW_UP_MATRIX_PLANS, {}, auth);
    expect(plans.errors).toBeUndefined();
    expect(plans.data!.visitPlans.totalCount).toBe(row.plans);
    const followUps = await app.gql(FOLLOW_UP_MATRIX_FOLLOW_UPS, { opportunityId: DEAL }, auth);
    expect(followUps.errors).toBeUndefined();
    expect(followUps.data!.followUps.totalCount).toBe(row.followUps);
  });

  it(`sees ${row.visits} checked-in visits of 宝钢精密, coordinates ${row.coordinates ?? '(none seen)'}, distance and flag read`, async () => {
    const response = await app.gql(FOLLOW_UP_MATRIX_VISITS, { customerId: BAOSTEEL }, await authFor(row.as));
    const nodes = response.data!.visits.nodes;
    expect(nodes).toHaveLength(row.visits);
    const checkIns = nodes.map((node) => node.checkIn as unknown as Record<string, unknown>);
    expect(checkIns.every((checkIn) => checkIn !== null && typeof checkIn.distanceMetres === 'number' && checkIn.far === false)).toBe(true);
    if (row.coordinates !== null) {
      const errorsAt = new Set((response.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => JSON.stringify(e.path)));
      nodes.forEach((_node, index) => {
        for (const field of ['latitude', 'longitude']) {
          const path = JSON.stringify(['visits', 'nodes', index, 'checkIn', field]);
          expect({ path, forbidden: errorsAt.has(path), isNull: checkIns[index][field] === null }).toEqual({ path, forbidden: row.coordinates === 'hidden', isNull: row.coordinates === 'hidden' });
        }
      });
    }
    expect((response.errors ?? []).filter((e) => !(e.path ?? []).includes('checkIn'))).toEqual([]);
  });

  it(`customer coordinates and follow-up status: ${row.customerFields}`, async () => {
    const response = await app.gql(FOLLOW_UP_MATRIX_CUSTOMERS, {}, await authFor(row.as));
    const nodes = response.data!.customers.nodes as unknown as Record<string, unknown>[];
    expect(nodes.length).toBeGreaterThan(0);
    for (const field of ['latitude', 'longitude', 'followUpStatus']) expectAccess(response, ['customers', 'nodes'], nodes, field, row.customerFields);
  });

  it(`opportunities' next-step dates: ${row.customerFields} (as nextStep: internal users)`, async () => {
    const response = await app.gql(FOLLOW_UP_MATRIX_NEXT_STEP_DATES, {}, await authFor(row.as));
    const nodes = response.data!.opportunities.nodes as unknown as Record<string, unknown>[];
    if (row.followUps > 0) expect(nodes.some((node) => typeof node.nextStepDate === 'string')).toBe(true);
    if (row.customerFields === 'hidden') expect(nodes.length).toBeGreaterThan(0);
    expectAccess(response, ['opportunities', 'nodes'], nodes, 'nextStepDate', row.customerFields);
  });

  it(`may call ${row.mutations.length === 0 ? 'no follow-up mutation' : row.mutations.join(', ')}; is refused the others`, async () => {
    const auth = await authFor(row.as);
    const outcome: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const name of MUTATION_NAMES) {
      const response = await MUTATIONS[name](auth);
      expect({ name, errors: response.errors?.length ?? 0 }).toEqual({ name, errors: 1 });
      const code = String(response.errors![0].extensions?.code);
      outcome[name] = code === 'FORBIDDEN' ? 'refused' : code === 'NOT_FOUND' || code === 'BAD_USER_INPUT' ? 'allowed' : `unexpected ${code}`;
      expected[name] = row.mutations.includes(name) ? 'allowed' : 'refused';
    }
    expect(outcome).toEqual(expected);
  });
});

it('wrote nothing: every refused or failed call left the follow-up tables as the seed made them', async () => {
  expect(await counts()).toEqual(tableCounts);
});

