import type { ApiError, CheckIn, Instrument, Page, Progression } from '@stegvis/contracts';
import { Factories } from './support/factories';
import { daysFromToday, placementScene } from './support/placements-factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

describe('supervisor ratings and the three raters through HTTP', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  let instrumentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
    instrumentId = await factories.defaultInstrumentId();
  });
  afterAll(async () => t.close());

  const record = (token: string, participantId: string, body: Record<string, unknown>) =>
    client.request<CheckIn & ApiError>('POST', `/api/participants/${participantId}/check-ins`, {
      token,
      body: { instrumentId, occasion: 'during', date: daysFromToday(-1), ...body },
    });

  async function placedScene() {
    const s = await placementScene(client, factories);
    await factories.placement(s.participantId, s.enterpriseId, [s.supervisor.id], {
      startDate: daysFromToday(-60),
      plannedEndDate: daysFromToday(60),
    });
    return s;
  }

  it('lets a supervisor rate a participant placed at their enterprise, as rater supervisor only', async () => {
    const s = await placedScene();
    const own = await record(s.supervisor.token, s.participantId, {
      scores: { motivation: 4, work_skills: 3 },
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({
      rater: 'supervisor',
      scores: { motivation: 4, work_skills: 3 },
    });
    const explicit = await record(s.supervisor.token, s.participantId, {
      rater: 'supervisor',
      scores: { motivation: 5 },
    });
    expect(explicit.status).toBe(201);
    for (const rater of ['coach', 'participant']) {
      const refused = await record(s.supervisor.token, s.participantId, {
        rater,
        scores: { motivation: 3 },
      });
      expect({ rater, status: refused.status }).toEqual({ rater, status: 400 });
      expect(Object.keys(refused.body.fields ?? {})).toEqual(['rater']);
    }
    const rows: { created_by: string; rater: string }[] = await t.dataSource.query(
      `SELECT created_by, rater FROM check_ins WHERE participant_id = $1`,
      [s.participantId],
    );
    expect(rows).toEqual([
      { created_by: s.supervisor.id, rater: 'supervisor' },
      { created_by: s.supervisor.id, rater: 'supervisor' },
    ]);
  });

  it('is 404 for a participant placed at another enterprise, placed no longer, or never placed', async () => {
    const s = await placedScene();
    const other = await placementScene(client, factories);
    await factories.placement(other.participantId, other.enterpriseId, [other.supervisor.id]);
    const elsewhere = await record(s.supervisor.token, other.participantId, {
      scores: { motivation: 3 },
    });
    expect(elsewhere.status).toBe(404);

    const ended = await factories.participant(s.programmeId);
    await factories.placement(ended.id, s.enterpriseId, [s.supervisor.id], {
      status: 'ended',
      actualEndDate: daysFromToday(-40),
      endReason: 'Slut',
    });
    expect((await record(s.supervisor.token, ended.id, { scores: { motivation: 3 } })).status).toBe(
      404,
    );
    const never = await factories.participant(s.programmeId);
    expect((await record(s.supervisor.token, never.id, { scores: { motivation: 3 } })).status).toBe(
      404,
    );
    expect(
      (await record(s.supervisor.token, crypto.randomUUID(), { scores: { motivation: 3 } })).status,
    ).toBe(404);
    const count: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM check_ins WHERE participant_id = ANY($1::uuid[])`,
      [[other.participantId, ended.id, never.id]],
    );
    expect(count[0]?.n).toBe(0);
  });

  it('gives a supervisor the instruments of a placed participant’s programme, and 404 for others', async () => {
    const s = await placedScene();
    const own = await client.request<Page<Instrument>>(
      'GET',
      `/api/instruments?participantId=${s.participantId}`,
      { token: s.supervisor.token },
    );
    expect(own.status).toBe(200);
    expect(own.body.items.map((i) => i.id)).toContain(instrumentId);
    const other = await placementScene(client, factories);
    const foreign = await client.request(
      'GET',
      `/api/instruments?participantId=${other.participantId}`,
      { token: s.supervisor.token },
    );
    expect(foreign.status).toBe(404);
  });

  it('refuses scores outside the instrument’s scale with a field error per indicator', async () => {
    const s = await placedScene();
    for (const [scores, fields] of [
      [{ motivation: 0 }, ['scores.motivation']],
      [{ motivation: 6, work_skills: 3 }, ['scores.motivation']],
      [{ motivation: 2.5 }, ['scores.motivation']],
      [{ motivation: 3, no_such: 3 }, ['scores.no_such']],
      [{ motivation: '3' }, ['scores.motivation']],
      [{}, ['scores']],
    ] as const) {
      for (const token of [s.supervisor.token, s.coach.token]) {
        const reply = await record(token, s.participantId, { scores });
        expect({ scores, status: reply.status }).toEqual({ scores, status: 400 });
        expect(Object.keys(reply.body.fields ?? {})).toEqual(fields);
        expect(reply.body.fields?.[fields[0]]?.[0]).toMatch(/.+/);
      }
    }
    const count: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM check_ins WHERE participant_id = $1`,
      [s.participantId],
    );
    expect(count[0]?.n).toBe(0);
  });

  it('lets the coach record participant and coach ratings but not a supervisor’s', async () => {
    const s = await placedScene();
    expect(
      (
        await record(s.coach.token, s.participantId, {
          rater: 'participant',
          scores: { motivation: 2 },
        })
      ).status,
    ).toBe(201);
    expect(
      (await record(s.coach.token, s.participantId, { rater: 'coach', scores: { motivation: 2 } }))
        .status,
    ).toBe(201);
    const asSupervisor = await record(s.coach.token, s.participantId, {
      rater: 'supervisor',
      scores: { motivation: 2 },
    });
    expect(asSupervisor.status).toBe(400);
    expect(Object.keys(asSupervisor.body.fields ?? {})).toEqual(['rater']);
  });

  it('shows the coach all three raters, each rater’s own change, and a difference within 14 days', async () => {
    const s = await placedScene();
    const c = s.coach.token;
    expect(
      (
        await record(c, s.participantId, {
          rater: 'participant',
          occasion: 'start',
          date: daysFromToday(-50),
          scores: { motivation: 2 },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await record(c, s.participantId, {
          rater: 'coach',
          occasion: 'start',
          date: daysFromToday(-50),
          scores: { motivation: 2 },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await record(c, s.participantId, {
          rater: 'participant',
          date: daysFromToday(-10),
          scores: { motivation: 5 },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await record(c, s.participantId, {
          rater: 'coach',
          date: daysFromToday(-10),
          scores: { motivation: 4 },
        })
      ).status,
    ).toBe(201);
    // Six days after the coach: 2 points below the coach, 3 below the participant.
    expect(
      (
        await record(s.supervisor.token, s.participantId, {
          date: daysFromToday(-4),
          scores: { motivation: 2 },
        })
      ).status,
    ).toBe(201);

    const p = (
      await client.request<Progression>('GET', `/api/participants/${s.participantId}/progression`, {
        token: c,
      })
    ).body;
    expect(p.meanChangeByRater).toEqual({ participant: 3, coach: 2, supervisor: null });
    expect(p.disagreements).toEqual([
      {
        indicator: 'motivation',
        date: daysFromToday(-4),
        dates: { participant: daysFromToday(-10), supervisor: daysFromToday(-4) },
        scores: { participant: 5, supervisor: 2 },
        spread: 3,
      },
      {
        indicator: 'motivation',
        date: daysFromToday(-4),
        dates: { coach: daysFromToday(-10), supervisor: daysFromToday(-4) },
        scores: { coach: 4, supervisor: 2 },
        spread: 2,
      },
    ]);
    // Every rater's check-ins, for the lines over time.
    const list = await client.request<Page<CheckIn>>(
      'GET',
      `/api/participants/${s.participantId}/check-ins`,
      { token: c },
    );
    expect(new Set(list.body.items.map((i) => i.rater))).toEqual(
      new Set(['participant', 'coach', 'supervisor']),
    );
    // The supervisor sees only the supervisor line and no difference with raters they cannot see.
    const own = (
      await client.request<Progression>('GET', `/api/participants/${s.participantId}/progression`, {
        token: s.supervisor.token,
      })
    ).body;
    expect(own.indicators.map((i) => i.rater)).toEqual(['supervisor']);
    expect(own.disagreements).toEqual([]);
  });
});
