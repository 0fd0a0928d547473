import type { EntityManager } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../api/context';
import { msg } from '../../api/i18n';
import { managesUser, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { seesAllPerformance } from '../targets/kpis.policy';
import { ForecastAdjustment } from './entities/forecast-adjustment.entity';
import { ForecastSubmission } from './entities/forecast-submission.entity';
import { BEST_CASE_PROBABILITY, COMMIT_PROBABILITY, ForecastCategory, FORECAST_MAX_MONTHS, FORECAST_MIN_MONTHS } from './forecasts.enums';
import { ForecastsError, ForecastsErrorCode } from './forecasts.errors';
import type { AdjustForecastInput, SubmitForecastInput } from './forecasts.inputs';
import { forecastAdjustmentRowScope, forecastSubmissionRowScope, mayAdjustUnit, mayReadPersonForecast, mayReadUnitForecast } from './forecasts.policy';
import { currentMonthCte, forecastCtes } from './forecasts.sql';
import type { ForecastAccuracy, ForecastAccuracyRow, ForecastMonth, ForecastRollup, ProposedForecastMonth } from './forecasts.types';

/** The longest span an accuracy report covers, in months. */
const MAX_ACCURACY_MONTHS = 36;

/** The first day of the month `months` after `month` (a first day itself). */
export function addMonths(month: string, months: number): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1 + months;
  return new Date(Date.UTC(year + Math.floor(index / 12), ((index % 12) + 12) % 12, 1)).toISOString().slice(0, 10);
}

function assertMonth(value: string, field: string): string {
  if (!/^\d{4}-\d{2}-01$/.test(value)) throw new ForecastsError(ForecastsErrorCode.NOT_A_MONTH, { field });
  return value;
}

const CATEGORY_COLUMN: Record<ForecastCategory, string> = {
  [ForecastCategory.COMMIT]: 'commit',
  [ForecastCategory.BEST_CASE]: 'best_case',
  [ForecastCategory.PIPELINE]: 'pipeline',
};

/** Whose forecast: one person, or a unit (its subtree, adjustments applied). */
export type ForecastSubject = { kind: 'unit'; orgUnitId: string } | { kind: 'person'; userId: string };

interface RollupSqlRow {
  month: string;
  as_of_month: string;
  target: string | null;
  actual: string | null;
  commit: string;
  best_case: string;
  pipeline: string;
  submitted_commit: string;
  submitted_best_case: string;
  submitted_pipeline: string;
  submitters: number;
  adjustments: number;
  adjustment: { id: string; periodMonth: string; adjustedById: string; adjustedByName: string; adjustedAt: string; reason: string } | null;
}

/** The subject CTE of one subject, as SQL with its parameters. */
function oneSubjectCte(subject: ForecastSubject): { sql: string; params: unknown[] } {
  return subject.kind === 'unit'
    ? { sql: `subject as materialized (select 0 as ord, ?::uuid as unit_id, null::uuid as user_id)`, params: [subject.orgUnitId] }
    : { sql: `subject as materialized (select 0 as ord, null::uuid as unit_id, ?::uuid as user_id)`, params: [subject.userId] };
}

/** Rolling forecasts (R6): proposals, submissions, adjustments, roll-ups and accuracy, for one request. */
export class ForecastsService {
  constructor(private readonly ctx: RequestContext) {}

