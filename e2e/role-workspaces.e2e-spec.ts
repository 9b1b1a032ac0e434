import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  baseUrl,
  launch,
  leftLoginPage,
  loginAs,
  newPage,
  outputDir,
  seriousA11yViolations,
} from './support/browser';

describe('each role reaches its workspace in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser.close());

  it('sends a visitor to the login page, in Swedish, with no serious accessibility findings', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${baseUrl()}/coach`);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-submit').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.getByTestId('login-submit').textContent()).toContain('Logga in');
    await page.screenshot({ path: join(outputDir, 'login-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows the Swedish error for a wrong password and keeps what was typed', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${baseUrl()}/login`);
    await page.getByTestId('login-email').fill('coach@demo.stegvis.se');
    await page.getByTestId('login-password').fill('fel lösenord');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toContain(
      'Fel e-post eller lösenord',
    );
    expect(await page.getByTestId('login-email').inputValue()).toBe('coach@demo.stegvis.se');
    await context.close();
  });

  it('logs the coach in by keyboard alone and lands on "Mina deltagare"', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${baseUrl()}/login`);
    await page.getByTestId('login-email').focus();
    await page.keyboard.type('coach@demo.stegvis.se');
    await page.keyboard.press('Tab');
    await page.keyboard.type('stegvis-demo');
    await page.keyboard.press('Enter');
    await leftLoginPage(page);
    expect(await page.getByTestId('page-title').textContent()).toContain('Mina deltagare');
    expect(page.url()).toMatch(/\/coach$/);
    await page.screenshot({ path: join(outputDir, 'coach-home-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    // A coach does not get the admin pages, whatever the URL.
    await page.goto(`${baseUrl()}/admin/audit`);
    await page.getByTestId('page-title').waitFor();
    expect(page.url()).not.toContain('/admin');
    await context.close();
  });

  it('switches the coach to English and back, remembered across a reload', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.getByTestId('lang-switch').click();
    await page.getByText('My participants').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByTestId('page-title').waitFor();
    expect(await page.getByTestId('page-title').textContent()).toContain('My participants');
    await page.screenshot({ path: join(outputDir, 'coach-home-en.png'), fullPage: true });
    await page.getByTestId('lang-switch').click();
    await page.getByText('Mina deltagare').first().waitFor();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await context.close();
  });

  it('fits the supervisor page on a 360 px phone', async () => {
    const { context, page } = await newPage(browser, { width: 360, height: 740 });
    await loginAs(page, 'supervisor@demo.stegvis.se');
    expect(await page.getByTestId('page-title').textContent()).toContain(
      'Mina deltagare och uppföljningar',
    );
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(outputDir, 'supervisor-home-360.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it.each([
    ['lead@demo.stegvis.se', /\/lead/, 'lead-home-sv.png'],
    ['admin@demo.stegvis.se', /\/admin/, 'admin-home-sv.png'],
  ])('takes %s to their workspace', async (email, url, shot) => {
    const { context, page } = await newPage(browser);
    await loginAs(page, email);
    expect(page.url()).toMatch(url);
    await page.screenshot({ path: join(outputDir, shot), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});
