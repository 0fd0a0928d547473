import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { flushOrStale, lockVersion } from '../../api/database/optimistic-lock';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import { seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Visit } from '../customers/entities/visit.entity';
import { User } from '../org/entities/user.entity';
import { OpportunityStageChange } from '../pipeline/entities/opportunity-stage-change.entity';
import { ReportDeadline } from './entities/report-deadline.entity';
import { WorkReport, WorkReportVisit } from './entities/work-report.entity';
import { ReportComplianceStatus, WorkReportKind, WorkReportStatus } from './reports.enums';
import { ReportsError, ReportsErrorCode, staleReportVersion } from './reports.errors';
import type { CreateWorkReportInput, ReportComplianceArgs, ReviewWorkReportInput, WorkReportsArgs, WorkReportTextInput } from './reports.inputs';
import { mayReview, workReportRowScope } from './reports.policy';
import type { DailyReportProposal, ReportComplianceRow } from './reports.types';

/** `{a,b}`: a PostgreSQL array literal, for `= any(?::uuid[])`. */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** The most periods one "who is late" query spans. */
export const MAX_COMPLIANCE_PERIODS = 400;

/** Days a period of each kind lasts at most, to bound "who is late" before asking the database. */
const MAX_DAYS: Record<WorkReportKind, number> = {
  [WorkReportKind.DAILY]: 1,
  [WorkReportKind.WEEKLY]: 7,
  [WorkReportKind.MONTHLY]: 31,
  [WorkReportKind.QUARTERLY]: 92,
  [WorkReportKind.IMPORTANT_MATTER]: 1,
};

interface ComplianceSqlRow {
  user_id: string;
  user_name: string;
  role: string;
  unit_id: string | null;
  period_start: string;
  deadline_at: Date;
  compliance: ReportComplianceStatus;
  report_id: string | null;
  report_status: WorkReportStatus | null;
  submitted_at: Date | null;
}

/**
 * Work reports (P1–P5): writing and submitting one's own reports (periods and deadlines in the company's time zone,
 * computed by the database functions of the migration), the chain's review and acknowledgement, and "who is late".
 */
export class ReportsService {
  constructor(private readonly ctx: RequestContext) {}

