import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../src/database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/database/embedded-postgres';

declare global {
  // Shared between global setup and teardown (same process).
  var __STEGVIS_EMBEDDED__: EmbeddedPostgres | undefined;
}

/** A real database for the integration tests: DATABASE_URL when set, else a fresh PGlite. */
export default async function globalSetup(): Promise<void> {
  if (!process.env['DATABASE_URL']) {
    const dir = mkdtempSync(join(tmpdir(), 'stegvis-test-'));
    const embedded = await startEmbeddedPostgres(dir, 40);
    globalThis.__STEGVIS_EMBEDDED__ = embedded;
    process.env['DATABASE_URL'] = embedded.url;
    process.env['STEGVIS_TEST_EMBEDDED'] = '1';
  }
  await runMigrations(process.env['DATABASE_URL'] as string);
}
