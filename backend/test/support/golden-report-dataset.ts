import type {
  Attendance,
  CheckInOccasion,
  ExitReason,
  Gender,
  Instrument,
  Page,
  PlacementKind,
  Rater,
  SessionKind,
  Snapshot,
} from '@stegvis/contracts';
import {
  chooseOwnPassword,
  Factories,
  randomOrgNumber,
  reauthenticate,
  TEST_PASSWORD,
} from './factories';
import { Client, uniqueEmail } from './test-app';

/*
 * The golden report dataset, built the way people build it: through the HTTP API. An admin sets
 * up the programme (targets, k = 3), the enterprises and the staff; a coach of the programme
 * registers the participants, logs sessions, arranges placements and their follow-ups, records
 * check-ins, exits, a consent withdrawal and an erasure. Only the admin account itself is written
 * with the factories (someone has to exist to call the API).
 *
 * Every date is fixed and in the past (2024–2025); the one exception is a placement planned for
 * 2099, which the API can only create as `planned` with a start in the future. The report period
 * is 2025-01-01 – 2025-06-30, so "today" changes nothing: every follow-up due date has passed.
 *
 * Participants (f = female, m = male, o = other):
 *   F1 f 2000 enrolled 2025-02-01, exit 2025-05-31 work      — placement P1, sessions, check-ins
 *   F2 f 1990 enrolled 2025-01-15, exit 2025-06-15 studies   — placement P2, check-ins
 *   F3 f 1985 enrolled 2024-09-01, active                    — sessions around midnight, check-ins
 *   F4 f 1995 enrolled 2025-03-01, exit 2025-06-20 dropped out
 *   F5 f 1999 enrolled 2025-04-01, active                    — cancelled a session, check-ins
 *   F6 f      no consent at registration (reduced: gender and start month 2025-03 only)
 *   F7 f 1988 enrolled 2025-03-20, withdrew consent 2025-04-10 (reduced after a session and
 *             two check-ins: the session still counts as held, her attendance, check-ins and
 *             background are gone)
 *   M1 m 1980 enrolled 2025-01-10, exit 2025-04-30 work      — placement P3, check-ins
 *   M2 m 2003 enrolled 2025-02-15, active                    — placement P4, a no-show
 *   M3 m 1970 enrolled 2025-05-01, active, no start snapshot
 *   E1 m 1975 enrolled 2024-11-01, exit 2025-03-31 other programme, then erased (gallring:
 *             gender, start month 2024-11 and exit month 2025-03 stay)
 *   O1 o 1992 enrolled 2025-03-10, active                    — a placement planned for 2099
 *   X1 f enrolled 2024-03-01, exit 2024-12-15 (before the period); X2 m enrolled 2025-07-05 (after)
 */

export const GOLDEN_FROM = '2025-01-01';
export const GOLDEN_TO = '2025-06-30';

export interface GoldenUser {
  id: string;
  token: string;
}

export interface GoldenDataset {
  programmeId: string;
  programmeName: string;
  admin: GoldenUser;
  lead: GoldenUser;
  coach: GoldenUser;
}

const snap = (
  incomeSources: Snapshot['incomeSources'],
  timeInSupport: Snapshot['timeInSupport'],
  occupation: Snapshot['occupation'],
): Omit<Snapshot, 'occupationPercent'> => ({ incomeSources, timeInSupport, occupation });

/** One API call that must answer `expected`; otherwise the test stops with the reply. */
async function call<T = { id: string }>(
  client: Client,
  token: string,
  method: string,
  path: string,
  body: unknown,
  expected: number,
): Promise<T> {
  const reply = await client.request<T>(method, path, { token, body });
  if (reply.status !== expected) {
    throw new Error(
      `${method} ${path} answered ${reply.status}, not ${expected}: ${JSON.stringify(reply.body)}`,
    );
  }
  return reply.body;
}

const ONE_TIME_PASSWORD = 'golden one-time password 1';

