import type { ApiError, CheckIn, Instrument, Page, Progression } from '@stegvis/contracts';
import { Factories } from './support/factories';
import { daysFromToday, placementScene } from './support/placements-factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

const indicator = (key: string, min = 1, max = 5) => ({
  key,
  labelSv: key,
  labelEn: key,
  min,
  max,
  stagesSv: Array.from({ length: max - min + 1 }, (_, i) => `S${i}`),
  stagesEn: Array.from({ length: max - min + 1 }, (_, i) => `E${i}`),
});

describe('check-ins, instruments and progression through HTTP', () => {
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
      body: { instrumentId, occasion: 'start', date: '2026-03-01', ...body },
    });

  async function placedScene() {
    const s = await placementScene(client, factories);
    await factories.placement(s.participantId, s.enterpriseId, [s.supervisor.id]);
    return s;
  }

  it('validates scores against the instrument: known keys, whole numbers within the scale', async () => {
    const s = await placedScene();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ scores: { motivation: 6 } }, ['scores.motivation']],
      [{ scores: { motivation: 2.5 } }, ['scores.motivation']],
      [{ scores: { shoe_size: 3 } }, ['scores.shoe_size']],
      [{ scores: {} }, ['scores']],
      [{ scores: [3] }, ['scores']],
      [{ scores: { motivation: 3 }, ladder: 5 }, ['ladder']],
      [{ scores: { motivation: 3 }, occasion: 'midway' }, ['occasion']],
      [{ scores: { motivation: 3 }, date: daysFromToday(1) }, ['date']],
      [
        { scores: { motivation: 3 }, instrumentId: '00000000-0000-4000-8000-000000000000' },
        ['instrumentId'],
      ],
    ];
    for (const [body, fields] of cases) {
      const reply = await record(s.coach.token, s.participantId, body);
      expect({ body, status: reply.status }).toEqual({ body, status: 400 });
      expect(Object.keys(reply.body.fields ?? {})).toEqual(fields);
    }
    const ok = await record(s.coach.token, s.participantId, {
      scores: { motivation: 1, work_skills: 5 },
      ladder: 0,
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      rater: 'coach',
      scores: { motivation: 1, work_skills: 5 },
      ladder: 0,
    });
  });

  it('computes progression from three check-ins by two raters, showing a disagreement and ladder movement', async () => {
    const s = await placedScene();
    const c = s.coach.token;
    expect(
      (
        await record(c, s.participantId, {
          rater: 'coach',
          date: '2026-03-01',
          scores: { motivation: 2, self_confidence: 2 },
          ladder: 1,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await record(c, s.participantId, {
          rater: 'participant',
          date: '2026-03-01',
          scores: { motivation: 3, self_confidence: 5 },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await record(c, s.participantId, {
          rater: 'coach',
          occasion: 'during',
          date: '2026-06-01',
          scores: { motivation: 4, self_confidence: 2 },
          ladder: 2,
        })
      ).status,
    ).toBe(201);

    const reply = await client.request<Progression>(
      'GET',
      `/api/participants/${s.participantId}/progression`,
      { token: c },
    );
    expect(reply.status).toBe(200);
    const p = reply.body;
    expect(p.indicators).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          indicator: 'motivation',
          rater: 'coach',
          first: 2,
          latest: 4,
          change: 2,
        }),
        expect.objectContaining({ indicator: 'self_confidence', rater: 'coach', change: 0 }),
        expect.objectContaining({ indicator: 'motivation', rater: 'participant', change: null }),
      ]),
    );
    expect(p.meanChange).toBe(1);
    expect(p.meanChangeByRater).toEqual({ coach: 1, participant: null });
    expect(p.ladder).toEqual({ first: 1, latest: 2, change: 1 });
    expect(p.movedForward).toBe(true);
    // Same date 2026-03-01: self-confidence coach 2 vs participant 5 — shown, not averaged.
    expect(p.disagreements).toEqual([
      {
        indicator: 'self_confidence',
        date: '2026-03-01',
        dates: { participant: '2026-03-01', coach: '2026-03-01' },
        scores: { participant: 5, coach: 2 },
        spread: 3,
      },
    ]);
  });

  it('lets a supervisor record only supervisor ratings, see only those, and only for participants placed with them', async () => {
    const s = await placedScene();
    await record(s.coach.token, s.participantId, {
      rater: 'participant',
      scores: { health_capacity: 1 },
    });
    const asCoach = await record(s.supervisor.token, s.participantId, {
      rater: 'coach',
      scores: { motivation: 3 },
    });
    expect(asCoach.status).toBe(400);
    expect(Object.keys(asCoach.body.fields ?? {})).toEqual(['rater']);
    const own = await record(s.supervisor.token, s.participantId, { scores: { work_skills: 4 } });
    expect(own.status).toBe(201);
    expect(own.body.rater).toBe('supervisor');
    const coachAsSupervisor = await record(s.coach.token, s.participantId, {
      rater: 'supervisor',
      scores: { motivation: 3 },
    });
    expect(coachAsSupervisor.status).toBe(400);

    const seen = await client.request<Page<CheckIn>>(
      'GET',
      `/api/participants/${s.participantId}/check-ins`,
      { token: s.supervisor.token },
    );
    expect(seen.body.items.map((i) => i.rater)).toEqual(['supervisor']);
    const all = await client.request<Page<CheckIn>>(
      'GET',
      `/api/participants/${s.participantId}/check-ins`,
      { token: s.coach.token },
    );
    expect(all.body.items).toHaveLength(2);

    const elsewhere = await factories.loggedIn(client, 'supervisor', {
      enterpriseId: (await factories.enterprise()).id,
    });
    expect(
      (await record(elsewhere.token, s.participantId, { scores: { motivation: 3 } })).status,
    ).toBe(404);
    for (const path of ['check-ins', 'progression']) {
      const r = await client.request('GET', `/api/participants/${s.participantId}/${path}`, {
        token: elsewhere.token,
      });
      expect({ path, status: r.status }).toEqual({ path, status: 404 });
    }
  });

  it('scopes to the coach’s programmes (404 elsewhere) and refuses a reduced participant (409)', async () => {
    const s = await placedScene();
    const otherCoach = await factories.loggedIn(client, 'coach', {
      programmeIds: [(await factories.programme()).id],
    });
    expect(
      (await record(otherCoach.token, s.participantId, { scores: { motivation: 3 } })).status,
    ).toBe(404);
    for (const path of ['check-ins', 'progression']) {
      const r = await client.request('GET', `/api/participants/${s.participantId}/${path}`, {
        token: otherCoach.token,
      });
      expect(r.status).toBe(404);
    }
    const reduced = await factories.participant(s.programmeId, {
      reducedAt: new Date(),
      firstName: null,
      lastName: null,
    });
    expect((await record(s.coach.token, reduced.id, { scores: { motivation: 3 } })).status).toBe(
      409,
    );
  });

  it('pages check-ins newest first', async () => {
    const s = await placedScene();
    for (const date of ['2026-03-01', '2026-04-01', '2026-05-01']) {
      await record(s.coach.token, s.participantId, { date, scores: { motivation: 3 } });
    }
    const first = await client.request<Page<CheckIn>>(
      'GET',
      `/api/participants/${s.participantId}/check-ins?limit=2`,
      { token: s.coach.token },
    );
    expect(first.body.items.map((i) => i.date)).toEqual(['2026-05-01', '2026-04-01']);
    const second = await client.request<Page<CheckIn>>(
      'GET',
      `/api/participants/${s.participantId}/check-ins?limit=2&cursor=${first.body.nextCursor}`,
      { token: s.coach.token },
    );
    expect(second.body.items.map((i) => i.date)).toEqual(['2026-03-01']);
    expect(second.body.nextCursor).toBeNull();
  });

  describe('instruments', () => {
    it('creates versions of a programme’s instrument and lists them with the shipped one', async () => {
      const programme = await factories.programme();
      const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
      const body = {
        programmeId: programme.id,
        key: 'star',
        nameSv: 'Stjärna',
        nameEn: 'Star',
        indicators: [indicator('hope', 1, 10)],
      };
      const v1 = await client.request<Instrument>('POST', '/api/instruments', {
        token: lead.token,
        body,
      });
      const v2 = await client.request<Instrument>('POST', '/api/instruments', {
        token: lead.token,
        body: { ...body, nameEn: 'Star 2' },
      });
      expect([v1.status, v2.status]).toEqual([201, 201]);
      expect([v1.body.version, v2.body.version]).toEqual([1, 2]);
      expect(v1.body.id).not.toBe(v2.body.id);
      const other = await factories.programme();
      const elsewhere = await client.request<Instrument>('POST', '/api/instruments', {
        token: (await factories.loggedIn(client, 'admin')).token,
        body: { ...body, programmeId: other.id },
      });
      expect(elsewhere.body.version).toBe(1);

      const list = await client.request<Page<Instrument>>(
        'GET',
        `/api/instruments?programmeId=${programme.id}`,
        { token: lead.token },
      );
      expect(list.body.items.map((i) => [i.key, i.version, i.programmeId])).toEqual([
        ['stegvis', 1, null],
        ['star', 2, programme.id],
        ['star', 1, programme.id],
      ]);
      expect(
        (
          await client.request('GET', `/api/instruments?programmeId=${other.id}`, {
            token: lead.token,
          })
        ).status,
      ).toBe(404);

      // A check-in on the programme's own instrument, by a coach of that programme.
      const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
      const participant = await factories.participant(programme.id);
      const scored = await record(coach.token, participant.id, {
        instrumentId: v1.body.id,
        scores: { hope: 10 },
      });
      expect(scored.status).toBe(201);
      // Another programme's instrument is not available to this participant.
      const foreign = await record(coach.token, participant.id, {
        instrumentId: elsewhere.body.id,
        scores: { hope: 3 },
      });
      expect(foreign.status).toBe(400);
    });

    it('validates scales and refuses programmes out of scope, shipped keys and coaches', async () => {
      const programme = await factories.programme();
      const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
      const base = { programmeId: programme.id, key: 'own', nameSv: 'Eget', nameEn: 'Own' };
      const cases: [Record<string, unknown>, string][] = [
        [{ ...base, indicators: [{ ...indicator('a'), min: 5, max: 5 }] }, 'indicators.0.max'],
        [
          {
            ...base,
            indicators: [
              { ...indicator('a'), stagesSv: ['a', 'b', 'c'], stagesEn: ['a', 'b', 'c'] },
            ],
          },
          'indicators.0.stagesSv',
        ],
        [
          { ...base, indicators: [{ ...indicator('a'), stagesEn: ['a', 'b'] }] },
          'indicators.0.stagesEn',
        ],
        [{ ...base, indicators: [indicator('a'), indicator('a')] }, 'indicators.1.key'],
        [{ ...base, indicators: [] }, 'indicators'],
        [{ ...base, key: 'Bad Key', indicators: [indicator('a')] }, 'key'],
        [{ ...base, key: 'stegvis', indicators: [indicator('a')] }, 'key'],
        [
          { ...base, programmeId: (await factories.programme()).id, indicators: [indicator('a')] },
          'programmeId',
        ],
      ];
      for (const [body, field] of cases) {
        const reply = await client.request<ApiError>('POST', '/api/instruments', {
          token: lead.token,
          body,
        });
        expect({ field, status: reply.status }).toEqual({ field, status: 400 });
        expect(Object.keys(reply.body.fields ?? {})).toEqual([field]);
      }
      const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
      expect(
        (
          await client.request('POST', '/api/instruments', {
            token: coach.token,
            body: { ...base, indicators: [indicator('a')] },
          })
        ).status,
      ).toBe(403);
    });
  });
});
