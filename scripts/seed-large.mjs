#!/usr/bin/env node
// Fills a PostgreSQL database with a large, consistent, deterministic Stegvis landscape for the
// benchmarks (docs/benchmarks.md). Bulk loading is multi-row INSERT … SELECT over generate_series
// in large batches; every "random" value is a hash of (seed, tag, row number), so two runs with
// the same options give the same rows (ids included). Dates are relative to CURRENT_DATE.
//
//   npm run seed:large -- [--programmes 20] [--participants 50000] [--sessions-per-participant 20]
//                         [--placements 200000] [--check-ins 300000] [--seed 1]
//                         [--database-url URL] [--append] [--batch 100000]
//
// Needs DATABASE_URL (or --database-url). Applies the migrations first (through the backend
// bundle, building it if missing). Refuses a database that already has participants unless --append.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(resolve(root, 'package.json'));
const pg = require('pg');
const argon2 = require('argon2');

export const BENCH_PASSWORD = 'stegvis-bench-password';

function parseArgs(argv) {
  const options = {
    programmes: 20,
    participants: 50000,
    sessionsPerParticipant: 20,
    placements: 200000,
    checkIns: 300000,
    seed: 1,
    batch: 100000,
    databaseUrl: process.env.DATABASE_URL ?? '',
    append: false,
  };
  const names = {
    '--programmes': 'programmes',
    '--participants': 'participants',
    '--sessions-per-participant': 'sessionsPerParticipant',
    '--placements': 'placements',
    '--check-ins': 'checkIns',
    '--seed': 'seed',
    '--batch': 'batch',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--append') options.append = true;
    else if (arg === '--database-url') options.databaseUrl = argv[++i] ?? '';
    else if (names[arg]) {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) throw new Error(`${arg} needs a whole number`);
      options[names[arg]] = value;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'npm run seed:large -- [--programmes N] [--participants N] [--sessions-per-participant N]\n' +
          '  [--placements N] [--check-ins N] [--seed N] [--batch N] [--database-url URL] [--append]\n',
      );
      process.exit(0);
    } else throw new Error(`Unknown option ${arg}`);
  }
  if (options.programmes < 1) throw new Error('--programmes must be at least 1');
  if (options.batch < 1000) throw new Error('--batch must be at least 1000');
  return options;
}

const MUNICIPALITIES = [
  'Malmö',
  'Lund',
  'Helsingborg',
  'Kristianstad',
  'Landskrona',
  'Trelleborg',
  'Ystad',
  'Eslöv',
  'Hässleholm',
  'Ängelholm',
  'Höör',
  'Hörby',
  'Sjöbo',
  'Skurup',
  'Svedala',
  'Staffanstorp',
  'Burlöv',
  'Kävlinge',
  'Lomma',
  'Vellinge',
  'Simrishamn',
  'Tomelilla',
  'Osby',
  'Perstorp',
];
const FIRST = [
  'Anna',
  'Eva',
  'Maria',
  'Karin',
  'Sara',
  'Lena',
  'Emma',
  'Amina',
  'Fatima',
  'Leila',
  'Johan',
  'Erik',
  'Lars',
  'Anders',
  'Mohammed',
  'Ali',
  'Ahmed',
  'Omar',
  'Per',
  'Nils',
  'Hanna',
  'Elin',
  'Sofia',
  'Ida',
  'Mikael',
  'Daniel',
  'Jonas',
  'Yusuf',
  'Hassan',
  'Noor',
  'Zahra',
  'Oskar',
];
const LAST = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Ali',
  'Mohammed',
  'Hussein',
  'Ahmadi',
  'Lindberg',
  'Lindström',
  'Lindqvist',
  'Berg',
  'Holm',
  'Nyström',
  'Ek',
  'Sandberg',
  'Åberg',
  'Öberg',
  'Hosseini',
  'Yilmaz',
  'Kaya',
  'Novak',
];
const ENTERPRISE_WORDS = [
  'Returbutiken',
  'Cykelverkstaden',
  'Caféet',
  'Trädgårdslaget',
  'Snickeriet',
  'Tvätteriet',
  'Kökskooperativet',
  'Second hand',
  'Lagret',
  'Städkooperativet',
  'Bageriet',
  'Odlingen',
];
const INDICATORS = [
  'motivation',
  'self_confidence',
  'health_capacity',
  'daily_structure',
  'social_communication',
  'swedish_language',
  'job_seeking',
  'work_skills',
];

const sqlArray = (values) =>
  `ARRAY[${values.map((v) => `'${String(v).replace(/'/g, "''")}'`).join(',')}]::text[]`;

