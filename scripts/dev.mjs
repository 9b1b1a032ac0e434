// npm run dev: the backend rebuilt on every change and restarted (webpack --watch + node --watch),
// and the Angular dev server on http://localhost:4200 with live reload, proxying /api to the
// backend (frontend/proxy.conf.json). Readable logs (pino-pretty), demo data, the embedded database
// unless DATABASE_URL is set. Ctrl-C stops all three.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, root } from './lib.mjs';

ensureDependencies();

const out = join(root, 'dist', 'backend-dev');
const bin = (pkg, ...path) => join(root, 'node_modules', pkg, ...path);
const children = [];

function start(name, args, env = {}) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', ...env },
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
    stop(code ?? 1);
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(children.map((c) => new Promise((ok) => c.once('exit', ok)))).then(() =>
    process.exit(code),
  );
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// node --watch needs the file to exist before webpack's first build has written it.
mkdirSync(out, { recursive: true });
const main = join(out, 'main.js');
if (!existsSync(main)) writeFileSync(main, '// replaced by the first webpack build\n');

start(
  'webpack',
  [
    bin('webpack-cli', 'bin', 'cli.js'),
    'build',
    '--config',
    'backend/webpack.config.js',
    '--watch',
    '--output-path',
    out,
  ],
  {
    // The Nx webpack plugin reads the project it builds from the task Nx would have started.
    NX_TASK_TARGET_PROJECT: 'backend',
    NX_TASK_TARGET_TARGET: 'build',
  },
);
start('backend', ['--enable-source-maps', '--watch-path', out, main], {
  NODE_ENV: 'development',
  LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty',
  DEMO: process.env.DEMO ?? 'true',
  HOST: process.env.HOST ?? '127.0.0.1',
  PORT: '3000',
  // The dev server's pages call the API from their own origin.
  CORS_ORIGINS: process.env.CORS_ORIGINS ?? 'http://localhost:4200',
});
start('frontend', [bin('nx', 'dist', 'bin', 'nx.js'), 'run', 'frontend:serve', '--port', '4200']);
console.log('\n  Stegvis dev: the app at http://localhost:4200 (API on :3000). Ctrl-C stops it.\n');
