import type { Role } from '../org/org.enums';

/** A head of the claimant's chain as CHAIN_SQL returns them. */
export interface ChainRow {
  user_id: string;
  role: Role;
  unit_id: string;
  depth: number;
  /** The head's unit lies above the claim's unit: the level that sets that unit's budget. */
  above_unit: boolean;
}

/**
 * The heads of the units on the path of the claim's unit, nearest first, each once, active, never the claimant.
 * Parameters: the claim's unit, the claimant.
 */
export const CHAIN_SQL = `select x.user_id, x.role, x.unit_id, x.depth, x.above_unit from (
    select distinct on (h.id) h.id as user_id, h.role::text as role, ou.id as unit_id, ou.depth,
           ou.depth < claim_unit.depth as above_unit
      from org_unit claim_unit
      join org_unit ou on claim_unit.path like ou.path || '%'
      join app_user h on h.id = ou.head_id
     where claim_unit.id = ? and h.status = 'ACTIVE' and h.id <> ?
     order by h.id, ou.depth desc
  ) x order by x.depth desc`;

/** A budget line a claim draws on, as BUDGET_CHECK_SQL returns it (amounts as text). */
export interface BudgetCheckRow {
  budget_line_id: string;
  category_id: string;
  budget: string;
  /** The claim's lines on it, summed. */
  claimed: string;
  /** Approved and paid claims of the unit's subtree on it, this claim aside. */
  spent: string;
  covers_line_ids: string[];
}

/**
 * The budget lines of the claim's unit whose category and period hold one of the claim's lines, with what the claim
 * puts on each and what approved and paid claims of the unit (and the units below it) already spent. One statement.
 * Parameters: the claim, the claim's unit, the claim.
 */
export const BUDGET_CHECK_SQL = `with claim_lines as (
    select l.id, l.category_id, l.spent_on, l.amount from expense_claim_line l where l.claim_id = ?
  ),
  unit as (select id, path from org_unit where id = ?),
  applicable as (
    select bl.id, bl.category_id, bl.amount, b.period_start, b.period_end, array_agg(cl.id::text) as covers_line_ids, sum(cl.amount) as claimed
      from expense_budget b
      join expense_budget_line bl on bl.budget_id = b.id
      join claim_lines cl on cl.category_id = bl.category_id and cl.spent_on between b.period_start and b.period_end
     where b.org_unit_id = (select id from unit)
     group by bl.id, bl.category_id, bl.amount, b.period_start, b.period_end
  )
  select a.id as budget_line_id, a.category_id, a.amount::text as budget, a.claimed::text as claimed, a.covers_line_ids,
         coalesce((select sum(ol.amount) from expense_claim_line ol
                     join expense_claim oc on oc.id = ol.claim_id
                     join org_unit ou on ou.id = oc.org_unit_id
                    where ol.category_id = a.category_id and ol.spent_on between a.period_start and a.period_end
                      and oc.status in ('APPROVED', 'PAID') and oc.id <> ?
                      and ou.path like (select path from unit) || '%'), 0)::text as spent
    from applicable a
   order by a.id`;

/**
 * Locks the budget lines the claim draws on, in id order (two approvals lock in the same order: no deadlock).
 * Parameters: the claim's unit, the claim.
 */
export const LOCK_BUDGET_LINES_SQL = `select bl.id from expense_budget b join expense_budget_line bl on bl.budget_id = b.id
  where b.org_unit_id = ?
    and exists (select 1 from expense_claim_line l where l.claim_id = ? and l.category_id = bl.category_id and l.spent_on between b.period_start and b.period_end)
  order by bl.id for update of bl`;

/** A row of BUDGET_USAGE_SQL. */
export interface BudgetUsageRow {
  budget_id: string;
  org_unit_id: string;
  period_kind: string;
  period_start: string;
  period_end: string;
  category_id: string;
  budget: string;
  spent: string;
  pending: string;
  remaining: string;
}

/**
 * Budget consumption in one statement: every visible budget line of a period with what approved and paid claims of
 * the unit's subtree spent on it (by the day of each line) and what submitted ones hold pending; remaining = budget −
 * spent. Parameters: period kind, period start, unit ids (comma-separated; null: every unit) ×2, unit filter ×2.
 */
