import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { can, type ExportFormat } from '@stegvis/contracts';
import type { Subscription } from 'rxjs';
import { ReportsApi, blobErrorToApiError, saveBlob } from '../../core/api/reports.api';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { LeadStore } from './lead.store';

type Job = `${'report' | 'export'}-${ExportFormat}`;

type Message =
  | { kind: 'done'; filename: string }
  | { kind: 'rateLimited'; text: string }
  | { kind: 'error'; key: string; text: string };

/**
 * Report files and the anonymised row-level export. Downloads go through HttpClient so the UI can
 * show progress (files are streamed) and read a 429 (10 files per 10 minutes) as a message.
 */
@Component({
  selector: 'sv-downloads',
  imports: [FormsModule, MatButtonModule, MatCheckboxModule, MatProgressBarModule, TranslocoPipe],
  templateUrl: './downloads.component.html',
  styles: `
    .sv-downloads__group {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      margin: 8px 0;
    }
    .sv-downloads__group h3 {
      flex-basis: 100%;
      margin: 8px 0 0;
      font: var(--mat-sys-title-small);
    }
    .sv-downloads__progress {
      margin: 8px 0;
      max-width: 480px;
    }
    .sv-downloads p {
      margin: 4px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DownloadsComponent {
  private readonly api = inject(ReportsApi);
  private readonly store = inject(LeadStore);
  private readonly language = inject(LanguageService);
  private readonly auth = inject(AuthService);
  private subscription: Subscription | null = null;

  protected readonly semicolon = signal(true);
  protected readonly job = signal<Job | null>(null);
  protected readonly loaded = signal(0);
  protected readonly total = signal<number | null>(null);
  protected readonly message = signal<Message | null>(null);
  protected readonly canExport = computed(() => can(this.auth.role(), 'report.export'));
  protected readonly percent = computed(() => {
    const total = this.total();
    return total ? Math.round((this.loaded() / total) * 100) : null;
  });
  protected readonly kilobytes = computed(() =>
    new Intl.NumberFormat(this.language.active() === 'sv' ? 'sv-SE' : 'en-GB', {
      maximumFractionDigits: 0,
    }).format(this.loaded() / 1024),
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  protected download(kind: 'report' | 'export', format: ExportFormat): void {
    const programmeId = this.store.programmeId();
    if (!programmeId || this.job()) return;
    const { from, to } = this.store.period();
    this.job.set(`${kind}-${format}`);
    this.loaded.set(0);
    this.total.set(null);
    this.message.set(null);
    this.subscription = this.api
      .download({
        kind,
        programmeId,
        format,
        from,
        to,
        delimiter: this.semicolon() ? 'semicolon' : 'comma',
        lang: this.language.active(),
      })
      .subscribe({
        next: (event) => {
          if (event.type === 'progress') {
            this.loaded.set(event.loaded);
            this.total.set(event.total);
          } else {
            saveBlob(event.blob, event.filename);
            this.message.set({ kind: 'done', filename: event.filename });
            this.job.set(null);
          }
        },
        error: (caught: unknown) => {
          void blobErrorToApiError(caught).then((e) => {
            this.job.set(null);
            if (e.statusCode === 429) {
              this.message.set({ kind: 'rateLimited', text: e.message });
            } else {
              this.message.set({
                kind: 'error',
                key: e.statusCode === 0 ? 'errors.network' : 'downloads.failed',
                text: e.message,
              });
            }
          });
        },
      });
  }

  protected cancel(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.job.set(null);
  }

  protected print(): void {
    window.print();
  }
}
