import { Migration } from '@mikro-orm/migrations';

/**
 * Follow-up (B4, C3, F4) and visit check-in (S2).
 *
 * - `opportunity_follow_up`: the follow-up log of an opportunity (跟进记录); `opportunity.next_step_date` holds the
 *   next-step date of the latest entry that carries a next step (the API keeps it in the same transaction).
 * - `visit_plan`: appointments (客户预约) and regular return visits (定期回访). Stored statuses are PLANNED, DONE and
 *   CANCELLED; MISSED is read, never stored (a PLANNED plan more than a day past its time), so no job has to keep it.
 *   A done plan points at its visit; a recurring plan's successor points back at it (`previous_plan_id`, unique: a
 *   plan is succeeded once, even when two people complete it at once).
 * - `visit_check_in`: a visit's check-in from a mobile client; the distance to the customer's location is computed
 *   here (`haversine_metres`) at check-in and kept with the threshold it was judged by.
 * - `customer.latitude/longitude`: where the customer is; `visit_norm` gains the follow-up norm of its tier.
 */
export class Migration20261208110000_follow_up extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "follow_up_kind" as enum ('CALL', 'VISIT', 'EMAIL', 'MEETING', 'MESSAGE', 'OTHER');`);
    this.addSql(`create type "follow_up_service_mode" as enum ('DEDICATED_TEAM', 'REGULAR', 'AUTOMATED');`);
    this.addSql(`create type "visit_plan_status" as enum ('PLANNED', 'DONE', 'CANCELLED');`);
    this.addSql(`create type "recurrence_unit" as enum ('DAY', 'WEEK');`);

    // Great-circle distance on the mean earth radius (IUGG, 6 371 008.8 m); least() keeps rounding out of asin's domain.
    this.addSql(`create function haversine_metres(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision)
      returns double precision language sql immutable strict parallel safe as $$
        select 2 * 6371008.8 * asin(least(1, sqrt(
          power(sin(radians(lat2 - lat1) / 2), 2) + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2))))
      $$;`);

    this.addSql(`alter table "customer" add column "latitude" double precision null, add column "longitude" double precision null;`);
    this.addSql(`alter table "customer" add constraint customer_coordinates_check check (
      (latitude is null) = (longitude is null) and (latitude is null or (latitude::numeric >= -90 and latitude::numeric <= 90 and longitude::numeric >= -180 and longitude::numeric <= 180)));`);

    this.addSql(`alter table "visit_norm" add column "max_days_between_contacts" smallint not null default 30,
      add column "service_mode" "follow_up_service_mode" not null default 'REGULAR';`);
    this.addSql(`alter table "visit_norm" add constraint visit_norm_max_days_check check (max_days_between_contacts >= 1 and max_days_between_contacts <= 366);`);
    // Existing norms: a contact at least as often as the visits the norm asks for.
    this.addSql(`update "visit_norm" set "max_days_between_contacts" = least(366, ceil(30 / visits_per_month))::smallint;`);

    this.addSql(`alter table "opportunity" add column "next_step_date" date null;`);
    this.addSql(`create index "opportunity_next_step_date_idx" on "opportunity" ("next_step_date") where next_step_date is not null and stage not in ('WON', 'LOST');`);

    this.addSql(`create table "opportunity_follow_up" (
      "id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(),
      "opportunity_id" uuid not null, "author_id" uuid not null, "occurred_at" timestamptz not null, "kind" "follow_up_kind" not null,
      "summary" text not null, "contact_id" uuid null, "visit_id" uuid null, "next_step" text null, "next_step_date" date null,
      constraint "opportunity_follow_up_pkey" primary key ("id")
    );`);
    this.addSql(`create index "opportunity_follow_up_opportunity_occurred_idx" on "opportunity_follow_up" ("opportunity_id", "occurred_at", "id");`);
    this.addSql(`create index "opportunity_follow_up_author_id_index" on "opportunity_follow_up" ("author_id");`);
    this.addSql(`create index "opportunity_follow_up_contact_id_index" on "opportunity_follow_up" ("contact_id");`);
    this.addSql(`create index "opportunity_follow_up_visit_id_index" on "opportunity_follow_up" ("visit_id");`);
    this.addSql(`alter table "opportunity_follow_up" add constraint "opportunity_follow_up_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "opportunity_follow_up" add constraint "opportunity_follow_up_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "opportunity_follow_up" add constraint "opportunity_follow_up_contact_id_foreign" foreign key ("contact_id") references "contact" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "opportunity_follow_up" add constraint "opportunity_follow_up_visit_id_foreign" foreign key ("visit_id") references "visit" ("id") on update cascade on delete set null;`);

    this.addSql(`create table "visit_plan" (
      "id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(),
      "customer_id" uuid not null, "contact_id" uuid null, "planned_by_id" uuid not null, "planned_at" timestamptz not null, "purpose" text not null,
      "status" "visit_plan_status" not null default 'PLANNED', "visit_id" uuid null, "cancel_reason" text null, "closed_at" timestamptz null,
      "recurrence_every" smallint null, "recurrence_unit" "recurrence_unit" null, "previous_plan_id" uuid null,
      constraint "visit_plan_pkey" primary key ("id"),
      constraint visit_plan_visit_unique unique ("visit_id"),
      constraint visit_plan_previous_plan_unique unique ("previous_plan_id"),
      constraint visit_plan_done_check check ((status = 'DONE') = (visit_id is not null)),
      constraint visit_plan_cancel_check check (status <> 'CANCELLED' or cancel_reason is not null),
      constraint visit_plan_recurrence_check check ((recurrence_every is null) = (recurrence_unit is null) and (recurrence_every is null or (recurrence_every >= 1 and recurrence_every <= 365)))
    );`);
    this.addSql(`create index "visit_plan_planned_by_planned_at_idx" on "visit_plan" ("planned_by_id", "planned_at", "id");`);
    this.addSql(`create index "visit_plan_customer_planned_at_idx" on "visit_plan" ("customer_id", "planned_at", "id");`);
    this.addSql(`create index "visit_plan_planned_at_id_idx" on "visit_plan" ("planned_at", "id");`);
    // The reminder rule's scan: open plans by time.
    this.addSql(`create index "visit_plan_open_planned_at_idx" on "visit_plan" ("planned_at") where status = 'PLANNED';`);
    this.addSql(`create index "visit_plan_contact_id_index" on "visit_plan" ("contact_id");`);
    this.addSql(`alter table "visit_plan" add constraint "visit_plan_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "visit_plan" add constraint "visit_plan_contact_id_foreign" foreign key ("contact_id") references "contact" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "visit_plan" add constraint "visit_plan_planned_by_id_foreign" foreign key ("planned_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "visit_plan" add constraint "visit_plan_visit_id_foreign" foreign key ("visit_id") references "visit" ("id") on update cascade;`);
    this.addSql(`alter table "visit_plan" add constraint "visit_plan_previous_plan_id_foreign" foreign key ("previous_plan_id") references "visit_plan" ("id") on update cascade on delete set null;`);

    this.addSql(`create table "visit_check_in" (
      "id" uuid not null, "created_at" timestamptz not null default now(),
      "visit_id" uuid not null, "checked_in_by_id" uuid not null, "checked_in_at" timestamptz not null,
      "latitude" double precision not null, "longitude" double precision not null, "accuracy_metres" double precision not null,
      "distance_metres" double precision null, "far_threshold_metres" integer not null, "far" boolean null,
      constraint "visit_check_in_pkey" primary key ("id"),
      constraint visit_check_in_visit_unique unique ("visit_id"),
      constraint visit_check_in_coordinates_check check (latitude::numeric >= -90 and latitude::numeric <= 90 and longitude::numeric >= -180 and longitude::numeric <= 180),
      constraint visit_check_in_accuracy_check check (accuracy_metres::numeric >= 0 and accuracy_metres::numeric <= 100000 and far_threshold_metres >= 0),
      constraint visit_check_in_far_check check ((distance_metres is null) = (far is null))
    );`);
    this.addSql(`create index "visit_check_in_checked_in_by_id_index" on "visit_check_in" ("checked_in_by_id");`);
    this.addSql(`alter table "visit_check_in" add constraint "visit_check_in_visit_id_foreign" foreign key ("visit_id") references "visit" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "visit_check_in" add constraint "visit_check_in_checked_in_by_id_foreign" foreign key ("checked_in_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "visit_check_in" cascade;`);
    this.addSql(`drop table if exists "visit_plan" cascade;`);
    this.addSql(`drop table if exists "opportunity_follow_up" cascade;`);
    this.addSql(`drop index if exists "opportunity_next_step_date_idx";`);
    this.addSql(`alter table "opportunity" drop column if exists "next_step_date";`);
    this.addSql(`alter table "visit_norm" drop constraint if exists visit_norm_max_days_check, drop column if exists "max_days_between_contacts", drop column if exists "service_mode";`);
    this.addSql(`alter table "customer" drop constraint if exists customer_coordinates_check, drop column if exists "latitude", drop column if exists "longitude";`);
    this.addSql(`drop function if exists haversine_metres(double precision, double precision, double precision, double precision);`);
    this.addSql(`drop type if exists "recurrence_unit";`);
    this.addSql(`drop type if exists "visit_plan_status";`);
    this.addSql(`drop type if exists "follow_up_service_mode";`);
    this.addSql(`drop type if exists "follow_up_kind";`);
  }
}
