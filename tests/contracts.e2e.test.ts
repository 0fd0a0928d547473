import type { GraphQLFormattedError } from 'graphql';
import { randomBytes } from 'node:crypto';
import { customerNameKey } from '../schema/customers/customers.service';
import { Customer } from '../schema/customers/entities/customer.entity';
import { Product } from '../schema/catalog/entities/product.entity';
import { runContractLifecycle } from '../schema/orders/contract-lifecycle';
import { Contract } from '../schema/orders/entities/contract.entity';
import { ContractApprovalStep } from '../schema/orders/entities/contract-approval-step.entity';
import { ContractLine } from '../schema/orders/entities/contract-line.entity';
import { ApprovalStepStatus, ContractStatus } from '../schema/orders/orders.enums';
import { OrgUnit } from '../schema/org/entities/org-unit.entity';
import { User } from '../schema/org/entities/user.entity';
import { Role } from '../schema/org/org.enums';
import type { DemoPerson } from '../seeds/demo-company.data';
import { catalog, people, units, userId } from './fixtures/demo-people';
import {
  APPROVE_CONTRACT,
  CONTRACT,
  CONTRACT_AMOUNTS,
  CONTRACT_PAGE,
  CONTRACTS,
  CREATE_CONTRACT,
  REJECT_CONTRACT,
  RENEWALS_DUE,
  SIGN_CONTRACT,
  SUBMIT_CONTRACT,
  TERMINATE_CONTRACT,
  UPDATE_CONTRACT,
} from './graphql/contracts.documents';
import { CREATE_API_KEY } from './graphql/documents';
import { CREATE_OPPORTUNITY } from './graphql/pipeline.documents';
import { ACCEPT_QUOTE, CREATE_QUOTE, SUBMIT_QUOTE } from './graphql/quotes.documents';
import type { ContractsQuery } from './gql/graphql';
import { errorOf } from './support/errors';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

let app: TestApp;
let integrationKey: Auth;

/** PT100-01 from 50 units costs 123.84 on the direct list: these quantities make deals of about the named size. */
const QUANTITY = {
  k150: 1212, // 150,094.08: within a rep's 200,000
  k300: 2423, // 300,064.32: above a rep's limit, within a team manager's 500,000
  k800: 6460, // 800,006.40: the team manager, then the regional director (2,000,000)
  m3: 24225, // 3,000,024.00: up to the VP (10,000,000)
  m11: 88900, // 11,009,376.00: beyond anyone
};
const FAR_START = '2099-01-01';
const FAR_END = '2099-12-31';

async function as(person: DemoPerson): Promise<{ token: string }> {
  return { token: await app.tokenFor(person.email) };
}

/** FORBIDDEN errors of a response as `[path, code]`, sorted. */
function forbiddenPaths(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  return (errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path!.join('.')).sort();
}

