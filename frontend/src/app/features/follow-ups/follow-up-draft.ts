import type { FollowUpMode } from '@stegvis/contracts';

/** What the follow-up form holds, as typed (strings where the user types numbers). */
export interface FollowUpDraft {
  date: string;
  mode: FollowUpMode;
  daysPresent: string;
  daysAbsent: string;
  wellbeing: number | null;
  concern: boolean;
  notes: string;
}

const PREFIX = 'stegvis.followUpDraft.';

/**
 * Drafts live in sessionStorage, one per placement, until the server has accepted the follow-up:
 * a dropped connection or a reload in the same tab loses nothing, and the notes (personal data)
 * do not outlive the tab on a shared phone.
 */
export class FollowUpDrafts {
  constructor(private readonly storage: Storage | null = safeSessionStorage()) {}

  load(placementId: string): FollowUpDraft | null {
    try {
      const raw = this.storage?.getItem(PREFIX + placementId);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<FollowUpDraft>;
      return typeof parsed === 'object' && parsed !== null && typeof parsed.date === 'string'
        ? (parsed as FollowUpDraft)
        : null;
    } catch {
      return null;
    }
  }

  save(placementId: string, draft: FollowUpDraft): void {
    try {
      this.storage?.setItem(PREFIX + placementId, JSON.stringify(draft));
    } catch {
      // Storage full or blocked: the form still holds the values for this visit.
    }
  }

  clear(placementId: string): void {
    try {
      this.storage?.removeItem(PREFIX + placementId);
    } catch {
      // Nothing to do.
    }
  }
}

function safeSessionStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