  private get em(): EntityManager {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  private get timeZone(): string {
    return this.ctx.config.companyTimeZone;
  }

  /** The current month (its first day) in company time, as the database's clock has it. */
  async currentMonth(em: EntityManager = this.em): Promise<string> {
    const [row] = await em.execute<{ cur: string }[]>(`with ${currentMonthCte(this.timeZone)} select cur::text as cur from params`);
    return row!.cur;
  }

  /**
   * A forecast proposed from the person's pipeline for `months` months from the current one (see ProposedForecastMonth):
   * open deals by expected close date (overdue ones in the current month; without a date, none), deals already won in
   * the current month in full. One statement. Only the person, their management chain, the VP and admins (who read
   * the deals' amounts).
   */
  async propose(userId: string | null, months: number, em: EntityManager = this.em): Promise<ProposedForecastMonth[]> {
    const viewer = this.viewer;
    const person = userId ?? viewer.userId;
    if (months < FORECAST_MIN_MONTHS || months > FORECAST_MAX_MONTHS) throw new ForecastsError(ForecastsErrorCode.HORIZON_OUT_OF_RANGE, { field: 'months' });
    if (person !== viewer.userId && !managesUser(viewer, person) && !seesWholeCompany(viewer)) throw new ForecastsError(ForecastsErrorCode.NOT_READABLE);
    const tz = `'${this.timeZone.replace(/'/g, "''")}'`;
    const rows = await em.execute<{ month: string; commit: string; best_case: string; pipeline: string; open_deals: number }[]>(
      `with ${currentMonthCte(this.timeZone)},
       slot as (select (params.cur + make_interval(months => g))::date as month from params, generate_series(0, ?::int - 1) g),
       deal as (
         select o.amount, o.probability, o.stage,
                case when o.stage = 'WON' then params.cur
                     else greatest(date_trunc('month', o.expected_close_date)::date, params.cur) end as month
           from opportunity o, params
          where o.owner_id = ?::uuid
            and ((o.stage not in ('WON', 'LOST') and o.expected_close_date is not null)
                 or (o.stage = 'WON' and o.closed_at >= (params.cur::timestamp at time zone ${tz})))
       )
       select sl.month::text as month,
              coalesce(sum(d.amount) filter (where d.stage = 'WON' or d.probability >= ${COMMIT_PROBABILITY}), 0)::text as commit,
              coalesce(sum(d.amount) filter (where d.stage = 'WON' or d.probability >= ${BEST_CASE_PROBABILITY}), 0)::text as best_case,
              coalesce(round(sum(case when d.stage = 'WON' then d.amount else d.amount * d.probability / 100.0 end), 2), 0)::text as pipeline,
              (count(*) filter (where d.stage not in ('WON', 'LOST')))::int as open_deals
         from slot sl left join deal d on d.month = sl.month
        group by sl.month order by sl.month`,
      [months, person],
    );
    return rows.map((row) => ({ month: row.month, commit: row.commit, bestCase: row.best_case, pipeline: row.pipeline, openDeals: Number(row.open_deals) }));
  }

  /**
   * Submits the viewer's forecast for the current month and the next ones, in one transaction: the month's submission
   * is created or its lines replaced (version + 1), the proposal of the moment kept beside each line. Two submissions
   * of the same person and month serialize on the submission row; with `expectedVersion`, the later one is refused
   * (CONFLICT) when the row changed since it was read.
   */
  async submit(input: SubmitForecastInput): Promise<ForecastSubmission> {
    const viewer = this.viewer;
    const id = await this.em.transactional(async (tx) => {
      const current = await this.currentMonth(tx);
      input.lines.forEach((line, index) => {
        const path = `input.lines.${index}`;
        assertMonth(line.month, `${path}.month`);
        if (line.month !== addMonths(current, index)) {
          throw new ForecastsError(ForecastsErrorCode.MONTHS_NOT_CONSECUTIVE, { field: `${path}.month`, detail: msg('Expected {{month}}.', { month: addMonths(current, index) }) });
        }
        if (new Decimal(line.commit).greaterThan(line.bestCase)) throw new ForecastsError(ForecastsErrorCode.COMMIT_ABOVE_BEST_CASE, { field: `${path}.bestCase` });
      });
      const proposal = await this.propose(viewer.userId, input.lines.length, tx);
      const newId = randomUUID();
      await tx.execute(
        `insert into forecast_submission (id, user_id, period_month, note) values (?, ?, ?, ?) on conflict (user_id, period_month) do nothing`,
        [newId, viewer.userId, current, input.note ?? null],
      );
      const [row] = await tx.execute<{ id: string; version: number }[]>(
        `select id, version from forecast_submission where user_id = ? and period_month = ? for update`,
        [viewer.userId, current],
      );
      const fresh = row!.id === newId;
      const seen = fresh ? 0 : row!.version;
      if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== seen) {
        throw new ForecastsError(ForecastsErrorCode.STALE_VERSION, { field: 'input.expectedVersion', version: seen });
      }
      if (!fresh) {
        await tx.execute(`update forecast_submission set version = version + 1, submitted_at = now(), updated_at = now(), note = ? where id = ?`, [input.note ?? null, row!.id]);
        await tx.execute(`delete from forecast_line where submission_id = ?`, [row!.id]);
      }
      const lines = input.lines.map((line, index) => ({
        id: randomUUID(),
        month: line.month,
        commit: line.commit,
        best_case: line.bestCase,
        pipeline: line.pipeline,
        proposed_commit: proposal[index]!.commit,
        proposed_best_case: proposal[index]!.bestCase,
        proposed_pipeline: proposal[index]!.pipeline,
      }));
      await tx.execute(
        `insert into forecast_line (id, submission_id, month, commit, best_case, pipeline, proposed_commit, proposed_best_case, proposed_pipeline)
         select l.id, ?::uuid, l.month, l.commit, l.best_case, l.pipeline, l.proposed_commit, l.proposed_best_case, l.proposed_pipeline
           from jsonb_to_recordset(?::jsonb) as l(id uuid, month date, commit numeric, best_case numeric, pipeline numeric,
                                                 proposed_commit numeric, proposed_best_case numeric, proposed_pipeline numeric)`,
        [row!.id, JSON.stringify(lines)],
      );
      return row!.id;
    });
    return this.submissionById(id);
  }

