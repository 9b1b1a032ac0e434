import { randomUUID } from 'node:crypto';
// The migration itself is under test here; migrations is a scope:backend project without an alias.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ReduceParticipationsToMonths1765100004000 } from '../../migrations/1765100004000-ReduceParticipationsToMonths';
import { ParticipantsService } from '../src/modules/participants/participants.service';
import { planStep, savedPlan } from './support/action-plan-factories';
import { Factories } from './support/factories';
import { personnummerFor } from './support/participants-factories';
import { daysFromToday, followUpBody } from './support/placements-factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * Consent withdrawal, protected identity, erasure and the retention job reduce a participation to
 * gender and start and exit month (DOMAIN.md): every record of the person is deleted, not hidden.
 *
 * The tables are found in the database catalogue, not listed here, so a table added later is
 * covered without touching this file: every foreign key that leads to participants (directly or
 * through a table that references them, e.g. follow_ups → placements → participants), plus columns
 * named like a participant reference that have no constraint (the audit log's entity_id and
 * participant_ids). The fixture must put a row in each of them, or the test fails and asks for it.
 *
 * The audit log is append-only (a trigger refuses UPDATE and DELETE): it keeps the participant's
 * id and the ids of their deleted records with who did what and when, never personal data. The
 * scan below checks that no table, the audit log included, holds the person's name,
 * personnummer or any text written about them after the reduction.
 */
