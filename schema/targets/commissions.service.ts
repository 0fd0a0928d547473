import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import type { FindPageOptions, ConnectionShape } from '../../api/pagination';
import { findPage } from '../../api/pagination';
import { findVisibleOrFail } from '../../api/find-or-fail';
import type { Viewer } from '../../api/permissions/viewer';
import { managesUser } from '../../api/permissions/viewer';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { CommissionStatus } from './commissions.enums';
import { CommissionsError, CommissionsErrorCode } from './commissions.errors';
import type { CommissionStatementsArgs } from './commissions.inputs';
import { commissionStatementRowScope } from './commissions.policy';
import { CommissionStatement } from './entities/commission-statement.entity';
import { PeriodKind } from './targets.enums';
import { periodStartingOn } from './periods';

/**
 * The reps a run pays: active users in scope (the unit's subtree, or everyone), each with the plan that applies to
 * them in the month (a plan naming them, else one for their role; the newest first) and their monthly target for
 * the plan's metric on the all-lines slice. A rep without a target gets no statement: achievement is undefined.
 * Parameters: period start, period end (exclusive), org unit id twice.
 */
const REPS_SQL = `create temp table commission_run_rep on commit drop as
  with scope_users as (
    select u.id as user_id, u.unit_id, u.role::text as role
      from app_user u
      left join org_unit ou on ou.id = u.unit_id
     where u.status = 'ACTIVE'
       and (?::uuid is null or ou.path like (select root.path from org_unit root where root.id = ?::uuid) || '%')
  ),
  picked as (
    select distinct on (su.user_id) su.user_id, su.unit_id, p.id as plan_id, p.basis_metric, p.cap_amount, p.cap_percent_of_target,
           p.team_award_kind, p.team_award_value, p.team_award_split
      from scope_users su
      join commission_plan p on p.active and p.valid_from < ?::date and (p.valid_to is null or p.valid_to >= ?::date)
      left join commission_plan_assignee a on a.plan_id = p.id and a.user_id = su.user_id
     where a.id is not null or p.applies_to_roles @> jsonb_build_array(su.role)
     order by su.user_id, (a.id is not null) desc, p.valid_from desc, p.id
  )
  select pk.*, t.value as target_value,
         coalesce((select sum(f.value) from sales_performance_fact f
                    where f.user_id = pk.user_id and f.metric::text = pk.basis_metric and f.occurred_on >= ?::date and f.occurred_on < ?::date), 0) as actual_value
    from picked pk
    join sales_target t on t.user_id = pk.user_id and t.metric::text = pk.basis_metric and t.period_kind = 'MONTH' and t.period_start = ?::date
     and t.product_line_id is null and t.customer_tier is null and t.customer_novelty is null and t.value > 0`;

/** Parameters: period start. Waits for workflow changes in flight on the statements the run may build on. */
const LOCK_SQL = `select s.id from commission_statement s join commission_run_rep r on r.user_id = s.user_id
  where s.period_start = ?::date order by s.id for update of s`;

/**
 * Every line the run would write, as the difference from what statements past DRAFT already carry (for a rep
 * without one, that is every line). Tiers apply progressively: the rows of the month, in the order they occurred,
 * fill the achievement bands from the bottom, and the part of a row inside a band earns that band's rate (a row
 * across a boundary is split in two lines); bands above 100 % are the over-achievement accelerators. Parts no band
 * covers show at 0 %. Then the cap (the amount the tiers earned above it, negative) and the team award (the team's
 * actual of all its members against the team's target; the pool split among the team's members on the plan).
 * Parameters: period start, end (exclusive), start, end, start, start.
 */
