import { addDays, todayIso } from '@stegvis/domain';
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

const FIRST = 'Ester';
const LAST = `Bedömning${Date.now() % 100000}`;
const NAME = `${FIRST} ${LAST}`;
const SUPERVISOR = 'Hanna Handledare (demo)';

async function apiHeaders(email: string): Promise<Record<string, string>> {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'stegvis-demo' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
}

/** A participant of the coach's programme, registered through the API (the journey is placements). */
async function registerParticipant(): Promise<string> {
  const auth = await apiHeaders('coach@demo.stegvis.se');
  const programmes = (await (
    await fetch(`${baseUrl()}/api/programmes`, { headers: auth })
  ).json()) as {
    items: { id: string; name: string }[];
  };
  const programme = programmes.items.find((p) => p.name.startsWith('Steg mot arbete'));
  const created = await fetch(`${baseUrl()}/api/participants`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      programmeId: programme?.id,
      firstName: FIRST,
      lastName: LAST,
      gender: 'female',
      birthYear: 1990,
      enrolledAt: addDays(todayIso(), -40),
      consent: { given: true, date: addDays(todayIso(), -40), formVersion: '1' },
    }),
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function noSeriousFindings(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function rate(page: Page, rater: string, score: number): Promise<void> {
  await page.getByTestId('checkin-new').click();
  await page.getByTestId('checkin-rater').selectOption(rater);
  await page.getByTestId('checkin-date').fill(addDays(todayIso(), -8));
  await page.getByTestId(`score-motivation-${score}`).click();
  await page.getByTestId('checkin-submit').click();
  await page.getByTestId('checkin-message').getByText('Avstämningen är sparad.').waitFor();
}

describe('placements with supervisors and the three raters', () => {
  let browser: Browser;
  let participantId: string;

  beforeAll(async () => {
    browser = await launch();
    participantId = await registerParticipant();
  });
  afterAll(async () => browser.close());

  it('a coach places the participant with a chosen supervisor, pauses and resumes it', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.goto(`${baseUrl()}/coach/participants/${participantId}`);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('tab', { name: 'Placeringar' }).click();

    await page.getByTestId('placement-new').click();
    await page
      .getByTestId('placement-enterprise')
      .selectOption({ label: 'Returen Second Hand (demo)' });
    await page.getByTestId('placement-start').fill(addDays(todayIso(), -21));
    await page.getByTestId('placement-hours').fill('20');
    const picker = page.getByTestId('placement-supervisor-picker');
    await picker.getByText(SUPERVISOR).click();
    await page.screenshot({
      path: join(outputDir, 'placement-new-supervisor-sv.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);
    await page.getByTestId('placement-submit').click();
    const item = page.getByTestId('placement-item').first();
    await item.getByTestId('placement-supervisors').getByText(SUPERVISOR).waitFor();
    expect(await item.getByTestId('placement-status').textContent()).toContain('Pågår');

    // Pause ten days ago.
    await item.getByTestId('placement-action-pause').click();
    await item.getByTestId('placement-action-date').fill(addDays(todayIso(), -10));
    await item.getByTestId('placement-action-submit').click();
    await page
      .getByTestId('placement-message')
      .getByText('Placeringen är pausad.', { exact: true })
      .waitFor();
    expect(await item.getByTestId('placement-status').textContent()).toContain('Pausad');

    // Resuming on the first paused day is refused by the server, beside the date field.
    await item.getByTestId('placement-action-resume').click();
    await item.getByTestId('placement-action-date').fill(addDays(todayIso(), -10));
    await item.getByTestId('placement-action-submit').click();
    await item.getByTestId('placement-action-form').locator('mat-error').waitFor();
    expect(await item.getByTestId('placement-action-date').inputValue()).toBe(
      addDays(todayIso(), -10),
    );
    await page.screenshot({
      path: join(outputDir, 'placement-resume-error-sv.png'),
      fullPage: true,
    });
    await item.getByTestId('placement-action-date').fill(addDays(todayIso(), -3));
    await item.getByTestId('placement-action-submit').click();
    await page
      .getByTestId('placement-message')
      .getByText('Placeringen är återupptagen.', { exact: true })
      .waitFor();
    expect(await item.getByTestId('placement-status').textContent()).toContain('Pågår');
    expect(await item.getByTestId('placement-pause').textContent()).toMatch(/Pausad .+ – .+/);

    // Follow-ups and the schedule by the cadence.
    await item.getByTestId('placement-details-toggle').click();
    await item.getByTestId('placement-schedule').locator('li').first().waitFor();
    const schedule = (await item.getByTestId('placement-schedule').textContent()) ?? '';
    expect(schedule).toMatch(/Inte gjord|Kommande/);
    await page.screenshot({ path: join(outputDir, 'placement-schedule-sv.png'), fullPage: true });
    await noSeriousFindings(page);

    // The participant's and the coach's own ratings, eight days ago.
    await page.getByRole('tab', { name: 'Stegförflyttning' }).click();
    const raters = await page
      .getByTestId('checkin-new')
      .click()
      .then(() => page.getByTestId('checkin-rater').locator('option').allTextContents());
    expect(raters.map((r) => r.trim())).toEqual(['Coach', 'Deltagaren']);
    await page.getByRole('button', { name: 'Avbryt', exact: true }).click();
    await rate(page, 'participant', 5);
    await rate(page, 'coach', 4);
    await context.close();
  });

  it('the supervisor rates the participant on a 360 px phone without horizontal scrolling', async () => {
    const { context, page } = await newPage(browser, { width: 360, height: 740 });
    await loginAs(page, 'supervisor@demo.stegvis.se');
    const card = page.getByTestId('supervised-item').filter({ hasText: NAME });
    await card.waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // The follow-up form was 8 px wider than the screen (the days fields side by side).
    await page.getByTestId('due-log').first().click();
    await page.getByTestId('follow-up-form').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: join(outputDir, 'supervisor-followup-fit-360-sv.png'),
      fullPage: true,
    });
    await page
      .getByRole('link', { name: /Mina deltagare och uppföljningar/ })
      .first()
      .click();
    await card.waitFor();
    await card.getByTestId('supervised-rate').click();
    await page.getByTestId('rating-who').getByText(NAME).waitFor();
    await page.getByTestId('checkin-form').waitFor();
    expect(await page.getByTestId('checkin-rater').locator('option').allTextContents()).toEqual([
      'Handledare',
    ]);
    await page.getByTestId('checkin-date').fill(addDays(todayIso(), -2));
    await page.getByTestId('score-motivation-2').click();
    await page.getByTestId('score-work_skills-3').click();
    const box = await page.getByTestId('score-motivation-2').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: join(outputDir, 'supervisor-rating-360-sv.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);
    await page.getByTestId('checkin-submit').click();
    await page.getByTestId('checkin-message').getByText('Avstämningen är sparad.').waitFor();
    await page.getByTestId('rater-lines-table').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // Only the supervisor's own ratings are theirs to see.
    const rows = await page.getByTestId('rater-lines-row').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.includes('Handledare'))).toBe(true);
    await page.getByTestId('rater-lines').scrollIntoViewIfNeeded();
    await page.getByTestId('rater-lines-chart').locator('circle').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: join(outputDir, 'supervisor-rating-saved-360-sv.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);
    await context.close();
  });

  it('the coach sees three rater lines and the difference between raters', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.goto(`${baseUrl()}/coach/participants/${participantId}`);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('tab', { name: 'Stegförflyttning' }).click();
    const table = page.getByTestId('rater-lines-table');
    await table.getByText('Handledare').waitFor();
    const rows = await page.getByTestId('rater-lines-row').allTextContents();
    for (const rater of ['Deltagaren', 'Coach', 'Handledare']) {
      expect(rows.some((r) => r.includes(rater))).toBe(true);
    }
    await page.getByTestId('rater-lines').scrollIntoViewIfNeeded();
    const chart = page.getByTestId('rater-lines-chart');
    await chart.locator('svg').first().waitFor();
    await waitForCount(chart.locator('polyline'), 3);
    await waitForCount(chart.locator('circle.sv-rl__flag'), 3);
    // Supervisor 2 six days after participant 5 and coach 4: two differences of 2 or more.
    const diffs = await page.getByTestId('rater-diff').allTextContents();
    expect(diffs).toHaveLength(2);
    expect(diffs.join(' ')).toContain('skillnad 3 steg');
    await waitForCount(page.getByTestId('rater-diff-flag'), 3);
    // The headline change is per rater.
    const headline = await page.getByTestId('progression-rater-change').allTextContents();
    expect(headline.join(' ')).toContain('Förändring enligt handledaren');
    expect(await page.getByTestId('progression-summary').textContent()).not.toContain(
      'Genomsnittlig förändring',
    );
    await page.screenshot({ path: join(outputDir, 'coach-rater-lines-sv.png'), fullPage: true });
    await noSeriousFindings(page);
    await context.close();
  });

  it('the demo data holds no score outside its instrument’s scale, and has supervisor ratings', async () => {
    const raters = new Set<string>();
    let checked = 0;
    for (const email of ['coach@demo.stegvis.se', 'coach2@demo.stegvis.se']) {
      const auth = await apiHeaders(email);
      const get = async <T>(path: string): Promise<T> =>
        (await (await fetch(`${baseUrl()}${path}`, { headers: auth })).json()) as T;
      const instruments = await get<{
        items: { id: string; indicators: { key: string; min: number; max: number }[] }[];
      }>('/api/instruments');
      const scale = new Map(
        instruments.items.flatMap((i) => i.indicators.map((x) => [`${i.id}/${x.key}`, x] as const)),
      );
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = await get(
          `/api/participants?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        );
        for (const participant of page.items) {
          const checkIns = await get<{
            items: { instrumentId: string; rater: string; scores: Record<string, number> }[];
          }>(`/api/participants/${participant.id}/check-ins?limit=100`);
          for (const c of checkIns.items) {
            raters.add(c.rater);
            for (const [key, value] of Object.entries(c.scores)) {
              const s = scale.get(`${c.instrumentId}/${key}`);
              expect({ key, value, inScale: !!s && value >= s.min && value <= s.max }).toEqual({
                key,
                value,
                inScale: true,
              });
              checked++;
            }
          }
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
    expect(checked).toBeGreaterThan(100);
    expect([...raters].sort()).toEqual(['coach', 'participant', 'supervisor']);
  });
});
