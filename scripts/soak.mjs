#!/usr/bin/env node
// Soak and database-fault run (issue #6, docs/security.md "Soak and database faults").
//
//   npm run soak -- [--duration 300] [--rate 25] [--outage 10] [--no-fault]
//                   [--stop-mode fast|immediate] [--max-in-flight 64] [--seed 1] [--build] [--keep]
//
// Everything is private and on loopback: the run creates its own throwaway PostgreSQL cluster
// (initdb into a temporary folder, pg_ctl on a free 127.0.0.1 port, its unix socket in that
// folder), migrates it, starts the API on it (NODE_ENV=production, LOG_LEVEL=warn, DEMO=true) and
// removes it all at the end, also on Ctrl-C or failure. The machine's shared PostgreSQL is never
// touched. Then a fixed offered load (--rate requests/s, open loop) of the coach's, supervisor's and
// programme lead's routes, reads and writes, for --duration seconds; in the middle the private
// cluster is stopped for --outage seconds and started again. Afterwards invariants are checked in
// SQL: every write is either wholly there (with its revision, attendance, placement update and
// audit row) or not at all. Exit code 0 only when every check holds.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chownSync,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, freePort, root } from './lib.mjs';

const require = createRequire(join(root, 'package.json'));
const pg = require('pg');
const HOST = '127.0.0.1';
const DEMO_PASSWORD = 'stegvis-demo';

// ---------------------------------------------------------------------------------------------
// Options, all bounded.
const opts = {
  duration: 300,
  rate: 25,
  outage: 10,
  fault: true,
  stopMode: 'fast',
  maxInFlight: 64,
  seed: 1,
  build: false,
  keep: false,
};
/** A wrong option: say so and stop, before anything was created. */
function bad(message) {
  process.stderr.write(`soak: ${message}\n`);
  process.exit(2);
}
const argv = process.argv.slice(2);
const num = (i) => {
  const v = Number(argv[i]);
  if (!Number.isFinite(v)) bad(`${argv[i - 1]} needs a number`);
  return v;
};
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--duration') opts.duration = num(++i);
  else if (a === '--rate') opts.rate = num(++i);
  else if (a === '--outage') opts.outage = num(++i);
  else if (a === '--no-fault') opts.fault = false;
  else if (a === '--stop-mode') opts.stopMode = argv[++i];
  else if (a === '--max-in-flight') opts.maxInFlight = num(++i);
  else if (a === '--seed') opts.seed = num(++i);
  else if (a === '--build') opts.build = true;
  else if (a === '--keep') opts.keep = true;
  else if (a === '--help' || a === '-h') {
    process.stdout.write(readFileSync(new URL(import.meta.url), 'utf8').split('\nimport ')[0]);
    process.exit(0);
  } else bad(`Unknown option ${a} (see --help)`);
}
if (!(opts.duration >= 20 && opts.duration <= 1800)) bad('--duration must be 20–1800 s');
if (!(opts.rate >= 1 && opts.rate <= 200)) bad('--rate must be 1–200 requests/s');
if (!(opts.outage >= 1 && opts.outage <= 120)) bad('--outage must be 1–120 s');
if (!(opts.maxInFlight >= 1 && opts.maxInFlight <= 500)) bad('--max-in-flight must be 1–500');
if (!['fast', 'immediate'].includes(opts.stopMode)) bad('--stop-mode must be fast or immediate');
if (opts.fault && opts.duration < opts.outage + 20)
  bad('--duration must leave at least 20 s besides the outage');

const log = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const runId = randomBytes(4).toString('hex');

// A small seeded generator, so a run's mix can be repeated (mulberry32).
let seedState = opts.seed >>> 0 || 1;
function random() {
  seedState = (seedState + 0x6d2b79f5) >>> 0;
  let t = seedState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

// ---------------------------------------------------------------------------------------------
// Clean-up, whatever happens: the API, the private cluster, the temporary folder.
const cleanups = [];
let cleaned = false;
function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  for (const fn of cleanups.reverse()) {
    try {
      fn();
    } catch (error) {
      process.stderr.write(`clean-up: ${error instanceof Error ? error.message : error}\n`);
    }
  }
}
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    process.stderr.write(`\n${signal}: stopping the API and the private cluster …\n`);
    cleanUp();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// The private PostgreSQL cluster.
function findPgBin() {
  const candidates = [];
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (r.status === 0) candidates.push(r.stdout.trim());
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a)))
      candidates.push(join(base, v, 'bin'));
  }
  const bin = candidates.find(
    (d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')),
  );
  if (!bin) throw new Error('No PostgreSQL server binaries (initdb, pg_ctl) found');
  return bin;
}

const isRoot = process.getuid?.() === 0;
/** PostgreSQL refuses to run as root: as root, its tools run as the postgres user. */
function pgTool(bin, tool, args, { check = true } = {}) {
  const [cmd, cmdArgs] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
    : [join(bin, tool), args];
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', timeout: 120_000 });
  if (check && r.status !== 0)
    throw new Error(`${tool} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error}`);
  return r;
}