const LINES_SQL = `create temp table commission_run_line on commit drop as
  with facts as (
    select r.user_id, f.source_kind, f.source_id, f.document_id, f.occurred_on, f.value,
           sum(f.value) over (partition by r.user_id order by f.occurred_on, f.source_id rows between unbounded preceding and current row) as cum_after
      from commission_run_rep r
      join sales_performance_fact f on f.user_id = r.user_id and f.metric::text = r.basis_metric and f.occurred_on >= ?::date and f.occurred_on < ?::date
  ),
  bands as (
    select r.user_id, t.id as tier_id, t.achievement_from, t.achievement_to, t.rate_percent,
           round(r.target_value * t.achievement_from / 100, 2) as lo,
           case when t.achievement_to is null then null else round(r.target_value * t.achievement_to / 100, 2) end as hi
      from commission_run_rep r join commission_tier t on t.plan_id = r.plan_id
  ),
  portions as (
    select f.user_id, f.source_kind, f.source_id, f.document_id, f.occurred_on, b.tier_id, b.achievement_from, b.achievement_to, b.rate_percent,
           least(f.cum_after, coalesce(b.hi, f.cum_after)) - greatest(f.cum_after - f.value, b.lo) as amount
      from facts f join bands b on b.user_id = f.user_id
     where f.cum_after > b.lo and (b.hi is null or f.cum_after - f.value < b.hi)
  ),
  covered as (
    select p.user_id, p.source_kind, p.source_id, sum(p.amount) as amount from portions p group by p.user_id, p.source_kind, p.source_id
  ),
  uncovered as (
    -- A join with the portions summed per row, not a sum per row: that rescanned all portions for every row.
    select f.user_id, f.source_kind, f.source_id, f.document_id, f.occurred_on, null::uuid as tier_id, null::numeric as achievement_from,
           null::numeric as achievement_to, 0::numeric as rate_percent,
           f.value - coalesce(c.amount, 0) as amount
      from facts f
      left join covered c on c.user_id = f.user_id and c.source_kind = f.source_kind and c.source_id = f.source_id
  ),
  source_lines as (
    select 'SOURCE'::text as kind, x.*, round(x.amount * x.rate_percent / 100, 2) as commission
      from (select * from portions union all select * from uncovered) x
     where x.amount <> 0
  ),
  tier_totals as (
    select 'TIER_TOTAL'::text as kind, user_id, null::text as source_kind, null::uuid as source_id, null::uuid as document_id, null::date as occurred_on,
           tier_id, achievement_from, achievement_to, rate_percent, sum(amount) as amount, sum(commission) as commission
      from source_lines where tier_id is not null
     group by user_id, tier_id, achievement_from, achievement_to, rate_percent
  ),
  earned as (
    select r.user_id, least(r.cap_amount, round(r.target_value * r.cap_percent_of_target / 100, 2)) as cap, coalesce(s.commission, 0) as individual
      from commission_run_rep r
      left join (select user_id, sum(commission) as commission from source_lines group by user_id) s on s.user_id = r.user_id
  ),
  caps as (
    select 'CAP'::text as kind, e.user_id, null::text, null::uuid, null::uuid, null::date, null::uuid, null::numeric, null::numeric, null::numeric,
           e.cap as amount, e.cap - e.individual as commission
      from earned e where e.cap is not null and e.individual > e.cap
  ),
  teams as (
    select r.unit_id, r.plan_id, min(r.team_award_kind) as award_kind, min(r.team_award_value) as award_value, min(r.team_award_split) as award_split,
           min(t.value) as team_target, count(*) as members, sum(r.actual_value) as members_actual,
           (select coalesce(sum(f.value), 0) from sales_performance_fact f join app_user m on m.id = f.user_id
             where m.unit_id = r.unit_id and f.metric::text = min(r.basis_metric) and f.occurred_on >= ?::date and f.occurred_on < ?::date) as team_actual
      from commission_run_rep r
      join sales_target t on t.org_unit_id = r.unit_id and t.metric::text = r.basis_metric and t.period_kind = 'MONTH' and t.period_start = ?::date
       and t.product_line_id is null and t.customer_tier is null and t.customer_novelty is null and t.value > 0
     where r.team_award_kind is not null
     group by r.unit_id, r.plan_id
  ),
  awards as (
    select 'TEAM_AWARD'::text as kind, r.user_id, null::text, null::uuid, null::uuid, null::date, null::uuid, null::numeric, null::numeric,
           case when tm.award_kind = 'RATE' then tm.award_value end, tm.team_actual as amount,
           round(pool.amount * case when tm.award_split = 'EQUAL' or tm.members_actual = 0 then 1.0 / tm.members else r.actual_value / tm.members_actual end, 2) as commission
      from commission_run_rep r
      join teams tm on tm.unit_id = r.unit_id and tm.plan_id = r.plan_id
      cross join lateral (select case when tm.award_kind = 'AMOUNT' then tm.award_value else round(tm.team_actual * tm.award_value / 100, 2) end as amount) pool
     where tm.team_actual >= tm.team_target
  ),
  computed as (
    select * from source_lines union all select * from tier_totals union all select * from caps union all select * from awards
  ),
  keyed as (
    select c.*, concat_ws(':', c.kind, c.source_kind, c.source_id, c.tier_id) as line_key from computed c
  ),
  settled as (
    select l.user_id, concat_ws(':', l.kind, l.source_kind, l.source_id, l.tier_id) as line_key,
           min(l.kind) as kind, min(l.source_kind) as source_kind, (array_agg(l.source_id))[1] as source_id, (array_agg(l.document_id))[1] as document_id,
           max(l.occurred_on) as occurred_on, (array_agg(l.tier_id))[1] as tier_id, max(l.achievement_from) as achievement_from,
           max(l.achievement_to) as achievement_to, max(l.rate_percent) as rate_percent, sum(l.amount) as amount, sum(l.commission) as commission
      from commission_statement_line l
      join commission_statement s on s.id = l.statement_id
      join commission_run_rep r on r.user_id = s.user_id
     where s.period_start = ?::date and s.status <> 'DRAFT'
     group by l.user_id, 2
  ),
  diff as (
    select coalesce(k.user_id, s.user_id) as user_id, coalesce(k.kind, s.kind) as kind, coalesce(k.source_kind, s.source_kind) as source_kind,
           coalesce(k.source_id, s.source_id) as source_id, coalesce(k.document_id, s.document_id) as document_id,
           coalesce(k.occurred_on, s.occurred_on) as occurred_on, coalesce(k.tier_id, s.tier_id) as tier_id,
           coalesce(k.achievement_from, s.achievement_from) as achievement_from, coalesce(k.achievement_to, s.achievement_to) as achievement_to,
           coalesce(k.rate_percent, s.rate_percent) as rate_percent,
           coalesce(k.amount, 0) - coalesce(s.amount, 0) as amount, coalesce(k.commission, 0) - coalesce(s.commission, 0) as commission
      from keyed k full join settled s on s.user_id = k.user_id and s.line_key = k.line_key
  )
  select d.*, coalesce(d.achievement_from >= 100, false) as accelerator,
         row_number() over (partition by d.user_id order by array_position(array['SOURCE', 'TIER_TOTAL', 'CAP', 'TEAM_AWARD'], d.kind),
                            d.occurred_on nulls last, d.achievement_from nulls first, d.source_id) as position
    from diff d
   where d.amount <> 0 or d.commission <> 0`;

