import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';

/**
 * What is open on an invoice not yet PAID, in cents, for the receivables aging: written only by the trigger on
 * `invoice` (migration 20261213090000), never through the ORM; not exposed as a type. Plain ids, no relations: it is
 * a copy of invoice columns that the trigger keeps in step, deleted with its invoice.
 */
@Entity({ tableName: 'receivable_open_item' })
// The aging reads the viewer's owners' open items by issue date and sums them from the index alone.
@Index({
  name: 'receivable_open_item_owner_issue_date_idx',
  expression: `create index "receivable_open_item_owner_issue_date_idx" on "receivable_open_item" ("owner_id", "issue_date") include ("customer_id", "due_date", "open_cents")`,
})
export class ReceivableOpenItem {
  @PrimaryKey({ type: 'uuid' })
  invoiceId!: string;

  @Property({ type: 'uuid' })
  ownerId!: string;

  @Property({ type: 'uuid' })
  customerId!: string;

  @Property({ type: 'date' })
  issueDate!: string;

  @Property({ type: 'date' })
  dueDate!: string;

  /** `amount − paidAmount` of the invoice × 100. */
  @Property({ type: 'bigint' })
  openCents!: string;
}
