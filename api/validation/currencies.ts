/**
 * The ISO 4217 currencies the company trades in: CNY, its own and the demo data's; HKD for the Hong Kong trade of the
 * 华南 distributors; USD and EUR for the overseas business the requirements plan (海外市场拓展). A price list, an
 * opportunity and everything priced from them is in one of these; any other code is refused.
 */
export const TRADING_CURRENCIES = ['CNY', 'HKD', 'USD', 'EUR'] as const;

export type TradingCurrency = (typeof TRADING_CURRENCIES)[number];

/** Whether `code` (already upper-case) is one of the trading currencies. */
export function isTradingCurrency(code: string): code is TradingCurrency {
  return (TRADING_CURRENCIES as readonly string[]).includes(code);
}
