import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { AppConfig } from './config/app-config';

/** Paths of credentials and identifiers, redacted wherever an object carrying them is logged. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.personnummer',
  // Two-step verification: never in a log, wherever an object carrying them ends up.
  '*.secret',
  '*.otpauthUri',
  '*.recoveryCodes',
  '*.mfaSecret',
];

/**
 * The path a request was made to. Nest runs pino-http as middleware mounted under the global
 * prefix, where Fastify's middleware layer has cut the prefix off `url` (`/health`), so read
 * `originalUrl` first. The query string is dropped: it can carry search terms such as names.
 */
export function requestPath(req: IncomingMessage & { originalUrl?: string }): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}

/** Health checks (load balancers poll them every few seconds) are left out of the request log. */
export function isHealthCheck(req: IncomingMessage & { originalUrl?: string }): boolean {
  const path = requestPath(req);
  return path === '/api/health' || path.startsWith('/api/health/');
}

function baseOptions(config: AppConfig): LoggerOptions {
  return { level: config.LOG_LEVEL, redact: { paths: REDACT, censor: '[redacted]' } };
}

/**
 * Where log lines go: JSON lines on stdout (LOG_FORMAT=json, for production and log shippers), or
 * pino-pretty's readable lines (LOG_FORMAT=pretty, `npm run dev`). pino-pretty runs in this thread
 * (no transport worker), so the last lines before an exit are not lost; it is loaded only when asked.
 */
function destination(config: AppConfig): DestinationStream | undefined {
  if (config.LOG_FORMAT !== 'pretty') return undefined;
  const pretty = require('pino-pretty') as typeof import('pino-pretty');
  return pretty.build({
    sync: true,
    colorize: process.stdout.isTTY,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
    singleLine: true,
  });
}

/** The logger of the process itself (start-up, migrations, shutdown): same format, same redaction. */
export function processLogger(config: AppConfig): Logger {
  const stream = destination(config);
  return stream ? pino(baseOptions(config), stream) : pino(baseOptions(config));
}

/**
 * Request logs without personal data: a request is logged by id, method and path only, and
 * credentials are redacted wherever they appear.
 */
export function loggerOptions(config: AppConfig): Params {
  const options = {
    ...baseOptions(config),
    // Fastify assigns the id to the raw request before this runs; pino-http reuses req.id.
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; originalUrl?: string }) => ({
        id: req.id,
        method: req.method,
        path: requestPath(req),
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customProps: () => ({ service: 'stegvis' }),
    autoLogging: { ignore: isHealthCheck },
  };
  const stream = destination(config);
  return { pinoHttp: stream ? [options, stream] : options };
}
