import { Migration } from '@mikro-orm/migrations';

/**
 * An endpoint receives the events of transactions that took their id after its own creating transaction: a point in
 * the stream, not a time. The fan-out cannot pass that point before the endpoint is committed (its transaction holds
 * the stream's horizon back until then), so no event is missed, and the fan-out of a new endpoint starts there
 * instead of walking the stream's history. Endpoints made before keep receiving everything after the fan-out cursor.
 */
export class Migration20261205140000_webhook_start_point extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "webhook_endpoint" add column "starts_after_transaction_id" xid8 not null default '0';`);
    this.addSql(`alter table "webhook_endpoint" alter column "starts_after_transaction_id" set default pg_current_xact_id();`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_endpoint" drop column "starts_after_transaction_id";`);
  }

}
