import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { CommissionData } from './fixtures/commission-data';
import {
  APPROVE_COMMISSION_STATEMENT as APPROVE,
  COMMISSION_STATEMENTS,
  FINALIZE_COMMISSION_STATEMENT as FINALIZE,
  MARK_COMMISSION_STATEMENT_PAID as PAY,
  RUN_COMMISSIONS as RUN,
} from './graphql/commissions.documents';
import { people, units, userId } from './fixtures/demo-people';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Commission runs on fixed data, against figures worked out by hand: progressive tiers with an accelerator, a cap,
 * a team award, revisions after a late payment and after a cancelled order, the workflow and its refusals, two
 * finalizations at once, and the statements a run costs.
 */

interface Line {
  kind: string;
  sourceId: string | null;
  documentId: string | null;
  ratePercent: string | null;
  accelerator: boolean;
  amount: string;
  commission: string;
}
interface Statement {
  id: string;
  revision: number;
  status: string;
  version: number;
  targetValue: string;
  actualValue: string;
  achievementPercent: string;
  totalCommission: string;
  user: { id: string };
  revises: { id: string; revision: number } | null;
  lines: Line[];
}

let app: TestApp;
let data: CommissionData;
const auth = new Map<string, Auth>();
const FINANCE = userId(people.finance);

async function as(person: keyof typeof people): Promise<Auth> {
  const known = auth.get(person);
  if (known) return known;
  const made = { token: await app.tokenFor(people[person].email) };
  auth.set(person, made);
  return made;
}

async function run(period: string, orgUnitId: string | null = null): Promise<Statement[]> {
  const response = await app.gql(RUN, { period, orgUnitId }, await as('finance'));
  expect(response.errors).toBeUndefined();
  return response.data!.runCommissions as unknown as Statement[];
}

function statementOf(statements: Statement[], person: keyof typeof people): Statement {
  const found = statements.filter((statement) => statement.user.id === userId(people[person]));
  expect(found).toHaveLength(1);
  return found[0];
}

/** The lines as [kind, amount, rate, commission], in statement order. */
const brief = (lines: Line[]) => lines.map((line) => [line.kind, line.amount, line.ratePercent, line.commission]);

function expectBalanced(statement: Statement): void {
  const counted = statement.lines.filter((line) => line.kind !== 'TIER_TOTAL').reduce((sum, line) => sum + Math.round(Number(line.commission) * 100), 0);
  expect(counted).toBe(Math.round(Number(statement.totalCommission) * 100));
}

async function approveAndFinalize(statement: Statement, approver: keyof typeof people): Promise<Statement> {
  const approved = await app.gql(APPROVE, { id: statement.id, version: statement.version }, await as(approver));
  expect(approved.errors).toBeUndefined();
  const finalized = await app.gql(FINALIZE, { id: statement.id, version: approved.data!.approveCommissionStatement.version }, await as('finance'));
  expect(finalized.errors).toBeUndefined();
  return { ...statement, status: 'FINALIZED', version: finalized.data!.finalizeCommissionStatement.version };
}

function codes(response: GraphQLResponse<unknown>): unknown[] {
  return (response.errors ?? []).map((error) => [error.extensions?.code, error.extensions?.reason ?? null]);
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  data = new CommissionData(app);
}, 180_000);

afterAll(async () => {
  await app.close();
});

