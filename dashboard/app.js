// @ts-check
/**
 * The managers' dashboard: sign-in, the pickers (period, measure, unit), and five views, each drawn from one
 * document in dashboard/queries through the public GraphQL endpoint. What a viewer sees is what the API lets them
 * read; the page only chooses where a viewer's scope starts (the unit they head; the company for the VP, finance
 * and admins; their own figures otherwise). A view whose query the server does not have, or refuses, says so and
 * the rest of the page carries on.
 */
import * as echarts from './vendor/echarts.js';
import { firstCode, request, SignedOut, signIn, signOut, storedSession } from './api.js';
import { achievementOption, achievementSummary, agingOption, AGING_GROUPS_DRAWN, conflictsOption, forecastOption, funnelOption } from './charts.js';
import { enumText, formatNumber, LANGUAGES, pickLanguage, text } from './i18n.js';
import { lastDayReached, periodChoices, periodContaining, periodLabel, periodStarting, today } from './periods.js';

/** @typedef {import('./i18n').Language} Language */
/** @typedef {import('./i18n').TextKey} TextKey */
/** @typedef {import('./periods').Period} Period */
/** @typedef {import('./gql/operations').DashboardViewerQuery} Viewer */
/** @typedef {Viewer['orgUnits'][number]} Unit */
/** @typedef {import('./gql/operations').TargetMetric} TargetMetric */
/** @typedef {import('./gql/operations').ReceivablesGroupBy} AgingGroupBy */
/** @typedef {import('./gql/operations').PeriodKind} PeriodKind */
/** @typedef {import('./api').GraphQLError} GraphQLError */
/** @typedef {'achievement' | 'funnel' | 'forecast' | 'aging' | 'conflicts'} ViewName */
/** @typedef {'loading' | 'ready' | 'empty' | 'unavailable' | 'forbidden' | 'error'} ViewState */

const LANGUAGE_KEY = 'salesgraph.dashboard.language';
/** Roles that see the whole company from its top unit, whether or not they head it. */
const COMPANY_ROLES = ['ADMIN', 'SALES_VP', 'FINANCE'];
/** The forecast view's span: the roll-up's default horizon. */
const FORECAST_MONTHS = 6;
/** Channel conflicts read at most this many pages of 100. */
const CONFLICT_PAGES = 10;

/** @param {string} selector */
function element(selector) {
  const found = document.querySelector(selector);
  if (found === null) throw new Error(`${selector} is missing from the page`);
  return /** @type {HTMLElement} */ (found);
}

/** @param {string} selector */
const select = (selector) => /** @type {HTMLSelectElement} */ (element(selector));

const state = {
  /** @type {Language} */
  language: languageAtStart(),
  /** @type {Viewer | null} */
  viewer: null,
  /** Where the viewer's scope starts: null when they see only their own figures. @type {Unit | null} */
  root: null,
  /** The unit looked at now: the root or one below it. @type {Unit | null} */
  unit: null,
  /** @type {Period} */
  period: periodContaining('QUARTER', today()),
  /** @type {TargetMetric} */
  metric: 'BOOKED_SALES',
  /** @type {AgingGroupBy} */
  agingGroupBy: 'OWNER',
  /** The unit each bar of the achievement chart opens (null for a person), by the bar's index. @type {(string | null)[]} */
  drillTargets: [],
};

/** Bumped by every load of a view: it drops an answer that comes back after a newer request started. */
const generations = { achievement: 0, funnel: 0, forecast: 0, aging: 0, conflicts: 0 };

/** @type {Map<ViewName, echarts.ECharts>} */
const charts = new Map();

/** @returns {Language} */
function languageAtStart() {
  const chosen = localStorage.getItem(LANGUAGE_KEY);
  if (chosen !== null && /** @type {readonly string[]} */ (LANGUAGES).includes(chosen)) return /** @type {Language} */ (chosen);
  return pickLanguage(navigator.languages);
}

/** @param {TextKey} key @param {Record<string, string | number>} [values] */
const t = (key, values) => text(state.language, key, values);

