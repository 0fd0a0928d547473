import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { UserInputError } from '../../api/errors';
import { msg } from '../../api/i18n';
import type { Viewer } from '../../api/permissions/viewer';
import { Opportunity } from '../pipeline/entities/opportunity.entity';
import { OPEN_STAGES, OpportunityStage } from '../pipeline/pipeline.enums';
import { dealAmountReaders, opportunityRowScope } from '../pipeline/pipeline.policy';
import type { FunnelAgeingBucket, FunnelOutcome, FunnelReason, FunnelStage, PipelineFunnel } from './funnel.types';

/** The stages a deal passes in order; WON is beyond every open stage (LOST is no step forward). */
const PROCESS_ORDER = `array['LEAD', 'CONTACT', 'NEEDS_ANALYSIS', 'PROPOSAL', 'NEGOTIATION', 'WON']`;

/** Ageing buckets, in days: 0–30, 31–60, 61–90, over 90. */
export const AGEING_BUCKETS: readonly { fromDays: number; toDays: number | null }[] = [
  { fromDays: 0, toDays: 30 },
  { fromDays: 31, toDays: 60 },
  { fromDays: 61, toDays: 90 },
  { fromDays: 91, toDays: null },
];

/** The longest period a funnel covers: its cohort and outcomes are read from the history of these days. */
const MAX_PERIOD_DAYS = 3 * 366;

/** `bucket(days)`: the index of `days` in AGEING_BUCKETS. */
const bucketOf = (days: string) => `case when ${days} <= 30 then 0 when ${days} <= 60 then 1 when ${days} <= 90 then 2 else 3 end`;

/** A readable-only sum as text (null when no deal's amount is readable). */
const readableSum = (value: string) => `(sum(${value}) filter (where d.amount_readable))::text`;

export interface FunnelFilter {
  from: string;
  to: string;
  orgUnitId: string | null;
  ownerId: string | null;
}

interface FunnelSqlRow {
  stages: { stage: OpportunityStage; count: number; amount: string | null; weighted: string | null }[] | null;
  cohort: { ord: number; reached: number | string; moved_on: number | string }[] | null;
  stints: { stage: OpportunityStage; avg_days: number }[] | null;
  cohort_size: number;
  outcomes: { stage: OpportunityStage; count: number; amount: string | null }[] | null;
  reasons: { stage: OpportunityStage; reason: string | null; count: number; amount: string | null }[] | null;
  ageing: { kind: 'move' | 'created'; bucket: number; count: number; amount: string | null }[] | null;
  overdue_count: number;
  overdue_amount: string | null;
  postponed_count: number;
  postponed_amount: string | null;
  postponed_days: number | null;
}

/**
 * The funnel statement. Parameters (in order): from, to, ownerId ×2, orgUnitId ×2. `scoped` and `readable` are the
 * pipeline module's own row scope and deal-amount rule rendered by MikroORM's query builder (sub-queries of ids), so
 * the rules are stated once, in pipeline.policy.ts.
 */
