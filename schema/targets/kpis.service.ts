import type { EntityManager } from '@mikro-orm/postgresql';
import { ForbiddenError, UserInputError } from '../../api/errors';
import type { Viewer } from '../../api/permissions/viewer';
import { openInvoicesCtes } from '../orders/receivables.service';
import { mayReadPersonPerformance, mayReadUnitPerformance } from './kpis.policy';
import { periodStartingOn } from './periods';
import { PeriodKind, TargetMetric } from './targets.enums';

/** Company time: the day a fact counts on, and "today" for year to date. */
const COMPANY_TIME_ZONE = 'Asia/Shanghai';

/** A contract counts as renewed when the customer signs another one starting at most this many days after it ends. */
export const RENEWAL_GRACE_DAYS = 90;

/** Whose figures: one person, or an org unit (the sum over the people in its subtree, against the unit's own target). */
export type KpiSubject = { userId: string; orgUnitId?: undefined } | { orgUnitId: string; userId?: undefined };

/** A month, quarter or year, or the year to date: January 1st to `end` (both days included, company time). */
export interface KpiPeriod {
  kind: PeriodKind | 'YEAR_TO_DATE';
  start: string;
  end: string;
}

/** Achievement of one metric: actual from `sales_performance_fact`, target from `sales_target` (null: none set). */
export interface MetricFigure {
  metric: TargetMetric;
  actual: string;
  target: string | null;
  /** actual ÷ target × 100, two decimals; null without a positive target. */
  achievementRate: string | null;
}

/** Booked sales of one product line against its target, and its share of the whole against the target mix. */
export interface ProductLineFigure {
  productLineId: string;
  productLineName: string;
  actual: string;
  target: string | null;
  achievementRate: string | null;
  /** This line's share of the subject's booked sales, percent; null when nothing was booked. */
  actualShare: string | null;
  /** This line's share of the sum of the product-line targets, percent; null without line targets. */
  targetShare: string | null;
}

/** Visits to the key customers of one tier against the norm (`visit_norm`, per customer per month). */
export interface TierVisitFigure {
  tier: string;
  visitsPerMonth: string;
  customers: number;
  visits: number;
  /** customers × visitsPerMonth × months in the period. */
  expected: string;
  /** visits ÷ expected × 100; null when expected is 0. */
  rate: string | null;
}

/** The whole KPI set of one subject and period. Every rate is a percentage with two decimals, null when undefined. */
export interface KpiSet {
  subject: { userId: string | null; orgUnitId: string | null };
  period: KpiPeriod;
  /** One per TargetMetric (N1; NEW_CUSTOMERS is N2). */
  metrics: MetricFigure[];
  /** N5: lines with booked sales or a target in the period, by name. */
  productLines: ProductLineFigure[];
  /** N5: 100 − ½ Σ |actualShare − targetShare|: 100 when the sales mix matches the target mix; null without both. */
  productLineBalance: string | null;
  /** N7: opportunities closed (WON or LOST) in the period, and the won share. */
  opportunitiesWon: number;
  opportunitiesClosed: number;
  conversionRate: string | null;
  /** N7: booked sales ÷ confirmed orders booked in the period. */
  orderCount: number;
  averageOrderValue: string | null;
  /** N3: key-customer visits against the per-tier norm, per tier and in all. */
  keyCustomerVisits: TierVisitFigure[];
  keyCustomerVisitRate: string | null;
  /** N4, as `collectionPerformance`: invoiced, collected and open at the end, DSO and days to collect. */
  invoiced: string;
  collected: string;
  openAtEnd: string;
  /** collected ÷ (collected + openAtEnd): the share of what was to be collected in the period (open at its start or invoiced in it) that came in. */
  collectionRate: string | null;
  daysSalesOutstanding: string | null;
  averageDaysToCollect: string | null;
  /** N6: surveys of the subject's customers taken in the period. */
  surveyCount: number;
  averageSatisfaction: string | null;
  /** N6: customers who bought in the previous period and bought again in this one, from the subject's people. */
  previousCustomers: number;
  retainedCustomers: number;
  retentionRate: string | null;
  /** N6: the subject's contracts ending in the period, and those the customer renewed. */
  contractsEnding: number;
  contractsRenewed: number;
  renewalRate: string | null;
}

/** The period `kind` starting on `start`; BAD_USER_INPUT (field `path`) when `start` does not begin such a period. */
export function kpiPeriod(kind: PeriodKind, start: string, path = 'period.start'): KpiPeriod {
  const period = periodStartingOn(kind, start);
  if (period === undefined) throw UserInputError.field(path, 'must be the first day of a month, quarter or year of that kind');
  return period;
}

