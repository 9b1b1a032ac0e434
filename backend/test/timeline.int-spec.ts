import type { ApiError, Page, TimelineEvent } from '@stegvis/contracts';
import { FollowUpEntity } from '../src/modules/placements/placement.entity';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

describe('GET /api/participants/:id/timeline', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  /** A participant with one event of most kinds, at two enterprises. */
  async function history() {
    const programme = await factories.programme();
    const [mine, other] = [await factories.enterprise(), await factories.enterprise()];
    const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    const supervisor = await factories.loggedIn(client, 'supervisor', { enterpriseId: mine.id });
    const participant = await factories.participant(programme.id, {
      consentDate: '2026-01-15',
      exitedAt: '2026-11-01',
      exitReason: 'work',
      status: 'exited',
    });
    const here = await factories.placement(participant.id, mine.id, [supervisor.user.id], {
      startDate: '2026-03-02',
      actualEndDate: '2026-08-31',
      status: 'active',
    });
    const elsewhere = await factories.placement(participant.id, other.id, [], {
      startDate: '2026-09-01',
    });
    await factories.session(programme.id, coach.user.id, [participant.id], {
      at: new Date('2026-02-10T09:00:00Z'),
    });
    const followUps = t.dataSource.getRepository(FollowUpEntity);
    for (const [placementId, date] of [
      [here.id, '2026-03-09'],
      [elsewhere.id, '2026-09-08'],
    ] as const) {
      await followUps.save(
        followUps.create({
          placementId,
          date,
          authorId: coach.user.id,
          mode: 'visit',
          daysPresent: 5,
          daysAbsent: 0,
          wellbeing: 4,
          notes: 'Går bra',
          concern: false,
        }),
      );
    }
    return { coach, supervisor, participant, here, elsewhere };
  }

  it('lists every event newest first for the coach', async () => {
    const { coach, participant } = await history();
    const reply = await client.request<Page<TimelineEvent>>(
      'GET',
      `/api/participants/${participant.id}/timeline`,
      { token: coach.token },
    );
    expect(reply.status).toBe(200);
    const kinds = reply.body.items.map((e) => [e.kind, e.at.slice(0, 10)]);
    expect(kinds).toEqual([
      ['exit', '2026-11-01'],
      ['follow_up', '2026-09-08'],
      ['placement_start', '2026-09-01'],
      ['placement_end', '2026-08-31'],
      ['follow_up', '2026-03-09'],
      ['placement_start', '2026-03-02'],
      ['session', '2026-02-10'],
      // Dated by the enrolment day (the factory's 1 February), not by when the row was written.
      ['registration', '2026-02-01'],
      ['consent', '2026-01-15'],
    ]);
    // Free text never reaches the timeline.
    expect(JSON.stringify(reply.body)).not.toContain('Går bra');
  });

  it('shows a supervisor only the placement events of their enterprise', async () => {
    const { supervisor, participant, here } = await history();
    const reply = await client.request<Page<TimelineEvent>>(
      'GET',
      `/api/participants/${participant.id}/timeline`,
      { token: supervisor.token },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((e) => e.kind)).toEqual([
      'placement_end',
      'follow_up',
      'placement_start',
    ]);
    for (const event of reply.body.items) {
      expect(event.data['enterpriseId'] ?? here.enterpriseId).toBe(here.enterpriseId);
      expect(event.data['placementId'] ?? here.id).toBe(here.id);
    }
  });

  it('filters by kind and pages with a cursor without gaps or repeats', async () => {
    const { coach, participant } = await history();
    const all = await client.request<Page<TimelineEvent>>(
      'GET',
      `/api/participants/${participant.id}/timeline`,
      { token: coach.token },
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query = `limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { body: Page<TimelineEvent> } = await client.request<Page<TimelineEvent>>(
        'GET',
        `/api/participants/${participant.id}/timeline?${query}`,
        { token: coach.token },
      );
      seen.push(...page.body.items.map((e) => `${e.kind}:${e.id}:${e.at}`));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((e) => `${e.kind}:${e.id}:${e.at}`));

    const followUps = await client.request<Page<TimelineEvent>>(
      'GET',
      `/api/participants/${participant.id}/timeline?kinds=follow_up,exit`,
      { token: coach.token },
    );
    expect(followUps.body.items.map((e) => e.kind)).toEqual(['exit', 'follow_up', 'follow_up']);

    // Kinds without a placement event leave the enterprise parameter unused (found by sqlmap: 500).
    const withoutPlacements = await client.request<Page<TimelineEvent>>(
      'GET',
      `/api/participants/${participant.id}/timeline?kinds=registration,consent,plan_revision`,
      { token: coach.token },
    );
    expect(withoutPlacements.status).toBe(200);
    expect(withoutPlacements.body.items.map((e) => e.kind)).toEqual(['registration', 'consent']);
  });

  it('refuses unknown kinds and broken cursors with 400', async () => {
    const { coach, participant } = await history();
    const bad = await client.request<ApiError>(
      'GET',
      `/api/participants/${participant.id}/timeline?kinds=session,gossip`,
      { token: coach.token },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('kinds');
    const cursor = Buffer.from(JSON.stringify(['not a date', 'x', 'y'])).toString('base64url');
    const broken = await client.request(
      'GET',
      `/api/participants/${participant.id}/timeline?cursor=${cursor}`,
      {
        token: coach.token,
      },
    );
    expect(broken.status).toBe(400);
  });

  it('answers 404 to a coach of another programme', async () => {
    const { participant } = await history();
    const stranger = await factories.loggedIn(client, 'coach', {
      programmeIds: [(await factories.programme()).id],
    });
    const reply = await client.request('GET', `/api/participants/${participant.id}/timeline`, {
      token: stranger.token,
    });
    expect(reply.status).toBe(404);
  });
});
