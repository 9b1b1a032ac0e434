import {
  ADVICE_KINDS,
  GROUP_SERIES_KINDS,
  AGREEMENT_KINDS,
  EDUCATION_LEVELS,
  ENTERPRISE_EVENT_KINDS,
  EXIT_REASONS,
  GENDERS,
  type Gender,
  INCOME_SOURCES,
  OCCUPATIONS,
  PLACEMENT_KINDS,
  type ProgrammeReport,
  type ProgrammeTarget,
  type ReportCell,
  type ReportTable,
  REPORT_TITLES,
  SESSION_KINDS,
  TIME_IN_SUPPORT,
} from '@stegvis/contracts';
import {
  AGE_BANDS,
  type PublishedCount,
  publishedRatio,
  suppressDerived,
  type ReportPeriodKey,
  TOTAL_LABEL,
} from '@stegvis/domain';
import {
  type Decisions,
  type EngineState,
  ReportSuppression,
  scopedDecisions,
  scopedPlan,
  type SuppressionPlan,
} from './suppression/report-suppression';
import { plannedParticipants, targetsTable } from './targets-table';
import { atMost, incomeTransitionsTable, occupationTransitionsTable } from './transitions-table';
import { registerCountTable } from './suppression/count-table';

export {
  type CountTableSpec,
  type PublishRows,
  registerCountTable,
} from './suppression/count-table';

/*
 * Turns the aggregates the database computed (ReportFacts) into the published tables: fixed row
 * order with wire codes, totals, small-cell suppression and derived means/shares. No counting
 * happens here; see docs/reports.md for what each figure means.
 *
 * Suppression is decided for the whole report at once (suppression/report-suppression.ts): every
 * count is registered as a cell, one id per quantity, with the relations between cells; then the
 * engine solves, and the tables are published from its decisions.
 */

export type GenderCounts = Record<Gender, number>;

/** `dimension → label → gender → count`, from one GROUP BY query over the participations. */
export type ParticipationFacts = Map<string, Map<string, GenderCounts>>;

export interface FollowUpFacts {
  due: number;
  done: number;
  overdue: number;
}

export interface ReportFacts {
  participations: ParticipationFacts;
  sessionsByKind: Record<string, number>;
  attendancesByGender: GenderCounts;
  peopleReachedByGender: GenderCounts;
  placementsByKind: Record<string, { placements: number; enterprises: number }>;
  placementTotals: { placements: number; enterprises: number; participants: number };
  followUpsByKind: Record<string, FollowUpFacts>;
  enterpriseSide: EnterpriseSideFacts;
  groupSeries: GroupSeriesFacts;
  progression: {
    indicators: { indicator: string; participants: number; meanChange: number | null }[];
    /** Participants with a change (scores or ladder) between their first and latest check-in. */
    assessed: number;
    meanChange: number | null;
    movedForward: number;
  };
}

/** Meeting places and network events of one kind held in the period (counts only). */
export interface EventFacts {
  events: number;
  attendees: number;
  publicSector: number;
  socialEntrepreneurs: number;
  otherSector: number;
  /** Attendees of events recorded with a total only. */
  noSector: number;
}

/** Agreements of one kind (drafts never count). */
export interface AgreementFacts {
  /** Started (concluded) in the period. */
  concluded: number;
  /** Started on or before the period's end and not ended before it. */
  inForce: number;
  /** The work-training places of those in force. */
  places: number;
}

/** The enterprise side of the programme in the period (issue 14): no row names a person. */
export interface EnterpriseSideFacts {
  events: Partial<Record<string, EventFacts>>;
  agreements: Partial<Record<string, AgreementFacts>>;
  started: { asf: number; notAsf: number };
  /** Advice to entrepreneurs: sessions by kind, people advised and their sessions by gender. */
  advice: {
    sessionsByKind: Partial<Record<string, number>>;
    peopleByGender: GenderCounts;
    sessionsByGender: GenderCounts;
  };
}

export function noEnterpriseSide(): EnterpriseSideFacts {
  return {
    events: {},
    agreements: {},
    started: { asf: 0, notAsf: 0 },
    advice: { sessionsByKind: {}, peopleByGender: zeroGenders(), sessionsByGender: zeroGenders() },
  };
}

/** Group series of one kind with a meeting in the period (docs/group-series.md). */
export interface SeriesKindFacts {
  series: number;
  meetings: number;
  /** Attendances at those meetings by participants enrolled that day. */
  attended: number;
  /** Participants enrolled on the day of each meeting, summed over the meetings. */
  expected: number;
}

export interface GroupSeriesFacts {
  byKind: Partial<Record<string, SeriesKindFacts>>;
  /** People enrolled in a series at some time in the period (each once). */
  enrolled: GenderCounts;
  /** Of those, people who completed a series whose end date falls in the period. */
  completed: GenderCounts;
}

