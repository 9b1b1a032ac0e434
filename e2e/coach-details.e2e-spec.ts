import type { LoginResponse, Participant, ParticipantExport, Programme } from '@stegvis/contracts';
import { readFileSync } from 'node:fs';
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

/** A Material dialog fully shown (its opening animation done), for screenshots and axe. */
async function dialogOpen(page: Page): Promise<void> {
  await page.locator('.mat-mdc-dialog-container.mdc-dialog--open').waitFor();
  await page.waitForTimeout(250);
}

async function noSeriousFindings(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** A valid personnummer (Luhn over the last 10 digits) for a birth date and a serial. */
function personnummerFor(birthDate: string, serial: number): string {
  const base = `${birthDate}${String(serial).padStart(3, '0')}`;
  const sum = base
    .slice(2)
    .split('')
    .map(Number)
    .reduce((acc, d, i) => {
      const v = i % 2 === 0 ? d * 2 : d;
      return acc + (v > 9 ? v - 9 : v);
    }, 0);
  return `${base}${(10 - (sum % 10)) % 10}`;
}

/**
 * The coach's "Uppgifter" journey, in Swedish: details with the audited personnummer reveal, an
 * edit with a conflict, the caseload search by the last four digits, consent withdrawal with the
 * reduced page, the data-subject export and an erasure.
 */
describe('coach details, consent and data-subject rights in Chromium', () => {
  let browser: Browser;
  let api: APIRequestContext;
  let headers: Record<string, string>;
  let programmeId: string;
  const pnr = personnummerFor('19840315', 100 + Math.floor(Math.random() * 800));
  const tag = Date.now().toString(36).slice(-4);

  async function createParticipant(
    firstName: string,
    lastName: string,
    extra: object = {},
  ): Promise<Participant> {
    const reply = await api.post('/api/participants', {
      headers,
      data: {
        programmeId,
        firstName,
        lastName,
        gender: 'female',
        birthYear: 1984,
        enrolledAt: '2026-09-01',
        consent: { given: true, date: '2026-09-01', formVersion: 'v2' },
        municipality: 'Malmö',
        ...extra,
      },
    });
    expect(reply.status()).toBe(201);
    return (await reply.json()) as Participant;
  }

  async function read(id: string): Promise<{ status: number; body: Participant }> {
    const reply = await api.get(`/api/participants/${id}`, { headers });
    return { status: reply.status(), body: (await reply.json()) as Participant };
  }

  beforeAll(async () => {
    browser = await launch();
    api = await request.newContext({ baseURL: baseUrl() });
    const login = await api.post('/api/auth/login', {
      data: { email: 'coach@demo.stegvis.se', password: 'stegvis-demo' },
    });
    expect(login.status()).toBe(200);
    headers = { authorization: `Bearer ${((await login.json()) as LoginResponse).accessToken}` };
    const programmes = (await (await api.get('/api/programmes', { headers })).json()) as {
      items: Programme[];
    };
    programmeId = programmes.items.find((p) => p.name.startsWith('Steg mot arbete'))!.id;
  });
  afterAll(async () => {
    await api.dispose();
    await browser.close();
  });

  it('reveals the personnummer, edits the details through a conflict and finds the participant by the last four digits', async () => {
    const karin = await createParticipant('Karin', `Uppgiftsson ${tag}`, {
      personnummer: pnr,
      birthYear: undefined,
    });
    expect(karin.personnummer).toBe(`${pnr.slice(0, 8)}-****`);
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.goto(`${baseUrl()}/coach/participants/${karin.id}`);
    await page.getByRole('tab', { name: 'Uppgifter' }).click();
    await page.getByTestId('details-view').waitFor();
    expect(await page.getByTestId('personnummer-masked').textContent()).toBe(
      `${pnr.slice(0, 8)}-XXXX`,
    );
    await page.screenshot({ path: join(outputDir, 'coach-details-sv.png'), fullPage: true });
    await noSeriousFindings(page);

    // "Visa": the full number, through the audited route.
    const revealed = page.waitForResponse((r) => r.url().endsWith(`/${karin.id}/personnummer`));
    await page.getByTestId('personnummer-reveal').click();
    expect((await revealed).status()).toBe(200);
    const dashed = `${pnr.slice(0, 8)}-${pnr.slice(8)}`;
    expect(await page.getByTestId('personnummer-full').textContent()).toBe(dashed);

    // Edit and save: municipality, education, responsible coach, paused.
    await page.getByTestId('details-edit').click();
    await page.getByTestId('details-form').waitFor();
    expect(await page.getByTestId('details-personnummer-input').inputValue()).toBe(dashed);
    await page.getByTestId('details-municipality-input').fill('Eslöv');
    await page.getByTestId('details-education').selectOption('upper_secondary');
    await page.getByTestId('details-referred-by').selectOption('employment_service');
    await page.getByTestId('details-coach-select').selectOption({ index: 1 });
    await page.getByTestId('details-status-paused').locator('input').check();
    await noSeriousFindings(page);
    // A server field error beside its field, and nothing typed lost: birth year against the number.
    await page.getByTestId('details-birth-year').fill('1990');
    await page.getByTestId('details-save').click();
    await page.getByText('birthYear does not agree with the personnummer').waitFor();
    expect(await page.getByTestId('details-municipality-input').inputValue()).toBe('Eslöv');
    await page.getByTestId('details-birth-year').fill('1984');
    await page.getByTestId('details-save').click();
    await page.getByText('Uppgifterna är sparade.').waitFor();
    expect(await page.getByTestId('details-municipality').textContent()).toContain('Eslöv');
    expect(await page.getByTestId('details-status').textContent()).toContain('Pausad');
    await page.getByTestId('participant-status').filter({ hasText: 'Pausad' }).waitFor();
    const afterFirst = await read(karin.id);
    expect(afterFirst.body).toMatchObject({
      municipality: 'Eslöv',
      education: 'upper_secondary',
      referredBy: 'employment_service',
      status: 'paused',
    });

    // A conflict: I type, another coach saves a version in between, I save.
    await page.getByTestId('details-edit').click();
    await page.getByTestId('details-municipality-input').fill('Lund');
    await page.getByTestId('details-first-name-input').fill('Karin Maria');
    const theirs = await api.patch(`/api/participants/${karin.id}`, {
      headers: { ...headers, 'if-match': String(afterFirst.body.version) },
      data: { municipality: 'Höör', lastName: `Uppgiftsdotter ${tag}` },
    });
    expect(theirs.status()).toBe(200);
    await page.getByTestId('details-save').click();
    await page.getByTestId('details-conflict').waitFor();
    const clash = page.getByTestId('details-clash-municipality');
    expect(await clash.getByTestId('clash-mine-municipality').textContent()).toContain('Lund');
    expect(await clash.getByTestId('clash-theirs-municipality').textContent()).toContain('Höör');
    expect(await page.getByTestId('details-conflict-taken').textContent()).toContain('Efternamn');
    // Nothing typed is lost; their change to a field I did not touch is in the form.
    expect(await page.getByTestId('details-first-name-input').inputValue()).toBe('Karin Maria');
    expect(await page.getByTestId('details-last-name-input').inputValue()).toBe(
      `Uppgiftsdotter ${tag}`,
    );
    await page.screenshot({
      path: join(outputDir, 'coach-details-conflict-sv.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({
      path: join(outputDir, 'coach-details-conflict-360-sv.png'),
      fullPage: true,
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('details-conflict-save').click();
    await page.getByText('Uppgifterna är sparade.').waitFor();
    const merged = await read(karin.id);
    expect(merged.body).toMatchObject({
      firstName: 'Karin Maria',
      lastName: `Uppgiftsdotter ${tag}`,
      municipality: 'Lund',
      version: afterFirst.body.version + 2,
    });

    // The caseload finds her by the last four digits of the personnummer.
    await page.goto(`${baseUrl()}/coach`);
    await page.getByTestId('caseload-row').first().waitFor();
    // She is paused: every status.
    await page.getByTestId('caseload-status').selectOption('');
    await page.getByTestId('caseload-search').fill(pnr.slice(8));
    await page
      .getByTestId('caseload-row')
      .filter({ hasText: `Uppgiftsdotter ${tag}` })
      .waitFor();
    await waitForCount(page.getByTestId('caseload-row'), 1);
    await page.getByTestId('caseload-search').fill(`${pnr.slice(2, 8)}-${pnr.slice(8)}`);
    await page.getByTestId('caseload-count').filter({ hasText: '1 deltagare' }).waitFor();
    await context.close();
  });

  it('downloads the data-subject export with a summary, at 1280 and 360 px', async () => {
    const person = await createParticipant('Elin', `Utdragsson ${tag}`);
    const { context, page } = await newPage(browser, { width: 360 });
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.goto(`${baseUrl()}/coach/participants/${person.id}?tab=details`);
    await page.getByTestId('details-view').waitFor();
    await page.screenshot({ path: join(outputDir, 'coach-details-360-sv.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await noSeriousFindings(page);
    await page.getByTestId('export-open').click();
    await dialogOpen(page);
    await page.screenshot({ path: join(outputDir, 'coach-export-dialog-360-sv.png') });
    await noSeriousFindings(page);
    const download = page.waitForEvent('download');
    await page.getByTestId('export-confirm').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(
      /^stegvis-registerutdrag-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.json$/,
    );
    const data = JSON.parse(readFileSync(await file.path(), 'utf8')) as ParticipantExport;
    expect(data.participant).toMatchObject({ id: person.id, lastName: `Utdragsson ${tag}` });
    const summary = page.getByTestId('export-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('0 placeringar');
    await page.screenshot({
      path: join(outputDir, 'coach-export-summary-360-sv.png'),
      fullPage: true,
    });
    await context.close();
  });

  it('withdraws consent after a confirmation that says what goes and what stays, then shows only the reduced record', async () => {
    const person = await createParticipant('Sara', `Samtyckesson ${tag}`);
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.goto(`${baseUrl()}/coach/participants/${person.id}?tab=details`);
    await page.getByTestId('details-view').waitFor();
    await page.getByTestId('consent-withdraw').click();
    await dialogOpen(page);
    const deleted = await page.getByTestId('consent-deleted').textContent();
    expect(deleted).toContain('Namn och personnummer');
    expect(deleted).toContain('Handlingsplanen');
    expect(await page.getByTestId('consent-kept').textContent()).toContain('Startmånad');
    await page.screenshot({ path: join(outputDir, 'coach-consent-withdraw-dialog-sv.png') });
    await noSeriousFindings(page);
    await page.getByTestId('consent-confirm').click();
    await page.getByTestId('reduced-note').waitFor();
    expect(await page.getByTestId('page-title').textContent()).toContain('Utan samtycke');
    expect(await page.getByTestId('participant-consent').textContent()).toContain('Återkallat');
    expect(await page.content()).not.toContain(`Samtyckesson ${tag}`);
    await page.screenshot({ path: join(outputDir, 'coach-reduced-sv.png'), fullPage: true });
    await noSeriousFindings(page);
    const after = await read(person.id);
    expect(after.body).toMatchObject({
      reduced: true,
      firstName: null,
      lastName: null,
      personnummer: null,
      municipality: null,
      enrolledAt: null,
      gender: 'female',
      startYear: 2026,
      consent: { given: false },
    });
    await context.close();
  });

  it('erases a participant with a stated reason and comes back to the caseload with a message', async () => {
    const person = await createParticipant('Rut', `Raderasson ${tag}`);
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.goto(`${baseUrl()}/coach/participants/${person.id}?tab=details`);
    await page.getByTestId('details-view').waitFor();
    await page.getByTestId('erase-open').click();
    await dialogOpen(page);
    await page.getByTestId('erase-reason').fill('kort');
    await page.getByTestId('erase-confirm').click();
    await page.getByText('Skriv skälet med minst 10 tecken.').waitFor();
    expect((await read(person.id)).status).toBe(200);
    await page.getByTestId('erase-reason').fill('Deltagaren begärde radering i e2e-testet');
    await page.screenshot({ path: join(outputDir, 'coach-erase-dialog-sv.png') });
    await noSeriousFindings(page);
    await page.getByTestId('erase-confirm').click();
    await page.waitForURL((url) => url.pathname === '/coach');
    await page.getByTestId('caseload-erased').waitFor();
    expect(await page.getByTestId('caseload-erased').textContent()).toContain('raderad');
    await noSeriousFindings(page);
    expect((await read(person.id)).status).toBe(404);
    await context.close();
  });
});
