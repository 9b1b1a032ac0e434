import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch, loginAs, newPage, outputDir, seriousA11yViolations } from './support/browser';

/** The language is saved on the account, so a journey sets the one it reads. */
async function useLanguage(page: Page, lang: 'sv' | 'en'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) {
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }
}

describe('programme lead journey', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser.close());

  it('opens the dashboard, changes the period, opens the report and downloads the XLSX', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'lead@demo.stegvis.se');
    await useLanguage(page, 'sv');
    expect(page.url()).toMatch(/\/lead$/);

    // The dashboard: charts with their text alternatives; hidden values never drawn.
    await page.getByTestId('chart-participants').waitFor();
    await expect(page.getByTestId('kpis').textContent()).resolves.toMatch(/\d/);
    const hiddenNote = page.getByTestId('chart-participants').getByTestId('chart-hidden');
    if (await hiddenNote.count()) {
      await expect(hiddenNote.textContent()).resolves.toMatch(/<\d+ \(dold\)/);
    }
    await page.screenshot({ path: join(outputDir, 'lead-dashboard-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Whole programme period: the period line changes to the programme's dates.
    const before = await page.getByTestId('report-period').textContent();
    await page.getByTestId('period-preset').selectOption('programme');
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid="report-period"]')?.textContent !== old,
      before,
    );
    await expect(page.getByTestId('report-period').textContent()).resolves.toContain('2027');

    // Custom period with the end before the start is refused on the page, not sent.
    await page.getByTestId('period-preset').selectOption('custom');
    await page.getByTestId('period-from').fill('2026-06-30');
    await page.getByTestId('period-to').fill('2026-01-01');
    await page.getByTestId('period-apply').click();
    await page.getByText(/Slutdatumet måste/).waitFor();
    await page.getByTestId('period-from').fill('2026-01-01');
    await page.getByTestId('period-to').fill('2026-12-31');
    await page.getByTestId('period-apply').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="report-period"]')?.textContent?.includes('31 dec.'),
    );

    // The report page keeps the period and lays out every table.
    await page.getByTestId('open-report').click();
    await page.getByTestId('table-targets').waitFor();
    await expect(page.getByTestId('report-period').textContent()).resolves.toContain('2026');
    await expect(page.getByTestId('report-threshold').textContent()).resolves.toContain('k = 5');
    expect(await page.locator('sv-report-table').count()).toBeGreaterThanOrEqual(17);
    await page.screenshot({ path: join(outputDir, 'lead-report-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Printing hides the navigation and the download panel.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.sv-header').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('downloads').isVisible()).resolves.toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // The XLSX download: a real zip ("PK") of reasonable size.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-report-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^stegvis-rapport-2026-01-01-2026-12-31\.xlsx$/);
    const path = join(outputDir, 'lead-report.xlsx');
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(4_000);
    expect(size).toBeLessThan(2_000_000);
    await page.getByTestId('download-done').waitFor();

    await context.close();
  });

  it('reads the same in English on a 360 px phone', async () => {
    const { context, page } = await newPage(browser, { width: 360, height: 740, locale: 'en-GB' });
    await loginAs(page, 'lead@demo.stegvis.se');
    await useLanguage(page, 'en');
    await page.getByTestId('chart-participants').waitFor();
    await expect(page.getByTestId('page-title').textContent()).resolves.toContain('Dashboard');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(outputDir, 'lead-dashboard-360-en.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByTestId('open-report').click();
    await page.getByTestId('table-targets').waitFor();
    await expect(page.getByTestId('page-title').textContent()).resolves.toContain(
      'Progress report',
    );
    await page.screenshot({ path: join(outputDir, 'lead-report-360-en.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Back to Swedish for the other journeys (the language is saved on the account).
    await useLanguage(page, 'sv');
    await context.close();
  });
});
