import { registerDecorator, ValidationOptions } from 'class-validator';
import { validateOrgNumber } from '@stegvis/domain';

/** A calendar day as `YYYY-MM-DD` that exists (no 2025-02-30). */
export function IsDateOnly(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateOnly',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date as YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isDateOnly(value) },
    });
}

export function isDateOnly(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A Swedish organisation number (10 digits with a valid Luhn check digit). */
export function IsOrgNumber(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isOrgNumber',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a Swedish organisation number (NNNNNN-NNNN) with a valid check digit`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validateOrgNumber(value).valid,
      },
    });
}
