import { collectPolicy } from '../api/permissions/shield';
import { seedDemoExpensesIfEmpty } from '../seeds/demo-expenses.seeder';
import { CREATE_API_KEY } from './graphql/documents';
import type { ExpenseClaimsMatrixQuery } from './gql/graphql';
import {
  APPROVE_EXPENSE_CLAIM,
  AUDIT_RETURN_EXPENSE_CLAIM,
  CORRECT_EXPENSE_CLAIM_LINE,
  CREATE_EXPENSE_CLAIM,
  EXPENSE_BUDGETS_COUNT,
  EXPENSE_CLAIMS_MATRIX,
  MARK_EXPENSE_CLAIM_PAID,
  REJECT_EXPENSE_CLAIM,
  RETURN_EXPENSE_CLAIM,
  SET_EXPENSE_BUDGET,
  SUBMIT_EXPENSE_CLAIM,
  UPDATE_EXPENSE_CLAIM,
} from './graphql/expenses.documents';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Who sees which expense claims, budgets and amounts, and who may write, approve, audit and pay claims and set
 * budgets, role by role, written out by hand so the table is the spec. The data: the demo budgets and claims (four
 * claims for each of the 39 reps, team managers and the key account manager: 156; 华东 holds 11 reps and 3 managers,
 * 上海一组 4 reps and its manager; a budget for each of the 3 regions and 8 teams, this month and last).
 *
 * `claims`: how many `expenseClaims` returns (`refused`: FORBIDDEN before any resolver); amounts are readable on
 * every claim a role sees (claimant, chain, finance, VP, admins: exactly the row scope). `budgets`: how many
 * `expenseBudgets` returns. Mutations: those the role's rule lets through (called with arguments that match nothing
 * or fail validation, so they write nothing).
 */
const NOWHERE = '00000000-0000-4000-8000-000000000000';

/** Each expense mutation, with arguments that match nothing. */
const MUTATIONS = {
  setExpenseBudget: (auth: Auth) => app.gql(SET_EXPENSE_BUDGET, { input: { orgUnitId: NOWHERE, periodKind: 'MONTH' as never, periodStart: '2026-11-01', lines: [] } }, auth),
  createExpenseClaim: (auth: Auth) => app.gql(CREATE_EXPENSE_CLAIM, { input: { title: 'x', lines: [] } }, auth),
  updateExpenseClaim: (auth: Auth) => app.gql(UPDATE_EXPENSE_CLAIM, { id: NOWHERE, version: 1, input: { title: 'x' } }, auth),
  submitExpenseClaim: (auth: Auth) => app.gql(SUBMIT_EXPENSE_CLAIM, { id: NOWHERE, version: 1 }, auth),
  approveExpenseClaim: (auth: Auth) => app.gql(APPROVE_EXPENSE_CLAIM, { id: NOWHERE, version: 1 }, auth),
  returnExpenseClaim: (auth: Auth) => app.gql(RETURN_EXPENSE_CLAIM, { id: NOWHERE, version: 1, reason: 'x' }, auth),
  rejectExpenseClaim: (auth: Auth) => app.gql(REJECT_EXPENSE_CLAIM, { id: NOWHERE, version: 1, reason: 'x' }, auth),
  auditReturnExpenseClaim: (auth: Auth) => app.gql(AUDIT_RETURN_EXPENSE_CLAIM, { id: NOWHERE, version: 1, reason: 'x' }, auth),
  correctExpenseClaimLine: (auth: Auth) => app.gql(CORRECT_EXPENSE_CLAIM_LINE, { id: NOWHERE, version: 1, correction: { lineId: NOWHERE, amount: '1', reason: 'x' } }, auth),
  markExpenseClaimPaid: (auth: Auth) => app.gql(MARK_EXPENSE_CLAIM_PAID, { id: NOWHERE, version: 1, payment: { paidOn: '2026-12-01', reference: 'x' } }, auth),
};
type MutationName = keyof typeof MUTATIONS;
const MUTATION_NAMES = Object.keys(MUTATIONS) as MutationName[];

const CLAIMANT: MutationName[] = ['createExpenseClaim', 'updateExpenseClaim', 'submitExpenseClaim'];
const APPROVER: MutationName[] = ['approveExpenseClaim', 'returnExpenseClaim', 'rejectExpenseClaim'];
const AUDITOR: MutationName[] = ['auditReturnExpenseClaim', 'correctExpenseClaimLine', 'markExpenseClaimPaid'];

