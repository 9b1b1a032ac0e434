import type { LoginResponse } from '@stegvis/contracts';
import { join } from 'node:path';
import { request, type Browser } from 'playwright-core';
import {
  baseUrl,
  launch,
  leftLoginPage,
  loginAs,
  newPage,
  outputDir,
  seriousA11yViolations,
} from './support/browser';

const OWN = 'lila kanel bryggeri vinter';
const ONE_TIME = 'engångslösenord från admin 1';

/**
 * A coach of its own with a password of its own (created through the API: the admin re-enters
 * the password, the coach replaces the one-time password at once), so no demo account changes.
 */
async function createCoach(): Promise<string> {
  const api = await request.newContext({ baseURL: baseUrl() });
  try {
    const login = await api.post('/api/auth/login', {
      data: { email: 'admin@demo.stegvis.se', password: 'stegvis-demo' },
    });
    const headers = {
      authorization: `Bearer ${((await login.json()) as LoginResponse).accessToken}`,
    };
    expect(
      (
        await api.post('/api/auth/reauth', { headers, data: { password: 'stegvis-demo' } })
      ).status(),
    ).toBe(204);
    const email = `engang.${Date.now()}@demo.stegvis.se`;
    const created = await api.post('/api/users', {
      headers,
      data: { email, name: 'Elsa Engång (demo)', role: 'coach', password: ONE_TIME },
    });
    expect(created.status()).toBe(201);
    const first = (await (
      await api.post('/api/auth/login', { data: { email, password: ONE_TIME } })
    ).json()) as LoginResponse;
    const changed = await api.post('/api/me/password', {
      headers: { authorization: `Bearer ${first.accessToken}` },
      data: { currentPassword: ONE_TIME, newPassword: OWN },
    });
    expect(changed.status()).toBe(204);
    return email;
  } finally {
    await api.dispose();
  }
}

describe('admin: re-authentication and one-time passwords', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser.close());

  it("the admin's own row edits only the name; a reset asks for the password and gives a one-time password the user must change", async () => {
    const email = await createCoach();
    const admin = await newPage(browser);
    const page = admin.page;
    await loginAs(page, 'admin@demo.stegvis.se');
    await page.goto(`${baseUrl()}/admin/users`);

    // Their own row: no password reset, and the form offers no role or programmes.
    const own = page.getByTestId('user-row-admin@demo.stegvis.se');
    await own.waitFor();
    await expect(own.getByTestId('user-reset').count()).resolves.toBe(0);
    await own.getByRole('button', { name: /Ändra/ }).click();
    await page.getByTestId('user-own-note').waitFor();
    await expect(page.getByTestId('user-role').count()).resolves.toBe(0);
    await expect(page.getByTestId('user-programmes').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Avbryt' }).click();

    // A password reset for the coach: the dialog asks for the admin's password, by keyboard.
    const row = page.getByTestId(`user-row-${email}`);
    await page.getByTestId('user-search').fill(email);
    await row.waitFor();
    await row.getByTestId('user-reset').click();
    await page.getByTestId('reset-password').fill(ONE_TIME);
    await page.keyboard.press('Enter');
    const reauth = page.getByTestId('reauth-password');
    await reauth.waitFor();
    // Focus moves into the dialog (once it has opened), so the keyboard user types right there.
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'reauth-password',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(outputDir, 'admin-reauth-dialog-sv.png'), fullPage: true });
    await page.keyboard.type('stegvis-demo');
    await page.keyboard.press('Enter');
    await page.getByTestId('admin-notice').waitFor();
    await expect(page.getByTestId('admin-notice').textContent()).resolves.toContain(
      'Lösenordet för Elsa Engång (demo) har återställts',
    );
    await admin.context.close();

    // The coach logs in with the one-time password: only "Byt lösenord".
    const coach = await newPage(browser);
    await loginAs(coach.page, email, ONE_TIME);
    expect(new URL(coach.page.url()).pathname).toBe('/account/password');
    await expect(coach.page.getByTestId('page-title').textContent()).resolves.toContain(
      'Byt lösenord',
    );
    await coach.page.getByTestId('password-required-notice').waitFor();
    await expect(coach.page.locator('nav.sv-nav').count()).resolves.toBe(0);
    expect(await seriousA11yViolations(coach.page)).toEqual([]);
    await coach.page.screenshot({
      path: join(outputDir, 'account-change-password-sv.png'),
      fullPage: true,
    });
    // Nowhere else until it is changed.
    await coach.page.goto(`${baseUrl()}/coach`);
    await coach.page.waitForURL((url) => url.pathname === '/account/password');
    await coach.page.getByTestId('password-current').waitFor();

    await coach.page.getByTestId('password-current').fill(ONE_TIME);
    await coach.page.getByTestId('password-new').fill('mitt alldeles egna lösenord 9');
    await coach.page.getByTestId('password-repeat').fill('mitt alldeles egna lösenord 9');
    await coach.page.keyboard.press('Enter');
    await coach.page.waitForURL((url) => url.pathname === '/coach');
    await coach.context.close();

    // And the new password is the one that works.
    const again = await newPage(browser);
    await loginAs(again.page, email, 'mitt alldeles egna lösenord 9');
    await leftLoginPage(again.page);
    expect(new URL(again.page.url()).pathname).toBe('/coach');
    await again.context.close();
  });
});
