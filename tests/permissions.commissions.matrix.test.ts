import { collectPolicy } from '../api/permissions/shield';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { CREATE_API_KEY } from './graphql/documents';
import { CommissionData } from './fixtures/commission-data';
import type { CommissionStatementsQuery } from './gql/graphql';
import {
  APPROVE_COMMISSION_STATEMENT,
  COMMISSION_STATEMENTS,
  FINALIZE_COMMISSION_STATEMENT,
  MARK_COMMISSION_STATEMENT_PAID,
  RUN_COMMISSIONS,
} from './graphql/commissions.documents';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Who sees which commission statements and amounts, and who may run, approve, finalize and pay them, role by role,
 * written out by hand so the table is the spec. The data: a plan for reps, key account managers and team managers
 * in November 2025, a target for each of them and an order for a few, run by finance: 39 statements (30 reps, 8
 * team managers, the key account manager); 华东 holds 11 reps and 3 managers, 上海一组 4 reps and its manager.
 *
 * `statements`: how many `commissionStatements` returns (`refused`: FORBIDDEN before any resolver). `amounts`: the
 * guarded fields (targetValue, actualValue, achievementPercent, totalCommission, and the lines' amount and commission)
 * readable on every row, or hidden (null and FORBIDDEN at each path). Mutations: those the role's rule lets through
 * (called with arguments that match nothing, so they fail in the service and write nothing).
 */
/** Matches no statement: a permitted caller gets NOT_FOUND or BAD_USER_INPUT, and nothing is written. */
const NOWHERE = '00000000-0000-4000-8000-000000000000';

/** Each commission mutation, with arguments that match nothing. */
const MUTATIONS = {
  runCommissions: (auth: Auth) => app.gql(RUN_COMMISSIONS, { period: '2020-01-02' }, auth),
  approveCommissionStatement: (auth: Auth) => app.gql(APPROVE_COMMISSION_STATEMENT, { id: NOWHERE, version: 1 }, auth),
  finalizeCommissionStatement: (auth: Auth) => app.gql(FINALIZE_COMMISSION_STATEMENT, { id: NOWHERE, version: 1 }, auth),
  markCommissionStatementPaid: (auth: Auth) =>
    app.gql(MARK_COMMISSION_STATEMENT_PAID, { id: NOWHERE, version: 1, payment: { paidOn: '2025-12-10', reference: 'x' } }, auth),
};
type MutationName = keyof typeof MUTATIONS;
const MUTATION_NAMES = Object.keys(MUTATIONS) as MutationName[];

interface Row {
  role: string;
  as: PersonName | 'integrationKey';
  statements: number | 'refused';
  amounts: 'read' | 'hidden' | null;
  mutations: MutationName[];
}

const MATRIX: Row[] = [
  { role: 'ADMIN', as: 'admin', statements: 39, amounts: 'read', mutations: ['runCommissions'] },
  { role: 'SALES_VP', as: 'vp', statements: 39, amounts: 'read', mutations: ['approveCommissionStatement'] },
  { role: 'REGIONAL_DIRECTOR', as: 'eastDirector', statements: 14, amounts: 'read', mutations: ['approveCommissionStatement'] },
  { role: 'TEAM_MANAGER', as: 'shanghai1Manager', statements: 5, amounts: 'read', mutations: ['approveCommissionStatement'] },
  { role: 'SALES_REP', as: 'shanghai1Rep', statements: 1, amounts: 'read', mutations: [] },
  { role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager', statements: 1, amounts: 'read', mutations: [] },
  { role: 'CUSTOMER_SERVICE', as: 'customerService', statements: 'refused', amounts: null, mutations: [] },
  { role: 'TECH_SUPPORT', as: 'techSupport', statements: 'refused', amounts: null, mutations: [] },
  { role: 'FINANCE', as: 'finance', statements: 39, amounts: 'read', mutations: ['runCommissions', 'finalizeCommissionStatement', 'markCommissionStatementPaid'] },
  { role: 'PARTNER', as: 'partner', statements: 'refused', amounts: null, mutations: [] },
  { role: 'INTEGRATION', as: 'integrationKey', statements: 39, amounts: 'hidden', mutations: [] },
];

const GUARDED_FIELDS = [
  'CommissionStatement.achievementPercent',
  'CommissionStatement.actualValue',
  'CommissionStatement.targetValue',
  'CommissionStatement.totalCommission',
  'CommissionStatementLine.amount',
  'CommissionStatementLine.commission',
];
const COMMISSION_TYPES = ['CommissionStatement', 'CommissionStatementLine', 'CommissionStatementConnection', 'CommissionStatementEdge'];
const STATEMENT_AMOUNTS = ['targetValue', 'actualValue', 'achievementPercent', 'totalCommission'] as const;

let app: TestApp;
const auths = new Map<string, Auth>();
let countsAfterSetup: Record<string, number>;

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['commission_statement', 'commission_statement_line', 'domain_event']) {
    const [row] = await app.orm.em.fork().getConnection().execute<{ n: string }[]>(`select count(*)::text as n from ${table}`);
    counts[table] = Number(row.n);
  }
  return counts;
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  const data = new CommissionData(app);
  const month = '2025-11-01';
  await data.plan({ name: 'November', from: month, to: '2025-11-30', tiers: [['0', '100', '2'], ['100', null, '3']], roles: ['SALES_REP', 'KEY_ACCOUNT_MANAGER', 'TEAM_MANAGER'] });
  const users = await app.orm.em.fork().getConnection().execute<{ id: string }[]>(
    `select id from app_user where role in ('SALES_REP', 'KEY_ACCOUNT_MANAGER', 'TEAM_MANAGER') and status = 'ACTIVE' order by email`,
  );
  for (const [index, user] of users.entries()) {
    await data.target({ userId: user.id }, 'BOOKED_SALES', month, '10000', userId(people.finance));
    if (index % 4 === 0) await data.order(user.id, '2025-11-12', ['8000']);
  }
  await data.order(userId(people.shanghai1Rep), '2025-11-13', ['3000']);
  const finance = { token: await app.tokenFor(people.finance.email) };
  const ran = await app.gql(RUN_COMMISSIONS, { period: month }, finance);
  expect(ran.data!.runCommissions).toHaveLength(39);
  const created = await app.gql(
    CREATE_API_KEY,
    { input: { name: 'Payroll export', scopes: ['READ_PERFORMANCE'], userId: userId(people.integration) } },
    { token: await app.tokenFor(people.admin.email) },
  );
  auths.set('integrationKey', { apiKey: created.data!.createApiKey.key });
  const salesOnly = await app.gql(
    CREATE_API_KEY,
    { input: { name: 'Sales only', scopes: ['READ_SALES'], userId: userId(people.integration) } },
    { token: await app.tokenFor(people.admin.email) },
  );
  auths.set('salesOnlyKey', { apiKey: salesOnly.data!.createApiKey.key });
  countsAfterSetup = await tableCounts();
}, 180_000);

