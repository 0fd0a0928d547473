import type Decimal from 'decimal.js';
import type { ChainRow } from './expenses.sql';

/** One head of the claimant's chain, with the authority that matters here (their expense limit). */
export interface ChainHead extends ChainRow {
  limit: Decimal;
}

/**
 * The steps of a round: heads nearest first up to the first whose limit covers `amount`; over budget, also up to the
 * first head above the claim's unit (the level that sets its budget). Null when nobody's limit covers the amount.
 */
export function stepsFor(chain: ChainHead[], amount: Decimal, overBudget: boolean): { head: ChainHead; forBudget: boolean }[] | null {
  const covering = chain.findIndex((head) => amount.lessThanOrEqualTo(head.limit));
  if (covering === -1) return null;
  const budgetLevel = overBudget ? chain.findIndex((head) => head.above_unit) : -1;
  const last = Math.max(covering, budgetLevel);
  return chain.slice(0, last + 1).map((head, index) => ({ head, forBudget: index > covering }));
}
