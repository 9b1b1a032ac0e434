import { ArgumentsHost, ConflictException, HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import {
  DATABASE_UNAVAILABLE_MESSAGE,
  HttpExceptionFilter,
  isDatabaseUnavailable,
} from './http-exception.filter';

function withCode(message: string, code: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

/** As TypeORM wraps a node-postgres error. */
function queryFailed(driverError: Error): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], driverError);
}

describe('isDatabaseUnavailable', () => {
  const unavailable: [string, unknown][] = [
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['connection reset', withCode('read ECONNRESET', 'ECONNRESET')],
    ['broken pipe', withCode('write EPIPE', 'EPIPE')],
    [
      'unix socket missing',
      withCode('connect ENOENT /tmp/.s.PGSQL.5432', 'ENOENT', { syscall: 'connect' }),
    ],
    ['connection terminated', new Error('Connection terminated unexpectedly')],
    ['connect timeout', new Error('Connection terminated due to connection timeout')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['dropped client', new Error('Client has encountered a connection error and is not queryable')],
    [
      'admin shutdown (57P01)',
      queryFailed(withCode('terminating connection due to administrator command', '57P01')),
    ],
    [
      'crash shutdown (57P02)',
      queryFailed(
        withCode('terminating connection due to crash of another server process', '57P02'),
      ),
    ],
    ['shutting down (57P03)', withCode('the database system is shutting down', '57P03')],
    ['starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['connection failure (08006)', queryFailed(withCode('connection failure', '08006'))],
    ['cannot connect (08001)', withCode('could not connect', '08001')],
    ['too many clients (53300)', withCode('sorry, too many clients already', '53300')],
    ['query on a lost connection', queryFailed(new Error('Connection terminated unexpectedly'))],
    [
      'a query runner dropped with its connection',
      Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), {
        name: 'QueryRunnerAlreadyReleasedError',
      }),
    ],
    [
      'both addresses of localhost refused',
      new AggregateError([
        withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'),
        withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      ]),
    ],
    ['a wrapped cause', new Error('outer', { cause: withCode('read ECONNRESET', 'ECONNRESET') })],
  ];
  it.each(unavailable)('%s → yes', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  const other: [string, unknown][] = [
    ['unique violation (23505)', queryFailed(withCode('duplicate key', '23505'))],
    ['syntax error (42601)', queryFailed(withCode('syntax error', '42601'))],
    ['serialization failure (40001)', queryFailed(withCode('could not serialize', '40001'))],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a file not found', withCode('ENOENT: no such file', 'ENOENT', { syscall: 'open' })],
    ['an HTTP answer', new ConflictException('stale')],
    ['an HTTP 503 the app chose', new HttpException('busy', 503)],
    ['a string', 'Connection terminated'],
    ['null', null],
  ];
  it.each(other)('%s → no', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('stops on a cycle of causes', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

describe('HttpExceptionFilter', () => {
  function run(exception: unknown) {
    const sent: { status?: number; body?: unknown; headers: Record<string, string> } = {
      headers: {},
    };
    const reply = {
      status(code: number) {
        sent.status = code;
        return reply;
      },
      header(name: string, value: string) {
        sent.headers[name] = value;
        return reply;
      },
      send(body: unknown) {
        sent.body = body;
        return reply;
      },
    };
    const request = {
      id: 'req-1',
      method: 'POST',
      url: '/api/placements/x/follow-ups',
      headers: {},
    };
    const host = {
      switchToHttp: () => ({ getResponse: () => reply, getRequest: () => request }),
    } as unknown as ArgumentsHost;
    new HttpExceptionFilter(false).catch(exception, host);
    return sent;
  }

  it('answers 503 with a clear message and Retry-After when the database went away', () => {
    const sent = run(
      queryFailed(withCode('terminating connection due to administrator command', '57P01')),
    );
    expect(sent.status).toBe(503);
    expect(sent.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: DATABASE_UNAVAILABLE_MESSAGE,
    });
    expect(sent.headers['Retry-After']).toBe('5');
  });

  it('answers 503, not 401 or 500, when the session lookup cannot connect', () => {
    const sent = run(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'));
    expect(sent.status).toBe(503);
  });

  it('keeps the client errors it already mapped', () => {
    expect(run(queryFailed(withCode('duplicate key', '23505'))).status).toBe(409);
  });

  it('keeps 500 for a bug, without Retry-After', () => {
    const sent = run(new TypeError('boom'));
    expect(sent.status).toBe(500);
    expect(sent.headers['Retry-After']).toBeUndefined();
  });
});
