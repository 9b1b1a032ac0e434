import { formatMonth } from './dates';

describe('formatMonth', () => {
  it.each([
    ['2026-03', 'sv', 'mars 2026'],
    ['2026-03-01', 'sv', 'mars 2026'],
    ['2026-12-31', 'en', 'December 2026'],
    ['', 'sv', ''],
    ['not a date', 'sv', 'not a date'],
  ])('%s in %s → %s', (value, lang, expected) => {
    expect(formatMonth(value, lang)).toBe(expected);
  });
});