/** Parameters: period start. Drafts are recomputed, never kept beside a new run. */
const DELETE_DRAFTS_SQL = `delete from commission_statement s using commission_run_rep r
  where s.user_id = r.user_id and s.period_start = ?::date and s.status = 'DRAFT'`;

/**
 * One DRAFT per rep: revision 1, or the next revision of the latest statement past DRAFT when the run found a
 * difference from it. Parameters: period start ×2.
 */
const INSERT_STATEMENTS_SQL = `insert into commission_statement (id, user_id, org_unit_id, plan_id, period_start, revision, revises_id, status,
    basis_metric, target_value, actual_value, achievement_percent, total_commission)
  select gen_random_uuid(), r.user_id, r.unit_id, r.plan_id, ?::date, coalesce(prev.revision, 0) + 1, prev.id, 'DRAFT',
         r.basis_metric, r.target_value, r.actual_value, round(r.actual_value * 100 / r.target_value, 2), coalesce(l.commission, 0)
    from commission_run_rep r
    -- The lines summed per rep once (the temp table has no index: a sum per rep would read all of it per rep).
    left join (select user_id, sum(commission) filter (where kind <> 'TIER_TOTAL') as commission from commission_run_line group by user_id) l
      on l.user_id = r.user_id
    left join lateral (select s.id, s.revision from commission_statement s
                        where s.user_id = r.user_id and s.period_start = ?::date and s.status <> 'DRAFT'
                        order by s.revision desc limit 1) prev on true
   where prev.id is null or l.user_id is not null
  returning id`;

