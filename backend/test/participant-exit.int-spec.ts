import type {
  ApiError,
  Page,
  Participant,
  Placement,
  ProgrammeReport,
  TimelineEvent,
} from '@stegvis/contracts';
import { halfYearKeyOf, reportPeriodOf } from '@stegvis/domain';
import { Factories } from './support/factories';
import { daysFromToday, placementScene } from './support/placements-factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

describe('ending and re-opening a participation through HTTP', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  const START = {
    incomeSources: ['social_assistance', 'activity_support'],
    timeInSupport: '2_5',
    occupation: 'job_seeking',
    occupationPercent: 0,
  };
  const EXIT = {
    incomeSources: ['salary'],
    timeInSupport: '2_5',
    occupation: 'employment',
    occupationPercent: 75,
  };

  const patch = (token: string, id: string, body: unknown) =>
    client.request<Participant & ApiError>('PATCH', `/api/participants/${id}`, { token, body });
  const reopen = (token: string, id: string, body: unknown, headers?: Record<string, string>) =>
    client.request<Participant & ApiError>('POST', `/api/participants/${id}/reopening`, {
      token,
      body,
      headers,
    });
  const placement = async (token: string, id: string) =>
    (await client.request<Placement>('GET', `/api/placements/${id}`, { token })).body;
  const timeline = async (token: string, id: string) =>
    (
      await client.request<Page<TimelineEvent>>('GET', `/api/participants/${id}/timeline`, {
        token,
      })
    ).body.items;

  it('ends the open placements with the exit, on the same day, in one transaction', async () => {
    const s = await placementScene(client, factories);
    await patch(s.coach.token, s.participantId, { startSnapshot: START });
    const active = await factories.placement(s.participantId, s.enterpriseId, [s.supervisor.id], {
      startDate: daysFromToday(-60),
      plannedEndDate: daysFromToday(30),
    });
    const paused = await factories.placement(s.participantId, s.enterpriseId, [], {
      startDate: daysFromToday(-40),
      status: 'paused',
      pauses: [{ from: daysFromToday(-10), to: null }],
    });
    const planned = await factories.placement(s.participantId, s.enterpriseId, [], {
      startDate: daysFromToday(20),
      status: 'planned',
    });
    const ended = await factories.placement(s.participantId, s.enterpriseId, [], {
      startDate: daysFromToday(-200),
      actualEndDate: daysFromToday(-100),
      status: 'ended',
      endReason: 'Klar',
    });
    // The supervisor sees the participant while a placement at their enterprise is open.
    const before = await client.request('GET', `/api/participants/${s.participantId}`, {
      token: s.supervisor.token,
    });
    expect(before.status).toBe(200);

    const exitDate = daysFromToday(-2);
    const reply = await patch(s.coach.token, s.participantId, {
      exit: { date: exitDate, reason: 'work', snapshot: EXIT },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      status: 'exited',
      exitedAt: exitDate,
      exitReason: 'work',
      startSnapshot: START,
      exitSnapshot: EXIT,
    });

    expect(await placement(s.coach.token, active.id)).toMatchObject({
      status: 'ended',
      actualEndDate: exitDate,
      endReason: 'Deltagandet avslutades',
      followUpStatus: expect.objectContaining({ overdue: false }),
    });
    expect(await placement(s.coach.token, paused.id)).toMatchObject({
      status: 'ended',
      actualEndDate: exitDate,
      pauses: [{ from: daysFromToday(-10), to: daysFromToday(-3) }],
    });
    expect(await placement(s.coach.token, planned.id)).toMatchObject({
      status: 'aborted',
      actualEndDate: exitDate,
    });
    expect(await placement(s.coach.token, ended.id)).toMatchObject({
      status: 'ended',
      actualEndDate: daysFromToday(-100),
      endReason: 'Klar',
    });

    // The placement was the supervisor's only way to the participant: it stays open to them for
    // the grace period (SUPERVISOR_GRACE_DAYS, 14) for the last follow-up, then answers 404.
    const within = await client.request('GET', `/api/participants/${s.participantId}`, {
      token: s.supervisor.token,
    });
    expect(within.status).toBe(200);
    await t.dataSource.query(
      `UPDATE placements SET actual_end_date = $2 WHERE participant_id = $1 AND actual_end_date = $3`,
      [s.participantId, daysFromToday(-15), exitDate],
    );
    const after = await client.request('GET', `/api/participants/${s.participantId}`, {
      token: s.supervisor.token,
    });
    expect(after.status).toBe(404);
    const afterPatch = await patch(s.supervisor.token, s.participantId, { status: 'active' });
    expect(afterPatch.status).toBe(403);

    const events = await timeline(s.coach.token, s.participantId);
    expect(events.filter((e) => e.kind === 'exit')).toEqual([
      expect.objectContaining({ data: { reason: 'work', reopened: false } }),
    ]);
    expect(
      events
        .filter((e) => e.kind === 'placement_end')
        .map((e) => e.id)
        .sort(),
    ).toEqual([active.id, paused.id, planned.id, ended.id].sort());

    const caseload = await client.request<Page<Participant>>(
      'GET',
      `/api/participants?status=exited&programmeId=${s.programmeId}`,
      { token: s.coach.token },
    );
    expect(caseload.body.items.map((p) => [p.id, p.status])).toEqual([[s.participantId, 'exited']]);
  });

  it('changes nothing when one placement cannot end on the exit date', async () => {
    const s = await placementScene(client, factories);
    const early = await factories.placement(s.participantId, s.enterpriseId, [], {
      startDate: daysFromToday(-60),
    });
    const late = await factories.placement(s.participantId, s.enterpriseId, [], {
      startDate: daysFromToday(-5),
    });
    const reply = await patch(s.coach.token, s.participantId, {
      exit: { date: daysFromToday(-10), reason: 'moved', snapshot: EXIT },
    });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body.fields ?? {})).toEqual(['exit.date']);
    expect(reply.body.fields?.['exit.date']?.[0]).toContain(daysFromToday(-5));

    const now = await client.request<Participant>('GET', `/api/participants/${s.participantId}`, {
      token: s.coach.token,
    });
    expect(now.body).toMatchObject({ status: 'active', exitedAt: null, exitSnapshot: null });
    expect((await placement(s.coach.token, early.id)).status).toBe('active');
    expect((await placement(s.coach.token, late.id)).status).toBe('active');
  });

  it('refuses an exit date in the future with a field error', async () => {
    const s = await placementScene(client, factories);
    const reply = await patch(s.coach.token, s.participantId, {
      exit: { date: daysFromToday(1), reason: 'work', snapshot: EXIT },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.fields).toEqual({ 'exit.date': ['The exit cannot be in the future.'] });
    const today = await patch(s.coach.token, s.participantId, {
      exit: { date: daysFromToday(0), reason: 'work' },
    });
    expect(today.status).toBe(200);
  });

  it('re-opens an ended participation with a reason; the timeline keeps the exit and the re-opening', async () => {
    const s = await placementScene(client, factories);
    const exitDate = daysFromToday(-1);
    const exited = await patch(s.coach.token, s.participantId, {
      exit: { date: exitDate, reason: 'registered_in_error', snapshot: EXIT },
    });
    expect(exited.status).toBe(200);

    const noReason = await reopen(s.coach.token, s.participantId, {});
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.fields ?? {})).toEqual(['reason']);
    const stale = await reopen(
      s.coach.token,
      s.participantId,
      { reason: 'Avslutet registrerades för tidigt' },
      { 'if-match': String(exited.body.version - 1) },
    );
    expect(stale.status).toBe(409);

    const reply = await reopen(
      s.coach.token,
      s.participantId,
      { reason: 'Avslutet registrerades för tidigt' },
      { 'if-match': String(exited.body.version) },
    );
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      status: 'active',
      exitedAt: null,
      exitReason: null,
      exitSnapshot: null,
      version: exited.body.version + 1,
    });

    const again = await reopen(s.coach.token, s.participantId, { reason: 'En gång till' });
    expect(again.status).toBe(409);

    const events = await timeline(s.coach.token, s.participantId);
    expect(events.find((e) => e.kind === 'reopen')).toMatchObject({
      data: {
        reason: 'Avslutet registrerades för tidigt',
        previousExitedAt: exitDate,
        previousExitReason: 'registered_in_error',
      },
    });
    expect(events.find((e) => e.kind === 'exit')).toMatchObject({
      at: expect.stringContaining(exitDate),
      data: { reason: 'registered_in_error', reopened: true },
    });

    // A re-opening through PATCH status is recorded too (without a reason).
    await patch(s.coach.token, s.participantId, { exit: { date: exitDate, reason: 'moved' } });
    const byStatus = await patch(s.coach.token, s.participantId, { status: 'paused' });
    expect(byStatus.body).toMatchObject({ status: 'paused', exitedAt: null });
    const reopenings = (await timeline(s.coach.token, s.participantId)).filter(
      (e) => e.kind === 'reopen',
    );
    expect(reopenings.map((e) => e.data['reason'])).toEqual([
      null,
      'Avslutet registrerades för tidigt',
    ]);
  });

  it('answers a participant of another programme with 404, as if it did not exist', async () => {
    const s = await placementScene(client, factories);
    const other = await placementScene(client, factories);
    const exit = await patch(other.coach.token, s.participantId, {
      exit: { date: daysFromToday(-1), reason: 'work' },
    });
    expect(exit.status).toBe(404);
    await patch(s.coach.token, s.participantId, {
      exit: { date: daysFromToday(-1), reason: 'work' },
    });
    const reply = await reopen(other.coach.token, s.participantId, {
      reason: 'Inte min deltagare',
    });
    expect(reply.status).toBe(404);
    const missing = await reopen(s.coach.token, '00000000-0000-4000-8000-000000000000', {
      reason: 'Finns inte',
    });
    expect(missing.status).toBe(404);
    const supervisor = await reopen(s.supervisor.token, s.participantId, { reason: 'Handledare' });
    expect(supervisor.status).toBe(403);
  });

  it('counts the exit in the lead’s before/after tables at once', async () => {
    const programme = await factories.programme({ suppressionThreshold: 3 });
    const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
    const exitDate = daysFromToday(-1);
    for (let i = 0; i < 3; i++) {
      const created = await client.request<Participant>('POST', '/api/participants', {
        token: coach.token,
        body: {
          programmeId: programme.id,
          firstName: 'Före',
          lastName: `Efter ${i}`,
          gender: 'female',
          birthYear: 1985,
          enrolledAt: daysFromToday(-120),
          consent: { given: true, date: daysFromToday(-120), formVersion: 'v1' },
          startSnapshot: START,
        },
      });
      expect(created.status).toBe(201);
      const exit = await patch(coach.token, created.body.id, {
        exit: { date: exitDate, reason: 'work', snapshot: EXIT },
      });
      expect(exit.status).toBe(200);
    }
    // The half-year that holds the exits (reports cover calendar half-years or years).
    const period = reportPeriodOf(halfYearKeyOf(exitDate))!;
    const report = await client.request<ProgrammeReport>(
      'GET',
      `/api/programmes/${programme.id}/report?from=${period.from}&to=${period.to}`,
      { token: lead.token },
    );
    expect(report.status).toBe(200);
    const cell = (key: string, row: string, column: string) => {
      const table = report.body.tables.find((x) => x.key === key);
      const index = table?.columns.indexOf(column) ?? -1;
      return table?.rows.find((r) => r[0] === row)?.[index];
    };
    expect(cell('income_sources_start_exit', 'social_assistance', 'female_start')).toBe(3);
    expect(cell('income_sources_start_exit', 'social_assistance', 'female_exit')).toBe(0);
    expect(cell('income_sources_start_exit', 'salary', 'female_start')).toBe(0);
    expect(cell('income_sources_start_exit', 'salary', 'female_exit')).toBe(3);
    expect(cell('occupation_start_exit', 'job_seeking', 'female_start')).toBe(3);
    expect(cell('occupation_start_exit', 'employment', 'female_exit')).toBe(3);
    expect(cell('exit_reasons', 'work', 'female')).toBe(3);
  });
});
