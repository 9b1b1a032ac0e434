import {
  halfYearKeyOf,
  halfYearKeysBetween,
  type ReportPeriod,
  type ReportPeriodKey,
  reportPeriodOf,
} from '@stegvis/domain';
import { isoDay } from './dates';

/*
 * The periods of the dashboard and report: calendar half-years (a lägesrapport covers one) — the
 * server's fixed grid (libs/domain report-period.ts, docs/reports.md).
 */

export type Period = ReportPeriod;

/** The half-year that holds `today`. */
export function thisHalfYear(today: Date): ReportPeriodKey {
  return halfYearKeyOf(isoDay(today));
}

/**
 * The periods a lead can choose, newest first: every half-year from the programme's start (this
 * half-year without a programme, or when it starts later) to the one that holds today.
 */
export function periodChoices(
  today: Date,
  programme?: { periodStart: string } | null,
): ReportPeriodKey[] {
  const now = isoDay(today);
  const first = programme && programme.periodStart < now ? programme.periodStart : now;
  return halfYearKeysBetween(first, now);
}

/** The dates of a choice (a key from periodChoices). */
export function periodOf(key: ReportPeriodKey): Period {
  const period = reportPeriodOf(key);
  if (!period) throw new RangeError(`Not a report period: ${key}`);
  return period;
}

/** `{ year, half }` for the label of a choice. */
export function periodLabelParts(key: ReportPeriodKey): { year: string; half: '1' | '2' } {
  const [year, half] = key.split('-H');
  return { year, half: half === '2' ? '2' : '1' };
}
