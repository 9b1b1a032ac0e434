import { existsSync, mkdtempSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { buildBackend, killLeftoverApps, startBuiltApp, type BuiltApp } from './support/built-app';
import { Factories } from './support/factories';
import { Client, startTestApp, TEST_MFA_ENCRYPTION_KEY } from './support/test-app';

/**
 * SIGTERM on the built app (`node dist/backend/main.js`, as `npm start` runs it): it stops
 * accepting, lets the requests in flight finish, closes the pool and the embedded database,
 * removes its pid file and exits 0; if draining hangs, it still exits, non-zero.
 *
 * `npm test` runs once on PostgreSQL (DATABASE_URL) and once on the embedded PGlite. On
 * PostgreSQL the app uses that server: exit code, pid file and committed rows are checked there;
 * only reopening the embedded data folder is PGlite-specific.
 */
const embedded = process.env['STEGVIS_TEST_EMBEDDED'] === '1';
const serverUrl = embedded ? null : (process.env['DATABASE_URL'] as string);

interface Partial {
  req: ClientRequest;
  /** Sends the rest of the body. */
  finish(): void;
  /** The answer, or status 0 when the connection failed. */
  response: Promise<{ status: number; body: string }>;
}

/** A request whose body is only half sent: in flight for as long as the test wants. */
function partialRequest(
  baseUrl: string,
  path: string,
  body: unknown,
  token: string | null,
): Partial {
  const data = Buffer.from(JSON.stringify(body));
  const half = Math.floor(data.length / 2);
  const req = httpRequest(`${baseUrl}${path}`, {
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/json',
      'content-length': String(data.length),
      ...(token && { authorization: `Bearer ${token}` }),
    },
  });
  const response = new Promise<{ status: number; body: string }>((ok) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
      res.on('error', () => ok({ status: 0, body: text }));
    });
    req.on('error', () => ok({ status: 0, body: '' }));
  });
  req.write(data.subarray(0, half));
  return { req, finish: () => req.end(data.subarray(half)), response };
}

/**
 * Until a new request is refused: the app has stopped accepting. (A request answered meanwhile
 * also proves the app has read everything sent to it before.)
 */
async function untilRefused(baseUrl: string): Promise<void> {
  for (;;) {
    const accepted = await fetch(`${baseUrl}/api/health`, { headers: { connection: 'close' } })
      .then((r) => r.status !== 503)
      .catch(() => false);
    if (!accepted) return;
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

function participantBody(programmeId: string, lastName: string) {
  return {
    programmeId,
    firstName: 'Sigrid',
    lastName,
    gender: 'female',
    birthYear: 1990,
    enrolledAt: '2026-02-10',
    consent: { given: true, date: '2026-02-10', formVersion: 'v2' },
  };
}

async function json<T>(reply: Response): Promise<T> {
  return (await reply.json()) as T;
}

/** A coach's token and programme on the app: the demo coach, or one made in the shared database. */
async function coachOn(app: BuiltApp): Promise<{ token: string; programmeId: string }> {
  if (embedded) {
    const login = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'coach@demo.stegvis.se', password: 'stegvis-demo' }),
    });
    expect(login.status).toBe(200);
    const token = (await json<{ accessToken: string }>(login)).accessToken;
    const programmes = await fetch(`${app.baseUrl}/api/programmes`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const first = (await json<{ items: { id: string }[] }>(programmes)).items[0];
    if (!first) throw new Error('the demo coach has no programme');
    return { token, programmeId: first.id };
  }
  // The app shares this server: users made here log in there.
  const t = await startTestApp();
  try {
    const factories = new Factories(t.dataSource);
    const programme = await factories.programme();
    const { token } = await factories.loggedIn(new Client(t.baseUrl), 'coach', {
      programmeIds: [programme.id],
    });
    return { token, programmeId: programme.id };
  } finally {
    await t.close();
  }
}

function appEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    DEMO: embedded ? 'true' : 'false',
    // The shared database may hold MFA-enrolled users: without their key the app refuses to start.
    MFA_ENCRYPTION_KEY: TEST_MFA_ENCRYPTION_KEY,
    ...(serverUrl && { DATABASE_URL: serverUrl }),
    ...extra,
  };
}

