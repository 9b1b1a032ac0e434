import { periodChoices, periodLabelParts, periodOf, thisHalfYear } from './period';

const may = new Date(2026, 4, 15);
const november = new Date(2026, 10, 22);

describe('report periods in the lead workspace', () => {
  it.each([
    [may, '2026-H1'],
    [november, '2026-H2'],
    [new Date(2026, 5, 30), '2026-H1'],
    [new Date(2026, 6, 1), '2026-H2'],
  ])('the half-year of %s is %s', (today, key) => {
    expect(thisHalfYear(today)).toBe(key);
  });

  it("offers the half-years from the programme's start to today, newest first", () => {
    expect(periodChoices(november, { periodStart: '2025-09-01' })).toEqual([
      '2026-H2',
      '2026-H1',
      '2025-H2',
    ]);
  });

  it('offers this half-year for a programme that starts later, or none at all', () => {
    expect(periodChoices(may, { periodStart: '2027-01-01' })).toEqual(['2026-H1']);
    expect(periodChoices(may, null)).toEqual(['2026-H1']);
  });

  it('gives the dates and the label parts of a choice', () => {
    expect(periodOf('2026-H2')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(periodLabelParts('2026-H1')).toEqual({ year: '2026', half: '1' });
    expect(periodLabelParts('2026-H2')).toEqual({ year: '2026', half: '2' });
  });
});
