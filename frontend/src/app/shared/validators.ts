import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { validateOrgNumber } from '@stegvis/domain';

/** Mirrors the server's password policy length (passwords.ts); the server also refuses common ones. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Organisation number: 10 digits, dash optional, Luhn check digit (as the server's IsOrgNumber). */
export function orgNumberValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value?.trim();
  if (!value) return null;
  const result = validateOrgNumber(value);
  return result.valid ? null : { orgNumber: result.reason };
}

export function passwordValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value ?? '';
  if (!value) return null;
  if (value.length < PASSWORD_MIN_LENGTH) return { passwordLength: PASSWORD_MIN_LENGTH };
  if (value.length > PASSWORD_MAX_LENGTH) return { passwordTooLong: PASSWORD_MAX_LENGTH };
  return null;
}

/** A real calendar day as YYYY-MM-DD. */
export function dayValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value;
  if (!value) return null;
  if (!DAY.test(value)) return { day: true };
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? null
    : { day: true };
}

/** A whole number in [min, max], or empty when `optional`. */
export function intValidator(min: number, max: number, optional = true): ValidatorFn {
  return (control: AbstractControl<string | number | null>): ValidationErrors | null => {
    const raw = control.value;
    if (raw === null || raw === undefined || raw === '')
      return optional ? null : { required: true };
    const n = Number(raw);
    if (!Number.isInteger(n)) return { int: true };
    if (n < min || n > max) return { range: { min, max } };
    return null;
  };
}

export function uuidValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value?.trim();
  if (!value) return null;
  return UUID.test(value) ? null : { uuid: true };
}

/**
 * Cross-field rules of a programme (mirrors checkPeriod on the server): the end on or after the
 * start, the intake end within the period. A target's own rules are in admin/target-form.ts.
 */
export function programmeRulesValidator(group: AbstractControl): ValidationErrors | null {
  const v = group.value as {
    periodStart?: string;
    periodEnd?: string;
    intakeEnd?: string;
  };
  const errors: ValidationErrors = {};
  if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart) errors['periodOrder'] = true;
  if (
    v.intakeEnd &&
    v.periodStart &&
    v.periodEnd &&
    (v.intakeEnd < v.periodStart || v.intakeEnd > v.periodEnd)
  ) {
    errors['intakeOutside'] = true;
  }
  return Object.keys(errors).length ? errors : null;
}
