import type { LoginResponse, Participant, Programme, ReportTable } from '@stegvis/contracts';
import { addDays, halfYearKeyOf, reportPeriodOf, todayIso } from '@stegvis/domain';
import { join } from 'node:path';
import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import {
  baseUrl,
  launch,
  loginAs,
  newPage,
  outputDir,
  seriousA11yViolations,
  waitForCount,
} from './support/browser';

/**
 * Issue 11's "done when": one coach's whole case record in the browser, in Swedish — register
 * with a start snapshot, edit the details through a conflict, a group session from Gruppträffar,
 * a placement with a supervisor, the supervisor's rating at 360 px, a plan revision and its diff,
 * the exit with its snapshot — and then the lead's report for the period counts the participant
 * in the income-source and occupation start/exit tables.
 */

const TAG = Date.now().toString(36).slice(-5);
const FIRST = 'Viktor';
const LAST = `Helhetsson ${TAG}`;
const NAME = `${FIRST} ${LAST}`;
const ENTERPRISE = 'Returen Second Hand (demo)';
const SUPERVISOR = 'Hanna Handledare (demo)';
const ENROLLED = addDays(todayIso(), -30);
/** Reports cover calendar half-years or years: the exits of today fall in this half-year. */
const THIS_HALF = reportPeriodOf(halfYearKeyOf(todayIso()))!;
const START = {
  incomeSources: ['social_assistance'],
  timeInSupport: '2_5',
  occupation: 'job_seeking',
  occupationPercent: 0,
};
// He leaves for studies: a row no other exit in the demo period uses, so no small cell beside
// his makes the suppression hide it as a complement (issue 13 publishes those as "x").
const EXIT = { incomeSources: ['student_finance'], occupation: 'studies', occupationPercent: 100 };
/** Four more people with the same snapshots, so every cell of his reaches the threshold k = 5. */
const OTHERS = 4;

