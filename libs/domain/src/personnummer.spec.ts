import { maskPersonnummer, validatePersonnummer } from './personnummer';

const TODAY = '2025-06-15';

describe('validatePersonnummer', () => {
  // Check digits (Luhn over YYMMDDNNN, weights 2 1 2 1 2 1 2 1 2, digits of products summed):
  // 811218987 → 7+1+2+2+2+8+9+8+5 = 44 → 6
  // 000229234 → 0+0+0+2+4+9+4+3+8 = 30 → 0
  // 850763123 → 7+5+0+7+12→3+3+2+2+6 = 35 → 5
  it.each([
    ['198112189876', '198112189876', '1981-12-18', 1981, false],
    ['19811218-9876', '198112189876', '1981-12-18', 1981, false],
    [' 19811218-9876 ', '198112189876', '1981-12-18', 1981, false],
    ['199001011239', '199001011239', '1990-01-01', 1990, false],
    ['200002292340', '200002292340', '2000-02-29', 2000, false], // 2000 is a leap year
    ['198507631235', '198507631235', '1985-07-03', 1985, true], // samordningsnummer: day 63 = 3 + 60
    ['20250615-0008', '202506150008', '2025-06-15', 2025, false], // born today
  ])('%p is valid', (input, normalised, birthDate, birthYear, coordinationNumber) => {
    expect(validatePersonnummer(input, TODAY)).toEqual({
      valid: true,
      normalised,
      birthDate,
      birthYear,
      coordinationNumber,
    });
  });

  it.each([
    ['8112189876', 'format'], // 10 digits: the century is required
    ['19811218+9876', 'format'],
    ['19811218-98761', 'format'],
    ['1981121-89876', 'format'],
    ['', 'format'],
    ['abcdefghijkl', 'format'],
    ['198113189876', 'date'], // month 13
    ['199002301234', 'date'], // 30 February
    ['190002291234', 'date'], // 1900 is not a leap year
    ['199001001234', 'date'], // day 0
    ['199001601234', 'date'], // day 60: neither a day nor a samordningsnummer day (61–91)
    ['199001921234', 'date'], // samordningsnummer day 92 = 32 January
    ['20250616-0007', 'date'], // tomorrow
    ['209901011234', 'date'], // future
    ['198112189875', 'checksum'],
    ['198112189867', 'checksum'], // two digits swapped
    ['198507631234', 'checksum'],
  ])('%p is invalid: %s', (input, reason) => {
    expect(validatePersonnummer(input, TODAY)).toEqual({ valid: false, reason });
  });

  it('checks the date against the real today by default', () => {
    expect(validatePersonnummer('198112189876').valid).toBe(true);
  });
});

describe('maskPersonnummer', () => {
  it.each([
    ['199001011234', '19900101-****'],
    ['19900101-1234', '19900101-****'],
    ['198507631235', '19850763-****'],
    ['not a number', '********-****'],
  ])('%p → %p', (input, masked) => {
    expect(maskPersonnummer(input)).toBe(masked);
  });
});
