import type { Agreement, EnterpriseEvent, LoginResponse, Programme } from '@stegvis/contracts';
import { join } from 'node:path';
import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core';
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

/*
 * Issue 14, parts 4–6 in the browser: a coach records a meeting place and an agreement under
 * "Sociala företag", a sum that does not add up is refused beside its field with nothing saved,
 * a stale edit says so; the supervisor of the agreement's enterprise reads it on a phone.
 */

const TAG = Date.now().toString(36).slice(-5);
const MEETING = `Mötesplats socialt företagande ${TAG}`;
const MUNICIPALITY = `Eskilstuna kommun ${TAG}`;
const ENTERPRISE = 'Returen Second Hand (demo)';
const STARTED = `Syateljén ${TAG}`;

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

async function apiAs(
  email: string,
): Promise<{ api: APIRequestContext; auth: Record<string, string> }> {
  const api = await request.newContext({ baseURL: baseUrl() });
  const login = await api.post('/api/auth/login', { data: { email, password: 'stegvis-demo' } });
  expect(login.status()).toBe(200);
  const { accessToken } = (await login.json()) as LoginResponse;
  return { api, auth: { authorization: `Bearer ${accessToken}` } };
}

describe('issue 14: the enterprise side in Chromium', () => {
  let browser: Browser;
  let coachApi: { api: APIRequestContext; auth: Record<string, string> };
  let programmeId: string;

  async function events(): Promise<EnterpriseEvent[]> {
    const reply = await coachApi.api.get(`/api/programmes/${programmeId}/enterprise-events`, {
      headers: coachApi.auth,
    });
    expect(reply.status()).toBe(200);
    return ((await reply.json()) as { items: EnterpriseEvent[] }).items;
  }

  beforeAll(async () => {
    browser = await launch();
    coachApi = await apiAs('coach@demo.stegvis.se');
    const programmes = (await (
      await coachApi.api.get('/api/programmes', { headers: coachApi.auth })
    ).json()) as { items: Programme[] };
    programmeId = programmes.items.find((p) => p.name.startsWith('Steg mot arbete'))!.id;
  });
  afterAll(async () => {
    await coachApi.api.dispose();
    await browser.close();
  });

  it('a coach records a meeting place (28 + 12 = 40) after a sum that does not add up saved nothing', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.getByRole('link', { name: 'Sociala företag' }).click();
    await page.waitForURL(/\/social-enterprises\/events$/);
    expect(await page.getByTestId('page-title').textContent()).toContain('Sociala företag');
    await page.getByTestId('event-list').waitFor();
    // The demo's meeting place is there, newest first.
    await page
      .getByTestId('event-item')
      .filter({ hasText: 'Mötesplats socialt företagande (demo)' })
      .waitFor();
    const before = (await events()).length;

    // The form by keyboard: "Registrera en träff" with Enter puts focus in the form.
    await page.getByTestId('event-new').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('event-form').waitFor();
    await page.getByTestId('event-date').fill('2026-10-14');
    await page.getByTestId('event-title').fill(MEETING);
    await page.getByTestId('event-kind').selectOption('meeting_place');
    await page.getByTestId('event-sector-public_sector').fill('28');
    await page.getByTestId('event-sector-social_entrepreneurs').fill('12');
    await page.getByTestId('event-total').fill('41');

    // Does not add up: said beside the total, and nothing is sent.
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/enterprise-events')) posts.push(r.url());
    });
    await page.getByTestId('event-save').click();
    const totalError = page.getByTestId('event-total-error');
    await totalError.waitFor();
    expect(await totalError.textContent()).toContain(
      'Totalen (41) stämmer inte med deltagarna per sektor (40 sammanlagt).',
    );
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'event-total',
    );
    // The message is the field's description, so a screen reader reads it with the field.
    const errorId = await totalError.getAttribute('id');
    expect(await page.getByTestId('event-total').getAttribute('aria-describedby')).toContain(
      errorId,
    );
    expect(posts).toEqual([]);
    await noSeriousFindings(page);
    await page.screenshot({
      path: join(outputDir, 'enterprise-events-sum-sv.png'),
      fullPage: true,
    });

    // The server refuses the same sum with a 400 naming the field, and saves nothing either.
    const refused = await coachApi.api.post(`/api/programmes/${programmeId}/enterprise-events`, {
      headers: coachApi.auth,
      data: {
        date: '2026-10-14',
        title: MEETING,
        kind: 'meeting_place',
        attendeesTotal: 41,
        attendeesBySector: { public_sector: 28, social_entrepreneurs: 12 },
      },
    });
    expect(refused.status()).toBe(400);
    expect(Object.keys(((await refused.json()) as { fields: object }).fields)).toEqual([
      'attendeesTotal',
    ]);
    expect((await events()).length).toBe(before);

    // A server's field message lands beside the field it names.
    await page.route(
      '**/api/programmes/*/enterprise-events',
      (route) =>
        route.request().method() === 'POST'
          ? route.fulfill({
              status: 400,
              contentType: 'application/json',
              body: JSON.stringify({
                statusCode: 400,
                error: 'Bad Request',
                message: 'Some fields are not valid.',
                fields: { 'attendeesBySector.public_sector': ['must not be more than 100000'] },
              }),
            })
          : route.continue(),
      { times: 1 },
    );
    await page.getByTestId('event-total').fill('40');
    await page.getByTestId('event-save').click();
    await page
      .locator('mat-form-field', { has: page.getByTestId('event-sector-public_sector') })
      .getByText('must not be more than 100000')
      .waitFor();
    expect((await events()).length).toBe(before);

    // Saved for real.
    await page.getByTestId('event-sector-public_sector').fill('28');
    await page.getByTestId('event-save').click();
    await page.getByTestId('es-notice').getByText(`${MEETING} är sparad.`).waitFor();
    const mine = page.getByTestId('event-item').filter({ hasText: MEETING });
    await mine.waitFor();
    expect((await mine.getByTestId('event-attendees').textContent())?.trim()).toBe(
      '40 deltagare: 28 offentlig sektor, 12 samhällsentreprenörer',
    );
    const saved = (await events()).find((e) => e.title === MEETING);
    expect(saved).toMatchObject({
      kind: 'meeting_place',
      attendeesTotal: 40,
      attendeesBySector: { public_sector: 28, social_entrepreneurs: 12, other: 0 },
      attendeesByGender: null,
    });
    await page.screenshot({ path: join(outputDir, 'enterprise-events-sv.png'), fullPage: true });
    await noSeriousFindings(page);
    await context.close();
  });

  it('a coach records an IOP with a municipality, and a stale edit says so', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.goto(`${baseUrl()}/social-enterprises/events`);
    await page.getByTestId('es-tab-agreements').click();
    await page.waitForURL(/\/social-enterprises\/agreements$/);
    await page.getByTestId('agreement-list').waitFor();

    await page.getByTestId('agreement-new').click();
    await page.getByTestId('agreement-form').waitFor();
    await page
      .getByTestId('agreement-enterprise')
      .locator('option', { hasText: ENTERPRISE })
      .waitFor({ state: 'attached' });
    await page.getByTestId('agreement-enterprise').selectOption({ label: ENTERPRISE });
    await page.getByTestId('agreement-kind').selectOption('iop');
    await page.getByTestId('agreement-counterparty').fill(MUNICIPALITY);
    await page.getByTestId('agreement-start').fill('2026-09-01');
    await page.getByTestId('agreement-end').fill('2026-08-31');
    await page.getByTestId('agreement-places').fill('3');
    await page.getByTestId('agreement-save').click();
    await page
      .getByTestId('agreement-end-error')
      .getByText('Slutdatumet kan inte vara före startdatumet.')
      .waitFor();
    await page.getByTestId('agreement-end').fill('2027-08-31');
    await page.getByTestId('agreement-save').click();
    await page
      .getByTestId('es-notice')
      .getByText(`Avtalet mellan ${MUNICIPALITY} och ${ENTERPRISE} är sparat.`)
      .waitFor();
    const mine = page.getByTestId('agreement-item').filter({ hasText: MUNICIPALITY });
    await mine.waitFor();
    const text = ((await mine.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('IOP (idéburet offentligt partnerskap)');
    expect(text).toContain('Gällande');
    expect(text).toContain('3 arbetsträningsplatser');

    // Someone else changes it while the form is open: the save answers 409, said plainly.
    await mine.getByTestId('agreement-edit').click();
    await page.getByTestId('agreement-form').waitFor();
    const list = (await (
      await coachApi.api.get(`/api/programmes/${programmeId}/agreements`, {
        headers: coachApi.auth,
      })
    ).json()) as { items: Agreement[] };
    const record = list.items.find((a) => a.counterparty === MUNICIPALITY)!;
    const other = await coachApi.api.patch(`/api/agreements/${record.id}`, {
      headers: { ...coachApi.auth, 'if-match': String(record.version) },
      data: { workTrainingPlaces: 4 },
    });
    expect(other.status()).toBe(200);
    await page.getByTestId('agreement-places').fill('5');
    await page.getByTestId('agreement-save').click();
    await page
      .getByTestId('agreement-form-error')
      .getByText('Någon annan ändrade eller tog bort uppgiften under tiden.', { exact: false })
      .waitFor();
    await page.screenshot({
      path: join(outputDir, 'enterprise-agreements-conflict-sv.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);
    // What was typed is kept; saving again goes with the fresh version.
    expect(await page.getByTestId('agreement-places').inputValue()).toBe('5');
    await page.getByTestId('agreement-save').click();
    await mine.getByText('5 arbetsträningsplatser').waitFor();
    await context.close();
  });

  it('records an enterprise started by name and deletes it after a confirmation, at 360 px', async () => {
    const { context, page } = await newPage(browser, { width: 360, height: 780 });
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.goto(`${baseUrl()}/social-enterprises/started`);
    await page.getByTestId('started-list').waitFor();
    await page.getByTestId('started-new').click();
    await page.getByTestId('started-form').waitFor();
    await page.getByTestId('started-enterprise').selectOption('');
    await page.getByTestId('started-name').fill(STARTED);
    await page.getByTestId('started-on').fill('2026-11-02');
    await page.getByTestId('started-save').click();
    const mine = page.getByTestId('started-item').filter({ hasText: STARTED });
    await mine.waitFor();
    await fitsTheScreen(page);
    await page.screenshot({
      path: join(outputDir, 'enterprise-started-360-sv.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);

    // Deleting asks first; "Avbryt" keeps it, "Ja, ta bort" removes it.
    await mine.getByTestId('started-delete').click();
    await page.getByTestId('es-confirm-delete').waitFor();
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'es-confirm-delete',
    );
    await page.screenshot({ path: join(outputDir, 'enterprise-delete-confirm-360-sv.png') });
    await noSeriousFindings(page);
    await page.keyboard.press('Enter');
    await page.getByTestId('es-notice').getByText(`${STARTED} är borttagen.`).waitFor();
    await waitForCount(page.getByTestId('started-item').filter({ hasText: STARTED }), 0);

    // The events tab at 360 px too.
    await page.getByTestId('es-tab-events').click();
    await page.getByTestId('event-item').first().waitFor();
    await page.getByTestId('event-new').click();
    await page.getByTestId('event-form').waitFor();
    await fitsTheScreen(page);
    await page.screenshot({
      path: join(outputDir, 'enterprise-events-form-360-sv.png'),
      fullPage: true,
    });
    await context.close();
  });

  it('shows the section in English', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'lead@demo.stegvis.se', 'stegvis-demo', 'en');
    await page.getByRole('link', { name: 'Social enterprises' }).click();
    await page.waitForURL(/\/social-enterprises\/events$/);
    expect(await page.getByTestId('page-title').textContent()).toContain('Social enterprises');
    const mine = page.getByTestId('event-item').filter({ hasText: MEETING });
    await mine.waitFor();
    expect(((await mine.textContent()) ?? '').replace(/\s+/g, ' ')).toContain('Meeting place');
    expect(((await mine.textContent()) ?? '').replace(/\s+/g, ' ')).toContain('40 attendees');
    await page.screenshot({ path: join(outputDir, 'enterprise-events-en.png'), fullPage: true });
    await noSeriousFindings(page);
    await page.getByTestId('es-tab-agreements').click();
    const agreement = page.getByTestId('agreement-item').filter({ hasText: MUNICIPALITY });
    await agreement.waitFor();
    expect(await agreement.textContent()).toContain('IOP (idea-based public partnership)');
    await page.screenshot({
      path: join(outputDir, 'enterprise-agreements-en.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);
    await useLanguage(page, 'sv');
    await context.close();
  });

  it("the enterprise's supervisor reads the agreement, read-only, at 360 px", async () => {
    const { context, page } = await newPage(browser, { width: 360, height: 780 });
    await loginAs(page, 'supervisor@demo.stegvis.se');
    const card = page.getByTestId('supervisor-agreement').filter({ hasText: MUNICIPALITY });
    await card.waitFor();
    const text = ((await card.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('IOP (idéburet offentligt partnerskap)');
    expect(text).toContain('Gällande');
    // Read-only: nothing to change or delete, and no way into the coaches' section.
    expect(await page.getByTestId('supervisor-agreements').getByRole('button').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Sociala företag' }).count()).toBe(0);
    await card.scrollIntoViewIfNeeded();
    await fitsTheScreen(page);
    await page.getByTestId('supervisor-agreements').screenshot({
      path: join(outputDir, 'supervisor-agreements-360-sv.png'),
    });
    await noSeriousFindings(page);
    await context.close();
  });
});
