// Shared by npm run backup / npm run restore. Only Node built-ins and the PostgreSQL client tools.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The same defaults as the app (backend/src/config/app-config.ts). */
export function settings() {
  return {
    databaseUrl: process.env.DATABASE_URL || '',
    dataDir: resolve(process.env.DATA_DIR || './data'),
  };
}

export function fail(message) {
  console.error(message);
  process.exit(1);
}

/** Runs a tool; exits with its message when it fails. The URL is passed, never printed. */
export function tool(command, args) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) fail(`${command} could not be started: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} failed (exit code ${result.status}).`);
}

/**
 * The embedded database serves one process; copying its folder while Stegvis runs gives a broken
 * copy. Stegvis writes DATA_DIR/stegvis.pid while the embedded database is open.
 */
export function refuseWhileRunning(dataDir) {
  const pidFile = resolve(dataDir, 'stegvis.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code === 'ESRCH') return; // left behind by a crash: not running
  }
  fail(
    `Stegvis is running on ${dataDir} (process ${pid}). Stop Stegvis first, then run this again.`,
  );
}

export function timestamp() {
  return new Date().toISOString().replace(/[:.]/g, '-');
}
