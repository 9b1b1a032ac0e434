import { HttpParams } from '@angular/common/http';

/**
 * A query object of @stegvis/contracts (`…Query`) as URL parameters: a list comma-separated, a
 * number or boolean as its text; a parameter left undefined (or an empty search) is not sent.
 */
export function queryParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (value === undefined || value === null || value === '') continue;
    params = params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params;
}
