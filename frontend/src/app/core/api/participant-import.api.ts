import { HttpClient, HttpEventType, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  IMPORT_CONTENT_TYPES,
  type ImportFormat,
  type ImportMode,
  type ImportPreview,
  type ImportQuery,
  type ImportResult,
  type ImportTemplateQuery,
} from '@stegvis/contracts';
import { filter, map, type Observable } from 'rxjs';
import { queryParams } from './query-params';

/** An upload in flight: bytes sent so far, then (while the server reads the file) the answer. */
export type UploadEvent<T> =
  { type: 'progress'; loaded: number; total: number | null } | { type: 'done'; body: T };

/** The file format from a file's name; null for anything but .xlsx and .csv. */
export function importFormatOfFile(file: File): ImportFormat | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.csv')) return 'csv';
  return null;
}

export function templateUrl(format: ImportFormat): string {
  const query: ImportTemplateQuery = { format };
  return `/api/participant-imports/template?${queryParams(query).toString()}`;
}

/** The spreadsheet import of participants: the file goes up as it is, with upload progress. */
@Injectable({ providedIn: 'root' })
export class ParticipantImportApi {
  private readonly http = inject(HttpClient);

  preview(
    programmeId: string,
    file: File,
    format: ImportFormat,
  ): Observable<UploadEvent<ImportPreview>> {
    return this.upload<ImportPreview>(
      `/api/programmes/${programmeId}/participant-imports/preview`,
      file,
      format,
    );
  }

  save(
    programmeId: string,
    file: File,
    format: ImportFormat,
    mode: ImportMode,
  ): Observable<UploadEvent<ImportResult>> {
    const query: ImportQuery = { mode };
    return this.upload<ImportResult>(
      `/api/programmes/${programmeId}/participant-imports?${queryParams(query).toString()}`,
      file,
      format,
    );
  }

  private upload<T>(url: string, file: File, format: ImportFormat): Observable<UploadEvent<T>> {
    return this.http
      .post<T>(url, file, {
        headers: { 'Content-Type': IMPORT_CONTENT_TYPES[format] },
        observe: 'events',
        reportProgress: true,
      })
      .pipe(
        filter((e) => e.type === HttpEventType.UploadProgress || e.type === HttpEventType.Response),
        map((e): UploadEvent<T> => {
          if (e.type === HttpEventType.UploadProgress) {
            return { type: 'progress', loaded: e.loaded, total: e.total ?? null };
          }
          return { type: 'done', body: (e as HttpResponse<T>).body as T };
        }),
      );
  }
}
