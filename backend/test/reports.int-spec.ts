import {
  type ProgrammeReport,
  REPORT_TABLE_KEYS,
  type ReportCell,
  type ReportTableKey,
} from '@stegvis/contracts';
import ExcelJS from 'exceljs';
import { csvTables, parseCsv } from './support/csv';
import { Factories } from './support/factories';
import {
  buildGoldenDataset,
  GOLDEN_FROM,
  GOLDEN_TO,
  type GoldenDataset,
} from './support/golden-report-dataset';
import { Client, startTestApp, type TestApp } from './support/test-app';

/** A start/exit/change triple of the before/after tables; Z = nobody at start or exit. */
type Triple = [ReportCell, ReportCell, ReportCell];
const Z: Triple = [0, 0, 0];
const startExit = (label: string, f: Triple, m: Triple, o: Triple, u: Triple, t: Triple) => [
  label,
  ...f,
  ...m,
  ...o,
  ...u,
  ...t,
];
const H = '<3';

/*
 * The golden report of the dataset in support/golden-report-dataset.ts (built through the API),
 * k = 3, period 2025-01-01 – 2025-06-30, worked out by hand.
 *
 * In the period: F1–F7 (F6, F7 reduced), M1–M3 + E1 (erased), O1 = 7 / 4 / 1 = 12.
 * Not reduced ("full", the base of the background tables): F1–F5, M1–M3, E1, O1 = 5 / 4 / 1 = 10.
 * Exited in the period: F1 work, F2 studies, F4 dropped out, M1 work, E1 other programme.
 *
 * Suppression (libs/domain suppressSmallCells): a count 1–2 is hidden ("primary"); then more cells
 * are hidden ("secondary") until no hidden value follows from the shown ones and the totals, each
 * time hiding the cheapest shown cells (least total value) that close a cycle of hidden cells.
 * A hidden cell of 1 can only be 2 in another solution, so a line of nothing but 1s pins them down
 * unless its total hides too.
 */
