import { join } from 'node:path';
import type { Page as ApiPage, Programme, ProgrammeReport } from '@stegvis/contracts';
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

/*
 * Issue 14's journey in one run: a coach creates a group series, enrols four, takes attendance
 * on a 360 px phone, records a meeting place and an agreement; the lead finds all three in the
 * report of the half-year under way — each figure one more than before the coach began.
 */

/** A day as YYYY-MM-DD in Swedish time, `offset` days from today. */
function swedishDay(offset = 0): string {
  const d = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);
}

const TODAY = swedishDay(0);
const HALF = `${TODAY.slice(0, 4)}-${Number(TODAY.slice(5, 7)) <= 6 ? 'H1' : 'H2'}`;
const [FROM, TO] = HALF.endsWith('H1')
  ? [`${TODAY.slice(0, 4)}-01-01`, `${TODAY.slice(0, 4)}-06-30`]
  : [`${TODAY.slice(0, 4)}-07-01`, `${TODAY.slice(0, 4)}-12-31`];
const SERIES = `Framtidsverkstad resa ${Date.now().toString(36)}`;
const MEETING = `Mötesplats resa ${Date.now().toString(36)}`;
const MUNICIPALITY = 'Eslövs kommun';

/** A count in a report table: row `label`, column `column`. */
function cell(report: ProgrammeReport, key: string, label: string, column: string): number {
  const table = report.tables.find((t) => t.key === key);
  const c = table?.columns.indexOf(column) ?? -1;
  const value = table?.rows.find((r) => r[0] === label)?.[c];
  if (typeof value !== 'number') throw new Error(`${key} ${label} ${column}: ${String(value)}`);
  return value;
}

/** The text of a cell of a report table on the page: the row whose first cell is `rowLabel`. */
async function pageCell(page: Page, key: string, rowLabel: string, column: number) {
  const row = page
    .getByTestId(`table-${key}`)
    .locator('tbody tr')
    .filter({ has: page.locator('th, td').first().filter({ hasText: rowLabel }) })
    .first();
  return ((await row.locator('th, td').nth(column).textContent()) ?? '').trim();
}