function funnelSql(scoped: string, readable: string, timeZone: string): string {
  const tz = `'${timeZone.replace(/'/g, "''")}'`;
  return `with params as materialized (
       select ?::date as p_from, ?::date as p_to,
              (?::date::timestamp at time zone ${tz}) as from_at, ((?::date + 1)::timestamp at time zone ${tz}) as to_at,
              (now() at time zone ${tz})::date as today
     ), deal as materialized (
       select o.id, o.stage, o.amount, o.probability, o.expected_close_date, o.created_at, o.closed_at, o.lost_reason,
              o.id in (${readable}) as amount_readable
         from opportunity o
        where o.id in (${scoped})
          and (?::uuid is null or o.owner_id = ?::uuid)
          and (?::uuid is null or o.owner_id in (
                select u.id from org_unit root join org_unit ou on starts_with(ou.path, root.path) join app_user u on u.unit_id = ou.id
                 where root.id = ?::uuid))
     ), open_deal as (
       select d.* from deal d where d.stage not in ('WON', 'LOST')
     ), stages as (
       select jsonb_agg(jsonb_build_object('stage', s.stage, 'count', s.count, 'amount', s.amount, 'weighted', s.weighted)) as stages
         from (select d.stage, count(*) as count, ${readableSum('d.amount')} as amount,
                      (round(sum(d.amount * d.probability / 100.0) filter (where d.amount_readable), 2))::text as weighted
                 from open_deal d group by d.stage) s
     ), cohort_deal as (
       select d.id from deal d, params where d.created_at >= params.from_at and d.created_at < params.to_at
     ), change as materialized (
       -- One pass over the deals' stage history (hashed, no sort): the furthest stage reached and the last move.
       select h.opportunity_id, max(array_position(${PROCESS_ORDER}, h.to_stage::text)) as reached, max(h.changed_at) as last_move
         from opportunity_stage_change h join deal d on d.id = h.opportunity_id
        group by h.opportunity_id
     ), reach as (
       select c.reached, count(*) as n from cohort_deal cd join change c on c.opportunity_id = cd.id group by c.reached
     ), cohort as (
       select jsonb_agg(jsonb_build_object('ord', k.ord,
                'reached', (select coalesce(sum(r.n), 0) from reach r where r.reached >= k.ord),
                'moved_on', (select coalesce(sum(r.n), 0) from reach r where r.reached > k.ord))) as cohort
         from generate_series(1, 5) k(ord)
     ), history as (
       select h.to_stage, h.changed_at, lead(h.changed_at) over (partition by h.opportunity_id order by h.changed_at, h.id) as left_at
         from opportunity_stage_change h join cohort_deal c on c.id = h.opportunity_id
     ), stints as (
       select jsonb_agg(jsonb_build_object('stage', s.to_stage, 'avg_days', s.avg_days)) as stints
         from (select h.to_stage, round((avg(extract(epoch from h.left_at - h.changed_at)) / 86400)::numeric, 1)::float8 as avg_days
                 from history h where h.left_at is not null group by h.to_stage) s
     ), closed_deal as (
       select d.* from deal d, params where d.stage in ('WON', 'LOST') and d.closed_at >= params.from_at and d.closed_at < params.to_at
     ), won_reason as (
       select distinct on (h.opportunity_id) h.opportunity_id, h.reason
         from closed_deal d join opportunity_stage_change h on h.opportunity_id = d.id and h.to_stage = 'WON'
        where d.stage = 'WON'
        order by h.opportunity_id, h.changed_at desc, h.id
     ), closed as (
       select d.*, case when d.stage = 'LOST' then d.lost_reason else w.reason end as reason
         from closed_deal d left join won_reason w on w.opportunity_id = d.id
     ), outcomes as (
       select jsonb_agg(jsonb_build_object('stage', s.stage, 'count', s.count, 'amount', s.amount)) as outcomes
         from (select d.stage, count(*) as count, ${readableSum('d.amount')} as amount from closed d group by d.stage) s
     ), reasons as (
       select jsonb_agg(jsonb_build_object('stage', s.stage, 'reason', s.reason, 'count', s.count, 'amount', s.amount)
                        order by s.count desc, s.reason nulls last) as reasons
         from (select d.stage, d.reason, count(*) as count, ${readableSum('d.amount')} as amount from closed d group by d.stage, d.reason) s
     ), age as (
       select d.amount, d.amount_readable,
              params.today - (d.created_at at time zone ${tz})::date as since_created,
              params.today - (coalesce(c.last_move, d.created_at) at time zone ${tz})::date as since_move
         from open_deal d cross join params left join change c on c.opportunity_id = d.id
     ), ageing as (
       select jsonb_agg(jsonb_build_object('kind', s.kind, 'bucket', s.bucket, 'count', s.count, 'amount', s.amount)) as ageing
         from (select 'created' as kind, ${bucketOf('d.since_created')} as bucket, count(*) as count, ${readableSum('d.amount')} as amount
                 from age d group by 2
               union all
               select 'move', ${bucketOf('d.since_move')}, count(*), ${readableSum('d.amount')} from age d group by 2) s
     ), overdue as (
       select count(*) as count, ${readableSum('d.amount')} as amount
         from open_deal d, params where d.expected_close_date < params.today
     ), postponed_deal as (
       select d.id, d.amount, d.amount_readable, sum(ch.to_date - ch.from_date) as days
         from deal d
         join opportunity_close_date_change ch on ch.opportunity_id = d.id
         cross join params
        where ch.changed_at >= params.from_at and ch.changed_at < params.to_at and ch.to_date > ch.from_date
        group by d.id, d.amount, d.amount_readable
     ), postponed as (
       select count(*) as count, ${readableSum('d.amount')} as amount, round(avg(d.days), 1)::float8 as days from postponed_deal d
     )
     select stages.stages, cohort.cohort, stints.stints, (select count(*) from cohort_deal)::int as cohort_size,
            outcomes.outcomes, reasons.reasons, ageing.ageing,
            overdue.count::int as overdue_count, overdue.amount as overdue_amount,
            postponed.count::int as postponed_count, postponed.amount as postponed_amount, postponed.days as postponed_days
       from stages, cohort, stints, outcomes, reasons, ageing, overdue, postponed`;
}

