import type { SeriesEnrolment } from '@stegvis/contracts';

/** The Swedish calendar day of a moment (Europe/Stockholm), as the server decides a meeting's day. */
export function swedishDay(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at.slice(0, 10);
  // sv-SE formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** Enrolled on `day` (YYYY-MM-DD): joinedOn ≤ day ≤ leftOn; the day of leaving still counts. */
export function enrolledOn(e: Pick<SeriesEnrolment, 'joinedOn' | 'leftOn'>, day: string): boolean {
  return e.joinedOn <= day && (e.leftOn === null || day <= e.leftOn);
}

/** Hours as typed ("3", "2,5", "2.5") to whole minutes; null when not a positive number. */
export function hoursToMinutes(hours: string | number | null | undefined): number | null {
  if (hours === null || hours === undefined || hours === '') return null;
  const n = typeof hours === 'number' ? hours : Number(String(hours).trim().replace(',', '.'));
  if (!Number.isFinite(n) || n <= 0) return null;
  return Math.round(n * 60);
}

/** Minutes as hours for a form field: 180 → 3, 150 → 2.5, 100 → 1.67. */
export function minutesToHours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/** Hours for reading: "2,5" in Swedish, "2.5" in English; no trailing zeros. */
export function formatHours(minutes: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    maximumFractionDigits: 2,
  }).format(minutes / 60);
}

/** A percentage with one decimal as people read it: "66,7 %" / "66.7%". */
export function formatPercent(value: number, lang: string): string {
  const n = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    maximumFractionDigits: 1,
  }).format(value);
  return lang === 'en' ? `${n}%` : `${n} %`;
}

/** A day within [from, to]: today clamped to a series' dates, as the default for a join date. */
export function clampDay(day: string, from: string, to: string): string {
  return day < from ? from : day > to ? to : day;
}

/**
 * Splits a 400's fields into those about one person of the attendance list sent
 * (`attendance.<index>.participantId` → that person's id) and the rest.
 */
export function attendanceErrors(
  fields: Record<string, string[]> | undefined,
  sentIds: readonly string[],
): { perPerson: Record<string, string[]>; rest: Record<string, string[]> } {
  const perPerson: Record<string, string[]> = {};
  const rest: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(fields ?? {})) {
    const match = /^attendance\.(\d+)(\.|$)/.exec(path);
    const id = match ? sentIds[Number(match[1])] : undefined;
    if (id) perPerson[id] = [...(perPerson[id] ?? []), ...messages];
    else rest[path] = messages;
  }
  return { perPerson, rest };
}

/** "Ja" / "Nej" / "Pågår": the i18n key of an enrolment's completion. */
export function completionKey(completed: boolean | null): string {
  return completed === null
    ? 'groupSeries.completed.running'
    : completed
      ? 'groupSeries.completed.yes'
      : 'groupSeries.completed.no';
}
