import { EXPORT_COLUMN_LABELS, EXPORT_COLUMNS } from '@stegvis/contracts';
import ExcelJS from 'exceljs';
import { Factories } from './support/factories';
import { ReportFactories } from './support/reports-factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

const MUNICIPALITIES = ['Malmö', 'Lund', 'Helsingborg', 'Umeå', 'Göteborg'];
const GENDERS = ['female', 'male', 'male', 'female', 'other'] as const;

describe('GET /api/programmes/:id/export', () => {
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

  /** 40 participations spread over municipalities, ages and quarters, plus reduced and erased ones. */
  async function programmeWithParticipants() {
    const programme = await factories.programme({ suppressionThreshold: 5 });
    const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
    for (let i = 0; i < 40; i++) {
      await factories.participant(programme.id, {
        firstName: 'Anna',
        lastName: `Unikt-Efternamn-${i}`,
        gender: GENDERS[i % GENDERS.length],
        birthYear: 1960 + ((i * 7) % 45),
        municipality: MUNICIPALITIES[i % MUNICIPALITIES.length],
        enrolledAt: `2026-${String((i % 12) + 1).padStart(2, '0')}-1${i % 10}`,
        startYear: 2026,
        ...(i % 4 === 0 && {
          status: 'exited' as const,
          exitedAt: '2026-11-15',
          exitReason: 'work' as const,
        }),
      });
    }
    await rf.reduced(programme.id, 'male', 2026);
    await factories.participant(programme.id, { erasedAt: new Date(), birthYear: null });
    return { programme, lead };
  }

  function parseCsv(text: string): string[][] {
    // No field in the export holds a comma or a quote: a plain split is enough here.
    return text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .map((line) => line.split(','));
  }

  it('exports k-anonymous rows: every (gender, age band, municipality, start quarter) group ≥ k', async () => {
    const { programme, lead } = await programmeWithParticipants();
    const reply = await client.request<string>(
      'GET',
      `/api/programmes/${programme.id}/export?format=csv`,
      { token: lead.token },
    );
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toBe(
      'attachment; filename="stegvis-export.csv"',
    );
    expect(reply.body).not.toContain('Anna');
    expect(reply.body).not.toContain('Unikt-Efternamn');
    const [header, ...rows] = parseCsv(reply.body);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    const suppressed = Number(reply.headers.get('x-stegvis-suppressed-rows'));
    // Reduced and erased participations never leave as rows.
    expect(rows.length + suppressed).toBe(40);
    expect(rows.length).toBeGreaterThanOrEqual(35);
    expect(reply.headers.get('x-stegvis-generalisation')).toMatch(
      /^municipality=\S+; ageBand=\S+; startQuarter=\S+; gender=\S+$/,
    );
    const col = (name: string) => header.indexOf(name);
    const groups = new Map<string, number>();
    for (const row of rows) {
      const key = ['gender', 'age_band', 'municipality', 'start_quarter']
        .map((name) => row[col(name)])
        .join('|');
      groups.set(key, (groups.get(key) ?? 0) + 1);
      // No exact dates: quarters only; pseudonyms are 16 hex digits, not ids.
      expect(row[col('start_quarter')]).toMatch(/^(\d{4}(-Q[1-4])?|\*)$/);
      expect(row[col('pseudonym')]).toMatch(/^[0-9a-f]{16}$/);
    }
    for (const size of groups.values()) expect(size).toBeGreaterThanOrEqual(5);
    expect(reply.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('gives new pseudonyms in every export', async () => {
    const { programme, lead } = await programmeWithParticipants();
    const path = `/api/programmes/${programme.id}/export?format=csv`;
    const first = parseCsv((await client.request<string>('GET', path, { token: lead.token })).body);
    const second = parseCsv(
      (await client.request<string>('GET', path, { token: lead.token })).body,
    );
    const ids = (rows: string[][]) => new Set(rows.slice(1).map((row) => row[0]));
    const overlap = [...ids(first)].filter((id) => ids(second).has(id));
    expect(overlap).toEqual([]);
  });

  it('writes XLSX with an "Om exporten" sheet that states the generalisation and suppression', async () => {
    const { programme, lead } = await programmeWithParticipants();
    const reply = await fetch(`${t.baseUrl}/api/programmes/${programme.id}/export?format=xlsx`, {
      headers: { authorization: `Bearer ${lead.token}` },
    });
    expect(reply.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await reply.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Data', 'Om exporten']);
    const data = workbook.getWorksheet('Data');
    // Headings in words (the CSV keeps the codes); the cells keep the codes.
    expect(data?.getRow(1).values).toEqual([
      undefined,
      ...EXPORT_COLUMNS.map((column) => EXPORT_COLUMN_LABELS.sv[column]),
    ]);
    expect((data?.getRow(1).values as unknown[]).slice(1, 4)).toEqual([
      'Pseudonym',
      'Kön',
      'Åldersgrupp vid start',
    ]);
    const about = workbook.getWorksheet('Om exporten');
    const lines: string[] = [];
    about?.eachRow((row) => lines.push(row.values.toString()));
    const suppressed = reply.headers.get('x-stegvis-suppressed-rows');
    expect(lines).toContain(`,Borttagna rader (för små grupper),${suppressed}`);
    expect(lines).toContain(',Gräns för små tal (k),5');
    expect(lines.some((line) => line.startsWith(',municipality,'))).toBe(true);
    expect((data?.rowCount ?? 0) - 1 + Number(suppressed)).toBe(40);
  });

  it('writes English XLSX with English sheet names and headings', async () => {
    const { programme, lead } = await programmeWithParticipants();
    const reply = await fetch(
      `${t.baseUrl}/api/programmes/${programme.id}/export?format=xlsx&lang=en`,
      { headers: { authorization: `Bearer ${lead.token}` } },
    );
    expect(reply.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await reply.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Data', 'About the export']);
    expect((workbook.getWorksheet('Data')?.getRow(1).values as unknown[]).slice(1, 6)).toEqual([
      'Pseudonym',
      'Gender',
      'Age band at start',
      'Municipality',
      'Start (quarter)',
    ]);
    const lines: string[] = [];
    workbook.getWorksheet('About the export')?.eachRow((row) => lines.push(row.values.toString()));
    expect(lines).toContain(',Small-count threshold (k),5');
  });

  it('audits each export and refuses the 11th in ten minutes with 429', async () => {
    const programme = await factories.programme();
    const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
    const path = `/api/programmes/${programme.id}/export?format=csv`;
    for (let i = 0; i < 10; i++) {
      expect((await client.request('GET', path, { token: lead.token })).status).toBe(200);
    }
    const refused = await client.request<{ message: string }>('GET', path, { token: lead.token });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/at most 10 per 10 minutes/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Report file downloads count against the same limit; JSON reports do not.
    const report = `/api/programmes/${programme.id}/report?from=2026-01-01&to=2026-06-30`;
    expect(
      (await client.request('GET', `${report}&format=csv`, { token: lead.token })).status,
    ).toBe(429);
    expect((await client.request('GET', report, { token: lead.token })).status).toBe(200);
    const audit: { action: string; detail: Record<string, unknown> }[] = await t.dataSource.query(
      `SELECT action, detail FROM audit_log WHERE user_id = $1 AND entity = 'report' ORDER BY id`,
      [lead.user.id],
    );
    expect(audit.filter((row) => row.action === 'export')).toHaveLength(10);
    expect(audit[0].detail).toMatchObject({ format: 'csv', from: null, to: null, rows: 0 });
  });

  it('answers 400 for a missing format or half a period', async () => {
    const programme = await factories.programme();
    const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
    const get = (query: string) =>
      client.request('GET', `/api/programmes/${programme.id}/export?${query}`, {
        token: lead.token,
      });
    expect((await get('')).status).toBe(400);
    expect((await get('format=csv&from=2026-01-01')).status).toBe(400);
    expect((await get('format=xml')).status).toBe(400);
  });
});
