#!/usr/bin/env node
// Load benchmark of the API against a bare node:http + pg baseline (docs/benchmarks.md).
//
//   npm run bench -- [--duration 10] [--connections 100] [--rate 300 | --rate 100,200,300]
//                    [--phases load,fixed,export,report] [--routes caseload,timeline,…]
//                    [--database-url URL] [--build] [--encoding identity|gzip|br]
//                    [--compression on|off]
//
// --encoding: the Accept-Encoding the load sends to the API (a browser sends gzip and br);
// --compression: the API's COMPRESSION setting. Together they measure what compressing costs.
//
// Needs a database filled by `npm run seed:large`. Everything runs on 127.0.0.1; every load run is
// bounded by --duration. Phases: (1) capture — start the API with scripts/bench-sql-capture.cjs
// preloaded and record, per route, the SQL statements of one request; (2) EXPLAIN (ANALYZE,
// BUFFERS) of each captured read statement; (3) load — the clean API (no preload) and the
// baseline (scripts/bench-baseline.mjs replaying the captured statements), route by route, same
// run; (4) a fixed offered load (--rate req/s, open loop) on caseload and timeline; (5) export
// memory; (6) the programme report, sequential, against its raw SQL; (compress, on request) the
// CPU cost and the bytes saved by compressing each read answer.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(resolve(root, 'package.json'));
const pg = require('pg');
const PASSWORD = 'stegvis-bench-password';
const HOST = '127.0.0.1';
const CLK_TCK = 100; // getconf CLK_TCK on Linux x86-64

const opts = {
  duration: 10,
  connections: 100,
  rates: [300],
  databaseUrl: process.env.DATABASE_URL ?? '',
  build: false,
  run: 0,
  phases: 'load,fixed,export,report',
  routes: '',
  encoding: 'identity',
  compression: 'on',
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--duration') opts.duration = Number(argv[++i]);
  else if (a === '--connections') opts.connections = Number(argv[++i]);
  else if (a === '--rate') opts.rates = String(argv[++i]).split(',').map(Number);
  else if (a === '--database-url') opts.databaseUrl = argv[++i] ?? '';
  else if (a === '--run') opts.run = Number(argv[++i]);
  else if (a === '--build') opts.build = true;
  else if (a === '--phases') opts.phases = argv[++i] ?? '';
  else if (a === '--routes') opts.routes = argv[++i] ?? '';
  else if (a === '--encoding') opts.encoding = argv[++i] ?? '';
  else if (a === '--compression') opts.compression = argv[++i] ?? '';
  else throw new Error(`Unknown option ${a}`);
}
if (!opts.databaseUrl) throw new Error('bench needs DATABASE_URL or --database-url');
if (!['identity', 'gzip', 'br'].includes(opts.encoding))
  throw new Error('--encoding must be identity, gzip or br');
if (!['on', 'off'].includes(opts.compression)) throw new Error('--compression must be on or off');
/** Headers of every API request of the load: the token and the accepted encoding. */
const apiHeaders = (token) => ({
  authorization: `Bearer ${token}`,
  ...(opts.encoding !== 'identity' && { 'accept-encoding': opts.encoding }),
});
const phases = new Set(opts.phases.split(','));
for (const phase of phases) {
  if (!['load', 'fixed', 'export', 'report', 'compress'].includes(phase))
    throw new Error(`--phases: unknown phase ${phase} (load, fixed, export, report, compress)`);
}
if (!(opts.duration > 0 && opts.duration <= 120)) throw new Error('--duration must be 1–120 s');
if (!opts.rates.every((r) => r > 0 && r <= 2000)) throw new Error('--rate must be 1–2000 req/s');
if (!(opts.connections > 0 && opts.connections <= 500))
  throw new Error('--connections must be 1–500');
const out = join(tmpdir(), `stegvis-bench-${new Date().toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(out, { recursive: true });
const log = (line) => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
const bundle = resolve(root, 'dist/backend/main.js');
if (opts.build || !existsSync(bundle)) {
  log('Building the backend …');
  const r = spawnSync('npx', ['nx', 'run', 'backend:build', '--skip-nx-cache'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('build failed');
}

async function startProcess(args, env, readyUrl) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stderrTail = () => stderr.slice(-2000);
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited: ${stderr}`);
    try {
      const r = await fetch(readyUrl);
      if (r.status < 500) return child;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error(`${args.join(' ')} did not start within 60 s: ${stderr}`);
}

