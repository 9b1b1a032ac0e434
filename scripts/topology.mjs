// npm run topology: the production topology of docs/deploy.md, started on loopback addresses and
// tested end to end, then torn down. Debian's nginx terminates TLS (a self-signed certificate made
// here) in front of two API instances on one PostgreSQL 15 primary, with a streaming standby made
// by pg_basebackup that reports and exports read from (DATABASE_REPLICA_URL). It runs the role
// journeys over HTTPS through the proxy, shows a lagging replica saying how old its data is, then
// loads the proxy with concurrent clients and SIGKILLs one instance mid-run: every failed request
// must have been in flight at the killed instance. Exits 1 on any failed check.
//
// Needs: Linux, PostgreSQL 15's server binaries (PG_BIN, default /usr/lib/postgresql/15/bin),
// nginx and openssl (installed with apt-get when missing and run as root). As root, PostgreSQL
// runs as the `postgres` user (it refuses root). Nothing outside a temporary folder is touched.
//
// Settings (environment): TOPOLOGY_LOAD_SECONDS (20), TOPOLOGY_CLIENTS (8), TOPOLOGY_KEEP=1 keeps
// the folder (logs) after the run, TOPOLOGY_PORTS="55432,55433,3101,3102,8443" (primary, replica,
// two instances, proxy).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { build, ensureDependencies, root } from './lib.mjs';

const began = performance.now();
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const LOAD_SECONDS = Number(process.env.TOPOLOGY_LOAD_SECONDS ?? 20);
const CLIENTS = Number(process.env.TOPOLOGY_CLIENTS ?? 8);
const KEEP = process.env.TOPOLOGY_KEEP === '1';
const [PRIMARY_PORT, REPLICA_PORT, API_A, API_B, PROXY_PORT] = (
  process.env.TOPOLOGY_PORTS ?? '55432,55433,3101,3102,8443'
)
  .split(',')
  .map(Number);
const HOST = '127.0.0.1'; // loopback only, everywhere
const PASSWORD = 'stegvis-demo';
const RUN = randomUUID().slice(0, 8);
const isRoot = process.getuid?.() === 0;

// ---------------------------------------------------------------------------------------------
// Checks and figures