async function noSeriousFindings(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

async function overflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

async function apiAs(
  email: string,
): Promise<{ api: APIRequestContext; auth: Record<string, string> }> {
  const api = await request.newContext({ baseURL: baseUrl() });
  const login = await api.post('/api/auth/login', { data: { email, password: 'stegvis-demo' } });
  expect(login.status()).toBe(200);
  const { accessToken } = (await login.json()) as LoginResponse;
  return { api, auth: { authorization: `Bearer ${accessToken}` } };
}

type Cell = number | string | null;
/** One gender's start and exit cells of a row of a start/exit table. */
function startExit(table: ReportTable, row: string, gender: string): { start: Cell; exit: Cell } {
  const cells = table.rows.find((r) => r[0] === row) as Cell[] | undefined;
  const at = (column: string) => cells?.[table.columns.indexOf(column)] ?? null;
  return { start: at(`${gender}_start`), exit: at(`${gender}_exit`) };
}

describe('issue 11: the whole case record in the browser, then the report', () => {
  let browser: Browser;
  let coach: { api: APIRequestContext; auth: Record<string, string> };
  let lead: { api: APIRequestContext; auth: Record<string, string> };
  let programmeId: string;

  async function report(): Promise<Record<string, ReportTable>> {
    const reply = await lead.api.get(
      `/api/programmes/${programmeId}/report?from=${THIS_HALF.from}&to=${THIS_HALF.to}`,
      { headers: lead.auth },
    );
    expect(reply.status()).toBe(200);
    const body = (await reply.json()) as { tables: ReportTable[] };
    return Object.fromEntries(body.tables.map((t) => [t.key, t]));
  }

  beforeAll(async () => {
    browser = await launch();
    coach = await apiAs('coach@demo.stegvis.se');
    lead = await apiAs('lead@demo.stegvis.se');
    const programmes = (await (
      await coach.api.get('/api/programmes', { headers: coach.auth })
    ).json()) as { items: Programme[] };
    programmeId = programmes.items.find((p) => p.name.startsWith('Steg mot arbete'))!.id;
  });
  afterAll(async () => {
    await coach.api.dispose();
    await lead.api.dispose();
    await browser.close();
  });

  it('registers, edits, meets, places, rates, plans, exits — and the lead reads it in the report', async () => {
    const before = await report();
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.getByTestId('caseload-row').first().waitFor();

    // 1. Register with a start snapshot.
    await page.getByTestId('register-participant').click();
    await page.getByTestId('register-form').waitFor();
    await page.getByTestId('reg-consent').locator('input').check();
    await page.getByTestId('reg-first-name').fill(FIRST);
    await page.getByTestId('reg-last-name').fill(LAST);
    await page.getByTestId('reg-birth-year').fill('1988');
    await page.getByTestId('reg-gender').selectOption('male');
    await page.getByTestId('reg-enrolled').fill(ENROLLED);
    await page.getByTestId('reg-start-source-social_assistance').locator('input').check();
    await page.getByTestId('reg-start-time-in-support').selectOption('2_5');
    await page.getByTestId('reg-start-occupation').selectOption('job_seeking');
    await page.getByTestId('reg-start-occupation-percent').fill('0');
    await noSeriousFindings(page);
    await page.screenshot({ path: join(outputDir, 'journey-1-register-sv.png'), fullPage: true });
    await page.getByTestId('reg-submit').click();
    await page.waitForURL(/\/coach\/participants\/[0-9a-f-]{36}$/);
    const participantUrl = page.url();
    const id = participantUrl.split('/').pop()!;
    await page.getByTestId('page-title').filter({ hasText: NAME }).waitFor();

    // 2. Edit the details while another session saves a version in between: theirs beside mine.
    await page.getByRole('tab', { name: 'Uppgifter' }).click();
    await page.getByTestId('details-view').waitFor();
    await page.getByTestId('details-edit').click();
    await page.getByTestId('details-form').waitFor();
    await page.getByTestId('details-municipality-input').fill('Lund');
    await page.getByTestId('details-education').selectOption('upper_secondary');
    const current = (await (
      await coach.api.get(`/api/participants/${id}`, { headers: coach.auth })
    ).json()) as Participant;
    const theirs = await coach.api.patch(`/api/participants/${id}`, {
      headers: { ...coach.auth, 'if-match': String(current.version) },
      data: { municipality: 'Höör', referredBy: 'self' },
    });
    expect(theirs.status()).toBe(200);
    await page.getByTestId('details-save').click();
    await page.getByTestId('details-conflict').waitFor();
    const clash = page.getByTestId('details-clash-municipality');
    expect(await clash.getByTestId('clash-mine-municipality').textContent()).toContain('Lund');
    expect(await clash.getByTestId('clash-theirs-municipality').textContent()).toContain('Höör');
    await noSeriousFindings(page);
    await page.screenshot({ path: join(outputDir, 'journey-2-conflict-sv.png'), fullPage: true });
    await page.getByTestId('details-conflict-save').click();
    await page.getByText('Uppgifterna är sparade.').waitFor();
    const merged = (await (
      await coach.api.get(`/api/participants/${id}`, { headers: coach.auth })
    ).json()) as Participant;
    expect(merged).toMatchObject({
      municipality: 'Lund',
      education: 'upper_secondary',
      referredBy: 'self',
    });

    // 3. A group session from the Gruppträffar page: he and one more, found by search.
    await page.getByRole('link', { name: 'Gruppträffar' }).click();
    await page.waitForURL(/\/coach\/group-sessions$/);
    const people = page.getByTestId('session-pick-person');
    await people.first().waitFor();
    const other = ((await people.first().textContent()) ?? '').trim();
    const search = page.getByTestId('picker-search');
    await search.fill(LAST);
    await people.filter({ hasText: NAME }).locator('input').check();
    await search.fill(other);
    await people.filter({ hasText: other }).first().locator('input').check();
    const rows = page.getByTestId('group-person');
    await waitForCount(rows, 2);
    await rows
      .filter({ hasText: other })
      .getByTestId('group-attendance-select')
      .selectOption('no_show');
    await page.getByTestId('group-kind').selectOption('group_workshop');
    await page.getByTestId('group-date').fill(addDays(todayIso(), -20));
    await page.getByTestId('group-time').fill('10:00');
    await page.getByTestId('group-notes').fill(`CV-verkstad ${TAG}`);
    await search.fill('');
    await noSeriousFindings(page);
    await page.getByTestId('group-submit').click();
    await page.getByText('Gruppträffen är sparad.').waitFor();
    const group = page.getByTestId('group-item').filter({ hasText: NAME }).first();
    await group.waitFor();
    expect(await group.textContent()).toContain('1 av 2 deltog');
    await page.screenshot({ path: join(outputDir, 'journey-3-group-sv.png'), fullPage: true });

    // 4. A placement with a supervisor of the enterprise.
    await page.goto(`${participantUrl}?tab=placements`);
    await page.getByTestId('placement-new').click();
    await page.getByTestId('placement-enterprise').selectOption({ label: ENTERPRISE });
    await page.getByTestId('placement-start').fill(addDays(todayIso(), -14));
    await page.getByTestId('placement-hours').fill('20');
    await page.getByTestId('placement-supervisor-picker').getByText(SUPERVISOR).click();
    await noSeriousFindings(page);
    await page.getByTestId('placement-submit').click();
    const placement = page.getByTestId('placement-item').first();
    await placement.getByTestId('placement-supervisors').getByText(SUPERVISOR).waitFor();
    expect(await placement.getByTestId('placement-status').textContent()).toContain('Pågår');
    await page.screenshot({ path: join(outputDir, 'journey-4-placement-sv.png'), fullPage: true });

    // 5. The supervisor rates a check-in on a 360 px phone.
    const phone = await newPage(browser, { width: 360, height: 740 });
    await loginAs(phone.page, 'supervisor@demo.stegvis.se');
    const card = phone.page.getByTestId('supervised-item').filter({ hasText: NAME });
    await card.waitFor();
    await card.getByTestId('supervised-rate').click();
    await phone.page.getByTestId('rating-who').getByText(NAME).waitFor();
    await phone.page.getByTestId('checkin-form').waitFor();
    await phone.page.getByTestId('checkin-date').fill(addDays(todayIso(), -2));
    await phone.page.getByTestId('score-motivation-3').click();
    await phone.page.getByTestId('score-work_skills-2').click();
    expect(await overflow(phone.page)).toBeLessThanOrEqual(0);
    await noSeriousFindings(phone.page);
    await phone.page.screenshot({
      path: join(outputDir, 'journey-5-supervisor-rating-360-sv.png'),
      fullPage: true,
    });
    await phone.page.getByTestId('checkin-submit').click();
    await phone.page.getByTestId('checkin-message').getByText('Avstämningen är sparad.').waitFor();
    await phone.context.close();

    // The coach sees the supervisor's line on the progression tab.
    await page.goto(`${participantUrl}?tab=progression`);
    await page.getByTestId('rater-lines-table').getByText('Handledare').first().waitFor();

    // 6. The plan saved twice; a revision read and the diff in words.
    await page.getByRole('tab', { name: 'Handlingsplan' }).click();
    await page.getByTestId('plan-form').waitFor();
    const steps = await page.getByTestId('plan-step').count();
    await page.getByTestId('plan-add-step').click();
    await page.getByTestId('step-text').nth(steps).fill(`Söka arbete i handeln ${TAG}`);
    await page.getByTestId('plan-save').click();
    await page.getByText('Handlingsplanen är sparad.').waitFor();
    await page.getByTestId('step-status').nth(steps).selectOption('done');
    await page.getByTestId('plan-save').click();
    await page
      .getByTestId('plan-version')
      .filter({ hasText: /Version \d+/ })
      .waitFor();
    await page.getByTestId('plan-history-toggle').click();
    const revisions = page.getByTestId('plan-revision');
    await revisions.nth(1).waitFor();
    await revisions.nth(1).getByTestId('plan-revision-read').click();
    const view = page.getByTestId('plan-revision-view');
    await view.waitFor();
    expect(await view.textContent()).toContain(`Söka arbete i handeln ${TAG}`);
    await revisions.first().getByTestId('plan-revision-compare').click();
    await page
      .getByTestId('plan-diff-line')
      .filter({
        hasText: `Status för ”Söka arbete i handeln ${TAG}” ändrad från Planerat till Klart`,
      })
      .waitFor();
    await noSeriousFindings(page);
    await page.getByTestId('plan-history').scrollIntoViewIfNeeded();
    await page.screenshot({
      path: join(outputDir, 'journey-6-plan-history-sv.png'),
      fullPage: true,
    });

    // 7. Avsluta deltagande: the exit snapshot pre-filled from the start, the placement ends too.
    await page.goto(participantUrl);
    await page.getByTestId('exit-link').click();
    await page.getByTestId('exit-form').waitFor();
    expect(await page.getByTestId('exit-placement').first().textContent()).toContain(ENTERPRISE);
    expect(
      await page.getByTestId('exit-source-social_assistance').locator('input').isChecked(),
    ).toBe(true);
    await page.getByTestId('exit-source-social_assistance').locator('input').uncheck();
    await page.getByTestId('exit-source-student_finance').locator('input').check();
    await page.getByTestId('exit-reason').selectOption('studies');
    await page.getByTestId('exit-occupation').selectOption('studies');
    await page.getByTestId('exit-occupation-percent').fill('100');
    await noSeriousFindings(page);
    await page.screenshot({ path: join(outputDir, 'journey-7-exit-sv.png'), fullPage: true });
    await page.getByTestId('exit-submit').click();
    await page.waitForURL(/\?tab=startExit$/);
    await page.getByTestId('exit-snapshot').waitFor();
    expect(await page.getByTestId('participant-status').textContent()).toContain('Avslutad');
    await page.getByRole('tab', { name: 'Tidslinje' }).click();
    await page.getByTestId('timeline-event').first().waitFor();
    expect(await page.getByTestId('timeline').textContent()).toContain('Avslut');
    await context.close();

    // Four more people with the same start and exit, through the API, so no cell of his is
    // suppressed at the programme's k = 5.
    for (let i = 0; i < OTHERS; i++) {
      const created = await coach.api.post('/api/participants', {
        headers: coach.auth,
        data: {
          programmeId,
          firstName: 'Jämförelse',
          lastName: `${TAG}-${i}`,
          gender: 'male',
          birthYear: 1985 + i,
          enrolledAt: ENROLLED,
          consent: { given: true, date: ENROLLED, formVersion: 'v2' },
          startSnapshot: START,
        },
      });
      expect(created.status()).toBe(201);
      const body = (await created.json()) as Participant;
      const exited = await coach.api.patch(`/api/participants/${body.id}`, {
        headers: { ...coach.auth, 'if-match': String(body.version) },
        data: { exit: { date: todayIso(), reason: 'studies', snapshot: EXIT } },
      });
      expect(exited.status()).toBe(200);
    }

    // 8. The lead's report for the period, in the browser.
    const after = await report();
    const leadUi = await newPage(browser);
    await loginAs(leadUi.page, 'lead@demo.stegvis.se');
    // The lead's workspace opens on this half-year, the one that holds today's exits.
    await leadUi.page.getByTestId('report-period').waitFor();
    await leadUi.page.getByTestId('open-report').click();
    const income = leadUi.page.getByTestId('table-income_sources_start_exit');
    await income.waitFor();
    const occupation = leadUi.page.getByTestId('table-occupation_start_exit');
    const shown = async (table: typeof income, row: string) =>
      (
        await table
          .locator('tbody tr')
          .filter({ has: leadUi.page.locator('th', { hasText: row }) })
          .first()
          .locator('td')
          .allTextContents()
      ).map((t) => t.trim());

    const checks: [string, string, string, 'start' | 'exit', typeof income][] = [
      ['income_sources_start_exit', 'social_assistance', 'Försörjningsstöd', 'start', income],
      ['income_sources_start_exit', 'student_finance', 'Studiemedel', 'exit', income],
      ['occupation_start_exit', 'job_seeking', 'Aktivt arbetssökande', 'start', occupation],
      ['occupation_start_exit', 'studies', 'Studier', 'exit', occupation],
    ];
    for (const [key, code, label, phase, table] of checks) {
      const was = startExit(before[key]!, code, 'male')[phase];
      const now = startExit(after[key]!, code, 'male')[phase];
      // Published, at least the five of this journey, and more than before.
      const row = after[key]!.rows.find((r) => r[0] === code);
      expect({ key, code, phase, now, row }).toEqual({
        key,
        code,
        phase,
        now: expect.any(Number),
        row,
      });
      expect(now as number).toBeGreaterThanOrEqual(1 + OTHERS);
      if (typeof was === 'number') expect(now).toBe(was + 1 + OTHERS);
      // The web page shows the same figure in the men's start or exit column.
      const cells = await shown(table, label);
      expect(cells[after[key]!.columns.indexOf(`male_${phase}`) - 1]).toBe(String(now));
    }
    await noSeriousFindings(leadUi.page);
    await income.screenshot({ path: join(outputDir, 'journey-8-income-table-sv.png') });
    await occupation.screenshot({ path: join(outputDir, 'journey-8-occupation-table-sv.png') });
    await income.scrollIntoViewIfNeeded();
    await leadUi.page.screenshot({
      path: join(outputDir, 'journey-8-lead-report-sv.png'),
      fullPage: true,
    });
    await leadUi.context.close();
  });
});
