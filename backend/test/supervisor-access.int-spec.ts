import type { ApiError, DueFollowUp, FollowUp, Page } from '@stegvis/contracts';
import { Factories } from './support/factories';
import { daysFromToday, followUpBody, placementScene } from './support/placements-factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * What a supervisor may filter by (issue 12, point 7) and how long their access lasts (point 8):
 * a filter on a field outside the caller's view is a 400 naming the field; access lasts while the
 * placement is current and for SUPERVISOR_GRACE_DAYS (14) after it ended, then ends everywhere.
 */
describe('supervisor access: filters and the end of a placement', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });

  afterAll(async () => t.close());

  describe('filters outside the view (point 7)', () => {
    it.each([
      ['coachId', 'coachId=00000000-0000-4000-8000-000000000001'],
      ['status', 'status=active'],
      ['programmeId', 'programmeId=00000000-0000-4000-8000-000000000001'],
    ])(
      'refuses a supervisor’s ?%s= on the participant list with 400 naming it',
      async (field, q) => {
        const s = await placementScene(client, factories);
        await factories.placement(s.participantId, s.enterpriseId, [s.supervisor.id]);
        const reply = await client.request<ApiError>('GET', `/api/participants?${q}`, {
          token: s.supervisor.token,
        });
        expect(reply.status).toBe(400);
        expect(Object.keys(reply.body.fields ?? {})).toEqual([field]);
      },
    );

    it('still lets a supervisor search by name and filter overdue, and a coach use every filter', async () => {
      const s = await placementScene(client, factories);
      await factories.placement(s.participantId, s.enterpriseId, [s.supervisor.id]);
      const search = await client.request<Page<{ id: string }>>(
        'GET',
        `/api/participants?search=${encodeURIComponent(s.participantName)}&overdue=false`,
        { token: s.supervisor.token },
      );
      expect(search.status).toBe(200);
      expect(search.body.items.map((p) => p.id)).toEqual([s.participantId]);
      const coach = await client.request<Page<{ id: string }>>(
        'GET',
        `/api/participants?status=active&programmeId=${s.programmeId}&coachId=${s.coach.id}`,
        { token: s.coach.token },
      );
      expect(coach.status).toBe(200);
      expect(coach.body.items.map((p) => p.id)).toEqual([s.participantId]);
    });

    it('refuses a supervisor’s ?mine= on the due list (the responsible coach is not in their view)', async () => {
      const s = await placementScene(client, factories);
      const reply = await client.request<ApiError>('GET', '/api/follow-ups/due?mine=true', {
        token: s.supervisor.token,
      });
      expect(reply.status).toBe(400);
      expect(Object.keys(reply.body.fields ?? {})).toEqual(['mine']);
    });
  });

  describe('an ended placement (point 8)', () => {
    /** A placement that ended `daysAgo` days ago, with a follow-up carrying free text. */
    async function endedScene(daysAgo: number) {
      const s = await placementScene(client, factories);
      const placement = await factories.placement(
        s.participantId,
        s.enterpriseId,
        [s.supervisor.id],
        {
          startDate: daysFromToday(-120),
          plannedEndDate: daysFromToday(-daysAgo),
          actualEndDate: daysFromToday(-daysAgo),
          status: 'ended',
          endReason: 'Fritext från coachen',
        },
      );
      const followUp = await client.request<FollowUp>(
        'POST',
        `/api/placements/${placement.id}/follow-ups`,
        {
          token: s.coach.token,
          body: followUpBody(daysFromToday(-daysAgo - 3), { notes: 'Anteckning' }),
        },
      );
      expect(followUp.status).toBe(201);
      return { ...s, placementId: placement.id };
    }

    /** What the caller gets of the participant on every route a supervisor may use. */
    async function seen(token: string, participantId: string, placementId: string) {
      const paths = {
        participant: `/api/participants/${participantId}`,
        placement: `/api/placements/${placementId}`,
        followUps: `/api/placements/${placementId}/follow-ups`,
        schedule: `/api/placements/${placementId}/follow-up-schedule`,
        timeline: `/api/participants/${participantId}/timeline`,
        actionPlan: `/api/participants/${participantId}/action-plan`,
        checkIns: `/api/participants/${participantId}/check-ins`,
        progression: `/api/participants/${participantId}/progression`,
        instruments: `/api/instruments?participantId=${participantId}`,
      };
      const statuses = Object.fromEntries(
        await Promise.all(
          Object.entries(paths).map(async ([name, path]) => [
            name,
            (await client.request('GET', path, { token })).status,
          ]),
        ),
      ) as Record<keyof typeof paths, number>;
      const [list, placements] = await Promise.all([
        client.request<Page<{ id: string }>>('GET', '/api/participants?limit=200', { token }),
        client.request<Page<{ id: string }>>('GET', '/api/placements?limit=100', { token }),
      ]);
      return {
        ...statuses,
        listed: list.body.items.some((p) => p.id === participantId),
        placementListed: placements.body.items.some((p) => p.id === placementId),
      };
    }

    const everything = (status: number, listed: boolean) => ({
      participant: status,
      placement: status,
      followUps: status,
      schedule: status,
      timeline: status,
      actionPlan: status,
      checkIns: status,
      progression: status,
      instruments: status,
      listed,
      placementListed: listed,
    });

    it('within the grace period: the supervisor still sees participant, placement and follow-ups, and may add the last follow-up', async () => {
      const s = await endedScene(3);
      expect(await seen(s.supervisor.token, s.participantId, s.placementId)).toEqual(
        everything(200, true),
      );
      const last = await client.request('POST', `/api/placements/${s.placementId}/follow-ups`, {
        token: s.supervisor.token,
        body: followUpBody(daysFromToday(-3)),
      });
      expect(last.status).toBe(201);
    });

    it('after the grace period: every route answers 404 and no list holds it, consistently', async () => {
      const s = await endedScene(3);
      // The end moves back past the grace period (14 days).
      await t.dataSource.query(
        `UPDATE placements SET actual_end_date = $2, planned_end_date = $2 WHERE id = $1`,
        [s.placementId, daysFromToday(-15)],
      );
      expect(await seen(s.supervisor.token, s.participantId, s.placementId)).toEqual(
        everything(404, false),
      );
      const late = await client.request('POST', `/api/placements/${s.placementId}/follow-ups`, {
        token: s.supervisor.token,
        body: followUpBody(daysFromToday(-16)),
      });
      expect(late.status).toBe(404);
      const due = await client.request<{ items: DueFollowUp[] }>('GET', '/api/follow-ups/due', {
        token: s.supervisor.token,
      });
      expect(due.body.items.map((d) => d.participantId)).not.toContain(s.participantId);
      // The coach keeps the whole record.
      expect(await seen(s.coach.token, s.participantId, s.placementId)).toEqual(
        everything(200, true),
      );
    });

    it('a supervisor never gets the end reason, the version or other coach-only placement fields', async () => {
      const s = await endedScene(1);
      const reply = await client.request<Record<string, unknown>>(
        'GET',
        `/api/placements/${s.placementId}`,
        { token: s.supervisor.token },
      );
      expect(reply.status).toBe(200);
      expect(reply.body).not.toHaveProperty('endReason');
      expect(JSON.stringify(reply.body)).not.toContain('Fritext');
    });
  });
});
