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

const REASONS: Record<number, string> = {
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
const PG_CLIENT_ERRORS: Record<string, [number, string]> = {
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
      return { ...this.base(status), message };
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

  private base(statusCode: number): Pick<ApiError, 'statusCode' | 'error'> {
    return { statusCode, error: this.reason(statusCode) };
  }

  private reason(status: number): string {
    return REASONS[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
  }
}