const checks = [];
function check(name, ok, detail = '') {
  checks.push({ name, ok: Boolean(ok), detail });
  console.log(`${ok ? '  ok  ' : '  FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}
const step = (text) =>
  console.log(`\n=== ${text} (${((performance.now() - began) / 1000).toFixed(1)} s)`);

// ---------------------------------------------------------------------------------------------
// Processes and teardown

const dir = mkdtempSync(join(tmpdir(), 'stegvis-topology-'));
chmodSync(dir, 0o755); // the postgres user walks through it
const pgDir = join(dir, 'pg');
const children = new Set();
const clusters = []; // data directories started with pg_ctl
let tornDown = false;

function asPostgres(command, args) {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function runPg(command, args, options = {}) {
  const [cmd, argv] = asPostgres(join(PG_BIN, command), args);
  const result = spawnSync(cmd, argv, { encoding: 'utf8', cwd: dir, ...options });
  if (result.status !== 0 && !options.allowFailure) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

function startChild(name, command, args, env = {}) {
  const log = openSync(join(dir, `${name}.log`), 'a');
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  child.name = name;
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Stops everything this script started; synchronous, so that it also works in 'exit'. */
function teardown() {
  if (tornDown) return;
  tornDown = true;
  for (const child of children) child.kill('SIGKILL');
  for (const data of clusters.reverse()) {
    runPg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop'], { allowFailure: true });
  }
  if (KEEP) console.log(`Kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
process.on('exit', teardown);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\n${signal}: tearing down`);
    teardown();
    process.exit(130);
  });
}

function tail(name, lines = 30) {
  const path = join(dir, `${name}.log`);
  if (!existsSync(path)) return '';
  return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------
// HTTP(S) client: node:https with the test's certificate as the only CA

let tlsAgent;
const plainAgent = new http.Agent({ keepAlive: true });
const proxyBase = `https://${HOST}:${PROXY_PORT}`;

function request(method, path, options = {}) {
  const { token, body, headers = {}, base = proxyBase, timeoutMs = 30000 } = options;
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const started = performance.now();
  const record = { method, path, started, ended: null, status: 0, upstream: '', error: null };
  const promise = new Promise((resolve) => {
    const finish = (extra) => {
      record.ended = performance.now();
      record.ms = record.ended - started;
      Object.assign(record, extra);
      resolve(record);
    };
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method,
        agent: url.protocol === 'https:' ? tlsAgent : plainAgent,
        timeout: timeoutMs,
        headers: {
          ...(payload && { 'content-type': 'application/json', 'content-length': payload.length }),
          ...(token && { authorization: `Bearer ${token}` }),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('error', (error) => finish({ status: 0, error: error.message }));
        res.on('end', () =>
          finish({
            status: res.statusCode,
            headers: res.headers,
            upstream: String(res.headers['x-upstream'] ?? ''),
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', (error) => finish({ status: 0, error: error.message, headers: {} }));
    req.end(payload);
  });
  record.promise = promise;
  return record;
}

const json = (reply) => JSON.parse(reply.body.toString('utf8'));

async function waitFor(what, probe, seconds = 60) {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`${what} did not come up within ${seconds} s`);
    await sleep(250);
  }
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

function psql(port, sql, database = 'stegvis') {
  const result = spawnSync(
    join(PG_BIN, 'psql'),
    ['-h', HOST, '-p', String(port), '-U', 'postgres', '-d', database, '-tAX', '-c', sql],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`psql on ${port}: ${sql}\n${result.stderr}`);
  return result.stdout.trim();
}

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// ---------------------------------------------------------------------------------------------
// 1. Tools

function ensureTools() {
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync);
  const openssl = ['/usr/bin/openssl'].find(existsSync);
  if ((!nginx || !openssl) && isRoot) {
    console.log('Installing nginx and openssl with apt-get…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync(
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', 'nginx', 'openssl'],
      { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } },
    );
    return ensureTools();
  }
  if (!nginx || !openssl) throw new Error('nginx and openssl are needed (apt-get install nginx)');
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(
      `PostgreSQL 15 server binaries not found in ${PG_BIN} (apt-get install postgresql-15)`,
    );
  }
  return { nginx };
}

// ---------------------------------------------------------------------------------------------
// 2. Certificate, 3. PostgreSQL primary and standby, 4. API instances, 5. nginx

function makeCertificate() {
  const cert = join(dir, 'tls', 'cert.pem');
  const key = join(dir, 'tls', 'key.pem');
  mkdirSync(join(dir, 'tls'), { mode: 0o700 });
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-days',
      '2',
      '-subj',
      '/CN=stegvis-topology',
      '-addext',
      `subjectAltName=IP:${HOST},DNS:localhost`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

function startCluster(data, port) {
  runPg('pg_ctl', [
    '-D',
    data,
    '-l',
    join(pgDir, `postgres-${port}.log`),
    '-w',
    '-t',
    '60',
    'start',
  ]);
  clusters.push(data);
}

function makeDatabases() {
  mkdirSync(join(pgDir, 'sock'), { recursive: true });
  if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', pgDir]);
  const primary = join(pgDir, 'primary');
  const replica = join(pgDir, 'replica');
  runPg('initdb', [
    '-D',
    primary,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  const common = [
    `listen_addresses = '${HOST}'`,
    `unix_socket_directories = '${join(pgDir, 'sock')}'`,
    'max_connections = 80',
    'shared_buffers = 64MB',
  ];
  writeFileSync(
    join(primary, 'postgresql.conf'),
    [
      readFileSync(join(primary, 'postgresql.conf'), 'utf8'),
      '# npm run topology',
      ...common,
      `port = ${PRIMARY_PORT}`,
      'wal_level = replica',
      'max_wal_senders = 4',
      'max_replication_slots = 4',
      'hot_standby = on',
      '',
    ].join('\n'),
  );
  // Loopback only: the app and the standby's replication connection.
  writeFileSync(
    join(primary, 'pg_hba.conf'),
    [
      'local all all trust',
      `host all all ${HOST}/32 trust`,
      `host replication all ${HOST}/32 trust`,
      '',
    ].join('\n'),
  );
  startCluster(primary, PRIMARY_PORT);
  psql(PRIMARY_PORT, 'CREATE DATABASE stegvis', 'postgres');
  // A streaming standby: a base backup with -R (standby.signal + primary_conninfo) and a slot,
  // so that the primary keeps the WAL a lagging standby still needs.
  runPg('pg_basebackup', [
    '-h',
    HOST,
    '-p',
    String(PRIMARY_PORT),
    '-U',
    'postgres',
    '-D',
    replica,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
    '-C',
    '-S',
    'stegvis_replica',
  ]);
  writeFileSync(
    join(replica, 'postgresql.conf'),
    `${readFileSync(join(replica, 'postgresql.conf'), 'utf8')}\n# the standby\nport = ${REPLICA_PORT}\n`,
  );
  startCluster(replica, REPLICA_PORT);
  return {
    primaryUrl: `postgres://postgres@${HOST}:${PRIMARY_PORT}/stegvis`,
    replicaUrl: `postgres://postgres@${HOST}:${REPLICA_PORT}/stegvis`,
  };
}

function nginxConfig({ cert, key }) {
  const n = join(dir, 'nginx');
  for (const sub of ['', 'tmp']) mkdirSync(join(n, sub), { recursive: true });
  // The proxy of docs/deploy.md, with paths in the temporary folder.
  const conf = `# npm run topology — docs/deploy.md shows the same proxy with the usual paths
worker_processes 1;
daemon off;
pid ${n}/nginx.pid;
error_log ${n}/error.log warn;
events { worker_connections 1024; }
http {
  log_format upstream '$remote_addr "$request" $status up=$upstream_addr upstatus=$upstream_status rt=$request_time';
  access_log ${n}/access.log upstream;
  client_body_temp_path ${n}/tmp/body;
  proxy_temp_path ${n}/tmp/proxy;
  fastcgi_temp_path ${n}/tmp/fastcgi;
  uwsgi_temp_path ${n}/tmp/uwsgi;
  scgi_temp_path ${n}/tmp/scgi;
  server_tokens off;

  upstream stegvis {
    # A failed instance is left alone for 10 s, then tried again.
    server ${HOST}:${API_A} max_fails=1 fail_timeout=10s;
    server ${HOST}:${API_B} max_fails=1 fail_timeout=10s;
  }

  server {
    listen ${HOST}:${PROXY_PORT} ssl http2;
    ssl_certificate ${cert};
    ssl_certificate_key ${key};
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:SSL:1m;
    # BODY_LIMIT_BYTES (1 MB) plus room for the participant import's spreadsheets.
    client_max_body_size 12m;

    location / {
      proxy_pass http://stegvis;
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      # The proxy is the edge: it sets the client's address (a client's own header is dropped).
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Forwarded-Host $host:$server_port;
      # An instance that refuses or drops the connection: try the other one. nginx never resends
      # a POST/PUT/PATCH that reached an instance (no non_idempotent), so writes are not doubled.
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
      # Which instance answered (for the test; harmless to keep).
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
  writeFileSync(join(n, 'nginx.conf'), conf);
  return n;
}

function apiEnv(port, urls, extra = {}) {
  return {
    NODE_ENV: 'production',
    HOST,
    PORT: String(port),
    DATABASE_URL: urls.primaryUrl,
    DATABASE_REPLICA_URL: urls.replicaUrl,
    // Only nginx, on this address, is believed about the client's address and protocol.
    TRUST_PROXY: HOST,
    COOKIE_SECURE: 'true',
    PUBLIC_URL: proxyBase,
    STATIC_DIR: join(root, 'dist', 'frontend', 'browser'),
    MFA_ENCRYPTION_KEY: mfaKey,
    DB_POOL_SIZE: '10',
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_SECONDS: '10',
    DEMO: 'false',
    ...extra,
  };
}
const mfaKey = randomBytes(32).toString('base64');

async function startInstance(port, urls, extra) {
  const child = startChild(
    `api-${port}`,
    process.execPath,
    [join(root, 'dist', 'backend', 'main.js')],
    apiEnv(port, urls, extra),
  );
  await waitFor(
    `API instance on ${port}`,
    async () => {
      if (child.exitCode !== null)
        throw new Error(`API instance on ${port} exited:\n${tail(`api-${port}`)}`);
      const reply = await request('GET', '/api/health', { base: `http://${HOST}:${port}` }).promise;
      return reply.status === 200;
    },
    120,
  ).catch((error) => {
    throw new Error(`${error.message}\n${tail(`api-${port}`)}`);
  });
  return child;
}

// ---------------------------------------------------------------------------------------------
// The journeys

async function login(email, headers = {}) {
  const reply = await request('POST', '/api/auth/login', {
    body: { email, password: PASSWORD },
    headers,
  }).promise;
  if (reply.status !== 200)
    throw new Error(`login ${email}: ${reply.status} ${reply.body?.toString()}`);
  return { token: json(reply).accessToken, reply };
}

const ok = (reply, status = 200) => reply.status === status;

function sessionBody(participantId, note) {
  return {
    at: new Date().toISOString(),
    durationMinutes: 30,
    kind: 'individual_coaching',
    mode: 'digital',
    participants: [{ participantId, attendance: 'attended' }],
    notes: note,
  };
}

function planBody(plan) {
  return {
    goal: plan.goal || 'Ett arbete inom handeln',
    steps: plan.steps.map((s) => ({
      id: s.id,
      text: s.text,
      status: s.status,
      dueDate: s.dueDate ?? null,
      responsible: s.responsible ?? null,
      concernsPlacement: s.concernsPlacement ?? false,
    })),
  };
}

function halfYear(today = new Date()) {
  const y = today.getUTCFullYear();
  return today.getUTCMonth() < 6 ? [`${y}-01-01`, `${y}-06-30`] : [`${y}-07-01`, `${y}-12-31`];
}

function sessionTotal(report) {
  const row = report.tables.find((t) => t.key === 'sessions_by_kind')?.rows.at(-1);
  return row?.[1];
}

// ---------------------------------------------------------------------------------------------

async function main() {
  for (const port of [PRIMARY_PORT, REPLICA_PORT, API_A, API_B, PROXY_PORT]) {
    if (!(await portFree(port))) throw new Error(`port ${HOST}:${port} is taken (TOPOLOGY_PORTS)`);
  }
  step('Tools: nginx, openssl, PostgreSQL 15');
  const { nginx } = ensureTools();
  console.log(`nginx ${nginx}, PostgreSQL ${PG_BIN}, folder ${dir}`);

  step('Build (as npm start does)');
  ensureDependencies();
  build();

  step('Self-signed certificate');
  const tls = makeCertificate();
  const ca = readFileSync(tls.cert);
  tlsAgent = new https.Agent({ ca, keepAlive: true, maxSockets: 256 });

  step(
    `PostgreSQL primary on ${HOST}:${PRIMARY_PORT}, streaming standby on ${HOST}:${REPLICA_PORT}`,
  );
  const urls = makeDatabases();
  check(
    'the standby is in recovery (read-only)',
    psql(REPLICA_PORT, 'SELECT pg_is_in_recovery()') === 't',
  );
  check(
    'the primary streams to it',
    psql(
      PRIMARY_PORT,
      "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'",
      'postgres',
    ) === '1',
  );

  step('Migrate (npm run migrate, as on deploy), then two API instances');
  const migrate = spawnSync(
    process.execPath,
    [join(root, 'dist', 'backend', 'main.js'), 'migrate'],
    {
      cwd: root,
      env: { ...process.env, ...apiEnv(API_A, urls) },
      encoding: 'utf8',
    },
  );
  check(
    'migrations applied on the primary',
    migrate.status === 0,
    migrate.stderr.trim().slice(0, 300),
  );
  // The demo data is seeded by the first instance (DEMO=true seeds an empty database).
  const instances = new Map();
  instances.set(API_A, await startInstance(API_A, urls, { DEMO: 'true' }));
  instances.set(API_B, await startInstance(API_B, urls));
  console.log(`instances on ${HOST}:${API_A} and ${HOST}:${API_B}`);

  step(`nginx with TLS on ${proxyBase}`);
  const nginxDir = nginxConfig(tls);
  const proxy = startChild('nginx', nginx, [
    '-p',
    `${nginxDir}/`,
    '-c',
    join(nginxDir, 'nginx.conf'),
    '-e',
    join(nginxDir, 'error.log'),
  ]);
  await waitFor(
    'nginx',
    async () => {
      if (proxy.exitCode !== null)
        throw new Error(
          `nginx exited: ${tail('nginx')}\n${readFileSync(join(nginxDir, 'error.log'), 'utf8')}`,
        );
      return ok(await request('GET', '/api/health').promise);
    },
    30,
  );

  // -------------------------------------------------------------------------------------------
  step('HTTPS only at the proxy: HSTS, upgrade-insecure-requests, Secure cookies');
  const health = await request('GET', '/api/health').promise;
  check('GET /api/health over HTTPS through nginx', ok(health), `served by ${health.upstream}`);
  check(
    'HSTS over HTTPS',
    /max-age=\d+/.test(health.headers['strict-transport-security'] ?? ''),
    health.headers['strict-transport-security'],
  );
  const page = await request('GET', '/', { headers: { accept: 'text/html' } }).promise;
  check('the web app over HTTPS', ok(page) && page.body.toString().includes('<sv-root'));
  check(
    'CSP upgrade-insecure-requests over HTTPS',
    (page.headers['content-security-policy'] ?? '').includes('upgrade-insecure-requests'),
  );
  for (const port of [API_A, API_B]) {
    const direct = await request('GET', '/api/health', { base: `http://${HOST}:${port}` }).promise;
    check(
      `plain HTTP straight to ${HOST}:${port}: no HSTS, no upgrade-insecure-requests`,
      ok(direct) &&
        direct.headers['strict-transport-security'] === undefined &&
        !(direct.headers['content-security-policy'] ?? '').includes('upgrade-insecure-requests'),
    );
  }
  // A client's own X-Forwarded-For is replaced by nginx: the audit log has the real address.
  const coach = await login('coach@demo.stegvis.se', { 'x-forwarded-for': '203.0.113.9' });
  const cookies = [coach.reply.headers['set-cookie'] ?? []].flat();
  check(
    'login cookies are Secure (and the session cookie HttpOnly)',
    cookies.length >= 2 &&
      cookies.every((c) => /;\s*Secure/i.test(c)) &&
      cookies.some((c) => /;\s*HttpOnly/i.test(c)),
    cookies
      .map((c) =>
        c
          .split(';')
          .slice(1)
          .map((a) => a.trim())
          .join('; '),
      )
      .join(' | '),
  );
  const loginIp = psql(
    PRIMARY_PORT,
    `SELECT ip FROM audit_log WHERE request_id = '${coach.reply.headers['x-request-id']}' LIMIT 1`,
  );
  check(
    'TRUST_PROXY: the client address is the one nginx saw, not a forged header',
    loginIp === HOST,
    `audit ip ${loginIp || '(none)'}`,
  );

  // -------------------------------------------------------------------------------------------
  step('Role journeys over HTTPS');
  const caseload = await request('GET', '/api/participants?limit=50', { token: coach.token })
    .promise;
  check(
    'coach: caseload',
    ok(caseload),
    `${ok(caseload) ? json(caseload).items.length : caseload.status} participants`,
  );
  const people = ok(caseload)
    ? json(caseload).items.filter((p) => !p.reduced && p.status !== 'exited')
    : [];
  const person = people[0];
  if (!person) throw new Error('the demo coach has no active participant');
  const timeline = await request('GET', `/api/participants/${person.id}/timeline?limit=20`, {
    token: coach.token,
  }).promise;
  check(
    'coach: timeline',
    ok(timeline),
    `${ok(timeline) ? json(timeline).items.length : timeline.status} events`,
  );
  const planGet = await request('GET', `/api/participants/${person.id}/action-plan`, {
    token: coach.token,
  }).promise;
  const plan = json(planGet);
  const planPut = await request('PUT', `/api/participants/${person.id}/action-plan`, {
    token: coach.token,
    headers: { 'if-match': planGet.headers.etag ?? `"${plan.version}"` },
    body: planBody({ ...plan, goal: `${plan.goal || 'Mål'} (topology ${RUN})` }),
  }).promise;
  check(
    'coach: plan saved with If-Match',
    ok(planPut),
    `version ${plan.version} → ${ok(planPut) ? json(planPut).version : planPut.status}`,
  );
  const stale = await request('PUT', `/api/participants/${person.id}/action-plan`, {
    token: coach.token,
    headers: { 'if-match': planGet.headers.etag ?? `"${plan.version}"` },
    body: planBody(plan),
  }).promise;
  check('coach: a stale If-Match is refused with 409', stale.status === 409);
  const key = randomUUID();
  const once = sessionBody(person.id, `topology ${RUN} journey`);
  const sessionA = await request('POST', '/api/coaching-sessions', {
    token: coach.token,
    headers: { 'idempotency-key': key },
    body: once,
  }).promise;
  // The retry a client makes when it did not get the answer (here it may reach the other instance).
  const sessionB = await request('POST', '/api/coaching-sessions', {
    token: coach.token,
    headers: { 'idempotency-key': key },
    body: once,
  }).promise;
  const sessionId = ok(sessionA, 201) ? json(sessionA).id : null;
  check(
    'coach: session logged with an Idempotency-Key; the retry answers the same session',
    ok(sessionA, 201) && ok(sessionB, 201) && json(sessionB).id === sessionId,
    `${sessionA.status} via ${sessionA.upstream}, retry ${sessionB.status} via ${sessionB.upstream} (Idempotent-Replayed: ${sessionB.headers['idempotent-replayed']})`,
  );
  check(
    'the session is on the primary, once',
    psql(
      PRIMARY_PORT,
      `SELECT count(*) FROM coaching_sessions WHERE notes = 'topology ${RUN} journey'`,
    ) === '1',
  );

  const supervisor = await login('supervisor@demo.stegvis.se');
  const due = await request('GET', '/api/follow-ups/due', { token: supervisor.token }).promise;
  const dueItems = ok(due) ? json(due).items : [];
  check('supervisor: due follow-ups', ok(due) && dueItems.length > 0, `${dueItems.length} due`);
  if (dueItems[0]) {
    const followUp = await request(
      'POST',
      `/api/placements/${dueItems[0].placementId}/follow-ups`,
      {
        token: supervisor.token,
        headers: { 'idempotency-key': randomUUID() },
        body: {
          date: new Date().toISOString().slice(0, 10),
          mode: 'visit',
          daysPresent: 5,
          daysAbsent: 0,
          wellbeing: 4,
          notes: `topology ${RUN}`,
        },
      },
    ).promise;
    check('supervisor: follow-up recorded', ok(followUp, 201), `${followUp.status}`);
  }

  const lead = await login('lead@demo.stegvis.se');
  const programmes = json(
    await request('GET', '/api/programmes', { token: lead.token }).promise,
  ).items;
  const programme = programmes[0];
  const [from, to] = halfYear();
  const reportPath = `/api/programmes/${programme.id}/report?from=${from}&to=${to}`;
  // The first reading may fix earlier half-years: that is decided on the primary.
  const first = await request('GET', reportPath, { token: lead.token }).promise;
  check(
    'lead: report JSON',
    ok(first),
    `read from ${ok(first) ? json(first).readFrom : first.status}`,
  );
  await waitForReplay();
  const fromReplica = await request('GET', reportPath, { token: lead.token }).promise;
  const replicaReport = json(fromReplica);
  check(
    'lead: the report is read from the replica and says how old its data is',
    ok(fromReplica) &&
      replicaReport.readFrom === 'replica' &&
      typeof replicaReport.dataAsOf === 'string' &&
      typeof replicaReport.dataAgeSeconds === 'number',
    `readFrom ${replicaReport.readFrom}, dataAsOf ${replicaReport.dataAsOf}, age ${replicaReport.dataAgeSeconds} s`,
  );
  const csv = await request('GET', `${reportPath}&format=csv`, { token: lead.token }).promise;
  const csvText = csv.body.toString('utf8');
  const asOfLine = csvText.trimEnd().split('\n').at(-1);
  check(
    'lead: report CSV from the replica with its "data as of" line',
    ok(csv) &&
      csv.headers['x-stegvis-read-from'] === 'replica' &&
      /^Uppgifterna gäller per,\d{4}-/.test(asOfLine),
    `${csv.headers['x-stegvis-read-from']}; last line: ${asOfLine}`,
  );
  check(
    'the app reads the replica through its own pool (application_name stegvis-reports)',
    Number(
      psql(
        REPLICA_PORT,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'stegvis-reports'",
      ),
    ) > 0 &&
      psql(
        PRIMARY_PORT,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'stegvis-reports'",
      ) === '0',
  );

  step('A lagging replica: replay paused, a session recorded, the report says how old it is');
  const before = sessionTotal(replicaReport);
  psql(REPLICA_PORT, 'SELECT pg_wal_replay_pause()');
  const late = await request('POST', '/api/coaching-sessions', {
    token: coach.token,
    headers: { 'idempotency-key': randomUUID() },
    body: sessionBody(person.id, `topology ${RUN} while paused`),
  }).promise;
  check('a write while the replica is paused succeeds (writes go to the primary)', ok(late, 201));
  await sleep(3000);
  const lagging = json(await request('GET', reportPath, { token: lead.token }).promise);
  check(
    'the paused replica serves the report with its age (≥ 3 s) and without the new session',
    lagging.readFrom === 'replica' &&
      lagging.dataAgeSeconds >= 3 &&
      sessionTotal(lagging) === before,
    `age ${lagging.dataAgeSeconds} s, sessions ${sessionTotal(lagging)} (before ${before})`,
  );
  psql(REPLICA_PORT, 'SELECT pg_wal_replay_resume()');
  await waitForReplay();
  const caughtUp = json(await request('GET', reportPath, { token: lead.token }).promise);
  check(
    'replay resumed: the report has caught up',
    caughtUp.readFrom === 'replica' &&
      caughtUp.dataAgeSeconds < 60 &&
      (typeof before !== 'number' || sessionTotal(caughtUp) === before + 1),
    `age ${caughtUp.dataAgeSeconds} s, sessions ${sessionTotal(caughtUp)}`,
  );

  // -------------------------------------------------------------------------------------------
  step(
    `Load: ${CLIENTS} clients for ${LOAD_SECONDS} s through nginx; one instance SIGKILLed mid-run`,
  );
  const records = [];
  const roles = Array.from({ length: CLIENTS }, (_, i) =>
    i % 4 === 3 ? 'supervisor' : i % 4 === 2 ? 'lead' : 'coach',
  );
  const tokens = { coach: coach.token, supervisor: supervisor.token, lead: lead.token };
  const stopAt = performance.now() + LOAD_SECONDS * 1000;
  const track = (record) => {
    records.push(record);
    return record.promise;
  };
  const note = `topology ${RUN} load`;
  let postsOk = 0;
  let postsTried = 0;
  const loops = roles.map(async (role, i) => {
    const token = tokens[role];
    const mine = people[i % people.length];
    while (performance.now() < stopAt) {
      if (role === 'coach') {
        await track(request('GET', '/api/participants?limit=50', { token }));
        await track(request('GET', `/api/participants/${mine.id}/timeline?limit=20`, { token }));
        postsTried++;
        const post = await track(
          request('POST', '/api/coaching-sessions', {
            token,
            headers: { 'idempotency-key': randomUUID() },
            body: sessionBody(mine.id, note),
          }),
        );
        if (ok(post, 201)) postsOk++;
      } else if (role === 'supervisor') {
        await track(request('GET', '/api/follow-ups/due', { token }));
        await track(request('GET', '/api/participants', { token }));
      } else {
        await track(request('GET', '/api/programmes', { token }));
        await track(request('GET', reportPath, { token }));
      }
    }
  });
  await sleep(LOAD_SECONDS * 400);
  const victimPort = API_B;
  const victimProcess = instances.get(victimPort);
  const killAt = performance.now();
  const exited = new Promise((resolve) =>
    victimProcess.once('exit', () => resolve(performance.now())),
  );
  victimProcess.kill('SIGKILL');
  // Until the process is gone its listening socket still takes connections: a request nginx
  // sent in that moment (a few ms) was in flight at the killed instance too.
  const goneAt = await exited;
  const inFlight = records.filter(
    (r) => r.started < goneAt && (r.ended === null || r.ended > killAt),
  );
  console.log(
    `SIGKILL to the instance on ${HOST}:${victimPort}; gone ${(goneAt - killAt).toFixed(1)} ms later, with ${inFlight.length} requests in flight at the proxy`,
  );
  await Promise.all(loops);
  const loadEnded = performance.now();

  const victim = `${HOST}:${victimPort}`;
  const survivor = `${HOST}:${API_A}`;
  const good = (r) => r.status >= 200 && r.status < 300;
  const failed = records.filter((r) => !good(r));
  const firstUpstream = (r) => r.upstream.split(',')[0].trim();
  const lastUpstream = (r) => r.upstream.split(',').at(-1).trim();
  const inFlightAtVictim = inFlight.filter((r) => firstUpstream(r) === victim);
  const retried = inFlightAtVictim.filter((r) => good(r) && r.upstream.includes(survivor));
  const excused = (r) => inFlight.includes(r) && firstUpstream(r) === victim;
  const unexcused = failed.filter((r) => !excused(r));
  const servedBy = (list) => {
    const counts = {};
    for (const r of list) {
      const last = lastUpstream(r) || '(none)';
      counts[last] = (counts[last] ?? 0) + 1;
    }
    return counts;
  };
  const beforeKill = records.filter((r) => r.started < killAt);
  const afterKill = records.filter((r) => r.started >= goneAt);
  const latency = (list) => {
    const ms = list.map((r) => r.ms);
    return {
      n: ms.length,
      p50: Math.round(percentile(ms, 50)),
      p95: Math.round(percentile(ms, 95)),
    };
  };
  const reportAges = records
    .filter((r) => r.path === reportPath && r.status === 200)
    .map((r) => json(r))
    .filter((r) => r.readFrom === 'replica')
    .map((r) => r.dataAgeSeconds);
  const figures = {
    requests: records.length,
    seconds: Number(((loadEnded - (stopAt - LOAD_SECONDS * 1000)) / 1000).toFixed(1)),
    perSecond: Math.round(records.length / ((loadEnded - (stopAt - LOAD_SECONDS * 1000)) / 1000)),
    failed: failed.length,
    failedDetail: failed.map(
      (r) =>
        `${r.method} ${r.path.split('?')[0]} → ${r.status || r.error} via ${r.upstream || '-'}`,
    ),
    inFlightAtKill: inFlight.length,
    inFlightAtKilledInstance: inFlightAtVictim.length,
    retriedOnTheOther: retried.length,
    latencyMs: {
      all: latency(records),
      reads: latency(records.filter((r) => r.method === 'GET' && r.path !== reportPath)),
      sessionPosts: latency(records.filter((r) => r.method === 'POST')),
      reports: latency(records.filter((r) => r.path === reportPath)),
    },
    servedBeforeKill: servedBy(beforeKill),
    servedAfterKill: servedBy(afterKill),
    reportsFromReplica: reportAges.length,
    replicaAgeSecondsMax: reportAges.length ? Math.max(...reportAges) : null,
    replicaAgeSecondsMedian: reportAges.length ? percentile(reportAges, 50) : null,
    sessionPosts: { tried: postsTried, created: postsOk },
  };
  console.log(JSON.stringify(figures, null, 2));
  check(
    'both instances served before the kill',
    Object.keys(figures.servedBeforeKill).length >= 2,
    JSON.stringify(figures.servedBeforeKill),
  );
  check(
    'after the kill only the survivor answered',
    afterKill.every((r) => lastUpstream(r) === survivor),
    JSON.stringify(figures.servedAfterKill),
  );
  check(
    'no failed request beyond those in flight at the killed instance',
    unexcused.length === 0,
    `${failed.length} failed, ${inFlightAtVictim.length} were in flight at the killed instance` +
      (unexcused.length
        ? `; not excused: ${unexcused.map((r) => `${r.method} ${r.path} ${r.status || r.error} ${r.upstream}`).join('; ')}`
        : ''),
  );
  check('reports during the load came from the replica', reportAges.length > 0);

  step(`The killed instance restarted (as systemd's Restart=on-failure would): back in rotation`);
  instances.set(victimPort, await startInstance(victimPort, urls));
  // nginx leaves a failed server alone for fail_timeout (10 s) after its last failure (during
  // the load it was tried again, and failed, every 10 s), then sends it requests again.
  const rejoin = [];
  const rejoinUntil = performance.now() + 30000;
  while (performance.now() < rejoinUntil && Object.keys(servedBy(rejoin)).length < 2) {
    rejoin.push(await request('GET', '/api/health').promise);
    await sleep(500);
  }
  const rejoinSeconds = ((performance.now() - goneAt) / 1000).toFixed(1);
  check(
    'after the restart both instances answer again',
    rejoin.every((r) => ok(r)) && Object.keys(servedBy(rejoin)).length === 2,
    `${JSON.stringify(servedBy(rejoin))}, ${rejoinSeconds} s after the kill`,
  );

  step('Writes: all on the primary, replayed to the standby');
  await waitForReplay();
  const onPrimary = Number(
    psql(PRIMARY_PORT, `SELECT count(*) FROM coaching_sessions WHERE notes = '${note}'`),
  );
  const onReplica = Number(
    psql(REPLICA_PORT, `SELECT count(*) FROM coaching_sessions WHERE notes = '${note}'`),
  );
  const failedPosts = failed.filter((r) => r.method === 'POST').length;
  check(
    'every created session is on the primary (plus at most the failed in-flight ones, which may have committed)',
    onPrimary >= postsOk && onPrimary <= postsOk + failedPosts,
    `${postsOk} answered 201, ${failedPosts} failed, ${onPrimary} rows`,
  );
  check(
    'the standby has the same rows, and is still a read-only standby',
    onReplica === onPrimary && psql(REPLICA_PORT, 'SELECT pg_is_in_recovery()') === 't',
    `${onReplica} rows`,
  );
  const lagBytes = psql(
    PRIMARY_PORT,
    'SELECT COALESCE(max(pg_wal_lsn_diff(sent_lsn, replay_lsn)), -1) FROM pg_stat_replication',
    'postgres',
  );
  console.log(`replication lag after the run: ${lagBytes} bytes`);

  step('Teardown');
  proxy.kill('SIGQUIT');
  for (const instance of instances.values()) instance.kill('SIGTERM');
  await sleep(500);
  teardown();
  const failedChecks = checks.filter((c) => !c.ok);
  console.log(
    `\n${checks.length - failedChecks.length}/${checks.length} checks passed in ${((performance.now() - began) / 1000).toFixed(1)} s` +
      ` (${new Date().toISOString()}, commit ${gitCommit()})`,
  );
  if (failedChecks.length > 0) {
    for (const c of failedChecks) console.log(`FAILED: ${c.name} ${c.detail}`);
    process.exitCode = 1;
  }

  async function waitForReplay() {
    const target = psql(PRIMARY_PORT, 'SELECT pg_current_wal_lsn()', 'postgres');
    await waitFor(
      'the standby replaying the primary',
      async () =>
        psql(REPLICA_PORT, `SELECT pg_last_wal_replay_lsn() >= '${target}'::pg_lsn`, 'postgres') ===
        't',
      30,
    );
  }
}

function gitCommit() {
  const result = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: root,
    encoding: 'utf8',
  });
  return result.stdout.trim() || 'unknown';
}

main().catch((error) => {
  console.error(`\ntopology: ${error.stack ?? error}`);
  for (const name of [`api-${API_A}`, `api-${API_B}`, 'nginx']) {
    const text = tail(name, 15);
    if (text.trim()) console.error(`--- ${name}.log\n${text}`);
  }
  process.exitCode = 1;
  teardown();
});
