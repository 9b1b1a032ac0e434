import { halfYear, periodProblem, presetPeriod } from './period';

const may = new Date(2026, 4, 15);
const november = new Date(2026, 10, 22);
const programme = { periodStart: '2026-01-01', periodEnd: '2027-12-31' };

describe('period presets', () => {
  it.each([
    [may, 0, '2026-01-01', '2026-06-30'],
    [may, -1, '2025-07-01', '2025-12-31'],
    [november, 0, '2026-07-01', '2026-12-31'],
    [november, -1, '2026-01-01', '2026-06-30'],
    [new Date(2026, 0, 1), -1, '2025-07-01', '2025-12-31'],
    [new Date(2026, 5, 30), 0, '2026-01-01', '2026-06-30'],
    [new Date(2026, 6, 1), 0, '2026-07-01', '2026-12-31'],
  ])('half-year of %s shifted %d is %s–%s', (today, offset, from, to) => {
    expect(halfYear(today, offset)).toEqual({ from, to });
  });

  it('this and last half-year', () => {
    expect(presetPeriod('thisHalf', november)).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(presetPeriod('lastHalf', november)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
  });

  it("the whole programme period is the programme's own dates", () => {
    expect(presetPeriod('programme', may, programme)).toEqual({
      from: '2026-01-01',
      to: '2027-12-31',
    });
    expect(presetPeriod('programme', may, null)).toEqual(halfYear(may));
  });

  it('custom keeps the dates given', () => {
    const custom = { from: '2026-03-01', to: '2026-03-31' };
    expect(presetPeriod('custom', may, programme, custom)).toEqual(custom);
  });
});

describe('periodProblem', () => {
  it.each([
    [{ from: '2026-01-01', to: '2026-06-30' }, null],
    [{ from: '2026-01-01', to: '2026-01-01' }, null],
    [{ from: '', to: '2026-06-30' }, 'from'],
    [{ from: '2026-02-30', to: '2026-06-30' }, 'from'],
    [{ from: '2026-01-01', to: '2026-13-01' }, 'to'],
    [{ from: '2026-06-30', to: '2026-01-01' }, 'order'],
  ] as const)('%j → %p', (period, problem) => {
    expect(periodProblem(period)).toBe(problem);
  });
});
