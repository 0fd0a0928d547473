import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { buildAdminIfStale, startAdminUi, type AdminUi } from '../api/admin-ui';
import { createLogger } from '../api/logger';
import { DEMO_PASSWORD } from '../seeds/demo-company.seeder';
import { seedDemoOrdersIfEmpty } from '../seeds/demo-orders.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { TARGET_METRIC_DEFINITIONS } from '../schema/targets/metric-definitions';
import { PRICE_LIST_ENTRIES, PRODUCTS } from './graphql/documents';
import { catalog, people, userId } from './fixtures/demo-people';
import { launchChromium } from './support/browser';
import { freePort } from './support/free-port';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The admin UI in a real browser (Chromium driven by playwright-core, found by tests/support/browser.ts): an admin
 * signs in, sees the dashboard, creates a product and a price list entry, and the SalesGraph API reads both at once.
 * Then the same admin in a Chinese browser (`Accept-Language: zh-CN`): the project's labels, pages and messages in
 * Chinese, and the demo data's Chinese names drawn in the CJK font the admin serves.
 */

let app: TestApp;
let admin: AdminUi;
let browser: Browser;
let page: Page;
/** Every URL the browser asked for: the admin must work offline, fonts included. */
const requested: string[] = [];
/** What the page's Content-Security-Policy refused: nothing, or the policy is wrong for the admin. */
const violations: string[] = [];

beforeAll(async () => {
  app = await createTestApp();
  const log = createLogger('warn');
  await buildAdminIfStale(log);
  admin = await startAdminUi(app.orm.config.getClientUrl(), await freePort(), log);
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'en-US' });
  page.on('request', (request) => requested.push(request.url()));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.setDefaultTimeout(20_000);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await admin?.stop();
  await app?.close();
});

async function signIn(email: string, on: Page = page): Promise<void> {
  await on.goto(`${admin.url}/signin`);
  await on.locator('input[name=identity]').fill(email);
  await on.locator('input[name=password]').fill(DEMO_PASSWORD);
  await on.getByRole('button', { name: 'Sign in' }).click();
}

async function chooseOption(label: string, search: string, option: string): Promise<void> {
  const combobox = page.getByRole('combobox', { name: label });
  await combobox.click();
  await combobox.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

describe('the admin UI', () => {
  it('refuses a user who is not an admin at sign-in, with a message, and starts no session', async () => {
    await signIn(people.vp.email);
    // The password is right, but the sign-in page itself says who may sign in here …
    await expectText(/Only active administrators can sign in to the admin/);
    expect(new URL(page.url()).pathname).toBe('/signin');
    // … no session cookie is set, and every page still sends the user to sign in.
    expect(await page.context().cookies()).toEqual([]);
    await page.goto(`${admin.url}/products`);
    await page.waitForURL(/\/signin/);
  });

  it('lets an admin in and shows the master-data dashboard', async () => {
    await signIn(people.admin.email);
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
    await page.goto(`${admin.url}/master-data`);
    await page.getByTestId('active-products').waitFor();
    expect(await page.getByTestId('active-products').textContent()).toBe(String(catalog.productCount));
    expect(await page.getByTestId('bar-SENSOR').textContent()).toContain('50');
  });

  it('renders the Chinese names in a font the admin serves itself, not as boxes', async () => {
    // Without a CJK font, Chromium still "renders" 传感器, with the fallback font's empty boxes: ask it which fonts
    // drew the glyphs. (The test browser has no CJK system fonts; the admin serves Noto Sans SC.)
    await page.getByTestId('bar-SENSOR').waitFor();
    await page.evaluate('document.fonts.ready.then(() => true)');
    const cdp = await page.context().newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument');
    await cdp.send('CSS.enable');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-testid="bar-SENSOR"] text' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    await cdp.detach();
    expect(await page.locator('[data-testid="bar-SENSOR"] text').first().textContent()).toBe('传感器');
    expect(fonts).toEqual([expect.objectContaining({ familyName: expect.stringMatching(/^Noto Sans SC/), isCustomFont: true, glyphCount: 3 })]);
  });

  it('creates a product that the API reads at once', async () => {
    await page.goto(`${admin.url}/products/create`);
    await page.getByLabel(/^Sku/).fill('HMI-UI-0001');
    await page.getByLabel(/^Name/).fill('浏览器创建的触摸屏');
    await page.getByLabel(/^Unit\*?$/).fill('台');
    await page.getByLabel(/^Unit Cost/).fill('1234.50');
    await chooseOption('Product Line', '人机', '人机界面与工控机');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/products\/[0-9a-f-]{36}$/);

    const token = await app.tokenFor(people.eastDirector.email);
    const found = await app.gql(PRODUCTS, { first: 5, filter: { search: 'HMI-UI-0001' } }, { token });
    expect(found.data?.products.nodes).toEqual([expect.objectContaining({ sku: 'HMI-UI-0001', name: '浏览器创建的触摸屏', productLine: { code: 'HMI' } })]);
  });

  it('refuses an invalid product with a message that names the field', async () => {
    await page.goto(`${admin.url}/products/create`);
    await page.getByLabel(/^Sku/).fill('bad sku');
    await page.getByLabel(/^Name/).fill('x');
    await page.getByLabel(/^Unit\*?$/).fill('个');
    await page.getByLabel(/^Unit Cost/).fill('1');
    await chooseOption('Product Line', '传感', '传感器');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expectText(/sku: must be upper-case letters and digits/);
  });

  it('creates a price list entry that the API reads at once', async () => {
    await page.goto(`${admin.url}/price-list-entries/create`);
    await chooseOption('Price List', '线上', '2026 线上价目表');
    await chooseOption('Product', 'HMI-UI', 'HMI-UI-0001');
    await page.getByLabel(/^List Price/).fill('1999.00');
    await page.getByLabel(/^Floor Price/).fill('1500.00');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/price-list-entries\/[0-9a-f-]{36}$/);

    const token = await app.tokenFor(people.eastDirector.email);
    const entries = await app.gql(PRICE_LIST_ENTRIES, { id: catalog.onlinePriceList, first: 100 }, { token });
    expect(entries.data?.priceList!.entries.totalCount).toBe(catalog.productCount + 1);
  });

  it('is served with security headers: no framing, no sniffing, a policy that loads from the admin only, and nothing it refused', async () => {
    const response = await page.goto(`${admin.url}/master-data`);
    const headers = response!.headers();
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    await page.getByTestId('active-products').waitFor();
    expect(violations).toEqual([]);
  });

  it('asks no server but its own: fonts included, it works offline', async () => {
    const offsite = requested.filter((url) => /^(https?|wss?):/.test(url) && !['localhost', '127.0.0.1'].includes(new URL(url).hostname));
    expect(offsite).toEqual([]);
    expect(requested.some((url) => url.startsWith(admin.url) && url.endsWith('.woff2'))).toBe(true);
  });
});

