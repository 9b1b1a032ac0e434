import type { Gender, IncomeSource, Occupation, ProgrammeReport } from '@stegvis/contracts';
import ExcelJS from 'exceljs';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/*
 * The transition tables (docs/reports.md "Transitions"), built through the API and counted by
 * hand. k = 3, period 2026-01-01 – 2026-06-30 (a half-year). Exited in the period with both snapshots:
 *
 *   W1–W3  social_assistance, job_seeking                → salary, employment
 *   W4–W6  social_assistance + sickness_benefit, other   → salary + social_assistance, employment
 *   W7–W9  social_assistance, job_seeking                → social_assistance, job_seeking
 *   M1–M3  unemployment_insurance, job_seeking           → salary, employment
 *   M4–M6  unemployment_insurance + activity_support, job_seeking → student_finance, studies
 *   O1     social_assistance, job_seeking                → student_finance, studies
 *
 * Not counted: W10 exited without an exit snapshot, W11 is still active, W12 exited after the
 * period.
 */

interface Snapshot {
  incomeSources: IncomeSource[];
  timeInSupport: '1_2';
  occupation: Occupation;
}
const snap = (incomeSources: IncomeSource[], occupation: Occupation): Snapshot => ({
  incomeSources,
  timeInSupport: '1_2',
  occupation,
});

const FROM = '2026-01-01';
const TO = '2026-06-30';

