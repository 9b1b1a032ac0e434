import type { SessionKind } from '@stegvis/contracts';

/**
 * Kinds of session that may have several participants: a group workshop, and business advice,
 * which is often given to a group starting a business together. The other kinds are one-to-one.
 */
export const GROUP_SESSION_KINDS: ReadonlySet<SessionKind> = new Set([
  'group_workshop',
  'business_advice',
]);

export const MAX_SESSION_PARTICIPANTS = 200;

/**
 * Field problems with a session's list of participants, keyed like the validation pipe's:
 * a participant listed twice, or several participants on a one-to-one kind. Empty = fine.
 */
export function attendanceListProblems(
  kind: SessionKind,
  participantIds: readonly string[],
): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const seen = new Set<string>();
  participantIds.forEach((id, index) => {
    const key = id.toLowerCase();
    if (seen.has(key)) problems[`participants.${index}.participantId`] = ['Listed twice.'];
    seen.add(key);
  });
  if (participantIds.length > 1 && !GROUP_SESSION_KINDS.has(kind)) {
    problems['participants'] = [
      `A ${kind} session has one participant; log a group_workshop or business_advice session for several.`,
    ];
  }
  return problems;
}
