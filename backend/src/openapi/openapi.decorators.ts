import { SetMetadata } from '@nestjs/common';

/**
 * Error statuses a route answers beyond those the document derives from the route itself (see
 * ERROR_RULES in openapi-document.ts), e.g. 409 for a state conflict or 429 for a rate limit.
 */
export type DeclaredErrorStatus = 401 | 409 | 429 | 503;
export const API_ERRORS_KEY = 'stegvis:api-errors';
export const ApiErrors = (...statuses: DeclaredErrorStatus[]) =>
  SetMetadata(API_ERRORS_KEY, statuses);

/** The route answers with an `ETag` header (the version to send back as If-Match). */
export const API_ETAG_KEY = 'stegvis:api-etag';
export const ApiETag = () => SetMetadata(API_ETAG_KEY, true);
