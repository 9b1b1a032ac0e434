#!/usr/bin/env node
// Is the anonymised export's memory flat? (docs/benchmarks.md) Starts the API with a small
// old-space limit (--max-old-space-size, default 96 MB) so that V8 must run full (mark-compact)
// collections during the export instead of letting garbage pile up, asks for one CSV export of
// the largest seeded programme, and prints the live heap after every full collection: flat from
// the first batch to the last means the export holds no more than a batch, whatever the rows.
//
//   npm run bench:export-memory -- [--database-url URL] [--max-old-space 96]
//
// Needs a database filled by `npm run seed:large` and the backend bundle (dist/backend/main.js).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './lib.mjs';

const log = (line) => process.stdout.write(`${line}\n`);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const opts = { databaseUrl: process.env.DATABASE_URL ?? '', maxOldSpace: 96 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--database-url') opts.databaseUrl = argv[++i] ?? '';
  else if (argv[i] === '--max-old-space') opts.maxOldSpace = Number(argv[++i]);
  else throw new Error(`Unknown option ${argv[i]}`);
}
if (!opts.databaseUrl) throw new Error('needs DATABASE_URL or --database-url');
if (new URL(opts.databaseUrl).pathname === '/test') throw new Error('not on the database "test"');
if (!(opts.maxOldSpace >= 48 && opts.maxOldSpace <= 4096))
  throw new Error('--max-old-space 48–4096');
const bundle = resolve(root, 'dist/backend/main.js');
if (!existsSync(bundle)) throw new Error('build the backend first (npm run build)');

const port = await freePort();
const api = spawn(
  process.execPath,
  ['--trace-gc', `--max-old-space-size=${opts.maxOldSpace}`, bundle],
  {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let trace = '';
api.stdout.on('data', (d) => (trace += d));
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    if (i > 240) throw new Error('the API did not start within 60 s');
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // The 5th extra lead of programme 0 (seed-large), so the benchmark's leads keep their quota.
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'lead-0-0-5@bench.stegvis.se',
      password: 'stegvis-bench-password',
    }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  const { accessToken } = await login.json();
  const auth = { authorization: `Bearer ${accessToken}` };
  const list = await (await fetch(`${base}/api/programmes`, { headers: auth })).json();
  const programme =
    (list.items ?? list).find((p) => / 0-0 /.test(` ${p.name} `)) ?? (list.items ?? list)[0];
  await new Promise((r) => setTimeout(r, 1000));
  const from = trace.length;
  const t0 = performance.now();
  const reply = await fetch(`${base}/api/programmes/${programme.id}/export?format=csv`, {
    headers: auth,
  });
  const body = Buffer.from(await reply.arrayBuffer()).toString('utf8');
  const ms = performance.now() - t0;
  if (reply.status !== 200) throw new Error(`export: ${reply.status} ${body.slice(0, 200)}`);
  const rows = body.trimEnd().split('\n').length - 1;
  const fullGcs = trace
    .slice(from)
    .split('\n')
    .map((line) => /Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/.exec(line)?.[1])
    .filter(Boolean)
    .map(Number);
  log(
    `Export of "${programme.name}": ${rows} rows, ${(body.length / 1e6).toFixed(1)} MB of CSV in ${(ms / 1000).toFixed(1)} s, API old space limited to ${opts.maxOldSpace} MB`,
  );
  if (fullGcs.length === 0) {
    log('No full collection during the export: raise the rows or lower --max-old-space.');
  } else {
    const third = Math.max(1, Math.floor(fullGcs.length / 3));
    const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    log(
      `Live heap after each of ${fullGcs.length} full collections (MB): ${fullGcs.map((x) => x.toFixed(1)).join(' ')}`,
    );
    log(
      `  min ${Math.min(...fullGcs).toFixed(1)}, max ${Math.max(...fullGcs).toFixed(1)}; first third ${avg(fullGcs.slice(0, third)).toFixed(1)} → last third ${avg(fullGcs.slice(-third)).toFixed(1)}`,
    );
  }
} finally {
  api.kill('SIGTERM');
}
