import { join } from 'node:path';
import type { Participant, Page as ApiPage, Me } from '@stegvis/contracts';
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

describe('coach: plan history and group sessions in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser.close());

  it('saves the plan twice, opens Planhistorik, reads a revision and sees the diff in words', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    const me = await api<Me>(page, '/api/me');
    const caseload = await api<ApiPage<Participant>>(
      page,
      '/api/participants?status=active&limit=50',
    );
    const someone = caseload.items.find((p) => !p.reduced && p.consent.given);
    expect(someone).toBeDefined();
    await page.goto(`${baseUrl()}/coach/participants/${someone!.id}`);
    await page.getByTestId('page-title').waitFor();

    await page.getByRole('tab', { name: 'Handlingsplan' }).click();
    await page.getByTestId('plan-form').waitFor();
    await page.getByTestId('plan-version').waitFor();
    // First save: a new step.
    const before = await page.getByTestId('plan-step').count();
    await page.getByTestId('plan-add-step').click();
    await page.getByTestId('step-text').nth(before).fill('Söka praktik (e2e)');
    await page.getByTestId('step-due').nth(before).fill('2027-02-01');
    await page.getByTestId('plan-save').click();
    await page.getByText('Handlingsplanen är sparad.').waitFor();
    // Second save: its status and due date changed.
    await page.getByTestId('step-status').nth(before).selectOption('done');
    await page.getByTestId('step-due').nth(before).fill('2027-02-15');
    await page.getByTestId('plan-save').click();
    await page
      .getByTestId('plan-version')
      .filter({ hasText: /Version \d+/ })
      .waitFor();

    await page.getByTestId('plan-history-toggle').click();
    const revisions = page.getByTestId('plan-revision');
    await revisions.nth(1).waitFor();
    const newest = (await revisions.first().textContent()) ?? '';
    expect(newest).toContain('nuvarande');
    expect(newest).toContain(`sparad av ${me.name}`);

    // Read the revision before the last save: the step is there, still planned.
    await revisions.nth(1).getByTestId('plan-revision-read').click();
    const view = page.getByTestId('plan-revision-view');
    await view.waitFor();
    const step = view.getByTestId('plan-revision-step').filter({ hasText: 'Söka praktik (e2e)' });
    expect(await step.textContent()).toContain('Planerat');
    expect(await step.textContent()).toContain('klart senast 1 feb. 2027');

    // The last save against the one before, in words.
    await revisions.first().getByTestId('plan-revision-compare').click();
    const lines = page.getByTestId('plan-diff-line');
    await lines.first().waitFor();
    expect(await lines.allTextContents()).toEqual([
      'Status för ”Söka praktik (e2e)” ändrad från Planerat till Klart',
      'Klart senast för ”Söka praktik (e2e)” ändrat från 1 feb. 2027 till 15 feb. 2027',
    ]);
    // Two chosen versions: from the one before both saves to now.
    const latest = Number((newest.match(/Version (\d+)/) ?? [])[1]);
    await page.getByTestId('plan-diff-from').selectOption(String(latest - 2));
    await page.getByTestId('plan-diff-to').selectOption(String(latest));
    await page.getByTestId('plan-diff-submit').click();
    await page
      .getByTestId('plan-diff-line')
      .filter({ hasText: 'Steg ”Söka praktik (e2e)” tillagt' })
      .waitFor();
    await noSeriousFindings(page);
    await page.getByTestId('plan-history').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(outputDir, 'coach-plan-history-sv.png'), fullPage: true });

    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByTestId('plan-diff').scrollIntoViewIfNeeded();
    await fitsTheScreen(page);
    await page.screenshot({
      path: join(outputDir, 'coach-plan-history-360-sv.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);
    await context.close();
  });

  it('logs a group session from Gruppträffar: search, keyboard, three attendances, saved and listed', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.getByRole('link', { name: 'Gruppträffar' }).click();
    await page.waitForURL(/\/coach\/group-sessions$/);
    await page.getByTestId('page-title').filter({ hasText: 'Gruppträffar' }).waitFor();
    // Only the page's own entry is highlighted.
    const active = page.locator('.sv-nav__link--active');
    expect(await active.allTextContents()).toEqual([expect.stringContaining('Gruppträffar')]);

    const people = page.getByTestId('session-pick-person');
    await people.first().waitFor();
    const total = await people.count();
    expect(total).toBeGreaterThanOrEqual(3);
    const names = (await people.allTextContents()).map((n) => n.trim()).slice(0, 3);

    // 1: search by a part of the last name, chosen with the keyboard only.
    const search = page.getByTestId('picker-search');
    const [first, second, third] = names as [string, string, string];
    await search.fill(first.split(' ').slice(-2).join(' ').slice(0, 12));
    await page.getByTestId('session-pick-person').filter({ hasText: first }).waitFor();
    expect(await people.count()).toBeLessThanOrEqual(total);
    await search.focus();
    let tabs = 0;
    while (
      !(await page.evaluate(
        (name) => document.activeElement?.closest('mat-checkbox')?.textContent?.trim() === name,
        first,
      )) &&
      tabs++ < 10
    ) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Space');
    await page.getByTestId('group-person').filter({ hasText: first }).waitFor();

    // 2 and 3: a search that matches nobody says so, then by name.
    await search.fill('zzzz-ingen');
    await page.getByTestId('picker-empty').filter({ hasText: 'Ingen deltagare matchar' }).waitFor();
    for (const name of [second, third]) {
      await search.fill(name);
      await page
        .getByTestId('session-pick-person')
        .filter({ hasText: name })
        .locator('input')
        .check();
      await page.getByTestId('group-person').filter({ hasText: name }).waitFor();
    }
    await page.getByTestId('picker-count').filter({ hasText: '3 valda' }).waitFor();
    const rows = page.getByTestId('group-person');
    await waitForCount(rows, 3);
    await rows.nth(1).getByTestId('group-attendance-select').selectOption('no_show');
    await rows.nth(2).getByTestId('group-attendance-select').selectOption('cancelled');
    await page.getByTestId('group-kind').selectOption('group_workshop');
    await page.getByTestId('group-date').fill('2026-12-03');
    await page.getByTestId('group-time').fill('13:00');
    await page.getByTestId('group-notes').fill('Framtidsverkstad om CV (e2e)');
    await search.fill('');
    await noSeriousFindings(page);
    await page.screenshot({ path: join(outputDir, 'coach-group-sessions-sv.png'), fullPage: true });
    await page.getByTestId('group-submit').filter({ hasText: '3 deltagare' }).waitFor();
    await page.getByTestId('group-submit').click();
    await page.getByText('Gruppträffen är sparad.').waitFor();
    await waitForCount(rows, 0);

    // Listed from the server after a reload, with each person's attendance.
    await page.reload();
    // Other journeys log group sessions (and group series meetings) with the same demo people:
    // this one is on 3 December with all three.
    const item = page
      .getByTestId('group-item')
      .filter({ hasText: '3 dec. 2026' })
      .filter({ hasText: first })
      .filter({ hasText: second })
      .filter({ hasText: third })
      .first();
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('Framtidsverkstad (grupp)');
    expect(text).toContain('3 dec. 2026');
    expect(text).toContain('1 av 3 deltog');
    for (const [name, label] of [
      [first, 'Deltog'],
      [second, 'Uteblev'],
      [third, 'Avbokad'],
    ] as const) {
      expect(await item.locator('li').filter({ hasText: name }).textContent()).toContain(label);
    }
    await noSeriousFindings(page);

    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByTestId('page-title').scrollIntoViewIfNeeded();
    await fitsTheScreen(page);
    await page.screenshot({
      path: join(outputDir, 'coach-group-sessions-360-sv.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);

    // The same picker, with its search, in the session form of a participant's page.
    await page.setViewportSize({ width: 1280, height: 800 });
    const caseload = await api<ApiPage<Participant>>(
      page,
      '/api/participants?status=active&limit=50',
    );
    const host = caseload.items.find((p) => !p.reduced && `${p.firstName} ${p.lastName}` !== third);
    await page.goto(`${baseUrl()}/coach/participants/${host!.id}`);
    await page.getByRole('tab', { name: 'Coachningstillfällen' }).click();
    await page.getByTestId('session-kind').selectOption('group_workshop');
    await page.getByTestId('session-pick').locator('summary').click();
    await page.getByTestId('picker-search').fill(third);
    await page
      .getByTestId('session-pick-person')
      .filter({ hasText: third })
      .locator('input')
      .check();
    await waitForCount(page.getByTestId('attendance-select'), 2);
    await context.close();
  });
  it('reads in English: Group sessions, with a plural that fits', async () => {
    const { context, page } = await newPage(browser, { locale: 'en-GB' });
    await loginAs(page, 'coach@demo.stegvis.se');
    if ((await page.locator('html').getAttribute('lang')) !== 'en') {
      await page.getByTestId('lang-switch').click();
      await page.getByText('My participants').first().waitFor();
    }
    await page.getByRole('link', { name: 'Group sessions' }).click();
    await page.getByTestId('page-title').filter({ hasText: 'Group sessions' }).waitFor();
    await page.getByTestId('session-pick-person').first().locator('input').check();
    await page
      .getByTestId('group-submit')
      .filter({ hasText: 'Save the group session (1 participant)' })
      .waitFor();
    await page.getByTestId('session-pick-person').nth(1).locator('input').check();
    await page.getByTestId('group-submit').filter({ hasText: '(2 participants)' }).waitFor();
    await page.getByTestId('group-item').first().waitFor();
    await page.screenshot({ path: join(outputDir, 'coach-group-sessions-en.png'), fullPage: true });
    await noSeriousFindings(page);
    // Back to Swedish for the other journeys (the choice is saved on the account).
    await page.getByTestId('lang-switch').click();
    await page.getByText('Mina deltagare').first().waitFor();
    await context.close();
  });
});