/** Today in company time, as an ISO date. */
export function companyToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: COMPANY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** January 1st to `asOf` (default: today in company time). */
export function yearToDate(asOf: string = companyToday()): KpiPeriod {
  return { kind: 'YEAR_TO_DATE', start: `${asOf.slice(0, 4)}-01-01`, end: asOf };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  // 29 February of a leap year becomes 28 February.
  const candidate = `${String(year).padStart(4, '0')}${date.slice(4)}`;
  return Number.isNaN(Date.parse(candidate)) || new Date(Date.parse(candidate)).toISOString().slice(0, 10) !== candidate ? `${year}-02-28` : candidate;
}

/** The period before `period`: the previous month, quarter or year; for year to date the same days a year earlier. */
export function previousPeriod(period: KpiPeriod): { start: string; end: string } {
  if (period.kind === 'YEAR_TO_DATE') return { start: addYears(period.start, -1), end: addYears(period.end, -1) };
  const months = { [PeriodKind.YEAR]: 12, [PeriodKind.QUARTER]: 3, [PeriodKind.MONTH]: 1 }[period.kind];
  const start = new Date(Date.UTC(Number(period.start.slice(0, 4)), Number(period.start.slice(5, 7)) - 1 - months, 1)).toISOString().slice(0, 10);
  return { start, end: addDays(period.start, -1) };
}

/** Months the visit norm is multiplied by: 1, 3, 12, or for year to date the months begun by its end. */
export function monthsIn(period: KpiPeriod): number {
  if (period.kind === 'YEAR_TO_DATE') return Number(period.end.slice(5, 7));
  return { [PeriodKind.YEAR]: 12, [PeriodKind.QUARTER]: 3, [PeriodKind.MONTH]: 1 }[period.kind];
}

/** Refuses (FORBIDDEN) any subject the viewer may not read. */
export function assertSubjectsReadable(viewer: Viewer, subjects: readonly KpiSubject[]): void {
  for (const subject of subjects) {
    const readable = subject.userId !== undefined ? mayReadPersonPerformance(viewer, subject.userId) : mayReadUnitPerformance(viewer, subject.orgUnitId);
    if (!readable) throw new ForbiddenError('You may not see the performance of this person or unit.');
  }
}

/**
 * The parameters CTE every performance statement starts with, from one jsonb parameter: the period (`p_start`,
 * `p_end`), the previous one, the company-time instants bounding the period, the target selection (`target_kind`
 * null: year to date, the month targets in it), and for N4 `as_of`, `day_after`, `days`.
 */
export function periodParamsCte(period: KpiPeriod): { sql: string; param: string } {
  const previous = previousPeriod(period);
  const param = JSON.stringify({
    start: period.start,
    end: period.end,
    prevStart: previous.start,
    prevEnd: previous.end,
    months: monthsIn(period),
    targetKind: period.kind === 'YEAR_TO_DATE' ? null : period.kind,
  });
  return {
    sql: `params as materialized (
       select (j->>'start')::date as p_start, (j->>'end')::date as p_end,
              (j->>'prevStart')::date as prev_start, (j->>'prevEnd')::date as prev_end,
              (j->>'months')::int as months, (j->>'targetKind')::period_kind as target_kind,
              ((j->>'start')::date::timestamp at time zone '${COMPANY_TIME_ZONE}') as start_at,
              (((j->>'end')::date + 1)::timestamp at time zone '${COMPANY_TIME_ZONE}') as end_at,
              (j->>'end')::date as as_of, ((j->>'end')::date + 1)::timestamptz as day_after,
              (j->>'end')::date - (j->>'start')::date + 1 as days
         from (select ?::jsonb as j) input
     )`,
    param,
  };
}

/**
 * `member(ord, person_id)`: the people of each subject in `subject(ord, user_id, unit_id)` — the person, or everyone
 * whose unit is in the unit's subtree (by `org_unit.path`); `people(ids)`: all of them as one array, so every branch
 * of the fact view is filtered by `user_id = any(…)` through its index.
 */
export const MEMBER_CTES = `member as materialized (
       select s.ord, s.user_id as person_id from subject s where s.user_id is not null
       union all
       select s.ord, u.id
         from subject s
         join org_unit root on root.id = s.unit_id
         join org_unit ou on starts_with(ou.path, root.path)
         join app_user u on u.unit_id = ou.id
     ), people as materialized (
       select coalesce(array_agg(distinct person_id), '{}'::uuid[]) as ids from member
     )`;

