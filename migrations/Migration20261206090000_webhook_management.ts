import { Migration } from '@mikro-orm/migrations';

/**
 * Webhook management: an endpoint can be paused (`PAUSED`; the current pause and the last one are points in the
 * stream, the pausing and resuming transactions, so the fan-out skips exactly the events of a pause) and its secret
 * rotated (the previous secret keeps signing beside the new one until its grace period ends).
 */
export class Migration20261206090000_webhook_management extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter type "webhook_status" add value if not exists 'PAUSED';`);
    this.addSql(`alter table "webhook_endpoint"
      add column "previous_secret" text null,
      add column "previous_secret_expires_at" timestamptz null,
      add column "paused_at" timestamptz null,
      add column "paused_after_transaction_id" xid8 null,
      add column "last_pause_after_transaction_id" xid8 null,
      add column "last_resume_transaction_id" xid8 null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_endpoint"
      drop column "previous_secret",
      drop column "previous_secret_expires_at",
      drop column "paused_at",
      drop column "paused_after_transaction_id",
      drop column "last_pause_after_transaction_id",
      drop column "last_resume_transaction_id";`);
    // PostgreSQL cannot drop an enum value: paused endpoints become active, and the type is made again without it.
    this.addSql(`alter table "webhook_endpoint" alter column "status" drop default;`);
    this.addSql(`alter type "webhook_status" rename to "webhook_status_old";`);
    this.addSql(`create type "webhook_status" as enum ('ACTIVE', 'FAILING');`);
    this.addSql(`alter table "webhook_endpoint" alter column "status" type "webhook_status"
      using (case when "status"::text = 'PAUSED' then 'ACTIVE' else "status"::text end)::"webhook_status";`);
    this.addSql(`alter table "webhook_endpoint" alter column "status" set default 'ACTIVE';`);
    this.addSql(`drop type "webhook_status_old";`);
  }

}
