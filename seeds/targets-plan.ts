import Decimal from 'decimal.js';
import { v5 as uuidv5 } from 'uuid';
import { PeriodKind, TargetMetric } from '../schema/targets/targets.enums';

/**
 * A year of sales targets for an org tree, derived from what its sellers actually did (rows of
 * `sales_performance_fact`), as the demo and the bench datasets seed them. A seller's month is their year's run rate
 * shaped by the season and divided by their achievement factor for the metric, so some beat their target and some
 * miss it; booked sales are split by product line after the seller's own mix. Units add up their children (a unit
 * may keep a share of its booked sales back, unallocated); quarters and years add up their months.
 *
 * Every target but the company's year names its parent: the same slice one level up; at the company, a quarter's
 * parent is the year and a month's its quarter, and a product line's is the all-lines target of its period.
 */

export const TARGET_METRICS = [TargetMetric.BOOKED_SALES, TargetMetric.COLLECTIONS, TargetMetric.NEW_CUSTOMERS, TargetMetric.VISITS] as const;

/** A unit of the org tree: the company (no parent), a region, a team. */
export interface TargetUnit {
  key: string;
  id: string;
  parentKey: string | null;
  /** The head of the unit above it, who sets its targets (the company's own: its head). */
  setById: string;
}

/** A person with personal targets, in a unit. */
export interface TargetSeller {
  userId: string;
  unitKey: string;
  /** Who sets their targets: the head of their unit. */
  setById: string;
  /** Actual ÷ target per metric (1 = exactly on target); NEW_CUSTOMERS is a count, its factor scales the count. */
  factors: Record<TargetMetric, number>;
}

/** One summed row of `sales_performance_fact`: a person's month of one metric, per product line for booked sales. */
export interface TargetFact {
  userId: string;
  metric: TargetMetric;
  month: number;
  /** Product line code, for booked sales; null otherwise. */
  line: string | null;
  value: number;
}

export interface TargetPlanInput {
  year: number;
  units: TargetUnit[];
  sellers: TargetSeller[];
  /** The year's facts so far. */
  facts: TargetFact[];
  /** How many months of the year the facts cover (fractional): the run rate's divisor. */
  elapsedMonths: number;
  /** Monthly weights, averaging 1. */
  season: readonly number[];
  /** Product line code → id, in a fixed order. */
  lines: [string, string][];
  /** A unit keeping a share of its booked sales back from its children (预留, shown as unallocated). */
  reserve?: { unitKey: string; share: number };
  reason: string;
  setOn: Date;
}

/** A row of `sales_target`, with its parent's id. */
export interface TargetRow {
  id: string;
  metric: TargetMetric;
  periodKind: PeriodKind;
  periodStart: string;
  orgUnitId: string | null;
  userId: string | null;
  productLineId: string | null;
  parentId: string | null;
  value: string;
  setById: string;
  reason: string;
  setOn: Date;
}

const ID_NAMESPACE = '5d3c1a8e-7b42-4f0e-9c61-2a8d4e6f1b73';
const MONTHS = Array.from({ length: 12 }, (_, index) => index + 1);