afterAll(async () => {
  await app.close();
});

async function authFor(as: string): Promise<Auth> {
  const known = auths.get(as);
  if (known) return known;
  const auth = { token: await app.tokenFor(people[as as PersonName].email) };
  auths.set(as, auth);
  return auth;
}

type StatementNode = CommissionStatementsQuery['commissionStatements']['nodes'][number];

/** Every page of the month's statements the viewer may list. */
async function allStatements(auth: Auth): Promise<{ responses: GraphQLResponse<CommissionStatementsQuery>[]; nodes: StatementNode[] }> {
  const responses: GraphQLResponse<CommissionStatementsQuery>[] = [];
  const nodes: StatementNode[] = [];
  let after: string | null = null;
  for (;;) {
    const response: GraphQLResponse<CommissionStatementsQuery> = await app.gql(COMMISSION_STATEMENTS, { first: 10, after, filter: { periodStart: '2025-11-01' } }, auth);
    responses.push(response);
    if (response.data === null || response.data === undefined) return { responses, nodes };
    nodes.push(...response.data.commissionStatements.nodes);
    if (!response.data.commissionStatements.pageInfo.hasNextPage) return { responses, nodes };
    after = response.data.commissionStatements.pageInfo.endCursor ?? null;
  }
}

describe('the matrix is complete', () => {
  it('covers every role', () => {
    expect(new Set(MATRIX.map((row) => row.role)).size).toBe(11);
    expect(new Set(MATRIX.map((row) => row.as)).size).toBe(11);
  });

  it('covers every guarded field of the commission types', () => {
    const policy = collectPolicy(app.server.schema);
    const guarded = policy.fields.filter((entry) => COMMISSION_TYPES.includes(entry.typeName)).map((entry) => `${entry.typeName}.${entry.fieldName}`);
    expect(guarded.sort()).toEqual(GUARDED_FIELDS);
  });

  it('covers every commission operation', () => {
    const policy = collectPolicy(app.server.schema);
    const rules = new Set(['commission-runners', 'commission-approvers', 'commission-finalizers']);
    expect(policy.fields.filter((entry) => entry.typeName === 'Mutation' && rules.has(entry.rule.name)).map((entry) => entry.fieldName).sort()).toEqual([...MUTATION_NAMES].sort());
    expect(policy.fields.filter((entry) => entry.typeName === 'Query' && entry.rule.name === 'commission-statement-readers').map((entry) => entry.fieldName).sort()).toEqual([
      'commissionStatement',
      'commissionStatements',
    ]);
  });
});

describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s', (_name, row) => {
  it(`statements: ${row.statements}; amounts ${row.amounts ?? '—'}`, async () => {
    const { responses, nodes } = await allStatements(await authFor(row.as));
    if (row.statements === 'refused') {
      expect(responses[0].errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(responses[0].data).toBeNull();
      return;
    }
    expect(responses[0].data!.commissionStatements.totalCount).toBe(row.statements);
    expect(nodes).toHaveLength(row.statements);
    // FORBIDDEN on an amount field; the plan and tier are master data with their own rule (commissionPlans'), which
    // leaves out integrations.
    const amountFields = new Set<unknown>([...STATEMENT_AMOUNTS, 'amount', 'commission']);
    const forbidden = responses.flatMap((response) =>
      (response.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN' && amountFields.has(error.path?.at(-1))),
    );
    expect(responses.flatMap((response) => (response.errors ?? []).filter((error) => error.extensions?.code !== 'FORBIDDEN'))).toEqual([]);
    const lines = nodes.flatMap((node) => node.lines);
    expect(lines.length).toBeGreaterThan(0);
    if (row.amounts === 'read') {
      expect(forbidden).toEqual([]);
      for (const node of nodes) for (const field of STATEMENT_AMOUNTS) expect(node[field]).toEqual(expect.any(String));
      for (const line of lines) expect([line.amount, line.commission]).toEqual([expect.any(String), expect.any(String)]);
    } else {
      for (const node of nodes) for (const field of STATEMENT_AMOUNTS) expect(node[field]).toBeNull();
      for (const line of lines) expect([line.amount, line.commission]).toEqual([null, null]);
      expect(forbidden).toHaveLength(nodes.length * STATEMENT_AMOUNTS.length + lines.length * 2);
    }
    if (row.as === 'shanghai1Rep') expect(nodes[0].user?.id).toBe(userId(people.shanghai1Rep));
  });

  it(`may call ${row.mutations.length === 0 ? 'no commission mutation' : row.mutations.join(', ')}; is refused the others`, async () => {
    const auth = await authFor(row.as);
    const outcome: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const name of MUTATION_NAMES) {
      const response: GraphQLResponse<unknown> = await MUTATIONS[name](auth);
      expect({ name, errors: response.errors?.length ?? 0 }).toEqual({ name, errors: 1 });
      const code = String(response.errors![0].extensions?.code);
      outcome[name] = code === 'FORBIDDEN' ? 'refused' : ['NOT_FOUND', 'BAD_USER_INPUT'].includes(code) ? 'allowed' : `unexpected ${code}`;
      expected[name] = row.mutations.includes(name) ? 'allowed' : 'refused';
    }
    expect(outcome).toEqual(expected);
  });
});

it('an API key without READ_PERFORMANCE is refused, and told which scope it lacks', async () => {
  const response = await app.gql(COMMISSION_STATEMENTS, { first: 10, filter: { periodStart: '2025-11-01' } }, auths.get('salesOnlyKey'));
  expect(response.errors?.map((error) => [error.extensions?.code, error.extensions?.missingScope])).toEqual([['FORBIDDEN', 'READ_PERFORMANCE']]);
});

it('wrote nothing: every refused or failed call left the commission tables as the run made them', async () => {
  expect(await tableCounts()).toEqual(countsAfterSetup);
});
