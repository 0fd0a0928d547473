import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { CommissionData } from './fixtures/commission-data';
import { people, units, userId, type PersonName } from './fixtures/demo-people';
import {
  APPROVE_EXPENSE_CLAIM as APPROVE,
  AUDIT_RETURN_EXPENSE_CLAIM as AUDIT_RETURN,
  CORRECT_EXPENSE_CLAIM_LINE as CORRECT,
  CREATE_EXPENSE_CLAIM as CREATE,
  EXPENSE_BUDGET_USAGE as USAGE,
  EXPENSE_CATEGORIES,
  EXPENSE_COST_ANALYSIS as COST,
  MARK_EXPENSE_CLAIM_PAID as PAY,
  REJECT_EXPENSE_CLAIM as REJECT,
  RETURN_EXPENSE_CLAIM as RETURN,
  SET_EXPENSE_BUDGET as SET_BUDGET,
  SUBMIT_EXPENSE_CLAIM as SUBMIT,
  UPDATE_EXPENSE_CLAIM as UPDATE,
} from './graphql/expenses.documents';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Expense budgets and claims on fixed data, against figures worked out by hand: budgets within the region's, the
 * approval chain by amount (manager 10 000, director 50 000, VP 200 000), over-budget claims flagged and sent up to
 * the director, two approvals at once that only one fits, finance's return, correction and payment, budget usage and
 * the cost analysis.
 */

interface Claim {
  id: string;
  version: number;
  status: string;
  totalAmount: string | null;
  overBudget: boolean;
  approvalRound: number;
  lines: { id: string; amount: string | null; originalAmount: string | null; budgetRemaining: string | null; correctedBy: { id: string } | null }[];
  approvalSteps: { round: number; position: number; status: string; forBudget: boolean; approverRole: string; approver: { id: string } | null }[];
  currentStep: { approver: { id: string } | null } | null;
}

let app: TestApp;
const auth = new Map<string, Auth>();
const category: Record<string, string> = {};
const MONTH = '2026-11-01';

async function as(person: PersonName): Promise<Auth> {
  const known = auth.get(person);
  if (known) return known;
  const made = { token: await app.tokenFor(people[person].email) };
  auth.set(person, made);
  return made;
}

function ok<T>(response: GraphQLResponse<T>): T {
  expect(response.errors).toBeUndefined();
  return response.data!;
}

function reason(response: GraphQLResponse<unknown>): unknown {
  return response.errors?.[0]?.extensions?.reason ?? response.errors?.[0]?.extensions?.code;
}

async function budget(person: PersonName, orgUnitId: string, lines: [string, string][], version?: number) {
  return app.gql(
    SET_BUDGET,
    { version, input: { orgUnitId, periodKind: 'MONTH' as never, periodStart: MONTH, lines: lines.map(([code, amount]) => ({ categoryId: category[code], amount })) } },
    await as(person),
  );
}

async function draft(person: PersonName, lines: [string, string, string?][]): Promise<Claim> {
  const data = ok(
    await app.gql(
      CREATE,
      { input: { title: `${person} ${lines.map((line) => line[1]).join('+')}`, lines: lines.map(([code, amount, spentOn]) => ({ categoryId: category[code], amount, spentOn: spentOn ?? '2026-11-10', description: 'client dinner' })) } },
      await as(person),
    ),
  );
  return data.createExpenseClaim as unknown as Claim;
}

async function submitted(person: PersonName, lines: [string, string, string?][]): Promise<Claim> {
  const claim = await draft(person, lines);
  return ok(await app.gql(SUBMIT, { id: claim.id, version: claim.version }, await as(person))).submitExpenseClaim as unknown as Claim;
}

async function approve(claim: Claim, person: PersonName): Promise<Claim> {
  return ok(await app.gql(APPROVE, { id: claim.id, version: claim.version }, await as(person))).approveExpenseClaim as unknown as Claim;
}

const chain = (claim: Claim) => claim.approvalSteps.filter((step) => step.round === claim.approvalRound).map((step) => [step.approverRole, step.status, step.forBudget]);

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  for (const each of ok(await app.gql(EXPENSE_CATEGORIES, {}, await as('shanghai1Rep'))).expenseCategories) category[each.code] = each.id;
}, 180_000);

