import { Migration } from '@mikro-orm/migrations';

/**
 * Open receivables kept by trigger, for the aging report.
 *
 * - `receivable_open_item`: one row per invoice not PAID, with its owner, customer, dates and what is open on it in
 *   cents (`(amount − paid_amount) × 100`, exact: amounts have two decimals). A trigger on `invoice` writes it on every
 *   insert, on every change of the columns it copies and on delete, so every writer (API, admin, seeds, bulk SQL)
 *   keeps it. The aging reads only its index (owner, issue date, then what it sums), and sums integers instead of
 *   computing `amount − paid_amount` in numeric six times per invoice.
 * - `receivable_cents_sum(bigint)`: a sum of cents whose state is a plain bigint (`int8pl`, which raises on overflow
 *   rather than wrap). PostgreSQL's own `sum(bigint)` keeps a 128-bit state in memory allocated per group; for the
 *   report's six sums over tens of thousands of invoices that was half the statement's time. An empty sum is 0.
 */
export class Migration20261213090000_receivables_open_items extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "receivable_open_item" (
      "invoice_id" uuid not null,
      "owner_id" uuid not null,
      "customer_id" uuid not null,
      "issue_date" date not null,
      "due_date" date not null,
      "open_cents" bigint not null,
      constraint "receivable_open_item_pkey" primary key ("invoice_id")
    );`);
    this.addSql(`create index "receivable_open_item_owner_issue_date_idx" on "receivable_open_item" ("owner_id", "issue_date") include ("customer_id", "due_date", "open_cents");`);
    this.addSql(`create or replace function salesgraph_sync_receivable_open_item() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' or new.status = 'PAID' or old.id <> new.id then
          delete from receivable_open_item where invoice_id = old.id;
        end if;
        if tg_op <> 'DELETE' and new.status <> 'PAID' then
          insert into receivable_open_item (invoice_id, owner_id, customer_id, issue_date, due_date, open_cents)
          values (new.id, new.owner_id, new.customer_id, new.issue_date, new.due_date, ((new.amount - new.paid_amount) * 100)::bigint)
          on conflict (invoice_id) do update set owner_id = excluded.owner_id, customer_id = excluded.customer_id,
            issue_date = excluded.issue_date, due_date = excluded.due_date, open_cents = excluded.open_cents;
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger invoice_receivable_open_item after insert or delete or update of status, amount, paid_amount, owner_id, customer_id, issue_date, due_date, id
      on invoice for each row execute function salesgraph_sync_receivable_open_item();`);
    this.addSql(`insert into receivable_open_item (invoice_id, owner_id, customer_id, issue_date, due_date, open_cents)
      select id, owner_id, customer_id, issue_date, due_date, ((amount - paid_amount) * 100)::bigint from invoice where status <> 'PAID';`);
    this.addSql(`create aggregate receivable_cents_sum(bigint) (sfunc = int8pl, stype = bigint, combinefunc = int8pl, initcond = '0', parallel = safe);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop aggregate if exists receivable_cents_sum(bigint);`);
    this.addSql(`drop trigger if exists invoice_receivable_open_item on invoice;`);
    this.addSql(`drop function if exists salesgraph_sync_receivable_open_item();`);
    this.addSql(`drop table if exists "receivable_open_item" cascade;`);
  }
}
