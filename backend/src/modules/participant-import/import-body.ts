import { IMPORT_CONTENT_TYPES, IMPORT_MAX_BYTES, type ImportFormat } from '@stegvis/contracts';
import type { FastifyInstance } from 'fastify';

/** The routes that take a spreadsheet as their raw body; every other route refuses one (415). */
export const IMPORT_BODY_ROUTES = new Set([
  '/api/programmes/:id/participant-imports/preview',
  '/api/programmes/:id/participant-imports',
]);

const TYPES = Object.values(IMPORT_CONTENT_TYPES);

/** The file format a request's Content-Type names, or null. */
export function importFormatOf(contentType: string | undefined): ImportFormat | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  for (const [format, mime] of Object.entries(IMPORT_CONTENT_TYPES)) {
    if (type === mime) return format as ImportFormat;
  }
  return null;
}

class UnsupportedMediaType extends Error {
  readonly statusCode = 415;
  readonly code = 'FST_ERR_CTP_INVALID_MEDIA_TYPE';
  constructor() {
    super('Unsupported Media Type');
  }
}

/**
 * Spreadsheet bodies (XLSX, CSV) arrive as a Buffer, up to IMPORT_MAX_BYTES, on the import routes
 * only: elsewhere the same types are refused before the body is read, as any other unknown type.
 */
export function registerImportBodyParser(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (
      importFormatOf(request.headers['content-type']) !== null &&
      !IMPORT_BODY_ROUTES.has(request.routeOptions.url ?? '')
    ) {
      throw new UnsupportedMediaType();
    }
    return payload;
  });
  fastify.addContentTypeParser(
    TYPES,
    { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );
}
