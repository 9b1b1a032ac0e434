import { yearOf } from './iso-date';

/*
 * Age bands. Only the birth year is stored, so age is the year difference: someone born in 2000
 * counts as 25 throughout 2025. Report bands follow the funders' tables; the narrower 5-year bands
 * are for row-level exports, where k-anonymity may widen them (see k-anonymity.ts).
 */

export const AGE_BANDS = ['16-24', '25-29', '30-39', '40-49', '50-59', '60+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Age by year difference on `atDate` (ISO). */
export function ageInYear(birthYear: number, atDate: string): number {
  if (!Number.isInteger(birthYear)) {
    throw new RangeError(`Not a birth year: ${birthYear}`);
  }
  return yearOf(atDate) - birthYear;
}

/**
 * Report band: 16-24 · 25-29 · 30-39 · 40-49 · 50-59 · 60+. The programmes take people from 16;
 * a younger age (a data error, or 15 by year difference) is counted in the youngest band.
 */
export function ageBand(birthYear: number, atDate: string): AgeBand {
  const age = ageInYear(birthYear, atDate);
  if (age < 25) return '16-24';
  if (age < 30) return '25-29';
  if (age < 40) return '30-39';
  if (age < 50) return '40-49';
  if (age < 60) return '50-59';
  return '60+';
}

/** Export band: 15-19, 20-24, …, 55-59, 60+ (nests in 10- and 20-year bands). */
export function fiveYearAgeBand(birthYear: number, atDate: string): string {
  const age = Math.max(15, ageInYear(birthYear, atDate));
  if (age >= 60) return '60+';
  const lower = Math.floor(age / 5) * 5;
  return `${lower}-${lower + 4}`;
}
