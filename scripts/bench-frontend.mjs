#!/usr/bin/env node
// Frontend benchmark: the production bundle and page loads in headless Chromium (docs/benchmarks.md).
//
//   npm run bench:frontend -- [--runs 5] [--database-url URL] [--build] [--no-phone]
//                             [--static-dir DIR] [--backend FILE] [--out DIR] [--timeout 30]
//
// Needs a database filled by `npm run seed:large` (the bench users, password stegvis-bench-password).
// (1) Builds the web app (production) and the API if missing or with --build, and prints the bundle:
// the initial files (index.html's scripts and styles plus their static imports) and the lazy chunks
// of the coach's caseload route, raw, gzip (level 9) and brotli (quality 11) from node:zlib.
// (2) Starts dist/backend/main.js (serving the app on the same port) on a free loopback port.
// (3) Logs in through the real login page as coach, lead and supervisor, then loads each page
// --runs times "cold" (a new browser context: empty HTTP cache, the session cookie only) and
// "warm" (page.reload() in that context). "Content" is the first frame in which the page's first
// meaningful element (e.g. the first caseload row's participant name) is rendered with text — taken
// in the page by a MutationObserver + requestAnimationFrame, relative to navigation start. Also FCP,
// LCP, requests and bytes, and the API request the page waits for. Optionally a mid-range phone
// (4× CPU throttling, 360 px). Read-only on the database apart from the login/session/audit rows
// the app writes; it refuses a database named "test" and a bundle with migrations the database lacks.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { freePort } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(resolve(root, 'package.json'));
const pg = require('pg');
const { chromium } = require('playwright-core');

const PASSWORD = 'stegvis-bench-password';
const HOST = '127.0.0.1';
const DEFAULT_STATIC = resolve(root, 'dist/frontend/browser');
const DEFAULT_BACKEND = resolve(root, 'dist/backend/main.js');

const opts = {
  runs: 5,
  databaseUrl: process.env.DATABASE_URL ?? '',
  build: false,
  phone: true,
  staticDir: DEFAULT_STATIC,
  backend: DEFAULT_BACKEND,
  out: '',
  timeoutMs: 30_000,
  run: 0,
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--runs') opts.runs = Number(argv[++i]);
  else if (a === '--database-url') opts.databaseUrl = argv[++i] ?? '';
  else if (a === '--build') opts.build = true;
  else if (a === '--no-phone') opts.phone = false;
  else if (a === '--static-dir') opts.staticDir = resolve(argv[++i] ?? '');
  else if (a === '--backend') opts.backend = resolve(argv[++i] ?? '');
  else if (a === '--out') opts.out = resolve(argv[++i] ?? '');
  else if (a === '--timeout') opts.timeoutMs = Number(argv[++i]) * 1000;
  else if (a === '--run') opts.run = Number(argv[++i]);
  else throw new Error(`Unknown option ${a}`);
}
if (!opts.databaseUrl) throw new Error('bench:frontend needs DATABASE_URL or --database-url');
if (!(Number.isInteger(opts.runs) && opts.runs >= 1 && opts.runs <= 50))
  throw new Error('--runs must be 1–50');
