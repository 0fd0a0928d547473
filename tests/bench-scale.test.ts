import { BENCH_DATASET, benchDataset, expectedBenchRows } from '../seeds/bench/bench-dataset';
import { duration, LoadProgress } from '../seeds/bench/load-progress';

/** `npm run seed:bench -- --scale N`: what a scale factor generates, and how the load reports its progress. */
describe('bench dataset at a scale', () => {
  it('is the dataset of the figures at scale 1', () => {
    expect(benchDataset(1)).toEqual(BENCH_DATASET);
  });

  it('multiplies customers, deals and quote lines by the scale, and order to cash by its own scale', () => {
    const tenfold = benchDataset(10, 1);
    expect(tenfold).toMatchObject({ scale: 10, customers: 200_000, opportunities: 1_000_000, quoteLines: 3_000_000, contracts: 30_000, orders: 200_000 });
    expect(tenfold.repsPerRegion).toEqual(BENCH_DATASET.repsPerRegion);
    expect(benchDataset(3)).toMatchObject({ opportunities: 300_000, contracts: 90_000, orders: 600_000 });
  });

  it('refuses a scale that is not a whole number from 1 up, or order to cash above the deals', () => {
    expect(() => benchDataset(0)).toThrow('whole number');
    expect(() => benchDataset(2.5)).toThrow('whole number');
    expect(() => benchDataset(Number('ten'))).toThrow('whole number');
    expect(() => benchDataset(2, 3)).toThrow('cannot exceed');
  });

  it('estimates the rows to load from the scale-1 counts', () => {
    expect(expectedBenchRows(BENCH_DATASET)).toBe(3_821_546);
    expect(expectedBenchRows(benchDataset(10, 1))).toBe(11_846_072);
    expect(expectedBenchRows(benchDataset(10))).toBe(38_041_940);
  });
});

describe('load progress', () => {
  it('prints rows done, the rate and the time left at most once per interval', () => {
    const lines: string[] = [];
    const progress = new LoadProgress(1_000_000, (line) => lines.push(line), 60_000);
    progress.add(10_000);
    expect(lines).toEqual([]);
    expect(progress.rows).toBe(10_000);
    expect(progress.describe()).toMatch(/^10,000 of ~1,000,000 rows \(1 %\), [\d,]+ rows\/s, ~.+ left$/);
  });

  it('says durations in seconds, minutes or hours', () => {
    expect(duration(Number.NaN)).toBe('?');
    expect(duration(12.4)).toBe('12 s');
    expect(duration(271)).toBe('4 min 31 s');
    expect(duration(3_720)).toBe('1 h 02 min');
  });
});
