import { Injectable, computed, inject, signal } from '@angular/core';
import { isFullParticipant, type Participant, type Programme } from '@stegvis/contracts';
import { CaseRecordsApi } from '../../../core/api/case-records.api';
import { displayName } from '../../../shared/participant-name';

/** Pages of the caseload read for names and the enrolment picker: up to 25 × 200 participants. */
const MAX_PAGES = 25;

/**
 * Shared by the series list and a series page: the coach's programmes, the one chosen, and the
 * participants in the coach's reach (names for the enrolment lists and the picker), read once.
 */
@Injectable()
export class GroupSeriesStore {
  private readonly api = inject(CaseRecordsApi);

  readonly programmes = signal<Programme[] | null>(null);
  readonly programmeId = signal('');
  readonly loadFailed = signal(false);
  readonly people = signal<Participant[]>([]);
  readonly peopleLoading = signal(false);
  private readonly byId = computed(() => new Map(this.people().map((p) => [p.id, p])));
  private peopleRead: Promise<void> | null = null;

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loadFailed.set(false);
    try {
      const list = await this.api.programmes();
      this.programmes.set(list);
      if (!list.some((p) => p.id === this.programmeId())) this.programmeId.set(list[0]?.id ?? '');
    } catch {
      this.loadFailed.set(true);
    }
  }

  /** Everyone in the coach's reach, once (the list is small enough: a coach's caseload). */
  loadPeople(): Promise<void> {
    this.peopleRead ??= this.readPeople().catch(() => {
      this.peopleRead = null;
      this.loadFailed.set(true);
    });
    return this.peopleRead;
  }

  private async readPeople(): Promise<void> {
    this.peopleLoading.set(true);
    try {
      const all: Participant[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await this.api.listParticipants({ limit: 200, cursor });
        all.push(...answer.items.filter(isFullParticipant));
        cursor = answer.nextCursor ?? undefined;
        if (!cursor) break;
      }
      this.people.set(all);
    } finally {
      this.peopleLoading.set(false);
    }
  }

  person(id: string): Participant | undefined {
    return this.byId().get(id);
  }

  /** The name to show, or null (a reduced record, or someone out of the list). */
  nameOf(id: string): string | null {
    const p = this.byId().get(id);
    return p ? displayName(p) : null;
  }
}
