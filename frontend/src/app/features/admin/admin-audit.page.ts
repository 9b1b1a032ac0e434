import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { AUDIT_ACTIONS, PERMISSIONS, type AuditAction, type AuditEntry } from '@stegvis/contracts';
import { AdminApi, type AuditQuery } from '../../core/api/admin.api';
import { LanguageService } from '../../core/i18n/language.service';
import { toApiError } from '../../core/http/api-error';
import { SvDatePipe } from '../../shared/date.pipe';
import { applyServerErrors, focusFirstInvalid } from '../../shared/server-errors';
import { dayValidator, uuidValidator } from '../../shared/validators';

const PAGE_SIZE = 50;

/** The audit log's entity names: the server writes the prefix of the permission a route needs. */
export const AUDIT_ENTITIES = [
  ...new Set(PERMISSIONS.map((p) => p.slice(0, p.indexOf('.'))).filter((p) => p !== 'me')),
];

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
 * Loggkontroll: who read or changed what, newest first, with cursor paging. Shows ids only — an
 * admin has no case data, so a participant is looked up by id ("who viewed this participant?").
 */
@Component({
  selector: 'sv-admin-audit',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    SvDatePipe,
  ],
  templateUrl: './admin-audit.page.html',
  styleUrl: './admin.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminAuditPage {
  private readonly api = inject(AdminApi);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  private request = 0;
  protected readonly lang = inject(LanguageService).active;

  protected readonly actions = AUDIT_ACTIONS;
  protected readonly entities = AUDIT_ENTITIES;
  protected readonly items = signal<AuditEntry[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly searched = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    entityId: ['', uuidValidator],
    userId: ['', uuidValidator],
    action: ['' as AuditAction | ''],
    entity: [''],
    from: ['', dayValidator],
    to: ['', dayValidator],
  });

  constructor() {
    void this.search();
  }

  protected async search(cursor: string | null = null): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.error.set('form.fixErrors');
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    const v = this.form.getRawValue();
    const query: AuditQuery = {
      entityId: v.entityId.trim(),
      userId: v.userId.trim(),
      action: v.action,
      entity: v.entity,
      ...auditRange(v.from, v.to),
      limit: PAGE_SIZE,
      cursor,
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
    } finally {
      if (id === this.request) this.loading.set(false);
    }
  }

  protected clear(): void {
    this.form.reset();
    void this.search();
  }

  /** Narrow the log to one user or record from a row. */
  protected filterBy(field: 'userId' | 'entityId', value: string | null): void {
    if (!value) return;
    this.form.controls[field].setValue(value);
    void this.search();
  }
}
