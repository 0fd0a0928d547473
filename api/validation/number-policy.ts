import Decimal from 'decimal.js';
import { UserInputError } from '../errors';
import { msg, nested, type Message } from '../i18n';

/** A `numeric(precision, scale)` column: at most `precision − scale` digits before the point and `scale` after it. */
export interface NumericColumn {
  precision: number;
  scale: number;
}

/** Money columns (amounts, prices, costs, totals, limits): `numeric(14,2)`. */
export const MONEY_COLUMN: NumericColumn = { precision: 14, scale: 2 };

/** Discount columns: `numeric(5,2)`. */
export const PERCENT_COLUMN: NumericColumn = { precision: 5, scale: 2 };

/** The largest value a column holds, e.g. 999999999999.99 for `numeric(14,2)`. */
export function columnMax(column: NumericColumn): Decimal {
  return new Decimal(10).pow(column.precision - column.scale).minus(new Decimal(10).pow(-column.scale));
}

/** How one kind of decimal input is bounded: by its column, and by what is sane for it (never beyond the column). */
export interface DecimalRule {
  column: NumericColumn;
  min: Decimal;
  max: Decimal;
  usedFor: string;
}

function rule(column: NumericColumn, max: Decimal.Value | null, usedFor: string): DecimalRule {
  return { column, min: new Decimal(0), max: max === null ? columnMax(column) : new Decimal(max), usedFor };
}

/** The decimal kinds: every `Decimal` argument and input field has one (`@DecimalOf`, or by argument name). */
export const DECIMAL = {
  amount: rule(MONEY_COLUMN, '10000000000', 'deal amounts, credit limits, payments and allocations'),
  price: rule(MONEY_COLUMN, '100000000', 'unit costs, list, floor and quantity-break prices'),
  money: rule(MONEY_COLUMN, null, 'amount filters (`amountMin`, `amountMax`, `creditLimitMin`): the column’s whole range'),
  percent: rule(PERCENT_COLUMN, '100', 'discounts in percent'),
  score: rule({ precision: 7, scale: 2 }, '200', 'appraisal scores a reviewer sets'),
} as const satisfies Record<string, DecimalRule>;

export type DecimalKind = keyof typeof DECIMAL;

/** Decimals a plain argument carries, by its name. */
export const DECIMAL_ARGUMENTS: Readonly<Record<string, DecimalKind>> = {
  creditLimit: 'amount',
};

/** Units on one line of a quote, order, shipment, invoice or sell-through report, and a quantity break's minimum. */
export const QUANTITY_MAX = 1_000_000;

/** Dates and instants the API accepts: PostgreSQL has no year 0, and nobody sells before 1900 or after 9999. */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '9999-12-31';

/** Why a decimal does not fit `rule`, or null when it does. */
export function decimalProblem(value: string, rule: DecimalRule): Message | null {
  const decimal = new Decimal(value);
  const integerDigits = rule.column.precision - rule.column.scale;
  if (decimal.decimalPlaces() > rule.column.scale) return msg('must have at most {{scale}} decimals', { scale: rule.column.scale });
  if (decimal.abs().greaterThanOrEqualTo(new Decimal(10).pow(integerDigits))) return msg('must have at most {{digits}} digits before the decimal point', { digits: integerDigits });
  if (decimal.lessThan(rule.min)) return rule.min.isZero() ? 'must not be negative' : msg('must be at least {{min}}', { min: rule.min.toFixed() });
  if (decimal.greaterThan(rule.max)) return msg('must be at most {{max}}', { max: rule.max.toFixed() });
  return null;
}

/**
 * For computed values (a line total, a quote's total): refuses at `path` what would be above `max` (by default the
 * largest deal amount) instead of letting the database overflow or a deal grow absurd.
 */
export function assertComputedAmount(value: Decimal, path: string, what: Message, max: Decimal = DECIMAL.amount.max): void {
  if (value.greaterThan(max)) {
    throw UserInputError.field(path, msg('{{what}} would be {{value}}, above the largest allowed, {{max}}', { what: nested(what), value: value.toFixed(2), max: max.toFixed(2) }));
  }
}