const EXPECTED: Record<ReportTableKey, ReportCell[][]> = {
  // One row 7 | 4 | 1 | 0 = 12. Primary: other 1. Secondary: male 4 (cheapest cell beside it:
  // 4 < 7 < 12); with both hidden, male + other = 5 has more than one answer.
  participants_by_gender: [
    ['female', 6, 7],
    ['male', 4, H],
    ['other', null, H],
    ['undisclosed', null, 0],
    ['total', 10, 12],
  ],
  participation_flow: [
    ['in_period', 7, H, H, 0, 12], // the same published cells as above
    // Started in the period: F1, F2, F4, F5, F6 + F7 (reduced: 1 January 2025) = 6; M1–M3 = 3
    // (E1 counts from 1 January 2024 after erasure); O1 = 1. Other 1 → male 3 hides (3 < 6).
    ['started', 6, H, H, 0, 10],
    // F1, F2, F4 = 3; M1, E1 = 2. Male 2 → female 3 hides (3 < total 5).
    ['exited', H, H, 0, 0, 5],
    // F3, F5, F6, F7 = 4; M2, M3 = 2; O1 = 1: the two primaries protect each other (2 + 1 = 3
    // could be 1 + 2), no secondary.
    ['active_at_end', 4, H, H, 0, 7],
  ],
  // Individual: F1 ×2, F7, F3 at 23:30 on 30 June and 00:30 on 1 January (Stockholm) = 5; the one
  // on 1 July is after the period; the follow-up visit had only a no-show → 0. Activities: shown.
  sessions_by_kind: [
    ['individual_coaching', 5],
    ['life_coaching', 1],
    ['business_advice', 1],
    ['group_workshop', 1],
    ['follow_up_visit', 0],
    ['total', 8],
  ],
  // F1, F2, F3, F7 (reduced later, her attendance stays) = 4; M1, M2 = 2 (M2's no-show in the
  // workshop does not count, his business advice does); O1 = 1; F5 only cancelled. The 2 and the 1
  // protect each other; the total 7 stays.
  people_reached_by_gender: [
    ['female', 4],
    ['male', H],
    ['other', H],
    ['undisclosed', 0],
    ['total', 7],
  ],
  // Attendances: F1 3 + F2 1 + F3 2 + F7 1 = 7; M1 1 + M2 1 = 2; O1 1 → 10. Hidden where the
  // people reached are hidden.
  sessions_by_gender: [
    ['female', 7],
    ['male', H],
    ['other', H],
    ['undisclosed', 0],
    ['total', 10],
  ],
  // 7 / 4 = 1.75 → 1.8; 10 / 7 = 1.43 → 1.4; nobody undisclosed → no mean.
  mean_sessions_by_gender: [
    ['female', 1.8],
    ['male', null],
    ['other', null],
    ['undisclosed', null],
    ['total', 1.4],
  ],
  // Under way in the period: P1 (F1, A), P4 (M2, B) work training; P2 (F2, B) internship; P3 (M1,
  // A) subsidised. F3's ended in 2024; O1's is planned for 2099. 2 / 1 / 1: all primary, they
  // protect each other (1–2 each summing to 4 has three answers). Enterprises are shown.
  placements_by_kind: [
    ['work_training', H, 2],
    ['internship', H, 1],
    ['subsidised_employment', H, 1],
    ['employment', 0, 0],
    ['total', 4, 2],
  ],
  // Weekly for 4 weeks, then every 30 days, from the last follow-up (or missed due date):
  // P1 3 Mar–30 May: due 10, 17, 24, 31 Mar, 30 Apr, 30 May = 6, none done.
  // P4 from 2 Jun: 9 Jun done, 16, 23, 30 Jun missed = 4 due, 1 done.
  // P2 from 3 Feb: 10, 17, 24 Feb, 3 Mar, 2 Apr, 2 May, 1 Jun = 7 of 7 (15 Jul is after the period).
  // P3 from 1 Feb: 8, 15, 22 Feb, 1 Mar, then due 31 Mar done late on 2 Apr (before 30 Apr) = 5 of 5.
  follow_ups: [
    ['work_training', 10, 1, 9],
    ['internship', 7, 7, 0],
    ['subsidised_employment', 5, 5, 0],
    ['employment', 0, 0, 0],
    ['total', 22, 13, 9],
  ],
  // Cells: work F1 M1, studies F2, other programme E1, dropped out F4 — all 1s, row totals 2/1/1/1
  // and the male total 2 primary. 1s can only grow, so every cycle runs through the grand total:
  // the female total (3) and the grand total (5) hide as secondaries.
  exit_reasons: [
    ['work', H, H, 0, 0, H],
    ['studies', H, 0, 0, 0, H],
    ['other_programme', 0, H, 0, 0, H],
    ['job_seeking', 0, 0, 0, 0, 0],
    ['sick_leave', 0, 0, 0, 0, 0],
    ['moved', 0, 0, 0, 0, 0],
    ['dropped_out', H, 0, 0, 0, H],
    ['registered_in_error', 0, 0, 0, 0, 0],
    ['other', 0, 0, 0, 0, 0],
    ['total', H, H, 0, 0, H],
  ],
  // Women 2 (F1, F2) + 1 other = 3; men 1 (M1) + 1 (E1) = 2. Every cell and the female total 3
  // hide; the grand total 5 stays; every share rests on a hidden count → null.
  work_or_studies_at_exit: [
    ['female', H, H, H, null],
    ['male', H, H, H, null],
    ['other', 0, 0, 0, null],
    ['undisclosed', 0, 0, 0, null],
    ['total', H, H, 5, null],
  ],
  // Before/after: F1, F2, F4, M1 and E1 (erased, snapshots kept); F7's went with her consent.
  // Start and exit are suppressed apart, row by row (no column totals: several sources a person).
  // change = exit − start, only where both are shown.
  income_sources_start_exit: [
    // M1 1 | 1: the cell and its row total hide each other.
    startExit('sickness_benefit', Z, [H, 0, null], Z, Z, [H, 0, null]),
    startExit('activity_compensation', Z, Z, Z, Z, Z),
    startExit('sickness_compensation', Z, Z, Z, Z, Z),
    // E1 1 | 1 at start and at exit.
    startExit('unemployment_insurance', Z, [H, H, null], Z, Z, [H, H, null]),
    startExit('activity_support', Z, Z, Z, Z, Z),
    startExit('establishment_allowance', Z, Z, Z, Z, Z),
    // Start F1 F2 F4 | M1 = 3 | 1 = 4: male 1 → female 3 hides (3 < 4); the 4 stays.
    // Exit: nobody (F4 left with none/unknown) → 0, a change of −4.
    startExit('social_assistance', [H, 0, null], [H, 0, null], Z, Z, [4, 0, -4]),
    // Exit F1 F2 | M1 = 2 | 1 = 3: the two protect each other, the 3 stays → +3.
    startExit('salary', [0, H, null], [0, H, null], Z, Z, [0, 3, 3]),
    startExit('student_finance', [0, H, null], Z, Z, Z, [0, H, null]),
    startExit('none_or_unknown', [0, H, null], Z, Z, Z, [0, H, null]),
  ],
  // Same five people, with column totals. Start: job seeking F1 F2 F4 | E1 = 3 | 1, other M1.
  // Male job seeking 1 → cheapest cycle through female job seeking 3 and the female total 3 (6 <
  // 9 via the grand total); then male "other" 1 → via the job-seeking row total 4 (4 < grand 5).
  // Exit: employment F1 | M1, studies F2, job seeking F4 | E1: all 1s → the female total and the
  // grand total hide, as in exit_reasons.
  occupation_start_exit: [
    startExit('employment', [0, H, null], [0, H, null], Z, Z, [0, H, null]),
    startExit('subsidised_employment', Z, Z, Z, Z, Z),
    startExit('studies', [0, H, null], Z, Z, Z, [0, H, null]),
    startExit('work_training', Z, Z, Z, Z, Z),
    startExit('job_seeking', [H, H, null], [H, H, null], Z, Z, [H, H, null]),
    startExit('other', Z, [H, 0, null], Z, Z, [H, 0, null]),
    startExit('unknown', Z, Z, Z, Z, Z),
    startExit('total', [H, H, null], [H, H, null], Z, Z, [5, H, null]),
  ],
  // Full records: F1 25, F2 35, F3 39 (started 2024), F4 30, F5 26, M1 45, M2 22, M3 55, O1 33,
  // E1 unknown (birth year erased). 30–39 = F2 F3 F4 | O1 = 3 | 1 = 4: other 1 → female 3 hides.
  // Column totals 5 | 4 | 1: the male 4 and female 5 hide to protect the other 1s; 10 stays.
  age_bands: [
    ['16-24', 0, H, 0, 0, H],
    ['25-29', H, 0, 0, 0, H],
    ['30-39', H, 0, H, 0, 4],
    ['40-49', 0, H, 0, 0, H],
    ['50-59', 0, H, 0, 0, H],
    ['60+', 0, 0, 0, 0, 0],
    ['unknown', 0, H, 0, 0, H],
    ['total', H, H, H, 0, 10],
  ],
  // primary F2 | M1 M3 = 1 | 2 = 3; upper secondary incomplete M2; upper secondary F1 F3 F5 | O1
  // = 3 | 1 = 4; university F4; unknown E1 (erased). Here the female total 5 can stay.
  education: [
    ['none_or_primary_incomplete', 0, 0, 0, 0, 0],
    ['primary', H, H, 0, 0, H],
    ['upper_secondary_incomplete', 0, H, 0, 0, H],
    ['upper_secondary', H, 0, H, 0, 4],
    ['post_secondary_short', 0, 0, 0, 0, 0],
    ['university', H, 0, 0, 0, H],
    ['unknown', 0, H, 0, 0, H],
    ['total', 5, H, H, 0, 10],
  ],
  // lt_1 F4 | M2; 1_2 F2 F5 | E1 | O1 = 2 | 1 | 1 = 4; 2_5 F1; gt_5 F3 | M1; unknown M3 (no
  // start snapshot). Every cell 1–2: all hidden, and the column totals with them.
  time_in_support: [
    ['lt_1', H, H, 0, 0, H],
    ['1_2', H, H, H, 0, H],
    ['2_5', H, 0, 0, 0, H],
    ['gt_5', H, H, 0, 0, H],
    ['unknown', 0, H, 0, 0, H],
    ['total', H, H, H, 0, 10],
  ],
  // Latest minus first per rater and indicator (up to 30 June; F7 is reduced and left out):
  // motivation: F1 +1 (coach +2, self 0), F2 −1, M1 +1, F5 0 → 4 people, 1/4 = 0.25 → 0.3.
  // work_skills: F1 0, F2 0, F3 +2 (the August check-in is after the period), O1 0 → 2/4 = 0.5.
  // Overall per person: F1 (2+0+0)/3, F2 −0.5, M1 1, F3 2, F5 0, O1 0 → 3.17 / 6 = 0.5.
  // Moved forward: F1, M1 (also up the ladder), F3 = 3; not: F2, F5, O1 = 3 → 50 %.
  step_progression: [
    ['motivation', 4, 0.3, null],
    ['work_skills', 4, 0.5, null],
    ['overall', 6, 0.5, null],
    ['moved_forward', 3, null, 50],
  ],
  // Women 7 ≥ 6 (met); men hidden → met unknown; 12 ≥ 10; placed F1 F2 M1 M2 = 4 ≥ 4 (met);
  // 10 attendances / 12 participants = 0.8 < 2: the missed target; women 7/12 = 58.3 % in 40–60.
  targets: [
    ['participants_female', 6, 7, true],
    ['participants_male', 4, H, null],
    ['participants_total', 10, 12, true],
    ['participants_placed', 4, 4, true],
    ['sessions_per_participant', 2, 0.8, false],
    ['gender_split_female_percent', '40–60', 58.3, true],
  ],
};

