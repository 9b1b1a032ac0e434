import {
  addDays,
  fromEpochDay,
  isCalendarDate,
  isIsoDate,
  isLeapYear,
  toEpochDay,
  todayIso,
  yearOf,
} from './iso-date';

describe('iso-date', () => {
  it.each([
    [2024, true],
    [2023, false],
    [1900, false], // divisible by 100, not by 400
    [2000, true], // divisible by 400
  ])('isLeapYear(%i) → %s', (year, expected) => {
    expect(isLeapYear(year)).toBe(expected);
  });

  it.each([
    [2024, 2, 29, true],
    [2023, 2, 29, false],
    [2023, 4, 31, false],
    [2023, 12, 31, true],
    [2023, 13, 1, false],
    [2023, 0, 1, false],
    [2023, 1, 0, false],
  ])('isCalendarDate(%i, %i, %i) → %s', (year, month, day, expected) => {
    expect(isCalendarDate(year, month, day)).toBe(expected);
  });

  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11_017], // 30 years × 365 + 7 leap days (1972…1996) + 31 + 29 days of 2000
  ])('toEpochDay(%s) → %i and back', (iso, day) => {
    expect(toEpochDay(iso)).toBe(day);
    expect(fromEpochDay(day)).toBe(iso);
  });

  it.each(['2023-02-29', '2023-1-01', '20230101', '', '2023-01-01T00:00:00Z'])(
    'rejects %p',
    (iso) => {
      expect(isIsoDate(iso)).toBe(false);
      expect(() => toEpochDay(iso)).toThrow(RangeError);
    },
  );

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2025-03-29', 2, '2025-03-31'], // across the EU daylight-saving change: no drift
    ['2025-01-31', 30, '2025-03-02'],
    ['2025-01-01', -1, '2024-12-31'],
  ])('addDays(%s, %i) → %s', (iso, days, expected) => {
    expect(addDays(iso, days)).toBe(expected);
  });

  it('reads today in UTC and the year of a date', () => {
    expect(todayIso(new Date('2025-06-30T23:30:00-02:00'))).toBe('2025-07-01');
    expect(yearOf('1999-12-31')).toBe(1999);
  });
});