describe('the admin UI in a Chinese browser', () => {
  /** A browser whose language is Chinese: it sends `Accept-Language: zh-CN` and reports zh-CN to the page. */
  let zh: Page;

  beforeAll(async () => {
    zh = await browser.newPage({ locale: 'zh-CN' });
    zh.on('request', (request) => requested.push(request.url()));
    zh.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await zh?.close();
  });

  async function signInZh(email: string): Promise<void> {
    await zh.goto(`${admin.url}/signin`);
    await zh.getByRole('heading', { name: '登录' }).waitFor();
    await zh.getByLabel(/^邮箱/).fill(email);
    await zh.getByLabel(/^密码/).fill(DEMO_PASSWORD);
    await zh.getByRole('button', { name: '登录' }).click();
  }

  /** The fonts Chromium drew the first element matching `selector` with. */
  async function fontsOf(selector: string) {
    await zh.evaluate('document.fonts.ready.then(() => true)');
    const cdp = await zh.context().newCDPSession(zh);
    const { root } = await cdp.send('DOM.getDocument');
    await cdp.send('CSS.enable');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    await cdp.detach();
    return fonts;
  }

  it('the sign-in page and its refusal of a non-admin are in Chinese', async () => {
    expect(await zh.evaluate('navigator.language')).toBe('zh-CN');
    await signInZh(people.vp.email);
    await zh.getByText('仅限在职的系统管理员登录管理后台').first().waitFor();
    await zh.getByLabel(/^邮箱/).fill(people.admin.email);
    await zh.getByLabel(/^密码/).fill('wrong-password');
    await zh.getByRole('button', { name: '登录' }).click();
    await zh.getByText('邮箱或密码错误。').waitFor();
  });

  it('an admin sees the dashboard and the navigation in Chinese, the Chinese names in Noto Sans SC', async () => {
    await signInZh(people.admin.email);
    await zh.waitForURL((url) => !url.pathname.startsWith('/signin'));
    await zh.goto(`${admin.url}/master-data`);
    await zh.getByTestId('active-products').waitFor();
    await zh.getByRole('heading', { name: '主数据看板' }).waitFor();
    await zh.getByText('在售产品').waitFor();
    const navigation = zh.getByRole('navigation');
    for (const label of ['主数据看板', '用户', '组织单元', '经销商', '产品线', '产品', '价目表', '价目条目', '审批权限', '提成方案', '拜访频率标准', '考核表', '考核指标']) {
      await navigation.getByRole('link', { name: label, exact: true }).waitFor();
    }
    expect(await zh.locator('[data-testid="bar-SENSOR"] text').first().textContent()).toBe('传感器');
    expect(await fontsOf('[data-testid="bar-SENSOR"] text')).toEqual([expect.objectContaining({ familyName: expect.stringMatching(/^Noto Sans SC/), isCustomFont: true, glyphCount: 3 })]);
    expect(await fontsOf('h1')).toEqual([expect.objectContaining({ familyName: expect.stringMatching(/^Noto Sans SC/), isCustomFont: true, glyphCount: 5 })]);
    await zh.getByRole('heading', { name: '各大区每月订单销售额达成情况' }).waitFor();
    await zh.getByRole('heading', { name: '指标定义' }).waitFor();
    expect(await zh.getByTestId('metric-definition-VISITS').textContent()).toBe('拜访次数（VISITS）客户拜访，自访和协访都计入。');
  });

  it('lists show Chinese column labels and select options beside the demo data’s Chinese names', async () => {
    await zh.goto(`${admin.url}/users`);
    for (const column of ['姓名', '邮箱', '角色', '所属组织', '状态']) await zh.getByRole('columnheader', { name: column, exact: true }).waitFor();
    await zh.getByRole('grid').getByText('销售代表').first().waitFor();
    // The list is virtualized: search for the VP rather than scroll to him.
    await zh.goto(`${admin.url}/users?search=${encodeURIComponent('王建国')}`);
    const vp = zh.getByRole('row').filter({ hasText: '王建国' });
    await vp.getByText('销售副总裁').waitFor();
    await vp.getByText('启用').waitFor();
  });

  it('a form’s labels and the validation hooks’ messages are in Chinese', async () => {
    await zh.goto(`${admin.url}/products/create`);
    await zh.getByLabel(/^SKU/).fill('bad sku');
    await zh.getByLabel(/^名称/).fill('测试产品');
    await zh.getByLabel(/^单位\*?$/).fill('个');
    await zh.getByLabel(/^单位成本/).fill('1');
    const productLine = zh.getByRole('combobox', { name: '产品线' });
    await productLine.click();
    await productLine.fill('传感');
    await zh.getByRole('option', { name: '传感器' }).first().click();
    await zh.getByText(/^状态/).first().waitFor();
    // Keystone's own buttons stay English.
    await zh.getByRole('button', { name: 'Create', exact: true }).click();
    await zh.getByText(/sku：必须由大写字母和数字组成/).first().waitFor();
  });

  it('asks no server but its own in Chinese either', async () => {
    const offsite = requested.filter((url) => /^(https?|wss?):/.test(url) && !['localhost', '127.0.0.1'].includes(new URL(url).hostname));
    expect(offsite).toEqual([]);
  });
});