export function noGroupSeries(): GroupSeriesFacts {
  return { byKind: {}, enrolled: zeroGenders(), completed: zeroGenders() };
}

export interface ReportContext {
  programmeId: string;
  from: string;
  to: string;
  threshold: number;
  targets: ProgrammeTarget[];
}

export function zeroGenders(): GenderCounts {
  return { female: 0, male: 0, other: 0, undisclosed: 0 };
}

const GENDER_COLUMNS = [...GENDERS, TOTAL_LABEL];

/** How much more hiding a participants-in-the-period figure costs than another cell. */
const HEADLINE_WEIGHT = 10;

/** The same for a participants figure the programme has a target for (10 % more). */
const TARGETED_WEIGHT = 11;

const cellOf = (row: (string | PublishedCount)[], index: number) => row[index] as PublishedCount;

export async function buildReport(
  facts: ReportFacts,
  ctx: ReportContext,
): Promise<ProgrammeReport> {
  const plan = new ReportSuppression(ctx.threshold);
  const publish = registerReport(plan, facts, ctx);
  return publish(await plan.solve());
}

/**
 * Registers every count of one report with the engine (`plan`, possibly a scoped view shared with
 * other reports) and returns how to publish the report from the engine's decisions.
 */
export function registerReport(
  plan: SuppressionPlan,
  facts: ReportFacts,
  ctx: ReportContext,
): (decisions: Decisions) => ProgrammeReport {
  const k = ctx.threshold;
  const get = (dimension: string, label: string): GenderCounts =>
    facts.participations.get(dimension)?.get(label) ?? zeroGenders();
  const labelsOf = (dimension: string, fixed: readonly string[]): string[] => {
    const extra = [...(facts.participations.get(dimension)?.keys() ?? [])].filter(
      (label) => !fixed.includes(label),
    );
    return [...fixed, ...extra.sort()];
  };
  const genderIds = (table: string, row: string) =>
    GENDER_COLUMNS.map((g) => `${table}:${row}:${g}`);
  /** label × gender with a total column and a closing total row. */
  const byGender = (
    key: ReportTable['key'],
    first: string,
    dimension: string,
    fixed: readonly string[],
    totalRowIds?: readonly string[],
  ) => {
    const labels = labelsOf(dimension, fixed);
    const rows = registerCountTable(plan, {
      key,
      rowLabels: labels,
      columns: GENDERS,
      counts: labels.map((label) => GENDERS.map((g) => get(dimension, label)[g])),
      rowTotals: true,
      columnTotals: true,
      totalRowIds,
    });
    return (decisions: Decisions): ReportTable => ({
      key,
      title: REPORT_TITLES.en[key],
      columns: [first, ...GENDER_COLUMNS],
      rows: rows(decisions),
    });
  };

  // Participation flow: each row is its own relation (rows are not additive). Its in_period row
  // is the participants_by_gender actual column, the targets' actual figures and the closing row
  // of every background table: one set of cells.
  const flowLabels = ['in_period', 'started', 'exited', 'active_at_end'] as const;
  // The participants in the period by gender are the figure a funder asks for first: hiding one
  // costs ten times its value, so complements come from the tables around it where they can.
  const inPeriodCounts = get('flow', 'in_period');
  // A count the programme has a target for is the one the funder reads against it: of two ways
  // to protect that cost about the same, the one that keeps it shown wins.
  const targeted = new Set(
    ctx.targets.filter((t) => t.kind === 'participants' && t.gender).map((t) => t.gender),
  );
  GENDERS.forEach((g) =>
    plan.count(`participation_flow:in_period:${g}`, inPeriodCounts[g], {
      weight: targeted.has(g) ? TARGETED_WEIGHT : HEADLINE_WEIGHT,
    }),
  );
  plan.count(
    `participation_flow:in_period:${TOTAL_LABEL}`,
    GENDERS.reduce((sum, g) => sum + inPeriodCounts[g], 0),
    { weight: HEADLINE_WEIGHT },
  );
  const flowRows = registerCountTable(plan, {
    key: 'participation_flow',
    rowLabels: flowLabels,
    columns: GENDERS,
    counts: flowLabels.map((label) => GENDERS.map((g) => get('flow', label)[g])),
    rowTotals: true,
    columnTotals: false,
  });
  const inPeriodIds = genderIds('participation_flow', 'in_period');
  // Everyone in the period had either exited by its end or was still active.
  for (const g of GENDER_COLUMNS) {
    plan.relation(`participation_flow:in_period:${g}`, [
      `participation_flow:exited:${g}`,
      `participation_flow:active_at_end:${g}`,
    ]);
  }
  const exitedIds = genderIds('participation_flow', 'exited');

  // Sessions: people reached are people; attendances are activity, hidden along with the people
  // of their gender (few people's sessions would tell about them).
  const reachedRows = registerCountTable(plan, {
    key: 'people_reached_by_gender',
    rowLabels: GENDERS,
    columns: ['count'],
    counts: GENDERS.map((g) => [facts.peopleReachedByGender[g]]),
    rowTotals: false,
    columnTotals: true,
  });
  const attendanceRows = registerCountTable(plan, {
    key: 'sessions_by_gender',
    rowLabels: GENDERS,
    columns: ['count'],
    counts: GENDERS.map((g) => [facts.attendancesByGender[g]]),
    rowTotals: false,
    columnTotals: true,
    options: { small: false },
  });
  for (const label of [...GENDERS, TOTAL_LABEL]) {
    plan.hideWith(`people_reached_by_gender:${label}:count`, `sessions_by_gender:${label}:count`);
  }

  // Advice to entrepreneurs (the final report's Tables 1–4): people advised are people; their
  // sessions are activity, hidden along with the people of their gender.
  const advice = facts.enterpriseSide.advice;
  const advisedRows = registerCountTable(plan, {
    key: 'people_advised_by_gender',
    rowLabels: GENDERS,
    columns: ['count'],
    counts: GENDERS.map((g) => [advice.peopleByGender[g]]),
    rowTotals: false,
    columnTotals: true,
  });
  const adviceSessionRows = registerCountTable(plan, {
    key: 'advice_sessions_by_gender',
    rowLabels: GENDERS,
    columns: ['count'],
    counts: GENDERS.map((g) => [advice.sessionsByGender[g]]),
    rowTotals: false,
    columnTotals: true,
    options: { small: false },
  });
  for (const label of [...GENDERS, TOTAL_LABEL]) {
    plan.hideWith(
      `people_advised_by_gender:${label}:count`,
      `advice_sessions_by_gender:${label}:count`,
    );
  }

  // Group series: people enrolled and completed, by gender; "enrolled, not completed" is a count
  // of people published nowhere, protected like the rest.
  const series = facts.groupSeries;
  const seriesPeopleRows = registerCountTable(plan, {
    key: 'series_participants_by_gender',
    rowLabels: GENDERS,
    columns: ['enrolled', 'completed'],
    counts: GENDERS.map((g) => [series.enrolled[g], series.completed[g]]),
    rowTotals: false,
    columnTotals: true,
  });
  for (const g of GENDER_COLUMNS) {
    const enrolled = `series_participants_by_gender:${g}:enrolled`;
    const completed = `series_participants_by_gender:${g}:completed`;
    const notCompleted = plan.count(
      `series_participants_by_gender:${g}:not_completed`,
      (plan.valueOf(enrolled) ?? 0) - (plan.valueOf(completed) ?? 0),
      { published: false },
    );
    plan.relation(enrolled, [completed, notCompleted]);
  }

  const placementRows = registerCountTable(plan, {
    key: 'placements_by_kind',
    rowLabels: PLACEMENT_KINDS,
    columns: ['placements'],
    counts: PLACEMENT_KINDS.map((kind) => [facts.placementsByKind[kind]?.placements ?? 0]),
    rowTotals: false,
    columnTotals: true,
  });

  // Exit reasons add up to the exited row of the flow; work or studies = work + studies, and
  // its exited column is that same row again.
  const exitReasons = byGender(
    'exit_reasons',
    'exit_reason',
    'exit_reason',
    EXIT_REASONS,
    exitedIds,
  );
  const workOrStudies = (g: Gender) =>
    get('exit_reason', 'work')[g] + get('exit_reason', 'studies')[g];
  const exitedOf = (g: Gender) =>
    [...(facts.participations.get('exit_reason')?.values() ?? [])].reduce((s, c) => s + c[g], 0);
  const wosRows = registerCountTable(plan, {
    key: 'work_or_studies_at_exit',
    rowLabels: GENDERS,
    columns: ['work_or_studies', 'other'],
    counts: GENDERS.map((g) => [workOrStudies(g), exitedOf(g) - workOrStudies(g)]),
    rowTotals: true,
    columnTotals: true,
    rowTotalIds: exitedIds.slice(0, GENDERS.length),
    totalRowIds: [undefined, undefined, exitedIds[GENDERS.length]],
  });
  for (const label of [...GENDERS, TOTAL_LABEL]) {
    const work = `exit_reasons:work:${label}`;
    const studies = `exit_reasons:studies:${label}`;
    if (plan.valueOf(work) !== undefined && plan.valueOf(studies) !== undefined) {
      plan.relation(`work_or_studies_at_exit:${label}:work_or_studies`, [work, studies]);
    }
  }

  const incomeSources = startExitTable(
    plan,
    'income_sources_start_exit',
    'income_source',
    [...INCOME_SOURCES],
    (label) => get('income_start', label),
    (label) => get('income_exit', label),
    // Several sources per person: a column total would count mentions, not people.
    false,
  );
  const occupationLabels = labelsOf(
    'occupation_start',
    labelsOf('occupation_exit', [...OCCUPATIONS, 'unknown']),
  );
  const occupation = startExitTable(
    plan,
    'occupation_start_exit',
    'occupation',
    occupationLabels,
    (label) => get('occupation_start', label),
    (label) => get('occupation_exit', label),
    true,
  );

  // People with a source at start (or exit) are some of the people with both snapshots: bounds an
  // attacker knows as well, given to the engine (a hidden zero beside a small count protects it
  // only if nothing bounds the zero).
  for (const g of GENDER_COLUMNS) {
    for (const source of INCOME_SOURCES) {
      for (const part of ['start', 'exit']) {
        atMost(
          plan,
          `income_sources_start_exit:${part}:${source}:${g}`,
          `occupation_start_exit:start:${TOTAL_LABEL}:${g}`,
        );
      }
    }
  }

  // Start → exit pairs, as `start>exit` labels of the same GROUP BY (reports.service.ts), linked
  // to the start and exit counts above (registered after them).
  const incomeTransitions = incomeTransitionsTable(plan, {
    sources: INCOME_SOURCES,
    pair: (start, exit) => get('income_transition', `${start}>${exit}`),
    withStart: (start) => get('income_start', start),
  });
  const occupationTransitions = occupationTransitionsTable(plan, {
    labels: occupationLabels,
    count: (start, exit) => get('occupation_transition', `${start}>${exit}`),
  });

  const ageBands = byGender(
    'age_bands',
    'age_band',
    'age_band',
    [...AGE_BANDS, 'unknown'],
    inPeriodIds,
  );
  const education = byGender('education', 'education', 'education', EDUCATION_LEVELS, inPeriodIds);
  const timeInSupport = byGender(
    'time_in_support',
    'time_in_support',
    'time_in_support',
    [...TIME_IN_SUPPORT, 'unknown'],
    inPeriodIds,
  );

  const progression = progressionTable(plan, facts.progression);
  const placedId = plan.count('targets:participants_placed', facts.placementTotals.participants);

  return (decisions) => {
    const publishedIn = (ids: readonly string[]) => ids.map((id) => decisions.published(id));

    const inPeriodCells = publishedIn(inPeriodIds);
    const planned = plannedParticipants(ctx.targets);
    const participantsByGender: ReportTable = {
      key: 'participants_by_gender',
      title: REPORT_TITLES.en.participants_by_gender,
      columns: ['gender', 'planned', 'actual'],
      rows: [
        ...GENDERS.map((g, i) => [g, planned[i], inPeriodCells[i]]),
        [TOTAL_LABEL, planned[GENDERS.length], inPeriodCells[GENDERS.length]],
      ],
    };
    const participationFlow: ReportTable = {
      key: 'participation_flow',
      title: REPORT_TITLES.en.participation_flow,
      columns: ['measure', ...GENDER_COLUMNS],
      rows: flowRows(decisions),
    };

    // Sessions by kind count sessions, not people: shown as they are.
    const sessionKinds = SESSION_KINDS.map((kind) => facts.sessionsByKind[kind] ?? 0);
    const sessionsByKind: ReportTable = {
      key: 'sessions_by_kind',
      title: REPORT_TITLES.en.sessions_by_kind,
      columns: ['kind', 'count'],
      rows: [
        ...SESSION_KINDS.map((kind, i) => [kind, sessionKinds[i]]),
        [TOTAL_LABEL, sessionKinds.reduce((a, b) => a + b, 0)],
      ],
    };
    const reached = reachedRows(decisions);
    const attendances = attendanceRows(decisions);
    const labelsWithTotal = [...GENDERS, TOTAL_LABEL];
    const attendanceValues = [
      ...GENDERS.map((g) => facts.attendancesByGender[g]),
      GENDERS.reduce((sum, g) => sum + facts.attendancesByGender[g], 0),
    ];
    const peopleValues = [
      ...GENDERS.map((g) => facts.peopleReachedByGender[g]),
      GENDERS.reduce((sum, g) => sum + facts.peopleReachedByGender[g], 0),
    ];
    const peopleReached: ReportTable = {
      key: 'people_reached_by_gender',
      title: REPORT_TITLES.en.people_reached_by_gender,
      columns: ['gender', 'count'],
      rows: reached,
    };
    const sessionsByGender: ReportTable = {
      key: 'sessions_by_gender',
      title: REPORT_TITLES.en.sessions_by_gender,
      columns: ['gender', 'count'],
      rows: attendances,
    };
    const meanSessions: ReportTable = {
      key: 'mean_sessions_by_gender',
      title: REPORT_TITLES.en.mean_sessions_by_gender,
      columns: ['gender', 'mean'],
      rows: labelsWithTotal.map((label, row) => [
        label,
        publishedRatio(attendanceValues[row], peopleValues[row], [
          cellOf(attendances[row], 1),
          cellOf(reached[row], 1),
        ]),
      ]),
    };

    const seriesRows = GROUP_SERIES_KINDS.map((kind) => {
      const f = series.byKind[kind];
      return [kind, f?.series ?? 0, f?.meetings ?? 0, f?.attended ?? 0, f?.expected ?? 0];
    });
    const seriesTotal = [1, 2, 3, 4].map((c) => seriesRows.reduce((s, r) => s + Number(r[c]), 0));
    // Series, meetings and the attendance rate are activity (like sessions by kind): shown.
    const groupSeries: ReportTable = {
      key: 'group_series',
      title: REPORT_TITLES.en.group_series,
      columns: ['kind', 'series', 'meetings', 'attendance_percent'],
      rows: [...seriesRows, [TOTAL_LABEL, ...seriesTotal]].map(
        ([label, held, meetings, attended, expected]) => [
          label,
          held,
          meetings,
          Number(expected) === 0
            ? null
            : Math.round((Number(attended) * 1000) / Number(expected)) / 10,
        ],
      ),
    };
    const seriesParticipants: ReportTable = {
      key: 'series_participants_by_gender',
      title: REPORT_TITLES.en.series_participants_by_gender,
      columns: ['gender', 'enrolled', 'completed'],
      rows: seriesPeopleRows(decisions),
    };

    const placementsByKind: ReportTable = {
      key: 'placements_by_kind',
      title: REPORT_TITLES.en.placements_by_kind,
      columns: ['kind', 'placements', 'enterprises'],
      // Enterprises are not people: shown as they are.
      rows: placementRows(decisions).map((row, i) => [
        ...row,
        i < PLACEMENT_KINDS.length
          ? (facts.placementsByKind[PLACEMENT_KINDS[i]]?.enterprises ?? 0)
          : facts.placementTotals.enterprises,
      ]),
    };

    const followUpTotals = { due: 0, done: 0, overdue: 0 };
    const followUpRows = PLACEMENT_KINDS.map((kind) => {
      const f = facts.followUpsByKind[kind] ?? { due: 0, done: 0, overdue: 0 };
      followUpTotals.due += f.due;
      followUpTotals.done += f.done;
      followUpTotals.overdue += f.overdue;
      return [kind, f.due, f.done, f.overdue];
    });
    const followUps: ReportTable = {
      key: 'follow_ups',
      title: REPORT_TITLES.en.follow_ups,
      columns: ['placement_kind', 'due', 'done', 'overdue'],
      rows: [
        ...followUpRows,
        [TOTAL_LABEL, followUpTotals.due, followUpTotals.done, followUpTotals.overdue],
      ],
    };

    const wosValues = [
      ...GENDERS.map((g) => [workOrStudies(g), exitedOf(g)]),
      [
        GENDERS.reduce((s, g) => s + workOrStudies(g), 0),
        GENDERS.reduce((s, g) => s + exitedOf(g), 0),
      ],
    ];
    const workOrStudiesAtExit: ReportTable = {
      key: 'work_or_studies_at_exit',
      title: REPORT_TITLES.en.work_or_studies_at_exit,
      columns: ['gender', 'work_or_studies', 'other', 'exited', 'share_percent'],
      rows: wosRows(decisions).map((row, i) => [
        ...row,
        publishedRatio(wosValues[i][0], wosValues[i][1], [cellOf(row, 1), cellOf(row, 3)], 100),
      ]),
    };

    const adviceTables = (decisions: Decisions): ReportTable[] => {
      const advised = advisedRows(decisions);
      const sessions = adviceSessionRows(decisions);
      const sum = (counts: GenderCounts) => GENDERS.reduce((s, g) => s + counts[g], 0);
      const values = (counts: GenderCounts) => [...GENDERS.map((g) => counts[g]), sum(counts)];
      const people = values(advice.peopleByGender);
      const attended = values(advice.sessionsByGender);
      const byKind = ADVICE_KINDS.map((kind) => advice.sessionsByKind[kind] ?? 0);
      return [
        {
          key: 'advice_sessions_by_kind',
          title: REPORT_TITLES.en.advice_sessions_by_kind,
          columns: ['kind', 'count'],
          // Sessions, not people: shown as they are.
          rows: [
            ...ADVICE_KINDS.map((kind, i) => [kind, byKind[i]]),
            [TOTAL_LABEL, byKind.reduce((a, b) => a + b, 0)],
          ],
        },
        {
          key: 'people_advised_by_gender',
          title: REPORT_TITLES.en.people_advised_by_gender,
          columns: ['gender', 'count'],
          rows: advised,
        },
        {
          key: 'advice_sessions_by_gender',
          title: REPORT_TITLES.en.advice_sessions_by_gender,
          columns: ['gender', 'count'],
          rows: sessions,
        },
        {
          key: 'mean_advice_sessions_by_gender',
          title: REPORT_TITLES.en.mean_advice_sessions_by_gender,
          columns: ['gender', 'mean'],
          rows: labelsWithTotal.map((label, row) => [
            label,
            publishedRatio(attended[row], people[row], [
              cellOf(sessions[row], 1),
              cellOf(advised[row], 1),
            ]),
          ]),
        },
      ];
    };

    const enterpriseTables = [
      ...adviceTables(decisions),
      ...enterpriseSideTables(facts.enterpriseSide),
    ];
    const targets = targetsTable(ctx.targets, {
      threshold: k,
      participants: {
        cells: inPeriodCells,
        values: inPeriodIds.map((id) => plan.valueOf(id) ?? 0),
      },
      participantsPlaced: decisions.published(placedId),
      attendances: {
        value: attendanceValues[GENDERS.length],
        cell: cellOf(attendances[GENDERS.length], 1),
      },
      workOrStudiesAtExit,
      enterpriseSide: enterpriseTables,
    });

    return {
      programmeId: ctx.programmeId,
      from: ctx.from,
      to: ctx.to,
      threshold: k,
      tables: [
        participantsByGender,
        participationFlow,
        sessionsByKind,
        peopleReached,
        sessionsByGender,
        meanSessions,
        groupSeries,
        seriesParticipants,
        placementsByKind,
        followUps,
        exitReasons(decisions),
        workOrStudiesAtExit,
        incomeSources(decisions),
        occupation(decisions),
        incomeTransitions(decisions),
        occupationTransitions(decisions),
        ageBands(decisions),
        education(decisions),
        timeInSupport(decisions),
        progression(decisions),
        ...enterpriseTables,
        targets,
      ],
    };
  };
}

