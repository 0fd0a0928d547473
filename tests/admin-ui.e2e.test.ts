import type { Browser, Page } from 'playwright-core';
import { buildAdminIfStale, startAdminUi, type AdminUi } from '../api/admin-ui';
import { createLogger } from '../api/logger';
import { DEMO_PASSWORD } from '../seeds/demo-company.seeder';
import { PRICE_LIST_ENTRIES, PRODUCTS } from './graphql/documents';
import { catalog, people } from './fixtures/demo-people';
import { launchChromium } from './support/browser';
import { freePort } from './support/free-port';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The admin UI in a real browser (Chromium driven by playwright-core, found by tests/support/browser.ts): an admin
 * signs in, sees the dashboard, creates a product and a price list entry, and the SalesGraph API reads both at once.
 */

let app: TestApp;
let admin: AdminUi;
let browser: Browser;
let page: Page;
/** Every URL the browser asked for: the admin must work offline, fonts included. */
const requested: string[] = [];

beforeAll(async () => {
  app = await createTestApp();
  const log = createLogger('warn');
  await buildAdminIfStale(log);
  admin = await startAdminUi(app.orm.config.getClientUrl(), await freePort(), log);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('request', (request) => requested.push(request.url()));
  page.setDefaultTimeout(20_000);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await admin?.stop();
  await app?.close();
});

async function signIn(email: string): Promise<void> {
  await page.goto(`${admin.url}/signin`);
  await page.locator('input[name=identity]').fill(email);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
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

  it('asks no server but its own: fonts included, it works offline', async () => {
    const offsite = requested.filter((url) => /^(https?|wss?):/.test(url) && !['localhost', '127.0.0.1'].includes(new URL(url).hostname));
    expect(offsite).toEqual([]);
    expect(requested.some((url) => url.startsWith(admin.url) && url.endsWith('.woff2'))).toBe(true);
  });
});

async function expectText(pattern: RegExp): Promise<void> {
  await page.getByText(pattern).first().waitFor();
}
