import { Migration } from '@mikro-orm/migrations';

/**
 * Sales analysis (issue 17, part A):
 * - `contract.renewal_of_id`: the contract a renewal continues (H7), so renewal rates are counted from links rather
 *   than guessed from customers and dates. The contract service checks the link (same customer, the predecessor ends
 *   on or before the renewal starts, no cycle); the index finds a contract's renewals.
 * - An index for channel performance: a distributor's orders by booking day (company time, as
 *   `sales_order_owner_booked_on_idx` for owners), so a distributor's sell-in of a period is a range scan.
 */
export class Migration20261212090000_sales_analysis extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "contract" add column "renewal_of_id" uuid null;`);
    this.addSql(`alter table "contract" add constraint "contract_renewal_of_id_foreign" foreign key ("renewal_of_id") references "contract" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "contract" add constraint contract_renewal_not_self_check check (renewal_of_id is null or renewal_of_id <> id);`);
    this.addSql(`create index "contract_renewal_of_idx" on "contract" ("renewal_of_id") where renewal_of_id is not null;`);
    this.addSql(`create index "sales_order_distributor_booked_on_idx" on "sales_order" ("distributor_id", ((coalesce(credit_decided_at, created_at) at time zone 'Asia/Shanghai')::date)) where distributor_id is not null and status not in ('CREDIT_HOLD', 'CANCELLED');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "sales_order_distributor_booked_on_idx";`);
    this.addSql(`drop index if exists "contract_renewal_of_idx";`);
    this.addSql(`alter table "contract" drop constraint if exists contract_renewal_not_self_check;`);
    this.addSql(`alter table "contract" drop constraint if exists "contract_renewal_of_id_foreign";`);
    this.addSql(`alter table "contract" drop column if exists "renewal_of_id";`);
  }
}