if (!(opts.timeoutMs > 0)) throw new Error('--timeout must be > 0 seconds');
const dbName = decodeURIComponent(new URL(opts.databaseUrl).pathname.replace(/^\//, ''));
if (!dbName || dbName === 'test')
  throw new Error(`Refusing the database "${dbName}": use the benchmark database, never "test"`);

const out =
  opts.out ||
  join(tmpdir(), `stegvis-bench-frontend-${new Date().toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(out, { recursive: true });
const log = (line = '') => process.stdout.write(`${line}\n`);

// --- (1) build and bundle -------------------------------------------------------------------------
function nxBuild(target) {
  log(`Building ${target} …`);
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/nx/dist/bin/nx.js'), 'run', target, '--output-style=stream'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    },
  );
  if (r.status !== 0) throw new Error(`${target} failed`);
}
if (
  opts.staticDir === DEFAULT_STATIC &&
  (opts.build || !existsSync(join(DEFAULT_STATIC, 'index.html')))
)
  nxBuild('frontend:build:production');
if (opts.backend === DEFAULT_BACKEND && (opts.build || !existsSync(DEFAULT_BACKEND)))
  nxBuild('backend:build');
if (!existsSync(join(opts.staticDir, 'index.html')))
  throw new Error(`No index.html in ${opts.staticDir}`);
if (!existsSync(opts.backend)) throw new Error(`No API bundle at ${opts.backend}`);

const kB = (n) => (n / 1000).toFixed(1);
const fileCache = new Map();
function fileInfo(name) {
  if (fileCache.has(name)) return fileCache.get(name);
  const buf = readFileSync(join(opts.staticDir, name));
  const info = {
    file: name,
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
    text: name.endsWith('.js') ? buf.toString('utf8') : '',
  };
  fileCache.set(name, info);
  return info;
}
/** Static `import … from "./chunk-x.js"` / `import "./chunk-x.js"` (not dynamic `import(…)`). */
function staticImports(name) {
  const text = fileInfo(name).text;
  const found = new Set();
  const re = /(?:\bfrom|\bimport)\s*["']\.\/([\w.-]+\.js)["']/g;
  for (let m; (m = re.exec(text));) found.add(m[1]);
  return [...found];
}
function closure(names) {
  const seen = new Set();
  const stack = [...names];
  while (stack.length) {
    const n = stack.pop();
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...staticImports(n));
  }
  return seen;
}
const sum = (infos, key) => infos.reduce((s, i) => s + i[key], 0);

const indexHtml = readFileSync(join(opts.staticDir, 'index.html'), 'utf8');
const entryScripts = [...indexHtml.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
const entryStyles = [...indexHtml.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map(
  (m) => m[1],
);
const initialJs = closure(entryScripts);
const initial = [...initialJs, ...entryStyles].map(fileInfo);
const jsFiles = readdirSync(opts.staticDir).filter((f) => f.endsWith('.js'));
const definingChunk = (symbol) =>
  jsFiles.find((f) =>
    new RegExp(`export\\s*\\{[^}]*\\b${symbol}\\b[^}]*\\}`).test(fileInfo(f).text),
  );
const lazyRoots = {
  shell: definingChunk('ShellComponent'),
  'coach routes': definingChunk('COACH_ROUTES'),
  'caseload page': definingChunk('CaseloadPage'),
};
const caseloadLazy = [...closure(Object.values(lazyRoots).filter(Boolean))]
  .filter((f) => !initialJs.has(f))
  .map(fileInfo);
const bundle = {
  staticDir: opts.staticDir,
  initial: {
    files: initial.map(({ file, raw, gzip, brotli }) => ({ file, raw, gzip, brotli })),
    raw: sum(initial, 'raw'),
    gzip: sum(initial, 'gzip'),
    brotli: sum(initial, 'brotli'),
  },
  caseloadRoute: {
    roots: lazyRoots,
    files: caseloadLazy.map(({ file, raw, gzip, brotli }) => ({ file, raw, gzip, brotli })),
    raw: sum(caseloadLazy, 'raw'),
    gzip: sum(caseloadLazy, 'gzip'),
    brotli: sum(caseloadLazy, 'brotli'),
  },
  allJs: { files: jsFiles.length, raw: sum(jsFiles.map(fileInfo), 'raw') },
};

function printBundle() {
  const row = (label, i) =>
    `${label.padEnd(34)} ${kB(i.raw).padStart(8)} ${kB(i.gzip).padStart(8)} ${kB(i.brotli).padStart(8)}`;
  log(`\nProduction bundle (${opts.staticDir}), kB = 1000 bytes; gzip -9, brotli q11`);
  log(`${'file'.padEnd(34)} ${'raw'.padStart(8)} ${'gzip'.padStart(8)} ${'brotli'.padStart(8)}`);
  const kind = (f) =>
    f.startsWith('main-')
      ? 'main'
      : f.startsWith('polyfills-')
        ? 'polyfills'
        : f.startsWith('styles-')
          ? 'styles'
          : 'chunk';
  for (const i of [...initial].sort((a, b) => b.raw - a.raw))
    log(row(`  ${kind(i.file)} ${i.file}`, i));
  log(row('Initial total', bundle.initial));
  if (!initial.some((i) => i.file.startsWith('polyfills-')))
    log('  (no polyfills file: a zoneless build)');
  for (const [name, file] of Object.entries(lazyRoots))
    if (!file) log(`  warning: no chunk exports the ${name} — the lazy total is incomplete`);
  const rootOf = (f) => Object.entries(lazyRoots).find(([, v]) => v === f)?.[0] ?? 'shared';
  for (const i of [...caseloadLazy].sort((a, b) => b.raw - a.raw))
    log(row(`  ${rootOf(i.file)} ${i.file}`, i));
  log(row('Caseload route lazy total', bundle.caseloadRoute));
  log(`All JS files: ${bundle.allJs.files}, ${kB(bundle.allJs.raw)} kB raw`);
}
printBundle();

// --- (2) database checks and the API ---------------------------------------------------------------
const db = new pg.Client({ connectionString: opts.databaseUrl });
await db.connect();
const one = async (sql, params = []) => (await db.query(sql, params)).rows[0];
const applied = new Set(
  (await db.query(`SELECT name FROM migrations`).catch(() => ({ rows: [] }))).rows.map(
    (r) => r.name,
  ),
);
const bundled = new Set(
  readFileSync(opts.backend, 'utf8').match(/\b[A-Z][A-Za-z]+1[0-9]{12}\b/g) ?? [],
);
const pending = [...bundled].filter((m) => !applied.has(m));
if (pending.length) {
  await db.end();
  throw new Error(
    `${opts.backend} would apply migrations ${pending.join(', ')} to "${dbName}" at start; this ` +
      'benchmark is read-only on that database. Use --backend with a bundle of the same migrations.',
  );
}
const run = opts.run;
const users = {
  coach: `coach-${run}-0@bench.stegvis.se`,
  supervisor: `supervisor-${run}-0-0@bench.stegvis.se`,
  lead: `lead-${run}-0@bench.stegvis.se`,
};
const programme = await one(
  `SELECT id, name FROM programmes WHERE name LIKE $1 ORDER BY name LIMIT 1`,
  [`Bench ${run}-0 %`],
);
if (!programme)
  throw new Error(`No seeded programme "Bench ${run}-0" — run npm run seed:large first`);
for (const email of Object.values(users))
  if (!(await one(`SELECT id FROM users WHERE email = $1`, [email])))
    throw new Error(`No user ${email} — run npm run seed:large first`);
// A typical participant: the median number of attended sessions among the coach's active ones.
const typical = await one(
  `SELECT p.id, count(a.*)::int AS sessions FROM participants p
     LEFT JOIN session_attendances a ON a.participant_id = p.id
    WHERE p.programme_id = $1 AND p.reduced_at IS NULL AND p.erased_at IS NULL AND p.status = 'active'
    GROUP BY p.id ORDER BY count(a.*), p.id
   OFFSET (SELECT count(*) / 2 FROM participants
            WHERE programme_id = $1 AND reduced_at IS NULL AND erased_at IS NULL AND status = 'active')
    LIMIT 1`,
  [programme.id],
);
const data = await one(
  `SELECT (SELECT count(*) FROM participants)::int AS participants,
          (SELECT count(*) FROM participants WHERE programme_id = $1)::int AS programme0,
          current_setting('server_version') AS pg`,
  [programme.id],
);
await db.end();
log(
  `\nData: ${JSON.stringify(data)}; programme "${programme.name}"; typical participant ${typical.id} (${typical.sessions} sessions)`,
);
log(`Output: ${out}`);

// Debian's chromium package (as e2e/support/browser.ts); never a downloaded browser.
const executablePath = [
  process.env.CHROMIUM_PATH,
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
].find((p) => p && existsSync(p));
if (!executablePath)
  throw new Error("Chromium not found: install Debian's chromium or set CHROMIUM_PATH");

const port = await freePort();
const base = `http://${HOST}:${port}`;
const api = spawn(process.execPath, [opts.backend], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: opts.databaseUrl,
    DEMO: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    PORT: String(port),
    STATIC_DIR: opts.staticDir,
  },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let apiStderr = '';
api.stderr.on('data', (d) => (apiStderr = (apiStderr + d).slice(-4000)));
function stopApi() {
  return new Promise((ok) => {
    if (api.exitCode !== null) return ok();
    const t = setTimeout(() => api.kill('SIGKILL'), 5000);
    api.once('exit', () => {
      clearTimeout(t);
      ok();
    });
    api.kill('SIGTERM');
  });
}
process.on('SIGINT', () => void stopApi().then(() => process.exit(130)));
// Whatever goes wrong below, the API must not outlive this script.
process.on('exit', () => {
  if (api.exitCode === null) api.kill('SIGKILL');
});
{
  const until = Date.now() + 60_000;
  for (;;) {
    if (api.exitCode !== null) throw new Error(`API exited: ${apiStderr}`);
    const r = await fetch(`${base}/api/health`).catch(() => null);
    if (r && r.status < 500) break;
    if (Date.now() > until) {
      await stopApi();
      throw new Error(`API did not start within 60 s: ${apiStderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const index = await fetch(`${base}/coach`, { headers: { accept: 'text/html' } });
  if (!index.headers.get('content-type')?.includes('html')) {
    await stopApi();
    throw new Error('The API does not serve the web app (STATIC_DIR)');
  }
}

// --- (3) browser -----------------------------------------------------------------------------------
// The launch flags of e2e/support/browser.ts (Debian's chromium; no background networking).
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  cpuThrottling: 4,
};

/**
 * Runs in every document before the app: records when `selector` first has a layout box and text,
 * on the next animation frame (≈ the frame that paints it), and the LCP entries.
 */
function probe(selector) {
  const bench = { content: null, lcp: null };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      bench.lcp = {
        startTime: e.startTime,
        size: e.size,
        element: e.element
          ? `${e.element.tagName.toLowerCase()}.${String(e.element.className).split(' ')[0]}`
          : null,
      };
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  let seen = false;
  const check = () => {
    if (seen) return true;
    const el = document.querySelector(selector);
    if (!el || !el.textContent.trim()) return false;
    const rect = el.getBoundingClientRect();
    if (rect.height === 0 || rect.width === 0) return false;
    seen = true;
    const dom = performance.now();
    requestAnimationFrame(() => {
      bench.content = {
        dom,
        frame: performance.now(),
        text: el.textContent.trim().replace(/\s+/g, ' ').slice(0, 80),
        aboveFold: rect.top < window.innerHeight,
      };
    });
    return true;
  };
  const observer = new MutationObserver(() => {
    if (check()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

const PAGES = [
  {
    name: 'login page',
    role: null,
    path: '/login',
    content: '[data-testid="login-submit"]',
    contentLabel: "the login form's submit button (no data)",
    api: null,
  },
  {
    name: 'caseload',
    role: 'coach',
    path: '/coach',
    content: '[data-testid="caseload-row"] .sv-caseload__name',
    contentLabel: "first caseload row's participant name",
    api: /\/api\/participants\?/,
  },
  {
    name: 'participant timeline',
    role: 'coach',
    path: `/coach/participants/${typical.id}`,
    content: '[data-testid="timeline-event"] .sv-timeline__title',
    contentLabel: 'first timeline event',
    api: /\/api\/participants\/[^/?]+\/timeline/,
  },
  {
    name: 'lead dashboard',
    role: 'lead',
    path: '/lead',
    content: '[data-testid="kpis"] .sv-kpi__value',
    contentLabel: 'first key figure of the programme report',
    api: /\/api\/.*report/,
  },
];
if (opts.phone) {
  PAGES.push(
    { ...PAGES[1], name: 'caseload (phone)', device: PHONE },
    {
      name: 'supervisor (phone)',
      role: 'supervisor',
      path: '/supervisor',
      content: '[data-testid="due-item"] strong, [data-testid="supervised-item"] .sv-card-title',
      contentLabel: 'first due follow-up or supervised participant name',
      api: /\/api\/participants\?/,
      device: PHONE,
    },
  );
}

async function newContext(browser, device, storageState) {
  const { cpuThrottling, ...contextOptions } = device;
  const context = await browser.newContext({ ...contextOptions, locale: 'sv-SE', storageState });
  const page = await context.newPage();
  if (cpuThrottling) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottling });
  }
  return { context, page };
}

/** Logs in through the login page; returns the context's cookies for the cold runs. */
async function login(browser, email) {
  const { context, page } = await newContext(browser, DESKTOP);
  await page.goto(`${base}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: opts.timeoutMs });
  await page.getByTestId('page-title').waitFor({ timeout: opts.timeoutMs });
  const state = await context.storageState();
  await context.close();
  return state;
}

/** One navigation (goto or reload) until the content shows, then until the network is idle. */
async function measure(page, spec, action) {
  const responses = [];
  const onResponse = (response) =>
    responses.push(
      response
        .request()
        .sizes()
        .then((s) => ({
          url: response.url(),
          status: response.status(),
          type: response.request().resourceType(),
          bytes: s.responseBodySize + s.responseHeadersSize,
          encoding: response.headers()['content-encoding'] ?? null,
          cacheControl: response.headers()['cache-control'] ?? null,
        }))
        .catch(() => ({ url: response.url(), status: response.status(), bytes: 0 })),
    );
  page.on('response', onResponse);
  let timedOut = false;
  try {
    await action();
    await page.waitForFunction(() => window.__bench?.content, null, {
      timeout: opts.timeoutMs,
      polling: 50,
    });
  } catch (e) {
    timedOut = true;
    log(
      `  ${spec.name}: no content within ${opts.timeoutMs / 1000} s (${String(e.message).split('\n')[0]})`,
    );
  }
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
  page.off('response', onResponse);
  const metrics = await page.evaluate((apiSource) => {
    const apiRe = apiSource ? new RegExp(apiSource) : null;
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const resources = performance.getEntriesByType('resource');
    const apiEntry = apiRe ? resources.find((r) => apiRe.test(r.name)) : null;
    return {
      content: window.__bench?.content ?? null,
      fcp: fcp ? fcp.startTime : null,
      lcp: window.__bench?.lcp ?? null,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
      load: nav?.loadEventEnd ?? null,
      transferSize:
        (nav?.transferSize ?? 0) + resources.reduce((s, r) => s + (r.transferSize ?? 0), 0),
      api: apiEntry
        ? {
            url: apiEntry.name.replace(location.origin, ''),
            start: apiEntry.startTime,
            duration: apiEntry.duration,
            ttfb: apiEntry.responseStart - apiEntry.requestStart,
          }
        : null,
      // The waterfall, for the report: when each request started and ended (ms from navigation).
      waterfall: resources.map((r) => ({
        url: r.name.replace(location.origin, ''),
        start: Math.round(r.startTime),
        end: Math.round(r.responseEnd),
      })),
      apis: resources
        .filter((r) => r.name.includes('/api/'))
        .map((r) => ({
          url: r.name.replace(location.origin, ''),
          start: Math.round(r.startTime),
          duration: Math.round(r.duration),
        })),
      url: location.pathname,
    };
  }, spec.api?.source ?? null);
  const done = await Promise.all(responses);
  return {
    ...metrics,
    timedOut: timedOut || !metrics.content,
    requests: done.length,
    bytes: done.reduce((s, r) => s + r.bytes, 0),
    notModified: done.filter((r) => r.status === 304).length,
    compressed: done.filter((r) => r.encoding).length,
    responses: done,
  };
}

const loadBefore = loadavg().map((x) => x.toFixed(1));
log(`\nLoad average before the page loads: ${loadBefore.join(' ')} (${cpus().length} cores)`);
const browser = await chromium.launch({ executablePath, args: FLAGS, headless: true });
const chromiumVersion = browser.version();
const results = [];
let failed = false;
try {
  const states = {};
  for (const role of new Set(PAGES.map((p) => p.role).filter(Boolean))) {
    const t0 = Date.now();
    states[role] = await login(browser, users[role]);
    log(`Logged in as ${users[role]} through the login page (${Date.now() - t0} ms)`);
  }
  for (const spec of PAGES) {
    log(`\n${spec.name}: ${spec.path} — content = ${spec.contentLabel}`);
    for (let i = 0; i < opts.runs; i++) {
      const { context, page } = await newContext(
        browser,
        spec.device ?? DESKTOP,
        spec.role ? states[spec.role] : undefined,
      );
      await page.addInitScript(probe, spec.content);
      const cold = await measure(page, spec, () =>
        page.goto(`${base}${spec.path}`, { waitUntil: 'commit' }),
      );
      if (i === 0)
        await page.screenshot({
          path: join(out, `${spec.name.replace(/\W+/g, '-')}-cold.png`),
          fullPage: false,
        });
      const warm = await measure(page, spec, () => page.reload({ waitUntil: 'commit' }));
      await context.close();
      for (const [mode, r] of [
        ['cold', cold],
        ['warm', warm],
      ]) {
        if (r.timedOut) failed = true;
        if (r.url !== spec.path) log(`  warning: ended on ${r.url}, not ${spec.path}`);
        results.push({ page: spec.name, mode, run: i + 1, ...r });
        log(
          `  ${mode} #${i + 1}: content ${ms(r.content?.frame)} ms, FCP ${ms(r.fcp)}, LCP ${ms(r.lcp?.startTime)}, ` +
            `API ${ms(r.api?.duration)} (starts at ${ms(r.api?.start)}), ${r.requests} requests, ${kB(r.bytes)} kB` +
            (r.notModified ? `, ${r.notModified}× 304` : '') +
            `, ${r.compressed} compressed` +
            (i === 0 && mode === 'cold' && r.content
              ? ` — "${r.content.text}"${r.content.aboveFold ? '' : ' (below the fold)'}`
              : ''),
        );
      }
    }
  }
} finally {
  await browser.close();
  await stopApi();
}

function ms(v) {
  return v === null || v === undefined ? '–' : String(Math.round(v));
}
function quantile(values, q) {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!v.length) return null;
  return v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)];
}
const summary = [];
for (const spec of PAGES)
  for (const mode of ['cold', 'warm']) {
    const rs = results.filter((r) => r.page === spec.name && r.mode === mode);
    const stat = (pick) => {
      const vals = rs.map(pick);
      return { median: quantile(vals, 0.5), p95: quantile(vals, 0.95) };
    };
    summary.push({
      page: spec.name,
      mode,
      runs: rs.length,
      failures: rs.filter((r) => r.timedOut).length,
      content: stat((r) => r.content?.frame),
      fcp: stat((r) => r.fcp),
      lcp: stat((r) => r.lcp?.startTime),
      apiStart: stat((r) => r.api?.start),
      api: stat((r) => r.api?.duration),
      requests: stat((r) => r.requests),
      kB: stat((r) => r.bytes / 1000),
    });
  }

