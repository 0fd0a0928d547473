import { loadConfig } from '../api/config';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people, units, userId, type PersonName } from './fixtures/demo-people';
import {
  ACKNOWLEDGE_WORK_REPORT,
  CREATE_WORK_REPORT,
  PROPOSE_DAILY_REPORT,
  REPORT_COMPLIANCE,
  REPORT_DEADLINES,
  REVIEW_WORK_REPORT,
  SUBMIT_WORK_REPORT,
  UPDATE_WORK_REPORT,
  WORK_REPORT,
  WORK_REPORTS,
} from './graphql/reports.documents';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * Work reports (P1–P5): periods and deadlines in the company's time zone (the database functions, checked directly in
 * another zone across DST changes and month ends), submission on time and late, the chain's review and its guarded
 * score, important matters up the line, the daily report prefilled from the day's visits, and "who is late" for a
 * manager's team and a director's region in one statement.
 */
let app: TestApp;
let today: string;
const rep = userId(people.shanghai1Rep);
const teammate = userId(people.shanghai1Teammate);
const manager = userId(people.shanghai1Manager);

async function as(person: PersonName): Promise<Auth> {
  return { token: await app.tokenFor(people[person].email) };
}

async function sql<Row>(text: string, params: unknown[] = []): Promise<Row[]> {
  return app.orm.em.fork().execute<Row[]>(text, params);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Monday of the ISO week containing `day`. */
function monday(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  [{ today }] = await sql<{ today: string }>(`select (now() at time zone 'Asia/Shanghai')::date::text as today`);
}, 180_000);

afterAll(() => app.close());

describe('periods and deadlines (database functions)', () => {
  async function deadline(kind: string, role: string, periodStart: string, zone: string): Promise<string> {
    const [row] = await sql<{ at: string }>(
      `select to_char(salesgraph_report_deadline(?::work_report_kind, ?::user_role, ?::date, ?) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') as at`,
      [kind, role, periodStart, zone],
    );
    return row.at;
  }

  it('the company zone is Asia/Shanghai unless COMPANY_TIME_ZONE says otherwise', () => {
    expect(app.config.companyTimeZone).toBe('Asia/Shanghai');
  });

  it('periods: ISO weeks from Monday, calendar months and quarters, across year ends and leap years', async () => {
    const rows = await sql<{ start: string; end: string }>(
      `select salesgraph_report_period_start(k::work_report_kind, d::date)::text as start, salesgraph_report_period_end(k::work_report_kind, salesgraph_report_period_start(k::work_report_kind, d::date))::text as end
         from (values ('WEEKLY', '2027-01-01'), ('MONTHLY', '2028-02-14'), ('MONTHLY', '2027-02-28'), ('QUARTERLY', '2026-12-31'), ('DAILY', '2026-12-31')) v(k, d)`,
    );
    expect(rows).toEqual([
      { start: '2026-12-28', end: '2027-01-03' },
      { start: '2028-02-01', end: '2028-02-29' },
      { start: '2027-02-01', end: '2027-02-28' },
      { start: '2026-10-01', end: '2026-12-31' },
      { start: '2026-12-31', end: '2026-12-31' },
    ]);
  });

  it('Shanghai (no DST): weekly by the end of Sunday for reps, Monday 12:00 for managers; monthly by the 3rd and the 5th; quarterly 15 days; daily next morning', async () => {
    const zone = 'Asia/Shanghai';
    expect(await deadline('WEEKLY', 'SALES_REP', '2026-12-28', zone)).toBe('2027-01-03T16:00Z');
    expect(await deadline('WEEKLY', 'TEAM_MANAGER', '2026-12-28', zone)).toBe('2027-01-04T04:00Z');
    expect(await deadline('MONTHLY', 'SALES_REP', '2026-12-01', zone)).toBe('2027-01-03T16:00Z');
    expect(await deadline('MONTHLY', 'REGIONAL_DIRECTOR', '2026-12-01', zone)).toBe('2027-01-05T16:00Z');
    expect(await deadline('QUARTERLY', 'KEY_ACCOUNT_MANAGER', '2026-10-01', zone)).toBe('2027-01-15T16:00Z');
    expect(await deadline('DAILY', 'SALES_REP', '2026-12-31', zone)).toBe('2027-01-01T01:00Z');
  });

  it('New York: the wall-clock deadline holds across the DST changes of March and November', async () => {
    const zone = 'America/New_York';
    // The week of 2026-02-23 ends before DST starts (EST, UTC−5); the week of 2026-03-02 ends on the day it starts (EDT, UTC−4).
    expect(await deadline('WEEKLY', 'SALES_REP', '2026-02-23', zone)).toBe('2026-03-02T05:00Z');
    expect(await deadline('WEEKLY', 'TEAM_MANAGER', '2026-02-23', zone)).toBe('2026-03-02T17:00Z');
    expect(await deadline('WEEKLY', 'SALES_REP', '2026-03-02', zone)).toBe('2026-03-09T04:00Z');
    expect(await deadline('WEEKLY', 'TEAM_MANAGER', '2026-03-02', zone)).toBe('2026-03-09T16:00Z');
    // DST ends on Sunday 2026-11-01: that week's Monday noon is EST again.
    expect(await deadline('WEEKLY', 'TEAM_MANAGER', '2026-10-26', zone)).toBe('2026-11-02T17:00Z');
    // The daily report of the day the clocks go back is due at 09:00 EST the next day.
    expect(await deadline('DAILY', 'SALES_REP', '2026-11-01', zone)).toBe('2026-11-02T14:00Z');
  });

  it('New York: month ends (Feb 28 and 29, Dec 31 → Jan) and the quarter after', async () => {
    const zone = 'America/New_York';
    expect(await deadline('MONTHLY', 'SALES_REP', '2027-02-01', zone)).toBe('2027-03-04T05:00Z');
    expect(await deadline('MONTHLY', 'SALES_REP', '2028-02-01', zone)).toBe('2028-03-04T05:00Z');
    expect(await deadline('MONTHLY', 'TEAM_MANAGER', '2028-02-01', zone)).toBe('2028-03-06T05:00Z');
    // March 2026's reports are due in April, after DST started.
    expect(await deadline('MONTHLY', 'SALES_REP', '2026-03-01', zone)).toBe('2026-04-04T04:00Z');
    expect(await deadline('MONTHLY', 'SALES_REP', '2026-12-01', zone)).toBe('2027-01-04T05:00Z');
    expect(await deadline('QUARTERLY', 'SALES_REP', '2026-10-01', zone)).toBe('2027-01-16T05:00Z');
    expect(await deadline('WEEKLY', 'SALES_REP', '2026-12-28', zone)).toBe('2027-01-04T05:00Z');
  });

  it('a role without a deadline files no such report: no deadline', async () => {
    const [row] = await sql<{ at: string | null }>(`select salesgraph_report_deadline('WEEKLY', 'FINANCE', '2026-12-28', 'Asia/Shanghai') as at`);
    expect(row.at).toBeNull();
  });

  it('lists the deadlines as master data to every internal user', async () => {
    const response = await app.gql(REPORT_DEADLINES, {}, await as('shanghai1Rep'));
    expect(response.errors).toBeUndefined();
    expect(response.data!.reportDeadlines).toHaveLength(14);
    expect(response.data!.reportDeadlines).toContainEqual({ kind: 'WEEKLY', role: 'TEAM_MANAGER', dueAfterMinutes: 720, description: '下周一 12:00' });
  });
});

