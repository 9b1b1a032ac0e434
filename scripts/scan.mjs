// npm run scan: sqlmap and nikto against the built app, started as `npm start` starts it, on a fresh
// embedded database with demo data, on a free port on 127.0.0.1. A documented script, not part of
// CI: nikto comes from Debian's non-free component (see docs/security.md, "Scanner runs").
//
//   npm run scan [-- --out <dir>] [--minutes <total budget, default 40>] [--no-build]
//
// Every GET route with query parameters (read from the app's own OpenAPI document, so a new route
// is scanned without touching this file) and a few JSON bodies go to sqlmap with the demo users'
// bearer tokens; nikto scans the host anonymously. Raw outputs land in the output folder; the
// summary is printed and saved as summary.json. Exit 1 when sqlmap confirms an injection (or a
// payload made the server answer 5xx), 2 when the scan itself could not run.
import { spawn, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  createWriteStream,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, freePort, root } from './lib.mjs';

const PASSWORD = 'stegvis-demo';
const ROLES = ['coach', 'lead', 'admin', 'supervisor'];
// sqlmap: PostgreSQL payloads plus the generic ones, every technique, level 3 (adds the
// User-Agent and Referer headers as injection points), risk 2 (adds heavy time-based queries).
const SQLMAP_OPTIONS = [
  '--batch',
  '--level=3',
  '--risk=2',
  '--dbms=PostgreSQL',
  '--technique=BEUSTQ',
  '--time-sec=2',
  '--timeout=10',
  '--retries=1',
  '--threads=1',
  '--flush-session',
  '--disable-coloring',
];
const PER_TARGET_SECONDS = 480;

const options = parseArgs(process.argv.slice(2));
const outDir = options.out ?? mkdtempSync(join(tmpdir(), 'stegvis-scan-'));
mkdirSync(join(outDir, 'sqlmap'), { recursive: true });
const deadline = Date.now() + options.minutes * 60_000;

const versions = {
  sqlmap: toolVersion('sqlmap', ['--version'], /^(\S+)/m),
  nikto: toolVersion('nikto', ['-Version'], /Nikto main\s+(\S+)/),
  node: process.version,
};
if (!versions.sqlmap || !versions.nikto) {
  console.error(
    'sqlmap and nikto must be installed: apt-get install sqlmap nikto (nikto needs the non-free component).',
  );
  process.exit(2);
}

if (options.build) build();

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'stegvis-scan-data-'));
const server = startApp();
let runningTool = null;
// Ctrl-C: stop the tool and the app, and remove the temporary database.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    runningTool?.kill('SIGTERM');
    void stopApp().then(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(130);
    });
  });
}
let exitCode = 0;
try {
  await waitForHealth();
  exitCode = await scan();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 2;
} finally {
  await stopApp();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);