/**
 * `target(ord, metric, product_line_id, value)`: each subject's own targets for the period, all customers, all lines
 * or per line: the target of the period's kind starting on its first day, or for year to date the sum of the month
 * targets in it (null when none is set).
 */
export const TARGET_CTE = `target as (
       select s.ord, t.metric, t.product_line_id, sum(t.value) as value
         from subject s
         join sales_target t on t.user_id = s.user_id or t.org_unit_id = s.unit_id
         cross join params
        where t.customer_tier is null and t.customer_novelty is null
          and case when params.target_kind is null
                   then t.period_kind = 'MONTH' and t.period_start between params.p_start and params.p_end
                   else t.period_kind = params.target_kind and t.period_start = params.p_start end
        group by s.ord, t.metric, t.product_line_id
     )`;

/** `rate(a, b)`: a ÷ b × 100 to two decimals, as text; null unless b > 0. */
const rate = (numerator: string, denominator: string) =>
  `case when (${denominator}) > 0 then round((${numerator})::numeric / (${denominator}) * 100, 2)::text end`;

interface KpiSqlRow {
  ord: number;
  metrics: { metric: TargetMetric; actual: string; target: string | null; achievementRate: string | null }[];
  lines: ProductLineFigure[] | null;
  balance: string | null;
  tiers: TierVisitFigure[] | null;
  key_visit_rate: string | null;
  opportunities_won: string;
  opportunities_closed: string;
  conversion_rate: string | null;
  order_count: string;
  average_order_value: string | null;
  invoiced: string;
  collected: string;
  open_at_end: string;
  collection_rate: string | null;
  dso: string | null;
  average_days_to_collect: string | null;
  survey_count: string;
  average_satisfaction: string | null;
  previous_customers: string;
  retained_customers: string;
  retention_rate: string | null;
  contracts_ending: string;
  contracts_renewed: string;
  renewal_rate: string | null;
}

const PEOPLE = `any((select ids from people)::uuid[])`;

