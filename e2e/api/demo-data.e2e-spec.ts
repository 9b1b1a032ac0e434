import type {
  DueFollowUp,
  LoginResponse,
  Page,
  Participant,
  Programme,
  Progression,
  SupervisedParticipant,
  TimelineEvent,
} from '@stegvis/contracts';
import ExcelJS from 'exceljs';
import { baseUrl } from '../support/browser';

async function login(email: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'stegvis-demo' }),
  });
  return ((await response.json()) as LoginResponse).accessToken;
}

async function get<T>(token: string, path: string): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return (await response.json()) as T;
}

/** The demo landscape of `npm start` exercises every kind of record (and the report reads it). */
describe('demo data on the started app', () => {
  let coach: string;
  let participants: Participant[];

  beforeAll(async () => {
    coach = await login('coach@demo.stegvis.se');
    // Every page: other journeys (the import) add hundreds of participants to the caseload.
    participants = [];
    let cursor: string | null = null;
    do {
      const next: Page<Participant> = await get<Page<Participant>>(
        coach,
        `/api/participants?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      participants.push(...next.items);
      cursor = next.nextCursor;
    } while (cursor);
  });

  it('gives the coach a caseload of about thirty, some without consent, some exited', async () => {
    const page = await get<Page<Participant>>(coach, '/api/participants?limit=200');
    expect(page.items.length).toBeGreaterThanOrEqual(20);
    const all = [...page.items, ...participants];
    expect(all.some((p) => p.reduced)).toBe(true);
    const exited = await get<Page<Participant>>(coach, '/api/participants?status=exited&limit=200');
    expect(exited.items.length).toBeGreaterThan(0);
    expect(exited.items.every((p) => p.exitReason !== null)).toBe(true);
  });

  it('has timelines with plans, sessions, placements, follow-ups and check-ins', async () => {
    const kinds = new Set<string>();
    for (const participant of participants.filter((p) => !p.reduced).slice(0, 8)) {
      const timeline = await get<Page<TimelineEvent>>(
        coach,
        `/api/participants/${participant.id}/timeline?limit=200`,
      );
      timeline.items.forEach((event) => kinds.add(event.kind));
    }
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        'check_in',
        'consent',
        'follow_up',
        'placement_start',
        'plan_revision',
        'registration',
        'session',
      ]),
    );
  });

  it('has overdue follow-ups for the coach and for a supervisor', async () => {
    const due = await get<{ items: DueFollowUp[] }>(coach, '/api/follow-ups/due');
    expect(due.items.some((d) => d.overdue)).toBe(true);
    const supervisor = await login('supervisor@demo.stegvis.se');
    const theirs = await get<{ items: DueFollowUp[] }>(supervisor, '/api/follow-ups/due');
    expect(theirs.items.length).toBeGreaterThan(0);
    const placed = await get<Page<SupervisedParticipant>>(supervisor, '/api/participants');
    expect(placed.items.length).toBeGreaterThan(0);
    expect(Object.keys(placed.items[0] ?? {}).sort()).toEqual(
      ['firstName', 'id', 'lastName', 'placementGoals', 'placements'].sort(),
    );
  });

  it('shows step progression for a participant with check-ins', async () => {
    let found: Progression | undefined;
    for (const participant of participants.filter((p) => !p.reduced)) {
      const progression = await get<Progression>(
        coach,
        `/api/participants/${participant.id}/progression`,
      );
      if (progression.indicators.some((i) => i.change !== null)) {
        found = progression;
        break;
      }
    }
    expect(found?.indicators.length).toBeGreaterThan(0);
  });

  it('answers the funder report in JSON, CSV and XLSX for the lead', async () => {
    const lead = await login('lead@demo.stegvis.se');
    const programmes = await get<Page<Programme>>(lead, '/api/programmes');
    const programme = programmes.items[0];
    if (!programme) throw new Error('the lead has no programme');
    // Reports cover a calendar half-year: the programme's first.
    const year = programme.periodStart.slice(0, 4);
    const period =
      programme.periodStart.slice(5, 7) <= '06'
        ? `from=${year}-01-01&to=${year}-06-30`
        : `from=${year}-07-01&to=${year}-12-31`;
    const report = await get<{ tables: { key: string; rows: unknown[][] }[] }>(
      lead,
      `/api/programmes/${programme.id}/report?${period}`,
    );
    const keys = report.tables.map((t) => t.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'participants_by_gender',
        'sessions_by_kind',
        'exit_reasons',
        'targets',
      ]),
    );
    const gender = report.tables.find((t) => t.key === 'participants_by_gender');
    expect(gender?.rows.at(-1)?.[0]).toBe('total');

    const csv = await fetch(
      `${baseUrl()}/api/programmes/${programme.id}/report?${period}&format=csv`,
      {
        headers: { authorization: `Bearer ${lead}` },
      },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // UTF-8 with a byte-order mark, so Excel reads å, ä and ö right.
    expect([...new Uint8Array(await csv.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const xlsx = await fetch(
      `${baseUrl()}/api/programmes/${programme.id}/report?${period}&format=xlsx`,
      {
        headers: { authorization: `Bearer ${lead}` },
      },
    );
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(5);
  });
});
