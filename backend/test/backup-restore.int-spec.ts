import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import { runMigrations } from '../src/database/data-source';
import { buildWorld } from './permissions/world';
import { Factories } from './support/factories';
import { Client, startTestApp } from './support/test-app';

/**
 * npm run backup / npm run restore, run as an operator would (node scripts/…). PostgreSQL: a
 * scratch database with data made through the API is dumped, restored into a fresh database,
 * and every table compared by row count and md5. Embedded: the data folder round-trips through
 * the tar.gz, and both scripts refuse while the folder's Stegvis process is alive.
 */

const root = resolve(__dirname, '..', '..');
const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0;
// The test suite's own server when it runs on PostgreSQL, else the machine's default one.
const serverUrl =
  process.env['STEGVIS_TEST_EMBEDDED'] === '1'
    ? 'postgres://postgres@127.0.0.1:5432/postgres'
    : (process.env['DATABASE_URL'] as string);

function script(name: string, args: string[], env: Record<string, string>) {
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited['DATABASE_URL'];
  return spawnSync(process.execPath, [join(root, 'scripts', name), ...args], {
    cwd: root,
    env: { ...inherited, ...env },
    encoding: 'utf8',
  });
}

function urlFor(database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new PgClient({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function fingerprint(url: string): Promise<Record<string, string>> {
  const client = new PgClient({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const result: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const row = await client.query<{ n: string; sum: string }>(
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '' ORDER BY t::text), '')) AS sum FROM "${name}" t`,
      );
      result[name] = `${row.rows[0]?.n}:${row.rows[0]?.sum}`;
    }
    return result;
  } finally {
    await client.end();
  }
}

async function serverReachable(): Promise<boolean> {
  if (!hasPgDump) return false;
  return admin(async (c) => (await c.query('SELECT 1')).rowCount === 1).catch(() => false);
}

describe('backup and restore', () => {
  const suffix = randomUUID().slice(0, 8);
  const source = `stegvis_backup_src_${suffix}`;
  const target = `stegvis_backup_dst_${suffix}`;
  let reachable = false;

  beforeAll(async () => {
    reachable = await serverReachable();
    if (!reachable) {
      process.stderr.write(
        hasPgDump
          ? 'backup-restore: no PostgreSQL server at 127.0.0.1:5432; the PostgreSQL round trip is skipped\n'
          : 'backup-restore: pg_dump is not installed; the PostgreSQL round trip is skipped\n',
      );
      return;
    }
    await admin(async (c) => {
      await c.query(`CREATE DATABASE "${source}"`);
      await c.query(`CREATE DATABASE "${target}"`);
    });
  });
  afterAll(async () => {
    if (!reachable) return;
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${source}" WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS "${target}" WITH (FORCE)`);
    });
  });

  it('restores a pg_dump of a database into a fresh one with every table identical', async () => {
    if (!reachable) return; // reason logged in beforeAll
    await runMigrations(urlFor(source));
    const app = await startTestApp({ DATABASE_URL: urlFor(source) });
    try {
      const client = new Client(app.baseUrl);
      const world = await buildWorld(client, new Factories(app.dataSource));
      const created = await client.request('POST', '/api/coaching-sessions', {
        token: world.tokens.coach,
        body: {
          at: '2026-03-12T10:00:00+01:00',
          durationMinutes: 45,
          kind: 'individual_coaching',
          mode: 'phone',
          participants: [{ participantId: world.participantIn, attendance: 'attended' }],
          notes: 'Åäö – "citat" \\ och emoji 🧩',
        },
      });
      expect(created.status).toBe(201);
    } finally {
      await app.close();
    }

    const dir = mkdtempSync(join(tmpdir(), 'stegvis-backup-'));
    const file = join(dir, 'stegvis.dump');
    const backup = script('backup.mjs', [file], { DATABASE_URL: urlFor(source) });
    expect({ status: backup.status, stderr: backup.stderr }).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');

    const restore = script('restore.mjs', [file], { DATABASE_URL: urlFor(target) });
    expect({ status: restore.status, stderr: restore.stderr }).toEqual({ status: 0, stderr: '' });

    const before = await fingerprint(urlFor(source));
    const after = await fingerprint(urlFor(target));
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['participants', 'coaching_sessions', 'audit_log', 'migrations']),
    );
    expect(Number(before['participants']?.split(':')[0])).toBeGreaterThan(0);
    expect(after).toEqual(before);

    // Restoring again over the restored database (--clean --if-exists) gives the same result.
    const again = script('restore.mjs', [file], { DATABASE_URL: urlFor(target) });
    expect(again.status).toBe(0);
    expect(await fingerprint(urlFor(target))).toEqual(before);
  }, 120_000);

  it('round-trips the embedded data folder and refuses while Stegvis runs on it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stegvis-data-'));
    mkdirSync(join(dataDir, 'pg', 'base'), { recursive: true });
    writeFileSync(join(dataDir, 'pg', 'PG_VERSION'), '18\n');
    writeFileSync(join(dataDir, 'pg', 'base', 'blob'), Buffer.from([0, 1, 2, 255]));
    // The generated two-step verification key travels with the database it decrypts.
    writeFileSync(join(dataDir, 'mfa.key'), 'the-generated-key\n', { mode: 0o600 });
    const file = join(dataDir, 'backup.tar.gz');

    // A live process (this one) in the pid file: both scripts refuse.
    writeFileSync(join(dataDir, 'stegvis.pid'), `${process.pid}\n`);
    const refused = script('backup.mjs', [file], { DATA_DIR: dataDir });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Stop Stegvis first');
    expect(script('restore.mjs', [file], { DATA_DIR: dataDir }).status).toBe(1);

    // A pid file left by a crash (no such process) does not block.
    writeFileSync(join(dataDir, 'stegvis.pid'), '999999999\n');
    const backup = script('backup.mjs', [file], { DATA_DIR: dataDir });
    expect({ status: backup.status, stderr: backup.stderr }).toEqual({ status: 0, stderr: '' });

    writeFileSync(join(dataDir, 'pg', 'PG_VERSION'), 'changed after the backup\n');
    writeFileSync(join(dataDir, 'mfa.key'), 'another key\n');
    const restore = script('restore.mjs', [file], { DATA_DIR: dataDir });
    expect({ status: restore.status, stderr: restore.stderr }).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(join(dataDir, 'pg', 'PG_VERSION'), 'utf8')).toBe('18\n');
    expect([...readFileSync(join(dataDir, 'pg', 'base', 'blob'))]).toEqual([0, 1, 2, 255]);
    expect(readFileSync(join(dataDir, 'mfa.key'), 'utf8')).toBe('the-generated-key\n');
    expect(
      readdirSync(dataDir)
        .filter((name) => name.startsWith('mfa.key.before-restore-'))
        .map((name) => readFileSync(join(dataDir, name), 'utf8')),
    ).toEqual(['another key\n']);
  });
});
