import type { ApiError, DueFollowUp, FollowUp, Page, Placement } from '@stegvis/contracts';
import { Factories } from './support/factories';
import {
  daysFromToday,
  followUpBody,
  placementScene,
  type PlacementScene,
} from './support/placements-factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/*
 * The embedded PGlite's socket server interleaves the wire messages of concurrent connections
 * and hangs once ~20 transactions wait at once (measured: also the foundation's programme PATCH,
 * 50 at once). On it, the 50 requests go at most 10 at a time; on PostgreSQL all 50 at once.
 */
const IN_FLIGHT = process.env['STEGVIS_TEST_EMBEDDED'] === '1' ? 10 : 50;

async function inParallel<T>(count: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await run(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count) }, worker));
  return results;
}

describe('placement follow-ups through HTTP', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp({ DB_POOL_SIZE: '6' });
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  async function placeVia(s: PlacementScene, startDate: string, supervisorIds: string[] = []) {
    const reply = await client.request<Placement>('POST', '/api/placements', {
      token: s.coach.token,
      body: {
        participantId: s.participantId,
        enterpriseId: s.enterpriseId,
        kind: 'work_training',
        startDate,
        supervisorIds,
      },
    });
    expect(reply.status).toBe(201);
    return reply.body;
  }

  const followUp = (token: string, placementId: string, body: unknown) =>
    client.request<FollowUp & ApiError>('POST', `/api/placements/${placementId}/follow-ups`, {
      token,
      body,
    });
  const read = async (token: string, id: string) =>
    (await client.request<Placement>('GET', `/api/placements/${id}`, { token })).body;
  const stored = async (id: string): Promise<string | null> =>
    (
      await t.dataSource.query(
        'SELECT next_follow_up_due::text AS d FROM placements WHERE id = $1',
        [id],
      )
    )[0].d;
  const due = async (token: string, query = '') =>
    (
      await client.request<{ items: DueFollowUp[] }>('GET', `/api/follow-ups/due${query}`, {
        token,
      })
    ).body.items;

  describe('schedule on a real placement', () => {
    it('default cadence: weekly for the first 4 weeks, then every 30 days', async () => {
      const s = await placementScene(client, factories);
      const start = -40;
      const p = await placeVia(s, daysFromToday(start));
      expect(p.followUpStatus).toEqual({
        nextDue: daysFromToday(start + 7),
        overdue: true,
        daysOverdue: 33,
        dueCount: 4,
        doneCount: 0,
      });
      expect(await stored(p.id)).toBe(daysFromToday(start + 7));
      const expected: [number, number][] = [
        [7, 14],
        [14, 21],
        [21, 28],
        [28, 58],
      ];
      for (const [doneOn, nextDue] of expected) {
        const reply = await followUp(
          s.coach.token,
          p.id,
          followUpBody(daysFromToday(start + doneOn)),
        );
        expect(reply.status).toBe(201);
        expect(await stored(p.id)).toBe(daysFromToday(start + nextDue));
      }
      expect((await read(s.coach.token, p.id)).followUpStatus).toEqual({
        nextDue: daysFromToday(start + 58),
        overdue: false,
        daysOverdue: 0,
        dueCount: 4,
        doneCount: 4,
      });
    });

    it('custom cadence of the programme: every 3 days for 2 weeks, then every 14', async () => {
      const s = await placementScene(client, factories, {
        cadence: { initialWeeks: 2, initialIntervalDays: 3, laterIntervalDays: 14 },
      });
      const start = -40;
      const p = await placeVia(s, daysFromToday(start));
      for (const [doneOn, nextDue] of [
        [3, 6],
        [6, 9],
        [9, 12],
        [12, 26],
        [26, 40],
      ] as const) {
        expect(
          (await followUp(s.coach.token, p.id, followUpBody(daysFromToday(start + doneOn)))).status,
        ).toBe(201);
        expect(await stored(p.id)).toBe(daysFromToday(start + nextDue));
      }
      // Due today: due, not overdue.
      expect((await read(s.coach.token, p.id)).followUpStatus).toEqual({
        nextDue: daysFromToday(0),
        overdue: false,
        daysOverdue: 0,
        dueCount: 6,
        doneCount: 5,
      });
    });

    it('moves the schedule past a pause and lists nothing as overdue while paused', async () => {
      const s = await placementScene(client, factories);
      const p = await placeVia(s, daysFromToday(-20), [s.supervisor.id]);
      expect((await read(s.coach.token, p.id)).followUpStatus.overdue).toBe(true);
      await client.request('PATCH', `/api/placements/${p.id}`, {
        token: s.coach.token,
        body: { action: 'pause', date: daysFromToday(-15) },
      });
      expect((await read(s.coach.token, p.id)).followUpStatus.overdue).toBe(false);
      expect((await due(s.coach.token)).map((d) => d.placementId)).not.toContain(p.id);
      // The participant's badge agrees with the due list.
      const participant = await client.request<{ overdueFollowUps: number }>(
        'GET',
        `/api/participants/${s.participantId}`,
        { token: s.coach.token },
      );
      expect(participant.body.overdueFollowUps).toBe(0);
      const resumed = await client.request<Placement>('PATCH', `/api/placements/${p.id}`, {
        token: s.coach.token,
        body: { action: 'resume', date: daysFromToday(-5) },
      });
      // 5 active days before the pause, 2 more from the resume: due 2 days from the resume.
      expect(resumed.body.followUpStatus.nextDue).toBe(daysFromToday(-3));
      expect(await stored(p.id)).toBe(daysFromToday(-3));
    });
  });

  describe('due and overdue', () => {
    it('shows an overdue follow-up to the coach and the supervisor; a follow-up done clears it', async () => {
      const s = await placementScene(client, factories);
      const p = await placeVia(s, daysFromToday(-20), [s.supervisor.id]);
      const entry = {
        id: p.id,
        placementId: p.id,
        participantId: s.participantId,
        participantName: s.participantName,
        enterpriseId: s.enterpriseId,
        dueDate: daysFromToday(-13),
        overdue: true,
        daysOverdue: 13,
      };
      expect(await due(s.coach.token)).toContainEqual(entry);
      expect(await due(s.supervisor.token)).toContainEqual(entry);

      const done = await followUp(s.supervisor.token, p.id, followUpBody(daysFromToday(0)));
      expect(done.status).toBe(201);
      expect(done.body).toMatchObject({ placementId: p.id, authorId: s.supervisor.id });
      const after = {
        ...entry,
        dueDate: daysFromToday(7),
        overdue: false,
        daysOverdue: 0,
      };
      expect(await due(s.coach.token)).toContainEqual(after);
      expect(await due(s.supervisor.token)).toContainEqual(after);
    });

    it('lists oldest first and keeps each caller to their own placements', async () => {
      const s = await placementScene(client, factories);
      const colleague = await factories.loggedIn(client, 'supervisor', {
        enterpriseId: s.enterpriseId,
      });
      const otherCoach = await factories.user('coach', { programmeIds: [s.programmeId] });
      const older = await placeVia(s, daysFromToday(-30), [s.supervisor.id]);
      const newer = await placeVia(s, daysFromToday(-10));
      const notMine = await factories.participant(s.programmeId, {
        responsibleCoachId: otherCoach.id,
      });
      const others = await factories.placement(notMine.id, s.enterpriseId, [colleague.user.id], {
        startDate: daysFromToday(-12),
        plannedEndDate: null,
        nextFollowUpDue: daysFromToday(-5),
      });

      const coachIds = (await due(s.coach.token)).map((d) => d.placementId);
      expect(coachIds).toEqual([older.id, others.id, newer.id]);
      const mine = (await due(s.coach.token, '?mine=true')).map((d) => d.placementId);
      expect(mine).toEqual([older.id, newer.id]);
      // A supervisor: placements they are assigned to, or that have no supervisor assigned.
      expect((await due(s.supervisor.token)).map((d) => d.placementId)).toEqual([
        older.id,
        newer.id,
      ]);
      expect((await due(colleague.token)).map((d) => d.placementId)).toEqual([others.id, newer.id]);
      const elsewhere = await factories.loggedIn(client, 'supervisor', {
        enterpriseId: (await factories.enterprise()).id,
      });
      expect(await due(elsewhere.token)).toEqual([]);
    });
  });

  describe('who may log a follow-up', () => {
    it('a supervisor at another enterprise gets 404 for the placement and cannot log one', async () => {
      const s = await placementScene(client, factories);
      const p = await placeVia(s, daysFromToday(-10));
      const other = await factories.loggedIn(client, 'supervisor', {
        enterpriseId: (await factories.enterprise()).id,
      });
      expect(
        (await client.request('GET', `/api/placements/${p.id}`, { token: other.token })).status,
      ).toBe(404);
      expect((await followUp(other.token, p.id, followUpBody(daysFromToday(0)))).status).toBe(404);
      expect(
        (await client.request('GET', `/api/placements/${p.id}/follow-ups`, { token: other.token }))
          .status,
      ).toBe(404);
      const count = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM follow_ups WHERE placement_id = $1',
        [p.id],
      );
      expect(count[0].n).toBe(0);
    });

    it('validates the follow-up: not in the future, not before the start, wellbeing 1–5', async () => {
      const s = await placementScene(client, factories);
      const p = await placeVia(s, daysFromToday(-10));
      const cases: [unknown, string][] = [
        [followUpBody(daysFromToday(1)), 'date'],
        [followUpBody(daysFromToday(-11)), 'date'],
        [followUpBody(daysFromToday(0), { wellbeing: 6 }), 'wellbeing'],
        [followUpBody(daysFromToday(0), { mode: 'email' }), 'mode'],
        [followUpBody(daysFromToday(0), { daysAbsent: -1 }), 'daysAbsent'],
        [followUpBody(daysFromToday(0), { author: s.coach.id }), 'author'],
      ];
      for (const [body, field] of cases) {
        const reply = await followUp(s.supervisor.token, p.id, body);
        expect({ field, status: reply.status }).toEqual({ field, status: 400 });
        expect(Object.keys(reply.body.fields ?? {})).toEqual([field]);
      }
      const ok = await followUp(
        s.supervisor.token,
        p.id,
        followUpBody(daysFromToday(0), { notes: 'Trivs bra', concern: true, mode: 'phone' }),
      );
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({
        notes: 'Trivs bra',
        concern: true,
        mode: 'phone',
        wellbeing: 4,
      });
      const list = await client.request<Page<FollowUp>>(
        'GET',
        `/api/placements/${p.id}/follow-ups`,
        {
          token: s.coach.token,
        },
      );
      expect(list.body.items.map((f) => f.id)).toEqual([ok.body.id]);
    });

    it('refuses follow-ups on a reduced participant’s placement (409)', async () => {
      const s = await placementScene(client, factories);
      const reduced = await factories.participant(s.programmeId, {
        reducedAt: new Date(),
        firstName: null,
        lastName: null,
      });
      const p = await factories.placement(reduced.id, s.enterpriseId, [], {
        startDate: daysFromToday(-10),
      });
      expect((await followUp(s.coach.token, p.id, followUpBody(daysFromToday(0)))).status).toBe(
        409,
      );
    });
  });

  it('stores 50 parallel follow-ups on one placement exactly once, with next_follow_up_due consistent', async () => {
    const s = await placementScene(client, factories);
    const p = await placeVia(s, daysFromToday(-100), [s.supervisor.id]);
    const replies = await inParallel(50, (i) =>
      followUp(i % 2 ? s.coach.token : s.supervisor.token, p.id, followUpBody(daysFromToday(-i))),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(50);
    const rows = await t.dataSource.query(
      'SELECT count(*)::int AS n, count(DISTINCT date)::int AS days FROM follow_ups WHERE placement_id = $1',
      [p.id],
    );
    expect(rows[0]).toEqual({ n: 50, days: 50 });
    // The last follow-up is today, long after the first 4 weeks: next one in 30 days.
    expect(await stored(p.id)).toBe(daysFromToday(30));
    const placement = await read(s.coach.token, p.id);
    expect(placement.followUpStatus).toMatchObject({
      nextDue: daysFromToday(30),
      overdue: false,
      doneCount: 50,
    });
  }, 60_000);
});
