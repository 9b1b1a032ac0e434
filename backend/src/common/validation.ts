import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** Flattens nested class-validator errors into `{ 'consent.date': ['…'] }`. */
export function fieldErrors(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      fields[path] = Object.values(error.constraints);
    }
    if (error.children?.length) {
      Object.assign(fields, fieldErrors(error.children, path));
    }
  }
  return fields;
}

export class FieldValidationException extends BadRequestException {
  constructor(public readonly fields: Record<string, string[]>) {
    super('Some fields are not valid.');
  }
}

/** Whitelists, refuses unknown fields, converts types; answers 400 with field-level messages. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new FieldValidationException(fieldErrors(errors)),
  });
}