/**
 * The enterprise side: events, organisations and attendee counts without a register — no row is
 * a person a reader could find, so they are shown as they are (docs/enterprise-side.md).
 */
function enterpriseSideTables(facts: EnterpriseSideFacts): ReportTable[] {
  const withTotal = (rows: (string | number)[][]): ReportCell[][] => [
    ...rows,
    [
      TOTAL_LABEL,
      ...rows[0].slice(1).map((_, c) => rows.reduce((s, r) => s + Number(r[c + 1]), 0)),
    ],
  ];
  const events = ENTERPRISE_EVENT_KINDS.map((kind) => {
    const f = facts.events[kind];
    return [
      kind,
      f?.events ?? 0,
      f?.attendees ?? 0,
      f?.publicSector ?? 0,
      f?.socialEntrepreneurs ?? 0,
      f?.otherSector ?? 0,
      f?.noSector ?? 0,
    ];
  });
  const agreements = AGREEMENT_KINDS.map((kind) => {
    const f = facts.agreements[kind];
    return [kind, f?.concluded ?? 0, f?.inForce ?? 0, f?.places ?? 0];
  });
  return [
    {
      key: 'enterprise_events',
      title: REPORT_TITLES.en.enterprise_events,
      columns: [
        'kind',
        'events',
        'attendees',
        'attendees_public_sector',
        'attendees_social_entrepreneurs',
        'attendees_other_sector',
        'attendees_no_sector',
      ],
      rows: withTotal(events),
    },
    {
      key: 'agreements',
      title: REPORT_TITLES.en.agreements,
      columns: ['kind', 'concluded', 'active_agreements', 'work_training_places'],
      rows: withTotal(agreements),
    },
    {
      key: 'enterprises_started',
      title: REPORT_TITLES.en.enterprises_started,
      columns: ['kind', 'count'],
      rows: withTotal([
        ['asf', facts.started.asf],
        ['not_asf', facts.started.notAsf],
      ]),
    },
  ];
}