describe('shutdown of the built app on SIGTERM', () => {
  beforeAll(() => buildBackend(), 300_000);
  afterEach(() => killLeftoverApps());

  it(
    embedded
      ? 'drains a write in flight, closes PGlite, removes the pid file and exits 0; the reopened data folder holds every acknowledged write'
      : 'drains a write in flight, closes the pool and exits 0 with no pid file; every acknowledged write is on the server (DATABASE_URL: no embedded data folder to reopen)',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'stegvis-shutdown-'));
      const pidFile = join(dataDir, 'stegvis.pid');
      // At info, as in production: every line from start-up to the exit is checked below.
      const app = await startBuiltApp(appEnv(dataDir, { LOG_LEVEL: 'info' }));
      expect(existsSync(pidFile)).toBe(embedded);
      const { token, programmeId } = await coachOn(app);

      // A stream of writes from four clients, until the app stops answering them.
      const acknowledged: string[] = [];
      let sent = 0;
      const stops: string[] = [];
      const writer = async () => {
        for (;;) {
          const reply = await fetch(`${app.baseUrl}/api/participants`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(participantBody(programmeId, `Skrivning ${++sent}`)),
          }).catch(() => null);
          if (!reply || reply.status >= 300) {
            stops.push(reply ? `${reply.status} ${await reply.text()}` : 'no answer');
            return;
          }
          acknowledged.push((await json<{ id: string }>(reply)).id);
        }
      };
      const writers = Array.from({ length: 4 }, () => writer());
      while (acknowledged.length < 20) {
        // A writer that stops before the signal is a failure of the set-up, not a hang.
        if (stops.length > 0) throw new Error(`a write failed before SIGTERM: ${stops.join('; ')}`);
        await new Promise((ok) => setTimeout(ok, 10));
      }

      // One write certainly in flight when the signal comes: its body is only half sent.
      const inFlight = partialRequest(
        app.baseUrl,
        '/api/participants',
        participantBody(programmeId, 'Mitt i skrivningen'),
        token,
      );
      await fetch(`${app.baseUrl}/api/health`);
      app.child.kill('SIGTERM');
      await untilRefused(app.baseUrl);
      inFlight.finish();
      const drained = await inFlight.response;
      await Promise.all(writers);
      const exit = await app.exited;

      expect({ exit, output: exit.code === 0 ? '' : app.output() }).toEqual({
        exit: { code: 0, signal: null },
        output: '',
      });
      expect(drained.status).toBe(201);
      // Production logs are JSON lines, all of them (LOG_FORMAT=json, the default): the start-up
      // banner, Nest's route list, the requests, the shutdown.
      const lines = app.output().split('\n').filter(Boolean);
      const notJson = lines.filter((line) => {
        try {
          return typeof JSON.parse(line) !== 'object';
        } catch {
          return true;
        }
      });
      expect(notJson).toEqual([]);
      const messages = lines.map((line) => (JSON.parse(line) as { msg?: string }).msg);
      expect(messages).toEqual(
        expect.arrayContaining(['migrations applied', 'Stegvis is running', 'stopped']),
      );
      const drainedId = (JSON.parse(drained.body) as { id: string }).id;
      expect(existsSync(pidFile)).toBe(false);
      const committed = [...acknowledged, drainedId];

      if (embedded) {
        // The folder opens again (no stale pid file, no recovery failure) with every row.
        const again = await startBuiltApp(appEnv(dataDir));
        const coach = await coachOn(again);
        const missing: string[] = [];
        for (const id of committed) {
          const reply = await fetch(`${again.baseUrl}/api/participants/${id}`, {
            headers: { authorization: `Bearer ${coach.token}` },
          });
          if (reply.status !== 200) missing.push(`${id}: ${reply.status}`);
        }
        expect(missing).toEqual([]);
        again.child.kill('SIGTERM');
        expect(await again.exited).toEqual({ code: 0, signal: null });
        expect(existsSync(pidFile)).toBe(false);
      } else {
        const pg = new PgClient({ connectionString: serverUrl as string });
        await pg.connect();
        try {
          const found = await pg.query<{ id: string }>(
            'SELECT id FROM participants WHERE id = ANY($1::uuid[])',
            [committed],
          );
          expect(found.rows.map((r) => r.id).sort()).toEqual([...committed].sort());
        } finally {
          await pg.end();
        }
      }
    },
    240_000,
  );

  it('exits non-zero after SHUTDOWN_TIMEOUT_SECONDS when a request never finishes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stegvis-shutdown-hang-'));
    const app = await startBuiltApp(
      appEnv(dataDir, { DEMO: 'false', SHUTDOWN_TIMEOUT_SECONDS: '1' }),
    );
    // A login whose body never completes: draining would wait for it forever.
    const stuck = partialRequest(
      app.baseUrl,
      '/api/auth/login',
      { email: 'nobody@test.stegvis.se', password: 'x' },
      null,
    );
    await fetch(`${app.baseUrl}/api/health`);
    app.child.kill('SIGTERM');
    const exit = await app.exited;
    stuck.req.destroy();
    expect(exit.signal).toBeNull();
    expect(exit.code).toBe(1);
    expect(app.output()).toMatch(/did not finish within 1 s/);
  }, 120_000);
});