interface Row {
  role: string;
  as: PersonName | 'integrationKey';
  claims: number | 'refused';
  budgets: number | 'refused';
  mutations: MutationName[];
}

const MATRIX: Row[] = [
  { role: 'ADMIN', as: 'admin', claims: 156, budgets: 22, mutations: ['setExpenseBudget', ...CLAIMANT] },
  { role: 'SALES_VP', as: 'vp', claims: 156, budgets: 22, mutations: ['setExpenseBudget', ...CLAIMANT, ...APPROVER] },
  { role: 'REGIONAL_DIRECTOR', as: 'eastDirector', claims: 56, budgets: 8, mutations: ['setExpenseBudget', ...CLAIMANT, ...APPROVER] },
  { role: 'TEAM_MANAGER', as: 'shanghai1Manager', claims: 20, budgets: 2, mutations: [...CLAIMANT, ...APPROVER] },
  { role: 'SALES_REP', as: 'shanghai1Rep', claims: 4, budgets: 2, mutations: CLAIMANT },
  { role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager', claims: 4, budgets: 0, mutations: CLAIMANT },
  { role: 'CUSTOMER_SERVICE', as: 'customerService', claims: 0, budgets: 0, mutations: CLAIMANT },
  { role: 'TECH_SUPPORT', as: 'techSupport', claims: 0, budgets: 0, mutations: CLAIMANT },
  { role: 'FINANCE', as: 'finance', claims: 156, budgets: 22, mutations: [...CLAIMANT, ...AUDITOR] },
  { role: 'PARTNER', as: 'partner', claims: 'refused', budgets: 'refused', mutations: [] },
  { role: 'INTEGRATION', as: 'integrationKey', claims: 'refused', budgets: 'refused', mutations: [] },
];

const GUARDED_FIELDS = ['ExpenseClaim.totalAmount', 'ExpenseClaimLine.amount', 'ExpenseClaimLine.budgetRemaining', 'ExpenseClaimLine.originalAmount'];
const EXPENSE_TYPES = [
  'ExpenseCategory',
  'ExpenseBudget',
  'ExpenseBudgetLine',
  'ExpenseBudgetConnection',
  'ExpenseBudgetEdge',
  'ExpenseBudgetUsage',
  'ExpenseClaim',
  'ExpenseClaimLine',
  'ExpenseApprovalStep',
  'ExpenseClaimConnection',
  'ExpenseClaimEdge',
  'ExpenseCostRow',
];

let app: TestApp;
const auths = new Map<string, Auth>();
let countsAfterSetup: Record<string, number>;

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['expense_budget', 'expense_budget_line', 'expense_claim', 'expense_claim_line', 'expense_approval_step', 'domain_event']) {
    const [row] = await app.orm.em.fork().getConnection().execute<{ n: string }[]>(`select count(*)::text as n from ${table}`);
    counts[table] = Number(row.n);
  }
  return counts;
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoExpensesIfEmpty(app.orm, app.config);
  const created = await app.gql(
    CREATE_API_KEY,
    { input: { name: 'Everything readable', scopes: ['READ_SALES', 'READ_PERFORMANCE'], userId: userId(people.integration) } },
    { token: await app.tokenFor(people.admin.email) },
  );
  auths.set('integrationKey', { apiKey: created.data!.createApiKey.key });
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

type ClaimNode = ExpenseClaimsMatrixQuery['expenseClaims']['nodes'][number];

async function allClaims(auth: Auth): Promise<{ responses: GraphQLResponse<ExpenseClaimsMatrixQuery>[]; nodes: ClaimNode[] }> {
  const responses: GraphQLResponse<ExpenseClaimsMatrixQuery>[] = [];
  const nodes: ClaimNode[] = [];
  let after: string | null = null;
  for (;;) {
    const response: GraphQLResponse<ExpenseClaimsMatrixQuery> = await app.gql(EXPENSE_CLAIMS_MATRIX, { first: 100, after }, auth);
    responses.push(response);
    if (response.data === null || response.data === undefined) return { responses, nodes };
    nodes.push(...response.data.expenseClaims.nodes);
    if (!response.data.expenseClaims.pageInfo.hasNextPage) return { responses, nodes };
    after = response.data.expenseClaims.pageInfo.endCursor ?? null;
  }
}