/** Parameters: period start. */
const INSERT_LINES_SQL = `insert into commission_statement_line (id, statement_id, user_id, position, kind, source_kind, source_id, document_id,
    occurred_on, tier_id, achievement_from, achievement_to, rate_percent, accelerator, amount, commission)
  select gen_random_uuid(), s.id, l.user_id, l.position, l.kind, l.source_kind, l.source_id, l.document_id,
         l.occurred_on, l.tier_id, l.achievement_from, l.achievement_to, l.rate_percent, l.accelerator, l.amount, l.commission
    from commission_run_line l
    join commission_statement s on s.user_id = l.user_id and s.period_start = ?::date and s.status = 'DRAFT'`;

/** Commission runs and the statement workflow. */
export class CommissionsService {
  constructor(private readonly ctx: RequestContext) {}

  private get em(): EntityManager {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    const viewer = this.ctx.viewer;
    if (viewer === null) throw new Error('CommissionsService needs a viewer');
    return viewer;
  }

  /** Statements the viewer may see, newest month first, then by person and revision. */
  statements(args: CommissionStatementsArgs, options: FindPageOptions): Promise<ConnectionShape<CommissionStatement>> {
    const conditions: FilterQuery<CommissionStatement>[] = [commissionStatementRowScope<CommissionStatement>(this.viewer)];
    const filter = args.filter;
    if (filter?.periodStart !== undefined && filter.periodStart !== null) conditions.push({ periodStart: filter.periodStart });
    if (filter?.userId !== undefined && filter.userId !== null) conditions.push({ user: filter.userId });
    if (filter?.status !== undefined && filter.status !== null) conditions.push({ status: filter.status });
    return findPage<CommissionStatement>(this.em, CommissionStatement, { $and: conditions }, args, { periodStart: 'desc', user: 'asc', revision: 'asc', id: 'asc' }, options);
  }

  statementById(id: string): Promise<CommissionStatement> {
    return findVisibleOrFail(this.em, CommissionStatement, { id }, commissionStatementRowScope<CommissionStatement>(this.viewer), () =>
      new CommissionsError(CommissionsErrorCode.STATEMENT_NOT_FOUND, { field: 'id' }),
    );
  }

