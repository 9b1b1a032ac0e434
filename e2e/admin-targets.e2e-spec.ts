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

// The status of a target, in words (never by colour alone).
const STATUS_WORDS: Record<string, string> = {
  met: 'Uppnått',
  not_met: 'Ej uppnått',
  cannot_be_shown: 'Kan inte visas',
};

describe('admin sets a range target, the lead sees it evaluated', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser.close());

  it('adds "5–15 men" to the demo programme with the keyboard; the dashboard shows goal, actual and status', async () => {
    const label = `Män enligt ansökan ${Date.now()}`;
    const admin = await newPage(browser);
    const page = admin.page;
    await loginAs(page, 'admin@demo.stegvis.se');
    await page.goto(`${baseUrl()}/admin/programmes`);
    await page.getByTestId('programme-table').waitFor();
    await page
      .locator('tr', { hasText: 'Steg mot arbete (demo)' })
      .getByRole('button', { name: /Ändra/ })
      .click();
    const editor = page.getByTestId('targets-editor');
    await editor.waitFor();
    const before = await editor.getByTestId('target-row').count();
    expect(before).toBeGreaterThan(0);

    // "Lägg till mål" from the keyboard: focus lands on the new target's kind.
    await page.getByTestId('target-add').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.classList.contains('sv-target__kind'));
    const row = editor.getByTestId('target-row').nth(before);
    await row.getByTestId('target-kind').selectOption('participants');
    await row.getByTestId('target-gender').selectOption('male');
    await row.getByTestId('target-mode').selectOption('range');
    // Backwards first: the form says so before anything is sent.
    await row.getByTestId('target-min').fill('15');
    await row.getByTestId('target-max').fill('5');
    await page.getByTestId('programme-save').click();
    await row.getByText('Lägsta värdet får inte vara större än det högsta.').waitFor();
    await row.getByTestId('target-min').fill('5');
    await row.getByTestId('target-max').fill('15');
    await row.getByTestId('target-label').fill(label);

    // A field error from the server lands on the field it names (targets.N.max).
    await page.route(
      '**/api/programmes/*',
      (route) =>
        route.request().method() === 'PATCH'
          ? route.fulfill({
              status: 400,
              contentType: 'application/json',
              body: JSON.stringify({
                statusCode: 400,
                error: 'Bad Request',
                message: 'Some fields are not valid.',
                fields: { [`targets.${before}.max`]: ['max must be at least min'] },
              }),
            })
          : route.continue(),
      { times: 1 },
    );
    await page.getByTestId('programme-save').click();
    await row
      .locator('mat-form-field', { has: page.getByTestId('target-max') })
      .getByText('max must be at least min')
      .waitFor();
    await page.screenshot({ path: join(outputDir, 'admin-targets-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Saved for real once the field changes.
    await row.getByTestId('target-max').fill('15');
    await page.getByTestId('programme-save').click();
    await page.getByText('Insatsen Steg mot arbete (demo) har sparats.').waitFor();
    await admin.context.close();

    const lead = await newPage(browser);
    await loginAs(lead.page, 'lead@demo.stegvis.se');
    const results = lead.page.getByTestId('targets-table');
    await results.waitFor();
    const mine = results.getByTestId('target-result').filter({ hasText: label });
    await mine.waitFor();
    const cells = await mine.locator('th, td').allTextContents();
    expect(cells[0]).toContain('Deltagare, män');
    expect(cells[1]?.trim()).toBe('5–15');
    expect(cells[2]?.trim()).toMatch(/^(\d+|<\d+ \(dold\)|x \(dold\)|–)$/);
    const status = await mine.locator('[data-status]').getAttribute('data-status');
    expect(Object.keys(STATUS_WORDS)).toContain(status);
    expect(cells[3]?.trim()).toBe(STATUS_WORDS[status as string]);
    await results.scrollIntoViewIfNeeded();
    await lead.page.screenshot({
      path: join(outputDir, 'lead-dashboard-targets-sv.png'),
      fullPage: true,
    });
    expect(await seriousA11yViolations(lead.page)).toEqual([]);

    // The report page reads the status in words too.
    await lead.page.getByTestId('open-report').click();
    const table = lead.page.getByTestId('table-targets');
    await table.waitFor();
    await expect(
      table.locator('tr', { hasText: label }).locator('[data-status]').textContent(),
    ).resolves.toBe(STATUS_WORDS[status as string]);
    expect(await seriousA11yViolations(lead.page)).toEqual([]);
    await lead.context.close();
  });
});
