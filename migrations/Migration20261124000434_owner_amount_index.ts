import { Migration } from '@mikro-orm/migrations';

/** A rep's own opportunities by amount read from one index range instead of filtering the whole amount index. */
export class Migration20261124000434_owner_amount_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "opportunity_owner_amount_id_idx" on "opportunity" ("owner_id", "amount", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "opportunity_owner_amount_id_idx";`);
  }

}
