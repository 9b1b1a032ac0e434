import type { FollowUpCadence } from '@stegvis/contracts';
import { type EpochDay, fromEpochDay, toEpochDay } from './iso-date';

/*
 * Placement follow-up cadence — the rule
 *
 * 1. The placement clock counts active days since the start: days inside a pause do not count.
 * 2. The first follow-up is due `initialIntervalDays` active days after the start.
 * 3. The next one is due `interval` active days after the last follow-up actually done, or, while
 *    none has been done since, after the previous due date. A follow-up done early or late thus
 *    resets the clock.
 * 4. `interval` is `initialIntervalDays` if that due date still falls within the first
 *    `initialWeeks` weeks (on the placement clock), otherwise `laterIntervalDays`. Default: weekly
 *    for 4 weeks, then every 30 days.
 * 5. Because paused days do not count, due dates move past a pause by its length and never fall
 *    inside one; while the placement is paused nothing is overdue.
 * 6. Nothing is due after the end date (actual, else planned). Once it has passed nothing is
 *    overdue, but the due dates up to it still count in the report.
 * 7. When a due date passes without a follow-up, a follow-up done before the next due date
 *    fulfils it (late); otherwise it is missed. A follow-up done on or before a due date fulfils it.
 * 8. Due dates are not moved off weekends: the flag is a reminder, not a deadline.
 *
 * Follow-ups before the start, after the end or after today are ignored; two on the same day count
 * once for the schedule.
 */

export const DEFAULT_FOLLOW_UP_CADENCE: FollowUpCadence = {
  initialWeeks: 4,
  initialIntervalDays: 7,
  laterIntervalDays: 30,
};

/** Inclusive ISO dates. For a pause still going on, pass the planned resume date − 1 or today. */
export interface DateRange {
  from: string;
  to: string;
}

export interface FollowUpPlan {
  start: string;
  /** Actual end, else planned end; null = open-ended. */
  end?: string | null;
  cadence?: FollowUpCadence;
  /** Dates of the follow-ups done, in any order. */
  done: readonly string[];
  pauses?: readonly DateRange[];
}

export interface FollowUpStatus {
  /** The follow-up to do next (in the past when overdue); null when none is due before the end. */
  nextDue: string | null;
  overdue: boolean;
  /** Active (unpaused) days since `nextDue`; 0 when not overdue. */
  daysOverdue: number;
  /** Due dates since the last follow-up that have passed without one. */
  overdueCount: number;
  /** Follow-ups that were due up to today (or the end, if earlier). */
  dueCount: number;
  /** Follow-ups done from the start up to today (or the end, if earlier). */
  doneCount: number;
  paused: boolean;
}

export type ScheduledFollowUpStatus = 'done' | 'late' | 'missed' | 'upcoming';

export interface ScheduledFollowUp {
  due: string;
  /** The follow-up that fulfilled this due date; null if none (yet). */
  doneOn: string | null;
  status: ScheduledFollowUpStatus;
}

interface Step {
  due: EpochDay;
  doneOn: EpochDay | null;
}

/** A placement's dates as day numbers, with the placement clock. */
class Placement {
  readonly start: EpochDay;
  readonly end: EpochDay;
  readonly done: EpochDay[];
  private readonly cadence: FollowUpCadence;
  private readonly pauses: Array<{ from: EpochDay; to: EpochDay }>;

  constructor(plan: FollowUpPlan, today: EpochDay) {
    const cadence = plan.cadence ?? DEFAULT_FOLLOW_UP_CADENCE;
    assertCadence(cadence);
    this.cadence = cadence;
    this.start = toEpochDay(plan.start);
    this.end = plan.end ? toEpochDay(plan.end) : Number.POSITIVE_INFINITY;
    if (this.end < this.start) {
      throw new RangeError(`The placement ends (${plan.end}) before it starts (${plan.start})`);
    }
    this.pauses = mergeRanges(plan.pauses ?? []);
    const last = Math.min(today, this.end);
    this.done = [...new Set(plan.done.map(toEpochDay))]
      .filter((day) => day >= this.start && day <= last)
      .sort((a, b) => a - b);
  }

  isPaused(day: EpochDay): boolean {
    return this.pauses.some((pause) => pause.from <= day && day <= pause.to);
  }

  /** Active days in (start, day]. */
  elapsed(day: EpochDay): number {
    if (day <= this.start) {
      return 0;
    }
    const paused = this.pauses.reduce(
      (sum, pause) =>
        sum + Math.max(0, Math.min(pause.to, day) - Math.max(pause.from, this.start + 1) + 1),
      0,
    );
    return day - this.start - paused;
  }