/** Hidden values in the whole report, counted on the hand-worked tables. */
const HIDDEN = Object.values(EXPECTED)
  .flat(2)
  .filter((cell) => cell === H).length;

describe('GET /api/programmes/:id/report — the golden report, built through the API', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  let golden: GoldenDataset;
  let report: ProgrammeReport;
  const path = () =>
    `/api/programmes/${golden.programmeId}/report?from=${GOLDEN_FROM}&to=${GOLDEN_TO}`;
  const download = async (query: string) => {
    const reply = await fetch(`${t.baseUrl}${path()}${query}`, {
      headers: { authorization: `Bearer ${golden.lead.token}`, 'x-forwarded-for': client.ip },
    });
    expect(reply.status).toBe(200);
    return reply;
  };

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
    golden = await buildGoldenDataset(client, factories);
    const reply = await client.request<ProgrammeReport>('GET', path(), {
      token: golden.lead.token,
    });
    expect(reply.status).toBe(200);
    report = reply.body;
  }, 120_000);
  afterAll(async () => t.close());

  it('answers for the period and k, with every table in the stable order', () => {
    expect(report).toMatchObject({
      programmeId: golden.programmeId,
      from: GOLDEN_FROM,
      to: GOLDEN_TO,
      threshold: 3,
    });
    expect(report.tables.map((x) => x.key)).toEqual([...REPORT_TABLE_KEYS]);
    expect(Object.keys(EXPECTED)).toEqual([...REPORT_TABLE_KEYS]);
  });

  it.each(Object.keys(EXPECTED) as ReportTableKey[])('matches the hand-worked table %s', (key) => {
    const table = report.tables.find((x) => x.key === key);
    expect({ key, rows: table?.rows }).toEqual({ key, rows: EXPECTED[key] });
  });

  it('downloads the same cells as Swedish CSV (BOM, semicolon, decimal comma)', async () => {
    const reply = await download('&format=csv&delimiter=semicolon');
    expect(reply.headers.get('content-type')).toContain('text/csv');
    expect(reply.headers.get('content-disposition')).toBe(
      `attachment; filename="stegvis-rapport-${GOLDEN_FROM}-${GOLDEN_TO}.csv"`,
    );
    const bytes = Buffer.from(await reply.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const tables = csvTables(parseCsv(bytes.toString('utf8'), ';'));
    expect(tables.size).toBe(REPORT_TABLE_KEYS.length);
    expect(tables.get('Deltagare planerat och utfall, per kön')).toEqual([
      ['Kön', 'Planerat', 'Utfall'],
      ['Kvinna', '6', '7'],
      ['Man', '4', '<3'],
      ['Annat', '', '<3'],
      ['Vill ej uppge', '', '0'],
      ['Totalt', '10', '12'],
    ]);
    const means = tables.get('Genomsnittligt antal tillfällen per person, per kön');
    expect(means?.[1]).toEqual(['Kvinna', '1,8']);
    expect(means?.at(-1)).toEqual(['Totalt', '1,4']);
    const income =
      tables.get(
        'Försörjning vid start och avslut, per kön (deltagare som avslutats under perioden)',
      ) ?? [];
    expect(income[0].slice(-3)).toEqual(['Totalt, start', 'Totalt, avslut', 'Totalt, förändring']);
    expect(income.find((row) => row[0] === 'Försörjningsstöd')?.slice(-3)).toEqual([
      '4',
      '0',
      '-4',
    ]);
    expect(income.find((row) => row[0] === 'Lön/egen försörjning')?.slice(1, 4)).toEqual([
      '0',
      '<3',
      '',
    ]);
    expect(tables.get('Målsättningar mot utfall')?.slice(5)).toEqual([
      ['Tillfällen per deltagare', '2', '0,8', 'nej'],
      ['Andel kvinnor (%)', '40–60', '58,3', 'ja'],
    ]);
  });

  it('downloads English CSV with commas and decimal points', async () => {
    const reply = await download('&format=csv&lang=en');
    const tables = csvTables(parseCsv(await reply.text(), ','));
    expect(
      tables.get('Step progression: mean change per indicator and share who moved forward'),
    ).toEqual([
      ['Measure', 'Participants', 'Mean change', 'Share (%)'],
      ['Motivation and drive', '4', '0.3', ''],
      ['Work skills and experience', '4', '0.5', ''],
      ['All indicators', '6', '0.5', ''],
      ['Moved forward', '3', '', '50'],
    ]);
    expect(tables.get('Exit reasons, by gender')?.at(-1)).toEqual([
      'Total',
      '<3',
      '<3',
      '0',
      '0',
      '<3',
    ]);
  });

  it('downloads XLSX: a sheet per table, the hand-worked cells, and the hidden-value count', async () => {
    const reply = await download('&format=xlsx');
    expect(reply.headers.get('content-disposition')).toContain('.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await reply.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Om rapporten',
      ...REPORT_TABLE_KEYS,
    ]);
    const about = workbook.getWorksheet('Om rapporten');
    expect(about?.getRow(1).values).toEqual([undefined, 'Insats', golden.programmeName]);
    expect(about?.getRow(2).values).toEqual([undefined, 'Period', '2025-01-01 – 2025-06-30']);
    expect(about?.getRow(3).getCell(2).value).toBe(3);
    expect(about?.getRow(4).values).toEqual([undefined, 'Dolda värden', HIDDEN]);

    const cells = (key: string, row: number) => {
      const sheet = workbook.getWorksheet(key);
      const width = EXPECTED[key as ReportTableKey][0].length;
      // Row 1 the title, row 2 the headings: data row n (from 1) is sheet row n + 2.
      return Array.from({ length: width }, (_, c) => sheet?.getRow(row + 2).getCell(c + 1).value);
    };
    expect(cells('participants_by_gender', 2)).toEqual(['Man', 4, '<3']);
    expect(cells('participants_by_gender', 3)).toEqual(['Annat', null, '<3']);
    expect(cells('participation_flow', 4)).toEqual([
      'Aktiva vid periodens slut',
      4,
      '<3',
      '<3',
      0,
      7,
    ]);
    expect(cells('follow_ups', 5)).toEqual(['Totalt', 22, 13, 9]);
    expect(cells('step_progression', 4)).toEqual(['Gått framåt', 3, null, 50]);
    expect(cells('targets', 5)).toEqual(['Tillfällen per deltagare', 2, 0.8, 'nej']);
    expect(cells('occupation_start_exit', 8).slice(-3)).toEqual([5, '<3', null]);
  });

  it('gives a coach of another programme 404 and audits each report with its parameters', async () => {
    const other = await factories.loggedIn(client, 'coach', {
      programmeIds: [(await factories.programme()).id],
    });
    expect((await client.request('GET', path(), { token: other.token })).status).toBe(404);
    const own = await client.request<ProgrammeReport>('GET', path(), {
      token: golden.coach.token,
    });
    expect(own.status).toBe(200);
    // A coach of the programme gets the same anonymised tables as the lead.
    expect(own.body.tables).toEqual(report.tables);
    const csv = await client.request('GET', `${path()}&format=csv`, { token: golden.coach.token });
    expect(csv.status).toBe(200);
    const rows: { action: string; entity: string; detail: Record<string, unknown> }[] =
      await t.dataSource.query(
        `SELECT action, entity, detail FROM audit_log
          WHERE user_id = $1 AND entity = 'report' ORDER BY id`,
        [golden.coach.id],
      );
    expect(
      rows.map((row) => [row.action, row.entity, row.detail['from'], row.detail['format']]),
    ).toEqual([
      ['read', 'report', GOLDEN_FROM, 'json'],
      ['export', 'report', GOLDEN_FROM, 'csv'],
    ]);
  });

  it('answers 400 with field messages for a bad period or format', async () => {
    const get = (query: string) =>
      client.request<{ fields?: Record<string, string[]> }>(
        'GET',
        `/api/programmes/${golden.programmeId}/report?${query}`,
        { token: golden.lead.token },
      );
    const missing = await get('from=2025-01-01');
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.fields ?? {})).toEqual(['to']);
    const backwards = await get('from=2025-06-30&to=2025-01-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.fields).toHaveProperty('to');
    expect((await get('from=2025-02-30&to=2025-06-30')).status).toBe(400);
    expect((await get('from=2025-01-01&to=2025-06-30&format=pdf')).status).toBe(400);
    expect((await get('from=2025-01-01&to=2025-06-30&extra=1')).status).toBe(400);
  });
});
