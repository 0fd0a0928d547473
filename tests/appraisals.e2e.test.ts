import pg from 'pg';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { AppraisalData } from './fixtures/appraisal-data';
import { people, units, userId } from './fixtures/demo-people';
import type { AppraisalFieldsFragment } from './gql/graphql';
import {
  APPRAISALS,
  CLOSE_IMPROVEMENT_PLAN,
  CONFIRM_APPRAISAL,
  IMPROVEMENT_CANDIDATES,
  IMPROVEMENT_PLANS,
  OPEN_IMPROVEMENT_PLAN,
  RETURN_APPRAISAL,
  REVIEW_APPRAISAL,
  RUN_APPRAISALS,
  SCORECARDS,
  SUBMIT_APPRAISAL,
  UPDATE_IMPROVEMENT_ACTION,
} from './graphql/appraisals.documents';
import { pause } from './support/wait';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * Appraisals (N8, N9) and improvement plans (N11) on fixed data in 2025, a year the demo data leaves empty:
 *
 * Scorecard SALES_REP: booked sales achievement 60 % (cap 120), visits achievement 40 % (cap 120); flagged after 3
 * months in a row under 100 % of the booked sales target.
 * - 赵磊 (上海一组), June 2025: booked target 100,000, orders 50,000 + 35,000 → 85.00 % → score 85.00, weighted 51.00;
 *   visits target 10, 13 visits → 130.00 % → score 120.00 (capped), weighted 48.00. Total 99.00, grade B.
 *   April 90,000 of 100,000, May 120,000 of 100,000: May met, so not flagged.
 * - 吴婷 (上海一组), June 2025: booked target 50,000, nothing booked → 0.00, weighted 0.00; 2 visits without a visits
 *   target → not scored. Total 0.00 × 100 ÷ 60 = 0.00, grade D. April 10,000 (20 %), May 20,000 (40 %): flagged.
 */
let app: TestApp;
let data: AppraisalData;
const auths = new Map<string, Auth>();

const JUNE = { periodKind: 'MONTH' as const, periodStart: '2025-06-01' };
const rep = userId(people.shanghai1Rep);
const teammate = userId(people.shanghai1Teammate);
const manager = userId(people.shanghai1Manager);

async function as(person: keyof typeof people): Promise<Auth> {
  const known = auths.get(person);
  if (known) return known;
  const auth = { token: await app.tokenFor(people[person].email) };
  auths.set(person, auth);
  return auth;
}

async function appraisalOf(user: string, auth?: Auth): Promise<AppraisalFieldsFragment> {
  const response = await app.gql(APPRAISALS, { ...JUNE, userId: user }, auth ?? (await as('shanghai1Manager')));
  expect(response.errors).toBeUndefined();
  expect(response.data!.appraisals).toHaveLength(1);
  return response.data!.appraisals[0];
}

function codeOf(response: { errors?: readonly { extensions?: Record<string, unknown> }[] }): unknown {
  return response.errors?.[0]?.extensions?.code;
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  data = new AppraisalData(app.orm);
  const [facts] = await app.orm.em.fork().execute<{ count: string }[]>(
    `select count(*)::text as count from sales_performance_fact where occurred_on between '2025-01-01' and '2025-12-31' and user_id in (?, ?)`,
    [rep, teammate],
  );
  expect(facts.count).toBe('0');
  await data.scorecard('SALES_REP', '2025-01-01', [['BOOKED_SALES_ACHIEVEMENT', '60', '120'], ['VISITS_ACHIEVEMENT', '40', '120']]);
  await data.scorecard('TEAM_MANAGER', '2025-01-01', [['BOOKED_SALES_ACHIEVEMENT', '100', '120']]);
  for (const [month, value] of [['2025-04-01', '100000'], ['2025-05-01', '100000'], ['2025-06-01', '100000']] as const) {
    await data.target(rep, 'BOOKED_SALES', 'MONTH', month, value, manager);
    await data.target(teammate, 'BOOKED_SALES', 'MONTH', month, '50000', manager);
  }
  await data.target(rep, 'VISITS', 'MONTH', '2025-06-01', '10', manager);
  await data.order(rep, '2025-04-10', '90000');
  await data.order(rep, '2025-05-12', '120000');
  await data.order(rep, '2025-06-03', '50000');
  await data.order(rep, '2025-06-30', '35000');
  await data.order(rep, '2025-07-01', '999999');
  await data.visits(rep, '2025-06-15', 13);
  await data.order(teammate, '2025-04-20', '10000');
  await data.order(teammate, '2025-05-20', '20000');
  await data.visits(teammate, '2025-06-16', 2);
}, 120_000);

