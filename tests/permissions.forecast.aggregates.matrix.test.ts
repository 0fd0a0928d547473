import Decimal from 'decimal.js';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { FORECAST_ACCURACY, FORECAST_LEAK_PERFORMANCE, FORECAST_ROLLUP, FUNNEL_LEAK_OPPORTUNITIES, PIPELINE_FUNNEL } from './graphql/forecasts.documents';
import type { FunnelLeakOpportunitiesQuery } from './gql/graphql';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Permissions in aggregates (issue 17, item 4) for the funnel and the forecast, on the demo year, for every demo role:
 * each measure equals the same measure computed here in plain SQL from only the rows (and values) the role can read
 * row by row through the API — or it is refused. The deals a role may read, and which amounts, come from paging
 * `opportunities` as that role; the forecasts, from the org tree (a person: themself and whom they manage).
 */

const ROLES: PersonName[] = [
  'admin',
  'vp',
  'eastDirector',
  'northDirector',
  'shanghai1Manager',
  'shanghai2Manager',
  'shanghai1Rep',
  'southRep',
  'keyAccountManager',
  'customerService',
  'techSupport',
  'finance',
  'partner',
];

const FROM = '2026-01-01';
const TO = '2026-12-04';
const TZ = 'Asia/Shanghai';

let app: TestApp;
const tokens = new Map<PersonName, string>();
async function as(person: PersonName): Promise<Auth> {
  if (!tokens.has(person)) tokens.set(person, await app.tokenFor(people[person].email));
  return { token: tokens.get(person)! };
}

beforeAll(async () => {
  app = await createTestApp({}, { demoYear: true });
}, 120_000);

afterAll(async () => {
  await app.close();
});

/** A decimal as the API writes it, or null. */
const money = (value: string | null | undefined): string | null => (value === null || value === undefined ? null : new Decimal(value).toFixed());

/** Every deal the role reads row by row, and whether its amount came back. */
async function readableDeals(role: PersonName): Promise<{ id: string; readable: boolean }[]> {
  const deals: { id: string; readable: boolean }[] = [];
  let after: string | null = null;
  for (;;) {
    const response: GraphQLResponse<FunnelLeakOpportunitiesQuery> = await app.gql(FUNNEL_LEAK_OPPORTUNITIES, { after }, await as(role));
    const page = response.data?.opportunities;
    if (page === undefined || page === null) return deals;
    deals.push(...page.nodes.map((node) => ({ id: node.id, readable: node.amount !== null })));
    if (!page.pageInfo.hasNextPage) return deals;
    after = page.pageInfo.endCursor ?? null;
  }
}

interface PlainFunnel {
  stages: { stage: string; count: number; amount: string | null; weighted: string | null }[];
  won_count: number;
  won_amount: string | null;
  lost_count: number;
  lost_amount: string | null;
  cohort: number;
  overdue_count: number;
  overdue_amount: string | null;
  created_buckets: number[];
}

