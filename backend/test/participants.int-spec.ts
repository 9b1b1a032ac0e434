import type {
  ApiError,
  Page,
  Participant,
  ParticipantExport,
  SupervisedParticipant,
} from '@stegvis/contracts';
import { ParticipantsService } from '../src/modules/participants/participants.service';
import { Factories } from './support/factories';
import { ParticipantsFactories, personnummerFor } from './support/participants-factories';
import { Client, type Reply, startTestApp, type TestApp } from './support/test-app';

describe('participants through HTTP on a real database', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  let more: ParticipantsFactories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
    more = new ParticipantsFactories(t.dataSource);
  });
  afterAll(async () => t.close());

  /** A programme with a logged-in coach of it. */
  async function coachWorld() {
    const programme = await factories.programme();
    const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    return { programme, coach: coach.user, token: coach.token };
  }

  function body(programmeId: string, overrides: Record<string, unknown> = {}) {
    return {
      programmeId,
      firstName: 'Anna',
      lastName: 'Andersson',
      gender: 'female',
      birthYear: 1988,
      enrolledAt: '2026-02-10',
      consent: { given: true, date: '2026-02-10', formVersion: 'v2' },
      ...overrides,
    };
  }

  async function create(token: string, payload: Record<string, unknown>) {
    return client.request<Participant & ApiError>('POST', '/api/participants', {
      token,
      body: payload,
    });
  }

  describe('POST /api/participants', () => {
    it('registers a consenting participant with start year, default coach and derived birth year', async () => {
      const { programme, coach, token } = await coachWorld();
      const pnr = personnummerFor('19880412');
      const reply = await create(
        token,
        body(programme.id, {
          birthYear: undefined,
          personnummer: `${pnr.slice(0, 8)}-${pnr.slice(8)}`,
          municipality: 'Malmö',
          education: 'upper_secondary',
          referredBy: 'employment_service',
          startSnapshot: {
            incomeSources: ['social_assistance', 'activity_support'],
            timeInSupport: '2_5',
            occupation: 'job_seeking',
            occupationPercent: 0,
          },
        }),
      );
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        programmeId: programme.id,
        status: 'active',
        reduced: false,
        gender: 'female',
        startYear: 2026,
        firstName: 'Anna',
        lastName: 'Andersson',
        // Masked in every answer; the full number only through GET …/personnummer.
        personnummer: `${pnr.slice(0, 8)}-****`,
        birthYear: 1988,
        responsibleCoachId: coach.id,
        enrolledAt: '2026-02-10',
        consent: { given: true, date: '2026-02-10', formVersion: 'v2', withdrawnAt: null },
        startSnapshot: {
          incomeSources: ['social_assistance', 'activity_support'],
          timeInSupport: '2_5',
          occupation: 'job_seeking',
          occupationPercent: 0,
        },
        nextStep: null,
        overdueFollowUps: 0,
        version: 1,
      });
      const row = await more.row(reply.body.id);
      expect(row['personnummer']).toBe(pnr);
    });

    it('answers a programme the coach does not belong to exactly like one that does not exist: 400 on programmeId', async () => {
      const { token } = await coachWorld();
      const other = await factories.programme();
      const notYours = await create(token, body(other.id));
      const missing = await create(token, body('7d8e2c1a-0000-4000-8000-000000000000'));
      expect(notYours.status).toBe(400);
      expect(notYours.body.fields).toEqual({ programmeId: ['No such programme.'] });
      expect(missing.body).toEqual(notYours.body);
    });

    it('refuses a responsible coach who is not a coach of the programme', async () => {
      const { programme, token } = await coachWorld();
      const otherCoach = await factories.user('coach', {
        programmeIds: [(await factories.programme()).id],
      });
      const reply = await create(token, body(programme.id, { responsibleCoachId: otherCoach.id }));
      expect(reply.status).toBe(400);
      expect(Object.keys(reply.body.fields ?? {})).toEqual(['responsibleCoachId']);
      const colleague = await factories.user('coach', { programmeIds: [programme.id] });
      const ok = await create(token, body(programme.id, { responsibleCoachId: colleague.id }));
      expect(ok.status).toBe(201);
      expect(ok.body.responsibleCoachId).toBe(colleague.id);
    });

    it('validates the personnummer: a date that does not exist and a wrong check digit are 400 on personnummer, never echoed', async () => {
      const { programme, token } = await coachWorld();
      const badDate = await create(token, body(programme.id, { personnummer: '19880231-1234' }));
      const good = personnummerFor('19880412');
      const wrongDigit = `${good.slice(0, 11)}${(Number(good[11]) + 1) % 10}`;
      const badCheck = await create(token, body(programme.id, { personnummer: wrongDigit }));
      const badShape = await create(token, body(programme.id, { personnummer: '8804121234' }));
      for (const reply of [badDate, badCheck, badShape]) {
        expect(reply.status).toBe(400);
        expect(Object.keys(reply.body.fields ?? {})).toEqual(['personnummer']);
      }
      expect(badDate.body.fields?.['personnummer']?.[0]).toMatch(/date/);
      expect(badCheck.body.fields?.['personnummer']?.[0]).toMatch(/check digit/);
      expect(JSON.stringify(badCheck.body)).not.toContain(wrongDigit.slice(8));
      const mismatch = await create(
        token,
        body(programme.id, { personnummer: good, birthYear: 1990 }),
      );
      expect(mismatch.status).toBe(400);
      expect(Object.keys(mismatch.body.fields ?? {})).toEqual(['birthYear']);
    });

    it('refuses the same personnummer twice in a programme (409) but allows it in another programme', async () => {
      const { programme, token } = await coachWorld();
      const pnr = personnummerFor('19790101');
      const withPnr = (personnummer: string) => ({ personnummer, birthYear: undefined });
      expect((await create(token, body(programme.id, withPnr(pnr)))).status).toBe(201);
      const dashed = `${pnr.slice(0, 8)}-${pnr.slice(8)}`;
      const again = await create(token, body(programme.id, withPnr(dashed)));
      expect(again.status).toBe(409);
      expect(again.body.message).not.toContain(pnr.slice(8));

      const second = await factories.programme();
      const coach2 = await factories.loggedIn(client, 'coach', { programmeIds: [second.id] });
      expect((await create(coach2.token, body(second.id, withPnr(pnr)))).status).toBe(201);
    });

    it.each([
      ['without consent', { consent: { given: false } }],
      ['with a protected identity', { protectedIdentity: true }],
    ])('keeps only gender and start year %s (reduced: true)', async (_label, overrides) => {
      const { programme, token } = await coachWorld();
      const reply = await create(
        token,
        body(programme.id, {
          personnummer: personnummerFor('19880412'),
          birthYear: undefined,
          municipality: 'Lund',
          education: 'university',
          referredBy: 'self',
          startSnapshot: { incomeSources: ['salary'] },
          ...overrides,
        }),
      );
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        reduced: true,
        gender: 'female',
        startYear: 2026,
        firstName: null,
        lastName: null,
        personnummer: null,
        birthYear: null,
        municipality: null,
        education: null,
        referredBy: null,
        responsibleCoachId: null,
        enrolledAt: null,
        startSnapshot: null,
        exitSnapshot: null,
      });
      const row = await more.row(reply.body.id);
      const identifying = [
        'first_name',
        'last_name',
        'personnummer',
        'birth_year',
        'municipality',
        'education',
        'referred_by',
        'responsible_coach_id',
        'enrolled_at',
        'start_snapshot',
        'exit_snapshot',
        'exited_at',
        'exit_reason',
      ];
      for (const column of identifying)
        expect({ column, value: row[column] }).toEqual({ column, value: null });
      expect(row['gender']).toBe('female');
      expect(row['start_year']).toBe(2026);
      expect(row['reduced_at']).not.toBeNull();
    });

    it('answers 400 with field messages for unknown fields, wrong types, bad codes and missing names', async () => {
      const { programme, token } = await coachWorld();
      const cases: [Record<string, unknown>, string][] = [
        [{ nickname: 'x' }, 'nickname'],
        [{ birthYear: '1988' }, 'birthYear'],
        [{ gender: 'woman' }, 'gender'],
        [{ enrolledAt: '2026-02-30' }, 'enrolledAt'],
        [{ consent: { given: 'yes' } }, 'consent.given'],
        [{ consent: { given: true, extra: 1 } }, 'consent.extra'],
        [{ education: 'phd' }, 'education'],
        [{ startSnapshot: { incomeSources: ['lottery'] } }, 'startSnapshot.incomeSources'],
        [{ programmeId: 'abc' }, 'programmeId'],
        [{ firstName: null }, 'firstName'],
        [{ firstName: undefined }, 'firstName'],
      ];
      for (const [overrides, field] of cases) {
        const reply = await create(token, body(programme.id, overrides));
        expect({ field, status: reply.status }).toEqual({ field, status: 400 });
        expect({ field, has: Object.keys(reply.body.fields ?? {}).includes(field) }).toEqual({
          field,
          has: true,
        });
      }
      const notJson = await client.request('POST', '/api/participants', {
        token,
        body: 'not json',
      });
      expect(notJson.status).toBe(400);
    });
  });

  describe('GET /api/participants/:id and scoping', () => {
    it('gives the coach of the programme the full record (personnummer masked), 404 to a coach of another programme and for unknown or malformed ids', async () => {
      const { programme, token } = await coachWorld();
      const pnr = personnummerFor('19900101');
      const p = await factories.participant(programme.id, { personnummer: pnr });
      const mine = await client.request<Participant>('GET', `/api/participants/${p.id}`, { token });
      expect(mine.status).toBe(200);
      expect(mine.body.personnummer).toBe('19900101-****');

      const other = await factories.loggedIn(client, 'coach', {
        programmeIds: [(await factories.programme()).id],
      });
      const notYours = await client.request('GET', `/api/participants/${p.id}`, {
        token: other.token,
      });
      const unknown = await client.request(
        'GET',
        '/api/participants/7d8e2c1a-0000-4000-8000-000000000000',
        { token },
      );
      const malformed = await client.request('GET', '/api/participants/123', { token });
      expect(notYours.status).toBe(404);
      expect(unknown.body).toEqual(notYours.body);
      expect(malformed.status).toBe(404);
    });

    it('gives a supervisor only participants placed at their enterprise, and only the SupervisedParticipant view', async () => {
      const programme = await factories.programme();
      const [mineE, otherE] = [await factories.enterprise(), await factories.enterprise()];
      const supervisor = await factories.loggedIn(client, 'supervisor', { enterpriseId: mineE.id });
      const coach = await factories.user('coach', { programmeIds: [programme.id] });
      const placed = await factories.participant(programme.id, {
        personnummer: personnummerFor('19900101'),
      });
      const elsewhere = await factories.participant(programme.id);
      const unplaced = await factories.participant(programme.id);
      const ours = await factories.placement(placed.id, mineE.id, [supervisor.user.id], {
        nextFollowUpDue: '2026-03-09',
      });
      const theirs = await factories.placement(placed.id, otherE.id);
      await factories.placement(elsewhere.id, otherE.id);
      await more.actionPlan(placed.id, coach.id, 'Arbete inom handel', [
        more.step({ text: 'Lära sig kassan', concernsPlacement: true }),
        more.step({ text: 'Samtal om hälsa', concernsPlacement: false }),
      ]);

      const read = await client.request<SupervisedParticipant>(
        'GET',
        `/api/participants/${placed.id}`,
        { token: supervisor.token },
      );
      expect(read.status).toBe(200);
      expect(read.body).toEqual({
        id: placed.id,
        firstName: placed.firstName,
        lastName: placed.lastName,
        placements: [
          {
            id: ours.id,
            enterpriseId: mineE.id,
            kind: 'work_training',
            startDate: '2026-03-02',
            plannedEndDate: '2026-09-30',
            actualEndDate: null,
            hoursPerWeek: 20,
            status: 'active',
            nextFollowUpDue: '2026-03-09',
          },
        ],
        placementGoals: [expect.objectContaining({ text: 'Lära sig kassan' })],
      });
      expect(JSON.stringify(read.body)).not.toContain(theirs.id);
      for (const id of [elsewhere.id, unplaced.id]) {
        const denied = await client.request('GET', `/api/participants/${id}`, {
          token: supervisor.token,
        });
        expect(denied.status).toBe(404);
      }
      const list = await client.request<Page<SupervisedParticipant>>('GET', '/api/participants', {
        token: supervisor.token,
      });
      expect(list.body.items.map((i) => i.id)).toEqual([placed.id]);
    });

    it('never shows a supervisor a key outside the allowlist, in any list or read response (recursive walk)', async () => {
      const programme = await factories.programme();
      const enterprise = await factories.enterprise();
      const supervisor = await factories.loggedIn(client, 'supervisor', {
        enterpriseId: enterprise.id,
      });
      const coach = await factories.user('coach', { programmeIds: [programme.id] });
      const full = await factories.participant(programme.id, {
        personnummer: personnummerFor('19850505'),
        startSnapshot: {
          incomeSources: ['sickness_benefit'],
          timeInSupport: 'gt_5',
          occupation: null,
          occupationPercent: null,
        },
        responsibleCoachId: coach.id,
      });
      const reduced = await factories.participant(programme.id, {
        firstName: null,
        lastName: null,
        reducedAt: new Date(),
        consentGiven: false,
      });
      for (const p of [full, reduced]) {
        const placement = await factories.placement(p.id, enterprise.id, [supervisor.user.id]);
        await more.followUp(placement.id, coach.id, 'Hemlig anteckning');
        await factories.session(programme.id, coach.id, [p.id]);
      }
      await more.actionPlan(full.id, coach.id, 'Mål', [
        more.step({ concernsPlacement: true, dueDate: '2026-05-01' }),
        more.step({ concernsPlacement: false }),
      ]);

      const allowed: Record<string, ReadonlySet<string>> = {
        page: new Set(['items', 'nextCursor']),
        participant: new Set(['id', 'firstName', 'lastName', 'placements', 'placementGoals']),
        placements: new Set([
          'id',
          'enterpriseId',
          'kind',
          'startDate',
          'plannedEndDate',
          'actualEndDate',
          'hoursPerWeek',
          'status',
          'nextFollowUpDue',
        ]),
        placementGoals: new Set([
          'id',
          'text',
          'status',
          'dueDate',
          'responsible',
          'concernsPlacement',
        ]),
      };
      const leaks: string[] = [];
      const walk = (value: unknown, kind: string, path: string): void => {
        if (Array.isArray(value)) {
          value.forEach((v, i) => walk(v, kind, `${path}[${i}]`));
          return;
        }
        if (value === null || typeof value !== 'object') return;
        for (const [key, child] of Object.entries(value)) {
          if (!allowed[kind]?.has(key)) leaks.push(`${path}.${key}`);
          const childKind =
            kind === 'page' && key === 'items'
              ? 'participant'
              : key === 'placements' || key === 'placementGoals'
                ? key
                : 'leaf';
          if (childKind !== 'leaf') walk(child, childKind, `${path}.${key}`);
          else if (typeof child === 'object' && child !== null)
            leaks.push(`${path}.${key} (object)`);
        }
      };
      const responses = [
        ['page', await client.request('GET', '/api/participants', { token: supervisor.token })],
        [
          'page',
          await client.request('GET', '/api/participants?overdue=false&limit=1', {
            token: supervisor.token,
          }),
        ],
        [
          'page',
          await client.request('GET', '/api/participants?search=e', { token: supervisor.token }),
        ],
        [
          'participant',
          await client.request('GET', `/api/participants/${full.id}`, { token: supervisor.token }),
        ],
        [
          'participant',
          await client.request('GET', `/api/participants/${reduced.id}`, {
            token: supervisor.token,
          }),
        ],
      ] as const;
      for (const [kind, reply] of responses) {
        expect(reply.status).toBe(200);
        walk(reply.body, kind, kind);
      }
      expect(leaks).toEqual([]);
      const text = JSON.stringify(responses.map(([, r]) => r.body));
      expect(text).not.toContain(full.personnummer);
      expect(text).not.toContain('Hemlig');
      expect(text).not.toContain('Anteckning');
    });

    it('masks the personnummer in the mapper for anyone but a coach of the programme; supervisors and other roles are refused the record', async () => {
      const { programme } = await coachWorld();
      const p = await factories.participant(programme.id, {
        personnummer: personnummerFor('19900101'),
      });
      for (const role of ['admin', 'lead'] as const) {
        const { token } = await factories.loggedIn(client, role, { programmeIds: [programme.id] });
        const reply = await client.request('GET', `/api/participants/${p.id}`, { token });
        expect({ role, status: reply.status }).toEqual({ role, status: 403 });
      }
    });
  });

  describe('GET /api/participants', () => {
    it('searches case-insensitively on first, last and full name, treating % and _ literally', async () => {
      const { programme, token } = await coachWorld();
      const tag = Math.random().toString(36).slice(2, 8);
      const a = await factories.participant(programme.id, {
        firstName: 'Åsa',
        lastName: `Öberg${tag}`,
      });
      const b = await factories.participant(programme.id, {
        firstName: 'Bo',
        lastName: `Berg_${tag}`,
      });
      await factories.participant(programme.id, { firstName: 'Cia', lastName: `Berg${tag}` });
      const search = async (q: string) =>
        (
          await client.request<Page<Participant>>(
            'GET',
            `/api/participants?search=${encodeURIComponent(q)}`,
            { token },
          )
        ).body.items.map((i) => i.id);
      expect(await search(`öBERG${tag}`)).toEqual([a.id]);
      expect(await search(`berg_${tag}`)).toEqual([b.id]);
      expect(await search(`Bo Berg_${tag}`)).toEqual([b.id]);
      expect(await search(`%${tag}`)).toEqual([]);
    });

    it('filters by status, programme, responsible coach and overdue follow-ups, with nextStep and overdueFollowUps per item', async () => {
      const programme = await factories.programme();
      const second = await factories.programme();
      const coach = await factories.loggedIn(client, 'coach', {
        programmeIds: [programme.id, second.id],
      });
      const colleague = await factories.user('coach', { programmeIds: [programme.id] });
      const enterprise = await factories.enterprise();
      const active = await factories.participant(programme.id, {
        responsibleCoachId: coach.user.id,
      });
      const paused = await factories.participant(programme.id, {
        status: 'paused',
        responsibleCoachId: colleague.id,
      });
      const inSecond = await factories.participant(second.id);
      await factories.placement(active.id, enterprise.id, [], { nextFollowUpDue: '2020-01-01' });
      await factories.placement(active.id, enterprise.id, [], { nextFollowUpDue: '2020-02-01' });
      await factories.placement(paused.id, enterprise.id, [], { nextFollowUpDue: '2999-01-01' });
      const soon = more.step({ text: 'Soon', dueDate: '2026-04-01' });
      await more.actionPlan(active.id, coach.user.id, 'Mål', [
        more.step({ text: 'Done', status: 'done', dueDate: '2026-01-01' }),
        more.step({ text: 'Later', dueDate: '2026-06-01' }),
        soon,
      ]);

      const ids = async (qs: string) => {
        const reply = await client.request<Page<Participant>>('GET', `/api/participants?${qs}`, {
          token: coach.token,
        });
        expect(reply.status).toBe(200);
        return reply.body.items;
      };
      const all = await ids('limit=200');
      expect(all.map((i) => i.id).sort()).toEqual([active.id, paused.id, inSecond.id].sort());
      const activeItem = all.find((i) => i.id === active.id);
      expect(activeItem?.nextStep).toEqual(soon);
      expect(activeItem?.overdueFollowUps).toBe(2);
      expect(all.find((i) => i.id === paused.id)?.overdueFollowUps).toBe(0);

      expect((await ids('status=paused')).map((i) => i.id)).toEqual([paused.id]);
      expect((await ids(`programmeId=${second.id}`)).map((i) => i.id)).toEqual([inSecond.id]);
      expect((await ids(`coachId=${colleague.id}`)).map((i) => i.id)).toEqual([paused.id]);
      expect((await ids('overdue=true')).map((i) => i.id)).toEqual([active.id]);
      expect((await ids('overdue=false')).map((i) => i.id).sort()).toEqual(
        [paused.id, inSecond.id].sort(),
      );
    });

    it('pages with a stable keyset by last name (reduced records last), without gaps or repeats', async () => {
      const { programme, token } = await coachWorld();
      const names = ['Lind', 'adolfsson', 'Berg', 'berg', 'Zetterström', 'Ek'];
      const created = [];
      for (const lastName of names)
        created.push(await factories.participant(programme.id, { lastName }));
      const reduced = await factories.participant(programme.id, {
        firstName: null,
        lastName: null,
        reducedAt: new Date(),
      });
      const seen: Participant[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query = cursor === null ? '' : `&cursor=${cursor}`;
        const reply: Reply<Page<Participant>> = await client.request<Page<Participant>>(
          'GET',
          `/api/participants?limit=2${query}`,
          { token },
        );
        expect(reply.status).toBe(200);
        seen.push(...reply.body.items);
        cursor = reply.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(4);
      expect(seen.map((p) => p.id).sort()).toEqual(
        [...created.map((c) => c.id), reduced.id].sort(),
      );
      expect(seen.map((p) => p.lastName?.toLowerCase() ?? null)).toEqual([
        'adolfsson',
        'berg',
        'berg',
        'ek',
        'lind',
        'zetterström',
        null,
      ]);
    });

    it('answers 400 for bad query parameters and cursors', async () => {
      const { token } = await coachWorld();
      for (const qs of [
        'status=gone',
        'limit=0',
        'limit=abc',
        'overdue=maybe',
        'programmeId=abc',
        'unknown=1',
        'cursor=%%%',
      ]) {
        const reply = await client.request('GET', `/api/participants?${qs}`, { token });
        expect({ qs, status: reply.status }).toEqual({ qs, status: 400 });
      }
    });
  });

  describe('PATCH /api/participants/:id', () => {
    async function patch(token: string, id: string, payload: unknown, version?: number | string) {
      return client.request<Participant & ApiError & { current?: Participant }>(
        'PATCH',
        `/api/participants/${id}`,
        {
          token,
          body: payload,
          headers: version === undefined ? {} : { 'if-match': String(version) },
        },
      );
    }

    it('changes fields and bumps the version; a stale If-Match is 409 with the current record', async () => {
      const { programme, token } = await coachWorld();
      const p = await factories.participant(programme.id);
      const first = await patch(token, p.id, { municipality: 'Lund', status: 'paused' }, 1);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ municipality: 'Lund', status: 'paused', version: 2 });
      const quoted = await patch(token, p.id, { education: 'university' }, '"2"');
      expect(quoted.status).toBe(200);
      const stale = await patch(token, p.id, { municipality: 'Ystad' }, 1);
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(stale.body.current).toMatchObject({
        id: p.id,
        municipality: 'Lund',
        education: 'university',
        version: 3,
      });
      expect((await more.row(p.id))['municipality']).toBe('Lund');
      const badHeader = await patch(token, p.id, { municipality: 'Ystad' }, 'yesterday');
      expect(badHeader.status).toBe(400);
    });

    it('lets exactly one of two concurrent PATCHes with the same version win', async () => {
      const { programme, token } = await coachWorld();
      const p = await factories.participant(programme.id);
      const replies = await Promise.all([
        patch(token, p.id, { municipality: 'Lund' }, 1),
        patch(token, p.id, { municipality: 'Ystad' }, 1),
      ]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = replies.find((r) => r.status === 200);
      const row = await more.row(p.id);
      expect(row['municipality']).toBe(winner?.body.municipality);
      expect(row['version']).toBe(2);
    });

    it('validates personnummer changes, coach and names, and answers 400 for bad input', async () => {
      const { programme, token } = await coachWorld();
      const p = await factories.participant(programme.id, { birthYear: 1990 });
      const pnr = personnummerFor('19920303');
      const ok = await patch(token, p.id, { personnummer: pnr });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ personnummer: `${pnr.slice(0, 8)}-****`, birthYear: 1992 });
      expect((await more.row(p.id))['personnummer']).toBe(pnr);
      const cases: [unknown, string][] = [
        [{ birthYear: 1980 }, 'birthYear'],
        [{ personnummer: '19920230-1234' }, 'personnummer'],
        [{ firstName: null }, 'firstName'],
        [{ status: 'exited' }, 'status'],
        [{ status: 'gone' }, 'status'],
        [{ version: 7 }, 'version'],
        [{ exit: { date: '2026-05-01', reason: 'lottery' } }, 'exit.reason'],
        [{ exit: { date: '2025-01-01', reason: 'work' } }, 'exit.date'],
        [{ consent: { given: 'no' } }, 'consent.given'],
        [{ responsibleCoachId: '7d8e2c1a-0000-4000-8000-000000000000' }, 'responsibleCoachId'],
      ];
      for (const [payload, field] of cases) {
        const reply = await patch(token, p.id, payload);
        expect({ field, status: reply.status }).toEqual({ field, status: 400 });
        expect({ field, has: Object.keys(reply.body.fields ?? {}).includes(field) }).toEqual({
          field,
          has: true,
        });
      }
    });

    it('ends a participation with exit date, reason and snapshot, and re-opens it with a status', async () => {
      const { programme, token } = await coachWorld();
      const p = await factories.participant(programme.id);
      const exit = await patch(token, p.id, {
        exit: {
          date: '2026-09-30',
          reason: 'work',
          snapshot: { incomeSources: ['salary'], occupation: 'employment', occupationPercent: 75 },
        },
      });
      expect(exit.status).toBe(200);
      expect(exit.body).toMatchObject({
        status: 'exited',
        exitedAt: '2026-09-30',
        exitReason: 'work',
        exitSnapshot: {
          incomeSources: ['salary'],
          timeInSupport: null,
          occupation: 'employment',
          occupationPercent: 75,
        },
      });
      const reopened = await patch(token, p.id, { status: 'active' });
      expect(reopened.body).toMatchObject({ status: 'active', exitedAt: null, exitReason: null });
    });

    it('reduces the record on consent withdrawal, in one go: plan, revisions, check-ins, placements and attendance deleted, dates cut to months', async () => {
      const { programme, coach, token } = await coachWorld();
      const enterprise = await factories.enterprise();
      const p = await factories.participant(programme.id, {
        personnummer: personnummerFor('19900101'),
        responsibleCoachId: coach.id,
        startSnapshot: {
          incomeSources: ['social_assistance'],
          timeInSupport: 'lt_1',
          occupation: null,
          occupationPercent: null,
        },
      });
      const other = await factories.participant(programme.id);
      await more.actionPlan(
        p.id,
        coach.id,
        'Hemligt mål',
        [more.step({ text: 'Hemligt steg' })],
        2,
      );
      await more.actionPlan(other.id, coach.id, 'Annans mål', [more.step()]);
      const alone = await factories.session(programme.id, coach.id, [p.id], { notes: 'Enskilt' });
      const group = await factories.session(programme.id, coach.id, [p.id, other.id], {
        notes: 'Grupp',
      });
      const placement = await factories.placement(p.id, enterprise.id, [], {
        endReason: 'Fritext om slut',
      });
      const followUp = await more.followUp(placement.id, coach.id, 'Uppföljningstext');
      const instrumentId = await factories.defaultInstrumentId();
      await more.checkIn(p.id, instrumentId, coach.id);

      const reply = await patch(token, p.id, { consent: { withdrawnAt: '2026-04-01' } }, 1);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        reduced: true,
        firstName: null,
        lastName: null,
        personnummer: null,
        startSnapshot: null,
        // The withdrawal is kept as its month (the first day), like the exit.
        consent: { given: false, date: null, formVersion: null, withdrawnAt: '2026-04-01' },
        nextStep: null,
        version: 2,
      });

      const q = (sql: string, params: unknown[]) => t.dataSource.query(sql, params);
      const row = await more.row(p.id);
      for (const column of [
        'first_name',
        'last_name',
        'personnummer',
        'birth_year',
        'municipality',
        'education',
        'referred_by',
        'responsible_coach_id',
        'enrolled_at',
        'start_snapshot',
      ]) {
        expect({ column, value: row[column] }).toEqual({ column, value: null });
      }
      expect(row['start_month']).toBeTruthy();
      expect(
        await q(`SELECT goal, steps FROM action_plans WHERE participant_id = $1`, [p.id]),
      ).toEqual([]);
      expect(
        await q(`SELECT DISTINCT goal FROM action_plan_revisions WHERE participant_id = $1`, [
          p.id,
        ]),
      ).toEqual([]);
      expect(
        await q(`SELECT goal FROM action_plans WHERE participant_id = $1`, [other.id]),
      ).toEqual([{ goal: 'Annans mål' }]);
      // The sessions stay (the group one with its notes, for the others), their attendance only
      // as an anonymous count.
      expect(
        await q(`SELECT notes, anonymous_attended FROM coaching_sessions WHERE id = $1`, [
          alone.id,
        ]),
      ).toEqual([{ notes: null, anonymous_attended: 1 }]);
      expect(
        await q(`SELECT notes, anonymous_attended FROM coaching_sessions WHERE id = $1`, [
          group.id,
        ]),
      ).toEqual([{ notes: 'Grupp', anonymous_attended: 1 }]);
      expect(
        await q(`SELECT count(*)::int AS n FROM session_attendances WHERE participant_id = $1`, [
          p.id,
        ]),
      ).toEqual([{ n: 0 }]);
      expect(await q(`SELECT notes FROM follow_ups WHERE id = $1`, [followUp])).toEqual([]);
      expect(await q(`SELECT end_reason FROM placements WHERE id = $1`, [placement.id])).toEqual(
        [],
      );
      expect(
        await q(`SELECT count(*)::int AS n FROM check_ins WHERE participant_id = $1`, [p.id]),
      ).toEqual([{ n: 0 }]);

      // A reduced record: only status and exit change.
      const rename = await patch(token, p.id, { firstName: 'Åter' });
      expect(rename.status).toBe(400);
      expect(Object.keys(rename.body.fields ?? {})).toEqual(['firstName']);
      const snapshot = await patch(token, p.id, {
        exit: { date: '2026-05-01', reason: 'moved', snapshot: { incomeSources: ['salary'] } },
      });
      expect(snapshot.status).toBe(400);
      const exit = await patch(token, p.id, { exit: { date: '2026-05-20', reason: 'moved' } });
      expect(exit.status).toBe(200);
      // The month only, and no reason: a reduced record keeps gender and months.
      expect(exit.body).toMatchObject({
        status: 'exited',
        exitedAt: '2026-05-01',
        exitReason: null,
        reduced: true,
      });
    });

    it('reduces the record when a protected identity is set later, or on consent: { given: false }', async () => {
      const { programme, token } = await coachWorld();
      const p = await factories.participant(programme.id);
      const reply = await patch(token, p.id, { protectedIdentity: true });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ reduced: true, protectedIdentity: true, firstName: null });

      const q = await factories.participant(programme.id, { consentDate: '2000-01-01' });
      const withdrawn = await patch(token, q.id, { consent: { given: false } });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ reduced: true, lastName: null, birthYear: null });
      // The consent's date goes too; the withdrawal stays as its month.
      expect(withdrawn.body.consent).toMatchObject({ given: false, date: null });
      expect(withdrawn.body.consent.withdrawnAt).toMatch(/^\d{4}-\d{2}-01$/);
    });
  });

  describe('erasure and retention', () => {
    it('erases the person (gender and months stay for the statistics), audits a delete without the reason, and answers 404 afterwards', async () => {
      const programme = await factories.programme();
      const enterprise = await factories.enterprise();
      const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
      const supervisor = await factories.loggedIn(client, 'supervisor', {
        enterpriseId: enterprise.id,
      });
      const p = await factories.participant(programme.id, {
        personnummer: personnummerFor('19900101'),
        status: 'exited',
        exitedAt: '2026-06-30',
        exitReason: 'studies',
        startSnapshot: {
          incomeSources: ['salary'],
          timeInSupport: null,
          occupation: null,
          occupationPercent: null,
        },
      });
      const placement = await factories.placement(p.id, enterprise.id, [supervisor.user.id]);
      await more.followUp(placement.id, coach.user.id, 'Text');
      await more.actionPlan(p.id, coach.user.id, 'Mål', [more.step()]);
      await factories.session(programme.id, coach.user.id, [p.id], { notes: 'Enskilt' });

      const short = await client.request<ApiError>('POST', `/api/participants/${p.id}/erasure`, {
        token: coach.token,
        body: { reason: 'kort' },
      });
      expect(short.status).toBe(400);
      expect(Object.keys(short.body.fields ?? {})).toEqual(['reason']);
      const missing = await client.request('POST', `/api/participants/${p.id}/erasure`, {
        token: coach.token,
        body: {},
      });
      expect(missing.status).toBe(400);

      const reason = 'Begäran om radering från Anna Andersson 2026-07-01';
      const erased = await client.request('POST', `/api/participants/${p.id}/erasure`, {
        token: coach.token,
        body: { reason },
      });
      expect(erased.status).toBe(204);

      for (const token of [coach.token, supervisor.token]) {
        const read = await client.request('GET', `/api/participants/${p.id}`, { token });
        expect(read.status).toBe(404);
      }
      const again = await client.request('POST', `/api/participants/${p.id}/erasure`, {
        token: coach.token,
        body: { reason },
      });
      expect(again.status).toBe(404);

      const row = await more.row(p.id);
      expect(row).toMatchObject({
        first_name: null,
        last_name: null,
        personnummer: null,
        birth_year: null,
        municipality: null,
        gender: 'female',
        start_year: 2026,
        status: 'exited',
        // A reduced record: the exit's month, no reason, no snapshots.
        exit_reason: null,
        start_snapshot: null,
        erasure_reason: reason,
      });
      expect(
        await t.dataSource.query(
          `SELECT start_month::text AS start, exited_at::text AS exit FROM participants WHERE id = $1`,
          [p.id],
        ),
      ).toEqual([{ start: '2026-02-01', exit: '2026-06-01' }]);
      expect(row['erased_at']).not.toBeNull();
      const notes = await t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM follow_ups f JOIN placements pl ON pl.id = f.placement_id
                  WHERE pl.participant_id = $1 AND f.notes IS NOT NULL) AS follow_up_notes,
                (SELECT count(*)::int FROM coaching_sessions s JOIN session_attendances a ON a.session_id = s.id
                  WHERE a.participant_id = $1 AND s.notes IS NOT NULL) AS session_notes,
                (SELECT goal FROM action_plans WHERE participant_id = $1) AS goal,
                (SELECT count(*)::int FROM placements WHERE participant_id = $1) AS placements`,
        [p.id],
      );
      expect(notes).toEqual([{ follow_up_notes: 0, session_notes: 0, goal: null, placements: 0 }]);

      const audit: { action: string; detail: unknown }[] = await t.dataSource.query(
        `SELECT action, detail FROM audit_log WHERE entity = 'participant' AND entity_id = $1
           AND user_id = $2 ORDER BY at`,
        [p.id, coach.user.id],
      );
      expect(audit.map((a) => a.action)).toContain('delete');
      expect(JSON.stringify(audit)).not.toContain('Anna');
    });

    it('erases, by the retention job, participations that ended more than RETENTION_MONTHS (36) ago', async () => {
      const programme = await factories.programme();
      // Exits long before anything other test files create, so the job touches only these.
      const exited = await factories.participant(programme.id, {
        status: 'exited',
        exitedAt: '1990-01-15',
        exitReason: 'work',
      });
      const active = await factories.participant(programme.id, { exitedAt: null });
      const service = t.app.get(ParticipantsService);

      await service.eraseDue(new Date('1992-12-15T12:00:00Z')); // exit + 35 months
      expect((await more.row(exited.id))['erased_at']).toBeNull();

      const count = await service.eraseDue(new Date('1993-02-15T12:00:00Z')); // exit + 37 months
      expect(count).toBeGreaterThanOrEqual(1);
      const row = await more.row(exited.id);
      expect(row).toMatchObject({
        first_name: null,
        erasure_reason: 'retention',
        exit_reason: null,
      });
      expect(row['erased_at']).not.toBeNull();
      expect((await more.row(active.id))['erased_at']).toBeNull();
      const audit: { action: string; user_id: string | null }[] = await t.dataSource.query(
        `SELECT action, user_id FROM audit_log WHERE entity_id = $1`,
        [exited.id],
      );
      expect(audit).toEqual([{ action: 'delete', user_id: null }]);
    });
  });

  describe('GET /api/participants/:id/export', () => {
    it('gives the coach everything about the participant, masks the personnummer and audits an export', async () => {
      const programme = await factories.programme();
      const enterprise = await factories.enterprise();
      const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
      const pnr = personnummerFor('19900101');
      const p = await factories.participant(programme.id, { personnummer: pnr });
      const other = await factories.participant(programme.id);
      await more.actionPlan(p.id, coach.user.id, 'Mål', [more.step({ text: 'Steg' })], 2);
      const alone = await factories.session(programme.id, coach.user.id, [p.id], {
        notes: 'Enskilt',
      });
      const group = await factories.session(programme.id, coach.user.id, [p.id, other.id], {
        notes: 'Om alla',
      });
      const placement = await factories.placement(p.id, enterprise.id);
      const followUp = await more.followUp(placement.id, coach.user.id, 'Går bra');
      const checkIn = await more.checkIn(
        p.id,
        await factories.defaultInstrumentId(),
        coach.user.id,
      );

      const reply = await client.request<ParticipantExport>(
        'GET',
        `/api/participants/${p.id}/export`,
        {
          token: coach.token,
        },
      );
      expect(reply.status).toBe(200);
      expect(reply.body.participant).toMatchObject({ id: p.id, personnummer: '19900101-****' });
      expect(reply.body.actionPlan).toMatchObject({ goal: 'Mål', version: 2 });
      expect(reply.body.actionPlan?.revisions.map((r) => r.version)).toEqual([1, 2]);
      expect(reply.body.sessions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: alone.id,
            notes: 'Enskilt',
            group: false,
            attendance: 'attended',
          }),
          expect.objectContaining({ id: group.id, notes: null, group: true }),
        ]),
      );
      expect(reply.body.placements).toEqual([
        expect.objectContaining({
          id: placement.id,
          followUps: [expect.objectContaining({ id: followUp, notes: 'Går bra' })],
        }),
      ]);
      expect(reply.body.checkIns).toEqual([
        expect.objectContaining({ id: checkIn, scores: { work: 2 } }),
      ]);
      expect(JSON.stringify(reply.body)).not.toContain(pnr);

      const audit: { action: string }[] = await t.dataSource.query(
        `SELECT action FROM audit_log WHERE entity_id = $1 AND user_id = $2`,
        [p.id, coach.user.id],
      );
      expect(audit).toEqual([{ action: 'export' }]);
    });
  });

  it('keeps the personnummer out of the audit log', async () => {
    const { programme, coach, token } = await coachWorld();
    const pnr = personnummerFor('19870707');
    const created = await create(
      token,
      body(programme.id, { personnummer: pnr, birthYear: undefined }),
    );
    expect(created.status).toBe(201);
    await client.request('GET', `/api/participants/${created.body.id}`, { token });
    await client.request('GET', `/api/participants?search=Anna`, { token });
    const rows = await t.dataSource.query(`SELECT * FROM audit_log WHERE user_id = $1`, [coach.id]);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(rows)).not.toContain(pnr.slice(2));
  });
});
