import type { ApiError, Page, Placement } from '@stegvis/contracts';
import { Factories } from './support/factories';
import { daysFromToday, placementScene } from './support/placements-factories';
import { Client, type Reply, startTestApp, type TestApp } from './support/test-app';

describe('placements through HTTP', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  const create = (token: string, body: Record<string, unknown>) =>
    client.request<Placement & ApiError>('POST', '/api/placements', { token, body });

  describe('create', () => {
    it('places a participant: active when it has started, planned when it starts later', async () => {
      const s = await placementScene(client, factories);
      const active = await create(s.coach.token, {
        participantId: s.participantId,
        enterpriseId: s.enterpriseId,
        kind: 'work_training',
        startDate: daysFromToday(-3),
        plannedEndDate: daysFromToday(90),
        hoursPerWeek: 20.5,
        supervisorIds: [s.supervisor.id],
      });
      expect(active.status).toBe(201);
      expect(active.body).toMatchObject({
        participantId: s.participantId,
        enterpriseId: s.enterpriseId,
        kind: 'work_training',
        status: 'active',
        hoursPerWeek: 20.5,
        supervisorIds: [s.supervisor.id],
        pauses: [],
        version: 1,
        followUpStatus: { nextDue: daysFromToday(4), overdue: false, daysOverdue: 0 },
      });
      const planned = await create(s.coach.token, {
        participantId: s.participantId,
        enterpriseId: s.enterpriseId,
        kind: 'internship',
        startDate: daysFromToday(10),
      });
      expect(planned.status).toBe(201);
      expect(planned.body.status).toBe('planned');
    });

    it('answers a participant outside the caller’s programmes exactly like one that does not exist', async () => {
      const s = await placementScene(client, factories);
      const other = await factories.participant((await factories.programme()).id);
      const base = { enterpriseId: s.enterpriseId, kind: 'work_training', startDate: '2026-03-01' };
      const outside = await create(s.coach.token, { ...base, participantId: other.id });
      const missing = await create(s.coach.token, {
        ...base,
        participantId: '00000000-0000-4000-8000-000000000000',
      });
      expect(outside.status).toBe(400);
      expect(outside.body).toEqual(missing.body);
      expect(outside.body.fields).toEqual({ participantId: ['No such participant.'] });
    });

    it('refuses a reduced participant, supervisors of another enterprise, an end before the start and unknown fields', async () => {
      const s = await placementScene(client, factories);
      const reduced = await factories.participant(s.programmeId, {
        reducedAt: new Date(),
        firstName: null,
        lastName: null,
      });
      const elsewhere = await factories.user('supervisor', {
        enterpriseId: (await factories.enterprise()).id,
      });
      const base = {
        participantId: s.participantId,
        enterpriseId: s.enterpriseId,
        kind: 'work_training',
        startDate: '2026-03-01',
      };
      const cases: [Record<string, unknown>, string][] = [
        [{ ...base, participantId: reduced.id }, 'participantId'],
        [{ ...base, supervisorIds: [elsewhere.id] }, 'supervisorIds'],
        [{ ...base, supervisorIds: [s.coach.id] }, 'supervisorIds'],
        [{ ...base, plannedEndDate: '2026-02-01' }, 'plannedEndDate'],
        [{ ...base, kind: 'volunteering' }, 'kind'],
        [{ ...base, startDate: '2026-02-30' }, 'startDate'],
        [{ ...base, hoursPerWeek: -1 }, 'hoursPerWeek'],
        [{ ...base, salary: 100 }, 'salary'],
        [{ ...base, enterpriseId: '00000000-0000-4000-8000-000000000000' }, 'enterpriseId'],
      ];
      for (const [body, field] of cases) {
        const reply = await create(s.coach.token, body);
        expect({ field, status: reply.status }).toEqual({ field, status: 400 });
        expect(Object.keys(reply.body.fields ?? {})).toEqual([field]);
      }
    });

    it('is for coaches only: a supervisor gets 403', async () => {
      const s = await placementScene(client, factories);
      const reply = await create(s.supervisor.token, {
        participantId: s.participantId,
        enterpriseId: s.enterpriseId,
        kind: 'work_training',
        startDate: '2026-03-01',
      });
      expect(reply.status).toBe(403);
    });
  });

  describe('read and list', () => {
    it('shows a placement to the supervisors of its enterprise and to nobody at another (404)', async () => {
      const s = await placementScene(client, factories);
      const placement = await factories.placement(s.participantId, s.enterpriseId);
      const other = await factories.loggedIn(client, 'supervisor', {
        enterpriseId: (await factories.enterprise()).id,
      });
      const otherCoach = await factories.loggedIn(client, 'coach', {
        programmeIds: [(await factories.programme()).id],
      });
      const path = `/api/placements/${placement.id}`;
      expect(
        (
          await client.request('GET', path, {
            token: s.supervisor.token,
          })
        ).status,
      ).toBe(200);
      expect((await client.request('GET', path, { token: s.coach.token })).status).toBe(200);
      expect((await client.request('GET', path, { token: other.token })).status).toBe(404);
      expect((await client.request('GET', path, { token: otherCoach.token })).status).toBe(404);
      expect(
        (await client.request('GET', '/api/placements/not-a-uuid', { token: s.coach.token }))
          .status,
      ).toBe(404);
    });

    it('lists by participant, enterprise and status, page by page', async () => {
      const s = await placementScene(client, factories);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const p = await factories.placement(s.participantId, s.enterpriseId, [], {
          startDate: `2026-0${i + 1}-10`,
          status: i === 0 ? 'ended' : 'active',
          // Ended two days ago: within the supervisor's grace period, so still theirs to list.
          actualEndDate: i === 0 ? daysFromToday(-2) : null,
        });
        ids.push(p.id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query = `participantId=${s.participantId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page: Reply<Page<Placement>> = await client.request<Page<Placement>>(
          'GET',
          `/api/placements?${query}`,
          {
            token: s.coach.token,
          },
        );
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((p) => p.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());

      const ended = await client.request<Page<Placement>>(
        'GET',
        `/api/placements?enterpriseId=${s.enterpriseId}&status=ended`,
        { token: s.supervisor.token },
      );
      expect(ended.body.items.map((p) => p.id)).toEqual([ids[0]]);
      const bad = await client.request<ApiError>('GET', '/api/placements?status=lost&limit=0', {
        token: s.coach.token,
      });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.fields ?? {}).sort()).toEqual(['limit', 'status']);
    });
  });

  describe('update', () => {
    const patch = (token: string, id: string, body: unknown, headers?: Record<string, string>) =>
      client.request<Placement & ApiError>('PATCH', `/api/placements/${id}`, {
        token,
        body,
        headers,
      });

    it('pauses, resumes and ends a placement; nothing is due after the end', async () => {
      const s = await placementScene(client, factories);
      const p = await factories.placement(s.participantId, s.enterpriseId, [], {
        startDate: daysFromToday(-30),
        plannedEndDate: daysFromToday(60),
      });
      const paused = await patch(s.coach.token, p.id, {
        action: 'pause',
        date: daysFromToday(-10),
      });
      expect(paused.status).toBe(200);
      expect(paused.body).toMatchObject({
        status: 'paused',
        pauses: [{ from: daysFromToday(-10), to: null }],
        version: 2,
        followUpStatus: { overdue: false },
      });
      const resumed = await patch(s.coach.token, p.id, {
        action: 'resume',
        date: daysFromToday(-2),
      });
      expect(resumed.body).toMatchObject({
        status: 'active',
        pauses: [{ from: daysFromToday(-10), to: daysFromToday(-3) }],
      });
      const ended = await patch(s.coach.token, p.id, {
        action: 'end',
        date: daysFromToday(0),
        reason: 'Fick anställning',
      });
      expect(ended.body).toMatchObject({
        status: 'ended',
        actualEndDate: daysFromToday(0),
        endReason: 'Fick anställning',
        followUpStatus: { nextDue: null, overdue: false },
      });
      const stored = await t.dataSource.query(
        'SELECT next_follow_up_due FROM placements WHERE id = $1',
        [p.id],
      );
      expect(stored[0].next_follow_up_due).toBeNull();
    });

    it('refuses impossible transitions with 409 and a missing date or reason with 400', async () => {
      const s = await placementScene(client, factories);
      const p = await factories.placement(s.participantId, s.enterpriseId);
      const resume = await patch(s.coach.token, p.id, { action: 'resume', date: '2026-04-01' });
      expect(resume.status).toBe(409);
      expect(resume.body.message).toMatch(/active cannot be resumed/);
      expect(
        (await patch(s.coach.token, p.id, { action: 'start', date: '2026-04-01' })).status,
      ).toBe(409);
      const noReason = await patch(s.coach.token, p.id, { action: 'abort', date: '2026-04-01' });
      expect(noReason.status).toBe(400);
      expect(Object.keys(noReason.body.fields ?? {})).toEqual(['reason']);
      const noDate = await patch(s.coach.token, p.id, { action: 'pause' });
      expect(Object.keys(noDate.body.fields ?? {})).toEqual(['date']);
      const future = await patch(s.coach.token, p.id, { action: 'pause', date: daysFromToday(3) });
      expect(future.status).toBe(400);
      const beforeStart = await patch(s.coach.token, p.id, { action: 'pause', date: '2026-01-01' });
      expect(beforeStart.status).toBe(400);
      await patch(s.coach.token, p.id, { action: 'abort', date: '2026-04-01', reason: 'Avbrott' });
      const again = await patch(s.coach.token, p.id, {
        action: 'end',
        date: '2026-04-02',
        reason: 'x',
      });
      expect(again.status).toBe(409);
    });

    it('changes fields with If-Match and answers a stale version with 409', async () => {
      const s = await placementScene(client, factories);
      const p = await factories.placement(s.participantId, s.enterpriseId);
      const first = await patch(
        s.coach.token,
        p.id,
        { hoursPerWeek: 30, plannedEndDate: '2026-12-31', supervisorIds: [s.supervisor.id] },
        { 'If-Match': '1' },
      );
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        hoursPerWeek: 30,
        plannedEndDate: '2026-12-31',
        supervisorIds: [s.supervisor.id],
        version: 2,
      });
      const stale = await patch(s.coach.token, p.id, { hoursPerWeek: 10 }, { 'If-Match': '1' });
      expect(stale.status).toBe(409);
      const garbage = await patch(s.coach.token, p.id, { hoursPerWeek: 10 }, { 'If-Match': 'x' });
      expect(garbage.status).toBe(400);
      const cleared = await patch(s.coach.token, p.id, { supervisorIds: [], hoursPerWeek: null });
      expect(cleared.body).toMatchObject({ supervisorIds: [], hoursPerWeek: null, version: 3 });
    });
  });
});