/**
 * label × (gender × start/exit/change): start and exit are two count tables of the same people
 * (with column totals, both closing rows are the same cells); change is withheld if either is hidden.
 */
function startExitTable(
  plan: SuppressionPlan,
  key: ReportTable['key'],
  first: string,
  labels: string[],
  start: (label: string) => GenderCounts,
  exit: (label: string) => GenderCounts,
  columnTotals: boolean,
): (decisions: Decisions) => ReportTable {
  const register = (part: string, of: (label: string) => GenderCounts) =>
    registerCountTable(plan, {
      key: `${key}:${part}`,
      rowLabels: labels,
      columns: GENDERS,
      counts: labels.map((label) => GENDERS.map((g) => of(label)[g])),
      rowTotals: true,
      columnTotals,
      totalRowIds: GENDER_COLUMNS.map((g) => `${key}:start:${TOTAL_LABEL}:${g}`),
    });
  const startRows = register('start', start);
  const exitRows = register('exit', exit);
  const columns = [
    first,
    ...GENDER_COLUMNS.flatMap((g) => [`${g}_start`, `${g}_exit`, `${g}_change`]),
  ];
  return (decisions) => {
    const exits = exitRows(decisions);
    const rows = startRows(decisions).map((startRow, r) => {
      const exitRow = exits[r];
      const cells: ReportCell[] = [startRow[0]];
      for (let c = 1; c < startRow.length; c++) {
        const s = cellOf(startRow, c);
        const e = cellOf(exitRow, c);
        const change =
          typeof s === 'number' && typeof e === 'number' ? suppressDerived(e - s, [s, e]) : null;
        cells.push(s, e, change);
      }
      return cells;
    });
    return { key, title: REPORT_TITLES.en[key], columns, rows };
  };
}

