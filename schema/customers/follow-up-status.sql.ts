/**
 * The SQL of a customer's standing against its tier's follow-up norm (B4), shared by `Customer.followUpStatus` and the
 * KEY_CUSTOMER_UNVISITED reminder so both say the same. `now` and `timeZone` are SQL expressions (placeholders or
 * literals) for the instant and the company time zone; `customers` is a condition on `c` choosing the customers.
 *
 * A contact is a visit (its date) or a follow-up logged on one of the customer's opportunities (its company date).
 * A customer never contacted is due counting from the day it was registered.
 */
export function followUpStatusSql(now: string, timeZone: string, customers: string): string {
  return `select c.id as customer_id, c.tier::text as tier, n.id is not null as has_norm, n.service_mode::text as service_mode,
         n.max_days_between_contacts, v.last_visit_on, greatest(v.last_visit_on, f.last_follow_up_on) as last_contact_on,
         coalesce(greatest(v.last_visit_on, f.last_follow_up_on), (c.created_at at time zone ${timeZone})::date) + n.max_days_between_contacts as next_contact_due_on,
         (${now} at time zone ${timeZone})::date as today
    from customer c
    left join visit_norm n on n.tier = c.tier
    left join lateral (select max(visited_on) as last_visit_on from visit where customer_id = c.id) v on true
    left join lateral (
      select max((fu.occurred_at at time zone ${timeZone})::date) as last_follow_up_on
        from opportunity_follow_up fu join opportunity o on o.id = fu.opportunity_id
       where o.customer_id = c.id
    ) f on true
   where ${customers}`;
}
