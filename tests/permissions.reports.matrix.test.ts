import { GraphQLObjectType } from 'graphql';
import { collectPolicy } from '../api/permissions/shield';
import { seedDemoReportsIfEmpty } from '../seeds/demo-reports.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { CREATE_API_KEY } from './graphql/documents';
import {
  ACKNOWLEDGE_WORK_REPORT,
  CREATE_MEETING,
  CREATE_WORK_REPORT,
  REVIEW_WORK_REPORT,
  SET_ACTION_ITEM_STATUS,
  SUBMIT_WORK_REPORT,
  UPDATE_MEETING,
  UPDATE_WORK_REPORT,
} from './graphql/reports.documents';
import { REPORTS_MATRIX_COMPLIANCE, REPORTS_MATRIX_DEADLINES, REPORTS_MATRIX_MEETINGS, REPORTS_MATRIX_REPORTS } from './graphql/reports-matrix.documents';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Who sees which work reports, review scores and meetings and who may call which operation, role by role, on the demo
 * reports (seeds/demo-reports.seeder.ts: November 2026 for everyone who files reports; two meetings of 华东).
 *
 * `monthly`: the November monthly reports the login sees; `score` on those rows: `read` (no FORBIDDEN on any row) —
 * the score's rule (`review-score-readers`: the author, their chain, the VP, admins) lets through exactly the rows the
 * row scope shows, so nobody sees a report without its score; the rule still guards filters and event payloads.
 * Operations are called with ids or input that match nothing; let through they fail with NOT_FOUND or BAD_USER_INPUT.
 */
const MUTATION_NAMES = [
  'createWorkReport',
  'updateWorkReport',
  'submitWorkReport',
  'reviewWorkReport',
  'acknowledgeWorkReport',
  'createMeeting',
  'updateMeeting',
  'setActionItemStatus',
] as const;
type MutationName = (typeof MUTATION_NAMES)[number];

const WRITER: MutationName[] = ['createWorkReport', 'updateWorkReport', 'submitWorkReport', 'setActionItemStatus'];
const HEAD: MutationName[] = [...MUTATION_NAMES];

interface Row {
  role: string;
  as: PersonName | 'integrationKey';
  monthly: number | 'refused';
  meetings: number | 'refused';
  deadlines: 'allowed' | 'refused';
  compliance: number | 'refused';
  mutations: MutationName[];
}

const MATRIX: Row[] = [
  { role: 'ADMIN', as: 'admin', monthly: 39, meetings: 2, deadlines: 'allowed', compliance: 42, mutations: HEAD },
  { role: 'SALES_VP', as: 'vp', monthly: 39, meetings: 2, deadlines: 'allowed', compliance: 42, mutations: HEAD },
  { role: 'REGIONAL_DIRECTOR', as: 'eastDirector', monthly: 14, meetings: 2, deadlines: 'allowed', compliance: 14, mutations: HEAD },
  { role: 'TEAM_MANAGER', as: 'shanghai1Manager', monthly: 5, meetings: 2, deadlines: 'allowed', compliance: 4, mutations: HEAD },
  { role: 'SALES_REP', as: 'shanghai1Rep', monthly: 1, meetings: 1, deadlines: 'allowed', compliance: 'refused', mutations: WRITER },
  { role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager', monthly: 1, meetings: 0, deadlines: 'allowed', compliance: 'refused', mutations: WRITER },
  { role: 'CUSTOMER_SERVICE', as: 'customerService', monthly: 0, meetings: 0, deadlines: 'allowed', compliance: 'refused', mutations: WRITER },
  { role: 'TECH_SUPPORT', as: 'techSupport', monthly: 0, meetings: 0, deadlines: 'allowed', compliance: 'refused', mutations: WRITER },
  { role: 'FINANCE', as: 'finance', monthly: 0, meetings: 0, deadlines: 'allowed', compliance: 'refused', mutations: WRITER },
  { role: 'PARTNER', as: 'partner', monthly: 'refused', meetings: 'refused', deadlines: 'refused', compliance: 'refused', mutations: [] },
  { role: 'INTEGRATION', as: 'integrationKey', monthly: 'refused', meetings: 'refused', deadlines: 'refused', compliance: 'refused', mutations: [] },
];

const GUARDED_FIELDS: Record<string, string> = { 'WorkReport.score': 'review-score-readers' };
const REPORT_TYPES = ['WorkReport', 'WorkReportAcknowledgement', 'ReportDeadline', 'Meeting', 'MeetingActionItem', 'DailyReportProposal', 'ReportComplianceRow'];
const NOWHERE = '00000000-0000-4000-8000-000000000000';

let app: TestApp;
const auths = new Map<string, Auth>();
let tableCounts: Record<string, number>;

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ['work_report', 'work_report_visit', 'work_report_acknowledgement', 'meeting', 'meeting_action_item', 'domain_event']) {
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
  if (!(await seedDemoReportsIfEmpty(app.orm, app.config))) throw new Error('the demo reports were not seeded');
  const admin = { token: await app.tokenFor(people.admin.email) };
  const key = await app.gql(CREATE_API_KEY, { input: { name: 'HR sync', scopes: ['READ_SALES', 'READ_PERFORMANCE'], userId: userId(people.integration) } }, admin);
  auths.set('integrationKey', { apiKey: key.data!.createApiKey.key });
  tableCounts = await counts();
}, 180_000);

