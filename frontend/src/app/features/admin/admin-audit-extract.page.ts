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
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  AUDIT_EXTRACT_LIMIT,
  normaliseParticipantRef,
  type AuditExtract,
  type AuditExtractQuery,
} from '@stegvis/contracts';
import { AdminApi } from '../../core/api/admin.api';
import { blobErrorToApiError, saveBlob } from '../../core/api/reports.api';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { SvDatePipe } from '../../shared/date.pipe';
import { applyServerErrors, focusFirstInvalid } from '../../shared/server-errors';
import { dayValidator } from '../../shared/validators';
import { auditRange } from './admin-audit.page';
import { AuditEntriesComponent } from './audit-entries.component';
import { participantRefValidator } from './audit-validators';

/**
 * The printable log extract for one participant and a period: every read, change and refusal
 * concerning the participation (sub-records included), oldest first, headed by who produced it
 * and when. "Skriv ut" prints it (print CSS hides the controls); the CSV holds the same rows.
 */
@Component({
  selector: 'sv-admin-audit-extract',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    SvDatePipe,
    AuditEntriesComponent,
  ],
  templateUrl: './admin-audit-extract.page.html',
  styleUrl: './admin.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminAuditExtractPage {
  private readonly api = inject(AdminApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly transloco = inject(TranslocoService);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  private request = 0;
  protected readonly lang = inject(LanguageService).active;
  protected readonly limit = AUDIT_EXTRACT_LIMIT;

  protected readonly extract = signal<AuditExtract | null>(null);
  /** The days the extract was asked for (the header shows these, not the instants). */
  protected readonly period = signal<{ from: string; to: string }>({ from: '', to: '' });
  protected readonly loading = signal(false);
  protected readonly downloading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly caption = computed(() =>
    this.transloco.translate('auditLog.extract.caption', {
      ref: this.extract()?.participantRef ?? '',
    }),
  );

  protected readonly form = inject(NonNullableFormBuilder).group({
    participantRef: ['', participantRefValidator],
    from: ['', dayValidator],
    to: ['', dayValidator],
  });

  constructor() {
    const query = this.route.snapshot.queryParamMap;
    this.form.patchValue({
      participantRef: query.get('ref') ?? '',
      from: query.get('from') ?? '',
      to: query.get('to') ?? '',
    });
    if (this.form.controls.participantRef.value) void this.load();
  }

  private query(): AuditExtractQuery | null {
    this.form.markAllAsTouched();
    const v = this.form.getRawValue();
    if (!v.participantRef.trim()) {
      this.form.controls.participantRef.setErrors({ required: true });
    }
    if (this.form.invalid) {
      this.error.set('form.fixErrors');
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return null;
    }
    return {
      participantRef: normaliseParticipantRef(v.participantRef) ?? v.participantRef,
      ...auditRange(v.from, v.to),
    };
  }

  protected async load(): Promise<void> {
    const query = this.query();
    if (!query) return;
    const v = this.form.getRawValue();
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { ref: query.participantRef, from: v.from || null, to: v.to || null },
      replaceUrl: true,
    });
    const id = ++this.request;
    this.loading.set(true);
    this.error.set(null);
    try {
      const extract = await this.api.auditExtract(query);
      if (id !== this.request) return;
      this.extract.set(extract);
      this.period.set({ from: v.from, to: v.to });
    } catch (caught) {
      if (id !== this.request) return;
      const e = toApiError(caught);
      applyServerErrors(this.form, e);
      this.extract.set(null);
      this.error.set(
        e.statusCode === 0 ? 'errors.network' : e.fields ? 'form.fixErrors' : 'errors.load',
      );
      if (e.fields) queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
    } finally {
      if (id === this.request) this.loading.set(false);
    }
  }

  protected print(): void {
    window.print();
  }

  protected async downloadCsv(): Promise<void> {
    const query = this.query();
    if (!query) return;
    this.downloading.set(true);
    this.error.set(null);
    try {
      const file = await this.api.auditExtractCsv(query, this.lang() === 'en' ? 'en' : 'sv');
      saveBlob(file.blob, file.filename);
    } catch (caught) {
      const e = await blobErrorToApiError(caught);
      this.error.set(e.statusCode === 0 ? 'errors.network' : 'auditLog.extract.downloadFailed');
    } finally {
      this.downloading.set(false);
    }
  }
}
