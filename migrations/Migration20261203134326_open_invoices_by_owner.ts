import { Migration } from '@mikro-orm/migrations';

/**
 * Receivables aging and collection by owner: open invoices by owner and issue date, with every column the reports
 * read, so a director's report scans only the managed people's open invoices and finance's the whole index, both
 * without visiting the table. It supersedes the open invoices' index by issue date alone.
 */
export class Migration20261203134326_open_invoices_by_owner extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "invoice_open_issue_date_idx";`);

    this.addSql(`create index "invoice_open_owner_issue_date_idx" on "invoice" ("owner_id", "issue_date") include ("id", "customer_id", "due_date", "amount", "paid_amount") where "status" <> 'PAID';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "invoice_open_owner_issue_date_idx";`);

    this.addSql(`create index "invoice_open_issue_date_idx" on "invoice" ("issue_date") where "status" <> 'PAID';`);
  }

}