/** The funnel's measures in plain SQL over exactly `deals` (amounts only where readable). */
async function plainFunnel(deals: { id: string; readable: boolean }[]): Promise<PlainFunnel> {
  const [row] = await app.orm.em.fork().execute<PlainFunnel[]>(
    `with seen as (select (x->>'id')::uuid as id, (x->>'readable')::boolean as readable from jsonb_array_elements(?::jsonb) x),
          d as (select o.*, s.readable from opportunity o join seen s on s.id = o.id),
          bounds as (select (?::date::timestamp at time zone '${TZ}') as from_at, ((?::date + 1)::timestamp at time zone '${TZ}') as to_at,
                            (now() at time zone '${TZ}')::date as today)
     select (select coalesce(jsonb_agg(jsonb_build_object('stage', stage, 'count', n, 'amount', amount, 'weighted', weighted)), '[]') from (
               select d.stage::text as stage, count(*)::int as n, (sum(d.amount) filter (where d.readable))::text as amount,
                      (round(sum(d.amount * d.probability / 100.0) filter (where d.readable), 2))::text as weighted
                 from d where d.stage not in ('WON', 'LOST') group by d.stage) s) as stages,
            (select count(*)::int from d, bounds b where d.stage = 'WON' and d.closed_at >= b.from_at and d.closed_at < b.to_at) as won_count,
            (select (sum(d.amount) filter (where d.readable))::text from d, bounds b where d.stage = 'WON' and d.closed_at >= b.from_at and d.closed_at < b.to_at) as won_amount,
            (select count(*)::int from d, bounds b where d.stage = 'LOST' and d.closed_at >= b.from_at and d.closed_at < b.to_at) as lost_count,
            (select (sum(d.amount) filter (where d.readable))::text from d, bounds b where d.stage = 'LOST' and d.closed_at >= b.from_at and d.closed_at < b.to_at) as lost_amount,
            (select count(*)::int from d, bounds b where d.created_at >= b.from_at and d.created_at < b.to_at) as cohort,
            (select count(*)::int from d, bounds b where d.stage not in ('WON', 'LOST') and d.expected_close_date < b.today) as overdue_count,
            (select (sum(d.amount) filter (where d.readable))::text from d, bounds b where d.stage not in ('WON', 'LOST') and d.expected_close_date < b.today) as overdue_amount,
            (select array[count(*) filter (where a <= 30), count(*) filter (where a between 31 and 60), count(*) filter (where a between 61 and 90), count(*) filter (where a > 90)]
               from (select b.today - (d.created_at at time zone '${TZ}')::date as a from d, bounds b where d.stage not in ('WON', 'LOST')) x) as created_buckets`,
    [JSON.stringify(deals), FROM, TO],
  );
  return row!;
}

