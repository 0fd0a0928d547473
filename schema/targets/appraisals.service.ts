import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { lockVersion, flushOrStale } from '../../api/database/optimistic-lock';
import { seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Role } from '../org/org.enums';
import { ACHIEVEMENT_METRIC, AppraisalStatus, ImprovementPlanStatus } from './appraisals.enums';
import { AppraisalsError, AppraisalsErrorCode, staleAppraisalVersion } from './appraisals.errors';
import type { AppraisalsArgs, ImprovementCandidatesArgs, ReviewAppraisalInput, RunAppraisalsInput } from './appraisals.inputs';
import { appraisalRowScope } from './appraisals.policy';
import { reviewChain, scoreLine } from './appraisals.scoring';
import type { ImprovementCandidate, PeriodAchievement } from './appraisals.types';
import { Appraisal, AppraisalLine } from './entities/appraisal.entity';
import { ImprovementPlan } from './entities/improvement-plan.entity';
import { User } from '../org/entities/user.entity';
import { periodStartingOn, type Period } from './periods';
import { PeriodKind, TargetMetric } from './targets.enums';

/** Months in a period of each kind, for stepping back period by period in SQL. */
const MONTHS: Record<PeriodKind, number> = { [PeriodKind.MONTH]: 1, [PeriodKind.QUARTER]: 3, [PeriodKind.YEAR]: 12 };

/** The people a run or a candidate list covers, as SQL on `app_user u join org_unit ou`: path prefixes, or all. */
interface PeopleScope {
  pathPatterns: string[];
}

interface ComputedLineRow {
  user_id: string;
  unit_id: string;
  scorecard_id: string;
  indicator: string;
  position: number;
  weight: string;
  cap_percent: string;
  target: string | null;
  actual: string;
}

/** `{a,b}`: a PostgreSQL array literal of uuids or text, for `= any(?::uuid[])`. */
function pgArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * Appraisals (N8, N9): computing them for everyone in the viewer's scope, the manager's review, the next level's
 * confirmation, and the archive. Every figure comes from `sales_performance_fact` and `sales_target`.
 */
export class AppraisalsService {
  constructor(private readonly ctx: RequestContext) {}

