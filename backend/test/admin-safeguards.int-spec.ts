import type { ApiError, Me, User } from '@stegvis/contracts';
import { Factories, TEST_PASSWORD } from './support/factories';
import { mfaSecretFor, totpCode } from './support/mfa';
import { Client, startTestApp, uniqueEmail, type TestApp } from './support/test-app';

/**
 * An admin has no path to case data (issue 12, point 3): not by changing their own role or
 * programmes, not by leaving the system without an admin, not by setting someone's password and
 * logging in as them, not from a session whose owner has not entered their password recently;
 * and every such change is in the audit log with the state before and after.
 */

const ONE_TIME = 'one time password from admin 7';
const OWN = 'my very own passphrase 2026';

interface AuditRow {
  action: string;
  role: string;
  detail: {
    permission?: string;
    route?: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown>;
    passwordReset?: boolean;
    oneTimePassword?: boolean;
  };
}

async function reauth(client: Client, token: string, body: object = { password: TEST_PASSWORD }) {
  return client.request<ApiError>('POST', '/api/auth/reauth', { token, body });
}

describe('admin safeguards', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t?.close());

  /**
   * An admin who has just entered their password again. (Not asserted here: the re-authentication
   * is tested on its own in d, and the other rules must fail on their own when it is missing.)
   */
  async function reauthenticatedAdmin() {
    const admin = await factories.loggedIn(client, 'admin');
    await reauth(client, admin.token);
    return admin;
  }

  async function auditRows(entityId: string): Promise<AuditRow[]> {
    return t.dataSource.query(
      `SELECT action, role, detail FROM audit_log
        WHERE entity = 'user' AND entity_id = $1 AND action IN ('create', 'update')
        ORDER BY at, id`,
      [entityId],
    );
  }

  describe('a: an admin cannot change their own role, programmes or enterprise', () => {
    it('refuses the admin who makes themselves a coach of a programme; they stay admin without case data', async () => {
      const programme = await factories.programme();
      await factories.participant(programme.id);
      const admin = await reauthenticatedAdmin();

      const demote = await client.request<ApiError>('PATCH', `/api/users/${admin.user.id}`, {
        token: admin.token,
        body: { role: 'coach', programmeIds: [programme.id] },
      });
      expect(demote.status).toBe(400);
      expect(Object.keys(demote.body.fields ?? {}).sort()).toEqual(['programmeIds', 'role']);

      const enterprise = await factories.enterprise();
      const supervisor = await client.request<ApiError>('PATCH', `/api/users/${admin.user.id}`, {
        token: admin.token,
        body: { role: 'supervisor', enterpriseId: enterprise.id },
      });
      expect(supervisor.status).toBe(400);
      expect(Object.keys(supervisor.body.fields ?? {}).sort()).toEqual(['enterpriseId', 'role']);

      // Nor their own password through the admin's route (no current password asked there).
      const password = await client.request<ApiError>('PATCH', `/api/users/${admin.user.id}`, {
        token: admin.token,
        body: { password: ONE_TIME },
      });
      expect(password.status).toBe(400);
      expect(password.body.fields).toHaveProperty('password');

      // Their name, with the role they already have, is not a change of role.
      const rename = await client.request<User>('PATCH', `/api/users/${admin.user.id}`, {
        token: admin.token,
        body: { name: 'Admin Renamed', role: 'admin' },
      });
      expect(rename.status).toBe(200);
      expect(rename.body).toMatchObject({ role: 'admin', programmeIds: [] });

      // A new login: still an admin, and still no case data.
      const again = await client.login(admin.user.email, TEST_PASSWORD);
      expect(again.body.user.role).toBe('admin');
      const participants = await client.request('GET', '/api/participants', {
        token: again.body.accessToken,
      });
      expect(participants.status).toBe(403);
    });
  });

  describe('c: a password set by an admin is a one-time password', () => {
    it("ends the user's sessions; logging in with it opens only the change-password path", async () => {
      const programme = await factories.programme();
      await factories.participant(programme.id);
      const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
      const admin = await reauthenticatedAdmin();

      const reset = await client.request<User>('PATCH', `/api/users/${coach.user.id}`, {
        token: admin.token,
        body: { password: ONE_TIME },
      });
      expect(reset.status).toBe(200);
      // The coach's old session is gone.
      expect((await client.request('GET', '/api/me', { token: coach.token })).status).toBe(401);

      // The admin logs in as the coach with the password they set: only the way to change it.
      const asCoach = await client.login(coach.user.email, ONE_TIME);
      expect(asCoach.status).toBe(200);
      expect(asCoach.body.user.mustChangePassword).toBe(true);
      const token = asCoach.body.accessToken;
      const me = await client.request<Me>('GET', '/api/me', { token });
      expect(me.status).toBe(200);
      expect(me.body.mustChangePassword).toBe(true);
      for (const [method, path, body] of [
        ['GET', '/api/participants', undefined],
        ['GET', `/api/programmes/${programme.id}`, undefined],
        ['PATCH', '/api/me', { locale: 'en' }],
        ['POST', '/api/me/mfa/enrolment', { password: ONE_TIME }],
        ['POST', '/api/auth/reauth', { password: ONE_TIME }],
      ] as const) {
        const refused = await client.request<ApiError>(method, path, { token, body });
        expect({ path, status: refused.status, code: refused.body.code }).toEqual({
          path,
          status: 403,
          code: 'password_change_required',
        });
      }

      // The owner chooses their own: everything their role allows opens again.
      const changed = await client.request('POST', '/api/me/password', {
        token,
        body: { currentPassword: ONE_TIME, newPassword: OWN },
      });
      expect(changed.status).toBe(204);
      expect((await client.request<Me>('GET', '/api/me', { token })).body.mustChangePassword).toBe(
        false,
      );
      expect((await client.request('GET', '/api/participants', { token })).status).toBe(200);
      const later = await client.login(coach.user.email, OWN);
      expect(later.body.user.mustChangePassword).toBe(false);
    });

    it('a new account starts with a one-time password too; demo-style accounts do not', async () => {
      const admin = await reauthenticatedAdmin();
      const email = uniqueEmail('coach');
      const created = await client.request<User>('POST', '/api/users', {
        token: admin.token,
        body: { email, name: 'Ny Coach', role: 'coach', password: ONE_TIME },
      });
      expect(created.status).toBe(201);
      const login = await client.login(email, ONE_TIME);
      expect(login.body.user.mustChangePassword).toBe(true);
      // Accounts made without the admin's password routes (the demo seed, the factories) are not.
      const seeded = await factories.user('coach');
      expect((await client.login(seeded.email, TEST_PASSWORD)).body.user.mustChangePassword).toBe(
        false,
      );
    });
  });

  describe('d: changes that hand out access need a recent re-authentication', () => {
    it('asks for the password again before a change of role, programmes, enterprise or password', async () => {
      const programme = await factories.programme();
      const enterprise = await factories.enterprise();
      const admin = await factories.loggedIn(client, 'admin');
      const coach = await factories.user('coach', { programmeIds: [programme.id] });
      const supervisor = await factories.user('supervisor', { enterpriseId: enterprise.id });
      const withMfa = await factories.user('coach');
      await mfaSecretFor(t.dataSource, withMfa.id, { enabled: true });
      const other = await factories.enterprise();

      const attempts: [string, string, unknown][] = [
        ['PATCH', `/api/users/${coach.id}`, { role: 'lead' }],
        ['PATCH', `/api/users/${coach.id}`, { programmeIds: [] }],
        ['PATCH', `/api/users/${supervisor.id}`, { enterpriseId: other.id }],
        ['PATCH', `/api/users/${coach.id}`, { password: ONE_TIME }],
        [
          'POST',
          '/api/users',
          { email: uniqueEmail('coach'), name: 'X', role: 'coach', password: ONE_TIME },
        ],
        ['DELETE', `/api/users/${withMfa.id}/mfa`, undefined],
      ];
      for (const [method, path, body] of attempts) {
        const refused = await client.request<ApiError>(method, path, { token: admin.token, body });
        expect({ method, path, body, status: refused.status, code: refused.body.code }).toEqual({
          method,
          path,
          body,
          status: 403,
          code: 'reauth_required',
        });
      }
      // Nothing changed.
      const [row] = await t.dataSource.query(
        `SELECT role, must_change_password FROM users WHERE id = $1`,
        [coach.id],
      );
      expect(row).toEqual({ role: 'coach', must_change_password: false });
      // A rename or disabling needs no re-authentication.
      const rename = await client.request('PATCH', `/api/users/${coach.id}`, {
        token: admin.token,
        body: { name: 'Renamed Coach' },
      });
      expect(rename.status).toBe(200);

      // A wrong password is refused on its field; the right one opens the changes.
      const wrong = await reauth(client, admin.token, { password: 'not my password at all' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.fields).toHaveProperty('password');
      const neither = await reauth(client, admin.token, {});
      expect(neither.status).toBe(400);
      const code = await reauth(client, admin.token, { code: '123456' });
      expect(code.status).toBe(400);
      expect(code.body.fields).toHaveProperty('code');
      expect((await reauth(client, admin.token)).status).toBe(204);
      for (const [method, path, body] of attempts) {
        const done = await client.request(method, path, { token: admin.token, body });
        expect({ method, path, status: done.status }).toEqual({
          method,
          path,
          status: method === 'POST' ? 201 : 200,
        });
      }
    });

    it('the re-authentication lasts REAUTH_MINUTES; an admin with two-step verification may use a code', async () => {
      const admin = await reauthenticatedAdmin();
      const coach = await factories.user('coach');
      const promote = () =>
        client.request<ApiError>('PATCH', `/api/users/${coach.id}`, {
          token: admin.token,
          body: { role: coach.role === 'coach' ? 'lead' : 'coach' },
        });
      expect((await promote()).status).toBe(200);
      coach.role = 'lead';

      // Six minutes later (the default is five).
      await t.dataSource.query(
        `UPDATE sessions SET reauthenticated_at = reauthenticated_at - interval '6 minutes'
          WHERE user_id = $1`,
        [admin.user.id],
      );
      const expired = await promote();
      expect(expired.status).toBe(403);
      expect(expired.body.code).toBe('reauth_required');

      // A re-authentication of one session does not reach another session of the same admin.
      const second = (await client.login(admin.user.email, TEST_PASSWORD)).body.accessToken;
      expect((await reauth(client, second)).status).toBe(204);
      expect((await promote()).status).toBe(403);

      const secret = await mfaSecretFor(t.dataSource, admin.user.id, { enabled: true });
      const code = totpCode(secret);
      expect((await reauth(client, admin.token, { code })).status).toBe(204);
      expect((await promote()).status).toBe(200);
      // The same code again is a replay.
      expect((await reauth(client, admin.token, { code })).status).toBe(400);
    });

    it('a wrong re-authentication counts as a failed login towards the lockout', async () => {
      const admin = await factories.loggedIn(client, 'admin');
      const own = new Client(t.baseUrl);
      const ip = own.ip;
      for (let i = 0; i < 5; i++) {
        const wrong = await own.request('POST', '/api/auth/reauth', {
          token: admin.token,
          body: { password: `wrong password number ${i}` },
          ip,
        });
        expect(wrong.status).toBe(400);
      }
      const locked = await own.request('POST', '/api/auth/reauth', {
        token: admin.token,
        body: { password: TEST_PASSWORD },
        ip,
      });
      expect(locked.status).toBe(429);
      expect((await client.login(admin.user.email, TEST_PASSWORD)).status).toBe(429);
    });
  });

  describe('e: every change of access is audited with the state before and after', () => {
    it('records role, programmes, enterprise and disabled before and after; a reset; a new account', async () => {
      const [p1, p2] = [await factories.programme(), await factories.programme()];
      const admin = await reauthenticatedAdmin();
      const coach = await factories.user('coach', { programmeIds: [p1.id] });

      await client.request('PATCH', `/api/users/${coach.id}`, {
        token: admin.token,
        body: { role: 'lead', programmeIds: [p2.id, p1.id] },
      });
      await client.request('PATCH', `/api/users/${coach.id}`, {
        token: admin.token,
        body: { password: ONE_TIME },
      });
      const rows = await auditRows(coach.id);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        action: 'update',
        role: 'admin',
        detail: {
          permission: 'user.update',
          route: 'PATCH /api/users/:id',
          before: { role: 'coach', programmeIds: [p1.id], enterpriseId: null, disabled: false },
          after: {
            role: 'lead',
            programmeIds: [p1.id, p2.id].sort(),
            enterpriseId: null,
            disabled: false,
          },
        },
      });
      expect(rows[1]?.detail).toMatchObject({ passwordReset: true });
      expect(JSON.stringify(rows)).not.toContain(ONE_TIME);

      const created = await client.request<User>('POST', '/api/users', {
        token: admin.token,
        body: {
          email: uniqueEmail('coach'),
          name: 'Ny',
          role: 'coach',
          password: ONE_TIME,
          programmeIds: [p2.id],
        },
      });
      expect(await auditRows(created.body.id)).toEqual([
        expect.objectContaining({
          action: 'create',
          detail: expect.objectContaining({
            permission: 'user.create',
            before: null,
            after: { role: 'coach', programmeIds: [p2.id], enterpriseId: null, disabled: false },
            oneTimePassword: true,
          }),
        }),
      ]);
    });
  });
});

