import { Migration } from '@mikro-orm/migrations';

/**
 * Appraisals (绩效考核, N8/N9) and improvement plans (N11).
 *
 * - `scorecard` / `scorecard_indicator`: per role, weighted indicators with a cap; master data of the admin. An active
 *   scorecard's weights add up to 100: a deferred constraint trigger checks every scorecard a transaction touched at
 *   commit, so the admin (one row per save) creates a scorecard inactive, adds its lines, then activates it.
 * - `appraisal` / `appraisal_line`: one per person and period, computed from `sales_performance_fact` and
 *   `sales_target`. An ARCHIVED appraisal and its lines are unchangeable: triggers refuse every update and delete,
 *   whoever writes (the API checks first; this holds for the admin, scripts and psql too).
 * - `improvement_plan` / `improvement_action`: at most one open plan per person.
 * - `appraisal.finalized` is written to the outbox when an appraisal is archived, in the same transaction.
 */
export class Migration20261207120000_appraisals extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "appraisal_indicator" as enum ('BOOKED_SALES_ACHIEVEMENT', 'COLLECTIONS_ACHIEVEMENT', 'NEW_CUSTOMERS_ACHIEVEMENT', 'VISITS_ACHIEVEMENT');`);
    this.addSql(`create type "appraisal_status" as enum ('DRAFT', 'REVIEWED', 'ARCHIVED');`);
    this.addSql(`create type "appraisal_recommendation" as enum ('NONE', 'REWARD', 'PROMOTION', 'TRAINING', 'IMPROVEMENT_PLAN', 'ROLE_CHANGE');`);
    this.addSql(`create type "improvement_plan_status" as enum ('OPEN', 'CLOSED');`);
    this.addSql(`create type "improvement_outcome" as enum ('IMPROVED', 'NOT_IMPROVED', 'ROLE_CHANGE');`);

    this.addSql(`create table "scorecard" (
      "id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(),
      "name" varchar(200) not null, "role" text check ("role" in ('SALES_REP', 'KEY_ACCOUNT_MANAGER', 'TEAM_MANAGER', 'REGIONAL_DIRECTOR')) not null, "valid_from" date not null, "valid_to" date null,
      "active" boolean not null default false, "main_metric" "target_metric" not null default 'BOOKED_SALES',
      "miss_threshold_percent" numeric(6,2) not null default '100', "miss_periods" smallint not null default 3,
      constraint "scorecard_pkey" primary key ("id"),
      constraint scorecard_dates_check check (valid_to is null or valid_to >= valid_from),
      constraint scorecard_miss_check check (miss_periods >= 1 and miss_periods <= 12 and miss_threshold_percent > 0)
    );`);
    this.addSql(`create table "scorecard_indicator" (
      "id" uuid not null, "scorecard_id" uuid not null, "indicator" "appraisal_indicator" not null,
      "weight" numeric(5,2) not null, "cap_percent" numeric(6,2) not null default '120', "position" smallint not null default 0,
      "created_at" timestamptz not null default now(),
      constraint "scorecard_indicator_pkey" primary key ("id"),
      constraint scorecard_indicator_values_check check (weight > 0 and weight <= 100 and cap_percent > 0)
    );`);
    this.addSql(`alter table "scorecard_indicator" add constraint "scorecard_indicator_unique" unique ("scorecard_id", "indicator");`);
    this.addSql(`alter table "scorecard_indicator" add constraint "scorecard_indicator_scorecard_id_foreign" foreign key ("scorecard_id") references "scorecard" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "appraisal" (
      "id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(),
      "user_id" uuid not null, "org_unit_id" uuid null, "scorecard_id" uuid not null,
      "period_kind" "period_kind" not null, "period_start" date not null, "period_end" date not null,
      "status" "appraisal_status" not null default 'DRAFT', "total_score" numeric(7,2) null, "grade" text null,
      "recommendation" "appraisal_recommendation" null, "review_comment" text null, "reviewed_by_id" uuid null, "reviewed_at" timestamptz null,
      "return_comment" text null, "confirmed_by_id" uuid null, "confirmed_at" timestamptz null, "computed_at" timestamptz not null default now(),
      constraint "appraisal_pkey" primary key ("id"),
      constraint appraisal_period_check check (period_end >= period_start)
    );`);
    this.addSql(`alter table "appraisal" add constraint "appraisal_person_period_unique" unique ("user_id", "period_kind", "period_start");`);
    this.addSql(`create index "appraisal_period_idx" on "appraisal" ("period_kind", "period_start");`);
    this.addSql(`create index "appraisal_org_unit_id_index" on "appraisal" ("org_unit_id");`);
    this.addSql(`create index "appraisal_scorecard_id_index" on "appraisal" ("scorecard_id");`);
    for (const [column, table] of [['user_id', 'app_user'], ['org_unit_id', 'org_unit'], ['scorecard_id', 'scorecard'], ['reviewed_by_id', 'app_user'], ['confirmed_by_id', 'app_user']]) {
      this.addSql(`alter table "appraisal" add constraint "appraisal_${column}_foreign" foreign key ("${column}") references "${table}" ("id") on update cascade on delete restrict;`);
    }

    this.addSql(`create table "appraisal_line" (
      "id" uuid not null, "appraisal_id" uuid not null, "user_id" uuid not null, "indicator" "appraisal_indicator" not null,
      "position" smallint not null, "weight" numeric(5,2) not null, "cap_percent" numeric(6,2) not null,
      "target" numeric(16,2) null, "actual" numeric(16,2) not null, "rate_percent" numeric(9,2) null,
      "computed_score" numeric(7,2) null, "adjusted_score" numeric(7,2) null, "adjustment_reason" text null,
      constraint "appraisal_line_pkey" primary key ("id"),
      constraint appraisal_line_adjustment_check check ((adjusted_score is null) = (adjustment_reason is null))
    );`);
    this.addSql(`alter table "appraisal_line" add constraint "appraisal_line_indicator_unique" unique ("appraisal_id", "indicator");`);
    this.addSql(`create index "appraisal_line_user_id_index" on "appraisal_line" ("user_id");`);
    this.addSql(`alter table "appraisal_line" add constraint "appraisal_line_appraisal_id_foreign" foreign key ("appraisal_id") references "appraisal" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "appraisal_line" add constraint "appraisal_line_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`create table "improvement_plan" (
      "id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(),
      "user_id" uuid not null, "opened_by_id" uuid not null, "opened_on" date not null,
      "missed_period_kind" "period_kind" null, "missed_until" date null, "reason" text not null, "goal" text not null,
      "status" "improvement_plan_status" not null default 'OPEN', "outcome" "improvement_outcome" null, "closing_comment" text null,
      "closed_by_id" uuid null, "closed_at" timestamptz null,
      constraint "improvement_plan_pkey" primary key ("id")
    );`);
    this.addSql(`create unique index "improvement_plan_one_open" on "improvement_plan" ("user_id") where status = 'OPEN';`);
    this.addSql(`create index "improvement_plan_user_idx" on "improvement_plan" ("user_id", "opened_on");`);
    for (const column of ['user_id', 'opened_by_id', 'closed_by_id']) {
      this.addSql(`alter table "improvement_plan" add constraint "improvement_plan_${column}_foreign" foreign key ("${column}") references "app_user" ("id") on update cascade on delete restrict;`);
    }
    this.addSql(`create table "improvement_action" (
      "id" uuid not null, "plan_id" uuid not null, "position" smallint not null, "description" text not null, "due_on" date not null,
      "done_on" date null, "result" text null, "created_at" timestamptz not null default now(),
      constraint "improvement_action_pkey" primary key ("id")
    );`);
    this.addSql(`create index "improvement_action_plan_id_index" on "improvement_action" ("plan_id");`);
    this.addSql(`alter table "improvement_action" add constraint "improvement_action_plan_id_foreign" foreign key ("plan_id") references "improvement_plan" ("id") on update cascade on delete cascade;`);

    // An active scorecard's weights add up to 100, checked at commit for every scorecard the transaction touched.
    this.addSql(`create or replace function salesgraph_scorecard_weights_check() returns trigger language plpgsql as $$
    declare
      card uuid;
      total numeric;
    begin
      if tg_table_name = 'scorecard' then
        card := new.id;
      elsif tg_op = 'DELETE' then
        card := old.scorecard_id;
      else
        card := new.scorecard_id;
      end if;
      if not exists (select 1 from scorecard s where s.id = card and s.active) then return null; end if;
      select coalesce(sum(weight), 0) into total from scorecard_indicator where scorecard_id = card;
      if total <> 100 then
        raise exception 'the weights of active scorecard % add up to %, not 100', card, total using errcode = 'check_violation', constraint = 'scorecard_weights_check';
      end if;
      return null;
    end $$;`);
    this.addSql(`create constraint trigger scorecard_weights_check after insert or update on scorecard deferrable initially deferred for each row execute function salesgraph_scorecard_weights_check();`);
    this.addSql(`create constraint trigger scorecard_indicator_weights_check after insert or update or delete on scorecard_indicator deferrable initially deferred for each row execute function salesgraph_scorecard_weights_check();`);

    // The archive is unchangeable: no update or delete of an archived appraisal, nor of its lines.
    this.addSql(`create or replace function salesgraph_appraisal_archived_guard() returns trigger language plpgsql as $$
    begin
      if old.status = 'ARCHIVED' then
        raise exception 'appraisal % is archived and cannot change', old.id using errcode = 'check_violation', constraint = 'appraisal_archived_check';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$;`);
    this.addSql(`create trigger appraisal_archived_guard before update or delete on appraisal for each row execute function salesgraph_appraisal_archived_guard();`);
    this.addSql(`create or replace function salesgraph_appraisal_line_archived_guard() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from appraisal a where a.id = coalesce(new.appraisal_id, old.appraisal_id) and a.status = 'ARCHIVED')
         or (tg_op = 'UPDATE' and exists (select 1 from appraisal a where a.id = old.appraisal_id and a.status = 'ARCHIVED')) then
        raise exception 'the lines of archived appraisal % cannot change', coalesce(new.appraisal_id, old.appraisal_id) using errcode = 'check_violation', constraint = 'appraisal_archived_check';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$;`);
    this.addSql(`create trigger appraisal_line_archived_guard before insert or update or delete on appraisal_line for each row execute function salesgraph_appraisal_line_archived_guard();`);

    // The grade bands of a total score (see Appraisal.grade).
    this.addSql(`create or replace function salesgraph_appraisal_grade(total numeric) returns text language sql immutable as $$
      select case when total is null then null when total >= 100 then 'A' when total >= 85 then 'B' when total >= 70 then 'C' else 'D' end
    $$;`);

    // appraisal.finalized: archived, with the figures of the archive. Its row scope is the appraisal's (domain_event.appraisal_id).
    this.addSql(`alter table "domain_event" add column "appraisal_id" uuid null;`);
    this.addSql(`alter table "domain_event" add constraint "domain_event_appraisal_id_foreign" foreign key ("appraisal_id") references "appraisal" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "domain_event_appraisal_stream_idx" on "domain_event" ("appraisal_id", "transaction_id", "position");`);
    this.addSql(`create or replace function salesgraph_record_appraisal_event(kind text, aggregate text, aggregate_id uuid, aggregate_version int, appraisal_id uuid, payload jsonb) returns void language plpgsql as $$
    begin
      insert into domain_event (type, aggregate_type, aggregate_id, aggregate_version, actor_id, appraisal_id, payload)
      values (kind, aggregate, aggregate_id, aggregate_version, salesgraph_actor(), appraisal_id, payload);
      perform pg_notify('salesgraph_events', '');
    end $$;`);
    this.addSql(`create or replace function salesgraph_appraisal_event() returns trigger language plpgsql as $$
    begin
      if new.status is not distinct from old.status or new.status <> 'ARCHIVED' then return null; end if;
      perform salesgraph_record_appraisal_event('appraisal.finalized', 'Appraisal', new.id, new.version, new.id,
        jsonb_build_object('userId', new.user_id, 'periodKind', new.period_kind, 'periodStart', new.period_start, 'status', new.status,
                           'totalScore', new.total_score::text, 'grade', new.grade, 'recommendation', new.recommendation,
                           'confirmedById', new.confirmed_by_id));
      return null;
    end $$;`);
    this.addSql(`create trigger appraisal_domain_event after update on appraisal for each row execute function salesgraph_appraisal_event();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists appraisal_domain_event on appraisal;`);
    this.addSql(`alter table "domain_event" drop column if exists "appraisal_id";`);
    this.addSql(`drop table if exists "improvement_action", "improvement_plan", "appraisal_line", "appraisal", "scorecard_indicator", "scorecard" cascade;`);
    this.addSql(`drop function if exists salesgraph_appraisal_event(), salesgraph_record_appraisal_event(text, text, uuid, int, uuid, jsonb), salesgraph_appraisal_grade(numeric), salesgraph_appraisal_line_archived_guard(), salesgraph_appraisal_archived_guard(), salesgraph_scorecard_weights_check();`);
    this.addSql(`drop type if exists "improvement_outcome", "improvement_plan_status", "appraisal_recommendation", "appraisal_status", "appraisal_indicator";`);
  }
}