describe('tiers, accelerator and cap (March 2025)', () => {
  const month = '2025-03-01';
  let statements: Statement[];

  beforeAll(async () => {
    const tiers: [string, string | null, string][] = [['0', '80', '1'], ['80', '100', '3'], ['100', null, '5']];
    await data.plan({ name: 'March tiers', from: month, to: '2025-03-31', tiers, assignees: [userId(people.shanghai1Rep)] });
    await data.plan({ name: 'March tiers, capped', from: month, to: '2025-03-31', tiers, assignees: [userId(people.shanghai1Teammate)], capAmount: '1500' });
    for (const person of ['shanghai1Rep', 'shanghai1Teammate'] as const) {
      await data.target({ userId: userId(people[person]) }, 'BOOKED_SALES', month, '100000', FINANCE);
      await data.order(userId(people[person]), '2025-03-05', ['50000']);
      await data.order(userId(people[person]), '2025-03-12', ['40000']);
      await data.order(userId(people[person]), '2025-03-20', ['30000']);
    }
    // Outside the month: not counted.
    await data.order(userId(people.shanghai1Rep), '2025-04-01', ['99999']);
    statements = await run(month, units.shanghai1);
  });

  it('pays each band of achievement its own rate, the part above 100 % at the accelerator rate', () => {
    const statement = statementOf(statements, 'shanghai1Rep');
    expect(statement).toMatchObject({ revision: 1, status: 'DRAFT', targetValue: '100000', actualValue: '120000', achievementPercent: '120' });
    // 0–80 000 at 1 % (800), 80 000–100 000 at 3 % (600), 100 000–120 000 at 5 % (1 000): 2 400.
    expect(brief(statement.lines)).toEqual([
      ['SOURCE', '50000', '1', '500'],
      ['SOURCE', '30000', '1', '300'],
      ['SOURCE', '10000', '3', '300'],
      ['SOURCE', '10000', '3', '300'],
      ['SOURCE', '20000', '5', '1000'],
      ['TIER_TOTAL', '80000', '1', '800'],
      ['TIER_TOTAL', '20000', '3', '600'],
      ['TIER_TOTAL', '20000', '5', '1000'],
    ]);
    expect(statement.lines.map((line) => line.accelerator)).toEqual([false, false, false, false, true, false, false, true]);
    expect(statement.totalCommission).toBe('2400');
    expectBalanced(statement);
    // The 40 000 order is split across the 80 % boundary: both parts name it.
    expect(statement.lines[1].documentId).toBe(statement.lines[2].documentId);
  });

  it('caps what the tiers pay at the plan’s cap', () => {
    const statement = statementOf(statements, 'shanghai1Teammate');
    expect(statement.lines.at(-1)).toMatchObject({ kind: 'CAP', amount: '1500', commission: '-900' });
    expect(statement.totalCommission).toBe('1500');
    expectBalanced(statement);
  });

  it('a re-run replaces the drafts rather than adding statements', async () => {
    const again = await run(month, units.shanghai1);
    expect(again.map((statement) => [statement.user.id, statement.revision, statement.totalCommission]).sort()).toEqual(
      statements.map((statement) => [statement.user.id, statement.revision, statement.totalCommission]).sort(),
    );
    const listed = await app.gql(COMMISSION_STATEMENTS, { first: 10, filter: { periodStart: month } }, await as('finance'));
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.commissionStatements.totalCount).toBe(2);
  });
});

describe('team award (April 2025)', () => {
  const month = '2025-04-01';

  it('splits the team award by share of actual once the team reaches its target', async () => {
    await data.plan({
      name: 'April team',
      from: month,
      to: '2025-04-30',
      tiers: [['0', null, '2']],
      assignees: [userId(people.shanghai1Rep), userId(people.shanghai1Teammate)],
      teamAward: { kind: 'RATE', value: '1', split: 'BY_SHARE' },
    });
    await data.target({ orgUnitId: units.shanghai1 }, 'BOOKED_SALES', month, '100000', FINANCE);
    await data.target({ userId: userId(people.shanghai1Rep) }, 'BOOKED_SALES', month, '100000', FINANCE);
    await data.target({ userId: userId(people.shanghai1Teammate) }, 'BOOKED_SALES', month, '100000', FINANCE);
    // shanghai1Rep's April is the 99 999 order of 2025-04-01 written above (outside March).
    await data.order(userId(people.shanghai1Teammate), '2025-04-10', ['30000']);
    const statements = await run(month, units.shanghai1);
    const rep = statementOf(statements, 'shanghai1Rep');
    const mate = statementOf(statements, 'shanghai1Teammate');
    // Team actual 129 999 ≥ 100 000: pool 1 % = 1 299.99; shares 99 999 / 129 999 and 30 000 / 129 999.
    expect(rep.lines.at(-1)).toMatchObject({ kind: 'TEAM_AWARD', amount: '129999', ratePercent: '1', commission: '999.99' });
    expect(mate.lines.at(-1)).toMatchObject({ kind: 'TEAM_AWARD', amount: '129999', commission: '300' });
    expect(rep.totalCommission).toBe('2999.97'); // 99 999 × 2 % = 1 999.98, + 999.99
    expect(mate.totalCommission).toBe('900'); // 30 000 × 2 % = 600, + 300
    expectBalanced(rep);
    expectBalanced(mate);
  });

  it('pays no team award while the team is below its target', async () => {
    await data.plan({
      name: 'April team, other region',
      from: month,
      to: '2025-04-30',
      tiers: [['0', null, '2']],
      assignees: [userId(people.northRep)],
      teamAward: { kind: 'AMOUNT', value: '5000', split: 'EQUAL' },
    });
    const [north] = await app.orm.em.fork().getConnection().execute<{ unit_id: string }[]>(`select unit_id from app_user where id = ?`, [userId(people.northRep)]);
    await data.target({ orgUnitId: north.unit_id }, 'BOOKED_SALES', month, '100000', FINANCE);
    await data.target({ userId: userId(people.northRep) }, 'BOOKED_SALES', month, '50000', FINANCE);
    await data.order(userId(people.northRep), '2025-04-11', ['40000']);
    const statement = statementOf(await run(month, north.unit_id), 'northRep');
    expect(brief(statement.lines)).toEqual([['SOURCE', '40000', '2', '800'], ['TIER_TOTAL', '40000', '2', '800']]);
  });
});

