import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../seeds/demo-company.seeder';
import { people, units } from './fixtures/demo-people';
import { launchChromium } from './support/browser';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The managers' dashboard (/dashboard) in a real browser (Chromium driven by playwright-core, found by
 * tests/support/browser.ts) against a server on the demo year: each role signs in and sees its own scope, the charts
 * draw what the dashboard's own query documents return for that viewer (read back from the page with
 * `echarts.getInstanceByDom(el).getOption()`), and the views the server lacks or refuses say so.
 */

const QUERIES = path.resolve(__dirname, '..', 'dashboard', 'queries');
/** The period every test looks at: a full quarter of the demo year. */
const QUARTER = { kind: 'QUARTER', start: '2026-07-01' } as const;
const QUARTER_END = '2026-09-30';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await createTestApp({}, { demoYear: true });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Runs one of the dashboard's own documents (dashboard/queries/<name>.graphql) as `email`, as the page does. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function query(name: string, variables: Record<string, unknown>, email: string): Promise<{ data: any; errors?: { extensions: { code: string } }[] }> {
  const token = await app.tokenFor(email);
  const response = await app.request
    .post('/graphql')
    .set('authorization', `Bearer ${token}`)
    .set('content-type', 'application/json')
    .send({ query: readFileSync(path.join(QUERIES, `${name}.graphql`), 'utf8'), variables });
  return response.body;
}

interface Visit {
  context: BrowserContext;
  page: Page;
  /** Content-Security-Policy refusals the page logged: none, or the policy is wrong for the page. */
  violations: string[];
  /** URLs the page asked for that are not this server's: none, the page works offline. */
  foreign: string[];
}

async function visit(locale = 'en-US'): Promise<Visit> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const violations: string[] = [];
  const foreign: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(app.baseUrl)) foreign.push(request.url());
  });
  await page.goto(`${app.baseUrl}/dashboard`);
  return { context, page, violations, foreign };
}

async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.locator('#sign-in input[name=email]').fill(email);
  await page.locator('#sign-in input[name=password]').fill(password);
  await page.locator('#sign-in button[type=submit]').click();
}

/** Waits until `view` has left the loading state, and returns the state it settled in. */
async function settled(page: Page, view: string): Promise<string> {
  const panel = page.locator(`[data-view="${view}"]`);
  await panel.and(page.locator(':not([data-state="loading"])')).waitFor();
  return (await panel.getAttribute('data-state')) ?? '';
}

/** Picks the test quarter and waits for every view to settle. */
async function pickQuarter(page: Page): Promise<void> {
  await page.locator('#board').waitFor();
  await page.selectOption('#period-kind', QUARTER.kind);
  await page.selectOption('#period-start', QUARTER.start);
  for (const view of ['achievement', 'funnel', 'forecast', 'aging', 'conflicts']) await settled(page, view);
}

interface ChartOption {
  categories: unknown[] | undefined;
  series: { id: string; name: string; data: unknown[] }[];
}

/** The chart's option as ECharts holds it, read back from the page through the module the page itself loaded. */
async function chartOption(page: Page, view: string): Promise<ChartOption> {
  // A string, not a function: the test's compiler would turn the dynamic import into a require.
  return page.evaluate(`(async () => {
    const echarts = await import('/dashboard/vendor/echarts.js');
    const option = echarts.getInstanceByDom(document.querySelector('[data-view="${view}"] .chart')).getOption();
    return {
      categories: option.xAxis?.[0]?.data,
      series: option.series.map((series) => ({ id: series.id, name: series.name, data: series.data })),
    };
  })()`);
}

/** Clicks the middle of a bar of the chart (the `seriesIndex` series, the `dataIndex` category), as a user would. */
async function clickBar(page: Page, view: string, seriesIndex: number, dataIndex: number): Promise<void> {
  const element = `[data-view="${view}"] .chart`;
  const bar = (await page.evaluate(`(async () => {
    const echarts = await import('/dashboard/vendor/echarts.js');
    const chart = echarts.getInstanceByDom(document.querySelector('${element}'));
    return chart.getModel().getSeriesByIndex(${seriesIndex}).getData().getItemLayout(${dataIndex});
  })()`)) as { x: number; y: number; width: number; height: number };
  const box = await page.locator(element).boundingBox();
  if (box === null) throw new Error(`${view} has no chart on screen`);
  await page.mouse.click(box.x + bar.x + bar.width / 2, box.y + bar.y + bar.height / 2);
}

