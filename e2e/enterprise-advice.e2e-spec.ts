import type {
  AdviceSession,
  EntrepreneurContact,
  LoginResponse,
  Programme,
} from '@stegvis/contracts';
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
 * Issue 14, part 3 in the browser: a coach of a programme with no advice recorded yet adds two
 * entrepreneurs (one at an enterprise, one at the idea stage), records an individual business-advice
 * session and a group life-coaching session with both, and sees "2 tillfällen till 2 personer";
 * an individual session with two people is refused beside the field with nothing saved; a stale
 * edit says so; the form on a 360 px screen; the tab in English.
 */

const COACH = 'coach2@demo.stegvis.se';
const TAG = Date.now().toString(36).slice(-5);
const AT_ENTERPRISE = `Amira K ${TAG}`;
const IDEA_STAGE = `J.L. ${TAG}`;
const ENTERPRISE = 'Returen Second Hand (demo)';

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

const text = async (page: Page, testId: string): Promise<string> =>
  ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('issue 14: advice to entrepreneurs in Chromium', () => {
  let browser: Browser;
  let api: APIRequestContext;
  let auth: Record<string, string>;
  let programmeId: string;

  async function sessions(): Promise<AdviceSession[]> {
    const reply = await api.get(`/api/programmes/${programmeId}/advice-sessions`, {
      headers: auth,
    });
    expect(reply.status()).toBe(200);
    return ((await reply.json()) as { items: AdviceSession[] }).items;
  }

  async function contacts(): Promise<EntrepreneurContact[]> {
    const reply = await api.get(`/api/programmes/${programmeId}/entrepreneur-contacts`, {
      headers: auth,
    });
    expect(reply.status()).toBe(200);
    return ((await reply.json()) as { items: EntrepreneurContact[] }).items;
  }

  async function openAdvice(page: Page): Promise<void> {
    await page.goto(`${baseUrl()}/social-enterprises/events`);
    await page.getByTestId('es-tab-advice').click();
    await page.waitForURL(/\/social-enterprises\/advice$/);
    await page.getByTestId('session-list').waitFor();
  }

  beforeAll(async () => {
    browser = await launch();
    api = await request.newContext({ baseURL: baseUrl() });
    const login = await api.post('/api/auth/login', {
      data: { email: COACH, password: 'stegvis-demo' },
    });
    expect(login.status()).toBe(200);
    auth = { authorization: `Bearer ${((await login.json()) as LoginResponse).accessToken}` };
    const programmes = (await (await api.get('/api/programmes', { headers: auth })).json()) as {
      items: Programme[];
    };
    programmeId = programmes.items.find((p) => p.name.startsWith('Nya vägar'))!.id;
  });
  afterAll(async () => {
    await api.dispose();
    await browser.close();
  });

  it('a coach adds two entrepreneurs and records an individual and a group session: 2 tillfällen till 2 personer', async () => {
    expect(await sessions()).toEqual([]);
    const { context, page } = await newPage(browser);
    await loginAs(page, COACH);
    await page.getByRole('link', { name: 'Sociala företag' }).click();
    await page.waitForURL(/\/social-enterprises\/events$/);
    await page.getByTestId('es-tab-advice').click();
    await page.waitForURL(/\/social-enterprises\/advice$/);
    await page.getByTestId('contact-none').waitFor();
    expect(await text(page, 'advice-summary')).toBe('0 tillfällen till 0 personer');

    // One at an enterprise, by keyboard from "Lägg till en person".
    await page.getByTestId('contact-new').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('contact-form').waitFor();
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'contact-name',
    );
    expect(await page.getByTestId('contact-form').textContent()).toContain(
      'Bara namn eller initialer – inga personnummer eller anteckningar om ärenden.',
    );
    await page.keyboard.type(AT_ENTERPRISE);
    await page.getByTestId('contact-gender').selectOption('female');
    await page
      .getByTestId('contact-enterprise')
      .locator('option', { hasText: ENTERPRISE })
      .waitFor({ state: 'attached' });
    await page.getByTestId('contact-enterprise').selectOption({ label: ENTERPRISE });
    await noSeriousFindings(page);
    await page.getByTestId('contact-save').click();
    await page.getByTestId('contact-notice').getByText(`${AT_ENTERPRISE} är sparad.`).waitFor();

    // One at the idea stage (the enterprise left at "Idéstadiet").
    await page.getByTestId('contact-new').click();
    await page.getByTestId('contact-name').fill(IDEA_STAGE);
    await page.getByTestId('contact-gender').selectOption('male');
    await page.getByTestId('contact-save').click();
    await page.getByTestId('contact-notice').getByText(`${IDEA_STAGE} är sparad.`).waitFor();
    const first = page.getByTestId('contact-item').filter({ hasText: AT_ENTERPRISE });
    const second = page.getByTestId('contact-item').filter({ hasText: IDEA_STAGE });
    expect(
      (await first.getByTestId('contact-meta').textContent())?.replace(/\s+/g, ' ').trim(),
    ).toBe(`Kvinna · ${ENTERPRISE}`);
    expect(
      (await second.getByTestId('contact-meta').textContent())?.replace(/\s+/g, ' ').trim(),
    ).toBe('Man · Idéstadiet');
    const saved = await contacts();
    expect(saved.find((c) => c.name === IDEA_STAGE)).toMatchObject({
      gender: 'male',
      enterpriseId: null,
    });

    // An individual business-advice session.
    await page.getByTestId('session-new').click();
    await page.getByTestId('session-form').waitFor();
    await page.getByTestId('session-date').fill('2026-10-05');
    await page.getByTestId('session-kind').selectOption('business_advice');
    await page.getByTestId('session-format').selectOption('individual');
    await page.getByTestId('session-duration').fill('60');
    await page.getByTestId('session-contact').selectOption({ label: AT_ENTERPRISE });
    await page.getByTestId('session-save').click();
    await page.getByTestId('session-notice').getByText('Rådgivningstillfället').waitFor();
    await waitForCount(page.getByTestId('session-item'), 1);

    // A group life-coaching session with both: found with the filter box, ticked with the keyboard.
    await page.getByTestId('session-new').click();
    await page.getByTestId('session-date').fill('2026-10-12');
    await page.getByTestId('session-kind').selectOption('life_coaching');
    await page.getByTestId('session-format').selectOption('group');
    await page.getByTestId('session-duration').fill('90');
    await page.getByTestId('session-contact-filter').fill('Amira');
    await waitForCount(page.getByTestId('session-contact-option'), 1);
    await page.getByTestId('session-contact-option').locator('input').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('session-contact-filter').fill('J.L.');
    await waitForCount(page.getByTestId('session-contact-option'), 1);
    await page.getByTestId('session-contact-option').locator('input').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('session-contact-filter').fill('');
    await waitForCount(page.getByTestId('session-contact-option'), 2);
    await page.getByTestId('session-contacts').getByText('2 valda').waitFor();
    await noSeriousFindings(page);
    await page.screenshot({
      path: join(outputDir, 'enterprise-advice-group-sv.png'),
      fullPage: true,
    });
    await page.getByTestId('session-save').click();
    await waitForCount(page.getByTestId('session-item'), 2);

    // Newest first, with kind, format, duration and who took part; and the summary.
    await page.getByTestId('advice-summary').getByText('2 tillfällen till 2 personer').waitFor();
    const items = page.getByTestId('session-item');
    const newest = ((await items.nth(0).textContent()) ?? '').replace(/\s+/g, ' ');
    expect(newest).toContain('Livscoachning');
    expect(newest).toContain('Grupp');
    expect(newest).toContain('90 minuter');
    expect(newest).toContain(`Deltog: ${AT_ENTERPRISE}, ${IDEA_STAGE}`);
    const older = ((await items.nth(1).textContent()) ?? '').replace(/\s+/g, ' ');
    expect(older).toContain('Affärsrådgivning');
    expect(older).toContain('Enskild');
    expect(older).toContain('60 minuter');
    expect(older).toContain(`Deltog: ${AT_ENTERPRISE}`);
    const stored = await sessions();
    expect(
      stored.map((s) => [s.date, s.kind, s.format, s.durationMinutes, s.contactIds.length]),
    ).toEqual([
      ['2026-10-12', 'life_coaching', 'group', 90, 2],
      ['2026-10-05', 'business_advice', 'individual', 60, 1],
    ]);
    await page.screenshot({ path: join(outputDir, 'enterprise-advice-sv.png'), fullPage: true });
    await noSeriousFindings(page);
    await context.close();
  });

  it('an individual session with two people is refused beside the field, and nothing is saved', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, COACH);
    await openAdvice(page);
    await waitForCount(page.getByTestId('session-item'), 2);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/advice-sessions')) posts.push(r.url());
    });

    await page.getByTestId('session-new').click();
    await page.getByTestId('session-date').fill('2026-10-19');
    await page.getByTestId('session-duration').fill('45');
    await page.getByTestId('session-format').selectOption('group');
    for (const option of await page.getByTestId('session-contact-option').all()) {
      await option.locator('input').check();
    }
    // Two chosen, then the format is changed to individual: nothing chosen is dropped unseen.
    await page.getByTestId('session-format').selectOption('individual');
    await page.getByTestId('session-save').click();
    const error = page.getByTestId('session-contacts-error');
    await error.waitFor();
    expect(((await error.textContent()) ?? '').replace(/\s+/g, ' ').trim()).toBe(
      'Ett enskilt tillfälle är med en person – 2 är valda. Välj en, eller ändra formen till grupp.',
    );
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'session-contact',
    );
    const errorId = await error.getAttribute('id');
    expect(await page.getByTestId('session-contact').getAttribute('aria-describedby')).toContain(
      errorId,
    );
    expect(posts).toEqual([]);
    await noSeriousFindings(page);
    await page.screenshot({
      path: join(outputDir, 'enterprise-advice-individual-two-sv.png'),
      fullPage: true,
    });

    // The server refuses the same with a 400 naming the field, and saves nothing either.
    const all = await contacts();
    const refused = await api.post(`/api/programmes/${programmeId}/advice-sessions`, {
      headers: auth,
      data: {
        date: '2026-10-19',
        kind: 'business_advice',
        format: 'individual',
        durationMinutes: 45,
        contactIds: all.map((c) => c.id),
      },
    });
    expect(refused.status()).toBe(400);
    expect(Object.keys(((await refused.json()) as { fields: object }).fields)).toEqual([
      'contactIds',
    ]);

    // A server message naming contactIds[0] lands beside the contacts field.
    await page.route(
      '**/api/programmes/*/advice-sessions',
      (route) =>
        route.request().method() === 'POST'
          ? route.fulfill({
              status: 400,
              contentType: 'application/json',
              body: JSON.stringify({
                statusCode: 400,
                error: 'Bad Request',
                message: 'Some fields are not valid.',
                fields: { 'contactIds[0]': ['No such contact in this programme.'] },
              }),
            })
          : route.continue(),
      { times: 1 },
    );
    await page.getByTestId('session-contact').selectOption({ label: IDEA_STAGE });
    await page.getByTestId('session-save').click();
    await page
      .locator('mat-form-field', { has: page.getByTestId('session-contact') })
      .getByText('No such contact in this programme.')
      .waitFor();
    expect(await sessions()).toHaveLength(2);
    await context.close();
  });

  it('a stale edit says so and keeps what was typed', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, COACH);
    await openAdvice(page);
    const older = page.getByTestId('session-item').filter({ hasText: 'Affärsrådgivning' });
    await older.getByTestId('session-edit').click();
    await page.getByTestId('session-form').waitFor();
    const record = (await sessions()).find((s) => s.kind === 'business_advice')!;
    const other = await api.patch(`/api/advice-sessions/${record.id}`, {
      headers: { ...auth, 'if-match': String(record.version) },
      data: { durationMinutes: 50 },
    });
    expect(other.status()).toBe(200);
    await page.getByTestId('session-duration').fill('75');
    await page.getByTestId('session-save').click();
    await page
      .getByTestId('session-form-error')
      .getByText('Någon annan ändrade eller tog bort uppgiften under tiden.', { exact: false })
      .waitFor();
    expect(await page.getByTestId('session-duration').inputValue()).toBe('75');
    await page.getByTestId('session-save').click();
    await older.getByText('75 minuter').waitFor();
    await context.close();
  });

  it('the session form and deleting a person at 360 px', async () => {
    const { context, page } = await newPage(browser, { width: 360, height: 780 });
    await loginAs(page, COACH);
    await openAdvice(page);
    await page.getByTestId('session-new').click();
    await page.getByTestId('session-form').waitFor();
    await page.getByTestId('session-format').selectOption('group');
    await page.getByTestId('session-contacts').waitFor();
    await fitsTheScreen(page);
    // The whole card, its title with it.
    const card = page.locator('section.sv-es-form', { has: page.getByTestId('session-form') });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({
      path: join(outputDir, 'enterprise-advice-form-360-sv.png'),
    });
    await noSeriousFindings(page);
    await page.getByTestId('session-form').getByRole('button', { name: 'Avbryt' }).click();

    // A person added by mistake is deleted after a confirmation; their sessions stay.
    const mistake = `X.Y. ${TAG}`;
    await page.getByTestId('contact-new').click();
    await page.getByTestId('contact-name').fill(mistake);
    await page.getByTestId('contact-gender').selectOption('undisclosed');
    await page.getByTestId('contact-save').click();
    const item = page.getByTestId('contact-item').filter({ hasText: mistake });
    await item.waitFor();
    await item.getByTestId('contact-delete').click();
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'contact-confirm-delete',
    );
    expect(await item.textContent()).toContain(
      'Personen tas bort från de tillfällen hen deltog i; tillfällena finns kvar',
    );
    await fitsTheScreen(page);
    await item.screenshot({ path: join(outputDir, 'enterprise-advice-delete-360-sv.png') });
    await noSeriousFindings(page);
    await page.keyboard.press('Enter');
    await page.getByTestId('contact-notice').getByText(`${mistake} är borttagen.`).waitFor();
    await waitForCount(page.getByTestId('contact-item').filter({ hasText: mistake }), 0);
    await page.screenshot({
      path: join(outputDir, 'enterprise-advice-360-sv.png'),
      fullPage: true,
    });
    await context.close();
  });

  it('shows the tab in English', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, COACH, 'stegvis-demo', 'en');
    await openAdvice(page);
    expect(await page.getByTestId('es-tab-advice').textContent()).toContain('Advice');
    await page.getByTestId('advice-summary').getByText('2 sessions to 2 people').waitFor();
    const all = ((await page.getByTestId('session-list').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(all).toContain('Life coaching');
    expect(all).toContain('Group');
    expect(all).toContain('Business advice');
    expect(all).toContain('Individual');
    expect(all).toContain(`Took part: ${AT_ENTERPRISE}, ${IDEA_STAGE}`);
    const idea = page.getByTestId('contact-item').filter({ hasText: IDEA_STAGE });
    expect(((await idea.textContent()) ?? '').replace(/\s+/g, ' ')).toContain('Man · Idea stage');
    await page.getByTestId('session-new').click();
    await page.getByTestId('session-form').waitFor();
    await page.getByTestId('session-save').click();
    await page
      .getByTestId('session-contacts-error')
      .getByText('Choose the person who was advised.')
      .waitFor();
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'session-duration',
    );
    await page.screenshot({ path: join(outputDir, 'enterprise-advice-en.png'), fullPage: true });
    await noSeriousFindings(page);
    await useLanguage(page, 'sv');
    await context.close();
  });
});
