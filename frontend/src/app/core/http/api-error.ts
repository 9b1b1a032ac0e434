import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@stegvis/contracts';

function isApiErrorBody(body: unknown): body is ApiError {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string'
  );
}

/**
 * An answer in a view the page does not show (a supervisor's placement view of a participant on a
 * coach's page): the page says what the server's 403 would.
 */
export const OTHER_VIEW: ApiError = { statusCode: 403, error: 'Forbidden', message: '' };

/**
 * Turns whatever HttpClient threw into the server's error shape. statusCode 0 means the server
 * could not be reached (offline, proxy down); `message` is then empty so the UI shows its own text.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof HttpErrorResponse) {
    if (isApiErrorBody(error.error)) {
      return { ...error.error, statusCode: error.error.statusCode ?? error.status };
    }
    return { statusCode: error.status, error: error.statusText, message: '' };
  }
  return { statusCode: -1, error: 'Unknown', message: '' };
}
