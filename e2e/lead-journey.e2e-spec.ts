import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  launch,
  loginAs,
  newPage,
  outputDir,
  seriousA11yViolations,
  useLanguage,
} from './support/browser';

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
      await expect(hiddenNote.textContent()).resolves.toMatch(/(<\d+|x) \(dold\)/);
    }
    await page.screenshot({ path: join(outputDir, 'lead-dashboard-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The period is a half-year of the programme, never any two dates (a day's difference
    // between two reports would give that day's people away) nor a year beside its halves.
    // The list grows to the programme's half-years once the programme has loaded.
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="period-select"] option').length > 1,
    );
    const choices = await page
      .getByTestId('period-select')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(choices[0]).toMatch(/^\d{4}-H[12]$/);
    expect(choices.every((value) => /^\d{4}-H[12]$/.test(value))).toBe(true);
    // A first half-year that has ended (today is in the second, or the first is a year back).
    const half = choices.find((value) => value.endsWith('-H1') && value !== choices[0])!;
    const year = half.slice(0, 4);
    const before = await page.getByTestId('report-period').textContent();
    await page.getByTestId('period-select').selectOption(half);
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid="report-period"]')?.textContent !== old,
      before,
    );
    await expect(page.getByTestId('report-period').textContent()).resolves.toContain('30 juni');

    // The report page keeps the period and lays out every table.
    await page.getByTestId('open-report').click();
    await page.getByTestId('table-targets').waitFor();
    await expect(page.getByTestId('report-period').textContent()).resolves.toContain(year);
    // Ended more than 30 days ago: fixed on this first reading, shown unchanged from now on.
    await expect(page.getByTestId('report-fixed').textContent()).resolves.toContain('Fastställd');
    await expect(page.getByTestId('report-threshold').textContent()).resolves.toContain('k = 5');
    expect(await page.locator('sv-report-table').count()).toBeGreaterThanOrEqual(19);
    // Start → exit as transitions: headings and both label cells in words, one block per gender.
    const transitions = page.getByTestId('table-occupation_transitions');
    await expect(transitions.locator('thead').textContent()).resolves.toContain(
      'Sysselsättning vid start',
    );
    await expect(transitions.locator('thead').textContent()).resolves.toContain('Förvärvsarbete');
    await expect(transitions.locator('thead').textContent()).resolves.toContain('Vid avslut');
    await expect(transitions.locator('tbody tr').first().textContent()).resolves.toContain(
      'Kvinna',
    );
    await expect(page.getByTestId('report-legend').textContent()).resolves.toContain(
      'x = dold för att skydda en annan uppgift',
    );
    await transitions.screenshot({ path: join(outputDir, 'lead-report-transitions-sv.png') });
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
    expect(download.suggestedFilename()).toBe(`stegvis-rapport-${year}-01-01-${year}-06-30.xlsx`);
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
