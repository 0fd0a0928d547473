import Decimal from 'decimal.js';
import { translate } from '../../i18n';
import { assertComputedAmount, columnMax, DECIMAL, decimalProblem as problemOf, MONEY_COLUMN, PERCENT_COLUMN, type DecimalRule } from '../number-policy';

/** Why the policy refuses `value`, in English, or null. */
const decimalProblem = (value: string, rule: DecimalRule): string | null => {
  const problem = problemOf(value, rule);
  return problem === null ? null : translate(problem, 'en');
};

describe('the number policy', () => {
  it('knows what a numeric(p,s) column holds', () => {
    expect(columnMax(MONEY_COLUMN).toFixed()).toBe('999999999999.99');
    expect(columnMax(PERCENT_COLUMN).toFixed()).toBe('999.99');
  });

  it('refuses more integer digits or decimals than the column holds', () => {
    expect(decimalProblem('999999999999999', DECIMAL.money)).toBe('must have at most 12 digits before the decimal point');
    expect(decimalProblem('1000000000000', DECIMAL.money)).toBe('must have at most 12 digits before the decimal point');
    expect(decimalProblem('999999999999.99', DECIMAL.money)).toBeNull();
    expect(decimalProblem('1.001', DECIMAL.money)).toBe('must have at most 2 decimals');
    expect(decimalProblem('12.5', DECIMAL.percent)).toBeNull();
    expect(decimalProblem('12.555', DECIMAL.percent)).toBe('must have at most 2 decimals');
  });

  it('bounds each kind sanely within its column: amounts, prices, discounts', () => {
    expect(decimalProblem('10000000000', DECIMAL.amount)).toBeNull();
    expect(decimalProblem('10000000000.01', DECIMAL.amount)).toBe('must be at most 10000000000');
    expect(decimalProblem('100000000.01', DECIMAL.price)).toBe('must be at most 100000000');
    expect(decimalProblem('100.01', DECIMAL.percent)).toBe('must be at most 100');
    expect(decimalProblem('-0.01', DECIMAL.amount)).toBe('must not be negative');
  });

  it('refuses a computed total beyond the largest deal amount at the path given', () => {
    expect(() => assertComputedAmount(new Decimal('10000000000'), 'input.lines', 'the order’s total')).not.toThrow();
    try {
      assertComputedAmount(new Decimal('2147483647').times('192.00'), 'input.lines.0.quantity', 'the line total at list price');
      throw new Error('not refused');
    } catch (error) {
      expect((error as { extensions: Record<string, unknown> }).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'input.lines.0.quantity', message: expect.stringMatching(/412316860224\.00, above the largest allowed/) }],
      });
    }
  });
});
