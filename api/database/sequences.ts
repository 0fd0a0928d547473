import type { EntityManager } from '@mikro-orm/postgresql';

/** Sequences created by the migrations for human-readable document numbers. */
export type NumberSequence =
  | 'customer_code_seq'
  | 'quote_number_seq'
  | 'contract_number_seq'
  | 'order_number_seq'
  | 'shipment_number_seq'
  | 'invoice_number_seq'
  | 'payment_number_seq';

/** The next number of `sequence` as `<prefix>000042` (at least six digits). */
export async function nextNumber(em: EntityManager, sequence: NumberSequence, prefix: string): Promise<string> {
  const [row] = await em.execute<{ value: string }[]>(`select nextval('${sequence}')::text as value`);
  return `${prefix}${row.value.padStart(6, '0')}`;
}
