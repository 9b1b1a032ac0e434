import { HttpClient, HttpErrorResponse, HttpEventType, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ApiError,
  CsvDelimiter,
  ExportFormat,
  ExportQuery,
  Instrument,
  ListInstrumentsQuery,
  Locale,
  Page,
  Programme,
  ProgrammeReport,
  ReportQuery,
} from '@stegvis/contracts';
import { Observable, filter, firstValueFrom, map } from 'rxjs';
import { itemsOf } from './case-records.api';
import { queryParams } from './query-params';

/** What the downloads form asks for: a report file or the row-level export, and its options. */
export interface FileRequest {
  kind: 'report' | 'export';
  programmeId: string;
  format: ExportFormat;
  from: string;
  to: string;
  delimiter: CsvDelimiter;
  lang: Locale;
}

export type DownloadEvent =
  | { type: 'progress'; loaded: number; total: number | null }
  | { type: 'done'; blob: Blob; filename: string };

/** The lead's aggregated, anonymised view: programmes, report JSON and file downloads. */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  programmes(): Promise<Programme[]> {
    return firstValueFrom(this.http.get<Page<Programme>>('/api/programmes')).then(itemsOf);
  }

  instruments(programmeId: string): Promise<Instrument[]> {
    const query: ListInstrumentsQuery = { programmeId };
    return firstValueFrom(
      this.http.get<Page<Instrument>>('/api/instruments', {
        params: queryParams(query),
      }),
    ).then(itemsOf);
  }

  report(programmeId: string, from: string, to: string): Promise<ProgrammeReport> {
    const query: ReportQuery = { from, to };
    return firstValueFrom(
      this.http.get<ProgrammeReport>(`/api/programmes/${programmeId}/report`, {
        params: queryParams(query),
      }),
    );
  }

  /** A report file or the row-level export, with download progress (the server streams it). */
  download(request: FileRequest): Observable<DownloadEvent> {
    const { format, lang } = request;
    const delimiter = format === 'csv' ? request.delimiter : undefined;
    // The export takes the whole programme; the report always a period.
    const query: ReportQuery | ExportQuery =
      request.kind === 'report'
        ? { from: request.from, to: request.to, format, delimiter, lang }
        : { format, delimiter, lang };
    const path = request.kind === 'report' ? 'report' : 'export';
    return this.http
      .get(`/api/programmes/${request.programmeId}/${path}`, {
        params: queryParams(query),
        responseType: 'blob',
        observe: 'events',
        reportProgress: true,
      })
      .pipe(
        filter(
          (e) => e.type === HttpEventType.DownloadProgress || e.type === HttpEventType.Response,
        ),
        map((e): DownloadEvent => {
          if (e.type === HttpEventType.DownloadProgress) {
            return { type: 'progress', loaded: e.loaded, total: e.total ?? null };
          }
          const response = e as HttpResponse<Blob>;
          return {
            type: 'done',
            blob: response.body ?? new Blob(),
            filename: filenameOf(
              response.headers.get('Content-Disposition'),
              `stegvis-${path}.${request.format}`,
            ),
          };
        }),
      );
  }
}

export function filenameOf(disposition: string | null, fallback: string): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  return match ? decodeURIComponent(match[1]) : fallback;
}

/** With responseType 'blob' an error body is a Blob too: read it back into the error shape. */
export async function blobErrorToApiError(error: unknown): Promise<ApiError> {
  if (error instanceof HttpErrorResponse) {
    let body: unknown = error.error;
    if (body instanceof Blob) {
      try {
        body = JSON.parse(await body.text());
      } catch {
        body = null;
      }
    }
    const message =
      typeof body === 'object' && body !== null && typeof (body as ApiError).message === 'string'
        ? (body as ApiError).message
        : '';
    return { statusCode: error.status, error: error.statusText, message };
  }
  return { statusCode: -1, error: 'Unknown', message: '' };
}

/** Hands a downloaded file to the browser as a normal download. */
export function saveBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