/** Splits a whole `total` into parts by `weights` (largest remainder), so the parts add up exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map((_, index) => (index === 0 ? total : 0));
  const raw = weights.map((weight) => (total * weight) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((value, index) => [value - Math.floor(value), index] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; left > 0; i = (i + 1) % order.length, left--) parts[order[i][1]]++;
  return parts;
}

const isMoney = (metric: TargetMetric) => metric === TargetMetric.BOOKED_SALES || metric === TargetMetric.COLLECTIONS;
const dateOf = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;

/** The targets of every level, period, metric and (booked sales) product line. */
export function planTargets(input: TargetPlanInput): TargetRow[] {
  const { year, season } = input;
  const lineCodes = input.lines.map(([code]) => code);
  const lineIds = new Map(input.lines);
  // level key → `${month}|${metric}|${line}` → value ('' = all lines)
  const values = new Map<string, Map<string, Decimal>>();
  const slot = (month: number, metric: TargetMetric, line: string) => `${month}|${metric}|${line}`;

  const facts = new Map<string, number>();
  for (const fact of input.facts) {
    for (const key of [`${fact.userId}|${fact.metric}|`, `${fact.userId}|${fact.metric}|${fact.line ?? ''}`]) facts.set(key, (facts.get(key) ?? 0) + fact.value);
  }
  const actual = (userId: string, metric: TargetMetric, line = '') => (line === '' ? (facts.get(`${userId}|${metric}|`) ?? 0) : (facts.get(`${userId}|${metric}|${line}`) ?? 0));

  for (const seller of input.sellers) {
    const own = new Map<string, Decimal>();
    values.set(seller.userId, own);
    for (const metric of TARGET_METRICS) {
      if (metric === TargetMetric.NEW_CUSTOMERS) {
        // Whole customers: the year's count at the seller's factor, spread over the months by season.
        const count = Math.max(1, Math.round(actual(seller.userId, metric) / seller.factors[metric]));
        apportion(count, season).forEach((value, m) => own.set(slot(m + 1, metric, ''), new Decimal(value)));
        continue;
      }
      const monthly = actual(seller.userId, metric) / input.elapsedMonths;
      for (const month of MONTHS) {
        const raw = (monthly * season[month - 1]) / seller.factors[metric];
        if (!isMoney(metric)) {
          own.set(slot(month, metric, ''), new Decimal(Math.max(1, Math.round(raw))));
          continue;
        }
        // Whole hundreds of CNY; booked sales by the seller's own product-line mix.
        const hundreds = Math.round(raw / 100);
        own.set(slot(month, metric, ''), new Decimal(hundreds * 100));
        if (metric !== TargetMetric.BOOKED_SALES) continue;
        const weights = lineCodes.map((code) => actual(seller.userId, metric, code));
        apportion(hundreds, weights).forEach((part, i) => own.set(slot(month, metric, lineCodes[i]), new Decimal(part * 100)));
      }
    }
  }

  // Units add up their children, deepest first.
  const children = new Map<string, string[]>();
  for (const unit of input.units) if (unit.parentKey !== null) children.set(unit.parentKey, [...(children.get(unit.parentKey) ?? []), unit.key]);
  for (const seller of input.sellers) children.set(seller.unitKey, [...(children.get(seller.unitKey) ?? []), seller.userId]);
  const keys = new Set<string>();
  for (const own of values.values()) for (const key of own.keys()) keys.add(key);
  const company = input.units.find((unit) => unit.parentKey === null);
  if (company === undefined) throw new Error('the org tree has no company');
  const sumUp = (unitKey: string): void => {
    const kids = children.get(unitKey) ?? [];
    for (const kid of kids) if (!values.has(kid)) sumUp(kid);
    const own = new Map<string, Decimal>();
    for (const key of keys) own.set(key, kids.reduce((sum, kid) => sum.plus(values.get(kid)?.get(key) ?? 0), new Decimal(0)));
    if (input.reserve?.unitKey === unitKey) {
      for (const month of MONTHS) {
        const allLines = slot(month, TargetMetric.BOOKED_SALES, '');
        const held = new Decimal(Math.round((own.get(allLines)!.toNumber() * input.reserve.share) / 100) * 100);
        own.set(allLines, own.get(allLines)!.plus(held));
        // The reserve sits on the unit's strongest line, so its lines still add up to it.
        const strongest = lineCodes.reduce((best, code) => (own.get(slot(month, TargetMetric.BOOKED_SALES, code))!.greaterThan(own.get(slot(month, TargetMetric.BOOKED_SALES, best))!) ? code : best));
        const strongestKey = slot(month, TargetMetric.BOOKED_SALES, strongest);
        own.set(strongestKey, own.get(strongestKey)!.plus(held));
      }
    }
    values.set(unitKey, own);
  };
  sumUp(company.key);

  const periods: { kind: PeriodKind; start: string; months: number[] }[] = [
    { kind: PeriodKind.YEAR, start: dateOf(year, 1), months: MONTHS },
    ...[1, 2, 3, 4].map((q) => ({ kind: PeriodKind.QUARTER, start: dateOf(year, q * 3 - 2), months: [q * 3 - 2, q * 3 - 1, q * 3] })),
    ...MONTHS.map((m) => ({ kind: PeriodKind.MONTH, start: dateOf(year, m), months: [m] })),
  ];
  const quarterOf = (start: string) => dateOf(year, Math.floor((Number(start.slice(5, 7)) - 1) / 3) * 3 + 1);
  // Ids follow from the slice, so a child finds its parent's id without a lookup, and a rerun makes the same rows.
  const idOf = (level: string, kind: PeriodKind, start: string, metric: TargetMetric, line: string) => uuidv5(`${level}|${kind}|${start}|${metric}|${line}`, ID_NAMESPACE);
  const parentKeyOf = new Map<string, string>();
  for (const unit of input.units) if (unit.parentKey !== null) parentKeyOf.set(unit.key, unit.parentKey);
  for (const seller of input.sellers) parentKeyOf.set(seller.userId, seller.unitKey);
  const unitById = new Map(input.units.map((unit) => [unit.key, unit]));
  const sellerById = new Map(input.sellers.map((seller) => [seller.userId, seller]));

  const rows: TargetRow[] = [];
  // Parents before children: the company first, then down the tree.
  const order: string[] = [company.key];
  for (let i = 0; i < order.length; i++) order.push(...(children.get(order[i]) ?? []));
  for (const level of order) {
    const unit = unitById.get(level);
    const own = values.get(level)!;
    const parentLevel = parentKeyOf.get(level);
    for (const period of periods) {
      for (const metric of TARGET_METRICS) {
        for (const line of metric === TargetMetric.BOOKED_SALES ? ['', ...lineCodes] : ['']) {
          let parentId: string | null = null;
          if (parentLevel !== undefined) parentId = idOf(parentLevel, period.kind, period.start, metric, line);
          else if (line !== '') parentId = idOf(level, period.kind, period.start, metric, '');
          else if (period.kind === PeriodKind.QUARTER) parentId = idOf(level, PeriodKind.YEAR, periods[0].start, metric, '');
          else if (period.kind === PeriodKind.MONTH) parentId = idOf(level, PeriodKind.QUARTER, quarterOf(period.start), metric, '');
          rows.push({
            id: idOf(level, period.kind, period.start, metric, line),
            metric,
            periodKind: period.kind,
            periodStart: period.start,
            orgUnitId: unit?.id ?? null,
            userId: unit === undefined ? level : null,
            productLineId: line === '' ? null : lineIds.get(line)!,
            parentId,
            value: period.months.reduce((sum, month) => sum.plus(own.get(slot(month, metric, line)) ?? 0), new Decimal(0)).toFixed(2),
            setById: unit?.setById ?? sellerById.get(level)!.setById,
            reason: input.reason,
            setOn: input.setOn,
          });
        }
      }
    }
  }
  return rows;
}
