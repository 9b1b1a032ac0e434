import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { runMigrations } from '../../src/database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/database/embedded-postgres';

declare global {
  // Shared between global setup and teardown (same process).
  var __STEGVIS_EMBEDDED__: EmbeddedPostgres | undefined;
  var __STEGVIS_ISOLATED__:
    { embedded: EmbeddedPostgres | null; dropUrl: string | null } | undefined;
  var __STEGVIS_SOLO__: { embedded: EmbeddedPostgres | null; dropUrl: string | null } | undefined;
}

/**
 * A real database for the integration tests: DATABASE_URL when set, else a fresh PGlite. Plus a
 * second, isolated database (STEGVIS_ISOLATED_DATABASE_URL) for the one suite that compares whole
 * tables before and after each request (fuzz-write-routes): no other test file writes there.
 * And a third (STEGVIS_SOLO_DATABASE_URL) for the suite that needs to know every row of a table
 * (admin-safeguards: "the last active admin" counts every admin there is).
 */
export default async function globalSetup(): Promise<void> {
  // One after the other: a PGlite starting up blocks the event loop for seconds.
  const isolated = await openIsolated(process.env['DATABASE_URL'], 'isolated');
  globalThis.__STEGVIS_ISOLATED__ = isolated.handle;
  const solo = await openIsolated(process.env['DATABASE_URL'], 'solo');
  globalThis.__STEGVIS_SOLO__ = solo.handle;
  if (!process.env['DATABASE_URL']) {
    const dir = mkdtempSync(join(tmpdir(), 'stegvis-test-'));
    const embedded = await startEmbeddedPostgres(dir, 40);
    globalThis.__STEGVIS_EMBEDDED__ = embedded;
    process.env['DATABASE_URL'] = embedded.url;
    process.env['STEGVIS_TEST_EMBEDDED'] = '1';
  }
  await runMigrations(process.env['DATABASE_URL'] as string);
  process.env['STEGVIS_ISOLATED_DATABASE_URL'] = isolated.url;
  await runMigrations(isolated.url);
  process.env['STEGVIS_SOLO_DATABASE_URL'] = solo.url;
  await runMigrations(solo.url);
}

/** On PostgreSQL a sibling database `<name>_<suffix>`, recreated; else another PGlite. */
async function openIsolated(
  databaseUrl: string | undefined,
  suffix: 'isolated' | 'solo',
): Promise<{ url: string; handle: { embedded: EmbeddedPostgres | null; dropUrl: string | null } }> {
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres(
      mkdtempSync(join(tmpdir(), `stegvis-test-${suffix}-`)),
      12,
    );
    return { url: embedded.url, handle: { embedded, dropUrl: null } };
  }
  const url = new URL(databaseUrl);
  const name = `${decodeURIComponent(url.pathname.slice(1))}_${suffix}`;
  if (!/^[a-z0-9_]{1,60}$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const admin = new PgClient({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return { url: url.toString(), handle: { embedded: null, dropUrl: url.toString() } };
}