/** The KPI statement over the subjects in `subject(ord, user_id, unit_id)`; see `kpis`. */
function kpiSql(paramsCte: string, subjectCte: string): string {
  const open = openInvoicesCtes({ condition: `and i.owner_id = ${PEOPLE}`, params: [] });
  return `with ${paramsCte}, ${subjectCte}, ${MEMBER_CTES}, ${TARGET_CTE},
     fact as materialized (
       select f.metric, f.user_id, f.product_line_id, f.customer_id, f.value, f.source_id, f.document_id,
              f.occurred_on >= (select p_start from params) as in_period
         from sales_performance_fact f
        where f.user_id = ${PEOPLE}
          and f.occurred_on between (select prev_start from params) and (select p_end from params)
          and (f.occurred_on >= (select p_start from params)
               or (f.metric = 'BOOKED_SALES' and f.occurred_on <= (select prev_end from params)))
     ), person_metric as (
       select f.user_id, f.metric, sum(f.value) as actual from fact f where f.in_period group by f.user_id, f.metric
     ), subject_metric as (
       select m.ord, pm.metric, sum(pm.actual) as actual from member m join person_metric pm on pm.user_id = m.person_id group by m.ord, pm.metric
     ), metrics as (
       select s.ord, jsonb_agg(jsonb_build_object(
                'metric', mm.metric, 'actual', coalesce(sm.actual, 0)::text, 'target', t.value::text,
                'achievementRate', ${rate('coalesce(sm.actual, 0)', 't.value')}) order by mm.metric) as metrics
         from subject s
         cross join unnest(enum_range(null::target_metric)) mm(metric)
         left join subject_metric sm on sm.ord = s.ord and sm.metric = mm.metric
         left join target t on t.ord = s.ord and t.metric = mm.metric and t.product_line_id is null
        group by s.ord
     ), person_line as (
       select f.user_id, f.product_line_id, sum(f.value) as actual
         from fact f where f.in_period and f.metric = 'BOOKED_SALES' group by f.user_id, f.product_line_id
     ), subject_line as (
       select m.ord, pl.product_line_id, sum(pl.actual) as actual from member m join person_line pl on pl.user_id = m.person_id group by m.ord, pl.product_line_id
     ), line_row as (
       select coalesce(a.ord, t.ord) as ord, coalesce(a.product_line_id, t.product_line_id) as product_line_id,
              coalesce(a.actual, 0) as actual, t.value as target
         from subject_line a
         full join (select * from target where metric = 'BOOKED_SALES' and product_line_id is not null) t
           on t.ord = a.ord and t.product_line_id = a.product_line_id
     ), line_share as (
       select r.*, r.actual / nullif(sum(r.actual) over w, 0) * 100 as actual_share,
              r.target / nullif(sum(r.target) over w, 0) * 100 as target_share
         from line_row r window w as (partition by r.ord)
     ), lines as (
       select ls.ord,
              jsonb_agg(jsonb_build_object(
                'productLineId', ls.product_line_id, 'productLineName', pl.name, 'actual', ls.actual::text, 'target', ls.target::text,
                'achievementRate', ${rate('ls.actual', 'ls.target')},
                'actualShare', round(ls.actual_share, 2)::text, 'targetShare', round(ls.target_share, 2)::text) order by pl.name, pl.id) as lines,
              case when bool_and(ls.actual_share is not null) and bool_and(ls.target_share is not null or ls.actual = 0)
                   then round(100 - sum(abs(coalesce(ls.actual_share, 0) - coalesce(ls.target_share, 0))) / 2, 2)::text end as balance
         from line_share ls join product_line pl on pl.id = ls.product_line_id
        group by ls.ord
     ), person_orders as (
       select f.user_id, count(distinct f.document_id) as orders, sum(f.value) as booked
         from fact f where f.in_period and f.metric = 'BOOKED_SALES' group by f.user_id
     ), person_conversion as (
       select o.owner_id as user_id, count(*) filter (where o.stage = 'WON') as won, count(*) as closed
         from opportunity o cross join params
        where o.owner_id = ${PEOPLE} and o.stage in ('WON', 'LOST') and o.closed_at >= params.start_at and o.closed_at < params.end_at
        group by o.owner_id
     ), person_satisfaction as (
       select c.owner_id as user_id, sum(sv.score) as score_sum, count(*) as surveys
         from satisfaction_survey sv join customer c on c.id = sv.customer_id cross join params
        where c.owner_id = ${PEOPLE} and sv.surveyed_at >= params.start_at and sv.surveyed_at < params.end_at
        group by c.owner_id
     ), person_renewal as (
       select c.owner_id as user_id, count(*) as ending,
              count(*) filter (where exists (
                select 1 from contract n
                 where n.customer_id = c.customer_id and n.id <> c.id and n.status in ('SIGNED', 'ACTIVE', 'EXPIRED')
                   and n.start_date > c.start_date and n.start_date <= c.end_date + ${RENEWAL_GRACE_DAYS})) as renewed
         from contract c cross join params
        where c.owner_id = ${PEOPLE} and c.end_date between params.p_start and params.p_end and c.status in ('SIGNED', 'ACTIVE', 'EXPIRED')
        group by c.owner_id
     ), ${open.sql}, person_invoiced as (
       select i.owner_id as user_id, sum(i.amount) as amount
         from invoice i cross join params
        where i.owner_id = ${PEOPLE} and i.issue_date between params.p_start and params.as_of
        group by i.owner_id
     ), person_collected as (
       select i.owner_id as user_id, sum(a.amount) as amount, sum(a.amount * (a.allocated_at::date - i.issue_date)) as weighted_days
         from payment_allocation a join invoice i on i.id = a.invoice_id cross join params
        where i.owner_id = ${PEOPLE} and a.allocated_at >= params.p_start::timestamptz and a.allocated_at < params.day_after
        group by i.owner_id
     ), person_open as (
       select o.owner_id as user_id, sum(o.open_amount) as amount from open_invoices o group by o.owner_id
     ), summary as (
       select m.ord,
              coalesce(sum(po.orders), 0) as orders, coalesce(sum(po.booked), 0) as booked,
              coalesce(sum(pc.won), 0) as won, coalesce(sum(pc.closed), 0) as closed,
              coalesce(sum(ps.score_sum), 0) as score_sum, coalesce(sum(ps.surveys), 0) as surveys,
              coalesce(sum(pr.ending), 0) as ending, coalesce(sum(pr.renewed), 0) as renewed,
              coalesce(sum(pi.amount), 0) as invoiced, coalesce(sum(pk.amount), 0) as collected,
              coalesce(sum(pk.weighted_days), 0) as weighted_days, coalesce(sum(pe.amount), 0) as open_at_end
         from member m
         left join person_orders po on po.user_id = m.person_id
         left join person_conversion pc on pc.user_id = m.person_id
         left join person_satisfaction ps on ps.user_id = m.person_id
         left join person_renewal pr on pr.user_id = m.person_id
         left join person_invoiced pi on pi.user_id = m.person_id
         left join person_collected pk on pk.user_id = m.person_id
         left join person_open pe on pe.user_id = m.person_id
        group by m.ord
     ), bought as (
       select distinct m.ord, f.customer_id, f.in_period
         from member m join fact f on f.user_id = m.person_id where f.metric = 'BOOKED_SALES'
     ), retention as (
       select p.ord, count(*) as previous, count(c.customer_id) as retained
         from bought p left join bought c on c.ord = p.ord and c.customer_id = p.customer_id and c.in_period
        where not p.in_period
        group by p.ord
     ), key_customer as (
       select m.ord, c.id as customer_id, c.tier from member m join customer c on c.owner_id = m.person_id join visit_norm vn on vn.tier = c.tier
     ), subject_visit as (
       select distinct m.ord, f.customer_id, f.source_id
         from member m join fact f on f.user_id = m.person_id where f.metric = 'VISITS' and f.in_period
     ), tier_visits as (
       select kc.ord, kc.tier, vn.visits_per_month, count(distinct kc.customer_id) as customers, count(sv.source_id) as visits,
              count(distinct kc.customer_id) * vn.visits_per_month * min(params.months) as expected
         from key_customer kc
         join visit_norm vn on vn.tier = kc.tier
         left join subject_visit sv on sv.ord = kc.ord and sv.customer_id = kc.customer_id
         cross join params
        group by kc.ord, kc.tier, vn.visits_per_month
     ), tiers as (
       select tv.ord,
              jsonb_agg(jsonb_build_object('tier', tv.tier, 'visitsPerMonth', tv.visits_per_month::text, 'customers', tv.customers,
                'visits', tv.visits, 'expected', tv.expected::text, 'rate', ${rate('tv.visits', 'tv.expected')}) order by tv.tier) as tiers,
              ${rate('sum(tv.visits)', 'sum(tv.expected)')} as key_visit_rate
         from tier_visits tv group by tv.ord
     )
     select s.ord, metrics.metrics, lines.lines, lines.balance, tiers.tiers, tiers.key_visit_rate,
            coalesce(su.won, 0) as opportunities_won, coalesce(su.closed, 0) as opportunities_closed,
            ${rate('su.won', 'su.closed')} as conversion_rate,
            coalesce(su.orders, 0) as order_count,
            case when su.orders > 0 then round(su.booked / su.orders, 2)::text end as average_order_value,
            coalesce(su.invoiced, 0) as invoiced, coalesce(su.collected, 0) as collected, coalesce(su.open_at_end, 0) as open_at_end,
            ${rate('su.collected', 'su.collected + su.open_at_end')} as collection_rate,
            case when su.invoiced > 0 then round(su.open_at_end / su.invoiced * (select days from params), 1)::text end as dso,
            case when su.collected > 0 then round(su.weighted_days / su.collected, 1)::text end as average_days_to_collect,
            coalesce(su.surveys, 0) as survey_count,
            case when su.surveys > 0 then round(su.score_sum::numeric / su.surveys, 2)::text end as average_satisfaction,
            coalesce(r.previous, 0) as previous_customers, coalesce(r.retained, 0) as retained_customers,
            ${rate('r.retained', 'r.previous')} as retention_rate,
            coalesce(su.ending, 0) as contracts_ending, coalesce(su.renewed, 0) as contracts_renewed,
            ${rate('su.renewed', 'su.ending')} as renewal_rate
       from subject s
       join metrics on metrics.ord = s.ord
       left join lines on lines.ord = s.ord
       left join tiers on tiers.ord = s.ord
       left join summary su on su.ord = s.ord
       left join retention r on r.ord = s.ord
      order by s.ord`;
}

