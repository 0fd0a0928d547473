import { Migration } from '@mikro-orm/migrations';

/**
 * Sales targets (销售目标) and the one definition of what counts as achieved.
 *
 * `sales_target` holds one figure per metric, period and level: a unit of the org tree or one person, optionally
 * narrowed to a product line and a customer segment (tier, new or existing customers). `parent_id` links a
 * decomposed target to the one it was split from.
 *
 * `sales_performance_fact` is every row that counts toward a metric, credited to one person on one day (company
 * time, Asia/Shanghai). Achievement, KPIs, drill-downs, rankings, appraisals and commissions all read it, so a
 * figure shown anywhere can be traced to the same rows:
 * - BOOKED_SALES: the lines of confirmed orders (not on credit hold, not cancelled), at their line totals, credited to
 *   the order's owner on the day the order was confirmed (placed, or released from credit hold). Orders rather than
 *   signed contracts: a contract is a frame whose amount may never be called off, orders are what the customer
 *   bought, orders without a contract (price list, distributor) count too, and counting both would count twice.
 * - COLLECTIONS: payment allocations to invoices, credited to the invoice's owner on the day the payment arrived.
 * - NEW_CUSTOMERS: a customer's first confirmed order, credited to that order's owner on its day (a prospect is not
 *   acquired until it buys).
 * - VISITS: a visit, once for the visitor (`VISIT`) and once for whoever accompanied them (`ACCOMPANIED_VISIT`).
 */
export class Migration20261207090000_sales_targets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "target_metric" as enum ('BOOKED_SALES', 'COLLECTIONS', 'NEW_CUSTOMERS', 'VISITS');`);
    this.addSql(`create type "period_kind" as enum ('YEAR', 'QUARTER', 'MONTH');`);
    this.addSql(`create type "customer_novelty" as enum ('NEW', 'EXISTING');`);

    this.addSql(`create table "sales_target" (
      "id" uuid not null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "metric" "target_metric" not null,
      "period_kind" "period_kind" not null,
      "period_start" date not null,
      "org_unit_id" uuid null,
      "user_id" uuid null,
      "product_line_id" uuid null,
      "customer_tier" "customer_tier" null,
      "customer_novelty" "customer_novelty" null,
      "parent_id" uuid null,
      "value" numeric(14,2) not null,
      "set_by_id" uuid not null,
      "reason" text null,
      constraint "sales_target_pkey" primary key ("id"),
      constraint sales_target_level_check check ((org_unit_id is null) <> (user_id is null)),
      constraint sales_target_value_check check (value >= 0)
    );`);
    // One target per metric, period, level and slice; a null slice (all lines, all customers) is a value of its own.
    this.addSql(`create unique index "sales_target_slice_unique" on "sales_target" ("metric", "period_kind", "period_start", "org_unit_id", "user_id", "product_line_id", "customer_tier", "customer_novelty") nulls not distinct;`);
    this.addSql(`create index "sales_target_user_period_idx" on "sales_target" ("user_id", "period_start") where user_id is not null;`);
    this.addSql(`create index "sales_target_unit_period_idx" on "sales_target" ("org_unit_id", "period_start") where org_unit_id is not null;`);
    this.addSql(`create index "sales_target_parent_idx" on "sales_target" ("parent_id");`);
    this.addSql(`alter table "sales_target" add constraint "sales_target_org_unit_id_foreign" foreign key ("org_unit_id") references "org_unit" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sales_target" add constraint "sales_target_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sales_target" add constraint "sales_target_product_line_id_foreign" foreign key ("product_line_id") references "product_line" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sales_target" add constraint "sales_target_parent_id_foreign" foreign key ("parent_id") references "sales_target" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sales_target" add constraint "sales_target_set_by_id_foreign" foreign key ("set_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

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
  }

  override async down(): Promise<void> {
    this.addSql(`drop view if exists "sales_performance_fact";`);
    this.addSql(`drop table if exists "sales_target" cascade;`);
    this.addSql(`drop type if exists "customer_novelty";`);
    this.addSql(`drop type if exists "period_kind";`);
    this.addSql(`drop type if exists "target_metric";`);
  }
}