const num = (value: string | null): number | null => (value === null ? null : Number(value));

/**
 * What the (English) achievement chart must show for a breakdown: the rows one level below the unit, units by their
 * English name, people by the name the breakdown gives.
 */
async function expectedBreakdown(email: string, orgUnitId: string, period: { kind: string; start: string } = QUARTER, metric = 'BOOKED_SALES'): Promise<ChartOption> {
  const result = await query('achievement-breakdown', { orgUnitId, metric, period }, email);
  expect(result.errors).toBeUndefined();
  const rows = (
    result.data.performanceBreakdown.rows as { level: number; name: string; orgUnitId: string | null; target: string | null; actual: string; achievementRate: string | null }[]
  ).filter((row) => row.level === 1);
  expect(rows.length).toBeGreaterThan(0);
  const orgUnits = (await query('viewer', {}, email)).data.orgUnits as { id: string; englishName: string | null }[];
  const englishName = (id: string | null) => orgUnits.find((unit) => unit.id === id)?.englishName;
  return {
    categories: rows.map((row) => englishName(row.orgUnitId) ?? row.name),
    series: [
      { id: 'target', name: 'Target', data: rows.map((row) => num(row.target)) },
      { id: 'actual', name: 'Actual', data: rows.map((row) => num(row.actual)) },
      { id: 'rate', name: 'Achievement %', data: rows.map((row) => num(row.achievementRate)) },
    ],
  };
}

/** What the aging chart must show: the twelve largest groups, stacked by age. */
async function expectedAging(email: string, groupBy: string): Promise<ChartOption> {
  const result = await query('receivables-aging', { asOf: QUARTER_END, groupBy }, email);
  expect(result.errors).toBeUndefined();
  const rows = (result.data.receivablesAging.rows as Record<string, string | null>[]).slice(0, 12);
  const buckets: [string, string][] = [
    ['days0To30', '0–30 days'],
    ['days31To60', '31–60 days'],
    ['days61To90', '61–90 days'],
    ['over90', 'Over 90 days'],
  ];
  return {
    categories: rows.map((row) => row.groupName ?? '(no group)'),
    series: buckets.map(([id, name]) => ({ id, name, data: rows.map((row) => Number(row[id])) })),
  };
}

const hasQuery = (name: string): boolean => app.server.schema.getQueryType()?.getFields()[name] !== undefined;

