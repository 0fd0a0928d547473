import Decimal from 'decimal.js';

/** What an indicator line is scored from. */
export interface LineFigures {
  target: string | null;
  actual: string;
  capPercent: string;
}

/** A line's achievement and computed score, both in percent to 2 places; null without a (positive) target. */
export interface LineScore {
  ratePercent: string | null;
  computedScore: string | null;
}

/**
 * The scoring rule of an indicator: achievement = actual ÷ target × 100, score = min(achievement, cap). Without a
 * target (none set, or zero) the line is not scored: nobody is marked down for a target that was never given.
 */
export function scoreLine(line: LineFigures): LineScore {
  if (line.target === null || new Decimal(line.target).lte(0)) return { ratePercent: null, computedScore: null };
  const rate = new Decimal(line.actual).div(line.target).times(100);
  return {
    ratePercent: rate.toDecimalPlaces(2).toFixed(2),
    computedScore: Decimal.min(rate, line.capPercent).toDecimalPlaces(2).toFixed(2),
  };
}

/** The reviewer and the confirmer of a person's appraisal, from the heads of the units above them (nearest first). */
export function reviewChain(headsNearestFirst: readonly string[], personId: string): { reviewerId: string | null; confirmerId: string | null } {
  const heads: string[] = [];
  for (const head of headsNearestFirst) {
    if (head !== personId && heads[heads.length - 1] !== head) heads.push(head);
  }
  return { reviewerId: heads[0] ?? null, confirmerId: heads[1] ?? null };
}
