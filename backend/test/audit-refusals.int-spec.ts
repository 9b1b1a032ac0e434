import type { AuditEntry, Page } from '@stegvis/contracts';
import { randomUUID } from 'node:crypto';
import { Factories, TEST_PASSWORD } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * Refused requests of signed-in users leave an audit row (ASVS 16.3.2 failed authorisation,
 * 16.3.3 attempts to get past validation): `denied` for 401 on an ended session, 403 and 404,
 * `rejected` for 400 with the names of the failing fields but never their values. Anonymous
 * requests leave none, so nobody can write to the audit log without an account.
 */

interface Row {
  user_id: string | null;
  role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: Record<string, unknown>;
}

describe('audit log: refused requests', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t?.close());

  async function rowsOf(reply: { headers: Headers }): Promise<Row[]> {
    const requestId = reply.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    return t.dataSource.query(
      `SELECT user_id, role, action, entity, entity_id, detail FROM audit_log WHERE request_id = $1`,
      [requestId],
    );
  }

  it("writes a denied row when a supervisor asks for another enterprise's participant (404)", async () => {
    const programme = await factories.programme();
    const [ours, theirs] = [await factories.enterprise(), await factories.enterprise()];
    const supervisor = await factories.loggedIn(client, 'supervisor', { enterpriseId: ours.id });
    const elsewhere = await factories.participant(programme.id);
    await factories.placement(elsewhere.id, theirs.id);

    const reply = await client.request('GET', `/api/participants/${elsewhere.id}`, {
      token: supervisor.token,
    });
    expect(reply.status).toBe(404);
    expect(await rowsOf(reply)).toEqual([
      {
        user_id: supervisor.user.id,
        role: 'supervisor',
        action: 'denied',
        entity: 'participant',
        entity_id: elsewhere.id,
        detail: {
          route: 'GET /api/participants/:id',
          status: 404,
          reason: 'scope',
          permission: 'participant.read',
        },
      },
    ]);
  });

  it('writes a denied row when a coach calls an admin route (403)', async () => {
    const coach = await factories.loggedIn(client, 'coach');
    const target = await factories.user('lead');
    const reply = await client.request('PATCH', `/api/users/${target.id}`, {
      token: coach.token,
      body: { role: 'admin' },
    });
    expect(reply.status).toBe(403);
    expect(await rowsOf(reply)).toEqual([
      {
        user_id: coach.user.id,
        role: 'coach',
        action: 'denied',
        entity: 'user',
        entity_id: target.id,
        detail: {
          route: 'PATCH /api/users/:id',
          status: 403,
          reason: 'role',
          permission: 'user.update',
        },
      },
    ]);
  });

  it('writes a rejected row with the names of the invalid fields, never their values (400)', async () => {
    const programme = await factories.programme();
    const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    const secret = `Hemlig-${randomUUID()}`;
    const reply = await client.request('POST', '/api/participants', {
      token: coach.token,
      body: {
        programmeId: programme.id,
        firstName: secret.repeat(10),
        lastName: secret,
        gender: secret,
        birthYear: 1990,
        enrolledAt: '2026-02-01',
        consent: { given: true, date: secret },
        [secret]: secret,
      },
    });
    expect(reply.status).toBe(400);
    const rows = await rowsOf(reply);
    expect(rows).toHaveLength(1);
    const [row] = rows as [Row];
    expect(row).toMatchObject({
      user_id: coach.user.id,
      role: 'coach',
      action: 'rejected',
      entity: 'participant',
      entity_id: null,
      detail: { route: 'POST /api/participants', status: 400, reason: 'validation' },
    });
    expect([...(row.detail['fields'] as string[])].sort()).toEqual(
      ['consent.date', 'firstName', 'gender', secret].sort(),
    );
    // The values the coach typed are nowhere in the row: the secret occurs once, as the name of
    // the made-up key in `fields`.
    expect(JSON.stringify(row).split(secret)).toHaveLength(2);
  });

  it('writes a rejected row for an invalid query string, and a denied row for a malformed id', async () => {
    const coach = await factories.loggedIn(client, 'coach');
    const badQuery = await client.request('GET', '/api/participants?limit=100000&status=gone', {
      token: coach.token,
    });
    expect(badQuery.status).toBe(400);
    expect(await rowsOf(badQuery)).toEqual([
      expect.objectContaining({
        action: 'rejected',
        entity: 'participant',
        detail: expect.objectContaining({ status: 400 }),
      }),
    ]);
    const [row] = (await rowsOf(badQuery)) as [Row];
    expect([...(row.detail['fields'] as string[])].sort()).toEqual(['limit', 'status']);
    const malformed = await client.request('GET', "/api/participants/1'%20OR%20'1'='1", {
      token: coach.token,
    });
    expect(malformed.status).toBe(404);
    expect(await rowsOf(malformed)).toEqual([
      expect.objectContaining({ action: 'denied', entity_id: null, user_id: coach.user.id }),
    ]);
  });

  it('writes a denied row for a cookie write without its CSRF token', async () => {
    const user = await factories.user('coach');
    const login = await client.login(user.email, TEST_PASSWORD);
    const cookies = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const reply = await client.request('PATCH', '/api/me', {
      body: { name: 'Forged' },
      headers: { cookie: cookies },
    });
    expect(reply.status).toBe(403);
    expect(await rowsOf(reply)).toEqual([
      expect.objectContaining({
        user_id: user.id,
        action: 'denied',
        entity: 'user',
        entity_id: user.id,
        detail: expect.objectContaining({ status: 403, reason: 'csrf' }),
      }),
    ]);
  });

  it('writes a denied row for a token of an ended session, and none for anonymous callers', async () => {
    const coach = await factories.loggedIn(client, 'coach');
    expect((await client.request('POST', '/api/auth/logout', { token: coach.token })).status).toBe(
      204,
    );
    const replay = await client.request('GET', '/api/participants', { token: coach.token });
    expect(replay.status).toBe(401);
    expect(await rowsOf(replay)).toEqual([
      expect.objectContaining({
        user_id: coach.user.id,
        action: 'denied',
        entity: 'participant',
        detail: expect.objectContaining({ status: 401, reason: 'session-ended' }),
      }),
    ]);

    // No session, or a token that never was one: nothing to attribute, nothing written.
    const anonymous = await client.request('GET', '/api/participants');
    const madeUp = await client.request('GET', '/api/participants', { token: randomUUID() });
    const invalidAnonymous = await client.request('POST', '/api/participants', { body: {} });
    for (const reply of [anonymous, madeUp, invalidAnonymous]) {
      expect(reply.status).toBe(401);
      expect(await rowsOf(reply)).toEqual([]);
    }
  });

  it('shows refusals in the audit log with route, status and field names', async () => {
    const admin = await factories.loggedIn(client, 'admin');
    const coach = await factories.loggedIn(client, 'coach');
    await client.request('GET', '/api/audit-log', { token: coach.token });
    await client.request('GET', '/api/participants?limit=0', { token: coach.token });
    const denied = await client.request<Page<AuditEntry>>(
      'GET',
      `/api/audit-log?userId=${coach.user.id}&action=denied`,
      { token: admin.token },
    );
    expect(denied.status).toBe(200);
    expect(denied.body.items).toEqual([
      expect.objectContaining({
        action: 'denied',
        entity: 'audit',
        route: 'GET /api/audit-log',
        status: 403,
        fields: null,
      }),
    ]);
    const rejected = await client.request<Page<AuditEntry>>(
      'GET',
      `/api/audit-log?userId=${coach.user.id}&action=rejected`,
      { token: admin.token },
    );
    expect(rejected.body.items).toEqual([
      expect.objectContaining({
        action: 'rejected',
        route: 'GET /api/participants',
        status: 400,
        fields: ['limit'],
      }),
    ]);
  });
});
