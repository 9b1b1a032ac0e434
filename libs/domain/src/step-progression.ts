import {
  CHECK_IN_OCCASIONS,
  LADDER_STEPS,
  RATERS,
  type CheckInOccasion,
  type Rater,
} from '@stegvis/contracts';
import { isIsoDate, toEpochDay } from './iso-date';

/*
 * Step progression (stegförflyttning): the change between a participant's first and latest
 * check-in, per rater and indicator, overall, and along the step ladder.
 *
 * - Raters are kept apart: a participant's self-rating is compared only with their own earlier
 *   self-rating, never with a coach's.
 * - An indicator assessed once by a rater has no change yet (null) and is left out of the means.
 * - Overall mean change: the mean of all (rater, indicator) changes, on the instrument's raw scale.
 * - Moved forward: overall mean change > 0, or a step up the ladder.
 * - Disagreement: two raters scored an indicator at check-ins no more than 14 days apart (the
 *   same day or not) and their scores differ by ≥ 2 points. Every such pair of check-ins is
 *   reported, newest first, with both dates and both scores — as it is, never averaged.
 * Check-ins on the same date are ordered start → during → exit.
 */

/** An index into LADDER_STEPS (libs/contracts): 0 no activity … 4 job or studies. */
export type LadderStep = 0 | 1 | 2 | 3 | 4;

export interface CheckIn {
  occasion: CheckInOccasion;
  date: string;
  rater: Rater;
  /** Indicator key → score on the instrument's scale. */
  scores: Readonly<Record<string, number>>;
  ladder?: LadderStep;
}

export interface IndicatorChange {
  indicator: string;
  first: number;
  latest: number;
  firstDate: string;
  latestDate: string;
  /** latest − first; null = assessed only once. */
  change: number | null;
}

export interface RaterProgression {
  rater: Rater;
  indicators: IndicatorChange[];
  /** null = no indicator assessed twice. */
  meanChange: number | null;
}

export interface LadderMovement {
  first: LadderStep;
  latest: LadderStep;
  change: number;
}

export interface Disagreement {
  indicator: string;
  /** The later of the two check-ins' dates. */
  date: string;
  /** The date of each of the two raters' check-ins (at most `windowDays` apart). */
  dates: Partial<Record<Rater, string>>;
  /** The two raters' scores. */
  scores: Partial<Record<Rater, number>>;
  /** |difference| between the two scores. */
  spread: number;
}

export interface StepProgression {
  byRater: RaterProgression[];
  overallMeanChange: number | null;
  /** null = no check-in placed the participant on the ladder. */
  ladder: LadderMovement | null;
  movedForward: boolean;
  disagreements: Disagreement[];
}

export const DEFAULT_DISAGREEMENT_POINTS = 2;
/** Check-ins by two raters at most this many days apart are compared. */
export const DEFAULT_DISAGREEMENT_WINDOW_DAYS = 14;

interface Score {
  date: string;
  value: number;
}

export function stepProgression(
  checkIns: readonly CheckIn[],
  options: { disagreementPoints?: number; disagreementWindowDays?: number } = {},
): StepProgression {
  checkIns.forEach(assertCheckIn);
  const ordered = [...checkIns].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      CHECK_IN_OCCASIONS.indexOf(a.occasion) - CHECK_IN_OCCASIONS.indexOf(b.occasion),
  );
  // rater → indicator → scores in time order
  const history = new Map<Rater, Map<string, Score[]>>();
  for (const { rater, date, scores } of ordered) {
    const byIndicator = history.get(rater) ?? new Map<string, Score[]>();
    history.set(rater, byIndicator);
    for (const [indicator, value] of Object.entries(scores)) {
      byIndicator.set(indicator, [...(byIndicator.get(indicator) ?? []), { date, value }]);
    }
  }

  const byRater = RATERS.flatMap((rater): RaterProgression[] => {
    const byIndicator = history.get(rater);
    if (!byIndicator) {
      return [];
    }
    const indicators = [...byIndicator].map(([indicator, scores]) => changeOf(indicator, scores));
    return [{ rater, indicators, meanChange: mean(indicators.map((i) => i.change)) }];
  });
  const overallMeanChange = mean(byRater.flatMap((r) => r.indicators.map((i) => i.change)));
  const ladder = ladderMovement(ordered);
  return {
    byRater,
    overallMeanChange,
    ladder,
    movedForward: (overallMeanChange ?? 0) > 0 || (ladder?.change ?? 0) > 0,
    disagreements: disagreements(
      history,
      options.disagreementPoints ?? DEFAULT_DISAGREEMENT_POINTS,
      options.disagreementWindowDays ?? DEFAULT_DISAGREEMENT_WINDOW_DAYS,
    ),
  };
}

function changeOf(indicator: string, scores: readonly Score[]): IndicatorChange {
  const first = scores[0];
  const latest = scores[scores.length - 1];
  return {
    indicator,
    first: first.value,
    latest: latest.value,
    firstDate: first.date,
    latestDate: latest.date,
    change: scores.length > 1 ? latest.value - first.value : null,
  };
}

function ladderMovement(ordered: readonly CheckIn[]): LadderMovement | null {
  const steps = ordered.flatMap((checkIn) =>
    checkIn.ladder === undefined ? [] : [checkIn.ladder],
  );
  const first = steps[0];
  const latest = steps[steps.length - 1];
  return first === undefined || latest === undefined
    ? null
    : { first, latest, change: latest - first };
}

function disagreements(
  history: ReadonlyMap<Rater, ReadonlyMap<string, readonly Score[]>>,
  points: number,
  windowDays: number,
): Disagreement[] {
  const indicators = new Set(
    [...history.values()].flatMap((byIndicator) => [...byIndicator.keys()]),
  );
  const found: Disagreement[] = [];
  for (const indicator of indicators) {
    // Each pair of raters once, in RATERS order (participant, coach, supervisor).
    RATERS.forEach((a, i) => {
      for (const b of RATERS.slice(i + 1)) {
        const scoresA = history.get(a)?.get(indicator) ?? [];
        const scoresB = history.get(b)?.get(indicator) ?? [];
        for (const x of scoresA) {
          for (const y of scoresB) {
            const apart = Math.abs(toEpochDay(x.date) - toEpochDay(y.date));
            const spread = Math.abs(x.value - y.value);
            if (apart > windowDays || spread < points) continue;
            found.push({
              indicator,
              date: x.date > y.date ? x.date : y.date,
              dates: { [a]: x.date, [b]: y.date },
              scores: { [a]: x.value, [b]: y.value },
              spread,
            });
          }
        }
      }
    });
  }
  // Newest first; the order of indicators and rater pairs is kept within a date.
  return found
    .map((d, index) => ({ d, index }))
    .sort((p, q) => q.d.date.localeCompare(p.d.date) || p.index - q.index)
    .map(({ d }) => d);
}

function mean(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : present.reduce((sum, v) => sum + v, 0) / present.length;
}

function assertCheckIn(checkIn: CheckIn): void {
  const scoresOk = Object.values(checkIn.scores).every(Number.isFinite);
  const ladderOk =
    checkIn.ladder === undefined ||
    (Number.isInteger(checkIn.ladder) &&
      checkIn.ladder >= 0 &&
      checkIn.ladder < LADDER_STEPS.length);
  if (!isIsoDate(checkIn.date) || !scoresOk || !ladderOk) {
    throw new RangeError(`Invalid check-in: ${JSON.stringify(checkIn)}`);
  }
}
