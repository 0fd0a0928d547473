/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { createTestApp, type TestApp } from './support/test-app';
import { TEST_JWT_SECRET } from './support/logged-app';

/**
 * The development GraphiQL page runs in a real browser (tests/support/browser.ts finds one) under the Content-Security-Policy it is
 * served with: its script runs, the schema loads, a query runs, and the browser reports no violation.
 */
let app: TestApp;
let browser: Browser;
let page: Page;
const console: string[] = [];

beforeAll(async () => {
  app = await createTestApp({ NODE_ENV: 'development', JWT_SECRET: TEST_JWT_SECRET });
  browser = await launchChromium();
  page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`));
  // Every violation the page meets, including those of scripts and styles added after load.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

it('loads the schema and runs a query under its own Content-Security-Policy, with no violation', async () => {
  const introspection = page.waitForResponse((response) => response.url().endsWith('/graphql') && response.request().method() === 'POST');
  const loaded = await page.goto(`${app.baseUrl}/graphql`);
  // Scripts from this server only: no inline script, nothing from elsewhere.
  expect(loaded?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
  // The page's script ran: it asked the server for the schema.
  expect((await introspection).status()).toBe(200);
  await page.locator('.graphiql-container').first().waitFor();

  // The default document signs in; running it shows the token.
  const signedIn = page.waitForResponse(async (response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes('Login'));
  await page.getByRole('button', { name: /execute/i }).first().click();
  expect((await (await signedIn).json()).data.login.accessToken).toEqual(expect.any(String));
  await page.getByText('accessToken').last().waitFor();

  const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  expect(violations).toEqual([]);
  expect(console.filter((line) => /content security policy|refused to/i.test(line))).toEqual([]);
});