/** The `subject(ord, user_id, unit_id)` CTE from a list of subjects, as one jsonb parameter. */
export function subjectListCte(subjects: readonly KpiSubject[]): { sql: string; param: string } {
  return {
    sql: `subject as materialized (
       select s.ord, s.user_id, s.unit_id from jsonb_to_recordset(?::jsonb) as s(ord int, user_id uuid, unit_id uuid)
     )`,
    param: JSON.stringify(subjects.map((subject, ord) => ({ ord, user_id: subject.userId ?? null, unit_id: subject.orgUnitId ?? null }))),
  };
}

/**
 * The KPI set (N1–N7) of many people and units for one period, in ONE SQL statement whatever their number, in the
 * order of `subjects`. Every figure comes from `sales_performance_fact` (what counts, credited to whom, on which day)
 * and `sales_target` (the subject's own target: the person's, or for a unit the unit's — not the sum of its members'),
 * so a drill-down (`performanceFacts`) shows the rows behind it. A unit's actuals are the sum over the people whose
 * unit is in its subtree. Definitions of every KPI: README, "Achievement, KPIs and rankings".
 *
 * Refuses (ForbiddenError) a subject the viewer may not read: a person outside their own, their chain's and
 * company-wide scopes, a unit they do not head (directly or above). An empty list runs no statement.
 */
