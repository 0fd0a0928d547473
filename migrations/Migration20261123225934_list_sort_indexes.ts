import { Migration } from '@mikro-orm/migrations';

/** Keyset sorts of the unfiltered visit, complaint and approval lists: (sort column, id). */
export class Migration20261123225934_list_sort_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "complaint_sla_due_at_id_idx" on "complaint" ("sla_due_at", "id");`);

    this.addSql(`create index "approval_request_created_at_id_idx" on "approval_request" ("created_at", "id");`);

    this.addSql(`create index "visit_visited_on_id_idx" on "visit" ("visited_on", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "approval_request_created_at_id_idx";`);

    this.addSql(`drop index "complaint_sla_due_at_id_idx";`);

    this.addSql(`drop index "visit_visited_on_id_idx";`);
  }

}
