import {
  EDUCATION_LEVELS,
  EXIT_REASONS,
  GENDERS,
  type Gender,
  INCOME_SOURCES,
  OCCUPATIONS,
  PLACEMENT_KINDS,
  type ProgrammeReport,
  type ProgrammeTargets,
  type ReportCell,
  type ReportTable,
  REPORT_TITLES,
  SESSION_KINDS,
  TIME_IN_SUPPORT,
} from '@stegvis/contracts';
import {
  AGE_BANDS,
  isSuppressed,
  type PublishedCount,
  publishCountTable,
  publishedRatio,
  suppressDerived,
  TOTAL_LABEL,
} from '@stegvis/domain';

/*
 * Turns the aggregates the database computed (ReportFacts) into the published tables: fixed row
 * order with wire codes, totals, small-cell suppression and derived means/shares. No counting
 * happens here; see docs/reports.md for what each figure means.
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
  progression: {
    indicators: { indicator: string; participants: number; meanChange: number | null }[];
    /** Participants with a change (scores or ladder) between their first and latest check-in. */
    assessed: number;
    meanChange: number | null;
    movedForward: number;
  };
}

export interface ReportContext {
  programmeId: string;
  from: string;
  to: string;
  threshold: number;
  targets: ProgrammeTargets;
}

export function zeroGenders(): GenderCounts {
  return { female: 0, male: 0, other: 0, undisclosed: 0 };
}

const GENDER_COLUMNS = [...GENDERS, TOTAL_LABEL];