export async function kpis(em: EntityManager, viewer: Viewer, subjects: readonly KpiSubject[], period: KpiPeriod): Promise<KpiSet[]> {
  assertSubjectsReadable(viewer, subjects);
  if (subjects.length === 0) return [];
  const params = periodParamsCte(period);
  const subject = subjectListCte(subjects);
  const rows = await em.execute<KpiSqlRow[]>(kpiSql(params.sql, subject.sql), [params.param, subject.param]);
  return rows.map((row) => toKpiSet(row, subjects[row.ord]!, period));
}

function toKpiSet(row: KpiSqlRow, subject: KpiSubject, period: KpiPeriod): KpiSet {
  return {
    subject: { userId: subject.userId ?? null, orgUnitId: subject.orgUnitId ?? null },
    period,
    metrics: row.metrics.map((metric) => ({ ...metric, target: metric.target ?? null, achievementRate: metric.achievementRate ?? null })),
    productLines: (row.lines ?? []).map((line) => ({
      ...line,
      target: line.target ?? null,
      achievementRate: line.achievementRate ?? null,
      actualShare: line.actualShare ?? null,
      targetShare: line.targetShare ?? null,
    })),
    productLineBalance: row.balance,
    opportunitiesWon: Number(row.opportunities_won),
    opportunitiesClosed: Number(row.opportunities_closed),
    conversionRate: row.conversion_rate,
    orderCount: Number(row.order_count),
    averageOrderValue: row.average_order_value,
    keyCustomerVisits: (row.tiers ?? []).map((tier) => ({ ...tier, rate: tier.rate ?? null })),
    keyCustomerVisitRate: row.key_visit_rate,
    invoiced: String(row.invoiced),
    collected: String(row.collected),
    openAtEnd: String(row.open_at_end),
    collectionRate: row.collection_rate,
    daysSalesOutstanding: row.dso,
    averageDaysToCollect: row.average_days_to_collect,
    surveyCount: Number(row.survey_count),
    averageSatisfaction: row.average_satisfaction,
    previousCustomers: Number(row.previous_customers),
    retainedCustomers: Number(row.retained_customers),
    retentionRate: row.retention_rate,
    contractsEnding: Number(row.contracts_ending),
    contractsRenewed: Number(row.contracts_renewed),
    renewalRate: row.renewal_rate,
  };
}

/**
 * The KPIs for one request: `kpis` with the request's EntityManager and viewer. Appraisals and dashboards call
 * `KpiService.kpis(subjects, period)`; one statement per call.
 */
export class KpiService {
  constructor(private readonly ctx: { em: EntityManager; signedInViewer: Viewer }) {}

  /** See `kpis`. */
  kpis(subjects: readonly KpiSubject[], period: KpiPeriod): Promise<KpiSet[]> {
    return kpis(this.ctx.em, this.ctx.signedInViewer, subjects, period);
  }
}

/** One metric's actual and the subject's own target, per subject: what breakdowns and rankings show. */
interface FigureSqlRow {
  ord: number;
  actual: string;
  target: string | null;
  achievement_rate: string | null;
}

/**
 * One metric's actual (from the fact view) and own target per subject of `subjectCte` (which may add columns of its
 * own, returned as they are). The metric is a bound parameter; PostgreSQL plans with its value, so only that
 * metric's branch of the view is read.
 */
