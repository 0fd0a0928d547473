import { Migration } from '@mikro-orm/migrations';

/**
 * Targets decomposed, locked and adjusted (M2, M3, M5).
 *
 * - `sales_target_version`: every value a target has had, with who set it, when, why and, for a change after its
 *   period started, the adjustment that approved it. Version 1 is the value it was created with.
 * - `target_adjustment`: a request to change a locked target (its period has started), decided by the next level
 *   up. At most one request per target waits at a time (partial unique index), so two requests cannot both pass.
 * - An index on the people a fact is credited to by day, which achievement and last-year proposals read by range.
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
      "previous_value" numeric(16,2) not null,
      "new_value" numeric(16,2) not null,
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
      "value" numeric(16,2) not null,
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
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "sales_target_period_id_idx";`);
    this.addSql(`drop table if exists "sales_target_version" cascade;`);
    this.addSql(`drop table if exists "target_adjustment" cascade;`);
    this.addSql(`drop type if exists "target_adjustment_status";`);
  }
}