afterAll(async () => {
  await app.close();
});

describe('budgets', () => {
  it('has the seven categories of the documents', () => {
    expect(Object.keys(category).sort()).toEqual(['COMMUNICATION', 'CONFERENCE_MARKETING', 'ENTERTAINMENT', 'OTHER', 'SAMPLES_GIFTS', 'TRANSPORT', 'TRAVEL']);
  });

  it('the director sets the region’s and its teams’ budgets; the teams together stay within the region', async () => {
    const region = ok(await budget('eastDirector', units.east, [['TRAVEL', '100000'], ['ENTERTAINMENT', '5000'], ['TRANSPORT', '2000']])).setExpenseBudget;
    expect(region).toMatchObject({ periodKind: 'MONTH', periodStart: MONTH, periodEnd: '2026-11-30', version: 1 });
    ok(await budget('eastDirector', units.shanghai1, [['TRAVEL', '60000'], ['ENTERTAINMENT', '3000'], ['TRANSPORT', '1000']]));

    const tooMuch = await budget('eastDirector', units.shanghai2, [['TRAVEL', '50000']]);
    expect(reason(tooMuch)).toBe('TEAM_ABOVE_REGION');
    expect(tooMuch.errors![0].extensions!.fields).toEqual([expect.objectContaining({ path: 'input.lines.0.amount' })]);
    ok(await budget('eastDirector', units.shanghai2, [['TRAVEL', '40000']]));

    const below = await budget('eastDirector', units.east, [['TRAVEL', '90000'], ['ENTERTAINMENT', '5000'], ['TRANSPORT', '2000']], region.version);
    expect(reason(below)).toBe('REGION_BELOW_TEAMS');
    const stale = await budget('eastDirector', units.east, [['TRAVEL', '100000'], ['ENTERTAINMENT', '5000'], ['TRANSPORT', '2000']], region.version + 5);
    expect(reason(stale)).toBe('STALE_VERSION');
  });

  it('a team manager sets no budget, and a director none outside their region', async () => {
    expect(reason(await budget('shanghai1Manager', units.shanghai1, [['TRAVEL', '1']]))).toBe('FORBIDDEN');
    expect(reason(await budget('northDirector', units.shanghai1, [['TRAVEL', '1']]))).toBe('NOT_YOUR_UNIT');
  });
});