export function buildReport(facts: ReportFacts, ctx: ReportContext): ProgrammeReport {
  const k = ctx.threshold;
  const get = (dimension: string, label: string): GenderCounts =>
    facts.participations.get(dimension)?.get(label) ?? zeroGenders();
  const labelsOf = (dimension: string, fixed: readonly string[]): string[] => {
    const extra = [...(facts.participations.get(dimension)?.keys() ?? [])].filter(
      (label) => !fixed.includes(label),
    );
    return [...fixed, ...extra.sort()];
  };
  /** label × gender with a total column and a closing total row. */
  const byGender = (
    key: ReportTable['key'],
    first: string,
    dimension: string,
    fixed: readonly string[],
  ): ReportTable => {
    const labels = labelsOf(dimension, fixed);
    const { rows } = publishCountTable({
      rowLabels: labels,
      counts: labels.map((label) => GENDERS.map((g) => get(dimension, label)[g])),
      threshold: k,
      rowTotals: true,
      columnTotals: true,
    });
    return { key, title: REPORT_TITLES.en[key], columns: [first, ...GENDER_COLUMNS], rows };
  };

  // Participants in the period, by gender: one row, so that the flow table can reuse it exactly.
  const inPeriod = get('flow', 'in_period');
  const inPeriodRow = publishCountTable({
    rowLabels: ['in_period'],
    counts: [GENDERS.map((g) => inPeriod[g])],
    threshold: k,
    rowTotals: true,
    columnTotals: false,
  }).rows[0];
  const inPeriodCell = (index: number) => inPeriodRow[index + 1] as PublishedCount;
  const planned = ctx.targets.plannedParticipants ?? {};
  const plannedValues = GENDERS.map((g) => planned[g] ?? null);
  const plannedTotal = plannedValues.some((v) => v !== null)
    ? plannedValues.reduce<number>((sum, v) => sum + (v ?? 0), 0)
    : null;
  const participantsByGender: ReportTable = {
    key: 'participants_by_gender',
    title: REPORT_TITLES.en.participants_by_gender,
    columns: ['gender', 'planned', 'actual'],
    rows: [
      ...GENDERS.map((g, i) => [g, plannedValues[i], inPeriodCell(i)]),
      [TOTAL_LABEL, plannedTotal, inPeriodCell(GENDERS.length)],
    ],
  };

  const flowRows = (['started', 'exited', 'active_at_end'] as const).map(
    (label) =>
      publishCountTable({
        rowLabels: [label],
        counts: [GENDERS.map((g) => get('flow', label)[g])],
        threshold: k,
        rowTotals: true,
        columnTotals: false,
      }).rows[0],
  );
  const participationFlow: ReportTable = {
    key: 'participation_flow',
    title: REPORT_TITLES.en.participation_flow,
    columns: ['measure', ...GENDER_COLUMNS],
    rows: [inPeriodRow, ...flowRows],
  };

  // Sessions: counts of sessions are activity, not people, and are shown as they are.
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
  const reached = publishCountTable({
    rowLabels: [...GENDERS],
    counts: GENDERS.map((g) => [facts.peopleReachedByGender[g]]),
    threshold: k,
    rowTotals: false,
    columnTotals: true,
  }).rows;
  const reachedCell = (row: number) => reached[row][1] as PublishedCount;
  const attendanceValues = [
    ...GENDERS.map((g) => facts.attendancesByGender[g]),
    GENDERS.reduce((sum, g) => sum + facts.attendancesByGender[g], 0),
  ];
  const peopleValues = [
    ...GENDERS.map((g) => facts.peopleReachedByGender[g]),
    GENDERS.reduce((sum, g) => sum + facts.peopleReachedByGender[g], 0),
  ];
  // Sessions of a gender whose people are hidden would tell about those few people: hidden too.
  const attendanceCells: PublishedCount[] = attendanceValues.map((value, row) =>
    isSuppressed(reachedCell(row)) ? `<${k}` : value,
  );
  const labelsWithTotal = [...GENDERS, TOTAL_LABEL];
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
    rows: labelsWithTotal.map((label, row) => [label, attendanceCells[row]]),
  };
  const meanSessions: ReportTable = {
    key: 'mean_sessions_by_gender',
    title: REPORT_TITLES.en.mean_sessions_by_gender,
    columns: ['gender', 'mean'],
    rows: labelsWithTotal.map((label, row) => [
      label,
      publishedRatio(attendanceValues[row], peopleValues[row], [
        attendanceCells[row],
        reachedCell(row),
      ]),
    ]),
  };

  const placementCells = publishCountTable({
    rowLabels: [...PLACEMENT_KINDS],
    counts: PLACEMENT_KINDS.map((kind) => [facts.placementsByKind[kind]?.placements ?? 0]),
    threshold: k,
    rowTotals: false,
    columnTotals: true,
  }).rows;
  const placementsByKind: ReportTable = {
    key: 'placements_by_kind',
    title: REPORT_TITLES.en.placements_by_kind,
    columns: ['kind', 'placements', 'enterprises'],
    rows: placementCells.map((row, i) => [
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

  const exitReasons = byGender('exit_reasons', 'exit_reason', 'exit_reason', EXIT_REASONS);

  const workOrStudies = (g: Gender) =>
    get('exit_reason', 'work')[g] + get('exit_reason', 'studies')[g];
  const exitedOf = (g: Gender) =>
    [...(facts.participations.get('exit_reason')?.values() ?? [])].reduce((s, c) => s + c[g], 0);
  const wos = publishCountTable({
    rowLabels: [...GENDERS],
    counts: GENDERS.map((g) => [workOrStudies(g), exitedOf(g) - workOrStudies(g)]),
    threshold: k,
    rowTotals: true,
    columnTotals: true,
  }).rows;
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
    rows: wos.map((row, i) => [
      ...row,
      publishedRatio(
        wosValues[i][0],
        wosValues[i][1],
        [row[1] as PublishedCount, row[3] as PublishedCount],
        100,
      ),
    ]),
  };

  const incomeSources = startExitTable(
    'income_sources_start_exit',
    'income_source',
    [...INCOME_SOURCES],
    (label) => get('income_start', label),
    (label) => get('income_exit', label),
    k,
    // Several sources per person: a column total would count mentions, not people.
    false,
  );
  const occupation = startExitTable(
    'occupation_start_exit',
    'occupation',
    labelsOf('occupation_start', labelsOf('occupation_exit', [...OCCUPATIONS, 'unknown'])),
    (label) => get('occupation_start', label),
    (label) => get('occupation_exit', label),
    k,
    true,
  );

  const ageBands = byGender('age_bands', 'age_band', 'age_band', [...AGE_BANDS]);
  const education = byGender('education', 'education', 'education', EDUCATION_LEVELS);
  const timeInSupport = byGender('time_in_support', 'time_in_support', 'time_in_support', [
    ...TIME_IN_SUPPORT,
    'unknown',
  ]);

  const progression = progressionTable(facts.progression, k);
  const targets = targetsTable(ctx, facts, {
    inPeriod: inPeriodRow.slice(1) as PublishedCount[],
    inPeriodValues: [
      ...GENDERS.map((g) => inPeriod[g]),
      GENDERS.reduce((s, g) => s + inPeriod[g], 0),
    ],
    attendances: attendanceValues[GENDERS.length],
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
      placementsByKind,
      followUps,
      exitReasons,
      workOrStudiesAtExit,
      incomeSources,
      occupation,
      ageBands,
      education,
      timeInSupport,
      progression,
      targets,
    ],
  };
}

/** label × (gender × start/exit/change): start and exit suppressed apart; change withheld if either is hidden. */
function startExitTable(
  key: ReportTable['key'],
  first: string,
  labels: string[],
  start: (label: string) => GenderCounts,
  exit: (label: string) => GenderCounts,
  k: number,
  columnTotals: boolean,
): ReportTable {
  const publish = (of: (label: string) => GenderCounts) =>
    publishCountTable({
      rowLabels: labels,
      counts: labels.map((label) => GENDERS.map((g) => of(label)[g])),
      threshold: k,
      rowTotals: true,
      columnTotals,
    }).rows;
  const startRows = publish(start);
  const exitRows = publish(exit);
  const columns = [
    first,
    ...GENDER_COLUMNS.flatMap((g) => [`${g}_start`, `${g}_exit`, `${g}_change`]),
  ];
  const rows = startRows.map((startRow, r) => {
    const exitRow = exitRows[r];
    const cells: ReportCell[] = [startRow[0]];
    for (let c = 1; c < startRow.length; c++) {
      const s = startRow[c] as PublishedCount;
      const e = exitRow[c] as PublishedCount;
      const change =
        typeof s === 'number' && typeof e === 'number' ? suppressDerived(e - s, [s, e]) : null;
      cells.push(s, e, change);
    }
    return cells;
  });
  return { key, title: REPORT_TITLES.en[key], columns, rows };
}

function progressionTable(p: ReportFacts['progression'], k: number): ReportTable {
  const indicatorRows = p.indicators.map(({ indicator, participants, meanChange }) => {
    const [, cell] = publishCountTable({
      rowLabels: [indicator],
      counts: [[participants]],
      threshold: k,
      rowTotals: false,
      columnTotals: false,
    }).rows[0] as [string, PublishedCount];
    return [indicator, cell, suppressDerived(roundOrNull(meanChange), [cell]), null];
  });
  // Moved forward and not: protected together with the number assessed.
  const [, moved, , assessed] = publishCountTable({
    rowLabels: ['moved_forward'],
    counts: [[p.movedForward, p.assessed - p.movedForward]],
    threshold: k,
    rowTotals: true,
    columnTotals: false,
  }).rows[0] as [string, PublishedCount, PublishedCount, PublishedCount];
  return {
    key: 'step_progression',
    title: REPORT_TITLES.en.step_progression,
    columns: ['measure', 'participants', 'mean_change', 'share_percent'],
    rows: [
      ...indicatorRows,
      ['overall', assessed, suppressDerived(roundOrNull(p.meanChange), [assessed]), null],
      [
        'moved_forward',
        moved,
        null,
        publishedRatio(p.movedForward, p.assessed, [moved, assessed], 100),
      ],
    ],
  };
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

function targetsTable(
  ctx: ReportContext,
  facts: ReportFacts,
  actual: { inPeriod: PublishedCount[]; inPeriodValues: number[]; attendances: number },
): ReportTable {
  const k = ctx.threshold;
  const rows: ReportCell[][] = [];
  const met = (value: PublishedCount | number | null, goal: number): boolean | null =>
    typeof value === 'number' ? value >= goal : null;
  const planned = ctx.targets.plannedParticipants ?? {};
  GENDERS.forEach((g, i) => {
    const goal = planned[g];
    if (goal !== undefined && goal !== null) {
      rows.push([`participants_${g}`, goal, actual.inPeriod[i], met(actual.inPeriod[i], goal)]);
    }
  });
  const plannedTotal = GENDERS.reduce((sum, g) => sum + (planned[g] ?? 0), 0);
  if (GENDERS.some((g) => planned[g] !== undefined && planned[g] !== null)) {
    const total = actual.inPeriod[GENDERS.length];
    rows.push(['participants_total', plannedTotal, total, met(total, plannedTotal)]);
  }
  if (ctx.targets.placements !== null && ctx.targets.placements !== undefined) {
    const placed = facts.placementTotals.participants;
    const cell: PublishedCount = placed > 0 && placed < k ? `<${k}` : placed;
    rows.push([
      'participants_placed',
      ctx.targets.placements,
      cell,
      met(cell, ctx.targets.placements),
    ]);
  }
  if (
    ctx.targets.sessionsPerParticipant !== null &&
    ctx.targets.sessionsPerParticipant !== undefined
  ) {
    const goal = ctx.targets.sessionsPerParticipant;
    const total = actual.inPeriod[GENDERS.length];
    const mean = publishedRatio(actual.attendances, actual.inPeriodValues[GENDERS.length], [total]);
    rows.push(['sessions_per_participant', goal, mean, mean === null ? null : mean >= goal]);
  }
  const split = ctx.targets.genderSplit;
  if (split) {
    const female = actual.inPeriodValues[0];
    const all = actual.inPeriodValues[GENDERS.length];
    const basis = [actual.inPeriod[0], actual.inPeriod[GENDERS.length]];
    // The programme's split is the share of women (ProgrammeTargets.genderSplit).
    const femaleShare = publishedRatio(female, all, basis, 100);
    rows.push([
      'gender_split_female_percent',
      `${split.minPercent}–${split.maxPercent}`,
      femaleShare,
      femaleShare === null
        ? null
        : femaleShare >= split.minPercent && femaleShare <= split.maxPercent,
    ]);
  }
  return {
    key: 'targets',
    title: REPORT_TITLES.en.targets,
    columns: ['target', 'goal', 'actual', 'met'],
    rows,
  };
}