/** Puts the page's fixed words in the current language. */
function translatePage() {
  document.documentElement.lang = state.language;
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t(/** @type {TextKey} */ (node.getAttribute('data-text')));
  select('#language').value = state.language;
  element('#scope').setAttribute('aria-label', t('scope'));
}

/** @param {ViewName} view */
const panel = (view) => element(`[data-view="${view}"]`);

/**
 * Shows `view` in `viewState`: its chart when ready, else the state's message.
 * @param {ViewName} view
 * @param {ViewState} viewState
 * @param {string} [message]
 */
function setState(view, viewState, message) {
  const section = panel(view);
  section.dataset.state = viewState;
  /** @type {Record<Exclude<ViewState, 'ready'>, string>} */
  const messages = {
    loading: t('state.loading'),
    empty: t('state.empty'),
    unavailable: t('state.unavailable'),
    forbidden: t('state.forbidden'),
    error: t('state.error', { message: message ?? '' }),
  };
  /** @type {HTMLElement} */ (section.querySelector('.state')).textContent = viewState === 'ready' ? '' : messages[viewState];
  if (viewState !== 'ready') setSummary(view, '');
}

/** @param {ViewName} view @param {string} summary */
function setSummary(view, summary) {
  /** @type {HTMLElement} */ (panel(view).querySelector('.summary')).textContent = summary;
}

/** The served font (dashboard.css), which the canvas must have before it measures and draws any text. */
const CHART_FONT = '12px "Noto Sans SC Variable"';

/**
 * Draws `option` into the view's chart (made on first use, once its box is visible and has a size). The font's
 * parts for the chart's characters are loaded first: a canvas does not ask for a web font, and text measured in a
 * fallback font would be cut off when the font arrives.
 * @param {ViewName} view
 * @param {Record<string, unknown>} option
 * @param {string} summary the line above the chart
 * @param {() => boolean} current false once a newer load of the view has started
 * @returns {Promise<boolean>} whether it was drawn (still current)
 */
async function draw(view, option, summary, current) {
  await document.fonts.load(CHART_FONT, JSON.stringify(option) + summary).catch(() => undefined);
  if (!current()) return false;
  setState(view, 'ready');
  setSummary(view, summary);
  let chart = charts.get(view);
  if (chart === undefined) {
    chart = echarts.init(/** @type {HTMLElement} */ (panel(view).querySelector('.chart')));
    charts.set(view, chart);
    // Clicking a unit's bar opens that unit, as its button below the chart does.
    if (view === 'achievement') {
      chart.on('click', (params) => {
        const unitId = state.drillTargets[params.dataIndex];
        if (unitId !== null && unitId !== undefined) openUnit(unitId);
      });
    }
  }
  chart.setOption(option, { notMerge: true });
  chart.resize();
  return true;
}

/**
 * The state a failed or partial answer puts a view in, or null when its data can be drawn. A query this server does
 * not have fails validation (parts of the schema arrive release by release); a refusal of the view's root field is
 * FORBIDDEN; a refused detail inside (a hidden field) still lets the rest be drawn.
 * @param {{ data: unknown, errors: readonly GraphQLError[] }} result
 * @returns {{ state: ViewState, message?: string } | null}
 */
function failure(result) {
  const code = firstCode(result.errors);
  if (code === 'GRAPHQL_VALIDATION_FAILED') return { state: 'unavailable' };
  if (result.data !== null) return null;
  if (code === 'FORBIDDEN') return { state: 'forbidden' };
  const error = result.errors[0];
  const requestId = error?.extensions?.requestId;
  return { state: 'error', message: `${error?.message ?? '?'}${requestId === undefined ? '' : ` (${requestId})`}` };
}

/**
 * Runs one view's loader, showing its states, and ignoring what comes back after a newer reload started.
 * @param {ViewName} view
 * @param {(current: () => boolean) => Promise<void>} load
 */
async function runView(view, load) {
  const generation = ++generations[view];
  const current = () => generation === generations[view] && state.viewer !== null;
  setState(view, 'loading');
  try {
    await load(current);
  } catch (error) {
    if (!current()) return;
    if (error instanceof SignedOut) return showSignIn(t('signIn.expired'));
    setState(view, 'error', error instanceof Error ? error.message : String(error));
  }
}

