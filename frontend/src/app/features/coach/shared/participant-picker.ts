import type { Participant } from '@stegvis/contracts';
import { displayName } from '../../../shared/participant-name';

/** Lower case without diacritics, so "ostlund" finds "Östlund" and "jose" finds "José". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/**
 * The participants a picker search matches: every word of the query in the name (in any order),
 * or the digits in the personnummer (the last four are enough). An empty query matches all.
 */
export function matchParticipants(
  participants: readonly Participant[],
  query: string,
): Participant[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...participants];
  // Only digits (with a dash or spaces), at least four: a personnummer or its last four.
  const digits = /^[\d\s-]+$/.test(query.trim()) ? query.replace(/\D/g, '') : '';
  return participants.filter((p) => {
    const name = foldForSearch(displayName(p) ?? '');
    if (words.every((w) => name.includes(w))) return true;
    return digits.length >= 4 && (p.personnummer ?? '').replace(/\D/g, '').includes(digits);
  });
}
