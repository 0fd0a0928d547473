import { Migration } from '@mikro-orm/migrations';

/**
 * Commissions (提成): what a plan pays on, to whom, its cap and team award; the statement per rep and month with its
 * lines; revisions; and the `commission.finalized` / `commission.revised` events.
 *
 * A statement's total is the sum of its counted lines (order lines or payment allocations at their tier's rate, the
 * cap, the team award); tier totals are summaries and do not count. A deferred constraint trigger checks it at
 * commit, whoever writes (API, admin, SQL). One DRAFT per rep and month; statements past DRAFT are never rewritten:
 * a re-run adds a revision carrying the difference.
 */
export class Migration20261207130000_commissions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "commission_plan"
      add column "basis_metric" text not null default 'BOOKED_SALES',
      add column "applies_to_roles" jsonb not null default '[]',
      add column "cap_amount" numeric(14,2) null,
      add column "cap_percent_of_target" numeric(6,2) null,
      add column "team_award_kind" text null,
      add column "team_award_value" numeric(14,3) null,
      add column "team_award_split" text not null default 'BY_SHARE',
      add constraint "commission_plan_basis_check" check (basis_metric in ('BOOKED_SALES', 'COLLECTIONS')),
      add constraint "commission_plan_roles_check" check (jsonb_typeof(applies_to_roles) = 'array'),
      add constraint "commission_plan_cap_check" check ((cap_amount is null or cap_amount >= 0) and (cap_percent_of_target is null or cap_percent_of_target >= 0)),
      add constraint "commission_plan_team_award_kind_check" check (team_award_kind in ('AMOUNT', 'RATE')),
      add constraint "commission_plan_team_award_check" check ((team_award_kind is null) = (team_award_value is null) and (team_award_value is null or team_award_value >= 0)),
      add constraint "commission_plan_team_split_check" check (team_award_split in ('BY_SHARE', 'EQUAL'));`);
    // The plans that exist paid the sales line before plans named their people.
    this.addSql(`update "commission_plan" set "applies_to_roles" = '["SALES_REP", "KEY_ACCOUNT_MANAGER"]';`);

    this.addSql(`create table "commission_plan_assignee" (
      "id" uuid not null,
      "plan_id" uuid not null,
      "user_id" uuid not null,
      "created_at" timestamptz not null default now(),
      constraint "commission_plan_assignee_pkey" primary key ("id"));`);
    this.addSql(`create unique index "commission_plan_assignee_unique" on "commission_plan_assignee" ("plan_id", "user_id");`);
    this.addSql(`create index "commission_plan_assignee_user_idx" on "commission_plan_assignee" ("user_id");`);
    this.addSql(`alter table "commission_plan_assignee" add constraint "commission_plan_assignee_plan_id_foreign" foreign key ("plan_id") references "commission_plan" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "commission_plan_assignee" add constraint "commission_plan_assignee_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "commission_statement" (
      "id" uuid not null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "user_id" uuid not null,
      "org_unit_id" uuid null,
      "plan_id" uuid not null,
      "period_start" date not null,
      "revision" int not null default 1,
      "revises_id" uuid null,
      "status" text not null default 'DRAFT',
      "basis_metric" text not null,
      "target_value" numeric(16,2) not null,
      "actual_value" numeric(16,2) not null,
      "achievement_percent" numeric(10,2) not null,
      "total_commission" numeric(14,2) not null,
      "approved_by_id" uuid null,
      "approved_at" timestamptz null,
      "finalized_by_id" uuid null,
      "finalized_at" timestamptz null,
      "paid_by_id" uuid null,
      "paid_on" date null,
      "payment_reference" text null,
      constraint "commission_statement_pkey" primary key ("id"),
      constraint "commission_statement_status_check" check (status in ('DRAFT', 'APPROVED', 'FINALIZED', 'PAID')),
      constraint "commission_statement_basis_metric_check" check (basis_metric in ('BOOKED_SALES', 'COLLECTIONS')),
      constraint "commission_statement_period_check" check (extract(day from period_start) = 1),
      constraint "commission_statement_revision_check" check ((revision = 1) = (revises_id is null)),
      constraint "commission_statement_paid_check" check ((status = 'PAID') = (paid_on is not null)));`);
    this.addSql(`create unique index "commission_statement_revision_unique" on "commission_statement" ("user_id", "period_start", "revision");`);
    this.addSql(`create unique index "commission_statement_one_draft" on "commission_statement" ("user_id", "period_start") where status = 'DRAFT';`);
    this.addSql(`create index "commission_statement_period_idx" on "commission_statement" ("period_start", "user_id");`);
    this.addSql(`alter table "commission_statement" add constraint "commission_statement_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "commission_statement" add constraint "commission_statement_org_unit_id_foreign" foreign key ("org_unit_id") references "org_unit" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "commission_statement" add constraint "commission_statement_plan_id_foreign" foreign key ("plan_id") references "commission_plan" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "commission_statement" add constraint "commission_statement_revises_id_foreign" foreign key ("revises_id") references "commission_statement" ("id") on update cascade on delete restrict;`);
    for (const column of ['approved_by_id', 'finalized_by_id', 'paid_by_id']) {
      this.addSql(`alter table "commission_statement" add constraint "commission_statement_${column}_foreign" foreign key ("${column}") references "app_user" ("id") on update cascade on delete restrict;`);
    }

    this.addSql(`create table "commission_statement_line" (
      "id" uuid not null,
      "statement_id" uuid not null,
      "user_id" uuid not null,
      "position" int not null,
      "kind" text not null,
      "source_kind" text null,
      "source_id" uuid null,
      "document_id" uuid null,
      "occurred_on" date null,
      "tier_id" uuid null,
      "achievement_from" numeric(6,2) null,
      "achievement_to" numeric(6,2) null,
      "rate_percent" numeric(6,3) null,
      "accelerator" boolean not null default false,
      "amount" numeric(16,2) not null,
      "commission" numeric(14,2) not null,
      constraint "commission_statement_line_pkey" primary key ("id"),
      constraint "commission_statement_line_kind_check" check (kind in ('SOURCE', 'TIER_TOTAL', 'CAP', 'TEAM_AWARD')));`);
    this.addSql(`create index "commission_statement_line_statement_idx" on "commission_statement_line" ("statement_id", "position");`);
    this.addSql(`alter table "commission_statement_line" add constraint "commission_statement_line_statement_id_foreign" foreign key ("statement_id") references "commission_statement" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "commission_statement_line" add constraint "commission_statement_line_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "commission_statement_line" add constraint "commission_statement_line_tier_id_foreign" foreign key ("tier_id") references "commission_tier" ("id") on update cascade on delete set null;`);

    // Sum of counted lines = total, checked at commit (lines and header are written by separate statements).
    this.addSql(`create or replace function salesgraph_commission_total_check() returns trigger language plpgsql as $$
    declare
      changed jsonb := case when tg_op = 'DELETE' then to_jsonb(old) else to_jsonb(new) end;
      statement uuid := ((case when tg_table_name = 'commission_statement' then changed->>'id' else changed->>'statement_id' end))::uuid;
      total numeric;
      counted numeric;
    begin
      select s.total_commission into total from commission_statement s where s.id = statement;
      if total is null then return null; end if;
      select coalesce(sum(l.commission), 0) into counted from commission_statement_line l where l.statement_id = statement and l.kind <> 'TIER_TOTAL';
      if counted <> total then
        raise exception 'commission statement % totals % but its lines sum to %', statement, total, counted using errcode = '23514';
      end if;
      return null;
    end $$;`);
    this.addSql(`create constraint trigger commission_statement_total_check after insert or update on commission_statement deferrable initially deferred for each row execute function salesgraph_commission_total_check();`);
    this.addSql(`create constraint trigger commission_statement_line_total_check after insert or update or delete on commission_statement_line deferrable initially deferred for each row execute function salesgraph_commission_total_check();`);

    // Events: finalizing the first statement of a rep and month is commission.finalized, finalizing a revision is
    // commission.revised (the revision carries the difference; payload.revisesId names what it revises).
    this.addSql(`alter table "domain_event" add column "commission_statement_id" uuid null;`);
    this.addSql(`alter table "domain_event" add constraint "domain_event_commission_statement_id_foreign" foreign key ("commission_statement_id") references "commission_statement" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "domain_event_commission_statement_stream_idx" on "domain_event" ("commission_statement_id", "transaction_id", "position");`);
    this.addSql(`create or replace function salesgraph_record_commission_event(kind text, aggregate text, aggregate_id uuid, aggregate_version int, statement_id uuid, payload jsonb) returns void language plpgsql as $$
    begin
      insert into domain_event (type, aggregate_type, aggregate_id, aggregate_version, actor_id, commission_statement_id, payload)
      values (kind, aggregate, aggregate_id, aggregate_version, salesgraph_actor(), statement_id, payload);
      perform pg_notify('salesgraph_events', '');
    end $$;`);
    this.addSql(`create or replace function salesgraph_commission_event() returns trigger language plpgsql as $$
    declare
      kind text;
    begin
      if new.status is not distinct from old.status or new.status <> 'FINALIZED' then return null; end if;
      kind := case when new.revision = 1 then 'commission.finalized' else 'commission.revised' end;
      perform salesgraph_record_commission_event(kind, 'CommissionStatement', new.id, new.version, new.id, jsonb_build_object(
        'userId', new.user_id, 'periodStart', new.period_start, 'revision', new.revision, 'revisesId', new.revises_id,
        'status', new.status, 'previousStatus', old.status, 'totalCommission', new.total_commission::text,
        'finalizedById', new.finalized_by_id, 'finalizedAt', new.finalized_at));
      return null;
    end $$;`);
    this.addSql(`create trigger commission_statement_domain_event after update on commission_statement for each row execute function salesgraph_commission_event();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists commission_statement_domain_event on commission_statement;`);
    this.addSql(`drop function if exists salesgraph_commission_event(), salesgraph_record_commission_event(text, text, uuid, int, uuid, jsonb);`);
    this.addSql(`alter table "domain_event" drop column if exists "commission_statement_id";`);
    this.addSql(`drop table if exists "commission_statement_line" cascade;`);
    this.addSql(`drop table if exists "commission_statement" cascade;`);
    this.addSql(`drop function if exists salesgraph_commission_total_check();`);
    this.addSql(`drop table if exists "commission_plan_assignee" cascade;`);
    this.addSql(`alter table "commission_plan" drop constraint if exists "commission_plan_basis_check", drop constraint if exists "commission_plan_roles_check", drop constraint if exists "commission_plan_cap_check", drop constraint if exists "commission_plan_team_award_check", drop constraint if exists "commission_plan_team_award_kind_check", drop constraint if exists "commission_plan_team_split_check";`);
    this.addSql(`alter table "commission_plan" drop column "basis_metric", drop column "applies_to_roles", drop column "cap_amount", drop column "cap_percent_of_target", drop column "team_award_kind", drop column "team_award_value", drop column "team_award_split";`);
  }
}
