import type { ProgrammeReport } from '@stegvis/contracts';
import { halfYearKeyOf, type ReportPeriod, reportPeriodOf, todayIso } from '@stegvis/domain';
import { ReportDatabase } from '../src/database/report-database';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/*
 * Reports and exports with DATABASE_REPLICA_URL (docs/deploy.md): the facts are read through the
 * second pool, in read-only snapshots; everything the report path writes (audit rows, download
 * slots, fixed half-years) goes to the primary. A real streaming standby is proved by
 * `npm run topology` (pg_basebackup, lag, replay paused); here the "replica" is the test database
 * itself reached through the replica pool, so that the routing is checked on every run, on
 * PostgreSQL and PGlite: a write sent through that pool fails (READ ONLY), so the report routes
 * passing show that none is.
 */
describe('reports read from DATABASE_REPLICA_URL', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_REPLICA_URL: process.env['DATABASE_URL'] as string });
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  async function programmeWithLead(periodStart: string, readOnce = true) {
    const programme = await factories.programme({ periodStart, suppressionThreshold: 3 });
    const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
    for (let i = 0; i < 6; i++) {
      await factories.participant(programme.id, {
        gender: i % 2 === 0 ? 'female' : 'male',
        enrolledAt: periodStart,
        consentDate: periodStart,
        birthYear: 1990,
      });
    }
    // The first reading of the current half-year fixes the one before it (ended more than 30
    // days ago): that reading is decided on the primary; the next ones read the replica.
    if (readOnce) {
      const period = current();
      const first = await client.request<ProgrammeReport>(
        'GET',
        `/api/programmes/${programme.id}/report?from=${period.from}&to=${period.to}`,
        { token: lead.token },
      );
      expect(first.status).toBe(200);
    }
    return { programme, lead };
  }

  const current = () => reportPeriodOf(halfYearKeyOf(todayIso())) as ReportPeriod;

  it('serves the report from the replica pool with how current its data is, audited on the primary', async () => {
    const period = current();
    const { programme, lead } = await programmeWithLead(period.from);
    const reply = await client.request<ProgrammeReport>(
      'GET',
      `/api/programmes/${programme.id}/report?from=${period.from}&to=${period.to}`,
      { token: lead.token },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.readFrom).toBe('replica');
    expect(reply.body.dataAsOf).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    // Not a standby here: its data is current.
    expect(reply.body.dataAgeSeconds).toBe(0);
    const audited: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'report' AND entity_id = $1`,
      [programme.id],
    );
    expect(audited[0]?.n).toBe(2);
  });

  it('fixes a half-year from the primary, then serves it from the replica unchanged', async () => {
    const { programme, lead } = await programmeWithLead('2025-01-01', false);
    const path = `/api/programmes/${programme.id}/report?from=2025-01-01&to=2025-06-30`;
    const first = await client.request<ProgrammeReport>('GET', path, { token: lead.token });
    expect(first.status).toBe(200);
    // Ended more than 30 days ago: fixed on this reading, decided on the primary's facts.
    expect({ readFrom: first.body.readFrom, fixedOn: first.body.fixedOn }).toEqual({
      readFrom: 'primary',
      fixedOn: todayIso(),
    });
    const stored: { n: number }[] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM report_publications WHERE programme_id = $1',
      [programme.id],
    );
    expect(stored[0]?.n).toBe(1);
    const again = await client.request<ProgrammeReport>('GET', path, { token: lead.token });
    expect(again.body.readFrom).toBe('replica');
    expect(again.body.tables).toEqual(first.body.tables);
    expect(again.body.fixedOn).toBe(first.body.fixedOn);
  });

  it('marks report files and exports with where they were read and when the data was current', async () => {
    const period = current();
    const { programme, lead } = await programmeWithLead(period.from);
    const csv = await client.request<string>(
      'GET',
      `/api/programmes/${programme.id}/report?from=${period.from}&to=${period.to}&format=csv&lang=en`,
      { token: lead.token },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('x-stegvis-read-from')).toBe('replica');
    expect(csv.headers.get('x-stegvis-data-as-of')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(csv.body.trimEnd().split('\n').at(-1)).toMatch(/^Data as of,\d{4}-\d\d-\d\dT/);

    const exported = await client.request<string>(
      'GET',
      `/api/programmes/${programme.id}/export?format=csv`,
      { token: lead.token },
    );
    expect(exported.status).toBe(200);
    expect(exported.headers.get('x-stegvis-read-from')).toBe('replica');
    expect(exported.headers.get('x-stegvis-data-as-of')).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('reads through a read-only transaction: a write sent through the replica pool fails', async () => {
    const database = t.app.get(ReportDatabase);
    await expect(
      database.read((m) => m.query(`INSERT INTO rate_limits (key) VALUES ('never')`)),
    ).rejects.toThrow(/read-only transaction/);
  });
});
