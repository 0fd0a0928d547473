/** The input policy: the text and number rules every argument is read by, the trading currencies, error paths. */
export { isTradingCurrency, TRADING_CURRENCIES, type TradingCurrency } from './currencies';
export { applyInputPolicy, DecimalOf, TextOf } from './input-policy';
export { inputErrorPaths } from './input-error-paths';
export {
  assertComputedAmount,
  columnMax,
  DATE_MAX,
  DATE_MIN,
  DECIMAL,
  DECIMAL_ARGUMENTS,
  decimalProblem,
  MONEY_COLUMN,
  PERCENT_COLUMN,
  QUANTITY_MAX,
  type DecimalKind,
  type DecimalRule,
  type NumericColumn,
} from './number-policy';
export { characterCount, readText, TEXT, TEXT_ARGUMENTS, type TextKind, type TextRule } from './text-policy';
export { constraintsMessage, CONSTRAINT_MESSAGES } from './validator-messages';
