import type { ProgrammeReport } from '@stegvis/contracts';

/** Older than this, the report page says how old the data is (a lagging read replica). */
export const STALE_AFTER_SECONDS = 60;

export type DataAgeNotice =
  { kind: 'behind'; minutes: number; asOf: string } | { kind: 'unknown' } | null;

/**
 * What the lead is told about the age of a report's data: nothing when it is current (the
 * primary, or a replica less than a minute behind); else how many minutes old it is, or that a
 * replica's age is not known.
 */
export function dataAgeNotice(
  report: Pick<ProgrammeReport, 'readFrom' | 'dataAsOf' | 'dataAgeSeconds'>,
): DataAgeNotice {
  if (report.readFrom !== 'replica') return null;
  const age = report.dataAgeSeconds;
  if (age === null || age === undefined || !report.dataAsOf) return { kind: 'unknown' };
  if (age <= STALE_AFTER_SECONDS) return null;
  return { kind: 'behind', minutes: Math.max(1, Math.round(age / 60)), asOf: report.dataAsOf };
}