describe('issue 14 journey: group series and the enterprise side reach the funder report', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser.close());

  it('a coach records a series with attendance, a meeting place and an agreement; the lead finds them', async () => {
    // The lead's report of the half-year under way, before.
    const lead = await newPage(browser);
    await loginAs(lead.page, 'lead@demo.stegvis.se');
    await useLanguage(lead.page, 'sv');
    const reportOf = async () => {
      const listed = (await (await lead.page.request.get(`${baseUrl()}/api/programmes`)).json()) as
        Programme[] | ApiPage<Programme>;
      const programmes = Array.isArray(listed) ? listed : listed.items;
      const programme = programmes.find((p) => p.name.startsWith('Steg mot arbete'))!;
      const reply = await lead.page.request.get(
        `${baseUrl()}/api/programmes/${programme.id}/report?from=${FROM}&to=${TO}`,
      );
      expect(reply.status()).toBe(200);
      return (await reply.json()) as ProgrammeReport;
    };
    const before = await reportOf();

    // The coach: a framtidsverkstad of 8 × 3 hours from today, four enrolled.
    const coach = await newPage(browser);
    const page = coach.page;
    await loginAs(page, 'coach@demo.stegvis.se');
    await useLanguage(page, 'sv');
    await page.getByRole('link', { name: 'Gruppserier' }).click();
    await page.getByTestId('series-new').click();
    await page.getByTestId('series-name').fill(SERIES);
    await page.getByTestId('series-kind').selectOption('future_workshop');
    await page.getByTestId('series-meetings').fill('8');
    await page.getByTestId('series-hours').fill('3');
    await page.getByTestId('series-start').fill(TODAY);
    await page.getByTestId('series-end').fill(swedishDay(70));
    await page.getByTestId('series-save').click();
    const mine = page.getByTestId('series-item').filter({ hasText: SERIES });
    await mine.getByTestId('series-open').click();
    await page.getByTestId('page-title').filter({ hasText: SERIES }).waitFor();
    await page.getByTestId('enrol-open').click();
    const people = page.getByTestId('session-pick-person');
    await people.nth(3).waitFor();
    for (let i = 0; i < 4; i++) await people.nth(i).locator('input').check();
    await page.getByTestId('enrol-submit').filter({ hasText: 'Skriv in 4 deltagare' }).click();
    await waitForCount(page.getByTestId('enrolment'), 4);

    // Attendance on a phone: two came, two did not.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByTestId('meeting-new').click();
    await page.getByTestId('meeting-date').fill(TODAY);
    const roll = page.getByTestId('meeting-person');
    await waitForCount(roll, 4);
    await roll.nth(0).getByTestId('mark-attended').click();
    await roll.nth(1).getByTestId('mark-attended').click();
    await roll.nth(2).getByTestId('mark-no_show').click();
    await roll.nth(3).getByTestId('mark-no_show').click();
    await page.getByTestId('meeting-save').click();
    await page.getByTestId('series-held').filter({ hasText: '1 av 8' }).waitFor();
    await page.getByTestId('series-rate').filter({ hasText: '50 %' }).waitFor();
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: join(outputDir, 'journey-series-360-sv.png'),
      fullPage: true,
    });
    await page.setViewportSize({ width: 1280, height: 800 });

    // A meeting place today: 28 from the public sector, 12 social entrepreneurs.
    await page.goto(`${baseUrl()}/social-enterprises/events`);
    await page.getByTestId('event-new').click();
    await page.getByTestId('event-date').fill(TODAY);
    await page.getByTestId('event-title').fill(MEETING);
    await page.getByTestId('event-kind').selectOption('meeting_place');
    await page.getByTestId('event-sector-public_sector').fill('28');
    await page.getByTestId('event-sector-social_entrepreneurs').fill('12');
    await page.getByTestId('event-save').click();
    await page.getByTestId('event-item').filter({ hasText: MEETING }).waitFor();

    // An IOP concluded today with Café Gemenskap, 2 work-training places.
    await page.getByTestId('es-tab-agreements').click();
    await page.getByTestId('agreement-new').click();
    await page
      .getByTestId('agreement-enterprise')
      .locator('option', { hasText: 'Café Gemenskap (demo)' })
      .waitFor({ state: 'attached' });
    await page.getByTestId('agreement-enterprise').selectOption({ label: 'Café Gemenskap (demo)' });
    await page.getByTestId('agreement-kind').selectOption('iop');
    await page.getByTestId('agreement-counterparty').fill(MUNICIPALITY);
    await page.getByTestId('agreement-start').fill(TODAY);
    await page.getByTestId('agreement-places').fill('2');
    await page.getByTestId('agreement-save').click();
    await page.getByTestId('agreement-item').filter({ hasText: MUNICIPALITY }).waitFor();
    await coach.context.close();

    // The lead: the report of the half-year under way, on the report page.
    const after = await reportOf();
    expect(cell(after, 'group_series', 'future_workshop', 'series')).toBe(
      cell(before, 'group_series', 'future_workshop', 'series') + 1,
    );
    expect(cell(after, 'group_series', 'future_workshop', 'meetings')).toBe(
      cell(before, 'group_series', 'future_workshop', 'meetings') + 1,
    );
    expect(cell(after, 'enterprise_events', 'meeting_place', 'events')).toBe(
      cell(before, 'enterprise_events', 'meeting_place', 'events') + 1,
    );
    expect(cell(after, 'enterprise_events', 'meeting_place', 'attendees_public_sector')).toBe(
      cell(before, 'enterprise_events', 'meeting_place', 'attendees_public_sector') + 28,
    );
    expect(cell(after, 'agreements', 'iop', 'concluded')).toBe(
      cell(before, 'agreements', 'iop', 'concluded') + 1,
    );

    const l = lead.page;
    await l.goto(`${baseUrl()}/lead`);
    await l.waitForFunction(
      () => document.querySelectorAll('[data-testid="period-select"] option').length > 1,
    );
    await l.getByTestId('period-select').selectOption(HALF);
    await l.getByTestId('open-report').click();
    await l.getByTestId('table-targets').waitFor();
    await l.getByTestId('report-section-enterprises').waitFor();
    expect(await pageCell(l, 'group_series', 'Framtidsverkstad', 1)).toBe(
      String(cell(after, 'group_series', 'future_workshop', 'series')),
    );
    expect(await pageCell(l, 'enterprise_events', 'Mötesplats', 1)).toBe(
      String(cell(after, 'enterprise_events', 'meeting_place', 'events')),
    );
    expect(await pageCell(l, 'agreements', 'IOP (idéburet offentligt partnerskap)', 1)).toBe(
      String(cell(after, 'agreements', 'iop', 'concluded')),
    );
    expect(await seriousA11yViolations(l)).toEqual([]);
    await l.getByTestId('report-section-enterprises').scrollIntoViewIfNeeded();
    await l.getByTestId('report-section-enterprises').screenshot({
      path: join(outputDir, 'journey-lead-report-enterprises-sv.png'),
    });
    await l.getByTestId('table-group_series').screenshot({
      path: join(outputDir, 'journey-lead-report-series-sv.png'),
    });
    await lead.context.close();
  }, 180_000);
});