async function createCluster() {
  const bin = findPgBin();
  const dir = mkdtempSync(join(tmpdir(), 'stegvis-soak-'));
  cleanups.push(() => {
    if (opts.keep) log(`(kept ${dir})`);
    else rmSync(dir, { recursive: true, force: true });
  });
  if (isRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    if (!Number.isInteger(uid) || uid === 0)
      throw new Error('Running as root needs a postgres user to run the private cluster');
    chownSync(dir, uid, gid);
  }
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (isRoot) chownSync(pwfile, ...ownerOf(dir));
  const data = join(dir, 'data');
  pgTool(bin, 'initdb', [
    '-D',
    data,
    '-U',
    'stegvis',
    '--pwfile',
    pwfile,
    '-A',
    'scram-sha-256',
    '-E',
    'UTF8',
    '--locale',
    'C',
    '--no-sync',
  ]);
  rmSync(pwfile);
  const port = await freePort();
  appendFileSync(
    join(data, 'postgresql.conf'),
    [
      '',
      '# stegvis soak: a private, loopback-only throwaway cluster',
      `port = ${port}`,
      `listen_addresses = '${HOST}'`,
      `unix_socket_directories = '${dir}'`,
      'max_connections = 40',
      'shared_buffers = 32MB',
      'log_min_messages = warning',
      '',
    ].join('\n'),
  );
  const logFile = join(dir, 'postgres.log');
  const cluster = {
    bin,
    dir,
    data,
    port,
    logFile,
    url: `postgres://stegvis:${encodeURIComponent(password)}@${HOST}:${port}/stegvis`,
    adminUrl: `postgres://stegvis:${encodeURIComponent(password)}@${HOST}:${port}/postgres`,
    start: () => pgTool(bin, 'pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', 'start']),
    startAsync: () =>
      pgToolAsync(bin, 'pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', 'start']),
    stopAsync: (mode) =>
      pgToolAsync(bin, 'pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']),
  };
  cleanups.push(() => {
    if (existsSync(join(data, 'postmaster.pid'))) {
      const r = pgTool(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '20', 'stop'], {
        check: false,
      });
      if (r.status !== 0)
        pgTool(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', 'stop'], { check: false });
    }
  });
  cluster.start();
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE stegvis');
  await admin.end();
  return cluster;
}

/** The same, without blocking the event loop (the load keeps its pace while pg_ctl runs). */
function pgToolAsync(bin, tool, args) {
  const [cmd, cmdArgs] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
    : [join(bin, tool), args];
  return new Promise((ok, fail) => {
    const child = spawn(cmd, cmdArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? ok() : fail(new Error(`${tool} ${args.join(' ')} failed: ${output}`)),
    );
  });
}

function ownerOf(path) {
  const out = spawnSync('stat', ['-c', '%u %g', path], { encoding: 'utf8' }).stdout.trim();
  return out.split(' ').map(Number);
}

