import type { ApiError, Page, Participant, ProgrammeCoach } from '@stegvis/contracts';
import { personnummerSearchOf } from '../src/modules/participants/participants.service';
import { Factories } from './support/factories';
import { ParticipantsFactories, personnummerFor } from './support/participants-factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/** The coach's "Uppgifter": details with If-Match, the audited reveal, personnummer search. */
describe('participant details through HTTP on a real database', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  let more: ParticipantsFactories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
    more = new ParticipantsFactories(t.dataSource);
  });
  afterAll(async () => t.close());

  async function coachWorld() {
    const programme = await factories.programme();
    const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    return { programme, coach: coach.user, token: coach.token };
  }

  function patch(token: string, id: string, body: unknown, version?: number) {
    return client.request<Participant & ApiError & { current?: Participant }>(
      'PATCH',
      `/api/participants/${id}`,
      { token, body, headers: version === undefined ? {} : { 'if-match': String(version) } },
    );
  }

  function search(token: string, text: string) {
    return client.request<Page<Participant>>(
      'GET',
      `/api/participants?limit=200&search=${encodeURIComponent(text)}`,
      { token },
    );
  }

  describe('PATCH with If-Match', () => {
    it('saves every details field at the current version, and answers a stale one with 409 and the record as it is now', async () => {
      const { programme, token } = await coachWorld();
      const colleague = await factories.user('coach', { programmeIds: [programme.id] });
      const p = await factories.participant(programme.id, { birthYear: 1990 });
      const pnr = personnummerFor('19910203');
      const saved = await patch(
        token,
        p.id,
        {
          firstName: 'Karin',
          lastName: 'Lind',
          personnummer: `${pnr.slice(0, 8)}-${pnr.slice(8)}`,
          gender: 'other',
          municipality: 'Eslöv',
          education: 'university',
          referredBy: 'social_insurance',
          responsibleCoachId: colleague.id,
          status: 'paused',
        },
        1,
      );
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        firstName: 'Karin',
        lastName: 'Lind',
        personnummer: `${pnr.slice(0, 8)}-****`,
        birthYear: 1991,
        gender: 'other',
        municipality: 'Eslöv',
        education: 'university',
        referredBy: 'social_insurance',
        responsibleCoachId: colleague.id,
        status: 'paused',
        version: 2,
      });

      // Another coach saved version 2 → 3 meanwhile; my save from version 2 is refused whole.
      expect((await patch(token, p.id, { municipality: 'Höör' }, 2)).status).toBe(200);
      const stale = await patch(token, p.id, { municipality: 'Lund', lastName: 'Linde' }, 2);
      expect(stale.status).toBe(409);
      expect(stale.body.current).toMatchObject({
        id: p.id,
        municipality: 'Höör',
        lastName: 'Lind',
        version: 3,
        personnummer: `${pnr.slice(0, 8)}-****`,
      });
      expect(JSON.stringify(stale.body)).not.toContain(pnr);
      expect(await more.row(p.id)).toMatchObject({ municipality: 'Höör', last_name: 'Lind' });

      const again = await patch(token, p.id, { municipality: 'Lund', lastName: 'Linde' }, 3);
      expect(again.body).toMatchObject({ municipality: 'Lund', lastName: 'Linde', version: 4 });
    });

    it('answers bad fields with 400 and a message per field, and changes nothing', async () => {
      const { programme, token } = await coachWorld();
      const otherProgramme = await factories.programme();
      const stranger = await factories.user('coach', { programmeIds: [otherProgramme.id] });
      const p = await factories.participant(programme.id, { birthYear: 1990 });
      const cases: [Record<string, unknown>, string][] = [
        [{ firstName: '' }, 'firstName'],
        [{ lastName: 'x'.repeat(101) }, 'lastName'],
        [{ personnummer: '19900230-1234' }, 'personnummer'],
        [{ birthYear: 1850 }, 'birthYear'],
        [{ gender: 'unknown' }, 'gender'],
        [{ education: 'phd' }, 'education'],
        [{ referredBy: 'friend' }, 'referredBy'],
        [{ responsibleCoachId: stranger.id }, 'responsibleCoachId'],
        [{ status: 'exited' }, 'status'],
        [{ protectedIdentity: null }, 'protectedIdentity'],
      ];
      for (const [body, field] of cases) {
        const reply = await patch(token, p.id, body, 1);
        expect({ field, status: reply.status }).toEqual({ field, status: 400 });
        expect(Object.keys(reply.body.fields ?? {})).toContain(field);
      }
      expect((await more.row(p.id))['version']).toBe(1);
    });

    it('does not answer a supervisor, a lead or a coach of another programme (404 or 403)', async () => {
      const { programme } = await coachWorld();
      const p = await factories.participant(programme.id);
      const other = await factories.loggedIn(client, 'coach', {
        programmeIds: [(await factories.programme()).id],
      });
      const otherReply = await patch(other.token, p.id, { municipality: 'Lund' }, 1);
      expect(otherReply.status).toBe(404);
      const enterprise = await factories.enterprise();
      const supervisor = await factories.loggedIn(client, 'supervisor', {
        enterpriseId: enterprise.id,
      });
      expect((await patch(supervisor.token, p.id, { municipality: 'Lund' }, 1)).status).toBe(403);
      expect((await more.row(p.id))['municipality']).not.toBe('Lund');
    });
  });

  describe('GET /api/participants/:id/personnummer', () => {
    it('reveals the full number to a coach of the programme and audits it as a read of the number', async () => {
      const { programme, coach, token } = await coachWorld();
      const pnr = personnummerFor('19850607');
      const p = await factories.participant(programme.id, { personnummer: pnr });
      const read = await client.request<Participant>('GET', `/api/participants/${p.id}`, {
        token,
      });
      expect(read.body.personnummer).toBe('19850607-****');
      const list = await search(token, p.lastName ?? '');
      expect(JSON.stringify(list.body)).not.toContain(pnr);

      const reveal = await client.request<{ personnummer: string | null }>(
        'GET',
        `/api/participants/${p.id}/personnummer`,
        { token },
      );
      expect(reveal.status).toBe(200);
      expect(reveal.body).toEqual({ personnummer: pnr });
      const audit: { action: string; entity: string; detail: Record<string, unknown> }[] =
        await t.dataSource.query(
          `SELECT action, entity, detail FROM audit_log
            WHERE entity_id = $1 AND user_id = $2 AND detail->>'permission' = 'participant.readPersonnummer'`,
          [p.id, coach.id],
        );
      expect(audit).toEqual([
        {
          action: 'read',
          entity: 'participant',
          detail: expect.objectContaining({ route: 'GET /api/participants/:id/personnummer' }),
        },
      ]);
      expect(JSON.stringify(audit)).not.toContain(pnr);

      const none = await factories.participant(programme.id, { personnummer: null });
      const empty = await client.request('GET', `/api/participants/${none.id}/personnummer`, {
        token,
      });
      expect(empty.body).toEqual({ personnummer: null });
    });

    it('answers 404 to a coach of another programme and 403 to a supervisor or a lead', async () => {
      const { programme } = await coachWorld();
      const p = await factories.participant(programme.id, {
        personnummer: personnummerFor('19850607'),
      });
      const other = await factories.loggedIn(client, 'coach', {
        programmeIds: [(await factories.programme()).id],
      });
      const path = `/api/participants/${p.id}/personnummer`;
      expect((await client.request('GET', path, { token: other.token })).status).toBe(404);
      const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
      expect((await client.request('GET', path, { token: lead.token })).status).toBe(403);
      const supervisor = await factories.loggedIn(client, 'supervisor', {
        enterpriseId: (await factories.enterprise()).id,
      });
      expect((await client.request('GET', path, { token: supervisor.token })).status).toBe(403);
    });
  });

  describe('caseload search by personnummer', () => {
    it('finds the full number (with or without dash or century) and the last four digits, only in the coach’s programmes', async () => {
      const { programme, token } = await coachWorld();
      const otherProgramme = await factories.programme();
      // Unique last four per test run, so other tests' rows don't match.
      let pnr = '';
      let lastFour = '';
      for (;;) {
        const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
        pnr = personnummerFor(
          `1977${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}${day}`,
        );
        lastFour = pnr.slice(8);
        const taken: unknown[] = await t.dataSource.query(
          `SELECT 1 FROM participants WHERE right(personnummer, 4) = $1`,
          [lastFour],
        );
        if (taken.length === 0) break;
      }
      const mine = await factories.participant(programme.id, { personnummer: pnr });
      const theirs = await factories.participant(otherProgramme.id, { personnummer: pnr });
      const forms = [
        pnr,
        `${pnr.slice(0, 8)}-${pnr.slice(8)}`,
        pnr.slice(2),
        `${pnr.slice(2, 8)}-${pnr.slice(8)}`,
        lastFour,
        ` ${lastFour} `,
      ];
      for (const form of forms) {
        const reply = await search(token, form);
        expect({ form, ids: reply.body.items.map((p) => p.id) }).toEqual({ form, ids: [mine.id] });
      }
      expect(JSON.stringify((await search(token, lastFour)).body)).not.toContain(pnr);
      const otherCoach = await factories.loggedIn(client, 'coach', {
        programmeIds: [otherProgramme.id],
      });
      const other = await search(otherCoach.token, lastFour);
      expect(other.body.items.map((p) => p.id)).toEqual([theirs.id]);
      // Another four digits, and a number that is not this one, find nothing.
      const wrong = String((Number(lastFour) + 1) % 10000).padStart(4, '0');
      const none = await search(token, wrong);
      expect(none.body.items.map((p) => p.id)).not.toContain(mine.id);
    });

    it('never lets a supervisor search by personnummer (no oracle for a number they may not see)', async () => {
      const programme = await factories.programme();
      const enterprise = await factories.enterprise();
      const pnr = personnummerFor('19660505');
      const p = await factories.participant(programme.id, { personnummer: pnr });
      await factories.placement(p.id, enterprise.id);
      const supervisor = await factories.loggedIn(client, 'supervisor', {
        enterpriseId: enterprise.id,
      });
      const all = await search(supervisor.token, '');
      expect(all.body.items.map((i) => i.id)).toContain(p.id);
      for (const form of [pnr, pnr.slice(8)]) {
        const reply = await search(supervisor.token, form);
        expect(reply.body.items.map((i) => i.id)).not.toContain(p.id);
      }
    });

    it.each([
      ['1234', { kind: 'last4', digits: '1234' }],
      ['19900101-1234', { kind: 'full', digits: '199001011234' }],
      ['199001011234', { kind: 'full', digits: '199001011234' }],
      ['900101-1234', { kind: 'short', digits: '9001011234' }],
      ['900101+1234', { kind: 'short', digits: '9001011234' }],
      ['Anna', null],
      ['12345', null],
      ['19900101--1234', null],
    ] as const)('reads %p as %p', (text, expected) => {
      expect(personnummerSearchOf(text)).toEqual(expected);
    });
  });

  describe('GET /api/programmes/:id/coaches', () => {
    it('lists the active coaches of the programme by name, 404 for a programme of others', async () => {
      const { programme, coach, token } = await coachWorld();
      const colleague = await factories.user('coach', { programmeIds: [programme.id] });
      await factories.user('coach', { programmeIds: [programme.id], disabled: true });
      await factories.user('lead', { programmeIds: [programme.id] });
      const reply = await client.request<Page<ProgrammeCoach>>(
        'GET',
        `/api/programmes/${programme.id}/coaches`,
        { token },
      );
      expect(reply.status).toBe(200);
      expect(reply.body.items.map((c) => c.id).sort()).toEqual([coach.id, colleague.id].sort());
      expect(Object.keys(reply.body.items[0] ?? {}).sort()).toEqual(['id', 'name']);
      const other = await client.request(
        'GET',
        `/api/programmes/${(await factories.programme()).id}/coaches`,
        { token },
      );
      expect(other.status).toBe(404);
    });
  });
});