async function loadAchievement() {
  await runView('achievement', async (current) => {
    const period = { kind: state.period.kind, start: state.period.start };
    if (state.unit === null) {
      const me = /** @type {Viewer} */ (state.viewer).me;
      const result = await request('achievement-own', { userId: me.id, period }, state.language);
      if (!current()) return;
      const problem = failure(result);
      if (problem !== null) return setState('achievement', problem.state, problem.message);
      const own = result.data?.performance.metrics.find((metric) => metric.metric === state.metric);
      if (own === undefined) return setState('achievement', 'empty');
      const row = { ...own, name: me.name, orgUnitId: null };
      state.drillTargets = [null];
      if (await draw('achievement', achievementOption(state.language, [row]), achievementSummary(state.language, row), current)) showDrill([]);
      return;
    }
    const result = await request('achievement-breakdown', { orgUnitId: state.unit.id, metric: state.metric, period }, state.language);
    if (!current()) return;
    const problem = failure(result);
    if (problem !== null) return setState('achievement', problem.state, problem.message);
    const rows = result.data?.performanceBreakdown.rows ?? [];
    // Units by their name in the page's language; people by the name the breakdown gives.
    const below = rows.filter((row) => row.level === 1).map((row) => ({ ...row, name: (row.orgUnitId === null ? null : unitName(row.orgUnitId)) ?? row.name }));
    if (below.length === 0) return setState('achievement', 'empty');
    state.drillTargets = below.map((row) => row.orgUnitId);
    const own = rows.find((row) => row.level === 0);
    const summary = own === undefined ? '' : achievementSummary(state.language, { ...own, name: unitName(state.unit.id) ?? own.name });
    if (!(await draw('achievement', achievementOption(state.language, below), summary, current))) return;
    showDrill(below.filter((row) => row.orgUnitId !== null).map((row) => ({ id: /** @type {string} */ (row.orgUnitId), name: row.name })));
  });
}

/**
 * Buttons that open a unit below the current one (the bars of those units open it too).
 * @param {{ id: string, name: string }[]} units
 */
function showDrill(units) {
  const list = element('[data-view="achievement"] .drill');
  list.replaceChildren(
    ...units.map((unit) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.unit = unit.id;
      button.textContent = t('achievement.drill', { name: unit.name });
      button.addEventListener('click', () => openUnit(unit.id));
      item.append(button);
      return item;
    }),
  );
}

/** @param {string} id */
function unitName(id) {
  const unit = state.viewer?.orgUnits.find((candidate) => candidate.id === id);
  if (unit === undefined) return null;
  return state.language === 'en' ? (unit.englishName ?? unit.name) : unit.name;
}

async function loadFunnel() {
  await runView('funnel', async (current) => {
    const result = await request('pipeline-funnel', { from: state.period.start, to: state.period.end, orgUnitId: state.unit?.id ?? null }, state.language);
    if (!current()) return;
    const problem = failure(result);
    if (problem !== null) return setState('funnel', problem.state, problem.message);
    const funnel = /** @type {import('./charts').PipelineFunnelQuery} */ (result.data).pipelineFunnel;
    if (funnel.stages.every((stage) => stage.count === 0) && funnel.won.count === 0) return setState('funnel', 'empty');
    await draw('funnel', funnelOption(state.language, funnel), t('funnel.outcome', { won: funnel.won.count, lost: funnel.lost.count }), current);
  });
}

async function loadForecast() {
  await runView('forecast', async (current) => {
    const from = state.period.start;
    // People who head no unit see their own forecast, as they see their own achievement.
    const own = state.unit === null ? /** @type {Viewer} */ (state.viewer).me.id : null;
    const result = await request('forecast-rollup', { orgUnitId: state.unit?.id ?? null, userId: own, from, months: FORECAST_MONTHS }, state.language);
    if (!current()) return;
    const problem = failure(result);
    if (problem !== null) return setState('forecast', problem.state, problem.message);
    const rollup = /** @type {import('./charts').ForecastRollupQuery} */ (result.data).forecastRollup;
    if (rollup.rows.length === 0) return setState('forecast', 'empty');
    const name = rollup.userName ?? unitName(rollup.orgUnitId) ?? rollup.orgUnitName;
    const summary = t('forecast.summary', { name, months: rollup.rows.length, from: from.slice(0, 7) });
    await draw('forecast', forecastOption(state.language, rollup.rows), summary, current);
  });
}

