// `npm run openapi [-- out.json]`: the OpenAPI document as the built app serves it, written to a
// file (default dist/openapi.json) and linted with @redocly/cli (redocly.yaml), offline.
// Builds the backend (Nx skips it when nothing changed) and starts it on a free loopback port
// with a throw-away embedded database.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build, freePort, root } from './lib.mjs';

const output = resolve(process.argv[2] ?? join(root, 'dist', 'openapi.json'));

build(['backend']);
const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'stegvis-openapi-'));
const env = { ...process.env };
delete env['DATABASE_URL'];
const app = spawn(process.execPath, [join(root, 'dist', 'backend', 'main.js')], {
  cwd: root,
  env: {
    ...env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DEMO: 'false',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

let status = 1;
try {
  const url = `http://127.0.0.1:${port}/api/docs/openapi.json`;
  let document = null;
  for (let tries = 0; tries < 240 && document === null; tries++) {
    if (app.exitCode !== null) throw new Error('the app exited during start-up');
    document = await fetch(url)
      .then((r) => (r.ok ? r.text() : null))
      .catch(() => null);
    if (document === null) await new Promise((ok) => setTimeout(ok, 250));
  }
  if (document === null) throw new Error(`no document at ${url}`);
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, `${JSON.stringify(JSON.parse(document), null, 2)}\n`);
  console.log(`wrote ${output}`);
  const lint = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'),
      'lint',
      output,
      '--config',
      join(root, 'redocly.yaml'),
    ],
    {
      cwd: root,
      stdio: 'inherit',
      // The network is not the linter's business: no telemetry, no update check.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  status = lint.status ?? 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  app.kill('SIGTERM');
  await new Promise((ok) => (app.exitCode !== null ? ok() : app.once('exit', ok)));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
