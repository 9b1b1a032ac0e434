import { todayIso } from '@stegvis/domain';
import { randomUUID } from 'node:crypto';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/** Idempotency-Key on POST: a retry replays the first response instead of doing the work twice. */
describe('Idempotency-Key on POST routes', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  let coach: { id: string; token: string };
  let programmeId: string;
  let participantId: string;
  let placementId: string;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
    const programme = await factories.programme();
    programmeId = programme.id;
    const enterprise = await factories.enterprise();
    const login = await factories.loggedIn(client, 'coach', { programmeIds: [programmeId] });
    coach = { id: login.user.id, token: login.token };
    participantId = (await factories.participant(programmeId)).id;
    placementId = (await factories.placement(participantId, enterprise.id)).id;
  }, 60_000);
  afterAll(async () => t?.close());

  const followUp = (daysPresent = 4) => ({
    date: todayIso(),
    mode: 'visit',
    daysPresent,
    daysAbsent: 1,
    wellbeing: 4,
  });
  const session = (at: string) => ({
    at,
    durationMinutes: 45,
    kind: 'individual_coaching',
    mode: 'phone',
    participants: [{ participantId, attendance: 'attended' }],
  });
  const post = (path: string, body: unknown, key?: string, token = coach.token) =>
    client.request<{ id: string; statusCode?: number }>('POST', path, {
      token,
      body,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });
  const count = async (sql: string, params: unknown[]) =>
    Number(((await t.dataSource.query(sql, params)) as { n: string }[])[0]?.n);
  const followUps = () =>
    count(`SELECT count(*) AS n FROM follow_ups WHERE placement_id = $1`, [placementId]);
  const sessionsAt = (at: string) =>
    count(`SELECT count(*) AS n FROM coaching_sessions WHERE coach_id = $1 AND at = $2`, [
      coach.id,
      at,
    ]);

  it('replays a retried follow-up POST: same status and body, one row', async () => {
    const before = await followUps();
    const key = randomUUID();
    const first = await post(`/api/placements/${placementId}/follow-ups`, followUp(), key);
    const retry = await post(`/api/placements/${placementId}/follow-ups`, followUp(), key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await followUps()).toBe(before + 1);
  });

  it('replays a retried coaching-session POST, and the same body without a key creates again', async () => {
    const at = '2026-05-04T10:00:00+02:00';
    const key = randomUUID();
    const first = await post('/api/coaching-sessions', session(at), key);
    const retry = await post('/api/coaching-sessions', session(at), key);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.id).toBe(first.body.id);
    expect(await sessionsAt(at)).toBe(1);
    // Without the header nothing is deduplicated: the key is what the client promises.
    expect((await post('/api/coaching-sessions', session(at))).status).toBe(201);
    expect(await sessionsAt(at)).toBe(2);
  });

  it('creates exactly one row for 10 concurrent identical POSTs with one key', async () => {
    const at = '2026-05-05T10:00:00+02:00';
    const key = randomUUID();
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => post('/api/coaching-sessions', session(at), key)),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    const ids = new Set(replies.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    expect(await sessionsAt(at)).toBe(1);
  });

  it('refuses the same key with a different body or route (422) and changes nothing', async () => {
    const key = randomUUID();
    expect((await post(`/api/placements/${placementId}/follow-ups`, followUp(3), key)).status).toBe(
      201,
    );
    const before = await followUps();
    const otherBody = await post(`/api/placements/${placementId}/follow-ups`, followUp(5), key);
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.statusCode).toBe(422);
    const otherRoute = await post(
      '/api/coaching-sessions',
      session('2026-05-06T10:00:00+02:00'),
      key,
    );
    expect(otherRoute.status).toBe(422);
    expect(await followUps()).toBe(before);
    expect(await sessionsAt('2026-05-06T10:00:00+02:00')).toBe(0);
  });

  it('keeps keys per user: another user may use the same key', async () => {
    const other = await factories.loggedIn(client, 'coach', { programmeIds: [programmeId] });
    const key = randomUUID();
    const before = await followUps();
    const mine = await post(`/api/placements/${placementId}/follow-ups`, followUp(), key);
    const theirs = await post(
      `/api/placements/${placementId}/follow-ups`,
      followUp(),
      key,
      other.token,
    );
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await followUps()).toBe(before + 2);
  });

  it('releases the key of a request that failed, so the corrected retry runs', async () => {
    const key = randomUUID();
    const bad = await post(
      `/api/placements/${placementId}/follow-ups`,
      { ...followUp(), wellbeing: 9 },
      key,
    );
    expect(bad.status).toBe(400);
    const good = await post(`/api/placements/${placementId}/follow-ups`, followUp(), key);
    expect(good.status).toBe(201);
    expect(good.headers.get('idempotent-replayed')).toBeNull();
  });

  it('forgets a key after 24 hours', async () => {
    const key = randomUUID();
    const before = await followUps();
    expect((await post(`/api/placements/${placementId}/follow-ups`, followUp(), key)).status).toBe(
      201,
    );
    const [row] = (await t.dataSource.query(
      `SELECT expires_at - created_at AS ttl FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [coach.id, key],
    )) as { ttl: { hours?: number; days?: number } }[];
    expect(row?.ttl.hours ?? (row?.ttl.days ?? 0) * 24).toBe(24);
    await t.dataSource.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND key = $2`,
      [coach.id, key],
    );
    const again = await post(`/api/placements/${placementId}/follow-ups`, followUp(), key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(await followUps()).toBe(before + 2);
  });

  it('refuses an empty or over-long key with 400', async () => {
    const tooLong = await post(
      `/api/placements/${placementId}/follow-ups`,
      followUp(),
      'k'.repeat(201),
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ fields: { 'Idempotency-Key': expect.any(Array) } });
    const empty = await post(`/api/placements/${placementId}/follow-ups`, followUp(), '');
    expect(empty.status).toBe(400);
    const longest = await post(
      `/api/placements/${placementId}/follow-ups`,
      followUp(),
      'k'.repeat(200),
    );
    expect(longest.status).toBe(201);
  });
});