log(
  `\nPage loads, ${opts.runs} runs each, median / p95 (ms unless noted; "API" = the page's data request)`,
);
const cols = ['page', 'mode', 'content', 'FCP', 'LCP', 'API starts', 'API', 'requests', 'kB'];
const widths = [22, 5, 13, 13, 13, 13, 13, 9, 13];
const fmt = (cells) =>
  cells
    .map((c, i) =>
      String(c)
        .padStart(i < 2 ? 0 : widths[i])
        .padEnd(i < 2 ? widths[i] : 0),
    )
    .join(' ');
log(fmt(cols));
for (const s of summary) {
  const pair = (x, digits = 0) =>
    x.median === null ? '–' : `${x.median.toFixed(digits)} / ${x.p95.toFixed(digits)}`;
  log(
    fmt([
      s.page,
      s.mode,
      pair(s.content),
      pair(s.fcp),
      pair(s.lcp),
      pair(s.apiStart),
      pair(s.api),
      pair(s.requests),
      pair(s.kB, 0),
    ]) + (s.failures ? `  ${s.failures} FAILED` : ''),
  );
}

const meta = {
  date: new Date().toISOString(),
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
  memGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  loadAverageBefore: loadBefore,
  loadAverageAfter: loadavg().map((x) => x.toFixed(1)),
  chromium: chromiumVersion,
  executablePath,
  database: dbName,
  data,
  typicalParticipant: typical,
  backend: opts.backend,
  runs: opts.runs,
};
const file = join(out, 'results.json');
writeFileSync(
  file,
  JSON.stringify(
    {
      meta,
      bundle,
      pages: PAGES.map(({ api, device, ...p }) => ({
        ...p,
        api: api?.source ?? null,
        device: device ?? DESKTOP,
      })),
      summary,
      results,
    },
    null,
    2,
  ),
);
log(`Load average after: ${meta.loadAverageAfter.join(' ')}`);
log(`\nResults: ${file}; screenshots of the first cold load of each page in ${out}`);
if (failed) {
  log('Some page never showed its content (see above).');
  process.exit(1);
}
