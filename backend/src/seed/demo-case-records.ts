import type {
  Attendance,
  ExitReason,
  Gender,
  IncomeSource,
  Occupation,
  PlacementKind,
  PlanStep,
  SessionKind,
  SessionMode,
  Snapshot,
  TimeInSupport,
} from '@stegvis/contracts';
import { addDays, DEFAULT_FOLLOW_UP_CADENCE, followUpStatus, todayIso } from '@stegvis/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  ActionPlanEntity,
  ActionPlanRevisionEntity,
} from '../modules/action-plans/action-plan.entity';
import { CheckInEntity, InstrumentEntity } from '../modules/check-ins/check-in.entity';
import {
  CoachingSessionEntity,
  SessionAttendanceEntity,
} from '../modules/coaching-sessions/coaching-session.entity';
import { ParticipantEntity } from '../modules/participants/participant.entity';
import {
  FollowUpEntity,
  PlacementEntity,
  PlacementSupervisorEntity,
} from '../modules/placements/placement.entity';

/** A small seeded generator, so the demo looks the same on every machine. */
class Dice {
  private state: number;
  constructor(seed: number) {
    this.state = seed;
  }
  next(): number {
    // mulberry32
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const FIRST = {
  female: ['Amina', 'Sara', 'Fatima', 'Lina', 'Maria', 'Hodan', 'Elin', 'Nadia', 'Zahra', 'Karin'],
  male: ['Ahmed', 'Johan', 'Mohamed', 'Erik', 'Ali', 'Daniel', 'Yusuf', 'Peter', 'Omar', 'Anders'],
  other: ['Kim', 'Robin', 'Alex'],
  undisclosed: ['Sam', 'Charlie'],
} satisfies Record<Gender, string[]>;
const LAST = [
  'Andersson',
  'Hassan',
  'Nilsson',
  'Ali',
  'Karlsson',
  'Yilmaz',
  'Berg',
  'Lund',
  'Abdi',
  'Persson',
  'Holm',
  'Jama',
];
const MUNICIPALITIES = ['Malmö', 'Malmö', 'Malmö', 'Lund', 'Trelleborg', 'Burlöv', 'Eslöv'];
const START_INCOME: IncomeSource[] = [
  'social_assistance',
  'sickness_benefit',
  'activity_support',
  'sickness_compensation',
  'none_or_unknown',
];
const SUPPORT: TimeInSupport[] = ['lt_1', '1_2', '2_5', 'gt_5'];
const STEPS = [
  'Kartlägga intressen och tidigare erfarenheter',
  'Ta fram ett CV tillsammans med coachen',
  'Prova arbetsträning två dagar i veckan',
  'Öka arbetsträningen till halvtid',
  'Delta i framtidsverkstaden',
  'Studiebesök på Komvux',
  'Ansöka om anställning med stöd',
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

/** What a supervisor sees at work: no health, no Swedish test. */
const SUPERVISOR_INDICATORS = [
  'motivation',
  'daily_structure',
  'social_communication',
  'work_skills',
];

interface DemoContext {
  programmeId: string;
  coachId: string;
  enterprises: { id: string; supervisorId: string }[];
  /** How many participants, and the generator's seed. */
  count: number;
  seed: number;
}

/**
 * About a year of realistic case records for one demo programme: participants with snapshots,
 * plans with revisions, individual sessions and group workshops, placements with follow-ups on time
 * and overdue, three check-ins for most, and exits with outcomes. Dates are relative to today.
 */
export async function seedDemoCaseRecords(m: EntityManager, ctx: DemoContext): Promise<void> {
  const dice = new Dice(ctx.seed);
  const today = todayIso();
  const instrument = await m.findOneByOrFail(InstrumentEntity, { key: 'stegvis', version: 1 });
  const participants: { entity: ParticipantEntity; enrolled: string }[] = [];
  // Every score within its indicator's scale (1–5 on the shipped instrument): never a 0.
  const scales = new Map(instrument.indicators.map((i) => [i.key, i]));
  const onScale = (key: string, value: number): number => {
    const scale = scales.get(key);
    return scale ? Math.max(scale.min, Math.min(scale.max, value)) : value;
  };
  /** Supervisors at the placements, for their own rating a few days after the coach's. */
  const placedWith = new Map<string, { supervisorId: string; from: string; to: string }>();

  for (let i = 0; i < ctx.count; i++) {
    const gender: Gender = i % 11 === 10 ? 'other' : i % 2 === 0 ? 'female' : 'male';
    const enrolled = addDays(today, -dice.int(20, 340));
    // Every ninth person did not consent: only gender and start year are kept.
    const consent = i % 9 !== 4;
    const snapshot: Snapshot = {
      incomeSources: [dice.pick(START_INCOME)],
      timeInSupport: dice.pick(SUPPORT),
      occupation: dice.chance(0.7) ? 'other' : 'job_seeking',
      occupationPercent: 0,
    };
    const entity = await m.save(
      m.create(ParticipantEntity, {
        programmeId: ctx.programmeId,
        status: 'active',
        gender,
        startYear: Number(enrolled.slice(0, 4)),
        startMonth: `${enrolled.slice(0, 7)}-01`,
        firstName: consent ? dice.pick(FIRST[gender]) : null,
        lastName: consent ? `${dice.pick(LAST)} (demo)` : null,
        personnummer: null,
        birthYear: consent ? dice.int(1966, 2004) : null,
        municipality: consent ? dice.pick(MUNICIPALITIES) : null,
        education: consent
          ? dice.pick([
              'primary',
              'upper_secondary',
              'upper_secondary_incomplete',
              'university',
            ] as const)
          : null,
        referredBy: consent
          ? dice.pick(['municipality', 'employment_service', 'social_insurance', 'self'] as const)
          : null,
        protectedIdentity: false,
        responsibleCoachId: consent ? ctx.coachId : null,
        enrolledAt: consent ? enrolled : null,
        consentGiven: consent,
        consentDate: consent ? enrolled : null,
        consentFormVersion: consent ? '2026-1' : null,
        consentWithdrawnAt: null,
        startSnapshot: consent ? snapshot : null,
        exitSnapshot: null,
        exitedAt: null,
        exitReason: null,
        reducedAt: consent ? null : new Date(`${enrolled}T10:00:00Z`),
        erasedAt: null,
        erasureReason: null,
      }),
    );
    participants.push({ entity, enrolled });
  }

  const consenting = participants.filter((p) => p.entity.consentGiven);

  // Action plans, each saved a few times.
  for (const { entity, enrolled } of consenting) {
    const steps: PlanStep[] = STEPS.slice(0, dice.int(3, 6)).map((text, n) => ({
      id: randomUUID(),
      text,
      status: 'planned',
      dueDate: addDays(enrolled, 21 * (n + 1)),
      responsible: n % 2 === 0 ? 'Deltagaren' : 'Coach',
      concernsPlacement: text.includes('arbetsträning'),
    }));
    const revisions = dice.int(1, 4);
    for (let version = 1; version <= revisions; version++) {
      steps.forEach((step, n) => {
        if (n < version - 1) step.status = 'done';
        else if (n === version - 1) step.status = 'in_progress';
      });
      await m.insert(ActionPlanRevisionEntity, {
        participantId: entity.id,
        version,
        goal: 'Komma närmare arbete eller studier i egen takt',
        steps: steps.map((s) => ({ ...s })),
        createdBy: ctx.coachId,
        createdAt: new Date(`${addDays(enrolled, 7 + (version - 1) * 30)}T13:00:00Z`),
      });
    }
    await m.insert(ActionPlanEntity, {
      participantId: entity.id,
      version: revisions,
      goal: 'Komma närmare arbete eller studier i egen takt',
      steps,
      updatedAt: new Date(`${addDays(enrolled, 7 + (revisions - 1) * 30)}T13:00:00Z`),
      updatedBy: ctx.coachId,
    });
  }

  // Individual sessions every two to three weeks, for everyone (attendance is statistics).
  for (const { entity, enrolled } of participants) {
    for (let day = 3; addDays(enrolled, day) < today; day += dice.int(12, 24)) {
      const kind: SessionKind = dice.pick([
        'individual_coaching',
        'individual_coaching',
        'life_coaching',
        'business_advice',
      ]);
      const mode: SessionMode = dice.pick(['on_site', 'on_site', 'digital', 'phone']);
      const attendance: Attendance = dice.chance(0.85)
        ? 'attended'
        : dice.pick(['no_show', 'cancelled']);
      await addSession(
        m,
        ctx,
        addDays(enrolled, day),
        kind,
        mode,
        [[entity.id, attendance]],
        entity.consentGiven ? 'Samtal om veckan och nästa steg.' : null,
        dice,
      );
    }
  }

  // A group workshop series (framtidsverkstad): six sessions, monthly, for those enrolled then.
  for (let n = 0; n < 6; n++) {
    const date = addDays(today, -30 * (6 - n) + 2);
    const group = participants.filter((p) => p.enrolled <= date).slice(0, 12);
    if (group.length < 2) continue;
    await addSession(
      m,
      ctx,
      date,
      'group_workshop',
      'on_site',
      group.map(
        (p) => [p.entity.id, dice.chance(0.8) ? 'attended' : 'no_show'] as [string, Attendance],
      ),
      `Framtidsverkstad ${n + 1} av 6.`,
      dice,
    );
  }

  // Placements for two thirds of the consenting participants, at both enterprises.
  for (const [index, { entity, enrolled }] of consenting.entries()) {
    if (index % 3 === 2) continue;
    const enterprise = ctx.enterprises[index % ctx.enterprises.length];
    if (!enterprise) continue;
    const start = addDays(enrolled, dice.int(14, 40));
    if (start >= today) continue;
    const kind: PlacementKind = dice.pick([
      'work_training',
      'work_training',
      'internship',
      'subsidised_employment',
    ]);
    const plannedEnd = addDays(start, 180);
    const ended = plannedEnd < today;
    const placement = await m.save(
      m.create(PlacementEntity, {
        participantId: entity.id,
        enterpriseId: enterprise.id,
        kind,
        startDate: start,
        plannedEndDate: plannedEnd,
        actualEndDate: ended ? plannedEnd : null,
        hoursPerWeek: String(dice.pick([10, 15, 20, 30])),
        status: ended ? 'ended' : 'active',
        endReason: ended ? 'Planerad period slut' : null,
        pauses: [],
        nextFollowUpDue: null,
      }),
    );
    await m.insert(PlacementSupervisorEntity, {
      placementId: placement.id,
      userId: enterprise.supervisorId,
    });
    placedWith.set(entity.id, {
      supervisorId: enterprise.supervisorId,
      from: start,
      to: ended ? plannedEnd : today,
    });

    // Follow-ups by the cadence; every fourth placement falls behind two months ago.
    const fallsBehind = index % 4 === 1;
    const done: string[] = [];
    const until = ended ? plannedEnd : today;
    for (;;) {
      const status = followUpStatus(
        { start, end: plannedEnd, cadence: DEFAULT_FOLLOW_UP_CADENCE, done },
        until,
      );
      const due = status.nextDue;
      if (!due || due >= until || (fallsBehind && due > addDays(today, -60))) break;
      const date = addDays(due, dice.int(-1, 2));
      done.push(date > until ? due : date);
      const wellbeing = dice.int(2, 5);
      await m.insert(FollowUpEntity, {
        placementId: placement.id,
        date: done[done.length - 1] as string,
        authorId: dice.chance(0.6) ? enterprise.supervisorId : ctx.coachId,
        mode: dice.pick(['visit', 'visit', 'digital', 'phone'] as const),
        daysPresent: dice.int(2, 5),
        daysAbsent: dice.int(0, 2),
        wellbeing,
        notes:
          wellbeing <= 2
            ? 'Tröttare denna period, vi ses oftare.'
            : 'Går bra, trivs i arbetsgruppen.',
        concern: wellbeing <= 2,
      });
    }
    const status = followUpStatus(
      { start, end: plannedEnd, cadence: DEFAULT_FOLLOW_UP_CADENCE, done },
      today,
    );
    await m.update(PlacementEntity, { id: placement.id }, { nextFollowUpDue: status.nextDue });
  }

  // Check-ins: start, three months in, and at exit, by the participant and the coach (and the
  // supervisor while placed). The supervisor's ratings draw from their own generator, so the rest
  // of the demo stays as it was.
  const supervisorDice = new Dice(ctx.seed + 7919);
  const exits: ExitReason[] = [
    'work',
    'studies',
    'work',
    'other_programme',
    'sick_leave',
    'dropped_out',
  ];
  for (const [index, { entity, enrolled }] of consenting.entries()) {
    const occasions: ['start' | 'during' | 'exit', string][] = [['start', addDays(enrolled, 5)]];
    if (addDays(enrolled, 95) < today) occasions.push(['during', addDays(enrolled, 95)]);
    const exiting = addDays(enrolled, 250) < today && index % 2 === 0;
    if (exiting) occasions.push(['exit', addDays(enrolled, 250)]);
    const base = Object.fromEntries(INDICATORS.map((key) => [key, dice.int(1, 3)]));
    const coachScores: {
      occasion: 'start' | 'during' | 'exit';
      date: string;
      scores: Record<string, number>;
    }[] = [];
    for (const [step, [occasion, date]] of occasions.entries()) {
      for (const rater of ['participant', 'coach'] as const) {
        const scores = Object.fromEntries(
          INDICATORS.map((key) => [
            key,
            onScale(
              key,
              (base[key] ?? 1) +
                step +
                (rater === 'participant' && key === 'health_capacity' ? 2 : 0) -
                (dice.chance(0.2) ? 1 : 0),
            ),
          ]),
        );
        await m.insert(CheckInEntity, {
          participantId: entity.id,
          instrumentId: instrument.id,
          occasion,
          rater,
          date,
          scores,
          ladder: Math.min(4, 1 + step),
          createdBy: ctx.coachId,
        });
        if (rater === 'coach') coachScores.push({ occasion, date, scores });
      }
    }
    // The supervisor rates too, 3–10 days after the coach, while the placement runs: mostly
    // close to the coach, now and then two points apart (shown as a difference between raters).
    const placed = placedWith.get(entity.id);
    for (const { occasion, date, scores } of placed ? coachScores : []) {
      const on = addDays(date, supervisorDice.int(3, 10));
      if (!placed || on < placed.from || on > placed.to || on > today) continue;
      await m.insert(CheckInEntity, {
        participantId: entity.id,
        instrumentId: instrument.id,
        occasion,
        rater: 'supervisor',
        date: on,
        scores: Object.fromEntries(
          SUPERVISOR_INDICATORS.map((key) => [
            key,
            onScale(
              key,
              (scores[key] ?? 1) +
                (supervisorDice.chance(0.25) ? 2 : 0) -
                (supervisorDice.chance(0.3) ? 1 : 0),
            ),
          ]),
        ),
        ladder: null,
        createdBy: placed.supervisorId,
      });
    }
    if (exiting) {
      const reason = exits[index % exits.length] as ExitReason;
      const occupation: Occupation =
        reason === 'work' ? 'employment' : reason === 'studies' ? 'studies' : 'job_seeking';
      await m.update(
        ParticipantEntity,
        { id: entity.id },
        {
          status: 'exited',
          exitedAt: addDays(enrolled, 250),
          exitReason: reason,
          exitSnapshot: {
            incomeSources: [
              reason === 'work'
                ? 'salary'
                : reason === 'studies'
                  ? 'student_finance'
                  : dice.pick(START_INCOME),
            ],
            timeInSupport: entity.startSnapshot?.timeInSupport ?? null,
            occupation,
            occupationPercent:
              reason === 'work' ? dice.pick([50, 75, 100]) : reason === 'studies' ? 100 : 0,
          },
        },
      );
    }
  }
}

async function addSession(
  m: EntityManager,
  ctx: DemoContext,
  date: string,
  kind: SessionKind,
  mode: SessionMode,
  attendance: [string, Attendance][],
  notes: string | null,
  dice: Dice,
): Promise<void> {
  const session = await m.save(
    m.create(CoachingSessionEntity, {
      programmeId: ctx.programmeId,
      at: new Date(`${date}T${String(dice.int(8, 15)).padStart(2, '0')}:00:00Z`),
      durationMinutes: kind === 'group_workshop' ? 120 : dice.pick([30, 45, 60]),
      kind,
      mode,
      coachId: ctx.coachId,
      notes,
    }),
  );
  await m.insert(
    SessionAttendanceEntity,
    attendance.map(([participantId, value]) => ({
      sessionId: session.id,
      participantId,
      attendance: value,
    })),
  );
}
