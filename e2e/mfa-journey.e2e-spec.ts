import type { LoginResponse, Programme } from '@stegvis/contracts';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { request, type Browser, type Page } from 'playwright-core';
import {
  baseUrl,
  launch,
  leftLoginPage,
  loginAs,
  newPage,
  outputDir,
  seriousA11yViolations,
} from './support/browser';

const PASSWORD = 'lila kanel bryggeri vinter';
/** The admin's one-time password for the new account; the coach replaces it with PASSWORD. */
const ONE_TIME = 'engångs lösenord från admin';

/** The code an authenticator app shows for the key, `offsetSteps` × 30 s from now. */
function codeFor(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });
}

/**
 * A coach of its own, so no other journey meets an account with MFA on. The admin re-enters the
 * password before creating it (a new account hands out a role), and the coach replaces the
 * admin's one-time password with their own before the journey starts. Created through
 * Playwright's request context, whose connections are closed with it: an idle keep-alive socket
 * left in Node's global fetch pool could be reused by a later test file just as the server closes it.
 */
async function createCoach(): Promise<string> {
  const api = await request.newContext({ baseURL: baseUrl() });
  try {
    const login = await api.post('/api/auth/login', {
      data: { email: 'admin@demo.stegvis.se', password: 'stegvis-demo' },
    });
    expect(login.status()).toBe(200);
    const headers = {
      authorization: `Bearer ${((await login.json()) as LoginResponse).accessToken}`,
    };
    const reauth = await api.post('/api/auth/reauth', {
      headers,
      data: { password: 'stegvis-demo' },
    });
    expect(reauth.status()).toBe(204);
    const programmes = (await (await api.get('/api/programmes', { headers })).json()) as
      Programme[] | { items: Programme[] };
    const list = Array.isArray(programmes) ? programmes : programmes.items;
    const programme = list.find((p) => p.name.startsWith('Steg mot arbete'));
    const email = `tvasteg.${Date.now()}@demo.stegvis.se`;
    const created = await api.post('/api/users', {
      headers,
      data: {
        email,
        name: 'Tove Tvåsteg (demo)',
        role: 'coach',
        password: ONE_TIME,
        programmeIds: programme ? [programme.id] : [],
      },
    });
    expect(created.status()).toBe(201);
    const first = await api.post('/api/auth/login', { data: { email, password: ONE_TIME } });
    const firstLogin = (await first.json()) as LoginResponse;
    expect(firstLogin.user.mustChangePassword).toBe(true);
    const changed = await api.post('/api/me/password', {
      headers: { authorization: `Bearer ${firstLogin.accessToken}` },
      data: { currentPassword: ONE_TIME, newPassword: PASSWORD },
    });
    expect(changed.status()).toBe(204);
    return email;
  } finally {
    await api.dispose();
  }
}

async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

describe('two-step verification journey', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser.close());

  it('a coach turns on two-step verification, logs in with a code and a recovery code; an admin resets it', async () => {
    const email = await createCoach();
    const { context, page } = await newPage(browser);
    await loginAs(page, email, PASSWORD);

    // The account page, from the user link in the header.
    await page.getByTestId('current-user').click();
    await page.waitForURL((url) => url.pathname === '/account');
    await page.getByTestId('mfa-start').click();
    await page.getByTestId('mfa-password').fill(PASSWORD);
    await page.getByTestId('mfa-continue').click();
    await page.getByTestId('mfa-qr').waitFor();
    const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expect(page.getByTestId('mfa-code').getAttribute('autocomplete')).resolves.toBe(
      'one-time-code',
    );
    await page.screenshot({ path: join(outputDir, 'account-mfa-enrol-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByTestId('mfa-code').fill(codeFor(secret));
    await page.getByTestId('mfa-confirm').click();
    const list = page.getByTestId('mfa-recovery-codes');
    await list.waitFor();
    const recoveryCodes = (await list.locator('li').allTextContents()).map((c) => c.trim());
    expect(recoveryCodes).toHaveLength(10);
    await page.screenshot({ path: join(outputDir, 'account-mfa-codes-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('mfa-codes-saved').click();
    await expect(page.getByTestId('mfa-badge').textContent()).resolves.toContain('På');

    // Log in again: the password, then the code on the same page. The confirmation spent this
    // step's code, so use the next one (the server accepts one step either side).
    await logout(page);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    const code = page.getByTestId('login-code');
    await code.waitFor();
    await expect(code.getAttribute('inputmode')).resolves.toBe('numeric');
    await expect(
      page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    ).resolves.toBe('login-code');
    await page.screenshot({ path: join(outputDir, 'login-mfa-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await code.fill('000000');
    await page.getByTestId('login-code-submit').click();
    await page.getByText('Koden stämmer inte').waitFor();
    await code.fill(codeFor(secret, 1));
    await page.keyboard.press('Enter');
    await leftLoginPage(page);
    expect(new URL(page.url()).pathname).toBe('/coach');

    // And with a recovery code instead.
    await logout(page);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-use-recovery').click();
    await page.locator('[data-testid="login-code"][autocomplete="off"]').waitFor();
    await page.getByTestId('login-code').fill(recoveryCodes[0] ?? '');
    await page.getByTestId('login-code-submit').click();
    await leftLoginPage(page);
    await context.close();

    // The admin resets it (the user lost the phone and the codes).
    const admin = await newPage(browser);
    await loginAs(admin.page, 'admin@demo.stegvis.se');
    await admin.page.goto(`${baseUrl()}/admin/users`);
    const row = admin.page.getByTestId(`user-row-${email}`);
    await row.waitFor();
    await row.getByTestId('user-reset-mfa').click();
    await admin.page.getByTestId('mfa-reset-panel').waitFor();
    await admin.page.screenshot({
      path: join(outputDir, 'admin-mfa-reset-sv.png'),
      fullPage: true,
    });
    expect(await seriousA11yViolations(admin.page)).toEqual([]);
    await admin.page.getByTestId('mfa-reset-confirm').click();
    // A reset of someone's second factor asks for the admin's password again.
    await admin.page.getByTestId('reauth-password').fill('stegvis-demo');
    await admin.page.keyboard.press('Enter');
    await admin.page.getByTestId('admin-notice').waitFor();
    await expect(row.getByTestId('user-mfa').textContent()).resolves.toContain('Av');
    await admin.context.close();

    // The password alone works again.
    const after = await newPage(browser);
    await loginAs(after.page, email, PASSWORD);
    expect(new URL(after.page.url()).pathname).toBe('/coach');
    await after.context.close();
  });
});
