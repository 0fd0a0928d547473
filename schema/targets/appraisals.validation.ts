import Decimal from 'decimal.js';
import type { FieldProblem } from '../../api/errors';
import { msg } from '../../api/i18n';

/**
 * An active scorecard's weights add up to 100 (the database checks it at commit too): the problem to show at `path`,
 * if any. The admin calls it before saving a scorecard or one of its indicators.
 */
export function scorecardWeightProblems(weights: readonly string[], path: string): FieldProblem[] {
  const total = weights.reduce((sum, weight) => sum.plus(weight), new Decimal(0));
  if (total.eq(100)) return [];
  return [{ path, message: msg('the weights of an active scorecard add up to 100, not {{total}}: deactivate it to change its indicators', { total: total.toFixed() }) }];
}
