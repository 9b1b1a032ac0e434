import type { Enterprise, EnterpriseCapacity, LoginResponse } from '@stegvis/contracts';
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
 * Issue 14, part 2 in the browser: the admin gives the demo enterprise a sector and two periods of
 * work-training places (an overlapping pair is refused beside its field, nothing saved); the lead
 * reads places offered against places in use per enterprise, on a phone and in English too; the
 * enterprise's supervisor sees their own enterprise's profile on their home page.
 */

const ENTERPRISE = 'Returen Second Hand (demo)';
const OTHER = 'Café Gemenskap (demo)';
const SECTOR = `Återbruk och reparation ${Date.now().toString(36).slice(-4)}`;
// Six places in the first half of 2026, nine from July until further notice.
const FIRST = { from: '2026-01-01', to: '2026-06-30', places: 6 };
const SECOND = { from: '2026-07-01', to: null, places: 9 };
const SPRING_DAY = '2026-03-16';

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** What the admin's offers give on a day (null = none covers it). */
function offeredOn(day: string): number | null {
  if (day >= SECOND.from) return SECOND.places;
  if (day >= FIRST.from && day <= FIRST.to) return FIRST.places;
  return null;
}

async function noSeriousFindings(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** The page is no wider than the screen (nothing to scroll sideways at 360 px). */
async function fitsTheScreen(page: Page): Promise<void> {
  const { overflow, widest } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // What sticks out, to say why if it does (outermost first).
    const out = Array.from(document.body.querySelectorAll<HTMLElement>('*'))
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { overflow: document.documentElement.scrollWidth - width, widest: out };
  });
  expect({ overflow: Math.max(0, overflow), widest: overflow > 0 ? widest : [] }).toEqual({
    overflow: 0,
    widest: [],
  });
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

/** The capacity table's cells for one enterprise, trimmed: name, sector, ASF, offered, in use, free. */
async function rowOf(page: Page, name: string): Promise<string[]> {
  const row = page.getByTestId('capacity-row').filter({ hasText: name });
  await row.waitFor();
  return (await row.locator('th, td').allInnerTexts()).map((t) => t.trim());
}

