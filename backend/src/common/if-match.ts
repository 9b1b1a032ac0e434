import { createParamDecorator, type ExecutionContext, HttpException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { HttpExceptionWithBody } from './http-exception.filter';
import { FieldValidationException } from './validation';

/**
 * The version a client edited, from `If-Match: 3` or `"3"` (the ETag this API sends). Absent:
 * null, or 428 when `required`. Anything else is a 400 naming the header — a weak tag (`W/"3"`)
 * too, since If-Match compares strongly (RFC 9110 13.1.1). The one parser for every route with
 * optimistic locking; pair it with StaleVersionException for the 409.
 */
export function parseIfMatch(value: string | undefined, required: boolean): number | null {
  if (value === undefined || value.trim() === '') {
    if (required) {
      throw new HttpException(
        'Send the version you edited as If-Match (the ETag of the GET; 0 for a record never saved).',
        428,
      );
    }
    return null;
  }
  const match = /^\s*"?(\d{1,9})"?\s*$/.exec(value);
  if (!match?.[1]) {
    throw new FieldValidationException({
      'If-Match': ['If-Match must be the version you edited, e.g. "3".'],
    });
  }
  return Number(match[1]);
}

const ifMatchParam = createParamDecorator(
  (options: IfMatchOptions, ctx: ExecutionContext): number | null => {
    const header = ctx.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
    return parseIfMatch(typeof header === 'string' ? header : undefined, options.required);
  },
);

export interface IfMatchOptions {
  required: boolean;
}

/** Where @IfMatch leaves its options on the route, for the OpenAPI document (header, 409, 428). */
export const IF_MATCH_KEY = 'stegvis:if-match';

/** `@IfMatch({ required: true }) version: number | null` — see parseIfMatch. */
export const IfMatch =
  (options: IfMatchOptions): ParameterDecorator =>
  (target, key, index) => {
    ifMatchParam(options)(target, key, index);
    if (key !== undefined) Reflect.defineMetadata(IF_MATCH_KEY, options, target, key);
  };

/**
 * The one 409 of optimistic locking: the record changed since the caller read it. The body
 * carries the record as it is now (in the caller's view) in `current`, so the client can show it
 * and retry with its version.
 */
export class StaleVersionException extends HttpExceptionWithBody {
  constructor(
    message: string,
    readonly current: unknown,
  ) {
    super(409, message, { current });
  }
}
