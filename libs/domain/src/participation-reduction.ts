import { fromEpochDay, toEpochDay } from './iso-date';

/**
 * What a participation keeps without consent, with a protected identity, or after erasure
 * (DOMAIN.md): its gender and the months it started and ended, so it still counts in the right
 * half-year of the statistics, and nothing else about the person. The record's own keys (id,
 * programme, short reference, status, the reduced/erased markers and the consent flag that says
 * why) stay so the row can be counted and found in the audit log; they describe no one.
 */
export const REDUCED_PARTICIPATION_KEEPS = ['gender', 'startMonth', 'exitMonth'] as const;

/** `YYYY-MM` of an ISO date. @throws RangeError when `iso` is not a real `YYYY-MM-DD` date. */
export function monthOf(iso: string): string {
  return fromEpochDay(toEpochDay(iso)).slice(0, 7);
}

/** The first day of the month of an ISO date (how a month is stored in a date column). */
export function firstOfMonth(iso: string): string {
  return `${monthOf(iso)}-01`;
}

export interface ParticipationDates {
  /** The day of enrolment; null once reduced. */
  enrolledAt: string | null;
  /** The first day of the start month, kept for every participation. */
  startMonth: string;
  exitedAt: string | null;
  consentWithdrawnAt: string | null;
}

/**
 * The dates a reduced participation keeps: the start month (from the enrolment day when it is
 * still known), and the exit and the withdrawal cut to the first day of their month.
 */
export function reducedDates(dates: ParticipationDates): ParticipationDates {
  return {
    enrolledAt: null,
    startMonth: firstOfMonth(dates.enrolledAt ?? dates.startMonth),
    exitedAt: dates.exitedAt === null ? null : firstOfMonth(dates.exitedAt),
    consentWithdrawnAt:
      dates.consentWithdrawnAt === null ? null : firstOfMonth(dates.consentWithdrawnAt),
  };
}
