/**
 * The floor of the "who is late" scenarios of `npm run bench` (tests/bench/opportunities.bench.ts): one hand-written
 * statement answering the same question as `reportCompliance` — for each active person in the subtree of unit $1
 * (but the head $2) who files kind $3, each period from the one containing $4 to the one containing $5 (working days
 * for daily logs), whether the report is missing, not yet due, on time or late — in the company zone $6.
 */
export const WHO_IS_LATE_FLOOR_SQL = `with people as (
    select u.id, u.name, u.unit_id, d.due_after_minutes
      from org_unit root
      join org_unit ou on starts_with(ou.path, root.path)
      join app_user u on u.unit_id = ou.id
      join report_deadline d on d.kind = $3::work_report_kind and d.role = u.role
     where root.id = $1::uuid and u.status = 'ACTIVE' and u.id <> $2::uuid
  ),
  periods as (
    select g::date as period_start
      from generate_series(salesgraph_report_period_start($3::work_report_kind, $4::date)::timestamp,
                           salesgraph_report_period_start($3::work_report_kind, $5::date)::timestamp,
                           salesgraph_report_period_step($3::work_report_kind)) g
     where salesgraph_report_period_required($3::work_report_kind, g::date)
  )
  select p.id as user_id, pr.period_start::text as period_start,
         case when r.status is null or r.status = 'DRAFT'
              then (case when now() > salesgraph_report_deadline_at($3::work_report_kind, pr.period_start, p.due_after_minutes, $6::text) then 'MISSING' else 'NOT_YET_DUE' end)
              when r.late then 'LATE' else 'ON_TIME' end as compliance
    from people p cross join periods pr
    left join work_report r on r.author_id = p.id and r.kind = $3::work_report_kind and r.period_start = pr.period_start
   order by p.name, p.id, pr.period_start`;
