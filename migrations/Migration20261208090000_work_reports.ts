import { Migration } from '@mikro-orm/migrations';

/** The documents' default deadlines (004): [kind, role, minutes after the period's end, what it means]. */
const DEFAULT_DEADLINES: [string, string, number, string][] = [
  ['DAILY', 'SALES_REP', 9 * 60, '次日 09:00'],
  ['DAILY', 'KEY_ACCOUNT_MANAGER', 9 * 60, '次日 09:00'],
  ['WEEKLY', 'SALES_REP', 0, '周日 24:00'],
  ['WEEKLY', 'KEY_ACCOUNT_MANAGER', 0, '周日 24:00'],
  ['WEEKLY', 'TEAM_MANAGER', 12 * 60, '下周一 12:00'],
  ['WEEKLY', 'REGIONAL_DIRECTOR', 12 * 60, '下周一 12:00'],
  ['MONTHLY', 'SALES_REP', 3 * 24 * 60, '次月 3 日 24:00'],
  ['MONTHLY', 'KEY_ACCOUNT_MANAGER', 3 * 24 * 60, '次月 3 日 24:00'],
  ['MONTHLY', 'TEAM_MANAGER', 5 * 24 * 60, '次月 5 日 24:00'],
  ['MONTHLY', 'REGIONAL_DIRECTOR', 5 * 24 * 60, '次月 5 日 24:00'],
  ['QUARTERLY', 'SALES_REP', 15 * 24 * 60, '季度结束后 15 天内'],
  ['QUARTERLY', 'KEY_ACCOUNT_MANAGER', 15 * 24 * 60, '季度结束后 15 天内'],
  ['QUARTERLY', 'TEAM_MANAGER', 15 * 24 * 60, '季度结束后 15 天内'],
  ['QUARTERLY', 'REGIONAL_DIRECTOR', 15 * 24 * 60, '季度结束后 15 天内'],
];

/**
 * Work reports (P1–P5) and meetings (P6).
 *
 * - `report_deadline`: master data. Who files which kind of report and by when: minutes after the end of the period
 *   (midnight after its last day, company time), so "Monday 12:00" is 720 and "by the 3rd" 4320. A role without a
 *   row for a kind does not have to file it.
 * - `work_report`: one per author, kind and period (important-matter reports excepted: as many as there are matters).
 *   `deadline_at` is fixed when the report is created; `late` when it is submitted.
 * - `work_report_visit`: the visits a daily report covers. `work_report_acknowledgement`: who up the line read an
 *   important-matter report.
 * - `meeting` / `meeting_action_item`: team and director meetings with their attendees and action items.
 * - The period and deadline functions below are the only place periods and deadlines are computed: the API, the
 *   "who is late" query and the notification rules all call them with the company time zone.
 * - `workReport.submitted` / `workReport.reviewed` go to the outbox from a trigger, as every other event.
 */
