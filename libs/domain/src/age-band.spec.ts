import { ageBand, ageInYear, fiveYearAgeBand } from './age-band';

describe('ageBand', () => {
  it.each([
    [2009, '2025-01-01', 16, '16-24'],
    [2010, '2025-12-31', 15, '16-24'], // younger than the programmes take: youngest band
    [2001, '2025-06-30', 24, '16-24'],
    [2000, '2025-01-01', 25, '25-29'], // year difference: 25 all of 2025
    [1996, '2025-12-31', 29, '25-29'],
    [1995, '2025-01-01', 30, '30-39'],
    [1986, '2025-06-01', 39, '30-39'],
    [1985, '2025-06-01', 40, '40-49'],
    [1975, '2025-06-01', 50, '50-59'],
    [1966, '2025-06-01', 59, '50-59'],
    [1965, '2025-06-01', 60, '60+'],
    [1940, '2025-06-01', 85, '60+'],
  ])('born %i, on %s: age %i → %s', (birthYear, atDate, age, band) => {
    expect(ageInYear(birthYear, atDate)).toBe(age);
    expect(ageBand(birthYear, atDate)).toBe(band);
  });

  it('rejects a non-integer birth year or a bad date', () => {
    expect(() => ageBand(1990.5, '2025-01-01')).toThrow(RangeError);
    expect(() => ageBand(1990, '2025-02-30')).toThrow(RangeError);
  });
});

describe('fiveYearAgeBand', () => {
  it.each([
    [2010, '15-19'], // 15
    [2012, '15-19'], // 13: clamped to the youngest band
    [2005, '20-24'], // 20
    [2001, '20-24'], // 24
    [1966, '55-59'], // 59
    [1965, '60+'], // 60
  ])('born %i, in 2025 → %s', (birthYear, band) => {
    expect(fiveYearAgeBand(birthYear, '2025-03-01')).toBe(band);
  });
});
