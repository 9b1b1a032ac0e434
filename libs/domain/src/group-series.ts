/*
 * Group series (DOMAIN.md "Group series"): who was enrolled at a meeting, and who completed.
 *
 * The completion rule, stated once:
 *   - a meeting counts for a participant when it was held on a day they were enrolled:
 *     joinedOn ≤ day and (leftOn is null or day ≤ leftOn) — the day of leaving still counts;
 *   - every logged meeting of the series counts as held (attendance is taken after the fact);
 *   - the series has ended when its end date has passed (today > endDate) or all planned meetings
 *     are held (held ≥ plannedMeetings); before that completion is undecided (null);
 *   - once ended, a participant completed when attended × 100 ≥ completionPercent × held, over
 *     the meetings held while they were enrolled; attendance `no_show`, `cancelled` or no row at
 *     all is not attended. Someone enrolled while no meeting was held did not complete.
 * The funder report computes the same in SQL (docs/group-series.md).
 */

/** Field path → messages, as a 400 names them. */
export type SeriesFieldErrors = Record<string, string[]>;

export interface EnrolmentPeriod {
  joinedOn: string;
  leftOn: string | null;
}

/** Whether someone with this enrolment was enrolled on `day` (YYYY-MM-DD). */
export function enrolledOn(enrolment: EnrolmentPeriod, day: string): boolean {
  return enrolment.joinedOn <= day && (enrolment.leftOn === null || day <= enrolment.leftOn);
}

export interface SeriesProgress {
  endDate: string;
  plannedMeetings: number;
  /** Meetings logged in the series. */
  meetingsHeld: number;
}

/** The end date has passed, or every planned meeting is held. */
export function seriesEnded(series: SeriesProgress, today: string): boolean {
  return today > series.endDate || series.meetingsHeld >= series.plannedMeetings;
}

export interface CompletionInput extends SeriesProgress {
  completionPercent: number;
  enrolment: EnrolmentPeriod;
  /** Every meeting of the series: its day and whether this participant attended it. */
  meetings: readonly { day: string; attended: boolean }[];
  today: string;
}

export interface Completion {
  meetingsHeld: number;
  attended: number;
  /** Percent with one decimal; null when no meeting was held while enrolled. */
  ratePercent: number | null;
  /** null while the series runs. */
  completed: boolean | null;
}

/** One participant's figures in a series, by the rule above. */
export function seriesCompletion(input: CompletionInput): Completion {
  const counted = input.meetings.filter((m) => enrolledOn(input.enrolment, m.day));
  const held = counted.length;
  const attended = counted.filter((m) => m.attended).length;
  const ended = seriesEnded(input, input.today);
  return {
    meetingsHeld: held,
    attended,
    ratePercent: held === 0 ? null : Math.round((attended * 1000) / held) / 10,
    completed: ended ? held > 0 && attended * 100 >= input.completionPercent * held : null,
  };
}

/** A series' own dates and an enrolment's: the end not before the start. */
export function seriesDateErrors(
  dates: { startDate: string; endDate: string },
  enrolment?: EnrolmentPeriod,
): SeriesFieldErrors {
  const errors: SeriesFieldErrors = {};
  if (dates.endDate < dates.startDate) {
    errors['endDate'] = ['endDate must be on or after startDate.'];
  }
  if (enrolment && enrolment.leftOn !== null && enrolment.leftOn < enrolment.joinedOn) {
    errors['leftOn'] = ['leftOn must be on or after joinedOn.'];
  }
  return errors;
}