describe('GET /api/programmes/:id/report — transitions from start to exit', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  let report: ProgrammeReport;
  let programmeId: string;
  let leadToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
    const programme = await factories.programme({ suppressionThreshold: 3 });
    programmeId = programme.id;
    const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
    leadToken = lead.token;
    let serial = 0;
    const person = async (
      gender: Gender,
      start: Snapshot,
      exit: { date: string; snapshot?: Snapshot } | null,
    ) => {
      serial += 1;
      const created = await client.request<{ id: string }>('POST', '/api/participants', {
        token: coach.token,
        body: {
          programmeId: programme.id,
          firstName: 'Övergång',
          lastName: `Deltagare ${serial}`,
          gender,
          birthYear: 1990,
          enrolledAt: '2026-02-01',
          consent: { given: true, date: '2026-02-01', formVersion: 'v1' },
          startSnapshot: start,
        },
      });
      expect(created.status).toBe(201);
      if (!exit) return;
      const exited = await client.request('PATCH', `/api/participants/${created.body.id}`, {
        token: coach.token,
        body: {
          exit: {
            date: exit.date,
            reason: 'work',
            ...(exit.snapshot && { snapshot: exit.snapshot }),
          },
        },
      });
      expect(exited.status).toBe(200);
    };
    const june = '2026-06-15';
    const three = async (gender: Gender, start: Snapshot, exit: Snapshot) => {
      for (let i = 0; i < 3; i++) await person(gender, start, { date: june, snapshot: exit });
    };
    await three(
      'female',
      snap(['social_assistance'], 'job_seeking'),
      snap(['salary'], 'employment'),
    );
    await three(
      'female',
      snap(['social_assistance', 'sickness_benefit'], 'other'),
      snap(['salary', 'social_assistance'], 'employment'),
    );
    await three(
      'female',
      snap(['social_assistance'], 'job_seeking'),
      snap(['social_assistance'], 'job_seeking'),
    );
    await three(
      'male',
      snap(['unemployment_insurance'], 'job_seeking'),
      snap(['salary'], 'employment'),
    );
    await three(
      'male',
      snap(['unemployment_insurance', 'activity_support'], 'job_seeking'),
      snap(['student_finance'], 'studies'),
    );
    await person('other', snap(['social_assistance'], 'job_seeking'), {
      date: june,
      snapshot: snap(['student_finance'], 'studies'),
    });
    await person('female', snap(['social_assistance'], 'job_seeking'), { date: june }); // W10
    await person('female', snap(['social_assistance'], 'job_seeking'), null); // W11
    await person('female', snap(['social_assistance'], 'job_seeking'), {
      date: '2026-07-15',
      snapshot: snap(['salary'], 'employment'),
    }); // W12

    const reply = await client.request<ProgrammeReport>(
      'GET',
      `/api/programmes/${programme.id}/report?from=${FROM}&to=${TO}`,
      { token: lead.token },
    );
    expect(reply.status).toBe(200);
    report = reply.body;
  }, 120_000);
  afterAll(async () => t.close());

  const table = (key: string) => {
    const found = report.tables.find((x) => x.key === key);
    if (!found) throw new Error(`no table ${key}`);
    return found;
  };
  /** The row of `gender`'s block for `start`, as { column code: cell }. */
  const row = (key: string, gender: string, start: string) => {
    const { columns, rows } = table(key);
    const found = rows.find((r) => r[0] === gender && r[1] === start);
    if (!found) throw new Error(`no row ${gender} ${start} in ${key}`);
    return Object.fromEntries(columns.map((c, i) => [c, found[i]]));
  };

  it('follows the before/after tables, one block per gender and one for all', () => {
    const keys = report.tables.map((x) => x.key);
    expect(keys.slice(keys.indexOf('occupation_start_exit'), keys.indexOf('age_bands'))).toEqual([
      'occupation_start_exit',
      'income_transitions',
      'occupation_transitions',
    ]);
    const income = table('income_transitions');
    expect(income.columns.slice(0, 3)).toEqual([
      'gender',
      'income_source_start',
      'sickness_benefit',
    ]);
    expect(income.columns.at(-1)).toBe('participants_with_source');
    // Ten start sources per block; five blocks (four genders and all).
    expect(income.rows).toHaveLength(50);
    expect([...new Set(income.rows.map((r) => r[0]))]).toEqual([
      'female',
      'male',
      'other',
      'undisclosed',
      'total',
    ]);
    const occupation = table('occupation_transitions');
    // Six occupations and unknown, plus each block's total row; the table ends with total, total.
    expect(occupation.rows).toHaveLength(5 * 8);
    expect(occupation.rows.at(-1)?.slice(0, 2)).toEqual(['total', 'total']);
    expect(occupation.columns.at(-1)).toBe('total');
  });

  it('counts a person in every (start source, exit source) pair they have', () => {
    // Women with försörjningsstöd at start: W1–W9 = 9; with lön at exit among them: W1–W6 = 6;
    // still with försörjningsstöd: W4–W9 = 6 (W4–W6 had lön too, and count in both columns).
    // The 9 hides ("x"): beside O1's 1 under the all-genders 10, it is the cheapest cell that
    // lets the 1 move (9 < 10; the men's and undisclosed 0s cannot go below 0).
    expect(row('income_transitions', 'female', 'social_assistance')).toMatchObject({
      social_assistance: 6,
      salary: 6,
      student_finance: 0,
      participants_with_source: 'x',
    });
    // W4–W6 also had sjukpenning at start: counted under both their exit sources again.
    expect(row('income_transitions', 'female', 'sickness_benefit')).toMatchObject({
      salary: 3,
      social_assistance: 3,
      none_or_unknown: 0,
      participants_with_source: 3,
    });
    // All six men had a-kassa at start: 6, and that is all the men with both snapshots, which
    // hides (below) — so this 6 hides with it ("x"; a pair or a source never exceeds the people).
    expect(row('income_transitions', 'male', 'unemployment_insurance')).toMatchObject({
      salary: 3,
      student_finance: 3,
      participants_with_source: 'x',
    });
    // M4–M6 count once under each of their two start sources.
    expect(row('income_transitions', 'male', 'activity_support')).toMatchObject({
      student_finance: 3,
      salary: 0,
      participants_with_source: 3,
    });
    // O1 alone: 1 < k, hidden.
    expect(row('income_transitions', 'other', 'social_assistance')).toMatchObject({
      student_finance: '<3',
      salary: 0,
      participants_with_source: '<3',
    });
  });

  it('answers the funder for all genders, hiding ("x") where a gender is hidden', () => {
    // With lön at exit: 6 women + 0 men + 0 other. How many had försörjningsstöd at start, 9 + 1
    // = 10, is shown: the women's 9 hides instead (above), so the other gender's 1 does not follow
    // from it. To studiemedel: O1 alone, a 1 for all genders too: small, "<3".
    expect(row('income_transitions', 'total', 'social_assistance')).toMatchObject({
      salary: 6,
      social_assistance: 6,
      student_finance: '<3',
      participants_with_source: 10,
    });
    expect(row('income_transitions', 'total', 'unemployment_insurance')).toMatchObject({
      salary: 3,
      student_finance: 3,
      participants_with_source: 6,
    });
  });

  it('cross-tabulates occupation at start and at exit, with totals per block', () => {
    expect(row('occupation_transitions', 'female', 'job_seeking')).toMatchObject({
      employment: 3,
      job_seeking: 3,
      studies: 0,
      total: 6,
    });
    expect(row('occupation_transitions', 'female', 'other')).toMatchObject({
      employment: 3,
      total: 3,
    });
    expect(row('occupation_transitions', 'female', 'total')).toMatchObject({
      employment: 6,
      job_seeking: 3,
      total: 9,
    });
    // M1–M3 → employment, M4–M6 → studies. The 3 to studies hides ("x"): under the all-genders
    // 4 (with O1's 1) it would give the 1 back; the row total 6 with it.
    expect(row('occupation_transitions', 'male', 'job_seeking')).toMatchObject({
      employment: 3,
      studies: 'x',
      total: 'x',
    });
    // O1: every non-zero figure of the block is 1 and hidden.
    expect(row('occupation_transitions', 'other', 'job_seeking')).toMatchObject({
      studies: '<3',
      employment: 0,
      total: '<3',
    });
    expect(row('occupation_transitions', 'undisclosed', 'total')).toMatchObject({
      employment: 0,
      total: 0,
    });
    // All genders: paid work from job seeking 3 + 3 = 6; to studies 3 + 1 = 4, shown: with the
    // men's 3 hidden, men + other = 4 has two answers. The grand total 16 = 9 + 6 + 1 stays: the
    // men's 6 hides instead (cheaper), so the other's 1 does not follow from 16 − 9.
    expect(row('occupation_transitions', 'total', 'job_seeking')).toMatchObject({
      employment: 6,
      job_seeking: 3,
      studies: 4,
      total: 13,
    });
    expect(row('occupation_transitions', 'total', 'total')).toMatchObject({
      employment: 9,
      job_seeking: 3,
      studies: 4,
      total: 16,
    });
    expect(row('occupation_transitions', 'male', 'total')).toMatchObject({ total: 'x' });
    // An all-genders figure never gives a hidden gender figure back by subtraction: where it is
    // shown, either every gender's figure in its place is shown (and it is their sum), or at least
    // two are hidden.
    const { rows } = table('occupation_transitions');
    const blocks = new Map<string, typeof rows>();
    for (const r of rows) blocks.set(String(r[0]), [...(blocks.get(String(r[0])) ?? []), r]);
    const all = blocks.get('total') ?? [];
    all.forEach((r, i) =>
      r.slice(2).forEach((cell, c) => {
        const genders = ['female', 'male', 'other', 'undisclosed'].map(
          (g) => blocks.get(g)?.[i][c + 2],
        );
        if (typeof cell !== 'number') return;
        const hidden = genders.filter((x) => typeof x !== 'number').length;
        if (hidden === 0) {
          expect(cell).toBe(genders.reduce<number>((s, x) => s + (x as number), 0));
        } else {
          expect(hidden).toBeGreaterThanOrEqual(2);
        }
      }),
    );
  });

  it('writes the transitions to XLSX with Swedish and English labels', async () => {
    const sheet = async (lang: string, name: string) => {
      const reply = await fetch(
        `${t.baseUrl}/api/programmes/${programmeId}/report?from=${FROM}&to=${TO}&format=xlsx&lang=${lang}`,
        { headers: { authorization: `Bearer ${leadToken}`, 'x-forwarded-for': client.ip } },
      );
      expect(reply.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await reply.arrayBuffer());
      const found = workbook.getWorksheet(name);
      if (!found) throw new Error(`no sheet ${name}`);
      return found;
    };
    const sv = await sheet('sv', 'Försörjning, övergångar');
    expect(sv.getRow(2).values).toEqual(
      expect.arrayContaining(['Kön', 'Försörjning vid start', 'Lön/egen försörjning']),
    );
    const svRows: unknown[][] = [];
    sv.eachRow((r) => svRows.push((r.values as unknown[]).slice(1)));
    const heading = svRows[1];
    const women = svRows.find((r) => r[0] === 'Kvinna' && r[1] === 'Försörjningsstöd') ?? [];
    expect(women[heading.indexOf('Lön/egen försörjning')]).toBe(6);
    expect(women[heading.indexOf('Deltagare med försörjningen vid start')]).toBe('x');
    const all = svRows.find((r) => r[0] === 'Totalt' && r[1] === 'Försörjningsstöd') ?? [];
    expect(all[heading.indexOf('Studiemedel')]).toBe('<3');
    expect(all[heading.indexOf('Deltagare med försörjningen vid start')]).toBe(10);
    expect(svRows.at(-2)).toEqual(['x = dold för att skydda en annan uppgift']);
    const en = await sheet('en', 'Occupation transitions');
    expect(en.getRow(2).values).toEqual(
      expect.arrayContaining(['Gender', 'Occupation at start', 'Paid work', 'Total']),
    );
  });
});
