import { Migration } from '@mikro-orm/migrations';

/** Master data: product lines, products, price lists and entries, approval limits, commission plans; distributor terms. */
export class Migration20261123205835_master_data extends Migration {

  override async up(): Promise<void> {
    // btree_gist lets the exclusion constraint price_list_no_overlap compare channel and region with `=`.
    this.addSql(`create extension if not exists btree_gist;`);
    this.addSql(`create type "product_status" as enum ('ACTIVE', 'DRAFT', 'DISCONTINUED');`);
    this.addSql(`create type "sales_channel" as enum ('DIRECT', 'DISTRIBUTOR', 'ONLINE');`);
    this.addSql(`create table "approval_limit" ("id" uuid not null, "role" text check ("role" in ('ADMIN', 'SALES_VP', 'REGIONAL_DIRECTOR', 'TEAM_MANAGER', 'SALES_REP', 'KEY_ACCOUNT_MANAGER', 'CUSTOMER_SERVICE', 'TECH_SUPPORT', 'FINANCE', 'PARTNER', 'INTEGRATION')) not null, "max_discount_percent" numeric(5,2) not null, "max_contract_amount" numeric(14,2) not null, "max_expense_amount" numeric(14,2) not null, "currency" char(3) not null default 'CNY', "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "approval_limit_pkey" primary key ("id"), constraint approval_limit_values_check check (max_discount_percent >= 0 and max_discount_percent <= 100 and max_contract_amount >= 0 and max_expense_amount >= 0));`);
    this.addSql(`alter table "approval_limit" add constraint "approval_limit_role_unique" unique ("role");`);

    this.addSql(`create table "commission_plan" ("id" uuid not null, "name" varchar(200) not null, "valid_from" date not null, "valid_to" date null, "active" boolean not null default true, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "commission_plan_pkey" primary key ("id"), constraint commission_plan_dates_check check (valid_to is null or valid_to >= valid_from));`);

    this.addSql(`create table "commission_tier" ("id" uuid not null, "plan_id" uuid not null, "achievement_from" numeric(6,2) not null, "achievement_to" numeric(6,2) null, "rate_percent" numeric(6,3) not null, "created_at" timestamptz not null default now(), constraint "commission_tier_pkey" primary key ("id"), constraint commission_tier_range_check check (achievement_from >= 0 and (achievement_to is null or achievement_to > achievement_from) and rate_percent >= 0 and rate_percent <= 100));`);
    this.addSql(`create index "commission_tier_plan_id_index" on "commission_tier" ("plan_id");`);

    this.addSql(`create table "product_line" ("id" uuid not null, "code" text not null, "name" varchar(200) not null, "english_name" text null, "description" text null, "active" boolean not null default true, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "product_line_pkey" primary key ("id"));`);
    this.addSql(`alter table "product_line" add constraint "product_line_code_unique" unique ("code");`);

    this.addSql(`create table "product" ("id" uuid not null, "sku" text not null, "name" varchar(200) not null, "english_name" text null, "unit" varchar(20) not null, "product_line_id" uuid not null, "status" "product_status" not null default 'ACTIVE', "unit_cost" numeric(14,2) not null, "specification" text null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "product_pkey" primary key ("id"), constraint product_unit_cost_check check (unit_cost >= 0));`);
    this.addSql(`alter table "product" add constraint "product_sku_unique" unique ("sku");`);
    this.addSql(`create index "product_product_line_id_index" on "product" ("product_line_id");`);
    this.addSql(`create index "product_status_index" on "product" ("status");`);
    this.addSql(`create index "product_search_trgm_idx" on "product" using gin ((sku || ' ' || name || ' ' || coalesce(english_name, '')) gin_trgm_ops);`);
    this.addSql(`create index "product_sku_id_idx" on "product" ("sku", "id");`);
    this.addSql(`create index "product_name_id_idx" on "product" ("name", "id");`);

    this.addSql(`create table "price_list" ("id" uuid not null, "name" varchar(200) not null, "currency" char(3) not null default 'CNY', "channel" "sales_channel" not null, "region_id" uuid null, "valid_from" date not null, "valid_to" date null, "active" boolean not null default true, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "price_list_pkey" primary key ("id"), constraint price_list_dates_check check (valid_to is null or valid_to >= valid_from));`);
    this.addSql(`create index "price_list_region_id_index" on "price_list" ("region_id");`);
    this.addSql(`alter table "price_list" add constraint "price_list_no_overlap" exclude using gist (channel with =, (coalesce(region_id, '00000000-0000-0000-0000-000000000000'::uuid)) with =, daterange(valid_from, valid_to, '[]') with &&) where (active);`);
    this.addSql(`create index "price_list_channel_region_idx" on "price_list" ("channel", "region_id", "valid_from");`);

    this.addSql(`create table "price_list_entry" ("id" uuid not null, "price_list_id" uuid not null, "product_id" uuid not null, "list_price" numeric(14,2) not null, "floor_price" numeric(14,2) not null, "quantity_breaks" jsonb not null default '[]', "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "price_list_entry_pkey" primary key ("id"), constraint price_list_entry_prices_check check (floor_price >= 0 and floor_price <= list_price));`);
    this.addSql(`create index "price_list_entry_product_id_index" on "price_list_entry" ("product_id");`);
    this.addSql(`alter table "price_list_entry" add constraint "price_list_entry_list_product_unique" unique ("price_list_id", "product_id");`);

    this.addSql(`alter table "commission_tier" add constraint "commission_tier_plan_id_foreign" foreign key ("plan_id") references "commission_plan" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "product" add constraint "product_product_line_id_foreign" foreign key ("product_line_id") references "product_line" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "price_list" add constraint "price_list_region_id_foreign" foreign key ("region_id") references "org_unit" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "price_list_entry" add constraint "price_list_entry_price_list_id_foreign" foreign key ("price_list_id") references "price_list" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "price_list_entry" add constraint "price_list_entry_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "distributor" add column "contract_start" date null, add column "contract_end" date null, add column "credit_limit" numeric(14,2) not null default '0';`);
    this.addSql(`alter table "distributor" add constraint distributor_credit_check check(credit_limit >= 0);`);
    this.addSql(`alter table "distributor" add constraint distributor_contract_check check(contract_end is null or contract_start is null or contract_end >= contract_start);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "commission_tier" drop constraint "commission_tier_plan_id_foreign";`);

    this.addSql(`alter table "product" drop constraint "product_product_line_id_foreign";`);

    this.addSql(`alter table "price_list_entry" drop constraint "price_list_entry_product_id_foreign";`);

    this.addSql(`alter table "price_list_entry" drop constraint "price_list_entry_price_list_id_foreign";`);

    this.addSql(`drop table if exists "approval_limit" cascade;`);

    this.addSql(`drop table if exists "commission_plan" cascade;`);

    this.addSql(`drop table if exists "commission_tier" cascade;`);

    this.addSql(`drop table if exists "product_line" cascade;`);

    this.addSql(`drop table if exists "product" cascade;`);

    this.addSql(`drop table if exists "price_list" cascade;`);

    this.addSql(`drop table if exists "price_list_entry" cascade;`);

    this.addSql(`alter table "distributor" drop constraint distributor_credit_check;`);
    this.addSql(`alter table "distributor" drop constraint distributor_contract_check;`);
    this.addSql(`alter table "distributor" drop column "contract_start", drop column "contract_end", drop column "credit_limit";`);

    this.addSql(`drop type "product_status";`);
    this.addSql(`drop type "sales_channel";`);
  }

}
