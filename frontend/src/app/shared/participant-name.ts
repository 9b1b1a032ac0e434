import type { Participant } from '@stegvis/contracts';

/** The name to show, or null for a reduced record (the UI then says "Utan samtycke"). */
export function displayName(
  p: Pick<Participant, 'firstName' | 'lastName' | 'reduced'>,
): string | null {
  if (p.reduced) return null;
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ').trim();
  return name || null;
}