  /**
   * Computes the month's statements for every rep in scope in one transaction and a constant number of statements
   * whatever the number of reps: drafts are replaced, statements past DRAFT are kept and any difference from them
   * becomes a new revision. Returns the statements it wrote.
   */
  async run(period: string, orgUnitId: string | null): Promise<CommissionStatement[]> {
    const month = periodStartingOn(PeriodKind.MONTH, period);
    if (month === undefined) throw new CommissionsError(CommissionsErrorCode.NOT_A_MONTH, { field: 'period' });
    const end = nextDay(month.end);
    const ids = await this.em.transactional(async (em) => {
      if (orgUnitId !== null && (await em.count(OrgUnit, { id: orgUnitId })) === 0) {
        throw new CommissionsError(CommissionsErrorCode.UNIT_NOT_FOUND, { field: 'orgUnitId' });
      }
      const connection = em.getConnection();
      const tx = em.getTransactionContext();
      // One run per month at a time: a second waits rather than racing for the same drafts.
      await connection.execute(`select pg_advisory_xact_lock(hashtext('commission-run'), hashtext(?))`, [month.start], 'all', tx);
      await connection.execute(REPS_SQL, [orgUnitId, orgUnitId, end, month.start, month.start, end, month.start], 'run', tx);
      await connection.execute(LOCK_SQL, [month.start], 'all', tx);
      await connection.execute(LINES_SQL, [month.start, end, month.start, end, month.start, month.start], 'run', tx);
      await connection.execute(DELETE_DRAFTS_SQL, [month.start], 'run', tx);
      const inserted = await connection.execute<{ id: string }[]>(INSERT_STATEMENTS_SQL, [month.start, month.start], 'all', tx);
      await connection.execute(INSERT_LINES_SQL, [month.start], 'run', tx);
      return inserted.map((row) => row.id);
    });
    if (ids.length === 0) return [];
    return this.em.find(CommissionStatement, { id: { $in: ids } }, { orderBy: { user: 'asc', revision: 'asc' } });
  }

  /** DRAFT → APPROVED, by a head of a unit above the rep. */
  async approve(id: string, version: number): Promise<CommissionStatement> {
    const statement = await this.statementById(id);
    const viewer = this.viewer;
    if (statement.user.id === viewer.userId) throw new CommissionsError(CommissionsErrorCode.OWN_STATEMENT);
    if (!managesUser(viewer, statement.user.id)) throw new CommissionsError(CommissionsErrorCode.NOT_IN_YOUR_CHAIN);
    return this.transition(statement, version, CommissionStatus.DRAFT, `status = 'APPROVED', approved_by_id = ?, approved_at = now()`, [viewer.userId]);
  }

  /** APPROVED → FINALIZED, by finance. */
  finalize(id: string, version: number): Promise<CommissionStatement> {
    return this.statementById(id).then((statement) =>
      this.transition(statement, version, CommissionStatus.APPROVED, `status = 'FINALIZED', finalized_by_id = ?, finalized_at = now()`, [this.viewer.userId]),
    );
  }

  /** FINALIZED → PAID, by finance, with the day and reference of the payment. */
  markPaid(id: string, version: number, paidOn: string, reference: string): Promise<CommissionStatement> {
    return this.statementById(id).then((statement) =>
      this.transition(statement, version, CommissionStatus.FINALIZED, `status = 'PAID', paid_by_id = ?, paid_on = ?::date, payment_reference = ?`, [
        this.viewer.userId,
        paidOn,
        reference,
      ]),
    );
  }

  /**
   * One conditional UPDATE: it changes the row only if it is still in `from` at `version`, so of two decisions at
   * once (two finalizations, an approval and a run) exactly one applies; the other is told why it did not.
   */
  private async transition(statement: CommissionStatement, version: number, from: CommissionStatus, set: string, params: unknown[]): Promise<CommissionStatement> {
    if (statement.status !== from) throw new CommissionsError(CommissionsErrorCode.STATEMENT_STATUS_CONFLICT, { status: statement.status });
    if (statement.version !== version) throw new CommissionsError(CommissionsErrorCode.STALE_VERSION, { field: 'version' });
    const changed = await this.em.transactional(async (em) => {
      const rows = await em.getConnection().execute<{ id: string }[]>(
        `update commission_statement set ${set}, version = version + 1, updated_at = now() where id = ? and status = ? and version = ? returning id`,
        [...params, statement.id, from, version],
        'all',
        em.getTransactionContext(),
      );
      return rows.length;
    });
    const fresh = await this.em.findOneOrFail(CommissionStatement, statement.id, { refresh: true });
    if (changed === 0) {
      if (fresh.status !== from) throw new CommissionsError(CommissionsErrorCode.STATEMENT_STATUS_CONFLICT, { status: fresh.status });
      throw new CommissionsError(CommissionsErrorCode.STALE_VERSION, { field: 'version' });
    }
    return fresh;
  }
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
