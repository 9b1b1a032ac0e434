import { isoDay } from './dates';

/** The period presets of the dashboard and report (a lägesrapport covers a half-year). */
export const PERIOD_PRESETS = ['thisHalf', 'lastHalf', 'programme', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The half-year (1 Jan–30 Jun or 1 Jul–31 Dec) that contains `today`, shifted by `offset` halves. */
export function halfYear(today: Date, offset = 0): Period {
  const index = today.getFullYear() * 2 + (today.getMonth() < 6 ? 0 : 1) + offset;
  const year = Math.floor(index / 2);
  const first = index % 2 === 0;
  return first
    ? { from: `${year}-01-01`, to: `${year}-06-30` }
    : { from: `${year}-07-01`, to: `${year}-12-31` };
}

/**
 * The dates of a preset. `custom` keeps the dates the user typed; `programme` needs the
 * programme's own period and falls back to this half-year without one.
 */
export function presetPeriod(
  preset: PeriodPreset,
  today: Date,
  programme?: { periodStart: string; periodEnd: string } | null,
  custom?: Period,
): Period {
  switch (preset) {
    case 'thisHalf':
      return halfYear(today, 0);
    case 'lastHalf':
      return halfYear(today, -1);
    case 'programme':
      return programme
        ? { from: programme.periodStart, to: programme.periodEnd }
        : halfYear(today, 0);
    case 'custom':
      return custom ?? halfYear(today, 0);
  }
}

/** Why a typed period cannot be asked for, or null when it can (mirrors the server's 400). */
export function periodProblem(period: Partial<Period>): 'from' | 'to' | 'order' | null {
  if (!period.from || !DAY.test(period.from) || !validDay(period.from)) return 'from';
  if (!period.to || !DAY.test(period.to) || !validDay(period.to)) return 'to';
  if (period.to < period.from) return 'order';
  return null;
}

function validDay(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(y, m - 1, d);
  return isoDay(date) === value;
}