  private get em(): EntityManager {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  private get zone(): string {
    return this.ctx.config.companyTimeZone;
  }

  // ── reads ──────────────────────────────────────────────────────────────────────────────────────────────────

  reportById(id: string, em: EntityManager = this.em): Promise<WorkReport> {
    return findVisibleOrFail(em, WorkReport, { id }, workReportRowScope(this.viewer), () => new ReportsError(ReportsErrorCode.REPORT_NOT_FOUND, { id }));
  }

  reports(args: WorkReportsArgs, options: FindPageOptions): Promise<ConnectionShape<WorkReport>> {
    const filter = args.filter;
    const conditions: FilterQuery<WorkReport>[] = [workReportRowScope(this.viewer)];
    if (filter?.authorId != null) conditions.push({ author: filter.authorId });
    if (filter?.kind != null) conditions.push({ kind: filter.kind });
    if (filter?.status != null) conditions.push({ status: filter.status });
    if (filter?.from != null) conditions.push({ periodStart: { $gte: filter.from } });
    if (filter?.to != null) conditions.push({ periodStart: { $lte: filter.to } });
    return findPage(this.em, WorkReport, { $and: conditions }, args, { periodStart: 'desc', id: 'desc' }, options);
  }

  deadlines(): Promise<ReportDeadline[]> {
    return this.em.find(ReportDeadline, {}, { orderBy: { kind: 'asc', role: 'asc' } });
  }

  /**
   * What the viewer's daily report of `date` (today, company time, when left out) would start with: that day's visits
   * (made or accompanied) and the stage moves they made, and a progress text of one line per visit and move.
   */
  async proposeDaily(date: string | undefined, em: EntityManager = this.em): Promise<DailyReportProposal> {
    const day = date ?? (await this.companyToday(em));
    const userId = this.viewer.userId;
    const lines = await em.execute<{ kind: 'visit' | 'move'; id: string; line: string }[]>(
      `select 'visit' as kind, v.id, '拜访 ' || c.name || '：' || v.purpose || coalesce('（' || v.outcome || '）', '') as line, v.created_at as at
         from visit v join customer c on c.id = v.customer_id
        where (v.visited_by_id = ? or v.accompanied_by_id = ?) and v.visited_on = ?::date
       union all
       select 'move', s.id, '商机 ' || o.name || '：' || coalesce(s.from_stage::text || ' → ', '') || s.to_stage::text, s.changed_at
         from opportunity_stage_change s join opportunity o on o.id = s.opportunity_id
        where s.changed_by_id = ? and s.changed_at >= (?::date::timestamp at time zone ?) and s.changed_at < ((?::date + 1)::timestamp at time zone ?)
        order by 1 desc, 4, 2`,
      [userId, userId, day, userId, day, this.zone, day, this.zone],
    );
    const visitIds = lines.filter((row) => row.kind === 'visit').map((row) => row.id);
    const moveIds = lines.filter((row) => row.kind === 'move').map((row) => row.id);
    const [visits, stageMoves, existing] = await Promise.all([
      visitIds.length === 0 ? [] : em.find(Visit, { id: { $in: visitIds } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      moveIds.length === 0 ? [] : em.find(OpportunityStageChange, { id: { $in: moveIds } }, { orderBy: { changedAt: 'asc', id: 'asc' } }),
      em.findOne(WorkReport, { author: userId, kind: WorkReportKind.DAILY, periodStart: day }),
    ]);
    return { date: day, visits, stageMoves, progress: lines.map((row) => row.line).join('\n'), existing };
  }

  // ── writing ────────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * A new report of the viewer's for the period containing `input.date` (today, company time): its period and its
   * deadline (from `report_deadline` for the author's role) are computed by the database in the company's zone. A daily
   * report without visits or progress given links that day's visits and is prefilled from them and the stage moves.
   */
  async create(input: CreateWorkReportInput): Promise<WorkReport> {
    const userId = this.viewer.userId;
    const id = await this.em.transactional(async (em) => {
      const [period] = await em.execute<{ period_start: string; current_start: string; today: string }[]>(
        `select salesgraph_report_period_start(?::work_report_kind, coalesce(?::date, (now() at time zone ?)::date))::text as period_start,
                salesgraph_report_period_start(?::work_report_kind, (now() at time zone ?)::date)::text as current_start,
                (now() at time zone ?)::date::text as today`,
        [input.kind, input.kind === WorkReportKind.IMPORTANT_MATTER ? null : (input.date ?? null), this.zone, input.kind, this.zone, this.zone],
      );
      if (period.period_start > period.current_start) throw new ReportsError(ReportsErrorCode.FUTURE_PERIOD, { field: 'input.date' });
      let progress = input.progress;
      let visitIds = input.visitIds;
      if (input.kind === WorkReportKind.DAILY && (progress === undefined || visitIds === undefined)) {
        const proposal = await this.proposeDaily(period.period_start, em);
        progress ??= proposal.progress === '' ? undefined : proposal.progress;
        visitIds ??= proposal.visits.map((visit) => visit.id);
      }
      if (input.kind !== WorkReportKind.DAILY && visitIds !== undefined && visitIds.length > 0) {
        throw new ReportsError(ReportsErrorCode.VISIT_NOT_FOUND, { field: 'input.visitIds' });
      }
      const [row] = await em.execute<{ id: string }[]>(
        `insert into work_report (id, author_id, org_unit_id, kind, period_start, period_end, title, progress, problems, help_needed, plan, analysis, deadline_at)
         select gen_random_uuid(), u.id, u.unit_id, k.kind, k.s, salesgraph_report_period_end(k.kind, k.s), ?, ?, ?, ?, ?, ?, salesgraph_report_deadline(k.kind, u.role, k.s, ?)
           from app_user u, (select ?::work_report_kind as kind, ?::date as s) k
          where u.id = ?
         on conflict (author_id, kind, period_start) where kind <> 'IMPORTANT_MATTER' do nothing
         returning id`,
        [
          blankToNull(input.title),
          blankToNull(progress),
          blankToNull(input.problems),
          blankToNull(input.helpNeeded),
          blankToNull(input.plan),
          blankToNull(input.analysis),
          this.zone,
          input.kind,
          period.period_start,
          userId,
        ],
      );
      if (row === undefined) throw new ReportsError(ReportsErrorCode.REPORT_EXISTS, { field: 'input.date' });
      if (visitIds !== undefined && visitIds.length > 0) await this.linkVisits(em, row.id, period.period_start, visitIds, 'input.visitIds');
      return row.id;
    });
    return this.fresh(id);
  }

  /** The author changes their draft; `version` must be the one read. */
  async update(id: string, version: number, input: WorkReportTextInput): Promise<WorkReport> {
    await this.em.transactional(async (em) => {
      const report = await this.ownDraft(em, id, version);
      if (input.title !== undefined) report.title = blankToNull(input.title);
      if (input.progress !== undefined) report.progress = blankToNull(input.progress);
      if (input.problems !== undefined) report.problems = blankToNull(input.problems);
      if (input.helpNeeded !== undefined) report.helpNeeded = blankToNull(input.helpNeeded);
      if (input.plan !== undefined) report.plan = blankToNull(input.plan);
      if (input.analysis !== undefined) report.analysis = blankToNull(input.analysis);
      if (input.visitIds !== undefined) {
        if (report.kind !== WorkReportKind.DAILY && input.visitIds.length > 0) throw new ReportsError(ReportsErrorCode.VISIT_NOT_FOUND, { field: 'input.visitIds' });
        await em.nativeDelete(WorkReportVisit, { report: report.id });
        await this.linkVisits(em, report.id, report.periodStart, input.visitIds, 'input.visitIds');
      }
      report.updatedAt = new Date();
      await flushOrStale(em, staleReportVersion);
    });
    return this.fresh(id);
  }

  /**
   * The author hands the draft in: SUBMITTED, or LATE when the database's clock is past the deadline (`late` stays
   * true after review). One conditional update naming the version read, so a concurrent change is a CONFLICT.
   */
  async submit(id: string, version: number): Promise<WorkReport> {
    await this.em.transactional(async (em) => {
      await this.ownDraft(em, id, version);
      const rows = await em.execute<{ id: string }[]>(
        `update work_report
            set late = coalesce(now() > deadline_at, false),
                status = (case when now() > deadline_at then 'LATE' else 'SUBMITTED' end)::work_report_status,
                submitted_at = now(), version = version + 1, updated_at = now()
          where id = ? and version = ? and status = 'DRAFT'
          returning id`,
        [id, version],
      );
      if (rows.length === 0) throw staleReportVersion();
    });
    return this.fresh(id);
  }

  /** Someone above the author (the VP, admins) reviews a submitted report: score 1–5 and a comment → REVIEWED. */
  async review(id: string, version: number, input: ReviewWorkReportInput): Promise<WorkReport> {
    await this.em.transactional(async (em) => {
      const report = await this.reportById(id, em);
      if (!mayReview(this.viewer, report.author.id)) throw new ReportsError(ReportsErrorCode.NOT_YOUR_REVIEW);
      if (report.status !== WorkReportStatus.SUBMITTED && report.status !== WorkReportStatus.LATE) {
        throw new ReportsError(ReportsErrorCode.REPORT_STATUS_CONFLICT, { status: report.status });
      }
      await lockVersion(em, report, version, staleReportVersion);
      report.status = WorkReportStatus.REVIEWED;
      report.score = input.score;
      report.reviewComment = blankToNull(input.comment);
      report.reviewedBy = em.getReference(User, this.viewer.userId);
      report.reviewedAt = new Date();
      await flushOrStale(em, staleReportVersion);
    });
    return this.fresh(id);
  }

  /** A head above the author acknowledges a submitted important matter (again: the comment is replaced). */
  async acknowledge(id: string, comment: string | undefined): Promise<WorkReport> {
    await this.em.transactional(async (em) => {
      const report = await this.reportById(id, em);
      if (report.kind !== WorkReportKind.IMPORTANT_MATTER) throw new ReportsError(ReportsErrorCode.NOT_AN_IMPORTANT_MATTER, { field: 'id' });
      if (!mayReview(this.viewer, report.author.id)) throw new ReportsError(ReportsErrorCode.NOT_ABOVE_AUTHOR);
      if (report.status === WorkReportStatus.DRAFT) throw new ReportsError(ReportsErrorCode.REPORT_STATUS_CONFLICT, { status: report.status });
      await em.execute(
        `insert into work_report_acknowledgement (report_id, user_id, comment) values (?, ?, ?)
         on conflict (report_id, user_id) do update set comment = excluded.comment, acknowledged_at = now()`,
        [id, this.viewer.userId, blankToNull(comment)],
      );
    });
    return this.fresh(id);
  }

  // ── who is late ────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * "Who is late" (P4): for every active person below the viewer whose role files `kind` (a row in `report_deadline`),
   * every period from the one containing `from` to the one containing `to` (working days only for daily logs; hired
   * before the period ended): missing,
   * not yet due, on time or late, reviewed or not. One statement: the people (the row scope: the subtrees the viewer
   * heads, or one unit of them) × `generate_series` of the periods, the report of each left-joined by the unique key.
   */
  async compliance(args: ReportComplianceArgs): Promise<ReportComplianceRow[]> {
    if (args.kind === WorkReportKind.IMPORTANT_MATTER) throw new ReportsError(ReportsErrorCode.NOT_A_PERIODIC_KIND, { field: 'kind' });
    const days = (Date.parse(`${args.to}T00:00:00Z`) - Date.parse(`${args.from}T00:00:00Z`)) / 86_400_000;
    if (!(days >= 0) || days > MAX_COMPLIANCE_PERIODS * MAX_DAYS[args.kind]) throw new ReportsError(ReportsErrorCode.TOO_MANY_PERIODS, { field: 'to' });
    const viewer = this.viewer;
    const all = seesWholeCompany(viewer);
    if (args.orgUnitId !== undefined && args.orgUnitId !== null && !all && !viewer.managedUnitIds.has(args.orgUnitId)) {
      throw new ReportsError(ReportsErrorCode.UNIT_NOT_FOUND, { field: 'orgUnitId' });
    }
    const patterns = (all ? ['/'] : [...viewer.headedUnitPaths]).map((path) => `${path}%`);
    const rows = await this.em.execute<ComplianceSqlRow[]>(
      `with k as (select ?::work_report_kind as kind, ?::text as zone),
       people as (
         select u.id, u.name, u.role, u.unit_id, u.hire_date, d.due_after_minutes
           from app_user u
           join org_unit ou on ou.id = u.unit_id
           join report_deadline d on d.kind = (select kind from k) and d.role = u.role
          where u.status = 'ACTIVE' and u.id <> ? and ou.path like any(?::text[])
            and (?::uuid is null or ou.path like (select path from org_unit where id = ?::uuid) || '%')
       ),
       periods as (
         select g::date as period_start
           from k, generate_series(salesgraph_report_period_start(k.kind, ?::date)::timestamp,
                                   salesgraph_report_period_start(k.kind, ?::date)::timestamp,
                                   salesgraph_report_period_step(k.kind)) g
          where salesgraph_report_period_required(k.kind, g::date)
       ),
       due as (
         select p.*, pr.period_start, salesgraph_report_deadline_at(k.kind, pr.period_start, p.due_after_minutes, k.zone) as deadline_at
           from people p cross join periods pr cross join k
          where p.hire_date is null or salesgraph_report_period_end(k.kind, pr.period_start) >= p.hire_date
       )
       select d.id as user_id, d.name as user_name, d.role::text as role, d.unit_id, d.period_start::text as period_start, d.deadline_at,
              case when r.status is null or r.status = 'DRAFT' then (case when now() > d.deadline_at then 'MISSING' else 'NOT_YET_DUE' end)
                   when r.late then 'LATE' else 'ON_TIME' end as compliance,
              r.id as report_id, r.status::text as report_status, r.submitted_at
         from due d
         left join work_report r on r.author_id = d.id and r.kind = (select kind from k) and r.period_start = d.period_start
        order by d.name, d.id, d.period_start`,
      [args.kind, this.zone, viewer.userId, pgArray(patterns), args.orgUnitId ?? null, args.orgUnitId ?? null, args.from, args.to],
    );
    return rows.map((row) => ({
      userId: row.user_id,
      userName: row.user_name,
      role: row.role as ReportComplianceRow['role'],
      orgUnitId: row.unit_id,
      kind: args.kind,
      periodStart: row.period_start,
      deadlineAt: new Date(row.deadline_at),
      compliance: row.compliance,
      reviewed: row.report_status === WorkReportStatus.REVIEWED,
      reportId: row.report_id,
      reportStatus: row.report_status,
      submittedAt: row.submitted_at === null ? null : new Date(row.submitted_at),
    }));
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────────────────

  private async companyToday(em: EntityManager): Promise<string> {
    const [row] = await em.execute<{ today: string }[]>(`select (now() at time zone ?)::date::text as today`, [this.zone]);
    return row.today;
  }

  /** The viewer's own draft, at the version read. */
  private async ownDraft(em: EntityManager, id: string, version: number): Promise<WorkReport> {
    const report = await this.reportById(id, em);
    if (report.author.id !== this.viewer.userId) throw new ReportsError(ReportsErrorCode.NOT_YOUR_REPORT);
    if (report.status !== WorkReportStatus.DRAFT) throw new ReportsError(ReportsErrorCode.REPORT_STATUS_CONFLICT, { status: report.status });
    await lockVersion(em, report, version, staleReportVersion);
    return report;
  }

  /** Links visits of the report's day that its author made or accompanied; any other id is refused, naming the list. */
  private async linkVisits(em: EntityManager, reportId: string, day: string, visitIds: readonly string[], field: string): Promise<void> {
    const ids = [...new Set(visitIds)];
    if (ids.length === 0) return;
    const rows = await em.execute<{ visit_id: string }[]>(
      `insert into work_report_visit (report_id, visit_id)
       select r.id, v.id from work_report r join visit v on (v.visited_by_id = r.author_id or v.accompanied_by_id = r.author_id) and v.visited_on = ?::date
        where r.id = ? and v.id = any(?::uuid[])
       returning visit_id`,
      [day, reportId, pgArray(ids)],
    );
    if (rows.length !== ids.length) throw new ReportsError(ReportsErrorCode.VISIT_NOT_FOUND, { field });
  }

  private fresh(id: string): Promise<WorkReport> {
    return this.em.findOneOrFail(WorkReport, { id }, { refresh: true });
  }
}

function blankToNull(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
