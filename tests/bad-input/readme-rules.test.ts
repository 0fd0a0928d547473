import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATE_MAX, DATE_MIN, DECIMAL, QUANTITY_MAX, TEXT, TRADING_CURRENCIES, type DecimalKind, type TextKind } from '../../api/validation';

/** The README's input rules are claims: its tables must say what api/validation enforces. */

const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Input rules'), readme.indexOf('\n## ', readme.indexOf('## Input rules') + 1));

/** The table rows whose first cell is a `kind`, as cells. */
function rows(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const match = /^\| `([A-Za-z]+)` \|(.*)\|$/.exec(line);
    if (match) found.set(match[1], match[2].split('|').map((cell) => cell.trim()));
  }
  return found;
}

const grouped = (value: string) => value.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

describe('the README’s input rules', () => {
  it('list every text kind with its limit and whether it keeps line breaks', () => {
    const table = rows();
    for (const [kind, rule] of Object.entries(TEXT) as [TextKind, (typeof TEXT)[TextKind]][]) {
      const cells = table.get(kind);
      expect([kind, cells?.[0]]).toEqual([kind, String(rule.maxLength)]);
      const lines = 'verbatim' in rule ? 'as sent' : 'multiline' in rule ? 'yes' : 'no';
      expect([kind, cells?.[1]]).toEqual([kind, lines]);
    }
  });

  it('list every decimal kind with its column and range', () => {
    const table = rows();
    for (const [kind, rule] of Object.entries(DECIMAL) as [DecimalKind, (typeof DECIMAL)[DecimalKind]][]) {
      const cells = table.get(kind);
      expect([kind, cells?.[0]]).toEqual([kind, `\`numeric(${rule.column.precision},${rule.column.scale})\``]);
      // Percentages are written as whole numbers, money with its cents.
      const max = rule.column.precision - rule.column.scale <= 3 ? rule.max.toFixed() : rule.max.toFixed(rule.column.scale);
      expect([kind, cells?.[1]]).toEqual([kind, `${rule.min.toFixed()} to ${grouped(max)}`]);
    }
  });

  it('state the quantity bound, the computed-total bound, the dates and the currencies', () => {
    expect(section).toContain(`| quantity | \`int\` | 1 to ${grouped(String(QUANTITY_MAX))} |`);
    expect(section).toContain(`| computed total | \`numeric(14,2)\` | up to ${grouped(DECIMAL.amount.max.toFixed(2))} |`);
    const prose = section.replace(/\s+/g, ' ');
    expect(prose).toContain(`between ${DATE_MIN} and ${DATE_MAX}`);
    expect(prose).toContain(`The company trades in ${TRADING_CURRENCIES.join(', ')} (ISO 4217)`);
  });
});
