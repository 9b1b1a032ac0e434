import { EXPORT_COLUMNS } from '@stegvis/contracts';
import { createHmac, randomBytes } from 'node:crypto';
import { EXPORT_BATCH_SIZE, hmacPads, PSEUDONYM_SQL } from '../src/modules/reports/export.service';
import { Factories } from './support/factories';
import { statementsDuring } from './support/statement-count';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * The row-level export reads participations in batches (docs/reports.md "The row-level export"):
 * what it holds in memory is bounded by the batch size, whatever the number of rows. Checked on
 * the SQL it sends, not on time or process memory.
 */
describe('GET /api/programmes/:id/export in batches (constant memory)', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  /** `n` participations: one made by the factory, the rest copied from it in one INSERT (each gets
   * its own reference from the insert trigger). */
  async function programmeWith(n: number) {
    const programme = await factories.programme({ suppressionThreshold: 5 });
    const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
    const template = await factories.participant(programme.id, { enrolledAt: '2026-01-15' });
    const columns: { column_name: string }[] = await t.dataSource.query(
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'participants'
          AND column_name NOT IN ('id', 'reference', 'birth_year', 'municipality', 'enrolled_at')`,
    );
    const list = columns.map(({ column_name }) => `"${column_name}"`).join(', ');
    await t.dataSource.query(
      `INSERT INTO participants (${list}, birth_year, municipality, enrolled_at)
       SELECT ${list}, 1960 + i % 40, (ARRAY['Malmö', 'Lund', 'Umeå'])[1 + i % 3],
              DATE '2025-01-01' + (i % 700)
         FROM participants, generate_series(1, $2::int - 1) AS i
        WHERE id = $1`,
      [template.id, n],
    );
    return { programme, lead };
  }

  it(`reads 2 500 rows through a cursor in batches of at most ${EXPORT_BATCH_SIZE}, in pseudonym order`, async () => {
    const { programme, lead } = await programmeWith(2500);
    let body = '';
    let suppressed = -1;
    const statements = await statementsDuring(async () => {
      const reply = await client.request<string>(
        'GET',
        `/api/programmes/${programme.id}/export?format=csv`,
        { token: lead.token },
      );
      expect(reply.status).toBe(200);
      body = reply.body;
      suppressed = Number(reply.headers.get('x-stegvis-suppressed-rows'));
    });

    // Participations are read by pass 1's GROUP BY and by one cursor, fetched in bounded batches;
    // each batch's details are read by the fetched ids only.
    const reads = statements.filter((sql) => /\b(FROM|JOIN) participants\b/i.test(sql));
    const grouped = reads.filter((sql) => /\bGROUP BY 1, 2, 3, 4\b/.test(sql));
    const cursors = reads.filter((sql) => /^\s*DECLARE\b/i.test(sql));
    const byIds = reads.filter((sql) => /unnest\(\$4::uuid\[\]/.test(sql));
    expect(grouped).toHaveLength(1);
    expect(cursors).toHaveLength(1);
    expect(reads).toHaveLength(grouped.length + cursors.length + byIds.length);
    const fetches = statements.filter((sql) => /^\s*FETCH\b/i.test(sql));
    expect(fetches.length).toBeGreaterThanOrEqual(3);
    for (const sql of fetches) {
      expect(Number(/^\s*FETCH (\d+)/i.exec(sql)?.[1])).toBeLessThanOrEqual(EXPORT_BATCH_SIZE);
    }
    expect(byIds.length).toBeGreaterThanOrEqual(3);
    expect(byIds.length).toBeLessThanOrEqual(fetches.length);

    const [header, ...rows] = body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows.length + suppressed).toBe(2500);
    expect(rows.length).toBeGreaterThanOrEqual(2500 * 0.95);
    const pseudonyms = rows.map((row) => row[0]);
    expect(new Set(pseudonyms).size).toBe(rows.length);
    expect(pseudonyms).toEqual([...pseudonyms].sort());
    const groups = new Map<string, number>();
    for (const row of rows) {
      const key = [1, 2, 3, 4].map((i) => row[i]).join('|');
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    expect(Math.min(...groups.values())).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('computes in SQL the same pseudonym as HMAC-SHA256 in Node', async () => {
    const key = randomBytes(32);
    const { inner, outer } = hmacPads(key);
    const ids = ['00000000-0000-0000-0000-000000000000', 'f47ac10b-58cc-4372-a567-0e02b2c3d479'];
    for (const id of ids) {
      const [row]: { pseudonym: string }[] = await t.dataSource.query(
        `SELECT ${PSEUDONYM_SQL.replace('$4', '$2').replace('$5', '$3')} AS pseudonym
           FROM (SELECT $1::uuid AS id) p`,
        [id, inner, outer],
      );
      expect(row.pseudonym).toBe(createHmac('sha256', key).update(id).digest('hex').slice(0, 16));
    }
  });
});
