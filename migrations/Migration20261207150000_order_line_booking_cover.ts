import { Migration } from '@mikro-orm/migrations';

/**
 * Booked sales (the BOOKED_SALES branch of `sales_performance_fact`) read an order's lines for their product and line
 * total: with both in the index, a unit's or the company's year (191,070 orders, 575,261 lines on the bench) reads
 * the lines from the index alone, without visiting the table (tests/bench/README.md, the performance scenarios).
 */
export class Migration20261207150000_order_line_booking_cover extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "order_line_order_booking_idx" on "order_line" ("order_id") include ("product_id", "line_total");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "order_line_order_booking_idx";`);
  }
}
