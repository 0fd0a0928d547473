import { Migration } from '@mikro-orm/migrations';

/** The org hierarchy, users, API keys and distributors. */
export class Migration20261123200407_org extends Migration {

  override async up(): Promise<void> {
    // Trigram indexes back the substring search on names.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create type "distributor_status" as enum ('ACTIVE', 'SUSPENDED', 'TERMINATED');`);
    this.addSql(`create type "user_role" as enum ('ADMIN', 'SALES_VP', 'REGIONAL_DIRECTOR', 'TEAM_MANAGER', 'SALES_REP', 'KEY_ACCOUNT_MANAGER', 'CUSTOMER_SERVICE', 'TECH_SUPPORT', 'FINANCE', 'PARTNER', 'INTEGRATION');`);
    this.addSql(`create type "user_status" as enum ('ACTIVE', 'INACTIVE');`);
    this.addSql(`create type "org_unit_kind" as enum ('COMPANY', 'REGION', 'TEAM');`);
    this.addSql(`create table "distributor" ("id" uuid not null, "code" text not null, "name" varchar(200) not null, "english_name" text null, "status" "distributor_status" not null default 'ACTIVE', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "distributor_pkey" primary key ("id"));`);
    this.addSql(`alter table "distributor" add constraint "distributor_code_unique" unique ("code");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "name" varchar(200) not null, "english_name" text null, "email" text not null, "phone" text null, "unit_id" uuid null, "role" "user_role" not null, "manager_id" uuid null, "distributor_id" uuid null, "hire_date" date null, "status" "user_status" not null default 'ACTIVE', "password_hash" text null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
    this.addSql(`create index "app_user_phone_index" on "app_user" ("phone");`);
    this.addSql(`create index "app_user_unit_id_index" on "app_user" ("unit_id");`);
    this.addSql(`create index "app_user_role_index" on "app_user" ("role");`);
    this.addSql(`create index "app_user_manager_id_index" on "app_user" ("manager_id");`);
    this.addSql(`create index "app_user_distributor_id_index" on "app_user" ("distributor_id");`);
    this.addSql(`create index "app_user_search_trgm_idx" on "app_user" using gin ((name || ' ' || coalesce(english_name, '')) gin_trgm_ops);`);
    this.addSql(`create index "app_user_name_id_idx" on "app_user" ("name", "id");`);

    this.addSql(`create table "org_unit" ("id" uuid not null, "name" varchar(200) not null, "english_name" text null, "kind" "org_unit_kind" not null, "parent_id" uuid null, "path" text not null, "depth" smallint not null, "head_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "org_unit_pkey" primary key ("id"));`);
    this.addSql(`create index "org_unit_parent_id_index" on "org_unit" ("parent_id");`);
    this.addSql(`alter table "org_unit" add constraint "org_unit_path_unique" unique ("path");`);
    this.addSql(`create index "org_unit_head_id_index" on "org_unit" ("head_id");`);
    this.addSql(`create index "org_unit_path_prefix_idx" on "org_unit" ("path" text_pattern_ops);`);

    this.addSql(`create table "distributor_region" ("distributor_id" uuid not null, "region_id" uuid not null, constraint "distributor_region_pkey" primary key ("distributor_id", "region_id"));`);

    this.addSql(`create table "api_key" ("id" uuid not null, "name" varchar(200) not null, "prefix" text not null, "secret_hash" text not null, "scopes" text[] not null, "user_id" uuid not null, "created_by_id" uuid null, "created_at" timestamptz not null default now(), "expires_at" timestamptz null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_key_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);
    this.addSql(`create index "api_key_user_id_index" on "api_key" ("user_id");`);

    this.addSql(`alter table "app_user" add constraint "app_user_unit_id_foreign" foreign key ("unit_id") references "org_unit" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "app_user" add constraint "app_user_manager_id_foreign" foreign key ("manager_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "app_user" add constraint "app_user_distributor_id_foreign" foreign key ("distributor_id") references "distributor" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "org_unit" add constraint "org_unit_parent_id_foreign" foreign key ("parent_id") references "org_unit" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "org_unit" add constraint "org_unit_head_id_foreign" foreign key ("head_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "distributor_region" add constraint "distributor_region_distributor_id_foreign" foreign key ("distributor_id") references "distributor" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "distributor_region" add constraint "distributor_region_region_id_foreign" foreign key ("region_id") references "org_unit" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "api_key" add constraint "api_key_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "api_key" add constraint "api_key_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop constraint "app_user_distributor_id_foreign";`);

    this.addSql(`alter table "distributor_region" drop constraint "distributor_region_distributor_id_foreign";`);

    this.addSql(`alter table "app_user" drop constraint "app_user_manager_id_foreign";`);

    this.addSql(`alter table "org_unit" drop constraint "org_unit_head_id_foreign";`);

    this.addSql(`alter table "api_key" drop constraint "api_key_user_id_foreign";`);

    this.addSql(`alter table "api_key" drop constraint "api_key_created_by_id_foreign";`);

    this.addSql(`alter table "app_user" drop constraint "app_user_unit_id_foreign";`);

    this.addSql(`alter table "org_unit" drop constraint "org_unit_parent_id_foreign";`);

    this.addSql(`alter table "distributor_region" drop constraint "distributor_region_region_id_foreign";`);

    this.addSql(`drop table if exists "distributor" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "org_unit" cascade;`);

    this.addSql(`drop table if exists "distributor_region" cascade;`);

    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop type "distributor_status";`);
    this.addSql(`drop type "user_role";`);
    this.addSql(`drop type "user_status";`);
    this.addSql(`drop type "org_unit_kind";`);
  }

}
