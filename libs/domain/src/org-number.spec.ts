import { validateOrgNumber } from './org-number';

describe('validateOrgNumber', () => {
  // 556036079 → weights 2 1 2 1 2 1 2 1 2: 10→1, 5, 12→3, 0, 6, 6, 0, 7, 18→9 = 37 → check 3
  it.each([
    ['556036-0793', '556036-0793'],
    ['5560360793', '556036-0793'],
    [' 212000-0142 ', '212000-0142'],
    ['811218-9876', '811218-9876'], // a sole trader's number is their personnummer (third digit 1)
  ])('%p is valid → %p', (input, normalised) => {
    expect(validateOrgNumber(input)).toEqual({ valid: true, normalised });
  });

  it.each([
    ['556036-0794', 'checksum'],
    ['556063-0793', 'checksum'],
    ['556036 0793', 'format'],
    ['556036-079', 'format'],
    ['16556036-0793', 'format'],
    ['', 'format'],
  ])('%p is invalid: %s', (input, reason) => {
    expect(validateOrgNumber(input)).toEqual({ valid: false, reason });
  });
});
