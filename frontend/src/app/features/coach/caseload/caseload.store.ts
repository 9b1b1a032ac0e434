import { Injectable, inject, signal } from '@angular/core';
import {
  isFullParticipant,
  type ApiError,
  type ListParticipantsQuery,
  type Participant,
  type ParticipantStatus,
} from '@stegvis/contracts';
import { CaseRecordsApi } from '../../../core/api/case-records.api';
import { toApiError } from '../../../core/http/api-error';

export const PAGE_SIZE = 25;
export const SEARCH_DEBOUNCE_MS = 300;

export interface CaseloadFilters {
  search: string;
  status: ParticipantStatus | '';
  overdue: boolean;
}

/**
 * The coach's caseload: filters, the rows loaded so far and the cursor for the next page. Only the
 * answer to the latest request is kept, so a slow earlier search can't overwrite a newer one.
 */
@Injectable()
export class CaseloadStore {
  private readonly api = inject(CaseRecordsApi);
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private request = 0;

  readonly filters = signal<CaseloadFilters>({ search: '', status: 'active', overdue: false });
  readonly items = signal<Participant[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly error = signal<ApiError | null>(null);

  /** Typing: wait for a pause before asking the server. */
  setSearch(search: string): void {
    this.filters.update((f) => ({ ...f, search }));
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.reload();
    }, SEARCH_DEBOUNCE_MS);
  }

  setStatus(status: ParticipantStatus | ''): void {
    this.filters.update((f) => ({ ...f, status }));
    void this.reload();
  }

  setOverdue(overdue: boolean): void {
    this.filters.update((f) => ({ ...f, overdue }));
    void this.reload();
  }

  async reload(): Promise<void> {
    const id = ++this.request;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.listParticipants(this.query(null));
      if (id !== this.request) return;
      this.items.set(page.items.filter(isFullParticipant));
      this.nextCursor.set(page.nextCursor);
      this.loaded.set(true);
    } catch (caught) {
      if (id === this.request) this.error.set(toApiError(caught));
    } finally {
      if (id === this.request) this.loading.set(false);
    }
  }

  async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loading()) return;
    const id = ++this.request;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.listParticipants(this.query(cursor));
      if (id !== this.request) return;
      this.items.update((items) => [...items, ...page.items.filter(isFullParticipant)]);
      this.nextCursor.set(page.nextCursor);
    } catch (caught) {
      if (id === this.request) this.error.set(toApiError(caught));
    } finally {
      if (id === this.request) this.loading.set(false);
    }
  }

  destroy(): void {
    if (this.debounce) clearTimeout(this.debounce);
  }

  private query(cursor: string | null): ListParticipantsQuery {
    const { search, status, overdue } = this.filters();
    return {
      search: search.trim() || undefined,
      status: status || undefined,
      overdue: overdue || undefined,
      limit: PAGE_SIZE,
      cursor: cursor ?? undefined,
    };
  }
}
