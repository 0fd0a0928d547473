import type { Browser } from 'playwright-core';
import { launchChromium, packagedChromium } from './support/browser';

/**
 * The fallback browser of tests/support/browser.ts, tried even where Debian's chromium is installed (CI machines
 * may have it): on a machine without it, `npm test` depends on this one.
 */
describe('the Chromium shipped in @sparticuz/chromium', () => {
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
  });

  it('unpacks without a download and renders a page', async () => {
    browser = await launchChromium(packagedChromium());
    const page = await browser.newPage();
    await page.setContent('<p id="greeting">你好, SalesGraph</p>');
    expect(await page.locator('#greeting').textContent()).toBe('你好, SalesGraph');
    expect(browser.version()).toMatch(/^\d+\./);
  }, 60_000);
});
