import type pg from 'pg';
import type { NumberSequence } from '../../api/database/sequences';
import { fromEpochMillis } from './bulk-insert';

// Money is handled in integer cents in the generator: exact like decimal.js (and checked equal to it), and much
// faster over hundreds of thousands of lines. It goes to PostgreSQL as numeric text.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** YYYY-MM-DD of a UTC time in milliseconds. */
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The UTC midnight starting the day of `ms`. */
export const dayStart = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

/** '1234.5' or '1234.50' → 123450 */
export function centsOf(amount: string): number {
  const [whole, fraction = ''] = amount.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

export function formatCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** A discount in half percent steps (0–20 → 0.00–10.00 %) as numeric text. */
export function formatHalfPercent(halfPercent: number): string {
  return `${Math.floor(halfPercent / 2)}.${halfPercent % 2 === 0 ? '00' : '50'}`;
}

/** A timestamptz column written as milliseconds since 1970. */
export const timestamp = (name: string): [string, string, string] => [name, 'int8', fromEpochMillis(name)];

/** A line priced like the quote service prices it (discount in half percent steps). */
export interface PricedLine {
  productId: string;
  quantity: number;
  listPriceCents: number;
  discount: number;
  unitPriceCents: number;
  unitCostCents: number;
}

export interface PricedLines {
  lines: PricedLine[];
  listTotalCents: number;
  totalCents: number;
  /** In half percent steps, like each line's discount. */
  maxDiscount: number;
}

/**
 * The number a sequence handed out last (0 when never used), so generated numbers continue it. Reads without
 * consuming: the generator sets the sequence past its own numbers when done.
 */
export async function sequenceBase(client: pg.ClientBase, sequence: NumberSequence): Promise<number> {
  const result = await client.query<{ last_value: string; is_called: boolean }>(`select last_value, is_called from ${sequence}`);
  const [row] = result.rows;
  return row.is_called ? Number(row.last_value) : 0;
}