describe('the matrix is complete', () => {
  it('covers every role', () => {
    expect(new Set(MATRIX.map((row) => row.role)).size).toBe(11);
  });

  it('covers every guarded field of the expense types, and every type', () => {
    const policy = collectPolicy(app.server.schema);
    const guarded = policy.fields.filter((entry) => EXPENSE_TYPES.includes(entry.typeName)).map((entry) => `${entry.typeName}.${entry.fieldName}`);
    expect(guarded.sort()).toEqual(GUARDED_FIELDS);
    const named = Object.keys(app.server.schema.getTypeMap()).filter((name) => /^Expense/.test(name) && !/Input$|Filter$|Status$/.test(name));
    expect(named.sort()).toEqual([...EXPENSE_TYPES].sort());
  });

  it('covers every expense operation', () => {
    const policy = collectPolicy(app.server.schema);
    const rules = new Set(['expense-claimants', 'expense-approvers', 'expense-budget-setters', 'expense-auditors']);
    expect(policy.fields.filter((entry) => entry.typeName === 'Mutation' && rules.has(entry.rule.name)).map((entry) => entry.fieldName).sort()).toEqual([...MUTATION_NAMES].sort());
    expect(policy.fields.filter((entry) => entry.typeName === 'Query' && entry.rule.name === 'expense-readers').map((entry) => entry.fieldName).sort()).toEqual([
      'expenseBudgetUsage',
      'expenseBudgets',
      'expenseCategories',
      'expenseClaim',
      'expenseClaims',
      'expenseCostAnalysis',
    ]);
  });
});

describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s', (_name, row) => {
  it(`claims: ${row.claims}, amounts read on each; budgets: ${row.budgets}`, async () => {
    const auth = await authFor(row.as);
    const { responses, nodes } = await allClaims(auth);
    const budgets = await app.gql(EXPENSE_BUDGETS_COUNT, {}, auth);
    if (row.claims === 'refused') {
      expect(responses[0].errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(responses[0].data).toBeNull();
      expect(budgets.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
      return;
    }
    expect(responses.flatMap((response) => response.errors ?? [])).toEqual([]);
    expect(responses[0].data!.expenseClaims.totalCount).toBe(row.claims);
    expect(nodes).toHaveLength(row.claims);
    for (const node of nodes) {
      expect(node.totalAmount).toEqual(expect.any(String));
      for (const line of node.lines) expect(line.amount).toEqual(expect.any(String));
    }
    expect(budgets.data!.expenseBudgets.totalCount).toBe(row.budgets);
    if (row.as === 'shanghai1Rep') expect(new Set(nodes.map((node) => node.status)).size).toBeGreaterThan(1);
  });

  it(`may call ${row.mutations.length === 0 ? 'no expense mutation' : row.mutations.join(', ')}; is refused the others`, async () => {
    const auth = await authFor(row.as);
    const outcome: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const name of MUTATION_NAMES) {
      const response: GraphQLResponse<unknown> = await MUTATIONS[name](auth);
      expect({ name, errors: response.errors?.length ?? 0 }).toEqual({ name, errors: 1 });
      const code = String(response.errors![0].extensions?.code);
      outcome[name] = code === 'FORBIDDEN' && response.errors![0].extensions?.allowedFor !== undefined ? 'refused' : ['NOT_FOUND', 'BAD_USER_INPUT'].includes(code) ? 'allowed' : `unexpected ${code}`;
      expected[name] = row.mutations.includes(name) ? 'allowed' : 'refused';
    }
    expect(outcome).toEqual(expected);
  });
});

it('a colleague in another team reads neither the claim nor its amount', async () => {
  const [claim] = await app.orm.em.fork().getConnection().execute<{ id: string }[]>(`select id from expense_claim where claimant_id = ? limit 1`, [userId(people.shanghai1Rep)]);
  const { nodes } = await allClaims(await authFor('shanghai2Rep'));
  expect(nodes.map((node) => node.id)).not.toContain(claim.id);
});

it('wrote nothing: every refused or failed call left the expense tables as the seed made them', async () => {
  expect(await tableCounts()).toEqual(countsAfterSetup);
});
