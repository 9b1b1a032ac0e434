import type { ApiError, AuditEntry, AuditExtract, Page, Participant } from '@stegvis/contracts';
import { todayIso } from '@stegvis/domain';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * The audit log as an admin reads it: a participant's short reference on the coach's record, the
 * admin's search by it (exactly the rows concerning that participation, sub-records included,
 * with user names), the printable extract for a period and its CSV, and who may do what.
 */
describe('audit log extract by participant reference, through HTTP', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

  async function world() {
    const programme = await factories.programme();
    const otherProgramme = await factories.programme();
    const enterprise = await factories.enterprise();
    const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    await t.dataSource.query(`UPDATE users SET name = 'Karin Coachsson' WHERE id = $1`, [
      coach.user.id,
    ]);
    const otherCoach = await factories.loggedIn(client, 'coach', {
      programmeIds: [otherProgramme.id],
    });
    const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
    const supervisor = await factories.loggedIn(client, 'supervisor', {
      enterpriseId: enterprise.id,
    });
    const admin = await factories.loggedIn(client, 'admin');
    await t.dataSource.query(`UPDATE users SET name = 'Adam Admin' WHERE id = $1`, [admin.user.id]);
    const participant = await factories.participant(programme.id, {
      responsibleCoachId: coach.user.id,
    });
    const other = await factories.participant(programme.id);
    return {
      programme,
      enterprise,
      coach,
      otherCoach,
      lead,
      supervisor,
      admin,
      participant,
      other,
    };
  }

  type World = Awaited<ReturnType<typeof world>>;

  /** The coach's reads and writes of the participant and their sub-records; their request ids. */
  async function coachWork(
    w: World,
  ): Promise<{ requestIds: string[]; reference: string; placementId: string }> {
    const token = w.coach.token;
    const ids: string[] = [];
    const call = async <T>(method: string, path: string, body?: unknown, headers = {}) => {
      const reply = await client.request<T>(method, path, { token, body, headers });
      expect({ path, status: reply.status < 300 ? 'ok' : reply.status }).toEqual({
        path,
        status: 'ok',
      });
      ids.push(reply.headers.get('x-request-id') ?? '');
      return reply.body;
    };
    const p = w.participant.id;
    const read = await call<Participant>('GET', `/api/participants/${p}`);
    await call('GET', `/api/participants?programmeId=${w.programme.id}`);
    await call(
      'PATCH',
      `/api/participants/${p}`,
      { municipality: 'Lund' },
      {
        'if-match': String(read.version),
      },
    );
    await call(
      'PUT',
      `/api/participants/${p}/action-plan`,
      {
        goal: 'Arbete inom handeln',
        steps: [{ text: 'Praktik i butik', status: 'planned' }],
      },
      { 'if-match': '0' },
    );
    await call('GET', `/api/participants/${p}/action-plan`);
    await call('POST', '/api/coaching-sessions', {
      at: '2026-03-12T10:00:00+01:00',
      durationMinutes: 45,
      kind: 'individual_coaching',
      mode: 'phone',
      participants: [{ participantId: p, attendance: 'attended' }],
    });
    const placement = await call<{ id: string }>('POST', '/api/placements', {
      participantId: p,
      enterpriseId: w.enterprise.id,
      kind: 'internship',
      startDate: '2026-04-01',
    });
    await call('PATCH', `/api/placements/${placement.id}`, { hoursPerWeek: 20 });
    await call('POST', `/api/placements/${placement.id}/follow-ups`, {
      date: todayIso(),
      mode: 'visit',
      daysPresent: 4,
      daysAbsent: 1,
      wellbeing: 4,
    });
    await call('GET', `/api/placements/${placement.id}/follow-ups`);
    await call('POST', `/api/participants/${p}/check-ins`, {
      instrumentId: await factories.defaultInstrumentId(),
      occasion: 'during',
      date: todayIso(),
      scores: { motivation: 3 },
    });
    await call('GET', `/api/participants/${p}/timeline`);
    return { requestIds: ids, reference: read.reference, placementId: placement.id };
  }

  async function search(token: string, query: string) {
    return client.request<Page<AuditEntry> & ApiError>('GET', `/api/audit-log?${query}`, {
      token,
    });
  }

  it('gives every participant a stable short reference on the record, unique and non-personal', async () => {
    const w = await world();
    const first = await client.request<Participant>(
      'GET',
      `/api/participants/${w.participant.id}`,
      {
        token: w.coach.token,
      },
    );
    expect(first.status).toBe(200);
    expect(first.body.reference).toMatch(/^P-[0-9A-F]{8}$/);
    const again = await client.request<Participant>(
      'GET',
      `/api/participants/${w.participant.id}`,
      {
        token: w.coach.token,
      },
    );
    expect(again.body.reference).toBe(first.body.reference);
    const other = await client.request<Participant>('GET', `/api/participants/${w.other.id}`, {
      token: w.coach.token,
    });
    expect(other.body.reference).not.toBe(first.body.reference);
    expect(first.body.reference).not.toContain(w.participant.id.slice(0, 8).toUpperCase());
    const [{ duplicates }] = (await t.dataSource.query(
      `SELECT count(*) - count(DISTINCT reference) AS duplicates FROM participants`,
    )) as { duplicates: string }[];
    expect(Number(duplicates)).toBe(0);
  });

  it('finds by reference exactly the rows of the coach’s reads and writes of the participant, sub-records included, with names', async () => {
    const w = await world();
    const start = new Date().toISOString();
    await pause();
    // Reads of someone else in the same programme are not in this participant's log.
    await client.request('GET', `/api/participants/${w.other.id}`, { token: w.coach.token });
    const { requestIds, reference, placementId } = await coachWork(w);
    // Another programme's coach is refused (404), on the record and on a sub-record of it: those
    // attempts are in the log too.
    const denied = await client.request('GET', `/api/participants/${w.participant.id}`, {
      token: w.otherCoach.token,
    });
    expect(denied.status).toBe(404);
    const deniedPlacement = await client.request('GET', `/api/placements/${placementId}`, {
      token: w.otherCoach.token,
    });
    expect(deniedPlacement.status).toBe(404);

    const reply = await search(
      w.admin.token,
      `participantRef=${reference.toLowerCase()}&from=${encodeURIComponent(start)}&limit=100`,
    );
    expect(reply.status).toBe(200);
    const items = reply.body.items;
    const coachRows = items.filter((e) => e.userId === w.coach.user.id);
    expect(coachRows.map((e) => e.requestId).sort()).toEqual([...requestIds].sort());
    expect(items).toHaveLength(requestIds.length + 2);
    for (const row of coachRows) {
      expect(row.userName).toBe('Karin Coachsson');
      expect(row.role).toBe('coach');
      expect(row.participantRefs[0]).toBe(reference);
    }
    expect(new Set(coachRows.map((e) => e.entity))).toEqual(
      new Set([
        'participant',
        'actionPlan',
        'coachingSession',
        'placement',
        'followUp',
        'checkIn',
        'timeline',
      ]),
    );
    expect(new Set(coachRows.map((e) => e.action))).toEqual(new Set(['read', 'update', 'create']));
    const refusals = items.filter((e) => e.userId === w.otherCoach.user.id);
    expect(refusals.map((e) => [e.action, e.status, e.entity]).sort()).toEqual([
      ['denied', 404, 'participant'],
      ['denied', 404, 'placement'],
    ]);
    // Newest first.
    expect(items.map((e) => Number(e.id))).toEqual(
      [...items.map((e) => Number(e.id))].sort((a, b) => b - a),
    );

    // Filters by user and action narrow it further; paging walks it.
    const updates = await search(
      w.admin.token,
      `participantRef=${reference}&userId=${w.coach.user.id}&action=update&from=${encodeURIComponent(start)}`,
    );
    expect(updates.body.items.map((e) => e.entity).sort()).toEqual([
      'actionPlan',
      'participant',
      'placement',
    ]);
    const page1 = await search(
      w.admin.token,
      `participantRef=${reference}&from=${encodeURIComponent(start)}&limit=5`,
    );
    expect(page1.body.items).toHaveLength(5);
    expect(page1.body.nextCursor).toBeTruthy();
    const page2 = await search(
      w.admin.token,
      `participantRef=${reference}&from=${encodeURIComponent(start)}&limit=5&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.items[0]?.id).toBe(items[5]?.id);

    // A disabled user keeps their name in the log.
    const disable = await client.request('PATCH', `/api/users/${w.coach.user.id}`, {
      token: w.admin.token,
      body: { disabled: true },
    });
    expect(disable.status).toBe(200);
    const later = await search(
      w.admin.token,
      `participantRef=${reference}&userId=${w.coach.user.id}`,
    );
    expect(later.body.items[0]).toMatchObject({ userName: 'Karin Coachsson', userDisabled: true });
  });

  it('answers a bad or unknown reference with a field error', async () => {
    const w = await world();
    const bad = await search(w.admin.token, 'participantRef=hello');
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.['participantRef']).toBeDefined();
    const unknown = await search(w.admin.token, 'participantRef=P-00000000');
    // (a random reference could in theory be P-00000000; the demo and test data are far too few)
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields?.['participantRef']?.[0]).toContain('No participant');
  });

  it('produces the extract for a period: oldest first, who produced it and when, and as CSV', async () => {
    const w = await world();
    const start = new Date().toISOString();
    await pause();
    const { requestIds, reference } = await coachWork(w);
    await pause();
    const end = new Date().toISOString();
    await pause();
    // After the period: not in the extract.
    await client.request('GET', `/api/participants/${w.participant.id}`, { token: w.coach.token });

    const path = `/api/audit-log/extract?participantRef=${reference}&from=${encodeURIComponent(start)}&to=${encodeURIComponent(end)}`;
    const reply = await client.request<AuditExtract>('GET', path, { token: w.admin.token });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      participantRef: reference,
      from: start,
      to: end,
      producedBy: { id: w.admin.user.id, name: 'Adam Admin', role: 'admin' },
      truncated: false,
    });
    expect(Date.now() - new Date(reply.body.producedAt).getTime()).toBeLessThan(60_000);
    expect(reply.body.items.map((e) => e.requestId)).toEqual(requestIds);
    expect(reply.body.items.every((e) => e.userName === 'Karin Coachsson')).toBe(true);

    const csv = await client.request<string>('GET', `${path}&format=csv`, { token: w.admin.token });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain(`stegvis-loggutdrag-${reference}`);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(`Loggutdrag för deltagare,${reference}`);
    expect(lines[2]).toBe('Framtaget av,Adam Admin (Administratör)');
    expect(csv.body).toContain('Tid (svensk tid),Användare,Roll,Händelse,Typ av uppgift');
    // The header block, an empty line, the column headings and one line per event.
    expect(lines).toHaveLength(6 + requestIds.length);
    expect(csv.body).toContain('Karin Coachsson,Coach,Läsning,Deltagare');
    expect(csv.body).toContain('Skapande,Uppföljning av placering');
    const english = await client.request<string>('GET', `${path}&format=csv&lang=en`, {
      token: w.admin.token,
    });
    expect(english.body).toContain('Karin Coachsson,Coach,Read,Participant');
  });

  it('is the admin’s alone, and the reference gives the admin no way into the record', async () => {
    const w = await world();
    const { reference } = await coachWork(w);
    const extract = `/api/audit-log/extract?participantRef=${reference}`;
    for (const actor of [w.coach, w.lead, w.supervisor]) {
      expect((await search(actor.token, `participantRef=${reference}`)).status).toBe(403);
      expect((await client.request('GET', extract, { token: actor.token })).status).toBe(403);
    }
    expect((await client.request('GET', extract, { token: w.admin.token })).status).toBe(200);
    // Still no case data for the admin: the record, its lists and its sub-records are refused.
    for (const path of [
      `/api/participants/${w.participant.id}`,
      `/api/participants?q=${reference}`,
      `/api/participants/${w.participant.id}/timeline`,
      `/api/participants/${w.participant.id}/action-plan`,
      `/api/participants/${w.participant.id}/export`,
    ]) {
      expect({
        path,
        status: (await client.request('GET', path, { token: w.admin.token })).status,
      }).toEqual({
        path,
        status: 403,
      });
    }
    // The extract itself names no participant: no name, no personnummer, no case field.
    const reply = await client.request<AuditExtract>('GET', extract, { token: w.admin.token });
    const text = JSON.stringify(reply.body);
    expect(text).not.toContain(w.participant.lastName ?? '-');
    expect(text).not.toContain('Lund');
    expect(text).not.toContain('handeln');
  });
});