async function scan() {
  const started = new Date();
  const sessions = {};
  for (const role of ROLES) sessions[role] = await login(`${role}@demo.stegvis.se`);
  const ids = await demoIds(sessions);
  const openapi = await getJson('/api/docs/openapi.json');
  const targets = [
    ...(await getTargets(openapi, sessions, ids)),
    ...(await bodyTargets(sessions, ids)),
  ];
  console.log(`\n${targets.length} sqlmap targets; raw output in ${outDir}\n`);

  const results = [];
  for (const target of targets) {
    if (Date.now() > deadline - 60_000) {
      results.push({ ...describe(target), status: 'not run (total time limit)' });
      continue;
    }
    results.push(await runSqlmap(target));
    const r = results[results.length - 1];
    console.log(
      `${r.injectable ? 'INJECTABLE' : r.status.padEnd(10)}  ${r.name}  (${r.requests} requests)`,
    );
  }
  const nikto = await runNikto();
  const appErrors = serverErrors();
  const summary = {
    date: started.toISOString(),
    durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
    versions,
    baseUrl,
    sqlmapOptions: SQLMAP_OPTIONS,
    sqlmap: {
      targets: results.length,
      requests: results.reduce((n, r) => n + (r.requests ?? 0), 0),
      injectable: results.filter((r) => r.injectable).length,
      serverErrors: results.reduce((n, r) => n + (r.serverErrors ?? 0), 0),
      results,
    },
    nikto,
    serverErrors: appErrors,
  };
  writeFileSync(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  printSummary(summary);
  const failed =
    summary.sqlmap.injectable > 0 || summary.sqlmap.serverErrors > 0 || appErrors.length > 0;
  const incomplete = results.some((r) => r.status !== 'done');
  return failed ? 1 : incomplete ? 2 : 0;
}

// ---------------------------------------------------------------------------------------------
// Targets

/** Every GET route with query parameters, as the first role whose baseline request succeeds. */
async function getTargets(openapi, sessions, ids) {
  const targets = [];
  const missing = [];
  for (const [path, operations] of Object.entries(openapi.paths)) {
    const parameters = operations.get?.parameters ?? [];
    const query = parameters.filter((p) => p.in === 'query');
    if (query.length === 0) continue;
    let found = false;
    for (const pathIds of pathCandidates(path, ids)) {
      const base = path.replace(/\{(\w+)\}/g, (_, name) => pathIds[name]);
      const roles = [];
      for (const role of ROLES) {
        const params = queryValues(query, ids);
        const ok = await baseline('GET', `${base}?${params}`, sessions[role].token);
        if (!ok) continue;
        // A real cursor, so the baseline is a valid second page rather than a 400.
        if (query.some((p) => p.name === 'cursor')) {
          const first = new URLSearchParams(params);
          first.set('limit', '1');
          const page = await getJson(`${base}?${first}`, sessions[role].token);
          if (page?.nextCursor) params.set('cursor', page.nextCursor);
        }
        roles.push({ role, url: `${baseUrl}${base}?${params}` });
      }
      if (roles.length === 0) continue;
      found = true;
      // The first role that may; the supervisor's scoping SQL as well, when they may too.
      const picked = [roles[0]];
      const supervisor = roles.find((r) => r.role === 'supervisor');
      if (supervisor && supervisor !== roles[0]) picked.push(supervisor);
      for (const { role, url } of picked) {
        targets.push({
          name: `GET ${path} as ${role}`,
          args: ['-u', url, '--headers', `Authorization: Bearer ${sessions[role].token}`],
        });
      }
      break;
    }
    if (!found) missing.push(path);
  }
  if (missing.length) {
    throw new Error(
      `no role got a 2xx baseline for: ${missing.join(', ')} (fix the sample values)`,
    );
  }
  return targets;
}

/** JSON bodies with `*` marking the fields sqlmap injects into. */
async function bodyTargets(sessions, ids) {
  const today = new Date().toISOString().slice(0, 10);
  const list = [
    {
      name: 'POST /api/auth/login (email)',
      method: 'POST',
      path: '/api/auth/login',
      // Every payload is another address and (with the xforwardedfor tamper and TRUST_PROXY)
      // another client IP, so the login throttle does not lock the scan out.
      body: { email: 'nobody@demo.stegvis.se*', password: 'not-the-password' },
      expect: 401,
      extra: ['--ignore-code=401', '--tamper=xforwardedfor'],
    },
    {
      name: 'POST /api/participants',
      role: 'coach',
      method: 'POST',
      path: '/api/participants',
      body: {
        programmeId: ids.programmeId,
        firstName: 'Skanning*',
        lastName: 'Test*',
        gender: 'female',
        birthYear: 1990,
        enrolledAt: today,
        municipality: 'Malmö*',
        consent: { given: true, date: today, formVersion: '2026-1*' },
      },
    },
    {
      name: 'POST /api/coaching-sessions',
      role: 'coach',
      method: 'POST',
      path: '/api/coaching-sessions',
      body: {
        at: new Date().toISOString(),
        durationMinutes: 45,
        kind: 'individual_coaching',
        mode: 'on_site',
        participants: [{ participantId: ids.participantId, attendance: 'attended' }],
        notes: 'Samtal*',
      },
    },
    {
      name: 'POST /api/placements/{id}/follow-ups',
      role: 'supervisor',
      method: 'POST',
      path: `/api/placements/${ids.placementId}/follow-ups`,
      body: {
        date: today,
        mode: 'visit',
        daysPresent: 3,
        daysAbsent: 0,
        wellbeing: 4,
        concern: false,
        notes: 'Uppföljning*',
      },
    },
    {
      name: 'PATCH /api/enterprises/{id}',
      role: 'admin',
      method: 'PATCH',
      path: `/api/enterprises/${ids.enterpriseId}`,
      body: { name: 'Returen Second Hand (demo)*', municipality: 'Malmö*' },
    },
    {
      name: 'PATCH /api/me',
      role: 'lead',
      method: 'PATCH',
      path: '/api/me',
      body: { name: 'Lena Lead (demo)*' },
    },
  ];
  const targets = [];
  for (const t of list) {
    const token = t.role ? sessions[t.role].token : undefined;
    const json = JSON.stringify(t.body);
    const { status, text } = await request(
      t.method,
      t.path,
      token,
      JSON.parse(json.replaceAll('*', '')),
    );
    const wanted = t.expect ?? 'a 2xx';
    if (t.expect ? status !== t.expect : status >= 300) {
      throw new Error(`${t.name}: baseline answered ${status} ${text}, expected ${wanted}`);
    }
    targets.push({
      name: t.role ? `${t.name} as ${t.role}` : t.name,
      args: [
        '-u',
        `${baseUrl}${t.path}`,
        '--method',
        t.method,
        '--data',
        json,
        ...(token ? ['--headers', `Authorization: Bearer ${token}`] : []),
        ...(t.extra ?? []),
      ],
    });
  }
  return targets;
}

/** Ids for the path parameters, most likely to succeed first (records both a coach and a supervisor see). */
function pathCandidates(path, ids) {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (names.length === 0) return [{}];
  const resource = path.split('/')[2];
  const pool =
    {
      participants: ids.participants,
      programmes: [ids.programmeId],
      placements: [ids.placementId],
      users: [ids.userId],
      enterprises: [ids.enterpriseId],
      'coaching-sessions': [ids.coachingSessionId],
    }[resource] ?? [];
  return pool.map((id) => ({ id, version: '1' }));
}

function queryValues(query, ids) {
  const year = new Date().getFullYear();
  const today = new Date().toISOString().slice(0, 10);
  const params = new URLSearchParams();
  for (const { name, schema = {} } of query) {
    const preferred = { format: 'json', role: 'coach', action: 'read', status: 'active' }[name];
    let value;
    if (schema.enum) value = schema.enum.includes(preferred) ? preferred : schema.enum[0];
    else if (schema.type === 'array') value = (schema.items?.enum ?? ['a']).slice(0, 3).join(',');
    // false keeps the list whole (true narrows it): boolean-blind tests need rows to compare.
    else if (schema.type === 'boolean') value = 'false';
    else if (schema.type === 'number' || schema.type === 'integer')
      value = name === 'limit' ? '5' : name === 'to' ? '2' : '1';
    else if (schema.format === 'uuid')
      value =
        {
          programmeId: ids.programmeId,
          participantId: ids.participantId,
          coachId: ids.coachId,
          enterpriseId: ids.enterpriseId,
          userId: ids.coachId,
          entityId: ids.participantId,
        }[name] ?? ids.participantId;
    else if (name === 'from') value = `${year}-01-01`;
    else if (name === 'to') value = today;
    else if (name === 'search') value = 'a';
    else if (name === 'entity') value = 'participant';
    else if (name === 'cursor')
      continue; // filled in from a first page, see getTargets
    else value = 'a';
    params.set(name, value);
  }
  return params;
}

async function demoIds(sessions) {
  const coach = sessions.coach;
  const supervisor = sessions.supervisor;
  const [programmes, participants, supervised, placements, me, sessionsList] = await Promise.all([
    getJson('/api/programmes', coach.token),
    getJson('/api/participants?limit=50', coach.token),
    getJson('/api/participants?limit=50', supervisor.token),
    getJson('/api/placements?limit=50', supervisor.token),
    getJson('/api/me', supervisor.token),
    getJson('/api/coaching-sessions?limit=1', coach.token),
  ]);
  const coachIds = participants.items.map((p) => p.id);
  const both = supervised.items.map((p) => p.id).filter((id) => coachIds.includes(id));
  const ordered = [...new Set([...both, ...coachIds])];
  const placement = placements.items.find((p) => p.status === 'active') ?? placements.items[0];
  return {
    programmeId: programmes.items[0].id,
    participantId: ordered[0],
    participants: ordered.slice(0, 15),
    placementId: placement?.id,
    enterpriseId: me.enterpriseId ?? placement?.enterpriseId,
    coachId: coach.user.id,
    userId: coach.user.id,
    coachingSessionId: sessionsList.items[0]?.id,
  };
}

// ---------------------------------------------------------------------------------------------
// Running the tools

async function runSqlmap(target) {
  const slug = target.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const dir = join(outDir, 'sqlmap', slug);
  mkdirSync(dir, { recursive: true });
  const traffic = join(dir, 'traffic.txt');
  const seconds = Math.min(PER_TARGET_SECONDS, Math.max(30, (deadline - Date.now()) / 1000 - 60));
  const args = [...target.args, ...SQLMAP_OPTIONS, `--output-dir=${dir}`, `-t`, traffic];
  const { code, timedOut } = await runTool('sqlmap', args, join(dir, 'log.txt'), seconds);
  const log = readFileSync(join(dir, 'log.txt'), 'utf8');
  let requests = 0;
  try {
    const text = readFileSync(traffic, 'utf8');
    requests = (text.match(/^HTTP request \[#\d+\]:/gm) ?? []).length;
    // The traffic log is large and repetitive: keep it, compressed.
    writeFileSync(`${traffic}.gz`, gzipSync(text));
    rmSync(traffic);
  } catch {
    // sqlmap wrote no traffic (it could not reach the target)
  }
  const codes = {};
  for (const m of log.matchAll(/^(\d{3}) \([^)]*\) - (\d+) times/gm)) codes[m[1]] = Number(m[2]);
  const injectable =
    /sqlmap identified the following injection point/.test(log) || /\bis vulnerable\b/.test(log);
  const notInjectable = [
    ...log.matchAll(/parameter '([^']+)' does not seem to be injectable/g),
  ].map((m) => m[1]);
  return {
    ...describe(target),
    status: timedOut ? 'time limit' : code === 0 ? 'done' : `sqlmap exit ${code}`,
    requests,
    injectable,
    testedParameters: notInjectable,
    suspected: [...log.matchAll(/(\S+ parameter '[^']+' appears to be '[^']+' injectable)/g)].map(
      (m) => m[1],
    ),
    httpCodes: codes,
    serverErrors: Object.entries(codes)
      .filter(([c]) => c.startsWith('5'))
      .reduce((n, [, count]) => n + count, 0),
    output: dir,
  };
}

async function runNikto() {
  const maxtime = Math.max(60, Math.min(1200, Math.round((deadline - Date.now()) / 1000)));
  const file = join(outDir, 'nikto.txt');
  const log = join(outDir, 'nikto.log');
  const args = ['-h', '127.0.0.1', '-p', String(port), '-maxtime', String(maxtime)];
  args.push('-nointeractive', '-ask', 'no', '-Format', 'txt', '-output', file);
  const { code, timedOut } = await runTool('nikto', args, log, maxtime + 120);
  const text = readFileSync(log, 'utf8');
  // nikto 2.1.5 prints "Host maximum execution time … reached" once during its port check, before
  // it starts the clock (its start_time is still unset); only the same line after "Start Time"
  // means the limit cut the scan short.
  const started = text.indexOf('+ Start Time:');
  const cutShort = started >= 0 && text.indexOf('maximum execution time', started) >= 0;
  const findings = text
    .slice(Math.max(0, started))
    .split('\n')
    .filter(
      (l) => l.startsWith('+ ') && !/^\+ (Start Time|End Time|\d+ host|\d+ items checked)/.test(l),
    )
    .map((l) => l.slice(2).trim());
  const stats =
    /(\d+) (?:items checked|requests): (\d+) error\(s\) and (\d+) item\(s\) reported/.exec(text);
  // Findings about one probed URL (a known-vulnerable script's path) versus about the server.
  const perUrl = findings.filter((f) => /^(OSVDB-\d+: )?\//.test(f));
  return {
    status:
      timedOut || cutShort
        ? 'time limit'
        : code === 0 || code === 1
          ? 'done'
          : `nikto exit ${code}`,
    maxtimeSeconds: maxtime,
    itemsChecked: stats ? Number(stats[1]) : null,
    errors: stats ? Number(stats[2]) : null,
    itemsReported: stats ? Number(stats[3]) : null,
    serverFindings: findings.filter((f) => !perUrl.includes(f)),
    urlFindings: perUrl,
    output: file,
  };
}

/** Every 5xx the app logged ("Unhandled error"), with its method and path. */
function serverErrors() {
  const errors = [];
  for (const line of readFileSync(join(outDir, 'server.log'), 'utf8').split('\n')) {
    if (!line.includes('"Unhandled error"')) continue;
    try {
      const entry = JSON.parse(line);
      errors.push(`${entry.req?.method} ${entry.req?.path}: ${entry.err?.message}`);
    } catch {
      errors.push(line.slice(0, 300));
    }
  }
  return errors;
}

function runTool(command, args, logFile, seconds) {
  return new Promise((resolve) => {
    const out = createWriteStream(logFile);
    out.write(`$ ${command} ${args.map(redactArg).join(' ')}\n\n`);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    runningTool = child;
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, seconds * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      runningTool = null;
      out.end(() => resolve({ code, timedOut }));
    });
  });
}

function redactArg(arg) {
  return /^Authorization: Bearer /.test(arg) ? "'Authorization: Bearer <token>'" : arg;
}

function describe(target) {
  return { name: target.name };
}

function printSummary(summary) {
  const { sqlmap, nikto } = summary;
  const lines = [
    '',
    `Scanner run ${summary.date} (${summary.durationSeconds} s) against ${summary.baseUrl}`,
    `sqlmap ${summary.versions.sqlmap}, nikto ${summary.versions.nikto}, Node.js ${summary.versions.node}`,
    '',
    `sqlmap: ${sqlmap.targets} targets, ${sqlmap.requests} requests, ${sqlmap.injectable} injectable, ${sqlmap.serverErrors} server errors (5xx)`,
  ];
  for (const r of sqlmap.results) {
    const verdict = r.injectable ? 'INJECTABLE' : r.status === 'done' ? 'not injectable' : r.status;
    const codes = Object.entries(r.httpCodes ?? {})
      .map(([c, n]) => `${c}×${n}`)
      .join(' ');
    lines.push(`  ${verdict.padEnd(15)} ${String(r.requests ?? 0).padStart(6)} req  ${r.name}`);
    if (r.testedParameters?.length)
      lines.push(`                  parameters: ${r.testedParameters.join(', ')}`);
    if (codes) lines.push(`                  HTTP errors seen: ${codes}`);
    for (const s of r.suspected ?? []) lines.push(`                  heuristic: ${s}`);
  }
  lines.push(
    '',
    `nikto: ${nikto.status}, ${nikto.itemsChecked ?? '?'} items checked, ${nikto.errors ?? '?'} errors, ${nikto.itemsReported ?? '?'} items reported`,
    '  about the server:',
    ...nikto.serverFindings.map((f) => `    - ${f}`),
    `  about ${nikto.urlFindings.length} probed URLs (known-vulnerable scripts of other products), e.g.:`,
    ...nikto.urlFindings.slice(0, 5).map((f) => `    - ${f.slice(0, 160)}`),
    '',
    `server errors (5xx) logged by the app: ${summary.serverErrors.length}`,
    ...summary.serverErrors.map((e) => `  - ${e}`),
    '',
    `Raw output: ${outDir}`,
  );
  const text = lines.join('\n');
  writeFileSync(join(outDir, 'summary.txt'), `${text}\n`);
  console.log(text);
}

// ---------------------------------------------------------------------------------------------
// The app

function startApp() {
  const env = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    DEMO: 'true',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    STATIC_DIR: join(root, 'dist', 'frontend', 'browser'),
    // The login target sends a random X-Forwarded-For per request (sqlmap's xforwardedfor tamper).
    TRUST_PROXY: '1',
    LOGIN_MAX_FAILURES: '100',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [join(root, 'dist', 'backend', 'main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(join(outDir, 'server.log'));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return child;
}

async function waitForHealth() {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (server.exitCode !== null)
      throw new Error(`the app exited; see ${join(outDir, 'server.log')}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the app did not answer /api/health within 120 s');
}

function stopApp() {
  return new Promise((resolve) => {
    if (server.exitCode !== null) return resolve();
    server.once('exit', () => resolve());
    server.kill('SIGTERM');
    setTimeout(() => {
      server.kill('SIGKILL');
      resolve();
    }, 10_000).unref();
  });
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

async function login(email) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login as ${email} answered ${response.status}`);
  const body = await response.json();
  return { token: body.accessToken, user: body.user };
}

async function getJson(path, token) {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) return null;
  return response.json();
}

async function baseline(method, path, token) {
  return (await request(method, path, token)).status < 300;
}

async function request(method, path, token, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: (await response.text()).slice(0, 300) };
}

function toolVersion(command, args, pattern) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) return null;
  return pattern.exec(`${result.stdout}${result.stderr}`)?.[1] ?? 'unknown';
}

function parseArgs(argv) {
  const parsed = { out: undefined, minutes: 40, build: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') parsed.out = argv[++i];
    else if (arg === '--minutes') parsed.minutes = Number(argv[++i]);
    else if (arg === '--no-build') parsed.build = false;
    else {
      console.error(`unknown option ${arg}`);
      process.exit(2);
    }
  }
  if (!(parsed.minutes > 1)) {
    console.error('--minutes must be a number above 1');
    process.exit(2);
  }
  return parsed;
}
