import Decimal from 'decimal.js';
import { GraphQLScalarType, Kind } from 'graphql';

const DECIMAL_PATTERN = /^-?\d{1,15}(\.\d{1,6})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL_PATTERN.test(text.trim())) {
    throw new TypeError('Decimal must be a decimal number written as a string, such as "1280.50"');
  }
  return new Decimal(text.trim()).toFixed();
}

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
/** Already as decimal.js prints it: no leading zeros, no trailing zeros after the point. */
const CANONICAL_DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/**
 * `new Decimal(value).toFixed()` for the plain decimal strings PostgreSQL's numeric gives ("2400000.00" →
 * "2400000", "-0.50" → "-0.5"), by string edits; anything else through decimal.js. Big reports serialize tens of
 * thousands of amounts, and parsing each into a Decimal only to print it again was a tenth of their time.
 */
export function serializeDecimal(value: unknown): string {
  if (typeof value === 'string' && CANONICAL_DECIMAL.test(value) && value !== '-0') return value;
  const match = typeof value === 'string' ? PLAIN_DECIMAL.exec(value) : null;
  if (match === null) return new Decimal(value as Decimal.Value).toFixed();
  const [, sign, integerDigits, fractionDigits = ''] = match;
  const integer = integerDigits.replace(/^0+(?=\d)/, '');
  const fraction = fractionDigits.replace(/0+$/, '');
  if (integer === '0' && fraction === '') return '0';
  return `${sign}${integer}${fraction === '' ? '' : `.${fraction}`}`;
}

/**
 * Money and rates travel as decimal strings ("1280.50"), never floats, so no client ever rounds a price.
 * Stored as `numeric` in PostgreSQL.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "1280.50". Used for money, percentages and rates.',
  serialize: serializeDecimal,
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT) {
      throw new TypeError('Decimal must be a string such as "1280.50"');
    }
    return parseDecimal(ast.value);
  },
});
