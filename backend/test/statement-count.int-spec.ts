import type { DueFollowUp, Page } from '@stegvis/contracts';
import { Factories } from './support/factories';
import { ParticipantsFactories } from './support/participants-factories';
import { daysFromToday } from './support/placements-factories';
import { expectConstantStatements } from './support/statement-count';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * Statement counts per request of the main list routes: the number of SQL statements must not
 * grow with the number of items on the page (no N+1). See docs/benchmarks.md.
 */
describe('statement count per request (no N+1)', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  let cases: ParticipantsFactories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
    cases = new ParticipantsFactories(t.dataSource);
  });
  afterAll(async () => t.close());

  /** A programme with `n` participants, each with a plan, an overdue placement, a follow-up and a session. */
  async function scene(n: number) {
    const programme = await factories.programme();
    const enterprise = await factories.enterprise();
    const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    const supervisor = await factories.loggedIn(client, 'supervisor', {
      enterpriseId: enterprise.id,
    });
    const participantIds: string[] = [];
    for (let i = 0; i < n; i++) {
      const participant = await factories.participant(programme.id, {
        responsibleCoachId: coach.user.id,
        lastName: `Deltagare ${String(i).padStart(3, '0')}`,
      });
      participantIds.push(participant.id);
      await cases.actionPlan(participant.id, coach.user.id, 'Arbete', [cases.step()], 2);
      const placement = await factories.placement(
        participant.id,
        enterprise.id,
        [supervisor.user.id],
        { startDate: daysFromToday(-60), plannedEndDate: daysFromToday(60) },
      );
      await t.dataSource.query(`UPDATE placements SET next_follow_up_due = $2 WHERE id = $1`, [
        placement.id,
        daysFromToday(-(i + 1)),
      ]);
      await cases.followUp(placement.id, coach.user.id, null);
      await factories.session(programme.id, coach.user.id, [participant.id]);
    }
    return { programme, coach, supervisor, participantIds };
  }

  const get = async <T>(token: string, path: string): Promise<T> => {
    const reply = await client.request<T>('GET', path, { token });
    if (reply.status !== 200) throw new Error(`${path}: ${reply.status}`);
    return reply.body;
  };
  const pageOf = async (token: string, path: string) => ({
    items: (await get<Page<unknown>>(token, path)).items.length,
  });

  let big: Awaited<ReturnType<typeof scene>>;
  let small: Awaited<ReturnType<typeof scene>>;
  beforeAll(async () => {
    big = await scene(21);
    small = await scene(2);
    // One participant of the big scene with 21 sessions for the coaching-session list and timeline.
    const [first] = big.participantIds;
    for (let i = 0; i < 20; i++) {
      await factories.session(big.programme.id, big.coach.user.id, [first!], {
        at: new Date(Date.UTC(2026, 4, 1 + i, 9)),
      });
    }
  }, 120_000);

  it('caseload list (coach)', async () => {
    await expectConstantStatements('GET /api/participants', (n) =>
      pageOf(big.coach.token, `/api/participants?limit=${n}`),
    );
  });

  it('caseload list (supervisor view)', async () => {
    await expectConstantStatements('GET /api/participants as supervisor', (n) =>
      pageOf(big.supervisor.token, `/api/participants?limit=${n}`),
    );
  });

  it('timeline', async () => {
    const id = big.participantIds[0]!;
    await expectConstantStatements('GET /api/participants/:id/timeline', (n) =>
      pageOf(big.coach.token, `/api/participants/${id}/timeline?limit=${n}`),
    );
  });

  it('coaching-sessions list', async () => {
    const id = big.participantIds[0]!;
    await expectConstantStatements('GET /api/coaching-sessions', (n) =>
      pageOf(big.coach.token, `/api/coaching-sessions?participantId=${id}&limit=${n}`),
    );
  });

  it('placements list', async () => {
    await expectConstantStatements('GET /api/placements', (n) =>
      pageOf(big.coach.token, `/api/placements?limit=${n}`),
    );
  });

  it('due follow-ups (2 vs 21 due placements)', async () => {
    // The due list has no page size: compare a coach with 2 due placements to one with 21.
    await expectConstantStatements(
      'GET /api/follow-ups/due',
      async (n) => {
        const who = n === 2 ? small : big;
        return {
          items: (await get<{ items: DueFollowUp[] }>(who.coach.token, '/api/follow-ups/due')).items
            .length,
        };
      },
      [2, 21],
    );
  });
});
