/**
 * A seeded pseudo-random generator (mulberry32: 32-bit state, fast, good enough for test data), so the bench
 * dataset is the same on every machine. Each kind of row draws from its own stream (`new Random(seed, 'quote')`),
 * so adding a column or a table later does not reshuffle every other table.
 */
export class Random {
  private state: number;

  constructor(seed: number, stream = '') {
    this.state = (seed ^ hashString(stream)) >>> 0;
  }

  /** 32 random bits as an unsigned integer. */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the keys of `weights`, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    let table = weightTables.get(weights);
    if (table === undefined) {
      const entries = Object.entries(weights) as [string, number][];
      table = { entries, total: entries.reduce((sum, [, weight]) => sum + weight, 0) };
      weightTables.set(weights, table);
    }
    const { entries, total } = table as { entries: [K, number][]; total: number };
    let remaining = this.next() * total;
    for (const [key, weight] of entries) {
      remaining -= weight;
      if (remaining < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /** `count` distinct indexes below `size` (count ≤ size), in random order. */
  distinctIndexes(size: number, count: number): number[] {
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(this.next() * size));
    return [...chosen];
  }

  /** A version-4-shaped uuid from this stream: random-looking like the API's, yet the same on every run. */
  uuid(): string {
    const a = hex32(this.uint32());
    const b = hex32(this.uint32());
    const c = hex32(((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0);
    const d = hex32(this.uint32());
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  }
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex32(value: number): string {
  return HEX_BYTES[value >>> 24] + HEX_BYTES[(value >>> 16) & 0xff] + HEX_BYTES[(value >>> 8) & 0xff] + HEX_BYTES[value & 0xff];
}

/** Weights objects are module constants, so their entries are worked out once. */
const weightTables = new WeakMap<object, { entries: [string, number][]; total: number }>();

/** FNV-1a: turns a stream name into 32 bits to mix into the seed. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
