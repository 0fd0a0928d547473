/**
 * Progress of a long bulk load: rows done against an estimate of the total, the rate since the load began and the
 * time left at that rate, printed at most once per `intervalMs` (a scale-10 load runs for tens of minutes).
 */
export class LoadProgress {
  private done = 0;
  private readonly started = performance.now();
  private lastPrinted = performance.now();

  constructor(
    /** Rows the load is expected to insert: an estimate (tests/bench/README.md, "Scale"). */
    private readonly expectedRows: number,
    private readonly print: (message: string) => void,
    private readonly intervalMs = 5_000,
  ) {}

  /** Counts `rows` as sent; prints a line when the interval has passed. */
  add(rows: number): void {
    this.done += rows;
    const now = performance.now();
    if (now - this.lastPrinted < this.intervalMs) return;
    this.lastPrinted = now;
    this.print(this.describe(now));
  }

  /** Rows counted so far. */
  get rows(): number {
    return this.done;
  }

  /** "1,234,567 of ~12,400,000 rows (10 %), 41,230 rows/s, ~4 min 31 s left" */
  describe(now = performance.now()): string {
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const share = Math.min(100, (100 * this.done) / this.expectedRows);
    const left = rate > 0 ? Math.max(0, this.expectedRows - this.done) / rate : Number.NaN;
    return `${count(this.done)} of ~${count(this.expectedRows)} rows (${share.toFixed(0)} %), ${count(rate)} rows/s, ~${duration(left)} left`;
  }
}

const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function count(value: number): string {
  return numbers.format(Math.round(value));
}

/** `4 min 31 s`, `12 s`, `1 h 02 min`; `?` before any rate is known. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  if (total < 3600) return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
  return `${Math.floor(total / 3600)} h ${String(Math.floor((total % 3600) / 60)).padStart(2, '0')} min`;
}