/**
 * The dashboard's chart of booked-sales achievement by region and month, on the demo company's sales and orders
 * (seeded through the services, dated relative to today) and a monthly target set for one region: the bar, the
 * target line and the figures of that region and month against the same figures computed here in SQL.
 */
describe('the achievement chart', () => {
  let chart: Page;
  /** The region and month with the most booked sales, and its figures as SQL computes them. */
  let pick: { region_id: string; name: string; month: string; actual: string };
  let target: string;
  let rate: string;
  /** The largest actual or target of any region and month of the year: the chart's full height. */
  let max: number;

  const sql = <T>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T[]>(query, params);
  /** Booked sales per region and month, counted over each region's subtree by `org_unit.path`. */
  const REGION_MONTHS = `select r.id as region_id, r.name, to_char(date_trunc('month', f.occurred_on), 'YYYY-MM') as month,
                                sum(f.value)::numeric(16,2)::text as actual
                           from org_unit r
                           join org_unit ou on starts_with(ou.path, r.path)
                           join app_user u on u.unit_id = ou.id
                           join sales_performance_fact f on f.user_id = u.id
                          where r.kind = 'REGION' and f.metric = 'BOOKED_SALES'
                          group by 1, 2, 3`;

  beforeAll(async () => {
    await seedDemoSalesIfEmpty(app.orm, app.config);
    await seedDemoOrdersIfEmpty(app.orm, app.config);
    [pick] = await sql<typeof pick>(`${REGION_MONTHS} order by sum(f.value) desc limit 1`);
    // The region's own target for the month, all lines (a quarter more than it booked), and a product-line target
    // of the same month that the chart must not take for it.
    target = (Math.round(Number(pick.actual) * 1.25 * 100) / 100).toFixed(2);
    const insert = `insert into sales_target (id, metric, period_kind, period_start, org_unit_id, product_line_id, value, set_by_id, reason)
                    values (?, 'BOOKED_SALES', 'MONTH', ?::date, ?, ?, ?, ?, 'admin chart test')`;
    await sql(insert, [randomUUID(), `${pick.month}-01`, pick.region_id, null, target, userId(people.admin)]);
    await sql(insert, [randomUUID(), `${pick.month}-01`, pick.region_id, catalog.sensorLine, '1.00', userId(people.admin)]);
    [{ rate }] = await sql<{ rate: string }>(`select round(?::numeric * 100 / ?::numeric, 2)::text as rate`, [pick.actual, target]);
    const year = pick.month.slice(0, 4);
    const [{ top }] = await sql<{ top: string }>(
      `select greatest(
                (select max(m.actual::numeric) from (${REGION_MONTHS}) m where m.month like ? || '%'),
                (select max(t.value) from sales_target t join org_unit r on r.id = t.org_unit_id
                  where r.kind = 'REGION' and t.metric = 'BOOKED_SALES' and t.period_kind = 'MONTH' and extract(year from t.period_start) = ?::int
                    and t.product_line_id is null and t.customer_tier is null and t.customer_novelty is null))::text as top`,
      [year, year],
    );
    max = Number(top);
    chart = await browser.newPage({ locale: 'en-US' });
    chart.setDefaultTimeout(20_000);
    await signIn(people.admin.email, chart);
    await chart.waitForURL((url) => !url.pathname.startsWith('/signin'));
  }, 240_000);

  afterAll(async () => {
    await chart?.close();
  });

  it('draws the region’s booked sales of the month against its target, as SQL computes them', async () => {
    await chart.goto(`${admin.url}/master-data`);
    await chart.getByTestId('achievement-year').selectOption(pick.month.slice(0, 4));
    const bar = chart.getByTestId(`achievement-${pick.name}-${pick.month}`);
    await bar.waitFor();
    expect(await bar.getAttribute('data-actual')).toBe(pick.actual);
    expect(await bar.getAttribute('data-target')).toBe(target);
    expect(await bar.getAttribute('data-rate')).toBe(rate);
    expect(await bar.locator('[data-part=rate]').textContent()).toBe(`${Math.round(Number(rate))}%`);
    // Heights on a 160-pixel scale shared by all regions: the bar and the target line where the figures put them.
    expect(Number(await bar.locator('rect[data-part=actual]').getAttribute('height'))).toBe(Math.round((Number(pick.actual) / max) * 160));
    expect(Number(await bar.locator('line[data-part=target]').getAttribute('y1'))).toBe(160 - Math.round((Number(target) / max) * 160) + 4);
    expect(await bar.locator('title').textContent()).toContain(`of ${new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(Number(target))} (${rate} %)`);
    // Every region, twelve months each.
    expect(await chart.locator('[data-testid^="achievement-region-"]').count()).toBe(3);
    expect(await chart.getByTestId(`achievement-region-${pick.name}`).locator('g[data-actual]').count()).toBe(12);
  });

  it('shows the four metric definitions, read-only, as the code states them', async () => {
    const rows = chart.getByTestId('metric-definitions').locator('tbody tr');
    expect(await rows.count()).toBe(4);
    for (const [metric, definition] of Object.entries(TARGET_METRIC_DEFINITIONS)) {
      expect(await chart.getByTestId(`metric-definition-${metric}`).textContent()).toBe(`${metric}${definition}`);
    }
    expect(await chart.getByTestId('metric-definitions').locator('input, textarea, select, button').count()).toBe(0);
  });

  it('gives a non-admin nothing: no session, or a session whose user is no longer an admin', async () => {
    const query = { query: `query { salesAchievementByRegion(year: ${pick.month.slice(0, 4)}) { name months { month actual } } }` };
    const anonymous = await (await fetch(`${admin.url}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(query) })).json();
    expect(anonymous.data).toEqual({ salesAchievementByRegion: null });
    expect(anonymous.errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual(['FORBIDDEN']);

    // The browser's session (the admin's cookie): the session data is read from the user on every request.
    const asAdmin = await (await chart.request.post(`${admin.url}/api/graphql`, { data: query })).json();
    expect(asAdmin.errors).toBeUndefined();
    expect(asAdmin.data.salesAchievementByRegion).toHaveLength(3);
    await sql(`update app_user set role = 'SALES_VP' where id = ?`, [userId(people.admin)]);
    try {
      const demoted = await (await chart.request.post(`${admin.url}/api/graphql`, { data: query })).json();
      expect(demoted.data).toEqual({ salesAchievementByRegion: null });
      expect(demoted.errors.map((error: { message: string; extensions: { code: string } }) => [error.message, error.extensions.code])).toEqual([
        ['Only administrators may read this.', 'FORBIDDEN'],
      ]);
    } finally {
      await sql(`update app_user set role = 'ADMIN' where id = ?`, [userId(people.admin)]);
    }
  });
});

async function expectText(pattern: RegExp): Promise<void> {
  await page.getByText(pattern).first().waitFor();
}
