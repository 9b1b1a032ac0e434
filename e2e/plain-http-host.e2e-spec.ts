import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { baseUrl, launch, leftLoginPage, newPage, outputDir } from './support/browser';

// A host name that is not localhost, resolved by Chromium alone to this machine (nothing leaves it).
const HOST = 'stegvis.test';

/**
 * Over plain HTTP on any host but localhost, a Content-Security-Policy with
 * upgrade-insecure-requests (or HSTS) makes Chromium fetch every asset over https: the page stays
 * blank. The app started by the global setup is not configured for HTTPS, so it must not send them.
 */
describe('the web app over plain HTTP under a host name that is not localhost', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch({ extraArgs: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`] });
  });
  afterAll(async () => browser?.close());

  it(`shows the login page at http://${HOST}:<port>/login and logs the coach in`, async () => {
    const url = new URL(baseUrl());
    url.hostname = HOST;
    const { context, page } = await newPage(browser);
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));

    const response = await page.goto(`${url.origin}/login`);
    expect(response?.status()).toBe(200);
    await page.getByTestId('login-email').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('login-submit').isVisible()).toBe(true);
    expect(response?.headers()['content-security-policy']).not.toContain(
      'upgrade-insecure-requests',
    );
    expect(response?.headers()['strict-transport-security']).toBeUndefined();
    await page.screenshot({ path: join(outputDir, 'plain-http-host-login.png'), fullPage: true });

    await page.getByTestId('login-email').fill('coach@demo.stegvis.se');
    await page.getByTestId('login-password').fill('stegvis-demo');
    await page.getByTestId('login-submit').click();
    await leftLoginPage(page);
    expect(new URL(page.url()).host).toBe(url.host);
    expect(await page.getByTestId('page-title').textContent()).toContain('Mina deltagare');
    // Every asset and API call went to http://stegvis.test, none was upgraded and failed.
    expect(failed).toEqual([]);
    await context.close();
  });
});