async function databaseToday(): Promise<string> {
  const [row] = await app.orm.em.fork().execute<{ today: string }[]>(`select current_date::text as today`);
  return row.today;
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Setup only: a direct customer in the east region owned by `owner`. */
async function customerOf(owner: DemoPerson, region = units.east): Promise<string> {
  const em = app.orm.em.fork();
  const suffix = randomBytes(4).toString('hex');
  const name = `合同测试客户 ${suffix}`;
  const customer = em.create(Customer, {
    code: `K${suffix}`,
    name,
    nameKey: customerNameKey(name),
    region: em.getReference(OrgUnit, region),
    owner: em.getReference(User, userId(owner)),
  });
  await em.flush();
  return customer.id;
}

interface Deal {
  opportunityId: string;
  quoteId: string;
  total: string;
}

/** An opportunity at NEGOTIATION with a draft quote of `quantity` PT100s, made through the API as `owner`. */
async function quotedDeal(owner: DemoPerson, quantity: number): Promise<Deal & { quoteVersion: number }> {
  const auth = await as(owner);
  const customerId = await customerOf(owner);
  const opportunity = await app.gql(CREATE_OPPORTUNITY, { input: { customerId, name: `项目 ${quantity}`, amount: '100000', stage: 'PROPOSAL' } }, auth);
  expect(opportunity.errors).toBeUndefined();
  const opportunityId = opportunity.data!.createOpportunity.id;
  const quote = await app.gql(CREATE_QUOTE, { input: { opportunityId, validUntil: FAR_END, lines: [{ productId: catalog.pt100, quantity, discountPercent: '0' }] } }, auth);
  expect(quote.errors).toBeUndefined();
  const created = quote.data!.createQuote;
  return { opportunityId, quoteId: created.id, total: created.total as string, quoteVersion: created.version };
}

/** A won deal of `owner`: quoted, submitted (no discount: approved at once) and accepted through the API. */
async function wonDeal(owner: DemoPerson, quantity: number): Promise<Deal> {
  const auth = await as(owner);
  const deal = await quotedDeal(owner, quantity);
  const submitted = await app.gql(SUBMIT_QUOTE, { id: deal.quoteId, version: deal.quoteVersion }, auth);
  expect(submitted.data?.submitQuote.status).toBe('APPROVED');
  const accepted = await app.gql(ACCEPT_QUOTE, { id: deal.quoteId, version: submitted.data!.submitQuote.version }, auth);
  expect(accepted.data?.acceptQuote.opportunity?.stage).toBe('WON');
  return deal;
}

interface Dates {
  startDate?: string;
  endDate?: string;
}

async function draftContract(owner: DemoPerson, quantity: number, dates: Dates = {}) {
  const deal = await wonDeal(owner, quantity);
  const created = await app.gql(
    CREATE_CONTRACT,
    { input: { quoteId: deal.quoteId, title: `年度供货合同 ${quantity}`, startDate: dates.startDate ?? FAR_START, endDate: dates.endDate ?? FAR_END } },
    await as(owner),
  );
  expect(created.errors).toBeUndefined();
  return { deal, contract: created.data!.createContract };
}

async function submittedContract(owner: DemoPerson, quantity: number) {
  const { deal, contract } = await draftContract(owner, quantity);
  const submitted = await app.gql(SUBMIT_CONTRACT, { id: contract.id, version: contract.version }, await as(owner));
  expect(submitted.errors).toBeUndefined();
  return { deal, contract: submitted.data!.submitContract };
}

async function approveAs(person: DemoPerson, id: string, version: number, comment?: string) {
  const approved = await app.gql(APPROVE_CONTRACT, { id, version, comment }, await as(person));
  expect(approved.errors).toBeUndefined();
  return approved.data!.approveContract;
}

async function stored(id: string) {
  const em = app.orm.em.fork();
  const contract = await em.findOneOrFail(Contract, id);
  const steps = await em.find(ContractApprovalStep, { contract: id }, { orderBy: { round: 'asc', position: 'asc' } });
  return { contract, steps };
}

async function awaitingIds(person: DemoPerson, awaitingMyApproval: boolean): Promise<string[]> {
  const response = await app.gql(CONTRACTS, { first: 100, filter: { awaitingMyApproval } }, await as(person));
  expect(response.errors).toBeUndefined();
  return response.data!.contracts.nodes.map((node) => node.id);
}

async function eventsOf(contractId: string): Promise<{ type: string; payload: Record<string, unknown> }[]> {
  return app.orm.em.fork().execute(`select type, payload from domain_event where contract_id = ? order by position`, [contractId]);
}

beforeAll(async () => {
  app = await createTestApp();
  const created = await app.gql(
    CREATE_API_KEY,
    { input: { name: 'ERP contracts', scopes: ['READ_SALES'], userId: userId(people.integration) } },
    await as(people.admin),
  );
  integrationKey = { apiKey: created.data!.createApiKey.key };
});

afterAll(async () => {
  await app.close();
});

describe('making a contract', () => {
  const rep = people.shanghai1Rep;

  it('from an accepted quote: its lines with their prices, its total and currency; the deal’s owner and customer', async () => {
    const deal = await wonDeal(rep, QUANTITY.k150);
    const created = await app.gql(
      CREATE_CONTRACT,
      { input: { quoteId: deal.quoteId, title: '  2027 年度传感器供货合同 ', startDate: FAR_START, endDate: FAR_END, paymentTermsDays: 60 } },
      await as(rep),
    );
    expect(created.errors).toBeUndefined();
    const contract = created.data!.createContract;
    expect(contract).toMatchObject({
      title: '2027 年度传感器供货合同',
      status: 'DRAFT',
      version: 1,
      amount: deal.total,
      currency: 'CNY',
      startDate: FAR_START,
      endDate: FAR_END,
      paymentTermsDays: 60,
      approvalRound: 0,
      owner: { id: userId(rep) },
      createdBy: { id: userId(rep) },
      opportunity: { id: deal.opportunityId },
      quote: { id: deal.quoteId },
      approvalSteps: [],
      currentStep: null,
      signedBy: null,
    });
    expect(contract.number).toMatch(/^CT\d{6,}$/);
    expect(deal.total).toBe('150094.08');
    expect(contract.lines).toEqual([
      { position: 1, quantity: QUANTITY.k150, listPrice: '123.84', discountPercent: '0', unitPrice: '123.84', lineTotal: '150094.08', product: { id: catalog.pt100 } },
    ]);
    const line = await app.orm.em.fork().findOneOrFail(ContractLine, { contract: contract.id });
    expect(line.unitCost).toBe('86.00');
  });

  it('from a won opportunity: the lines of the quote that won it', async () => {
    const deal = await wonDeal(rep, QUANTITY.k150);
    const created = await app.gql(
      CREATE_CONTRACT,
      { input: { opportunityId: deal.opportunityId, title: '框架合同', startDate: FAR_START, endDate: FAR_END } },
      await as(rep),
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createContract).toMatchObject({ quote: { id: deal.quoteId }, amount: deal.total, paymentTermsDays: 30 });
  });

  it('refuses an opportunity that is not won and a quote that is not accepted (BAD_USER_INPUT at the field), writing nothing', async () => {
    const deal = await quotedDeal(rep, QUANTITY.k150);
    const auth = await as(rep);
    const byOpportunity = await app.gql(CREATE_CONTRACT, { input: { opportunityId: deal.opportunityId, title: '合同', startDate: FAR_START, endDate: FAR_END } }, auth);
    expect(errorOf(byOpportunity.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CONTRACT_SOURCE_NOT_CLOSED', fields: [{ path: 'input.opportunityId' }] });
    const byQuote = await app.gql(CREATE_CONTRACT, { input: { quoteId: deal.quoteId, title: '合同', startDate: FAR_START, endDate: FAR_END } }, auth);
    expect(errorOf(byQuote.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CONTRACT_SOURCE_NOT_CLOSED', fields: [{ path: 'input.quoteId' }] });
    expect(await app.orm.em.fork().count(Contract, { opportunity: deal.opportunityId })).toBe(0);
  });

  it('checks its input: one source, an end not before the start, payment terms of 0–365 days, a title', async () => {
    const deal = await wonDeal(rep, QUANTITY.k150);
    const auth = await as(rep);
    const base = { quoteId: deal.quoteId, title: '合同', startDate: FAR_START, endDate: FAR_END };
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...base, opportunityId: deal.opportunityId }, ['input.quoteId', 'input.opportunityId']],
      [{ title: '合同', startDate: FAR_START, endDate: FAR_END }, ['input.quoteId', 'input.opportunityId']],
      [{ ...base, endDate: '2098-12-31' }, ['input.endDate']],
      [{ ...base, paymentTermsDays: 366 }, ['input.paymentTermsDays']],
      [{ ...base, paymentTermsDays: -1 }, ['input.paymentTermsDays']],
      [{ ...base, title: '   ' }, ['input.title']],
    ];
    for (const [input, paths] of cases) {
      const response = await app.gql(CREATE_CONTRACT, { input: input as never }, auth);
      const error = errorOf(response.errors);
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.fields?.map((f) => f.path)).toEqual(paths);
    }
    expect(await app.orm.em.fork().count(Contract, { quote: deal.quoteId })).toBe(0);
  });

  it('makes one contract per quote: a second one, or two at once, gets CONFLICT', async () => {
    const deal = await wonDeal(rep, QUANTITY.k150);
    const auth = await as(rep);
    const input = { quoteId: deal.quoteId, title: '合同', startDate: FAR_START, endDate: FAR_END };
    const racing = await Promise.all([app.gql(CREATE_CONTRACT, { input }, auth), app.gql(CREATE_CONTRACT, { input }, auth)]);
    expect(racing.filter((r) => r.errors === undefined)).toHaveLength(1);
    const loser = racing.find((r) => r.errors !== undefined)!;
    expect(errorOf(loser.errors)).toMatchObject({ code: 'CONFLICT', reason: 'CONTRACT_EXISTS' });

    const again = await app.gql(CREATE_CONTRACT, { input: { opportunityId: deal.opportunityId, title: '合同', startDate: FAR_START, endDate: FAR_END } }, auth);
    expect(errorOf(again.errors)).toMatchObject({ code: 'CONFLICT', reason: 'CONTRACT_EXISTS' });
    expect(await app.orm.em.fork().count(Contract, { quote: deal.quoteId })).toBe(1);
  });

  it('only those who work the deal make its contract; service, finance, partners and API keys may not make contracts at all', async () => {
    const deal = await wonDeal(rep, QUANTITY.k150);
    const input = { quoteId: deal.quoteId, title: '合同', startDate: FAR_START, endDate: FAR_END };
    const otherTeam = await app.gql(CREATE_CONTRACT, { input }, await as(people.shanghai2Rep));
    expect(errorOf(otherTeam.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.quoteId' }] });
    for (const auth of [await as(people.customerService), await as(people.finance), await as(people.partner), integrationKey]) {
      const refused = await app.gql(CREATE_CONTRACT, { input }, auth);
      expect(errorOf(refused.errors).code).toBe('FORBIDDEN');
    }
    expect(await app.orm.em.fork().count(Contract, { quote: deal.quoteId })).toBe(0);

    const manager = await app.gql(CREATE_CONTRACT, { input }, await as(people.shanghai1Manager));
    expect(manager.errors).toBeUndefined();
    expect(manager.data?.createContract).toMatchObject({ owner: { id: userId(rep) }, createdBy: { id: userId(people.shanghai1Manager) } });
  });
});

describe('approval by amount and role', () => {
  const rep = people.shanghai1Rep;
  const manager = people.shanghai1Manager;
  const director = people.eastDirector;

  it('a 150k contract is within the rep’s limit: submitted, it is approved at once without steps; the rep signs it', async () => {
    const { contract } = await submittedContract(rep, QUANTITY.k150);
    expect(contract).toMatchObject({ status: 'APPROVED', approvalRound: 0, approvalSteps: [], currentStep: null });
    expect(contract.submittedAt).not.toBeNull();
    expect(contract.approvedAt).not.toBeNull();
    const signed = await app.gql(SIGN_CONTRACT, { id: contract.id, version: contract.version }, await as(rep));
    expect(signed.errors).toBeUndefined();
    expect(signed.data?.signContract).toMatchObject({ status: 'SIGNED', signedBy: { id: userId(rep) }, version: contract.version + 1 });
  });

  it('a 150k draft the rep signs directly, without approval', async () => {
    const { contract } = await draftContract(rep, QUANTITY.k150);
    const signed = await app.gql(SIGN_CONTRACT, { id: contract.id, version: contract.version }, await as(rep));
    expect(signed.errors).toBeUndefined();
    expect(signed.data?.signContract).toMatchObject({ status: 'SIGNED', signedBy: { id: userId(rep) }, approvalSteps: [], approvedAt: null });
    expect(signed.data?.signContract.signedAt).not.toBeNull();
  });

  it('800k goes to 黄伟 and then 杨明辉; each sees it awaiting their approval only on their turn', async () => {
    const { contract } = await submittedContract(rep, QUANTITY.k800);
    expect(contract).toMatchObject({ status: 'PENDING_APPROVAL', approvalRound: 1, currentStep: { approver: { id: userId(manager) } } });
    expect(contract.approvalSteps.map((s) => [s.round, s.position, s.approver?.name, s.approverRole, s.approverLimit, s.status])).toEqual([
      [1, 1, '黄伟', 'TEAM_MANAGER', '500000', 'PENDING'],
      [1, 2, '杨明辉', 'REGIONAL_DIRECTOR', '2000000', 'WAITING'],
    ]);
    expect(await awaitingIds(manager, true)).toContain(contract.id);
    expect(await awaitingIds(director, true)).not.toContain(contract.id);
    expect(await awaitingIds(director, false)).toContain(contract.id);

    const first = await approveAs(manager, contract.id, contract.version, '价格合理，同意');
    expect(first).toMatchObject({ status: 'PENDING_APPROVAL', version: contract.version + 1, currentStep: { approver: { id: userId(director) } } });
    expect(await awaitingIds(manager, true)).not.toContain(contract.id);
    expect(await awaitingIds(director, true)).toContain(contract.id);

    const second = await approveAs(director, contract.id, first.version);
    expect(second).toMatchObject({ status: 'APPROVED', version: first.version + 1, currentStep: null });
    expect(second.approvedAt).not.toBeNull();
    // Every step is the record: who, when, what they decided and why.
    expect(second.approvalSteps.map((s) => [s.approver?.name, s.status, s.comment, s.decidedAt !== null])).toEqual([
      ['黄伟', 'APPROVED', '价格合理，同意', true],
      ['杨明辉', 'APPROVED', null, true],
    ]);
    expect(await awaitingIds(director, true)).not.toContain(contract.id);

    const signed = await app.gql(SIGN_CONTRACT, { id: contract.id, version: second.version }, await as(rep));
    expect(signed.data?.signContract.status).toBe('SIGNED');
    const types = (await eventsOf(contract.id)).map((e) => e.type);
    expect(types).toEqual([
      'contract.created',
      'contract.submitted',
      'contract.approvalRequested',
      'contract.stepApproved',
      'contract.approvalRequested',
      'contract.stepApproved',
      'contract.approved',
      'contract.signed',
    ]);
  });

  it('3M goes up to the VP', async () => {
    const { contract } = await submittedContract(rep, QUANTITY.m3);
    expect(contract.approvalSteps.map((s) => [s.approver?.name, s.approverLimit, s.status])).toEqual([
      ['黄伟', '500000', 'PENDING'],
      ['杨明辉', '2000000', 'WAITING'],
      ['王建国', '10000000', 'WAITING'],
    ]);
    const first = await approveAs(manager, contract.id, contract.version);
    const second = await approveAs(director, contract.id, first.version);
    expect(second).toMatchObject({ status: 'PENDING_APPROVAL', currentStep: { approver: { id: userId(people.vp) } } });
    const last = await approveAs(people.vp, contract.id, second.version, '战略客户');
    expect(last.status).toBe('APPROVED');
    expect(last.approvalSteps.map((s) => s.status)).toEqual(['APPROVED', 'APPROVED', 'APPROVED']);
  });

  it('beyond everyone’s limit it is refused and stays a draft without steps', async () => {
    const { contract } = await draftContract(rep, QUANTITY.m11);
    const response = await app.gql(SUBMIT_CONTRACT, { id: contract.id, version: contract.version }, await as(rep));
    expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_APPROVER_COVERS_AMOUNT' });
    const { contract: after, steps } = await stored(contract.id);
    expect([after.status, after.version, after.approvalRound, steps.length]).toEqual([ContractStatus.DRAFT, 1, 0, 0]);
  });

  it('approving out of turn (the director or the VP before the manager) is NOT_YOUR_TURN and changes nothing', async () => {
    const { contract } = await submittedContract(rep, QUANTITY.m3);
    const before = await stored(contract.id);
    for (const person of [director, people.vp]) {
      const response = await app.gql(APPROVE_CONTRACT, { id: contract.id, version: contract.version }, await as(person));
      expect(errorOf(response.errors)).toMatchObject({ code: 'CONFLICT', reason: 'NOT_YOUR_TURN' });
      const rejected = await app.gql(REJECT_CONTRACT, { id: contract.id, version: contract.version, comment: '不同意' }, await as(person));
      expect(errorOf(rejected.errors)).toMatchObject({ code: 'CONFLICT', reason: 'NOT_YOUR_TURN' });
    }
    const otherTeam = await app.gql(APPROVE_CONTRACT, { id: contract.id, version: contract.version }, await as(people.shanghai2Manager));
    expect(errorOf(otherTeam.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'CONTRACT_NOT_FOUND' });
    const after = await stored(contract.id);
    expect(after.contract.version).toBe(before.contract.version);
    expect(after.steps.map((s) => [s.status, s.version, s.decidedAt])).toEqual(before.steps.map((s) => [s.status, s.version, s.decidedAt]));
  });

  it('nobody approves their own contract: 黄伟’s own 800k goes to 杨明辉, and 黄伟 gets OWN_CONTRACT', async () => {
    const { contract } = await submittedContract(manager, QUANTITY.k800);
    expect(contract.approvalSteps.map((s) => [s.approver?.name, s.status])).toEqual([['杨明辉', 'PENDING']]);
    const own = await app.gql(APPROVE_CONTRACT, { id: contract.id, version: contract.version }, await as(manager));
    expect(errorOf(own.errors)).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_CONTRACT' });
    const ownReject = await app.gql(REJECT_CONTRACT, { id: contract.id, version: contract.version, comment: '撤回' }, await as(manager));
    expect(errorOf(ownReject.errors)).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_CONTRACT' });
    expect((await stored(contract.id)).steps.map((s) => s.status)).toEqual([ApprovalStepStatus.PENDING]);
    const approved = await approveAs(director, contract.id, contract.version);
    expect(approved.status).toBe('APPROVED');
  });

  it('two approvals at once by the same approver: exactly one succeeds, the other gets CONFLICT, one decision is stored', async () => {
    const { contract } = await submittedContract(rep, QUANTITY.k800);
    const auth = await as(manager);
    const results = await Promise.all([
      app.gql(APPROVE_CONTRACT, { id: contract.id, version: contract.version, comment: '一' }, auth),
      app.gql(APPROVE_CONTRACT, { id: contract.id, version: contract.version, comment: '二' }, auth),
    ]);
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    const loser = results.find((r) => r.errors !== undefined)!;
    expect(errorOf(loser.errors).code).toBe('CONFLICT');
    const { contract: after, steps } = await stored(contract.id);
    expect(after.version).toBe(contract.version + 1);
    expect(steps.map((s) => [s.status, s.version])).toEqual([
      [ApprovalStepStatus.APPROVED, 2],
      [ApprovalStepStatus.PENDING, 2],
    ]);
    expect(['一', '二']).toContain(steps[0].comment);
  });

  it('two approvers at once on the version they read (the manager and the director): exactly one decision, CONFLICT for the other', async () => {
    const { contract } = await submittedContract(rep, QUANTITY.k800);
    const [byManager, byDirector] = await Promise.all([
      app.gql(APPROVE_CONTRACT, { id: contract.id, version: contract.version, comment: '组长同意' }, await as(manager)),
      app.gql(APPROVE_CONTRACT, { id: contract.id, version: contract.version, comment: '总监同意' }, await as(director)),
    ]);
    // Whichever runs first, the director loses: out of turn before the manager's decision, stale after it.
    expect(byManager.errors).toBeUndefined();
    expect(errorOf(byDirector.errors)).toMatchObject({ code: 'CONFLICT' });
    expect(['NOT_YOUR_TURN', 'STALE_VERSION']).toContain(errorOf(byDirector.errors).reason);
    const { contract: after, steps } = await stored(contract.id);
    expect(after.version).toBe(contract.version + 1);
    expect(steps.map((s) => [s.status, s.comment])).toEqual([
      [ApprovalStepStatus.APPROVED, '组长同意'],
      [ApprovalStepStatus.PENDING, null],
    ]);
  });

  it('an approve and a reject at once: one decision is stored, the other gets CONFLICT', async () => {
    const { contract } = await submittedContract(rep, QUANTITY.k800);
    const auth = await as(manager);
    const [approve, reject] = await Promise.all([
      app.gql(APPROVE_CONTRACT, { id: contract.id, version: contract.version }, auth),
      app.gql(REJECT_CONTRACT, { id: contract.id, version: contract.version, comment: '金额有误' }, auth),
    ]);
    expect([approve, reject].filter((r) => r.errors === undefined)).toHaveLength(1);
    expect(errorOf((approve.errors ?? reject.errors)!).code).toBe('CONFLICT');
    const { contract: after, steps } = await stored(contract.id);
    if (approve.errors === undefined) {
      expect([after.status, steps[0].status, steps[1].status]).toEqual([ContractStatus.PENDING_APPROVAL, ApprovalStepStatus.APPROVED, ApprovalStepStatus.PENDING]);
    } else {
      expect([after.status, steps[0].status, steps[1].status]).toEqual([ContractStatus.DRAFT, ApprovalStepStatus.REJECTED, ApprovalStepStatus.CANCELLED]);
    }
  });

  it('rejecting needs a comment, sends the contract back to DRAFT and cancels the rest; changed and resubmitted, it gets round 2', async () => {
    const { contract } = await submittedContract(rep, QUANTITY.k800);
    const first = await approveAs(manager, contract.id, contract.version, '同意');
    const blank = await app.gql(REJECT_CONTRACT, { id: contract.id, version: first.version, comment: '  ' }, await as(director));
    expect(errorOf(blank.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'comment' }] });

    const rejected = await app.gql(REJECT_CONTRACT, { id: contract.id, version: first.version, comment: '账期过长，请改为 30 天' }, await as(director));
    expect(rejected.errors).toBeUndefined();
    const draft = rejected.data!.rejectContract;
    expect(draft).toMatchObject({ status: 'DRAFT', approvalRound: 1, currentStep: null, version: first.version + 1 });
    expect(draft.approvalSteps.map((s) => [s.approver?.name, s.status, s.comment])).toEqual([
      ['黄伟', 'APPROVED', '同意'],
      ['杨明辉', 'REJECTED', '账期过长，请改为 30 天'],
    ]);

    const changed = await app.gql(UPDATE_CONTRACT, { id: contract.id, version: draft.version, input: { paymentTermsDays: 30, title: '年度供货合同（修订）' } }, await as(rep));
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.updateContract).toMatchObject({ paymentTermsDays: 30, title: '年度供货合同（修订）', version: draft.version + 1 });
    const resubmitted = await app.gql(SUBMIT_CONTRACT, { id: contract.id, version: changed.data!.updateContract.version }, await as(rep));
    expect(resubmitted.errors).toBeUndefined();
    const round2 = resubmitted.data!.submitContract;
    expect(round2).toMatchObject({ status: 'PENDING_APPROVAL', approvalRound: 2, currentStep: { approver: { id: userId(manager) } } });
    expect(round2.approvalSteps.map((s) => [s.round, s.position, s.status])).toEqual([
      [1, 1, 'APPROVED'],
      [1, 2, 'REJECTED'],
      [2, 1, 'PENDING'],
      [2, 2, 'WAITING'],
    ]);
    expect(await awaitingIds(manager, true)).toContain(contract.id);
  });

  it('a rejected step’s remaining steps are cancelled: 3M rejected by the manager never reaches the director or the VP', async () => {
    const { contract } = await submittedContract(rep, QUANTITY.m3);
    const rejected = await app.gql(REJECT_CONTRACT, { id: contract.id, version: contract.version, comment: '客户信用不足' }, await as(manager));
    expect(rejected.data?.rejectContract.approvalSteps.map((s) => s.status)).toEqual(['REJECTED', 'CANCELLED', 'CANCELLED']);
    const late = await app.gql(APPROVE_CONTRACT, { id: contract.id, version: rejected.data!.rejectContract.version }, await as(director));
    expect(errorOf(late.errors)).toMatchObject({ code: 'CONFLICT', reason: 'CONTRACT_STATUS_CONFLICT' });
  });

  it('a stale version is CONFLICT STALE_VERSION and changes nothing', async () => {
    const { contract } = await submittedContract(rep, QUANTITY.k800);
    const first = await approveAs(manager, contract.id, contract.version);
    const stale = await app.gql(APPROVE_CONTRACT, { id: contract.id, version: contract.version }, await as(director));
    expect(errorOf(stale.errors)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const after = await stored(contract.id);
    expect([after.contract.version, after.steps[1].status]).toEqual([first.version, ApprovalStepStatus.PENDING]);

    const { contract: draft } = await draftContract(rep, QUANTITY.k150);
    const updated = await app.gql(UPDATE_CONTRACT, { id: draft.id, version: draft.version, input: { title: '第一次修改' } }, await as(rep));
    expect(updated.errors).toBeUndefined();
    const staleUpdate = await app.gql(UPDATE_CONTRACT, { id: draft.id, version: draft.version, input: { title: '第二次修改' } }, await as(rep));
    expect(errorOf(staleUpdate.errors)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const staleSign = await app.gql(SIGN_CONTRACT, { id: draft.id, version: draft.version }, await as(rep));
    expect(errorOf(staleSign.errors)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const kept = await stored(draft.id);
    expect([kept.contract.title, kept.contract.status, kept.contract.version]).toEqual(['第一次修改', ContractStatus.DRAFT, 2]);
  });

  it('only drafts are changed and submitted; the end date stays on or after the start', async () => {
    const { contract } = await submittedContract(rep, QUANTITY.k800);
    const change = await app.gql(UPDATE_CONTRACT, { id: contract.id, version: contract.version, input: { title: '改' } }, await as(rep));
    expect(errorOf(change.errors)).toMatchObject({ code: 'CONFLICT', reason: 'CONTRACT_STATUS_CONFLICT' });
    const again = await app.gql(SUBMIT_CONTRACT, { id: contract.id, version: contract.version }, await as(rep));
    expect(errorOf(again.errors)).toMatchObject({ code: 'CONFLICT', reason: 'CONTRACT_STATUS_CONFLICT' });

    const { contract: draft } = await draftContract(rep, QUANTITY.k150);
    const backwards = await app.gql(UPDATE_CONTRACT, { id: draft.id, version: draft.version, input: { startDate: '2100-01-01' } }, await as(rep));
    expect(errorOf(backwards.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.startDate' }] });
    const terms = await app.gql(UPDATE_CONTRACT, { id: draft.id, version: draft.version, input: { paymentTermsDays: 400 } }, await as(rep));
    expect(errorOf(terms.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.paymentTermsDays' }] });
    expect((await stored(draft.id)).contract.version).toBe(1);
  });
});

describe('signing and terminating', () => {
  const rep = people.shanghai1Rep;
  const manager = people.shanghai1Manager;

  it('signing a draft above one’s own limit is FORBIDDEN ABOVE_SIGNING_LIMIT and leaves it unchanged', async () => {
    const { contract } = await draftContract(rep, QUANTITY.k800);
    const response = await app.gql(SIGN_CONTRACT, { id: contract.id, version: contract.version }, await as(rep));
    const error = errorOf(response.errors);
    expect([error.code, error.reason]).toEqual(['FORBIDDEN', 'ABOVE_SIGNING_LIMIT']);
    expect(error.message).toMatch(/submit the contract for approval/);
    const { contract: after } = await stored(contract.id);
    expect([after.status, after.version, after.signedAt, after.signedBy]).toEqual([ContractStatus.DRAFT, 1, null, null]);
  });

  it('a team manager signs a 300k draft of his rep within his own limit; the rep may not', async () => {
    const { contract } = await draftContract(rep, QUANTITY.k300);
    const byRep = await app.gql(SIGN_CONTRACT, { id: contract.id, version: contract.version }, await as(rep));
    expect(errorOf(byRep.errors).reason).toBe('ABOVE_SIGNING_LIMIT');
    const byManager = await app.gql(SIGN_CONTRACT, { id: contract.id, version: contract.version }, await as(manager));
    expect(byManager.errors).toBeUndefined();
    expect(byManager.data?.signContract).toMatchObject({ status: 'SIGNED', signedBy: { id: userId(manager) }, owner: { id: userId(rep) } });
  });

  it('a contract pending approval cannot be signed', async () => {
    const { contract } = await submittedContract(rep, QUANTITY.k800);
    const response = await app.gql(SIGN_CONTRACT, { id: contract.id, version: contract.version }, await as(people.vp));
    expect(errorOf(response.errors)).toMatchObject({ code: 'CONFLICT', reason: 'CONTRACT_STATUS_CONFLICT' });
  });

  it('signed on or after its start date, it is ACTIVE at once: contract.signed and then contract.activated', async () => {
    const today = await databaseToday();
    const { contract } = await draftContract(rep, QUANTITY.k150, { startDate: today, endDate: addDays(today, 365) });
    const signed = await app.gql(SIGN_CONTRACT, { id: contract.id, version: contract.version }, await as(rep));
    expect(signed.errors).toBeUndefined();
    expect(signed.data?.signContract).toMatchObject({ status: 'ACTIVE', version: 3, signedBy: { id: userId(rep) }, daysLeft: 365 });
    const events = await eventsOf(contract.id);
    expect(events.map((e) => e.type)).toEqual(['contract.created', 'contract.signed', 'contract.activated']);
    expect(events[1].payload).toMatchObject({ status: 'SIGNED', previousStatus: 'DRAFT', signedById: userId(rep) });
    expect(events[2].payload).toMatchObject({ status: 'ACTIVE', previousStatus: 'SIGNED' });
  });

  it('records the day it was signed on paper, never a day still to come', async () => {
    const today = await databaseToday();
    const { contract } = await draftContract(rep, QUANTITY.k150);
    const future = await app.gql(SIGN_CONTRACT, { id: contract.id, version: contract.version, signedOn: addDays(today, 1) }, await as(rep));
    expect(errorOf(future.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'signedOn' }] });
    expect((await stored(contract.id)).contract.status).toBe(ContractStatus.DRAFT);
    const lastWeek = addDays(today, -7);
    const signed = await app.gql(SIGN_CONTRACT, { id: contract.id, version: contract.version, signedOn: lastWeek }, await as(rep));
    expect(signed.errors).toBeUndefined();
    const [row] = await app.orm.em.fork().execute<{ day: string }[]>(`select signed_at::date::text as day from contract where id = ?`, [contract.id]);
    expect(row.day).toBe(lastWeek);
  });

  it('the rep alone may not terminate; his manager does, with a reason; then a new contract may be made from the quote', async () => {
    const { deal, contract } = await draftContract(rep, QUANTITY.k150);
    const draftEnd = await app.gql(TERMINATE_CONTRACT, { id: contract.id, version: contract.version, reason: '客户取消' }, await as(manager));
    expect(errorOf(draftEnd.errors)).toMatchObject({ code: 'CONFLICT', reason: 'CONTRACT_STATUS_CONFLICT' });
    const signed = (await app.gql(SIGN_CONTRACT, { id: contract.id, version: contract.version }, await as(rep))).data!.signContract;

    const byRep = await app.gql(TERMINATE_CONTRACT, { id: contract.id, version: signed.version, reason: '客户取消' }, await as(rep));
    expect(errorOf(byRep.errors)).toMatchObject({ code: 'FORBIDDEN', reason: 'TERMINATION_NOT_ALLOWED' });
    const blank = await app.gql(TERMINATE_CONTRACT, { id: contract.id, version: signed.version, reason: ' ' }, await as(manager));
    expect(errorOf(blank.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'reason' }] });
    expect((await stored(contract.id)).contract.status).toBe(ContractStatus.SIGNED);

    const ended = await app.gql(TERMINATE_CONTRACT, { id: contract.id, version: signed.version, reason: '客户项目取消' }, await as(manager));
    expect(ended.errors).toBeUndefined();
    expect(ended.data?.terminateContract).toMatchObject({ status: 'TERMINATED', terminationReason: '客户项目取消' });
    expect(ended.data?.terminateContract.terminatedAt).not.toBeNull();

    const replacement = await app.gql(CREATE_CONTRACT, { input: { quoteId: deal.quoteId, title: '重签合同', startDate: FAR_START, endDate: FAR_END } }, await as(rep));
    expect(replacement.errors).toBeUndefined();
  });

  it('a manager owning a contract cannot terminate it alone either; his director can', async () => {
    const { contract } = await draftContract(manager, QUANTITY.k150);
    const signed = (await app.gql(SIGN_CONTRACT, { id: contract.id, version: contract.version }, await as(manager))).data!.signContract;
    const own = await app.gql(TERMINATE_CONTRACT, { id: contract.id, version: signed.version, reason: '不再需要' }, await as(manager));
    expect(errorOf(own.errors).reason).toBe('TERMINATION_NOT_ALLOWED');
    const byDirector = await app.gql(TERMINATE_CONTRACT, { id: contract.id, version: signed.version, reason: '不再需要' }, await as(people.eastDirector));
    expect(byDirector.data?.terminateContract.status).toBe('TERMINATED');
  });

  it('every contract mutation is refused to a role without the right, and nothing changes', async () => {
    const { contract } = await submittedContract(rep, QUANTITY.k800);
    const { contract: draft } = await draftContract(rep, QUANTITY.k150);
    const refusals: [string, Promise<{ errors: readonly GraphQLFormattedError[] | undefined }>][] = [
      ['customer service updates', app.gql(UPDATE_CONTRACT, { id: draft.id, version: draft.version, input: { title: '改' } }, await as(people.customerService))],
      ['finance submits', app.gql(SUBMIT_CONTRACT, { id: draft.id, version: draft.version }, await as(people.finance))],
      ['a rep approves', app.gql(APPROVE_CONTRACT, { id: contract.id, version: contract.version }, await as(people.shanghai1Teammate))],
      ['finance rejects', app.gql(REJECT_CONTRACT, { id: contract.id, version: contract.version, comment: '不行' }, await as(people.finance))],
      ['a partner signs', app.gql(SIGN_CONTRACT, { id: draft.id, version: draft.version }, await as(people.partner))],
      ['technical support signs', app.gql(SIGN_CONTRACT, { id: draft.id, version: draft.version }, await as(people.techSupport))],
      ['an API key signs', app.gql(SIGN_CONTRACT, { id: draft.id, version: draft.version }, integrationKey)],
      ['a partner terminates', app.gql(TERMINATE_CONTRACT, { id: draft.id, version: draft.version, reason: '终止' }, await as(people.partner))],
    ];
    for (const [who, request] of refusals) {
      const response = await request;
      expect([who, errorOf(response.errors).code]).toEqual([who, 'FORBIDDEN']);
    }
    const otherTeamRep = await app.gql(SIGN_CONTRACT, { id: draft.id, version: draft.version }, await as(people.shanghai2Rep));
    expect(errorOf(otherTeamRep.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'CONTRACT_NOT_FOUND' });
    const keyAccountManager = await app.gql(SUBMIT_CONTRACT, { id: draft.id, version: draft.version }, await as(people.keyAccountManager));
    expect(errorOf(keyAccountManager.errors)).toMatchObject({ code: 'NOT_FOUND', reason: 'CONTRACT_NOT_FOUND' });

    expect((await stored(draft.id)).contract).toMatchObject({ status: ContractStatus.DRAFT, version: 1, title: draft.title });
    expect((await stored(contract.id)).contract).toMatchObject({ status: ContractStatus.PENDING_APPROVAL, version: contract.version });
  });
});

describe('the lifecycle job and renewals', () => {
  const rep = people.shanghai1Rep;
  const window = { renewalWindowDays: 90 };

  async function signedContract(owner: DemoPerson, dates: Dates = {}) {
    const { contract } = await draftContract(owner, QUANTITY.k150, dates);
    const signed = await app.gql(SIGN_CONTRACT, { id: contract.id, version: contract.version }, await as(owner));
    expect(signed.errors).toBeUndefined();
    return signed.data!.signContract;
  }

  it('a signed contract whose start date has come turns ACTIVE, and EXPIRED once its end date has passed; running again changes nothing', async () => {
    const contract = await signedContract(rep);
    expect(contract.status).toBe('SIGNED');
    const em = app.orm.em.fork();
    await em.execute(`update contract set start_date = current_date - 30 where id = ?`, [contract.id]);

    await runContractLifecycle(app.orm.em.fork(), window);
    expect((await stored(contract.id)).contract.status).toBe(ContractStatus.ACTIVE);
    await runContractLifecycle(app.orm.em.fork(), window);
    const active = (await stored(contract.id)).contract;
    expect([active.status, active.version]).toEqual([ContractStatus.ACTIVE, contract.version + 1]);

    await em.execute(`update contract set end_date = current_date - 1 where id = ?`, [contract.id]);
    const run = await runContractLifecycle(app.orm.em.fork(), window);
    expect(run.expired).toBeGreaterThanOrEqual(1);
    expect((await stored(contract.id)).contract.status).toBe(ContractStatus.EXPIRED);
    await runContractLifecycle(app.orm.em.fork(), window);

    const types = (await eventsOf(contract.id)).map((e) => e.type);
    expect(types.filter((t) => t === 'contract.activated')).toHaveLength(1);
    expect(types.filter((t) => t === 'contract.expired')).toHaveLength(1);
  });

  it('a contract ending within the window gets one contract.renewalDue however often the job runs, and one more after its end date moves', async () => {
    const today = await databaseToday();
    const contract = await signedContract(rep, { startDate: addDays(today, -100), endDate: addDays(today, 30) });
    expect(contract.status).toBe('ACTIVE');
    const renewalEvents = async () => (await eventsOf(contract.id)).filter((e) => e.type === 'contract.renewalDue');

    await Promise.all([runContractLifecycle(app.orm.em.fork(), window), runContractLifecycle(app.orm.em.fork(), window)]);
    await runContractLifecycle(app.orm.em.fork(), window);
    const once = await renewalEvents();
    expect(once).toHaveLength(1);
    expect(once[0].payload).toMatchObject({ endDate: addDays(today, 30), windowDays: '90', daysLeft: '30' });

    await app.orm.em.fork().execute(`update contract set end_date = current_date + 45 where id = ?`, [contract.id]);
    await runContractLifecycle(app.orm.em.fork(), window);
    await runContractLifecycle(app.orm.em.fork(), window);
    const twice = await renewalEvents();
    expect(twice).toHaveLength(2);
    expect(twice[1].payload).toMatchObject({ endDate: addDays(today, 45), daysLeft: '45' });
  });

  it('renewalsDue lists it for the owner, his manager, his director and the VP, soonest first with daysLeft; not for a rep of another team or finance', async () => {
    const today = await databaseToday();
    const soon = await signedContract(rep, { startDate: addDays(today, -200), endDate: addDays(today, 20) });
    const later = await signedContract(rep, { startDate: addDays(today, -200), endDate: addDays(today, 60) });
    for (const person of [rep, people.shanghai1Manager, people.eastDirector, people.vp]) {
      const response = await app.gql(RENEWALS_DUE, { withinDays: 90, first: 100 }, await as(person));
      expect(response.errors).toBeUndefined();
      const nodes = response.data!.renewalsDue.nodes;
      const mine = nodes.filter((n) => n.id === soon.id || n.id === later.id);
      expect([person.name, mine.map((n) => [n.id, n.daysLeft, n.status])]).toEqual([
        person.name,
        [
          [soon.id, 20, 'ACTIVE'],
          [later.id, 60, 'ACTIVE'],
        ],
      ]);
      const ends = nodes.map((n) => n.endDate);
      expect(ends).toEqual([...ends].sort());
    }
    const narrow = await app.gql(RENEWALS_DUE, { withinDays: 30, first: 100 }, await as(rep));
    expect(narrow.data?.renewalsDue.nodes.map((n) => n.id)).toContain(soon.id);
    expect(narrow.data?.renewalsDue.nodes.map((n) => n.id)).not.toContain(later.id);
    const byDefault = await app.gql(RENEWALS_DUE, { first: 100 }, await as(rep));
    expect(byDefault.data?.renewalsDue.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([soon.id, later.id]));

    for (const person of [people.shanghai2Rep, people.finance, people.customerService, people.partner]) {
      const response = await app.gql(RENEWALS_DUE, { withinDays: 90, first: 100 }, await as(person));
      expect(response.errors).toBeUndefined();
      expect(response.data?.renewalsDue.nodes.map((n) => n.id)).not.toContain(soon.id);
    }
    const tooFar = await app.gql(RENEWALS_DUE, { withinDays: 400, first: 10 }, await as(rep));
    expect(errorOf(tooFar.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'withinDays' }] });
  });
});

describe('who sees what', () => {
  let contractId: string;

  beforeAll(async () => {
    contractId = (await submittedContract(people.shanghai1Rep, QUANTITY.k800)).contract.id;
  });

  it('the owner, his chain, finance and service staff see the contract; a rep of another team gets NOT_FOUND, the partner sees none', async () => {
    for (const person of [people.shanghai1Rep, people.shanghai1Manager, people.eastDirector, people.vp, people.finance, people.customerService, people.techSupport]) {
      const seen = await app.gql(CONTRACT, { id: contractId }, await as(person));
      expect([person.name, seen.data?.contract!.id]).toEqual([person.name, contractId]);
    }
    for (const person of [people.shanghai2Rep, people.shanghai2Manager, people.northDirector, people.shanghai1Teammate, people.partner]) {
      const hidden = await app.gql(CONTRACT, { id: contractId }, await as(person));
      expect([person.name, errorOf(hidden.errors).reason]).toEqual([person.name, 'CONTRACT_NOT_FOUND']);
    }
    const partnerList = await app.gql(CONTRACTS, { first: 100 }, await as(people.partner));
    expect(partnerList.data?.contracts.totalCount).toBe(0);
    const otherTeam = await app.gql(CONTRACTS, { first: 100 }, await as(people.shanghai2Rep));
    expect(otherTeam.data?.contracts.nodes.map((n) => n.id)).not.toContain(contractId);
  });

  it.each([
    ['customer service', () => as(people.customerService)],
    ['technical support', () => as(people.techSupport)],
  ])('hides the amount and line prices from %s (null + FORBIDDEN), and sorting by amount drops the contract', async (_who, auth) => {
    const response = await app.gql(CONTRACT_AMOUNTS, { id: contractId }, await auth());
    expect(response.data?.contract).toEqual({
      id: contractId,
      amount: null,
      lines: [{ quantity: QUANTITY.k800, listPrice: null, unitPrice: null, lineTotal: null, unitCost: null, margin: null }],
    });
    expect(forbiddenPaths(response.errors)).toEqual(
      ['amount', 'lines.0.lineTotal', 'lines.0.listPrice', 'lines.0.margin', 'lines.0.unitCost', 'lines.0.unitPrice'].map((p) => `contract.${p}`).sort(),
    );
    const byAmount = await app.gql(CONTRACTS, { first: 100, orderBy: 'AMOUNT_DESC' }, await auth());
    expect(byAmount.errors).toBeUndefined();
    expect(byAmount.data?.contracts.totalCount).toBe(0);
    const byDate = await app.gql(CONTRACTS, { first: 100, orderBy: 'END_DATE_ASC' }, await auth());
    expect(byDate.data?.contracts.nodes.map((n) => n.id)).toContain(contractId);
  });

  it('the integration key reads the amount and line prices (booked business, for the ERP) but not unit cost and margin, and sorting by amount lists the contract', async () => {
    const response = await app.gql(CONTRACT_AMOUNTS, { id: contractId }, integrationKey);
    expect(response.data?.contract).toEqual({
      id: contractId,
      amount: '800006.4',
      lines: [{ quantity: QUANTITY.k800, listPrice: expect.any(String), unitPrice: '123.84', lineTotal: '800006.4', unitCost: null, margin: null }],
    });
    expect(forbiddenPaths(response.errors)).toEqual(['contract.lines.0.margin', 'contract.lines.0.unitCost']);
    const byAmount = await app.gql(CONTRACTS, { first: 100, orderBy: 'AMOUNT_DESC' }, integrationKey);
    expect(byAmount.errors).toBeUndefined();
    expect(byAmount.data?.contracts.nodes.map((n) => n.id)).toContain(contractId);
    const everyContract = await app.gql(CONTRACTS, { first: 100 }, integrationKey);
    expect(byAmount.data?.contracts.totalCount).toBe(everyContract.data?.contracts.totalCount);
  });

  it('hides unit cost and margin from the rep and his manager; the director and finance read them', async () => {
    for (const person of [people.shanghai1Rep, people.shanghai1Manager]) {
      const response = await app.gql(CONTRACT_AMOUNTS, { id: contractId }, await as(person));
      expect(response.data?.contract!.amount).toBe('800006.4');
      expect(response.data?.contract!.lines[0]).toMatchObject({ unitPrice: '123.84', unitCost: null, margin: null });
      expect(forbiddenPaths(response.errors)).toEqual(['contract.lines.0.margin', 'contract.lines.0.unitCost']);
    }
    for (const person of [people.eastDirector, people.finance]) {
      const response = await app.gql(CONTRACT_AMOUNTS, { id: contractId }, await as(person));
      expect(response.errors).toBeUndefined();
      // (123.84 − 86) × 6460
      expect(response.data?.contract!.lines[0]).toMatchObject({ unitPrice: '123.84', unitCost: '86', margin: '244446.4' });
    }
  });

  it('lists filter by status, owner, customer and end date, sort by amount, and page with keyset cursors', async () => {
    const director = await as(people.eastDirector);
    const all = await app.gql(CONTRACTS, { first: 100, orderBy: 'AMOUNT_DESC' }, director);
    const amounts = all.data!.contracts.nodes.map((n) => Number(n.amount));
    expect(amounts.length).toBeGreaterThan(5);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));

    const paged: string[] = [];
    let after: string | null | undefined = null;
    do {
      const page: GraphQLResponse<ContractsQuery> = await app.gql(CONTRACTS, { first: 4, after, orderBy: 'AMOUNT_DESC' }, director);
      paged.push(...page.data!.contracts.nodes.map((n) => n.id));
      after = page.data!.contracts.pageInfo.hasNextPage ? page.data!.contracts.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(all.data!.contracts.nodes.map((n) => n.id));

    const pending = await app.gql(CONTRACTS, { first: 100, filter: { statuses: ['PENDING_APPROVAL'], ownerIds: [userId(people.shanghai1Rep)] } }, director);
    expect(pending.data!.contracts.nodes.every((n) => n.status === 'PENDING_APPROVAL' && n.owner?.id === userId(people.shanghai1Rep))).toBe(true);
    expect(pending.data!.contracts.nodes.map((n) => n.id)).toContain(contractId);

    const contract = (await stored(contractId)).contract;
    const ofCustomer = await app.gql(CONTRACTS, { first: 100, filter: { customerId: contract.customer.id } }, director);
    expect(ofCustomer.data?.contracts.nodes.map((n) => n.id)).toEqual([contractId]);
    const ending = await app.gql(CONTRACTS, { first: 100, filter: { endDateFrom: FAR_END, endDateTo: FAR_END } }, director);
    expect(ending.data!.contracts.nodes.every((n) => n.endDate === FAR_END)).toBe(true);
    const none = await app.gql(CONTRACTS, { first: 100, filter: { endDateTo: '2000-01-01' } }, director);
    expect(none.data?.contracts.totalCount).toBe(0);
  });
});