afterAll(() => app.close());

const MUTATIONS: Record<MutationName, (auth: Auth) => Promise<GraphQLResponse<unknown>>> = {
  createWorkReport: (auth) => app.gql(CREATE_WORK_REPORT, { input: { kind: 'MONTHLY', date: '2099-01-01' } }, auth),
  updateWorkReport: (auth) => app.gql(UPDATE_WORK_REPORT, { id: NOWHERE, version: 1, input: { plan: '权限矩阵' } }, auth),
  submitWorkReport: (auth) => app.gql(SUBMIT_WORK_REPORT, { id: NOWHERE, version: 1 }, auth),
  reviewWorkReport: (auth) => app.gql(REVIEW_WORK_REPORT, { id: NOWHERE, version: 1, input: { score: 3 } }, auth),
  acknowledgeWorkReport: (auth) => app.gql(ACKNOWLEDGE_WORK_REPORT, { id: NOWHERE }, auth),
  createMeeting: (auth) => app.gql(CREATE_MEETING, { input: { kind: 'TEAM', orgUnitId: NOWHERE, heldOn: '2026-12-01', title: '权限矩阵', attendeeIds: [] } }, auth),
  updateMeeting: (auth) => app.gql(UPDATE_MEETING, { id: NOWHERE, version: 1, input: { minutes: '权限矩阵' } }, auth),
  setActionItemStatus: (auth) => app.gql(SET_ACTION_ITEM_STATUS, { id: NOWHERE, version: 1, status: 'DONE' }, auth),
};

function refused(response: GraphQLResponse<unknown>): boolean {
  return (response.errors ?? []).some((error) => error.extensions?.code === 'FORBIDDEN' && (error.path ?? []).length === 1);
}

