import { isLuhnValid, luhnCheckDigit } from './luhn';

describe('luhn', () => {
  // 811218987: weights 2 1 2 1 2 1 2 1 2 → 16→7, 1, 2, 2, 2, 8, 18→9, 8, 14→5; sum 44 → check 6
  it.each([
    ['811218987', 6],
    ['556036079', 3],
    ['212000014', 2],
    ['000000000', 0],
  ])('luhnCheckDigit(%s) → %i', (payload, digit) => {
    expect(luhnCheckDigit(payload)).toBe(digit);
    expect(isLuhnValid(`${payload}${digit}`)).toBe(true);
    expect(isLuhnValid(`${payload}${(digit + 1) % 10}`)).toBe(false);
  });

  it.each(['', 'abc', '12a4'])('rejects non-digits %p', (digits) => {
    expect(isLuhnValid(digits)).toBe(false);
  });

  it('refuses to compute a check digit for non-digits', () => {
    expect(() => luhnCheckDigit('12-3')).toThrow(RangeError);
  });
});