describe('statement counts', () => {
  /** Setup only: `count` signed contracts of the north team 1 rep, each with two lines and a two-step approval record. */
  async function northContracts(count: number): Promise<void> {
    const em = app.orm.em.fork();
    const owner = await em.findOneOrFail(User, userId(people.northRep));
    const manager = await em.findOneOrFail(User, { unit: owner.unit, role: Role.TEAM_MANAGER });
    const director = await em.findOneOrFail(User, userId(people.northDirector));
    const products = await em.find(Product, {}, { limit: 2, orderBy: { sku: 'asc' } });
    for (let i = 0; i < count; i += 1) {
      const suffix = randomBytes(4).toString('hex');
      const name = `北方客户 ${suffix}`;
      const customer = em.create(Customer, { code: `N${suffix}`, name, nameKey: customerNameKey(name), region: em.getReference(OrgUnit, units.north), owner });
      const contract = em.create(Contract, {
        number: `CTN${suffix}`,
        title: `北方合同 ${i}`,
        customer,
        owner,
        status: ContractStatus.APPROVED,
        amount: '800000.00',
        startDate: FAR_START,
        endDate: FAR_END,
        approvalRound: 1,
        createdBy: owner,
      });
      products.forEach((product, index) => {
        em.create(ContractLine, {
          contract,
          position: index + 1,
          product,
          quantity: 10,
          listPrice: '100.00',
          unitPrice: '100.00',
          lineTotal: '1000.00',
          unitCost: '50.00',
        } as never);
      });
      [manager, director].forEach((approver, index) => {
        em.create(ContractApprovalStep, {
          contract,
          round: 1,
          position: index + 1,
          approver,
          approverRole: approver.role,
          approverLimit: index === 0 ? '500000.00' : '2000000.00',
          status: ApprovalStepStatus.APPROVED,
          decidedAt: new Date(),
        });
      });
    }
    await em.flush();
  }

  async function statementsFor(first: number): Promise<number> {
    const auth = await as(people.northDirector);
    app.resetQueries();
    const response = await app.gql(CONTRACT_PAGE, { first, filter: { ownerIds: [userId(people.northRep)] } }, auth);
    const count = app.queries.length;
    expect(response.errors).toBeUndefined();
    const nodes = response.data!.contracts.nodes;
    expect(nodes).toHaveLength(first);
    expect(nodes.every((n) => n.lines.length === 2 && n.lines[0].product !== null && n.approvalSteps.length === 2 && n.approvalSteps[1].approver?.name === people.northDirector.name)).toBe(true);
    expect(nodes.every((n) => n.customer !== null && n.owner?.name === people.northRep.name)).toBe(true);
    return count;
  }

  it('contracts → lines → product, approvalSteps → approver, customer and owner run the same statements for 3 and 10 contracts', async () => {
    await northContracts(10);
    const three = await statementsFor(3);
    const ten = await statementsFor(10);
    expect(ten).toBe(three);
    // Sign-in, the page, customers, owners, lines, steps, then products and approvers.
    expect(ten).toBeLessThanOrEqual(8);
  });
});