async function loadAging() {
  await runView('aging', async (current) => {
    const asOf = lastDayReached(state.period, today());
    const result = await request('receivables-aging', { asOf, groupBy: state.agingGroupBy }, state.language);
    if (!current()) return;
    const problem = failure(result);
    if (problem !== null) return setState('aging', problem.state, problem.message);
    const aging = /** @type {NonNullable<typeof result.data>} */ (result.data).receivablesAging;
    if (aging.rows.length === 0) return setState('aging', 'empty');
    const shown = aging.rows.length > AGING_GROUPS_DRAWN ? ` (${AGING_GROUPS_DRAWN}/${aging.rows.length})` : '';
    const summary = t('aging.asOf', { date: aging.asOf, total: formatNumber(state.language, aging.grandTotal.total), overdue: formatNumber(state.language, aging.grandTotal.overdue) }) + shown;
    await draw('aging', agingOption(state.language, aging), summary, current);
  });
}

async function loadConflicts() {
  await runView('conflicts', async (current) => {
    /** @type {import('./charts').Conflict[]} */
    const conflicts = [];
    let totalCount = 0;
    /** @type {string | null} */
    let after = null;
    for (let page = 0; page < CONFLICT_PAGES; page += 1) {
      /** @type {import('./api').Result<import('./gql/operations').DashboardChannelConflictsQuery>} */
      const result = await request('channel-conflicts', { after }, state.language);
      if (!current()) return;
      const problem = failure(result);
      if (problem !== null) return setState('conflicts', problem.state, problem.message);
      const connection = /** @type {NonNullable<typeof result.data>} */ (result.data).channelConflicts;
      conflicts.push(...connection.nodes);
      totalCount = connection.totalCount;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    if (conflicts.length === 0) return setState('conflicts', 'empty');
    await draw('conflicts', conflictsOption(state.language, conflicts), t('conflicts.total', { count: totalCount }), current);
  });
}

/** Reloads every view for the current choices; each shows its own state while it loads. */
function reload() {
  renderScope();
  void loadAchievement();
  void loadFunnel();
  void loadForecast();
  void loadAging();
  void loadConflicts();
}

/** @param {string} id */
function openUnit(id) {
  const unit = state.viewer?.orgUnits.find((candidate) => candidate.id === id);
  if (unit === undefined) return;
  state.unit = unit;
  reload();
}

/** The path from the root to the current unit, each step a button back up. */
function renderScope() {
  const nav = element('#scope');
  if (state.root === null || state.unit === null) {
    nav.replaceChildren(document.createTextNode(t('scope.own')));
    return;
  }
  /** @type {Unit[]} */
  const path = [];
  const units = state.viewer?.orgUnits ?? [];
  for (let unit = /** @type {Unit | undefined} */ (state.unit); unit !== undefined; ) {
    path.unshift(unit);
    if (unit.id === state.root.id) break;
    const parentId = unit.parent?.id;
    unit = units.find((candidate) => candidate.id === parentId);
  }
  nav.replaceChildren(
    ...path.flatMap((unit, index) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.unit = unit.id;
      button.textContent = unitName(unit.id) ?? unit.name;
      if (unit.id === state.unit?.id) button.setAttribute('aria-current', 'page');
      else button.addEventListener('click', () => openUnit(unit.id));
      if (index === 0) return [button];
      const separator = document.createElement('span');
      separator.className = 'separator';
      separator.textContent = '›';
      return [separator, button];
    }),
  );
}

/** The period picker's choices for the current kind, the current period selected. */
function renderPeriodChoices() {
  select('#period-kind').value = state.period.kind;
  const starts = select('#period-start');
  const choices = periodChoices(state.period.kind, today());
  if (!choices.some((choice) => choice.start === state.period.start)) choices.push(state.period);
  starts.replaceChildren(
    ...choices.map((choice) => {
      const option = document.createElement('option');
      option.value = choice.start;
      option.textContent = periodLabel(choice);
      return option;
    }),
  );
  starts.value = state.period.start;
}