describe('reducing a participation deletes every record of the person', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  let instrumentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
    instrumentId = await factories.defaultInstrumentId();
  });
  afterAll(async () => t.close());

  /** A column that references a participant: `path` leads from it to participants.id. */
  interface Reference {
    table: string;
    column: string;
    /** The referenced table and column (participants.id, or e.g. placements.id). */
    parent: string;
    parentColumn: string;
  }

  /** Foreign keys to participants, and foreign keys to the tables that hold those, recursively. */
  async function foreignKeyReferences(): Promise<Reference[]> {
    return t.dataSource.query(
      `WITH RECURSIVE refs(tbl, col, parent, parent_col, depth) AS (
         SELECT c.conrelid::regclass::text, a.attname::text, 'participants', pa.attname::text, 1
           FROM pg_constraint c
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
           JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
          WHERE c.contype = 'f' AND c.confrelid = 'participants'::regclass
         UNION
         SELECT c.conrelid::regclass::text, a.attname::text, r.tbl, pa.attname::text, r.depth + 1
           FROM refs r
           JOIN pg_constraint c ON c.contype = 'f' AND c.confrelid = r.tbl::regclass
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
           JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
          WHERE r.depth < 5 AND c.conrelid <> 'participants'::regclass)
       SELECT tbl AS "table", col AS "column", parent, parent_col AS "parentColumn"
         FROM refs ORDER BY depth, tbl, col`,
    );
  }

  /** Columns named like a participant reference that no foreign key declares (the audit log). */
  async function namedReferences(
    declared: Reference[],
  ): Promise<{ table: string; column: string }[]> {
    const rows: { table: string; column: string }[] = await t.dataSource.query(
      `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name <> 'participants'
          AND (column_name ~ '(^|_)participant_ids?$' OR column_name = 'entity_id')
        ORDER BY table_name, column_name`,
    );
    return rows.filter((r) => !declared.some((d) => d.table === r.table && d.column === r.column));
  }

  /**
   * Per reference, the keys it points at (the participant's id, or the ids of their rows in the
   * parent table) and how many rows point at them, following the references down.
   */
  async function referencingRows(
    refs: Reference[],
    participantId: string,
  ): Promise<Map<string, { keys: string[]; rows: number }>> {
    const idsOf = new Map<string, string[]>([['participants', [participantId]]]);
    const found = new Map<string, { keys: string[]; rows: number }>();
    for (const ref of refs) {
      const keys = ref.parentColumn === 'id' ? (idsOf.get(ref.parent) ?? []) : [];
      const rows: { id: string | null }[] = await t.dataSource.query(
        `SELECT to_jsonb(x)->>'id' AS id FROM ${ref.table} x
          WHERE x.${ref.column}::text = ANY($1::text[])`,
        [keys],
      );
      found.set(`${ref.table}.${ref.column}`, { keys, rows: rows.length });
      const ids = rows.map((r) => r.id).filter((id): id is string => id !== null);
      idsOf.set(ref.table, [...(idsOf.get(ref.table) ?? []), ...ids]);
    }
    return found;
  }

  async function countReferencing(ref: string, keys: string[]): Promise<number> {
    const [table, column] = ref.split('.') as [string, string];
    const [row] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${column}::text = ANY($1::text[])`,
      [keys],
    )) as { n: number }[];
    return row!.n;
  }

  /** Tables (every one in the schema) whose rows, as text, contain the needle. */
  async function tablesContaining(needle: string, except: string[] = []): Promise<string[]> {
    const tables: { name: string }[] = await t.dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
          AND table_name <> 'migrations' ORDER BY table_name`,
    );
    const hits: string[] = [];
    for (const { name } of tables.filter((tb) => !except.includes(tb.name))) {
      const [row] = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM "${name}" x WHERE strpos(x::text, $1) > 0`,
        [needle],
      )) as { n: number }[];
      if (row!.n > 0) hits.push(name);
    }
    return hits;
  }

  /** What a reduced participant row may keep; every other column must be null. */
  const KEPT_COLUMNS = [
    'id',
    'programme_id',
    'reference',
    'status',
    'gender',
    'start_year',
    'start_month',
    'protected_identity',
    'consent_given',
    'consent_withdrawn_at',
    'exited_at',
    'reduced_at',
    'erased_at',
    'erasure_reason',
    'version',
    'created_at',
    'updated_at',
  ];

  /**
   * A participant with a record in every table that can hold one, made through the routes (so the
   * audit log and the idempotency store see it too) where a route exists.
   */
  async function caseRecord() {
    const tag = randomUUID().slice(0, 8);
    const programme = await factories.programme();
    const enterprise = await factories.enterprise();
    const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    const supervisor = await factories.loggedIn(client, 'supervisor', {
      enterpriseId: enterprise.id,
    });
    const other = await factories.participant(programme.id);
    // A personnummer no row holds yet: other tests (sharing the database) make people born on
    // common test dates, and the scan below must find only this person's traces.
    let pnr = personnummerFor('19610827');
    while ((await tablesContaining(pnr)).length > 0) pnr = personnummerFor('19610827');
    const texts = {
      firstName: `Fornamn${tag}`,
      lastName: `Efternamn${tag}`,
      personnummer: pnr,
      goal: `Planmal ${tag}`,
      step: `Plansteg ${tag}`,
      sessionNotes: `Enskilt samtal ${tag}`,
      followUpNotes: `Uppfoljning ${tag}`,
      reopening: `Ateroppnad ${tag}`,
    };
    const idempotent = () => ({ 'idempotency-key': randomUUID() });
    const created = await client.request<{ id: string }>('POST', '/api/participants', {
      token: coach.token,
      body: {
        programmeId: programme.id,
        firstName: texts.firstName,
        lastName: texts.lastName,
        personnummer: pnr,
        gender: 'female',
        municipality: 'Malmö',
        enrolledAt: '2026-03-17',
        consent: { given: true, date: '2026-03-17', formVersion: 'v2' },
        startSnapshot: {
          incomeSources: ['social_assistance'],
          timeInSupport: '2_5',
          occupation: 'job_seeking',
          occupationPercent: 0,
        },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    // An exit undone by a re-opening (participation_reopenings).
    const exit = await client.request('PATCH', `/api/participants/${id}`, {
      token: coach.token,
      body: { exit: { date: '2026-04-30', reason: 'sick_leave' } },
    });
    expect(exit.status).toBe(200);
    const reopen = await client.request('POST', `/api/participants/${id}/reopening`, {
      token: coach.token,
      body: { reason: texts.reopening },
    });
    expect([200, 201]).toContain(reopen.status);

    // The plan and two revisions, with a step that concerns the placement.
    await savedPlan(t.dataSource, id, coach.user.id, { goal: texts.goal });
    await savedPlan(t.dataSource, id, coach.user.id, {
      goal: texts.goal,
      steps: [planStep({ text: texts.step, concernsPlacement: true })],
    });

    const alone = await client.request<{ id: string }>('POST', '/api/coaching-sessions', {
      token: coach.token,
      headers: idempotent(),
      body: {
        at: '2026-05-05T09:00:00+02:00',
        durationMinutes: 60,
        kind: 'individual_coaching',
        mode: 'on_site',
        participants: [{ participantId: id, attendance: 'attended' }],
        notes: texts.sessionNotes,
      },
    });
    expect(alone.status).toBe(201);
    const group = await client.request<{ id: string }>('POST', '/api/coaching-sessions', {
      token: coach.token,
      body: {
        at: '2026-05-06T09:00:00+02:00',
        durationMinutes: 90,
        kind: 'group_workshop',
        mode: 'on_site',
        participants: [
          { participantId: id, attendance: 'attended' },
          { participantId: other.id, attendance: 'no_show' },
        ],
        notes: 'Gruppträff om cv',
      },
    });
    expect(group.status).toBe(201);
    // Enrolled in a group series (group_series_enrolments), with a meeting of it attended.
    const series = await client.request<{ id: string }>(
      'POST',
      `/api/programmes/${programme.id}/group-series`,
      {
        token: coach.token,
        body: {
          name: 'Framtidsverkstad',
          kind: 'future_workshop',
          plannedMeetings: 8,
          plannedMinutesPerMeeting: 180,
          startDate: '2026-03-01',
          endDate: '2026-06-30',
        },
      },
    );
    expect(series.status).toBe(201);
    const enrolled = await client.request(
      'POST',
      `/api/group-series/${series.body.id}/enrolments`,
      {
        token: coach.token,
        body: { participantId: id, joinedOn: '2026-03-17' },
      },
    );
    expect(enrolled.status).toBe(201);
    const seriesMeeting = await client.request(
      'POST',
      `/api/group-series/${series.body.id}/meetings`,
      {
        token: coach.token,
        body: {
          at: '2026-05-07T13:00:00+02:00',
          durationMinutes: 180,
          mode: 'on_site',
          attendance: [{ participantId: id, attendance: 'attended' }],
        },
      },
    );
    expect(seriesMeeting.status).toBe(201);

    const placement = await client.request<{ id: string }>('POST', '/api/placements', {
      token: coach.token,
      body: {
        participantId: id,
        enterpriseId: enterprise.id,
        kind: 'work_training',
        startDate: daysFromToday(-40),
        plannedEndDate: daysFromToday(60),
        hoursPerWeek: 20,
        supervisorIds: [supervisor.user.id],
      },
    });
    expect(placement.status).toBe(201);
    const followUp = await client.request<{ id: string }>(
      'POST',
      `/api/placements/${placement.body.id}/follow-ups`,
      {
        token: supervisor.token,
        headers: idempotent(),
        body: followUpBody(daysFromToday(-30), {
          notes: texts.followUpNotes,
          concern: true,
          wellbeing: 2,
        }),
      },
    );
    expect(followUp.status).toBe(201);
    const checkIn = await client.request<{ id: string }>(
      'POST',
      `/api/participants/${id}/check-ins`,
      {
        token: coach.token,
        headers: idempotent(),
        body: {
          instrumentId,
          occasion: 'start',
          date: '2026-03-20',
          scores: { health_capacity: 1, motivation: 3 },
        },
      },
    );
    expect(checkIn.status).toBe(201);
    // Reads by both roles, so the audit log has rows about them.
    for (const token of [coach.token, supervisor.token]) {
      await client.request('GET', `/api/participants/${id}`, { token });
      await client.request('GET', `/api/participants/${id}/timeline`, { token });
    }
    return {
      id,
      tag,
      texts,
      programme,
      coach,
      supervisor,
      other,
      placementId: placement.body.id,
      followUpId: followUp.body.id,
      checkInId: checkIn.body.id,
      aloneSessionId: alone.body.id,
      groupSessionId: group.body.id,
    };
  }

  type Scene = Awaited<ReturnType<typeof caseRecord>>;

  const REDUCTIONS: [string, (s: Scene) => Promise<void>][] = [
    [
      'consent withdrawal',
      async (s) => {
        const reply = await client.request('PATCH', `/api/participants/${s.id}`, {
          token: s.coach.token,
          body: { consent: { given: false, withdrawnAt: daysFromToday(-1) } },
        });
        expect(reply.status).toBe(200);
      },
    ],
    [
      'protected identity',
      async (s) => {
        const reply = await client.request('PATCH', `/api/participants/${s.id}`, {
          token: s.coach.token,
          body: { protectedIdentity: true },
        });
        expect(reply.status).toBe(200);
      },
    ],
    [
      'erasure',
      async (s) => {
        const reply = await client.request('POST', `/api/participants/${s.id}/erasure`, {
          token: s.coach.token,
          body: { reason: 'Deltagaren begärde radering (test)' },
        });
        expect(reply.status).toBeLessThan(300);
      },
    ],
    [
      'the retention job',
      async (s) => {
        // Ended long before anything other test files make, so the job erases only this one.
        await t.dataSource.query(
          `UPDATE participants SET enrolled_at = '1984-02-10', exited_at = '1985-03-15',
                  status = 'exited', exit_reason = 'work' WHERE id = $1`,
          [s.id],
        );
        const erased = await t.app.get(ParticipantsService).eraseDue(new Date('1989-01-01'));
        expect(erased).toBeGreaterThanOrEqual(1);
      },
    ],
  ];

  it.each(REDUCTIONS)(
    '%s: every table that references the participant is emptied; no table keeps their data',
    async (_name, reduce) => {
      const s = await caseRecord();
      const fks = await foreignKeyReferences();
      // The catalogue finds at least what exists today (a sanity check of the query itself).
      expect(fks.map((r) => r.table)).toEqual(
        expect.arrayContaining(['action_plans', 'check_ins', 'placements', 'follow_ups']),
      );
      const named = await namedReferences(fks);

      const before = await referencingRows(fks, s.id);
      const empty = [...before].filter(([, r]) => r.rows === 0).map(([key]) => key);
      // A new table that references participants needs a row in caseRecord() above.
      expect({ tablesWithoutFixtureRows: empty }).toEqual({ tablesWithoutFixtureRows: [] });
      for (const { table, column } of named) {
        const [row] = (await t.dataSource.query(
          `SELECT count(*)::int AS n FROM ${table} WHERE strpos(${column}::text, $1) > 0`,
          [s.id],
        )) as { n: number }[];
        expect({ table, column, rows: row!.n > 0 }).toEqual({ table, column, rows: true });
      }

      await reduce(s);

      // No row references the participant, or a record of theirs that existed before.
      for (const [key, { keys }] of before) {
        expect({ key, rows: await countReferencing(key, keys) }).toEqual({ key, rows: 0 });
      }
      // The id itself is left only on the reduced row and in the append-only audit log.
      expect(await tablesContaining(s.id, ['participants', 'audit_log'])).toEqual([]);
      // Nothing anywhere, the audit log included, holds who they are or what was written.
      for (const [what, text] of Object.entries(s.texts)) {
        expect({ what, tables: await tablesContaining(text) }).toEqual({ what, tables: [] });
      }
      // The ids of their records (placement, follow-up, check-in) are in no table but the log.
      for (const recordId of [s.placementId, s.followUpId, s.checkInId]) {
        expect(await tablesContaining(recordId, ['audit_log'])).toEqual([]);
      }

      // The row keeps gender and months (and its own keys), nothing else.
      const [row] = (await t.dataSource.query(
        `SELECT *, to_char(start_month, 'DD') AS start_day, to_char(exited_at, 'DD') AS exit_day,
                to_char(consent_withdrawn_at, 'DD') AS withdrawn_day
           FROM participants WHERE id = $1`,
        [s.id],
      )) as Record<string, unknown>[];
      const kept = Object.entries(row!)
        .filter(([column, value]) => value !== null && !KEPT_COLUMNS.includes(column))
        .map(([column]) => column)
        .filter((column) => !['start_day', 'exit_day', 'withdrawn_day'].includes(column));
      expect({ keptBeyondTheRule: kept }).toEqual({ keptBeyondTheRule: [] });
      expect(row).toMatchObject({ gender: 'female' });
      expect(row!['reduced_at']).not.toBeNull();
      for (const day of ['start_day', 'exit_day', 'withdrawn_day']) {
        expect([null, '01']).toContain(row![day]);
      }
      // The group session stays for the others; the one-to-one session only as a count.
      const sessions: { id: string; notes: string | null; anonymous_attended: number }[] =
        await t.dataSource.query(
          `SELECT id, notes, anonymous_attended FROM coaching_sessions WHERE id = ANY($1::uuid[])`,
          [[s.aloneSessionId, s.groupSessionId]],
        );
      expect(sessions.find((x) => x.id === s.aloneSessionId)).toMatchObject({
        notes: null,
        anonymous_attended: 1,
      });
      expect(sessions.find((x) => x.id === s.groupSessionId)).toMatchObject({
        notes: 'Gruppträff om cv',
        anonymous_attended: 1,
      });
    },
  );

  describe('after a withdrawal, through every participant route', () => {
    /** Every read route about the participant, with what a coach may still get. */
    const routes = (s: Scene) => [
      `/api/participants/${s.id}`,
      `/api/participants/${s.id}/timeline`,
      `/api/participants/${s.id}/action-plan`,
      `/api/participants/${s.id}/action-plan/revisions`,
      `/api/participants/${s.id}/check-ins`,
      `/api/participants/${s.id}/progression`,
      `/api/participants/${s.id}/export`,
      `/api/participants?programmeId=${s.programme.id}&limit=100`,
      `/api/participants?limit=100`,
      `/api/placements?participantId=${s.id}`,
      `/api/placements`,
      `/api/placements/${s.placementId}`,
      `/api/placements/${s.placementId}/follow-ups`,
      `/api/placements/${s.placementId}/follow-up-schedule`,
      `/api/follow-ups/due`,
      `/api/coaching-sessions?participantId=${s.id}`,
      `/api/coaching-sessions/${s.aloneSessionId}`,
      `/api/coaching-sessions/${s.groupSessionId}`,
    ];

    it('gives the coach only the reduced record (gender and months) and the supervisor nothing', async () => {
      const s = await caseRecord();
      const withdrawn = await client.request('PATCH', `/api/participants/${s.id}`, {
        token: s.coach.token,
        body: { consent: { given: false } },
      });
      expect(withdrawn.status).toBe(200);

      const secrets = [
        ...Object.values(s.texts),
        s.placementId,
        s.followUpId,
        s.checkInId,
        'health_capacity',
        'sick_leave',
        'social_assistance',
      ];
      for (const [role, token] of [
        ['coach', s.coach.token],
        ['supervisor', s.supervisor.token],
      ] as const) {
        for (const path of routes(s)) {
          const reply = await client.request('GET', path, { token });
          const text = JSON.stringify(reply.body);
          const leaked = secrets.filter((secret) => text.includes(secret));
          expect({ role, path, leaked }).toEqual({ role, path, leaked: [] });
          if (role === 'supervisor') {
            // Not a trace of the participant: 404, or a list without them.
            expect({ role, path, mentions: reply.status === 200 && text.includes(s.id) }).toEqual({
              role,
              path,
              mentions: false,
            });
          }
        }
      }

      // The coach: the reduced record, with nothing but gender and months (and its keys).
      const read = await client.request<Record<string, unknown>>(
        'GET',
        `/api/participants/${s.id}`,
        { token: s.coach.token },
      );
      expect(read.status).toBe(200);
      const filled = Object.entries(read.body)
        .filter(([, v]) => v !== null && v !== false && v !== 0)
        .map(([k]) => k)
        .sort();
      expect(filled).toEqual(
        [
          'consent',
          'createdAt',
          'gender',
          'id',
          'programmeId',
          'reduced',
          'reference',
          'startMonth',
          'startYear',
          'status',
          'updatedAt',
          'version',
        ].sort(),
      );
      expect(read.body).toMatchObject({
        reduced: true,
        gender: 'female',
        startMonth: '2026-03',
        consent: { given: false, date: null, formVersion: null },
      });
      const timeline = await client.request<{ items: unknown[] }>(
        'GET',
        `/api/participants/${s.id}/timeline`,
        { token: s.coach.token },
      );
      expect(timeline.body.items).toEqual([]);
      const checkIns = await client.request<{ items?: unknown[] } | unknown[]>(
        'GET',
        `/api/participants/${s.id}/check-ins`,
        { token: s.coach.token },
      );
      const items = Array.isArray(checkIns.body) ? checkIns.body : (checkIns.body.items ?? []);
      expect(items).toEqual([]);
      const sessions = await client.request<{ items: unknown[] }>(
        'GET',
        `/api/coaching-sessions?participantId=${s.id}`,
        { token: s.coach.token },
      );
      expect(sessions.body.items).toEqual([]);
      for (const path of [
        `/api/placements/${s.placementId}`,
        `/api/placements/${s.placementId}/follow-ups`,
      ]) {
        expect((await client.request('GET', path, { token: s.coach.token })).status).toBe(404);
      }
      // Nor can case data be added back.
      const session = await client.request('POST', '/api/coaching-sessions', {
        token: s.coach.token,
        body: {
          at: '2026-06-01T09:00:00+02:00',
          durationMinutes: 30,
          kind: 'individual_coaching',
          mode: 'phone',
          participants: [{ participantId: s.id, attendance: 'attended' }],
        },
      });
      expect(session.status).toBe(400);
    });

    it('keeps the exit of a reduced record as its month only, with no reason', async () => {
      const s = await caseRecord();
      await client.request('PATCH', `/api/participants/${s.id}`, {
        token: s.coach.token,
        body: { consent: { given: false } },
      });
      const exit = await client.request<Record<string, unknown>>(
        'PATCH',
        `/api/participants/${s.id}`,
        { token: s.coach.token, body: { exit: { date: daysFromToday(-1), reason: 'sick_leave' } } },
      );
      expect(exit.status).toBe(200);
      expect(exit.body).toMatchObject({
        status: 'exited',
        exitedAt: `${daysFromToday(-1).slice(0, 7)}-01`,
        exitReason: null,
      });
    });
  });

  describe('migration 1765100004000 on records reduced before it', () => {
    it('reduces them the same way (down, a record reduced the old way, up), in a rolled-back transaction', async () => {
      const s = await caseRecord();
      const migration = new ReduceParticipationsToMonths1765100004000();
      const qr = t.dataSource.createQueryRunner();
      await qr.connect();
      await qr.startTransaction();
      try {
        await migration.down(qr);
        // Reduced the old way: name gone, case records and dates kept.
        await qr.query(
          `UPDATE participants SET first_name = NULL, last_name = NULL, personnummer = NULL,
                  consent_given = FALSE, consent_withdrawn_at = '2026-05-20', reduced_at = now(),
                  status = 'exited', exited_at = '2026-06-17', exit_reason = 'sick_leave'
            WHERE id = $1`,
          [s.id],
        );
        await migration.up(qr);
        const [row] = (await qr.query(
          `SELECT start_month::text AS start_month, exited_at::text AS exited_at,
                  consent_withdrawn_at::text AS withdrawn, exit_reason, enrolled_at,
                  start_snapshot, consent_date
             FROM participants WHERE id = $1`,
          [s.id],
        )) as Record<string, unknown>[];
        expect(row).toEqual({
          // enrolled_at was still there: its month.
          start_month: '2026-03-01',
          exited_at: '2026-06-01',
          withdrawn: '2026-05-01',
          exit_reason: null,
          enrolled_at: null,
          start_snapshot: null,
          consent_date: null,
        });
        for (const table of ['action_plans', 'check_ins', 'placements', 'session_attendances']) {
          const [n] = (await qr.query(
            `SELECT count(*)::int AS n FROM ${table} WHERE participant_id = $1`,
            [s.id],
          )) as { n: number }[];
          expect({ table, n: n!.n }).toEqual({ table, n: 0 });
        }
        const [session] = (await qr.query(
          `SELECT notes, anonymous_attended FROM coaching_sessions WHERE id = $1`,
          [s.aloneSessionId],
        )) as { notes: string | null; anonymous_attended: number }[];
        expect(session).toEqual({ notes: null, anonymous_attended: 1 });
        const [keys] = (await qr.query(
          `SELECT count(*)::int AS n FROM idempotency_keys
            WHERE strpos(path, $1) > 0 OR strpos(COALESCE(response_body::text, ''), $1) > 0`,
          [s.id],
        )) as { n: number }[];
        expect(keys!.n).toBe(0);
      } finally {
        await qr.rollbackTransaction();
        await qr.release();
      }
    });
  });
});
