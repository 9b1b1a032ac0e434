import { Workbook } from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  launch,
  loginAs,
  newPage,
  outputDir,
  seriousA11yViolations,
  useLanguage,
  waitForCount,
} from './support/browser';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function noSeriousFindings(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** A valid personnummer: the Luhn check digit over YYMMDDNNN. */
function personnummer(birthDate: string, serial: number): string {
  const base = `${birthDate}${String(serial).padStart(3, '0')}`;
  const sum = base
    .slice(2)
    .split('')
    .map(Number)
    .reduce((acc, d, i) => {
      const v = i % 2 === 0 ? d * 2 : d;
      return acc + (v > 9 ? v - 9 : v);
    }, 0);
  return `${base.slice(0, 8)}-${base.slice(8)}${(10 - (sum % 10)) % 10}`;
}

const RUN = Math.random().toString(36).slice(2, 7);
const LAST_NAME = `Importsson${RUN}`;
// A birth day per run keeps the personnummer unique even against an earlier run's import.
const BIRTH = `19${70 + Math.floor(Math.random() * 20)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}`;
const BAD_ROWS = { checksum: 12, gender: 53, date: 154 }; // spreadsheet row numbers (header = 1)

function rows(fixed: boolean, birth: string): string[][] {
  return Array.from({ length: 200 }, (_, i) => {
    const row = i + 2;
    let pnr = personnummer(birth, i);
    let gender = i % 3 === 0 ? 'Man' : 'Kvinna';
    let enrolled = '2026-11-02';
    if (!fixed && row === BAD_ROWS.checksum) {
      pnr = pnr.slice(0, -1) + String((Number(pnr.slice(-1)) + 1) % 10);
    }
    if (!fixed && row === BAD_ROWS.gender) gender = 'Pojke';
    if (!fixed && row === BAD_ROWS.date) enrolled = '2026-02-30';
    return [`Deltagare${i + 1}`, LAST_NAME, pnr, gender, 'Malmö', enrolled, 'Ja'];
  });
}

async function xlsx(fixed: boolean, birth = BIRTH): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Deltagare');
  sheet.addRow(['Förnamn', 'Efternamn', 'Personnummer', 'Kön', 'Kommun', 'Inskriven', 'Samtycke']);
  for (const row of rows(fixed, birth)) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('coach imports participants from a spreadsheet in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser.close());

  it('previews a 200-row XLSX with 3 bad rows, refuses it whole, imports the fixed file', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.getByTestId('import-participants').click();
    await page.waitForURL(/\/coach\/import$/);
    await page.getByTestId('page-title').filter({ hasText: 'Importera deltagare' }).waitFor();
    await noSeriousFindings(page);

    // The template, as the coach downloads it: Swedish headers and one example row.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('template-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe('stegvis-deltagarmall.xlsx');
    const template = new Workbook();
    await template.xlsx.load(
      readFileSync((await download.path()) as string) as unknown as ArrayBuffer,
    );
    const headers = (template.worksheets[0]?.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['Förnamn', 'Personnummer', 'Kön', 'Samtycke']));

    // The file with three bad rows: nothing is saved, each error is shown beside its row.
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'deltagare.xlsx', mimeType: XLSX_TYPE, buffer: await xlsx(false) });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-preview').waitFor();
    const counts = page.getByTestId('import-counts');
    expect(await counts.textContent()).toMatch(
      /200 rader:\s*197 giltiga\s*3 med fel\s*0 dubbletter/,
    );
    const bad = page.getByTestId('import-row');
    await waitForCount(bad, 3);
    expect(await bad.nth(0).getAttribute('data-row')).toBe(String(BAD_ROWS.checksum));
    expect(await bad.nth(0).textContent()).toContain(
      'Personnummer: Personnumret har fel kontrollsiffra.',
    );
    expect(await bad.nth(1).textContent()).toContain(
      'Kön: "Pojke" finns inte för Kön. Välj något av: Kvinna, Man, Annat, Vill ej uppge.',
    );
    expect(await bad.nth(2).textContent()).toContain(
      'Inskriven: Inskriven ska vara ett datum som finns, skrivet ÅÅÅÅ-MM-DD.',
    );
    // The personnummer is shown masked, never in full.
    expect(await bad.nth(1).textContent()).toContain(`${BIRTH}-****`);
    await page.screenshot({ path: join(outputDir, 'coach-import-preview-sv.png'), fullPage: true });
    await noSeriousFindings(page);

    await page.getByTestId('mode-all').locator('input').check();
    await page.getByTestId('import-save').click();
    await page
      .getByTestId('import-error')
      .filter({ hasText: 'Inget sparades: 3 rader har fel.' })
      .waitFor();

    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({
      path: join(outputDir, 'coach-import-preview-360-sv.png'),
      fullPage: true,
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await noSeriousFindings(page);
    await page.setViewportSize({ width: 1280, height: 800 });

    // The fixed file: every row valid, saved whole.
    await page.getByTestId('import-file').setInputFiles({
      name: 'deltagare-rättad.xlsx',
      mimeType: XLSX_TYPE,
      buffer: await xlsx(true),
    });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-preview').waitFor();
    expect(await counts.textContent()).toMatch(
      /200 rader:\s*200 giltiga\s*0 med fel\s*0 dubbletter/,
    );
    await page.getByTestId('mode-all').locator('input').check();
    await page.getByTestId('import-save').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-created').textContent()).toContain(
      '200 deltagare sparades.',
    );
    await page.screenshot({ path: join(outputDir, 'coach-import-done-sv.png'), fullPage: true });
    await noSeriousFindings(page);

    // The caseload shows them.
    await page.getByTestId('import-to-caseload').click();
    await page.waitForURL(/\/coach$/);
    await page.getByTestId('caseload-search').fill(LAST_NAME);
    // The search applies after a pause: wait until the demo participants have left the list.
    await page.waitForFunction(
      (name) =>
        Array.from(document.querySelectorAll('[data-testid="caseload-row"]')).every((row) =>
          row.textContent?.includes(name),
        ),
      LAST_NAME,
    );
    await page
      .getByTestId('caseload-row')
      .filter({ hasText: `Deltagare1 ${LAST_NAME}` })
      .first()
      .waitFor();
    await page
      .getByTestId('caseload-count')
      .filter({ hasText: /deltagare visas, fler finns/ })
      .waitFor();
    await page.screenshot({
      path: join(outputDir, 'coach-import-caseload-sv.png'),
      fullPage: true,
    });

    // The same file again: every row is now a duplicate in the programme.
    await page.getByTestId('import-participants').click();
    await page.getByTestId('import-file').setInputFiles({
      name: 'deltagare-rättad.xlsx',
      mimeType: XLSX_TYPE,
      buffer: await xlsx(true),
    });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-preview').waitFor();
    expect(await counts.textContent()).toMatch(/200 med fel\s*200 dubbletter/);
    await context.close();
  }, 120_000);

  it('reads the same in English on a 360 px phone', async () => {
    const { context, page } = await newPage(browser, { width: 360, height: 740, locale: 'en-GB' });
    await loginAs(page, 'coach@demo.stegvis.se');
    await useLanguage(page, 'en');
    await page.getByTestId('import-participants').click();
    await page.getByTestId('page-title').filter({ hasText: 'Import participants' }).waitFor();
    await page.getByTestId('import-file').setInputFiles({
      name: 'participants.xlsx',
      mimeType: XLSX_TYPE,
      // Another birth day than the Swedish journey's: these rows are not yet in the programme.
      buffer: await xlsx(false, `${Number(BIRTH.slice(0, 4)) + 1}${BIRTH.slice(4)}`),
    });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-counts').textContent()).toMatch(
      /200 rows:\s*197 valid\s*3 with errors\s*0 duplicates/,
    );
    const bad = page.getByTestId('import-row');
    expect(await bad.nth(0).textContent()).toContain(
      'Personal identity number: The personal identity number has a wrong check digit.',
    );
    expect(await bad.nth(1).textContent()).toContain('Gender: "Pojke" is not a value of Gender.');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await page.screenshot({
      path: join(outputDir, 'coach-import-preview-360-en.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);
    // The choice is saved on the account: leave the demo coach in Swedish for the other journeys.
    await useLanguage(page, 'sv');
    await context.close();
  }, 60_000);
});