afterAll(() => app.close());

describe('scorecards', () => {
  it('are master data every internal user reads; an active one’s weights add up to 100, checked at commit', async () => {
    const response = await app.gql(SCORECARDS, {}, await as('shanghai1Rep'));
    expect(response.errors).toBeUndefined();
    const salesRep = response.data!.scorecards.find((card) => card.role === 'SALES_REP')!;
    expect(salesRep.indicators.map((line) => [line.indicator, line.weight, line.capPercent])).toEqual([
      ['BOOKED_SALES_ACHIEVEMENT', '60', '120'],
      ['VISITS_ACHIEVEMENT', '40', '120'],
    ]);
    await expect(data.scorecard('KEY_ACCOUNT_MANAGER', '2025-01-01', [['BOOKED_SALES_ACHIEVEMENT', '60', '120']])).rejects.toThrow(/add up to 60.00, not 100/);
    const partner = await app.gql(SCORECARDS, {}, await as('partner'));
    expect(partner.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe('computing appraisals', () => {
  it('a team manager computes his team’s drafts for June in a constant number of statements, not his own', async () => {
    app.resetQueries();
    const response = await app.gql(RUN_APPRAISALS, { input: JUNE }, await as('shanghai1Manager'));
    expect(response.errors).toBeUndefined();
    const teamStatements = app.queries.length;
    const appraised = response.data!.runAppraisals.map((appraisal) => appraisal.user?.id);
    expect(appraised).toHaveLength(4);
    expect(appraised).toEqual(expect.arrayContaining([rep, teammate]));
    expect(appraised).not.toContain(manager);
    // The VP computes the whole company (every rep, manager and director with a scorecard) with as many statements.
    app.resetQueries();
    const company = await app.gql(RUN_APPRAISALS, { input: { ...JUNE } }, await as('vp'));
    expect(company.errors).toBeUndefined();
    expect(company.data!.runAppraisals.length).toBeGreaterThan(30);
    expect(app.queries.length).toBeLessThanOrEqual(teamStatements + 2);
  });

  it('scores 赵磊’s June by hand: booked 85 % → 85.00 × 60 %, visits 130 % capped at 120 → 120.00 × 40 %; total 99.00, grade B', async () => {
    const appraisal = await appraisalOf(rep);
    expect(appraisal.status).toBe('DRAFT');
    expect(appraisal.periodEnd).toBe('2025-06-30');
    expect(appraisal.lines.map((line) => [line.indicator, line.target, line.actual, line.ratePercent, line.computedScore, line.score, line.weightedScore])).toEqual([
      ['BOOKED_SALES_ACHIEVEMENT', '100000', '85000', '85', '85', '85', '51'],
      ['VISITS_ACHIEVEMENT', '10', '13', '130', '120', '120', '48'],
    ]);
    expect([appraisal.totalScore, appraisal.grade]).toEqual(['99', 'B']);
  });

  it('scores 吴婷’s June: nothing booked → 0; visits without a target are not scored; total 0.00, grade D', async () => {
    const appraisal = await appraisalOf(teammate);
    expect(appraisal.lines.map((line) => [line.indicator, line.target, line.actual, line.computedScore, line.weightedScore])).toEqual([
      ['BOOKED_SALES_ACHIEVEMENT', '50000', '0', '0', '0'],
      ['VISITS_ACHIEVEMENT', null, '2', null, null],
    ]);
    expect([appraisal.totalScore, appraisal.grade]).toEqual(['0', 'D']);
  });

  it('refuses a day that does not start a period, and a unit the caller does not head', async () => {
    const notStart = await app.gql(RUN_APPRAISALS, { input: { periodKind: 'MONTH', periodStart: '2025-06-02' } }, await as('shanghai1Manager'));
    expect(notStart.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_A_PERIOD_START', fields: [{ path: 'input.periodStart' }] });
    const otherTeam = await app.gql(RUN_APPRAISALS, { input: { ...JUNE, orgUnitId: units.shanghai2 } }, await as('shanghai1Manager'));
    expect(otherTeam.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'UNIT_NOT_FOUND' });
    const rep = await app.gql(RUN_APPRAISALS, { input: JUNE }, await as('shanghai1Rep'));
    expect(codeOf(rep)).toBe('FORBIDDEN');
  });
});

describe('the workflow: draft → reviewed → confirmed and archived', () => {
  it('only the head of the person’s unit reviews; an adjustment needs a reason', async () => {
    const draft = await appraisalOf(rep);
    const director = await app.gql(REVIEW_APPRAISAL, { id: draft.id, version: draft.version, input: { comment: '不错' } }, await as('eastDirector'));
    expect(director.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_REVIEW' });
    const noReason = await app.gql(
      REVIEW_APPRAISAL,
      { id: draft.id, version: draft.version, input: { adjustments: [{ indicator: 'VISITS_ACHIEVEMENT', score: '100' }] } },
      await as('shanghai1Manager'),
    );
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.adjustments.0.reason' }] });
    const unknown = await app.gql(
      REVIEW_APPRAISAL,
      { id: draft.id, version: draft.version, input: { adjustments: [{ indicator: 'COLLECTIONS_ACHIEVEMENT', score: '100', reason: '无此指标' }] } },
      await as('shanghai1Manager'),
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_INDICATOR', fields: [{ path: 'input.adjustments.0.indicator' }] });
    expect((await appraisalOf(rep)).version).toBe(draft.version);
  });

  it('the manager adjusts visits to 100 with a reason (total 51 + 40 = 91.00, B), comments, recommends and submits', async () => {
    const draft = await appraisalOf(rep);
    const submitEarly = await app.gql(SUBMIT_APPRAISAL, { id: draft.id, version: draft.version }, await as('shanghai1Manager'));
    expect(submitEarly.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RECOMMENDATION_REQUIRED' });
    const reviewed = await app.gql(
      REVIEW_APPRAISAL,
      {
        id: draft.id,
        version: draft.version,
        input: { adjustments: [{ indicator: 'VISITS_ACHIEVEMENT', score: '100', reason: '13 次拜访中 3 次为重复拜访同一客户' }], comment: '业绩接近目标', recommendation: 'TRAINING' },
      },
      await as('shanghai1Manager'),
    );
    expect(reviewed.errors).toBeUndefined();
    const appraisal = reviewed.data!.reviewAppraisal;
    const visits = appraisal.lines.find((line) => line.indicator === 'VISITS_ACHIEVEMENT')!;
    expect([visits.computedScore, visits.adjustedScore, visits.score, visits.weightedScore, visits.adjustmentReason]).toEqual(['120', '100', '100', '40', '13 次拜访中 3 次为重复拜访同一客户']);
    expect([appraisal.totalScore, appraisal.grade, appraisal.recommendation, appraisal.reviewComment, appraisal.status]).toEqual(['91', 'B', 'TRAINING', '业绩接近目标', 'DRAFT']);
    const submitted = await app.gql(SUBMIT_APPRAISAL, { id: appraisal.id, version: appraisal.version }, await as('shanghai1Manager'));
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitAppraisal).toMatchObject({ status: 'REVIEWED', reviewedBy: { id: manager } });
  });

  it('a recomputation leaves a reviewed appraisal as it is', async () => {
    const before = await appraisalOf(rep);
    await app.gql(RUN_APPRAISALS, { input: JUNE }, await as('shanghai1Manager'));
    expect(await appraisalOf(rep)).toEqual(before);
  });

  it('the reviewer cannot confirm; the director returns it with a comment, the manager submits again, the director confirms', async () => {
    let appraisal = await appraisalOf(rep);
    const own = await app.gql(CONFIRM_APPRAISAL, { id: appraisal.id, version: appraisal.version }, await as('shanghai1Manager'));
    expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_CONFIRMATION' });
    const returned = await app.gql(RETURN_APPRAISAL, { id: appraisal.id, version: appraisal.version, comment: '请补充拜访质量说明' }, await as('eastDirector'));
    expect(returned.errors).toBeUndefined();
    expect(returned.data!.returnAppraisal).toMatchObject({ status: 'DRAFT', returnComment: '请补充拜访质量说明' });
    appraisal = returned.data!.returnAppraisal;
    const resubmitted = await app.gql(SUBMIT_APPRAISAL, { id: appraisal.id, version: appraisal.version }, await as('shanghai1Manager'));
    appraisal = resubmitted.data!.submitAppraisal;
    const confirmed = await app.gql(CONFIRM_APPRAISAL, { id: appraisal.id, version: appraisal.version }, await as('eastDirector'));
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmAppraisal).toMatchObject({ status: 'ARCHIVED', confirmedBy: { id: userId(people.eastDirector) }, totalScore: '91', grade: 'B' });
  });

  it('an archived appraisal never changes: not through the API, not by a recomputation, not in SQL', async () => {
    const archived = await appraisalOf(rep);
    const review = await app.gql(REVIEW_APPRAISAL, { id: archived.id, version: archived.version, input: { comment: '改一下' } }, await as('shanghai1Manager'));
    expect(review.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'APPRAISAL_STATUS_CONFLICT' });
    await app.gql(RUN_APPRAISALS, { input: JUNE }, await as('vp'));
    expect(await appraisalOf(rep)).toEqual(archived);
    const em = app.orm.em.fork();
    await expect(em.execute(`update appraisal set total_score = 100 where id = ?`, [archived.id])).rejects.toThrow(/archived/);
    await expect(em.execute(`update appraisal_line set adjusted_score = 120, adjustment_reason = 'x' where appraisal_id = ?`, [archived.id])).rejects.toThrow(/archived/);
    await expect(em.execute(`delete from appraisal where id = ?`, [archived.id])).rejects.toThrow(/archived/);
    expect(await appraisalOf(rep)).toEqual(archived);
  });

  it('two confirmations at once: exactly one archives it, the other is a CONFLICT', async () => {
    let appraisal = await appraisalOf(teammate);
    const reviewed = await app.gql(REVIEW_APPRAISAL, { id: appraisal.id, version: appraisal.version, input: { recommendation: 'IMPROVEMENT_PLAN' } }, await as('shanghai1Manager'));
    appraisal = reviewed.data!.reviewAppraisal;
    appraisal = (await app.gql(SUBMIT_APPRAISAL, { id: appraisal.id, version: appraisal.version }, await as('shanghai1Manager'))).data!.submitAppraisal;
    // Hold the row, so both confirmations read it and then wait at their update: the interleaving is forced.
    const holder = new pg.Client({ connectionString: app.config.databaseUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select id from appraisal where id = $1 for update', [appraisal.id]);
      const director = await as('eastDirector');
      const both = [
        app.gql(CONFIRM_APPRAISAL, { id: appraisal.id, version: appraisal.version }, director),
        app.gql(CONFIRM_APPRAISAL, { id: appraisal.id, version: appraisal.version }, director),
      ];
      let waiting = 0;
      for (let tries = 0; waiting < 2 && tries < 200; tries += 1) {
        await pause(50);
        const { rows } = await holder.query(`select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`);
        waiting = rows[0].waiting;
      }
      // Both have read the appraisal at the same version and wait at their update.
      expect(waiting).toBe(2);
      await holder.query('commit');
      const outcomes = await Promise.all(both);
      const won = outcomes.filter((outcome) => outcome.errors === undefined);
      const lost = outcomes.filter((outcome) => outcome.errors !== undefined);
      expect(won).toHaveLength(1);
      expect(won[0].data!.confirmAppraisal.status).toBe('ARCHIVED');
      expect(lost).toHaveLength(1);
      expect(lost[0].errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    } finally {
      await holder.end();
    }
    const [events] = await app.orm.em.fork().execute<{ count: string }[]>(`select count(*)::text as count from domain_event where type = 'appraisal.finalized' and aggregate_id = ?`, [appraisal.id]);
    expect(events.count).toBe('1');
  });
});

describe('improvement candidates and plans', () => {
  it('flags 吴婷 after three months under target (20 %, 40 %, 0 %), not 赵磊, whose May met it', async () => {
    const response = await app.gql(IMPROVEMENT_CANDIDATES, { periodStart: '2025-06-01' }, await as('shanghai1Manager'));
    expect(response.errors).toBeUndefined();
    expect(response.data!.improvementCandidates.map((candidate) => candidate.user.id)).toEqual([teammate]);
    expect(response.data!.improvementCandidates[0]).toMatchObject({
      metric: 'BOOKED_SALES',
      periodKind: 'MONTH',
      thresholdPercent: '100',
      missPeriods: 3,
      openPlan: null,
      periods: [
        { periodStart: '2025-06-01', target: '50000', actual: '0', ratePercent: '0' },
        { periodStart: '2025-05-01', target: '50000', actual: '20000', ratePercent: '40' },
        { periodStart: '2025-04-01', target: '50000', actual: '10000', ratePercent: '20' },
      ],
    });
    // Two months back there were only two misses on record for her: not flagged yet.
    const may = await app.gql(IMPROVEMENT_CANDIDATES, { periodStart: '2025-05-01' }, await as('shanghai1Manager'));
    expect(may.data!.improvementCandidates).toEqual([]);
    const otherManager = await app.gql(IMPROVEMENT_CANDIDATES, { periodStart: '2025-06-01' }, await as('shanghai2Manager'));
    expect(otherManager.data!.improvementCandidates).toEqual([]);
  });

  it('the manager opens a plan with actions; she records progress; it is tracked to closure', async () => {
    const opened = await app.gql(
      OPEN_IMPROVEMENT_PLAN,
      {
        input: {
          userId: teammate,
          reason: '连续三个月未完成销售目标',
          goal: '7 月完成 80 % 以上',
          missedPeriodKind: 'MONTH',
          missedUntil: '2025-06-01',
          actions: [
            { description: '由赵磊带教，每周陪同拜访两次', dueOn: '2025-07-15' },
            { description: '参加产品知识培训', dueOn: '2025-07-31' },
          ],
        },
      },
      await as('shanghai1Manager'),
    );
    expect(opened.errors).toBeUndefined();
    const plan = opened.data!.openImprovementPlan;
    expect(plan).toMatchObject({ status: 'OPEN', doneActions: 0, user: { id: teammate }, openedBy: { id: manager } });
    const again = await app.gql(OPEN_IMPROVEMENT_PLAN, { input: { userId: teammate, reason: '再开', goal: '再开', actions: [] } }, await as('shanghai1Manager'));
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PLAN_ALREADY_OPEN' });
    const byRep = await app.gql(OPEN_IMPROVEMENT_PLAN, { input: { userId: rep, reason: '越权', goal: '越权', actions: [] } }, await as('shanghai2Manager'));
    expect(byRep.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_BELOW_YOU' });

    const candidates = await app.gql(IMPROVEMENT_CANDIDATES, { periodStart: '2025-06-01' }, await as('shanghai1Manager'));
    expect(candidates.data!.improvementCandidates[0].openPlan).toEqual({ id: plan.id });

    const done = await app.gql(UPDATE_IMPROVEMENT_ACTION, { id: plan.actions[0].id, input: { doneOn: '2025-07-14', result: '陪同拜访 5 次，签下 1 单' } }, await as('shanghai1Teammate'));
    expect(done.errors).toBeUndefined();
    const colleague = await app.gql(IMPROVEMENT_PLANS, { userId: teammate }, await as('shanghai1Rep'));
    expect(colleague.data!.improvementPlans).toEqual([]);
    const hers = await app.gql(IMPROVEMENT_PLANS, {}, await as('shanghai1Teammate'));
    expect(hers.data!.improvementPlans).toHaveLength(1);
    expect(hers.data!.improvementPlans[0]).toMatchObject({ doneActions: 1, actions: [{ doneOn: '2025-07-14', result: '陪同拜访 5 次，签下 1 单' }, { doneOn: null }] });

    const closed = await app.gql(
      CLOSE_IMPROVEMENT_PLAN,
      { id: plan.id, version: plan.version, outcome: 'IMPROVED', comment: '7 月完成 85 %' },
      await as('shanghai1Manager'),
    );
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeImprovementPlan).toMatchObject({ status: 'CLOSED', outcome: 'IMPROVED', closedBy: { id: manager } });
    const late = await app.gql(UPDATE_IMPROVEMENT_ACTION, { id: plan.actions[1].id, input: { doneOn: '2025-08-01' } }, await as('shanghai1Teammate'));
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PLAN_CLOSED' });
  });
});
