import type { ReportCell } from '@stegvis/contracts';
import { statusOf } from './targets-table';

describe('statusOf: a target against its published figure', () => {
  const value = (v: number) => ({ value: v, min: null, max: null });
  const range = (min: number | null, max: number | null) => ({ value: null, min, max });

  it.each([
    ['a value is "at least": equal', value(8), 8, 'met'],
    ['a value is "at least": above', value(8), 11, 'met'],
    ['a value is "at least": below', value(8), 7, 'not_met'],
    ['a range is inclusive: low end', range(8, 12), 8, 'met'],
    ['a range is inclusive: high end', range(8, 12), 12, 'met'],
    ['above a range', range(8, 12), 13, 'not_met'],
    ['below a range', range(40, 60), 39.9, 'not_met'],
    ['only a min', range(60, null), 61.5, 'met'],
    ['only a max', range(null, 20), 25, 'not_met'],
    ['a small count hidden', value(1), '<5', 'cannot_be_shown'],
    ['a count hidden to protect another', range(0, 100), 'x', 'cannot_be_shown'],
    ['a withheld mean or share', value(1), null, 'cannot_be_shown'],
  ] as [string, ReturnType<typeof value>, ReportCell, string][])(
    '%s',
    (_, target, actual, status) => {
      expect(statusOf(target, actual)).toBe(status);
    },
  );
});