/** Deterministic helpers, defined per session in pg_temp; uid() gives version-4-shaped UUIDs. */
function helperSql(seed) {
  return `
    CREATE FUNCTION pg_temp.rnd(tag text, i bigint) RETURNS float8 LANGUAGE sql IMMUTABLE AS
      $$ SELECT (abs(hashtextextended(tag || ':' || i, ${seed})) % 1000000000)::float8 / 1000000000 $$;
    CREATE FUNCTION pg_temp.uid(tag text, i bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS
      $$ SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid
           FROM md5('stegvis-bench:${seed}:' || tag || ':' || i) h $$;
    CREATE FUNCTION pg_temp.pick(a text[], tag text, i bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
      $$ SELECT a[1 + floor(pg_temp.rnd(tag, i) * array_length(a, 1))::int] $$;
    CREATE FUNCTION pg_temp.target(kind text, gender text, unit text, value numeric,
                                   min numeric DEFAULT NULL, max numeric DEFAULT NULL)
      RETURNS jsonb LANGUAGE sql IMMUTABLE AS
      $$ SELECT jsonb_build_object('kind', kind, 'gender', gender, 'unit', unit, 'value', value,
                                   'min', min, 'max', max, 'label', NULL, 'note', NULL) $$;`;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!o.databaseUrl) {
    process.stderr.write('seed:large needs DATABASE_URL or --database-url (a PostgreSQL URL).\n');
    process.exit(2);
  }
  if (!/^postgres(ql)?:\/\//.test(o.databaseUrl)) throw new Error('Not a postgres:// URL');
  if (/\/test(\?|$)/.test(o.databaseUrl)) {
    throw new Error('Refusing the database named "test" (it belongs to the test suites).');
  }
  migrate(o.databaseUrl);

  const client = new pg.Client({ connectionString: o.databaseUrl });
  await client.connect();
  try {
    const [{ n: existing }] = (await client.query('SELECT count(*)::int AS n FROM participants'))
      .rows;
    if (existing > 0 && !o.append) {
      throw new Error(
        `The database already has ${existing} participants: refusing to add more (use --append).`,
      );
    }
    // A run tag keeps ids of appended runs apart from earlier ones (still deterministic).
    const [{ n: run }] = (
      await client.query(`SELECT count(*)::int AS n FROM programmes WHERE name LIKE 'Bench %'`)
    ).rows;
    const seed = o.seed * 1000 + run;
    await client.query(helperSql(seed));
    await client.query(`SET synchronous_commit = off`);
    await seed_(client, o, run, seed);
  } finally {
    await client.end();
  }
}