describe('issue 14: enterprise profile and capacity in Chromium', () => {
  let browser: Browser;
  let admin: { api: APIRequestContext; auth: Record<string, string> };
  let enterpriseId: string;

  async function stored(): Promise<Enterprise> {
    const reply = await admin.api.get(`/api/enterprises/${enterpriseId}`, { headers: admin.auth });
    expect(reply.status()).toBe(200);
    return (await reply.json()) as Enterprise;
  }

  beforeAll(async () => {
    browser = await launch();
    admin = await apiAs('admin@demo.stegvis.se');
    const list = await admin.api.get('/api/enterprises', { headers: admin.auth });
    const body = (await list.json()) as Enterprise[] | { items: Enterprise[] };
    const items = Array.isArray(body) ? body : body.items;
    enterpriseId = items.find((e) => e.name === ENTERPRISE)?.id ?? '';
    expect(enterpriseId).not.toBe('');
  });
  afterAll(async () => {
    await admin.api.dispose();
    await browser.close();
  });

  it('the admin sets a sector and two periods of places; an overlapping pair is refused first, nothing saved', async () => {
    const before = await stored();
    const { context, page } = await newPage(browser);
    await loginAs(page, 'admin@demo.stegvis.se');
    await page.goto(`${baseUrl()}/admin/enterprises`);
    await page.getByTestId('enterprise-table').waitFor();
    // The profile names the enterprise's supervisors (its supervisor accounts).
    await page
      .locator('tr', { hasText: ENTERPRISE })
      .getByTestId('enterprise-supervisors')
      .filter({ hasText: 'Hanna Handledare (demo)' })
      .waitFor();
    await page
      .locator('tr', { hasText: ENTERPRISE })
      .getByRole('button', { name: /Ändra/ })
      .click();
    const editor = page.getByTestId('offers-editor');
    await editor.waitFor();
    await page.getByTestId('enterprise-sector').fill(SECTOR);

    // Start from an empty list: remove the demo's offers with the keyboard.
    const rows = editor.getByTestId('offer-row');
    for (let left = await rows.count(); left > 0; left--) {
      await rows.first().getByTestId('offer-remove').focus();
      await page.keyboard.press('Enter');
      await waitForCount(rows, left - 1);
    }
    await editor.getByText('Inga platser erbjuds ännu.').waitFor();

    // "Lägg till period" from the keyboard: focus lands on the new row's start day.
    await page.getByTestId('offer-add').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.classList.contains('sv-offer__from'));
    const first = rows.nth(0);
    await first.getByTestId('offer-from').fill(FIRST.from);
    // Until further notice: the end day is disabled.
    await first.getByTestId('offer-open-ended').locator('input').check();
    await expect(first.getByTestId('offer-to').isDisabled()).resolves.toBe(true);
    await first.getByTestId('offer-places').fill(String(FIRST.places));

    await page.getByTestId('offer-add').click();
    const second = rows.nth(1);
    await second.getByTestId('offer-from').fill(SECOND.from);
    await second.getByTestId('offer-to').fill('2026-12-31');
    await second.getByTestId('offer-places').fill(String(SECOND.places));

    // The first runs until further notice, so the second overlaps it: said beside its start day,
    // before anything is sent.
    const patches: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().includes('/api/enterprises/')) patches.push(r.url());
    });
    await page.getByTestId('enterprise-save').click();
    await second.getByTestId('offer-from-error').getByText('Överlappar en annan period.').waitFor();
    // Focus goes to the field to fix.
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'offer-from',
    );
    expect(patches).toEqual([]);
    await page.screenshot({
      path: join(outputDir, 'enterprise-offers-overlap-sv.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);

    // The server refuses the same pair (placeOffers.1.from) and keeps what it had.
    const refused = await admin.api.patch(`/api/enterprises/${enterpriseId}`, {
      headers: admin.auth,
      data: {
        placeOffers: [
          { from: FIRST.from, to: null, places: FIRST.places },
          { from: SECOND.from, to: '2026-12-31', places: SECOND.places },
        ],
      },
    });
    expect(refused.status()).toBe(400);
    expect(Object.keys(((await refused.json()) as { fields: object }).fields)).toEqual([
      'placeOffers.1.from',
    ]);
    expect((await stored()).placeOffers).toEqual(before.placeOffers);

    // The first gets an end; the second runs until further notice.
    await first.getByTestId('offer-open-ended').locator('input').uncheck();
    await first.getByTestId('offer-to').fill(FIRST.to);
    await second.getByTestId('offer-to').fill('');
    await second.getByTestId('offer-open-ended').locator('input').check();
    await expect(second.getByTestId('offer-from-error').count()).resolves.toBe(0);

    // A field error from the server lands beside the field it names (placeOffers.0.to).
    await page.route(
      '**/api/enterprises/*',
      (route) =>
        route.request().method() === 'PATCH'
          ? route.fulfill({
              status: 400,
              contentType: 'application/json',
              body: JSON.stringify({
                statusCode: 400,
                error: 'Bad Request',
                message: 'Some fields are not valid.',
                fields: { 'placeOffers.0.to': ['An offer cannot end before it starts.'] },
              }),
            })
          : route.continue(),
      { times: 1 },
    );
    await page.getByTestId('enterprise-save').click();
    await first
      .getByTestId('offer-to-error')
      .getByText('An offer cannot end before it starts.')
      .waitFor();
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'offer-to',
    );
    await page.screenshot({
      path: join(outputDir, 'enterprise-offers-server-error-sv.png'),
      fullPage: true,
    });

    // Saved for real once the field changes.
    await first.getByTestId('offer-to').fill(FIRST.to);
    await expect(first.getByTestId('offer-to-error').count()).resolves.toBe(0);
    await page.getByTestId('enterprise-save').click();
    await page.getByText(`${ENTERPRISE} har sparats.`).waitFor();
    const saved = await stored();
    expect(saved.sector).toBe(SECTOR);
    expect(saved.placeOffers).toEqual([FIRST, SECOND]);
    const tableRow = page.locator('tr', { hasText: ENTERPRISE });
    await tableRow.getByText(SECTOR).waitFor();
    await tableRow.getByText('9 platser').waitFor();
    await page.screenshot({
      path: join(outputDir, 'enterprise-offers-saved-sv.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);
    await context.close();
  });

  it("the admin's offer rows fit a 360 px screen", async () => {
    const { context, page } = await newPage(browser, { width: 360, height: 780 });
    await loginAs(page, 'admin@demo.stegvis.se');
    await page.goto(`${baseUrl()}/admin/enterprises`);
    await page.getByTestId('enterprise-table').waitFor();
    await page
      .locator('tr', { hasText: ENTERPRISE })
      .getByRole('button', { name: /Ändra/ })
      .click();
    await waitForCount(page.getByTestId('offer-row'), 2);
    await fitsTheScreen(page);
    await page.getByTestId('offers-editor').scrollIntoViewIfNeeded();
    await page.screenshot({
      path: join(outputDir, 'enterprise-offers-360-sv.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);
    await context.close();
  });

  it('the lead opens Kapacitet and reads places offered against places in use, per enterprise and in total', async () => {
    const lead = await apiAs('lead@demo.stegvis.se');
    const { context, page } = await newPage(browser);
    await loginAs(page, 'lead@demo.stegvis.se');
    await page.getByRole('link', { name: 'Kapacitet' }).click();
    await page.waitForURL((url) => url.pathname === '/capacity');
    await page
      .getByTestId('page-title')
      .getByText('Arbetsträningsplatser: erbjudna och använda')
      .waitFor();
    await page.getByTestId('capacity-table').waitFor();
    const today = await page.getByTestId('capacity-date').inputValue();
    expect(today).toBe(localToday());

    // The table says what the server counts, with free = offered − in use.
    async function check(day: string): Promise<void> {
      const reply = await lead.api.get(`/api/enterprises/capacity?date=${day}`, {
        headers: lead.auth,
      });
      const items = ((await reply.json()) as { items: EnterpriseCapacity[] }).items;
      const mine = items.find((c) => c.name === ENTERPRISE);
      expect(mine?.placesOffered ?? null).toBe(offeredOn(day));
      expect(mine?.sector).toBe(SECTOR);
      for (const name of [ENTERPRISE, OTHER]) {
        const c = items.find((i) => i.name === name) as EnterpriseCapacity;
        const cells = await rowOf(page, name);
        expect(cells[0]).toBe(name);
        expect(cells[2]).toBe('Ja');
        expect(cells[4]).toBe(String(c.placesInUse));
        if (c.placesOffered === null) {
          expect(cells[3]).toMatch(/^—/);
          expect(cells[5]).toMatch(/^—/);
        } else {
          expect(cells[3]).toBe(String(c.placesOffered));
          expect(cells[5]).toContain(String(c.placesOffered - c.placesInUse).replace('-', '−'));
        }
      }
      await waitForCount(page.getByTestId('capacity-row'), items.length);
      const total = (
        await page.getByTestId('capacity-total').locator('th, td').allInnerTexts()
      ).map((t) => t.trim());
      expect(total[0]).toBe('Totalt');
      // Sector and ASF have empty cells in the totals row.
      expect(total.slice(3)).toEqual([
        String(items.reduce((n, c) => n + (c.placesOffered ?? 0), 0)),
        String(items.reduce((n, c) => n + c.placesInUse, 0)),
        String(items.reduce((n, c) => n + Math.max(0, (c.placesOffered ?? 0) - c.placesInUse), 0)),
      ]);
    }
    await check(today);
    expect((await rowOf(page, ENTERPRISE))[1]).toBe(SECTOR);
    await page.screenshot({ path: join(outputDir, 'capacity-lead-sv.png'), fullPage: true });
    await noSeriousFindings(page);

    // Another day, from the date field: the spring period's six places.
    await page.getByTestId('capacity-date').fill(SPRING_DAY);
    await page.getByTestId('capacity-date').press('Tab');
    await page.getByTestId('capacity-caption').getByText('16 mars 2026').waitFor();
    await page
      .getByTestId('capacity-row')
      .filter({ hasText: ENTERPRISE })
      .getByTestId('capacity-offered')
      .getByText(String(FIRST.places), { exact: true })
      .waitFor();
    await check(SPRING_DAY);
    await lead.api.dispose();
    await context.close();
  });

  it('at 360 px the table scrolls inside its own box, over capacity reads in words, and in English', async () => {
    const { context, page } = await newPage(browser, { width: 360, height: 780 });
    await loginAs(page, 'lead@demo.stegvis.se');
    await page.goto(`${baseUrl()}/capacity`);
    await page.getByTestId('capacity-table').waitFor();
    await page.getByTestId('capacity-row').first().waitFor();
    await fitsTheScreen(page);
    await page.screenshot({ path: join(outputDir, 'capacity-lead-360-sv.png'), fullPage: true });
    await noSeriousFindings(page);

    // An enterprise with more in use than offered (the answer made up here): a word, not a colour.
    await page.route(
      '**/api/enterprises/capacity*',
      (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({
            items: [
              {
                id: 'a',
                name: ENTERPRISE,
                isAsf: true,
                sector: SECTOR,
                placesOffered: 6,
                placesInUse: 8,
              },
              {
                id: 'b',
                name: OTHER,
                isAsf: true,
                sector: null,
                placesOffered: null,
                placesInUse: 1,
              },
            ],
            nextCursor: null,
          }),
        }),
      { times: 1 },
    );
    await page.getByTestId('capacity-date').fill(SPRING_DAY);
    await page.getByTestId('capacity-date').press('Tab');
    const over = page.locator('[data-testid="capacity-row"][data-over="true"]');
    await over.waitFor();
    // On a phone the word sits under the name; the free column keeps "−2".
    const overCells = await rowOf(page, ENTERPRISE);
    expect(overCells[0]).toContain('Överbelagt');
    expect(overCells[5]).toBe('−2');
    await page
      .getByTestId('capacity-over-count')
      .getByText('1 företag har fler platser i bruk än de erbjuder.')
      .waitFor();
    await fitsTheScreen(page);
    await page.screenshot({ path: join(outputDir, 'capacity-over-360-sv.png'), fullPage: true });
    await noSeriousFindings(page);

    // In English, today's real figures again.
    await useLanguage(page, 'en');
    await page.getByTestId('capacity-date').fill(localToday());
    await page.getByTestId('capacity-date').press('Tab');
    await page
      .locator('[data-testid="capacity-row"][data-over="true"]')
      .waitFor({ state: 'detached' });
    await page
      .getByTestId('page-title')
      .getByText('Work-training places: offered and in use')
      .waitFor();
    await page.getByRole('columnheader', { name: 'In use' }).waitFor();
    await page.getByTestId('capacity-total').getByText('Total').waitFor();
    await fitsTheScreen(page);
    await page.screenshot({ path: join(outputDir, 'capacity-lead-360-en.png'), fullPage: true });
    await noSeriousFindings(page);
    await useLanguage(page, 'sv');
    await context.close();
  });

  it('a coach finds Kapacitet in their navigation too', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'coach@demo.stegvis.se');
    await page.getByRole('link', { name: 'Kapacitet' }).click();
    await page.getByTestId('capacity-table').waitFor();
    await rowOf(page, ENTERPRISE);
    await context.close();
  });

  it("the enterprise's supervisor sees their enterprise's profile on their home page, at 360 px", async () => {
    const { context, page } = await newPage(browser, { width: 360, height: 780 });
    await loginAs(page, 'supervisor@demo.stegvis.se');
    const card = page.getByTestId('supervisor-enterprise');
    await card.waitFor();
    await card.getByText(ENTERPRISE).waitFor();
    await expect(card.getByTestId('supervisor-enterprise-sector').innerText()).resolves.toBe(
      SECTOR,
    );
    const offered = offeredOn(localToday());
    await expect(card.getByTestId('supervisor-enterprise-offered').innerText()).resolves.toBe(
      offered === null ? 'Inget erbjudande registrerat för i dag' : String(offered),
    );
    await expect(card.getByTestId('supervisor-enterprise-in-use').innerText()).resolves.toMatch(
      /^\d+$/,
    );
    // The agreements card is still there, and nothing here can be edited.
    await page.getByTestId('supervisor-agreements').waitFor();
    await expect(card.locator('input, button, select, textarea').count()).resolves.toBe(0);
    await fitsTheScreen(page);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(outputDir, 'supervisor-enterprise-card-360-sv.png') });
    await page.screenshot({
      path: join(outputDir, 'supervisor-enterprise-360-sv.png'),
      fullPage: true,
    });
    await noSeriousFindings(page);

    await useLanguage(page, 'en');
    await card.getByText('Your enterprise').waitFor();
    await page.screenshot({
      path: join(outputDir, 'supervisor-enterprise-360-en.png'),
      fullPage: true,
    });
    await useLanguage(page, 'sv');
    await context.close();
  });
});
