import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildAdminIfStale, startAdminUi, type AdminUi } from '../api/admin-ui';
import { createLogger } from '../api/logger';
import { DEMO_PASSWORD } from '../seeds/demo-company.seeder';
import { PRICE_LIST_ENTRIES, PRODUCTS } from './graphql/documents';
import { catalog, people } from './fixtures/demo-people';
import { freePort } from './support/free-port';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The admin UI in a real browser (Debian's chromium, driven by playwright-core): an admin signs in, sees the
 * dashboard, creates a product and a price list entry, and the SalesGraph API reads both at once.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let app: TestApp;
let admin: AdminUi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium)`);
  app = await createTestApp();
  const log = createLogger('warn');
  await buildAdminIfStale(log);
  admin = await startAdminUi(app.orm.config.getClientUrl(), await freePort(), log);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
  page = await browser.newPage();
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
    expect(entries.data?.priceList.entries.totalCount).toBe(catalog.productCount + 1);
  });
});

async function expectText(pattern: RegExp): Promise<void> {
  await page.getByText(pattern).first().waitFor();
}
