import type { ActionPlan, ActionPlanDiff, ActionPlanRevision, Page } from '@stegvis/contracts';
import { UserEntity } from '../src/modules/users/user.entity';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

describe('plan history through HTTP: revisions with their authors, and diffs', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  /** A programme with two named coaches and one consenting participant. */
  async function setup() {
    const programme = await factories.programme();
    const first = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    const second = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    const users = t.dataSource.getRepository(UserEntity);
    await users.update(first.user.id, { name: 'Anna Andersson' });
    await users.update(second.user.id, { name: 'Bengt Berg' });
    const participant = await factories.participant(programme.id);
    const path = `/api/participants/${participant.id}/action-plan`;
    const put = (token: string, version: number, body: unknown) =>
      client.request<ActionPlan>('PUT', path, {
        token,
        body,
        headers: { 'if-match': String(version) },
      });
    return { programme, first, second, participant, path, put };
  }

  it('names the author of every revision in the list and in a single read', async () => {
    const { first, second, path, put } = await setup();
    const v1 = await put(first.token, 0, {
      goal: 'Arbete',
      steps: [{ text: 'CV', status: 'in_progress' }],
    });
    expect(v1.status).toBe(200);
    const cv = v1.body.steps[0]!;
    expect(
      (
        await put(second.token, 1, {
          goal: 'Arbete',
          steps: [{ ...cv, status: 'done' }],
        })
      ).status,
    ).toBe(200);

    const list = await client.request<Page<ActionPlanRevision>>('GET', `${path}/revisions`, {
      token: first.token,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.map((r) => [r.version, r.createdBy, r.createdByName])).toEqual([
      [2, second.user.id, 'Bengt Berg'],
      [1, first.user.id, 'Anna Andersson'],
    ]);
    // Only the name: nothing else of the user row reaches the answer.
    expect(Object.keys(list.body.items[0]!).sort()).toEqual(
      ['createdAt', 'createdBy', 'createdByName', 'goal', 'steps', 'version'].sort(),
    );

    const one = await client.request<ActionPlanRevision>('GET', `${path}/revisions/1`, {
      token: second.token,
    });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      version: 1,
      createdBy: first.user.id,
      createdByName: 'Anna Andersson',
      goal: 'Arbete',
      steps: [{ text: 'CV', status: 'in_progress' }],
    });
  });

  it('diffs two chosen revisions: a step added, a status and a due date changed', async () => {
    const { first, path, put } = await setup();
    const v1 = await put(first.token, 0, {
      goal: 'Arbete',
      steps: [{ text: 'CV', status: 'in_progress', dueDate: '2026-04-01' }],
    });
    const cv = v1.body.steps[0]!;
    await put(first.token, 1, {
      goal: 'Arbete i handeln',
      steps: [
        { ...cv, status: 'done', dueDate: '2026-04-15' },
        { text: 'Söka praktik', status: 'planned' },
      ],
    });
    const diff = await client.request<ActionPlanDiff>('GET', `${path}/diff?from=1&to=2`, {
      token: first.token,
    });
    expect(diff.status).toBe(200);
    expect(diff.body.goal).toEqual({ from: 'Arbete', to: 'Arbete i handeln' });
    expect(diff.body.added.map((s) => s.text)).toEqual(['Söka praktik']);
    expect(diff.body.removed).toEqual([]);
    expect(diff.body.changed).toEqual([
      {
        id: cv.id,
        step: expect.objectContaining({ text: 'CV', status: 'done' }),
        changes: [
          { field: 'status', from: 'in_progress', to: 'done' },
          { field: 'dueDate', from: '2026-04-01', to: '2026-04-15' },
        ],
      },
    ]);
    // Either order: the later revision back to the earlier one reads as the reverse.
    const back = await client.request<ActionPlanDiff>('GET', `${path}/diff?from=2&to=1`, {
      token: first.token,
    });
    expect(back.body.removed.map((s) => s.text)).toEqual(['Söka praktik']);
  });

  it('answers 404 to a coach of another programme (as for no participant), 403 to a lead', async () => {
    const { programme, first, participant, path, put } = await setup();
    await put(first.token, 0, { goal: 'Arbete', steps: [] });
    const other = await factories.programme();
    const outsider = await factories.loggedIn(client, 'coach', { programmeIds: [other.id] });
    for (const route of [`${path}/revisions`, `${path}/revisions/1`, `${path}/diff?from=0&to=1`]) {
      expect((await client.request('GET', route, { token: outsider.token })).status).toBe(404);
    }
    // A participant that does not exist reads the same.
    const missing = `/api/participants/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/action-plan`;
    expect(
      (await client.request('GET', `${missing}/revisions`, { token: first.token })).status,
    ).toBe(404);
    expect(missing).not.toContain(participant.id);
    // The history holds the whole plan: not for a lead, even of this programme.
    const lead = await factories.loggedIn(client, 'lead', { programmeIds: [programme.id] });
    expect((await client.request('GET', `${path}/revisions`, { token: lead.token })).status).toBe(
      403,
    );
  });
});
