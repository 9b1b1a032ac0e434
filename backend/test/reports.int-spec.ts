import {
  type ProgrammeReport,
  REPORT_TABLE_KEYS,
  type ReportCell,
  type Snapshot,
} from '@stegvis/contracts';
import ExcelJS from 'exceljs';
import { Factories } from './support/factories';
import { ReportFactories } from './support/reports-factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

const snap = (
  incomeSources: Snapshot['incomeSources'],
  timeInSupport: Snapshot['timeInSupport'],
  occupation: Snapshot['occupation'],
): Snapshot => ({ incomeSources, timeInSupport, occupation, occupationPercent: null });

describe('GET /api/programmes/:id/report', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  let rf: ReportFactories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
    rf = new ReportFactories(factories);
  });
  afterAll(async () => t.close());

  /**
   * The golden dataset (written with the factories), k = 3, period 2025-01-01 – 2025-06-30.
   * In the period: F1–F5, F6 (reduced), M1–M3, E1 (erased, male), O1 (other); out: X1, X2.
   */
  async function golden() {
    const programme = await factories.programme({
      periodStart: '2024-09-01',
      periodEnd: '2026-12-31',
      suppressionThreshold: 3,
      targets: {
        plannedParticipants: { female: 6, male: 4 },
        placements: 4,
        sessionsPerParticipant: 2,
        genderSplit: { minPercent: 40, maxPercent: 60 },
      },
    });
    const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
    const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    const [a, b] = [await factories.enterprise(), await factories.enterprise()];
    const p = (over: Parameters<Factories['participant']>[1]) =>
      factories.participant(programme.id, over);
    const F1 = await p({
      gender: 'female',
      birthYear: 2000,
      enrolledAt: '2025-02-01',
      startYear: 2025,
      education: 'upper_secondary',
      startSnapshot: snap(['social_assistance'], '2_5', 'job_seeking'),
      exitSnapshot: snap(['salary'], '2_5', 'employment'),
      exitedAt: '2025-05-31',
      exitReason: 'work',
      status: 'exited',
    });
    const F2 = await p({
      gender: 'female',
      birthYear: 1990,
      enrolledAt: '2025-01-15',
      startYear: 2025,
      education: 'primary',
      startSnapshot: snap(['social_assistance'], '1_2', 'job_seeking'),
      exitSnapshot: snap(['student_finance'], '1_2', 'studies'),
      exitedAt: '2025-06-15',
      exitReason: 'studies',
      status: 'exited',
    });
    const F3 = await p({
      gender: 'female',
      birthYear: 1985,
      enrolledAt: '2024-09-01',
      startYear: 2024,
      education: 'upper_secondary',
      startSnapshot: snap(['sickness_benefit'], 'gt_5', 'other'),
    });
    await p({
      gender: 'female',
      birthYear: 1995,
      enrolledAt: '2025-03-01',
      startYear: 2025,
      education: 'university',
      startSnapshot: snap(['social_assistance'], 'lt_1', 'job_seeking'),
      exitSnapshot: snap(['social_assistance'], 'lt_1', 'job_seeking'),
      exitedAt: '2025-06-20',
      exitReason: 'dropped_out',
      status: 'exited',
    });
    await p({
      gender: 'female',
      birthYear: 1999,
      enrolledAt: '2025-04-01',
      startYear: 2025,
      education: 'upper_secondary',
      startSnapshot: snap(['activity_support'], '1_2', 'work_training'),
    });
    await rf.reduced(programme.id, 'female', 2025); // F6
    const M1 = await p({
      gender: 'male',
      birthYear: 1980,
      enrolledAt: '2025-01-10',
      startYear: 2025,
      education: 'primary',
      startSnapshot: snap(['sickness_benefit', 'social_assistance'], 'gt_5', 'other'),
      exitSnapshot: snap(['salary'], 'gt_5', 'employment'),
      exitedAt: '2025-04-30',
      exitReason: 'work',
      status: 'exited',
    });
    const M2 = await p({
      gender: 'male',
      birthYear: 2003,
      enrolledAt: '2025-02-15',
      startYear: 2025,
      education: 'upper_secondary_incomplete',
      startSnapshot: snap(['activity_support'], 'lt_1', 'job_seeking'),
    });
    await p({
      gender: 'male',
      birthYear: 1970,
      enrolledAt: '2025-05-01',
      startYear: 2025,
      education: 'primary',
    });
    // Erased: identifying data and dates gone, statistics (gender, start year, exit, snapshots) kept.
    await p({
      gender: 'male',
      startYear: 2024,
      firstName: null,
      lastName: null,
      birthYear: null,
      municipality: null,
      education: null,
      enrolledAt: null,
      startSnapshot: snap(['unemployment_insurance'], '1_2', 'job_seeking'),
      exitSnapshot: snap(['unemployment_insurance'], '1_2', 'job_seeking'),
      exitedAt: '2025-03-31',
      exitReason: 'other_programme',
      status: 'exited',
      erasedAt: new Date(),
    });
    const O1 = await p({
      gender: 'other',
      birthYear: 1992,
      enrolledAt: '2025-03-10',
      startYear: 2025,
      education: 'upper_secondary',
      startSnapshot: snap(['social_assistance'], '1_2', 'job_seeking'),
    });
    // Outside the period: exited before it, enrolled after it.
    await p({
      gender: 'female',
      enrolledAt: '2024-03-01',
      startYear: 2024,
      exitedAt: '2024-12-15',
      exitReason: 'work',
      status: 'exited',
    });
    await p({ gender: 'male', enrolledAt: '2025-07-05', startYear: 2025 });

    const session = (
      at: string,
      kind:
        | 'individual_coaching'
        | 'life_coaching'
        | 'business_advice'
        | 'group_workshop'
        | 'follow_up_visit',
      ids: string[],
    ) => factories.session(programme.id, coach.user.id, ids, { at: new Date(at), kind });
    await session('2025-02-10T09:00:00Z', 'individual_coaching', [F1.id]);
    await session('2025-03-10T09:00:00Z', 'individual_coaching', [F1.id]);
    const workshop = await session('2025-03-15T09:00:00Z', 'group_workshop', [F1.id, F2.id, M1.id]);
    await t.dataSource.query(
      `INSERT INTO session_attendances (session_id, participant_id, attendance) VALUES ($1, $2, 'no_show')`,
      [workshop.id, M2.id],
    );
    await session('2025-04-01T09:00:00Z', 'business_advice', [M2.id]);
    await session('2025-05-05T09:00:00Z', 'life_coaching', [O1.id]);
    // 23:30 and 00:30 in Stockholm: both on days of the period.
    await session('2025-06-30T21:30:00Z', 'individual_coaching', [F3.id]);
    await session('2024-12-31T23:30:00Z', 'individual_coaching', [F3.id]);
    // After the period; and a visit nobody attended.
    await session('2025-07-01T08:00:00Z', 'individual_coaching', [F3.id]);
    const visit = await session('2025-05-10T09:00:00Z', 'follow_up_visit', [M1.id]);
    await t.dataSource.query(
      `UPDATE session_attendances SET attendance = 'no_show' WHERE session_id = $1`,
      [visit.id],
    );

    const place = (
      participantId: string,
      enterpriseId: string,
      over: Parameters<Factories['placement']>[3],
    ) => factories.placement(participantId, enterpriseId, [], over);
    const P1 = await place(F1.id, a.id, {
      kind: 'work_training',
      startDate: '2025-03-03',
      plannedEndDate: '2025-06-30',
      actualEndDate: '2025-05-30',
      status: 'ended',
    });
    const P2 = await place(F2.id, b.id, {
      kind: 'internship',
      startDate: '2025-02-03',
      plannedEndDate: '2025-08-31',
      status: 'active',
    });
    const P3 = await place(M1.id, a.id, {
      kind: 'subsidised_employment',
      startDate: '2025-02-01',
      plannedEndDate: '2025-12-31',
      actualEndDate: '2025-04-30',
      status: 'ended',
    });
    const P4 = await place(M2.id, b.id, {
      kind: 'work_training',
      startDate: '2025-06-02',
      plannedEndDate: '2025-12-31',
      status: 'active',
    });
    await place(F3.id, a.id, {
      startDate: '2024-10-01',
      plannedEndDate: '2024-12-20',
      actualEndDate: '2024-12-20',
      status: 'ended',
    });
    await place(O1.id, (await factories.enterprise()).id, {
      startDate: '2025-06-20',
      status: 'planned',
    });
    void P1; // no follow-ups at all: 6 due, all missed
    await rf.followUps(P2.id, coach.user.id, [
      '2025-02-10',
      '2025-02-17',
      '2025-02-24',
      '2025-03-03',
      '2025-04-02',
      '2025-05-02',
      '2025-06-01',
      '2025-07-15',
    ]);
    await rf.followUps(P3.id, coach.user.id, [
      '2025-02-08',
      '2025-02-15',
      '2025-02-22',
      '2025-03-01',
      '2025-04-02',
    ]);
    await rf.followUps(P4.id, coach.user.id, ['2025-06-09']);

    const ci = async (id: string, ...checks: Parameters<ReportFactories['checkIn']>[2][]) => {
      for (const check of checks) await rf.checkIn(id, coach.user.id, check);
    };
    await ci(
      F1.id,
      { date: '2025-02-01', occasion: 'start', rater: 'coach', scores: { a: 2, b: 3 }, ladder: 1 },
      { date: '2025-05-31', occasion: 'exit', rater: 'coach', scores: { a: 4, b: 3 }, ladder: 4 },
      { date: '2025-02-01', occasion: 'start', rater: 'participant', scores: { a: 3 } },
      { date: '2025-05-31', occasion: 'exit', rater: 'participant', scores: { a: 3 } },
    );
    await ci(
      F2.id,
      { date: '2025-01-15', occasion: 'start', rater: 'coach', scores: { a: 3, b: 2 } },
      { date: '2025-04-15', occasion: 'during', rater: 'coach', scores: { a: 2, b: 2 } },
    );
    await ci(
      M1.id,
      { date: '2025-01-10', occasion: 'start', rater: 'coach', scores: { a: 1 }, ladder: 0 },
      { date: '2025-04-30', occasion: 'exit', rater: 'coach', scores: { a: 2 }, ladder: 3 },
    );
    await ci(M2.id, { date: '2025-02-15', occasion: 'start', rater: 'coach', scores: { a: 2 } });
    await ci(
      F3.id,
      { date: '2024-09-01', occasion: 'start', rater: 'coach', scores: { b: 1 } },
      { date: '2025-03-01', occasion: 'during', rater: 'coach', scores: { b: 3 } },
      { date: '2025-08-01', occasion: 'during', rater: 'coach', scores: { b: 5 } },
    );
    return { programme, lead, coach };
  }

  const tableOf = (report: ProgrammeReport, key: string): ReportCell[][] => {
    const table = report.tables.find((x) => x.key === key);
    if (!table) throw new Error(`no table ${key}`);
    return table.rows;
  };

  it('matches the hand-worked golden report, table by table', async () => {
    const { programme, lead } = await golden();
    const reply = await client.request<ProgrammeReport>(
      'GET',
      `/api/programmes/${programme.id}/report?from=2025-01-01&to=2025-06-30`,
      { token: lead.token },
    );
    expect(reply.status).toBe(200);
    const r = reply.body;
    expect(r).toMatchObject({
      programmeId: programme.id,
      from: '2025-01-01',
      to: '2025-06-30',
      threshold: 3,
    });
    // Raw counts worked by hand from the dataset above; which cells hide follows
    // suppressSmallCells with k = 3 (each hidden value checked not to be recoverable).
    const expected: Record<string, ReportCell[][]> = {
      // In the period: F1–F6 (F6 reduced), M1–M3 + E1, O1 → 6 / 4 / 1; "other" 1 hides male 4 too.
      participants_by_gender: [
        ['female', 6, 6],
        ['male', 4, '<3'],
        ['other', null, '<3'],
        ['undisclosed', null, 0],
        ['total', 10, 11],
      ],
      participation_flow: [
        ['in_period', 6, '<3', '<3', 0, 11],
        // F3 (2024-09) and E1 (start year 2024) started before; F6 (reduced) counts on 1 January.
        ['started', 5, '<3', '<3', 0, 9],
        ['exited', '<3', '<3', 0, 0, 5],
        ['active_at_end', 3, '<3', '<3', 0, 6],
      ],
      // The 23:30 and 00:30 (Stockholm) sessions count; the July one and the unattended visit not.
      sessions_by_kind: [
        ['individual_coaching', 4],
        ['life_coaching', 1],
        ['business_advice', 1],
        ['group_workshop', 1],
        ['follow_up_visit', 0],
        ['total', 7],
      ],
      people_reached_by_gender: [
        ['female', 3],
        ['male', '<3'],
        ['other', '<3'],
        ['undisclosed', 0],
        ['total', 6],
      ],
      sessions_by_gender: [
        ['female', 6],
        ['male', '<3'],
        ['other', '<3'],
        ['undisclosed', 0],
        ['total', 9],
      ],
      mean_sessions_by_gender: [
        ['female', 2],
        ['male', null],
        ['other', null],
        ['undisclosed', null],
        ['total', 1.5],
      ],
      // 2 / 1 / 1 placements: all small, protected by each other; the total 4 stays.
      placements_by_kind: [
        ['work_training', '<3', 2],
        ['internship', '<3', 1],
        ['subsidised_employment', '<3', 1],
        ['employment', 0, 0],
        ['total', 4, 2],
      ],
      // P1: 6 due, none done; P4: 4 due, 1 done; P2: 7 of 7; P3: 5 of 5 (the last one late).
      follow_ups: [
        ['work_training', 10, 1, 9],
        ['internship', 7, 7, 0],
        ['subsidised_employment', 5, 5, 0],
        ['employment', 0, 0, 0],
        ['total', 22, 13, 9],
      ],
      // Every non-zero cell is 1 or 2, so three ones in the female column would add up to its 3:
      // the female and grand totals hide as well.
      exit_reasons: [
        ['work', '<3', '<3', 0, 0, '<3'],
        ['studies', '<3', 0, 0, 0, '<3'],
        ['other_programme', 0, '<3', 0, 0, '<3'],
        ['job_seeking', 0, 0, 0, 0, 0],
        ['sick_leave', 0, 0, 0, 0, 0],
        ['moved', 0, 0, 0, 0, 0],
        ['dropped_out', '<3', 0, 0, 0, '<3'],
        ['registered_in_error', 0, 0, 0, 0, 0],
        ['other', 0, 0, 0, 0, 0],
        ['total', '<3', '<3', 0, 0, '<3'],
      ],
      work_or_studies_at_exit: [
        ['female', '<3', '<3', '<3', null],
        ['male', '<3', '<3', '<3', null],
        ['other', 0, 0, 0, null],
        ['undisclosed', 0, 0, 0, null],
        ['total', '<3', '<3', 5, null],
      ],
      // F3 is 39 at her start in 2024; E1's birth year is erased.
      age_bands: [
        ['16-24', 0, '<3', 0, 0, '<3'],
        ['25-29', '<3', 0, 0, 0, '<3'],
        ['30-39', '<3', 0, '<3', 0, 4],
        ['40-49', 0, '<3', 0, 0, '<3'],
        ['50-59', 0, '<3', 0, 0, '<3'],
        ['60+', 0, 0, 0, 0, 0],
        ['unknown', 0, '<3', 0, 0, '<3'],
        ['total', '<3', '<3', '<3', 0, 10],
      ],
      education: [
        ['none_or_primary_incomplete', 0, 0, 0, 0, 0],
        ['primary', '<3', '<3', 0, 0, '<3'],
        ['upper_secondary_incomplete', 0, '<3', 0, 0, '<3'],
        ['upper_secondary', '<3', 0, '<3', 0, 4],
        ['post_secondary_short', 0, 0, 0, 0, 0],
        ['university', '<3', 0, 0, 0, '<3'],
        ['unknown', 0, '<3', 0, 0, '<3'],
        ['total', 5, '<3', '<3', 0, 10],
      ],
      time_in_support: [
        ['lt_1', '<3', '<3', 0, 0, '<3'],
        ['1_2', '<3', '<3', '<3', 0, '<3'],
        ['2_5', '<3', 0, 0, 0, '<3'],
        ['gt_5', '<3', '<3', 0, 0, '<3'],
        ['unknown', 0, '<3', 0, 0, '<3'],
        ['total', '<3', '<3', '<3', 0, 10],
      ],
      // a: F1 +1 (coach +2, self 0), F2 −1, M1 +1 → 0.3; b: F1 0, F2 0, F3 +2 → 0.7.
      // Overall (0.67 − 0.5 + 1 + 2) / 4 = 0.8; moved forward F1, M1, F3 = 3, not 1 → both hide.
      step_progression: [
        ['a', 3, 0.3, null],
        ['b', 3, 0.7, null],
        ['overall', 4, 0.8, null],
        ['moved_forward', '<3', null, null],
      ],
      // 9 attendances / 11 participants = 0.8 sessions each: the missed target.
      targets: [
        ['participants_female', 6, 6, true],
        ['participants_male', 4, '<3', null],
        ['participants_total', 10, 11, true],
        ['participants_placed', 4, 4, true],
        ['sessions_per_participant', 2, 0.8, false],
        ['gender_split_female_percent', '40-60', 54.5, true],
      ],
    };
    for (const [key, rows] of Object.entries(expected)) {
      expect({ key, rows: tableOf(r, key) }).toEqual({ key, rows });
    }
    // Before/after: F1, F2, F4, M1 and E1 (erased, snapshots kept) exited with both snapshots.
    const income = tableOf(r, 'income_sources_start_exit');
    // Social assistance: female 3 → 1, male 1 → 0; the total at start, 4, is shown.
    expect(income.find((row) => row[0] === 'social_assistance')?.slice(-3)).toEqual([
      4,
      '<3',
      null,
    ]);
    expect(tableOf(r, 'occupation_start_exit').at(-1)?.slice(-3)).toEqual([5, '<3', null]);
    expect(r.tables.map((x) => x.key)).toEqual([...REPORT_TABLE_KEYS]);
  });

  it('answers 400 with field messages for a bad period or format', async () => {
    const programme = await factories.programme();
    const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
    const get = (query: string) =>
      client.request<{ fields?: Record<string, string[]> }>(
        'GET',
        `/api/programmes/${programme.id}/report?${query}`,
        { token: lead.token },
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

  it('gives a coach of another programme 404 and audits each report with its parameters', async () => {
    const { programme, coach } = await golden();
    const other = await factories.loggedIn(client, 'coach', {
      programmeIds: [(await factories.programme()).id],
    });
    const path = `/api/programmes/${programme.id}/report?from=2025-01-01&to=2025-06-30`;
    expect((await client.request('GET', path, { token: other.token })).status).toBe(404);
    expect((await client.request('GET', path, { token: coach.token })).status).toBe(200);
    const csv = await client.request('GET', `${path}&format=csv`, { token: coach.token });
    expect(csv.status).toBe(200);
    const rows: { action: string; entity: string; detail: Record<string, unknown> }[] =
      await t.dataSource.query(
        `SELECT action, entity, detail FROM audit_log
          WHERE user_id = $1 AND entity = 'report' ORDER BY id`,
        [coach.user.id],
      );
    expect(
      rows.map((row) => [row.action, row.entity, row.detail['from'], row.detail['format']]),
    ).toEqual([
      ['read', 'report', '2025-01-01', 'json'],
      ['export', 'report', '2025-01-01', 'csv'],
    ]);
  });

  it('downloads the same tables as CSV (BOM, comma or semicolon) with a safe filename', async () => {
    const { programme, lead } = await golden();
    const base = `/api/programmes/${programme.id}/report?from=2025-01-01&to=2025-06-30`;
    const comma = await fetch(`${t.baseUrl}${base}&format=csv&lang=en`, {
      headers: { authorization: `Bearer ${lead.token}` },
    });
    expect(comma.status).toBe(200);
    expect(comma.headers.get('content-type')).toContain('text/csv');
    expect(comma.headers.get('content-disposition')).toBe(
      'attachment; filename="stegvis-rapport-2025-01-01-2025-06-30.csv"',
    );
    const bytes = Buffer.from(await comma.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\n');
    const at = lines.indexOf('"Participants planned and actual, by gender"');
    expect(lines.slice(at + 1, at + 7)).toEqual([
      'gender,planned,actual',
      'female,6,6',
      'male,4,<3',
      'other,,<3',
      'undisclosed,,0',
      'Total,10,11',
    ]);
    const semicolon = await client.request<string>(
      'GET',
      `${base}&format=csv&delimiter=semicolon`,
      {
        token: lead.token,
      },
    );
    // Swedish headings by default, and a decimal comma for Swedish Excel.
    expect(semicolon.body).toContain('Kön;Planerat;Utfall');
    expect(semicolon.body).toContain('Totalt;1,5');
  });

  it('downloads the tables as XLSX: a sheet per table plus one about the period and k', async () => {
    const { programme, lead } = await golden();
    const reply = await fetch(
      `${t.baseUrl}/api/programmes/${programme.id}/report?from=2025-01-01&to=2025-06-30&format=xlsx`,
      { headers: { authorization: `Bearer ${lead.token}` } },
    );
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toContain('.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await reply.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Om rapporten',
      ...REPORT_TABLE_KEYS,
    ]);
    const about = workbook.getWorksheet('Om rapporten');
    expect(about?.getRow(2).values).toEqual([undefined, 'Period', '2025-01-01 – 2025-06-30']);
    expect(about?.getRow(3).getCell(2).value).toBe(3);
    const sheet = workbook.getWorksheet('participants_by_gender');
    expect(sheet?.getRow(1).getCell(1).value).toBe('Deltagare planerat och utfall, per kön');
    expect(sheet?.getRow(2).values).toEqual([undefined, 'Kön', 'Planerat', 'Utfall']);
    expect(sheet?.getRow(4).values).toEqual([undefined, 'Man', 4, '<3']);
    expect(sheet?.getRow(7).values).toEqual([undefined, 'Totalt', 10, 11]);
    const means = workbook.getWorksheet('mean_sessions_by_gender');
    // A withheld mean is an empty cell.
    expect(means?.getRow(4).getCell(2).value).toBeNull();
    expect(means?.getRow(7).getCell(2).value).toBe(1.5);
  });
});