describe('the approval chain', () => {
  it('within the manager’s limit: the team manager alone', async () => {
    const claim = await submitted('shanghai1Rep', [['TRAVEL', '800.5']]);
    expect(claim).toMatchObject({ status: 'SUBMITTED', overBudget: false, totalAmount: '800.5', approvalRound: 1 });
    expect(chain(claim)).toEqual([['TEAM_MANAGER', 'PENDING', false]]);
    expect(claim.lines[0].budgetRemaining).toBe('60000');
    expect(await approve(claim, 'shanghai1Manager')).toMatchObject({ status: 'APPROVED' });
  });

  it('above it: the manager, then the director, in turn', async () => {
    const claim = await submitted('shanghai1Rep', [['TRAVEL', '9000'], ['TRAVEL', '6000', '2026-11-12']]);
    expect(chain(claim)).toEqual([['TEAM_MANAGER', 'PENDING', false], ['REGIONAL_DIRECTOR', 'WAITING', false]]);
    expect(reason(await app.gql(APPROVE, { id: claim.id, version: claim.version }, await as('eastDirector')))).toBe('NOT_YOUR_TURN');
    const first = await approve(claim, 'shanghai1Manager');
    expect(first).toMatchObject({ status: 'SUBMITTED', currentStep: { approver: { id: userId(people.eastDirector) } } });
    expect(reason(await app.gql(APPROVE, { id: claim.id, version: first.version }, await as('shanghai1Manager')))).toBe('ALREADY_DECIDED');
    expect(await approve(first, 'eastDirector')).toMatchObject({ status: 'APPROVED', totalAmount: '15000' });
  });

  it('above the director’s: up to the VP; nobody approves their own; a claim beyond everyone is refused', async () => {
    const claim = await submitted('shanghai1Rep', [['TRAVEL', '44000']]);
    expect(chain(claim)).toEqual([['TEAM_MANAGER', 'PENDING', false], ['REGIONAL_DIRECTOR', 'WAITING', false]]);
    ok(await app.gql(REJECT, { id: claim.id, version: claim.version, reason: 'no receipt' }, await as('shanghai1Manager')));

    const big = await draft('shanghai1Manager', [['TRAVEL', '60000']]);
    const sent = ok(await app.gql(SUBMIT, { id: big.id, version: big.version }, await as('shanghai1Manager'))).submitExpenseClaim as unknown as Claim;
    expect(chain(sent)).toEqual([['REGIONAL_DIRECTOR', 'PENDING', false], ['SALES_VP', 'WAITING', false]]);
    expect(reason(await app.gql(APPROVE, { id: big.id, version: sent.version }, await as('shanghai1Manager')))).toBe('NOT_YOUR_CLAIM');

    const huge = await draft('shanghai1Rep', [['TRAVEL', '250000']]);
    expect(reason(await app.gql(SUBMIT, { id: huge.id, version: huge.version }, await as('shanghai1Rep')))).toBe('NO_APPROVER_COVERS_AMOUNT');
  });

  it('a category without a budget for the unit and period is refused at submission', async () => {
    const claim = await draft('shanghai1Rep', [['TRAVEL', '10'], ['COMMUNICATION', '99']]);
    const refused = await app.gql(SUBMIT, { id: claim.id, version: claim.version }, await as('shanghai1Rep'));
    expect(reason(refused)).toBe('NO_BUDGET');
    expect(refused.errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('a link the claimant may not see is refused with its path', async () => {
    const refused = await app.gql(
      CREATE,
      { input: { title: 'x', lines: [{ categoryId: category.TRAVEL, amount: '1', spentOn: '2026-11-10', description: 'x', customerId: '00000000-0000-4000-8000-000000000001' }] } },
      await as('shanghai1Rep'),
    );
    expect(reason(refused)).toBe('LINK_NOT_VISIBLE');
    expect(refused.errors![0].extensions!.fields).toEqual([expect.objectContaining({ path: 'input.lines.0.customerId' })]);
  });
});

describe('over budget: flagged, and approved by the level that set the budget', () => {
  it('a claim past what is left records it and needs the director too', async () => {
    await approve(await submitted('shanghai1Rep', [['ENTERTAINMENT', '2500']]), 'shanghai1Manager');
    const claim = await submitted('shanghai1Teammate', [['ENTERTAINMENT', '1000']]);
    expect(claim).toMatchObject({ overBudget: true });
    expect(claim.lines[0].budgetRemaining).toBe('500');
    expect(chain(claim)).toEqual([['TEAM_MANAGER', 'PENDING', false], ['REGIONAL_DIRECTOR', 'WAITING', true]]);
    const approved = await approve(await approve(claim, 'shanghai1Manager'), 'eastDirector');
    expect(approved).toMatchObject({ status: 'APPROVED', overBudget: true });
  });

  it('of two claims approved at once that only one fits, the second waits for the first and goes up to the director', async () => {
    const a = await submitted('shanghai1Rep', [['TRANSPORT', '600']]);
    const b = await submitted('shanghai1Teammate', [['TRANSPORT', '600']]);
    expect([a.overBudget, b.overBudget]).toEqual([false, false]);
    const manager = await as('shanghai1Manager');

    // Hold the budget line so both approvals pass their step checks and wait on its lock, then let them go.
    const holder = app.orm.em.fork();
    let both!: Promise<GraphQLResponse<{ approveExpenseClaim: unknown }>[]>;
    let waiting = 0;
    await holder.transactional(async (em) => {
      await em.getConnection().execute(
        `select bl.id from expense_budget_line bl join expense_budget b on b.id = bl.budget_id
          where b.org_unit_id = ? and bl.category_id = ? for update of bl`,
        [units.shanghai1, category.TRANSPORT],
        'all',
        em.getTransactionContext(),
      );
      both = Promise.all([app.gql(APPROVE, { id: a.id, version: a.version }, manager), app.gql(APPROVE, { id: b.id, version: b.version }, manager)]);
      for (let waited = 0; waited < 100; waited++) {
        const [row] = await app.orm.em.fork().getConnection().execute<{ waiting: string }[]>(
          `select count(*)::text as waiting from pg_stat_activity where wait_event_type = 'Lock' and query like '%for update of bl%' and pid <> pg_backend_pid()`,
        );
        waiting = Number(row.waiting);
        if (waiting === 2) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    expect(waiting).toBe(2);
    const outcomes = (await both).map((response) => ok(response).approveExpenseClaim as unknown as Claim);
    const statuses = outcomes.map((claim) => [claim.status, claim.overBudget]).sort();
    expect(statuses).toEqual([['APPROVED', false], ['SUBMITTED', true]]);
    const second = outcomes.find((claim) => claim.status === 'SUBMITTED')!;
    expect(chain(second)).toEqual([['TEAM_MANAGER', 'APPROVED', false], ['REGIONAL_DIRECTOR', 'PENDING', true]]);
    expect(await approve(second, 'eastDirector')).toMatchObject({ status: 'APPROVED' });
  });
});

describe('finance', () => {
  it('returns with a reason; the claimant edits and resubmits (a new round); finance corrects a line down and pays', async () => {
    const claim = await approve(await submitted('shanghai2Rep', [['TRAVEL', '1200'], ['TRAVEL', '300']]), 'shanghai2Manager');
    expect(claim.status).toBe('APPROVED');
    const finance = await as('finance');
    const blank = await app.gql(AUDIT_RETURN, { id: claim.id, version: claim.version, reason: '  ' }, finance);
    expect(blank.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const returned = ok(await app.gql(AUDIT_RETURN, { id: claim.id, version: claim.version, reason: 'hotel invoice missing' }, finance)).auditReturnExpenseClaim;
    expect(returned).toMatchObject({ status: 'RETURNED', returnReason: 'hotel invoice missing' });

    const rep = await as('shanghai2Rep');
    const edited = ok(
      await app.gql(UPDATE, { id: claim.id, version: returned.version, input: { lines: [{ categoryId: category.TRAVEL, amount: '1250', spentOn: '2026-11-03', description: 'hotel, invoice attached', receipt: { fileName: 'hotel.pdf', contentType: 'application/pdf', size: 48213, sha256: 'a'.repeat(64), storageKey: 'receipts/2026/11/hotel.pdf' } }] } }, rep),
    ).updateExpenseClaim;
    expect(edited).toMatchObject({ status: 'RETURNED', totalAmount: '1250' });
    const again = ok(await app.gql(SUBMIT, { id: claim.id, version: edited.version }, rep)).submitExpenseClaim as unknown as Claim;
    expect(again.approvalRound).toBe(2);
    const approved = await approve(again, 'shanghai2Manager');

    const tooHigh = await app.gql(CORRECT, { id: claim.id, version: approved.version, correction: { lineId: approved.lines[0].id, amount: '1300', reason: 'x' } }, finance);
    expect(tooHigh.errors![0].extensions!.fields).toEqual([expect.objectContaining({ path: 'correction.amount' })]);
    const corrected = ok(await app.gql(CORRECT, { id: claim.id, version: approved.version, correction: { lineId: approved.lines[0].id, amount: '1180', reason: 'minibar is not reimbursed' } }, finance))
      .correctExpenseClaimLine as unknown as Claim;
    expect(corrected).toMatchObject({ totalAmount: '1180' });
    expect(corrected.lines[0]).toMatchObject({ amount: '1180', originalAmount: '1250', correctedBy: { id: userId(people.finance) } });

    const paid = ok(await app.gql(PAY, { id: claim.id, version: corrected.version, payment: { paidOn: '2026-12-01', reference: 'BANK-7781' } }, finance)).markExpenseClaimPaid;
    expect(paid).toMatchObject({ status: 'PAID', paidOn: '2026-12-01', paymentReference: 'BANK-7781' });
    expect(reason(await app.gql(PAY, { id: claim.id, version: paid.version, payment: { paidOn: '2026-12-01', reference: 'again' } }, finance))).toBe('CLAIM_STATUS_CONFLICT');
  });

  it('an approver returns a claim at their step; a manager cannot pay', async () => {
    const claim = await submitted('shanghai2Rep', [['TRAVEL', '50']]);
    const returned = ok(await app.gql(RETURN, { id: claim.id, version: claim.version, reason: 'which customer?' }, await as('shanghai2Manager'))).returnExpenseClaim;
    expect(returned).toMatchObject({ status: 'RETURNED', returnReason: 'which customer?' });
    expect(reason(await app.gql(PAY, { id: claim.id, version: returned.version, payment: { paidOn: '2026-12-01', reference: 'x' } }, await as('shanghai2Manager')))).toBe('FORBIDDEN');
  });
});

describe('budget usage and cost analysis, against hand-computed figures', () => {
  it('spent = approved + paid, pending = submitted, remaining = budget − spent, per unit and category', async () => {
    const rows = ok(await app.gql(USAGE, { periodKind: 'MONTH' as never, periodStart: MONTH }, await as('eastDirector'))).expenseBudgetUsage;
    const byKey = Object.fromEntries(rows.map((row) => [`${row.orgUnitId === units.east ? 'east' : row.orgUnitId === units.shanghai1 ? 'shanghai1' : 'shanghai2'}:${Object.keys(category).find((code) => category[code] === row.categoryId)}`, [row.budget, row.spent, row.pending, row.remaining]]));
    // shanghai1 TRAVEL: approved 800.50 + 15000; pending: the manager's 60000 (at the director) — rejected 44000 does not count.
    expect(byKey['shanghai1:TRAVEL']).toEqual(['60000', '15800.5', '60000', '44199.5']);
    expect(byKey['shanghai1:ENTERTAINMENT']).toEqual(['3000', '3500', '0', '-500']);
    expect(byKey['shanghai1:TRANSPORT']).toEqual(['1000', '1200', '0', '-200']);
    // shanghai2 TRAVEL: paid 1180 (corrected); the returned 50 counts nowhere.
    expect(byKey['shanghai2:TRAVEL']).toEqual(['40000', '1180', '0', '38820']);
    // The region: its teams' claims together.
    expect(byKey['east:TRAVEL']).toEqual(['100000', '16980.5', '60000', '83019.5']);
    expect(byKey['east:ENTERTAINMENT']).toEqual(['5000', '3500', '0', '1500']);

    const rep = ok(await app.gql(USAGE, { periodKind: 'MONTH' as never, periodStart: MONTH }, await as('shanghai1Rep'))).expenseBudgetUsage;
    expect(new Set(rep.map((row) => row.orgUnitId))).toEqual(new Set([units.shanghai1]));
    expect(reason(await app.gql(USAGE, { periodKind: 'MONTH' as never, periodStart: MONTH }, await as('partner')))).toBe('FORBIDDEN');
  });

  it('expenses against booked sales per rep, team and region; a manager sees their team only', async () => {
    const data = new CommissionData(app);
    await data.order(userId(people.shanghai1Rep), '2026-11-05', ['100000', '60100']);
    await data.order(userId(people.shanghai1Teammate), '2026-11-20', ['20000']);
    const rows = ok(await app.gql(COST, { from: '2026-11-01', to: '2026-11-30', orgUnitId: units.east }, await as('finance'))).expenseCostAnalysis;
    const rep = rows.find((row) => row.level === 'REP' && row.userId === userId(people.shanghai1Rep))!;
    // shanghai1Rep: 800.50 + 15000 + 2500 + (600 or 600) of TRANSPORT = 18900.50 against 160100.
    expect(rep).toMatchObject({ expenses: '18900.5', bookedSales: '160100', expenseRatioPercent: '11.81' });
    const team = rows.find((row) => row.level === 'TEAM' && row.teamId === units.shanghai1)!;
    // + the teammate's 1000 + 600 against 20000.
    expect(team).toMatchObject({ expenses: '20500.5', bookedSales: '180100', expenseRatioPercent: '11.38' });
    const region = rows.find((row) => row.level === 'REGION' && row.regionId === units.east)!;
    expect(region.expenses).toBe('21680.5');

    const managerRows = ok(await app.gql(COST, { from: '2026-11-01', to: '2026-11-30' }, await as('shanghai1Manager'))).expenseCostAnalysis;
    expect(managerRows.filter((row) => row.level === 'TEAM').map((row) => row.teamId)).toEqual([units.shanghai1]);
  });
});
