import { Migration } from '@mikro-orm/migrations';

/**
 * Billing lists and reports: keyset sorts of invoices (by issue date, by due date) and payments (by receipt date),
 * and allocations by time for collection reports and as-of aging.
 */
export class Migration20261203122816_billing_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "payment_received_on_id_idx" on "payment" ("received_on", "id");`);

    this.addSql(`create index "invoice_due_date_id_idx" on "invoice" ("due_date", "id");`);
    this.addSql(`create index "invoice_issue_date_id_idx" on "invoice" ("issue_date", "id");`);

    this.addSql(`create index "payment_allocation_allocated_at_idx" on "payment_allocation" ("allocated_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "invoice_due_date_id_idx";`);
    this.addSql(`drop index "invoice_issue_date_id_idx";`);

    this.addSql(`drop index "payment_received_on_id_idx";`);

    this.addSql(`drop index "payment_allocation_allocated_at_idx";`);
  }

}
