import {
  type ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';

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

/**
 * A body declared as a DTO class must be a JSON object: ValidationPipe lets `null` (and a missing
 * body) through unvalidated, which a PATCH handler would take as "change nothing".
 */
class ObjectBodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const expectsDto =
      metadata.type === 'body' &&
      typeof metadata.metatype === 'function' &&
      ![Object, String, Number, Boolean, Array].includes(metadata.metatype as never);
    if (expectsDto && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new FieldValidationException({ body: ['The request body must be a JSON object.'] });
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      const fields = unsafeInput(value);
      if (Object.keys(fields).length > 0) throw new FieldValidationException(fields);
    }
    return super.transform(value, metadata);
  }
}

// Keys that would shadow Object.prototype in class-transformer's output (toString, constructor…):
// refused at any depth, before anything copies them. Fastify already refuses __proto__.
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
const MAX_DEPTH = 32;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Field errors for input no rule should have to think about: keys named like Object.prototype's
 * members, text with a NUL character (PostgreSQL cannot store it) or a lone UTF-16 surrogate
 * (the driver would silently turn it into U+FFFD), and nesting deeper than any DTO has.
 */
export function unsafeInput(value: unknown, path = '', depth = 0): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  const at = path || 'body';
  if (typeof value === 'string') {
    if (value.includes('\u0000')) fields[at] = ['must not contain the NUL character'];
    else if (LONE_SURROGATE.test(value)) fields[at] = ['must be valid Unicode text'];
    return fields;
  }
  if (value === null || typeof value !== 'object') return fields;
  // class-transformer recurses without a limit: a body nested 10 000 levels deep overflowed the stack.
  if (depth >= MAX_DEPTH) {
    fields[at] = [`must not be nested more than ${MAX_DEPTH} levels deep`];
    return fields;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) {
      fields[childPath] = [`property ${key} should not exist`];
      continue;
    }
    Object.assign(fields, unsafeInput(child, childPath, depth + 1));
  }
  return fields;
}

/** Whitelists, refuses unknown fields, converts types; answers 400 with field-level messages. */
export function createValidationPipe(): ValidationPipe {
  return new ObjectBodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new FieldValidationException(fieldErrors(errors)),
  });
}
