import type {
  ApiError,
  EnterpriseSupervisor,
  FollowUpScheduleItem,
  Page,
  Placement,
} from '@stegvis/contracts';
import { UserEntity } from '../src/modules/users/user.entity';
import { Factories } from './support/factories';
import { daysFromToday, followUpBody, placementScene } from './support/placements-factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

describe('placement supervisors, pause / resume / end and the follow-up schedule through HTTP', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  const supervisorsOf = (token: string, enterpriseId: string) =>
    client.request<Page<EnterpriseSupervisor> & ApiError>(
      'GET',
      `/api/enterprises/${enterpriseId}/supervisors`,
      { token },
    );
  const create = (token: string, body: Record<string, unknown>) =>
    client.request<Placement & ApiError>('POST', '/api/placements', { token, body });
  const patch = (
    token: string,
    id: string,
    body: Record<string, unknown>,
    headers?: Record<string, string>,
  ) =>
    client.request<Placement & ApiError>('PATCH', `/api/placements/${id}`, {
      token,
      body,
      headers,
    });

  describe('GET /api/enterprises/:id/supervisors', () => {
    it('lists the enterprise’s active supervisors by name, with id and name only, and audits the read', async () => {
      const s = await placementScene(client, factories);
      const repo = t.dataSource.getRepository(UserEntity);
      await repo.update({ id: s.supervisor.id }, { name: 'Örjan Handledare' });
      const second = await factories.user('supervisor', { enterpriseId: s.enterpriseId });
      await repo.update({ id: second.id }, { name: 'Anna Handledare' });
      // Not listed: a disabled supervisor, a supervisor elsewhere (a coach has no enterprise).
      await factories.user('supervisor', { enterpriseId: s.enterpriseId, disabled: true });
      await factories.user('supervisor', { enterpriseId: (await factories.enterprise()).id });

      const reply = await supervisorsOf(s.coach.token, s.enterpriseId);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        items: [
          { id: second.id, name: 'Anna Handledare' },
          { id: s.supervisor.id, name: 'Örjan Handledare' },
        ],
        nextCursor: null,
      });

      const rows: { action: string; entity: string; ids: string[] }[] = await t.dataSource.query(
        `SELECT action, entity, detail->'ids' AS ids FROM audit_log WHERE request_id = $1`,
        [reply.headers.get('x-request-id')],
      );
      expect(rows).toEqual([
        { action: 'read', entity: 'supervisor', ids: [second.id, s.supervisor.id] },
      ]);
    });

    it('is 404 for an enterprise that does not exist and 403 for a supervisor or a lead', async () => {
      const s = await placementScene(client, factories);
      expect((await supervisorsOf(s.coach.token, crypto.randomUUID())).status).toBe(404);
      expect((await supervisorsOf(s.supervisor.token, s.enterpriseId)).status).toBe(403);
      const lead = await factories.loggedIn(client, 'lead', { programmeIds: [s.programmeId] });
      expect((await supervisorsOf(lead.token, s.enterpriseId)).status).toBe(403);
    });
  });

  describe('supervisors on a placement', () => {
    it('takes one or more supervisors of the placement’s enterprise and refuses others with a field error', async () => {
      const s = await placementScene(client, factories);
      const second = await factories.user('supervisor', { enterpriseId: s.enterpriseId });
      const elsewhere = await factories.user('supervisor', {
        enterpriseId: (await factories.enterprise()).id,
      });
      const created = await create(s.coach.token, {
        participantId: s.participantId,
        enterpriseId: s.enterpriseId,
        kind: 'work_training',
        startDate: daysFromToday(-20),
        plannedEndDate: daysFromToday(100),
        hoursPerWeek: 20,
        supervisorIds: [s.supervisor.id, second.id],
      });
      expect(created.status).toBe(201);
      expect(created.body.supervisorIds).toEqual([s.supervisor.id, second.id].sort());

      const refused = await patch(s.coach.token, created.body.id, {
        supervisorIds: [s.supervisor.id, elsewhere.id],
      });
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.fields ?? {})).toEqual(['supervisorIds']);
      const notUuid = await patch(s.coach.token, created.body.id, { supervisorIds: ['nobody'] });
      expect(notUuid.status).toBe(400);
      expect(Object.keys(notUuid.body.fields ?? {})).toEqual(['supervisorIds']);

      const changed = await patch(
        s.coach.token,
        created.body.id,
        { supervisorIds: [second.id], hoursPerWeek: 25.5, plannedEndDate: daysFromToday(120) },
        { 'If-Match': String(created.body.version) },
      );
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        supervisorIds: [second.id],
        hoursPerWeek: 25.5,
        plannedEndDate: daysFromToday(120),
        version: created.body.version + 1,
      });
      // The version read before the change is stale now.
      const stale = await patch(
        s.coach.token,
        created.body.id,
        { hoursPerWeek: 10 },
        { 'If-Match': String(created.body.version) },
      );
      expect(stale.status).toBe(409);
    });
  });

  describe('pause, resume and end with dates', () => {
    it('pauses and resumes on given days, ends with a date and a reason; bad input is a field error', async () => {
      const s = await placementScene(client, factories);
      const { body: placement } = await create(s.coach.token, {
        participantId: s.participantId,
        enterpriseId: s.enterpriseId,
        kind: 'internship',
        startDate: daysFromToday(-30),
        supervisorIds: [s.supervisor.id],
      });
      const id = placement.id;

      const future = await patch(s.coach.token, id, { action: 'pause', date: daysFromToday(3) });
      expect(future.status).toBe(400);
      expect(Object.keys(future.body.fields ?? {})).toEqual(['date']);
      const noDate = await patch(s.coach.token, id, { action: 'pause' });
      expect(noDate.status).toBe(400);
      expect(Object.keys(noDate.body.fields ?? {})).toEqual(['date']);

      const paused = await patch(s.coach.token, id, { action: 'pause', date: daysFromToday(-10) });
      expect(paused.status).toBe(200);
      expect(paused.body).toMatchObject({
        status: 'paused',
        pauses: [{ from: daysFromToday(-10), to: null }],
      });
      const early = await patch(s.coach.token, id, { action: 'resume', date: daysFromToday(-10) });
      expect(early.status).toBe(400);
      expect(Object.keys(early.body.fields ?? {})).toEqual(['date']);
      const resumed = await patch(s.coach.token, id, { action: 'resume', date: daysFromToday(-3) });
      expect(resumed.status).toBe(200);
      expect(resumed.body).toMatchObject({
        status: 'active',
        pauses: [{ from: daysFromToday(-10), to: daysFromToday(-4) }],
      });

      const noReason = await patch(s.coach.token, id, { action: 'end', date: daysFromToday(0) });
      expect(noReason.status).toBe(400);
      expect(Object.keys(noReason.body.fields ?? {})).toEqual(['reason']);
      const ended = await patch(s.coach.token, id, {
        action: 'end',
        date: daysFromToday(0),
        reason: 'Fått anställning',
      });
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({
        status: 'ended',
        actualEndDate: daysFromToday(0),
        endReason: 'Fått anställning',
        followUpStatus: { nextDue: null, overdue: false },
      });
      // An ended placement cannot be paused: a conflict, not a field error.
      const again = await patch(s.coach.token, id, { action: 'pause', date: daysFromToday(0) });
      expect(again.status).toBe(409);
    });
  });

  describe('GET /api/placements/:id/follow-up-schedule', () => {
    it('lists the due dates by the cadence: done, missed and upcoming', async () => {
      const s = await placementScene(client, factories);
      // Started 10 days ago: weekly at first → due day 7 (3 days ago, missed unless done) and day 14.
      const { body: placement } = await create(s.coach.token, {
        participantId: s.participantId,
        enterpriseId: s.enterpriseId,
        kind: 'work_training',
        startDate: daysFromToday(-10),
        supervisorIds: [s.supervisor.id],
      });
      const schedule = () =>
        client.request<{ items: FollowUpScheduleItem[] }>(
          'GET',
          `/api/placements/${placement.id}/follow-up-schedule`,
          { token: s.coach.token },
        );
      const before = await schedule();
      expect(before.status).toBe(200);
      expect(before.body.items.slice(0, 2)).toEqual([
        { due: daysFromToday(-3), doneOn: null, status: 'missed' },
        { due: daysFromToday(4), doneOn: null, status: 'upcoming' },
      ]);

      const logged = await client.request('POST', `/api/placements/${placement.id}/follow-ups`, {
        token: s.supervisor.token,
        body: followUpBody(daysFromToday(-4)),
      });
      expect(logged.status).toBe(201);
      const after = await schedule();
      expect(after.body.items[0]).toEqual({
        due: daysFromToday(-3),
        doneOn: daysFromToday(-4),
        status: 'done',
      });
      expect(after.body.items[1]).toEqual({
        due: daysFromToday(3),
        doneOn: null,
        status: 'upcoming',
      });
      // The supervisor sees it too; another enterprise's supervisor gets 404.
      const own = await client.request(
        'GET',
        `/api/placements/${placement.id}/follow-up-schedule`,
        { token: s.supervisor.token },
      );
      expect(own.status).toBe(200);
      const other = await factories.loggedIn(client, 'supervisor', {
        enterpriseId: (await factories.enterprise()).id,
      });
      const foreign = await client.request(
        'GET',
        `/api/placements/${placement.id}/follow-up-schedule`,
        { token: other.token },
      );
      expect(foreign.status).toBe(404);
    });
  });
});
