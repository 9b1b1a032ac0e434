import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch, loginAs, newPage, outputDir, seriousA11yViolations } from './support/browser';

async function noSeriousFindings(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

describe('coach journey in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser.close());

  it('registers a participant, writes a plan, logs a group session, places, checks in and sees the chart', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.getByTestId('caseload-row').first().waitFor();
    await page.screenshot({ path: join(outputDir, 'coach-caseload-sv.png'), fullPage: true });
    await noSeriousFindings(page);

    // Register, with consent.
    await page.getByTestId('register-participant').click();
    await page.getByTestId('register-form').waitFor();
    expect(await page.getByTestId('consent-explain').textContent()).toContain(
      'bara kön och startår',
    );
    await page.getByTestId('reg-consent').locator('input').check();
    await page.getByTestId('reg-first-name').fill('Amira');
    await page.getByTestId('reg-last-name').fill('Testsson (e2e)');
    await page.getByTestId('reg-birth-year').fill('1990');
    await page.getByTestId('reg-gender').selectOption('female');
    await noSeriousFindings(page);
    await page.getByTestId('reg-submit').click();
    await page.waitForURL(/\/coach\/participants\/[0-9a-f-]{36}$/);
    await page.getByText('Amira Testsson (e2e)').first().waitFor();

    // Plan: goal and one step, saved with If-Match.
    await page.getByRole('tab', { name: 'Handlingsplan' }).click();
    await page.getByTestId('plan-form').waitFor();
    // The plan has loaded (its version is shown) before anything is typed or added.
    await page.getByTestId('plan-version').waitFor();
    await page.getByTestId('plan-goal').fill('Arbetsträning inom handel');
    const stepsBefore = await page.getByTestId('plan-step').count();
    await page.getByTestId('plan-add-step').click();
    await page.getByTestId('step-text').nth(stepsBefore).waitFor();
    await page.getByTestId('step-text').last().fill('Studiebesök på Returen');
    await page.getByTestId('step-due').last().fill('2027-01-15');
    await page.getByTestId('step-concerns').last().locator('input').check();
    await page.getByTestId('plan-save').click();
    await page.getByText('Handlingsplanen är sparad.').waitFor();
    await page
      .getByTestId('participant-next-step')
      .filter({ hasText: 'Studiebesök på Returen' })
      .waitFor();

    // A group session with one more participant from the caseload.
    await page.getByRole('tab', { name: 'Coachningstillfällen' }).click();
    await page.getByTestId('session-kind').selectOption('group_workshop');
    await page.getByTestId('session-pick').locator('summary').click();
    await page.getByTestId('session-pick-person').first().locator('input').check();
    await page.getByTestId('attendance-select').nth(1).selectOption('no_show');
    await page.getByTestId('session-submit').click();
    await page.getByText('Coachningstillfället är sparat.').waitFor();

    // A placement.
    await page.getByRole('tab', { name: 'Placeringar' }).click();
    await page.getByTestId('placement-new').click();
    await page.getByTestId('placement-enterprise').selectOption({ index: 1 });
    await page.getByTestId('placement-hours').fill('20');
    await page.getByTestId('placement-submit').click();
    await page.getByTestId('placement-item').first().waitFor();

    // Two check-ins, then the chart and its table.
    await page.getByRole('tab', { name: 'Stegförflyttning' }).click();
    for (const score of [2, 4]) {
      await page.getByTestId('checkin-new').click();
      await page.getByTestId('checkin-occasion').selectOption(score === 2 ? 'start' : 'during');
      await page.locator(`[data-testid^="score-"][data-testid$="-${score}"]`).first().click();
      await page.locator(`[data-testid^="score-"][data-testid$="-${score}"]`).nth(1).click();
      await page.getByTestId('checkin-submit').click();
      await page.getByText('Avstämningen är sparad.').waitFor();
    }
    // "Saved" from the first check-in may still show: wait for the table to reflect the second.
    await page.getByTestId('progression-table').filter({ hasText: '+2' }).waitFor();
    await page.getByTestId('progression-chart').scrollIntoViewIfNeeded();
    await page.locator('[data-testid="progression-chart"] svg').first().waitFor();
    expect(await page.getByTestId('progression-table').textContent()).toContain('+2');
    await page.screenshot({ path: join(outputDir, 'coach-progression-sv.png'), fullPage: true });
    await noSeriousFindings(page);

    await page.getByRole('tab', { name: 'Tidslinje' }).click();
    await page.getByTestId('timeline-event').first().waitFor();
    await page.screenshot({ path: join(outputDir, 'participant-sv.png'), fullPage: true });
    await noSeriousFindings(page);
    await context.close();
  });

  it('shows the conflict view when another coach saved the plan meanwhile, and merges', async () => {
    const a = await newPage(browser);
    const b = await newPage(browser);
    await loginAs(a.page, 'coach@demo.stegvis.se');
    await loginAs(b.page, 'coach@demo.stegvis.se');
    await a.page.getByTestId('caseload-row').nth(2).locator('a').click();
    await a.page.waitForURL(/\/coach\/participants\/[0-9a-f-]{36}$/);
    const url = a.page.url();
    for (const { page } of [a, b]) {
      await page.goto(url);
      await page.getByRole('tab', { name: 'Handlingsplan' }).click();
      await page.getByTestId('plan-step').first().waitFor();
    }
    await a.page.getByTestId('step-text').first().fill('Ändrat av den första coachen');
    await a.page.getByTestId('plan-save').click();
    await a.page.getByText('Handlingsplanen är sparad.').waitFor();

    await b.page.getByTestId('plan-goal').fill('Mitt nya mål');
    await b.page.getByTestId('plan-save').click();
    await b.page.getByTestId('plan-conflict').waitFor();
    // Nothing typed is lost: the goal field still holds it.
    expect(await b.page.getByTestId('plan-goal').inputValue()).toBe('Mitt nya mål');
    await b.page.screenshot({ path: join(outputDir, 'plan-conflict-sv.png'), fullPage: true });
    await noSeriousFindings(b.page);
    await b.page.getByTestId('conflict-merge').click();
    await b.page.getByText('Handlingsplanen är sparad.').waitFor();
    expect(await b.page.getByTestId('plan-goal').inputValue()).toBe('Mitt nya mål');
    expect(await b.page.getByTestId('step-text').first().inputValue()).toBe(
      'Ändrat av den första coachen',
    );
    await a.context.close();
    await b.context.close();
  });

  it('works in English too', async () => {
    const { context, page } = await newPage(browser, { locale: 'en-GB' });
    await loginAs(page, 'coach@demo.stegvis.se');
    if ((await page.locator('html').getAttribute('lang')) !== 'en') {
      await page.getByTestId('lang-switch').click();
      await page.getByText('My participants').first().waitFor();
    }
    await page.getByTestId('caseload-row').first().waitFor();
    await page.screenshot({ path: join(outputDir, 'coach-caseload-en.png'), fullPage: true });
    await page.getByTestId('caseload-row').first().locator('a').click();
    await page.getByRole('tab', { name: 'Step progression' }).click();
    await page.getByTestId('progression-table').waitFor();
    expect(await page.getByTestId('progression-table').textContent()).toContain('First');
    await page.screenshot({ path: join(outputDir, 'participant-en.png'), fullPage: true });
    await noSeriousFindings(page);
    // Back to Swedish for the other journeys (the choice is saved on the account).
    await page.getByTestId('lang-switch').click();
    await page.getByText('Mina deltagare').first().waitFor();
    await context.close();
  });
});
