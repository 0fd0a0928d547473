import { PeriodKind } from './targets.enums';

/** A calendar period as inclusive ISO dates (company time). */
export interface Period {
  kind: PeriodKind;
  start: string;
  end: string;
}

const MONTHS_IN: Record<PeriodKind, number> = { [PeriodKind.YEAR]: 12, [PeriodKind.QUARTER]: 3, [PeriodKind.MONTH]: 1 };

function isoDate(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

/** The period of `kind` that contains the ISO date `date`. */
export function periodContaining(kind: PeriodKind, date: string): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1;
  const length = MONTHS_IN[kind];
  const firstMonth = Math.floor(month / length) * length;
  return { kind, start: isoDate(year, firstMonth, 1), end: isoDate(year, firstMonth + length, 0) };
}

/** The period of `kind` starting on `start`; undefined when `start` is not such a period's first day. */
export function periodStartingOn(kind: PeriodKind, start: string): Period | undefined {
  const period = periodContaining(kind, start);
  return period.start === start ? period : undefined;
}

/** The periods of `childKind` that make up `period`, in order (a year's quarters or months, a quarter's months). */
export function subPeriods(period: Period, childKind: PeriodKind): Period[] {
  const count = MONTHS_IN[period.kind] / MONTHS_IN[childKind];
  const year = Number(period.start.slice(0, 4));
  const firstMonth = Number(period.start.slice(5, 7)) - 1;
  const step = MONTHS_IN[childKind];
  return Array.from({ length: count }, (_, index) => ({
    kind: childKind,
    start: isoDate(year, firstMonth + index * step, 1),
    end: isoDate(year, firstMonth + (index + 1) * step, 0),
  }));
}
