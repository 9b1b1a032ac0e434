import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

declare global {
  var __STEGVIS_E2E_SERVER__: ChildProcess | undefined;
}

const root = join(__dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Starts the built app exactly as `npm start` does, on a fresh embedded database with demo data. */
export default async function globalSetup(): Promise<void> {
  mkdirSync(join(root, 'e2e', 'output'), { recursive: true });
  if (process.env['E2E_BASE_URL']) return;
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'stegvis-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    DEMO: 'true',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    STATIC_DIR: join(root, 'dist', 'frontend', 'browser'),
  };
  delete env['DATABASE_URL'];
  const child = spawn(process.execPath, [join(root, 'dist', 'backend', 'main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  globalThis.__STEGVIS_E2E_SERVER__ = child;

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited during start-up:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) {
        process.env['E2E_BASE_URL'] = baseUrl;
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGTERM');
  throw new Error(`the app did not answer /api/health within 90 s:\n${output}`);
}