  private get em(): EntityManager {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  // ── reads ──────────────────────────────────────────────────────────────────────────────────────────────────

  appraisalById(id: string, em: EntityManager = this.em): Promise<Appraisal> {
    return findVisibleOrFail(em, Appraisal, { id }, appraisalRowScope(this.viewer), () => new AppraisalsError(AppraisalsErrorCode.APPRAISAL_NOT_FOUND, { id }));
  }

  /** The appraisals of one period the viewer may see, by person's name. */
  appraisals(args: AppraisalsArgs): Promise<Appraisal[]> {
    const period = this.period(args.periodKind, args.periodStart, 'periodStart');
    return this.em.find(
      Appraisal,
      {
        $and: [
          { periodKind: period.kind, periodStart: period.start },
          args.status ? { status: args.status } : {},
          args.userId ? { user: args.userId } : {},
          appraisalRowScope(this.viewer),
        ],
      },
      { orderBy: { user: { name: 'asc' }, id: 'asc' } },
    );
  }

  // ── computing ──────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Computes (or recomputes) the DRAFT appraisals of the period for everyone in the viewer's scope who has an active
   * scorecard for their role: a manager their team, a director their region, the VP and admins everyone; never the
   * viewer themself (their own is computed above them). Reviewed and archived appraisals are left alone; a draft
   * keeps its adjustments. A constant number of statements however many people: the figures in one, then one upsert
   * of the appraisals, one of the lines and one of the totals.
   */
  async runAppraisals(input: RunAppraisalsInput): Promise<Appraisal[]> {
    const period = this.period(input.periodKind, input.periodStart, 'input.periodStart');
    const ids = await this.em.transactional(async (em) => {
      const scope = await this.peopleScope(em, input.orgUnitId ?? null, 'input.orgUnitId');
      const rows = await em.execute<ComputedLineRow[]>(
        `with people as (
           select u.id as user_id, u.unit_id, u.role
             from app_user u join org_unit ou on ou.id = u.unit_id
            where u.status = 'ACTIVE' and u.id <> ? and ou.path like any(?::text[])
         ), card as (
           select distinct on (p.user_id) p.user_id, p.unit_id, s.id as scorecard_id
             from people p
             join scorecard s on s.role = p.role::text and s.active and s.valid_from <= ?::date and (s.valid_to is null or s.valid_to >= ?::date)
            order by p.user_id, s.valid_from desc, s.id
         ), lines as (
           select c.user_id, c.unit_id, c.scorecard_id, si.indicator::text as indicator, si.position, si.weight, si.cap_percent, m.metric::target_metric as metric
             from card c
             join scorecard_indicator si on si.scorecard_id = c.scorecard_id
             join jsonb_each_text(?::jsonb) m(indicator, metric) on m.indicator = si.indicator::text
         ), actual as (
           select f.user_id, f.metric, sum(f.value) as value
             from sales_performance_fact f
            where f.user_id in (select user_id from card) and f.occurred_on between ?::date and ?::date
            group by f.user_id, f.metric
         )
         select l.user_id, l.unit_id, l.scorecard_id, l.indicator, l.position, l.weight::text as weight, l.cap_percent::text as cap_percent,
                t.value::text as target, coalesce(a.value, 0)::text as actual
           from lines l
           left join sales_target t on t.user_id = l.user_id and t.metric = l.metric and t.period_kind = ?::period_kind and t.period_start = ?::date
                 and t.product_line_id is null and t.customer_tier is null and t.customer_novelty is null
           left join actual a on a.user_id = l.user_id and a.metric = l.metric
          order by l.user_id, l.position, l.indicator`,
        [
          this.viewer.userId,
          pgArray(scope.pathPatterns),
          period.end,
          period.start,
          JSON.stringify(ACHIEVEMENT_METRIC),
          period.start,
          period.end,
          period.kind,
          period.start,
        ],
      );
      if (rows.length === 0) return [];
      const people = [...new Map(rows.map((row) => [row.user_id, { user_id: row.user_id, unit_id: row.unit_id, scorecard_id: row.scorecard_id }])).values()];
      const drafts = await em.execute<{ id: string; user_id: string }[]>(
        `insert into appraisal (id, user_id, org_unit_id, scorecard_id, period_kind, period_start, period_end, computed_at)
         select gen_random_uuid(), x.user_id, x.unit_id, x.scorecard_id, ?::period_kind, ?::date, ?::date, now()
           from jsonb_to_recordset(?::jsonb) as x(user_id uuid, unit_id uuid, scorecard_id uuid)
         on conflict (user_id, period_kind, period_start) do update
            set org_unit_id = excluded.org_unit_id, scorecard_id = excluded.scorecard_id, computed_at = now(), updated_at = now(),
                version = appraisal.version + 1
          where appraisal.status = 'DRAFT'
         returning id, user_id`,
        [period.kind, period.start, period.end, JSON.stringify(people)],
      );
      const draftOf = new Map(drafts.map((draft) => [draft.user_id, draft.id]));
      const lines = rows
        .filter((row) => draftOf.has(row.user_id))
        .map((row) => ({
          appraisal_id: draftOf.get(row.user_id)!,
          user_id: row.user_id,
          indicator: row.indicator,
          position: row.position,
          weight: row.weight,
          cap_percent: row.cap_percent,
          target: row.target,
          actual: row.actual,
          ...(({ ratePercent, computedScore }) => ({ rate_percent: ratePercent, computed_score: computedScore }))(
            scoreLine({ target: row.target, actual: row.actual, capPercent: row.cap_percent }),
          ),
        }));
      if (lines.length === 0) return [];
      // A draft keeps its adjustments; a line whose indicator left the scorecard goes.
      await em.execute(
        `with incoming as (
           select * from jsonb_to_recordset(?::jsonb) as x(appraisal_id uuid, user_id uuid, indicator appraisal_indicator, position smallint,
                  weight numeric, cap_percent numeric, target numeric, actual numeric, rate_percent numeric, computed_score numeric)
         ), removed as (
           delete from appraisal_line l
            where l.appraisal_id in (select appraisal_id from incoming)
              and not exists (select 1 from incoming i where i.appraisal_id = l.appraisal_id and i.indicator = l.indicator)
         )
         insert into appraisal_line (id, appraisal_id, user_id, indicator, position, weight, cap_percent, target, actual, rate_percent, computed_score)
         select gen_random_uuid(), appraisal_id, user_id, indicator, position, weight, cap_percent, target, actual, rate_percent, computed_score from incoming
         on conflict (appraisal_id, indicator) do update
            set position = excluded.position, weight = excluded.weight, cap_percent = excluded.cap_percent, target = excluded.target,
                actual = excluded.actual, rate_percent = excluded.rate_percent, computed_score = excluded.computed_score`,
        [JSON.stringify(lines)],
      );
      const draftIds = [...draftOf.values()];
      await updateTotals(em, draftIds);
      return draftIds;
    });
    if (ids.length === 0) return [];
    return this.em.find(Appraisal, { id: { $in: ids } }, { orderBy: { user: { name: 'asc' }, id: 'asc' }, refresh: true });
  }

  // ── workflow ───────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * The reviewing manager's review of a DRAFT: score adjustments (each with its reason), a comment, a
   * recommendation. The appraisal stays a draft until `submit`.
   */
  async review(id: string, version: number, input: ReviewAppraisalInput): Promise<Appraisal> {
    await this.em.transactional(async (em) => {
      const appraisal = await this.appraisalById(id, em);
      await this.assertStatus(appraisal, AppraisalStatus.DRAFT);
      await this.assertReviewer(em, appraisal);
      await lockVersion(em, appraisal, version, staleAppraisalVersion);
      const lines = await em.find(AppraisalLine, { appraisal: appraisal.id });
      const seen = new Set<string>();
      (input.adjustments ?? []).forEach((adjustment, index) => {
        const line = lines.find((candidate) => candidate.indicator === adjustment.indicator);
        if (line === undefined || seen.has(adjustment.indicator)) {
          throw new AppraisalsError(AppraisalsErrorCode.UNKNOWN_INDICATOR, { field: `input.adjustments.${index}.indicator` });
        }
        seen.add(adjustment.indicator);
        const score = adjustment.score ?? null;
        const reason = adjustment.reason ?? null;
        if (score !== null && (reason === null || reason === '')) throw UserInputError.field(`input.adjustments.${index}.reason`, 'is required');
        line.adjustedScore = score;
        line.adjustmentReason = score === null ? null : reason;
      });
      if (input.comment !== undefined) appraisal.reviewComment = input.comment;
      if (input.recommendation !== undefined) appraisal.recommendation = input.recommendation;
      appraisal.updatedAt = new Date();
      await flushOrStale(em, staleAppraisalVersion);
      await updateTotals(em, [appraisal.id]);
    });
    return this.fresh(id);
  }

  /** The reviewer submits the draft (with a recommendation) to the next level up: DRAFT → REVIEWED. */
  async submit(id: string, version: number): Promise<Appraisal> {
    await this.em.transactional(async (em) => {
      const appraisal = await this.appraisalById(id, em);
      await this.assertStatus(appraisal, AppraisalStatus.DRAFT);
      await this.assertReviewer(em, appraisal);
      await lockVersion(em, appraisal, version, staleAppraisalVersion);
      if (appraisal.recommendation === null) throw new AppraisalsError(AppraisalsErrorCode.RECOMMENDATION_REQUIRED, { field: 'id' });
      appraisal.status = AppraisalStatus.REVIEWED;
      appraisal.reviewedBy = em.getReference(User, this.viewer.userId);
      appraisal.reviewedAt = new Date();
      await flushOrStale(em, staleAppraisalVersion);
    });
    return this.fresh(id);
  }

  /**
   * The level above the reviewer confirms: REVIEWED → ARCHIVED, unchangeable from then on. The update names the
   * version read, so of two confirmations at once exactly one changes the row; the other finds it changed (CONFLICT).
   */
  async confirm(id: string, version: number): Promise<Appraisal> {
    await this.em.transactional(async (em) => {
      const appraisal = await this.appraisalById(id, em);
      await this.assertStatus(appraisal, AppraisalStatus.REVIEWED);
      await this.assertConfirmer(em, appraisal);
      await lockVersion(em, appraisal, version, staleAppraisalVersion);
      appraisal.status = AppraisalStatus.ARCHIVED;
      appraisal.confirmedBy = em.getReference(User, this.viewer.userId);
      appraisal.confirmedAt = new Date();
      await flushOrStale(em, staleAppraisalVersion);
    });
    return this.fresh(id);
  }

  /** The level above the reviewer sends it back with a comment: REVIEWED → DRAFT. */
  async returnToReviewer(id: string, version: number, comment: string): Promise<Appraisal> {
    await this.em.transactional(async (em) => {
      const appraisal = await this.appraisalById(id, em);
      await this.assertStatus(appraisal, AppraisalStatus.REVIEWED);
      await this.assertConfirmer(em, appraisal);
      await lockVersion(em, appraisal, version, staleAppraisalVersion);
      appraisal.status = AppraisalStatus.DRAFT;
      appraisal.returnComment = comment;
      await flushOrStale(em, staleAppraisalVersion);
    });
    return this.fresh(id);
  }

  /** Who reviews and who confirms `appraisal`'s person: the heads of the units above them, nearest first. */
  async chainOf(em: EntityManager, userId: string): Promise<{ reviewerId: string | null; confirmerId: string | null }> {
    const heads = await em.execute<{ head_id: string }[]>(
      `select ou.head_id
         from app_user u
         join org_unit own on own.id = u.unit_id
         join org_unit ou on own.path like ou.path || '%'
        where u.id = ? and ou.head_id is not null
        order by ou.depth desc`,
      [userId],
    );
    return reviewChain(heads.map((row) => row.head_id), userId);
  }

  // ── improvement candidates (N11) ─────────────────────────────────────────────────────────────────────────────

  /**
   * People in the viewer's scope whose achievement of their scorecard's main metric stayed below its threshold in
   * each of the scorecard's number of periods up to `periodStart` (3 months by default). A period without a target
   * is not a miss. One statement for everyone.
   */
  async improvementCandidates(args: ImprovementCandidatesArgs): Promise<ImprovementCandidate[]> {
    const period = this.period(args.periodKind, args.periodStart, 'periodStart');
    const scope = await this.peopleScope(this.em, args.orgUnitId ?? null, 'orgUnitId');
    const rows = await this.em.execute<{
      user_id: string; metric: TargetMetric; threshold: string; miss_periods: number; period_start: string; target: string | null; actual: string;
    }[]>(
      `with people as (
         select u.id as user_id, u.role
           from app_user u join org_unit ou on ou.id = u.unit_id
          where u.status = 'ACTIVE' and u.id <> ? and ou.path like any(?::text[])
       ), card as (
         select distinct on (p.user_id) p.user_id, s.main_metric, s.miss_threshold_percent, s.miss_periods
           from people p
           join scorecard s on s.role = p.role::text and s.active and s.valid_from <= ?::date and (s.valid_to is null or s.valid_to >= ?::date)
          order by p.user_id, s.valid_from desc, s.id
       ), periods as (
         select c.*, (?::date - make_interval(months => g * ?::int))::date as period_start
           from card c, generate_series(0, c.miss_periods - 1) g
       )
       select p.user_id, p.main_metric as metric, p.miss_threshold_percent::text as threshold, p.miss_periods, p.period_start::text as period_start,
              t.value::text as target,
              coalesce((select sum(f.value) from sales_performance_fact f
                         where f.user_id = p.user_id and f.metric = p.main_metric
                           and f.occurred_on >= p.period_start and f.occurred_on < (p.period_start + make_interval(months => ?::int))::date), 0)::text as actual
         from periods p
         left join sales_target t on t.user_id = p.user_id and t.metric = p.main_metric and t.period_kind = ?::period_kind and t.period_start = p.period_start
               and t.product_line_id is null and t.customer_tier is null and t.customer_novelty is null
        order by p.user_id, p.period_start desc`,
      [this.viewer.userId, pgArray(scope.pathPatterns), period.end, period.start, period.start, MONTHS[period.kind], MONTHS[period.kind], period.kind],
    );
    const byUser = new Map<string, typeof rows>();
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
    const flagged: { userId: string; rows: typeof rows; periods: PeriodAchievement[] }[] = [];
    for (const [userId, userRows] of byUser) {
      const periods = userRows.map((row) => {
        const { ratePercent } = scoreLine({ target: row.target, actual: row.actual, capPercent: '1000000' });
        return { periodStart: row.period_start, target: row.target, actual: row.actual, ratePercent };
      });
      const missedAll = periods.every((each) => each.ratePercent !== null && Number(each.ratePercent) < Number(userRows[0].threshold));
      if (missedAll) flagged.push({ userId, rows: userRows, periods });
    }
    if (flagged.length === 0) return [];
    const userIds = flagged.map((each) => each.userId);
    const [users, plans] = await Promise.all([
      this.em.find(User, { id: { $in: userIds } }),
      this.em.find(ImprovementPlan, { user: { $in: userIds }, status: ImprovementPlanStatus.OPEN }),
    ]);
    return flagged
      .map((each) => ({
        user: users.find((user) => user.id === each.userId)!,
        metric: each.rows[0].metric,
        periodKind: period.kind,
        thresholdPercent: each.rows[0].threshold,
        missPeriods: each.rows[0].miss_periods,
        periods: each.periods,
        openPlan: plans.find((plan) => plan.user.id === each.userId) ?? null,
      }))
      .sort((a, b) => a.user.name.localeCompare(b.user.name, 'zh-CN') || a.user.id.localeCompare(b.user.id));
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────────────────

  private period(kind: PeriodKind, start: string, field: string): Period {
    const period = periodStartingOn(kind, start);
    if (period === undefined) throw new AppraisalsError(AppraisalsErrorCode.NOT_A_PERIOD_START, { field });
    return period;
  }

  /**
   * The org paths whose members the viewer appraises: the subtrees they head (all for the VP and admins), narrowed to
   * one unit's subtree when asked; a unit outside them is NOT_FOUND.
   */
  private async peopleScope(em: EntityManager, orgUnitId: string | null, field: string): Promise<PeopleScope> {
    const viewer = this.viewer;
    const all = seesWholeCompany(viewer);
    const headed = all ? ['/'] : [...viewer.headedUnitPaths];
    if (orgUnitId === null) return { pathPatterns: headed.map((path) => `${path}%`) };
    const [unit] = await em.execute<{ path: string }[]>(`select path from org_unit where id = ?`, [orgUnitId]);
    if (unit === undefined || !headed.some((path) => unit.path.startsWith(path))) {
      throw new AppraisalsError(AppraisalsErrorCode.UNIT_NOT_FOUND, { field });
    }
    return { pathPatterns: [`${unit.path}%`] };
  }

  private async assertStatus(appraisal: Appraisal, status: AppraisalStatus): Promise<void> {
    if (appraisal.status !== status) throw new AppraisalsError(AppraisalsErrorCode.APPRAISAL_STATUS_CONFLICT, { status: appraisal.status });
  }

  /** The head of the person's unit (the next head up for the unit's head); admins where there is nobody above. */
  private async assertReviewer(em: EntityManager, appraisal: Appraisal): Promise<void> {
    const { reviewerId } = await this.chainOf(em, appraisal.user.id);
    const viewer = this.viewer;
    const allowed = reviewerId === null ? viewer.role === Role.ADMIN : viewer.userId === reviewerId;
    if (!allowed) throw new AppraisalsError(AppraisalsErrorCode.NOT_YOUR_REVIEW);
  }

  /** The head above the reviewer; admins where there is nobody above the reviewer (never the reviewer themself). */
  private async assertConfirmer(em: EntityManager, appraisal: Appraisal): Promise<void> {
    const { confirmerId } = await this.chainOf(em, appraisal.user.id);
    const viewer = this.viewer;
    const reviewedBy = appraisal.reviewedBy?.id ?? null;
    const allowed = confirmerId === null ? viewer.role === Role.ADMIN && viewer.userId !== reviewedBy : viewer.userId === confirmerId;
    if (!allowed) throw new AppraisalsError(AppraisalsErrorCode.NOT_YOUR_CONFIRMATION);
  }

  private fresh(id: string): Promise<Appraisal> {
    return this.em.findOneOrFail(Appraisal, { id }, { refresh: true });
  }
}

/**
 * Total score and grade from the lines: Σ weighted scores × 100 ÷ Σ weights of the scored lines (each weighted score
 * rounded to 2 places, as shown), so with every line scored the total is the sum of the weighted scores.
 */
async function updateTotals(em: EntityManager, appraisalIds: readonly string[]): Promise<void> {
  await em.execute(
    `update appraisal a
        set total_score = x.total, grade = salesgraph_appraisal_grade(x.total)
       from (select l.appraisal_id,
                    round(sum(round(coalesce(l.adjusted_score, l.computed_score) * l.weight / 100, 2)) * 100
                          / nullif(sum(l.weight) filter (where coalesce(l.adjusted_score, l.computed_score) is not null), 0), 2) as total
               from appraisal_line l
              where l.appraisal_id = any(?::uuid[])
              group by l.appraisal_id) x
      where a.id = x.appraisal_id`,
    [pgArray(appraisalIds)],
  );
}
