import { Migration } from '@mikro-orm/migrations';

/** Webhook endpoints, their deliveries and attempts, and the fan-out position (starting at the current end of the stream). */
export class Migration20261123233742_webhooks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "webhook_status" as enum ('ACTIVE', 'FAILING');`);
    this.addSql(`create type "webhook_delivery_status" as enum ('PENDING', 'DELIVERING', 'SUCCEEDED', 'FAILED');`);
    this.addSql(`create table "webhook_endpoint" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "owner_id" uuid not null, "url" text not null, "event_types" text[] not null default '{}', "secret" text not null, "status" "webhook_status" not null default 'ACTIVE', "consecutive_failures" int not null default 0, constraint "webhook_endpoint_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_endpoint_owner_id_index" on "webhook_endpoint" ("owner_id");`);

    this.addSql(`create table "webhook_delivery" ("id" uuid not null, "endpoint_id" uuid not null, "event_id" uuid not null, "status" "webhook_delivery_status" not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "locked_until" timestamptz null, "last_status_code" int null, "last_error" text null, "delivered_at" timestamptz null, "created_at" timestamptz not null default now(), constraint "webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_endpoint_idx" on "webhook_delivery" ("endpoint_id", "created_at");`);
    this.addSql(`create index "webhook_delivery_due_idx" on "webhook_delivery" ("status", "next_attempt_at");`);

    this.addSql(`create table "webhook_attempt" ("id" uuid not null, "delivery_id" uuid not null, "attempted_at" timestamptz not null default now(), "status_code" int null, "error" text null, "latency_ms" int not null, constraint "webhook_attempt_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_attempt_delivery_idx" on "webhook_attempt" ("delivery_id", "attempted_at");`);

    this.addSql(`create table "webhook_fanout" ("id" smallint not null, "last_position" bigint not null, constraint "webhook_fanout_pkey" primary key ("id"));`);

    this.addSql(`alter table "webhook_endpoint" add constraint "webhook_endpoint_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "webhook_attempt" add constraint "webhook_attempt_delivery_id_foreign" foreign key ("delivery_id") references "webhook_delivery" ("id") on update cascade on delete cascade;`);
    this.addSql(`insert into "webhook_fanout" ("id", "last_position") select 1, coalesce(max("position"), 0) from "domain_event";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_endpoint_id_foreign";`);

    this.addSql(`alter table "webhook_attempt" drop constraint "webhook_attempt_delivery_id_foreign";`);

    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);

    this.addSql(`drop table if exists "webhook_delivery" cascade;`);

    this.addSql(`drop table if exists "webhook_attempt" cascade;`);

    this.addSql(`drop table if exists "webhook_fanout" cascade;`);

    this.addSql(`drop type "webhook_status";`);
    this.addSql(`drop type "webhook_delivery_status";`);
  }

}
