import { Migration } from '@mikro-orm/migrations';

/** Customers and their contacts, visits, complaints and surveys; leads, opportunities, quotes and approvals. */
export class Migration20261123220943_customers_pipeline extends Migration {

  override async up(): Promise<void> {
    // Customer and quote numbers (C000001, Q000001): sequences never hand out a number twice, even across crashes.
    this.addSql(`create sequence "customer_code_seq";`);
    this.addSql(`create sequence "quote_number_seq";`);
    this.addSql(`create type "customer_tier" as enum ('A', 'B', 'C');`);
    this.addSql(`create type "lifecycle_stage" as enum ('PROSPECT', 'DEVELOPING', 'STABLE', 'DECLINING', 'CHURNED');`);
    this.addSql(`create type "opportunity_stage" as enum ('LEAD', 'CONTACT', 'NEEDS_ANALYSIS', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST');`);
    this.addSql(`create type "quote_status" as enum ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'ACCEPTED', 'SUPERSEDED');`);
    this.addSql(`create type "lead_source" as enum ('WEBSITE', 'EXHIBITION', 'REFERRAL', 'COLD_CALL', 'PARTNER', 'ADVERTISING', 'OTHER');`);
    this.addSql(`create type "lead_status" as enum ('NEW', 'ASSIGNED', 'CONTACTED', 'QUALIFIED', 'DISQUALIFIED', 'CONVERTED');`);
    this.addSql(`create type "decision_role" as enum ('DECISION_MAKER', 'INFLUENCER', 'TECHNICAL_EVALUATOR', 'PURCHASER', 'USER', 'GATEKEEPER');`);
    this.addSql(`create type "complaint_severity" as enum ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');`);
    this.addSql(`create type "complaint_status" as enum ('OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED');`);
    this.addSql(`create type "approval_subject" as enum ('QUOTE_DISCOUNT');`);
    this.addSql(`create type "approval_status" as enum ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED');`);
    this.addSql(`create table "customer" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" text not null, "name" varchar(200) not null, "name_key" text not null, "tax_id" text null, "industry" text null, "region_id" uuid not null, "address" text null, "tier" "customer_tier" not null default 'C', "lifecycle_stage" "lifecycle_stage" not null default 'PROSPECT', "channel" "sales_channel" not null default 'DIRECT', "distributor_id" uuid null, "owner_id" uuid not null, "key_account_manager_id" uuid null, "credit_limit" numeric(14,2) not null default '0', "current_exposure" numeric(14,2) not null default '0', "payment_delay_days" int not null default 0, "tags" text[] not null default '{}', constraint "customer_pkey" primary key ("id"), constraint customer_distributor_channel_check check ((channel = 'DISTRIBUTOR') = (distributor_id is not null)), constraint customer_credit_check check (credit_limit >= 0 and current_exposure >= 0 and payment_delay_days >= 0));`);
    this.addSql(`alter table "customer" add constraint "customer_code_unique" unique ("code");`);
    this.addSql(`create index "customer_industry_index" on "customer" ("industry");`);
    this.addSql(`create index "customer_region_id_index" on "customer" ("region_id");`);
    this.addSql(`create index "customer_tier_index" on "customer" ("tier");`);
    this.addSql(`create index "customer_lifecycle_stage_index" on "customer" ("lifecycle_stage");`);
    this.addSql(`create index "customer_distributor_id_index" on "customer" ("distributor_id");`);
    this.addSql(`create index "customer_owner_id_index" on "customer" ("owner_id");`);
    this.addSql(`create index "customer_key_account_manager_id_index" on "customer" ("key_account_manager_id");`);
    this.addSql(`create index "customer_name_trgm_idx" on "customer" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create index "customer_tags_idx" on "customer" using gin ("tags");`);
    this.addSql(`create index "customer_created_at_id_idx" on "customer" ("created_at", "id");`);
    this.addSql(`create index "customer_name_id_idx" on "customer" ("name", "id");`);
    this.addSql(`create unique index "customer_region_tax_id_unique" on "customer" ("region_id", "tax_id") where "tax_id" is not null;`);
    this.addSql(`alter table "customer" add constraint "customer_region_name_key_unique" unique ("region_id", "name_key");`);

    this.addSql(`create table "opportunity" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(200) not null, "customer_id" uuid not null, "owner_id" uuid not null, "stage" "opportunity_stage" not null default 'LEAD', "amount" numeric(14,2) not null, "currency" char(3) not null default 'CNY', "expected_close_date" date null, "probability" smallint not null default 10, "lost_reason" text null, "next_step" text null, "closed_at" timestamptz null, constraint "opportunity_pkey" primary key ("id"), constraint opportunity_lost_reason_check check (stage <> 'LOST' or lost_reason is not null), constraint opportunity_probability_check check (probability >= 0 and probability <= 100), constraint opportunity_amount_check check (amount >= 0));`);
    this.addSql(`create index "opportunity_customer_id_index" on "opportunity" ("customer_id");`);
    this.addSql(`create index "opportunity_stage_index" on "opportunity" ("stage");`);
    this.addSql(`create index "opportunity_name_trgm_idx" on "opportunity" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create index "opportunity_owner_stage_idx" on "opportunity" ("owner_id", "stage");`);
    this.addSql(`create index "opportunity_name_id_idx" on "opportunity" ("name", "id");`);
    this.addSql(`create index "opportunity_created_at_id_idx" on "opportunity" ("created_at", "id");`);
    this.addSql(`create index "opportunity_close_date_id_idx" on "opportunity" ("expected_close_date", "id");`);
    this.addSql(`create index "opportunity_amount_id_idx" on "opportunity" ("amount", "id");`);

    this.addSql(`create table "quote" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "number" text not null, "opportunity_id" uuid not null, "status" "quote_status" not null default 'DRAFT', "price_list_id" uuid not null, "currency" char(3) not null default 'CNY', "valid_until" date not null, "list_total" numeric(14,2) not null, "total" numeric(14,2) not null, "max_discount_percent" numeric(5,2) not null, "note" text null, "created_by_id" uuid not null, "submitted_at" timestamptz null, "accepted_at" timestamptz null, constraint "quote_pkey" primary key ("id"));`);
    this.addSql(`alter table "quote" add constraint "quote_number_unique" unique ("number");`);
    this.addSql(`create index "quote_status_index" on "quote" ("status");`);
    this.addSql(`create index "quote_price_list_id_index" on "quote" ("price_list_id");`);
    this.addSql(`create index "quote_created_by_id_index" on "quote" ("created_by_id");`);
    this.addSql(`create index "quote_opportunity_idx" on "quote" ("opportunity_id", "created_at");`);
    this.addSql(`create unique index "quote_current_per_opportunity" on "quote" ("opportunity_id") where "status" <> 'SUPERSEDED';`);

    this.addSql(`create table "quote_line" ("id" uuid not null, "quote_id" uuid not null, "position" smallint not null, "product_id" uuid not null, "quantity" int not null, "list_price" numeric(14,2) not null, "discount_percent" numeric(5,2) not null default '0', "unit_price" numeric(14,2) not null, "line_total" numeric(14,2) not null, "unit_cost" numeric(14,2) not null, constraint "quote_line_pkey" primary key ("id"), constraint quote_line_values_check check (quantity > 0 and discount_percent >= 0 and discount_percent <= 100 and unit_price >= 0));`);
    this.addSql(`create index "quote_line_product_id_index" on "quote_line" ("product_id");`);
    this.addSql(`create index "quote_line_quote_position_idx" on "quote_line" ("quote_id", "position");`);

    this.addSql(`create table "opportunity_stage_change" ("id" uuid not null, "opportunity_id" uuid not null, "from_stage" "opportunity_stage" null, "to_stage" "opportunity_stage" not null, "changed_by_id" uuid not null, "changed_at" timestamptz not null default now(), "reason" text null, constraint "opportunity_stage_change_pkey" primary key ("id"));`);
    this.addSql(`create index "opportunity_stage_change_changed_by_id_index" on "opportunity_stage_change" ("changed_by_id");`);
    this.addSql(`create index "opportunity_stage_change_opportunity_idx" on "opportunity_stage_change" ("opportunity_id", "changed_at");`);

    this.addSql(`create table "opportunity_product_line" ("opportunity_id" uuid not null, "product_line_id" uuid not null, constraint "opportunity_product_line_pkey" primary key ("opportunity_id", "product_line_id"));`);

    this.addSql(`create table "lead" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "source" "lead_source" not null, "company" varchar(200) not null, "contact_name" varchar(200) not null, "contact_title" text null, "phone" text null, "email" text null, "region_id" uuid null, "team_id" uuid null, "owner_id" uuid null, "status" "lead_status" not null default 'NEW', "assigned_at" timestamptz null, "notes" text null, "disqualified_reason" text null, "converted_customer_id" uuid null, "converted_opportunity_id" uuid null, "created_by_id" uuid null, constraint "lead_pkey" primary key ("id"));`);
    this.addSql(`create index "lead_owner_id_index" on "lead" ("owner_id");`);
    this.addSql(`create index "lead_status_index" on "lead" ("status");`);
    this.addSql(`create index "lead_region_assigned_at_idx" on "lead" ("region_id", "assigned_at");`);
    this.addSql(`create index "lead_team_assigned_at_idx" on "lead" ("team_id", "assigned_at");`);
    this.addSql(`create index "lead_created_at_id_idx" on "lead" ("created_at", "id");`);

    this.addSql(`create table "contact" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "customer_id" uuid not null, "name" varchar(200) not null, "title" text null, "phone" text null, "email" text null, "decision_role" "decision_role" not null default 'USER', "is_primary" boolean not null default false, constraint "contact_pkey" primary key ("id"));`);
    this.addSql(`create index "contact_customer_name_idx" on "contact" ("customer_id", "name", "id");`);

    this.addSql(`create table "complaint" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "customer_id" uuid not null, "contact_id" uuid null, "title" varchar(200) not null, "description" text not null, "severity" "complaint_severity" not null, "status" "complaint_status" not null default 'OPEN', "reported_by_id" uuid not null, "handler_id" uuid null, "opened_at" timestamptz not null default now(), "sla_due_at" timestamptz not null, "resolution" text null, "resolved_at" timestamptz null, constraint "complaint_pkey" primary key ("id"));`);
    this.addSql(`create index "complaint_contact_id_index" on "complaint" ("contact_id");`);
    this.addSql(`create index "complaint_reported_by_id_index" on "complaint" ("reported_by_id");`);
    this.addSql(`create index "complaint_handler_id_index" on "complaint" ("handler_id");`);
    this.addSql(`create index "complaint_opened_at_id_idx" on "complaint" ("opened_at", "id");`);
    this.addSql(`create index "complaint_status_sla_due_idx" on "complaint" ("status", "sla_due_at", "id");`);
    this.addSql(`create index "complaint_customer_status_idx" on "complaint" ("customer_id", "status");`);

    this.addSql(`create table "satisfaction_survey" ("id" uuid not null, "customer_id" uuid not null, "complaint_id" uuid null, "contact_id" uuid null, "score" smallint not null, "comment" text null, "recorded_by_id" uuid not null, "surveyed_at" timestamptz not null default now(), constraint "satisfaction_survey_pkey" primary key ("id"), constraint satisfaction_survey_score_check check (score >= 1 and score <= 5));`);
    this.addSql(`create index "satisfaction_survey_complaint_id_index" on "satisfaction_survey" ("complaint_id");`);
    this.addSql(`create index "satisfaction_survey_contact_id_index" on "satisfaction_survey" ("contact_id");`);
    this.addSql(`create index "satisfaction_survey_recorded_by_id_index" on "satisfaction_survey" ("recorded_by_id");`);
    this.addSql(`create index "satisfaction_survey_customer_idx" on "satisfaction_survey" ("customer_id", "surveyed_at");`);

    this.addSql(`create table "approval_request" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "subject" "approval_subject" not null, "quote_id" uuid null, "requested_by_id" uuid not null, "approver_id" uuid not null, "discount_percent" numeric(5,2) not null, "request_note" text null, "status" "approval_status" not null default 'PENDING', "comment" text null, "decided_by_id" uuid null, "decided_at" timestamptz null, constraint "approval_request_pkey" primary key ("id"));`);
    this.addSql(`create index "approval_request_quote_id_index" on "approval_request" ("quote_id");`);
    this.addSql(`create index "approval_request_requested_by_idx" on "approval_request" ("requested_by_id", "created_at");`);
    this.addSql(`create index "approval_request_approver_status_idx" on "approval_request" ("approver_id", "status", "created_at");`);

    this.addSql(`create table "visit" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "customer_id" uuid not null, "contact_id" uuid null, "visited_by_id" uuid not null, "accompanied_by_id" uuid null, "visited_on" date not null, "purpose" text not null, "outcome" text null, "next_step" text null, "next_visit_on" date null, constraint "visit_pkey" primary key ("id"));`);
    this.addSql(`create index "visit_contact_id_index" on "visit" ("contact_id");`);
    this.addSql(`create index "visit_accompanied_by_id_index" on "visit" ("accompanied_by_id");`);
    this.addSql(`create index "visit_visited_by_visited_on_idx" on "visit" ("visited_by_id", "visited_on", "id");`);
    this.addSql(`create index "visit_customer_visited_on_idx" on "visit" ("customer_id", "visited_on", "id");`);

    this.addSql(`alter table "customer" add constraint "customer_region_id_foreign" foreign key ("region_id") references "org_unit" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "customer" add constraint "customer_distributor_id_foreign" foreign key ("distributor_id") references "distributor" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "customer" add constraint "customer_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "customer" add constraint "customer_key_account_manager_id_foreign" foreign key ("key_account_manager_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "opportunity" add constraint "opportunity_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "opportunity" add constraint "opportunity_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "quote" add constraint "quote_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "quote" add constraint "quote_price_list_id_foreign" foreign key ("price_list_id") references "price_list" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "quote" add constraint "quote_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "quote_line" add constraint "quote_line_quote_id_foreign" foreign key ("quote_id") references "quote" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "quote_line" add constraint "quote_line_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "opportunity_stage_change" add constraint "opportunity_stage_change_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "opportunity_stage_change" add constraint "opportunity_stage_change_changed_by_id_foreign" foreign key ("changed_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "opportunity_product_line" add constraint "opportunity_product_line_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "opportunity_product_line" add constraint "opportunity_product_line_product_line_id_foreign" foreign key ("product_line_id") references "product_line" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "lead" add constraint "lead_region_id_foreign" foreign key ("region_id") references "org_unit" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "lead" add constraint "lead_team_id_foreign" foreign key ("team_id") references "org_unit" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "lead" add constraint "lead_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "lead" add constraint "lead_converted_customer_id_foreign" foreign key ("converted_customer_id") references "customer" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "lead" add constraint "lead_converted_opportunity_id_foreign" foreign key ("converted_opportunity_id") references "opportunity" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "lead" add constraint "lead_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "contact" add constraint "contact_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "complaint" add constraint "complaint_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "complaint" add constraint "complaint_contact_id_foreign" foreign key ("contact_id") references "contact" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "complaint" add constraint "complaint_reported_by_id_foreign" foreign key ("reported_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "complaint" add constraint "complaint_handler_id_foreign" foreign key ("handler_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "satisfaction_survey" add constraint "satisfaction_survey_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "satisfaction_survey" add constraint "satisfaction_survey_complaint_id_foreign" foreign key ("complaint_id") references "complaint" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "satisfaction_survey" add constraint "satisfaction_survey_contact_id_foreign" foreign key ("contact_id") references "contact" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "satisfaction_survey" add constraint "satisfaction_survey_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "approval_request" add constraint "approval_request_quote_id_foreign" foreign key ("quote_id") references "quote" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "approval_request" add constraint "approval_request_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "approval_request" add constraint "approval_request_approver_id_foreign" foreign key ("approver_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "approval_request" add constraint "approval_request_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "visit" add constraint "visit_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "visit" add constraint "visit_contact_id_foreign" foreign key ("contact_id") references "contact" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "visit" add constraint "visit_visited_by_id_foreign" foreign key ("visited_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "visit" add constraint "visit_accompanied_by_id_foreign" foreign key ("accompanied_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop sequence if exists "customer_code_seq";`);
    this.addSql(`drop sequence if exists "quote_number_seq";`);
    this.addSql(`alter table "opportunity" drop constraint "opportunity_customer_id_foreign";`);

    this.addSql(`alter table "lead" drop constraint "lead_converted_customer_id_foreign";`);

    this.addSql(`alter table "contact" drop constraint "contact_customer_id_foreign";`);

    this.addSql(`alter table "complaint" drop constraint "complaint_customer_id_foreign";`);

    this.addSql(`alter table "satisfaction_survey" drop constraint "satisfaction_survey_customer_id_foreign";`);

    this.addSql(`alter table "visit" drop constraint "visit_customer_id_foreign";`);

    this.addSql(`alter table "quote" drop constraint "quote_opportunity_id_foreign";`);

    this.addSql(`alter table "opportunity_stage_change" drop constraint "opportunity_stage_change_opportunity_id_foreign";`);

    this.addSql(`alter table "opportunity_product_line" drop constraint "opportunity_product_line_opportunity_id_foreign";`);

    this.addSql(`alter table "lead" drop constraint "lead_converted_opportunity_id_foreign";`);

    this.addSql(`alter table "quote_line" drop constraint "quote_line_quote_id_foreign";`);

    this.addSql(`alter table "approval_request" drop constraint "approval_request_quote_id_foreign";`);

    this.addSql(`alter table "complaint" drop constraint "complaint_contact_id_foreign";`);

    this.addSql(`alter table "satisfaction_survey" drop constraint "satisfaction_survey_contact_id_foreign";`);

    this.addSql(`alter table "visit" drop constraint "visit_contact_id_foreign";`);

    this.addSql(`alter table "satisfaction_survey" drop constraint "satisfaction_survey_complaint_id_foreign";`);

    this.addSql(`drop table if exists "customer" cascade;`);

    this.addSql(`drop table if exists "opportunity" cascade;`);

    this.addSql(`drop table if exists "quote" cascade;`);

    this.addSql(`drop table if exists "quote_line" cascade;`);

    this.addSql(`drop table if exists "opportunity_stage_change" cascade;`);

    this.addSql(`drop table if exists "opportunity_product_line" cascade;`);

    this.addSql(`drop table if exists "lead" cascade;`);

    this.addSql(`drop table if exists "contact" cascade;`);

    this.addSql(`drop table if exists "complaint" cascade;`);

    this.addSql(`drop table if exists "satisfaction_survey" cascade;`);

    this.addSql(`drop table if exists "approval_request" cascade;`);

    this.addSql(`drop table if exists "visit" cascade;`);

    this.addSql(`drop type "customer_tier";`);
    this.addSql(`drop type "lifecycle_stage";`);
    this.addSql(`drop type "opportunity_stage";`);
    this.addSql(`drop type "quote_status";`);
    this.addSql(`drop type "lead_source";`);
    this.addSql(`drop type "lead_status";`);
    this.addSql(`drop type "decision_role";`);
    this.addSql(`drop type "complaint_severity";`);
    this.addSql(`drop type "complaint_status";`);
    this.addSql(`drop type "approval_subject";`);
    this.addSql(`drop type "approval_status";`);
  }

}