describe('the matrix is complete', () => {
  it('covers every role', () => {
    expect(new Set(MATRIX.map((row) => row.role)).size).toBe(11);
    expect(new Set(MATRIX.map((row) => row.as)).size).toBe(11);
  });

  it('covers every guarded field of the report types', () => {
    const policy = collectPolicy(app.server.schema);
    for (const typeName of REPORT_TYPES) expect({ typeName, inSchema: app.server.schema.getType(typeName) instanceof GraphQLObjectType }).toEqual({ typeName, inSchema: true });
    const guarded = Object.fromEntries(policy.fields.filter((entry) => REPORT_TYPES.includes(entry.typeName)).map((entry) => [`${entry.typeName}.${entry.fieldName}`, entry.rule.name]));
    expect(guarded).toEqual(GUARDED_FIELDS);
  });

  it('covers every report and meeting mutation', () => {
    const policy = collectPolicy(app.server.schema);
    const mutations = policy.fields.filter((entry) => entry.typeName === 'Mutation' && ['report-writers', 'report-reviewers', 'meeting-holders'].includes(entry.rule.name)).map((entry) => entry.fieldName);
    expect(mutations.sort()).toEqual([...MUTATION_NAMES].sort());
    const queries = policy.fields.filter((entry) => entry.typeName === 'Query' && ['report-writers', 'report-reviewers'].includes(entry.rule.name)).map((entry) => entry.fieldName);
    expect(queries.sort()).toEqual(['meeting', 'meetings', 'proposeDailyReport', 'reportCompliance', 'reportDeadlines', 'workReport', 'workReports']);
  });
});

describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s', (_name, row) => {
  it(`sees ${row.monthly} November monthly reports, each with its score`, async () => {
    const response = await app.gql(REPORTS_MATRIX_REPORTS, { filter: { kind: 'MONTHLY', from: '2026-11-01', to: '2026-11-01' } }, await authFor(row.as));
    if (row.monthly === 'refused') {
      expect(refused(response)).toBe(true);
      return;
    }
    expect(response.errors).toBeUndefined();
    expect(response.data!.workReports.totalCount).toBe(row.monthly);
    for (const node of response.data!.workReports.nodes) {
      if (node.status === 'REVIEWED') expect(node.score).toEqual(expect.any(Number));
    }
  });

  it(`meetings: ${row.meetings}; deadlines: ${row.deadlines}; who is late: ${row.compliance}`, async () => {
    const auth = await authFor(row.as);
    const meetings = await app.gql(REPORTS_MATRIX_MEETINGS, {}, auth);
    if (row.meetings === 'refused') expect(refused(meetings)).toBe(true);
    else expect(meetings.data!.meetings.totalCount).toBe(row.meetings);
    const deadlines = await app.gql(REPORTS_MATRIX_DEADLINES, {}, auth);
    if (row.deadlines === 'refused') expect(refused(deadlines)).toBe(true);
    else expect(deadlines.data!.reportDeadlines).toHaveLength(14);
    const compliance = await app.gql(REPORTS_MATRIX_COMPLIANCE, {}, auth);
    if (row.compliance === 'refused') expect(refused(compliance)).toBe(true);
    else expect(compliance.data!.reportCompliance).toHaveLength(row.compliance);
  });

  it(`may call ${row.mutations.length === 0 ? 'no report mutation' : row.mutations.join(', ')}; is refused the others`, async () => {
    const auth = await authFor(row.as);
    const outcome: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const name of MUTATION_NAMES) {
      const response = await MUTATIONS[name](auth);
      expect({ name, errors: response.errors?.length ?? 0 }).toEqual({ name, errors: 1 });
      const code = String(response.errors![0].extensions?.code);
      outcome[name] = code === 'FORBIDDEN' ? 'refused' : ['NOT_FOUND', 'BAD_USER_INPUT'].includes(code) ? 'allowed' : `unexpected ${code}`;
      expected[name] = row.mutations.includes(name) ? 'allowed' : 'refused';
    }
    expect(outcome).toEqual(expected);
  });
});

it('a peer reads none of a colleague’s reports, and no score through a filter', async () => {
  const response = await app.gql(REPORTS_MATRIX_REPORTS, { filter: { authorId: userId(people.shanghai1Rep) } }, await authFor('shanghai1Teammate' as PersonName));
  expect(response.data!.workReports.totalCount).toBe(0);
});

it('wrote nothing: every refused or failed call left the report tables as the seed made them', async () => {
  expect(await counts()).toEqual(tableCounts);
});