describe.each(ROLES)('the funnel as %s', (role) => {
  it('every measure equals plain SQL over the deals and amounts the role reads row by row, or is refused', async () => {
    const deals = await readableDeals(role);
    const plain = await plainFunnel(deals);
    const response = await app.gql(PIPELINE_FUNNEL, { from: FROM, to: TO }, await as(role));
    const funnel = response.data!.pipelineFunnel;
    const byStage = new Map(plain.stages.map((stage) => [stage.stage, stage]));
    for (const stage of funnel.stages) {
      const expected = byStage.get(stage.stage);
      expect({ stage: stage.stage, count: stage.count, amount: stage.amount }).toEqual({ stage: stage.stage, count: expected?.count ?? 0, amount: money(expected?.amount) });
      if (role === 'partner') expect(stage.weightedAmount).toBeNull();
      else expect({ stage: stage.stage, weighted: stage.weightedAmount }).toEqual({ stage: stage.stage, weighted: money(expected?.weighted) });
    }
    expect({ count: funnel.won.count, amount: funnel.won.amount }).toEqual({ count: plain.won_count, amount: money(plain.won_amount) });
    expect({ count: funnel.lost.count, amount: funnel.lost.amount }).toEqual({ count: plain.lost_count, amount: money(plain.lost_amount) });
    expect(funnel.cohortSize).toBe(plain.cohort);
    expect({ count: funnel.slippage.overdueCount, amount: funnel.slippage.overdueAmount }).toEqual({ count: plain.overdue_count, amount: money(plain.overdue_amount) });
    expect(funnel.ageingSinceCreation.map((bucket) => bucket.count)).toEqual(plain.created_buckets.map(Number));
    if (role === 'partner') {
      // Nothing from the stage or close-date history: refused, not summed.
      expect(funnel.ageingSinceStageMove).toBeNull();
      expect(funnel.won.reasons).toBeNull();
      expect(funnel.slippage.postponedCount).toBeNull();
      expect(funnel.stages.every((stage) => stage.conversionRate === null && stage.reached === null && stage.averageDaysInStage === null)).toBe(true);
      expect(new Set(response.errors!.map((error) => error.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    } else {
      expect(response.errors).toBeUndefined();
    }
    // The shape is real for the sales line: deals in every role that works them.
    if (['vp', 'eastDirector', 'shanghai1Manager', 'shanghai1Rep'].includes(role)) expect(deals.length).toBeGreaterThan(0);
  });
});

/** The forecast figures of a subject in plain SQL, over the people the role may read (themself and whom they manage, or everyone). */
async function plainRollup(role: PersonName, subject: { unitId: string | null; userId: string | null }) {
  const everyone = ['admin', 'vp', 'finance'].includes(role);
  return app.orm.em.fork().execute<{ month: string; submitted_commit: string; submitted_best_case: string; submitted_pipeline: string; commit: string; people: number; hidden: number }[]>(
    `with viewer as (select ?::uuid as id, ?::boolean as everyone),
          readable as (
            select u.id from app_user u, viewer v where v.everyone or u.id = v.id
                or exists (select 1 from org_unit head join org_unit ou on starts_with(ou.path, head.path) where head.head_id = v.id and ou.id = u.unit_id)),
          member as (
            select u.id, coalesce(ou.path, '') as path from app_user u left join org_unit ou on ou.id = u.unit_id
             where u.id = ?::uuid
                or u.unit_id in (select ou.id from org_unit root join org_unit ou on starts_with(ou.path, root.path) where root.id = ?::uuid)),
          cur as (select date_trunc('month', now() at time zone '${TZ}')::date as cur),
          slot as (select m::date as month, least(m::date, (select cur from cur)) as eff from generate_series(?::date, ?::date, interval '1 month') m),
          line as (
            select distinct on (m.id, s.month) m.id, m.path, s.month, l.commit, l.best_case, l.pipeline
              from member m cross join slot s
              join forecast_submission fs on fs.user_id = m.id and fs.period_month <= s.eff
              join forecast_line l on l.submission_id = fs.id and l.month = s.month
             order by m.id, s.month, fs.period_month desc),
          adjustment as (
            select distinct on (a.org_unit_id, s.month) ou.path, s.month, a.commit
              from slot s join forecast_adjustment a on a.month = s.month and a.period_month <= s.eff
              join org_unit ou on ou.id = a.org_unit_id
              join org_unit root on root.id = ?::uuid and starts_with(ou.path, root.path)
             order by a.org_unit_id, s.month, a.period_month desc),
          topmost as (select a.* from adjustment a where not exists (select 1 from adjustment b where b.month = a.month and b.path <> a.path and starts_with(a.path, b.path)))
     select s.month::text as month,
            coalesce((select sum(l.commit) from line l where l.month = s.month and l.id in (select id from readable)), 0)::text as submitted_commit,
            coalesce((select sum(l.best_case) from line l where l.month = s.month and l.id in (select id from readable)), 0)::text as submitted_best_case,
            coalesce((select sum(l.pipeline) from line l where l.month = s.month and l.id in (select id from readable)), 0)::text as submitted_pipeline,
            (coalesce((select sum(t.commit) from topmost t where t.month = s.month), 0)
             + coalesce((select sum(l.commit) from line l where l.month = s.month and l.id in (select id from readable)
                           and not exists (select 1 from topmost t where t.month = s.month and starts_with(l.path, t.path))), 0))::text as commit,
            (select count(*) from line l where l.month = s.month)::int as people,
            (select count(*) from line l where l.month = s.month and l.id not in (select id from readable))::int as hidden
       from slot s order by s.month`,
    [userId(people[role]), everyone, subject.userId, subject.unitId, FROM, '2026-12-01', subject.unitId],
  );
}

describe.each(ROLES)('the forecast as %s', (role) => {
  it('the default roll-up holds only forecasts the role may read, equal to plain SQL; actual and target agree with `performance`', async () => {
    const response = await app.gql(FORECAST_ROLLUP, { from: FROM, months: 12 }, await as(role));
    if (role === 'partner') {
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(response.data).toBeNull();
      return;
    }
    expect(response.errors).toBeUndefined();
    const rollup = response.data!.forecastRollup;
    const subject = { unitId: rollup.userId === null ? rollup.orgUnitId : null, userId: rollup.userId };
    const plain = await plainRollup(role, subject);
    expect(plain.every((month) => month.hidden === 0)).toBe(true);
    expect(rollup.rows.map((row) => [row.month, row.submittedCommit, row.submittedBestCase, row.submittedPipeline, row.commit, row.submitters])).toEqual(
      plain.map((month) => [month.month, money(month.submitted_commit), money(month.submitted_best_case), money(month.submitted_pipeline), money(month.commit), month.people]),
    );
    for (const row of rollup.rows.filter((_, index) => [2, 6, 10].includes(index))) {
      const performance = await app.gql(
        FORECAST_LEAK_PERFORMANCE,
        { subject: subject.userId === null ? { orgUnitId: subject.unitId } : { userId: subject.userId }, period: { kind: 'MONTH', start: row.month } },
        await as(role),
      );
      expect(performance.errors).toBeUndefined();
      const booked = performance.data!.performance.metrics.find((metric) => metric.metric === 'BOOKED_SALES')!;
      expect({ month: row.month, actual: row.actual, target: row.target }).toEqual({ month: row.month, actual: booked.actual, target: booked.target ?? null });
    }
    if (['vp', 'eastDirector', 'shanghai1Manager', 'shanghai1Rep'].includes(role)) {
      expect(rollup.rows.some((row) => row.submitters > 0 && row.commit !== '0')).toBe(true);
    }
  });

  it('another person’s or a foreign unit’s forecast is refused unless the role reads it', async () => {
    const colleague = await app.gql(FORECAST_ROLLUP, { userId: userId(people.shanghai1Teammate), from: FROM, months: 1 }, await as(role));
    const reads = ['admin', 'vp', 'finance', 'eastDirector', 'shanghai1Manager'].includes(role);
    if (reads) expect(colleague.errors).toBeUndefined();
    else expect(colleague.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('accuracy rows are only of people and units the role may read; a person’s error equals plain SQL', async () => {
    const response = await app.gql(FORECAST_ACCURACY, { from: FROM, to: '2026-11-01' }, await as(role));
    if (role === 'partner') {
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      return;
    }
    expect(response.errors).toBeUndefined();
    const rows = response.data!.forecastAccuracy.rows;
    const everyone = ['admin', 'vp', 'finance'].includes(role);
    const [readable] = await app.orm.em.fork().execute<{ ids: string[] }[]>(
      `select coalesce(array_agg(u.id::text), '{}') as ids from app_user u
        where ?::boolean or u.id = ?::uuid
           or exists (select 1 from org_unit head join org_unit ou on starts_with(ou.path, head.path) where head.head_id = ?::uuid and ou.id = u.unit_id)`,
      [everyone, userId(people[role]), userId(people[role])],
    );
    for (const row of rows.filter((r) => r.userId !== null)) expect(readable!.ids).toContain(row.userId);
    const person = rows.find((row) => row.userId !== null && row.months > 0);
    if (person === undefined) return;
    const [plain] = await app.orm.em.fork().execute<{ mape: number; months: number }[]>(
      `with a as (select date_trunc('month', occurred_on)::date as month, sum(value) as actual from sales_performance_fact
                   where metric = 'BOOKED_SALES' and user_id = ? and occurred_on >= ?::date and occurred_on < '2026-12-01' group by 1),
            f as (select l.month, l.commit from forecast_submission fs join forecast_line l on l.submission_id = fs.id and l.month = fs.period_month
                   where fs.user_id = ? and fs.period_month between ?::date and '2026-11-01')
       select round(avg(abs(f.commit - a.actual) / a.actual * 100), 2)::float8 as mape, count(*)::int as months
         from f join a on a.month = f.month where a.actual > 0`,
      [person.userId, FROM, person.userId, FROM],
    );
    expect({ months: person.months, mape: person.meanAbsolutePercentageError }).toEqual({ months: plain!.months, mape: plain!.mape });
  });
});
