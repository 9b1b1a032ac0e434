import { join } from 'node:path';
import type {
  GroupSeries,
  GroupSeriesDetail,
  Page as ApiPage,
  Programme,
} from '@stegvis/contracts';
import type { Browser, Page } from 'playwright-core';
import {
  baseUrl,
  launch,
  loginAs,
  newPage,
  outputDir,
  seriousA11yViolations,
  useLanguage,
  waitForCount,
} from './support/browser';

async function noSeriousFindings(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** The page is no wider than the screen (nothing to scroll sideways at 360 px). */
async function fitsTheScreen(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

async function api<T>(page: Page, path: string): Promise<T> {
  const reply = await page.request.get(`${baseUrl()}${path}`);
  expect(reply.status()).toBe(200);
  return (await reply.json()) as T;
}

/** A day as YYYY-MM-DD in Swedish time, `offset` days from today. */
function swedishDay(offset = 0): string {
  const d = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);
}

const NAME = `Framtidsverkstad e2e ${Date.now().toString(36)}`;

describe('coach: group series in Chromium', () => {
  let browser: Browser;
  let seriesUrl = '';

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser.close());

  it('creates a framtidsverkstad, enrols four, takes attendance on a phone and sees the rate', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.getByRole('link', { name: 'Gruppserier' }).click();
    await page.waitForURL(/\/coach\/group-series$/);
    await page.getByTestId('page-title').filter({ hasText: 'Gruppserier' }).waitFor();
    const active = page.locator('.sv-nav__link--active');
    expect(await active.allTextContents()).toEqual([expect.stringContaining('Gruppserier')]);

    // The demo's finished framtidsverkstad: meetings logged, so it cannot be deleted, and says why.
    const demo = page
      .getByTestId('series-item')
      .filter({ hasText: 'Framtidsverkstad – drömmar och nästa steg' });
    await demo.waitFor();
    expect(await demo.textContent()).toContain('8 träffar × 3 tim');
    expect(await demo.textContent()).toContain('6 av 8');
    expect(await demo.getByTestId('series-delete').count()).toBe(0);
    expect(await demo.getByTestId('series-why-no-delete').textContent()).toContain(
      'Kan inte tas bort',
    );

    // Create: 8 meetings × 3 hours, completion 75 % by default with its rule explained.
    await page.getByTestId('series-new').click();
    await page.getByTestId('series-form').waitFor();
    // An empty save names the fields and keeps focus in the form.
    await page.getByTestId('series-save').click();
    await page.getByTestId('series-form-error').filter({ hasText: 'Rätta de markerade' }).waitFor();
    await page.getByTestId('series-name').fill(NAME);
    await page.getByTestId('series-kind').selectOption('future_workshop');
    await page.getByTestId('series-meetings').fill('8');
    await page.getByTestId('series-hours').fill('3');
    await page.getByTestId('series-start').fill(swedishDay(0));
    await page.getByTestId('series-end').fill(swedishDay(70));
    expect(await page.getByTestId('series-completion').inputValue()).toBe('75');
    await page.getByText('närvarande vid minst 75 %').first().waitFor();
    await noSeriousFindings(page);
    await page.screenshot({ path: join(outputDir, 'group-series-form-sv.png'), fullPage: true });
    await page.getByTestId('series-save').click();
    await page.getByTestId('series-notice').filter({ hasText: 'är skapad' }).waitFor();
    const mine = page.getByTestId('series-item').filter({ hasText: NAME });
    await mine.waitFor();
    const listed = (await mine.textContent()) ?? '';
    expect(listed).toContain('Framtidsverkstad');
    expect(listed).toContain('8 träffar × 3 tim');
    expect(listed).toContain('0 av 8');
    // No meetings yet: it may be deleted.
    await mine.getByTestId('series-delete').waitFor();
    // The API got minutes.
    const programmes = await api<Programme[] | ApiPage<Programme>>(page, '/api/programmes');
    const list = Array.isArray(programmes) ? programmes : programmes.items;
    let stored: GroupSeries | undefined;
    for (const p of list) {
      const page_ = await api<ApiPage<GroupSeries>>(page, `/api/programmes/${p.id}/group-series`);
      stored ??= page_.items.find((s) => s.name === NAME);
    }
    expect(stored).toMatchObject({
      plannedMeetings: 8,
      plannedMinutesPerMeeting: 180,
      completionPercent: 75,
    });
    await page.screenshot({ path: join(outputDir, 'group-series-list-sv.png'), fullPage: true });

    // The series page: enrol four at once.
    await mine.getByTestId('series-open').click();
    await page.getByTestId('page-title').filter({ hasText: NAME }).waitFor();
    seriesUrl = page.url();
    await page.getByTestId('enrol-open').click();
    const people = page.getByTestId('session-pick-person');
    await people.nth(3).waitFor();
    const names = (await people.allTextContents()).map((n) => n.trim()).slice(0, 4);
    for (const name of names) {
      await page.getByTestId('picker-search').fill(name);
      await people.filter({ hasText: name }).first().locator('input').check();
    }
    await page.getByTestId('picker-search').fill('');
    await page.getByTestId('enrol-submit').filter({ hasText: 'Skriv in 4 deltagare' }).waitFor();
    await noSeriousFindings(page);
    await page.getByTestId('enrol-submit').click();
    await page.getByTestId('series-notice').filter({ hasText: '4 deltagare inskrivna' }).waitFor();
    await waitForCount(page.getByTestId('enrolment'), 4);
    await page.getByTestId('series-enrolled').filter({ hasText: '4' }).waitFor();
    expect(await page.getByTestId('enrolment-completed').first().textContent()).toContain('Pågår');

    // Take attendance on a 360 px phone.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByTestId('meeting-new').click();
    await page.getByTestId('meeting-form').waitFor();
    expect(await page.getByTestId('meeting-hours').inputValue()).toBe('3');
    const roll = page.getByTestId('meeting-person');
    await waitForCount(roll, 4);
    const rollNames = (await roll.locator('legend').allTextContents()).map((n) => n.trim());
    expect([...rollNames].sort()).toEqual([...names].sort());
    await roll.nth(0).getByTestId('mark-attended').click();
    await roll.nth(1).getByTestId('mark-attended').click();
    await roll.nth(2).getByTestId('mark-no_show').click();
    // The fourth with the keyboard only: arrow keys move within the person's three choices.
    await roll.nth(3).getByTestId('mark-attended').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await roll.nth(3).getByTestId('mark-cancelled').isChecked()).toBe(true);
    await page.getByTestId('meeting-count').filter({ hasText: '2 närvarande · 4 av 4' }).waitFor();
    await fitsTheScreen(page);
    await noSeriousFindings(page);
    await page.getByTestId('meeting-form').scrollIntoViewIfNeeded();
    await page.screenshot({
      path: join(outputDir, 'group-series-attendance-360-sv.png'),
      fullPage: true,
    });
    await page.getByTestId('meeting-save').click();
    await page
      .getByTestId('series-notice')
      .filter({ hasText: 'Träffen är sparad: 2 av 4' })
      .waitFor();

    // The series page: held 1 of 8; each person's attended/held and rate; the series' rate.
    await page.getByTestId('series-held').filter({ hasText: '1 av 8' }).waitFor();
    await page.getByTestId('series-rate').filter({ hasText: '50 %' }).waitFor();
    const row = (name: string) => page.getByTestId('enrolment').filter({ hasText: name });
    const [a, b, c, d] = rollNames as [string, string, string, string];
    for (const [name, attended, rate] of [
      [a, '1 av 1', '100 %'],
      [b, '1 av 1', '100 %'],
      [c, '0 av 1', '0 %'],
      [d, '0 av 1', '0 %'],
    ] as const) {
      expect(await row(name).getByTestId('enrolment-attended').textContent()).toContain(attended);
      expect((await row(name).getByTestId('enrolment-rate').textContent())?.trim()).toBe(rate);
    }
    await fitsTheScreen(page);
    await noSeriousFindings(page);
    await page.screenshot({
      path: join(outputDir, 'group-series-page-360-sv.png'),
      fullPage: true,
    });

    // Change the meeting's attendance (PUT): the one who cancelled came after all.
    await page.getByTestId('meeting-edit').first().click();
    const edit = page.getByTestId('meeting-person').filter({ hasText: d });
    expect(await edit.getByTestId('mark-cancelled').isChecked()).toBe(true);
    await edit.getByTestId('mark-attended').click();
    await page.getByTestId('meeting-save').click();
    await page
      .getByTestId('series-notice')
      .filter({ hasText: 'Närvaron är sparad: 3 av 4' })
      .waitFor();
    await page.getByTestId('series-rate').filter({ hasText: '75 %' }).waitFor();
    expect((await row(d).getByTestId('enrolment-rate').textContent())?.trim()).toBe('100 %');

    // An enrolment with attendance cannot be removed: the 409 said in words.
    await row(c).getByTestId('enrolment-remove').click();
    await page.getByTestId('enrolment-confirm-remove').click();
    await page
      .getByTestId('series-notice')
      .filter({ hasText: 'kan inte tas bort: närvaro är redan tagen' })
      .waitFor();
    await waitForCount(page.getByTestId('enrolment'), 4);

    // Someone who leaves before a later meeting: the form offered them, the server says no (400
    // attendance.<i>.participantId), shown beside that person.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('meeting-new').click();
    await page.getByTestId('meeting-date').fill(swedishDay(7));
    await waitForCount(page.getByTestId('meeting-person'), 4);
    const id = seriesUrl.split('/').pop() as string;
    const detail = await api<GroupSeriesDetail>(page, `/api/group-series/${id}`);
    const leaver = detail.enrolments[0]!.participantId;
    const xsrf = (await page.context().cookies()).find((k) => k.name === 'XSRF-TOKEN')?.value ?? '';
    const left = await page.request.patch(
      `${baseUrl()}/api/group-series/${id}/enrolments/${leaver}`,
      { data: { leftOn: swedishDay(1) }, headers: { 'X-XSRF-TOKEN': xsrf } },
    );
    expect(left.status()).toBe(200);
    await page.getByTestId('meeting-all').click();
    await page.getByTestId('meeting-save').click();
    const refused = page.locator(`[data-person="${leaver}"]`).getByTestId('meeting-person-error');
    await refused.filter({ hasText: 'Inte inskriven i serien den här dagen' }).waitFor();
    await page
      .getByTestId('meeting-error')
      .filter({ hasText: 'se meddelandet vid personen' })
      .waitFor();
    await noSeriousFindings(page);
    await page.screenshot({ path: join(outputDir, 'group-series-refused-sv.png'), fullPage: true });
    await page.getByTestId('meeting-cancel').click();
    await context.close();
  });

  it('reads in English, and the participant timeline links to the series', async () => {
    const { context, page } = await newPage(browser, { locale: 'en-GB' });
    await loginAs(page, 'coach@demo.stegvis.se', undefined, 'en');
    await page.getByRole('link', { name: 'Group series' }).click();
    await page.getByTestId('page-title').filter({ hasText: 'Group series' }).waitFor();
    const demo = page
      .getByTestId('series-item')
      .filter({ hasText: 'Framtidsverkstad – drömmar och nästa steg' });
    await demo.waitFor();
    expect(await demo.textContent()).toContain('8 meetings × 3 h');
    await demo.getByTestId('series-open').click();
    await page.getByTestId('series-rule').filter({ hasText: 'attended at least 75%' }).waitFor();
    await page.getByTestId('series-rate').filter({ hasText: '%' }).waitFor();
    const completed = await page.getByTestId('enrolment-completed').allTextContents();
    expect(completed.some((t) => t.includes('Completed: Yes'))).toBe(true);
    expect(completed.some((t) => t.includes('Completed: No'))).toBe(true);
    await noSeriousFindings(page);
    await page.screenshot({ path: join(outputDir, 'group-series-page-en.png'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 780 });
    await fitsTheScreen(page);
    await page.screenshot({
      path: join(outputDir, 'group-series-page-360-en.png'),
      fullPage: true,
    });
    await page.setViewportSize({ width: 1280, height: 800 });

    // A participant's timeline: the enrolment entry links back to the series.
    await page.getByTestId('enrolment-name').first().click();
    await page.getByTestId('page-title').waitFor();
    const link = page.getByTestId('timeline-series-link').first();
    await link.waitFor();
    await page.getByTestId('timeline').scrollIntoViewIfNeeded();
    await page.screenshot({
      path: join(outputDir, 'group-series-timeline-en.png'),
      fullPage: true,
    });
    await link.click();
    await page.getByTestId('page-title').filter({ hasText: 'Framtidsverkstad' }).waitFor();
    // Back to Swedish for the other journeys (the choice is saved on the account).
    await useLanguage(page, 'sv');
    await context.close();
  });
});
