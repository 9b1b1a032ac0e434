import {
  IMPORT_COLUMNS,
  IMPORT_CONTENT_TYPES,
  type ApiError,
  type ImportPreview,
  type ImportResult,
  type Participant,
} from '@stegvis/contracts';
import { Workbook } from 'exceljs';
import { Factories } from './support/factories';
import { personnummerFor } from './support/participants-factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

const XLSX = IMPORT_CONTENT_TYPES.xlsx;
const HEADERS = ['Förnamn', 'Efternamn', 'Personnummer', 'Kön', 'Inskriven', 'Samtycke'];

/** A valid personnummer per index (unique up to 1 000 000 rows): birth day and serial vary. */
function pnr(i: number): string {
  const day = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 1000) * 86_400_000);
  return personnummerFor(day.toISOString().slice(0, 10).replace(/-/g, ''), i % 1000);
}

function goodRow(i: number): string[] {
  return [`Förnamn${i}`, `Efternamn${i}`, pnr(i), i % 2 ? 'Kvinna' : 'man', '2026-03-02', 'Ja'];
}

function csv(rows: string[][], delimiter = ';', headers = HEADERS): Buffer {
  return Buffer.from(
    `\uFEFF${[headers, ...rows].map((r) => r.join(delimiter)).join('\r\n')}\r\n`,
    'utf8',
  );
}