/** Checks the period: both days given, from ≤ to, at most three years. */
function assertPeriod(from: string, to: string): void {
  if (from > to) throw UserInputError.field('to', 'must not be before `from`');
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_PERIOD_DAYS) throw UserInputError.field('to', msg('must not be after {{max}} days from `from`', { max: MAX_PERIOD_DAYS }));
}

/** The id sub-query of `Opportunity` rows matching `where`, as SQL text (values inlined by the query builder). */
function opportunityIds(em: EntityManager, alias: string, where: FilterQuery<Opportunity>): string {
  return em.createQueryBuilder(Opportunity, alias).select(`${alias}.id`).where(where as object).getFormattedQuery();
}

/**
 * The pipeline funnel of the deals the viewer may see (optionally of one owner, or of the owners in a unit's subtree), in
 * ONE statement whatever the number of deals. Amount measures sum only the deals whose amount the viewer may read;
 * measures from the stage history are refused to partners by their field rules.
 */
export async function pipelineFunnel(em: EntityManager, viewer: Viewer, timeZone: string, filter: FunnelFilter): Promise<PipelineFunnel> {
  assertPeriod(filter.from, filter.to);
  const scoped = opportunityIds(em, 's', opportunityRowScope(viewer));
  const readable = opportunityIds(em, 'r', dealAmountReaders.where(viewer));
  const [row] = await em.execute<FunnelSqlRow[]>(funnelSql(scoped, readable, timeZone), [
    filter.from,
    filter.to,
    filter.from,
    filter.to,
    filter.ownerId,
    filter.ownerId,
    filter.orgUnitId,
    filter.orgUnitId,
  ]);
  return toFunnel(row!, filter);
}

function toFunnel(row: FunnelSqlRow, filter: FunnelFilter): PipelineFunnel {
  const stageFigures = new Map((row.stages ?? []).map((s) => [s.stage, s]));
  const cohort = new Map((row.cohort ?? []).map((c) => [c.ord, c]));
  const stints = new Map((row.stints ?? []).map((s) => [s.stage, s.avg_days]));
  const stages: FunnelStage[] = OPEN_STAGES.map((stage, index) => {
    const figures = stageFigures.get(stage);
    const passage = cohort.get(index + 1);
    const reached = Number(passage?.reached ?? 0);
    return {
      stage,
      count: Number(figures?.count ?? 0),
      amount: figures?.amount ?? null,
      weightedAmount: figures?.weighted ?? null,
      reached,
      conversionRate: reached === 0 ? null : Math.round((Number(passage!.moved_on) / reached) * 10_000) / 10_000,
      averageDaysInStage: stints.get(stage) ?? null,
    };
  });
  const outcome = (stage: OpportunityStage): FunnelOutcome => {
    const figures = (row.outcomes ?? []).find((o) => o.stage === stage);
    const reasons: FunnelReason[] = (row.reasons ?? [])
      .filter((r) => r.stage === stage)
      .map((r) => ({ reason: r.reason, count: Number(r.count), amount: r.amount }));
    return { count: Number(figures?.count ?? 0), amount: figures?.amount ?? null, reasons };
  };
  const ageing = (kind: 'move' | 'created'): FunnelAgeingBucket[] =>
    AGEING_BUCKETS.map((bucket, index) => {
      const figures = (row.ageing ?? []).find((a) => a.kind === kind && a.bucket === index);
      return { ...bucket, count: Number(figures?.count ?? 0), amount: figures?.amount ?? null };
    });
  return {
    from: filter.from,
    to: filter.to,
    stages,
    cohortSize: Number(row.cohort_size),
    won: outcome(OpportunityStage.WON),
    lost: outcome(OpportunityStage.LOST),
    ageingSinceStageMove: ageing('move'),
    ageingSinceCreation: ageing('created'),
    slippage: {
      overdueCount: Number(row.overdue_count),
      overdueAmount: row.overdue_amount,
      postponedCount: Number(row.postponed_count),
      postponedAmount: row.postponed_amount,
      averageDaysPostponed: row.postponed_days,
    },
  };
}

/** The funnel for one request. */
export class FunnelService {
  constructor(private readonly ctx: RequestContext) {}

  /** See `pipelineFunnel`. */
  funnel(filter: FunnelFilter): Promise<PipelineFunnel> {
    return pipelineFunnel(this.ctx.em, this.ctx.signedInViewer, this.ctx.config.companyTimeZone, filter);
  }
}
