import { Migration } from '@mikro-orm/migrations';

/**
 * The notification inbox (T2, T3, T5): notifications, each person's channel choices, and the outgoing e-mail queue.
 *
 * (recipient, kind, cause) is unique: the rule runner inserts with `on conflict do nothing`, so a cause reaches a
 * person once however many runs, in however many processes, find it. Inserting announces the new inbox rows on
 * `salesgraph_notifications` (their ids, comma-separated) at commit, so every API process can push them to its
 * subscribers, whichever process or job made them.
 */
export class Migration20261208120000_notifications extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "notification_kind" as enum ('COMPLAINT_SLA_BREACHED', 'NEXT_STEP_DUE', 'VISIT_PLAN_DUE', 'LEAD_UNWORKED', 'KEY_CUSTOMER_UNVISITED', 'INVOICE_OVERDUE', 'REPORT_DUE', 'REPORT_LATE', 'REPORT_REVIEWED', 'APPROVAL_WAITING', 'APPROVAL_DECIDED', 'RENEWAL_DUE', 'EXPENSE_RETURNED', 'EXPENSE_PAID', 'ACTION_ITEM_DUE');`);

    this.addSql(`create table "notification" ("id" uuid not null, "recipient_id" uuid not null, "kind" "notification_kind" not null, "cause" text not null, "subject_type" text not null, "subject_id" uuid null, "due_at" timestamptz null, "params" jsonb not null default '{}', "in_app" boolean not null default true, "created_at" timestamptz not null default now(), "read_at" timestamptz null, constraint "notification_pkey" primary key ("id"));`);
    this.addSql(`alter table "notification" add constraint "notification_cause_unique" unique ("recipient_id", "kind", "cause");`);
    this.addSql(`create index "notification_inbox_idx" on "notification" ("recipient_id", "created_at", "id");`);
    this.addSql(`create index "notification_unread_idx" on "notification" ("recipient_id", "kind") where "read_at" is null and "in_app";`);
    this.addSql(`alter table "notification" add constraint "notification_recipient_id_foreign" foreign key ("recipient_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "notification_preference" ("id" uuid not null, "user_id" uuid not null, "kind" "notification_kind" not null, "in_app" boolean not null, "email" boolean not null, "updated_at" timestamptz not null default now(), constraint "notification_preference_pkey" primary key ("id"));`);
    this.addSql(`alter table "notification_preference" add constraint "notification_preference_user_kind_unique" unique ("user_id", "kind");`);
    this.addSql(`alter table "notification_preference" add constraint "notification_preference_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "notification_mail" ("id" uuid not null, "notification_id" uuid not null, "created_at" timestamptz not null default now(), "next_attempt_at" timestamptz not null default now(), "attempts" smallint not null default 0, "sent_at" timestamptz null, "last_error" text null, constraint "notification_mail_pkey" primary key ("id"));`);
    this.addSql(`alter table "notification_mail" add constraint "notification_mail_notification_unique" unique ("notification_id");`);
    this.addSql(`create index "notification_mail_due_idx" on "notification_mail" ("next_attempt_at") where "sent_at" is null;`);
    this.addSql(`alter table "notification_mail" add constraint "notification_mail_notification_id_foreign" foreign key ("notification_id") references "notification" ("id") on update cascade on delete cascade;`);

    // One notification per statement, in chunks that fit a NOTIFY payload (8000 bytes; a uuid and comma are 37).
    this.addSql(`create function salesgraph_announce_notifications() returns trigger language plpgsql as $$
    begin
      perform pg_notify('salesgraph_notifications', chunk.ids)
         from (select string_agg(id::text, ',') as ids
                 from (select id, (row_number() over () - 1) / 200 as part from inserted where in_app) numbered
                group by part) chunk;
      return null;
    end $$;`);
    this.addSql(`create trigger notification_announce after insert on "notification" referencing new table as inserted
      for each statement execute function salesgraph_announce_notifications();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists notification_announce on "notification";`);
    this.addSql(`drop function if exists salesgraph_announce_notifications();`);
    this.addSql(`drop table if exists "notification_mail" cascade;`);
    this.addSql(`drop table if exists "notification_preference" cascade;`);
    this.addSql(`drop table if exists "notification" cascade;`);
    this.addSql(`drop type if exists "notification_kind";`);
  }

}