describe('revisions', () => {
  it('a payment that arrives after finalisation, dated in the month, becomes a revision carrying exactly its commission', async () => {
    const month = '2025-05-01';
    await data.plan({ name: 'May collections', from: month, to: '2025-05-31', basis: 'COLLECTIONS', tiers: [['0', null, '5']], assignees: [userId(people.shanghai2Rep)] });
    await data.target({ userId: userId(people.shanghai2Rep) }, 'COLLECTIONS', month, '100000', FINANCE);
    await data.payment(userId(people.shanghai2Rep), '2025-05-10', '20000', FINANCE);
    const first = statementOf(await run(month, units.shanghai2), 'shanghai2Rep');
    expect(first.totalCommission).toBe('1000');
    await approveAndFinalize(first, 'shanghai2Manager');

    const late = await data.payment(userId(people.shanghai2Rep), '2025-05-20', '4000', FINANCE);
    const revision = statementOf(await run(month, units.shanghai2), 'shanghai2Rep');
    expect(revision).toMatchObject({ revision: 2, status: 'DRAFT', revises: { id: first.id, revision: 1 }, actualValue: '24000', totalCommission: '200' });
    expect(brief(revision.lines)).toEqual([['SOURCE', '4000', '5', '200'], ['TIER_TOTAL', '4000', '5', '200']]);
    expect(revision.lines[0].documentId).toBe(late);
    expectBalanced(revision);

    // The finalized statement is as it was.
    const listed = await app.gql(COMMISSION_STATEMENTS, { first: 10, filter: { periodStart: month, userId: userId(people.shanghai2Rep) } }, await as('finance'));
    const byRevision = (listed.data!.commissionStatements.nodes as unknown as Statement[]).map((s) => [s.revision, s.status, s.totalCommission]);
    expect(byRevision).toEqual([[1, 'FINALIZED', '1000'], [2, 'DRAFT', '200']]);

    // Finalizing the revision is commission.revised; nothing new after it, a re-run adds nothing.
    await approveAndFinalize(revision, 'shanghai2Manager');
    expect(await run(month, units.shanghai2)).toEqual([]);
    const events = await app.orm.em.fork().getConnection().execute<{ type: string; aggregate_id: string; payload: Record<string, unknown> }[]>(
      `select type, aggregate_id, payload from domain_event where aggregate_type = 'CommissionStatement' and aggregate_id in (?, ?) order by position`,
      [first.id, revision.id],
    );
    expect(events.map((event) => [event.type, event.aggregate_id])).toEqual([['commission.finalized', first.id], ['commission.revised', revision.id]]);
    expect(events[1].payload).toMatchObject({ revision: 2, revisesId: first.id, totalCommission: '200.00', previousStatus: 'APPROVED' });
  });

  it('an order cancelled after finalisation becomes a revision with the changed lines, signed', async () => {
    const month = '2025-06-01';
    await data.plan({ name: 'June', from: month, to: '2025-06-30', tiers: [['0', '100', '2'], ['100', null, '4']], assignees: [userId(people.southRep)] });
    await data.target({ userId: userId(people.southRep) }, 'BOOKED_SALES', month, '50000', FINANCE);
    const cancelled = await data.order(userId(people.southRep), '2025-06-03', ['30000']);
    const kept = await data.order(userId(people.southRep), '2025-06-10', ['30000']);
    const first = statementOf(await run(month), 'southRep');
    // 30 000 at 2 %, then 20 000 at 2 % and 10 000 at 4 %: 1 400.
    expect(first.totalCommission).toBe('1400');
    await approveAndFinalize(first, 'vp');

    await data.cancelOrder(cancelled);
    const revision = statementOf(await run(month), 'southRep');
    // Now 30 000 at 2 % = 600: the difference is −800.
    expect(revision).toMatchObject({ revision: 2, revises: { id: first.id }, actualValue: '30000', totalCommission: '-800' });
    expect(revision.lines.map((line) => [line.kind, line.documentId, line.amount, line.ratePercent, line.commission])).toEqual([
      ['SOURCE', cancelled, '-30000', '2', '-600'],
      ['SOURCE', kept, '10000', '2', '200'],
      ['SOURCE', kept, '-10000', '4', '-400'],
      ['TIER_TOTAL', null, '-20000', '2', '-400'],
      ['TIER_TOTAL', null, '-10000', '4', '-400'],
    ]);
    expectBalanced(revision);
  });
});

