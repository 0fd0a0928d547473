import { Migration } from '@mikro-orm/migrations';

/**
 * Targets decomposed, locked and adjusted (M2, M3, M5).
 *
 * - `sales_target_version`: every value a target has had, with who set it, when, why and, for a change after its
 *   period started, the adjustment that approved it. Version 1 is the value it was created with.
 * - `target_adjustment`: a request to change a locked target (its period has started), decided by the next level
 *   up. At most one request per target waits at a time (partial unique index), so two requests cannot both pass.
 * - Events through the outbox: `target.changed` when a target is created or changes (its value, its parent),
 *   `target.adjustmentRequested` when a change of a locked target is asked for (payload.approverId names whom it
 *   waits for). `domain_event.target_id` names the target, whose row scope decides who sees both.
 * - Personal sales plans (M4, M6): a person's plan for a period against their targets, with key customers, expected
 *   deals, dated actions and their managers' comments.
 */
export class Migration20261207100000_target_decomposition extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "target_adjustment_status" as enum ('PENDING', 'APPROVED', 'REFUSED');`);

    this.addSql(`create table "target_adjustment" (
      "id" uuid not null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "target_id" uuid not null,
      "requested_by_id" uuid not null,
      "approver_id" uuid null,
      "previous_value" numeric(14,2) not null,
      "new_value" numeric(14,2) not null,
      "reason" text not null,
      "status" "target_adjustment_status" not null default 'PENDING',
      "decided_by_id" uuid null,
      "decided_at" timestamptz null,
      "comment" text null,
      constraint "target_adjustment_pkey" primary key ("id"),
      constraint target_adjustment_value_check check (new_value >= 0)
    );`);
    this.addSql(`create unique index "target_adjustment_pending_unique" on "target_adjustment" ("target_id") where status = 'PENDING';`);
    this.addSql(`create index "target_adjustment_target_idx" on "target_adjustment" ("target_id", "created_at");`);
    this.addSql(`create index "target_adjustment_approver_status_idx" on "target_adjustment" ("approver_id", "status");`);
    this.addSql(`alter table "target_adjustment" add constraint "target_adjustment_target_id_foreign" foreign key ("target_id") references "sales_target" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "target_adjustment" add constraint "target_adjustment_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "target_adjustment" add constraint "target_adjustment_approver_id_foreign" foreign key ("approver_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "target_adjustment" add constraint "target_adjustment_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`create table "sales_target_version" (
      "id" uuid not null,
      "target_id" uuid not null,
      "version" int not null,
      "value" numeric(14,2) not null,
      "set_by_id" uuid not null,
      "set_at" timestamptz not null default now(),
      "reason" text null,
      "adjustment_id" uuid null,
      constraint "sales_target_version_pkey" primary key ("id")
    );`);
    this.addSql(`alter table "sales_target_version" add constraint "sales_target_version_unique" unique ("target_id", "version");`);
    this.addSql(`alter table "sales_target_version" add constraint "sales_target_version_target_id_foreign" foreign key ("target_id") references "sales_target" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sales_target_version" add constraint "sales_target_version_set_by_id_foreign" foreign key ("set_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sales_target_version" add constraint "sales_target_version_adjustment_id_foreign" foreign key ("adjustment_id") references "target_adjustment" ("id") on update cascade on delete restrict;`);

    // List order of `salesTargets`: by period, then id (keyset pages).
    this.addSql(`create index "sales_target_period_id_idx" on "sales_target" ("period_start", "id");`);

    this.addSql(`alter table "domain_event" add column "target_id" uuid null;`);
    this.addSql(`alter table "domain_event" add constraint "domain_event_target_id_foreign" foreign key ("target_id") references "sales_target" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "domain_event_target_stream_idx" on "domain_event" ("target_id", "transaction_id", "position");`);
    // The outbox writer with the target as the record whose scope decides who sees the event (an overload of the deals' one).
    this.addSql(`create or replace function salesgraph_record_event(kind text, aggregate text, aggregate_id uuid, aggregate_version int, opportunity_id uuid, payload jsonb, target_id uuid) returns void language plpgsql as $$
    begin
      insert into domain_event (type, aggregate_type, aggregate_id, aggregate_version, actor_id, opportunity_id, target_id, payload)
      values (kind, aggregate, aggregate_id, aggregate_version, salesgraph_actor(), opportunity_id, target_id, payload);
      perform pg_notify('salesgraph_events', '');
    end $$;`);
    this.addSql(`create or replace function salesgraph_target_event() returns trigger language plpgsql as $$
    declare
      changed jsonb := salesgraph_changed_fields(to_jsonb(new), case when tg_op = 'UPDATE' then to_jsonb(old) end);
    begin
      if tg_op = 'UPDATE' and changed = '{}'::jsonb then return null; end if;
      perform salesgraph_record_event('target.changed', 'SalesTarget', new.id, new.version, null, changed, new.id);
      return null;
    end $$;`);
    this.addSql(`create trigger sales_target_domain_event after insert or update on sales_target for each row execute function salesgraph_target_event();`);
    this.addSql(`create or replace function salesgraph_target_adjustment_event() returns trigger language plpgsql as $$
    begin
      perform salesgraph_record_event('target.adjustmentRequested', 'TargetAdjustment', new.id, new.version, null,
        salesgraph_changed_fields(to_jsonb(new), null), new.target_id);
      return null;
    end $$;`);
    this.addSql(`create trigger target_adjustment_domain_event after insert on target_adjustment for each row execute function salesgraph_target_adjustment_event();`);

    this.addSql(`create table "sales_plan" (
      "id" uuid not null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "user_id" uuid not null,
      "period_kind" "period_kind" not null,
      "period_start" date not null,
      "summary" text null,
      "created_by_id" uuid not null,
      constraint "sales_plan_pkey" primary key ("id")
    );`);
    this.addSql(`alter table "sales_plan" add constraint "sales_plan_user_period_unique" unique ("user_id", "period_kind", "period_start");`);
    this.addSql(`create index "sales_plan_period_id_idx" on "sales_plan" ("period_start", "id");`);
    this.addSql(`alter table "sales_plan" add constraint "sales_plan_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "sales_plan" add constraint "sales_plan_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`create table "sales_plan_customer" ("id" uuid not null, "plan_id" uuid not null, "customer_id" uuid not null, constraint "sales_plan_customer_pkey" primary key ("id"));`);
    this.addSql(`alter table "sales_plan_customer" add constraint "sales_plan_customer_unique" unique ("plan_id", "customer_id");`);
    this.addSql(`create index "sales_plan_customer_customer_id_index" on "sales_plan_customer" ("customer_id");`);
    this.addSql(`alter table "sales_plan_customer" add constraint "sales_plan_customer_plan_id_foreign" foreign key ("plan_id") references "sales_plan" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sales_plan_customer" add constraint "sales_plan_customer_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete restrict;`);

    this.addSql(`create table "sales_plan_deal" ("id" uuid not null, "plan_id" uuid not null, "opportunity_id" uuid not null, constraint "sales_plan_deal_pkey" primary key ("id"));`);
    this.addSql(`alter table "sales_plan_deal" add constraint "sales_plan_deal_unique" unique ("plan_id", "opportunity_id");`);
    this.addSql(`create index "sales_plan_deal_opportunity_id_index" on "sales_plan_deal" ("opportunity_id");`);
    this.addSql(`alter table "sales_plan_deal" add constraint "sales_plan_deal_plan_id_foreign" foreign key ("plan_id") references "sales_plan" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sales_plan_deal" add constraint "sales_plan_deal_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on update cascade on delete restrict;`);

    this.addSql(`create table "sales_plan_action" (
      "id" uuid not null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "plan_id" uuid not null,
      "title" varchar(200) not null,
      "due_on" date not null,
      "done_at" timestamptz null,
      "done_by_id" uuid null,
      constraint "sales_plan_action_pkey" primary key ("id")
    );`);
    this.addSql(`create index "sales_plan_action_plan_due_idx" on "sales_plan_action" ("plan_id", "due_on");`);
    this.addSql(`alter table "sales_plan_action" add constraint "sales_plan_action_plan_id_foreign" foreign key ("plan_id") references "sales_plan" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sales_plan_action" add constraint "sales_plan_action_done_by_id_foreign" foreign key ("done_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`create table "sales_plan_comment" ("id" uuid not null, "plan_id" uuid not null, "author_id" uuid not null, "body" text not null, "created_at" timestamptz not null default now(), constraint "sales_plan_comment_pkey" primary key ("id"));`);
    this.addSql(`create index "sales_plan_comment_plan_idx" on "sales_plan_comment" ("plan_id", "created_at");`);
    this.addSql(`alter table "sales_plan_comment" add constraint "sales_plan_comment_plan_id_foreign" foreign key ("plan_id") references "sales_plan" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sales_plan_comment" add constraint "sales_plan_comment_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    for (const table of ['sales_plan_comment', 'sales_plan_action', 'sales_plan_deal', 'sales_plan_customer', 'sales_plan']) this.addSql(`drop table if exists "${table}" cascade;`);
    this.addSql(`drop trigger if exists target_adjustment_domain_event on target_adjustment;`);
    this.addSql(`drop trigger if exists sales_target_domain_event on sales_target;`);
    this.addSql(`drop function if exists salesgraph_target_adjustment_event(), salesgraph_target_event(), salesgraph_record_event(text, text, uuid, int, uuid, jsonb, uuid);`);
    this.addSql(`alter table "domain_event" drop column if exists "target_id";`);
    this.addSql(`drop index if exists "sales_target_period_id_idx";`);
    this.addSql(`drop table if exists "sales_target_version" cascade;`);
    this.addSql(`drop table if exists "target_adjustment" cascade;`);
    this.addSql(`drop type if exists "target_adjustment_status";`);
  }
}
