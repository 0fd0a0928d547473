// @ts-check
/**
 * The charts' ECharts options, from the queries' results: pure functions of the data and the language. Every series
 * has a stable `id` (its measure) beside its translated `name`; values are the API's decimals as numbers, which is
 * what a chart draws (the figures themselves stay decimal strings in the API).
 */
import { enumText, formatNumber, text } from './i18n.js';

/** @typedef {import('./i18n').Language} Language */
/** @typedef {import('./gql/operations').DashboardAchievementBreakdownQuery['performanceBreakdown']['rows'][number]} BreakdownRow */
/** @typedef {import('./gql/operations').DashboardReceivablesAgingQuery['receivablesAging']} Aging */
/** @typedef {import('./gql/operations').DashboardChannelConflictsQuery['channelConflicts']['nodes'][number]} Conflict */
/** @typedef {import('./gql/operations').ChannelConflictKind} ConflictKind */

/** @typedef {import('./gql/operations').DashboardPipelineFunnelQuery} PipelineFunnelQuery */
/** @typedef {PipelineFunnelQuery['pipelineFunnel']['stages'][number]} FunnelStage */
/** @typedef {import('./gql/operations').DashboardForecastRollupQuery} ForecastRollupQuery */
/** @typedef {ForecastRollupQuery['forecastRollup']['rows'][number]} ForecastMonth */

/** The aging chart draws this many groups, the largest; the summary line's totals cover them all. */
export const AGING_GROUPS_DRAWN = 12;

/** The text font: the page serves Noto Sans SC, so Chinese draws on machines without a CJK font of their own. */
const FONT = '"Noto Sans SC Variable", system-ui, sans-serif';

/** @param {string | null | undefined} value */
const num = (value) => (value === null || value === undefined ? null : Number(value));

/**
 * What every chart shares: the font, a legend on top, a tooltip drawn on the canvas (an HTML tooltip would need
 * inline styles, which the page's Content-Security-Policy refuses).
 * @param {Record<string, unknown>} option
 */