async function login(client: Client, email: string): Promise<string> {
  const reply = await client.login(email, TEST_PASSWORD);
  if (reply.status !== 200) throw new Error(`login ${email} answered ${reply.status}`);
  return reply.body.accessToken;
}

export async function buildGoldenDataset(
  client: Client,
  factories: Factories,
): Promise<GoldenDataset> {
  const adminUser = await factories.loggedIn(client, 'admin');
  const admin: GoldenUser = { id: adminUser.user.id, token: adminUser.token };
  const asAdmin = <T = { id: string }>(path: string, body: unknown) =>
    call<T>(client, admin.token, 'POST', path, body, 201);

  // --- The admin: programme, enterprises, staff -------------------------------------------------
  const programmeName = `Golden ${Math.random().toString(36).slice(2, 8)}`;
  const programme = await asAdmin('/api/programmes', {
    name: programmeName,
    periodStart: '2024-01-01',
    periodEnd: '2026-12-31',
    targets: [
      { kind: 'participants', gender: 'female', value: 6 },
      { kind: 'participants', gender: 'male', value: 4 },
      { kind: 'participants', value: 10 },
      { kind: 'placements', value: 4 },
      { kind: 'sessions_per_participant', value: 2 },
      { kind: 'gender_split', min: 40, max: 60 },
      { kind: 'agreements_concluded', value: 5 },
      { kind: 'enterprises_started', value: 1 },
      { kind: 'advice_sessions', min: 4, max: 10 },
      { kind: 'people_advised', gender: 'female', value: 3 },
      { kind: 'people_advised', value: 4 },
      { kind: 'enterprise_events', value: 3 },
    ],
    suppressionThreshold: 3,
  });
  const enterprise = (name: string) =>
    asAdmin('/api/enterprises', {
      name: `${name} ${programme.id.slice(0, 6)}`,
      orgNumber: randomOrgNumber(),
      municipality: 'Malmö',
      isAsf: true,
    });
  const [entA, entB, entC] = [
    await enterprise('Café A'),
    await enterprise('Snickeri B'),
    await enterprise('Trädgård C'),
  ];
  // Making accounts needs a recent re-authentication; each starts with a one-time password.
  await reauthenticate(client, admin.token);
  const staff = async (role: 'coach' | 'lead'): Promise<GoldenUser> => {
    const email = uniqueEmail(role);
    const user = await asAdmin('/api/users', {
      email,
      name: `Golden ${role}`,
      role,
      password: ONE_TIME_PASSWORD,
      programmeIds: [programme.id],
    });
    await chooseOwnPassword(client, email, ONE_TIME_PASSWORD);
    return { id: user.id, token: await login(client, email) };
  };
  const coach = await staff('coach');
  const lead = await staff('lead');

  // --- The coach: participants ------------------------------------------------------------------
  const asCoach = <T = { id: string }>(method: string, path: string, body: unknown, status = 201) =>
    call<T>(client, coach.token, method, path, body, status);
  let serial = 0;
  const participant = async (p: {
    gender: Gender;
    enrolledAt: string;
    birthYear?: number;
    education?: string;
    startSnapshot?: ReturnType<typeof snap>;
    consent?: boolean;
  }): Promise<string> => {
    serial += 1;
    const consent = p.consent ?? true;
    const created = await asCoach('POST', '/api/participants', {
      programmeId: programme.id,
      gender: p.gender,
      enrolledAt: p.enrolledAt,
      consent: consent ? { given: true, date: p.enrolledAt, formVersion: 'v1' } : { given: false },
      // A record without consent keeps none of these (the API drops them).
      ...(consent && {
        firstName: 'Golden',
        lastName: `Deltagare ${serial}`,
        birthYear: p.birthYear,
        municipality: 'Malmö',
        education: p.education,
        referredBy: 'municipality',
        ...(p.startSnapshot && { startSnapshot: p.startSnapshot }),
      }),
    });
    return created.id;
  };
  const exit = (id: string, date: string, reason: ExitReason, snapshot?: ReturnType<typeof snap>) =>
    asCoach(
      'PATCH',
      `/api/participants/${id}`,
      { exit: { date, reason, ...(snapshot && { snapshot }) } },
      200,
    );

  const F1 = await participant({
    gender: 'female',
    birthYear: 2000,
    enrolledAt: '2025-02-01',
    education: 'upper_secondary',
    startSnapshot: snap(['social_assistance'], '2_5', 'job_seeking'),
  });
  const F2 = await participant({
    gender: 'female',
    birthYear: 1990,
    enrolledAt: '2025-01-15',
    education: 'primary',
    startSnapshot: snap(['social_assistance'], '1_2', 'job_seeking'),
  });
  const F3 = await participant({
    gender: 'female',
    birthYear: 1985,
    enrolledAt: '2024-09-01',
    education: 'upper_secondary',
    startSnapshot: snap(['sickness_benefit'], 'gt_5', 'other'),
  });
  const F4 = await participant({
    gender: 'female',
    birthYear: 1995,
    enrolledAt: '2025-03-01',
    education: 'university',
    startSnapshot: snap(['social_assistance'], 'lt_1', 'job_seeking'),
  });
  const F5 = await participant({
    gender: 'female',
    birthYear: 1999,
    enrolledAt: '2025-04-01',
    education: 'upper_secondary',
    startSnapshot: snap(['activity_support'], '1_2', 'work_training'),
  });
  // F6: no consent → reduced at once (gender and start month March 2025).
  await participant({ gender: 'female', enrolledAt: '2025-03-15', consent: false });
  const F7 = await participant({
    gender: 'female',
    birthYear: 1988,
    enrolledAt: '2025-03-20',
    education: 'post_secondary_short',
    startSnapshot: snap(['social_assistance'], '1_2', 'job_seeking'),
  });
  const M1 = await participant({
    gender: 'male',
    birthYear: 1980,
    enrolledAt: '2025-01-10',
    education: 'primary',
    startSnapshot: snap(['sickness_benefit', 'social_assistance'], 'gt_5', 'other'),
  });
  const M2 = await participant({
    gender: 'male',
    birthYear: 2003,
    enrolledAt: '2025-02-15',
    education: 'upper_secondary_incomplete',
    startSnapshot: snap(['activity_support'], 'lt_1', 'job_seeking'),
  });
  await participant({
    gender: 'male',
    birthYear: 1970,
    enrolledAt: '2025-05-01',
    education: 'primary',
  }); // M3
  const E1 = await participant({
    gender: 'male',
    birthYear: 1975,
    enrolledAt: '2024-11-01',
    education: 'primary',
    startSnapshot: snap(['unemployment_insurance'], '1_2', 'job_seeking'),
  });
  const O1 = await participant({
    gender: 'other',
    birthYear: 1992,
    enrolledAt: '2025-03-10',
    education: 'upper_secondary',
    startSnapshot: snap(['social_assistance'], '1_2', 'job_seeking'),
  });
  const X1 = await participant({ gender: 'female', birthYear: 1990, enrolledAt: '2024-03-01' });
  await participant({ gender: 'male', birthYear: 1990, enrolledAt: '2025-07-05' }); // X2

  // --- Sessions (the coach writes local Swedish time or UTC; both are instants) ------------------
  const session = (at: string, kind: SessionKind, attendance: [string, Attendance][]) =>
    asCoach('POST', '/api/coaching-sessions', {
      at,
      durationMinutes: 60,
      kind,
      mode: 'on_site',
      participants: attendance.map(([participantId, a]) => ({ participantId, attendance: a })),
      notes: 'Samtal',
    });
  await session('2025-02-10T09:00:00Z', 'individual_coaching', [[F1, 'attended']]);
  await session('2025-03-10T09:00:00Z', 'individual_coaching', [[F1, 'attended']]);
  await session('2025-03-15T09:00:00Z', 'group_workshop', [
    [F1, 'attended'],
    [F2, 'attended'],
    [M1, 'attended'],
    [M2, 'no_show'],
    [F5, 'cancelled'],
  ]);
  await session('2025-03-25T10:00:00+01:00', 'individual_coaching', [[F7, 'attended']]);
  await session('2025-04-01T09:00:00Z', 'business_advice', [[M2, 'attended']]);
  await session('2025-05-05T09:00:00Z', 'life_coaching', [[O1, 'attended']]);
  // 23:30 on 30 June and 00:30 on 1 January in Stockholm: both on days of the period.
  await session('2025-06-30T23:30:00+02:00', 'individual_coaching', [[F3, 'attended']]);
  await session('2025-01-01T00:30:00+01:00', 'individual_coaching', [[F3, 'attended']]);
  // After the period (10:00 on 1 July in Stockholm), and a visit nobody came to.
  await session('2025-07-01T08:00:00Z', 'individual_coaching', [[F3, 'attended']]);
  await session('2025-05-10T09:00:00Z', 'follow_up_visit', [[M1, 'no_show']]);

  // --- Placements and follow-ups (before the exits: an exited participant gets no placement) ----
  const placement = async (
    participantId: string,
    enterpriseId: string,
    kind: PlacementKind,
    startDate: string,
    plannedEndDate: string | null,
  ) =>
    (
      await asCoach('POST', '/api/placements', {
        participantId,
        enterpriseId,
        kind,
        startDate,
        plannedEndDate,
        hoursPerWeek: 20,
      })
    ).id;
  const endPlacement = (id: string, date: string) =>
    asCoach('PATCH', `/api/placements/${id}`, { action: 'end', date, reason: 'Klart' }, 200);
  const followUps = async (placementId: string, dates: string[]) => {
    for (const date of dates) {
      await asCoach('POST', `/api/placements/${placementId}/follow-ups`, {
        date,
        mode: 'visit',
        daysPresent: 5,
        daysAbsent: 0,
        wellbeing: 4,
        notes: 'Går bra',
      });
    }
  };
  const P1 = await placement(F1, entA.id, 'work_training', '2025-03-03', '2025-06-30');
  await endPlacement(P1, '2025-05-30'); // no follow-ups at all
  const P2 = await placement(F2, entB.id, 'internship', '2025-02-03', '2025-08-31');
  await followUps(P2, [
    '2025-02-10',
    '2025-02-17',
    '2025-02-24',
    '2025-03-03',
    '2025-04-02',
    '2025-05-02',
    '2025-06-01',
    '2025-07-15', // after the period: ignored
  ]);
  const P3 = await placement(M1, entA.id, 'subsidised_employment', '2025-02-01', '2025-12-31');
  await followUps(P3, ['2025-02-08', '2025-02-15', '2025-02-22', '2025-03-01', '2025-04-02']);
  await endPlacement(P3, '2025-04-30');
  const P4 = await placement(M2, entB.id, 'work_training', '2025-06-02', '2025-12-31');
  await followUps(P4, ['2025-06-09']);
  // Before the period: F3's placement in autumn 2024.
  const P5 = await placement(F3, entA.id, 'work_training', '2024-10-01', '2024-12-20');
  await endPlacement(P5, '2024-12-20');
  // Planned (start in the future): never counted.
  await placement(O1, entC.id, 'internship', '2099-01-05', null);

  // --- Check-ins on the shipped instrument (motivation and work_skills, 1–5) --------------------
  const instruments = await call<Page<Instrument>>(
    client,
    coach.token,
    'GET',
    `/api/instruments?programmeId=${programme.id}`,
    undefined,
    200,
  );
  const instrument = instruments.items.find((i) => i.key === 'stegvis' && i.programmeId === null);
  if (!instrument) throw new Error('the shipped instrument is missing');
  const checkIns = async (
    id: string,
    ...checks: {
      date: string;
      occasion: CheckInOccasion;
      rater: Rater;
      scores: Record<string, number>;
      ladder?: number;
    }[]
  ) => {
    for (const check of checks) {
      await asCoach('POST', `/api/participants/${id}/check-ins`, {
        instrumentId: instrument.id,
        ...check,
      });
    }
  };
  await checkIns(
    F1,
    {
      date: '2025-02-01',
      occasion: 'start',
      rater: 'coach',
      scores: { motivation: 2, work_skills: 3 },
      ladder: 1,
    },
    {
      date: '2025-05-31',
      occasion: 'exit',
      rater: 'coach',
      scores: { motivation: 4, work_skills: 3 },
      ladder: 4,
    },
    { date: '2025-02-01', occasion: 'start', rater: 'participant', scores: { motivation: 3 } },
    { date: '2025-05-31', occasion: 'exit', rater: 'participant', scores: { motivation: 3 } },
  );
  await checkIns(
    F2,
    {
      date: '2025-01-15',
      occasion: 'start',
      rater: 'coach',
      scores: { motivation: 3, work_skills: 2 },
    },
    {
      date: '2025-04-15',
      occasion: 'during',
      rater: 'coach',
      scores: { motivation: 2, work_skills: 2 },
    },
  );
  await checkIns(
    M1,
    { date: '2025-01-10', occasion: 'start', rater: 'coach', scores: { motivation: 1 }, ladder: 0 },
    { date: '2025-04-30', occasion: 'exit', rater: 'coach', scores: { motivation: 2 }, ladder: 3 },
  );
  await checkIns(M2, {
    date: '2025-02-15',
    occasion: 'start',
    rater: 'coach',
    scores: { motivation: 2 },
  });
  await checkIns(
    F3,
    { date: '2024-09-01', occasion: 'start', rater: 'coach', scores: { work_skills: 1 } },
    { date: '2025-03-01', occasion: 'during', rater: 'coach', scores: { work_skills: 3 } },
    // After the period's end: not counted.
    { date: '2025-08-01', occasion: 'during', rater: 'coach', scores: { work_skills: 5 } },
  );
  await checkIns(
    F5,
    { date: '2025-04-01', occasion: 'start', rater: 'coach', scores: { motivation: 3 } },
    { date: '2025-06-01', occasion: 'during', rater: 'coach', scores: { motivation: 3 } },
  );
  await checkIns(
    O1,
    { date: '2025-03-10', occasion: 'start', rater: 'coach', scores: { work_skills: 2 } },
    { date: '2025-06-10', occasion: 'during', rater: 'coach', scores: { work_skills: 2 } },
  );
  // F7 climbs two steps, then withdraws consent: a reduced record has no progression.
  await checkIns(
    F7,
    { date: '2025-03-20', occasion: 'start', rater: 'coach', scores: { motivation: 2 }, ladder: 0 },
    {
      date: '2025-04-05',
      occasion: 'during',
      rater: 'coach',
      scores: { motivation: 4 },
      ladder: 2,
    },
  );

  // --- Exits, the withdrawal and the erasure ----------------------------------------------------
  await exit(F1, '2025-05-31', 'work', snap(['salary'], '2_5', 'employment'));
  await exit(F2, '2025-06-15', 'studies', snap(['student_finance', 'salary'], '1_2', 'studies'));
  await exit(F4, '2025-06-20', 'dropped_out', snap(['none_or_unknown'], 'lt_1', 'job_seeking'));
  await exit(M1, '2025-04-30', 'work', snap(['salary'], 'gt_5', 'employment'));
  await exit(
    E1,
    '2025-03-31',
    'other_programme',
    snap(['unemployment_insurance'], '1_2', 'job_seeking'),
  );
  await exit(X1, '2024-12-15', 'work');
  await asCoach(
    'PATCH',
    `/api/participants/${F7}`,
    { consent: { given: false, withdrawnAt: '2025-04-10' } },
    200,
  );
  await asCoach(
    'POST',
    `/api/participants/${E1}/erasure`,
    { reason: 'Gallring på deltagarens begäran' },
    204,
  );

  // --- The enterprise side (issue 14; docs/enterprise-side.md) ---------------------------------
  const programmePath = `/api/programmes/${programme.id}`;
  const event = (date: string, kind: string, title: string, attendees: object) =>
    asCoach('POST', `${programmePath}/enterprise-events`, { date, kind, title, ...attendees });
  // In the period: the meeting place by sector, the network meeting with a total only.
  await event('2025-02-12', 'meeting_place', 'Mötesplats socialt företagande', {
    attendeesTotal: 40,
    attendeesBySector: { public_sector: 28, social_entrepreneurs: 12, other: 0 },
  });
  await event('2025-05-20', 'network_meeting', 'Nätverksträff ASF', { attendeesTotal: 15 });
  // Before and after the period.
  await event('2024-11-05', 'study_visit', 'Studiebesök Vägen ut', {
    attendeesBySector: { public_sector: 5, social_entrepreneurs: 5 },
  });
  await event('2025-07-02', 'enterprise_workshop', 'Workshop effektmätning', {
    attendeesTotal: 8,
  });
  const agreement = (body: object) => asCoach('POST', `${programmePath}/agreements`, body);
  // IOP concluded in the period, in force at its end, 4 places; an older IOP still in force,
  // 3 places; a reserved contract that ended before the period's end; a procurement concluded on
  // its last day; a draft (never counts).
  await agreement({
    enterpriseId: entA.id,
    kind: 'iop',
    counterparty: 'Eskilstuna kommun',
    startDate: '2025-03-01',
    workTrainingPlaces: 4,
  });
  await agreement({
    enterpriseId: entB.id,
    kind: 'iop',
    counterparty: 'Region Sörmland',
    startDate: '2024-01-15',
    workTrainingPlaces: 3,
  });
  await agreement({
    enterpriseId: entB.id,
    kind: 'reserved_contract',
    counterparty: 'Strängnäs kommun',
    startDate: '2024-06-01',
    endDate: '2025-04-30',
    workTrainingPlaces: 2,
    status: 'ended',
  });
  await agreement({
    enterpriseId: entA.id,
    kind: 'social_procurement',
    counterparty: 'Katrineholms kommun',
    startDate: '2025-06-30',
  });
  await agreement({
    enterpriseId: entA.id,
    kind: 'other_cooperation',
    counterparty: 'Flens kommun',
    startDate: '2025-02-01',
    status: 'draft',
  });
  const started = (body: object) => asCoach('POST', `${programmePath}/enterprises-started`, body);
  await started({ name: 'Syfabriken ek. för.', startedOn: '2025-04-01', isAsf: true });
  await started({ name: 'Grönt & Gott', startedOn: '2025-01-01', isAsf: false });
  await started({ name: 'Cykelverkstan', startedOn: '2025-08-15', isAsf: false }); // after

  // Advice to entrepreneurs: C1 f (enterprise A), C2 f (idea stage), C3 m (enterprise B), C4 f.
  const adviseContact = (name: string, gender: string, enterpriseId?: string) =>
    asCoach('POST', `${programmePath}/entrepreneur-contacts`, { name, gender, enterpriseId });
  const C1 = (await adviseContact('C1', 'female', entA.id)).id;
  const C2 = (await adviseContact('C2', 'female')).id;
  const C3 = (await adviseContact('C3', 'male', entB.id)).id;
  const C4 = (await adviseContact('C4', 'female')).id;
  const advise = (date: string, kind: string, contactIds: string[]) =>
    asCoach('POST', `${programmePath}/advice-sessions`, {
      date,
      kind,
      format: contactIds.length > 1 ? 'group' : 'individual',
      durationMinutes: 60,
      contactIds,
    });
  await advise('2024-12-01', 'business_advice', [C2]); // before the period
  await advise('2025-02-03', 'business_advice', [C1]);
  await advise('2025-03-05', 'business_advice', [C1]);
  await advise('2025-03-20', 'life_coaching', [C3]);
  await advise('2025-04-10', 'business_advice', [C1, C2, C3]);
  await advise('2025-05-15', 'other', [C4]);
  await advise('2025-07-01', 'life_coaching', [C3]); // after

  return { programmeId: programme.id, programmeName, admin, lead, coach };
}