export const BUDGET_USAGE_SQL = `select b.id as budget_id, b.org_unit_id, b.period_kind, b.period_start::text as period_start, b.period_end::text as period_end,
       bl.category_id, bl.amount::text as budget,
       coalesce(sum(l.amount) filter (where c.status in ('APPROVED', 'PAID')), 0)::text as spent,
       coalesce(sum(l.amount) filter (where c.status = 'SUBMITTED'), 0)::text as pending,
       (bl.amount - coalesce(sum(l.amount) filter (where c.status in ('APPROVED', 'PAID')), 0))::text as remaining
  from expense_budget b
  join org_unit u on u.id = b.org_unit_id
  join expense_budget_line bl on bl.budget_id = b.id
  join expense_category cat on cat.id = bl.category_id
  left join expense_claim_line l on l.category_id = bl.category_id and l.spent_on between b.period_start and b.period_end
  left join expense_claim c on c.id = l.claim_id and c.status in ('SUBMITTED', 'APPROVED', 'PAID')
   and c.org_unit_id in (select d.id from org_unit d where d.path like u.path || '%')
 where b.period_kind = ? and b.period_start = ?::date
   and (?::text is null or b.org_unit_id = any(string_to_array(?::text, ',')::uuid[]))
   and (?::uuid is null or b.org_unit_id = ?::uuid)
 group by b.id, b.org_unit_id, b.period_kind, b.period_start, b.period_end, u.path, bl.id, bl.category_id, bl.amount, cat.position
 order by u.path, cat.position`;

/** A row of COST_ANALYSIS_SQL. */
export interface CostAnalysisRow {
  level: 'COMPANY' | 'REGION' | 'TEAM' | 'REP';
  region_id: string | null;
  team_id: string | null;
  user_id: string | null;
  expenses: string;
  booked_sales: string;
  expense_ratio: string | null;
}

/**
 * Expenses against booked sales (Q4) for a period, per person, team, region and the company, in one statement: the
 * people in scope with their unit's team and region; approved and paid claim lines by the day spent; booked sales
 * from `sales_performance_fact` (BOOKED_SALES) by the day booked; rolled up with grouping sets. Row scope in SQL: only
 * the viewer's reachable people (all for finance, the VP and admins). Ratio = expenses ÷ booked sales, in percent.
 * Parameters: people ids (comma-separated; null: everyone) ×2, unit ×2, from, to, from, to.
 */
export const COST_ANALYSIS_SQL = `with people as (
    select p.id as user_id,
           case when u.kind = 'TEAM' then u.id end as team_id,
           (select r.id from org_unit r where r.kind = 'REGION' and u.path like r.path || '%' limit 1) as region_id
      from app_user p
      join org_unit u on u.id = p.unit_id
     where (?::text is null or p.id = any(string_to_array(?::text, ',')::uuid[]))
       and (?::uuid is null or u.path like (select s.path from org_unit s where s.id = ?::uuid) || '%')
  ),
  spent as (
    select l.claimant_id as user_id, sum(l.amount) as amount
      from expense_claim_line l join expense_claim c on c.id = l.claim_id
     where c.status in ('APPROVED', 'PAID') and l.spent_on between ?::date and ?::date and l.claimant_id in (select user_id from people)
     group by l.claimant_id
  ),
  sold as (
    select f.user_id, sum(f.value) as amount
      from sales_performance_fact f
     where f.metric = 'BOOKED_SALES' and f.occurred_on between ?::date and ?::date and f.user_id in (select user_id from people)
     group by f.user_id
  ),
  per_person as (
    select p.user_id, p.team_id, p.region_id, coalesce(s.amount, 0) as expenses, coalesce(b.amount, 0) as booked_sales
      from people p left join spent s on s.user_id = p.user_id left join sold b on b.user_id = p.user_id
     where s.amount is not null or b.amount is not null
  ),
  rolled as (
    select case when grouping(user_id) = 0 then 'REP' when grouping(team_id) = 0 then 'TEAM' when grouping(region_id) = 0 then 'REGION' else 'COMPANY' end as level,
           region_id, team_id, user_id, sum(expenses) as expenses, sum(booked_sales) as booked_sales
      from per_person
     group by grouping sets ((), (region_id), (region_id, team_id), (region_id, team_id, user_id))
  )
  select level, region_id, team_id, user_id, expenses::text as expenses, booked_sales::text as booked_sales,
         case when booked_sales = 0 then null else round(expenses * 100 / booked_sales, 2)::text end as expense_ratio
    from rolled
   where not (level = 'TEAM' and team_id is null)
   order by region_id nulls first, level <> 'REGION', team_id nulls first, level <> 'TEAM', user_id nulls first`;