function figureSql(paramsCte: string, subjectCte: string, extraColumns: string): string {
  return `with ${paramsCte}, ${subjectCte}, ${MEMBER_CTES}, ${TARGET_CTE},
     person_actual as (
       select f.user_id, sum(f.value) as actual
         from sales_performance_fact f
        where f.user_id = ${PEOPLE} and f.metric = ?::target_metric
          and f.occurred_on between (select p_start from params) and (select p_end from params)
        group by f.user_id
     ), subject_actual as (
       select m.ord, sum(pa.actual) as actual from member m join person_actual pa on pa.user_id = m.person_id group by m.ord
     )
     select s.ord ${extraColumns}, coalesce(sa.actual, 0)::text as actual, t.value::text as target,
            ${rate('coalesce(sa.actual, 0)', 't.value')} as achievement_rate
       from subject s
       left join subject_actual sa on sa.ord = s.ord
       left join target t on t.ord = s.ord and t.metric = ?::target_metric and t.product_line_id is null`;
}

/** A row of `breakdown`: a unit or a person under the unit asked for. */
export interface BreakdownRow {
  orgUnitId: string | null;
  userId: string | null;
  name: string;
  parentOrgUnitId: string | null;
  level: number;
  actual: string;
  target: string | null;
  achievementRate: string | null;
}

/**
 * A unit's achievement of one metric down `depth` levels of its tree, in ONE statement whatever the number of units
 * and people: the unit (level 0), its child units and its own members (level 1), theirs (level 2)… Each unit row is
 * the sum over its subtree against the unit's own target, each person row the person's figure. FORBIDDEN unless the
 * viewer may read the unit (its heads and those above, finance, the VP, admins, integrations): then they may read
 * everyone in it.
 */
export async function breakdown(em: EntityManager, viewer: Viewer, orgUnitId: string, period: KpiPeriod, metric: TargetMetric, depth: number): Promise<BreakdownRow[]> {
  assertSubjectsReadable(viewer, [{ orgUnitId }]);
  const params = periodParamsCte(period);
  const subjectCte = `root as (select id, path, depth from org_unit where id = ?::uuid),
     subject as materialized (
       select (row_number() over (order by level, name, kind_order, coalesce(unit_id, user_id)))::int - 1 as ord, *
         from (
           select ou.id as unit_id, null::uuid as user_id, ou.name, case when ou.id = root.id then null else ou.parent_id end as parent_id,
                  ou.depth - root.depth as level, 0 as kind_order
             from org_unit ou, root
            where starts_with(ou.path, root.path) and ou.depth - root.depth <= ?::int
           union all
           select null::uuid, u.id, u.name, ou.id, ou.depth - root.depth + 1, 1
             from org_unit ou cross join root join app_user u on u.unit_id = ou.id
            where starts_with(ou.path, root.path) and ou.depth - root.depth + 1 <= ?::int
         ) tree
     )`;
  const rows = await em.execute<(FigureSqlRow & { unit_id: string | null; user_id: string | null; name: string; parent_id: string | null; level: number })[]>(
    `${figureSql(params.sql, subjectCte, ', s.unit_id, s.user_id, s.name, s.parent_id, s.level')} order by s.ord`,
    [params.param, orgUnitId, depth, depth, metric, metric],
  );
  return rows.map((row) => ({
    orgUnitId: row.unit_id,
    userId: row.user_id,
    name: row.name,
    parentOrgUnitId: row.parent_id,
    level: Number(row.level),
    actual: row.actual,
    target: row.target,
    achievementRate: row.achievement_rate,
  }));
}

/** A place in `leaderboard`. */
export interface RankedPerson {
  rank: number;
  userId: string;
  name: string;
  unitId: string | null;
  achievementRate: string | null;
  actual: string;
  target: string | null;
}

/**
 * The people of a unit's subtree ranked by achievement rate of one metric (highest first; equal rates share a
 * rank; people without a target last, by name), in ONE statement whatever their number. Who is ranked: active
 * reps and key account managers, and anyone with a target of the metric for the period. The caller decides who may
 * see the ranking (`mayReadLeaderboard`) and the field rules who may see the amounts.
 */