function base(option) {
  return {
    textStyle: { fontFamily: FONT },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    // Axis labels inside the box (ECharts 6's successor of `containLabel`, which under-measures Chinese labels).
    grid: { left: 8, right: 24, bottom: 8, top: 40, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    ...option,
  };
}

/**
 * Achievement against target for the rows below a unit (or one person's own row): target and actual as bars, the
 * achievement rate as a line on its own axis. `data` of each bar carries the row's unit id, for the drill-down.
 * @param {Language} language
 * @param {{ name: string, orgUnitId: string | null, target: string | null, actual: string, achievementRate: string | null }[]} rows
 */
export function achievementOption(language, rows) {
  return base({
    xAxis: [{ type: 'category', data: rows.map((row) => row.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } }],
    yAxis: [{ type: 'value' }, { type: 'value', axisLabel: { formatter: '{value}%' }, splitLine: { show: false } }],
    series: [
      { id: 'target', name: text(language, 'series.target'), type: 'bar', data: rows.map((row) => num(row.target)) },
      { id: 'actual', name: text(language, 'series.actual'), type: 'bar', data: rows.map((row) => num(row.actual)) },
      { id: 'rate', name: text(language, 'series.rate'), type: 'line', yAxisIndex: 1, data: rows.map((row) => num(row.achievementRate)) },
    ],
  });
}

/**
 * The pipeline by stage in process order, top to bottom, then the deals won: amount and weighted amount as bars,
 * the number of deals beside each stage's name. (Bars rather than a funnel shape: the open deals per stage need not
 * narrow stage by stage, and a funnel drawing would say they do.)
 * @param {Language} language
 * @param {PipelineFunnelQuery['pipelineFunnel']} funnel
 */
export function funnelOption(language, funnel) {
  const steps = [
    ...funnel.stages.map((stage) => ({ stage: stage.stage, count: stage.count, amount: stage.amount, weightedAmount: stage.weightedAmount })),
    { stage: 'WON', count: funnel.won.count, amount: funnel.won.amount, weightedAmount: null },
  ];
  return base({
    yAxis: [{ type: 'category', inverse: true, data: steps.map((step) => `${enumText(language, 'stage', step.stage)} · ${step.count}`) }],
    xAxis: [{ type: 'value' }],
    series: [
      { id: 'amount', name: text(language, 'series.amount'), type: 'bar', data: steps.map((step) => num(step.amount)) },
      { id: 'weightedAmount', name: text(language, 'series.weightedAmount'), type: 'bar', data: steps.map((step) => num(step.weightedAmount)) },
    ],
  });
}

/**
 * Target and actual as bars, the forecast categories as lines, month by month.
 * @param {Language} language
 * @param {ForecastMonth[]} rows
 */
export function forecastOption(language, rows) {
  /** @type {[string, keyof ForecastMonth, 'bar' | 'line'][]} */
  const measures = [
    ['target', 'target', 'bar'],
    ['actual', 'actual', 'bar'],
    ['commit', 'commit', 'line'],
    ['bestCase', 'bestCase', 'line'],
    ['pipeline', 'pipeline', 'line'],
  ];
  return base({
    xAxis: [{ type: 'category', data: rows.map((row) => row.month.slice(0, 7)) }],
    yAxis: [{ type: 'value' }],
    series: measures.map(([id, field, type]) => ({
      id,
      name: text(language, /** @type {import('./i18n').TextKey} */ (`series.${id}`)),
      type,
      data: rows.map((row) => num(row[field])),
    })),
  });
}

/** @type {readonly ('days0To30' | 'days31To60' | 'days61To90' | 'over90')[]} */
export const AGING_BUCKETS = ['days0To30', 'days31To60', 'days61To90', 'over90'];

/**
 * The largest groups' open receivables, stacked by age bucket.
 * @param {Language} language
 * @param {Aging} aging
 */
export function agingOption(language, aging) {
  const rows = aging.rows.slice(0, AGING_GROUPS_DRAWN);
  return base({
    xAxis: [{ type: 'category', data: rows.map((row) => row.groupName ?? text(language, 'aging.none')), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } }],
    yAxis: [{ type: 'value' }],
    series: AGING_BUCKETS.map((bucket) => ({
      id: bucket,
      name: text(language, `series.${bucket}`),
      type: 'bar',
      stack: 'open',
      data: rows.map((row) => Number(row[bucket])),
    })),
  });
}

/** @type {readonly ConflictKind[]} */
export const CONFLICT_KINDS = ['SALE_OUTSIDE_REGION', 'SHIPMENT_OUTSIDE_REGION', 'BATCH_FROM_OTHER_REGION'];

/**
 * Conflicts counted by the region the goods turned up in, stacked by kind.
 * @param {Language} language
 * @param {Conflict[]} conflicts
 */
export function conflictsOption(language, conflicts) {
  /** @param {Conflict} conflict */
  const region = (conflict) =>
    conflict.foundRegion === null ? text(language, 'conflicts.unknownRegion') : language === 'en' ? (conflict.foundRegion.englishName ?? conflict.foundRegion.name) : conflict.foundRegion.name;
  const regions = [...new Set(conflicts.map(region))];
  return base({
    xAxis: [{ type: 'category', data: regions }],
    yAxis: [{ type: 'value', minInterval: 1 }],
    series: CONFLICT_KINDS.map((kind) => ({
      id: kind,
      name: enumText(language, 'conflict', kind),
      type: 'bar',
      stack: 'conflicts',
      data: regions.map((name) => conflicts.filter((conflict) => conflict.kind === kind && region(conflict) === name).length),
    })),
  });
}

/**
 * `name: actual of target (rate)` for a unit's own row.
 * @param {Language} language
 * @param {{ name: string, target: string | null, actual: string, achievementRate: string | null }} row
 */
export function achievementSummary(language, row) {
  return text(language, 'achievement.summary', {
    name: row.name,
    actual: formatNumber(language, row.actual),
    target: row.target === null ? text(language, 'achievement.noTarget') : formatNumber(language, row.target),
    rate: row.achievementRate === null ? '—' : `${formatNumber(language, row.achievementRate)}%`,
  });
}