describe('workflow', () => {
  const month = '2025-08-01';
  let statement: Statement;

  beforeAll(async () => {
    await data.plan({ name: 'August', from: month, to: '2025-08-31', tiers: [['0', null, '1']], assignees: [userId(people.shanghai1Rep), userId(people.shanghai1Manager)] });
    await data.target({ userId: userId(people.shanghai1Rep) }, 'BOOKED_SALES', month, '10000', FINANCE);
    await data.target({ userId: userId(people.shanghai1Manager) }, 'BOOKED_SALES', month, '10000', FINANCE);
    await data.order(userId(people.shanghai1Rep), '2025-08-08', ['5000']);
    statement = statementOf(await run(month, units.shanghai1), 'shanghai1Rep');
  });

  it('refuses the wrong role, the wrong state, a stale version, someone else’s chain and one’s own statement', async () => {
    const { id, version } = statement;
    expect(codes(await app.gql(APPROVE, { id, version }, await as('shanghai1Rep')))).toEqual([['FORBIDDEN', null]]);
    expect(codes(await app.gql(FINALIZE, { id, version }, await as('shanghai1Manager')))).toEqual([['FORBIDDEN', null]]);
    expect(codes(await app.gql(FINALIZE, { id, version }, await as('finance')))).toEqual([['CONFLICT', 'STATEMENT_STATUS_CONFLICT']]);
    expect(codes(await app.gql(APPROVE, { id, version }, await as('shanghai2Manager')))).toEqual([['NOT_FOUND', 'STATEMENT_NOT_FOUND']]);
    expect(codes(await app.gql(APPROVE, { id, version: version + 1 }, await as('shanghai1Manager')))).toEqual([['CONFLICT', 'STALE_VERSION']]);
    const own = (await app.gql(COMMISSION_STATEMENTS, { first: 10, filter: { periodStart: month, userId: userId(people.shanghai1Manager) } }, await as('shanghai1Manager'))).data!
      .commissionStatements.nodes[0] as unknown as Statement;
    expect(codes(await app.gql(APPROVE, { id: own.id, version: own.version }, await as('shanghai1Manager')))).toEqual([['FORBIDDEN', 'OWN_STATEMENT']]);
    const notAMonth = await app.gql(RUN, { period: '2025-08-02' }, await as('finance'));
    expect(codes(notAMonth)).toEqual([['BAD_USER_INPUT', 'NOT_A_MONTH']]);
    expect(notAMonth.errors![0].extensions?.fields).toEqual([expect.objectContaining({ path: 'period' })]);
    const noUnit = await app.gql(RUN, { period: month, orgUnitId: '00000000-0000-4000-8000-000000000000' }, await as('finance'));
    expect(codes(noUnit)).toEqual([['BAD_USER_INPUT', 'UNIT_NOT_FOUND']]);
    expect(noUnit.errors![0].extensions?.fields).toEqual([expect.objectContaining({ path: 'orgUnitId' })]);
  });

  it('DRAFT → APPROVED (the rep’s manager) → FINALIZED (finance) → PAID (finance, with date and reference)', async () => {
    const approved = await app.gql(APPROVE, { id: statement.id, version: statement.version }, await as('shanghai1Manager'));
    expect(approved.data!.approveCommissionStatement).toMatchObject({ status: 'APPROVED', approvedBy: { id: userId(people.shanghai1Manager) } });
    const finalized = await app.gql(FINALIZE, { id: statement.id, version: approved.data!.approveCommissionStatement.version }, await as('finance'));
    expect(finalized.data!.finalizeCommissionStatement.status).toBe('FINALIZED');
    const paid = await app.gql(
      PAY,
      { id: statement.id, version: finalized.data!.finalizeCommissionStatement.version, payment: { paidOn: '2025-09-10', reference: 'PAYROLL-2025-08' } },
      await as('finance'),
    );
    expect(paid.data!.markCommissionStatementPaid).toMatchObject({ status: 'PAID', paidOn: '2025-09-10', paymentReference: 'PAYROLL-2025-08' });
    // A PAID statement is never rewritten: a re-run finds no difference and writes nothing for the rep.
    expect((await run(month, units.shanghai1)).filter((s) => s.user.id === userId(people.shanghai1Rep))).toEqual([]);
  });

  it('of two finalizations at once exactly one applies', async () => {
    const month2 = '2025-09-01';
    await data.plan({ name: 'September', from: month2, to: '2025-09-30', tiers: [['0', null, '1']], assignees: [userId(people.shanghai1Teammate)] });
    await data.target({ userId: userId(people.shanghai1Teammate) }, 'BOOKED_SALES', month2, '10000', FINANCE);
    const draft = statementOf(await run(month2, units.shanghai1), 'shanghai1Teammate');
    const approved = await app.gql(APPROVE, { id: draft.id, version: draft.version }, await as('shanghai1Manager'));
    const version = approved.data!.approveCommissionStatement.version;

    // Hold the row so both requests pass their checks and wait on the same UPDATE, then let them go.
    const holder = app.orm.em.fork();
    const finance = await as('finance');
    let both!: Promise<GraphQLResponse<unknown>[]>;
    await holder.transactional(async (em) => {
      await em.getConnection().execute(`select id from commission_statement where id = ? for update`, [draft.id], 'all', em.getTransactionContext());
      both = Promise.all([app.gql(FINALIZE, { id: draft.id, version }, finance), app.gql(FINALIZE, { id: draft.id, version }, finance)]);
      for (let waited = 0; waited < 100; waited++) {
        const [row] = await app.orm.em.fork().getConnection().execute<{ waiting: string }[]>(
          `select count(*)::text as waiting from pg_stat_activity where wait_event_type = 'Lock' and query like 'update commission_statement%'`,
        );
        if (Number(row.waiting) === 2) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    const outcomes = (await both).map((response) => (response.errors === undefined ? 'finalized' : String(response.errors[0].extensions?.reason)));
    expect(outcomes.sort()).toEqual(['STATEMENT_STATUS_CONFLICT', 'finalized']);
    const events = await app.orm.em.fork().getConnection().execute<{ n: string }[]>(
      `select count(*)::text as n from domain_event where aggregate_id = ? and type = 'commission.finalized'`,
      [draft.id],
    );
    expect(events[0].n).toBe('1');
  });
});

describe('statements per run', () => {
  it('a run for the whole company costs the same statements as one for a single team', async () => {
    const month = '2025-10-01';
    await data.plan({ name: 'October, every rep', from: month, to: '2025-10-31', tiers: [['0', '100', '1'], ['100', null, '2']], roles: ['SALES_REP'] });
    const reps = await app.orm.em.fork().getConnection().execute<{ id: string }[]>(`select id from app_user where role = 'SALES_REP' and status = 'ACTIVE'`);
    for (const [index, rep] of reps.entries()) {
      await data.target({ userId: rep.id }, 'BOOKED_SALES', month, '10000', FINANCE);
      if (index % 3 === 0) await data.order(rep.id, '2025-10-15', ['6000', String(1000 * (index + 1))]);
    }
    const finance = await as('finance');
    app.resetQueries();
    const team = await app.gql(RUN, { period: month, orgUnitId: units.shanghai1 }, finance);
    const teamStatements = app.queries.length;
    app.resetQueries();
    const region = await app.gql(RUN, { period: month, orgUnitId: units.east }, finance);
    const regionStatements = app.queries.length;
    app.resetQueries();
    const company = await app.gql(RUN, { period: month, orgUnitId: null }, finance);
    const companyStatements = app.queries.length;
    for (const response of [team, region, company]) expect(response.errors).toBeUndefined();
    expect(team.data!.runCommissions.length).toBeLessThan(region.data!.runCommissions.length);
    expect(region.data!.runCommissions.length).toBeLessThan(reps.length);
    expect(company.data!.runCommissions.length).toBe(reps.length);
    expect(regionStatements).toBe(teamStatements);
    // Without a unit there is no unit to check: one statement fewer.
    expect(companyStatements).toBe(teamStatements - 1);
    // Sign-in, the transaction (begin, actor, lock, the unit, reps, row locks, lines, drafts, statements, lines,
    // commit), the statements read back, and their field resolvers' batched loads.
    expect(teamStatements).toBeLessThanOrEqual(20);
  });
});
