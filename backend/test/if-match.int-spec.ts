import type { ApiError } from '@stegvis/contracts';
import { Factories } from './support/factories';
import { daysFromToday, placementScene } from './support/placements-factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * Optimistic locking is one mechanism (shared/STYLE.md): one If-Match parser (@IfMatch) and one
 * 409 body with the record as it is now in `current`, on every route that takes a version.
 */
describe('If-Match: one parser, one 409', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });

  afterAll(async () => t.close());

  /** Each versioned route of one scene, with a body that changes something. */
  async function routes() {
    const s = await placementScene(client, factories);
    const placement = await factories.placement(s.participantId, s.enterpriseId, [], {
      startDate: daysFromToday(-10),
    });
    const exited = await factories.participant(s.programmeId, {
      status: 'exited',
      exitedAt: daysFromToday(-5),
      exitReason: 'work',
    });
    const plan = await client.request('PUT', `/api/participants/${s.participantId}/action-plan`, {
      token: s.coach.token,
      headers: { 'if-match': '0' },
      body: { goal: 'Mål', steps: [] },
    });
    expect(plan.status).toBe(200);
    return {
      token: s.coach.token,
      calls: [
        ['PATCH', `/api/participants/${s.participantId}`, { municipality: 'Lund' }],
        ['POST', `/api/participants/${exited.id}/reopening`, { reason: 'Fel datum' }],
        ['PATCH', `/api/placements/${placement.id}`, { hoursPerWeek: 10 }],
        ['PUT', `/api/participants/${s.participantId}/action-plan`, { goal: 'Nytt', steps: [] }],
      ] as const,
    };
  }

  it('refuses a value that is not a version with the same 400 on every route', async () => {
    const { token, calls } = await routes();
    for (const [method, path, body] of calls) {
      for (const bad of ['abc', '*', '-1', '1.5', 'W/"1"']) {
        const reply = await client.request<ApiError>(method, path, {
          token,
          body,
          headers: { 'if-match': bad },
        });
        expect({ path, bad, status: reply.status, fields: reply.body.fields }).toEqual({
          path,
          bad,
          status: 400,
          fields: { 'If-Match': ['If-Match must be the version you edited, e.g. "3".'] },
        });
      }
    }
  });

  it('answers a stale version with the same 409 body, the current record in `current`', async () => {
    const { token, calls } = await routes();
    for (const [method, path, body] of calls) {
      const reply = await client.request<ApiError & { current?: { version?: number } }>(
        method,
        path,
        { token, body, headers: { 'if-match': '"7"' } },
      );
      expect({
        path,
        status: reply.status,
        keys: Object.keys(reply.body).sort(),
        version: typeof reply.body.current?.version,
      }).toEqual({
        path,
        status: 409,
        keys: ['current', 'error', 'message', 'statusCode'],
        version: 'number',
      });
    }
  });
});
