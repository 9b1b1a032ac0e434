import type {
  ActionPlan,
  ActionPlanDiff,
  ActionPlanRevision,
  ApiError,
  Page,
} from '@stegvis/contracts';
import { randomUUID } from 'node:crypto';
import { planStep, savedPlan } from './support/action-plan-factories';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

type Conflict = ApiError & { current?: ActionPlan };

describe('action plans through HTTP', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  /** A programme with a logged-in coach and one consenting participant. */
  async function setup() {
    const programme = await factories.programme();
    const { user: coach, token } = await factories.loggedIn(client, 'coach', {
      programmeIds: [programme.id],
    });
    const participant = await factories.participant(programme.id);
    const path = `/api/participants/${participant.id}/action-plan`;
    const put = (body: unknown, version: number | string | undefined, as = token) =>
      client.request<ActionPlan>('PUT', path, {
        token: as,
        body,
        headers: version === undefined ? {} : { 'if-match': String(version) },
      });
    return { programme, coach, token, participant, path, put };
  }

  const body = (goal: string, steps: object[] = []) => ({ goal, steps });

  describe('reading and saving', () => {
    it('reads a plan never saved as version 0, empty, with no next step', async () => {
      const { token, participant, path } = await setup();
      const reply = await client.request<ActionPlan>('GET', path, { token });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        participantId: participant.id,
        version: 0,
        goal: '',
        steps: [],
        nextStep: null,
        updatedAt: null,
        updatedBy: null,
      });
      expect(reply.headers.get('etag')).toBe('"0"');
    });

    it('saves first from version 0, then with the current version; keeps given step ids and makes new ones', async () => {
      const { coach, token, path, put } = await setup();
      const first = await put(
        body('Arbete inom handeln', [
          { text: 'Praktik', status: 'planned', dueDate: '2026-05-01' },
        ]),
        0,
      );
      expect(first.status).toBe(200);
      expect(first.headers.get('etag')).toBe('"1"');
      expect(first.body).toMatchObject({
        version: 1,
        goal: 'Arbete inom handeln',
        updatedBy: coach.id,
      });
      const stepId = first.body.steps[0]?.id;
      expect(stepId).toMatch(/^[0-9a-f-]{36}$/);
      expect(first.body.steps[0]).toEqual({
        id: stepId,
        text: 'Praktik',
        status: 'planned',
        dueDate: '2026-05-01',
        responsible: null,
        concernsPlacement: false,
      });

      const second = await put(
        body('Arbete inom handeln', [
          { id: stepId, text: 'Praktik', status: 'done', dueDate: '2026-05-01' },
          { text: 'Söka jobb', status: 'planned', responsible: 'deltagaren' },
        ]),
        '"1"',
      );
      expect(second.status).toBe(200);
      expect(second.body.version).toBe(2);
      expect(second.body.steps[0]?.id).toBe(stepId);
      expect(second.body.steps[1]?.id).not.toBe(stepId);
      expect((await client.request<ActionPlan>('GET', path, { token })).body).toEqual(second.body);
    });

    it('derives the next step: the first open step by due date, dated before undated', async () => {
      const { put } = await setup();
      const reply = await put(
        body('Mål', [
          { text: 'Klart', status: 'done', dueDate: '2026-01-01' },
          { text: 'Utan datum', status: 'planned' },
          { text: 'Senare', status: 'planned', dueDate: '2026-09-01' },
          { text: 'Snart', status: 'in_progress', dueDate: '2026-04-01' },
          { text: 'Struket', status: 'dropped', dueDate: '2026-02-01' },
        ]),
        0,
      );
      expect(reply.body.nextStep?.text).toBe('Snart');
    });

    it('refuses a stale version with 409 and the current plan, and audits that read', async () => {
      const { coach, participant, put } = await setup();
      await put(body('Första'), 0);
      await put(body('Andra'), 1);
      const stale = await client.request<Conflict>(
        'PUT',
        `/api/participants/${participant.id}/action-plan`,
        {
          token: (
            await factories.loggedIn(client, 'coach', { programmeIds: [participant.programmeId] })
          ).token,
          body: body('Tredje'),
          headers: { 'if-match': '1' },
        },
      );
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(stale.body.message).toMatch(/version 2/);
      expect(stale.body.current).toMatchObject({ version: 2, goal: 'Andra', updatedBy: coach.id });
      // A first save on a plan that exists is just as stale.
      expect((await put(body('Igen'), 0)).status).toBe(409);
      // A version from the future too.
      expect((await put(body('Igen'), 7)).status).toBe(409);
      const audited = (await t.dataSource.query(
        `SELECT action, detail->>'outcome' AS outcome FROM audit_log
          WHERE entity = 'actionPlan' AND entity_id = $1 AND detail->>'outcome' IS NOT NULL`,
        [participant.id],
      )) as { action: string; outcome: string }[];
      expect(audited).toContainEqual({ action: 'read', outcome: 'stale-version' });
    });

    it('answers 428 without If-Match and 400 for one that is not a version', async () => {
      const { put } = await setup();
      const missing = await put(body('Mål'), undefined);
      expect(missing.status).toBe(428);
      expect((missing.body as unknown as ApiError).message).toMatch(/If-Match/);
      for (const bad of ['*', 'abc', '-1', '1.5', 'W/"1"']) {
        const reply = await put(body('Mål'), bad);
        expect({ bad, status: reply.status }).toEqual({ bad, status: 400 });
        expect((reply.body as unknown as ApiError).fields).toHaveProperty(['If-Match']);
      }
    });

    it('lets exactly one of 20 concurrent saves of the same version win; the others get 409', async () => {
      const { participant, put } = await setup();
      await put(body('Start'), 0);
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) => put(body(`Samtidig ${i}`), 1)),
      );
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      const winner = replies.find((r) => r.status === 200)?.body;
      for (const loser of replies.filter((r) => r.status === 409)) {
        expect((loser.body as unknown as Conflict).current?.version).toBeGreaterThanOrEqual(2);
      }
      const rows = (await t.dataSource.query(
        'SELECT version, goal FROM action_plan_revisions WHERE participant_id = $1 ORDER BY version',
        [participant.id],
      )) as { version: number; goal: string }[];
      expect(rows).toEqual([
        { version: 1, goal: 'Start' },
        { version: 2, goal: winner?.goal },
      ]);
    });

    it('lets exactly one of 20 concurrent first saves win', async () => {
      const { participant, put } = await setup();
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) => put(body(`Först ${i}`), 0)),
      );
      expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
      expect(replies.filter((r) => r.status === 409)).toHaveLength(19);
      const [count] = (await t.dataSource.query(
        'SELECT count(*)::int AS n FROM action_plan_revisions WHERE participant_id = $1',
        [participant.id],
      )) as { n: number }[];
      expect(count?.n).toBe(1);
    });
  });

  describe('validation', () => {
    it('answers 400 with field messages', async () => {
      const { put } = await setup();
      const cases: [unknown, string][] = [
        [{ steps: [] }, 'goal'],
        [{ goal: 'x' }, 'steps'],
        [body('x', [{ text: '', status: 'planned' }]), 'steps.0.text'],
        [body('x', [{ text: '   ', status: 'planned' }]), 'steps.0.text'],
        [body('x', [{ text: 'a'.repeat(1001), status: 'planned' }]), 'steps.0.text'],
        [body('x', [{ text: 'ok', status: 'finished' }]), 'steps.0.status'],
        [body('x', [{ text: 'ok', status: 'planned', dueDate: '2026-02-30' }]), 'steps.0.dueDate'],
        [body('x', [{ text: 'ok', status: 'planned', dueDate: '1/5/2026' }]), 'steps.0.dueDate'],
        [body('x', [{ text: 'ok', status: 'planned', id: 'not-a-uuid' }]), 'steps.0.id'],
        [
          body('x', [{ text: 'ok', status: 'planned', concernsPlacement: 'yes' }]),
          'steps.0.concernsPlacement',
        ],
        [body('x', [{ text: 'ok', status: 'planned', colour: 'red' }]), 'steps.0.colour'],
        [{ ...body('x'), extra: 1 }, 'extra'],
        [
          body(
            'x',
            Array.from({ length: 101 }, () => ({ text: 'ok', status: 'planned' })),
          ),
          'steps',
        ],
      ];
      for (const [payload, field] of cases) {
        const reply = await put(payload, 0);
        expect({ field, status: reply.status }).toEqual({ field, status: 400 });
        expect((reply.body as unknown as ApiError).fields).toHaveProperty([field]);
      }
    });

    it('accepts 100 steps and refuses two steps with the same id', async () => {
      const { put } = await setup();
      const saved = await put(body('x', [{ text: 'a', status: 'planned' }]), 0);
      const id = saved.body.steps[0]?.id;
      const twice = await put(
        body('x', [
          { id, text: 'a', status: 'planned' },
          { id, text: 'b', status: 'planned' },
        ]),
        1,
      );
      expect(twice.status).toBe(400);
      expect((twice.body as unknown as ApiError).fields).toEqual({
        'steps.1.id': ['Two steps have the same id.'],
      });
      const hundred = await put(
        body(
          'x',
          Array.from({ length: 100 }, (_, i) => ({ text: `Steg ${i}`, status: 'planned' })),
        ),
        1,
      );
      expect(hundred.status).toBe(200);
      expect(hundred.body.steps).toHaveLength(100);
    });
  });

  describe('step ids', () => {
    /** The plan's version and number of revisions straight from the database. */
    async function stored(participantId: string) {
      const [row] = (await t.dataSource.query(
        `SELECT (SELECT version FROM action_plans WHERE participant_id = $1) AS version,
                (SELECT count(*)::int FROM action_plan_revisions WHERE participant_id = $1) AS revisions`,
        [participantId],
      )) as { version: number | null; revisions: number }[];
      return row;
    }

    it("refuses another plan's step id (or an unknown one) with 400 on the field, and saves nothing", async () => {
      const victim = await setup();
      const planted = await victim.put(
        body('Offrets mål', [{ text: 'Offrets steg', status: 'planned' }]),
        0,
      );
      const victimStepId = planted.body.steps[0]?.id;
      expect(victimStepId).toBeDefined();

      // The attacker is a coach too, of their own participant.
      const { participant, put } = await setup();
      const first = await put(
        body('x', [
          { text: 'Ny', status: 'planned' },
          { text: 'Ny igen', status: 'planned' },
          { id: victimStepId, text: 'Kapat', status: 'planned' },
        ]),
        0,
      );
      expect(first.status).toBe(400);
      expect((first.body as unknown as ApiError).fields).toEqual({
        'steps.2.id': [expect.stringMatching(/does not belong to this plan/)],
      });
      expect(await stored(participant.id)).toEqual({ version: null, revisions: 0 });

      const own = await put(body('Mitt mål', [{ text: 'Mitt steg', status: 'planned' }]), 0);
      expect(own.status).toBe(200);
      for (const id of [victimStepId, randomUUID()]) {
        const later = await put(
          body('Mitt mål', [...own.body.steps, { id, text: 'Kapat', status: 'planned' }]),
          1,
        );
        expect(later.status).toBe(400);
        expect(Object.keys((later.body as unknown as ApiError).fields ?? {})).toEqual([
          'steps.1.id',
        ]);
      }
      expect(await stored(participant.id)).toEqual({ version: 1, revisions: 1 });
      // The victim's plan is untouched.
      expect(await stored(victim.participant.id)).toEqual({ version: 1, revisions: 1 });
    });

    it("gives new steps a server id, keeps existing ids, and takes back a step from the plan's own history", async () => {
      const { put } = await setup();
      const v1 = await put(
        body('Mål', [
          { text: 'Kvar', status: 'planned' },
          { text: 'Tas bort', status: 'planned' },
        ]),
        0,
      );
      const [kept, removed] = v1.body.steps;
      const v2 = await put(
        body('Mål', [
          { ...kept, status: 'done' },
          { text: 'Nytt', status: 'planned' },
        ]),
        1,
      );
      expect(v2.status).toBe(200);
      expect(v2.body.steps[0]).toMatchObject({ id: kept?.id, status: 'done' });
      const added = v2.body.steps[1]?.id;
      expect(added).toMatch(/^[0-9a-f-]{36}$/);
      expect([kept?.id, removed?.id]).not.toContain(added);
      // A coach who still had the removed step open keeps it ("keep mine" after a conflict).
      const v3 = await put(body('Mål', [...v2.body.steps, { ...removed }]), 2);
      expect(v3.status).toBe(200);
      expect(v3.body.steps.map((s) => s.id)).toEqual([kept?.id, added, removed?.id]);
    });
  });

  describe('revisions and diff', () => {
    it('lists revisions newest first, page by page, and reads one back', async () => {
      const { token, path, put } = await setup();
      for (let v = 0; v < 5; v++) expect((await put(body(`Mål ${v + 1}`), v)).status).toBe(200);
      const first = await client.request<Page<ActionPlanRevision>>(
        'GET',
        `${path}/revisions?limit=2`,
        { token },
      );
      expect(first.status).toBe(200);
      expect(first.body.items.map((r) => r.version)).toEqual([5, 4]);
      const seen = [...first.body.items];
      let cursor = first.body.nextCursor;
      while (cursor) {
        const next = await client.request<Page<ActionPlanRevision>>(
          'GET',
          `${path}/revisions?limit=2&cursor=${cursor}`,
          { token },
        );
        seen.push(...next.body.items);
        cursor = next.body.nextCursor;
      }
      expect(seen.map((r) => r.version)).toEqual([5, 4, 3, 2, 1]);
      expect(seen.map((r) => r.goal)).toEqual(['Mål 5', 'Mål 4', 'Mål 3', 'Mål 2', 'Mål 1']);

      const one = await client.request<ActionPlanRevision>('GET', `${path}/revisions/3`, { token });
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ version: 3, goal: 'Mål 3', steps: [] });
      for (const missing of ['6', '0', 'x', '1e2']) {
        expect(
          (await client.request('GET', `${path}/revisions/${missing}`, { token })).status,
        ).toBe(404);
      }
      expect(
        (await client.request('GET', `${path}/revisions?cursor=bogus`, { token })).status,
      ).toBe(400);
    });

    it('diffs two revisions: steps added, removed, changed field by field, and the goal', async () => {
      const { token, path, put } = await setup();
      const v1 = await put(
        body('Jobb', [
          { text: 'Behålls', status: 'planned' },
          { text: 'Ändras', status: 'planned', dueDate: '2026-05-01' },
          { text: 'Tas bort', status: 'planned' },
        ]),
        0,
      );
      const [kept, edited, dropped] = v1.body.steps;
      await put(
        body('Jobb i butik', [
          kept,
          { ...edited, status: 'in_progress', dueDate: '2026-06-01', responsible: 'coach' },
          { text: 'Ny', status: 'planned' },
        ]),
        1,
      );
      const diff = await client.request<ActionPlanDiff>('GET', `${path}/diff?from=1&to=2`, {
        token,
      });
      expect(diff.status).toBe(200);
      expect(diff.body).toMatchObject({
        from: 1,
        to: 2,
        goalChanged: true,
        goal: { from: 'Jobb', to: 'Jobb i butik' },
        reordered: false,
      });
      expect(diff.body.added.map((s) => s.text)).toEqual(['Ny']);
      expect(diff.body.removed).toEqual([dropped]);
      expect(diff.body.changed).toEqual([
        {
          id: edited?.id,
          step: expect.objectContaining({ id: edited?.id, status: 'in_progress' }),
          changes: [
            { field: 'status', from: 'planned', to: 'in_progress' },
            { field: 'dueDate', from: '2026-05-01', to: '2026-06-01' },
            { field: 'responsible', from: null, to: 'coach' },
          ],
        },
      ]);
      const fromEmpty = await client.request<ActionPlanDiff>('GET', `${path}/diff?from=0&to=1`, {
        token,
      });
      expect(fromEmpty.body.added).toHaveLength(3);
      expect((await client.request('GET', `${path}/diff?from=1&to=9`, { token })).status).toBe(404);
      const bad = await client.request<ApiError>('GET', `${path}/diff?from=-1&to=x`, { token });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.fields ?? {}).sort()).toEqual(['from', 'to']);
    });
  });

  describe('scope', () => {
    it('answers 404 to a coach of another programme, for reads, saves and history alike', async () => {
      const { participant, path, put } = await setup();
      await put(body('Mål'), 0);
      const other = await factories.programme();
      const { token } = await factories.loggedIn(client, 'coach', { programmeIds: [other.id] });
      for (const [method, p] of [
        ['GET', path],
        ['GET', `${path}/revisions`],
        ['GET', `${path}/revisions/1`],
        ['GET', `${path}/diff?from=0&to=1`],
      ] as const) {
        expect({ p, status: (await client.request(method, p, { token })).status }).toEqual({
          p,
          status: 404,
        });
      }
      const save = await client.request('PUT', path, {
        token,
        body: body('Kapat'),
        headers: { 'if-match': '1' },
      });
      expect(save.status).toBe(404);
      const unknown = `/api/participants/${randomUUID()}/action-plan`;
      expect((await client.request('GET', unknown, { token })).status).toBe(404);
      expect(participant.id).toBeDefined();
    });

    it('shows a supervisor only the steps that concern the placement, no goal, no author', async () => {
      const { coach, participant, path, put } = await setup();
      const enterprise = await factories.enterprise();
      const { user: supervisor, token } = await factories.loggedIn(client, 'supervisor', {
        enterpriseId: enterprise.id,
      });
      await factories.placement(participant.id, enterprise.id, [supervisor.id]);
      await put(
        body('Hemligt mål om hälsa', [
          { text: 'Samtal om hälsa', status: 'planned', dueDate: '2026-03-01' },
          {
            text: 'Lära kassan',
            status: 'planned',
            dueDate: '2026-04-01',
            concernsPlacement: true,
          },
          { text: 'Skyddsskor', status: 'done', concernsPlacement: true },
          { text: 'Kontakt med FK', status: 'in_progress', concernsPlacement: false },
        ]),
        0,
      );
      const reply = await client.request<ActionPlan>('GET', path, { token });
      expect(reply.status).toBe(200);
      // Left out by construction (the supervisor's view of the plan), not blanked.
      expect(reply.body).not.toHaveProperty('goal');
      expect(reply.body).not.toHaveProperty('updatedBy');
      expect(reply.body.steps.map((s) => s.text)).toEqual(['Lära kassan', 'Skyddsskor']);
      expect(reply.body.nextStep?.text).toBe('Lära kassan');
      const raw = JSON.stringify(reply.body);
      for (const secret of ['Hemligt', 'hälsa', 'FK', coach.id]) expect(raw).not.toContain(secret);
      // Revisions and diffs hold the whole plan: not for supervisors.
      expect((await client.request('GET', `${path}/revisions`, { token })).status).toBe(403);
      expect((await client.request('GET', `${path}/diff?from=0&to=1`, { token })).status).toBe(403);
      expect(
        (
          await client.request('PUT', path, {
            token,
            body: body('x'),
            headers: { 'if-match': '1' },
          })
        ).status,
      ).toBe(403);
    });

    it('answers 404 to a supervisor of another enterprise and after the placement ended', async () => {
      const { participant, path } = await setup();
      const enterprise = await factories.enterprise();
      const { user: supervisor, token } = await factories.loggedIn(client, 'supervisor', {
        enterpriseId: enterprise.id,
      });
      await factories.placement(participant.id, enterprise.id, [supervisor.id], {
        status: 'ended',
      });
      expect((await client.request('GET', path, { token })).status).toBe(404);
    });

    it('has no plan for an erased participant (404) nor one without consent (empty; saving is 409)', async () => {
      const { programme, token, coach } = await setup();
      const erased = await factories.participant(programme.id, { erasedAt: new Date() });
      await savedPlan(t.dataSource, erased.id, coach.id);
      expect(
        (await client.request('GET', `/api/participants/${erased.id}/action-plan`, { token }))
          .status,
      ).toBe(404);

      const reduced = await factories.participant(programme.id, {
        consentGiven: false,
        firstName: null,
        lastName: null,
        reducedAt: new Date(),
      });
      // Even a plan left behind from before the reduction is not shown.
      await savedPlan(t.dataSource, reduced.id, coach.id, {
        steps: [planStep({ text: 'Gammalt' })],
      });
      const reducedPath = `/api/participants/${reduced.id}/action-plan`;
      const read = await client.request<ActionPlan>('GET', reducedPath, { token });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ version: 0, goal: '', steps: [], nextStep: null });
      const save = await client.request<ApiError>('PUT', reducedPath, {
        token,
        body: body('Mål'),
        headers: { 'if-match': '0' },
      });
      expect(save.status).toBe(409);
      expect(save.body.message).toMatch(/consent/);
      const history = await client.request<Page<ActionPlanRevision>>(
        'GET',
        `${reducedPath}/revisions`,
        { token },
      );
      expect(history.body.items).toEqual([]);

      const protectedOne = await factories.participant(programme.id, { protectedIdentity: true });
      expect(
        (
          await client.request('PUT', `/api/participants/${protectedOne.id}/action-plan`, {
            token,
            body: body('Mål'),
            headers: { 'if-match': '0' },
          })
        ).status,
      ).toBe(409);
    });
  });
});
