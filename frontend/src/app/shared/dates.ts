/** Today as YYYY-MM-DD in the user's own time zone (toISOString would give UTC's day). */
export function todayIso(now: Date = new Date()): string {
  return isoDay(now);
}

export function isoDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** A local date and time with its offset, as the session API wants (2026-03-10T09:00:00+01:00). */
export function localDateTimeWithOffset(day: string, time: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const local = new Date(y, m - 1, d, hh, mm);
  const offset = -local.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const oh = String(Math.floor(abs / 60)).padStart(2, '0');
  const om = String(abs % 60).padStart(2, '0');
  return `${day}T${time.length === 5 ? `${time}:00` : time}${sign}${oh}:${om}`;
}

const LOCALE_TAGS: Record<string, string> = { sv: 'sv-SE', en: 'en-GB' };

/** Dates as people read them: "3 mars 2026" / "3 Mar 2026"; a day-only string stays that day. */
export function formatDay(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = dayOnly ? new Date(`${value}T12:00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang] ?? lang, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(date);
}

/** A month as people read it: "mars 2026" / "March 2026", from `YYYY-MM` or a day in it. */
export function formatMonth(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})/.exec(value);
  if (!match) return value;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, 15, 12);
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang] ?? lang, {
    month: 'long',
    year: 'numeric',
  }).format(date);
}

export function formatDateTime(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang] ?? lang, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}
