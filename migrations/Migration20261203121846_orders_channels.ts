import { Migration } from '@mikro-orm/migrations';

const ORDER_SEQUENCES = ['contract_number_seq', 'order_number_seq', 'shipment_number_seq', 'invoice_number_seq', 'payment_number_seq'];

const ORDER_TRIGGERS = [
  ['payment_domain_event', 'payment'],
  ['invoice_domain_event', 'invoice'],
  ['shipment_domain_event', 'shipment'],
  ['sales_order_domain_event', 'sales_order'],
  ['contract_renewal_alert_domain_event', 'contract_renewal_alert'],
  ['contract_approval_step_domain_event', 'contract_approval_step'],
  ['contract_domain_event', 'contract'],
];

/**
 * Order to cash and the distributor channel: contracts with their approval chains and renewal alerts, orders,
 * shipments with batch numbers, invoices, payments and their allocations, sell-through reports and channel
 * conflicts. Their changes go through the same outbox as the deals (triggers, in the change's own transaction).
 */
export class Migration20261203121846_orders_channels extends Migration {

  override async up(): Promise<void> {
    // Document numbers (CT000001, SO000001, …): sequences never hand out a number twice, even across crashes.
    for (const sequence of ORDER_SEQUENCES) this.addSql(`create sequence "${sequence}";`);
    this.addSql(`create type "payment_status" as enum ('UNALLOCATED', 'PARTIALLY_ALLOCATED', 'ALLOCATED');`);
    this.addSql(`create type "payment_method" as enum ('BANK_TRANSFER', 'BANK_ACCEPTANCE', 'CHEQUE', 'CASH');`);
    this.addSql(`create type "contract_status" as enum ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'SIGNED', 'ACTIVE', 'EXPIRED', 'TERMINATED');`);
    this.addSql(`create type "order_status" as enum ('CREDIT_HOLD', 'CONFIRMED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'INVOICED', 'CANCELLED');`);
    this.addSql(`create type "shipment_status" as enum ('SHIPPED', 'DELIVERED');`);
    this.addSql(`create type "invoice_status" as enum ('OPEN', 'PARTIALLY_PAID', 'PAID');`);
    this.addSql(`create type "approval_step_status" as enum ('WAITING', 'PENDING', 'APPROVED', 'REJECTED', 'CANCELLED');`);
    this.addSql(`create type "channel_conflict_kind" as enum ('SHIPMENT_OUTSIDE_REGION', 'SALE_OUTSIDE_REGION', 'BATCH_FROM_OTHER_REGION');`);
    this.addSql(`create type "channel_conflict_status" as enum ('OPEN', 'CONFIRMED', 'DISMISSED');`);
    this.addSql(`create table "sell_through_report" ("id" uuid not null, "distributor_id" uuid not null, "period_start" date not null, "period_end" date not null, "submitted_by_id" uuid not null, "created_at" timestamptz not null default now(), constraint "sell_through_report_pkey" primary key ("id"), constraint sell_through_report_period_check check (period_end >= period_start));`);
    this.addSql(`create index "sell_through_report_created_at_id_idx" on "sell_through_report" ("created_at", "id");`);
    this.addSql(`alter table "sell_through_report" add constraint "sell_through_report_period_unique" unique ("distributor_id", "period_start", "period_end");`);

    this.addSql(`create table "sell_through_line" ("id" uuid not null, "report_id" uuid not null, "product_id" uuid not null, "quantity" int not null, "batch_number" text not null, "end_customer_name" text not null, "sale_region_id" uuid not null, "sold_on" date not null, constraint "sell_through_line_pkey" primary key ("id"), constraint sell_through_line_quantity_check check (quantity > 0));`);
    this.addSql(`create index "sell_through_line_report_id_index" on "sell_through_line" ("report_id");`);
    this.addSql(`create index "sell_through_line_batch_number_idx" on "sell_through_line" ("batch_number");`);

    this.addSql(`create table "payment" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "number" text not null, "customer_id" uuid not null, "owner_id" uuid not null, "status" "payment_status" not null default 'UNALLOCATED', "amount" numeric(14,2) not null, "allocated_amount" numeric(14,2) not null default '0', "currency" char(3) not null default 'CNY', "received_on" date not null, "method" "payment_method" not null, "reference" text null, "payer_account" text null, "note" text null, "recorded_by_id" uuid not null, "idempotency_key" text null, constraint "payment_pkey" primary key ("id"), constraint payment_amounts_check check (amount > 0 and allocated_amount >= 0 and allocated_amount <= amount));`);
    this.addSql(`alter table "payment" add constraint "payment_number_unique" unique ("number");`);
    this.addSql(`create unique index "payment_idempotency_key_unique" on "payment" ("recorded_by_id", "idempotency_key") where "idempotency_key" is not null;`);
    this.addSql(`create index "payment_created_at_id_idx" on "payment" ("created_at", "id");`);
    this.addSql(`create index "payment_owner_received_on_idx" on "payment" ("owner_id", "received_on");`);
    this.addSql(`create index "payment_customer_received_on_idx" on "payment" ("customer_id", "received_on");`);

    this.addSql(`create table "contract" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "number" text not null, "title" varchar(200) not null, "customer_id" uuid not null, "owner_id" uuid not null, "opportunity_id" uuid null, "quote_id" uuid null, "status" "contract_status" not null default 'DRAFT', "amount" numeric(14,2) not null, "currency" char(3) not null default 'CNY', "start_date" date not null, "end_date" date not null, "payment_terms_days" smallint not null default 30, "approval_round" smallint not null default 0, "submitted_at" timestamptz null, "approved_at" timestamptz null, "signed_at" timestamptz null, "signed_by_id" uuid null, "terminated_at" timestamptz null, "termination_reason" text null, "created_by_id" uuid not null, constraint "contract_pkey" primary key ("id"), constraint contract_payment_terms_check check (payment_terms_days >= 0 and payment_terms_days <= 365), constraint contract_dates_check check (end_date >= start_date), constraint contract_amount_check check (amount >= 0));`);
    this.addSql(`alter table "contract" add constraint "contract_number_unique" unique ("number");`);
    this.addSql(`create index "contract_customer_id_index" on "contract" ("customer_id");`);
    this.addSql(`create index "contract_opportunity_id_index" on "contract" ("opportunity_id");`);
    this.addSql(`create index "contract_quote_id_index" on "contract" ("quote_id");`);
    this.addSql(`create index "contract_status_index" on "contract" ("status");`);
    this.addSql(`create index "contract_amount_id_idx" on "contract" ("amount", "id");`);
    this.addSql(`create index "contract_end_date_id_idx" on "contract" ("end_date", "id");`);
    this.addSql(`create index "contract_owner_created_at_idx" on "contract" ("owner_id", "created_at");`);
    this.addSql(`create index "contract_created_at_id_idx" on "contract" ("created_at", "id");`);

    this.addSql(`create table "sales_order" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "number" text not null, "customer_id" uuid not null, "owner_id" uuid not null, "contract_id" uuid null, "distributor_id" uuid null, "price_list_id" uuid null, "placed_by_id" uuid not null, "status" "order_status" not null default 'CONFIRMED', "total" numeric(14,2) not null, "currency" char(3) not null default 'CNY', "requested_delivery_date" date null, "delivery_address" text null, "delivery_region_id" uuid not null, "credit_hold_reason" text null, "credit_decided_by_id" uuid null, "credit_decided_at" timestamptz null, "credit_comment" text null, "cancelled_at" timestamptz null, "cancel_reason" text null, "idempotency_key" text null, constraint "sales_order_pkey" primary key ("id"), constraint sales_order_total_check check (total >= 0));`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_number_unique" unique ("number");`);
    this.addSql(`create index "sales_order_customer_id_index" on "sales_order" ("customer_id");`);
    this.addSql(`create index "sales_order_contract_id_index" on "sales_order" ("contract_id");`);
    this.addSql(`create index "sales_order_price_list_id_index" on "sales_order" ("price_list_id");`);
    this.addSql(`create index "sales_order_status_index" on "sales_order" ("status");`);
    this.addSql(`create unique index "sales_order_idempotency_key_unique" on "sales_order" ("placed_by_id", "idempotency_key") where "idempotency_key" is not null;`);
    this.addSql(`create index "sales_order_distributor_created_at_idx" on "sales_order" ("distributor_id", "created_at");`);
    this.addSql(`create index "sales_order_owner_created_at_idx" on "sales_order" ("owner_id", "created_at");`);
    this.addSql(`create index "sales_order_created_at_id_idx" on "sales_order" ("created_at", "id");`);

    this.addSql(`create table "shipment" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "number" text not null, "order_id" uuid not null, "status" "shipment_status" not null default 'SHIPPED', "shipped_on" date not null, "carrier" text null, "tracking_number" text null, "delivery_address" text not null, "delivery_region_id" uuid not null, "delivered_on" date null, "received_by" text null, "created_by_id" uuid not null, constraint "shipment_pkey" primary key ("id"));`);
    this.addSql(`alter table "shipment" add constraint "shipment_number_unique" unique ("number");`);
    this.addSql(`create index "shipment_delivery_region_id_index" on "shipment" ("delivery_region_id");`);
    this.addSql(`create index "shipment_created_at_id_idx" on "shipment" ("created_at", "id");`);
    this.addSql(`create index "shipment_order_created_at_idx" on "shipment" ("order_id", "created_at");`);

    this.addSql(`create table "invoice" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "number" text not null, "order_id" uuid not null, "customer_id" uuid not null, "owner_id" uuid not null, "status" "invoice_status" not null default 'OPEN', "issue_date" date not null, "due_date" date not null, "amount" numeric(14,2) not null, "paid_amount" numeric(14,2) not null default '0', "currency" char(3) not null default 'CNY', "created_by_id" uuid not null, constraint "invoice_pkey" primary key ("id"), constraint invoice_dates_check check (due_date >= issue_date), constraint invoice_amounts_check check (amount > 0 and paid_amount >= 0 and paid_amount <= amount));`);
    this.addSql(`alter table "invoice" add constraint "invoice_number_unique" unique ("number");`);
    this.addSql(`create index "invoice_open_issue_date_idx" on "invoice" ("issue_date") where "status" <> 'PAID';`);
    this.addSql(`create index "invoice_created_at_id_idx" on "invoice" ("created_at", "id");`);
    this.addSql(`create index "invoice_order_idx" on "invoice" ("order_id");`);
    this.addSql(`create index "invoice_owner_status_idx" on "invoice" ("owner_id", "status");`);
    this.addSql(`create index "invoice_customer_issue_date_idx" on "invoice" ("customer_id", "issue_date");`);

    this.addSql(`create table "payment_allocation" ("id" uuid not null, "payment_id" uuid not null, "invoice_id" uuid not null, "amount" numeric(14,2) not null, "allocated_at" timestamptz not null default now(), "allocated_by_id" uuid not null, constraint "payment_allocation_pkey" primary key ("id"), constraint payment_allocation_amount_check check (amount > 0));`);
    this.addSql(`create index "payment_allocation_payment_idx" on "payment_allocation" ("payment_id");`);
    this.addSql(`create index "payment_allocation_invoice_idx" on "payment_allocation" ("invoice_id");`);

    this.addSql(`create table "contract_renewal_alert" ("id" bigserial primary key, "contract_id" uuid not null, "window_days" smallint not null, "end_date" date not null, "alerted_at" timestamptz not null default now());`);
    this.addSql(`alter table "contract_renewal_alert" add constraint "contract_renewal_alert_unique" unique ("contract_id", "window_days", "end_date");`);

    this.addSql(`create table "contract_line" ("id" uuid not null, "contract_id" uuid not null, "position" smallint not null, "product_id" uuid not null, "quantity" int not null, "list_price" numeric(14,2) not null, "discount_percent" numeric(5,2) not null default '0', "unit_price" numeric(14,2) not null, "line_total" numeric(14,2) not null, "unit_cost" numeric(14,2) not null, constraint "contract_line_pkey" primary key ("id"), constraint contract_line_values_check check (quantity > 0 and discount_percent >= 0 and discount_percent <= 100 and unit_price >= 0));`);
    this.addSql(`create index "contract_line_product_id_index" on "contract_line" ("product_id");`);
    this.addSql(`create index "contract_line_contract_position_idx" on "contract_line" ("contract_id", "position");`);

    this.addSql(`create table "order_line" ("id" uuid not null, "order_id" uuid not null, "position" smallint not null, "product_id" uuid not null, "contract_line_id" uuid null, "quantity" int not null, "list_price" numeric(14,2) not null, "discount_percent" numeric(5,2) not null default '0', "unit_price" numeric(14,2) not null, "line_total" numeric(14,2) not null, "unit_cost" numeric(14,2) not null, "shipped_quantity" int not null default 0, "invoiced_quantity" int not null default 0, constraint "order_line_pkey" primary key ("id"), constraint order_line_quantities_check check (shipped_quantity >= 0 and shipped_quantity <= quantity and invoiced_quantity >= 0 and invoiced_quantity <= shipped_quantity), constraint order_line_values_check check (quantity > 0 and discount_percent >= 0 and discount_percent <= 100 and unit_price >= 0));`);
    this.addSql(`create index "order_line_product_id_index" on "order_line" ("product_id");`);
    this.addSql(`create index "order_line_contract_line_id_index" on "order_line" ("contract_line_id");`);
    this.addSql(`create index "order_line_order_position_idx" on "order_line" ("order_id", "position");`);

    this.addSql(`create table "shipment_line" ("id" uuid not null, "shipment_id" uuid not null, "order_line_id" uuid not null, "product_id" uuid not null, "quantity" int not null, "batch_number" text not null, constraint "shipment_line_pkey" primary key ("id"), constraint shipment_line_quantity_check check (quantity > 0));`);
    this.addSql(`create index "shipment_line_shipment_id_index" on "shipment_line" ("shipment_id");`);
    this.addSql(`create index "shipment_line_order_line_id_index" on "shipment_line" ("order_line_id");`);
    this.addSql(`create index "shipment_line_batch_number_idx" on "shipment_line" ("batch_number");`);

    this.addSql(`create table "invoice_line" ("id" uuid not null, "invoice_id" uuid not null, "order_line_id" uuid not null, "product_id" uuid not null, "quantity" int not null, "unit_price" numeric(14,2) not null, "line_total" numeric(14,2) not null, constraint "invoice_line_pkey" primary key ("id"), constraint invoice_line_quantity_check check (quantity > 0));`);
    this.addSql(`create index "invoice_line_invoice_id_index" on "invoice_line" ("invoice_id");`);
    this.addSql(`create index "invoice_line_order_line_id_index" on "invoice_line" ("order_line_id");`);

    this.addSql(`create table "contract_approval_step" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "contract_id" uuid not null, "round" smallint not null, "position" smallint not null, "approver_id" uuid not null, "approver_role" "user_role" not null, "approver_limit" numeric(14,2) not null, "status" "approval_step_status" not null default 'WAITING', "decided_at" timestamptz null, "comment" text null, constraint "contract_approval_step_pkey" primary key ("id"));`);
    this.addSql(`create index "contract_approval_step_approver_status_idx" on "contract_approval_step" ("approver_id", "status");`);
    this.addSql(`alter table "contract_approval_step" add constraint "contract_approval_step_round_position_unique" unique ("contract_id", "round", "position");`);

    this.addSql(`create table "channel_conflict" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "kind" "channel_conflict_kind" not null, "distributor_id" uuid not null, "home_region_id" uuid not null, "found_region_id" uuid not null, "batch_number" text null, "evidence" jsonb not null, "source_key" text not null, "status" "channel_conflict_status" not null default 'OPEN', "detected_at" timestamptz not null default now(), "resolved_by_id" uuid null, "resolved_at" timestamptz null, "resolution" text null, constraint "channel_conflict_pkey" primary key ("id"));`);
    this.addSql(`create index "channel_conflict_distributor_id_index" on "channel_conflict" ("distributor_id");`);
    this.addSql(`alter table "channel_conflict" add constraint "channel_conflict_source_key_unique" unique ("source_key");`);
    this.addSql(`create index "channel_conflict_detected_at_id_idx" on "channel_conflict" ("detected_at", "id");`);
    this.addSql(`create index "channel_conflict_found_region_idx" on "channel_conflict" ("found_region_id", "detected_at");`);
    this.addSql(`create index "channel_conflict_home_region_idx" on "channel_conflict" ("home_region_id", "detected_at");`);

    this.addSql(`alter table "sell_through_report" add constraint "sell_through_report_distributor_id_foreign" foreign key ("distributor_id") references "distributor" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sell_through_report" add constraint "sell_through_report_submitted_by_id_foreign" foreign key ("submitted_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "sell_through_line" add constraint "sell_through_line_report_id_foreign" foreign key ("report_id") references "sell_through_report" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sell_through_line" add constraint "sell_through_line_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sell_through_line" add constraint "sell_through_line_sale_region_id_foreign" foreign key ("sale_region_id") references "org_unit" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "payment" add constraint "payment_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "payment" add constraint "payment_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "payment" add constraint "payment_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "contract" add constraint "contract_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "contract" add constraint "contract_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "contract" add constraint "contract_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "contract" add constraint "contract_quote_id_foreign" foreign key ("quote_id") references "quote" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "contract" add constraint "contract_signed_by_id_foreign" foreign key ("signed_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "contract" add constraint "contract_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "sales_order" add constraint "sales_order_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_distributor_id_foreign" foreign key ("distributor_id") references "distributor" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_price_list_id_foreign" foreign key ("price_list_id") references "price_list" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_placed_by_id_foreign" foreign key ("placed_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_delivery_region_id_foreign" foreign key ("delivery_region_id") references "org_unit" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_credit_decided_by_id_foreign" foreign key ("credit_decided_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "shipment" add constraint "shipment_order_id_foreign" foreign key ("order_id") references "sales_order" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "shipment" add constraint "shipment_delivery_region_id_foreign" foreign key ("delivery_region_id") references "org_unit" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "shipment" add constraint "shipment_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "invoice" add constraint "invoice_order_id_foreign" foreign key ("order_id") references "sales_order" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "invoice" add constraint "invoice_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "invoice" add constraint "invoice_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "invoice" add constraint "invoice_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "payment_allocation" add constraint "payment_allocation_payment_id_foreign" foreign key ("payment_id") references "payment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "payment_allocation" add constraint "payment_allocation_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "payment_allocation" add constraint "payment_allocation_allocated_by_id_foreign" foreign key ("allocated_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "contract_renewal_alert" add constraint "contract_renewal_alert_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "contract_line" add constraint "contract_line_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "contract_line" add constraint "contract_line_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "order_line" add constraint "order_line_order_id_foreign" foreign key ("order_id") references "sales_order" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "order_line" add constraint "order_line_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "order_line" add constraint "order_line_contract_line_id_foreign" foreign key ("contract_line_id") references "contract_line" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "shipment_line" add constraint "shipment_line_shipment_id_foreign" foreign key ("shipment_id") references "shipment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "shipment_line" add constraint "shipment_line_order_line_id_foreign" foreign key ("order_line_id") references "order_line" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "shipment_line" add constraint "shipment_line_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "invoice_line" add constraint "invoice_line_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "invoice_line" add constraint "invoice_line_order_line_id_foreign" foreign key ("order_line_id") references "order_line" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "invoice_line" add constraint "invoice_line_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "contract_approval_step" add constraint "contract_approval_step_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "contract_approval_step" add constraint "contract_approval_step_approver_id_foreign" foreign key ("approver_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "channel_conflict" add constraint "channel_conflict_distributor_id_foreign" foreign key ("distributor_id") references "distributor" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "channel_conflict" add constraint "channel_conflict_home_region_id_foreign" foreign key ("home_region_id") references "org_unit" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "channel_conflict" add constraint "channel_conflict_found_region_id_foreign" foreign key ("found_region_id") references "org_unit" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "channel_conflict" add constraint "channel_conflict_resolved_by_id_foreign" foreign key ("resolved_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "domain_event" add column "contract_id" uuid null, add column "order_id" uuid null, add column "invoice_id" uuid null, add column "payment_id" uuid null;`);
    this.addSql(`alter table "domain_event" add constraint "domain_event_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "domain_event" add constraint "domain_event_order_id_foreign" foreign key ("order_id") references "sales_order" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "domain_event" add constraint "domain_event_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "domain_event" add constraint "domain_event_payment_id_foreign" foreign key ("payment_id") references "payment" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "domain_event_payment_position_idx" on "domain_event" ("payment_id", "position");`);
    this.addSql(`create index "domain_event_invoice_position_idx" on "domain_event" ("invoice_id", "position");`);
    this.addSql(`create index "domain_event_order_position_idx" on "domain_event" ("order_id", "position");`);
    this.addSql(`create index "domain_event_contract_position_idx" on "domain_event" ("contract_id", "position");`);

    this.addSql(`create or replace function salesgraph_record_order_event(kind text, aggregate text, aggregate_id uuid, aggregate_version int, contract_id uuid, order_id uuid, invoice_id uuid, payment_id uuid, payload jsonb) returns void language plpgsql as $$
    begin
      insert into domain_event (type, aggregate_type, aggregate_id, aggregate_version, actor_id, contract_id, order_id, invoice_id, payment_id, payload)
      values (kind, aggregate, aggregate_id, aggregate_version, salesgraph_actor(), contract_id, order_id, invoice_id, payment_id, payload);
      perform pg_notify('salesgraph_events', '');
    end $$;`);

    // Each trigger names its event from the status change; any other change is `<aggregate>.updated`.
    this.addSql(`create or replace function salesgraph_contract_event() returns trigger language plpgsql as $$
    declare
      changed jsonb := salesgraph_changed_fields(to_jsonb(new), case when tg_op = 'UPDATE' then to_jsonb(old) end);
      kind text := 'contract.created';
    begin
      if tg_op = 'UPDATE' then
        if changed = '{}'::jsonb then return null; end if;
        kind := case
          when new.status is not distinct from old.status then 'contract.updated'
          when new.status = 'PENDING_APPROVAL' then 'contract.submitted'
          when new.status = 'DRAFT' and old.status = 'PENDING_APPROVAL' then 'contract.rejected'
          when new.status = 'APPROVED' then 'contract.approved'
          when new.status = 'SIGNED' then 'contract.signed'
          when new.status = 'ACTIVE' then 'contract.activated'
          when new.status = 'EXPIRED' then 'contract.expired'
          when new.status = 'TERMINATED' then 'contract.terminated'
          else 'contract.updated' end;
        if new.status is distinct from old.status then changed := changed || jsonb_build_object('previousStatus', old.status); end if;
      end if;
      perform salesgraph_record_order_event(kind, 'Contract', new.id, new.version, new.id, null, null, null, changed);
      return null;
    end $$;`);
    this.addSql(`create trigger contract_domain_event after insert or update on contract for each row execute function salesgraph_contract_event();`);

    // A step turning PENDING asks its approver to decide (contract.approvalRequested, for approvalRequested).
    this.addSql(`create or replace function salesgraph_contract_step_event() returns trigger language plpgsql as $$
    declare
      changed jsonb := salesgraph_changed_fields(to_jsonb(new), case when tg_op = 'UPDATE' then to_jsonb(old) end);
      kind text;
    begin
      if tg_op = 'UPDATE' and new.status is not distinct from old.status then return null; end if;
      kind := case new.status
        when 'PENDING' then 'contract.approvalRequested'
        when 'APPROVED' then 'contract.stepApproved'
        when 'REJECTED' then 'contract.stepRejected'
        when 'CANCELLED' then 'contract.stepCancelled'
        else null end;
      if kind is null then return null; end if;
      changed := changed || jsonb_build_object('approverId', new.approver_id, 'round', new.round, 'position', new.position);
      perform salesgraph_record_order_event(kind, 'ContractApprovalStep', new.id, new.version, new.contract_id, null, null, null, changed);
      return null;
    end $$;`);
    this.addSql(`create trigger contract_approval_step_domain_event after insert or update on contract_approval_step for each row execute function salesgraph_contract_step_event();`);

    this.addSql(`create or replace function salesgraph_renewal_alert_event() returns trigger language plpgsql as $$
    begin
      perform salesgraph_record_order_event('contract.renewalDue', 'Contract', new.contract_id, (select c.version from contract c where c.id = new.contract_id),
        new.contract_id, null, null, null,
        jsonb_build_object('endDate', new.end_date, 'windowDays', new.window_days::text, 'daysLeft', (new.end_date - current_date)::text));
      return null;
    end $$;`);
    this.addSql(`create trigger contract_renewal_alert_domain_event after insert on contract_renewal_alert for each row execute function salesgraph_renewal_alert_event();`);

    this.addSql(`create or replace function salesgraph_order_event() returns trigger language plpgsql as $$
    declare
      changed jsonb := salesgraph_changed_fields(to_jsonb(new) - 'idempotency_key', case when tg_op = 'UPDATE' then to_jsonb(old) - 'idempotency_key' end);
      kind text := 'order.placed';
    begin
      if tg_op = 'UPDATE' then
        if changed = '{}'::jsonb then return null; end if;
        kind := case
          when new.status is not distinct from old.status then 'order.updated'
          when old.status = 'CREDIT_HOLD' and new.status = 'CONFIRMED' then 'order.creditReleased'
          when new.status = 'CANCELLED' then 'order.cancelled'
          when new.status = 'PARTIALLY_SHIPPED' then 'order.partiallyShipped'
          when new.status = 'SHIPPED' then 'order.shipped'
          when new.status = 'INVOICED' then 'order.invoiced'
          else 'order.updated' end;
        if new.status is distinct from old.status then changed := changed || jsonb_build_object('previousStatus', old.status); end if;
      end if;
      perform salesgraph_record_order_event(kind, 'Order', new.id, new.version, null, new.id, null, null, changed);
      return null;
    end $$;`);
    this.addSql(`create trigger sales_order_domain_event after insert or update on sales_order for each row execute function salesgraph_order_event();`);

    this.addSql(`create or replace function salesgraph_shipment_event() returns trigger language plpgsql as $$
    declare
      changed jsonb := salesgraph_changed_fields(to_jsonb(new), case when tg_op = 'UPDATE' then to_jsonb(old) end);
      kind text := 'shipment.created';
    begin
      if tg_op = 'UPDATE' then
        if changed = '{}'::jsonb then return null; end if;
        kind := case when new.status = 'DELIVERED' and old.status <> 'DELIVERED' then 'shipment.delivered' else 'shipment.updated' end;
      end if;
      perform salesgraph_record_order_event(kind, 'Shipment', new.id, new.version, null, new.order_id, null, null, changed);
      return null;
    end $$;`);
    this.addSql(`create trigger shipment_domain_event after insert or update on shipment for each row execute function salesgraph_shipment_event();`);

    this.addSql(`create or replace function salesgraph_invoice_event() returns trigger language plpgsql as $$
    declare
      changed jsonb := salesgraph_changed_fields(to_jsonb(new), case when tg_op = 'UPDATE' then to_jsonb(old) end);
      kind text := 'invoice.issued';
    begin
      if tg_op = 'UPDATE' then
        if changed = '{}'::jsonb then return null; end if;
        kind := case
          when new.status is not distinct from old.status then 'invoice.updated'
          when new.status = 'PAID' then 'invoice.paid'
          when new.status = 'PARTIALLY_PAID' then 'invoice.partiallyPaid'
          else 'invoice.updated' end;
      end if;
      perform salesgraph_record_order_event(kind, 'Invoice', new.id, new.version, null, null, new.id, null, changed);
      return null;
    end $$;`);
    this.addSql(`create trigger invoice_domain_event after insert or update on invoice for each row execute function salesgraph_invoice_event();`);

    this.addSql(`create or replace function salesgraph_payment_event() returns trigger language plpgsql as $$
    declare
      changed jsonb := salesgraph_changed_fields(to_jsonb(new) - 'idempotency_key', case when tg_op = 'UPDATE' then to_jsonb(old) - 'idempotency_key' end);
      kind text := 'payment.received';
    begin
      if tg_op = 'UPDATE' then
        if changed = '{}'::jsonb then return null; end if;
        kind := case when new.allocated_amount is distinct from old.allocated_amount then 'payment.allocated' else 'payment.updated' end;
      end if;
      perform salesgraph_record_order_event(kind, 'Payment', new.id, new.version, null, null, null, new.id, changed);
      return null;
    end $$;`);
    this.addSql(`create trigger payment_domain_event after insert or update on payment for each row execute function salesgraph_payment_event();`);
  }

  override async down(): Promise<void> {
    for (const [trigger, table] of ORDER_TRIGGERS) this.addSql(`drop trigger if exists ${trigger} on ${table};`);
    this.addSql(`drop function if exists salesgraph_payment_event(), salesgraph_invoice_event(), salesgraph_shipment_event(), salesgraph_order_event(), salesgraph_renewal_alert_event(), salesgraph_contract_step_event(), salesgraph_contract_event(), salesgraph_record_order_event(text, text, uuid, int, uuid, uuid, uuid, uuid, jsonb);`);
    for (const sequence of ORDER_SEQUENCES) this.addSql(`drop sequence if exists "${sequence}";`);
    this.addSql(`alter table "sell_through_line" drop constraint "sell_through_line_report_id_foreign";`);

    this.addSql(`alter table "payment_allocation" drop constraint "payment_allocation_payment_id_foreign";`);

    this.addSql(`alter table "domain_event" drop constraint "domain_event_payment_id_foreign";`);

    this.addSql(`alter table "sales_order" drop constraint "sales_order_contract_id_foreign";`);

    this.addSql(`alter table "domain_event" drop constraint "domain_event_contract_id_foreign";`);

    this.addSql(`alter table "contract_renewal_alert" drop constraint "contract_renewal_alert_contract_id_foreign";`);

    this.addSql(`alter table "contract_line" drop constraint "contract_line_contract_id_foreign";`);

    this.addSql(`alter table "contract_approval_step" drop constraint "contract_approval_step_contract_id_foreign";`);

    this.addSql(`alter table "shipment" drop constraint "shipment_order_id_foreign";`);

    this.addSql(`alter table "invoice" drop constraint "invoice_order_id_foreign";`);

    this.addSql(`alter table "domain_event" drop constraint "domain_event_order_id_foreign";`);

    this.addSql(`alter table "order_line" drop constraint "order_line_order_id_foreign";`);

    this.addSql(`alter table "shipment_line" drop constraint "shipment_line_shipment_id_foreign";`);

    this.addSql(`alter table "payment_allocation" drop constraint "payment_allocation_invoice_id_foreign";`);

    this.addSql(`alter table "domain_event" drop constraint "domain_event_invoice_id_foreign";`);

    this.addSql(`alter table "invoice_line" drop constraint "invoice_line_invoice_id_foreign";`);

    this.addSql(`alter table "order_line" drop constraint "order_line_contract_line_id_foreign";`);

    this.addSql(`alter table "shipment_line" drop constraint "shipment_line_order_line_id_foreign";`);

    this.addSql(`alter table "invoice_line" drop constraint "invoice_line_order_line_id_foreign";`);

    this.addSql(`drop table if exists "sell_through_report" cascade;`);

    this.addSql(`drop table if exists "sell_through_line" cascade;`);

    this.addSql(`drop table if exists "payment" cascade;`);

    this.addSql(`drop table if exists "contract" cascade;`);

    this.addSql(`drop table if exists "sales_order" cascade;`);

    this.addSql(`drop table if exists "shipment" cascade;`);

    this.addSql(`drop table if exists "invoice" cascade;`);

    this.addSql(`drop table if exists "payment_allocation" cascade;`);

    this.addSql(`drop table if exists "contract_renewal_alert" cascade;`);

    this.addSql(`drop table if exists "contract_line" cascade;`);

    this.addSql(`drop table if exists "order_line" cascade;`);

    this.addSql(`drop table if exists "shipment_line" cascade;`);

    this.addSql(`drop table if exists "invoice_line" cascade;`);

    this.addSql(`drop table if exists "contract_approval_step" cascade;`);

    this.addSql(`drop table if exists "channel_conflict" cascade;`);

    this.addSql(`drop index "domain_event_payment_position_idx";`);
    this.addSql(`drop index "domain_event_invoice_position_idx";`);
    this.addSql(`drop index "domain_event_order_position_idx";`);
    this.addSql(`drop index "domain_event_contract_position_idx";`);
    this.addSql(`alter table "domain_event" drop column "contract_id", drop column "order_id", drop column "invoice_id", drop column "payment_id";`);

    this.addSql(`drop type "payment_status";`);
    this.addSql(`drop type "payment_method";`);
    this.addSql(`drop type "contract_status";`);
    this.addSql(`drop type "order_status";`);
    this.addSql(`drop type "shipment_status";`);
    this.addSql(`drop type "invoice_status";`);
    this.addSql(`drop type "approval_step_status";`);
    this.addSql(`drop type "channel_conflict_kind";`);
    this.addSql(`drop type "channel_conflict_status";`);
  }

}