/**
 * @param {Viewer} viewer
 * @returns {Unit | null}
 */
function scopeRoot(viewer) {
  const headed = viewer.orgUnits.find((unit) => unit.head?.id === viewer.me.id);
  if (headed !== undefined) return headed;
  if (COMPANY_ROLES.includes(viewer.me.role)) return viewer.orgUnits.find((unit) => unit.kind === 'COMPANY') ?? null;
  return null;
}

/** @param {Viewer} viewer */
function defaultAgingGroupBy(viewer) {
  if (COMPANY_ROLES.includes(viewer.me.role)) return 'REGION';
  if (viewer.me.role === 'REGIONAL_DIRECTOR') return 'TEAM';
  return 'OWNER';
}

function renderWho() {
  const me = state.viewer?.me;
  element('#who').textContent = me === undefined ? '' : `${state.language === 'en' ? (me.englishName ?? me.name) : me.name} · ${enumText(state.language, 'role', me.role)}`;
}

/** After sign-in (or on a page load with a session): who this is, where their scope starts, then every view. */
async function start() {
  try {
    const result = await request('viewer', {}, state.language);
    if (result.data === null) return showSignIn(result.errors[0]?.message ?? '');
    // orgUnits may be refused in part (a partner sees no org tree): a viewer without units sees their own figures.
    const viewer = { me: result.data.me, orgUnits: result.data.orgUnits ?? [] };
    state.viewer = viewer;
    state.root = scopeRoot(viewer);
    state.unit = state.root;
    state.agingGroupBy = defaultAgingGroupBy(viewer);
  } catch (error) {
    return showSignIn(error instanceof SignedOut ? '' : error instanceof Error ? error.message : String(error));
  }
  select('#aging-group-by').value = state.agingGroupBy;
  element('#sign-in').hidden = true;
  element('#board').hidden = false;
  element('#sign-out').hidden = false;
  renderWho();
  renderPeriodChoices();
  reload();
}

/** @param {string} message */
function showSignIn(message) {
  state.viewer = null;
  for (const chart of charts.values()) chart.dispose();
  charts.clear();
  renderWho();
  element('#board').hidden = true;
  element('#sign-out').hidden = true;
  element('#sign-in').hidden = false;
  element('#sign-in-error').textContent = message;
}

function wire() {
  const form = /** @type {HTMLFormElement} */ (element('#sign-in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    element('#sign-in-error').textContent = '';
    const refused = await signIn(String(data.get('email')), String(data.get('password')), state.language);
    if (refused !== null) {
      element('#sign-in-error').textContent = refused;
      return;
    }
    form.reset();
    await start();
  });
  element('#sign-out').addEventListener('click', async () => {
    await signOut(state.language);
    showSignIn('');
  });
  select('#language').addEventListener('change', (event) => {
    state.language = /** @type {Language} */ (/** @type {HTMLSelectElement} */ (event.target).value);
    localStorage.setItem(LANGUAGE_KEY, state.language);
    translatePage();
    if (state.viewer !== null) {
      renderWho();
      reload();
    }
  });
  select('#period-kind').addEventListener('change', (event) => {
    state.period = periodContaining(/** @type {PeriodKind} */ (/** @type {HTMLSelectElement} */ (event.target).value), state.period.start);
    renderPeriodChoices();
    reload();
  });
  select('#period-start').addEventListener('change', (event) => {
    state.period = periodStarting(state.period.kind, /** @type {HTMLSelectElement} */ (event.target).value);
    reload();
  });
  select('#metric').addEventListener('change', (event) => {
    state.metric = /** @type {TargetMetric} */ (/** @type {HTMLSelectElement} */ (event.target).value);
    void loadAchievement();
  });
  select('#aging-group-by').addEventListener('change', (event) => {
    state.agingGroupBy = /** @type {AgingGroupBy} */ (/** @type {HTMLSelectElement} */ (event.target).value);
    void loadAging();
  });
  window.addEventListener('resize', () => {
    for (const chart of charts.values()) chart.resize();
  });
}

wire();
translatePage();
if (storedSession() === null) showSignIn('');
else void start();
