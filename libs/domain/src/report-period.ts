import { toEpochDay } from './iso-date';

/*
 * The periods a funder report may cover: a calendar half-year (1 January–30 June, 1 July–
 * 31 December). A fixed grid instead of any two dates, so that two reports cannot differ by a
 * day, a week or a month and give away the few people in that difference; no calendar year,
 * which beside its two halves would be such a difference too (docs/reports.md, "The period").
 */

export interface ReportPeriod {
  from: string;
  to: string;
}

/** `2026-H1` or `2026-H2`. */
export type ReportPeriodKey = `${number}-H1` | `${number}-H2`;

const KEY = /^(\d{4})-H([12])$/;

/** The period of a key, or null for anything else. */
export function reportPeriodOf(key: string): ReportPeriod | null {
  const match = KEY.exec(key);
  if (!match) return null;
  const year = match[1];
  return match[2] === '1'
    ? { from: `${year}-01-01`, to: `${year}-06-30` }
    : { from: `${year}-07-01`, to: `${year}-12-31` };
}

/** The key of a period on the grid, or null when the dates are not a calendar half-year. */
export function reportPeriodKey(from: string, to: string): ReportPeriodKey | null {
  const year = from.slice(0, 4);
  if (!/^\d{4}$/.test(year) || to.slice(0, 4) !== year) return null;
  for (const key of [`${year}-H1`, `${year}-H2`] as ReportPeriodKey[]) {
    const period = reportPeriodOf(key);
    if (period?.from === from && period.to === to) return key;
  }
  return null;
}

/** The half-year that holds a day. */
export function halfYearKeyOf(iso: string): ReportPeriodKey {
  return `${Number(iso.slice(0, 4))}-${Number(iso.slice(5, 7)) <= 6 ? 'H1' : 'H2'}`;
}

/**
 * The half-years from the one holding `first` to the one holding `last`, newest first (empty
 * when `last` is before `first`).
 */
export function halfYearKeysBetween(first: string, last: string): ReportPeriodKey[] {
  if (toEpochDay(last) < toEpochDay(first)) return [];
  const index = (iso: string) =>
    Number(iso.slice(0, 4)) * 2 + (Number(iso.slice(5, 7)) <= 6 ? 0 : 1);
  const keys: ReportPeriodKey[] = [];
  for (let i = index(last); i >= index(first); i--) {
    keys.push(`${Math.floor(i / 2)}-${i % 2 === 0 ? 'H1' : 'H2'}`);
  }
  return keys;
}

/**
 * The half-years a report is decided in, oldest first: from the first half of `firstYear` up to
 * and including `last`. Each is decided against the one before it only (docs/reports.md "The
 * period"), so a report is the same whichever later half-year is asked for.
 */
export function gridSeries(firstYear: number, last: ReportPeriodKey): ReportPeriodKey[] {
  return halfYearKeysBetween(
    `${firstYear}-01-01`,
    reportPeriodOf(last)?.to ?? `${firstYear}-01-01`,
  ).reverse();
}
