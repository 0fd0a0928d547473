import { Migration } from '@mikro-orm/migrations';

/** At most one contract per quote that is not terminated (the guard behind createContract's CONFLICT). */
export class Migration20261203122929_contract_quote_open_unique extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create unique index "contract_quote_open_unique" on "contract" ("quote_id") where "status" <> 'TERMINATED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "contract_quote_open_unique";`);
  }

}
