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

/**
 * Money and rates travel as decimal strings ("1280.50"), never floats, so no client ever rounds a price.
 * Stored as `numeric` in PostgreSQL.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "1280.50". Used for money, percentages and rates.',
  serialize: (value) => new Decimal(value as string).toFixed(),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT) {
      throw new TypeError('Decimal must be a string such as "1280.50"');
    }
    return parseDecimal(ast.value);
  },
});