export class Migration20261208090000_work_reports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "work_report_kind" as enum ('DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'IMPORTANT_MATTER');`);
    this.addSql(`create type "work_report_status" as enum ('DRAFT', 'SUBMITTED', 'LATE', 'REVIEWED');`);
    this.addSql(`create type "meeting_kind" as enum ('TEAM', 'DIRECTOR');`);
    this.addSql(`create type "action_item_status" as enum ('OPEN', 'DONE');`);

    this.addSql(`create table "report_deadline" (
      "id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(),
      "kind" "work_report_kind" not null, "role" "user_role" not null, "due_after_minutes" int not null, "description" text null,
      constraint "report_deadline_pkey" primary key ("id"),
      constraint report_deadline_kind_role_unique unique ("kind", "role"),
      constraint report_deadline_kind_check check (kind <> 'IMPORTANT_MATTER'),
      constraint report_deadline_minutes_check check (due_after_minutes >= -10080 and due_after_minutes <= 131040)
    );`);
    for (const [kind, role, minutes, description] of DEFAULT_DEADLINES) {
      this.addSql(`insert into "report_deadline" ("id", "kind", "role", "due_after_minutes", "description") values (gen_random_uuid(), '${kind}', '${role}', ${minutes}, '${description}');`);
    }

    this.addSql(`create table "work_report" (
      "id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(),
      "author_id" uuid not null, "org_unit_id" uuid null, "kind" "work_report_kind" not null,
      "period_start" date not null, "period_end" date not null, "title" text null,
      "progress" text null, "problems" text null, "help_needed" text null, "plan" text null, "analysis" text null,
      "status" "work_report_status" not null default 'DRAFT', "deadline_at" timestamptz null, "submitted_at" timestamptz null, "late" boolean not null default false,
      "reviewed_by_id" uuid null, "reviewed_at" timestamptz null, "review_comment" text null, "score" smallint null,
      constraint "work_report_pkey" primary key ("id"),
      constraint work_report_period_check check (period_end >= period_start),
      constraint work_report_score_check check (score >= 1 and score <= 5),
      constraint work_report_submitted_check check ((status = 'DRAFT') = (submitted_at is null)),
      constraint work_report_reviewed_check check ((status = 'REVIEWED') = (reviewed_at is not null) and (status = 'REVIEWED') = (score is not null))
    );`);
    this.addSql(`create unique index "work_report_author_period_unique" on "work_report" ("author_id", "kind", "period_start") where kind <> 'IMPORTANT_MATTER';`);
    this.addSql(`create index "work_report_author_idx" on "work_report" ("author_id", "kind", "period_start", "id");`);
    this.addSql(`create index "work_report_period_idx" on "work_report" ("kind", "period_start", "id");`);
    this.addSql(`create index "work_report_reviewed_at_idx" on "work_report" ("reviewed_at") where status = 'REVIEWED';`);
    for (const [column, table] of [['author_id', 'app_user'], ['org_unit_id', 'org_unit'], ['reviewed_by_id', 'app_user']]) {
      this.addSql(`alter table "work_report" add constraint "work_report_${column}_foreign" foreign key ("${column}") references "${table}" ("id") on update cascade on delete restrict;`);
    }

    this.addSql(`create table "work_report_visit" (
      "report_id" uuid not null, "visit_id" uuid not null,
      constraint "work_report_visit_pkey" primary key ("report_id", "visit_id")
    );`);
    this.addSql(`create index "work_report_visit_visit_idx" on "work_report_visit" ("visit_id");`);
    this.addSql(`alter table "work_report_visit" add constraint "work_report_visit_report_id_foreign" foreign key ("report_id") references "work_report" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "work_report_visit" add constraint "work_report_visit_visit_id_foreign" foreign key ("visit_id") references "visit" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "work_report_acknowledgement" (
      "report_id" uuid not null, "user_id" uuid not null, "acknowledged_at" timestamptz not null default now(), "comment" text null,
      constraint "work_report_acknowledgement_pkey" primary key ("report_id", "user_id")
    );`);
    this.addSql(`alter table "work_report_acknowledgement" add constraint "work_report_acknowledgement_report_id_foreign" foreign key ("report_id") references "work_report" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "work_report_acknowledgement" add constraint "work_report_acknowledgement_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`create table "meeting" (
      "id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(),
      "kind" "meeting_kind" not null, "org_unit_id" uuid not null, "held_on" date not null, "title" text not null, "minutes" text null,
      "attendee_ids" uuid[] not null default '{}', "created_by_id" uuid not null,
      constraint "meeting_pkey" primary key ("id")
    );`);
    this.addSql(`create index "meeting_unit_held_on_idx" on "meeting" ("org_unit_id", "held_on", "id");`);
    this.addSql(`create index "meeting_held_on_idx" on "meeting" ("held_on", "id");`);
    this.addSql(`create index "meeting_attendee_ids_idx" on "meeting" using gin ("attendee_ids");`);
    this.addSql(`alter table "meeting" add constraint "meeting_org_unit_id_foreign" foreign key ("org_unit_id") references "org_unit" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "meeting" add constraint "meeting_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`create table "meeting_action_item" (
      "id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(),
      "meeting_id" uuid not null, "position" smallint not null, "description" text not null, "owner_id" uuid not null, "due_on" date not null,
      "status" "action_item_status" not null default 'OPEN', "done_at" timestamptz null,
      constraint "meeting_action_item_pkey" primary key ("id"),
      constraint meeting_action_item_done_check check ((status = 'DONE') = (done_at is not null))
    );`);
    this.addSql(`create index "meeting_action_item_meeting_idx" on "meeting_action_item" ("meeting_id", "position");`);
    this.addSql(`create index "meeting_action_item_open_due_idx" on "meeting_action_item" ("due_on") where status = 'OPEN';`);
    this.addSql(`create index "meeting_action_item_owner_idx" on "meeting_action_item" ("owner_id");`);
    this.addSql(`alter table "meeting_action_item" add constraint "meeting_action_item_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "meeting_action_item" add constraint "meeting_action_item_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete restrict;`);

    // Periods: a day, an ISO week (Monday first), a calendar month or quarter; an important matter is its day.
    this.addSql(`create or replace function salesgraph_report_period_start(kind work_report_kind, day date) returns date language sql immutable as $$
      select case kind when 'WEEKLY' then date_trunc('week', day)::date when 'MONTHLY' then date_trunc('month', day)::date
                       when 'QUARTERLY' then date_trunc('quarter', day)::date else day end
    $$;`);
    this.addSql(`create or replace function salesgraph_report_period_end(kind work_report_kind, period_start date) returns date language sql immutable as $$
      select case kind when 'WEEKLY' then period_start + 6 when 'MONTHLY' then (period_start + interval '1 month')::date - 1
                       when 'QUARTERLY' then (period_start + interval '3 months')::date - 1 else period_start end
    $$;`);
    this.addSql(`create or replace function salesgraph_report_period_step(kind work_report_kind) returns interval language sql immutable as $$
      select case kind when 'WEEKLY' then interval '7 days' when 'MONTHLY' then interval '1 month' when 'QUARTERLY' then interval '3 months' else interval '1 day' end
    $$;`);
    // Whether a period has to be reported at all: daily logs are for working days (Monday to Friday; public holidays
    // are not modelled), every week, month and quarter counts.
    this.addSql(`create or replace function salesgraph_report_period_required(kind work_report_kind, period_start date) returns boolean language sql immutable as $$
      select kind <> 'DAILY' or extract(isodow from period_start) < 6
    $$;`);
    // The deadline instant: midnight after the period's last day plus the offset, both as wall-clock time in the company's
    // zone (timestamp without time zone arithmetic), then converted once. "Monday 12:00" stays 12:00 across a DST change.
    this.addSql(`create or replace function salesgraph_report_deadline_at(kind work_report_kind, period_start date, due_after_minutes int, zone text) returns timestamptz language sql stable as $$
      select case when due_after_minutes is null then null
                  else ((salesgraph_report_period_end(kind, period_start) + 1)::timestamp + make_interval(mins => due_after_minutes)) at time zone zone end
    $$;`);
    this.addSql(`create or replace function salesgraph_report_deadline(kind work_report_kind, author_role user_role, period_start date, zone text) returns timestamptz language sql stable as $$
      select salesgraph_report_deadline_at(kind, period_start, d.due_after_minutes, zone) from report_deadline d where d.kind = $1 and d.role = $2
    $$;`);

    // Events: submitted (on time or late) and reviewed; seen with the report (domain_event.work_report_id).
    this.addSql(`alter table "domain_event" add column "work_report_id" uuid null;`);
    this.addSql(`alter table "domain_event" add constraint "domain_event_work_report_id_foreign" foreign key ("work_report_id") references "work_report" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "domain_event_work_report_stream_idx" on "domain_event" ("work_report_id", "transaction_id", "position");`);
    this.addSql(`create or replace function salesgraph_record_work_report_event(kind text, aggregate text, aggregate_id uuid, aggregate_version int, work_report_id uuid, payload jsonb) returns void language plpgsql as $$
    begin
      insert into domain_event (type, aggregate_type, aggregate_id, aggregate_version, actor_id, work_report_id, payload)
      values (kind, aggregate, aggregate_id, aggregate_version, salesgraph_actor(), work_report_id, payload);
      perform pg_notify('salesgraph_events', '');
    end $$;`);
    this.addSql(`create or replace function salesgraph_work_report_event() returns trigger language plpgsql as $$
    begin
      if new.status is not distinct from old.status then return null; end if;
      if new.status in ('SUBMITTED', 'LATE') and old.status = 'DRAFT' then
        perform salesgraph_record_work_report_event('workReport.submitted', 'WorkReport', new.id, new.version, new.id,
          jsonb_build_object('authorId', new.author_id, 'kind', new.kind, 'periodStart', new.period_start, 'periodEnd', new.period_end,
                             'status', new.status, 'late', new.late, 'deadlineAt', new.deadline_at, 'submittedAt', new.submitted_at));
      elsif new.status = 'REVIEWED' then
        perform salesgraph_record_work_report_event('workReport.reviewed', 'WorkReport', new.id, new.version, new.id,
          jsonb_build_object('authorId', new.author_id, 'kind', new.kind, 'periodStart', new.period_start, 'status', new.status,
                             'late', new.late, 'reviewedById', new.reviewed_by_id, 'reviewedAt', new.reviewed_at, 'score', new.score));
      end if;
      return null;
    end $$;`);
    this.addSql(`create trigger work_report_domain_event after update on work_report for each row execute function salesgraph_work_report_event();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists work_report_domain_event on work_report;`);
    this.addSql(`alter table "domain_event" drop column if exists "work_report_id";`);
    this.addSql(`drop table if exists "meeting_action_item", "meeting", "work_report_acknowledgement", "work_report_visit", "work_report", "report_deadline" cascade;`);
    this.addSql(`drop function if exists salesgraph_work_report_event(), salesgraph_record_work_report_event(text, text, uuid, int, uuid, jsonb), salesgraph_report_deadline(work_report_kind, user_role, date, text),
                 salesgraph_report_deadline_at(work_report_kind, date, int, text), salesgraph_report_period_step(work_report_kind), salesgraph_report_period_required(work_report_kind, date),
                 salesgraph_report_period_end(work_report_kind, date), salesgraph_report_period_start(work_report_kind, date);`);
    this.addSql(`drop type if exists "action_item_status", "meeting_kind", "work_report_status", "work_report_kind";`);
  }
}