  /** A submission the viewer may see, with its lines (read afresh). */
  private async submissionById(id: string): Promise<ForecastSubmission> {
    const found = await this.em.fork().findOne(ForecastSubmission, { $and: [{ id }, forecastSubmissionRowScope(this.viewer)] }, { populate: ['lines'] });
    if (found === null) throw new ForecastsError(ForecastsErrorCode.NOT_READABLE);
    return found;
  }

  /** A person's submission made in a month (default: the viewer, the current month); null when there is none. */
  async submission(userId: string | null, periodMonth: string | null): Promise<ForecastSubmission | null> {
    const person = userId ?? this.viewer.userId;
    const month = periodMonth === null ? await this.currentMonth() : assertMonth(periodMonth, 'periodMonth');
    if (!mayReadPersonForecast(this.viewer, person)) throw new ForecastsError(ForecastsErrorCode.NOT_READABLE);
    return this.em.fork().findOne(
      ForecastSubmission,
      { $and: [{ user: person, periodMonth: month }, forecastSubmissionRowScope(this.viewer)] },
      { populate: ['lines'] },
    );
  }

  /** Adjustments made in a month (default: the current one) of the units the viewer may read, optionally of one unit. */
  async adjustments(orgUnitId: string | null, periodMonth: string | null): Promise<ForecastAdjustment[]> {
    const month = periodMonth === null ? await this.currentMonth() : assertMonth(periodMonth, 'periodMonth');
    const where = orgUnitId === null ? { periodMonth: month } : { periodMonth: month, orgUnit: orgUnitId };
    return this.em.find(ForecastAdjustment, { $and: [where, forecastAdjustmentRowScope(this.viewer)] }, { orderBy: { orgUnit: 'asc', month: 'asc' } });
  }

