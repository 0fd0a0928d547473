import { Migration } from '@mikro-orm/migrations';

/** Orders by total (`orders(orderBy: TOTAL_DESC)`) read from an index in keyset order. */
export class Migration20261203123657_order_total_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "sales_order_total_id_idx" on "sales_order" ("total", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "sales_order_total_id_idx";`);
  }

}