function stop(child) {
  return new Promise((ok) => {
    if (child.exitCode !== null) return ok();
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(t);
      ok();
    });
    child.kill('SIGTERM');
  });
}

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14, 15)
}
function memKb(pid, key) {
  const m = new RegExp(`${key}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

async function apiEnv(port, extra = {}) {
  return {
    DATABASE_URL: opts.databaseUrl,
    DEMO: 'false',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    NODE_ENV: 'production',
    COMPRESSION: opts.compression === 'on' ? 'true' : 'false',
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
const db = new pg.Client({ connectionString: opts.databaseUrl });
await db.connect();
const run = opts.run;
const one = async (sql, params = []) => (await db.query(sql, params)).rows[0];
const programme = await one(`SELECT id FROM programmes WHERE name LIKE $1 ORDER BY name LIMIT 1`, [
  `Bench ${run}-0 %`,
]);
if (!programme)
  throw new Error(`No seeded programme "Bench ${run}-0" — run npm run seed:large first`);
const coachEmail = `coach-${run}-0@bench.stegvis.se`;
if (!(await one(`SELECT id FROM users WHERE email = $1`, [coachEmail])))
  throw new Error(`No seeded user ${coachEmail}`);
// A typical participant for the timeline: the median number of attended sessions in programme 0.
const timelineParticipant = await one(
  `SELECT p.id, count(a.*)::int AS sessions FROM participants p JOIN session_attendances a ON a.participant_id = p.id
    WHERE p.programme_id = $1 AND p.reduced_at IS NULL GROUP BY p.id ORDER BY count(a.*), p.id
    OFFSET (SELECT count(*) / 2 FROM participants WHERE programme_id = $1 AND reduced_at IS NULL) LIMIT 1`,
  [programme.id],
);
const plans = (
  await db.query(
    `SELECT ap.participant_id AS id, ap.version FROM action_plans ap JOIN participants p ON p.id = ap.participant_id
      WHERE p.programme_id = $1 AND p.reduced_at IS NULL AND p.erased_at IS NULL ORDER BY ap.participant_id`,
    [programme.id],
  )
).rows;
const placements = (
  await db.query(
    `SELECT pl.id, pl.participant_id FROM placements pl JOIN participants p ON p.id = pl.participant_id
      WHERE p.programme_id = $1 AND pl.status = 'active' AND pl.start_date <= CURRENT_DATE ORDER BY pl.id`,
    [programme.id],
  )
).rows;
const counts = await one(
  `SELECT (SELECT count(*) FROM participants)::int AS participants,
  (SELECT count(*) FROM participants WHERE programme_id = $1)::int AS programme0,
  (SELECT count(*) FROM session_attendances)::int AS attendances, (SELECT count(*) FROM placements)::int AS placements,
  (SELECT count(*) FROM follow_ups)::int AS follow_ups, (SELECT count(*) FROM check_ins)::int AS check_ins,
  current_setting('server_version') AS pg`,
  [programme.id],
);
log(`Data: ${JSON.stringify(counts)}; output in ${out}`);
const year = new Date().getFullYear();
// The report covers the half-year that holds today (reports are for calendar half-years only).
const half =
  new Date().getMonth() < 6
    ? { from: `${year}-01-01`, to: `${year}-06-30` }
    : { from: `${year}-07-01`, to: `${year}-12-31` };
const today = new Date().toISOString().slice(0, 10);
const versions = new Map(plans.map((p) => [p.id, p.version]));
const stepsBody = (n) => ({
  goal: 'Komma närmare arbete',
  steps: [
    { text: 'Arbetsträning', status: 'in_progress', concernsPlacement: true },
    {
      text: `Söka arbete ${n}`,
      status: 'planned',
      dueDate: `${year + 1}-01-15`,
      responsible: 'deltagaren',
    },
  ],
});
const followUpBody = { date: today, mode: 'phone', daysPresent: 4, daysAbsent: 1, wellbeing: 4 };

/** The routes. `api` builds one API request, `base` the baseline's; `pick` spreads writes. */
const ROUTES = [
  { name: 'caseload', user: 'coach', method: 'GET', path: () => `/api/participants?limit=50` },
  {
    name: 'timeline',
    user: 'coach',
    method: 'GET',
    path: () => `/api/participants/${timelineParticipant.id}/timeline?limit=50`,
  },
  { name: 'due', user: 'coach', method: 'GET', path: () => `/api/follow-ups/due` },
  { name: 'planSave', user: 'coach', method: 'PUT', write: 'plan', pool: plans },
  { name: 'followUpCreate', user: 'coach', method: 'POST', write: 'followUp', pool: placements },
  {
    name: 'report',
    user: 'lead',
    method: 'GET',
    maxConnections: 2,
    path: () => `/api/programmes/${programme.id}/report?from=${half.from}&to=${half.to}`,
  },
];
function apiRequest(route, item) {
  if (route.write === 'plan') {
    const v = versions.get(item.id);
    return {
      method: 'PUT',
      path: `/api/participants/${item.id}/action-plan`,
      headers: { 'if-match': String(v) },
      body: stepsBody(v),
    };
  }
  if (route.write === 'followUp') {
    return { method: 'POST', path: `/api/placements/${item.id}/follow-ups`, body: followUpBody };
  }
  return { method: 'GET', path: route.path() };
}
function baseRequest(route, item) {
  if (route.write === 'plan') {
    const v = versions.get(item.id);
    return { method: 'PUT', path: `/${route.name}?pid=${item.id}&v=${v}&v1=${v + 1}` };
  }
  if (route.write === 'followUp')
    return { method: 'POST', path: `/${route.name}?plid=${item.id}&pid=${item.participant_id}` };
  return { method: 'GET', path: `/${route.name}` };
}

async function login(base, email) {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${await r.text()}`);
  return (await r.json()).accessToken;
}
async function call(base, token, req) {
  const r = await fetch(`${base}${req.path}`, {
    method: req.method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(req.body && { 'content-type': 'application/json' }),
      ...req.headers,
    },
    body: req.body ? JSON.stringify(req.body) : undefined,
  });
  const text = await r.text();
  return { status: r.status, text };
}
function afterWrite(route, item, status, text) {
  if (route.write === 'plan' && status === 200) {
    try {
      versions.set(item.id, JSON.parse(text).version ?? versions.get(item.id) + 1);
    } catch {
      versions.set(item.id, versions.get(item.id) + 1);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Phase 1: capture the statements of one request per route.
const captureFile = join(out, 'captured.jsonl');
writeFileSync(captureFile, '');
const capturePort = await freePort();
const captureBase = `http://${HOST}:${capturePort}`;
const capturing = await startProcess(
  ['-r', resolve(root, 'scripts/bench-sql-capture.cjs'), bundle],
  await apiEnv(capturePort, { BENCH_SQL_CAPTURE_FILE: captureFile }),
  `${captureBase}/api/health`,
);
const tokens = {};
const specs = {};
/** The body of each read route's answer, for the compression phase. */
const bodies = {};
const compression = [];
try {
  tokens.coach = await login(captureBase, coachEmail);
  tokens.lead = await login(captureBase, `lead-${run}-0@bench.stegvis.se`);
  for (const route of ROUTES) {
    const item = route.pool?.[route.pool.length - 1];
    await call(captureBase, tokens[route.user], apiRequest(route, item)).then((r) =>
      afterWrite(route, item, r.status, r.text),
    );
    await new Promise((r) => setTimeout(r, 200));
    const before = readFileSync(captureFile, 'utf8').length;
    const req = apiRequest(route, item);
    const expected = route.write === 'plan' ? versions.get(item.id) : null;
    const reply = await call(captureBase, tokens[route.user], req);
    if (reply.status >= 300)
      throw new Error(`${route.name}: ${reply.status} ${reply.text.slice(0, 300)}`);
    afterWrite(route, item, reply.status, reply.text);
    await new Promise((r) => setTimeout(r, 300)); // the audit row is written after the reply
    const statements = readFileSync(captureFile, 'utf8')
      .slice(before)
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((s) => !/^UPDATE sessions SET last_seen_at/.test(s.text));
    // Values that vary per request in the write routes → baseline parameters.
    const subst = [];
    const want =
      route.write === 'plan'
        ? [
            [item.id, 'pid', 'string', null],
            [expected, 'v', 'number', /action_plan/],
            [expected + 1, 'v1', 'number', /action_plan/],
          ]
        : route.write === 'followUp'
          ? [
              [item.id, 'plid', 'string', null],
              [item.participant_id, 'pid', 'string', null],
            ]
          : [];
    statements.forEach((s, stmt) => {
      const visit = (value, path) => {
        if (Array.isArray(value)) return value.forEach((v, i) => visit(v, [...path, i]));
        for (const [v, param, type, only] of want) {
          if (value === v && typeof value === type && (!only || only.test(s.text)))
            subst.push({ stmt, path, param, type });
        }
      };
      visit(s.values, []);
    });
    specs[route.name] = { statements, subst };
    if (!route.write) bodies[route.name] = Buffer.from(reply.text);
    log(`  captured ${route.name}: ${statements.length} statements (${reply.status})`);
  }
} finally {
  await stop(capturing);
}

// Phase 1b (--phases compress): what compressing each read answer costs and saves. The CPU time of
// brotli (quality 4, @fastify/compress's setting) and gzip (zlib's default level) on the real
// answer, by process.cpuUsage over ≥ 300 ms of repetitions (CPU time, so a busy machine slows it
// less than it slows wall time), against the time the saved bytes take on a phone's link.
if (phases.has('compress')) {
  const { brotliCompressSync, gzipSync, constants } = await import('node:zlib');
  const codecs = {
    br: (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
    gzip: (b) => gzipSync(b),
  };
  log('  compression (per answer; link times at 10 Mbit/s (4G) and 2 Mbit/s (weak 3G)):');
  for (const [name, body] of Object.entries(bodies)) {
    for (const [codec, fn] of Object.entries(codecs)) {
      const size = fn(body).length;
      let n = 0;
      const t0 = process.cpuUsage();
      let used = 0;
      while (used < 300_000) {
        fn(body);
        n++;
        const d = process.cpuUsage(t0);
        used = d.user + d.system;
      }
      const cpuMs = used / 1000 / n;
      const savedMs = (mbit) => ((body.length - size) * 8) / (mbit * 1000);
      compression.push({ route: name, codec, bytes: body.length, compressed: size, cpuMs });
      log(
        `    ${name} ${codec}: ${body.length} → ${size} B (${((size / body.length) * 100).toFixed(0)} %), CPU ${cpuMs.toFixed(3)} ms; saves ${savedMs(10).toFixed(1)} ms at 10 Mbit/s, ${savedMs(2).toFixed(1)} ms at 2 Mbit/s`,
      );
    }
  }
}
const specFile = join(out, 'baseline-spec.json');
writeFileSync(specFile, JSON.stringify({ routes: specs }, null, 1));

// Phase 2: EXPLAIN (ANALYZE, BUFFERS) of every captured read statement (2nd run, warm cache),
// a route's statements in one rolled-back transaction, so that its transaction-local settings
// (set_config(…, true): the report's jit and work_mem) apply as they do in the API.
const raw = {};
for (const route of ROUTES) {
  let total = 0;
  let main = { ms: -1 };
  const statements = specs[route.name].statements;
  for (let k = 0; k < 2; k++) {
    total = 0;
    main = { ms: -1 };
    await db.query('BEGIN');
    try {
      for (const [i, s] of statements.entries()) {
        if (/set_config\(/.test(s.text)) {
          await db.query(s.text, s.values);
          continue;
        }
        if (!/^\s*(SELECT|WITH)\b/i.test(s.text) || /FOR UPDATE/i.test(s.text)) continue;
        const plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.values)).rows.map(
          (r) => r['QUERY PLAN'],
        );
        const ms =
          Number(/Execution Time: ([\d.]+)/.exec(plan.join('\n'))?.[1] ?? 0) +
          Number(/Planning Time: ([\d.]+)/.exec(plan.join('\n'))?.[1] ?? 0);
        total += ms;
        if (ms > main.ms) main = { ms, i, plan };
      }
    } finally {
      await db.query('ROLLBACK');
    }
  }
  raw[route.name] = { totalMs: total, mainMs: main.ms, mainIndex: main.i };
  if (main.plan)
    writeFileSync(
      join(out, `explain-${route.name}.txt`),
      `${statements[main.i].text}\n\n${main.plan.join('\n')}\n`,
    );
}

// Phase 3: load, baseline then API, route by route.
const apiPort = await freePort();
const basePort = await freePort();
const apiBase = `http://${HOST}:${apiPort}`;
const baseBase = `http://${HOST}:${basePort}`;
const api = await startProcess([bundle], await apiEnv(apiPort), `${apiBase}/api/health`);
const baseline = await startProcess(
  [resolve(root, 'scripts/bench-baseline.mjs'), specFile, String(basePort)],
  { DATABASE_URL: opts.databaseUrl },
  `${baseBase}/healthz`,
);
tokens.coach = await login(apiBase, coachEmail);
tokens.lead = await login(apiBase, `lead-${run}-0@bench.stegvis.se`);

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function load(target, route, { connections, duration, overallRate }) {
  const isApi = target === 'api';
  const pid = isApi ? api.pid : baseline.pid;
  const base = isApi ? apiBase : baseBase;
  let slot = 0;
  const latencies = [];
  const build = (item) => (isApi ? apiRequest(route, item) : baseRequest(route, item));
  const requests = [
    {
      setupRequest: (req, context) => {
        if (context.slot === undefined) {
          context.slot = slot++;
          context.n = 0;
        }
        const pool = route.pool;
        const item = pool ? pool[(context.slot + context.n * connections) % pool.length] : null;
        context.n++;
        context.item = item;
        const r = build(item);
        return {
          ...req,
          method: r.method,
          path: r.path,
          headers: {
            ...(isApi && apiHeaders(tokens[route.user])),
            ...(r.body && { 'content-type': 'application/json' }),
            ...r.headers,
          },
          body: r.body ? JSON.stringify(r.body) : undefined,
        };
      },
      onResponse: (status, body, context) => {
        if (route.pool) {
          if (isApi) afterWrite(route, context.item, status, body);
          else if (route.write === 'plan' && status === 200)
            versions.set(context.item.id, versions.get(context.item.id) + 1);
        }
      },
    },
  ];
  const ticks0 = cpuTicks(pid);
  const result = await new Promise((ok, fail) => {
    const instance = autocannon(
      { url: base, connections, duration, requests, overallRate, timeout: 30, initialContext: {} },
      (err, res) => (err ? fail(err) : ok(res)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    );
  });
  const ticks1 = cpuTicks(pid);
  latencies.sort((a, b) => a - b);
  const ok2xx = result['2xx'];
  return {
    target,
    route: route.name,
    connections,
    requests: result.requests.total,
    ok: ok2xx,
    non2xx: result.non2xx + result.errors + result.timeouts,
    rps: ok2xx / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    cpuMsPerReq: ok2xx > 0 ? ((ticks1 - ticks0) * 1000) / CLK_TCK / ok2xx : NaN,
    // Bytes on the wire per answer (headers included), as the client received them.
    bytesPerReq: result.requests.total > 0 ? result.throughput.total / result.requests.total : NaN,
  };
}

/**
 * Waits until both servers and the database are idle: a run that ends with requests in flight
 * (autocannon stops counting at the end of --duration, the servers go on answering) must not
 * eat into the next run. Idle = under 3 ticks of CPU in 0.5 s and no other active statement.
 */
async function quiesce() {
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    const before = [api.pid, baseline.pid].map(cpuTicks);
    await new Promise((r) => setTimeout(r, 500));
    const busy = [api.pid, baseline.pid].some((pid, i) => cpuTicks(pid) - before[i] >= 3);
    const { active } = await one(
      `SELECT count(*)::int AS active FROM pg_stat_activity
        WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()`,
    );
    if (!busy && active === 0) return;
  }
  log('  (servers still busy after 180 s; going on)');
}

/** The stored plan versions: requests cut off at the end of a run may have saved a plan. */
async function refreshVersions() {
  const stored = await db.query(
    `SELECT participant_id AS id, version FROM action_plans WHERE participant_id = ANY($1::uuid[])`,
    [plans.map((p) => p.id)],
  );
  for (const row of stored.rows) versions.set(row.id, row.version);
}

async function measured(target, route, options) {
  await quiesce();
  if (route.write === 'plan') await refreshVersions();
  return load(target, route, options);
}

async function openLoop(target, route, rate, duration) {
  const isApi = target === 'api';
  const pid = isApi ? api.pid : baseline.pid;
  const { hostname, port } = new URL(isApi ? apiBase : baseBase);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(rate * duration);
  const latencies = [];
  let ok = 0;
  let non2xx = 0;
  const send = (scheduled) =>
    new Promise((done) => {
      const r = isApi ? apiRequest(route) : baseRequest(route);
      const req = httpRequest(
        {
          hostname,
          port,
          path: r.path,
          method: r.method,
          agent,
          headers: isApi ? apiHeaders(tokens[route.user]) : {},
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - scheduled);
            if (res.statusCode >= 200 && res.statusCode < 300) ok++;
            else non2xx++;
            done();
          });
        },
      );
      req.on('error', () => {
        non2xx++;
        done();
      });
      req.end();
    });
  const ticks0 = cpuTicks(pid);
  const t0 = performance.now();
  const inflight = [];
  for (let i = 0; i < total; i++) {
    const scheduled = t0 + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(send(scheduled));
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - t0) / 1000;
  const ticks1 = cpuTicks(pid);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    target,
    route: route.name,
    rate,
    requests: total,
    ok,
    non2xx,
    rps: ok / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    cpuMsPerReq: ok > 0 ? ((ticks1 - ticks0) * 1000) / CLK_TCK / ok : NaN,
  };
}

