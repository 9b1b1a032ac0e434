import type {
  Agreement,
  ApiError,
  EnterpriseEvent,
  Page,
  StartedEnterprise,
} from '@stegvis/contracts';
import { seedDemoEnterpriseSide } from '../src/seed/demo-enterprise-side';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * The enterprise side of a programme through HTTP (issue 14, parts 4–6): meeting places and
 * network events, agreements, enterprises started — the rules (each refusal a 400 naming the
 * field, nothing saved), the scopes (other programme → 404), and the supervisor's read-only view
 * of their own enterprise's agreements.
 */
describe('enterprise side through HTTP', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  /** Two programmes, two enterprises, and a user of every kind around them. */
  async function scene() {
    const [a, b] = [await factories.programme(), await factories.programme()];
    const [x, y] = [
      await factories.enterprise({ name: 'Returbutiken Ekonomisk Förening' }),
      await factories.enterprise({ name: 'Cykelverkstan Eskilstuna' }),
    ];
    return {
      a: a.id,
      b: b.id,
      x: x.id,
      y: y.id,
      coach: (await factories.loggedIn(client, 'coach', { programmeIds: [a.id] })).token,
      lead: (await factories.loggedIn(client, 'lead', { programmeIds: [a.id] })).token,
      coachB: (await factories.loggedIn(client, 'coach', { programmeIds: [b.id] })).token,
      admin: (await factories.loggedIn(client, 'admin')).token,
      supervisorX: (await factories.loggedIn(client, 'supervisor', { enterpriseId: x.id })).token,
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

  describe('meeting places and network events', () => {
    const meetingPlace = {
      date: '2026-03-12',
      title: 'Mötesplats socialt företagande',
      kind: 'meeting_place',
      attendeesTotal: 40,
      attendeesBySector: { public_sector: 28, social_entrepreneurs: 12 },
      attendeesByGender: { female: 26, male: 13, undisclosed: 1 },
    };

    it('records, lists, reads, changes and deletes an event; counts only', async () => {
      const s = await scene();
      const created = await call<EnterpriseEvent>(
        'POST',
        `/api/programmes/${s.a}/enterprise-events`,
        s.coach,
        meetingPlace,
      );
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        programmeId: s.a,
        date: '2026-03-12',
        title: 'Mötesplats socialt företagande',
        kind: 'meeting_place',
        attendeesTotal: 40,
        attendeesBySector: { public_sector: 28, social_entrepreneurs: 12, other: 0 },
        attendeesByGender: { female: 26, male: 13, other: 0, undisclosed: 1 },
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      // A total alone; a breakdown by sector alone gives the total.
      const totalOnly = await call<EnterpriseEvent>(
        'POST',
        `/api/programmes/${s.a}/enterprise-events`,
        s.lead,
        {
          date: '2026-04-02',
          title: 'Studiebesök Vägen ut!',
          kind: 'study_visit',
          attendeesTotal: 9,
        },
      );
      expect(totalOnly.status).toBe(201);
      expect(totalOnly.body).toMatchObject({
        attendeesTotal: 9,
        attendeesBySector: null,
        attendeesByGender: null,
      });

      const list = await call<Page<EnterpriseEvent>>(
        'GET',
        `/api/programmes/${s.a}/enterprise-events`,
        s.lead,
      );
      expect(list.status).toBe(200);
      expect(list.body.items.map((e) => e.id)).toEqual([totalOnly.body.id, created.body.id]);

      const id = created.body.id;
      const changed = await call<EnterpriseEvent>(
        'PATCH',
        `/api/enterprise-events/${id}`,
        s.coach,
        {
          title: 'Nätverksträff: finansiering',
          kind: 'network_meeting',
          attendeesBySector: { public_sector: 20, social_entrepreneurs: 15, other: 5 },
          attendeesTotal: 40,
        },
        1,
      );
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        title: 'Nätverksträff: finansiering',
        kind: 'network_meeting',
        attendeesTotal: 40,
        attendeesBySector: { public_sector: 20, social_entrepreneurs: 15, other: 5 },
        attendeesByGender: { female: 26, male: 13, other: 0, undisclosed: 1 },
        version: 2,
      });
      // A stale version is a 409 with the event as it is now.
      const stale = await call<{ current: EnterpriseEvent }>(
        'PATCH',
        `/api/enterprise-events/${id}`,
        s.coach,
        { title: 'Gammal' },
        1,
      );
      expect(stale.status).toBe(409);
      expect(stale.body.current.version).toBe(2);

      const deleted = await call('DELETE', `/api/enterprise-events/${id}`, s.lead);
      expect(deleted.status).toBe(204);
      expect((await call('GET', `/api/enterprise-events/${id}`, s.coach)).status).toBe(404);
      expect(await count('enterprise_events', s.a)).toBe(1);
    });

    it.each([
      [
        'a negative count',
        { attendeesBySector: { public_sector: -1, social_entrepreneurs: 12 } },
        'attendeesBySector.public_sector',
      ],
      [
        'a count that is not an integer',
        { attendeesTotal: 40.5, attendeesBySector: null },
        'attendeesTotal',
      ],
      ['a negative total', { attendeesTotal: -40, attendeesBySector: null }, 'attendeesTotal'],
      ['sectors that do not add up to the total', { attendeesTotal: 41 }, 'attendeesTotal'],
      [
        'genders that do not add up to the total',
        { attendeesByGender: { female: 30, male: 9 } },
        'attendeesByGender',
      ],
      [
        'a negative gender count',
        { attendeesByGender: { female: 41, male: -1 } },
        'attendeesByGender.male',
      ],
      [
        'neither a total nor sectors',
        { attendeesTotal: null, attendeesBySector: null },
        'attendeesTotal',
      ],
      ['an unknown kind', { kind: 'party' }, 'kind'],
      ['an impossible date', { date: '2026-02-30' }, 'date'],
      ['an empty title', { title: '  ' }, 'title'],
      ['an unknown field', { attendees: ['Anna'] }, 'attendees'],
      [
        'an unknown sector',
        { attendeesBySector: { public_sector: 28, business: 12 } },
        'attendeesBySector.business',
      ],
    ])('refuses %s with a 400 naming the field, saving nothing', async (_what, change, field) => {
      const s = await scene();
      const reply = await call('POST', `/api/programmes/${s.a}/enterprise-events`, s.coach, {
        ...meetingPlace,
        attendeesByGender: undefined,
        ...change,
      });
      expect(reply.status).toBe(400);
      expect(Object.keys(reply.body.fields ?? {})).toEqual([field]);
      expect(await count('enterprise_events', s.a)).toBe(0);
    });

    it('refuses a change that breaks the counts, leaving the event as it was', async () => {
      const s = await scene();
      const created = await call<EnterpriseEvent>(
        'POST',
        `/api/programmes/${s.a}/enterprise-events`,
        s.coach,
        meetingPlace,
      );
      const id = created.body.id;
      for (const [change, field] of [
        [
          { attendeesBySector: { public_sector: 30, social_entrepreneurs: 12 } },
          'attendeesByGender',
        ],
        [{ attendeesTotal: 39 }, 'attendeesTotal'],
        [{ attendeesByGender: { female: 1 }, title: 'Ny titel' }, 'attendeesByGender'],
      ] as const) {
        const reply = await call('PATCH', `/api/enterprise-events/${id}`, s.coach, change);
        expect({
          change,
          status: reply.status,
          fields: Object.keys(reply.body.fields ?? {}),
        }).toEqual({
          change,
          status: 400,
          fields: [field],
        });
      }
      const after = await call<EnterpriseEvent>('GET', `/api/enterprise-events/${id}`, s.coach);
      expect(after.body).toEqual(created.body);
    });

    it('answers 404 for another programme’s events and 403 to admins and supervisors', async () => {
      const s = await scene();
      const created = await call<EnterpriseEvent>(
        'POST',
        `/api/programmes/${s.a}/enterprise-events`,
        s.coach,
        meetingPlace,
      );
      const id = created.body.id;
      expect((await call('GET', `/api/programmes/${s.a}/enterprise-events`, s.coachB)).status).toBe(
        404,
      );
      expect(
        (await call('POST', `/api/programmes/${s.a}/enterprise-events`, s.coachB, meetingPlace))
          .status,
      ).toBe(404);
      for (const method of ['GET', 'PATCH', 'DELETE']) {
        const reply = await call(
          method,
          `/api/enterprise-events/${id}`,
          s.coachB,
          method === 'PATCH' ? { title: 'x' } : undefined,
        );
        expect({ method, status: reply.status }).toEqual({ method, status: 404 });
      }
      for (const token of [s.admin, s.supervisorX]) {
        expect((await call('GET', `/api/programmes/${s.a}/enterprise-events`, token)).status).toBe(
          403,
        );
        expect((await call('GET', `/api/enterprise-events/${id}`, token)).status).toBe(403);
      }
      expect(await count('enterprise_events', s.a)).toBe(1);
    });
  });

  describe('agreements', () => {
    const iop = (enterpriseId: string) => ({
      enterpriseId,
      kind: 'iop',
      counterparty: 'Eskilstuna kommun',
      startDate: '2026-02-01',
      endDate: '2027-01-31',
      workTrainingPlaces: 4,
    });

    it('records, lists (by programme and by enterprise), changes and deletes agreements', async () => {
      const s = await scene();
      const first = await call<Agreement>(
        'POST',
        `/api/programmes/${s.a}/agreements`,
        s.coach,
        iop(s.x),
      );
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        id: expect.any(String),
        programmeId: s.a,
        enterpriseId: s.x,
        enterpriseName: 'Returbutiken Ekonomisk Förening',
        kind: 'iop',
        counterparty: 'Eskilstuna kommun',
        startDate: '2026-02-01',
        endDate: '2027-01-31',
        workTrainingPlaces: 4,
        status: 'active',
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const second = await call<Agreement>('POST', `/api/programmes/${s.a}/agreements`, s.lead, {
        enterpriseId: s.y,
        kind: 'reserved_contract',
        counterparty: 'Region Sörmland',
        startDate: '2026-05-01',
        status: 'draft',
      });
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ endDate: null, workTrainingPlaces: 0, status: 'draft' });

      const list = await call<Page<Agreement>>('GET', `/api/programmes/${s.a}/agreements`, s.lead);
      expect(list.body.items.map((a) => a.id)).toEqual([second.body.id, first.body.id]);
      const ofX = await call<Page<Agreement>>('GET', `/api/enterprises/${s.x}/agreements`, s.coach);
      expect(ofX.body.items.map((a) => a.id)).toEqual([first.body.id]);

      const ended = await call<Agreement>(
        'PATCH',
        `/api/agreements/${first.body.id}`,
        s.coach,
        { status: 'ended', endDate: '2026-12-31', workTrainingPlaces: 3 },
        1,
      );
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({
        status: 'ended',
        endDate: '2026-12-31',
        workTrainingPlaces: 3,
        version: 2,
      });

      expect(
        (await call('DELETE', `/api/agreements/${second.body.id}`, s.coach, undefined, 1)).status,
      ).toBe(204);
      expect((await call('GET', `/api/agreements/${second.body.id}`, s.coach)).status).toBe(404);
      expect(await count('agreements', s.a)).toBe(1);
    });

    it.each([
      ['an end before the start', { endDate: '2026-01-31' }, 'endDate'],
      ['an ended agreement without an end', { endDate: null, status: 'ended' }, 'endDate'],
      ['negative work-training places', { workTrainingPlaces: -1 }, 'workTrainingPlaces'],
      ['an unknown kind', { kind: 'handshake' }, 'kind'],
      ['an unknown status', { status: 'signed' }, 'status'],
      ['no counterparty', { counterparty: '' }, 'counterparty'],
      [
        'an enterprise that does not exist',
        { enterpriseId: '00000000-0000-4000-8000-000000000000' },
        'enterpriseId',
      ],
      ['an unknown field', { signedBy: 'Anna Andersson' }, 'signedBy'],
    ])('refuses %s with a 400 naming the field, saving nothing', async (_what, change, field) => {
      const s = await scene();
      const reply = await call('POST', `/api/programmes/${s.a}/agreements`, s.coach, {
        ...iop(s.x),
        ...change,
      });
      expect(reply.status).toBe(400);
      expect(Object.keys(reply.body.fields ?? {})).toEqual([field]);
      expect(await count('agreements', s.a)).toBe(0);
    });

    it('refuses a change that ends it before it starts, leaving it as it was', async () => {
      const s = await scene();
      const created = await call<Agreement>(
        'POST',
        `/api/programmes/${s.a}/agreements`,
        s.coach,
        iop(s.x),
      );
      for (const change of [
        { startDate: '2027-02-01' },
        { endDate: '2026-01-01' },
        { endDate: null, status: 'ended' },
      ]) {
        const reply = await call('PATCH', `/api/agreements/${created.body.id}`, s.coach, change);
        expect({
          change,
          status: reply.status,
          fields: Object.keys(reply.body.fields ?? {}),
        }).toEqual({
          change,
          status: 400,
          fields: ['endDate'],
        });
      }
      // The enterprise of an agreement is not among the fields a change may set.
      const moved = await call('PATCH', `/api/agreements/${created.body.id}`, s.coach, {
        enterpriseId: s.y,
      });
      expect(moved.status).toBe(400);
      expect(moved.body.fields).toHaveProperty(['enterpriseId']);
      const after = await call<Agreement>('GET', `/api/agreements/${created.body.id}`, s.coach);
      expect(after.body).toEqual(created.body);
    });

    it('shows a supervisor their own enterprise’s agreements, read-only, and nothing of others', async () => {
      const s = await scene();
      const inA = await call<Agreement>(
        'POST',
        `/api/programmes/${s.a}/agreements`,
        s.coach,
        iop(s.x),
      );
      const inB = await call<Agreement>('POST', `/api/programmes/${s.b}/agreements`, s.coachB, {
        ...iop(s.x),
        kind: 'social_procurement',
        counterparty: 'Katrineholms kommun',
      });
      const atY = await call<Agreement>(
        'POST',
        `/api/programmes/${s.a}/agreements`,
        s.coach,
        iop(s.y),
      );
      expect([inA.status, inB.status, atY.status]).toEqual([201, 201, 201]);

      const own = await call<Page<Agreement>>(
        'GET',
        `/api/enterprises/${s.x}/agreements`,
        s.supervisorX,
      );
      expect(own.status).toBe(200);
      expect(own.body.items.map((a) => a.id).sort()).toEqual([inA.body.id, inB.body.id].sort());
      expect((await call('GET', `/api/agreements/${inA.body.id}`, s.supervisorX)).status).toBe(200);

      expect((await call('GET', `/api/enterprises/${s.y}/agreements`, s.supervisorX)).status).toBe(
        404,
      );
      expect((await call('GET', `/api/agreements/${atY.body.id}`, s.supervisorX)).status).toBe(404);
      expect((await call('GET', `/api/programmes/${s.a}/agreements`, s.supervisorX)).status).toBe(
        403,
      );
      expect(
        (await call('POST', `/api/programmes/${s.a}/agreements`, s.supervisorX, iop(s.x))).status,
      ).toBe(403);
      expect(
        (
          await call('PATCH', `/api/agreements/${inA.body.id}`, s.supervisorX, {
            workTrainingPlaces: 9,
          })
        ).status,
      ).toBe(403);
      expect((await call('DELETE', `/api/agreements/${inA.body.id}`, s.supervisorX)).status).toBe(
        403,
      );

      // A coach sees the enterprise's agreements of their own programme only.
      const coachB = await call<Page<Agreement>>(
        'GET',
        `/api/enterprises/${s.x}/agreements`,
        s.coachB,
      );
      expect(coachB.body.items.map((a) => a.id)).toEqual([inB.body.id]);
      expect((await call('GET', `/api/agreements/${inA.body.id}`, s.coachB)).status).toBe(404);
      expect(
        (await call('PATCH', `/api/agreements/${inA.body.id}`, s.coachB, { workTrainingPlaces: 9 }))
          .status,
      ).toBe(404);
      expect((await call('GET', `/api/programmes/${s.a}/agreements`, s.coachB)).status).toBe(404);
      expect((await call('GET', `/api/agreements/${inA.body.id}`, s.admin)).status).toBe(403);

      // Reads are audited: the supervisor's view of the agreement is in the log.
      const rows = (await t.dataSource.query(
        `SELECT action FROM audit_log WHERE entity = 'agreement' AND entity_id = $1 AND action = 'read'`,
        [inA.body.id],
      )) as unknown[];
      expect(rows.length).toBeGreaterThanOrEqual(1);
    });
  });

  describe('enterprises started', () => {
    it('records a registered enterprise or a name, lists, changes and deletes', async () => {
      const s = await scene();
      const registered = await call<StartedEnterprise>(
        'POST',
        `/api/programmes/${s.a}/enterprises-started`,
        s.coach,
        { enterpriseId: s.x, startedOn: '2026-06-01', isAsf: true },
      );
      expect(registered.status).toBe(201);
      expect(registered.body).toEqual({
        id: expect.any(String),
        programmeId: s.a,
        enterpriseId: s.x,
        name: 'Returbutiken Ekonomisk Förening',
        startedOn: '2026-06-01',
        isAsf: true,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const named = await call<StartedEnterprise>(
        'POST',
        `/api/programmes/${s.a}/enterprises-started`,
        s.lead,
        { name: 'Syateljén Linnea', startedOn: '2026-09-15', isAsf: false },
      );
      expect(named.status).toBe(201);
      expect(named.body).toMatchObject({
        enterpriseId: null,
        name: 'Syateljén Linnea',
        isAsf: false,
      });

      const list = await call<Page<StartedEnterprise>>(
        'GET',
        `/api/programmes/${s.a}/enterprises-started`,
        s.coach,
      );
      expect(list.body.items.map((e) => e.id)).toEqual([named.body.id, registered.body.id]);

      // Registered later: the name gives way to the enterprise.
      const linked = await call<StartedEnterprise>(
        'PATCH',
        `/api/enterprises-started/${named.body.id}`,
        s.coach,
        { enterpriseId: s.y, isAsf: true },
        1,
      );
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({
        enterpriseId: s.y,
        name: 'Cykelverkstan Eskilstuna',
        isAsf: true,
        version: 2,
      });

      expect(
        (await call('DELETE', `/api/enterprises-started/${registered.body.id}`, s.coach)).status,
      ).toBe(204);
      expect(await count('started_enterprises', s.a)).toBe(1);
    });

    it.each([
      ['neither an enterprise nor a name', { enterpriseId: undefined }, 'enterpriseId'],
      ['both an enterprise and a name', { name: 'Dubbel' }, 'name'],
      [
        'an enterprise that does not exist',
        { enterpriseId: '00000000-0000-4000-8000-000000000000' },
        'enterpriseId',
      ],
      ['no ASF answer', { isAsf: undefined }, 'isAsf'],
      ['an impossible date', { startedOn: '2026-13-01' }, 'startedOn'],
      ['an unknown field', { founder: 'Anna' }, 'founder'],
    ])('refuses %s with a 400 naming the field, saving nothing', async (_what, change, field) => {
      const s = await scene();
      const reply = await call('POST', `/api/programmes/${s.a}/enterprises-started`, s.coach, {
        enterpriseId: s.x,
        startedOn: '2026-06-01',
        isAsf: true,
        ...change,
      });
      expect(reply.status).toBe(400);
      expect(Object.keys(reply.body.fields ?? {})).toEqual([field]);
      expect(await count('started_enterprises', s.a)).toBe(0);
    });

    it('records an enterprise as started once per programme, and 404s other programmes', async () => {
      const s = await scene();
      const body = { enterpriseId: s.x, startedOn: '2026-06-01', isAsf: true };
      const first = await call<StartedEnterprise>(
        'POST',
        `/api/programmes/${s.a}/enterprises-started`,
        s.coach,
        body,
      );
      expect(first.status).toBe(201);
      const again = await call('POST', `/api/programmes/${s.a}/enterprises-started`, s.coach, body);
      expect(again.status).toBe(400);
      expect(Object.keys(again.body.fields ?? {})).toEqual(['enterpriseId']);
      expect(await count('started_enterprises', s.a)).toBe(1);

      expect(
        (await call('GET', `/api/programmes/${s.a}/enterprises-started`, s.coachB)).status,
      ).toBe(404);
      expect(
        (await call('POST', `/api/programmes/${s.a}/enterprises-started`, s.coachB, body)).status,
      ).toBe(404);
      expect(
        (await call('GET', `/api/enterprises-started/${first.body.id}`, s.coachB)).status,
      ).toBe(404);
      expect(
        (await call('DELETE', `/api/enterprises-started/${first.body.id}`, s.coachB)).status,
      ).toBe(404);
      expect(
        (await call('GET', `/api/enterprises-started/${first.body.id}`, s.supervisorX)).status,
      ).toBe(403);
      expect((await call('GET', `/api/enterprises-started/${first.body.id}`, s.admin)).status).toBe(
        403,
      );
      expect(await count('started_enterprises', s.a)).toBe(1);
    });
  });
  describe('demo data', () => {
    it('seeds events, agreements and enterprises started that the routes show as recorded', async () => {
      const s = await scene();
      await t.dataSource.transaction((m) =>
        seedDemoEnterpriseSide(m, { programmeId: s.a, enterpriseA: s.x, enterpriseB: s.y }),
      );
      const events = await call<Page<EnterpriseEvent>>(
        'GET',
        `/api/programmes/${s.a}/enterprise-events`,
        s.coach,
      );
      expect(events.body.items.find((e) => e.kind === 'meeting_place')).toMatchObject({
        attendeesTotal: 40,
        attendeesBySector: { public_sector: 28, social_entrepreneurs: 12, other: 0 },
      });
      expect(events.body.items).toHaveLength(4);
      const agreements = await call<Page<Agreement>>(
        'GET',
        `/api/programmes/${s.a}/agreements`,
        s.lead,
      );
      // "3 avtal har slutits": three concluded, a fourth still a draft.
      expect(agreements.body.items.filter((a) => a.status !== 'draft')).toHaveLength(3);
      expect(agreements.body.items.map((a) => a.kind).sort()).toEqual([
        'iop',
        'other_cooperation',
        'reserved_contract',
        'social_procurement',
      ]);
      const own = await call<Page<Agreement>>(
        'GET',
        `/api/enterprises/${s.x}/agreements`,
        s.supervisorX,
      );
      expect(own.body.items.map((a) => a.counterparty).sort()).toEqual([
        'Malmö stad (demo)',
        'Region Skåne (demo)',
      ]);
      const started = await call<Page<StartedEnterprise>>(
        'GET',
        `/api/programmes/${s.a}/enterprises-started`,
        s.coach,
      );
      expect(started.body.items.map((e) => e.name)).toEqual([
        'Sömnadskooperativet Tråden (demo)',
        'Cykelverkstan Eskilstuna',
      ]);
    });
  });
});