describe('the managers’ dashboard', () => {
  it('is served by the API under a policy that allows no inline script, with ECharts from this server', async () => {
    const page = await app.request.get('/dashboard');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

    const echarts = await app.request.get('/dashboard/vendor/echarts.js');
    expect(echarts.status).toBe(200);
    expect(echarts.headers['content-type']).toMatch(/^text\/javascript/);
    const version = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'node_modules', 'echarts', 'package.json'), 'utf8')).version as string;
    expect(echarts.text).toContain(`"${version}"`);

    const document = await app.request.get('/dashboard/queries/receivables-aging.graphql');
    expect(document.text).toContain('query DashboardReceivablesAging');
    // Only the page's own files: nothing else of the checkout is served.
    expect((await app.request.get('/dashboard/tsconfig.json')).status).toBe(404);
    expect((await app.request.get('/dashboard/gql/operations.ts')).status).toBe(404);
    expect((await app.request.get('/dashboard/queries/../app.js')).status).not.toBe(200);
  });

  it('refuses a wrong password with the server’s message and no session', async () => {
    const { context, page } = await visit();
    await signIn(page, people.eastDirector.email, 'wrong-password');
    await page.locator('#sign-in-error', { hasText: 'Wrong email or password.' }).waitFor();
    expect(await page.locator('#board').isHidden()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await context.close();
  });

  it('shows a rep his own achievement, and no receivables', async () => {
    const { context, page, violations, foreign } = await visit();
    await signIn(page, people.shanghai1Rep.email);
    await pickQuarter(page);

    const result = await query('achievement-own', { userId: (await query('viewer', {}, people.shanghai1Rep.email)).data.me.id, period: QUARTER }, people.shanghai1Rep.email);
    const own = result.data.performance.metrics.find((metric: { metric: string }) => metric.metric === 'BOOKED_SALES');
    expect(await settled(page, 'achievement')).toBe('ready');
    expect(await chartOption(page, 'achievement')).toEqual({
      categories: [people.shanghai1Rep.name],
      series: [
        { id: 'target', name: 'Target', data: [num(own.target)] },
        { id: 'actual', name: 'Actual', data: [num(own.actual)] },
        { id: 'rate', name: 'Achievement %', data: [num(own.achievementRate)] },
      ],
    });
    expect(Number(own.actual)).toBeGreaterThan(0);
    expect(await page.locator('#scope').textContent()).toBe('My own figures');
    expect(await page.locator('[data-view="achievement"] .drill button').count()).toBe(0);

    // Receivables aging is for managers and finance: the server refuses it, and the page says so.
    expect(await settled(page, 'aging')).toBe('forbidden');
    expect(await page.locator('[data-view="aging"] .state').textContent()).toBe('No access: your role may not see this view.');
    // Channel conflicts: a rep sees none.
    expect(await settled(page, 'conflicts')).toBe('empty');
    expect(violations).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('shows a team manager his team’s people against their targets, and their receivables by owner', async () => {
    const { context, page, violations } = await visit();
    await signIn(page, people.shanghai1Manager.email);
    await pickQuarter(page);

    expect(await settled(page, 'achievement')).toBe('ready');
    expect(await chartOption(page, 'achievement')).toEqual(await expectedBreakdown(people.shanghai1Manager.email, units.shanghai1));
    expect(await page.locator('#scope [aria-current=page]').getAttribute('data-unit')).toBe(units.shanghai1);

    expect(await settled(page, 'aging')).toBe('ready');
    const aging = await chartOption(page, 'aging');
    expect(aging).toEqual(await expectedAging(people.shanghai1Manager.email, 'OWNER'));
    expect(aging.series.every((series) => series.data.length > 0)).toBe(true);

    // Another period and measure: the chart follows the pickers.
    await page.selectOption('#period-kind', 'MONTH');
    await page.selectOption('#period-start', '2026-03-01');
    await page.selectOption('#metric', 'COLLECTIONS');
    expect(await settled(page, 'achievement')).toBe('ready');
    expect(await chartOption(page, 'achievement')).toEqual(await expectedBreakdown(people.shanghai1Manager.email, units.shanghai1, { kind: 'MONTH', start: '2026-03-01' }, 'COLLECTIONS'));
    expect(violations).toEqual([]);
    await context.close();
  });

  it('shows a director his region’s teams, and drills down into a team and back', async () => {
    const { context, page } = await visit();
    await signIn(page, people.eastDirector.email);
    await pickQuarter(page);

    expect(await settled(page, 'achievement')).toBe('ready');
    expect(await chartOption(page, 'achievement')).toEqual(await expectedBreakdown(people.eastDirector.email, units.east));
    expect(await chartOption(page, 'aging')).toEqual(await expectedAging(people.eastDirector.email, 'TEAM'));

    await page.locator(`[data-view="achievement"] .drill button[data-unit="${units.shanghai1}"]`).click();
    expect(await settled(page, 'achievement')).toBe('ready');
    expect(await chartOption(page, 'achievement')).toEqual(await expectedBreakdown(people.eastDirector.email, units.shanghai1));
    expect(await page.locator('#scope button').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-unit')))).toEqual([units.east, units.shanghai1]);

    await page.locator(`#scope button[data-unit="${units.east}"]`).click();
    expect(await settled(page, 'achievement')).toBe('ready');
    expect(await chartOption(page, 'achievement')).toEqual(await expectedBreakdown(people.eastDirector.email, units.east));
    await context.close();
  });

  it('shows the VP the company by region, the aging by region and every channel conflict', async () => {
    const { context, page, violations } = await visit();
    await signIn(page, people.vp.email);
    await pickQuarter(page);

    expect(await chartOption(page, 'achievement')).toEqual(await expectedBreakdown(people.vp.email, units.company));
    expect(await page.locator('[data-view="achievement"] .drill button').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-unit')))).toEqual(
      expect.arrayContaining([units.east, units.south, units.north]),
    );
    expect(await chartOption(page, 'aging')).toEqual(await expectedAging(people.vp.email, 'REGION'));

    // A click on a region's bar opens the region.
    const drawnUnits = (await chartOption(page, 'achievement')).categories as string[];
    await clickBar(page, 'achievement', 1, drawnUnits.indexOf('East China'));
    await page.locator(`#scope [aria-current=page][data-unit="${units.east}"]`).waitFor();
    expect(await settled(page, 'achievement')).toBe('ready');
    expect(await chartOption(page, 'achievement')).toEqual(await expectedBreakdown(people.vp.email, units.east));

    const conflicts = (await query('channel-conflicts', {}, people.vp.email)).data.channelConflicts;
    expect(conflicts.nodes.length).toBeGreaterThan(0);
    expect(await settled(page, 'conflicts')).toBe('ready');
    const drawn = await chartOption(page, 'conflicts');
    type Node = { kind: string; foundRegion: { name: string; englishName: string | null } | null };
    const region = (node: Node) => node.foundRegion?.englishName ?? node.foundRegion?.name ?? '(unknown region)';
    const regions = [...new Set((conflicts.nodes as Node[]).map(region))];
    expect(drawn.categories).toEqual(regions);
    expect(drawn.series).toEqual(
      [
        ['SALE_OUTSIDE_REGION', 'Sale outside region'],
        ['SHIPMENT_OUTSIDE_REGION', 'Shipment outside region'],
        ['BATCH_FROM_OTHER_REGION', 'Batch from another region'],
      ].map(([kind, name]) => ({
        id: kind,
        name,
        data: regions.map((name) => (conflicts.nodes as Node[]).filter((node) => node.kind === kind && region(node) === name).length),
      })),
    );
    expect(await page.locator('[data-view="conflicts"] .summary').textContent()).toBe(`Conflicts detected (all periods): ${conflicts.totalCount}`);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('shows finance the company and the money views', async () => {
    const { context, page } = await visit();
    await signIn(page, people.finance.email);
    await pickQuarter(page);
    expect(await chartOption(page, 'achievement')).toEqual(await expectedBreakdown(people.finance.email, units.company));
    expect(await chartOption(page, 'aging')).toEqual(await expectedAging(people.finance.email, 'REGION'));
    await context.close();
  });

  it('tells a partner which views it may not see, and draws none', async () => {
    const { context, page } = await visit();
    await signIn(page, people.partner.email);
    await pickQuarter(page);
    expect(await settled(page, 'achievement')).toBe('forbidden');
    expect(await settled(page, 'aging')).toBe('forbidden');
    expect(await settled(page, 'conflicts')).toBe('empty');
    expect(await page.locator('[data-view="achievement"] .state').textContent()).toBe('No access: your role may not see this view.');
    await context.close();
  });

  it('says the funnel and the forecast are not available while the server has no such query', async () => {
    const { context, page } = await visit();
    await signIn(page, people.vp.email);
    await pickQuarter(page);
    for (const [view, name] of [
      ['funnel', 'pipelineFunnel'],
      ['forecast', 'forecastRollup'],
    ]) {
      const drawnState = await settled(page, view);
      if (hasQuery(name)) {
        expect(['ready', 'empty']).toContain(drawnState);
      } else {
        expect(drawnState).toBe('unavailable');
        expect(await page.locator(`[data-view="${view}"] .state`).textContent()).toBe('Not available yet: this server does not offer this view.');
      }
    }
    // The rest of the page carries on.
    expect(await settled(page, 'achievement')).toBe('ready');
    await context.close();
  });

  it('draws the funnel and the forecast from their queries: the VP the company’s, a director his region’s, a rep his own forecast', async () => {
    for (const [person, orgUnitId] of [
      [people.vp, units.company],
      [people.eastDirector, units.east],
    ] as const) {
      const { context, page } = await visit();
      await signIn(page, person.email);
      await pickQuarter(page);
      expect(await settled(page, 'funnel')).toBe('ready');
      const funnel = (await query('pipeline-funnel', { from: QUARTER.start, to: QUARTER_END, orgUnitId }, person.email)).data.pipelineFunnel;
      const funnelChart = await chartOption(page, 'funnel');
      expect(funnelChart.series.map((series) => series.id)).toEqual(['amount', 'weightedAmount']);
      const steps = [...funnel.stages, { ...funnel.won, weightedAmount: null }] as { amount: string | null; weightedAmount: string | null }[];
      expect(funnelChart.series[0].data).toEqual(steps.map((step) => num(step.amount)));
      expect(funnelChart.series[1].data).toEqual(steps.map((step) => num(step.weightedAmount)));

      expect(await settled(page, 'forecast')).toBe('ready');
      const rollup = (await query('forecast-rollup', { orgUnitId, from: QUARTER.start, months: 6 }, person.email)).data.forecastRollup;
      const forecastChart = await chartOption(page, 'forecast');
      expect(forecastChart.series.map((series) => series.id)).toEqual(['target', 'actual', 'commit', 'bestCase', 'pipeline']);
      expect(forecastChart.categories).toEqual(rollup.rows.map((row: { month: string }) => row.month.slice(0, 7)));
      expect(forecastChart.series[2].data).toEqual(rollup.rows.map((row: { commit: string }) => num(row.commit)));
      expect(forecastChart.series[1].data).toEqual(rollup.rows.map((row: { actual: string | null }) => num(row.actual)));
      await context.close();
    }

    const { context, page } = await visit();
    await signIn(page, people.shanghai1Rep.email);
    await pickQuarter(page);
    expect(await settled(page, 'forecast')).toBe('ready');
    const me = (await query('viewer', {}, people.shanghai1Rep.email)).data.me as { id: string };
    const own = (await query('forecast-rollup', { userId: me.id, from: QUARTER.start, months: 6 }, people.shanghai1Rep.email)).data.forecastRollup;
    expect(own.userId).toBe(me.id);
    expect((await chartOption(page, 'forecast')).series[2].data).toEqual(own.rows.map((row: { commit: string }) => num(row.commit)));
    await context.close();
  });

  it('speaks the browser’s language, Chinese here, and switches to English', async () => {
    const { context, page } = await visit('zh-CN');
    expect(await page.locator('#sign-in button[type=submit]').textContent()).toBe('登录');
    await signIn(page, people.eastDirector.email);
    await pickQuarter(page);
    expect(await page.locator('[data-view="achievement"] h2').textContent()).toBe('目标达成');
    expect((await chartOption(page, 'achievement')).series.map((series) => series.name)).toEqual(['目标', '实际', '达成率 %']);
    expect((await chartOption(page, 'aging')).series.map((series) => series.name)).toEqual(['0–30 天', '31–60 天', '61–90 天', '90 天以上']);
    // The font the page serves is loaded for the charts' Chinese words.
    expect(await page.evaluate(`document.fonts.check('12px "Noto Sans SC Variable"', '目标实际华东上海一组')`)).toBe(true);

    await page.selectOption('#language', 'en');
    expect(await settled(page, 'achievement')).toBe('ready');
    expect(await page.locator('[data-view="achievement"] h2').textContent()).toBe('Achievement against target');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect((await chartOption(page, 'achievement')).series.map((series) => series.name)).toEqual(['Target', 'Actual', 'Achievement %']);
    // The choice outlives a reload; the session stays for the tab.
    await page.reload();
    expect(await settled(page, 'achievement')).toBe('ready');
    expect(await page.locator('[data-view="achievement"] h2').textContent()).toBe('Achievement against target');
    await context.close();
  });

  it('renews an access token the server no longer takes once, for all the views that load at the same time', async () => {
    const { context, page } = await visit();
    await signIn(page, people.northDirector.email);
    await pickQuarter(page);
    const key = 'salesgraph.dashboard.session';
    const before = JSON.parse((await page.evaluate(`sessionStorage.getItem('${key}')`)) as string) as { accessToken: string; refreshToken: string };
    // As after the token's hour: every view's request comes back UNAUTHENTICATED at once.
    await page.evaluate(`sessionStorage.setItem('${key}', JSON.stringify({ ...JSON.parse(sessionStorage.getItem('${key}')), accessToken: 'expired' }))`);
    await page.selectOption('#period-kind', 'YEAR');
    for (const view of ['achievement', 'aging', 'conflicts']) expect(await settled(page, view)).toBe('ready');
    const after = JSON.parse((await page.evaluate(`sessionStorage.getItem('${key}')`)) as string) as { accessToken: string; refreshToken: string };
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // A refresh token used twice would have ended the session; the renewed one still works.
    const check = await app.request.post('/graphql').set('authorization', `Bearer ${after.accessToken}`).set('content-type', 'application/json').send({ query: '{ me { id } }' });
    expect(check.body.errors).toBeUndefined();
    expect(await page.locator('#sign-in').isHidden()).toBe(true);
    await context.close();
  });

  it('signs out: the session ends on the server and the page asks to sign in', async () => {
    const { context, page } = await visit();
    await signIn(page, people.shanghai2Manager.email);
    await page.locator('#board').waitFor();
    const session = JSON.parse((await page.evaluate(() => sessionStorage.getItem('salesgraph.dashboard.session'))) ?? 'null') as { refreshToken: string };
    await page.locator('#sign-out').click();
    await page.locator('#sign-in').waitFor();
    expect(await page.locator('#board').isHidden()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    const refreshed = await app.request
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: readFileSync(path.join(QUERIES, 'refresh-token.graphql'), 'utf8'), variables: { refreshToken: session.refreshToken } });
    expect(refreshed.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await context.close();
  });
});
