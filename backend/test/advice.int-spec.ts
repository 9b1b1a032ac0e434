import type {
  AdviceSession,
  ApiError,
  EntrepreneurContact,
  ProgrammeReport,
} from '@stegvis/contracts';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * Advice to entrepreneurs through HTTP (issue 14 part 3): contacts hold a name or initials, gender
 * and an enterprise or the idea stage; sessions are individual (one contact) or group. The rules
 * (400 naming the field, nothing saved), the scopes, and the final report's Tables 1–4 rebuilt
 * through the routes.
 */
describe('advice to entrepreneurs through HTTP', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  async function scene() {
    const [a, b] = [await factories.programme(), await factories.programme()];
    const x = await factories.enterprise({ name: 'Syfabriken Ekonomisk Förening' });
    return {
      a: a.id,
      b: b.id,
      x: x.id,
      coach: (await factories.loggedIn(client, 'coach', { programmeIds: [a.id] })).token,
      lead: (await factories.loggedIn(client, 'lead', { programmeIds: [a.id] })).token,
      coachB: (await factories.loggedIn(client, 'coach', { programmeIds: [b.id] })).token,
      admin: (await factories.loggedIn(client, 'admin')).token,
      supervisor: (await factories.loggedIn(client, 'supervisor', { enterpriseId: x.id })).token,
    };
  }

  const call = <T>(method: string, path: string, token: string, body?: unknown, ifMatch?: number) =>
    client.request<T & ApiError>(method, path, {
      token,
      body,
      headers: ifMatch === undefined ? undefined : { 'if-match': String(ifMatch) },
    });

  const count = async (table: string, programmeId: string) => {
    const [row] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE programme_id = $1`,
      [programmeId],
    )) as { n: number }[];
    return row?.n;
  };

  const contact = async (token: string, programmeId: string, body: object) => {
    const res = await call<EntrepreneurContact>(
      'POST',
      `/api/programmes/${programmeId}/entrepreneur-contacts`,
      token,
      body,
    );
    expect(res.status).toBe(201);
    return res.body;
  };

  it('records contacts and sessions, lists, changes and deletes them', async () => {
    const s = await scene();
    const anna = await contact(s.coach, s.a, {
      name: 'Anna K.',
      gender: 'female',
      enterpriseId: s.x,
    });
    expect(anna).toMatchObject({ name: 'Anna K.', gender: 'female', enterpriseId: s.x });
    expect(anna.enterpriseName).toBe('Syfabriken Ekonomisk Förening');
    const idea = await contact(s.lead, s.a, { name: 'M. S.', gender: 'male' });
    expect(idea.enterpriseId).toBeNull();

    const created = await call<AdviceSession>(
      'POST',
      `/api/programmes/${s.a}/advice-sessions`,
      s.coach,
      {
        date: '2026-03-04',
        kind: 'business_advice',
        format: 'group',
        durationMinutes: 90,
        contactIds: [anna.id, idea.id],
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.contactIds).toEqual([anna.id, idea.id].sort());

    const list = await call<{ items: AdviceSession[] }>(
      'GET',
      `/api/programmes/${s.a}/advice-sessions`,
      s.lead,
    );
    expect(list.body.items.map((x) => x.id)).toEqual([created.body.id]);

    const changed = await call<AdviceSession>(
      'PATCH',
      `/api/advice-sessions/${created.body.id}`,
      s.coach,
      { format: 'individual', contactIds: [anna.id] },
      created.body.version,
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ format: 'individual', contactIds: [anna.id], version: 2 });
    const stale = await call(
      'PATCH',
      `/api/advice-sessions/${created.body.id}`,
      s.coach,
      { durationMinutes: 30 },
      1,
    );
    expect(stale.status).toBe(409);

    // Removing a contact removes their part; the session stays.
    expect((await call('DELETE', `/api/entrepreneur-contacts/${idea.id}`, s.coach)).status).toBe(
      204,
    );
    expect((await call('GET', `/api/advice-sessions/${created.body.id}`, s.coach)).status).toBe(
      200,
    );
    expect((await call('DELETE', `/api/advice-sessions/${created.body.id}`, s.coach)).status).toBe(
      204,
    );
    expect(await count('advice_sessions', s.a)).toBe(0);
  });

  it('answers 400 naming the field and saves nothing', async () => {
    const s = await scene();
    const anna = await contact(s.coach, s.a, { name: 'Anna K.', gender: 'female' });
    const bo = await contact(s.coach, s.a, { name: 'Bo', gender: 'male' });
    const elsewhere = await contact(s.coachB, s.b, { name: 'C.', gender: 'female' });
    const session = {
      date: '2026-03-04',
      kind: 'life_coaching',
      format: 'individual',
      durationMinutes: 60,
      contactIds: [anna.id],
    };
    const cases: [object, string][] = [
      [{ ...session, contactIds: [anna.id, bo.id] }, 'contactIds'],
      [{ ...session, contactIds: [elsewhere.id] }, 'contactIds[0]'],
      [{ ...session, contactIds: [] }, 'contactIds'],
      [{ ...session, durationMinutes: 0 }, 'durationMinutes'],
      [{ ...session, durationMinutes: 30.5 }, 'durationMinutes'],
      [{ ...session, kind: 'therapy' }, 'kind'],
      [{ ...session, date: '2026-02-30' }, 'date'],
      [{ ...session, notes: 'no case data here' }, 'notes'],
    ];
    for (const [body, field] of cases) {
      const res = await call('POST', `/api/programmes/${s.a}/advice-sessions`, s.coach, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(Object.keys(res.body.fields ?? {})).toContain(field);
    }
    for (const [body, field] of [
      [{ name: '', gender: 'female' }, 'name'],
      [{ name: 'D.', gender: 'woman' }, 'gender'],
      [
        { name: 'D.', gender: 'female', enterpriseId: '00000000-0000-4000-8000-000000000000' },
        'enterpriseId',
      ],
      [{ name: 'D.', gender: 'female', personalNumber: '199001011234' }, 'personalNumber'],
    ] as [object, string][]) {
      const res = await call('POST', `/api/programmes/${s.a}/entrepreneur-contacts`, s.coach, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(Object.keys(res.body.fields ?? {})).toContain(field);
    }
    expect(await count('advice_sessions', s.a)).toBe(0);
    expect(await count('entrepreneur_contacts', s.a)).toBe(2);
  });

  it("reveals nothing of another programme's records; supervisors and admins have none", async () => {
    const s = await scene();
    const anna = await contact(s.coach, s.a, { name: 'Anna K.', gender: 'female' });
    expect((await call('GET', `/api/entrepreneur-contacts/${anna.id}`, s.coachB)).status).toBe(404);
    expect(
      (await call('GET', `/api/programmes/${s.a}/entrepreneur-contacts`, s.coachB)).status,
    ).toBe(404);
    expect(
      (
        await call('POST', `/api/programmes/${s.a}/advice-sessions`, s.coachB, {
          date: '2026-03-04',
          kind: 'other',
          format: 'individual',
          durationMinutes: 60,
          contactIds: [anna.id],
        })
      ).status,
    ).toBe(404);
    for (const token of [s.admin, s.supervisor]) {
      expect((await call('GET', `/api/entrepreneur-contacts/${anna.id}`, token)).status).toBe(403);
      expect((await call('GET', `/api/programmes/${s.a}/advice-sessions`, token)).status).toBe(403);
    }
  });

  // Nyttiga affärer 2.0's final report: 139 sessions (106 business advice, 33 life coaching) to
  // 46 people (36 women, 10 men); sessions by gender 106 / 33; mean 2.9 / 3.3 / 3.0.
  it("rebuilds the final report's Tables 1–4 through the advice routes", async () => {
    const s = await scene();
    const women = await Promise.all(
      Array.from({ length: 36 }, (_, i) =>
        contact(s.coach, s.a, {
          name: `K${i + 1}`,
          gender: 'female',
          enterpriseId: i % 2 ? s.x : null,
        }),
      ),
    );
    const men = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        contact(s.coach, s.a, { name: `M${i + 1}`, gender: 'male' }),
      ),
    );
    // 34 women × 3 + 2 women × 2 = 106 business advice; 3 men × 4 + 7 men × 3 = 33 life coaching.
    const plan: [string, string, number][] = [
      ...women.map((w, i): [string, string, number] => [w.id, 'business_advice', i < 34 ? 3 : 2]),
      ...men.map((m, i): [string, string, number] => [m.id, 'life_coaching', i < 3 ? 4 : 3]),
    ];
    for (const [contactId, kind, times] of plan) {
      for (let n = 0; n < times; n++) {
        const res = await call('POST', `/api/programmes/${s.a}/advice-sessions`, s.coach, {
          date: `2026-0${1 + n}-1${n}`,
          kind,
          format: 'individual',
          durationMinutes: 60,
          contactIds: [contactId],
        });
        expect(res.status).toBe(201);
      }
    }
    const report = await call<ProgrammeReport>(
      'GET',
      `/api/programmes/${s.a}/report?from=2026-01-01&to=2026-06-30`,
      s.lead,
    );
    expect(report.status).toBe(200);
    const rows = (key: string) => report.body.tables.find((x) => x.key === key)?.rows;
    expect(rows('advice_sessions_by_kind')).toEqual([
      ['business_advice', 106],
      ['life_coaching', 33],
      ['other', 0],
      ['total', 139],
    ]);
    expect(rows('people_advised_by_gender')).toEqual([
      ['female', 36],
      ['male', 10],
      ['other', 0],
      ['undisclosed', 0],
      ['total', 46],
    ]);
    expect(rows('advice_sessions_by_gender')).toEqual([
      ['female', 106],
      ['male', 33],
      ['other', 0],
      ['undisclosed', 0],
      ['total', 139],
    ]);
    expect(rows('mean_advice_sessions_by_gender')).toEqual([
      ['female', 2.9],
      ['male', 3.3],
      ['other', null],
      ['undisclosed', null],
      ['total', 3],
    ]);
  }, 300_000);
});
