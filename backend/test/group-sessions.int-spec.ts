import type { ApiError, CoachingSession, Page } from '@stegvis/contracts';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

describe('group sessions through HTTP: the group filter of the session list', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  const post = (token: string, body: unknown) =>
    client.request<CoachingSession>('POST', '/api/coaching-sessions', { token, body });
  const list = (token: string, query: string) =>
    client.request<Page<CoachingSession>>('GET', `/api/coaching-sessions?${query}`, { token });

  const session = (
    kind: string,
    at: string,
    people: [string, 'attended' | 'no_show' | 'cancelled'][],
  ) => ({
    at,
    durationMinutes: 90,
    kind,
    mode: 'on_site',
    participants: people.map(([participantId, attendance]) => ({ participantId, attendance })),
  });

  it('lists only group sessions with group=true (workshops and any session of several), the rest with group=false', async () => {
    const programme = await factories.programme();
    const { token } = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    const [a, b, c] = [
      await factories.participant(programme.id),
      await factories.participant(programme.id),
      await factories.participant(programme.id),
    ];
    const workshop = await post(
      token,
      session('group_workshop', '2026-03-10T09:00:00+01:00', [
        [a!.id, 'attended'],
        [b!.id, 'no_show'],
        [c!.id, 'cancelled'],
      ]),
    );
    expect(workshop.status).toBe(201);
    // A workshop only one person was booked for is still a group session.
    const smallWorkshop = await post(
      token,
      session('group_workshop', '2026-03-11T09:00:00+01:00', [[a!.id, 'attended']]),
    );
    const advice = await post(
      token,
      session('business_advice', '2026-03-12T09:00:00+01:00', [
        [a!.id, 'attended'],
        [b!.id, 'attended'],
      ]),
    );
    const oneAdvice = await post(
      token,
      session('business_advice', '2026-03-13T09:00:00+01:00', [[b!.id, 'attended']]),
    );
    const individual = await post(
      token,
      session('individual_coaching', '2026-03-14T09:00:00+01:00', [[c!.id, 'attended']]),
    );
    for (const r of [smallWorkshop, advice, oneAdvice, individual]) expect(r.status).toBe(201);

    const groups = await list(token, 'group=true');
    expect(groups.status).toBe(200);
    expect(groups.body.items.map((s) => s.id)).toEqual([
      advice.body.id,
      smallWorkshop.body.id,
      workshop.body.id,
    ]);
    expect(groups.body.items[2]!.participants).toEqual(
      expect.arrayContaining([
        { participantId: a!.id, attendance: 'attended' },
        { participantId: b!.id, attendance: 'no_show' },
        { participantId: c!.id, attendance: 'cancelled' },
      ]),
    );
    const others = await list(token, 'group=false');
    expect(others.body.items.map((s) => s.id)).toEqual([individual.body.id, oneAdvice.body.id]);
    // Combined with the other filters and pages.
    const ofC = await list(token, `group=true&participantId=${c!.id}`);
    expect(ofC.body.items.map((s) => s.id)).toEqual([workshop.body.id]);
    const first = await list(token, 'group=true&limit=2');
    expect(first.body.items).toHaveLength(2);
    const rest = await list(token, `group=true&limit=2&cursor=${first.body.nextCursor}`);
    expect(rest.body.items.map((s) => s.id)).toEqual([workshop.body.id]);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('keeps the list in the caller’s programmes: another programme’s coach sees none of them', async () => {
    const programme = await factories.programme();
    const mine = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    const colleague = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    const other = await factories.programme();
    const outsider = await factories.loggedIn(client, 'coach', { programmeIds: [other.id] });
    const a = await factories.participant(programme.id);
    const b = await factories.participant(programme.id);
    const x = await factories.participant(other.id);
    const logged = await post(
      mine.token,
      session('group_workshop', '2026-04-01T13:00:00+02:00', [
        [a.id, 'attended'],
        [b.id, 'attended'],
      ]),
    );
    const theirs = await post(
      outsider.token,
      session('group_workshop', '2026-04-02T13:00:00+02:00', [[x.id, 'attended']]),
    );
    expect(theirs.status).toBe(201);

    const seenByMe = (await list(mine.token, 'group=true')).body.items.map((s) => s.id);
    expect(seenByMe).toEqual([logged.body.id]);
    // A colleague in the same programme sees it too (the list is per programme, not per author).
    expect((await list(colleague.token, 'group=true')).body.items.map((s) => s.id)).toEqual([
      logged.body.id,
    ]);
    expect((await list(outsider.token, 'group=true')).body.items.map((s) => s.id)).toEqual([
      theirs.body.id,
    ]);
    // A participant of another programme can't be added to my group session.
    const mixed = await post(
      mine.token,
      session('group_workshop', '2026-04-03T13:00:00+02:00', [
        [a.id, 'attended'],
        [x.id, 'attended'],
      ]),
    );
    expect(mixed.status).toBe(400);
    expect(mixed.body).toMatchObject({
      fields: { 'participants.1.participantId': ['No such participant.'] },
    });
    // A lead has no list of sessions at all.
    const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
    expect((await list(lead.token, 'group=true')).status).toBe(403);
  });

  it('refuses a group value that is not true or false with a field message', async () => {
    const programme = await factories.programme();
    const { token } = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    const reply = await client.request<ApiError>('GET', '/api/coaching-sessions?group=yes', {
      token,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.fields?.['group']).toEqual([expect.any(String)]);
  });
});