function migrate(url) {
  const bundle = resolve(root, 'dist/backend/main.js');
  if (!existsSync(bundle)) {
    const built = spawnSync('npx', ['nx', 'run', 'backend:build'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('Building the backend failed');
  }
  const r = spawnSync(process.execPath, [bundle, 'migrate'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', DEMO: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error('Applying the migrations failed');
}

const stats = [];
async function timed(client, table, work) {
  const start = process.hrtime.bigint();
  const rows = await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rate = seconds > 0 ? Math.round(rows / seconds) : rows;
  stats.push({ table, rows, seconds, rate });
  process.stdout.write(
    `  ${table.padEnd(24)} ${String(rows).padStart(9)} rows  ${seconds.toFixed(1).padStart(6)} s  ${String(rate).padStart(8)} rows/s\n`,
  );
  return rows;
}

/** INSERT … SELECT over generate_series(lo, hi) in batches; `sql` uses $1 = lo, $2 = hi. */
async function batched(client, total, batch, sql, params = []) {
  let rows = 0;
  for (let lo = 0; lo < total; lo += batch) {
    const hi = Math.min(total, lo + batch) - 1;
    const r = await client.query(sql, [lo, hi, ...params]);
    rows += r.rowCount ?? 0;
  }
  return rows;
}

async function seed_(client, o, run, seed) {
  const P = o.programmes;
  const N = o.participants;
  const E = Math.max(10, Math.ceil(o.placements / 250));
  const passwordHash = await argon2.hash(BENCH_PASSWORD);
  const t0 = Date.now();
  process.stdout.write(
    `Seeding run ${run} (seed ${o.seed}): ${P} programmes, ${N} participants, ${E} enterprises\n`,
  );

  // Programme sizes: skewed (programme 0 the largest), like real portfolios. Weights 1/(p+1)^0.7.
  const weights = Array.from({ length: P }, (_, p) => 1 / Math.pow(p + 1, 0.7));
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((w / sum) * N));
  sizes[0] += N - sizes.reduce((a, b) => a + b, 0);
  let pStart = 0;
  let coachStart = 0;
  const layout = sizes.map((n, p) => {
    const nCoach = Math.max(2, Math.round(n / 60));
    const row = { p, n, pStart, coachStart, nCoach };
    pStart += n;
    coachStart += nCoach;
    return row;
  });
  const coaches = coachStart;
  const tag = `r${run}`;

  await client.query(
    `CREATE TEMP TABLE layout (p int, n int, p_start int, coach_start int, n_coach int)`,
  );
  await client.query(
    `INSERT INTO layout SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[])`,
    [
      layout.map((l) => l.p),
      layout.map((l) => l.n),
      layout.map((l) => l.pStart),
      layout.map((l) => l.coachStart),
      layout.map((l) => l.nCoach),
    ],
  );

  await client.query('BEGIN');
  await timed(client, 'programmes', async () => {
    const r = await client.query(
      `INSERT INTO programmes (id, name, period_start, period_end, intake_end, targets, follow_up_cadence, suppression_threshold)
       SELECT pg_temp.uid('${tag}prog', l.p), 'Bench ${run}-' || l.p || ' Steg mot arbete',
              (date_trunc('year', CURRENT_DATE) - interval '3 years')::date,
              (date_trunc('year', CURRENT_DATE) + interval '2 years' - interval '1 day')::date,
              (date_trunc('year', CURRENT_DATE) + interval '1 year')::date,
              -- The target catalogue (libs/contracts targets.ts): participants per gender and in
              -- all, placements, sessions per participant, the gender split as a range.
              jsonb_build_array(
                pg_temp.target('participants', 'female', 'count', ceil(l.n * 0.5)),
                pg_temp.target('participants', 'male', 'count', ceil(l.n * 0.45)),
                pg_temp.target('participants', 'other', 'count', ceil(l.n * 0.02)),
                pg_temp.target('participants', NULL, 'count', ceil(l.n * 0.97)),
                pg_temp.target('placements', NULL, 'count', ceil(l.n * 0.6)),
                pg_temp.target('sessions_per_participant', NULL, 'mean', 12),
                pg_temp.target('gender_split', NULL, 'percent', NULL, 40, 60)),
              CASE WHEN l.p % 5 = 4
                   THEN '{"initialWeeks": 6, "initialIntervalDays": 7, "laterIntervalDays": 21}'::jsonb
                   WHEN l.p % 5 = 3 THEN '{}'::jsonb
                   ELSE '{"initialWeeks": 4, "initialIntervalDays": 7, "laterIntervalDays": 30}'::jsonb END,
              5
         FROM layout l`,
    );
    return r.rowCount;
  });

  await timed(client, 'enterprises', async () => {
    const r = await client.query(
      `INSERT INTO enterprises (id, name, org_number, municipality, is_asf)
       SELECT pg_temp.uid('${tag}ent', e),
              pg_temp.pick(${sqlArray(ENTERPRISE_WORDS)}, 'entname', e) || ' ' || pg_temp.pick(${sqlArray(MUNICIPALITIES)}, 'entmun', e) || ' ' || e,
              -- Made-up organisation numbers, unique per run (not Luhn-checked by the seed).
              'B${run}-' || lpad(e::text, 7, '0'),
              pg_temp.pick(${sqlArray(MUNICIPALITIES)}, 'entmun', e),
              pg_temp.rnd('asf', e) < 0.7
         FROM generate_series(0, $1::int - 1) e`,
      [E],
    );
    return r.rowCount;
  });

  await timed(client, 'users', async () => {
    let n = 0;
    const insert = (sql, params) =>
      client.query(sql, [passwordHash, ...params]).then((r) => (n += r.rowCount));
    await insert(
      `INSERT INTO users (id, email, name, role, password_hash, enterprise_id)
       SELECT pg_temp.uid('${tag}coach', k), 'coach-${run}-' || k || '@bench.stegvis.se',
              'Coach ' || k, 'coach', $1, NULL FROM generate_series(0, $2::int - 1) k`,
      [coaches],
    );
    await insert(
      `INSERT INTO users (id, email, name, role, password_hash, enterprise_id)
       SELECT pg_temp.uid('${tag}lead', l.p), 'lead-${run}-' || l.p || '@bench.stegvis.se',
              'Lead ' || l.p, 'lead', $1, NULL FROM layout l`,
      [],
    );
    // Extra leads of programme 0, so the export benchmark stays under the per-user rate limit.
    await insert(
      `INSERT INTO users (id, email, name, role, password_hash, enterprise_id)
       SELECT pg_temp.uid('${tag}lead0x', x), 'lead-${run}-0-' || x || '@bench.stegvis.se',
              'Lead 0/' || x, 'lead', $1, NULL FROM generate_series(1, 5) x`,
      [],
    );
    await insert(
      `INSERT INTO users (id, email, name, role, password_hash, enterprise_id)
       SELECT pg_temp.uid('${tag}sup', e * 2 + j), 'supervisor-${run}-' || e || '-' || j || '@bench.stegvis.se',
              'Handledare ' || e || '/' || j, 'supervisor', $1, pg_temp.uid('${tag}ent', e)
         FROM generate_series(0, $2::int - 1) e, generate_series(0, 1) j`,
      [E],
    );
    await insert(
      `INSERT INTO users (id, email, name, role, password_hash)
       VALUES (pg_temp.uid('${tag}admin', 0), 'admin-${run}@bench.stegvis.se', 'Admin', 'admin', $1)`,
      [],
    );
    await client.query(
      `INSERT INTO programme_members (programme_id, user_id)
       SELECT pg_temp.uid('${tag}prog', l.p), pg_temp.uid('${tag}coach', l.coach_start + c)
         FROM layout l, generate_series(0, l.n_coach - 1) c
       UNION ALL
       SELECT pg_temp.uid('${tag}prog', l.p), pg_temp.uid('${tag}lead', l.p) FROM layout l
       UNION ALL
       SELECT pg_temp.uid('${tag}prog', 0), pg_temp.uid('${tag}lead0x', x) FROM generate_series(1, 5) x`,
    );
    return n;
  });
  await client.query('COMMIT');

  // The participant plan: one row per participant with every derived attribute; the case-record
  // loaders join it by `r` (rank among the participants who keep case data).
  await client.query(`
    CREATE TEMP TABLE bp AS
    WITH base AS (
      SELECT i, l.p, l.coach_start + (i - l.p_start) % l.n_coach AS coach,
             CURRENT_DATE - (30 + floor(pg_temp.rnd('enr', i) * 900))::int AS enrolled,
             pg_temp.rnd('consent', i) >= 0.07 AS consent,
             pg_temp.rnd('prot', i) < 0.01 AS protected,
             pg_temp.rnd('exit', i) AS exit_r,
             pg_temp.rnd('pause', i) AS pause_r
        FROM layout l, generate_series(l.p_start, l.p_start + l.n - 1) i),
    dated AS (
      SELECT b.*, NOT b.consent OR b.protected AS reduced,
             CASE WHEN CURRENT_DATE - b.enrolled > 120 AND b.exit_r < 0.35
                  THEN b.enrolled + 90 + floor(pg_temp.rnd('exitday', b.i) * (CURRENT_DATE - b.enrolled - 90))::int
             END AS exited
        FROM base b)
    SELECT d.*, COALESCE(d.exited, CURRENT_DATE) AS win_end,
           CASE WHEN d.reduced THEN NULL
                ELSE (row_number() OVER (ORDER BY d.reduced, d.i) - 1)::int END AS r,
           CASE WHEN d.reduced THEN NULL
                ELSE (row_number() OVER (PARTITION BY d.p, d.reduced ORDER BY d.enrolled, d.i) - 1)::int END AS rp
      FROM dated d`);
  await client.query(`CREATE INDEX ON bp (r)`);
  await client.query(`CREATE INDEX ON bp (p, rp)`);
  await client.query(`ANALYZE bp`);
  const [{ nr }] = (await client.query(`SELECT count(r)::int AS nr FROM bp`)).rows;

  const snapshot = (prefix, kind) => `jsonb_build_object(
      'incomeSources', CASE
        WHEN ${kind} = 'work' THEN '["salary"]'::jsonb
        WHEN ${kind} = 'studies' THEN '["student_finance"]'::jsonb
        ELSE jsonb_build_array(pg_temp.pick(ARRAY['sickness_benefit','activity_compensation','sickness_compensation','unemployment_insurance','activity_support','establishment_allowance','social_assistance','social_assistance','activity_support','none_or_unknown'], '${prefix}inc', b.i))
             || CASE WHEN pg_temp.rnd('${prefix}inc2', b.i) < 0.25 THEN '["social_assistance"]'::jsonb ELSE '[]'::jsonb END END,
      'timeInSupport', pg_temp.pick(ARRAY['lt_1','1_2','2_5','2_5','gt_5','gt_5'], 'tis', b.i),
      'occupation', CASE WHEN ${kind} = 'work' THEN 'employment' WHEN ${kind} = 'studies' THEN 'studies'
                         ELSE pg_temp.pick(ARRAY['job_seeking','job_seeking','work_training','other','subsidised_employment'], '${prefix}occ', b.i) END,
      'occupationPercent', (25 * (1 + floor(pg_temp.rnd('${prefix}pct', b.i) * 4)))::int)`;

  await timed(client, 'participants', () =>
    batched(
      client,
      N,
      o.batch,
      `WITH b AS (SELECT * FROM bp WHERE i BETWEEN $1 AND $2),
       x AS (SELECT b.*, CASE WHEN b.exited IS NOT NULL
                 THEN pg_temp.pick(ARRAY['work','work','studies','other_programme','job_seeking','sick_leave','moved','dropped_out','other'], 'reason', b.i) END AS reason
               FROM b)
       INSERT INTO participants (id, programme_id, status, gender, start_year, start_month, first_name, last_name,
         birth_year, municipality, education, referred_by, protected_identity, responsible_coach_id,
         enrolled_at, consent_given, consent_date, consent_form_version, start_snapshot, exit_snapshot,
         exited_at, exit_reason, reduced_at, created_at, updated_at)
       SELECT pg_temp.uid('${tag}p', b.i), pg_temp.uid('${tag}prog', b.p),
              CASE WHEN b.exited IS NOT NULL THEN 'exited' WHEN b.pause_r < 0.05 THEN 'paused' ELSE 'active' END,
              CASE WHEN pg_temp.rnd('g', b.i) < 0.48 THEN 'female' WHEN pg_temp.rnd('g', b.i) < 0.95 THEN 'male'
                   WHEN pg_temp.rnd('g', b.i) < 0.97 THEN 'other' ELSE 'undisclosed' END,
              extract(year FROM b.enrolled)::int, date_trunc('month', b.enrolled)::date,
              CASE WHEN NOT b.reduced THEN pg_temp.pick(${sqlArray(FIRST)}, 'fn', b.i) END,
              CASE WHEN NOT b.reduced THEN pg_temp.pick(${sqlArray(LAST)}, 'ln', b.i) END,
              CASE WHEN NOT b.reduced THEN LEAST(extract(year FROM b.enrolled)::int - 18, 1960 + floor(pg_temp.rnd('by', b.i) * 46)::int) END,
              CASE WHEN NOT b.reduced THEN pg_temp.pick(${sqlArray(MUNICIPALITIES.slice(0, 12))}, 'mun', b.i) END,
              CASE WHEN NOT b.reduced THEN pg_temp.pick(ARRAY['none_or_primary_incomplete','primary','primary','upper_secondary_incomplete','upper_secondary','upper_secondary','post_secondary_short','university','unknown'], 'edu', b.i) END,
              CASE WHEN NOT b.reduced THEN pg_temp.pick(ARRAY['municipality','municipality','employment_service','employment_service','social_insurance','region','self','other'], 'ref', b.i) END,
              b.protected,
              CASE WHEN NOT b.reduced THEN pg_temp.uid('${tag}coach', b.coach) END,
              CASE WHEN NOT b.reduced THEN b.enrolled END,
              b.consent, CASE WHEN b.consent THEN b.enrolled END, CASE WHEN b.consent THEN '2025-1' END,
              CASE WHEN NOT b.reduced THEN ${snapshot('s', "'start'")} END,
              CASE WHEN NOT b.reduced AND b.exited IS NOT NULL THEN ${snapshot('e', 'x.reason')} END,
              b.exited, x.reason,
              CASE WHEN b.reduced THEN b.enrolled::timestamptz + interval '10 hours' END,
              b.enrolled::timestamptz + interval '9 hours', COALESCE(b.exited, b.enrolled)::timestamptz + interval '16 hours'
         FROM b JOIN x USING (i)`,
    ),
  );

  // Action plans and their revisions (1–6 saves each).
  const planVersion = `(1 + floor(pg_temp.rnd('planv', b.i) * 6))::int`;
  const steps = (v) => `jsonb_build_array(
      jsonb_build_object('id', pg_temp.uid('${tag}step1', b.i), 'text', 'Kartlägga styrkor och intressen', 'status', CASE WHEN ${v} > 1 THEN 'done' ELSE 'in_progress' END, 'dueDate', (b.enrolled + 30)::text, 'responsible', 'coach', 'concernsPlacement', false),
      jsonb_build_object('id', pg_temp.uid('${tag}step2', b.i), 'text', 'Arbetsträning på socialt företag', 'status', CASE WHEN ${v} > 3 THEN 'done' WHEN ${v} > 1 THEN 'in_progress' ELSE 'planned' END, 'dueDate', (b.enrolled + 120)::text, 'responsible', 'participant', 'concernsPlacement', true),
      jsonb_build_object('id', pg_temp.uid('${tag}step3', b.i), 'text', 'Söka arbete eller studier', 'status', CASE WHEN ${v} > 4 THEN 'in_progress' ELSE 'planned' END, 'dueDate', (b.enrolled + 240)::text, 'responsible', 'participant', 'concernsPlacement', false))`;
  await timed(client, 'action_plans', () =>
    batched(
      client,
      nr,
      o.batch,
      `INSERT INTO action_plans (participant_id, version, goal, steps, updated_at, updated_by)
       SELECT pg_temp.uid('${tag}p', b.i), ${planVersion}, 'Komma närmare arbete eller studier', ${steps(planVersion)},
              b.enrolled::timestamptz + make_interval(days => ${planVersion} * 20), pg_temp.uid('${tag}coach', b.coach)
         FROM bp b WHERE b.r BETWEEN $1 AND $2`,
    ),
  );
  await timed(client, 'action_plan_revisions', () =>
    batched(
      client,
      nr,
      Math.max(1000, Math.floor(o.batch / 4)),
      `INSERT INTO action_plan_revisions (id, participant_id, version, goal, steps, created_at, created_by)
       SELECT pg_temp.uid('${tag}rev', b.i * 10 + v), pg_temp.uid('${tag}p', b.i), v, 'Komma närmare arbete eller studier', ${steps('v')},
              b.enrolled::timestamptz + make_interval(days => v * 20), pg_temp.uid('${tag}coach', b.coach)
         FROM bp b, generate_series(1, ${planVersion}) v WHERE b.r BETWEEN $1 AND $2`,
    ),
  );

  // Coaching sessions: ~70 % individual (one attendance), the rest group workshop sessions of 8.
  const spp = o.sessionsPerParticipant;
  const individual = Math.round(spp * 0.7);
  const groupPer = spp - individual;
  const indTotal = nr * individual;
  const sessionCols = `INSERT INTO coaching_sessions (id, programme_id, at, duration_minutes, kind, mode, coach_id, notes, created_at, updated_at)`;
  await timed(client, 'coaching_sessions (ind.)', () =>
    batched(
      client,
      indTotal,
      o.batch,
      `WITH q AS (SELECT q, q % $3::int AS r, q / $3::int AS k FROM generate_series($1::int, $2::int) q)
       ${sessionCols}
       SELECT pg_temp.uid('${tag}si', q.q), pg_temp.uid('${tag}prog', b.p),
              (b.enrolled + floor((b.win_end - b.enrolled) * (q.k + 0.5) / $4::int)::int)::timestamptz
                + make_interval(hours => 8 + floor(pg_temp.rnd('h', q.q) * 8)::int),
              (30 + 15 * floor(pg_temp.rnd('dur', q.q) * 5))::int,
              pg_temp.pick(ARRAY['individual_coaching','individual_coaching','individual_coaching','individual_coaching','life_coaching','business_advice','follow_up_visit'], 'kind', q.q),
              pg_temp.pick(ARRAY['on_site','on_site','on_site','digital','phone'], 'mode', q.q),
              pg_temp.uid('${tag}coach', b.coach),
              CASE WHEN pg_temp.rnd('note', q.q) < 0.6 THEN 'Samtal om mål, hälsa och nästa steg.' END,
              b.enrolled::timestamptz, b.enrolled::timestamptz
         FROM q JOIN bp b ON b.r = q.r`,
      [nr, individual],
    ),
  );
  await timed(client, 'session_attendances (ind.)', () =>
    batched(
      client,
      indTotal,
      o.batch * 2,
      `INSERT INTO session_attendances (session_id, participant_id, attendance)
       SELECT pg_temp.uid('${tag}si', q), pg_temp.uid('${tag}p', b.i),
              CASE WHEN pg_temp.rnd('att', q) < 0.85 THEN 'attended' WHEN pg_temp.rnd('att', q) < 0.95 THEN 'no_show' ELSE 'cancelled' END
         FROM generate_series($1::int, $2::int) q JOIN bp b ON b.r = q % $3::int`,
      [nr],
    ),
  );
  // Groups: per programme, G = ceil(nr_p * groupPer / 8) sessions; group g takes the 8 participants
  // ranked (by enrolment) from floor(g * nr_p / G), so members started at about the same time.
  await client.query(`CREATE TEMP TABLE grp AS
    SELECT s.p, s.nr_p, ceil(s.nr_p * ${groupPer} / 8.0)::int AS g_count
      FROM (SELECT p, count(rp)::int AS nr_p FROM bp GROUP BY p) s WHERE s.nr_p >= 8 AND ${groupPer} > 0`);
  await timed(client, 'coaching_sessions (group)', async () => {
    const r = await client.query(
      `WITH g AS (SELECT grp.p, grp.nr_p, grp.g_count, g FROM grp, generate_series(0, grp.g_count - 1) g),
       lastm AS (SELECT g.*, b.enrolled AS last_enrolled
                   FROM g JOIN bp b ON b.p = g.p AND b.rp = (floor(g.g * g.nr_p / g.g_count)::int + 7) % g.nr_p)
       ${sessionCols}
       SELECT pg_temp.uid('${tag}sg', l.p * 10000000 + l.g), pg_temp.uid('${tag}prog', l.p),
              LEAST(CURRENT_DATE - 1, l.last_enrolled + 7 + floor(pg_temp.rnd('gd', l.p * 10000000 + l.g) * 60)::int)::timestamptz + interval '13 hours',
              120, 'group_workshop', 'on_site',
              pg_temp.uid('${tag}coach', (SELECT coach_start + l.g % n_coach FROM layout WHERE layout.p = l.p)),
              'Framtidsverkstad', now(), now()
         FROM lastm l`,
    );
    return r.rowCount;
  });
  await timed(client, 'session_attendances (group)', async () => {
    const r = await client.query(
      `INSERT INTO session_attendances (session_id, participant_id, attendance)
       SELECT s.id, pg_temp.uid('${tag}p', b.i),
              CASE WHEN pg_temp.rnd('gatt', b.i * 7 + g.g) < 0.8 THEN 'attended' WHEN pg_temp.rnd('gatt', b.i * 7 + g.g) < 0.93 THEN 'no_show' ELSE 'cancelled' END
         FROM grp CROSS JOIN LATERAL generate_series(0, grp.g_count - 1) g(g)
         CROSS JOIN generate_series(0, 7) j
         JOIN bp b ON b.p = grp.p AND b.rp = (floor(g.g * grp.nr_p / grp.g_count)::int + j) % grp.nr_p
         JOIN coaching_sessions s ON s.id = pg_temp.uid('${tag}sg', grp.p * 10000000 + g.g)
        WHERE s.at::date BETWEEN b.enrolled AND b.win_end`,
    );
    return r.rowCount;
  });

  // Placements: q → participant r = q % nr, k = q / nr; participant r has m = its number of
  // placements and takes slice k of its window [enrolled + 14, min(exit, today + 60)].
  const P_ = o.placements;
  await timed(client, 'placements', () =>
    batched(
      client,
      P_,
      o.batch,
      `WITH q AS (SELECT q, q % $3::int AS r, q / $3::int AS k, (($4::int - 1 - q % $3::int) / $3::int) + 1 AS m
                    FROM generate_series($1::int, $2::int) q),
       s AS (SELECT q.*, b.i, b.exited,
                    b.enrolled + 14 + floor((COALESCE(b.exited, CURRENT_DATE + 60) - b.enrolled - 14) * q.k::float8 / q.m)::int AS start,
                    b.enrolled + 14 + floor((COALESCE(b.exited, CURRENT_DATE + 60) - b.enrolled - 14) * (q.k + 1)::float8 / q.m)::int - 1 AS slice_end
               FROM q JOIN bp b ON b.r = q.r),
       t AS (SELECT s.*, GREATEST(s.start, s.slice_end) AS planned_end,
                    CASE WHEN s.start > CURRENT_DATE THEN 'planned'
                         WHEN GREATEST(s.start, s.slice_end) < CURRENT_DATE OR s.exited IS NOT NULL
                           THEN CASE WHEN pg_temp.rnd('abort', s.q) < 0.1 THEN 'aborted' ELSE 'ended' END
                         ELSE 'active' END AS status
               FROM s)
       INSERT INTO placements (id, participant_id, enterprise_id, kind, start_date, planned_end_date,
         actual_end_date, hours_per_week, status, end_reason, pauses, version, created_at, updated_at)
       SELECT pg_temp.uid('${tag}pl', t.q), pg_temp.uid('${tag}p', t.i),
              pg_temp.uid('${tag}ent', floor(pg_temp.rnd('ent', t.q) * $5::int)::int),
              pg_temp.pick(ARRAY['work_training','work_training','work_training','internship','internship','subsidised_employment','employment'], 'plk', t.q),
              t.start, t.planned_end,
              CASE WHEN t.status = 'ended' THEN LEAST(t.planned_end, CURRENT_DATE - 1)
                   WHEN t.status = 'aborted' THEN LEAST(t.start + (t.planned_end - t.start) / 2, CURRENT_DATE - 1) END,
              (10 + 5 * floor(pg_temp.rnd('hrs', t.q) * 6))::numeric(4,1), t.status,
              CASE WHEN t.status = 'ended' THEN 'completed' WHEN t.status = 'aborted' THEN 'Avbrott' END,
              '[]'::jsonb, 1, t.start::timestamptz - interval '7 days', t.start::timestamptz
         FROM t`,
      [nr, P_, E],
    ),
  );
  await timed(client, 'placement_supervisors', async () => {
    const r = await client.query(
      `INSERT INTO placement_supervisors (placement_id, user_id)
       SELECT pg_temp.uid('${tag}pl', q),
              pg_temp.uid('${tag}sup', floor(pg_temp.rnd('ent', q) * $2::int)::int * 2 + (pg_temp.rnd('psup', q) < 0.5)::int)
         FROM generate_series(0, $1::int - 1) q
        WHERE pg_temp.rnd('nosup', q) >= 0.2`,
      [P_, E],
    );
    return r.rowCount;
  });

  // Follow-ups: on the default grid (weekly for 4 weeks, then every 30 days) with a few days of
  // jitter; ~8 % missed; a quarter of the active placements stopped being followed up 40 days ago
  // (overdue). next_follow_up_due is then computed from what was stored, by the cadence rule.
  await timed(client, 'follow_ups', () =>
    batched(
      client,
      P_,
      Math.max(1000, Math.floor(o.batch / 4)),
      `WITH pl AS (
         SELECT q, pg_temp.uid('${tag}pl', q) AS id FROM generate_series($1::int, $2::int) q),
       p AS (
         SELECT pl.q, x.id, x.start_date, x.status,
                LEAST(CURRENT_DATE, COALESCE(x.actual_end_date, x.planned_end_date)) AS last_day,
                x.status = 'active' AND pg_temp.rnd('stall', pl.q) < 0.25 AS stalled,
                b.coach, pg_temp.uid('${tag}sup', floor(pg_temp.rnd('ent', pl.q) * $4::int)::int * 2) AS sup
           FROM pl JOIN placements x ON x.id = pl.id
           JOIN bp b ON b.r = pl.q % $3::int),
       slots AS (
         SELECT p.*, s, p.start_date + CASE WHEN s < 4 THEN 7 * (s + 1) ELSE 28 + 30 * (s - 3) END
                        + (floor(pg_temp.rnd('fj', p.q * 64 + s) * 6)::int - 2) AS d
           FROM p, generate_series(0, 4 + GREATEST(0, (p.last_day - p.start_date) / 30)) s)
       INSERT INTO follow_ups (id, placement_id, date, author_id, mode, days_present, days_absent, wellbeing, notes, concern, created_at)
       SELECT pg_temp.uid('${tag}fu', slots.q * 64 + s), slots.id, slots.d,
              CASE WHEN pg_temp.rnd('fa', slots.q * 64 + s) < 0.6 THEN pg_temp.uid('${tag}coach', slots.coach) ELSE slots.sup END,
              pg_temp.pick(ARRAY['visit','visit','digital','phone'], 'fm', slots.q * 64 + s),
              CASE WHEN s < 4 THEN 4 ELSE 16 END - floor(pg_temp.rnd('fab', slots.q * 64 + s) * 3)::int,
              floor(pg_temp.rnd('fab', slots.q * 64 + s) * 3)::int,
              1 + floor(pg_temp.rnd('fw', slots.q * 64 + s) * 5)::int,
              CASE WHEN pg_temp.rnd('fn', slots.q * 64 + s) < 0.3 THEN 'Går bra, trivs med arbetsuppgifterna.' END,
              pg_temp.rnd('fc', slots.q * 64 + s) < 0.05,
              slots.d::timestamptz + interval '15 hours'
         FROM slots
        WHERE slots.status <> 'planned' AND slots.d >= slots.start_date AND slots.d <= slots.last_day
          AND pg_temp.rnd('fmiss', slots.q * 64 + s) >= 0.08
          AND NOT (slots.stalled AND slots.d > CURRENT_DATE - 40)`,
      [nr, E],
    ),
  );

  // next_follow_up_due by the rule of libs/domain followUpStatus (no pauses are seeded):
  // last = the latest follow-up in [start, min(today, end)], else the start; next = last + the
  // initial interval while that stays within the first initialWeeks weeks, else + the later
  // interval; null once today or next is past the end, and null for ended/aborted placements.
  await timed(client, 'next_follow_up_due', async () => {
    const r = await client.query(
      `WITH c AS (
         SELECT pl.id, pl.start_date,
                CASE WHEN COALESCE(pl.actual_end_date, pl.planned_end_date) < pl.start_date THEN pl.start_date
                     ELSE COALESCE(pl.actual_end_date, pl.planned_end_date) END AS end_date,
                COALESCE((pr.follow_up_cadence->>'initialWeeks')::int, 4) AS weeks,
                COALESCE((pr.follow_up_cadence->>'initialIntervalDays')::int, 7) AS ini,
                COALESCE((pr.follow_up_cadence->>'laterIntervalDays')::int, 30) AS later
           FROM placements pl JOIN participants pa ON pa.id = pl.participant_id
           JOIN programmes pr ON pr.id = pa.programme_id
          WHERE pl.status NOT IN ('ended', 'aborted') AND pr.name LIKE 'Bench ${run}-%'),
       l AS (
         SELECT c.*, COALESCE((SELECT max(f.date) FROM follow_ups f WHERE f.placement_id = c.id
                                 AND f.date >= c.start_date AND f.date <= LEAST(CURRENT_DATE, c.end_date)), c.start_date) AS last_done
           FROM c),
       n AS (
         SELECT l.*, l.last_done + CASE WHEN (l.last_done - l.start_date) + l.ini <= l.weeks * 7 THEN l.ini ELSE l.later END AS candidate
           FROM l)
       UPDATE placements pl
          SET next_follow_up_due = CASE WHEN CURRENT_DATE > n.end_date OR n.candidate > n.end_date THEN NULL ELSE n.candidate END
         FROM n WHERE pl.id = n.id`,
    );
    return r.rowCount;
  });

  // Check-ins: q → participant r = q % nr, k = q / nr: occasion k / 2 (start, then every ~90
  // days, the last one at exit for those who left), rater participant (even k) or coach (odd k).
  await timed(client, 'check_ins', async () => {
    const [{ id: instrumentId }] = (
      await client.query(
        `SELECT id FROM instruments WHERE key = 'stegvis' AND version = 1 AND programme_id IS NULL`,
      )
    ).rows;
    return batched(
      client,
      o.checkIns,
      o.batch,
      `WITH q AS (SELECT q, q % $3::int AS r, (q / $3::int) / 2 AS occ, (q / $3::int) % 2 AS rater FROM generate_series($1::int, $2::int) q),
       d AS (SELECT q.*, b.i, b.coach, b.exited, LEAST(b.win_end, b.enrolled + 5 + q.occ * 90) AS date
               FROM q JOIN bp b ON b.r = q.r)
       INSERT INTO check_ins (id, participant_id, instrument_id, occasion, rater, date, scores, ladder, created_by, created_at)
       SELECT pg_temp.uid('${tag}ci', d.q), pg_temp.uid('${tag}p', d.i), $4::uuid,
              CASE WHEN d.occ = 0 THEN 'start' WHEN d.exited IS NOT NULL AND d.date = d.exited THEN 'exit' ELSE 'during' END,
              CASE WHEN d.rater = 0 THEN 'participant' ELSE 'coach' END, d.date,
              (SELECT jsonb_object_agg(ind, LEAST(5, GREATEST(1, 1 + floor(pg_temp.rnd('base' || ind, d.i) * 3)::int + d.occ
                        - (pg_temp.rnd('dip' || ind, d.q) < 0.2)::int)))
                 FROM unnest(${sqlArray(INDICATORS)}) ind),
              LEAST(4, 1 + d.occ), pg_temp.uid('${tag}coach', d.coach), d.date::timestamptz + interval '11 hours'
         FROM d`,
      [nr, instrumentId],
    );
  });

  process.stdout.write('  ANALYZE …\n');
  await client.query('ANALYZE');
  const total = stats.reduce((a, s) => a + s.rows, 0);
  const seconds = (Date.now() - t0) / 1000;
  process.stdout.write(
    `Done: ${total} rows in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} rows/s overall).\n` +
      `Log in with password "${BENCH_PASSWORD}" as coach-${run}-0@bench.stegvis.se (programme 0), ` +
      `lead-${run}-0@bench.stegvis.se, supervisor-${run}-0-0@bench.stegvis.se.\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`seed:large failed: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
