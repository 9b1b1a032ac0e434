import type {
  ApiError,
  CoachingSession,
  GroupSeries,
  GroupSeriesDetail,
  Page,
  SeriesEnrolment,
  SeriesMeeting,
  TimelineEvent,
} from '@stegvis/contracts';
import { addDays, todayIso } from '@stegvis/domain';
import { seedDemoGroupSeries } from '../src/seed/demo-group-series';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/** Whether the workshop's end date (30 April 2026) has passed: the series has then ended. */
const PAST_END = new Date().toISOString().slice(0, 10) > '2026-04-30';

describe('group series through HTTP', () => {
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
    const women = [
      await factories.participant(programme.id),
      await factories.participant(programme.id),
      await factories.participant(programme.id),
      await factories.participant(programme.id),
    ];
    const other = await factories.programme();
    const { token: otherToken } = await factories.loggedIn(client, 'coach', {
      programmeIds: [other.id],
    });
    const stranger = await factories.participant(other.id);
    return { programme, coach, token, women, other, otherToken, stranger };
  }

  const workshop = (overrides: Record<string, unknown> = {}) => ({
    name: 'Framtidsverkstad våren',
    kind: 'future_workshop',
    plannedMeetings: 8,
    plannedMinutesPerMeeting: 180,
    startDate: '2026-03-01',
    endDate: '2026-04-30',
    ...overrides,
  });
  const createSeries = (token: string, programmeId: string, body: unknown) =>
    client.request<GroupSeriesDetail>('POST', `/api/programmes/${programmeId}/group-series`, {
      token,
      body,
    });
  const enrol = (token: string, seriesId: string, body: unknown) =>
    client.request<SeriesEnrolment>('POST', `/api/group-series/${seriesId}/enrolments`, {
      token,
      body,
    });
  const meeting = (token: string, seriesId: string, at: string, attendance: unknown[]) =>
    client.request<SeriesMeeting>('POST', `/api/group-series/${seriesId}/meetings`, {
      token,
      body: { at, durationMinutes: 180, mode: 'on_site', attendance },
    });
  const getSeries = (token: string, id: string) =>
    client.request<GroupSeriesDetail>('GET', `/api/group-series/${id}`, { token });
  /** Row counts of one programme's series, enrolments, sessions and attendance. */
  const counts = async (programmeId: string) => {
    const [row] = (await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM coaching_sessions WHERE programme_id = $1) AS sessions,
              (SELECT count(*)::int FROM session_attendances a
                 JOIN coaching_sessions s ON s.id = a.session_id WHERE s.programme_id = $1) AS attendances,
              (SELECT count(*)::int FROM group_series_enrolments e
                 JOIN group_series gs ON gs.id = e.series_id WHERE gs.programme_id = $1) AS enrolments,
              (SELECT count(*)::int FROM group_series WHERE programme_id = $1) AS series`,
      [programmeId],
    )) as { sessions: number; attendances: number; enrolments: number; series: number }[];
    return row;
  };

  describe('a series', () => {
    it('is created with the default 75 % rule, listed, read, changed with If-Match and deleted', async () => {
      const { programme, token } = await setup();
      const created = await createSeries(token, programme.id, workshop({ notes: '  Torsdagar ' }));
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        programmeId: programme.id,
        name: 'Framtidsverkstad våren',
        kind: 'future_workshop',
        plannedMeetings: 8,
        plannedMinutesPerMeeting: 180,
        startDate: '2026-03-01',
        endDate: '2026-04-30',
        completionPercent: 75,
        notes: 'Torsdagar',
        meetingsHeld: 0,
        enrolled: 0,
        ended: PAST_END,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        enrolments: [],
      } satisfies GroupSeriesDetail);
      const id = created.body.id;

      const list = await client.request<Page<GroupSeries>>(
        'GET',
        `/api/programmes/${programme.id}/group-series`,
        { token },
      );
      expect(list.body.items.map((s) => s.id)).toEqual([id]);

      const changed = await client.request<GroupSeriesDetail>('PATCH', `/api/group-series/${id}`, {
        token,
        body: { completionPercent: 80, name: 'Framtidsverkstad' },
        headers: { 'if-match': '1' },
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        completionPercent: 80,
        name: 'Framtidsverkstad',
        version: 2,
      });

      const stale = await client.request('PATCH', `/api/group-series/${id}`, {
        token,
        body: { completionPercent: 90 },
        headers: { 'if-match': '1' },
      });
      expect(stale.status).toBe(409);

      const deleted = await client.request('DELETE', `/api/group-series/${id}`, { token });
      expect(deleted.status).toBe(204);
      expect((await getSeries(token, id)).status).toBe(404);
    });

    it.each([
      [{ completionPercent: 0 }, 'completionPercent'],
      [{ completionPercent: 101 }, 'completionPercent'],
      [{ completionPercent: 75.5 }, 'completionPercent'],
      [{ endDate: '2026-02-28' }, 'endDate'],
      [{ kind: 'workshop' }, 'kind'],
      [{ plannedMeetings: 0 }, 'plannedMeetings'],
      [{ colour: 'blue' }, 'colour'],
    ])('refuses %j with a 400 naming %s, saving nothing', async (overrides, field) => {
      const { programme, token } = await setup();
      const before = await counts(programme.id);
      const reply = await createSeries(token, programme.id, workshop(overrides));
      expect(reply.status).toBe(400);
      expect(Object.keys((reply.body as unknown as ApiError).fields ?? {})).toEqual([field]);
      expect(await counts(programme.id)).toEqual(before);
    });

    it("answers 404 for another programme's series, and for a series in a programme not the caller's", async () => {
      const { programme, token, other, otherToken } = await setup();
      const created = await createSeries(token, programme.id, workshop());
      expect((await getSeries(otherToken, created.body.id)).status).toBe(404);
      expect(
        (
          await client.request('PATCH', `/api/group-series/${created.body.id}`, {
            token: otherToken,
            body: { name: 'x' },
          })
        ).status,
      ).toBe(404);
      expect((await createSeries(token, other.id, workshop())).status).toBe(404);
    });
  });

  describe('enrolment', () => {
    it('enrols with join and leave dates, refuses a leave before the join, a second enrolment and a stranger', async () => {
      const { programme, token, women, stranger } = await setup();
      const { body: series } = await createSeries(token, programme.id, workshop());
      const joined = await enrol(token, series.id, {
        participantId: women[0]!.id,
        joinedOn: '2026-03-01',
      });
      expect(joined.status).toBe(201);
      expect(joined.body).toEqual({
        participantId: women[0]!.id,
        joinedOn: '2026-03-01',
        leftOn: null,
        meetingsHeld: 0,
        attended: 0,
        ratePercent: null,
        // Decided once the series has ended: no meeting held while enrolled is not completed.
        completed: PAST_END ? false : null,
      });

      const before = await counts(programme.id);
      const backwards = await enrol(token, series.id, {
        participantId: women[1]!.id,
        joinedOn: '2026-03-10',
        leftOn: '2026-03-09',
      });
      expect(backwards.status).toBe(400);
      expect((backwards.body as unknown as ApiError).fields).toEqual({
        leftOn: ['leftOn must be on or after joinedOn.'],
      });
      const unknownField = await enrol(token, series.id, {
        participantId: women[1]!.id,
        joinedOn: '2026-03-10',
        role: 'leader',
      });
      expect(Object.keys((unknownField.body as unknown as ApiError).fields ?? {})).toEqual([
        'role',
      ]);
      expect(await counts(programme.id)).toEqual(before);

      const twice = await enrol(token, series.id, {
        participantId: women[0]!.id,
        joinedOn: '2026-03-02',
      });
      expect(twice.status).toBe(409);
      // Another programme's participant: as if they did not exist.
      const foreign = await enrol(token, series.id, {
        participantId: stranger.id,
        joinedOn: '2026-03-02',
      });
      expect(foreign.status).toBe(404);
      expect(JSON.stringify(foreign.body)).not.toContain(stranger.id);

      const left = await client.request<SeriesEnrolment>(
        'PATCH',
        `/api/group-series/${series.id}/enrolments/${women[0]!.id}`,
        { token, body: { leftOn: '2026-02-01' } },
      );
      expect(left.status).toBe(400);
      expect(Object.keys((left.body as unknown as ApiError).fields ?? {})).toEqual(['leftOn']);
      const leftOk = await client.request<SeriesEnrolment>(
        'PATCH',
        `/api/group-series/${series.id}/enrolments/${women[0]!.id}`,
        { token, body: { leftOn: '2026-04-01' } },
      );
      expect(leftOk.body).toMatchObject({ joinedOn: '2026-03-01', leftOn: '2026-04-01' });

      // The participant's timeline: joined and left, naming the series.
      const timeline = await client.request<Page<TimelineEvent>>(
        'GET',
        `/api/participants/${women[0]!.id}/timeline?kinds=series_enrolment,series_leave`,
        { token },
      );
      expect(timeline.body.items).toEqual([
        {
          kind: 'series_leave',
          at: expect.any(String),
          id: series.id,
          data: {
            seriesId: series.id,
            seriesName: 'Framtidsverkstad våren',
            seriesKind: 'future_workshop',
            leftOn: '2026-04-01',
          },
        },
        {
          kind: 'series_enrolment',
          at: expect.any(String),
          id: series.id,
          data: {
            seriesId: series.id,
            seriesName: 'Framtidsverkstad våren',
            seriesKind: 'future_workshop',
            joinedOn: '2026-03-01',
          },
        },
      ]);

      const removed = await client.request(
        'DELETE',
        `/api/group-series/${series.id}/enrolments/${women[0]!.id}`,
        { token },
      );
      expect(removed.status).toBe(204);
      expect((await getSeries(token, series.id)).body.enrolments).toEqual([]);
    });
  });

  describe('meetings', () => {
    async function seriesWithFour() {
      const world = await setup();
      const { body: series } = await createSeries(world.token, world.programme.id, workshop());
      // Three from the start; the fourth joins on 16 March.
      for (const [i, joinedOn] of [
        '2026-03-01',
        '2026-03-01',
        '2026-03-01',
        '2026-03-16',
      ].entries()) {
        await enrol(world.token, series.id, { participantId: world.women[i]!.id, joinedOn });
      }
      return { ...world, series };
    }

    it('logs a meeting as a group_workshop coaching session with its attendance, in the session tables', async () => {
      const { token, women, series, coach, programme } = await seriesWithFour();
      const reply = await meeting(token, series.id, '2026-03-05T09:00:00+01:00', [
        { participantId: women[0]!.id, attendance: 'attended' },
        { participantId: women[1]!.id, attendance: 'no_show' },
      ]);
      expect(reply.status).toBe(201);
      expect(reply.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        seriesId: series.id,
        programmeId: programme.id,
        at: '2026-03-05T08:00:00.000Z',
        durationMinutes: 180,
        mode: 'on_site',
        coachId: coach.id,
        attendance: [
          { participantId: women[0]!.id, attendance: 'attended' },
          { participantId: women[1]!.id, attendance: 'no_show' },
        ].sort((a, b) => a.participantId.localeCompare(b.participantId)),
        notes: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const rows = (await t.dataSource.query(
        `SELECT s.kind, s.series_id, s.programme_id, count(a.*)::int AS attendances
           FROM coaching_sessions s JOIN session_attendances a ON a.session_id = s.id
          WHERE s.id = $1 GROUP BY s.id`,
        [reply.body.id],
      )) as unknown[];
      expect(rows).toEqual([
        {
          kind: 'group_workshop',
          series_id: series.id,
          programme_id: programme.id,
          attendances: 2,
        },
      ]);
      // The existing session routes see it as a group session.
      const sessions = await client.request<Page<CoachingSession>>(
        'GET',
        `/api/coaching-sessions?participantId=${women[0]!.id}&group=true`,
        { token },
      );
      expect(sessions.body.items.map((s) => s.id)).toEqual([reply.body.id]);
      // The timeline's session entry says which series.
      const timeline = await client.request<Page<TimelineEvent>>(
        'GET',
        `/api/participants/${women[0]!.id}/timeline?kinds=session`,
        { token },
      );
      expect(timeline.body.items[0]?.data).toMatchObject({
        kind: 'group_workshop',
        seriesId: series.id,
        seriesName: 'Framtidsverkstad våren',
      });
      const listed = await client.request<Page<SeriesMeeting>>(
        'GET',
        `/api/group-series/${series.id}/meetings`,
        { token },
      );
      expect(listed.body.items.map((m) => m.id)).toEqual([reply.body.id]);
    });

    it('refuses attendance for someone not enrolled on that day, naming the entry, and saves nothing', async () => {
      const { token, women, series, stranger, programme } = await seriesWithFour();
      const before = await counts(programme.id);
      const early = await meeting(token, series.id, '2026-03-09T09:00:00+01:00', [
        { participantId: women[0]!.id, attendance: 'attended' },
        { participantId: women[1]!.id, attendance: 'attended' },
        { participantId: women[3]!.id, attendance: 'attended' }, // joins on 16 March
        { participantId: stranger.id, attendance: 'attended' }, // another programme
      ]);
      expect(early.status).toBe(400);
      expect(Object.keys((early.body as unknown as ApiError).fields ?? {}).sort()).toEqual([
        'attendance.2.participantId',
        'attendance.3.participantId',
      ]);
      const outside = await meeting(token, series.id, '2026-05-04T09:00:00+02:00', [
        { participantId: women[0]!.id, attendance: 'attended' },
      ]);
      expect(outside.status).toBe(400);
      expect(Object.keys((outside.body as unknown as ApiError).fields ?? {})).toEqual(['at']);
      const twice = await meeting(token, series.id, '2026-03-09T09:00:00+01:00', [
        { participantId: women[0]!.id, attendance: 'attended' },
        { participantId: women[0]!.id, attendance: 'no_show' },
      ]);
      expect(Object.keys((twice.body as unknown as ApiError).fields ?? {})).toEqual([
        'attendance.1.participantId',
      ]);
      expect(await counts(programme.id)).toEqual(before);
    });

    it('takes attendance meeting by meeting, within the enrolment rule; the session route cannot go around it', async () => {
      const { token, women, series, otherToken, programme } = await seriesWithFour();
      const { body: first } = await meeting(token, series.id, '2026-03-05T09:00:00+01:00', []);
      expect(first.attendance).toEqual([]);
      const path = `/api/group-series/${series.id}/meetings/${first.id}/attendance`;
      const taken = await client.request<SeriesMeeting>('PUT', path, {
        token,
        body: {
          attendance: [
            { participantId: women[0]!.id, attendance: 'attended' },
            { participantId: women[2]!.id, attendance: 'cancelled' },
          ],
        },
      });
      expect(taken.status).toBe(200);
      expect(taken.body.attendance).toHaveLength(2);

      const before = await counts(programme.id);
      const refused = await client.request('PUT', path, {
        token,
        body: {
          attendance: [
            { participantId: women[0]!.id, attendance: 'attended' },
            { participantId: women[3]!.id, attendance: 'attended' },
          ],
        },
      });
      expect(refused.status).toBe(400);
      expect(Object.keys((refused.body as unknown as ApiError).fields ?? {})).toEqual([
        'attendance.1.participantId',
      ]);
      expect(await counts(programme.id)).toEqual(before);
      const kept = await client.request<Page<SeriesMeeting>>(
        'GET',
        `/api/group-series/${series.id}/meetings`,
        { token },
      );
      expect(kept.body.items[0]?.attendance).toEqual(taken.body.attendance);

      const aroundIt = await client.request('PATCH', `/api/coaching-sessions/${first.id}`, {
        token,
        body: { participants: [{ participantId: women[3]!.id, attendance: 'attended' }] },
      });
      expect(aroundIt.status).toBe(400);
      expect(Object.keys((aroundIt.body as unknown as ApiError).fields ?? {})).toEqual([
        'participants',
      ]);

      expect(
        (await client.request('PUT', path, { token: otherToken, body: { attendance: [] } })).status,
      ).toBe(404);
      expect((await meeting(otherToken, series.id, '2026-03-05T09:00:00+01:00', [])).status).toBe(
        404,
      );

      // A series with meetings is not deleted; an enrolment with attendance is not removed.
      const del = await client.request<ApiError>('DELETE', `/api/group-series/${series.id}`, {
        token,
      });
      expect(del.status).toBe(409);
      expect(del.body.message).toMatch(/cannot be deleted/);
      const unenrol = await client.request(
        'DELETE',
        `/api/group-series/${series.id}/enrolments/${women[0]!.id}`,
        { token },
      );
      expect(unenrol.status).toBe(409);
      // Nor can a leave date strand attendance taken after it.
      const early = await client.request<ApiError>(
        'PATCH',
        `/api/group-series/${series.id}/enrolments/${women[0]!.id}`,
        { token, body: { leftOn: '2026-03-04' } },
      );
      expect(early.status).toBe(400);
      expect(Object.keys(early.body.fields ?? {})).toEqual(['leftOn']);
    });
  });

  describe('completion', () => {
    it('computes meetings held while enrolled, attended, rate and completed once all planned meetings are held', async () => {
      const { programme, token, women } = await setup();
      const { body: series } = await createSeries(
        token,
        programme.id,
        workshop({ plannedMeetings: 4, endDate: '2099-12-31' }),
      );
      for (const [i, joinedOn] of [
        '2026-03-01',
        '2026-03-01',
        '2026-03-01',
        '2026-03-10',
      ].entries()) {
        await enrol(token, series.id, { participantId: women[i]!.id, joinedOn });
      }
      const days = ['2026-03-03', '2026-03-10', '2026-03-17'];
      // women[0] attends all, women[1] two of three, women[2] none, women[3] (from 10 March) both.
      const attended: Record<string, number[]> = {
        '2026-03-03': [0, 1],
        '2026-03-10': [0, 1, 3],
        '2026-03-17': [0, 3],
      };
      for (const day of days) {
        const present = attended[day] ?? [];
        const list = [0, 1, 2, 3]
          .filter((i) => i !== 3 || day >= '2026-03-10')
          .map((i) => ({
            participantId: women[i]!.id,
            attendance: present.includes(i) ? 'attended' : 'no_show',
          }));
        expect((await meeting(token, series.id, `${day}T09:00:00+01:00`, list)).status).toBe(201);
      }
      const running = await getSeries(token, series.id);
      expect(running.body).toMatchObject({ meetingsHeld: 3, enrolled: 4, ended: false });
      const byId = (d: GroupSeriesDetail) =>
        Object.fromEntries(d.enrolments.map((e) => [e.participantId, e]));
      expect(byId(running.body)[women[1]!.id]).toMatchObject({
        meetingsHeld: 3,
        attended: 2,
        ratePercent: 66.7,
        completed: null,
      });

      // The fourth and last planned meeting ends the series.
      await meeting(token, series.id, '2026-03-24T09:00:00+01:00', [
        { participantId: women[0]!.id, attendance: 'attended' },
        { participantId: women[1]!.id, attendance: 'attended' },
        { participantId: women[3]!.id, attendance: 'cancelled' },
      ]);
      const ended = await getSeries(token, series.id);
      expect(ended.body).toMatchObject({ meetingsHeld: 4, ended: true });
      const e = byId(ended.body);
      expect(e[women[0]!.id]).toMatchObject({
        meetingsHeld: 4,
        attended: 4,
        ratePercent: 100,
        completed: true,
      });
      expect(e[women[1]!.id]).toMatchObject({
        meetingsHeld: 4,
        attended: 3,
        ratePercent: 75,
        completed: true,
      });
      expect(e[women[2]!.id]).toMatchObject({
        meetingsHeld: 4,
        attended: 0,
        ratePercent: 0,
        completed: false,
      });
      expect(e[women[3]!.id]).toMatchObject({
        meetingsHeld: 3,
        attended: 2,
        ratePercent: 66.7,
        completed: false,
      });

      // A stricter rule changes the outcome; a kinder one too.
      await client.request('PATCH', `/api/group-series/${series.id}`, {
        token,
        body: { completionPercent: 60 },
      });
      expect(byId((await getSeries(token, series.id)).body)[women[3]!.id]?.completed).toBe(true);
    });
  });

  describe('demo data', () => {
    it('seeds a finished framtidsverkstad (8 × 3 h, 4 women, 6 held, one completed) and a running business programme', async () => {
      const programme = await factories.programme();
      const { user: coach, token } = await factories.loggedIn(client, 'coach', {
        programmeIds: [programme.id],
      });
      for (let i = 0; i < 7; i++) {
        await factories.participant(programme.id, { enrolledAt: addDays(todayIso(), -200 + i) });
      }
      await factories.participant(programme.id, { gender: 'male', enrolledAt: '2026-01-01' });
      await t.dataSource.transaction((m) =>
        seedDemoGroupSeries(m, { programmeId: programme.id, coachId: coach.id }),
      );
      const list = await client.request<Page<GroupSeries>>(
        'GET',
        `/api/programmes/${programme.id}/group-series`,
        { token },
      );
      const byKind = Object.fromEntries(list.body.items.map((s) => [s.kind, s]));
      expect(byKind['future_workshop']).toMatchObject({
        plannedMeetings: 8,
        plannedMinutesPerMeeting: 180,
        meetingsHeld: 6,
        enrolled: 4,
        ended: true,
      });
      expect(byKind['business_programme']).toMatchObject({
        plannedMeetings: 10,
        meetingsHeld: 5,
        enrolled: 6,
        ended: false,
      });
      const workshop = await getSeries(token, byKind['future_workshop']!.id);
      expect(
        workshop.body.enrolments.map((e) => [e.meetingsHeld, e.attended, e.completed]),
      ).toEqual(
        expect.arrayContaining([
          [6, 6, true],
          [6, 4, false],
          [3, 2, false],
          [6, 3, false],
        ]),
      );
      const business = await getSeries(token, byKind['business_programme']!.id);
      expect(business.body.enrolments.every((e) => e.completed === null)).toBe(true);
    });
  });
});
