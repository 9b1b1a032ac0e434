import type {
  ApiError,
  LoginResponse,
  Me,
  MfaEnrolment,
  MfaRecoveryCodes,
  MfaStatus,
  User,
} from '@stegvis/contracts';
import { PinoLogger } from 'nestjs-pino';
import { symbols } from 'pino';
import { Factories, reauthenticate, TEST_PASSWORD } from './support/factories';
import { enableMfa, startEnrolment, totpCode } from './support/mfa';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * TOTP multi-factor authentication through HTTP: enrolment, login with a code (replay refused),
 * recovery codes, turning it off, the admin's reset, MFA_REQUIRED_ROLES, and that neither the
 * secret nor a recovery code ever lands anywhere but the one response that shows it.
 */
describe('two-step verification (TOTP MFA)', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  /** Every log line the app writes (at level trace), to search for secrets. */
  const logLines: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
    // pino writes through the root logger's stream (request loggers are its children): capture
    // everything from here on, at the most verbose level.
    const root = PinoLogger.root;
    (root as unknown as Record<symbol, unknown>)[symbols.streamSym] = {
      write: (line: string) => void logLines.push(line),
    };
    root.level = 'trace';
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t?.close());

  function login(email: string, code?: string, password = TEST_PASSWORD, ip?: string) {
    return client.request<LoginResponse & ApiError>('POST', '/api/auth/login', {
      body: code === undefined ? { email, password } : { email, password, code },
      ip,
    });
  }

  async function status(token: string): Promise<MfaStatus> {
    return (await client.request<MfaStatus>('GET', '/api/me/mfa', { token })).body;
  }

  it('enrols: a secret, its otpauth URI and a QR code, active only after a correct code', async () => {
    const coach = await factories.loggedIn(client, 'coach');
    expect(await status(coach.token)).toEqual({
      enabled: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
    });

    const wrongPassword = await client.request<ApiError>('POST', '/api/me/mfa/enrolment', {
      token: coach.token,
      body: { password: 'not my password' },
    });
    expect(wrongPassword.status).toBe(400);
    expect(Object.keys(wrongPassword.body.fields ?? {})).toEqual(['password']);

    const enrolment = await startEnrolment(client, coach.token);
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(enrolment.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(enrolment.secret);
    expect(uri.searchParams.get('issuer')).toBe('Stegvis');
    expect(decodeURIComponent(uri.pathname)).toContain(coach.user.email);
    expect(enrolment.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);

    // Stored encrypted, never in clear.
    const [row] = (await t.dataSource.query(
      `SELECT mfa_secret, mfa_enabled_at FROM users WHERE id = $1`,
      [coach.user.id],
    )) as [{ mfa_secret: string; mfa_enabled_at: Date | null }];
    expect(row.mfa_enabled_at).toBeNull();
    expect(row.mfa_secret).toMatch(/^v1\./);
    expect(row.mfa_secret).not.toContain(enrolment.secret);

    // Not on yet: the password alone still logs in.
    expect((await login(coach.user.email)).status).toBe(200);

    const wrong = await client.request<ApiError>('POST', '/api/me/mfa/confirm', {
      token: coach.token,
      body: { code: totpCode(enrolment.secret, 5) },
    });
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.body.fields ?? {})).toEqual(['code']);

    const confirmed = await client.request<MfaRecoveryCodes>('POST', '/api/me/mfa/confirm', {
      token: coach.token,
      body: { code: totpCode(enrolment.secret) },
    });
    expect(confirmed.status).toBe(200);
    const codes = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);

    const now = await status(coach.token);
    expect(now).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect((await client.request<Me>('GET', '/api/me', { token: coach.token })).body).toMatchObject(
      { mfaEnabled: true, mfaEnrollmentRequired: false },
    );

    // Only hashes of the recovery codes are kept.
    const hashes = (await t.dataSource.query(
      `SELECT code_hash FROM mfa_recovery_codes WHERE user_id = $1`,
      [coach.user.id],
    )) as { code_hash: string }[];
    expect(hashes).toHaveLength(10);
    for (const { code_hash } of hashes) {
      expect(code_hash).toMatch(/^\$argon2id\$/);
      for (const code of codes) expect(code_hash).not.toContain(code.replace('-', ''));
    }

    // The secret is never handed out again: a new enrolment is refused while MFA is on.
    const again = await client.request<ApiError>('POST', '/api/me/mfa/enrolment', {
      token: coach.token,
      body: { password: TEST_PASSWORD },
    });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).not.toContain(enrolment.secret);
    expect(JSON.stringify(await status(coach.token))).not.toContain(enrolment.secret);
  });

  it('asks for the code only after the right password, and opens no session without it', async () => {
    const coach = await factories.loggedIn(client, 'coach');
    const { secret } = await enableMfa(client, coach.token);

    const noCode = await login(coach.user.email);
    expect(noCode.status).toBe(401);
    expect(noCode.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Enter the code from your authenticator app.',
      code: 'mfa_required',
    });
    expect(noCode.headers.getSetCookie()).toEqual([]);

    // A wrong password says nothing about MFA, code or no code.
    for (const code of [undefined, totpCode(secret)]) {
      const wrongPassword = await login(coach.user.email, code, 'not the password at all');
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Wrong email or password.',
      });
    }
  });

  it('logs in with a current code once: the same code again is refused (replay)', async () => {
    const coach = await factories.loggedIn(client, 'coach');
    const { secret } = await enableMfa(client, coach.token);
    // The confirmation used this step's code already; the app accepts the next step's (±1).
    const code = totpCode(secret, 1);

    const ok = await login(coach.user.email, code);
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body).sort()).toEqual(['accessToken', 'user']);
    expect(ok.body.user).toEqual({
      id: coach.user.id,
      email: coach.user.email,
      name: coach.user.name,
      role: 'coach',
      mustChangePassword: false,
    });
    expect((await client.request('GET', '/api/me', { token: ok.body.accessToken })).status).toBe(
      200,
    );

    const replay = await login(coach.user.email, code);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('mfa_invalid');
    expect(replay.headers.getSetCookie()).toEqual([]);

    // The confirmation's own code is spent too, and so is any earlier one.
    expect((await login(coach.user.email, totpCode(secret))).body.code).toBe('mfa_invalid');

    const rows = (await t.dataSource.query(
      `SELECT action, detail FROM audit_log WHERE user_id = $1 AND action LIKE 'login%' ORDER BY id`,
      [coach.user.id],
    )) as { action: string; detail: Record<string, unknown> }[];
    expect(rows.map((r) => [r.action, r.detail['mfa'] ?? r.detail['reason'] ?? null])).toEqual([
      ['login', null],
      ['login', 'totp'],
      ['login-failed', 'wrong-mfa-code'],
      ['login-failed', 'wrong-mfa-code'],
    ]);
  });

  it('counts wrong codes towards the lockout, like wrong passwords', async () => {
    const coach = await factories.loggedIn(client, 'coach');
    const { secret } = await enableMfa(client, coach.token);
    const ip = '10.77.0.1';
    for (const code of ['000000', '123456', 'abcde-fghjk']) {
      const wrong = await login(coach.user.email, code, TEST_PASSWORD, ip);
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('mfa_invalid');
    }
    // LOGIN_MAX_FAILURES=3: locked, even with the right password and a right code.
    const locked = await login(coach.user.email, totpCode(secret, 1), TEST_PASSWORD, '10.77.0.2');
    expect(locked.status).toBe(429);
    const failures = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE user_id = $1 AND action = 'login-failed'`,
      [coach.user.id],
    )) as [{ n: number }];
    expect(failures[0].n).toBe(3);
  });

  it('accepts each recovery code once, however it is typed', async () => {
    const coach = await factories.loggedIn(client, 'coach');
    const { recoveryCodes } = await enableMfa(client, coach.token);
    const [first, second] = recoveryCodes as [string, string];

    const typed = ` ${first.toUpperCase().replace('-', ' ')} `;
    const ok = await login(coach.user.email, typed);
    expect(ok.status).toBe(200);
    const again = await login(coach.user.email, first);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('mfa_invalid');
    expect((await login(coach.user.email, second)).status).toBe(200);
    expect(await status(ok.body.accessToken)).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 8,
    });
    const [row] = (await t.dataSource.query(
      `SELECT detail FROM audit_log WHERE user_id = $1 AND action = 'login' ORDER BY id DESC LIMIT 1`,
      [coach.user.id],
    )) as [{ detail: Record<string, unknown> }];
    expect(row.detail).toEqual({ mfa: 'recovery-code' });
  });

  it('turns off with the password and a current code, not with either alone', async () => {
    const coach = await factories.loggedIn(client, 'coach');
    const { secret } = await enableMfa(client, coach.token);
    const disable = (body: object) =>
      client.request<ApiError>('POST', '/api/me/mfa/disable', { token: coach.token, body });

    const wrongPassword = await disable({
      password: 'not the password',
      code: totpCode(secret, 1),
    });
    expect(wrongPassword.status).toBe(400);
    expect(Object.keys(wrongPassword.body.fields ?? {})).toEqual(['password']);
    const wrongCode = await disable({ password: TEST_PASSWORD, code: '000000' });
    expect(wrongCode.status).toBe(400);
    expect(Object.keys(wrongCode.body.fields ?? {})).toEqual(['code']);
    expect((await status(coach.token)).enabled).toBe(true);

    expect((await disable({ password: TEST_PASSWORD, code: totpCode(secret, 1) })).status).toBe(
      204,
    );
    expect(await status(coach.token)).toEqual({
      enabled: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
    });
    const [row] = (await t.dataSource.query(
      `SELECT mfa_secret, (SELECT count(*)::int FROM mfa_recovery_codes WHERE user_id = $1) AS codes
         FROM users WHERE id = $1`,
      [coach.user.id],
    )) as [{ mfa_secret: string | null; codes: number }];
    expect(row).toEqual({ mfa_secret: null, codes: 0 });
    expect((await login(coach.user.email)).status).toBe(200);
    expect((await disable({ password: TEST_PASSWORD, code: '000000' })).status).toBe(409);
  });

  it("lets an admin reset another user's MFA, audited, and ends that user's sessions", async () => {
    const admin = await factories.loggedIn(client, 'admin');
    const coach = await factories.loggedIn(client, 'coach');
    await enableMfa(client, coach.token);

    const listed = await client.request<{ items: User[] }>(
      'GET',
      `/api/users?search=${encodeURIComponent(coach.user.email)}`,
      { token: admin.token },
    );
    expect(listed.body.items[0]?.mfaEnabled).toBe(true);

    const byCoach = await client.request('DELETE', `/api/users/${coach.user.id}/mfa`, {
      token: coach.token,
    });
    expect(byCoach.status).toBe(403);
    const self = await client.request('DELETE', `/api/users/${admin.user.id}/mfa`, {
      token: admin.token,
    });
    expect(self.status).toBe(400);

    // A reset needs the admin's password again (admin-safeguards.int-spec.ts).
    await reauthenticate(client, admin.token);
    const reset = await client.request<User>('DELETE', `/api/users/${coach.user.id}/mfa`, {
      token: admin.token,
    });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ id: coach.user.id, mfaEnabled: false });
    const [audit] = (await t.dataSource.query(
      `SELECT user_id, action, entity, entity_id, detail FROM audit_log WHERE request_id = $1`,
      [reset.headers.get('x-request-id')],
    )) as [{ user_id: string; action: string; entity: string; entity_id: string; detail: object }];
    expect(audit).toMatchObject({
      user_id: admin.user.id,
      action: 'update',
      entity: 'user',
      entity_id: coach.user.id,
      detail: { permission: 'user.resetMfa', route: 'DELETE /api/users/:id/mfa' },
    });

    expect((await client.request('GET', '/api/me', { token: coach.token })).status).toBe(401);
    expect((await login(coach.user.email)).status).toBe(200);
    expect(
      (
        await client.request('DELETE', `/api/users/00000000-0000-4000-8000-000000000000/mfa`, {
          token: admin.token,
        })
      ).status,
    ).toBe(404);
  });

  it('keeps the secret and the recovery codes out of every table, the logs and idempotency records', async () => {
    const coach = await factories.loggedIn(client, 'coach');
    logLines.length = 0;
    const enrolment = await client.request<MfaEnrolment>('POST', '/api/me/mfa/enrolment', {
      token: coach.token,
      body: { password: TEST_PASSWORD },
      headers: { 'idempotency-key': 'mfa-enrol-1' },
    });
    expect(enrolment.status).toBe(201);
    const { secret } = enrolment.body;
    const code = totpCode(secret);
    const confirmed = await client.request<MfaRecoveryCodes>('POST', '/api/me/mfa/confirm', {
      token: coach.token,
      body: { code },
      headers: { 'idempotency-key': 'mfa-confirm-1' },
    });
    expect(confirmed.status).toBe(200);
    const { recoveryCodes } = confirmed.body;
    const recovery = recoveryCodes[0] as string;
    expect((await login(coach.user.email, recovery)).status).toBe(200);
    expect((await login(coach.user.email, totpCode(secret, 1))).status).toBe(200);
    expect((await login(coach.user.email, '999999')).status).toBe(401);

    const secrets = [secret, ...recoveryCodes, ...recoveryCodes.map((c) => c.replace('-', ''))];
    const tables = (await t.dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    )) as { name: string }[];
    expect(tables.map((r) => r.name)).toEqual(
      expect.arrayContaining(['users', 'audit_log', 'idempotency_keys', 'mfa_recovery_codes']),
    );
    for (const { name } of tables) {
      const [dump] = (await t.dataSource.query(
        `SELECT coalesce(string_agg(t::text, ''), '') AS text FROM "${name}" t`,
      )) as [{ text: string }];
      for (const s of secrets)
        expect({ table: name, leaks: dump.text.includes(s) }).toEqual({
          table: name,
          leaks: false,
        });
    }

    // The app logged these requests (trace level), and nothing secret with them.
    const log = logLines.join('');
    expect(log).toContain('/api/me/mfa/confirm');
    // (Not the 6-digit code: timestamps in the log contain any six digits sooner or later.)
    for (const s of [...secrets, TEST_PASSWORD]) expect(log).not.toContain(s);
  });

  describe('MFA_REQUIRED_ROLES', () => {
    let strict: TestApp;
    let strictClient: Client;

    beforeAll(async () => {
      strict = await startTestApp({ MFA_REQUIRED_ROLES: 'coach, admin' });
      strictClient = new Client(strict.baseUrl);
    });
    afterAll(async () => strict?.close());

    it('lets a coach without MFA reach only their account until they enrol', async () => {
      const coach = await factories.loggedIn(strictClient, 'coach');
      const me = await strictClient.request<Me>('GET', '/api/me', { token: coach.token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ mfaEnabled: false, mfaEnrollmentRequired: true });

      const refused = await strictClient.request<ApiError>('GET', '/api/programmes', {
        token: coach.token,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('mfa_enrollment_required');
      expect(
        (
          await strictClient.request('PATCH', '/api/me', {
            token: coach.token,
            body: { locale: 'en' },
          })
        ).status,
      ).toBe(200);

      await enableMfa(strictClient, coach.token);
      expect(
        (await strictClient.request('GET', '/api/programmes', { token: coach.token })).status,
      ).toBe(200);
      expect(
        (await strictClient.request<Me>('GET', '/api/me', { token: coach.token })).body,
      ).toMatchObject({ mfaEnabled: true, mfaEnrollmentRequired: false });
      expect(
        (await strictClient.request('POST', '/api/auth/logout', { token: coach.token })).status,
      ).toBe(204);
    });

    it('leaves roles that are not listed alone', async () => {
      const lead = await factories.loggedIn(strictClient, 'lead');
      const me = await strictClient.request<Me>('GET', '/api/me', { token: lead.token });
      expect(me.body.mfaEnrollmentRequired).toBe(false);
      expect(
        (await strictClient.request('GET', '/api/programmes', { token: lead.token })).status,
      ).toBe(200);
    });
  });
});
