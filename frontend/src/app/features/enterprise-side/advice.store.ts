import { Injectable, computed, inject, signal } from '@angular/core';
import type { AdviceSession, EntrepreneurContact } from '@stegvis/contracts';
import { EnterpriseSideApi } from '../../core/api/enterprise-side.api';
import { adviceSummary } from './enterprise-side.forms';
import { EnterpriseSideStore } from './enterprise-side.store';

/**
 * The advice tab's two lists, read together: the sessions name their people by the contacts
 * list, and removing a contact changes the sessions they took part in.
 */
@Injectable()
export class AdviceStore {
  private readonly api = inject(EnterpriseSideApi);
  private readonly section = inject(EnterpriseSideStore);

  readonly contacts = signal<EntrepreneurContact[] | null>(null);
  readonly sessions = signal<AdviceSession[] | null>(null);
  readonly loadFailed = signal(false);
  readonly names = computed(
    () => new Map((this.contacts() ?? []).map((c) => [c.id, c.name] as const)),
  );
  readonly summary = computed(() => adviceSummary(this.sessions() ?? []));

  async load(): Promise<void> {
    const programmeId = this.section.programmeId();
    if (!programmeId) return;
    this.loadFailed.set(false);
    try {
      const [contacts, sessions] = await Promise.all([
        this.api.contacts(programmeId),
        this.api.adviceSessions(programmeId),
      ]);
      // A reply for a programme no longer chosen is dropped.
      if (programmeId !== this.section.programmeId()) return;
      this.contacts.set(contacts);
      this.sessions.set(sessions);
    } catch {
      this.loadFailed.set(true);
    }
  }
}