describe('writing, submitting and reviewing', () => {
  let lastWeekId: string;

  it('a rep’s report of last week, handed in now, is LATE; the deadline was fixed in company time when it was created', async () => {
    const created = await app.gql(CREATE_WORK_REPORT, { input: { kind: 'WEEKLY', date: addDays(today, -7), progress: '拜访客户 5 家', plan: '下周跟进报价' } }, await as('shanghai1Rep'));
    expect(created.errors).toBeUndefined();
    const report = created.data!.createWorkReport;
    expect(report).toMatchObject({ status: 'DRAFT', periodStart: monday(addDays(today, -7)), periodEnd: addDays(monday(addDays(today, -7)), 6), late: false });
    const [expected] = await sql<{ at: Date }>(`select salesgraph_report_deadline('WEEKLY', 'SALES_REP', ?::date, 'Asia/Shanghai') as at`, [report.periodStart]);
    expect(new Date(report.deadlineAt!).getTime()).toBe(new Date(expected.at).getTime());
    const submitted = await app.gql(SUBMIT_WORK_REPORT, { id: report.id, version: report.version }, await as('shanghai1Rep'));
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitWorkReport).toMatchObject({ status: 'LATE', late: true });
    lastWeekId = report.id;
  });

  it('this week’s report handed in before Sunday’s end is SUBMITTED on time', async () => {
    const created = await app.gql(CREATE_WORK_REPORT, { input: { kind: 'WEEKLY', progress: '本周进展' } }, await as('shanghai1Rep'));
    expect(created.errors).toBeUndefined();
    const submitted = await app.gql(SUBMIT_WORK_REPORT, { id: created.data!.createWorkReport.id, version: created.data!.createWorkReport.version }, await as('shanghai1Rep'));
    expect(submitted.data!.submitWorkReport).toMatchObject({ status: 'SUBMITTED', late: false });
  });

  it('one report per author, kind and period; none for a period that has not started', async () => {
    const again = await app.gql(CREATE_WORK_REPORT, { input: { kind: 'WEEKLY', date: addDays(today, -7) } }, await as('shanghai1Rep'));
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'REPORT_EXISTS' });
    const future = await app.gql(CREATE_WORK_REPORT, { input: { kind: 'MONTHLY', date: addDays(today, 40) } }, await as('shanghai1Rep'));
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FUTURE_PERIOD' });
    expect(future.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: 'input.date' })]);
  });

  it('a submitted report no longer changes; a stale version is a CONFLICT', async () => {
    const report = (await app.gql(WORK_REPORT, { id: lastWeekId }, await as('shanghai1Rep'))).data!.workReport!;
    const edit = await app.gql(UPDATE_WORK_REPORT, { id: lastWeekId, version: report.version, input: { plan: '改' } }, await as('shanghai1Rep'));
    expect(edit.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'REPORT_STATUS_CONFLICT' });
    const stale = await app.gql(REVIEW_WORK_REPORT, { id: lastWeekId, version: report.version - 1, input: { score: 3 } }, await as('shanghai1Manager'));
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
  });

  it('a peer sees nothing of it; another team’s manager neither; the rep cannot review it', async () => {
    const peer = await app.gql(WORK_REPORT, { id: lastWeekId }, await as('shanghai1Teammate'));
    expect(peer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const version = (await app.gql(WORK_REPORT, { id: lastWeekId }, await as('shanghai1Rep'))).data!.workReport!.version;
    const otherManager = await app.gql(REVIEW_WORK_REPORT, { id: lastWeekId, version, input: { score: 5 } }, await as('shanghai2Manager'));
    expect(otherManager.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const self = await app.gql(REVIEW_WORK_REPORT, { id: lastWeekId, version, input: { score: 5 } }, await as('shanghai1Rep'));
    expect(self.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const outOfRange = await app.gql(REVIEW_WORK_REPORT, { id: lastWeekId, version, input: { score: 6 } }, await as('shanghai1Manager'));
    expect(outOfRange.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('the manager reviews: REVIEWED, still late; score and comment read by the author, the manager, the director and the VP', async () => {
    const version = (await app.gql(WORK_REPORT, { id: lastWeekId }, await as('shanghai1Rep'))).data!.workReport!.version;
    const reviewed = await app.gql(REVIEW_WORK_REPORT, { id: lastWeekId, version, input: { score: 4, comment: '按时提交' } }, await as('shanghai1Manager'));
    expect(reviewed.errors).toBeUndefined();
    expect(reviewed.data!.reviewWorkReport).toMatchObject({ status: 'REVIEWED', late: true, score: 4, reviewComment: '按时提交', reviewedBy: { id: manager } });
    for (const person of ['shanghai1Rep', 'shanghai1Manager', 'eastDirector', 'vp', 'admin'] as const) {
      const read = await app.gql(WORK_REPORT, { id: lastWeekId }, await as(person));
      expect({ person, errors: read.errors, score: read.data?.workReport?.score }).toEqual({ person, errors: undefined, score: 4 });
    }
    const again = await app.gql(REVIEW_WORK_REPORT, { id: lastWeekId, version: version + 1, input: { score: 2 } }, await as('eastDirector'));
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'REPORT_STATUS_CONFLICT' });
  });

  it('lists: the rep sees their own two reports, the teammate none of them', async () => {
    const own = await app.gql(WORK_REPORTS, { filter: { authorId: rep } }, await as('shanghai1Rep'));
    expect(own.data!.workReports.totalCount).toBe(2);
    const peer = await app.gql(WORK_REPORTS, { filter: { authorId: rep } }, await as('shanghai1Teammate'));
    expect(peer.data!.workReports.totalCount).toBe(0);
  });
});

describe('daily reports prefilled from the day', () => {
  it('proposes the day’s visits and stage moves, and a new daily report links them and starts from that text', async () => {
    const [customer] = await sql<{ id: string; name: string }>(`select id, name from customer where owner_id = ? order by name limit 1`, [teammate]);
    const [visit] = await sql<{ id: string }>(
      `insert into visit (id, customer_id, visited_by_id, visited_on, purpose, outcome) values (gen_random_uuid(), ?, ?, ?::date, '介绍新品', '客户有意向') returning id`,
      [customer.id, teammate, today],
    );
    const proposal = await app.gql(PROPOSE_DAILY_REPORT, { date: today }, await as('shanghai1Teammate'));
    expect(proposal.errors).toBeUndefined();
    expect(proposal.data!.proposeDailyReport.visits.map((each) => each.id)).toContain(visit.id);
    expect(proposal.data!.proposeDailyReport.progress).toContain(`拜访 ${customer.name}：介绍新品（客户有意向）`);
    expect(proposal.data!.proposeDailyReport.existing).toBeNull();

    const created = await app.gql(CREATE_WORK_REPORT, { input: { kind: 'DAILY', problems: '价格偏高', helpNeeded: '申请折扣', plan: '明天报价' } }, await as('shanghai1Teammate'));
    expect(created.errors).toBeUndefined();
    const report = created.data!.createWorkReport;
    expect(report.periodStart).toBe(today);
    expect(report.visits.map((each) => each.id)).toContain(visit.id);
    expect(report.progress).toBe(proposal.data!.proposeDailyReport.progress);
    // The manager reads the visits with the report.
    const read = await app.gql(WORK_REPORT, { id: report.id }, await as('shanghai1Manager'));
    expect(read.data!.workReport!.visits.map((each) => each.id)).toContain(visit.id);
  });

  it('refuses a visit that is not the author’s, naming the list', async () => {
    const [other] = await sql<{ id: string }>(`select id from visit where visited_by_id <> ? and (accompanied_by_id is null or accompanied_by_id <> ?) limit 1`, [rep, rep]);
    const response = await app.gql(CREATE_WORK_REPORT, { input: { kind: 'DAILY', date: addDays(today, -1), visitIds: [other.id] } }, await as('shanghai1Rep'));
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VISIT_NOT_FOUND' });
    expect(response.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: 'input.visitIds' })]);
  });
});