export async function leaderboard(em: EntityManager, orgUnitId: string, period: KpiPeriod, metric: TargetMetric): Promise<RankedPerson[]> {
  const params = periodParamsCte(period);
  const subjectCte = `subject as materialized (
       select (row_number() over (order by u.name, u.id))::int - 1 as ord, u.id as user_id, null::uuid as unit_id, u.name, u.unit_id as member_unit_id
         from org_unit root
         join org_unit ou on starts_with(ou.path, root.path)
         join app_user u on u.unit_id = ou.id
        where root.id = ?::uuid and u.status = 'ACTIVE'
          and (u.role in ('SALES_REP', 'KEY_ACCOUNT_MANAGER')
               or exists (select 1 from sales_target t, params
                           where t.user_id = u.id and t.metric = ?::target_metric and t.product_line_id is null
                             and t.customer_tier is null and t.customer_novelty is null
                             and case when params.target_kind is null
                                      then t.period_kind = 'MONTH' and t.period_start between params.p_start and params.p_end
                                      else t.period_kind = params.target_kind and t.period_start = params.p_start end))
     )`;
  const rows = await em.execute<(FigureSqlRow & { user_id: string; name: string; member_unit_id: string | null; place: string })[]>(
    `select ranked.*, rank() over (order by ranked.achievement_rate::numeric desc nulls last) as place
       from (${figureSql(params.sql, subjectCte, ', s.user_id, s.name, s.member_unit_id')}) ranked
      order by place, ranked.name, ranked.user_id`,
    [params.param, orgUnitId, metric, metric, metric],
  );
  return rows.map((row) => ({
    rank: Number(row.place),
    userId: row.user_id,
    name: row.name,
    unitId: row.member_unit_id,
    achievementRate: row.achievement_rate,
    actual: row.actual,
    target: row.target,
  }));
}

/** A row of `sales_performance_fact`, as the drill-down shows it. */
export interface FactRow {
  metric: TargetMetric;
  kind: string;
  occurredOn: string;
  value: string;
  userId: string;
  customerId: string;
  productLineId: string | null;
  sourceId: string;
  documentId: string;
}

/** A page of facts with the totals over all pages. */
export interface FactPage {
  rows: FactRow[];
  hasNextPage: boolean;
  totalCount: number;
  totalValue: string;
}

/** Keyset position in the drill-down: (day, person, source). */
export type FactCursor = [occurredOn: string, userId: string, sourceId: string];

/**
 * The rows of `sales_performance_fact` behind a subject's figure (metric, period, optionally a product line), by
 * day, person and source, `first` after `after`; with the count and sum over all of them, which equal the figure
 * (`kpis`, `breakdown`). Same scope rule as `kpis`. One statement.
 */
export async function facts(
  em: EntityManager,
  viewer: Viewer,
  subject: KpiSubject,
  period: KpiPeriod,
  metric: TargetMetric,
  options: { productLineId?: string | null; first: number; after?: FactCursor | null },
): Promise<FactPage> {
  assertSubjectsReadable(viewer, [subject]);
  const params = periodParamsCte(period);
  const subjectSql = subjectListCte([subject]);
  const after = options.after ?? null;
  const rows = await em.execute<{ metric: TargetMetric; source_kind: string; occurred_on: string; value: string; user_id: string; customer_id: string; product_line_id: string | null; source_id: string; document_id: string; total_count: string; total_value: string }[]>(
    `with ${params.sql}, ${subjectSql.sql}, ${MEMBER_CTES},
     matching as (
       select f.metric, f.source_kind, f.occurred_on, f.value, f.user_id, f.customer_id, f.product_line_id, f.source_id, f.document_id
         from sales_performance_fact f
        where f.user_id = ${PEOPLE} and f.metric = ?::target_metric
          and f.occurred_on between (select p_start from params) and (select p_end from params)
          and (?::uuid is null or f.product_line_id = ?::uuid)
     ), totals as (
       select count(*) as total_count, coalesce(sum(value), 0) as total_value from matching
     )
     select page.metric, page.source_kind, page.occurred_on::text as occurred_on, page.value::text as value, page.user_id, page.customer_id,
            page.product_line_id, page.source_id, page.document_id, totals.total_count, totals.total_value::text as total_value
       from totals
       left join lateral (
         select * from matching m
          where ?::date is null or (m.occurred_on, m.user_id, m.source_id) > (?::date, ?::uuid, ?::uuid)
          order by m.occurred_on, m.user_id, m.source_id
          limit ?
       ) page on true`,
    [
      params.param, subjectSql.param, metric, options.productLineId ?? null, options.productLineId ?? null,
      after?.[0] ?? null, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, options.first + 1,
    ],
  );
  const total = rows[0]!;
  const present = rows.filter((row) => row.source_id !== null);
  return {
    rows: present.slice(0, options.first).map((row) => ({
      metric: row.metric,
      kind: row.source_kind,
      occurredOn: row.occurred_on,
      value: row.value,
      userId: row.user_id,
      customerId: row.customer_id,
      productLineId: row.product_line_id,
      sourceId: row.source_id,
      documentId: row.document_id,
    })),
    hasNextPage: present.length > options.first,
    totalCount: Number(total.total_count),
    totalValue: total.total_value,
  };
}
