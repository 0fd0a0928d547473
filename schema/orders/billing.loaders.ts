import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

/**
 * Billing's batched lookups, merged into `ctx.loaders.orders`. Keys are invoices the viewer already sees (their row
 * was scoped when it was read).
 */
export function createBillingLoaders(em: EntityManager) {
  return {
    /** Days past the due date while something is open, as of the database's today; 0 otherwise. One statement per page. */
    daysOverdueByInvoiceId: new DataLoader<string, number>(async (invoiceIds) => {
      const rows = await em.execute<{ id: string; days: number }[]>(
        `select id, current_date - due_date as days from invoice where id in (?) and status <> 'PAID' and due_date < current_date`,
        [[...invoiceIds]],
      );
      const byId = new Map(rows.map((row) => [row.id, Number(row.days)]));
      return invoiceIds.map((id) => byId.get(id) ?? 0);
    }),
  };
}
