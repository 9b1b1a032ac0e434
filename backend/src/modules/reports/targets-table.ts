import {
  GENDERS,
  type Gender,
  type ProgrammeTarget,
  type ReportCell,
  type ReportTable,
  REPORT_TITLES,
  type TargetKind,
  type TargetStatus,
  targetCode,
  targetGoal,
} from '@stegvis/contracts';
import { type PublishedCount, publishedRatio } from '@stegvis/domain';

/*
 * The `targets` table: one row per target of the programme's catalogue, `[target, goal, actual,
 * status, label]`. Every actual figure is one the report already publishes (or publishes the same
 * way), so a target never tells more than the tables do: when the figure is hidden ("<5", "x") or
 * withheld (null), the status is `cannot_be_shown`, never a guess.
 */

/** The published figures the targets rest on; index 0…3 are GENDERS, 4 the total. */
export interface TargetActuals {
  threshold: number;
  /** Participants in the period as published (participation_flow's `in_period` row) and their true counts. */
  participants: { cells: readonly PublishedCount[]; values: readonly number[] };
  /** Participants with a placement in the period, as the report's suppression published it. */
  participantsPlaced: PublishedCount;
  /**
   * Session attendances in the period, all genders (the numerator of sessions per participant),
   * and its published cell: the mean is withheld when that cell is hidden.
   */
  attendances: { value: number; cell: PublishedCount };
  /** The published `work_or_studies_at_exit` table: rows per gender and `total`. */
  workOrStudiesAtExit: ReportTable;
  /** The enterprise side's published tables (advice, events, agreements, enterprises started). */
  enterpriseSide: readonly ReportTable[];
}

/** A published cell of one of `tables`: row `label`, column `column`. */
function cellIn(
  tables: readonly ReportTable[],
  key: string,
  label: string,
  column: string,
): ReportCell {
  const table = tables.find((t) => t.key === key);
  const c = table?.columns.indexOf(column) ?? -1;
  return table && c >= 0 ? (table.rows.find((r) => r[0] === label)?.[c] ?? null) : null;
}

interface Evaluated {
  actual: ReportCell;
  status: TargetStatus;
}

const TOTAL = GENDERS.length;

const genderIndex = (gender: Gender | null): number =>
  gender === null ? TOTAL : GENDERS.indexOf(gender);

/** Whether a published figure meets the target: a value is "at least", a range is inclusive. */
export function statusOf(
  target: Pick<ProgrammeTarget, 'value' | 'min' | 'max'>,
  actual: ReportCell | undefined,
): TargetStatus {
  if (typeof actual !== 'number') return 'cannot_be_shown';
  const met =
    target.value !== null
      ? actual >= target.value
      : (target.min === null || actual >= target.min) &&
        (target.max === null || actual <= target.max);
  return met ? 'met' : 'not_met';
}

const evaluate = (target: ProgrammeTarget, actual: ReportCell | undefined): Evaluated => ({
  actual: actual ?? null,
  status: statusOf(target, actual),
});

function exitsCell(table: ReportTable, gender: Gender | null, column: string): ReportCell {
  const row = table.rows.find((r) => r[0] === (gender ?? 'total'));
  const c = table.columns.indexOf(column);
  return row && c >= 0 ? (row[c] ?? null) : null;
}

/** One evaluation per kind: a new kind (e.g. on the enterprise side) adds its function here. */
const EVALUATORS: Record<
  TargetKind,
  (target: ProgrammeTarget, actuals: TargetActuals) => Evaluated
> = {
  participants: (target, a) => evaluate(target, a.participants.cells[genderIndex(target.gender)]),
  placements: (target, a) => evaluate(target, a.participantsPlaced),
  sessions_per_participant: (target, a) =>
    evaluate(
      target,
      publishedRatio(a.attendances.value, a.participants.values[TOTAL], [
        a.participants.cells[TOTAL],
        a.attendances.cell,
      ]),
    ),
  gender_split: (target, a) =>
    // The share of women among the participants in the period.
    evaluate(
      target,
      publishedRatio(
        a.participants.values[0],
        a.participants.values[TOTAL],
        [a.participants.cells[0], a.participants.cells[TOTAL]],
        100,
      ),
    ),
  exits_to_work_or_studies: (target, a) =>
    evaluate(
      target,
      target.unit === 'percent'
        ? exitsCell(a.workOrStudiesAtExit, target.gender, 'share_percent')
        : exitsCell(a.workOrStudiesAtExit, target.gender, 'work_or_studies'),
    ),
  agreements_concluded: (target, a) =>
    evaluate(target, cellIn(a.enterpriseSide, 'agreements', 'total', 'concluded')),
  enterprises_started: (target, a) =>
    evaluate(target, cellIn(a.enterpriseSide, 'enterprises_started', 'total', 'count')),
  advice_sessions: (target, a) =>
    evaluate(target, cellIn(a.enterpriseSide, 'advice_sessions_by_kind', 'total', 'count')),
  people_advised: (target, a) =>
    evaluate(
      target,
      cellIn(a.enterpriseSide, 'people_advised_by_gender', target.gender ?? 'total', 'count'),
    ),
  enterprise_events: (target, a) =>
    evaluate(target, cellIn(a.enterpriseSide, 'enterprise_events', 'total', 'events')),
};

export function targetsTable(
  targets: readonly ProgrammeTarget[],
  actuals: TargetActuals,
): ReportTable {
  const rows = targets.map((target): ReportCell[] => {
    const { actual, status } = EVALUATORS[target.kind](target, actuals);
    return [targetCode(target), targetGoal(target), actual, status, target.label];
  });
  return {
    key: 'targets',
    title: REPORT_TITLES.en.targets,
    columns: ['target', 'goal', 'actual', 'status', 'label'],
    rows,
  };
}

/**
 * The `planned` column of participants_by_gender from the catalogue: per gender the goal of its
 * participants target (a number, or a range as "8–12"), the total from a target for everyone or
 * else the sum of the per-gender values. null where no target is set.
 */
export function plannedParticipants(targets: readonly ProgrammeTarget[]): ReportCell[] {
  const forGender = (gender: Gender | null) =>
    targets.find((t) => t.kind === 'participants' && t.gender === gender);
  const perGender = GENDERS.map((g) => forGender(g));
  const total = forGender(null);
  const values = perGender.filter((t) => t !== undefined);
  const summed =
    values.length > 0 && values.every((t) => t.value !== null)
      ? values.reduce((sum, t) => sum + (t.value ?? 0), 0)
      : null;
  return [...perGender.map((t) => (t ? targetGoal(t) : null)), total ? targetGoal(total) : summed];
}
