import { EXPENSE_NOTIFICATION_RULES } from '../schema/expenses/expenses.notification-rules';
import { EVENTS } from './graphql/events.documents';
import {
  APPROVE_EXPENSE_CLAIM as APPROVE,
  AUDIT_RETURN_EXPENSE_CLAIM as AUDIT_RETURN,
  CREATE_EXPENSE_CLAIM as CREATE,
  EXPENSE_CATEGORIES,
  MARK_EXPENSE_CLAIM_PAID as PAY,
  SET_EXPENSE_BUDGET as SET_BUDGET,
  SUBMIT_EXPENSE_CLAIM as SUBMIT,
} from './graphql/expenses.documents';
import { people, units, userId, type PersonName } from './fixtures/demo-people';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';
import { pause } from './support/wait';

/**
 * The expense notification rules run as the runner runs them (one SELECT, $1 now, $2 the company's zone): right
 * recipients, stable causes, nothing for claims in other states. And the expenseClaim.* events through the outbox,
 * seen by those who see the claim.
 */

let app: TestApp;
const auth = new Map<string, Auth>();
const category: Record<string, string> = {};

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

interface RuleRow {
  recipient_id: string;
  cause: string;
  subject_type: string;
  subject_id: string;
  due_at: Date | null;
  params: Record<string, unknown>;
}