  /**
   * Sets a unit's figures for one month, made in the current month, in one transaction: the roll-up as it stands
   * without the unit's own adjustment is kept beside them, with who and why. Adjusting again in the same month
   * replaces the adjustment (version + 1); concurrent adjustments of the same unit and month serialize on its row, and
   * with `expectedVersion` the later one is refused (CONFLICT) when it changed since it was read.
   */
  async adjust(input: AdjustForecastInput): Promise<ForecastAdjustment> {
    const viewer = this.viewer;
    const id = await this.em.transactional(async (tx) => {
      const current = await this.currentMonth(tx);
      assertMonth(input.month, 'input.month');
      if (input.month < current || input.month > addMonths(current, FORECAST_MAX_MONTHS - 1)) {
        throw new ForecastsError(ForecastsErrorCode.HORIZON_OUT_OF_RANGE, { field: 'input.month' });
      }
      if (new Decimal(input.commit).greaterThan(input.bestCase)) throw new ForecastsError(ForecastsErrorCode.COMMIT_ABOVE_BEST_CASE, { field: 'input.bestCase' });
      const [unit] = await tx.execute<{ id: string }[]>(`select id from org_unit where id = ?`, [input.orgUnitId]);
      if (unit === undefined) throw new ForecastsError(ForecastsErrorCode.UNIT_NOT_FOUND, { field: 'input.orgUnitId' });
      if (!mayAdjustUnit(viewer, input.orgUnitId)) throw new ForecastsError(ForecastsErrorCode.NOT_YOUR_UNIT);
      const [asSubmitted] = await tx.execute<{ commit: string; best_case: string; pipeline: string }[]>(
        `with ${currentMonthCte(this.timeZone)}, ${oneSubjectCte({ kind: 'unit', orgUnitId: input.orgUnitId }).sql},
         slot as (select ?::date as month, params.cur as eff from params),
         ${forecastCtes({ excludeOwnAdjustment: true })}
         select coalesce(max(r.commit), 0)::text as commit, coalesce(max(r.best_case), 0)::text as best_case, coalesce(max(r.pipeline), 0)::text as pipeline
           from rolled r`,
        [input.orgUnitId, input.month],
      );
      const values = [input.commit, input.bestCase, input.pipeline, asSubmitted!.commit, asSubmitted!.best_case, asSubmitted!.pipeline, input.reason.trim(), viewer.userId];
      const inserted = await tx.execute<{ id: string }[]>(
        `insert into forecast_adjustment (id, org_unit_id, period_month, month, commit, best_case, pipeline,
                                          submitted_commit, submitted_best_case, submitted_pipeline, reason, adjusted_by_id)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (org_unit_id, period_month, month) do nothing returning id`,
        [randomUUID(), input.orgUnitId, current, input.month, ...values],
      );
      if (inserted.length > 0) {
        if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== 0) {
          throw new ForecastsError(ForecastsErrorCode.STALE_VERSION, { field: 'input.expectedVersion', version: 0 });
        }
        return inserted[0]!.id;
      }
      const [existing] = await tx.execute<{ id: string; version: number }[]>(
        `select id, version from forecast_adjustment where org_unit_id = ? and period_month = ? and month = ? for update`,
        [input.orgUnitId, current, input.month],
      );
      if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== existing!.version) {
        throw new ForecastsError(ForecastsErrorCode.STALE_VERSION, { field: 'input.expectedVersion', version: existing!.version });
      }
      await tx.execute(
        `update forecast_adjustment
            set version = version + 1, updated_at = now(), adjusted_at = now(), commit = ?, best_case = ?, pipeline = ?,
                submitted_commit = ?, submitted_best_case = ?, submitted_pipeline = ?, reason = ?, adjusted_by_id = ?
          where id = ?`,
        [...values, existing!.id],
      );
      return existing!.id;
    });
    const adjustment = await this.em.fork().findOne(ForecastAdjustment, { $and: [{ id }, forecastAdjustmentRowScope(viewer)] });
    if (adjustment === null) throw new ForecastsError(ForecastsErrorCode.NOT_READABLE);
    return adjustment;
  }

  /**
   * The subject of a roll-up: the unit or person asked for (FORBIDDEN unless the viewer may read it, as performance);
   * without either, the topmost unit the viewer heads, the company for whoever sees all performance, else the viewer.
   */
  private async subjectOf(orgUnitId: string | null, userId: string | null): Promise<{ subject: ForecastSubject; unitId: string; unitName: string; userName: string | null }> {
    const viewer = this.viewer;
    if (orgUnitId !== null && userId !== null) throw new ForecastsError(ForecastsErrorCode.NOT_READABLE, { detail: 'Give a unit or a person, not both.' });
    if (userId !== null) {
      const [person] = await this.em.execute<{ name: string; unit_id: string | null; unit_name: string | null }[]>(
        `select u.name, u.unit_id, ou.name as unit_name from app_user u left join org_unit ou on ou.id = u.unit_id where u.id = ?`,
        [userId],
      );
      if (person === undefined || !mayReadPersonForecast(viewer, userId)) throw new ForecastsError(ForecastsErrorCode.NOT_READABLE);
      return { subject: { kind: 'person', userId }, unitId: person.unit_id ?? '', unitName: person.unit_name ?? '', userName: person.name };
    }
    if (orgUnitId !== null) {
      const [unit] = await this.em.execute<{ name: string }[]>(`select name from org_unit where id = ?`, [orgUnitId]);
      if (unit === undefined) throw new ForecastsError(ForecastsErrorCode.UNIT_NOT_FOUND, { field: 'orgUnitId' });
      if (!mayReadUnitForecast(viewer, orgUnitId)) throw new ForecastsError(ForecastsErrorCode.NOT_READABLE);
      return { subject: { kind: 'unit', orgUnitId }, unitId: orgUnitId, unitName: unit.name, userName: null };
    }
    const [top] = seesAllPerformance(viewer)
      ? await this.em.execute<{ id: string; name: string }[]>(`select id, name from org_unit where parent_id is null order by path limit 1`)
      : await this.em.execute<{ id: string; name: string }[]>(`select id, name from org_unit where path in (select jsonb_array_elements_text(?::jsonb)) order by depth, path limit 1`, [
          JSON.stringify([...viewer.headedUnitPaths]),
        ]);
    if (top !== undefined) return { subject: { kind: 'unit', orgUnitId: top.id }, unitId: top.id, unitName: top.name, userName: null };
    return this.subjectOf(null, viewer.userId);
  }

  /**
   * Forecast against target and actual for `months` months from `from`, after the managers' adjustments, in ONE
   * statement. For each month the forecasts that count are those made in that month (its snapshot) for past and
   * current months, the latest ones for later months.
   */
  async rollup(orgUnitId: string | null, userId: string | null, from: string, months: number): Promise<ForecastRollup> {
    assertMonth(from, 'from');
    if (months < 1 || months > 24) throw new ForecastsError(ForecastsErrorCode.HORIZON_OUT_OF_RANGE, { field: 'months', detail: msg('Ask for 1 to {{max}} months.', { max: 24 }) });
    const { subject, unitId, unitName, userName } = await this.subjectOf(orgUnitId, userId);
    const subjectCte = oneSubjectCte(subject);
    const rows = await this.em.execute<RollupSqlRow[]>(
      `with ${currentMonthCte(this.timeZone)}, ${subjectCte.sql},
       slot as materialized (
         select m.month, least(m.month, params.cur) as eff
           from params, (select (?::date + make_interval(months => g))::date as month from generate_series(0, ?::int - 1) g) m
       ),
       ${forecastCtes()}
       select sl.month::text as month, sl.eff::text as as_of_month, tg.value::text as target,
              case when sl.month <= params.cur then coalesce(ac.actual, 0)::text end as actual,
              coalesce(r.commit, 0)::text as commit, coalesce(r.best_case, 0)::text as best_case, coalesce(r.pipeline, 0)::text as pipeline,
              coalesce(sb.commit, 0)::text as submitted_commit, coalesce(sb.best_case, 0)::text as submitted_best_case,
              coalesce(sb.pipeline, 0)::text as submitted_pipeline, coalesce(sb.submitters, 0)::int as submitters,
              (select count(*) from top_adj t where t.month = sl.month)::int as adjustments,
              (select jsonb_build_object('id', a.id, 'periodMonth', a.period_month, 'adjustedById', a.adjusted_by_id, 'adjustedByName', u.name,
                                         'adjustedAt', a.adjusted_at, 'reason', a.reason)
                 from adj a join app_user u on u.id = a.adjusted_by_id join subject s on s.unit_id = a.org_unit_id
                where a.month = sl.month) as adjustment
         from slot sl
         cross join params
         left join rolled r on r.month = sl.month
         left join submitted sb on sb.month = sl.month
         left join actual ac on ac.month = sl.month
         left join target tg on tg.month = sl.month
        order by sl.month`,
      [...subjectCte.params, from, months],
    );
    return {
      orgUnitId: unitId,
      orgUnitName: unitName,
      userId: subject.kind === 'person' ? subject.userId : null,
      userName: subject.kind === 'person' ? userName : null,
      rows: rows.map((row): ForecastMonth => ({
        month: row.month,
        asOfMonth: row.as_of_month,
        target: row.target,
        actual: row.actual,
        commit: row.commit,
        bestCase: row.best_case,
        pipeline: row.pipeline,
        submittedCommit: row.submitted_commit,
        submittedBestCase: row.submitted_best_case,
        submittedPipeline: row.submitted_pipeline,
        submitters: Number(row.submitters),
        adjustments: Number(row.adjustments),
        adjustment: row.adjustment === null ? null : { ...row.adjustment, periodMonth: row.adjustment.periodMonth, adjustedAt: new Date(row.adjustment.adjustedAt) },
      })),
    };
  }

  /**
   * The accuracy of past forecasts, months `from` to `to` (both first days; months not over yet are left out): for each
   * month, the forecast of `category` that counted `horizon` months before it (0: the month's own snapshot) against
   * BOOKED_SALES; per subject the mean absolute percentage error and the bias over the months with a forecast and a
   * positive actual. Subjects: a unit, its child units and its people who submitted (or one person). ONE statement.
   */
  async accuracy(orgUnitId: string | null, userId: string | null, from: string, to: string, horizon: number, category: ForecastCategory): Promise<ForecastAccuracy> {
    assertMonth(from, 'from');
    assertMonth(to, 'to');
    if (to < from) throw new ForecastsError(ForecastsErrorCode.HORIZON_OUT_OF_RANGE, { field: 'to', detail: 'must not be before `from`' });
    if (to > addMonths(from, MAX_ACCURACY_MONTHS - 1)) throw new ForecastsError(ForecastsErrorCode.HORIZON_OUT_OF_RANGE, { field: 'to', detail: msg('At most {{max}} months.', { max: MAX_ACCURACY_MONTHS }) });
    if (horizon < 0 || horizon > FORECAST_MAX_MONTHS - 1) throw new ForecastsError(ForecastsErrorCode.HORIZON_OUT_OF_RANGE, { field: 'horizon' });
    const { subject } = await this.subjectOf(orgUnitId, userId);
    const column = CATEGORY_COLUMN[category];
    const subjectSql =
      subject.kind === 'person'
        ? { sql: `subject as materialized (select 0 as ord, null::uuid as unit_id, u.id as user_id, u.name from app_user u where u.id = ?::uuid)`, params: [subject.userId] }
        : {
            sql: `root as (select id, path, depth, name from org_unit where id = ?::uuid),
             subject as materialized (
               select (row_number() over (order by kind_order, name, coalesce(unit_id, user_id)))::int - 1 as ord, unit_id, user_id, name
                 from (select root.id as unit_id, null::uuid as user_id, root.name, 0 as kind_order from root
                       union all
                       select ou.id, null, ou.name, 1 from org_unit ou join root on ou.parent_id = root.id
                       union all
                       select null, u.id, u.name, 2
                         from root join org_unit ou on starts_with(ou.path, root.path) join app_user u on u.unit_id = ou.id
                        where exists (select 1 from forecast_submission fs where fs.user_id = u.id)) s
             )`,
            params: [subject.orgUnitId],
          };
    const rows = await this.em.execute<{ unit_id: string | null; user_id: string | null; name: string; months: number; forecast: string | null; actual: string | null; mape: number | null; bias: number | null }[]>(
      `with ${currentMonthCte(this.timeZone)}, ${subjectSql.sql},
       slot as materialized (
         select m.month, (m.month - make_interval(months => ?::int))::date as eff
           from params, (select (?::date + make_interval(months => g))::date as month
                           from generate_series(0, (extract(year from age(?::date, ?::date)) * 12 + extract(month from age(?::date, ?::date)))::int) g) m
          where m.month < params.cur
       ),
       ${forecastCtes()},
       pair as (
         select r.ord, r.month, r.${column} as forecast, coalesce(ac.actual, 0) as actual
           from rolled r left join actual ac on ac.ord = r.ord and ac.month = r.month
          where coalesce(ac.actual, 0) > 0
       )
       select s.unit_id, s.user_id, s.name, count(p.month)::int as months, sum(p.forecast)::text as forecast, sum(p.actual)::text as actual,
              round(avg(abs(p.forecast - p.actual) / p.actual * 100), 2)::float8 as mape,
              round((sum(p.forecast) - sum(p.actual)) / nullif(sum(p.actual), 0) * 100, 2)::float8 as bias
         from subject s left join pair p on p.ord = s.ord
        group by s.ord, s.unit_id, s.user_id, s.name
        order by s.ord`,
      [...subjectSql.params, horizon, from, to, from, to, from],
    );
    return {
      from,
      to,
      horizon,
      category,
      rows: rows.map((row): ForecastAccuracyRow => ({
        orgUnitId: row.unit_id,
        userId: row.user_id,
        name: row.name,
        months: Number(row.months),
        forecast: row.forecast,
        actual: row.actual,
        meanAbsolutePercentageError: row.mape,
        bias: row.bias,
      })),
    };
  }
}
