// An integrator's script, written strictly against a client generated from the served OpenAPI
// document: `paths` comes from openapi-typescript, the calls from openapi-fetch. It is compiled
// with `tsc --strict` (no `any`, no casts) and run against a live app by
// backend/test/openapi-contract.int-spec.ts; see docs/api.md to run it by hand.
//
//   STEGVIS_URL=http://localhost:3000 STEGVIS_EMAIL=… STEGVIS_PASSWORD=… STEGVIS_PROGRAMME_ID=… \
//     node client-journey.js
//
// It prints one JSON line per step.
import createClient from 'openapi-fetch';
import type { paths } from './stegvis-api';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function step(name: string, facts: Record<string, string | number | boolean | null>): void {
  console.log(JSON.stringify({ step: name, ...facts }));
}

/** The current calendar half-year: the report period of the API. */
function currentHalfYear(): { from: string; to: string } {
  const today = new Date();
  const year = today.getUTCFullYear();
  return today.getUTCMonth() < 6
    ? { from: `${year}-01-01`, to: `${year}-06-30` }
    : { from: `${year}-07-01`, to: `${year}-12-31` };
}

async function main(): Promise<void> {
  const baseUrl = env('STEGVIS_URL');
  const programmeId = env('STEGVIS_PROGRAMME_ID');

  const anonymous = createClient<paths>({ baseUrl });
  const login = await anonymous.POST('/api/auth/login', {
    body: { email: env('STEGVIS_EMAIL'), password: env('STEGVIS_PASSWORD') },
  });
  if (!login.data) throw new Error(`login: ${login.response.status} ${login.error.message}`);
  step('login', { role: login.data.user.role, status: login.response.status });

  const api = createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${login.data.accessToken}` },
  });

  const list = await api.GET('/api/participants', {
    params: { query: { programmeId, limit: 10 } },
  });
  if (!list.data) throw new Error(`list: ${list.error.statusCode} ${list.error.message}`);
  const first = list.data.items[0];
  if (!first) throw new Error('list: no participants');
  step('listParticipants', { count: list.data.items.length, firstId: first.id });

  const missing = await api.GET('/api/participants/{id}', {
    params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
  });
  step('getMissingParticipant', {
    status: missing.response.status,
    error: missing.error?.error ?? null,
  });

  const timeline = await api.GET('/api/participants/{id}/timeline', {
    params: { path: { id: first.id }, query: { limit: 20 } },
  });
  if (!timeline.data) throw new Error(`timeline: ${timeline.error.message}`);
  step('getTimeline', {
    events: timeline.data.items.length,
    newest: timeline.data.items[0]?.kind ?? null,
  });

  const plan = await api.GET('/api/participants/{id}/action-plan', {
    params: { path: { id: first.id } },
  });
  if (!plan.data) throw new Error(`plan: ${plan.error.message}`);
  const etag = plan.response.headers.get('ETag');
  if (etag === null) throw new Error('plan: no ETag');
  // A coach gets the whole plan; a supervisor's view has no goal.
  const goal = 'goal' in plan.data ? plan.data.goal : '';
  step('getActionPlan', { version: plan.data.version, etag, steps: plan.data.steps.length });

  const saved = await api.PUT('/api/participants/{id}/action-plan', {
    params: { path: { id: first.id }, header: { 'If-Match': etag } },
    body: {
      goal: goal || 'Arbete inom ett år',
      steps: [
        ...plan.data.steps.map((s) => ({ id: s.id, text: s.text, status: s.status })),
        { text: 'Besöka arbetsförmedlingen', status: 'planned' as const, dueDate: null },
      ],
    },
  });
  if (!saved.data) throw new Error(`save: ${saved.error.statusCode} ${saved.error.message}`);
  step('saveActionPlan', {
    version: saved.data.version,
    etag: saved.response.headers.get('ETag'),
    steps: saved.data.steps.length,
  });

  const stale = await api.PUT('/api/participants/{id}/action-plan', {
    params: { path: { id: first.id }, header: { 'If-Match': etag } },
    body: { goal: 'En gammal version', steps: [] },
  });
  step('saveStaleActionPlan', {
    status: stale.response.status,
    currentVersion:
      stale.error && typeof stale.error.current === 'object' && stale.error.current !== null
        ? 'version' in stale.error.current
          ? String(stale.error.current.version)
          : null
        : null,
  });

  const idempotencyKey = crypto.randomUUID();
  const session = {
    at: new Date().toISOString(),
    durationMinutes: 45,
    kind: 'individual_coaching' as const,
    mode: 'on_site' as const,
    participants: [{ participantId: first.id, attendance: 'attended' as const }],
  };
  const created = await api.POST('/api/coaching-sessions', {
    params: { header: { 'Idempotency-Key': idempotencyKey } },
    body: session,
  });
  if (!created.data) throw new Error(`session: ${created.error.message}`);
  const retried = await api.POST('/api/coaching-sessions', {
    params: { header: { 'Idempotency-Key': idempotencyKey } },
    body: session,
  });
  step('createCoachingSession', {
    status: created.response.status,
    id: created.data.id,
    durationMinutes: created.data.durationMinutes,
    retryId: retried.data?.id ?? null,
    replayed: retried.response.headers.get('Idempotent-Replayed'),
  });

  const period = currentHalfYear();
  const report = await api.GET('/api/programmes/{id}/report', {
    params: { path: { id: programmeId }, query: { ...period, format: 'csv' } },
    parseAs: 'text',
  });
  if (report.data === undefined) throw new Error(`report: ${report.error.message}`);
  step('getProgrammeReportCsv', {
    status: report.response.status,
    contentType: report.response.headers.get('Content-Type'),
    bytes: report.data.length,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
