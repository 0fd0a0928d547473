// @ts-check
/**
 * Calendar periods of the pickers: a month, quarter or year, named by its first day (`LocalDate`, as the API's
 * `PerformancePeriodInput.start` is) and labelled as the API labels buckets (`2026-03`, `2026-Q1`, `2026`).
 */

/** @typedef {import('./gql/operations').PeriodKind} PeriodKind */
/** @typedef {{ kind: PeriodKind, start: string, end: string }} Period */

/** @type {readonly PeriodKind[]} */
export const PERIOD_KINDS = ['MONTH', 'QUARTER', 'YEAR'];

/** How far back the pickers go, in years before the current one. */
const YEARS_BACK = 3;

/** @param {number} n */
const pad = (n) => String(n).padStart(2, '0');

/**
 * @param {number} year
 * @param {number} month 1–12; may run over, the date rolls into the next year
 */
function firstOfMonth(year, month) {
  const date = new Date(Date.UTC(year, month - 1, 1));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-01`;
}

/** @param {PeriodKind} kind */
function monthsIn(kind) {
  return kind === 'MONTH' ? 1 : kind === 'QUARTER' ? 3 : 12;
}

/**
 * Today in the browser, as a `LocalDate`: only the pickers' default depends on it.
 * @param {Date} [now]
 */
export function today(now = new Date()) {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The period of `kind` that contains `day`.
 * @param {PeriodKind} kind
 * @param {string} day a LocalDate
 * @returns {Period}
 */
export function periodContaining(kind, day) {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const firstMonth = kind === 'MONTH' ? month : kind === 'QUARTER' ? month - ((month - 1) % 3) : 1;
  return periodStarting(kind, firstOfMonth(year, firstMonth));
}

/**
 * @param {PeriodKind} kind
 * @param {string} start the period's first day
 * @returns {Period}
 */
export function periodStarting(kind, start) {
  const next = firstOfMonth(Number(start.slice(0, 4)), Number(start.slice(5, 7)) + monthsIn(kind));
  const end = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { kind, start, end };
}

/**
 * `2026-03`, `2026-Q1` or `2026`.
 * @param {Period} period
 */
export function periodLabel(period) {
  const year = period.start.slice(0, 4);
  if (period.kind === 'YEAR') return year;
  if (period.kind === 'QUARTER') return `${year}-Q${Math.floor((Number(period.start.slice(5, 7)) - 1) / 3) + 1}`;
  return period.start.slice(0, 7);
}

/**
 * The periods the picker offers, newest first: from January three years back to the one containing `day`.
 * @param {PeriodKind} kind
 * @param {string} day
 * @returns {Period[]}
 */
export function periodChoices(kind, day) {
  const choices = [];
  const first = `${Number(day.slice(0, 4)) - YEARS_BACK}-01-01`;
  for (let period = periodContaining(kind, day); period.start >= first; ) {
    choices.push(period);
    const previous = new Date(Date.parse(`${period.start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    period = periodContaining(kind, previous);
  }
  return choices;
}

/**
 * The last day of `period` that has come: its end, or `day` while it runs.
 * @param {Period} period
 * @param {string} day
 */
export function lastDayReached(period, day) {
  return period.end < day ? period.end : day;
}
