import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { ApiError } from '@stegvis/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { FieldValidationException } from './validation';

/** The reason phrase of each status the API answers with: the error body's `error`. */
export const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** PostgreSQL errors that a client's input can cause, and what they mean to the client. */
export const PG_CLIENT_ERRORS: Record<string, [number, string]> = {
  '23505': [409, 'A record with the same unique value already exists.'],
  '23503': [400, 'A referenced record does not exist.'],
  '23514': [400, 'A value breaks a rule of the record.'],
  '22P02': [400, 'A value has the wrong format.'],
  '22007': [400, 'A date has the wrong format.'],
  '22008': [400, 'A date is out of range.'],
  '22003': [400, 'A number is out of range.'],
  // Defence in depth: the validation pipe already refuses NUL and lone surrogates in input.
  '22021': [400, 'A text contains a character that cannot be stored.'],
  '22P05': [400, 'A text contains a character that cannot be stored.'],
};

/** What a client is told while the database cannot be reached; a retry is safe to try. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'The database is not reachable at the moment, so the request could not be completed. ' +
  'Try again in a few seconds; a change sent just now may not have been saved.';
/** Seconds a client should wait before retrying (Retry-After). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs that mean "the database is not there", not "your request is wrong": connection
 * exceptions (class 08), the server shutting down, crashing or starting up (57P01–57P03), and a
 * full connection table (53300).
 */
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
/** Socket errors of node-postgres' connection (system error codes). */
const SOCKET_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
/**
 * Errors node-postgres, pg-pool and TypeORM raise without a code when the connection is lost or
 * cannot be had: the server closed it, the pool waited connectionTimeoutMillis in vain, or a
 * query ran on a client (or query runner) already dropped because its connection failed.
 */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Query read timeout$/,
];
const UNAVAILABLE_NAMES = new Set(['QueryRunnerAlreadyReleasedError']);

/**
 * True when `error` (or what it wraps: TypeORM's driverError, a cause, an AggregateError's
 * errors) says the database could not be reached or went away mid-request.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || error === null || typeof error !== 'object') return false;
  const e = error as {
    code?: unknown;
    syscall?: unknown;
    name?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  // HttpExceptions are answers the app chose; never reinterpret them.
  if (error instanceof HttpException) return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (PG_UNAVAILABLE.test(code) || SOCKET_UNAVAILABLE.has(code)) return true;
  // A unix socket that is not there: the server is not running.
  if (code === 'ENOENT' && e.syscall === 'connect') return true;
  if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  const nested = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}

/** The SQLSTATE or socket error code of a database error, for the log (never its text). */
function codeOf(error: unknown): string {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.code ?? e?.driverError?.code;
  return typeof code === 'string' ? code : 'none';
}

/**
 * An error whose body carries extra, documented fields next to the usual ones, e.g. the current
 * record on a 409 for a stale version. Only for data the caller may see anyway.
 */
export class HttpExceptionWithBody extends HttpException {
  constructor(
    status: number,
    message: string,
    readonly extra: Record<string, unknown>,
  ) {
    super(message, status);
  }
}

/**
 * Every error leaves in the shape of shared/API.md and never with a stack trace. A browser
 * navigating to an app route (not /api) gets the Angular app's index.html.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  /** During an outage every request fails alike: one warning per interval, with a count. */
  private unavailableSince = 0;
  private unavailableUnlogged = 0;

  constructor(private readonly serveSpa: boolean) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = this.toBody(exception, request);

    if (
      body.statusCode === 404 &&
      this.serveSpa &&
      request.method === 'GET' &&
      !request.url.startsWith('/api') &&
      (request.headers.accept ?? '').includes('text/html')
    ) {
      void reply.header('Cache-Control', 'no-cache').sendFile('index.html');
      return;
    }
    if (exception instanceof HttpException) {
      const headers = (exception.getResponse() as { headers?: Record<string, string> }).headers;
      for (const [name, value] of Object.entries(headers ?? {})) void reply.header(name, value);
    }
    if (body.statusCode === 503 && !(exception instanceof HttpException)) {
      void reply.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown, request: FastifyRequest): ApiError {
    if (exception instanceof FieldValidationException) {
      return { ...this.base(400), message: 'Some fields are not valid.', fields: exception.fields };
    }
    if (exception instanceof HttpExceptionWithBody) {
      return {
        ...exception.extra,
        ...this.base(exception.getStatus()),
        message: exception.message,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? (response as { message: string[] }).message.join('; ')
            : String((response as { message?: unknown }).message ?? exception.message);
      // Nest's "Cannot GET /the/path?and=query" would echo the request (nikto: reflected input).
      if (status === 404 && message.startsWith(`Cannot ${request.method} `)) {
        return { ...this.base(404), message: 'Not found.' };
      }
      return { ...this.base(status), message };
    }
    // Before the SQLSTATE table: a lost connection is the server's trouble, never a 4xx.
    if (isDatabaseUnavailable(exception)) {
      this.logUnavailable(exception);
      return {
        ...this.base(HttpStatus.SERVICE_UNAVAILABLE),
        message: DATABASE_UNAVAILABLE_MESSAGE,
      };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception as QueryFailedError & { code?: string }).code ?? '';
      const known = PG_CLIENT_ERRORS[code];
      if (known) return { ...this.base(known[0]), message: known[1] };
    }
    // Fastify's own errors (body too large, bad JSON, wrong content type) carry a 4xx status.
    const status = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const fastifyMessages: Record<number, string> = {
        400: 'The request body is not valid JSON.',
        413: 'The request body is too large.',
        415: 'Send the request body as application/json.',
      };
      return { ...this.base(status), message: fastifyMessages[status] ?? this.reason(status) };
    }
    // Only the error's class and message: never the request body, which can hold personal data.
    this.logger.error(
      {
        err:
          exception instanceof Error
            ? { type: exception.name, message: exception.message, stack: exception.stack }
            : String(exception),
        reqId: request.id,
      },
      'Unhandled error',
    );
    return {
      ...this.base(HttpStatus.INTERNAL_SERVER_ERROR),
      message: 'Something went wrong on our side. The error has been logged.',
    };
  }

  private logUnavailable(exception: unknown): void {
    const now = Date.now();
    if (now - this.unavailableSince < 10_000) {
      this.unavailableUnlogged += 1;
      return;
    }
    // The code and class only: a driver error can carry the statement's parameters.
    this.logger.warn(
      {
        err: { type: exception instanceof Error ? exception.name : typeof exception },
        code: codeOf(exception),
        suppressed: this.unavailableUnlogged,
      },
      'Database unavailable: answered 503',
    );
    this.unavailableSince = now;
    this.unavailableUnlogged = 0;
  }

  private base(statusCode: number): Pick<ApiError, 'statusCode' | 'error'> {
    return { statusCode, error: this.reason(statusCode) };
  }

  private reason(status: number): string {
    return REASONS[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
  }
}