  /** The day on which `days` active days have passed after `from` (never a paused day). */
  advance(from: EpochDay, days: number): EpochDay {
    let day = from;
    let left = days;
    for (const pause of this.pauses) {
      if (pause.to <= day) {
        continue;
      }
      const activeBeforePause = Math.max(0, pause.from - day - 1);
      if (activeBeforePause >= left) {
        break;
      }
      left -= activeBeforePause;
      day = pause.to;
    }
    return day + left;
  }

  /** Rules 2–4: the due date that follows a follow-up (or a due date, or the start) on `anchor`. */
  nextDueAfter(anchor: EpochDay): EpochDay {
    const { initialWeeks, initialIntervalDays, laterIntervalDays } = this.cadence;
    const initial = this.elapsed(anchor) + initialIntervalDays <= initialWeeks * 7;
    return this.advance(anchor, initial ? initialIntervalDays : laterIntervalDays);
  }

  /** Rule 7: every due date up to `until`, each with the follow-up that fulfilled it. */
  steps(until: EpochDay): Step[] {
    const steps: Step[] = [];
    let anchor = this.start;
    let next = 0; // index into `done` of the first follow-up after `anchor`
    for (;;) {
      const due = this.nextDueAfter(anchor);
      if (due > until) {
        return steps;
      }
      while (next < this.done.length && this.done[next] <= anchor) {
        next++;
      }
      const followUp = this.done[next];
      if (followUp !== undefined && (followUp <= due || followUp < this.nextDueAfter(due))) {
        steps.push({ due, doneOn: followUp });
        anchor = followUp;
        next++;
      } else {
        steps.push({ due, doneOn: null });
        anchor = due;
      }
    }
  }
}

export function followUpStatus(plan: FollowUpPlan, today: string): FollowUpStatus {
  const now = toEpochDay(today);
  const placement = new Placement(plan, now);
  const steps = placement.steps(Math.min(now, placement.end));
  const lastDone = placement.done.at(-1) ?? placement.start;
  const candidate = placement.nextDueAfter(lastDone);
  const nextDue = now > placement.end || candidate > placement.end ? null : candidate;
  const paused = placement.isPaused(now);
  const overdue = nextDue !== null && nextDue < now && !paused;
  return {
    nextDue: nextDue === null ? null : fromEpochDay(nextDue),
    overdue,
    daysOverdue: overdue ? placement.elapsed(now) - placement.elapsed(nextDue) : 0,
    overdueCount: overdue
      ? steps.filter((step) => step.doneOn === null && step.due >= nextDue && step.due < now).length
      : 0,
    dueCount: steps.length,
    doneCount: placement.done.length,
    paused,
  };
}

/** The expected schedule with due dates in `period` (inclusive), for "follow-ups due vs done". */
export function followUpSchedule(
  plan: FollowUpPlan,
  period: DateRange,
  today: string,
): ScheduledFollowUp[] {
  const now = toEpochDay(today);
  const placement = new Placement(plan, now);
  const from = toEpochDay(period.from);
  return placement
    .steps(Math.min(toEpochDay(period.to), placement.end))
    .filter((step) => step.due >= from)
    .map(({ due, doneOn }) => ({
      due: fromEpochDay(due),
      doneOn: doneOn === null ? null : fromEpochDay(doneOn),
      status: scheduledStatus(due, doneOn, now),
    }));
}

function scheduledStatus(
  due: EpochDay,
  doneOn: EpochDay | null,
  today: EpochDay,
): ScheduledFollowUpStatus {
  if (doneOn !== null) {
    return doneOn <= due ? 'done' : 'late';
  }
  return due < today ? 'missed' : 'upcoming';
}

function assertCadence(cadence: FollowUpCadence): void {
  const { initialWeeks, initialIntervalDays, laterIntervalDays } = cadence;
  const positive = [initialIntervalDays, laterIntervalDays].every(
    (days) => Number.isInteger(days) && days >= 1,
  );
  if (!positive || !Number.isInteger(initialWeeks) || initialWeeks < 0) {
    throw new RangeError(`Invalid follow-up cadence: ${JSON.stringify(cadence)}`);
  }
}

function mergeRanges(ranges: readonly DateRange[]): Array<{ from: EpochDay; to: EpochDay }> {
  const sorted = ranges
    .map((range) => ({ from: toEpochDay(range.from), to: toEpochDay(range.to) }))
    .map((range) => {
      if (range.to < range.from) {
        throw new RangeError(`A pause ends before it starts: ${JSON.stringify(range)}`);
      }
      return range;
    })
    .sort((a, b) => a.from - b.from);
  const merged: Array<{ from: EpochDay; to: EpochDay }> = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.from <= last.to + 1) {
      last.to = Math.max(last.to, range.to);
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}