const rows = [];
const fixed = [];
try {
  const only = new Set(opts.routes.split(',').filter(Boolean));
  for (const route of phases.has('load')
    ? ROUTES.filter((r) => !only.size || only.has(r.name))
    : []) {
    const connections = Math.min(
      opts.connections,
      route.maxConnections ?? opts.connections,
      route.pool ? route.pool.length : Infinity,
    );
    // A short warm-up of both, then the measured runs.
    await measured('baseline', route, { connections, duration: 1 });
    await measured('api', route, { connections, duration: 1 });
    const b = await measured('baseline', route, { connections, duration: opts.duration });
    const a = await measured('api', route, { connections, duration: opts.duration });
    rows.push({ route: route.name, connections, api: a, baseline: b, raw: raw[route.name] });
    log(
      `  ${route.name}: api ${a.rps.toFixed(0)} req/s (non-2xx ${a.non2xx}), baseline ${b.rps.toFixed(0)} req/s (non-2xx ${b.non2xx}) → ${(a.rps / b.rps).toFixed(2)}×; CPU/req ${a.cpuMsPerReq.toFixed(2)} vs ${b.cpuMsPerReq.toFixed(2)} ms; ${a.bytesPerReq.toFixed(0)} B/answer (${opts.encoding})`,
    );
  }
  // Phase 4: fixed offered load, open loop: request i is sent at t0 + i / rate whatever the
  // replies do (autocannon's overallRate fires every connection's share at once, bursts of
  // --connections requests, which measures its own queue). Latency counts from the scheduled send
  // time, so a server that falls behind is charged for the wait (no coordinated omission).
  for (const name of phases.has('fixed') ? ['caseload', 'timeline'] : []) {
    const route = ROUTES.find((r) => r.name === name);
    for (const rate of opts.rates) {
      for (const target of ['baseline', 'api']) {
        await quiesce();
        const r = await openLoop(target, route, rate, opts.duration);
        fixed.push(r);
        log(
          `  ${name} at ${rate} req/s (${target}): p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, achieved ${r.rps.toFixed(0)} req/s, non-2xx ${r.non2xx}, CPU ${r.cpuMsPerReq.toFixed(2)} ms/req`,
        );
      }
    }
  }
  const peakRssMb = memKb(api.pid, 'VmHWM') / 1024;

  // Phase 5: the anonymised export (rate-limited to 10 per user per 10 min: a few sequential
  // calls by extra leads). Peak RSS: reset with /proc/<pid>/clear_refs (5), read VmHWM after.
  const exports = [];
  const sizes = !phases.has('export')
    ? []
    : (
        await db.query(
          `SELECT pr.id, pr.name, count(p.*)::int AS n FROM programmes pr JOIN participants p ON p.programme_id = pr.id
        WHERE pr.name LIKE $1 GROUP BY pr.id ORDER BY n DESC`,
          [`Bench ${run}-%`],
        )
      ).rows;
  const picks = [
    ...new Map(
      [sizes[0], sizes[Math.floor(sizes.length / 2)], sizes[sizes.length - 1]]
        .filter(Boolean)
        .map((p) => [p.id, p]),
    ).values(),
  ];
  for (const [x, prog] of picks.entries()) {
    await quiesce();
    const token = await login(
      apiBase,
      x === 0
        ? `lead-${run}-0-1@bench.stegvis.se`
        : `lead-${run}-${prog.name.split(' ')[1].split('-')[1]}@bench.stegvis.se`,
    );
    const times = [];
    let bytes = 0;
    let lines = 0;
    let peakDelta = 0;
    for (let k = 0; k < 3; k++) {
      await new Promise((r) => setTimeout(r, 300));
      const idle = memKb(api.pid, 'VmRSS');
      writeFileSync(`/proc/${api.pid}/clear_refs`, '5');
      const t0 = performance.now();
      const r = await fetch(`${apiBase}/api/programmes/${prog.id}/export?format=csv`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = await r.arrayBuffer();
      times.push(performance.now() - t0);
      if (r.status !== 200) throw new Error(`export ${r.status}`);
      bytes = body.byteLength;
      lines = Buffer.from(body).toString('utf8').trimEnd().split('\n').length - 1;
      peakDelta = Math.max(peakDelta, memKb(api.pid, 'VmHWM') - idle);
    }
    times.sort((a, b) => a - b);
    exports.push({
      programme: prog.name,
      participants: prog.n,
      rows: lines,
      bytes,
      medianMs: times[1],
      peakRssDeltaMb: peakDelta / 1024,
    });
    log(
      `  export ${prog.name} (${prog.n} participants, ${lines} rows): ${times[1].toFixed(0)} ms, ${bytes} bytes, peak RSS +${(peakDelta / 1024).toFixed(1)} MB`,
    );
  }
  // Report latency, sequential (c = 1), against its raw SQL.
  const reportRoute = ROUTES.find((r) => r.name === 'report');
  const seq = [];
  if (phases.has('report')) await quiesce();
  for (let k = 0; k < (phases.has('report') ? 5 : 0); k++) {
    const t0 = performance.now();
    const r = await call(apiBase, tokens.lead, apiRequest(reportRoute));
    if (r.status !== 200) throw new Error(`report ${r.status}`);
    seq.push(performance.now() - t0);
  }
  seq.sort((a, b) => a - b);
  const reportSequentialMs = seq[2] ?? NaN;
  if (phases.has('report'))
    log(
      `  report sequential median ${reportSequentialMs.toFixed(0)} ms; raw SQL ${raw.report.totalMs.toFixed(0)} ms`,
    );

  // The table.
  const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
  const lines = [
    `| route | conns | API req/s | baseline req/s | ratio | API p50/p95/p99 ms | baseline p50/p95/p99 ms | API CPU ms/req | baseline CPU ms/req | CPU ratio | statements | raw SQL ms (main / all) |`,
    `|---|---|---|---|---|---|---|---|---|---|---|---|`,
    ...rows.map(
      (r) =>
        `| ${r.route} | ${r.connections} | ${f(r.api.rps, 0)} | ${f(r.baseline.rps, 0)} | ${f(r.api.rps / r.baseline.rps, 2)}× | ${f(r.api.p50, 0)}/${f(r.api.p95, 0)}/${f(r.api.p99, 0)} | ${f(r.baseline.p50, 0)}/${f(r.baseline.p95, 0)}/${f(r.baseline.p99, 0)} | ${f(r.api.cpuMsPerReq, 2)} | ${f(r.baseline.cpuMsPerReq, 2)} | ${f(r.api.cpuMsPerReq / r.baseline.cpuMsPerReq, 2)}× | ${specs[r.route].statements.length} | ${f(r.raw.mainMs, 2)} / ${f(r.raw.totalMs, 2)} |`,
    ),
  ];
  const summary = {
    date: new Date().toISOString(),
    opts: { ...opts, databaseUrl: undefined },
    counts,
    rows,
    fixed,
    peakRssMb,
    compression,
    exports,
    reportSequentialMs,
    raw,
  };
  writeFileSync(join(out, 'results.json'), JSON.stringify(summary, null, 1));
  log('');
  log(lines.join('\n'));
  log('');
  log(
    `Fixed load: ${fixed.map((r) => `${r.route}@${r.rate}/${r.target} p95 ${f(r.p95)} ms (achieved ${f(r.rps, 0)} req/s)`).join('; ')}`,
  );
  log(`API peak RSS ${f(peakRssMb)} MB. Plans and statements: ${out}`);
} finally {
  if (baseline.stderrTail()) log(`baseline stderr (tail):\n${baseline.stderrTail()}`);
  if (api.stderrTail()) log(`API stderr (tail):\n${api.stderrTail()}`);
  await stop(api);
  await stop(baseline);
  await db.end();
}
