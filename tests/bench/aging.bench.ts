/**
 * The aging's floor: the API's statement (schema/orders/receivables.service.ts, `agingSql`) as of today, written out
 * for one grouping, over the owners in the viewer's subtrees (everyone's for finance): the open items kept by trigger,
 * six integer sums per key, the groups' names and the grand total last. Sums come out in cents, as the API's. $1 the
 * viewer, $2 true when the viewer sees everyone's.
 */
export function agingFloorSql(groupBy: 'OWNER' | 'CUSTOMER' | 'REGION'): string {
  const key = { OWNER: 'owner_id', CUSTOMER: 'customer_id', REGION: 'owner_id' }[groupBy];
  const groups = {
    OWNER: `select g.id as group_id, g.name as group_name, k.* from per_key k left join app_user g on g.id = k.key`,
    CUSTOMER: `select g.id as group_id, g.name as group_name, k.* from per_key k left join customer g on g.id = k.key`,
    REGION: `select g.id as group_id, g.name as group_name, receivable_cents_sum(k.days_0_to_30) as days_0_to_30,
        receivable_cents_sum(k.days_31_to_60) as days_31_to_60, receivable_cents_sum(k.days_61_to_90) as days_61_to_90,
        receivable_cents_sum(k.over_90) as over_90, receivable_cents_sum(k.total) as total, receivable_cents_sum(k.overdue) as overdue,
        sum(k.invoice_count) as invoice_count
        from per_key k left join app_user u on u.id = k.key left join org_unit ou on ou.id = u.unit_id
        left join org_unit g on g.id = nullif(split_part(ou.path, '/', 3), '')::uuid
       group by g.id, g.name`,
  }[groupBy];
  const mine = `($2::boolean or i.owner_id = any((select ids from owners)::uuid[]))`;
  return `with owners as materialized (
      select array(select m.id from org_unit h join org_unit o on starts_with(o.path, h.path) join app_user m on m.unit_id = o.id where h.head_id = $1::uuid) as ids
    ), params as materialized (
      select current_date as as_of, current_date - 30 as day_30, current_date - 60 as day_60, current_date - 90 as day_90
    ), open_items as (
      select i.customer_id, i.owner_id, i.issue_date, i.due_date, i.open_cents, 1 as counted
        from receivable_open_item i where i.issue_date <= current_date and ${mine}
    ), per_key as (
      select o.${key} as key,
             receivable_cents_sum(o.open_cents) filter (where o.issue_date >= p.day_30) as days_0_to_30,
             receivable_cents_sum(o.open_cents) filter (where o.issue_date < p.day_30 and o.issue_date >= p.day_60) as days_31_to_60,
             receivable_cents_sum(o.open_cents) filter (where o.issue_date < p.day_60 and o.issue_date >= p.day_90) as days_61_to_90,
             receivable_cents_sum(o.open_cents) filter (where o.issue_date < p.day_90) as over_90,
             receivable_cents_sum(o.open_cents) as total,
             receivable_cents_sum(o.open_cents) filter (where o.due_date < p.as_of) as overdue,
             sum(o.counted) as invoice_count
        from open_items o, params p
       group by o.${key}
    ), groups as (${groups})
    select false as is_total, group_id, group_name, days_0_to_30, days_31_to_60, days_61_to_90, over_90, total, overdue, invoice_count, null as as_of from groups
    union all
    select true, null, null, receivable_cents_sum(g.days_0_to_30), receivable_cents_sum(g.days_31_to_60), receivable_cents_sum(g.days_61_to_90),
           receivable_cents_sum(g.over_90), receivable_cents_sum(g.total), receivable_cents_sum(g.overdue), coalesce(sum(g.invoice_count), 0), p.as_of::text
      from params p left join groups g on true group by p.as_of
     order by is_total, total desc, group_name, group_id`;
}
