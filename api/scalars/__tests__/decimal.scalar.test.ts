import Decimal from 'decimal.js';
import { serializeDecimal } from '../decimal.scalar';

describe('serializeDecimal', () => {
  it('prints what decimal.js prints, for PostgreSQL numerics and for anything else', () => {
    const written = ['2400000.00', '-0.00', '0.00', '0', '-0', '00012.500', '-12.30', '0.05', '-0.050', '100', '1000.10', '999999999999999.999999'];
    const other = ['1e5', '.5', '5.', 12.5, 0, -3, 1e21];
    for (const value of [...written, ...other]) expect([value, serializeDecimal(value)]).toEqual([value, new Decimal(value).toFixed()]);
  });

  it('agrees with decimal.js on generated numerics of every scale', () => {
    let seed = 17;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 5000; i += 1) {
      const scale = Math.floor(random() * 7);
      const digits = String(Math.floor(random() * 10 ** Math.floor(random() * 15))).padStart(scale + 1, '0');
      const text = `${random() < 0.3 ? '-' : ''}${scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`}`;
      expect([text, serializeDecimal(text)]).toEqual([text, new Decimal(text).toFixed()]);
    }
  });
});
