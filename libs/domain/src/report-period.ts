import { toEpochDay } from './iso-date';

/*
 * The periods a funder report may cover: a calendar half-year (1 January–30 June, 1 July–
 * 31 December) or a calendar year. A fixed grid instead of any two dates, so that two reports
 * cannot differ by a day, a week or a month and give away the few people in that difference
 * (docs/reports.md, "Periods").
 */

export interface ReportPeriod {
  from: string;
  to: string;
}

/** `2026-H1`, `2026-H2` or `2026`. */
export type ReportPeriodKey = `${number}-H1` | `${number}-H2` | `${number}`;

const KEY = /^(\d{4})(?:-H([12]))?$/;

/** The period of a key, or null for anything else. */
export function reportPeriodOf(key: string): ReportPeriod | null {
  const match = KEY.exec(key);
  if (!match) return null;
  const year = match[1];
  switch (match[2]) {
    case '1':
      return { from: `${year}-01-01`, to: `${year}-06-30` };
    case '2':
      return { from: `${year}-07-01`, to: `${year}-12-31` };
    default:
      return { from: `${year}-01-01`, to: `${year}-12-31` };
  }
}

/** The key of a period on the grid, or null when the dates are not a half-year or a year. */
export function reportPeriodKey(from: string, to: string): ReportPeriodKey | null {
  const year = from.slice(0, 4);
  if (!/^\d{4}$/.test(year) || to.slice(0, 4) !== year) return null;
  for (const key of [`${year}-H1`, `${year}-H2`, year] as ReportPeriodKey[]) {
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
 * The grid periods a report is decided in, oldest first, up to and including `last`: from the
 * first half-year of `firstYear`, each year right after its two halves. A report's suppression
 * depends on the periods before it in this list only, so it is the same whichever is asked for.
 */
export function gridSeries(firstYear: number, last: ReportPeriodKey): ReportPeriodKey[] {
  const series: ReportPeriodKey[] = [];
  for (let year = firstYear; year <= Number(last.slice(0, 4)); year++) {
    for (const key of [`${year}-H1`, `${year}-H2`, `${year}`] as ReportPeriodKey[]) {
      series.push(key);
      if (key === last) return series;
    }
  }
  return series;
}