describe('b: the last active admin', () => {
  // "The last admin" counts every admin there is: this suite has a database of its own (global
  // setup: STEGVIS_SOLO_DATABASE_URL), where no other test file makes admins.
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    const url = process.env['STEGVIS_SOLO_DATABASE_URL'];
    if (!url) throw new Error('global setup did not provide STEGVIS_SOLO_DATABASE_URL');
    t = await startTestApp({ DATABASE_URL: url });
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t?.close());

  async function activeAdmins(): Promise<string[]> {
    const rows: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL`,
    );
    return rows.map((r) => r.id);
  }

  it.each([
    ['demote', { role: 'lead' }],
    ['disable', { disabled: true }],
  ])('two admins who %s each other at once: one wins, one admin remains', async (_, body) => {
    // Only these two are active admins (earlier cases leave one admin: disable it first).
    await t.dataSource.query(`UPDATE users SET disabled_at = now() WHERE role = 'admin'`);
    const a = await factories.loggedIn(client, 'admin');
    const b = await factories.loggedIn(client, 'admin');
    for (const admin of [a, b]) await reauth(client, admin.token);
    expect((await activeAdmins()).sort()).toEqual([a.user.id, b.user.id].sort());

    // Hold both rows, so both requests are past the guard and waiting when they are let go.
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    let replies: { status: number; body: ApiError }[];
    try {
      await holder.query(`SELECT id FROM users WHERE id = ANY($1) FOR UPDATE`, [
        [a.user.id, b.user.id],
      ]);
      const pending = Promise.all([
        client.request<ApiError>('PATCH', `/api/users/${b.user.id}`, { token: a.token, body }),
        client.request<ApiError>('PATCH', `/api/users/${a.user.id}`, { token: b.token, body }),
      ]);
      await waitForLockWaiters(holder, 2);
      await holder.commitTransaction();
      replies = await pending;
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }

    const statuses = replies.map((r) => r.status).sort();
    // The loser is refused by the rule (400), or found its own session already ended (401) when
    // the winner committed first (PGlite runs one transaction at a time).
    expect(statuses[0]).toBe(200);
    expect([400, 401]).toContain(statuses[1]);
    const refused = replies.find((r) => r.status === 400);
    if (refused) {
      expect(Object.keys(refused.body.fields ?? {})).toEqual([Object.keys(body)[0]]);
    }
    expect(await activeAdmins()).toHaveLength(1);
  });

  it('the only admin cannot demote or disable themselves; a second admin can come and go', async () => {
    await t.dataSource.query(`UPDATE users SET disabled_at = now() WHERE role = 'admin'`);
    const last = await factories.loggedIn(client, 'admin');
    await reauth(client, last.token);
    // Their own account: refused as their own (a), and it stays so.
    for (const body of [{ role: 'coach' }, { disabled: true }]) {
      const reply = await client.request<ApiError>('PATCH', `/api/users/${last.user.id}`, {
        token: last.token,
        body,
      });
      expect(reply.status).toBe(400);
    }
    expect(await activeAdmins()).toEqual([last.user.id]);
    // Promoting a second admin works, and then either can go, but not both.
    const coach = await factories.user('coach');
    const promoted = await client.request('PATCH', `/api/users/${coach.id}`, {
      token: last.token,
      body: { role: 'admin' },
    });
    expect(promoted.status).toBe(200);
    const demoted = await client.request('PATCH', `/api/users/${coach.id}`, {
      token: last.token,
      body: { role: 'coach', programmeIds: [] },
    });
    expect(demoted.status).toBe(200);
    expect(await activeAdmins()).toEqual([last.user.id]);
  });
});

/**
 * Until `count` other connections wait for a lock (PostgreSQL), or at most a few seconds: on
 * PGlite the holder's open transaction makes every other connection wait before any lock.
 */
async function waitForLockWaiters(
  holder: { query: (sql: string) => Promise<unknown> },
  count: number,
): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const [row] = (await holder.query(
      `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`,
    )) as { n: number }[];
    if ((row?.n ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