function progressionTable(
  plan: SuppressionPlan,
  p: ReportFacts['progression'],
): (decisions: Decisions) => ReportTable {
  const indicatorIds = p.indicators.map(({ indicator, participants }) =>
    plan.count(`step_progression:${indicator}:participants`, participants),
  );
  // Moved forward and not (never published) add up to the number assessed.
  const moved = plan.count('step_progression:moved_forward:participants', p.movedForward);
  const notMoved = plan.count(
    'step_progression:not_moved_forward:participants',
    p.assessed - p.movedForward,
    { published: false },
  );
  const assessed = plan.count('step_progression:overall:participants', p.assessed);
  plan.relation(assessed, [moved, notMoved]);
  return (decisions) => {
    const at = (id: string) => decisions.published(id);
    return {
      key: 'step_progression',
      title: REPORT_TITLES.en.step_progression,
      columns: ['measure', 'participants', 'mean_change', 'share_percent'],
      rows: [
        ...p.indicators.map(({ indicator, meanChange }, i) => [
          indicator,
          at(indicatorIds[i]),
          suppressDerived(roundOrNull(meanChange), [at(indicatorIds[i])]),
          null,
        ]),
        ['overall', at(assessed), suppressDerived(roundOrNull(p.meanChange), [at(assessed)]), null],
        [
          'moved_forward',
          at(moved),
          null,
          publishedRatio(p.movedForward, p.assessed, [at(moved), at(assessed)], 100),
        ],
      ],
    };
  };
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

/** One period of the grid with its facts (docs/reports.md "The period"). */
export interface GridPeriod {
  key: ReportPeriodKey;
  facts: ReportFacts;
  context: ReportContext;
}

/** A period decided and fixed before: restored into the engine as it was, never decided again. */
export interface FixedPeriod {
  key: ReportPeriodKey;
  state: EngineState;
  report: ProgrammeReport;
}

/** A period of the series with its report and what the engine holds of it (to fix it). */
export interface DecidedPeriod {
  key: ReportPeriodKey;
  report: ProgrammeReport;
  state: EngineState;
  /** Restored from a fixed period (true) or decided now. */
  fixed: boolean;
}

/**
 * The reports of a series of consecutive half-years, oldest first: each is decided against the
 * one before it as published (restored, locked, with the identity between them: the people in a
 * half-year are those active at the end of the one before plus those who started in it), so that
 * no two consecutive reports, read together, give a hidden value away. A report therefore depends
 * only on the half-years before it and is the same whichever later one is asked for. A fixed
 * period is restored as it was decided, whatever the data say now. Each step holds two reports
 * in the engine, so the work per report does not grow with the length of the series.
 */
export async function decideSeries(
  periods: readonly (GridPeriod | FixedPeriod)[],
  threshold: number,
): Promise<DecidedPeriod[]> {
  const decided: DecidedPeriod[] = [];
  for (const period of periods) {
    const previous = decided.at(-1);
    if ('state' in period) {
      decided.push({ ...period, fixed: true });
      continue;
    }
    const engine = new ReportSuppression(threshold);
    if (previous) engine.restore(previous.state);
    const prefix = `${period.key}/`;
    const mark = engine.mark();
    const publish = registerReport(scopedPlan(engine, prefix), period.facts, period.context);
    linkPeriods(engine, period.key, period.facts, new Set(previous ? [previous.key] : []));
    const decisions = await engine.solve();
    const report = publish(scopedDecisions(decisions, prefix));
    decided.push({ key: period.key, report, state: engine.exportSince(mark), fixed: false });
  }
  return decided;
}

/** The reports of a series of grid periods decided one after another (see decideSeries). */
export async function buildGridReports(periods: readonly GridPeriod[]): Promise<ProgrammeReport[]> {
  if (periods.length === 0) return [];
  const decided = await decideSeries(periods, periods[0].context.threshold);
  return decided.map((period) => period.report);
}

/** The background tables, with the dimension their facts are counted under. */
const BACKGROUND_TABLES = [
  ['age_bands', 'age_band'],
  ['education', 'education'],
  ['time_in_support', 'time_in_support'],
] as const;

/**
 * The identities between a period's cells and those of the half-year before it (docs/reports.md
 * "The period", part 2). Its people are the ones still active at the end of the one before
 * ("carried") plus those who started in it, and the one before's people are the carried plus
 * those who left — per gender, and per row of each background table. The starters, carried and
 * left of a background row are published nowhere, but a reader of both reports knows they exist:
 * they are registered as unpublished cells, protected like the rest, so that no row of the two
 * reports read together names the background of a few starters or leavers.
 */
function linkPeriods(
  engine: ReportSuppression,
  key: ReportPeriodKey,
  facts: ReportFacts,
  done: ReadonlySet<string>,
) {
  const value = (id: string) => engine.valueOf(id);
  /**
   * `total = Σ parts`, when every cell is there and the numbers agree (a fixed period keeps the
   * figures of the day it was fixed: after a back-dated change they may not, and neither can a
   * reader rely on the identity).
   */
  const link = (total: string, parts: readonly string[]) => {
    const t = value(total);
    const values = parts.map(value);
    if (t === undefined || values.some((v) => v === undefined)) return;
    if (values.reduce<number>((s, v) => s + (v ?? 0), 0) === t) engine.relation(total, parts);
  };
  const flow = (period: string, row: string, g: string) =>
    `${period}/participation_flow:${row}:${g}`;
  const year = Number(key.slice(0, 4));
  const previous = key.endsWith('H1') ? `${year - 1}-H2` : `${year}-H1`;
  if (!done.has(previous)) return;
  for (const g of GENDER_COLUMNS) {
    link(flow(key, 'in_period', g), [flow(previous, 'active_at_end', g), flow(key, 'started', g)]);
  }
  for (const [table, dimension] of BACKGROUND_TABLES) {
    linkBackground(engine, { key, previous, table, dimension, facts });
  }
}

/** One background table of two consecutive half-years through its carried, left and started. */
function linkBackground(
  engine: ReportSuppression,
  at: {
    key: string;
    previous: string;
    table: string;
    dimension: string;
    facts: ReportFacts;
  },
) {
  const { key, previous, table } = at;
  const rowsOf = (period: string) =>
    new Set(
      engine
        .ids()
        .filter((id) => id.startsWith(`${period}/${table}:`))
        .map((id) => id.slice(`${period}/${table}:`.length).split(':')[0])
        .filter((row) => row !== TOTAL_LABEL),
    );
  const rows = [...rowsOf(key)];
  const before = rowsOf(previous);
  // Another set of rows (a label that only one of them has) would need cells the other never
  // registered: such a pair is left unlinked.
  if (rows.length === 0 || rows.length !== before.size || rows.some((r) => !before.has(r))) return;

  const shown = (period: string, row: string, g: string) =>
    engine.valueOf(`${period}/${table}:${row}:${g}`) ?? 0;
  const startedOf = (row: string, g: string): number => {
    const counts = at.facts.participations.get(`started:${at.dimension}`)?.get(row);
    if (g !== TOTAL_LABEL) return counts?.[g as Gender] ?? 0;
    return GENDERS.reduce((s, x) => s + (counts?.[x] ?? 0), 0);
  };
  const values = rows.map((row) =>
    GENDER_COLUMNS.map((g) => {
      const started = startedOf(row, g);
      const carried = shown(key, row, g) - started;
      return { started, carried, left: shown(previous, row, g) - carried };
    }),
  );
  const flow = (period: string, row: string, g: string) =>
    engine.valueOf(`${period}/participation_flow:${row}:${g}`);
  const columnSum = (g: number, part: 'started' | 'carried' | 'left') =>
    values.reduce((s, row) => s + row[g][part], 0);
  const consistent =
    values.every((row) => row.every((v) => v.carried >= 0 && v.left >= 0 && v.started >= 0)) &&
    GENDER_COLUMNS.every(
      (g, i) =>
        columnSum(i, 'started') === flow(key, 'started', g) &&
        columnSum(i, 'carried') === flow(previous, 'active_at_end', g) &&
        columnSum(i, 'left') === flow(previous, 'exited', g),
    );
  // After a back-dated change the fixed half-year's figures and today's no longer agree: a
  // reader cannot rely on an identity that does not hold either.
  if (!consistent) return;

  const id = (part: string, row: string, g: string) => `${key}/${table}~${part}:${row}:${g}`;
  rows.forEach((row, r) =>
    GENDER_COLUMNS.forEach((g, c) => {
      for (const part of ['started', 'carried', 'left'] as const) {
        engine.count(id(part, row, g), values[r][c][part], { published: false });
      }
      engine.relation(`${key}/${table}:${row}:${g}`, [
        id('carried', row, g),
        id('started', row, g),
      ]);
      engine.relation(`${previous}/${table}:${row}:${g}`, [
        id('carried', row, g),
        id('left', row, g),
      ]);
    }),
  );
  for (const part of ['started', 'carried', 'left'] as const) {
    const total = {
      started: `${key}/participation_flow:started`,
      carried: `${previous}/participation_flow:active_at_end`,
      left: `${previous}/participation_flow:exited`,
    }[part];
    for (const g of GENDER_COLUMNS) {
      engine.relation(
        `${total}:${g}`,
        rows.map((row) => id(part, row, g)),
      );
    }
    for (const row of rows) {
      engine.relation(
        id(part, row, TOTAL_LABEL),
        GENDERS.map((g) => id(part, row, g)),
      );
    }
  }
}
