import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  baseUrl,
  launch,
  loginAs,
  newPage,
  outputDir,
  seriousA11yViolations,
  waitForCount,
} from './support/browser';

async function noSeriousFindings(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** The page is not wider than the screen (no sideways scrolling on a phone). */
async function fitsWidth(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('coach: start snapshot, exit and re-opening in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser.close());

  it('registers with a start snapshot, ends the participation with its placement, and re-opens it', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.getByTestId('caseload-row').first().waitFor();

    // Register with consent and a start snapshot: two income sources at once.
    await page.getByTestId('register-participant').click();
    await page.getByTestId('register-form').waitFor();
    await page.getByTestId('reg-consent').locator('input').check();
    await page.getByTestId('reg-first-name').fill('Selma');
    await page.getByTestId('reg-last-name').fill('Avslutsson (e2e)');
    await page.getByTestId('reg-birth-year').fill('1987');
    await page.getByTestId('reg-gender').selectOption('female');
    const snapshot = page.getByTestId('reg-start-snapshot');
    await snapshot.waitFor();
    expect(await snapshot.textContent()).toContain(
      'Ekonomiskt bistånd från kommunens socialtjänst',
    );
    await page.getByTestId('reg-start-source-social_assistance').locator('input').check();
    await page.getByTestId('reg-start-source-activity_support').locator('input').check();
    await page.getByTestId('reg-start-time-in-support').selectOption('2_5');
    await page.getByTestId('reg-start-occupation').selectOption('job_seeking');
    // A bad percent stays typed and is marked beside the field.
    await page.getByTestId('reg-start-occupation-percent').fill('150');
    await page.getByTestId('reg-submit').click();
    await page.getByText('Skriv ett heltal från 0 till 100.').waitFor();
    expect(await page.getByTestId('reg-start-occupation-percent').inputValue()).toBe('150');
    await page.getByTestId('reg-start-occupation-percent').fill('0');
    await page.screenshot({
      path: join(outputDir, 'coach-register-snapshot-sv.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);
    await page.getByTestId('reg-submit').click();
    await page.waitForURL(/\/coach\/participants\/[0-9a-f-]{36}$/);
    await page.getByText('Selma Avslutsson (e2e)').first().waitFor();
    const participantUrl = page.url();

    // An open placement, which the exit will end.
    await page.getByRole('tab', { name: 'Placeringar' }).click();
    await page.getByTestId('placement-new').click();
    await page.getByTestId('placement-enterprise').selectOption({ index: 1 });
    const enterprise = (
      await page.getByTestId('placement-enterprise').locator('option:checked').textContent()
    )?.trim();
    await page.getByTestId('placement-submit').click();
    await page.getByTestId('placement-item').first().waitFor();

    // Start och avslut: the start snapshot as recorded.
    await page.getByRole('tab', { name: 'Start och avslut' }).click();
    const start = page.getByTestId('start-snapshot');
    await start.waitFor();
    const startText = await start.textContent();
    expect(startText).toContain('Försörjningsstöd');
    expect(startText).toContain('Aktivitetsstöd/utvecklingsersättning');
    expect(startText).toContain('2–5 år');
    expect(startText).toContain('Aktivt arbetssökande');
    expect(await page.getByTestId('exit-ongoing').textContent()).toContain('Deltagandet pågår');
    await noSeriousFindings(page);

    // Avsluta deltagande: the open placement is listed as ending on the same day.
    await page.getByTestId('exit-link').click();
    await page.getByTestId('exit-form').waitFor();
    const placements = page.getByTestId('exit-placement');
    await waitForCount(placements, 1);
    const placementText = await placements.first().textContent();
    expect(placementText).toContain(enterprise ?? '');
    expect(placementText).toContain('avslutas');
    // Pre-filled from the start snapshot.
    expect(
      await page.getByTestId('exit-source-social_assistance').locator('input').isChecked(),
    ).toBe(true);
    expect(await page.getByTestId('exit-occupation').inputValue()).toBe('job_seeking');

    // A missing reason is marked; nothing typed is lost.
    await page.getByTestId('exit-source-social_assistance').locator('input').uncheck();
    await page.getByTestId('exit-source-salary').locator('input').check();
    await page.getByTestId('exit-submit').click();
    await page.getByTestId('exit-error').getByText('Rätta de markerade fälten').waitFor();
    expect(await page.getByTestId('exit-source-salary').locator('input').isChecked()).toBe(true);
    await page.getByTestId('exit-reason').selectOption('work');
    await page.getByTestId('exit-occupation').selectOption('employment');
    await page.getByTestId('exit-occupation-percent').fill('75');
    await page.screenshot({ path: join(outputDir, 'coach-exit-sv.png'), fullPage: true });
    await noSeriousFindings(page);

    // The same page on a phone.
    const phone = await newPage(browser, { width: 360, height: 780 });
    await loginAs(phone.page, 'coach@demo.stegvis.se');
    await phone.page.goto(`${participantUrl}/exit`);
    await phone.page.getByTestId('exit-form').waitFor();
    await phone.page.getByTestId('exit-placement').first().waitFor();
    await fitsWidth(phone.page);
    await phone.page.screenshot({ path: join(outputDir, 'coach-exit-360-sv.png'), fullPage: true });
    await noSeriousFindings(phone.page);

    await page.getByTestId('exit-submit').click();
    await page.waitForURL(/\/coach\/participants\/[0-9a-f-]{36}\?tab=startExit$/);
    await page.getByTestId('exit-snapshot').waitFor();
    expect(await page.getByTestId('participant-status').textContent()).toContain('Avslutad');
    const exitText = await page.getByTestId('exit-snapshot').textContent();
    expect(exitText).toContain('Lön/egen försörjning');
    expect(exitText).toContain('Förvärvsarbete');
    expect(exitText).toContain('75 % av heltid');
    expect(await page.getByTestId('exit-facts').textContent()).toContain('Arbete');
    await page.screenshot({ path: join(outputDir, 'coach-start-exit-sv.png'), fullPage: true });
    await noSeriousFindings(page);

    // The placement ended with it; the timeline shows both.
    await page.getByRole('tab', { name: 'Placeringar' }).click();
    await page
      .getByTestId('placement-item')
      .first()
      .getByTestId('placement-status')
      .filter({ hasText: 'Avslutad' })
      .waitFor();
    await page.getByRole('tab', { name: 'Tidslinje' }).click();
    await page.getByTestId('timeline-event').first().waitFor();
    const timeline = await page.getByTestId('timeline').textContent();
    expect(timeline).toContain('Avslut');
    expect(timeline).toContain('Arbete');
    expect(timeline).toContain('Placering avslutad');

    // The caseload shows the status at once: gone from the active list, in the ended one.
    await page.goto(`${baseUrl()}/coach`);
    await page.getByTestId('caseload-row').first().waitFor();
    await page.getByTestId('caseload-search').fill('Avslutsson');
    await page.getByText('Inga deltagare matchar filtret.').waitFor();
    await page.getByTestId('caseload-status').selectOption('exited');
    const row = page.getByTestId('caseload-row').filter({ hasText: 'Selma Avslutsson (e2e)' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Avslutad');
    await page.screenshot({
      path: join(outputDir, 'coach-caseload-exited-sv.png'),
      fullPage: true,
    });

    // Re-open: the exit was registered too early.
    await page.goto(participantUrl);
    await page.getByTestId('exit-link').getByText('Återöppna deltagande').waitFor();
    await page.getByTestId('exit-link').click();
    await page.getByTestId('reopen-form').waitFor();
    await page.getByTestId('reopen-submit').click();
    await page.getByTestId('reopen-error').getByText('Rätta de markerade fälten').waitFor();
    await page.getByTestId('reopen-reason').fill('Avslutet registrerades för tidigt');
    await page.screenshot({ path: join(outputDir, 'coach-reopen-sv.png'), fullPage: true });
    await noSeriousFindings(page);
    await page.getByTestId('reopen-submit').click();
    await page.waitForURL(/\?tab=startExit$/);
    await page.getByTestId('exit-ongoing').waitFor();
    expect(await page.getByTestId('participant-status').textContent()).toContain('Aktiv');
    await page.getByRole('tab', { name: 'Tidslinje' }).click();
    await page.getByTestId('timeline').getByText('Återöppnat', { exact: true }).waitFor();
    expect(await page.getByTestId('timeline').textContent()).toContain(
      'orsak: Avslutet registrerades för tidigt',
    );
    await page.screenshot({
      path: join(outputDir, 'coach-reopened-timeline-sv.png'),
      fullPage: true,
    });

    await phone.context.close();
    await context.close();
  });
  it('reads in English too: the exit page and the Start and exit tab of a demo participant', async () => {
    const { context, page } = await newPage(browser, { locale: 'en-GB' });
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('caseload-row').first().locator('a').click();
    await page.waitForURL(/\/coach\/participants\/[0-9a-f-]{36}$/);
    await page.getByRole('tab', { name: 'Start and exit' }).click();
    await page.getByTestId('start-section').getByText('At start').waitFor();
    await noSeriousFindings(page);
    await page.getByTestId('exit-link').getByText('End participation').waitFor();
    await page.getByTestId('exit-link').click();
    await page.getByTestId('exit-form').waitFor();
    const text = await page.getByTestId('exit-form').textContent();
    expect(text).toContain('Placements that end');
    expect(text).toContain('Income sources');
    expect(text).toContain('From the Social Insurance Agency');
    await page.screenshot({ path: join(outputDir, 'coach-exit-en.png'), fullPage: true });
    await noSeriousFindings(page);
    // The choice is saved for the user: back to Swedish for the journeys that follow.
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH',
    );
    await page.getByRole('button', { name: 'Svenska' }).click();
    expect((await saved).status()).toBe(200);
    await context.close();
  });
});
