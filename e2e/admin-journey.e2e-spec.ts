import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  baseUrl,
  launch,
  loginAs,
  newPage,
  outputDir,
  seriousA11yViolations,
} from './support/browser';

describe('admin journey', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser.close());

  it('creates a user, disables a user and finds a read in the audit log', async () => {
    // The lead reads the report of their programme first, so there is a read to find.
    const lead = await newPage(browser);
    await loginAs(lead.page, 'lead@demo.stegvis.se');
    await lead.page.getByTestId('chart-participants').waitFor();
    await lead.context.close();

    const { context, page } = await newPage(browser);
    await loginAs(page, 'admin@demo.stegvis.se');
    await page.goto(`${baseUrl()}/admin/users`);
    await page.getByTestId('user-table').waitFor();
    await page.getByTestId('user-row-lead@demo.stegvis.se').waitFor();

    // Create: the server's password check shows beside the field and nothing typed is lost.
    const email = `ny.coach.${Date.now()}@demo.stegvis.se`;
    await page.getByTestId('user-new').click();
    await page.getByTestId('user-email').fill(email);
    await page.getByTestId('user-name').fill('Nora Nykomling (demo)');
    await page.getByTestId('user-role').selectOption('coach');
    await page.getByTestId('user-programmes').getByText('Steg mot arbete (demo)').click();
    await page.getByTestId('user-password').fill('password1234');
    await page.getByTestId('user-save').click();
    await page.getByTestId('user-password-error').waitFor();
    await expect(page.getByTestId('user-email').inputValue()).resolves.toBe(email);
    await expect(page.getByTestId('user-name').inputValue()).resolves.toBe('Nora Nykomling (demo)');
    await page.screenshot({ path: join(outputDir, 'admin-user-error-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByTestId('user-password').fill('lila kanel bryggeri vinter');
    await page.getByTestId('user-save').click();
    // A new account hands out a role: the admin enters their password again, in a dialog.
    const reauth = page.getByTestId('reauth-password');
    await reauth.waitFor();
    // Focus moves into the dialog (once it has opened), so the keyboard user types right there.
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'reauth-password',
    );
    await page.screenshot({ path: join(outputDir, 'admin-reauth-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await reauth.fill('fel lösenord');
    await page.keyboard.press('Enter');
    await page.getByText('The password is wrong.').waitFor();
    await reauth.fill('stegvis-demo');
    await page.keyboard.press('Enter');
    await page.getByTestId('admin-notice').waitFor();
    const row = page.getByTestId(`user-row-${email}`);
    await row.waitFor();

    // Disable the new user.
    await row.getByTestId('user-disable').click();
    await row.getByTestId('user-enable').waitFor();
    await expect(row.textContent()).resolves.toContain('Inaktiverad');
    await page.screenshot({ path: join(outputDir, 'admin-users-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The programme id, then "who viewed this?" in the audit log.
    await page.goto(`${baseUrl()}/admin/programmes`);
    await page.getByTestId('programme-table').waitFor();
    const programmeRow = page.locator('tr', { hasText: 'Steg mot arbete (demo)' });
    const programmeId = (await programmeRow.getByTestId('programme-id').textContent())?.trim();
    expect(programmeId).toMatch(/^[0-9a-f-]{36}$/);

    await page.goto(`${baseUrl()}/admin/audit`);
    await page.getByTestId('audit-row').first().waitFor();
    await page.getByTestId('audit-entity-id').fill(programmeId ?? '');
    await page.getByTestId('audit-entity').selectOption('report');
    await page.getByTestId('audit-action').selectOption('read');
    await page.getByTestId('audit-search').click();
    await page.waitForFunction(
      (id) =>
        Array.from(document.querySelectorAll('[data-testid="audit-row"]')).length > 0 &&
        Array.from(document.querySelectorAll('[data-testid="audit-row"]')).every((r) =>
          r.textContent?.includes(id ?? '-'),
        ),
      programmeId,
    );
    const first = await page.getByTestId('audit-row').first().textContent();
    expect(first).toContain('Läsning');
    expect(first).toContain('Rapport');
    expect(first).toContain('Projektledare');
    await page.screenshot({ path: join(outputDir, 'admin-audit-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('validates an organisation number with its check digit, in English', async () => {
    const { context, page } = await newPage(browser, { locale: 'en-GB' });
    await loginAs(page, 'admin@demo.stegvis.se');
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.goto(`${baseUrl()}/admin/enterprises`);
    await page.getByTestId('enterprise-table').waitFor();
    await page.getByTestId('enterprise-new').click();
    await page.getByTestId('enterprise-name').fill('Verkstan (demo)');
    await page.getByTestId('enterprise-org').fill('556677-8890');
    await page.getByTestId('enterprise-municipality').fill('Lund');
    await page.getByTestId('enterprise-save').click();
    await page.getByText('wrong check digit').waitFor();
    await page.screenshot({ path: join(outputDir, 'admin-enterprise-en.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'sv');
    await context.close();
  });
});
