import { firstOfMonth, monthOf, reducedDates } from './participation-reduction';

describe('monthOf / firstOfMonth', () => {
  it.each([
    ['2026-01-01', '2026-01', '2026-01-01'],
    ['2026-06-30', '2026-06', '2026-06-01'],
    ['2026-07-01', '2026-07', '2026-07-01'],
    ['2024-02-29', '2024-02', '2024-02-01'],
    ['2026-12-31', '2026-12', '2026-12-01'],
  ])('%s → %s, %s', (iso, month, first) => {
    expect(monthOf(iso)).toBe(month);
    expect(firstOfMonth(iso)).toBe(first);
  });

  it('refuses what is not a calendar day', () => {
    expect(() => monthOf('2026-02-30')).toThrow(RangeError);
    expect(() => firstOfMonth('2026-13')).toThrow(RangeError);
  });
});

describe('reducedDates', () => {
  it.each([
    [
      'the enrolment day gives the start month; exit and withdrawal keep their month',
      {
        enrolledAt: '2026-03-17',
        startMonth: '2026-03-01',
        exitedAt: '2026-06-30',
        consentWithdrawnAt: '2026-05-04',
      },
      {
        enrolledAt: null,
        startMonth: '2026-03-01',
        exitedAt: '2026-06-01',
        consentWithdrawnAt: '2026-05-01',
      },
    ],
    [
      // The half-year boundary: an exit on 1 July stays in the second half.
      'an exit on the first of a month stays in that month',
      {
        enrolledAt: '2026-06-30',
        startMonth: '2026-06-01',
        exitedAt: '2026-07-01',
        consentWithdrawnAt: null,
      },
      {
        enrolledAt: null,
        startMonth: '2026-06-01',
        exitedAt: '2026-07-01',
        consentWithdrawnAt: null,
      },
    ],
    [
      'an already reduced record (no enrolment day) keeps its month, again and again',
      {
        enrolledAt: null,
        startMonth: '2025-11-01',
        exitedAt: '2026-01-01',
        consentWithdrawnAt: '2026-01-01',
      },
      {
        enrolledAt: null,
        startMonth: '2025-11-01',
        exitedAt: '2026-01-01',
        consentWithdrawnAt: '2026-01-01',
      },
    ],
    [
      'an open participation has no exit',
      {
        enrolledAt: '2026-12-31',
        startMonth: '2026-12-01',
        exitedAt: null,
        consentWithdrawnAt: '2026-12-31',
      },
      {
        enrolledAt: null,
        startMonth: '2026-12-01',
        exitedAt: null,
        consentWithdrawnAt: '2026-12-01',
      },
    ],
  ])('%s', (_name, input, expected) => {
    expect(reducedDates(input)).toEqual(expected);
  });
});
