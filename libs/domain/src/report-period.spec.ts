import {
  gridSeries,
  halfYearKeyOf,
  halfYearKeysBetween,
  reportPeriodKey,
  reportPeriodOf,
} from './report-period';

describe('report periods', () => {
  it.each([
    ['2026-H1', { from: '2026-01-01', to: '2026-06-30' }],
    ['2026-H2', { from: '2026-07-01', to: '2026-12-31' }],
    // A calendar year is not a report period (beside its halves, it is their difference).
    ['2026', null],
    ['2026-H3', null],
    ['26-H1', null],
    ['2026-01-01', null],
  ])('reportPeriodOf(%s)', (key, period) => {
    expect(reportPeriodOf(key)).toEqual(period);
  });

  it.each([
    ['2026-01-01', '2026-06-30', '2026-H1'],
    ['2026-07-01', '2026-12-31', '2026-H2'],
    ['2026-01-01', '2026-12-31', null],
    // A day shifted, a month, a quarter, two years, reversed: not on the grid.
    ['2026-01-02', '2026-06-30', null],
    ['2026-01-01', '2026-06-29', null],
    ['2026-01-01', '2026-01-31', null],
    ['2026-04-01', '2026-06-30', null],
    ['2026-01-01', '2027-12-31', null],
    ['2026-07-01', '2026-06-30', null],
  ])('reportPeriodKey(%s, %s) → %s', (from, to, key) => {
    expect(reportPeriodKey(from, to)).toBe(key);
  });

  it('names the half-year of a day', () => {
    expect(halfYearKeyOf('2026-06-30')).toBe('2026-H1');
    expect(halfYearKeyOf('2026-07-01')).toBe('2026-H2');
  });

  it('lists the half-years between two days, newest first', () => {
    expect(halfYearKeysBetween('2025-03-15', '2026-12-07')).toEqual([
      '2026-H2',
      '2026-H1',
      '2025-H2',
      '2025-H1',
    ]);
    expect(halfYearKeysBetween('2026-07-01', '2026-07-01')).toEqual(['2026-H2']);
    expect(halfYearKeysBetween('2027-01-01', '2026-07-01')).toEqual([]);
  });

  it('lists the half-years a report is decided in, oldest first', () => {
    expect(gridSeries(2025, '2026-H1')).toEqual(['2025-H1', '2025-H2', '2026-H1']);
    expect(gridSeries(2026, '2026-H2')).toEqual(['2026-H1', '2026-H2']);
    expect(gridSeries(2026, '2026-H1')).toEqual(['2026-H1']);
  });
});