// ---------------------------------------------------------------------------------------------
// The API.
async function startApi(cluster) {
  const bundle = join(root, 'dist', 'backend', 'main.js');
  if (opts.build || !existsSync(bundle)) {
    log('Building the backend …');
    build(['backend']);
  }
  const env = {
    ...process.env,
    DATABASE_URL: cluster.url,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    STATIC_DIR: '',
    DATA_DIR: join(cluster.dir, 'unused-data'),
  };
  const migrated = spawnSync(process.execPath, [bundle, 'migrate'], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (migrated.status !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
  const applied = JSON.parse(
    migrated.stdout.split('\n').find((l) => l.includes('migrations applied')) ?? '{}',
  );
  log(`Migrated the private cluster: ${applied.count ?? '?'} migrations.`);

  const port = await freePort();
  const apiLog = join(cluster.dir, 'api.log');
  const out = createWriteStream(apiLog);
  const child = spawn(process.execPath, [bundle], {
    cwd: root,
    env: { ...env, PORT: String(port), DEMO: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const until = Date.now() + 5000;
      while (Date.now() < until && child.exitCode === null) spawnSync('sleep', ['0.1']);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
  const base = `http://${HOST}:${port}`;
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the API exited at start:\n${tail(apiLog)}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.status === 200) return { child, base, apiLog };
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`the API did not start within 120 s:\n${tail(apiLog)}`);
}

function tail(file, chars = 3000) {
  try {
    return readFileSync(file, 'utf8').slice(-chars);
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// Start.
log(
  `Soak ${runId}: ${opts.duration} s at ${opts.rate} req/s` +
    (opts.fault
      ? `, PostgreSQL stopped (${opts.stopMode}) for ${opts.outage} s mid-run`
      : ', no fault') +
    `; seed ${opts.seed}`,
);
const cluster = await createCluster();
log(`Private PostgreSQL (${cluster.bin}) on ${HOST}:${cluster.port}, data in ${cluster.dir}`);
const api = await startApi(cluster);
log(`API (production, demo data) on ${api.base}, pid ${api.child.pid}`);
let apiExit = null;
api.child.on('exit', (code, signal) => (apiExit = { code, signal, at: Date.now() }));

const db = new pg.Client({ connectionString: cluster.url });
await db.connect();
const rows = async (sql, params = []) => (await db.query(sql, params)).rows;

// Who is who, and what they may touch.
async function login(email) {
  const r = await fetch(`${api.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${await r.text()}`);
  return (await r.json()).accessToken;
}
const tokens = {
  coach: await login('coach@demo.stegvis.se'),
  supervisor: await login('supervisor@demo.stegvis.se'),
  supervisor2: await login('supervisor2@demo.stegvis.se'),
  lead: await login('lead@demo.stegvis.se'),
};
const [programme] = await rows(
  `SELECT pm.programme_id AS id FROM programme_members pm JOIN users u ON u.id = pm.user_id
    WHERE u.email = 'coach@demo.stegvis.se'`,
);
// The coach's participants with case data (consent, not reduced): plans, timelines, sessions.
const participants = (
  await rows(
    `SELECT p.id, COALESCE(ap.version, 0) AS version FROM participants p
       LEFT JOIN action_plans ap ON ap.participant_id = p.id
      WHERE p.programme_id = $1 AND p.status <> 'exited' AND p.consent_given
        AND p.consent_withdrawn_at IS NULL AND NOT p.protected_identity
        AND p.reduced_at IS NULL AND p.erased_at IS NULL ORDER BY p.id`,
    [programme.id],
  )
).map((p) => ({ id: p.id, version: p.version }));
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
// Each supervisor's active placements (any programme) for follow-ups, logged as on a phone.
const placementsOf = async (email) =>
  (
    await rows(
      `SELECT pl.id FROM placements pl JOIN users u ON u.enterprise_id = pl.enterprise_id
         JOIN participants pa ON pa.id = pl.participant_id
        WHERE u.email = $1 AND pl.status = 'active' AND pl.actual_end_date IS NULL
          AND pl.start_date <= $2::date AND pa.reduced_at IS NULL AND pa.erased_at IS NULL
        ORDER BY pl.id`,
      [email, yesterday],
    )
  ).map((r) => r.id);
const placements = {
  supervisor: await placementsOf('supervisor@demo.stegvis.se'),
  supervisor2: await placementsOf('supervisor2@demo.stegvis.se'),
};
if (participants.length < 4 || placements.supervisor.length + placements.supervisor2.length < 2)
  throw new Error('The demo data has too few participants or placements for the soak');
log(
  `Targets: ${participants.length} participants, ${placements.supervisor.length} + ${placements.supervisor2.length} placements`,
);
const year = new Date().getFullYear();
// The report covers the half-year that holds today (reports are for calendar half-years only).
const half =
  new Date().getMonth() < 6
    ? { from: `${year}-01-01`, to: `${year}-06-30` }
    : { from: `${year}-07-01`, to: `${year}-12-31` };
const [{ now: dbStart }] = await rows('SELECT now() AS now');
// Not kept open through the outage: the stop would end it.
await db.end();

// ---------------------------------------------------------------------------------------------
// The load: routes, their weights and the statuses they may answer outside the outage.
const ROUTES = {
  caseload: { weight: 18, ok: [200] },
  timeline: { weight: 13, ok: [200] },
  planGet: { weight: 10, ok: [200] },
  planPut: { weight: 10, ok: [200, 409] },
  sessionCreate: { weight: 8, ok: [201] },
  followUpCreate: { weight: 11, ok: [201, 409] },
  dueCoach: { weight: 6, ok: [200] },
  dueSupervisor: { weight: 6, ok: [200] },
  supervisorParticipants: { weight: 12, ok: [200] },
  leadReport: { weight: 6, ok: [200] },
};
const routeNames = Object.keys(ROUTES);
const totalWeight = routeNames.reduce((s, n) => s + ROUTES[n].weight, 0);
function pickRoute() {
  let x = random() * totalWeight;
  for (const n of routeNames) {
    x -= ROUTES[n].weight;
    if (x < 0) return n;
  }
  return routeNames[0];
}

const stats = Object.fromEntries(
  [...routeNames, 'followUpRetry', 'health'].map((n) => [n, { statuses: {}, latencies: [] }]),
);
const responses = []; // { route, start, end, status, retryAfter, jsonMessage }
const writes = { plans: [], sessions: [], followUps: new Map() };
let seq = 0;
let inFlight = 0;
let dropped = 0;
let t0 = 0;
const now = () => performance.now() - t0;

/** One request: never throws; status is a number or 'error:<code>' / 'timeout'. */
async function send(route, token, method, path, { body, headers = {} } = {}) {
  const start = now();
  inFlight++;
  let status;
  let text = '';
  let responseHeaders = new Headers();
  try {
    const r = await fetch(`${api.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    text = await r.text();
    status = r.status;
    responseHeaders = r.headers;
  } catch (error) {
    status =
      error?.name === 'TimeoutError'
        ? 'timeout'
        : `error:${error?.cause?.code ?? error?.code ?? error?.name ?? 'unknown'}`;
  } finally {
    inFlight--;
  }
  const end = now();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  const s = stats[route];
  s.statuses[status] = (s.statuses[status] ?? 0) + 1;
  s.latencies.push(end - start);
  const record = {
    route,
    start,
    end,
    status,
    retryAfter: responseHeaders.get('retry-after'),
    message:
      typeof json?.message === 'string'
        ? json.message
        : route === 'health' && json?.database === 'down'
          ? 'database down'
          : null,
  };
  responses.push(record);
  return { status, json, headers: responseHeaders, requestId: responseHeaders.get('x-request-id') };
}
const lost = (status) => typeof status !== 'number' || status >= 500;

const ops = {
  caseload: () => send('caseload', tokens.coach, 'GET', '/api/participants?limit=50'),
  timeline: () =>
    send(
      'timeline',
      tokens.coach,
      'GET',
      `/api/participants/${pick(participants).id}/timeline?limit=50`,
    ),
  async planGet() {
    const p = pick(participants);
    const r = await send('planGet', tokens.coach, 'GET', `/api/participants/${p.id}/action-plan`);
    if (r.status === 200 && typeof r.json?.version === 'number') p.version = r.json.version;
  },
  async planPut() {
    const p = pick(participants);
    const marker = `soak-${runId}-${++seq}`;
    const sent = p.version;
    const r = await send('planPut', tokens.coach, 'PUT', `/api/participants/${p.id}/action-plan`, {
      headers: { 'if-match': String(sent) },
      body: {
        goal: `Närmare arbete (${marker})`,
        steps: [
          { text: 'Arbetsträning', status: 'in_progress', concernsPlacement: true },
          { text: `Söka arbete ${seq}`, status: 'planned', dueDate: `${year + 1}-01-15` },
        ],
      },
    });
    if (r.status === 200) p.version = r.json.version;
    else if (r.status === 409 && typeof r.json?.current?.version === 'number')
      p.version = r.json.current.version;
    writes.plans.push({
      marker,
      participantId: p.id,
      sent,
      status: r.status,
      version: r.status === 200 ? r.json.version : null,
      requestId: r.requestId,
    });
  },
  async sessionCreate() {
    const group = random() < 0.3;
    const chosen = new Set([pick(participants).id]);
    while (group && chosen.size < 3) chosen.add(pick(participants).id);
    const marker = `soak-${runId}-${++seq}`;
    const r = await send('sessionCreate', tokens.coach, 'POST', '/api/coaching-sessions', {
      body: {
        at: new Date(Date.now() - 3_600_000).toISOString(),
        durationMinutes: group ? 90 : 45,
        kind: group ? 'group_workshop' : 'individual_coaching',
        mode: 'on_site',
        participants: [...chosen].map((participantId) => ({
          participantId,
          attendance: 'attended',
        })),
        notes: marker,
      },
    });
    writes.sessions.push({
      marker,
      participants: chosen.size,
      status: r.status,
      id: r.status === 201 ? r.json.id : null,
      requestId: r.requestId,
    });
  },
  async followUpCreate() {
    const who = random() < 0.6 ? 'supervisor' : 'supervisor2';
    if (placements[who].length === 0) return;
    const marker = `soak-${runId}-${++seq}`;
    const w = {
      key: marker,
      who,
      placementId: pick(placements[who]),
      body: {
        date: yesterday,
        mode: pick(['visit', 'phone', 'digital']),
        daysPresent: 4,
        daysAbsent: 1,
        wellbeing: 1 + Math.floor(random() * 5),
        notes: marker,
      },
      attempts: [],
      done: false,
    };
    writes.followUps.set(marker, w);
    await followUpAttempt(w, 'followUpCreate');
  },
  dueCoach: () => send('dueCoach', tokens.coach, 'GET', '/api/follow-ups/due'),
  dueSupervisor: () => send('dueSupervisor', tokens.supervisor, 'GET', '/api/follow-ups/due'),
  supervisorParticipants: () =>
    send('supervisorParticipants', tokens.supervisor, 'GET', '/api/participants?limit=50'),
  leadReport: () =>
    send(
      'leadReport',
      tokens.lead,
      'GET',
      `/api/programmes/${programme.id}/report?from=${half.from}&to=${half.to}`,
    ),
};

// A phone retries a follow-up whose answer it did not get, with the same Idempotency-Key and
// body, after Retry-After (at least 2 s, growing), at most 8 times.
const retryTimers = new Set();
async function followUpAttempt(w, route) {
  const r = await send(
    route,
    tokens[w.who],
    'POST',
    `/api/placements/${w.placementId}/follow-ups`,
    {
      body: w.body,
      headers: { 'idempotency-key': w.key },
    },
  );
  w.attempts.push({
    status: r.status,
    replayed: r.headers.get('idempotent-replayed') === 'true',
    requestId: r.requestId,
    id: r.status === 201 ? r.json?.id : null,
    message: r.json?.message ?? null,
  });
  if (r.status === 201) w.done = true;
  else if ((lost(r.status) || r.status === 409) && w.attempts.length < 8 && !stopRetries) {
    const wait =
      Math.max(2, Number(r.headers.get('retry-after')) || 0) *
      1000 *
      Math.min(3, w.attempts.length);
    const timer = setTimeout(() => {
      retryTimers.delete(timer);
      void followUpAttempt(w, 'followUpRetry');
    }, wait);
    retryTimers.add(timer);
  } else w.done = true;
}
let stopRetries = false;

// Health, twice a second, on its own.
let healthOn = true;
async function healthLoop() {
  while (healthOn) {
    const start = now();
    await send('health', '', 'GET', '/api/health');
    await sleep(Math.max(0, 500 - (now() - start)));
  }
}

// Memory of the API process.
const rss = []; // [t ms, kB]
function sampleRss() {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${api.child.pid}/status`, 'utf8'));
    if (m) rss.push([now(), Number(m[1])]);
  } catch {
    /* the process is gone: reported below */
  }
}

// The fault.
const fault = { stopAt: null, stoppedAt: null, startAt: null, startedAt: null, error: null };
async function injectFault() {
  await sleep((opts.duration * 1000) / 2 - (opts.outage * 1000) / 2);
  log(`[${(now() / 1000).toFixed(1)} s] stopping the private PostgreSQL (${opts.stopMode}) …`);
  fault.stopAt = now();
  try {
    await cluster.stopAsync(opts.stopMode);
    fault.stoppedAt = now();
    await sleep(Math.max(0, opts.outage * 1000 - (now() - fault.stopAt)));
    log(`[${(now() / 1000).toFixed(1)} s] starting it again …`);
    fault.startAt = now();
    await cluster.startAsync();
    fault.startedAt = now();
    log(`[${(now() / 1000).toFixed(1)} s] PostgreSQL accepts connections again`);
  } catch (error) {
    fault.error = error instanceof Error ? error.message : String(error);
  }
}

// ---------------------------------------------------------------------------------------------
// Run.
log(`Load for ${opts.duration} s …`);
t0 = performance.now();
const health = healthLoop();
sampleRss();
const rssTimer = setInterval(sampleRss, 2000);
const faultDone = opts.fault ? injectFault() : Promise.resolve();
const interval = 1000 / opts.rate;
const total = Math.round(opts.duration * opts.rate);
const pending = new Set();
for (let i = 0; i < total; i++) {
  const due = i * interval;
  const wait = due - now();
  if (wait > 0) await sleep(wait);
  if (inFlight >= opts.maxInFlight) {
    dropped++;
    continue;
  }
  const p = ops[pickRoute()]().catch((error) => {
    process.stderr.write(`load error: ${error?.stack ?? error}\n`);
  });
  pending.add(p);
  void p.finally(() => pending.delete(p));
}

await faultDone;
await Promise.race([Promise.all(pending), sleep(20_000)]);
// Let retries of follow-ups left without an answer finish (the phone keeps trying a little).
const retryUntil = Date.now() + 40_000;
while (
  [...writes.followUps.values()].some((w) => !w.done) &&
  Date.now() < retryUntil &&
  retryTimers.size + inFlight > 0
)
  await sleep(250);
stopRetries = true;
for (const timer of retryTimers) clearTimeout(timer);
await Promise.race([Promise.all(pending), sleep(15_000)]);
healthOn = false;
await health;
clearInterval(rssTimer);
sampleRss();
const endAt = now();

// ---------------------------------------------------------------------------------------------
// Outcome of the outage.
const failures = [];
const fail = (what) => failures.push(what);
const isDbRoute = (r) => r.route !== 'health';
let recoveredAt = null;
let healthRecoveredAt = null;
if (opts.fault) {
  if (fault.error) fail(`the fault could not be injected: ${fault.error}`);
  const after = fault.startedAt ?? Infinity;
  recoveredAt =
    responses
      .filter((r) => isDbRoute(r) && r.start >= after && r.status >= 200 && r.status < 300)
      .reduce((min, r) => Math.min(min, r.end), Infinity) ?? null;
  healthRecoveredAt = responses
    .filter((r) => r.route === 'health' && r.start >= after && r.status === 200)
    .reduce((min, r) => Math.min(min, r.end), Infinity);
  if (!Number.isFinite(recoveredAt)) {
    fail('the API never answered 2xx again after PostgreSQL was restarted');
    recoveredAt = null;
  }
  if (!Number.isFinite(healthRecoveredAt)) {
    fail('/api/health never answered 200 again after PostgreSQL was restarted');
    healthRecoveredAt = null;
  }
}
const GRACE_MS = 1000;
const inGap = (r) =>
  opts.fault &&
  fault.stopAt !== null &&
  r.end >= fault.stopAt &&
  r.end <= (recoveredAt ?? endAt) + GRACE_MS;
/** The database was certainly down: stop finished, start not yet begun. */
const inDown = (r) =>
  opts.fault && fault.stoppedAt !== null && r.start >= fault.stoppedAt && r.end <= fault.startAt;

const gap = responses.filter(inGap);
const outside = responses.filter((r) => !inGap(r));
const count = (list, pred) => list.filter(pred).length;
const fiveXxOutside = outside.filter((r) => lost(r.status) && r.route !== 'health');
const healthBadOutside = outside.filter((r) => r.route === 'health' && r.status !== 200);
const gap503 = gap.filter((r) => r.status === 503 && isDbRoute(r));
const gapOther5xx = gap.filter((r) => lost(r.status) && r.status !== 503);
const gap503Unclear = gap.filter(
  (r) =>
    r.status === 503 &&
    (!r.message || r.message.length < 20 || (isDbRoute(r) && !(Number(r.retryAfter) > 0))) &&
    !(r.route === 'health' && r.message === 'database down'),
);
const downNot503 = responses.filter((r) => inDown(r) && r.status !== 503);
const healthDown = count(responses, (r) => inDown(r) && r.route === 'health' && r.status === 503);
const unexpected = outside.filter(
  (r) =>
    !lost(r.status) &&
    r.route !== 'health' &&
    !(ROUTES[r.route] ?? { ok: [201, 409] }).ok.includes(r.status),
);
if (fiveXxOutside.length > 0)
  fail(`${fiveXxOutside.length} 5xx or lost answers outside the outage window`);
if (healthBadOutside.length > 0)
  fail(`${healthBadOutside.length} health answers other than 200 outside the outage window`);
if (unexpected.length > 0)
  fail(`${unexpected.length} unexpected statuses outside the outage window`);
if (opts.fault) {
  if (gap503.length === 0) fail('no 503 during the outage');
  if (gapOther5xx.length > 0)
    fail(`${gapOther5xx.length} answers during the outage were 5xx other than 503 or lost`);
  if (gap503Unclear.length > 0)
    fail(`${gap503Unclear.length} 503s without a clear JSON message or Retry-After`);
  if (downNot503.length > 0)
    fail(`${downNot503.length} answers while PostgreSQL was down were not 503`);
  if (healthDown === 0) fail('/api/health never answered 503 while PostgreSQL was down');
}
if (dropped > total * 0.01)
  fail(`${dropped} of ${total} scheduled requests not sent (client at --max-in-flight)`);
if (apiExit) fail(`the API process exited during the run (${JSON.stringify(apiExit)})`);

// ---------------------------------------------------------------------------------------------
// Memory.
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const mb = (kb) => kb / 1024;
const firstMin = rss.filter(([t]) => t <= 60_000).map(([, v]) => v);
const lastMin = rss.filter(([t]) => t >= endAt - 60_000).map(([, v]) => v);
const maxRss = Math.max(...rss.map(([, v]) => v));
// Least-squares slope after the first minute's warm-up (JIT, pools, caches), in MB per minute.
const steady = rss.filter(([t]) => t > Math.min(60_000, endAt / 3));
let slope = NaN;
if (steady.length >= 3) {
  const n = steady.length;
  const mt = steady.reduce((s, [t]) => s + t, 0) / n;
  const mv = steady.reduce((s, [, v]) => s + v, 0) / n;
  const cov = steady.reduce((s, [t, v]) => s + (t - mt) * (v - mv), 0);
  const varT = steady.reduce((s, [t]) => s + (t - mt) ** 2, 0);
  slope = mb(cov / varT) * 60_000;
}
const growth = mb(median(lastMin) - median(firstMin));
// "Stable": no steady growth. Garbage collection makes RSS saw up and down by tens of MB, so
// only a slope above 2 MB/min together with a last minute 25 MB above the first counts.
// A run under three minutes is all warm-up: its memory is shown but not judged.
const memoryJudged = endAt >= 180_000;
const memoryStable = !memoryJudged || !(slope > 2 && growth > 25);
if (!memoryStable)
  fail(
    `memory grows: ${slope.toFixed(2)} MB/min, last minute ${growth.toFixed(1)} MB above the first`,
  );

// ---------------------------------------------------------------------------------------------
// Invariants, in SQL on the private cluster (which is running again).
const checks = [];
const check = (name, ok, detail = '') => {
  checks.push({ name, ok, detail });
  if (!ok) fail(`invariant: ${name}${detail ? ` (${detail})` : ''}`);
};
const db2 = new pg.Client({ connectionString: cluster.url });
db2.on('error', (error) => fail(`invariant connection: ${error.message}`));
await db2.connect();
const q = async (sql, params = []) => (await db2.query(sql, params)).rows;
const marker = `soak-${runId}-%`;

// Action plans: the plan row and its revisions move together.
const planBad = await q(
  `SELECT ap.participant_id, ap.version, count(r.id)::int AS revisions, max(r.version) AS latest,
          bool_or(r.version = ap.version AND r.goal = ap.goal AND r.steps = ap.steps) AS current_matches
     FROM action_plans ap LEFT JOIN action_plan_revisions r ON r.participant_id = ap.participant_id
    GROUP BY ap.participant_id, ap.version
   HAVING count(r.id) <> ap.version OR max(r.version) <> ap.version
       OR NOT COALESCE(bool_or(r.version = ap.version AND r.goal = ap.goal AND r.steps = ap.steps), false)`,
);
check(
  'every action plan: version = number of revisions = latest revision, whose content is the plan',
  planBad.length === 0,
  planBad.length ? `${planBad.length} plans, e.g. ${JSON.stringify(planBad[0])}` : '',
);
const orphanRevisions = await q(
  `SELECT count(*)::int AS n FROM action_plan_revisions r
    WHERE NOT EXISTS (SELECT 1 FROM action_plans ap WHERE ap.participant_id = r.participant_id)`,
);
check('no revision without its plan', orphanRevisions[0].n === 0, `${orphanRevisions[0].n}`);
const revByMarker = new Map(
  (
    await q(
      `SELECT substring(goal from '\\((soak-[^)]+)\\)') AS marker, participant_id, version
         FROM action_plan_revisions WHERE goal LIKE $1`,
      [`%${marker}`],
    )
  ).map((r) => [r.marker, r]),
);
const revCount = await q(
  `SELECT substring(goal from '\\((soak-[^)]+)\\)') AS marker, count(*)::int AS n
     FROM action_plan_revisions WHERE goal LIKE $1 GROUP BY 1 HAVING count(*) > 1`,
  [`%${marker}`],
);
check('no plan save stored twice', revCount.length === 0, `${revCount.length}`);
const planOk = writes.plans.filter((w) => w.status === 200);
const planLost = writes.plans.filter((w) => lost(w.status));
const planNo = writes.plans.filter((w) => !lost(w.status) && w.status !== 200);
const planMissing = planOk.filter(
  (w) =>
    revByMarker.get(w.marker)?.version !== w.version ||
    revByMarker.get(w.marker)?.participant_id !== w.participantId,
);
check(
  'every plan save answered 200 is stored, at the version answered',
  planMissing.length === 0,
  `${planMissing.length}`,
);
const planPhantom = planNo.filter((w) => revByMarker.has(w.marker));
check('no plan save answered 409/4xx is stored', planPhantom.length === 0, `${planPhantom.length}`);
const planLostStored = planLost.filter((w) => revByMarker.has(w.marker)).length;
check(
  'plan saves: answered 200 ≤ stored ≤ 200 + answers lost',
  planOk.length <= revByMarker.size && revByMarker.size <= planOk.length + planLost.length,
  `${planOk.length} ≤ ${revByMarker.size} ≤ ${planOk.length + planLost.length}`,
);

// Coaching sessions: each with all of its attendance.
const noAttendance = await q(
  `SELECT count(*)::int AS n FROM coaching_sessions s
    WHERE NOT EXISTS (SELECT 1 FROM session_attendances a WHERE a.session_id = s.id)`,
);
check(
  'every coaching session has at least one attendance',
  noAttendance[0].n === 0,
  `${noAttendance[0].n}`,
);
const sessionRows = await q(
  `SELECT s.notes AS marker, s.id, count(a.*)::int AS attendances,
          (SELECT count(*)::int FROM audit_log l WHERE l.entity = 'coachingSession'
              AND l.action = 'create' AND l.entity_id = s.id) AS audits
     FROM coaching_sessions s LEFT JOIN session_attendances a ON a.session_id = s.id
    WHERE s.notes LIKE $1 GROUP BY s.id`,
  [marker],
);
const sessionByMarker = new Map();
for (const r of sessionRows)
  sessionByMarker.set(r.marker, [...(sessionByMarker.get(r.marker) ?? []), r]);
const sessionOk = writes.sessions.filter((w) => w.status === 201);
const sessionLost = writes.sessions.filter((w) => lost(w.status));
const sessionNo = writes.sessions.filter((w) => !lost(w.status) && w.status !== 201);
check(
  'no session stored twice',
  [...sessionByMarker.values()].every((l) => l.length === 1),
);
check(
  'every session answered 201 is stored with every participant sent',
  sessionOk.every((w) => {
    const [r] = sessionByMarker.get(w.marker) ?? [];
    return r?.id === w.id && r.attendances === w.participants;
  }),
);
check(
  'every stored session has every participant sent (also those whose answer was lost)',
  writes.sessions.every((w) => {
    const [r] = sessionByMarker.get(w.marker) ?? [];
    return !r || r.attendances === w.participants;
  }),
);
check(
  'no session answered 4xx is stored',
  sessionNo.every((w) => !sessionByMarker.has(w.marker)),
);
const sessionLostStored = sessionLost.filter((w) => sessionByMarker.has(w.marker)).length;
check(
  'sessions: answered 201 ≤ stored ≤ 201 + answers lost',
  sessionOk.length <= sessionRows.length &&
    sessionRows.length <= sessionOk.length + sessionLost.length,
  `${sessionOk.length} ≤ ${sessionRows.length} ≤ ${sessionOk.length + sessionLost.length}`,
);
const sessionUnaudited = sessionRows.filter((r) => r.audits !== 1);
check(
  'every stored session has exactly one audit row',
  sessionUnaudited.length === 0,
  `${sessionUnaudited.length} without`,
);

// Follow-ups: one per Idempotency-Key at most, placement kept in step.
const fuRows = await q(
  `SELECT f.notes AS marker, f.id, f.placement_id, pl.id IS NOT NULL AS placement_exists
     FROM follow_ups f LEFT JOIN placements pl ON pl.id = f.placement_id WHERE f.notes LIKE $1`,
  [marker],
);
const fuByMarker = new Map();
for (const r of fuRows) fuByMarker.set(r.marker, [...(fuByMarker.get(r.marker) ?? []), r]);
const fuList = [...writes.followUps.values()];
const fuOk = fuList.filter((w) => w.attempts.some((a) => a.status === 201));
const fuLost = fuList.filter(
  (w) => !fuOk.includes(w) && w.attempts.some((a) => lost(a.status) || a.status === 409),
);
const fuNo = fuList.filter((w) => !fuOk.includes(w) && !fuLost.includes(w));
const dupKeys = [...fuByMarker.values()].filter((l) => l.length > 1);
check('no two follow-ups for one Idempotency-Key', dupKeys.length === 0, `${dupKeys.length} keys`);
check(
  "every follow-up's placement exists",
  fuRows.every((r) => r.placement_exists),
);
check(
  'every follow-up answered 201 is stored, with the id answered (also on a replay)',
  fuOk.every((w) => {
    const ids = new Set(w.attempts.filter((a) => a.status === 201).map((a) => a.id));
    const stored = fuByMarker.get(w.key) ?? [];
    return stored.length === 1 && ids.size === 1 && ids.has(stored[0].id);
  }),
);
check(
  'no follow-up answered 4xx (not 409) is stored',
  fuNo.every((w) => !fuByMarker.has(w.key)),
);
check(
  'follow-ups: answered 201 ≤ stored ≤ 201 + answers lost',
  fuOk.length <= fuRows.length && fuRows.length <= fuOk.length + fuLost.length,
  `${fuOk.length} ≤ ${fuRows.length} ≤ ${fuOk.length + fuLost.length}`,
);
const fuLostStored = fuLost.filter((w) => fuByMarker.has(w.key)).length;
// placements.next_follow_up_due is the domain rule applied to every committed follow-up: the
// stored date must equal what GET /api/placements/:id computes live from the follow-ups (the
// same rule, libs/domain), and lie after the latest follow-up.
const touched = [...new Set(fuRows.map((r) => r.placement_id))];
const stale = await q(
  `SELECT pl.id, pl.next_follow_up_due::text AS stored, max(f.date)::text AS latest
     FROM placements pl JOIN follow_ups f ON f.placement_id = pl.id
    WHERE pl.id = ANY($1::uuid[]) GROUP BY pl.id
   HAVING pl.next_follow_up_due IS NOT NULL AND pl.next_follow_up_due <= max(f.date)`,
  [touched],
);
check(
  'no touched placement is due on or before its latest follow-up',
  stale.length === 0,
  `${stale.length}`,
);
const storedDue = new Map(
  (
    await q(
      `SELECT id, next_follow_up_due::text AS due FROM placements WHERE id = ANY($1::uuid[])`,
      [touched],
    )
  ).map((r) => [r.id, r.due]),
);
let dueMismatch = 0;
for (const id of touched) {
  const r = await fetch(`${api.base}/api/placements/${id}`, {
    headers: { authorization: `Bearer ${tokens.coach}` },
  });
  let placement = null;
  if (r.status === 200) placement = await r.json();
  else {
    const r2 = await fetch(`${api.base}/api/placements/${id}`, {
      headers: {
        authorization: `Bearer ${placements.supervisor.includes(id) ? tokens.supervisor : tokens.supervisor2}`,
      },
    });
    if (r2.status === 200) placement = await r2.json();
  }
  if (!placement || (placement.followUpStatus?.nextDue ?? null) !== (storedDue.get(id) ?? null))
    dueMismatch++;
}
check(
  'placements.next_follow_up_due = the cadence rule over its follow-ups, for every placement touched',
  dueMismatch === 0,
  `${dueMismatch} of ${touched.length}`,
);
// Idempotency keys: completed ones point at a stored follow-up; none is left reserved.
const keys = await q(
  `SELECT k.key, k.status_code, k.response_body->>'id' AS id,
          EXISTS (SELECT 1 FROM follow_ups f WHERE f.id::text = k.response_body->>'id') AS stored
     FROM idempotency_keys k WHERE k.key LIKE $1`,
  [marker],
);
const keysBroken = keys.filter((k) => k.status_code !== null && !k.stored);
check(
  'every completed Idempotency-Key answers with a stored follow-up',
  keysBroken.length === 0,
  `${keysBroken.length}`,
);
const keysReserved = keys.filter((k) => k.status_code === null);
const keysReservedStored = keysReserved.filter((k) => fuByMarker.has(k.key)).length;
check(
  'no Idempotency-Key left reserved without an answer (a retry would wait for it until it expires)',
  keysReserved.length === 0,
  keysReserved.length
    ? `${keysReserved.length} reserved; ${keysReservedStored} of them with the follow-up stored`
    : '',
);

// Audit: every write row has its audit row, counted per record (the follow-up and plan routes
// audit the placement's and the participant's id; replays are audited as requests too).
const replayIds = fuList.flatMap((w) =>
  w.attempts.filter((a) => a.replayed).map((a) => a.requestId),
);
const fuAudit = new Map(
  (
    await q(
      `SELECT entity_id::text AS id, count(*)::int AS n FROM audit_log
        WHERE detail->>'permission' = 'followUp.create' AND action = 'create' AND at >= $1
          AND NOT (request_id = ANY($2::text[])) GROUP BY entity_id`,
      [dbStart, replayIds],
    )
  ).map((r) => [r.id, r.n]),
);
const fuPerPlacement = new Map();
for (const r of fuRows)
  fuPerPlacement.set(r.placement_id, (fuPerPlacement.get(r.placement_id) ?? 0) + 1);
const fuAuditBad = [...new Set([...fuPerPlacement.keys(), ...fuAudit.keys()])].filter(
  (id) => (fuPerPlacement.get(id) ?? 0) !== (fuAudit.get(id) ?? 0),
);
check(
  'every stored follow-up has exactly one audit row (per placement)',
  fuAuditBad.length === 0,
  `${fuAuditBad.length} placements differ`,
);
const planAudit = new Map(
  (
    await q(
      `SELECT entity_id::text AS id, count(*)::int AS n FROM audit_log
        WHERE detail->>'permission' = 'actionPlan.update' AND action = 'update' AND at >= $1
        GROUP BY entity_id`,
      [dbStart],
    )
  ).map((r) => [r.id, r.n]),
);
const revPerParticipant = new Map();
for (const r of revByMarker.values())
  revPerParticipant.set(r.participant_id, (revPerParticipant.get(r.participant_id) ?? 0) + 1);
const planAuditBad = [...new Set([...revPerParticipant.keys(), ...planAudit.keys()])].filter(
  (id) => (revPerParticipant.get(id) ?? 0) !== (planAudit.get(id) ?? 0),
);
check(
  'every stored plan revision has exactly one audit row (per participant)',
  planAuditBad.length === 0,
  `${planAuditBad.length} participants differ`,
);
const answeredIds = [
  ...planOk.map((w) => w.requestId),
  ...sessionOk.map((w) => w.requestId),
  ...fuList.flatMap((w) => w.attempts.filter((a) => a.status === 201).map((a) => a.requestId)),
].filter(Boolean);
const audited = new Set(
  (
    await q(`SELECT request_id FROM audit_log WHERE request_id = ANY($1::text[])`, [answeredIds])
  ).map((r) => r.request_id),
);
const unaudited = answeredIds.filter((id) => !audited.has(id));
check(
  'every write answered 2xx has its audit row (by request id)',
  unaudited.length === 0,
  `${unaudited.length}`,
);
await db2.end();

// ---------------------------------------------------------------------------------------------
// Anything the API logged as an unhandled error (500) or at all.
const apiLogText = tail(api.apiLog, 5_000_000);
const unhandled = (apiLogText.match(/Unhandled error/g) ?? []).length;
const unavailableWarnings = (apiLogText.match(/Database unavailable/g) ?? []).length;
if (unhandled > 0) fail(`the API logged ${unhandled} unhandled errors (500)`);

// ---------------------------------------------------------------------------------------------
// Summary.
const pct = (xs, p) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const sec = (ms) => (ms === null || ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);
const requests = responses.length;
log('');
log(
  `=== Soak ${runId}: ${(endAt / 1000).toFixed(0)} s, ${requests} requests (${total} scheduled at ${opts.rate}/s, ${dropped} not sent; health twice a second; follow-up retries) ===`,
);
log('');
log(
  'route                    requests  statuses                               p50 ms  p95 ms  (outside the outage)',
);
for (const name of [...routeNames, 'followUpRetry', 'health']) {
  const s = stats[name];
  const n = Object.values(s.statuses).reduce((a, b) => a + b, 0);
  if (n === 0) continue;
  const lat = responses.filter((r) => r.route === name && !inGap(r)).map((r) => r.end - r.start);
  const statuses = Object.entries(s.statuses)
    .sort()
    .map(([k, v]) => `${k}:${v}`)
    .join(' ');
  log(
    `${name.padEnd(24)} ${String(n).padStart(8)}  ${statuses.padEnd(38)} ${pct(lat, 50).toFixed(1).padStart(6)}  ${pct(lat, 95).toFixed(1).padStart(6)}`,
  );
}
const allLat = outside.filter(isDbRoute).map((r) => r.end - r.start);
log(
  `${'all (without health)'.padEnd(24)} ${String(count(responses, isDbRoute)).padStart(8)}  ${''.padEnd(38)} ${pct(allLat, 50).toFixed(1).padStart(6)}  ${pct(allLat, 95).toFixed(1).padStart(6)}`,
);
log('');
log(
  `5xx or lost answers outside the outage: ${fiveXxOutside.length}; unexpected statuses: ${unexpected.length}`,
);
if (opts.fault) {
  log(
    `Outage: stop at ${sec(fault.stopAt)} (took ${sec(fault.stoppedAt - fault.stopAt)}), start at ${sec(fault.startAt)} (took ${sec(fault.startedAt - fault.startAt)})`,
  );
  log(
    `  during the outage window: ${gap503.length} × 503 (all with a JSON message and Retry-After: ${gap503Unclear.length === 0 ? 'yes' : 'no'}), ` +
      `${count(gap, (r) => isDbRoute(r) && r.status >= 200 && r.status < 300)} × 2xx (before the stop took effect or after recovery), ` +
      `${gapOther5xx.length} other 5xx/lost; while certainly down: ${downNot503.length} answers not 503`,
  );
  log(
    `  /api/health: ${healthDown} × 503 while down, first 200 ${sec(healthRecoveredAt - fault.startedAt)} after the restart`,
  );
  log(
    `  recovery: first 2xx ${sec(recoveredAt - fault.startedAt)} after PostgreSQL accepted connections again (no restart of the API)`,
  );
  const sample = gap503[0] && responses.find((r) => r === gap503[0]);
  if (sample) log(`  a 503 reads: Retry-After ${sample.retryAfter}; "${sample.message}"`);
}
log(
  `Writes: plan saves ${writes.plans.length} (200: ${planOk.length}, 409/4xx: ${planNo.length}, lost: ${planLost.length} of which stored ${planLostStored}); ` +
    `sessions ${writes.sessions.length} (201: ${sessionOk.length}, lost: ${sessionLost.length} of which stored ${sessionLostStored}); ` +
    `follow-ups ${fuList.length} keys (201: ${fuOk.length}, of which after a retry ${fuOk.filter((w) => w.attempts.length > 1).length}, replayed ${fuList.filter((w) => w.attempts.some((a) => a.replayed)).length}; unresolved: ${fuLost.length} of which stored ${fuLostStored}; 4xx: ${fuNo.length})`,
);
log(
  `Memory (RSS of the API, ${rss.length} samples every 2 s): first minute median ${mb(median(firstMin)).toFixed(1)} MB, last minute median ${mb(median(lastMin)).toFixed(1)} MB, max ${mb(maxRss).toFixed(1)} MB, slope after warm-up ${slope.toFixed(2)} MB/min → ${!memoryJudged ? 'not judged (run under 3 min)' : memoryStable ? 'stable' : 'GROWING'}`,
);
log(
  `API log: ${unhandled} unhandled errors, ${unavailableWarnings} "Database unavailable" warnings (one per 10 s at most)`,
);
log('');
log('Invariants (SQL on the private cluster after the run):');
for (const c of checks)
  log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? ` — ${c.detail}` : ''}`);
log('');
if (failures.length === 0) {
  log('RESULT: PASS');
} else {
  log('RESULT: FAIL');
  for (const f of failures) log(`  - ${f}`);
  if (unhandled > 0 || apiExit) log(`\nAPI log (tail):\n${tail(api.apiLog)}`);
}
cleanUp();
process.exit(failures.length === 0 ? 0 : 1);
