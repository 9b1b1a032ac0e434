import type { ProgrammeReport, ReportCell, ReportTableKey } from '@stegvis/contracts';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/*
 * Half-year counts with reduced records (issue 13, part 1): a participation registered without
 * consent keeps only gender and its start (and exit) month, so it counts in the half-year of that
 * month and no other; and every background table adds up to the participants in the period, the
 * reduced ones in its "unknown" row. Built through the HTTP API.
 *
 * Women W1–W4 and men M1–M3 enrolled in February 2025 with consent, born 1990, university,
 * under a year in support; M4–M6 in September 2025 likewise; M7 registered on 3 December 2025
 * without consent (reduced at once). (With M7 the only man starting in July–December, his 1 would
 * be the difference between the two half-years' men — a count the series protects — so three more
 * start then.)
 */
describe('reports: a reduced record counts in the half-year of its start month', () => {
  let t: TestApp;
  let client: Client;
  let programmeId: string;
  let leadToken: string;
  const report = async (from: string, to: string): Promise<ProgrammeReport> => {
    const reply = await client.request<ProgrammeReport>(
      'GET',
      `/api/programmes/${programmeId}/report?from=${from}&to=${to}`,
      { token: leadToken },
    );
    expect(reply.status).toBe(200);
    return reply.body;
  };
  const rows = (r: ProgrammeReport, key: ReportTableKey): ReportCell[][] =>
    r.tables.find((table) => table.key === key)?.rows ?? [];
  const row = (r: ProgrammeReport, key: ReportTableKey, label: string): ReportCell[] =>
    rows(r, key).find((cells) => cells[0] === label) ?? [];

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    const factories = new Factories(t.dataSource);
    const programme = await factories.programme({
      periodStart: '2025-01-01',
      periodEnd: '2026-12-31',
      suppressionThreshold: 3,
    });
    programmeId = programme.id;
    const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programmeId] });
    leadToken = (await factories.loggedIn(client, 'lead', { programmeIds: [programmeId] })).token;
    const register = async (gender: 'female' | 'male', enrolledAt: string, consent: boolean) => {
      const reply = await client.request('POST', '/api/participants', {
        token: coach.token,
        body: {
          programmeId,
          gender,
          enrolledAt,
          consent: consent
            ? { given: true, date: enrolledAt, formVersion: 'v1' }
            : { given: false },
          // A record without consent keeps none of these (the API drops them).
          ...(consent && {
            firstName: 'Deltagare',
            lastName: gender,
            birthYear: 1990,
            education: 'university',
            startSnapshot: {
              incomeSources: ['social_assistance'],
              timeInSupport: 'lt_1',
              occupation: 'job_seeking',
            },
          }),
        },
      });
      expect(reply.status).toBe(201);
    };
    for (let i = 0; i < 4; i++) await register('female', '2025-02-03', true);
    for (let i = 0; i < 3; i++) await register('male', '2025-02-03', true);
    for (let i = 0; i < 3; i++) await register('male', '2025-09-01', true);
    await register('male', '2025-12-03', false);
  }, 60_000);
  afterAll(async () => t.close());

  it('counts the December registration without consent in July–December only', async () => {
    const first = await report('2025-01-01', '2025-06-30');
    const second = await report('2025-07-01', '2025-12-31');
    // in_period: female, male, other, undisclosed, total
    expect(row(first, 'participation_flow', 'in_period')).toEqual(['in_period', 4, 3, 0, 0, 7]);
    expect(row(second, 'participation_flow', 'in_period')).toEqual(['in_period', 4, 7, 0, 0, 11]);
    expect(row(second, 'participation_flow', 'started')).toEqual(['started', 0, 4, 0, 0, 4]);
    expect(row(first, 'participants_by_gender', 'male')[2]).toBe(3);
    expect(row(second, 'participants_by_gender', 'male')[2]).toBe(7);
  });

  it.each(['age_bands', 'education', 'time_in_support'] as const)(
    'adds %s up to the participants in the period, the reduced record as unknown',
    async (key) => {
      for (const [from, to, total, unknown] of [
        ['2025-01-01', '2025-06-30', 7, 0],
        ['2025-07-01', '2025-12-31', 11, 1],
      ] as const) {
        const r = await report(from, to);
        const totalRow = row(r, key, 'total');
        expect(totalRow.at(-1)).toBe(total);
        const unknownRow = row(r, key, 'unknown');
        // One reduced man: 1 is below k = 3, so his cell is published as "<3" (or hidden as "x").
        expect(unknownRow.slice(1).filter((cell) => cell !== 0).length > 0).toBe(unknown > 0);
      }
    },
  );
});