async function xlsx(rows: (string | number | Date)[][], headers = HEADERS): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Deltagare');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('participant import through HTTP on a real database', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  async function coachWorld() {
    const programme = await factories.programme();
    const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    return { programmeId: programme.id, coach: coach.user, token: coach.token };
  }

  function preview(token: string, programmeId: string, file: Buffer, type = 'text/csv') {
    return client.request<ImportPreview & ApiError>(
      'POST',
      `/api/programmes/${programmeId}/participant-imports/preview`,
      { token, body: file, headers: { 'content-type': type } },
    );
  }

  function save(
    token: string,
    programmeId: string,
    file: Buffer,
    mode: 'all' | 'valid',
    type = 'text/csv',
  ) {
    return client.request<ImportResult & ApiError & { preview?: ImportPreview }>(
      'POST',
      `/api/programmes/${programmeId}/participant-imports?mode=${mode}`,
      { token, body: file, headers: { 'content-type': type } },
    );
  }

  async function countIn(programmeId: string): Promise<number> {
    const [row] = (await t.dataSource.query(
      'SELECT count(*)::int AS n FROM participants WHERE programme_id = $1',
      [programmeId],
    )) as { n: number }[];
    return row?.n ?? -1;
  }

  it('hands out a template (XLSX and CSV) that reads back as one valid row', async () => {
    const { programmeId, token } = await coachWorld();
    for (const format of ['xlsx', 'csv'] as const) {
      const reply = await fetch(`${t.baseUrl}/api/participant-imports/template?format=${format}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-disposition')).toContain(`stegvis-deltagarmall.${format}`);
      const file = Buffer.from(await reply.arrayBuffer());
      if (format === 'xlsx') {
        const workbook = new Workbook();
        await workbook.xlsx.load(file as unknown as ArrayBuffer);
        const sheet = workbook.worksheets[0];
        const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
        expect(headers).toEqual(IMPORT_COLUMNS.map((c) => c.header.sv));
        expect(workbook.worksheets[1]?.name).toBe('Instruktioner');
      } else {
        expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
        expect(file.toString('utf8').split('\r\n')[0]).toBe(
          `\uFEFF${IMPORT_COLUMNS.map((c) => c.header.sv).join(';')}`,
        );
      }
      const checked = await preview(token, programmeId, file, IMPORT_CONTENT_TYPES[format]);
      expect(checked.status).toBe(200);
      expect(checked.body.counts).toEqual({ rows: 1, valid: 1, withErrors: 0, duplicates: 0 });
      expect(checked.body.rows[0]).toMatchObject({ row: 2, errors: [], duplicate: null });
    }
    expect(await countIn(programmeId)).toBe(0);
  });

  it('previews every row with its errors in Swedish and saves nothing', async () => {
    const { programmeId, token } = await coachWorld();
    const bad = goodRow(3);
    bad[2] = bad[2]!.slice(0, 11) + ((Number(bad[2]!.slice(11)) + 1) % 10); // wrong check digit
    const file = csv(
      [
        goodRow(1),
        ['', 'Utan förnamn', pnr(2), 'Kvinna', '2026-03-02', 'Ja'],
        bad,
        ['Kalle', 'Kula', pnr(4), 'Pojke', '2026-02-30', 'kanske'],
        ['', '', '', '', '', ''],
        goodRow(5),
      ],
      ';',
      [...HEADERS, 'Anteckning'],
    );
    const reply = await preview(token, programmeId, file);
    expect(reply.status).toBe(200);
    expect(reply.body.ignoredHeaders).toEqual(['Anteckning']);
    expect(reply.body.counts).toEqual({ rows: 5, valid: 2, withErrors: 3, duplicates: 0 });
    const byRow = Object.fromEntries(
      reply.body.rows.map((r) => [r.row, r.errors.map((e) => [e.field, e.message])]),
    );
    expect(byRow[2]).toEqual([]);
    expect(byRow[3]).toEqual([['firstName', 'Förnamn saknas.']]);
    expect(byRow[4]).toEqual([['personnummer', 'Personnumret har fel kontrollsiffra.']]);
    expect(byRow[5]).toEqual([
      ['gender', '"Pojke" finns inte för Kön. Välj något av: Kvinna, Man, Annat, Vill ej uppge.'],
      ['enrolledAt', 'Inskriven ska vara ett datum som finns, skrivet ÅÅÅÅ-MM-DD.'],
      ['consentGiven', 'Samtycke ska vara Ja eller Nej.'],
    ]);
    // The empty line 6 is skipped; the row numbers are those the spreadsheet shows.
    expect(byRow[7]).toEqual([]);
    expect(await countIn(programmeId)).toBe(0);
  });

  it('refuses a file without the required columns, naming them', async () => {
    const { programmeId, token } = await coachWorld();
    const reply = await preview(token, programmeId, csv([['Anna']], ';', ['Förnamn']));
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe(
      'Kolumnerna Efternamn, Kön, Inskriven, Samtycke saknas i filens första rad. Hämta mallen för att se rubrikerna.',
    );
  });

  it('mode=all with 4 999 good rows and 1 bad saves nothing; mode=valid saves the 4 999', async () => {
    const { programmeId, token } = await coachWorld();
    const rows = Array.from({ length: 5000 }, (_, i) => goodRow(i));
    rows[2500] = ['Bad', 'Row', pnr(2500), 'Kvinna', 'i morgon', 'Ja'];
    const file = await xlsx(rows);

    const all = await save(token, programmeId, file, 'all', XLSX);
    expect(all.status).toBe(400);
    expect(all.body.message).toBe(
      'Inget sparades: 1 rad har fel. Rätta filen, eller välj att spara bara de giltiga raderna.',
    );
    expect(all.body.preview?.counts).toEqual({
      rows: 5000,
      valid: 4999,
      withErrors: 1,
      duplicates: 0,
    });
    expect(all.body.preview?.rows.find((r) => r.errors.length > 0)?.row).toBe(2502);
    expect(await countIn(programmeId)).toBe(0);

    const valid = await save(token, programmeId, file, 'valid', XLSX);
    expect(valid.status).toBe(201);
    expect(valid.body).toMatchObject({ mode: 'valid', created: 4999, skipped: 1 });
    expect(valid.body.ids).toHaveLength(4999);
    expect(await countIn(programmeId)).toBe(4999);
    const audit = (await t.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT entity_id)::int AS ids FROM audit_log
        WHERE request_id = $1 AND action = 'create' AND entity = 'participant'`,
      [valid.headers.get('x-request-id')],
    )) as { n: number; ids: number }[];
    expect(audit[0]).toEqual({ n: 4999, ids: 4999 });
  }, 180_000);

  it('creates imported participants as the create route does (coach, birth year, reduced rows)', async () => {
    const { programmeId, token, coach } = await coachWorld();
    const file = csv(
      [
        ['Anna', 'Ek', personnummerFor('19880412', 7), 'Kvinna', '2026-03-02', 'Ja'],
        ['', '', '', 'Annat', '2026-04-01', 'Nej'],
      ],
      ',',
    );
    const reply = await save(token, programmeId, file, 'all');
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ created: 2, skipped: 0 });
    const [full, reduced] = await Promise.all(
      reply.body.ids.map(async (id) => {
        const r = await client.request<Participant>('GET', `/api/participants/${id}`, { token });
        return r.body;
      }),
    );
    expect(full).toMatchObject({
      firstName: 'Anna',
      lastName: 'Ek',
      birthYear: 1988,
      gender: 'female',
      responsibleCoachId: coach.id,
      enrolledAt: '2026-03-02',
    });
    expect(reduced).toMatchObject({ firstName: null, gender: 'other', startYear: 2026 });
  });

  it('reports duplicates in the file and in the programme; mode=valid skips them', async () => {
    const { programmeId, token } = await coachWorld();
    const existing = await save(token, programmeId, csv([goodRow(10)]), 'all');
    expect(existing.status).toBe(201);
    const file = csv([goodRow(10), goodRow(11), goodRow(12), goodRow(11)]);
    const checked = await preview(token, programmeId, file);
    expect(checked.body.counts).toEqual({ rows: 4, valid: 2, withErrors: 2, duplicates: 2 });
    expect(checked.body.rows.map((r) => [r.row, r.duplicate, r.errors[0]?.message])).toEqual([
      [2, 'programme', 'En deltagare med samma personnummer finns redan i insatsen.'],
      [3, null, undefined],
      [4, null, undefined],
      [5, 'file', 'Samma personnummer som på rad 3.'],
    ]);
    const saved = await save(token, programmeId, file, 'valid');
    expect(saved.body).toMatchObject({ created: 2, skipped: 2 });
    expect(await countIn(programmeId)).toBe(3);
  });

  it('reads 5 000 rows and refuses 5 001 with a clear message', async () => {
    const { programmeId, token } = await coachWorld();
    const rows = Array.from({ length: 5001 }, (_, i) => goodRow(i));
    const ok = await preview(token, programmeId, csv(rows.slice(0, 5000)));
    expect(ok.status).toBe(200);
    expect(ok.body.counts.valid).toBe(5000);
    for (const [file, type] of [
      [csv(rows), 'text/csv'],
      [await xlsx(rows), XLSX],
    ] as const) {
      const refused = await preview(token, programmeId, file, type);
      expect(refused.status).toBe(413);
      expect(refused.body.message).toBe(
        'Filen har 5\u00a0001 rader med deltagare; högst 5\u00a0000 kan läsas in åt gången. Dela upp filen.',
      );
      const notSaved = await save(token, programmeId, file, 'valid', type);
      expect(notSaved.status).toBe(413);
    }
    expect(await countIn(programmeId)).toBe(0);
  }, 120_000);

  it('reads a comma CSV in Windows-1252 (Excel’s plain CSV) and Excel date cells', async () => {
    const { programmeId, token } = await coachWorld();
    const latin1 = Buffer.from(
      `Förnamn,Efternamn,Personnummer,Kön,Inskriven,Samtycke\r\nÅsa,Öberg,${pnr(1)},Kvinna,2026-03-02,Ja\r\n`,
      'latin1',
    );
    const reply = await preview(token, programmeId, latin1);
    expect(reply.body.rows[0]?.cells).toMatchObject({ firstName: 'Åsa', lastName: 'Öberg' });
    expect(reply.body.counts.valid).toBe(1);
    const dated = await xlsx([
      ['Bo', 'Ek', Number(pnr(2)), 'Man', new Date(Date.UTC(2026, 2, 2)), 'ja'],
    ]);
    const fromExcel = await preview(token, programmeId, dated, XLSX);
    expect(fromExcel.body.rows[0]).toMatchObject({
      errors: [],
      cells: { enrolledAt: '2026-03-02', personnummer: pnr(2) },
    });
  });

  it('takes a spreadsheet body on the import routes only (415 elsewhere and for other types)', async () => {
    const { programmeId, token } = await coachWorld();
    const onCreate = await client.request('POST', '/api/participants', {
      token,
      body: csv([goodRow(1)]),
    });
    expect(onCreate.status).toBe(415);
    const json = await client.request<ApiError>(
      'POST',
      `/api/programmes/${programmeId}/participant-imports/preview`,
      { token, body: { rows: [] } },
    );
    expect(json.status).toBe(415);
    const broken = await preview(token, programmeId, Buffer.from('not a zip'), XLSX);
    expect(broken.status).toBe(400);
    expect(broken.body.message).toBe('Filen gick inte att läsa som en Excel-fil (.xlsx).');
    const huge = await preview(token, programmeId, Buffer.alloc(11 * 1024 * 1024, 0x41));
    expect(huge.status).toBe(413);
  });

  it('answers 403 to supervisors and leads and 404 for another programme', async () => {
    const { programmeId, token } = await coachWorld();
    const other = await factories.programme();
    const file = csv([goodRow(1)]);
    expect((await preview(token, other.id, file)).status).toBe(404);
    expect((await save(token, other.id, file, 'valid')).status).toBe(404);
    expect(await countIn(other.id)).toBe(0);
    const enterprise = await factories.enterprise();
    const callers: ['supervisor' | 'lead', { programmeIds?: string[]; enterpriseId?: string }][] = [
      ['supervisor', { enterpriseId: enterprise.id }],
      ['lead', { programmeIds: [programmeId] }],
    ];
    for (const [role, options] of callers) {
      const caller = await factories.loggedIn(client, role, options);
      expect((await preview(caller.token, programmeId, file)).status).toBe(403);
      expect((await save(caller.token, programmeId, file, 'valid')).status).toBe(403);
    }
    expect(await countIn(programmeId)).toBe(0);
  });
});
