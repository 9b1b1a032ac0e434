import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { Factories, TEST_PASSWORD } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const root = resolve(__dirname, '..', '..');
const JOURNEY = join(root, 'scripts', 'openapi-client', 'client-journey.ts');

interface Operation {
  operationId?: string;
  requestBody?: { content: Record<string, unknown> };
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: { format?: string } }[];
  responses: Record<string, { $ref?: string; content?: Record<string, unknown> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

/** Runs @redocly/cli as CI does, offline: no telemetry, no update check. */
export function redoclyLint(file: string): { errors: number; warnings: number; output: string } {
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'),
      'lint',
      file,
      '--config',
      join(root, 'redocly.yaml'),
      '--format',
      'json',
    ],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  const json = result.stdout.slice(result.stdout.indexOf('{'));
  const report = JSON.parse(json) as { totals: { errors: number; warnings: number } };
  return { ...report.totals, output: json };
}

describe('the OpenAPI document as a contract', () => {
  let t: TestApp;
  let document: Document;
  let work: string;
  let programmeId: string;
  let coachEmail: string;

  beforeAll(async () => {
    t = await startTestApp();
    const factories = new Factories(t.dataSource);
    const programme = await factories.programme();
    programmeId = programme.id;
    const coach = await factories.user('coach', { programmeIds: [programme.id] });
    coachEmail = coach.email;
    await factories.participant(programme.id, { responsibleCoachId: coach.id });
    // Inside the repository, so that the compiled script finds openapi-fetch in node_modules.
    const cache = join(root, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    work = mkdtempSync(join(cache, 'openapi-contract-'));
    const response = await fetch(`${t.baseUrl}/api/docs/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as Document;
    writeFileSync(join(work, 'openapi.json'), JSON.stringify(document, null, 2));
    if (process.env['OPENAPI_DUMP'])
      writeFileSync(process.env['OPENAPI_DUMP'], JSON.stringify(document, null, 2));
  });

  afterAll(async () => {
    await t?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const operations = (): [string, string, Operation][] =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]): [string, string, Operation] => [path, method, op]),
    );

  it('passes redocly lint with no errors', () => {
    const lint = redoclyLint(join(work, 'openapi.json'));
    // The report names each problem when there are any.
    expect(lint.errors === 0 ? 0 : lint.output).toBe(0);
  });

  it('names every operation readably, says how to authenticate and which errors come', () => {
    const ids = operations().map(([, , op]) => op.operationId ?? '');
    expect(ids.every((id) => /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [path, method, op] of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      expect({ where, security: Array.isArray(op.security) }).toEqual({ where, security: true });
      const errors = Object.keys(op.responses).filter((status) => /^4/.test(status));
      if (op.security?.length)
        expect({ where, errors }).toMatchObject({
          where,
          errors: expect.arrayContaining(['401', '403']),
        });
    }
    const byId = new Map(operations().map(([, , op]) => [op.operationId, op]));
    expect(byId.get('login')?.security).toEqual([]);
    expect(byId.get('getHealth')?.security).toEqual([]);
    expect(byId.get('listParticipants')?.security).toEqual([{ bearer: [] }, { session: [] }]);
    const save = byId.get('saveActionPlan');
    expect(save?.parameters).toContainEqual(
      expect.objectContaining({ name: 'If-Match', in: 'header', required: true }),
    );
    expect(Object.keys(save?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '428']),
    );
    expect(byId.get('createCoachingSession')?.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    );
    expect(byId.get('getParticipant')?.parameters).toContainEqual(
      expect.objectContaining({
        name: 'id',
        in: 'path',
        schema: { type: 'string', format: 'uuid' },
      }),
    );
    expect(Object.keys(byId.get('importParticipants')?.requestBody?.content ?? {})).toContain(
      'text/csv',
    );
    expect(Object.keys(byId.get('exportProgramme')?.responses['200']?.content ?? {})).toEqual([
      'text/csv; charset=utf-8',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });

  it('keeps the committed contract schemas in step with libs/contracts and the controllers', () => {
    const check = spawnSync(
      process.execPath,
      [join(root, 'scripts', 'openapi-schemas.mjs'), '--check'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('runs a strictly typed script on a client generated from the served document', async () => {
    // openapi-typescript's Node API, on the document as served.
    const generate = spawnSync(
      process.execPath,
      [
        join(root, 'scripts', 'openapi-client', 'generate-types.mjs'),
        join(work, 'openapi.json'),
        join(work, 'stegvis-api.ts'),
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(generate.stderr).toBe('');
    expect(generate.status).toBe(0);
    const source = readFileSync(JOURNEY, 'utf8');
    // Written strictly: no `any`, no casts through unknown, no suppressed errors.
    expect(source).not.toMatch(
      /:\s*any\b|\bas any\b|<any>|\bany\[\]|as unknown|@ts-(ignore|expect-error|nocheck)/,
    );
    copyFileSync(JOURNEY, join(work, 'client-journey.ts'));

    const program = ts.createProgram([join(work, 'client-journey.ts')], {
      strict: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
      skipLibCheck: true,
      outDir: join(work, 'out'),
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    expect(program.emit().emitSkipped).toBe(false);

    // Asynchronously: the app answers from this process.
    const run = await promisify(execFile)(
      process.execPath,
      [join(work, 'out', 'client-journey.js')],
      {
        cwd: work,
        encoding: 'utf8',
        env: {
          ...process.env,
          STEGVIS_URL: t.baseUrl,
          STEGVIS_EMAIL: coachEmail,
          STEGVIS_PASSWORD: TEST_PASSWORD,
          STEGVIS_PROGRAMME_ID: programmeId,
        },
      },
    );
    expect(run.stderr).toBe('');
    const steps = Object.fromEntries(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .map((line) => [line['step'], line]),
    ) as Record<string, Record<string, unknown>>;
    expect(steps['login']).toMatchObject({ role: 'coach', status: 200 });
    expect(steps['listParticipants']).toMatchObject({ count: 1 });
    expect(steps['getMissingParticipant']).toEqual({
      step: 'getMissingParticipant',
      status: 404,
      error: 'Not Found',
    });
    expect(steps['getTimeline']?.['events']).toBeGreaterThan(0);
    expect(steps['getActionPlan']).toMatchObject({ version: 0, etag: '"0"' });
    expect(steps['saveActionPlan']).toMatchObject({ version: 1, etag: '"1"', steps: 1 });
    expect(steps['saveStaleActionPlan']).toMatchObject({ status: 409, currentVersion: '1' });
    expect(steps['createCoachingSession']).toMatchObject({
      status: 201,
      durationMinutes: 45,
      replayed: 'true',
    });
    expect(steps['createCoachingSession']?.['retryId']).toBe(
      steps['createCoachingSession']?.['id'],
    );
    expect(steps['getProgrammeReportCsv']).toMatchObject({
      status: 200,
      contentType: 'text/csv; charset=utf-8',
    });
    expect(steps['getProgrammeReportCsv']?.['bytes']).toBeGreaterThan(100);
  });
});
