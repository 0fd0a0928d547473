import Decimal from 'decimal.js';
import type { FieldProblem } from '../../api/errors';
import { msg } from '../../api/i18n';

/**
 * Rules for catalogue master data, shared by the API's mutations and the admin UI's hooks so both refuse the same
 * input with the same message. Each returns the problems found (empty: valid), with paths relative to `prefix`.
 */

/** Upper-case letters and digits in hyphen-separated groups, 3 to 40 characters: SEN-PT100-01. */
export const SKU_PATTERN = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;

export function skuProblems(sku: string, path = 'sku'): FieldProblem[] {
  if (sku.length < 3 || sku.length > 40) return [{ path, message: 'must be 3 to 40 characters long' }];
  if (!SKU_PATTERN.test(sku)) {
    return [{ path, message: 'must be upper-case letters and digits in groups joined by hyphens, e.g. SEN-PT100-01' }];
  }
  return [];
}

export function nonNegativeProblems(value: string, path: string): FieldProblem[] {
  return new Decimal(value).isNegative() ? [{ path, message: 'must not be negative' }] : [];
}

export interface QuantityBreakInput {
  minQuantity: number;
  unitPrice: string;
}

/** Floor ≥ 0, floor ≤ list price; quantity breaks ascending, each price between the floor and the list price. */
export function priceProblems(listPrice: string, floorPrice: string, breaks: QuantityBreakInput[], prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const list = new Decimal(listPrice);
  const floor = new Decimal(floorPrice);
  if (list.isNegative()) problems.push({ path: `${prefix}listPrice`, message: 'must not be negative' });
  if (floor.isNegative()) problems.push({ path: `${prefix}floorPrice`, message: 'must not be negative' });
  if (floor.greaterThan(list)) problems.push({ path: `${prefix}floorPrice`, message: 'must not be above the list price' });
  let previous = 1;
  breaks.forEach((quantityBreak, index) => {
    const path = `${prefix}quantityBreaks.${index}`;
    if (!Number.isInteger(quantityBreak.minQuantity) || quantityBreak.minQuantity <= previous) {
      problems.push({ path: `${path}.minQuantity`, message: msg('must be a whole number above {{previous}} and above the previous break', { previous }) });
    }
    previous = Math.max(previous, quantityBreak.minQuantity);
    const price = new Decimal(quantityBreak.unitPrice);
    if (price.lessThan(floor) || price.greaterThan(list)) {
      problems.push({ path: `${path}.unitPrice`, message: 'must lie between the floor price and the list price' });
    }
  });
  return problems;
}

/** `to` (inclusive, optional) must not come before `from`. Dates are ISO `YYYY-MM-DD`, so they compare as text. */
export function dateRangeProblems(from: string, to: string | null | undefined, toPath: string): FieldProblem[] {
  if (to !== null && to !== undefined && to < from) return [{ path: toPath, message: msg('must not be before {{from}}', { from }) }];
  return [];
}

/** True when two inclusive date ranges (open-ended when `to` is null) share a day. */
export function dateRangesOverlap(aFrom: string, aTo: string | null, bFrom: string, bTo: string | null): boolean {
  return (aTo === null || bFrom <= aTo) && (bTo === null || aFrom <= bTo);
}

export interface TierInput {
  achievementFrom: string;
  achievementTo: string | null;
  ratePercent: string;
}

/** Commission tiers: from < to, rates 0–100 %, and no two tiers covering the same achievement. */
export function tierProblems(tiers: TierInput[], prefix = 'tiers'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  tiers.forEach((tier, index) => {
    const path = `${prefix}.${index}`;
    const from = new Decimal(tier.achievementFrom);
    if (from.isNegative()) problems.push({ path: `${path}.achievementFrom`, message: 'must not be negative' });
    if (tier.achievementTo !== null && new Decimal(tier.achievementTo).lessThanOrEqualTo(from)) {
      problems.push({ path: `${path}.achievementTo`, message: 'must be above achievementFrom' });
    }
    const rate = new Decimal(tier.ratePercent);
    if (rate.isNegative() || rate.greaterThan(100)) problems.push({ path: `${path}.ratePercent`, message: 'must be between 0 and 100' });
  });
  const sorted = tiers.map((tier, index) => ({ tier, index })).sort((a, b) => new Decimal(a.tier.achievementFrom).comparedTo(b.tier.achievementFrom));
  for (let i = 1; i < sorted.length; i += 1) {
    const before = sorted[i - 1].tier;
    const current = sorted[i];
    if (before.achievementTo === null || new Decimal(current.tier.achievementFrom).lessThan(before.achievementTo)) {
      problems.push({ path: `${prefix}.${current.index}.achievementFrom`, message: 'overlaps the range of another tier' });
    }
  }
  return problems;
}
