import { FormControl, FormGroup } from '@angular/forms';
import {
  dayValidator,
  intValidator,
  orgNumberValidator,
  passwordValidator,
  programmeRulesValidator,
  uuidValidator,
} from './validators';

const check = (validator: (c: FormControl) => unknown, value: unknown) =>
  validator(new FormControl(value));

describe('form validators (mirroring the server DTOs)', () => {
  it.each([
    ['', null],
    ['802512-3459', null],
    ['8025123459', null],
    ['802512-3458', { orgNumber: 'checksum' }],
    ['80251-3459', { orgNumber: 'format' }],
    ['abc', { orgNumber: 'format' }],
  ])('organisation number %p', (value, expected) => {
    expect(check(orgNumberValidator, value)).toEqual(expected);
  });

  it.each([
    ['', null],
    ['short', { passwordLength: 12 }],
    ['exactly12chr', null],
    ['x'.repeat(257), { passwordTooLong: 256 }],
  ])('password %p', (value, expected) => {
    expect(check(passwordValidator, value)).toEqual(expected);
  });

  it.each([
    ['', null],
    ['2026-02-28', null],
    ['2028-02-29', null],
    ['2026-02-29', { day: true }],
    ['2026-2-1', { day: true }],
  ])('day %p', (value, expected) => {
    expect(check(dayValidator, value)).toEqual(expected);
  });

  it('whole numbers within a range, optional or not', () => {
    const threshold = intValidator(3, 100, false);
    expect(check(threshold, 5)).toBeNull();
    expect(check(threshold, '5')).toBeNull();
    expect(check(threshold, 2)).toEqual({ range: { min: 3, max: 100 } });
    expect(check(threshold, 4.5)).toEqual({ int: true });
    expect(check(threshold, '')).toEqual({ required: true });
    expect(check(intValidator(0, 10), '')).toBeNull();
    expect(check(intValidator(0, 10), null)).toBeNull();
  });

  it('uuid', () => {
    expect(check(uuidValidator, '66523f1d-2720-42ad-b8ac-7b99b2faa061')).toBeNull();
    expect(check(uuidValidator, '66523f1d')).toEqual({ uuid: true });
    expect(check(uuidValidator, '')).toBeNull();
  });

  it('programme rules: period order, intake within the period', () => {
    const group = (v: Record<string, unknown>) =>
      programmeRulesValidator(
        new FormGroup(
          Object.fromEntries(Object.entries(v).map(([k, x]) => [k, new FormControl(x)])),
        ),
      );
    const ok = {
      periodStart: '2026-01-01',
      periodEnd: '2027-12-31',
      intakeEnd: '2027-06-30',
    };
    expect(group(ok)).toBeNull();
    expect(group({ ...ok, periodEnd: '2025-12-31', intakeEnd: '' })).toEqual({
      periodOrder: true,
    });
    expect(group({ ...ok, intakeEnd: '2028-01-01' })).toEqual({ intakeOutside: true });
  });
});