describe('important matters go up the line', () => {
  it('readable and acknowledged by every head above the author; not by peers; no deadline, never late', async () => {
    const created = await app.gql(CREATE_WORK_REPORT, { input: { kind: 'IMPORTANT_MATTER', title: '大客户流失风险', analysis: '竞品降价 15 %' } }, await as('shanghai1Rep'));
    expect(created.errors).toBeUndefined();
    const report = created.data!.createWorkReport;
    expect(report.deadlineAt).toBeNull();
    const submitted = await app.gql(SUBMIT_WORK_REPORT, { id: report.id, version: report.version }, await as('shanghai1Rep'));
    expect(submitted.data!.submitWorkReport).toMatchObject({ status: 'SUBMITTED', late: false });
    for (const person of ['shanghai1Manager', 'eastDirector', 'vp'] as const) {
      const ack = await app.gql(ACKNOWLEDGE_WORK_REPORT, { id: report.id, comment: `${person} 已阅` }, await as(person));
      expect({ person, errors: ack.errors }).toEqual({ person, errors: undefined });
    }
    const read = await app.gql(WORK_REPORT, { id: report.id }, await as('shanghai1Rep'));
    expect(read.data!.workReport!.acknowledgements.map((each) => each.user?.id).sort()).toEqual(
      [manager, userId(people.eastDirector), userId(people.vp)].sort(),
    );
    expect((await app.gql(WORK_REPORT, { id: report.id }, await as('shanghai1Teammate'))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await app.gql(WORK_REPORT, { id: report.id }, await as('northDirector'))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const periodic = await app.gql(ACKNOWLEDGE_WORK_REPORT, { id: (await app.gql(WORK_REPORTS, { filter: { authorId: rep, kind: 'WEEKLY' }, first: 1 }, await as('shanghai1Manager'))).data!.workReports.nodes[0].id }, await as('shanghai1Manager'));
    expect(periodic.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_AN_IMPORTANT_MATTER' });
  });
});

describe('who is late', () => {
  /** SQL statements of one request, authentication included. */
  async function statementsOf(run: () => Promise<{ errors?: unknown }>): Promise<number> {
    app.resetQueries();
    const response = await run();
    expect(response.errors).toBeUndefined();
    return app.queries.length;
  }

  it('a manager: each person of the team × each week, missing, late, on time, reviewed; in one statement', async () => {
    const from = addDays(today, -7);
    const auth = await as('shanghai1Manager');
    const response = await app.gql(REPORT_COMPLIANCE, { kind: 'WEEKLY', from, to: today }, auth);
    expect(response.errors).toBeUndefined();
    const rows = response.data!.reportCompliance;
    const [team] = await sql<{ count: number }>(`select count(*)::int as count from app_user where unit_id = ? and status = 'ACTIVE' and role in ('SALES_REP', 'KEY_ACCOUNT_MANAGER') and id <> ?`, [units.shanghai1, manager]);
    expect(rows).toHaveLength(team.count * 2);
    expect(rows.every((row) => row.userId !== manager)).toBe(true);
    const repRows = rows.filter((row) => row.userId === rep);
    expect(repRows.map((row) => [row.periodStart, row.compliance, row.reviewed])).toEqual([
      [monday(from), 'LATE', true],
      [monday(today), 'ON_TIME', false],
    ]);
    const teammateLastWeek = rows.find((row) => row.userId === teammate && row.periodStart === monday(from))!;
    expect(teammateLastWeek).toMatchObject({ compliance: 'MISSING', reviewed: false, reportId: null });
    const baseline = await statementsOf(() => app.gql(REPORT_DEADLINES, {}, auth));
    expect(await statementsOf(() => app.gql(REPORT_COMPLIANCE, { kind: 'WEEKLY', from, to: today }, auth))).toBe(baseline);
  });

  it('a director: the region’s people (managers included, each with their own deadline), in one statement too', async () => {
    const auth = await as('eastDirector');
    const response = await app.gql(REPORT_COMPLIANCE, { kind: 'WEEKLY', from: addDays(today, -7), to: addDays(today, -7) }, auth);
    expect(response.errors).toBeUndefined();
    const rows = response.data!.reportCompliance;
    const managerRow = rows.find((row) => row.userId === manager)!;
    const repRow = rows.find((row) => row.userId === rep)!;
    expect(new Date(managerRow.deadlineAt).getTime() - new Date(repRow.deadlineAt).getTime()).toBe(12 * 3600_000);
    expect(rows.some((row) => row.userId === userId(people.shanghai2Rep))).toBe(true);
    expect(rows.some((row) => row.userId === userId(people.southRep))).toBe(false);
    const baseline = await statementsOf(() => app.gql(REPORT_DEADLINES, {}, auth));
    expect(await statementsOf(() => app.gql(REPORT_COMPLIANCE, { kind: 'MONTHLY', from: addDays(today, -90), to: today }, auth))).toBe(baseline);
    // Narrowed to one team of the region; a unit elsewhere is NOT_FOUND, reps may not ask.
    const team = await app.gql(REPORT_COMPLIANCE, { kind: 'WEEKLY', from: today, to: today, orgUnitId: units.shanghai2 }, auth);
    expect(team.data!.reportCompliance.every((row) => row.orgUnitId === units.shanghai2)).toBe(true);
    const elsewhere = await app.gql(REPORT_COMPLIANCE, { kind: 'WEEKLY', from: today, to: today, orgUnitId: units.south }, auth);
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const repAsks = await app.gql(REPORT_COMPLIANCE, { kind: 'WEEKLY', from: today, to: today }, await as('shanghai1Rep'));
    expect(repAsks.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses important matters and spans of more than 400 periods', async () => {
    const auth = await as('eastDirector');
    const matter = await app.gql(REPORT_COMPLIANCE, { kind: 'IMPORTANT_MATTER', from: today, to: today }, auth);
    expect(matter.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_A_PERIODIC_KIND' });
    const long = await app.gql(REPORT_COMPLIANCE, { kind: 'DAILY', from: '2020-01-01', to: today }, auth);
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_PERIODS' });
  });
});

describe('another company time zone', () => {
  it('with COMPANY_TIME_ZONE=America/New_York, periods and deadlines follow New York', async () => {
    const ny = await createTestApp({ COMPANY_TIME_ZONE: 'America/New_York' });
    try {
      await seedDemoSalesIfEmpty(ny.orm, ny.config);
      const auth = { token: await ny.tokenFor(people.shanghai1Manager.email) };
      const created = await ny.gql(CREATE_WORK_REPORT, { input: { kind: 'MONTHLY', date: '2026-02-10' } }, auth);
      expect(created.errors).toBeUndefined();
      expect(created.data!.createWorkReport).toMatchObject({ periodStart: '2026-02-01', periodEnd: '2026-02-28' });
      // A manager's February report: by the end of March 5th, New York time (EST).
      expect(new Date(created.data!.createWorkReport.deadlineAt!).toISOString()).toBe('2026-03-06T05:00:00.000Z');
    } finally {
      await ny.close();
    }
  });

  it('an unknown zone fails the start', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', COMPANY_TIME_ZONE: 'Mars/Olympus' })).toThrow(/COMPANY_TIME_ZONE/);
  });
});
