import Decimal from 'decimal.js';
import { serializeDecimal } from '../../../api/scalars/decimal.scalar';
import { centsToDecimal } from '../receivables.service';

describe('cents back to decimals', () => {
  it('prints amounts as the Decimal scalar does: no trailing zeros, "0" for zero', () => {
    expect(['0', '5', '10', '100', '1205', '1230', '1200', '-5', '-100', '137757538410'].map(centsToDecimal)).toEqual([
      '0', '0.05', '0.1', '1', '12.05', '12.3', '12', '-0.05', '-1', '1377575384.1',
    ]);
  });

  it('equals cents ÷ 100, and is already what the scalar serializes, for every remainder', () => {
    for (let cents = -1000; cents <= 1000; cents += 7) {
      const text = centsToDecimal(String(cents));
      expect(text).toBe(new Decimal(cents).div(100).toFixed());
      expect(serializeDecimal(text)).toBe(text);
    }
  });
});
