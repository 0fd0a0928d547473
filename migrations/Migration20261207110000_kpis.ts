import { Migration } from '@mikro-orm/migrations';

/**
 * Achievement and KPIs (N1–N7, N10): the visit norms per customer tier, and indexes so that every branch of
 * `sales_performance_fact` filtered by person and day is an index range scan.
 *
 * The NEW_CUSTOMERS branch is restated without changing what it counts: `distinct on (customer)` over every
 * confirmed order had to read the whole order table before a person or day filter could apply; "a confirmed order
 * with no earlier confirmed order of its customer" is the same set of rows (ties broken by id, as before), and lets
 * PostgreSQL start from the person's orders of the period. Counted rows (first orders, visits) are the plain number 1,
 * so counts read as counts ("5", not "5.00"); the view is dropped and made again because that changes its column's type.
 */
export class Migration20261207110000_kpis extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "visit_norm" (
      "id" uuid not null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "tier" "customer_tier" not null,
      "visits_per_month" numeric(6,2) not null,
      constraint "visit_norm_pkey" primary key ("id"),
      constraint "visit_norm_tier_unique" unique ("tier"),
      constraint visit_norm_visits_check check (visits_per_month > 0)
    );`);

    // Booked sales and first orders by owner and confirmation day (company time), confirmed orders only.
    this.addSql(`create index "sales_order_owner_booked_on_idx" on "sales_order" ("owner_id", ((coalesce(credit_decided_at, created_at) at time zone 'Asia/Shanghai')::date)) where status not in ('CREDIT_HOLD', 'CANCELLED')`);
    // "Is there an earlier confirmed order of this customer": one index probe per candidate first order.
    this.addSql(`create index "sales_order_customer_booked_at_idx" on "sales_order" ("customer_id", (coalesce(credit_decided_at, created_at)), "id") where status not in ('CREDIT_HOLD', 'CANCELLED')`);

    // Visits a person accompanied (协访), by day: the fact view's ACCOMPANIED_VISIT branch, person first.
    this.addSql(`create index "visit_accompanied_visited_on_idx" on "visit" ("accompanied_by_id", "visited_on") where accompanied_by_id is not null`);

    this.addSql(`drop view "sales_performance_fact";`);
    this.addSql(`create view "sales_performance_fact" as
      select 'BOOKED_SALES'::target_metric as metric, o.owner_id as user_id,
             (coalesce(o.credit_decided_at, o.created_at) at time zone 'Asia/Shanghai')::date as occurred_on,
             p.product_line_id, o.customer_id, ol.line_total as value,
             'ORDER_LINE'::text as source_kind, ol.id as source_id, o.id as document_id
        from order_line ol
        join sales_order o on o.id = ol.order_id
        join product p on p.id = ol.product_id
       where o.status not in ('CREDIT_HOLD', 'CANCELLED')
      union all
      select 'COLLECTIONS'::target_metric, i.owner_id, pay.received_on, null::uuid, i.customer_id, pa.amount,
             'PAYMENT_ALLOCATION', pa.id, pay.id
        from payment_allocation pa
        join invoice i on i.id = pa.invoice_id
        join payment pay on pay.id = pa.payment_id
      union all
      select 'NEW_CUSTOMERS'::target_metric, o.owner_id, (coalesce(o.credit_decided_at, o.created_at) at time zone 'Asia/Shanghai')::date,
             null::uuid, o.customer_id, 1::numeric, 'FIRST_ORDER', o.id, o.id
        from sales_order o
       where o.status not in ('CREDIT_HOLD', 'CANCELLED')
         and not exists (
               select 1 from sales_order e
                where e.customer_id = o.customer_id and e.status not in ('CREDIT_HOLD', 'CANCELLED')
                  and (coalesce(e.credit_decided_at, e.created_at), e.id) < (coalesce(o.credit_decided_at, o.created_at), o.id))
      union all
      select 'VISITS'::target_metric, v.visited_by_id, v.visited_on, null::uuid, v.customer_id, 1::numeric, 'VISIT', v.id, v.id
        from visit v
      union all
      select 'VISITS'::target_metric, v.accompanied_by_id, v.visited_on, null::uuid, v.customer_id, 1::numeric, 'ACCOMPANIED_VISIT', v.id, v.id
        from visit v
       where v.accompanied_by_id is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop view "sales_performance_fact";`);
    this.addSql(`create view "sales_performance_fact" as
      select 'BOOKED_SALES'::target_metric as metric, o.owner_id as user_id,
             (coalesce(o.credit_decided_at, o.created_at) at time zone 'Asia/Shanghai')::date as occurred_on,
             p.product_line_id, o.customer_id, ol.line_total as value,
             'ORDER_LINE'::text as source_kind, ol.id as source_id, o.id as document_id
        from order_line ol
        join sales_order o on o.id = ol.order_id
        join product p on p.id = ol.product_id
       where o.status not in ('CREDIT_HOLD', 'CANCELLED')
      union all
      select 'COLLECTIONS'::target_metric, i.owner_id, pay.received_on, null::uuid, i.customer_id, pa.amount,
             'PAYMENT_ALLOCATION', pa.id, pay.id
        from payment_allocation pa
        join invoice i on i.id = pa.invoice_id
        join payment pay on pay.id = pa.payment_id
      union all
      select 'NEW_CUSTOMERS'::target_metric, first_order.owner_id, first_order.booked_on, null::uuid, first_order.customer_id, 1::numeric,
             'FIRST_ORDER', first_order.id, first_order.id
        from (select distinct on (o.customer_id) o.id, o.customer_id, o.owner_id,
                     (coalesce(o.credit_decided_at, o.created_at) at time zone 'Asia/Shanghai')::date as booked_on
                from sales_order o
               where o.status not in ('CREDIT_HOLD', 'CANCELLED')
               order by o.customer_id, coalesce(o.credit_decided_at, o.created_at), o.id) first_order
      union all
      select 'VISITS'::target_metric, v.visited_by_id, v.visited_on, null::uuid, v.customer_id, 1::numeric, 'VISIT', v.id, v.id
        from visit v
      union all
      select 'VISITS'::target_metric, v.accompanied_by_id, v.visited_on, null::uuid, v.customer_id, 1::numeric, 'ACCOMPANIED_VISIT', v.id, v.id
        from visit v
       where v.accompanied_by_id is not null;`);
    this.addSql(`drop index if exists "visit_accompanied_visited_on_idx";`);
    this.addSql(`drop index if exists "sales_order_customer_booked_at_idx";`);
    this.addSql(`drop index if exists "sales_order_owner_booked_on_idx";`);
    this.addSql(`drop table if exists "visit_norm" cascade;`);
  }
}
