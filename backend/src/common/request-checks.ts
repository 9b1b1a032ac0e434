import { ForbiddenException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

class UnsupportedMediaType extends Error {
  readonly statusCode = 415;
  readonly code = 'FST_ERR_CTP_INVALID_MEDIA_TYPE';
  constructor() {
    super('Unsupported Media Type');
  }
}

/**
 * Two checks before a request is routed on, against cross-site requests a browser sends without
 * asking (a form post needs no CORS preflight):
 * - A body must be application/json (415 otherwise, before it is read), except on the routes
 *   that take a file (the participant import's spreadsheet). A form post can then neither log in (login CSRF) nor write.
 * - An unsafe request without a bearer token (a login, or one the session cookie would
 *   authenticate) that names another Origin is refused with 403. Allowed: the app's own origin
 *   (the Host the request came to, or X-Forwarded-Host from a trusted proxy), PUBLIC_URL's origin
 *   and CORS_ORIGINS.
 *   No Origin at all is an API client or an old browser's same-origin request; the CSRF token
 *   still guards cookie-authenticated writes.
 */
export function registerRequestChecks(
  fastify: FastifyInstance,
  config: AppConfig,
  /** Routes (as declared, e.g. /api/x/:id) that take another body type and check it themselves. */
  otherBodyRoutes: ReadonlySet<string>,
): void {
  const allowedOrigins = new Set(
    [...config.CORS_ORIGINS.split(','), config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : '']
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  );
  fastify.addHook('onRequest', async (request) => {
    if (!UNSAFE_METHODS.has(request.method)) return;
    if (!otherBodyRoutes.has(request.routeOptions.url ?? '') && !jsonOrNoBody(request)) {
      throw new UnsupportedMediaType();
    }
    const authorization = request.headers.authorization;
    const bearer = typeof authorization === 'string' && authorization.startsWith('Bearer ');
    if (!bearer && !originAllowed(request, allowedOrigins)) {
      throw new ForbiddenException('Requests from another site are not accepted.');
    }
  });
}

function jsonOrNoBody(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  if (type === undefined) {
    const length = request.headers['content-length'];
    return request.headers['transfer-encoding'] === undefined && (!length || length === '0');
  }
  return type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function originAllowed(request: FastifyRequest, allowed: ReadonlySet<string>): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowed.has(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (a sandboxed frame, a redirect across sites) and anything malformed
  }
  return host !== '' && (host === request.headers.host || host === request.host);
}
