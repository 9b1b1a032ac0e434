import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from './config/app-config';

/**
 * JSON logs without personal data: a request is logged by id, method and path only (query
 * strings can carry search terms such as names), and credentials are redacted wherever they appear.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      // Fastify assigns the id to the raw request before this runs; pino-http reuses req.id.
      redact: {
        paths: [
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
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: IncomingMessage & { id?: unknown }) => ({
          id: req.id,
          method: req.method,
          path: (req.url ?? '').split('?')[0],
        }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
      customProps: () => ({ service: 'stegvis' }),
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/api/health') },
    },
  };
}
