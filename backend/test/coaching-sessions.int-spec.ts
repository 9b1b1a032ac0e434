import type { ApiError, CoachingSession, Page } from '@stegvis/contracts';
import { randomUUID } from 'node:crypto';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

describe('coaching sessions through HTTP', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  async function setup() {
    const programme = await factories.programme();
    const { user: coach, token } = await factories.loggedIn(client, 'coach', {
      programmeIds: [programme.id],
    });
    const participants = [
      await factories.participant(programme.id),
      await factories.participant(programme.id, { gender: 'male' }),
      await factories.participant(programme.id, {
        consentGiven: false,
        firstName: null,
        lastName: null,
        reducedAt: new Date(),
      }),
    ];
    return { programme, coach, token, participants };
  }

  const session = (participantIds: string[], overrides: Record<string, unknown> = {}) => ({
    at: '2026-03-10T09:00:00+01:00',
    durationMinutes: 60,
    kind: participantIds.length > 1 ? 'group_workshop' : 'individual_coaching',
    mode: 'on_site',
    participants: participantIds.map((participantId) => ({
      participantId,
      attendance: 'attended',
    })),
    ...overrides,
  });

  const post = (token: string, body: unknown) =>
    client.request<CoachingSession>('POST', '/api/coaching-sessions', { token, body });
  const patch = (token: string, id: string, body: unknown) =>
    client.request<CoachingSession>('PATCH', `/api/coaching-sessions/${id}`, { token, body });
  const list = (token: string, query: string) =>
    client.request<Page<CoachingSession>>('GET', `/api/coaching-sessions?${query}`, { token });

  describe('logging a session', () => {
    it('creates an individual session with attendance, authored by the caller, in the participant’s programme', async () => {
      const { programme, coach, token, participants } = await setup();
      const reply = await post(
        token,
        session([participants[0]!.id], { notes: '  Pratade om praktik.  ', mode: 'digital' }),
      );
      expect(reply.status).toBe(201);
      expect(reply.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        programmeId: programme.id,
        at: '2026-03-10T08:00:00.000Z',
        durationMinutes: 60,
        kind: 'individual_coaching',
        mode: 'digital',
        coachId: coach.id,
        participants: [{ participantId: participants[0]!.id, attendance: 'attended' }],
        notes: 'Pratade om praktik.',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const read = await client.request<CoachingSession>(
        'GET',
        `/api/coaching-sessions/${reply.body.id}`,
        { token },
      );
      expect(read.body).toEqual(reply.body);
      const audit = (await t.dataSource.query(
        `SELECT action, entity FROM audit_log WHERE entity_id = $1 ORDER BY at, id`,
        [reply.body.id],
      )) as { action: string; entity: string }[];
      expect(audit).toEqual([
        { action: 'create', entity: 'coachingSession' },
        { action: 'read', entity: 'coachingSession' },
      ]);
    });

    it('creates a group workshop session with mixed attendance; refuses a participant whose record is reduced', async () => {
      const { token, participants } = await setup();
      const [a, b, reduced] = participants.map((p) => p.id) as [string, string, string];
      const reply = await post(token, {
        ...session([a, b]),
        participants: [
          { participantId: a, attendance: 'attended' },
          { participantId: b, attendance: 'no_show' },
        ],
      });
      expect(reply.status).toBe(201);
      expect(reply.body.kind).toBe('group_workshop');
      expect(reply.body.notes).toBeNull();
      expect(
        [...reply.body.participants].sort((x, y) => x.participantId.localeCompare(y.participantId)),
      ).toEqual(
        [
          { participantId: a, attendance: 'attended' },
          { participantId: b, attendance: 'no_show' },
        ].sort((x, y) => x.participantId.localeCompare(y.participantId)),
      );
      const rows = (await t.dataSource.query(
        'SELECT count(*)::int AS n FROM session_attendances WHERE session_id = $1',
        [reply.body.id],
      )) as { n: number }[];
      expect(rows[0]?.n).toBe(2);

      // Without consent Stegvis keeps no case data about the person, attendance included.
      const refused = await post(token, {
        ...session([a, reduced]),
        participants: [
          { participantId: a, attendance: 'attended' },
          { participantId: reduced, attendance: 'cancelled' },
        ],
      });
      expect(refused.status).toBe(400);
      expect(Object.keys((refused.body as unknown as ApiError).fields ?? {})).toEqual([
        'participants.1.participantId',
      ]);
    });

    it('answers 400 with field messages for bad input', async () => {
      const { token, participants } = await setup();
      const id = participants[0]!.id;
      const cases: [Record<string, unknown>, string][] = [
        [session([id], { at: '2026-03-10' }), 'at'],
        [session([id], { at: '2026-03-10T09:00:00' }), 'at'],
        [session([id], { at: '2026-02-30T09:00:00Z' }), 'at'],
        [session([id], { at: '1999-12-31T09:00:00Z' }), 'at'],
        [session([id], { durationMinutes: 0 }), 'durationMinutes'],
        [session([id], { durationMinutes: 1441 }), 'durationMinutes'],
        [session([id], { durationMinutes: 1.5 }), 'durationMinutes'],
        [session([id], { kind: 'therapy' }), 'kind'],
        [session([id], { mode: 'letter' }), 'mode'],
        [session([id], { notes: 5 }), 'notes'],
        [session([id], { colour: 'red' }), 'colour'],
        [session([]), 'participants'],
        [
          session([id], { participants: [{ participantId: id, attendance: 'late' }] }),
          'participants.0.attendance',
        ],
        [
          session([id], { participants: [{ participantId: 'x', attendance: 'attended' }] }),
          'participants.0.participantId',
        ],
        [session([id], { participants: [{ participantId: id }] }), 'participants.0.attendance'],
        [
          session([id], {
            participants: Array.from({ length: 201 }, () => ({
              participantId: randomUUID(),
              attendance: 'attended',
            })),
            kind: 'group_workshop',
          }),
          'participants',
        ],
        [session([id, id]), 'participants.1.participantId'],
        [session([id, participants[1]!.id], { kind: 'individual_coaching' }), 'participants'],
        [session([id, participants[1]!.id], { kind: 'follow_up_visit' }), 'participants'],
      ];
      for (const [body, field] of cases) {
        const reply = await client.request<ApiError>('POST', '/api/coaching-sessions', {
          token,
          body,
        });
        expect({ field, status: reply.status }).toEqual({ field, status: 400 });
        expect({ field, fields: Object.keys(reply.body.fields ?? {}) }).toEqual({
          field,
          fields: expect.arrayContaining([field]),
        });
      }
      const count = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM session_attendances WHERE participant_id = $1`,
        [id],
      )) as { n: number }[];
      expect(count[0]?.n).toBe(0);
    });

    it('allows business advice for several participants', async () => {
      const { token, participants } = await setup();
      const reply = await post(
        token,
        session([participants[0]!.id, participants[1]!.id], { kind: 'business_advice' }),
      );
      expect(reply.status).toBe(201);
    });
  });

  describe('scope', () => {
    it('refuses a participant outside the caller’s scope exactly like one that does not exist', async () => {
      const { token, participants } = await setup();
      const elsewhere = await factories.participant((await factories.programme()).id);
      const erased = await factories.participant(participants[0]!.programmeId, {
        erasedAt: new Date(),
      });
      const replies = await Promise.all(
        [elsewhere.id, randomUUID(), erased.id].map((id) =>
          client.request<ApiError>('POST', '/api/coaching-sessions', {
            token,
            body: session([participants[0]!.id, id]),
          }),
        ),
      );
      for (const reply of replies) {
        expect(reply.status).toBe(400);
        expect(reply.body.fields).toEqual({
          'participants.1.participantId': ['No such participant.'],
        });
      }
      expect(replies[0]!.body).toEqual(replies[1]!.body);
    });

    it('refuses participants from two programmes in one session', async () => {
      const [p1, p2] = [await factories.programme(), await factories.programme()];
      const { token } = await factories.loggedIn(client, 'coach', { programmeIds: [p1.id, p2.id] });
      const a = await factories.participant(p1.id);
      const b = await factories.participant(p2.id);
      const reply = await client.request<ApiError>('POST', '/api/coaching-sessions', {
        token,
        body: session([a.id, b.id]),
      });
      expect(reply.status).toBe(400);
      expect(reply.body.fields).toEqual({
        participants: ['All participants of a session must belong to the same programme.'],
      });
    });

    it('hides sessions of other programmes: 404 to read or edit, left out of lists', async () => {
      const { token, participants } = await setup();
      const created = await post(token, session([participants[0]!.id]));
      const other = await factories.loggedIn(client, 'coach', {
        programmeIds: [(await factories.programme()).id],
      });
      const path = `/api/coaching-sessions/${created.body.id}`;
      expect((await client.request('GET', path, { token: other.token })).status).toBe(404);
      expect((await patch(other.token, created.body.id, { durationMinutes: 5 })).status).toBe(404);
      expect(
        (await client.request('GET', `/api/coaching-sessions/${randomUUID()}`, { token })).status,
      ).toBe(404);
      const theirs = await list(other.token, `participantId=${participants[0]!.id}`);
      expect(theirs.status).toBe(200);
      expect(theirs.body.items).toEqual([]);
    });

    it('is for coaches only: a supervisor of the participant gets 403 everywhere', async () => {
      const { token, participants } = await setup();
      const created = await post(token, session([participants[0]!.id]));
      const enterprise = await factories.enterprise();
      const supervisor = await factories.loggedIn(client, 'supervisor', {
        enterpriseId: enterprise.id,
      });
      await factories.placement(participants[0]!.id, enterprise.id, [supervisor.user.id]);
      for (const [method, path] of [
        ['GET', '/api/coaching-sessions'],
        ['GET', `/api/coaching-sessions/${created.body.id}`],
        ['PATCH', `/api/coaching-sessions/${created.body.id}`],
        ['POST', '/api/coaching-sessions'],
      ] as const) {
        const reply = await client.request<ApiError>(method, path, {
          token: supervisor.token,
          body: method === 'GET' ? undefined : session([participants[0]!.id]),
        });
        expect({ path, status: reply.status }).toEqual({ path, status: 403 });
        expect(JSON.stringify(reply.body)).not.toContain('Anteckning');
      }
    });
  });

  describe('editing', () => {
    it('lets the author change time, duration, kind, mode, notes and attendance; the change is audited', async () => {
      const { token, participants } = await setup();
      const [a, b] = participants.map((p) => p.id) as [string, string];
      const created = await post(token, session([a], { notes: 'Första' }));
      const reply = await patch(token, created.body.id, {
        at: '2026-03-11T13:30:00Z',
        durationMinutes: 90,
        kind: 'group_workshop',
        mode: 'phone',
        notes: null,
        participants: [
          { participantId: a, attendance: 'no_show' },
          { participantId: b, attendance: 'attended' },
        ],
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        id: created.body.id,
        at: '2026-03-11T13:30:00.000Z',
        durationMinutes: 90,
        kind: 'group_workshop',
        mode: 'phone',
        notes: null,
      });
      expect(reply.body.participants).toHaveLength(2);
      expect(reply.body.participants).toContainEqual({ participantId: a, attendance: 'no_show' });
      expect(new Date(reply.body.updatedAt).getTime()).toBeGreaterThanOrEqual(
        new Date(created.body.updatedAt).getTime(),
      );
      const partial = await patch(token, created.body.id, { durationMinutes: 30 });
      expect(partial.body).toMatchObject({
        durationMinutes: 30,
        mode: 'phone',
        kind: 'group_workshop',
      });
      expect(partial.body.participants).toHaveLength(2);
      const audit = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'update'`,
        [created.body.id],
      )) as { n: number }[];
      expect(audit[0]?.n).toBe(2);
    });

    it('answers 403 with a clear message to another coach of the same programme', async () => {
      const { programme, token, participants } = await setup();
      const created = await post(token, session([participants[0]!.id], { notes: 'Mina' }));
      const colleague = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
      const reply = await client.request<ApiError>(
        'PATCH',
        `/api/coaching-sessions/${created.body.id}`,
        { token: colleague.token, body: { notes: 'Ändrat' } },
      );
      expect(reply.status).toBe(403);
      expect(reply.body.message).toMatch(/Only the coach who logged this session/);
      // The colleague may read it (case records of the programme) but not change it.
      const read = await client.request<CoachingSession>(
        'GET',
        `/api/coaching-sessions/${created.body.id}`,
        { token: colleague.token },
      );
      expect(read.body.notes).toBe('Mina');
    });

    it('refuses bad edits with 400: empty required fields, a one-to-one kind for a group, a participant of another programme', async () => {
      const { token, participants } = await setup();
      const [a, b] = participants.map((p) => p.id) as [string, string];
      const group = await post(token, session([a, b]));
      for (const [body, field] of [
        [{ at: null }, 'at'],
        [{ durationMinutes: null }, 'durationMinutes'],
        [{ participants: [] }, 'participants'],
        [{ kind: 'individual_coaching' }, 'participants'],
        [{ id: randomUUID() }, 'id'],
      ] as const) {
        const reply = await client.request<ApiError>(
          'PATCH',
          `/api/coaching-sessions/${group.body.id}`,
          { token, body },
        );
        expect({ field, status: reply.status }).toEqual({ field, status: 400 });
        expect(reply.body.fields).toHaveProperty([field]);
      }
      const [p2] = [await factories.programme()];
      const coachOfBoth = await factories.loggedIn(client, 'coach', {
        programmeIds: [participants[0]!.programmeId, p2.id],
      });
      const own = await post(coachOfBoth.token, session([a]));
      const outsider = await factories.participant(p2.id);
      const moved = await client.request<ApiError>(
        'PATCH',
        `/api/coaching-sessions/${own.body.id}`,
        {
          token: coachOfBoth.token,
          body: { participants: [{ participantId: outsider.id, attendance: 'attended' }] },
        },
      );
      expect(moved.status).toBe(400);
      expect(moved.body.fields).toEqual({
        participants: ["The participants must belong to the session's programme."],
      });
    });
  });

  describe('lists', () => {
    it('lists per participant and per coach, newest first, page by page', async () => {
      const { programme, coach, token, participants } = await setup();
      const [a, b] = participants.map((p) => p.id) as [string, string];
      const colleague = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
      const ids: string[] = [];
      for (let day = 1; day <= 7; day++) {
        const at = `2026-04-0${day}T10:00:00Z`;
        const reply = await post(
          day % 2 ? token : colleague.token,
          session(day % 3 === 0 ? [a, b] : [a], { at }),
        );
        expect(reply.status).toBe(201);
        ids.unshift(reply.body.id);
      }
      // The same instant twice: the id breaks the tie, and paging still sees both.
      const twin = await post(token, session([b], { at: '2026-04-03T10:00:00Z' }));

      const pages: CoachingSession[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const reply = await list(
          token,
          `participantId=${a}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(reply.status).toBe(200);
        expect(reply.body.items.length).toBeLessThanOrEqual(3);
        pages.push(...reply.body.items);
        cursor = reply.body.nextCursor;
      }
      expect(pages.map((s) => s.id)).toEqual(ids);
      expect(pages.every((s) => s.participants.some((p) => p.participantId === a))).toBe(true);

      const ofB = await list(token, `participantId=${b}`);
      expect(ofB.body.items.map((s) => s.at)).toEqual([
        '2026-04-06T10:00:00.000Z',
        '2026-04-03T10:00:00.000Z',
        '2026-04-03T10:00:00.000Z',
      ]);
      expect(ofB.body.items.map((s) => s.id)).toContain(twin.body.id);

      const byColleague = await list(token, `coachId=${colleague.user.id}`);
      expect(byColleague.body.items.map((s) => s.at.slice(0, 10))).toEqual([
        '2026-04-06',
        '2026-04-04',
        '2026-04-02',
      ]);
      const mine = await list(token, `coachId=${coach.id}&participantId=${b}`);
      expect(mine.body.items.map((s) => s.at.slice(0, 10))).toEqual(['2026-04-03', '2026-04-03']);
    });

    it('filters by Swedish calendar days, inclusive', async () => {
      const { token, participants } = await setup();
      const a = participants[0]!.id;
      // 23:30 UTC on 4 April is 01:30 on 5 April in Sweden (summer time).
      const late = await post(token, session([a], { at: '2026-04-04T23:30:00Z' }));
      const early = await post(token, session([a], { at: '2026-04-04T21:30:00Z' }));
      const on5th = await list(token, `participantId=${a}&from=2026-04-05&to=2026-04-05`);
      expect(on5th.body.items.map((s) => s.id)).toEqual([late.body.id]);
      const on4th = await list(token, `participantId=${a}&to=2026-04-04`);
      expect(on4th.body.items.map((s) => s.id)).toEqual([early.body.id]);
      const bad = await client.request<ApiError>(
        'GET',
        `/api/coaching-sessions?from=2026-04-06&to=2026-04-05`,
        { token },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.fields).toHaveProperty(['to']);
      for (const query of [
        'from=5%20april',
        'participantId=nope',
        'limit=0',
        'limit=500',
        'cursor=zzz',
      ]) {
        expect({ query, status: (await list(token, query)).status }).toEqual({
          query,
          status: 400,
        });
      }
    });

    it('loads attendance for a whole page in one query (no N+1)', async () => {
      const { token, participants } = await setup();
      const a = participants[0]!.id;
      for (let i = 0; i < 12; i++) {
        await post(
          token,
          session([a, participants[1]!.id], {
            at: `2026-05-${String(i + 1).padStart(2, '0')}T10:00:00Z`,
          }),
        );
      }
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        const queriesFor = async (limit: number) => {
          spy.mockClear();
          const reply = await list(token, `participantId=${a}&limit=${limit}`);
          expect(reply.body.items).toHaveLength(limit);
          return spy.mock.calls.length;
        };
        const small = await queriesFor(2);
        const large = await queriesFor(12);
        expect(small).toBeGreaterThan(0);
        expect(large).toBe(small);
      } finally {
        spy.mockRestore();
      }
    });
  });
});
