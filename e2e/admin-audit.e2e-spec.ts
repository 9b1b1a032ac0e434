import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  baseUrl,
  launch,
  loginAs,
  newPage,
  outputDir,
  seriousA11yViolations,
} from './support/browser';

/** The page is no wider than the screen: nothing scrolls sideways. */
async function fitsWidth(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

describe('admin audit log: from the coach’s reference to the printable extract', () => {
  let browser: Browser;
  let reference = '';

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser.close());

  it('shows the coach the participant’s short reference on the participant page', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.getByTestId('caseload-row').first().locator('a').click();
    const ref = page.getByTestId('participant-reference');
    await ref.waitFor();
    reference = ((await ref.textContent()) ?? '').trim();
    expect(reference).toMatch(/^P-[0-9A-F]{8}$/);
    const facts = await page.locator('.sv-facts').textContent();
    expect(facts).toContain('Referens');
    await page.screenshot({ path: join(outputDir, 'audit-coach-reference-sv.png') });
    await context.close();
  });

  it('lets the admin search the log by the reference and open the printable extract (1280 px)', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'admin@demo.stegvis.se');
    await page.goto(`${baseUrl()}/admin/audit`);
    await page.getByTestId('audit-row').first().waitFor();

    // A mistyped reference: the message beside the field, what was typed kept.
    await page.getByTestId('audit-participant-ref').fill('P-12');
    await page.getByTestId('audit-search').click();
    await page.getByTestId('audit-participant-ref-error').waitFor();
    expect(await page.getByTestId('audit-participant-ref-error').textContent()).toContain(
      'P- och 8 tecken',
    );
    // A well-formed reference no participant has: the server's answer beside the field.
    await page.getByTestId('audit-participant-ref').fill('P-00000000');
    await page.getByTestId('audit-search').click();
    await page.getByText('Ingen deltagare har den referensen').waitFor();
    expect(await page.getByTestId('audit-participant-ref').inputValue()).toBe('P-00000000');

    // Typed as a coach might read it out: lower case, no dash.
    await page
      .getByTestId('audit-participant-ref')
      .fill(reference.replace('P-', 'p').toLowerCase());
    await page.getByTestId('audit-search').click();
    await page.getByTestId('audit-open-extract').waitFor();
    const rows = page.getByTestId('audit-row');
    await rows.first().waitFor();
    const texts = await rows.allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain(reference);
    const coachRows = texts.filter((t) => t.includes('Kim Coach (demo)'));
    expect(coachRows.length).toBeGreaterThan(0);
    expect(
      coachRows.some(
        (t) => t.includes('Läsning') && t.includes('Deltagare') && t.includes('Utfört'),
      ),
    ).toBe(true);
    // One fact per column: the headings, and no cell runs into the next.
    const headings = await page.getByTestId('audit-table').locator('thead th').allTextContents();
    expect(headings.map((h) => h.trim())).toEqual([
      'När',
      'Vem',
      'Händelse',
      'Typ av uppgift',
      'Post',
      'Utfall',
      'IP-adress',
    ]);
    await fitsWidth(page);
    await page.screenshot({ path: join(outputDir, 'audit-admin-search-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Filter by the coach's name from the user select.
    await page.getByTestId('audit-user').selectOption({ label: 'Kim Coach (demo) – Coach' });
    await page.getByTestId('audit-search').click();
    await page.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll('[data-testid="audit-row"]'));
      return rows.length > 0 && rows.every((r) => r.textContent?.includes('Kim Coach (demo)'));
    });

    // The printable extract for the reference.
    await page.getByTestId('audit-open-extract').click();
    await page.getByTestId('extract').waitFor();
    expect((await page.getByTestId('page-title').textContent())?.trim()).toBe(
      `Loggutdrag för deltagare ${reference}`,
    );
    expect(await page.getByTestId('extract-produced-by').textContent()).toContain('Administratör');
    expect(await page.getByTestId('extract-period').textContent()).toContain('Hela loggen');
    expect(Number(await page.getByTestId('extract-count').textContent())).toBeGreaterThan(0);
    const extractRows = await page.getByTestId('audit-row').allTextContents();
    expect(extractRows.some((t) => t.includes('Kim Coach (demo)') && t.includes('Läsning'))).toBe(
      true,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(outputDir, 'audit-extract-sv.png'), fullPage: true });

    // "Skriv ut" opens the browser's print dialog.
    await page.evaluate(() => {
      (window as unknown as { printed: boolean }).printed = false;
      window.print = () => {
        (window as unknown as { printed: boolean }).printed = true;
      };
    });
    await page.getByTestId('extract-print').click();
    expect(await page.evaluate(() => (window as unknown as { printed: boolean }).printed)).toBe(
      true,
    );
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('extract-form').isVisible()).toBe(false);
    expect(await page.locator('.sv-header').first().isVisible()).toBe(false);
    await page.screenshot({ path: join(outputDir, 'audit-extract-print-sv.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // A period: from today, the coach's read above is in it.
    const today = new Date().toLocaleDateString('sv-SE');
    await page.getByTestId('extract-from').fill(today);
    await page.getByTestId('extract-to').fill(today);
    await page.getByTestId('extract-load').click();
    await page.waitForFunction(
      () =>
        !document.querySelector('[data-testid="extract-period"]')?.textContent?.includes('Hela'),
    );
    expect(Number(await page.getByTestId('extract-count').textContent())).toBeGreaterThan(0);
    expect(page.url()).toContain(`from=${today}`);

    // The same as CSV.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('extract-csv').click(),
    ]);
    expect(download.suggestedFilename()).toContain(`stegvis-loggutdrag-${reference}`);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv).toContain(`Loggutdrag för deltagare,${reference}`);
    expect(csv).toContain('Kim Coach (demo),Coach,Läsning,Deltagare');

    // The admin still has no way into the record.
    const status = await page.evaluate(async () => {
      const list = await fetch('/api/participants', { credentials: 'include' });
      return list.status;
    });
    expect(status).toBe(403);
    await context.close();
  });

  it('reads on a 360 px phone: one definition list per event, nothing wider than the screen', async () => {
    const { context, page } = await newPage(browser, { width: 360, height: 780 });
    await loginAs(page, 'admin@demo.stegvis.se');
    await page.goto(`${baseUrl()}/admin/audit?ref=${reference}`);
    await page.getByTestId('audit-card').first().waitFor();
    expect(await page.getByTestId('audit-table').isVisible()).toBe(false);
    const firstCard = (await page.getByTestId('audit-card').first().textContent()) ?? '';
    expect(firstCard).toContain('När');
    expect(firstCard).toContain(reference);
    await fitsWidth(page);
    await page.screenshot({
      path: join(outputDir, 'audit-admin-search-360-sv.png'),
      fullPage: true,
    });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByTestId('audit-open-extract').click();
    await page.getByTestId('extract').waitFor();
    await page.getByTestId('audit-card').first().waitFor();
    await fitsWidth(page);
    await page.screenshot({ path: join(outputDir, 'audit-extract-360-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // In English: the same extract in words, then back to Swedish for the other journeys.
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.getByText(`Log extract for participant`).first().waitFor();
    const card = (await page.getByTestId('audit-card').first().textContent()) ?? '';
    expect(card).toContain('When');
    expect(card).toContain('Read');
    expect(card).toContain('Done');
    expect(await page.getByTestId('extract-produced-by').textContent()).toContain('Administrator');
    await page.screenshot({ path: join(outputDir, 'audit-extract-360-en.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'sv');
    await context.close();
  });
});
