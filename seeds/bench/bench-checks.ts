import type pg from 'pg';

/**
 * What the order-to-cash rows (and the year's targets) must satisfy, as the services and check constraints would have kept them: each query
 * counts the rows that break one rule, so every count is 0 on a good dataset. `v.today` is the dataset's today,
 * `v.rep_limit` and `v.rep_discount` a rep's contract and discount limits (the bounds of a direct order).
 */
const CHECKS: Record<string, string> = {
  'contract amount ≠ sum of its lines': `
    select count(*) from contract c
     where c.amount <> (select coalesce(sum(l.line_total), 0) from contract_line l where l.contract_id = c.id)`,
  'contract of a deal ≠ its accepted quote (total, lines)': `
    select count(*) from contract c join quote q on q.id = c.quote_id
     where q.status <> 'ACCEPTED' or c.amount <> q.total
        or (select count(*) from contract_line l where l.contract_id = c.id) <> (select count(*) from quote_line l where l.quote_id = q.id)`,
  'contract owner ≠ customer owner': `
    select count(*) from contract c join customer k on k.id = c.customer_id where c.owner_id <> k.owner_id`,
  'contract approved beyond the rep limit without every step of its round approved': `
    select count(*) from contract c
     where c.status in ('APPROVED', 'SIGNED', 'ACTIVE', 'EXPIRED', 'TERMINATED') and c.amount > v.rep_limit
       and (not exists (select 1 from contract_approval_step s where s.contract_id = c.id)
            or exists (select 1 from contract_approval_step s where s.contract_id = c.id and s.status <> 'APPROVED'))`,
  'approval chain ending below the amount': `
    select count(*) from contract c
     where exists (select 1 from contract_approval_step s where s.contract_id = c.id)
       and c.amount > (select s.approver_limit from contract_approval_step s where s.contract_id = c.id order by s.position desc limit 1)`,
  'approval steps out of turn (decided after a pending or waiting one)': `
    select count(*) from contract_approval_step s join contract_approval_step e
        on e.contract_id = s.contract_id and e.round = s.round and e.position < s.position
     where s.status in ('APPROVED', 'REJECTED', 'PENDING') and e.status not in ('APPROVED')`,
  'contract status contradicting its dates': `
    select count(*) from contract
     where (status = 'ACTIVE' and (start_date > v.today or end_date < v.today))
        or (status = 'EXPIRED' and end_date >= v.today)
        or (status = 'SIGNED' and start_date <= v.today)`,
  'order total ≠ sum of its lines, or a line total ≠ quantity × unit price': `
    select count(*) from sales_order o
     where o.total <> (select coalesce(sum(l.line_total), 0) from order_line l where l.order_id = o.id)
        or exists (select 1 from order_line l where l.order_id = o.id and l.line_total <> l.quantity * l.unit_price)`,
  'order owner ≠ customer owner': `
    select count(*) from sales_order o join customer k on k.id = o.customer_id where o.owner_id <> k.owner_id`,
  'direct order beyond a rep’s authority (total, discount)': `
    select count(*) from sales_order o
     where o.contract_id is null and o.distributor_id is null
       and (o.total > v.rep_limit or exists (select 1 from order_line l where l.order_id = o.id and l.discount_percent > v.rep_discount))`,
  'order line below the price list’s floor': `
    select count(*) from order_line l join sales_order o on o.id = l.order_id
      join price_list_entry e on e.price_list_id = o.price_list_id and e.product_id = l.product_id
     where l.unit_price < e.floor_price`,
  'order line ≠ its contract line (product, price), or a contract line ordered beyond its quantity': `
    select count(*) from contract_line cl
     where exists (select 1 from order_line l where l.contract_line_id = cl.id and (l.product_id <> cl.product_id or l.unit_price <> cl.unit_price))
        or cl.quantity < (select coalesce(sum(l.quantity), 0) from order_line l join sales_order o on o.id = l.order_id
                           where l.contract_line_id = cl.id and o.status <> 'CANCELLED')`,
  'order placed against a contract before it was signed or after it ended': `
    select count(*) from sales_order o join contract c on c.id = o.contract_id
     where c.signed_at is null or o.created_at < c.signed_at or o.created_at::date > c.end_date
        or (c.terminated_at is not null and o.created_at > c.terminated_at)`,
  'shipped or invoiced quantity ≠ its shipment or invoice lines': `
    select count(*) from order_line l
     where l.shipped_quantity <> (select coalesce(sum(s.quantity), 0) from shipment_line s where s.order_line_id = l.id)
        or l.invoiced_quantity <> (select coalesce(sum(i.quantity), 0) from invoice_line i where i.order_line_id = l.id)`,
  'order status contradicting its quantities': `
    select count(*) from sales_order o
      join lateral (select sum(quantity) as ordered, sum(shipped_quantity) as shipped, sum(invoiced_quantity) as invoiced
                      from order_line l where l.order_id = o.id) q on true
     where (o.status in ('CREDIT_HOLD', 'CONFIRMED', 'CANCELLED') and q.shipped > 0)
        or (o.status = 'PARTIALLY_SHIPPED' and (q.shipped = 0 or q.shipped = q.ordered))
        or (o.status = 'SHIPPED' and (q.shipped <> q.ordered or q.invoiced = q.ordered))
        or (o.status = 'INVOICED' and q.invoiced <> q.ordered)`,
  'shipment before its order, invoice before its first shipment, delivery before shipping': `
    select (select count(*) from shipment s join sales_order o on o.id = s.order_id
             where s.shipped_on < o.created_at::date or s.created_at < o.created_at or s.delivered_on < s.shipped_on)
         + (select count(*) from invoice i
             where i.issue_date < (select min(s.shipped_on) from shipment s where s.order_id = i.order_id))`,
  'invoice amount ≠ sum of its lines, or a line total ≠ quantity × unit price': `
    select count(*) from invoice i
     where i.amount <> (select coalesce(sum(l.line_total), 0) from invoice_line l where l.invoice_id = i.id)
        or exists (select 1 from invoice_line l where l.invoice_id = i.id and l.line_total <> l.quantity * l.unit_price)`,
  'invoice paid amount or status ≠ its allocations': `
    select count(*) from invoice i
      left join (select invoice_id, sum(amount) as paid from payment_allocation group by invoice_id) a on a.invoice_id = i.id
     where i.paid_amount <> coalesce(a.paid, 0)
        or i.status <> (case when coalesce(a.paid, 0) = 0 then 'OPEN' when a.paid = i.amount then 'PAID' else 'PARTIALLY_PAID' end)::invoice_status`,
  'payment allocated amount or status ≠ its allocations': `
    select count(*) from payment p
      left join (select payment_id, sum(amount) as allocated from payment_allocation group by payment_id) a on a.payment_id = p.id
     where p.allocated_amount <> coalesce(a.allocated, 0)
        or p.status <> (case when coalesce(a.allocated, 0) = 0 then 'UNALLOCATED' when a.allocated = p.amount then 'ALLOCATED'
                             else 'PARTIALLY_ALLOCATED' end)::payment_status`,
  'allocation to another customer’s invoice, or before the invoice was made': `
    select count(*) from payment_allocation a join payment p on p.id = a.payment_id join invoice i on i.id = a.invoice_id
     where p.customer_id <> i.customer_id or a.allocated_at <= i.created_at or p.received_on < i.issue_date`,
  // Today's run of the contract lifecycle at midnight is the one change the snapshot holds from today.
  'anything dated today or later (but the contract lifecycle’s run at midnight)': `
    select (select count(*) from contract where created_at >= v.today or updated_at > v.today or signed_at >= v.today)
         + (select count(*) from sales_order where created_at >= v.today or updated_at >= v.today)
         + (select count(*) from shipment where shipped_on >= v.today or delivered_on >= v.today or updated_at >= v.today)
         + (select count(*) from invoice where issue_date >= v.today or updated_at >= v.today)
         + (select count(*) from payment_allocation where allocated_at >= v.today)`,
  'target of a quarter or year ≠ the sum of its months': `
    with m as (
      select metric, coalesce(org_unit_id, user_id) as lvl, coalesce(product_line_id, '00000000-0000-0000-0000-000000000000') as pl, period_start, value
        from sales_target where period_kind = 'MONTH'),
    sums as (
      select metric, lvl, pl, 'QUARTER'::period_kind as kind, date_trunc('quarter', period_start)::date as start, sum(value) as total from m group by 1, 2, 3, 5
      union all
      select metric, lvl, pl, 'YEAR'::period_kind, date_trunc('year', period_start)::date, sum(value) from m group by 1, 2, 3, 5)
    select count(*) from sales_target y
      left join sums s on s.metric = y.metric and s.lvl = coalesce(y.org_unit_id, y.user_id)
                      and s.pl = coalesce(y.product_line_id, '00000000-0000-0000-0000-000000000000') and s.kind = y.period_kind and s.start = y.period_start
     where y.period_kind in ('YEAR', 'QUARTER') and y.value <> coalesce(s.total, 0)`,
  'target ≠ the sum of a split of it (sub-units, sub-periods, product lines), but 华北 booked-sales reserve': `
    select count(*) from (
      select p.id from sales_target p join sales_target c on c.parent_id = p.id
       where not (p.metric = 'BOOKED_SALES' and c.period_kind = p.period_kind and c.product_line_id is not distinct from p.product_line_id
                  and p.org_unit_id = (select id from org_unit where kind = 'REGION' and name = '华北'))
       group by p.id, p.value, c.period_kind <> p.period_kind, c.product_line_id is distinct from p.product_line_id
      having p.value <> sum(c.value)) broken`,
};

/**
 * Runs the order-to-cash consistency checks on the bench dataset (`today` is its today); every count should be 0.
 */
export async function benchChecks(client: pg.ClientBase, today: string): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const [rule, sql] of Object.entries(CHECKS)) {
    const [row] = (
      await client.query<{ count: string }>(
        `with v as (
           select $1::date as today, max_contract_amount as rep_limit, max_discount_percent as rep_discount
             from approval_limit where role = 'SALES_REP'
         )
         select (${sql}) as count from v`,
        [today],
      )
    ).rows;
    result[rule] = Number(row.count);
  }
  return result;
}