/** Runs one rule's SELECT with the runner's two parameters, on a plain pg connection. */
async function runRule(kind: string, now = new Date(), zone = 'Asia/Shanghai'): Promise<RuleRow[]> {
  const rule = EXPENSE_NOTIFICATION_RULES.find((each) => each.kind === kind)!;
  const knex = app.orm.em.getConnection().getKnex();
  const connection = await knex.client.acquireConnection();
  try {
    const result = await connection.query(rule.sql, [now, zone]);
    return result.rows as RuleRow[];
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

let submitted: { id: string; version: number; number: string };
let returned: { id: string; number: string };
let paid: { id: string; number: string };

beforeAll(async () => {
  app = await createTestApp();
  for (const each of ok(await app.gql(EXPENSE_CATEGORIES, {}, await as('shanghai1Rep'))).expenseCategories) category[each.code] = each.id;
  const lines = [['TRAVEL', '90000'] as const];
  for (const unit of [units.east, units.shanghai1]) {
    ok(await app.gql(SET_BUDGET, { input: { orgUnitId: unit, periodKind: 'MONTH' as never, periodStart: '2026-11-01', lines: lines.map(([code, amount]) => ({ categoryId: category[code], amount })) } }, await as('eastDirector')));
  }
  const make = async (amount: string) => {
    const rep = await as('shanghai1Rep');
    const claim = ok(await app.gql(CREATE, { input: { title: `trip ${amount}`, lines: [{ categoryId: category.TRAVEL, amount, spentOn: '2026-11-10', description: 'trip' }] } }, rep)).createExpenseClaim;
    return ok(await app.gql(SUBMIT, { id: claim.id, version: claim.version }, rep)).submitExpenseClaim;
  };
  const a = await make('15000');
  submitted = a;
  const b = await make('300');
  const bApproved = ok(await app.gql(APPROVE, { id: b.id, version: b.version }, await as('shanghai1Manager'))).approveExpenseClaim;
  returned = ok(await app.gql(AUDIT_RETURN, { id: b.id, version: bApproved.version, reason: 'no receipt' }, await as('finance'))).auditReturnExpenseClaim;
  const c = await make('200');
  const cApproved = ok(await app.gql(APPROVE, { id: c.id, version: c.version }, await as('shanghai1Manager'))).approveExpenseClaim;
  paid = ok(await app.gql(PAY, { id: c.id, version: cApproved.version, payment: { paidOn: '2026-12-01', reference: 'BANK-1' } }, await as('finance'))).markExpenseClaimPaid;
}, 120_000);

afterAll(async () => {
  await app.close();
});

describe('notification rules', () => {
  it('APPROVAL_WAITING: the current approver, once per step; moving on asks the next', async () => {
    const rows = await runRule('APPROVAL_WAITING');
    expect(rows.map((row) => [row.recipient_id, row.cause, row.subject_type, row.subject_id])).toEqual([
      [userId(people.shanghai1Manager), `expense:${submitted.id}:1.1`, 'ExpenseClaim', submitted.id],
    ]);
    expect(rows[0].params).toMatchObject({ claimNumber: submitted.number, totalAmount: '15000.00', currency: 'CNY', claimantId: userId(people.shanghai1Rep), round: 1, step: 1 });
    expect((await runRule('APPROVAL_WAITING')).map((row) => row.cause)).toEqual(rows.map((row) => row.cause));
    // Nothing due before the step was there.
    expect(await runRule('APPROVAL_WAITING', new Date('2020-01-01T00:00:00Z'))).toEqual([]);

    const next = ok(await app.gql(APPROVE, { id: submitted.id, version: submitted.version }, await as('shanghai1Manager'))).approveExpenseClaim;
    expect(next.status).toBe('SUBMITTED');
    expect((await runRule('APPROVAL_WAITING')).map((row) => [row.recipient_id, row.cause])).toEqual([[userId(people.eastDirector), `expense:${submitted.id}:1.2`]]);
  });

  it('EXPENSE_RETURNED: the claimant, with the reason', async () => {
    const rows = await runRule('EXPENSE_RETURNED');
    expect(rows.map((row) => [row.recipient_id, row.cause])).toEqual([[userId(people.shanghai1Rep), `expense:${returned.id}:returned:1`]]);
    expect(rows[0].params).toMatchObject({ claimNumber: returned.number, reason: 'no receipt', returnedById: userId(people.finance), totalAmount: '300.00' });
  });

  it('EXPENSE_PAID: the claimant, with the day and reference; the day local to the zone given', async () => {
    const rows = await runRule('EXPENSE_PAID');
    expect(rows.map((row) => [row.recipient_id, row.cause])).toEqual([[userId(people.shanghai1Rep), `expense:${paid.id}:paid`]]);
    expect(rows[0].params).toMatchObject({ claimNumber: paid.number, paidOn: '2026-12-01', paymentReference: 'BANK-1', totalAmount: '200.00' });
    expect((await runRule('EXPENSE_PAID', new Date(), 'UTC'))[0].cause).toBe(rows[0].cause);
  });
});

describe('events', () => {
  it('submitted, approved, returned and paid go through the outbox with the claim', async () => {
    const [row] = await app.orm.em.fork().getConnection().execute<{ types: string[] }[]>(
      `select array_agg(type order by position) as types from domain_event where expense_claim_id = ?`,
      [paid.id],
    );
    expect(row.types).toEqual(['expenseClaim.submitted', 'expenseClaim.approved', 'expenseClaim.paid']);
    const [back] = await app.orm.em.fork().getConnection().execute<{ types: string[] }[]>(
      `select array_agg(type order by position) as types from domain_event where expense_claim_id = ?`,
      [returned.id],
    );
    expect(back.types).toEqual(['expenseClaim.submitted', 'expenseClaim.approved', 'expenseClaim.returned']);
  });

  it('a later step’s turn is an event, and its approver has the claim in their inbox within seconds, once', async () => {
    // The rules test above approved the manager's step of the 15 000 claim: the director's is now current.
    const db = app.orm.em.fork().getConnection();
    const [row] = await db.execute<{ types: string[]; approver: string }[]>(
      `select array_agg(type order by position) as types, (array_agg(payload->>'approverId' order by position))[2] as approver from domain_event where expense_claim_id = ?`,
      [submitted.id],
    );
    expect(row).toEqual({ types: ['expenseClaim.submitted', 'expenseClaim.approvalRequested'], approver: userId(people.eastDirector) });
    const inbox = async () =>
      (await db.execute<{ n: number }[]>(`select count(*)::int as n from notification where recipient_id = ? and kind = 'APPROVAL_WAITING' and cause = ?`, [userId(people.eastDirector), `expense:${submitted.id}:1.2`]))[0].n;
    let delivered = 0;
    for (const deadline = Date.now() + 5_000; delivered === 0 && Date.now() < deadline; await pause(50)) delivered = await inbox();
    expect(delivered).toBe(1);
  });

  it('the claimant and finance read them with the amount; a colleague of another team and a partner see none', async () => {
    const filter = { types: ['expenseClaim.paid'] };
    for (const reader of ['shanghai1Rep', 'finance', 'shanghai1Manager'] as const) {
      const page = ok(await app.gql(EVENTS, { first: 50, filter }, await as(reader))).events;
      const event = page.nodes.find((node) => node.aggregateId === paid.id);
      expect(event).toBeDefined();
      expect(event!.payload).toMatchObject({ totalAmount: '200.00', paidOn: '2026-12-01', claimantId: userId(people.shanghai1Rep), previousStatus: 'APPROVED' });
      expect(event!.hiddenFields).toEqual([]);
    }
    for (const outsider of ['shanghai2Rep', 'partner'] as const) {
      const page = ok(await app.gql(EVENTS, { first: 50, filter }, await as(outsider))).events;
      expect(page.nodes.filter((node) => node.aggregateId === paid.id)).toEqual([]);
    }
  });
});
