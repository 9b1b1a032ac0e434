import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  normaliseParticipantRef,
  type AuditAction,
  type AuditEntry,
  type ListAuditLogQuery,
  type User,
} from '@stegvis/contracts';
import { AdminApi } from '../../core/api/admin.api';
import { toApiError } from '../../core/http/api-error';
import { applyServerErrors, focusFirstInvalid } from '../../shared/server-errors';
import { dayValidator, uuidValidator } from '../../shared/validators';
import { AuditEntriesComponent, type AuditFilterRequest } from './audit-entries.component';
import { participantRefValidator } from './audit-validators';

const PAGE_SIZE = 50;
const USER_PAGES = 5;

/** Day → the start of that day / the day after (the server's `to` is exclusive), local time. */
export function auditRange(from: string, to: string): { from?: string; to?: string } {
  const start = (day: string) => new Date(`${day}T00:00:00`).toISOString();
  const range: { from?: string; to?: string } = {};
  if (from) range.from = start(from);
  if (to) {
    const next = new Date(`${to}T00:00:00`);
    next.setDate(next.getDate() + 1);
    range.to = next.toISOString();
  }
  return range;
}

/**
 * Loggkontroll: who read or changed what, newest first, with user names and cursor paging. An
 * admin has no case data: a participant is found by the short reference the coach sees on the
 * participant's page ("who has looked at my record?"), and from there the printable extract.
 */
@Component({
  selector: 'sv-admin-audit',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    AuditEntriesComponent,
  ],
  templateUrl: './admin-audit.page.html',
  styleUrl: './admin.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminAuditPage {
  private readonly api = inject(AdminApi);
  private readonly transloco = inject(TranslocoService);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  private request = 0;

  protected readonly actions = AUDIT_ACTIONS;
  protected readonly entities = AUDIT_ENTITIES.filter((e) => e !== 'unknown');
  protected readonly users = signal<User[]>([]);
  protected readonly items = signal<AuditEntry[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly searched = signal(false);
  /** The reference and period of the last search, for the link to the printable extract. */
  protected readonly searchedRef = signal<{ ref: string; from: string; to: string } | null>(null);
  protected readonly caption = computed(() => {
    const ref = this.searchedRef();
    return ref
      ? this.transloco.translate('auditLog.captionRef', { ref: ref.ref })
      : this.transloco.translate('auditLog.title');
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    participantRef: ['', participantRefValidator],
    entityId: ['', uuidValidator],
    userId: ['', uuidValidator],
    action: ['' as AuditAction | ''],
    entity: [''],
    from: ['', dayValidator],
    to: ['', dayValidator],
  });

  constructor() {
    const query = inject(ActivatedRoute).snapshot.queryParamMap;
    const ref = query.get('ref');
    if (ref) this.form.patchValue({ participantRef: ref });
    void this.loadUsers();
    void this.search();
  }

  /** Every account, for the user filter (an admin has a few hundred at most). */
  private async loadUsers(): Promise<void> {
    const all: User[] = [];
    let cursor: string | null = null;
    try {
      for (let page = 0; page < USER_PAGES; page++) {
        const result = await this.api.users({ limit: 200, cursor: cursor ?? undefined });
        all.push(...result.items);
        cursor = result.nextCursor;
        if (!cursor) break;
      }
    } catch {
      // The filter then offers only "Alla" plus the users met in the rows; the log still loads.
    }
    all.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    this.users.set(all);
  }

  protected async search(cursor: string | null = null): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.error.set('form.fixErrors');
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    const v = this.form.getRawValue();
    const ref = v.participantRef.trim() ? normaliseParticipantRef(v.participantRef) : null;
    const query: ListAuditLogQuery = {
      participantRef: ref ?? '',
      entityId: v.entityId.trim(),
      userId: v.userId.trim(),
      action: v.action || undefined,
      entity: v.entity,
      ...auditRange(v.from, v.to),
      limit: PAGE_SIZE,
      cursor: cursor ?? undefined,
    };
    const id = ++this.request;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.auditLog(query);
      if (id !== this.request) return;
      this.items.update((items) => (cursor ? [...items, ...page.items] : page.items));
      this.nextCursor.set(page.nextCursor);
      this.searched.set(true);
      this.searchedRef.set(ref ? { ref, from: v.from, to: v.to } : null);
      // Show the reference as the coach sees it (typed as p7f3a2c91 → P-7F3A2C91).
      if (ref) this.form.controls.participantRef.setValue(ref);
    } catch (caught) {
      if (id !== this.request) return;
      const e = toApiError(caught);
      const rest = applyServerErrors(this.form, e);
      this.error.set(
        e.statusCode === 0
          ? 'errors.network'
          : rest.length || e.fields
            ? 'form.fixErrors'
            : 'errors.load',
      );
      if (e.fields) queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
    } finally {
      if (id === this.request) this.loading.set(false);
    }
  }

  protected clear(): void {
    this.form.reset();
    this.searchedRef.set(null);
    void this.search();
  }

  /** Narrow the log to one user or record from a row. */
  protected filterBy(request: AuditFilterRequest): void {
    this.form.controls[request.field].setValue(request.value);
    void this.search();
  }

  /** The query parameters of the printable extract for the searched reference and period. */
  protected extractParams(ref: { ref: string; from: string; to: string }): Record<string, string> {
    return {
      ref: ref.ref,
      ...(ref.from && { from: ref.from }),
      ...(ref.to && { to: ref.to }),
    };
  }

  protected userLabel(u: User): string {
    return u.disabled ? `${u.name} (${this.transloco.translate('auditLog.disabled')})` : u.name;
  }
}
