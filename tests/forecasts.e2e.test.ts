import pg from 'pg';
import { people, units, userId, type PersonName } from './fixtures/demo-people';
import { createCustomers, createOpportunities } from './fixtures/pipeline-data';
import {
  ADJUST_FORECAST,
  FORECAST_ADJUSTMENTS,
  FORECAST_ROLLUP,
  FORECAST_SUBMISSION,
  PIPELINE_FUNNEL,
  PROPOSE_FORECAST,
  SUBMIT_FORECAST,
} from './graphql/forecasts.documents';
import { errorOf } from './support/errors';
import { pause } from './support/wait';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * The pipeline funnel and rolling forecasts on fixed deals, against figures worked out by hand. Every date is relative
 * to today (company time), so the figures hold whatever day the test runs.
 */

const DAY = 86_400_000;
const companyToday = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const TODAY = companyToday();
/** The company-time day `n` days from today. */
const day = (n: number): string => new Date(Date.parse(`${TODAY}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** Noon of that day in company time. */
const at = (n: number): string => `${day(n)}T12:00:00+08:00`;
const addMonths = (month: string, n: number): string => {
  const index = Number(month.slice(5, 7)) - 1 + n;
  return new Date(Date.UTC(Number(month.slice(0, 4)) + Math.floor(index / 12), ((index % 12) + 12) % 12, 1)).toISOString().slice(0, 10);
};
const CURRENT = `${TODAY.slice(0, 7)}-01`;
const NEXT = addMonths(CURRENT, 1);
const AFTER_NEXT = addMonths(CURRENT, 2);

let app: TestApp;
const tokens = new Map<PersonName, string>();
async function as(person: PersonName): Promise<Auth> {
  if (!tokens.has(person)) tokens.set(person, await app.tokenFor(people[person].email));
  return { token: tokens.get(person)! };
}

/** Deal ids by letter. */
const deal: Record<string, string> = {};

/**
 * A: 赵磊 (shanghai1Rep), 100,000 at NEGOTIATION (80 %), created 33 days ago: LEAD 2 days, CONTACT 6, PROPOSAL 10, in
 *    NEGOTIATION for 15 days; expected to close 10 days ago (overdue).
 * B: 赵磊, 50,000, created 32 days ago: LEAD 2 days, CONTACT 10, then LOST (价格太高) 20 days ago.
 * C: his teammate, 200,000, created 34 days ago: LEAD 5 days, NEEDS_ANALYSIS 15, WON (技术领先) 14 days ago.
 * D: 上海二组's rep, 30,000 at PROPOSAL (60 %), created 126 days ago, in PROPOSAL for 95 days; its close date moved 20 days
 *    ago from 5 days ago to 41 days ahead (46 days).
 * E: a south rep, 10,000 at LEAD (10 %), created 4 days ago, no close date.
 * F: 赵磊, 40,000 at PROPOSAL (60 %), created 200 days ago, closing on the 15th of next month.
 * The period: 40 days ago to 5 days ago, so the cohort is A, B and C.
 */
async function seedDeals(): Promise<void> {
  const [east, east2, south] = await createCustomers(app, [
    { name: '漏斗测试客户甲', regionId: units.east, owner: 'shanghai1Rep' },
    { name: '漏斗测试客户乙', regionId: units.east, owner: 'shanghai2Rep' },
    { name: '漏斗测试客户丙', regionId: units.south, owner: 'southRep' },
  ]);
  const ids = await createOpportunities(app, [
    { name: 'A', customerId: east, owner: 'shanghai1Rep', amount: '100000', expectedCloseDate: day(-10) },
    { name: 'B', customerId: east, owner: 'shanghai1Rep', amount: '50000' },
    { name: 'C', customerId: east, owner: 'shanghai1Teammate', amount: '200000' },
    { name: 'D', customerId: east2, owner: 'shanghai2Rep', amount: '30000', expectedCloseDate: day(41) },
    { name: 'E', customerId: south, owner: 'southRep', amount: '10000' },
    { name: 'F', customerId: east, owner: 'shanghai1Rep', amount: '40000', expectedCloseDate: `${NEXT.slice(0, 8)}15` },
  ]);
  ['A', 'B', 'C', 'D', 'E', 'F'].forEach((letter, index) => (deal[letter] = ids[index]!));
  const em = app.orm.em.fork();
  const history: [string, string, number, string | null][] = [
    ['A', 'LEAD', -33, null], ['A', 'CONTACT', -31, null], ['A', 'PROPOSAL', -25, null], ['A', 'NEGOTIATION', -15, null],
    ['B', 'LEAD', -32, null], ['B', 'CONTACT', -30, null], ['B', 'LOST', -20, '价格太高'],
    ['C', 'LEAD', -34, null], ['C', 'NEEDS_ANALYSIS', -29, null], ['C', 'WON', -14, '技术领先'],
    ['D', 'LEAD', -126, null], ['D', 'PROPOSAL', -95, null],
    ['E', 'LEAD', -4, null],
    ['F', 'LEAD', -200, null], ['F', 'PROPOSAL', -200, null],
  ];
  const current: [string, string, number, number, number | null, string | null][] = [
    ['A', 'NEGOTIATION', 80, -33, null, null],
    ['B', 'LOST', 0, -32, -20, '价格太高'],
    ['C', 'WON', 100, -34, -14, null],
    ['D', 'PROPOSAL', 60, -126, null, null],
    ['E', 'LEAD', 10, -4, null, null],
    ['F', 'PROPOSAL', 60, -200, null, null],
  ];
  await em.transactional(async (tx) => {
    await tx.execute(`delete from opportunity_stage_change where opportunity_id in (select (jsonb_array_elements_text(?::jsonb))::uuid)`, [JSON.stringify(ids)]);
    for (const [letter, stage, offset, reason] of history) {
      await tx.execute(
        `insert into opportunity_stage_change (id, opportunity_id, to_stage, changed_by_id, changed_at, reason)
         select gen_random_uuid(), o.id, ?::opportunity_stage, o.owner_id, ?::timestamptz + (? || ' seconds')::interval, ? from opportunity o where o.id = ?`,
        [stage, at(offset), String(history.findIndex((h) => h[0] === letter && h[1] === stage)), reason, deal[letter]],
      );
    }
    for (const [letter, stage, probability, created, closed, lostReason] of current) {
      await tx.execute(
        `update opportunity set stage = ?::opportunity_stage, probability = ?, created_at = ?::timestamptz, closed_at = ?::timestamptz, lost_reason = ? where id = ?`,
        [stage, probability, at(created), closed === null ? null : at(closed), lostReason, deal[letter]],
      );
    }
    await tx.execute(`insert into opportunity_close_date_change (opportunity_id, from_date, to_date, changed_at) values (?, ?, ?, ?)`, [
      deal.D,
      day(-5),
      day(41),
      at(-20),
    ]);
  });
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDeals();
});

afterAll(async () => {
  await app.close();
});

const FROM = day(-40);
const TO = day(-5);
const NO_STAGE = { count: 0, amount: null, weightedAmount: null };

describe('the pipeline funnel', () => {
  it('the VP sees every deal: the open pipeline by stage, the cohort’s passage, outcomes, ageing and slips', async () => {
    const response = await app.gql(PIPELINE_FUNNEL, { from: FROM, to: TO }, await as('vp'));
    expect(response.errors).toBeUndefined();
    const funnel = response.data!.pipelineFunnel;
    expect(funnel.cohortSize).toBe(3);
    expect(funnel.stages).toEqual([
      { stage: 'LEAD', count: 1, amount: '10000', weightedAmount: '1000', reached: 3, conversionRate: 1, averageDaysInStage: 3 },
      { stage: 'CONTACT', count: 0, amount: null, weightedAmount: null, reached: 3, conversionRate: 0.6667, averageDaysInStage: 8 },
      { stage: 'NEEDS_ANALYSIS', count: 0, amount: null, weightedAmount: null, reached: 2, conversionRate: 1, averageDaysInStage: 15 },
      { stage: 'PROPOSAL', count: 2, amount: '70000', weightedAmount: '42000', reached: 2, conversionRate: 1, averageDaysInStage: 10 },
      { stage: 'NEGOTIATION', count: 1, amount: '100000', weightedAmount: '80000', reached: 2, conversionRate: 0.5, averageDaysInStage: null },
    ]);
    expect(funnel.won).toEqual({ count: 1, amount: '200000', reasons: [{ reason: '技术领先', count: 1, amount: '200000' }] });
    expect(funnel.lost).toEqual({ count: 1, amount: '50000', reasons: [{ reason: '价格太高', count: 1, amount: '50000' }] });
    // Since creation: E 4 days; A 33; D 126 and F 200. Since the last stage move: A 15, E 4; D 95, F 200.
    expect(funnel.ageingSinceCreation).toEqual([
      { fromDays: 0, toDays: 30, count: 1, amount: '10000' },
      { fromDays: 31, toDays: 60, count: 1, amount: '100000' },
      { fromDays: 61, toDays: 90, count: 0, amount: null },
      { fromDays: 91, toDays: null, count: 2, amount: '70000' },
    ]);
    expect(funnel.ageingSinceStageMove).toEqual([
      { fromDays: 0, toDays: 30, count: 2, amount: '110000' },
      { fromDays: 31, toDays: 60, count: 0, amount: null },
      { fromDays: 61, toDays: 90, count: 0, amount: null },
      { fromDays: 91, toDays: null, count: 2, amount: '70000' },
    ]);
    expect(funnel.slippage).toEqual({ overdueCount: 1, overdueAmount: '100000', postponedCount: 1, postponedAmount: '30000', averageDaysPostponed: 46 });
  });

  it('a rep sees only his own deals (A, B, F): no teammate’s win, no other team’s pipeline', async () => {
    const funnel = (await app.gql(PIPELINE_FUNNEL, { from: FROM, to: TO }, await as('shanghai1Rep'))).data!.pipelineFunnel;
    expect(funnel.cohortSize).toBe(2);
    expect(funnel.stages.map(({ stage, count, amount, weightedAmount }) => ({ stage, count, amount, weightedAmount }))).toEqual([
      { stage: 'LEAD', ...NO_STAGE },
      { stage: 'CONTACT', ...NO_STAGE },
      { stage: 'NEEDS_ANALYSIS', ...NO_STAGE },
      { stage: 'PROPOSAL', count: 1, amount: '40000', weightedAmount: '24000' },
      { stage: 'NEGOTIATION', count: 1, amount: '100000', weightedAmount: '80000' },
    ]);
    // Cohort A and B: both passed LEAD; at CONTACT, A moved on and B was lost.
    expect(funnel.stages.map((stage) => [stage.reached, stage.conversionRate])).toEqual([[2, 1], [2, 0.5], [1, 1], [1, 1], [1, 0]]);
    expect(funnel.won).toEqual({ count: 0, amount: null, reasons: [] });
    expect(funnel.lost.count).toBe(1);
    expect(funnel.slippage.postponedCount).toBe(0);
  });

  it('finance sees every deal but only booked money: open and lost amounts are left out of the sums', async () => {
    const funnel = (await app.gql(PIPELINE_FUNNEL, { from: FROM, to: TO }, await as('finance'))).data!.pipelineFunnel;
    expect(funnel.stages.map((stage) => [stage.count, stage.amount, stage.weightedAmount])).toEqual([
      [1, null, null], [0, null, null], [0, null, null], [2, null, null], [1, null, null],
    ]);
    expect(funnel.won).toMatchObject({ count: 1, amount: '200000' });
    expect(funnel.lost).toMatchObject({ count: 1, amount: null });
    expect(funnel.slippage).toMatchObject({ overdueCount: 1, overdueAmount: null, postponedCount: 1, postponedAmount: null });
  });

  it('filters by unit (上海一组: A, B, C, F) and by owner', async () => {
    const team = (await app.gql(PIPELINE_FUNNEL, { from: FROM, to: TO, orgUnitId: units.shanghai1 }, await as('eastDirector'))).data!.pipelineFunnel;
    expect(team.cohortSize).toBe(3);
    expect(team.stages.map((stage) => stage.count)).toEqual([0, 0, 0, 1, 1]);
    expect(team.won.amount).toBe('200000');
    const owner = (await app.gql(PIPELINE_FUNNEL, { from: FROM, to: TO, ownerId: userId(people.shanghai2Rep) }, await as('eastDirector'))).data!.pipelineFunnel;
    expect(owner.stages.map((stage) => stage.count)).toEqual([0, 0, 0, 1, 0]);
    expect(owner.slippage).toMatchObject({ postponedCount: 1, postponedAmount: '30000' });
  });

  it('a partner gets no deal of ours, and the measures from the stage history are refused', async () => {
    const response = await app.gql(PIPELINE_FUNNEL, { from: FROM, to: TO }, await as('partner'));
    const funnel = response.data!.pipelineFunnel;
    expect(funnel.stages.map((stage) => [stage.count, stage.amount, stage.weightedAmount, stage.conversionRate])).toEqual(
      Array(5).fill([0, null, null, null]),
    );
    expect(funnel.cohortSize).toBe(0);
    expect(funnel.ageingSinceStageMove).toBeNull();
    expect(new Set(response.errors!.map((error) => error.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(response.errors!.map((error) => error.path!.join('.'))).toContain('pipelineFunnel.stages.0.weightedAmount');
  });

  it('customer service sees no deal: every count is 0', async () => {
    const funnel = (await app.gql(PIPELINE_FUNNEL, { from: FROM, to: TO }, await as('customerService'))).data!.pipelineFunnel;
    expect([...funnel.stages.map((stage) => stage.count), funnel.won.count, funnel.lost.count, funnel.cohortSize, funnel.slippage.overdueCount]).toEqual(Array(9).fill(0));
  });

  it('bad input: a period ending before it starts, a malformed id', async () => {
    const reversed = await app.gql(PIPELINE_FUNNEL, { from: TO, to: FROM }, await as('vp'));
    expect(errorOf(reversed.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['to'] });
    const badId = await app.gql(PIPELINE_FUNNEL, { from: FROM, to: TO, orgUnitId: 'nope' }, await as('vp'));
    expect(errorOf(badId.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['orgUnitId'] });
  });

  it('a close date moved by any writer is recorded by the trigger', async () => {
    const em = app.orm.em.fork();
    await em.execute(`update opportunity set expected_close_date = expected_close_date + 7 where id = ?`, [deal.F]);
    const [row] = await em.execute<{ days: number }[]>(`select (to_date - from_date) as days from opportunity_close_date_change where opportunity_id = ?`, [deal.F]);
    expect(Number(row!.days)).toBe(7);
    await em.execute(`update opportunity set expected_close_date = expected_close_date - 7 where id = ?`, [deal.F]);
    await em.execute(`delete from opportunity_close_date_change where opportunity_id = ?`, [deal.F]);
  });
});

const repLines = [
  { month: CURRENT, commit: '100000', bestCase: '120000', pipeline: '80000' },
  { month: NEXT, commit: '20000', bestCase: '40000', pipeline: '24000' },
  { month: AFTER_NEXT, commit: '0', bestCase: '10000', pipeline: '5000' },
];
const teammateLines = [
  { month: CURRENT, commit: '50000', bestCase: '60000', pipeline: '30000' },
  { month: NEXT, commit: '10000', bestCase: '20000', pipeline: '10000' },
  { month: AFTER_NEXT, commit: '0', bestCase: '0', pipeline: '0' },
];

describe('rolling forecasts', () => {
  it('proposes from the weighted pipeline: A (80 %, overdue) in the current month, F (60 %) next month', async () => {
    const response = await app.gql(PROPOSE_FORECAST, { months: 3 }, await as('shanghai1Rep'));
    expect(response.errors).toBeUndefined();
    expect(response.data!.proposeForecast).toEqual([
      { month: CURRENT, commit: '100000', bestCase: '100000', pipeline: '80000', openDeals: 1 },
      { month: NEXT, commit: '0', bestCase: '40000', pipeline: '24000', openDeals: 1 },
      { month: AFTER_NEXT, commit: '0', bestCase: '0', pipeline: '0', openDeals: 0 },
    ]);
  });

  it('a rep submits, then resubmits in the same month: the lines are replaced, the proposal kept beside them', async () => {
    const first = await app.gql(SUBMIT_FORECAST, { input: { lines: repLines.map((line) => ({ ...line, commit: '1', bestCase: '1' })) } }, await as('shanghai1Rep'));
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitForecast).toMatchObject({ version: 1, periodMonth: CURRENT, user: { id: userId(people.shanghai1Rep) } });
    const second = await app.gql(SUBMIT_FORECAST, { input: { lines: repLines, note: '重点跟进A', expectedVersion: 1 } }, await as('shanghai1Rep'));
    expect(second.errors).toBeUndefined();
    const submission = second.data!.submitForecast;
    expect(submission).toMatchObject({ id: first.data!.submitForecast.id, version: 2, note: '重点跟进A' });
    expect(submission.lines).toEqual(
      repLines.map((line, index) => ({
        ...line,
        proposedCommit: ['100000', '0', '0'][index],
        proposedBestCase: ['100000', '40000', '0'][index],
        proposedPipeline: ['80000', '24000', '0'][index],
      })),
    );
    const teammate = await app.gql(SUBMIT_FORECAST, { input: { lines: teammateLines } }, await as('shanghai1Teammate'));
    expect(teammate.errors).toBeUndefined();
  });

  it('the manager reads the team roll-up; the rep reads only his own', async () => {
    const team = await app.gql(FORECAST_ROLLUP, { orgUnitId: units.shanghai1, from: CURRENT, months: 3 }, await as('shanghai1Manager'));
    expect(team.errors).toBeUndefined();
    expect(team.data!.forecastRollup.rows.map(({ month, commit, bestCase, pipeline, submitters, adjustments }) => ({ month, commit, bestCase, pipeline, submitters, adjustments }))).toEqual([
      { month: CURRENT, commit: '150000', bestCase: '180000', pipeline: '110000', submitters: 2, adjustments: 0 },
      { month: NEXT, commit: '30000', bestCase: '60000', pipeline: '34000', submitters: 2, adjustments: 0 },
      { month: AFTER_NEXT, commit: '0', bestCase: '10000', pipeline: '5000', submitters: 2, adjustments: 0 },
    ]);
    expect(team.data!.forecastRollup.rows[1]!.actual).toBeNull();

    const own = (await app.gql(FORECAST_ROLLUP, { from: CURRENT, months: 3 }, await as('shanghai1Rep'))).data!.forecastRollup;
    expect(own).toMatchObject({ userId: userId(people.shanghai1Rep), orgUnitId: units.shanghai1 });
    expect(own.rows.map((row) => row.commit)).toEqual(['100000', '20000', '0']);

    const refused = await app.gql(FORECAST_ROLLUP, { orgUnitId: units.shanghai1, from: CURRENT }, await as('shanghai1Rep'));
    expect(errorOf(refused.errors)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_READABLE' });
    const colleague = await app.gql(FORECAST_SUBMISSION, { userId: userId(people.shanghai1Teammate) }, await as('shanghai1Rep'));
    expect(errorOf(colleague.errors)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the manager adjusts the team; the director adjusts the region above it: each override kept beside the figure as submitted', async () => {
    const adjusted = await app.gql(
      ADJUST_FORECAST,
      { input: { orgUnitId: units.shanghai1, month: CURRENT, commit: '140000', bestCase: '170000', pipeline: '100000', reason: 'B 客户预算推迟' } },
      await as('shanghai1Manager'),
    );
    expect(adjusted.errors).toBeUndefined();
    expect(adjusted.data!.adjustForecast).toMatchObject({
      version: 1,
      commit: '140000',
      submittedCommit: '150000',
      submittedBestCase: '180000',
      submittedPipeline: '110000',
      adjustedBy: { id: userId(people.shanghai1Manager) },
    });
    const team = (await app.gql(FORECAST_ROLLUP, { orgUnitId: units.shanghai1, from: CURRENT, months: 1 }, await as('shanghai1Manager'))).data!.forecastRollup.rows[0]!;
    expect(team).toMatchObject({ commit: '140000', submittedCommit: '150000', adjustments: 1, adjustment: { reason: 'B 客户预算推迟', adjustedById: userId(people.shanghai1Manager) } });

    const east = (await app.gql(FORECAST_ROLLUP, { orgUnitId: units.east, from: CURRENT, months: 1 }, await as('eastDirector'))).data!.forecastRollup.rows[0]!;
    expect(east).toMatchObject({ commit: '140000', submittedCommit: '150000', adjustments: 1, adjustment: null });
    const regional = await app.gql(
      ADJUST_FORECAST,
      { input: { orgUnitId: units.east, month: CURRENT, commit: '130000', bestCase: '160000', pipeline: '90000', reason: '保守估计' } },
      await as('eastDirector'),
    );
    expect(regional.data!.adjustForecast).toMatchObject({ commit: '130000', submittedCommit: '140000' });
    const after = (await app.gql(FORECAST_ROLLUP, { orgUnitId: units.east, from: CURRENT, months: 1 }, await as('eastDirector'))).data!.forecastRollup.rows[0]!;
    expect(after).toMatchObject({ commit: '130000', submittedCommit: '150000', adjustments: 1, adjustment: { reason: '保守估计' } });
    // The team's own figure is still the manager's.
    const teamAgain = (await app.gql(FORECAST_ROLLUP, { orgUnitId: units.shanghai1, from: CURRENT, months: 1 }, await as('eastDirector'))).data!.forecastRollup.rows[0]!;
    expect(teamAgain.commit).toBe('140000');
    // The VP's company roll-up: the region's override stands for all of 华东.
    const company = (await app.gql(FORECAST_ROLLUP, { from: CURRENT, months: 1 }, await as('vp'))).data!.forecastRollup;
    expect(company.orgUnitId).toBe(units.company);
    expect(company.rows[0]).toMatchObject({ commit: '130000', submittedCommit: '150000' });

    const listed = (await app.gql(FORECAST_ADJUSTMENTS, {}, await as('eastDirector'))).data!.forecastAdjustments;
    expect(listed.map((adjustment) => adjustment.orgUnit!.id).sort()).toEqual([units.east, units.shanghai1].sort());
    const managerList = (await app.gql(FORECAST_ADJUSTMENTS, {}, await as('shanghai1Manager'))).data!.forecastAdjustments;
    expect(managerList.map((adjustment) => adjustment.orgUnit!.id)).toEqual([units.shanghai1]);
    const repList = (await app.gql(FORECAST_ADJUSTMENTS, {}, await as('shanghai1Rep'))).data!.forecastAdjustments;
    expect(repList).toEqual([]);
  });

  it('refuses: another team’s adjustment, a rep’s adjustment, finance’s submission, a partner’s roll-up', async () => {
    const otherTeam = await app.gql(
      ADJUST_FORECAST,
      { input: { orgUnitId: units.shanghai2, month: CURRENT, commit: '1', bestCase: '1', pipeline: '1', reason: 'x' } },
      await as('shanghai1Manager'),
    );
    expect(errorOf(otherTeam.errors)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_UNIT' });
    const rep = await app.gql(ADJUST_FORECAST, { input: { orgUnitId: units.shanghai1, month: CURRENT, commit: '1', bestCase: '1', pipeline: '1', reason: 'x' } }, await as('shanghai1Rep'));
    expect(errorOf(rep.errors)).toMatchObject({ code: 'FORBIDDEN' });
    const finance = await app.gql(SUBMIT_FORECAST, { input: { lines: repLines } }, await as('finance'));
    expect(errorOf(finance.errors)).toMatchObject({ code: 'FORBIDDEN' });
    const partner = await app.gql(FORECAST_ROLLUP, { from: CURRENT }, await as('partner'));
    expect(errorOf(partner.errors)).toMatchObject({ code: 'FORBIDDEN' });
    const financeReads = await app.gql(FORECAST_ROLLUP, { orgUnitId: units.shanghai1, from: CURRENT, months: 1 }, await as('finance'));
    expect(financeReads.data!.forecastRollup.rows[0]!.commit).toBe('140000');
  });

  it('bad input names the field: too few months, a gap, a day that is no month, commit above best case', async () => {
    const rep = await as('shanghai1Rep');
    const cases: [object, string, string | undefined][] = [
      [{ lines: repLines.slice(0, 2) }, 'input.lines', undefined],
      [{ lines: [repLines[0], repLines[2], { ...repLines[1], month: addMonths(CURRENT, 3) }] }, 'input.lines.1.month', 'MONTHS_NOT_CONSECUTIVE'],
      [{ lines: [{ ...repLines[0], month: `${CURRENT.slice(0, 8)}02` }, repLines[1], repLines[2]] }, 'input.lines.0.month', 'NOT_A_MONTH'],
      [{ lines: [{ ...repLines[0], commit: '130000' }, repLines[1], repLines[2]] }, 'input.lines.0.bestCase', 'COMMIT_ABOVE_BEST_CASE'],
      [{ lines: [{ ...repLines[0], commit: '-1' }, repLines[1], repLines[2]] }, 'input.lines.0.commit', undefined],
    ];
    for (const [input, path, reason] of cases) {
      const response = await app.gql(SUBMIT_FORECAST, { input: input as never }, rep);
      const error = errorOf(response.errors);
      expect({ code: error.code, paths: error.paths }).toEqual({ code: 'BAD_USER_INPUT', paths: [path] });
      if (reason !== undefined) expect(error.reason).toBe(reason);
    }
    const outside = await app.gql(
      ADJUST_FORECAST,
      { input: { orgUnitId: units.shanghai1, month: addMonths(CURRENT, 6), commit: '1', bestCase: '1', pipeline: '1', reason: 'x' } },
      await as('shanghai1Manager'),
    );
    expect(errorOf(outside.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.month'], reason: 'HORIZON_OUT_OF_RANGE' });
    // Nothing of the refused submissions was written.
    const kept = (await app.gql(FORECAST_SUBMISSION, {}, rep)).data!.forecastSubmission!;
    expect(kept.version).toBe(2);
  });

  /** Holds `sql` (a row lock) in a transaction of its own, runs `attempt` until it waits on the lock, then runs `change` and commits. */
  async function interleave<T>(lockSql: string, params: unknown[], attempt: () => Promise<T>, change: (client: pg.Client) => Promise<unknown>): Promise<T> {
    const holder = new pg.Client({ connectionString: app.config.databaseUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(lockSql, params);
      const pending = attempt();
      let waiting = 0;
      for (let tries = 0; waiting < 1 && tries < 200; tries += 1) {
        await pause(50);
        const { rows } = await holder.query(`select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`);
        waiting = rows[0].waiting;
      }
      expect(waiting).toBe(1);
      await change(holder);
      await holder.query('commit');
      return await pending;
    } finally {
      await holder.end();
    }
  }

  it('two submissions at once: the one that read a version the other replaced is a CONFLICT', async () => {
    const rep = await as('shanghai1Rep');
    const before = (await app.gql(FORECAST_SUBMISSION, {}, rep)).data!.forecastSubmission!;
    const outcome = await interleave(
      `select id from forecast_submission where id = $1 for update`,
      [before.id],
      () => app.gql(SUBMIT_FORECAST, { input: { lines: repLines, expectedVersion: before.version } }, rep),
      (client) => client.query(`update forecast_submission set version = version + 1 where id = $1`, [before.id]),
    );
    expect(errorOf(outcome.errors)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const after = (await app.gql(FORECAST_SUBMISSION, {}, rep)).data!.forecastSubmission!;
    expect(after.version).toBe(before.version + 1);
    // Without a version the later one waits, then replaces the lines.
    const replaced = await interleave(
      `select id from forecast_submission where id = $1 for update`,
      [before.id],
      () => app.gql(SUBMIT_FORECAST, { input: { lines: repLines } }, rep),
      (client) => client.query(`update forecast_submission set note = 'held' where id = $1`, [before.id]),
    );
    expect(replaced.errors).toBeUndefined();
    expect(replaced.data!.submitForecast.version).toBe(before.version + 2);
  });

  it('two adjustments at once: the later one with a stale version is a CONFLICT', async () => {
    const manager = await as('shanghai1Manager');
    const [existing] = (await app.gql(FORECAST_ADJUSTMENTS, { orgUnitId: units.shanghai1 }, manager)).data!.forecastAdjustments;
    const outcome = await interleave(
      `select id from forecast_adjustment where id = $1 for update`,
      [existing!.id],
      () =>
        app.gql(
          ADJUST_FORECAST,
          { input: { orgUnitId: units.shanghai1, month: CURRENT, commit: '145000', bestCase: '175000', pipeline: '100000', reason: '再调', expectedVersion: existing!.version } },
          manager,
        ),
      (client) => client.query(`update forecast_adjustment set version = version + 1, commit = 135000 where id = $1`, [existing!.id]),
    );
    expect(errorOf(outcome.errors)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const [after] = (await app.gql(FORECAST_ADJUSTMENTS, { orgUnitId: units.shanghai1 }, manager)).data!.forecastAdjustments;
    expect(after).toMatchObject({ version: existing!.version + 1, commit: '135000' });
  });
});
