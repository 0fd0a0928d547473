import { Migration } from '@mikro-orm/migrations';

/**
 * Rolling forecasts (R6) and the funnel's history of expected close dates (R4).
 *
 * - `forecast_submission`: a person's forecast made in one month (`period_month`, its first day), one per person and
 *   month; resubmitting in the same month replaces its lines (version + 1). Once the month is over it is frozen: the
 *   submissions of a month are that month's snapshot.
 * - `forecast_line`: the figures of a submission for one month of its horizon (the submission month and up to five
 *   after): COMMIT ≤ BEST_CASE; PIPELINE is the probability-weighted pipeline and is not ordered against them.
 * - `forecast_adjustment`: a head of unit's override of the unit's roll-up for one month, made in one month, beside the
 *   roll-up as submitted at that moment, with who and why.
 * - `opportunity_close_date_change`: every move of an open deal's expected close date, written by a trigger so that
 *   every writer (API, admin, seeds, bulk SQL) records it; the funnel counts the moves to a later date as slips.
 */
export class Migration20261212100000_forecasts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "forecast_submission" (
      "id" uuid not null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "user_id" uuid not null,
      "period_month" date not null,
      "submitted_at" timestamptz not null default now(),
      "note" text null,
      constraint "forecast_submission_pkey" primary key ("id"),
      constraint "forecast_submission_user_period_unique" unique ("user_id", "period_month"),
      constraint forecast_submission_month_check check (extract(day from period_month) = 1)
    );`);
    this.addSql(`alter table "forecast_submission" add constraint "forecast_submission_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`create index "forecast_submission_period_idx" on "forecast_submission" ("period_month", "user_id");`);

    this.addSql(`create table "forecast_line" (
      "id" uuid not null,
      "submission_id" uuid not null,
      "month" date not null,
      "commit" numeric(14,2) not null,
      "best_case" numeric(14,2) not null,
      "pipeline" numeric(14,2) not null,
      "proposed_commit" numeric(14,2) null,
      "proposed_best_case" numeric(14,2) null,
      "proposed_pipeline" numeric(14,2) null,
      constraint "forecast_line_pkey" primary key ("id"),
      constraint "forecast_line_submission_month_unique" unique ("submission_id", "month"),
      constraint forecast_line_month_check check (extract(day from month) = 1),
      constraint forecast_line_amounts_check check (commit >= 0 and best_case >= commit and pipeline >= 0)
    );`);
    this.addSql(`alter table "forecast_line" add constraint "forecast_line_submission_id_foreign" foreign key ("submission_id") references "forecast_submission" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "forecast_adjustment" (
      "id" uuid not null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "org_unit_id" uuid not null,
      "period_month" date not null,
      "month" date not null,
      "commit" numeric(14,2) not null,
      "best_case" numeric(14,2) not null,
      "pipeline" numeric(14,2) not null,
      "submitted_commit" numeric(14,2) not null,
      "submitted_best_case" numeric(14,2) not null,
      "submitted_pipeline" numeric(14,2) not null,
      "reason" text not null,
      "adjusted_by_id" uuid not null,
      "adjusted_at" timestamptz not null default now(),
      constraint "forecast_adjustment_pkey" primary key ("id"),
      constraint "forecast_adjustment_unit_period_month_unique" unique ("org_unit_id", "period_month", "month"),
      constraint forecast_adjustment_month_check check (extract(day from period_month) = 1 and extract(day from month) = 1 and month >= period_month),
      constraint forecast_adjustment_amounts_check check (commit >= 0 and best_case >= commit and pipeline >= 0)
    );`);
    this.addSql(`alter table "forecast_adjustment" add constraint "forecast_adjustment_org_unit_id_foreign" foreign key ("org_unit_id") references "org_unit" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "forecast_adjustment" add constraint "forecast_adjustment_adjusted_by_id_foreign" foreign key ("adjusted_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`create index "forecast_adjustment_period_idx" on "forecast_adjustment" ("period_month", "org_unit_id");`);

    this.addSql(`create table "opportunity_close_date_change" (
      "id" uuid not null default gen_random_uuid(),
      "opportunity_id" uuid not null,
      "from_date" date null,
      "to_date" date null,
      "changed_at" timestamptz not null default now(),
      constraint "opportunity_close_date_change_pkey" primary key ("id")
    );`);
    this.addSql(`alter table "opportunity_close_date_change" add constraint "opportunity_close_date_change_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "opportunity_close_date_change_opportunity_idx" on "opportunity_close_date_change" ("opportunity_id", "changed_at");`);
    this.addSql(`create index "opportunity_close_date_change_changed_at_idx" on "opportunity_close_date_change" ("changed_at");`);
    this.addSql(`create or replace function salesgraph_record_close_date_change() returns trigger language plpgsql as $$
      begin
        insert into opportunity_close_date_change (opportunity_id, from_date, to_date) values (new.id, old.expected_close_date, new.expected_close_date);
        return null;
      end $$;`);
    this.addSql(`create trigger opportunity_close_date_change_history after update of expected_close_date on opportunity
      for each row when (old.expected_close_date is distinct from new.expected_close_date) execute function salesgraph_record_close_date_change();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists opportunity_close_date_change_history on opportunity;`);
    this.addSql(`drop function if exists salesgraph_record_close_date_change();`);
    this.addSql(`drop table if exists "opportunity_close_date_change" cascade;`);
    this.addSql(`drop table if exists "forecast_adjustment" cascade;`);
    this.addSql(`drop table if exists "forecast_line" cascade;`);
    this.addSql(`drop table if exists "forecast_submission" cascade;`);
  }
}
