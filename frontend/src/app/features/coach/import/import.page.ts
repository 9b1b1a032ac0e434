import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  CODE_LABELS,
  IMPORT_COLUMNS,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ApiError,
  type ImportError,
  type ImportFormat,
  type ImportMode,
  type ImportPreview,
  type ImportPreviewRow,
  type ImportResult,
  type Programme,
} from '@stegvis/contracts';
import { codeFromLabel, maskPersonnummer } from '@stegvis/domain';
import type { Observable } from 'rxjs';
import { CaseRecordsApi } from '../../../core/api/case-records.api';
import {
  ParticipantImportApi,
  importFormatOfFile,
  templateUrl,
  type UploadEvent,
} from '../../../core/api/participant-import.api';
import { toApiError } from '../../../core/http/api-error';
import { LanguageService } from '../../../core/i18n/language.service';

type Phase = 'idle' | 'uploading' | 'reading' | 'saving-upload' | 'saving';
type Problem = { key: string; params?: Record<string, unknown> } | { text: string };

/** Rows shown at once; the rest behind "show more" (a 5 000-row table stays responsive). */
const PAGE = 200;

@Component({
  selector: 'sv-import',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatRadioModule,
    TranslocoPipe,
  ],
  templateUrl: './import.page.html',
  styleUrl: './import.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportPage {
  private readonly api = inject(ParticipantImportApi);
  private readonly records = inject(CaseRecordsApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly lang = inject(LanguageService).active;

  protected readonly columns = IMPORT_COLUMNS;
  protected readonly maxRows = computed(() =>
    IMPORT_MAX_ROWS.toLocaleString(this.lang() === 'sv' ? 'sv-SE' : 'en-GB'),
  );
  protected readonly templateUrl = templateUrl;
  protected readonly programmes = signal<Programme[]>([]);
  protected readonly programmeId = signal('');
  protected readonly file = signal<File | null>(null);
  protected readonly phase = signal<Phase>('idle');
  /** Upload progress 0–100, or null while the size is unknown. */
  protected readonly progress = signal<number | null>(null);
  protected readonly preview = signal<ImportPreview | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly mode = signal<ImportMode>('valid');
  protected readonly showValid = signal(false);
  protected readonly shown = signal(PAGE);
  protected readonly result = signal<ImportResult | null>(null);

  protected readonly busy = computed(() => this.phase() !== 'idle');
  protected readonly visibleRows = computed(() => {
    const rows = this.preview()?.rows ?? [];
    return this.showValid() ? rows : rows.filter((r) => r.errors.length > 0);
  });
  protected readonly pageRows = computed(() => this.visibleRows().slice(0, this.shown()));

  constructor() {
    void this.loadProgrammes();
  }

  private async loadProgrammes(): Promise<void> {
    try {
      const list = await this.records.programmes();
      this.programmes.set(list);
      if (list.length === 1) this.programmeId.set(list[0].id);
    } catch {
      this.problem.set({ key: 'errors.load' });
    }
  }

  protected onProgramme(event: Event): void {
    this.programmeId.set((event.target as HTMLSelectElement).value);
    this.reset();
  }

  protected onFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.[0] ?? null);
    // Choosing the same file again (fixed in Excel) must count as a new choice.
    input.value = '';
    this.reset();
  }

  private reset(): void {
    this.preview.set(null);
    this.result.set(null);
    this.problem.set(null);
    this.shown.set(PAGE);
  }

  /** The chosen file and its format, or a problem shown at once (nothing is sent). */
  private checked(): { file: File; format: ImportFormat } | null {
    const file = this.file();
    if (!this.programmeId()) {
      this.problem.set({ key: 'import.chooseProgramme' });
      return null;
    }
    if (!file) {
      this.problem.set({ key: 'import.chooseFile' });
      return null;
    }
    const format = importFormatOfFile(file);
    if (!format) {
      this.problem.set({ key: 'import.wrongType' });
      return null;
    }
    if (file.size > IMPORT_MAX_BYTES) {
      this.problem.set({
        key: 'import.fileTooBig',
        params: { mb: IMPORT_MAX_BYTES / 1024 / 1024 },
      });
      return null;
    }
    return { file, format };
  }

  protected async check(): Promise<void> {
    const chosen = this.checked();
    if (!chosen || this.busy()) return;
    this.reset();
    const body = await this.run(
      this.api.preview(this.programmeId(), chosen.file, chosen.format),
      'uploading',
      'reading',
    );
    if (body) {
      this.preview.set(body);
      this.showValid.set(body.counts.withErrors === 0);
      this.mode.set(body.counts.withErrors === 0 ? 'all' : 'valid');
    }
  }

  protected async save(): Promise<void> {
    const chosen = this.checked();
    if (!chosen || this.busy() || !this.preview()) return;
    this.problem.set(null);
    const body = await this.run(
      this.api.save(this.programmeId(), chosen.file, chosen.format, this.mode()),
      'saving-upload',
      'saving',
    );
    if (body) {
      this.result.set(body);
      this.preview.set(null);
    }
  }

  /** Runs an upload: progress while the file goes up, a spinner while the server works. */
  private run<T>(
    upload: Observable<UploadEvent<T>>,
    sending: Phase,
    waiting: Phase,
  ): Promise<T | null> {
    this.phase.set(sending);
    this.progress.set(0);
    return new Promise((resolve) => {
      upload.subscribe({
        next: (event) => {
          if (event.type === 'progress') {
            this.progress.set(event.total ? Math.round((100 * event.loaded) / event.total) : null);
            if (event.total && event.loaded >= event.total) this.phase.set(waiting);
          } else {
            this.phase.set('idle');
            resolve(event.body);
          }
        },
        error: (caught: unknown) => {
          this.phase.set('idle');
          this.showError(toApiError(caught));
          resolve(null);
        },
      });
    });
  }

  private showError(e: ApiError & { preview?: ImportPreview; missingColumns?: string[] }): void {
    if (e.preview) {
      // mode=all refused: nothing was saved; the rows and their errors as the server found them.
      this.preview.set(e.preview);
      this.showValid.set(false);
    }
    const sv = this.lang() === 'sv' && e.message;
    if (e.statusCode === 0) this.problem.set({ key: 'errors.network' });
    else if (sv) this.problem.set({ text: e.message });
    else if (e.preview)
      this.problem.set({
        key: 'import.nothingSaved',
        params: { count: e.preview.counts.withErrors },
      });
    else if (e.missingColumns)
      this.problem.set({
        key: 'import.missingColumns',
        params: { columns: e.missingColumns.map((k) => this.header(k)).join(', ') },
      });
    else if (e.statusCode === 413)
      this.problem.set({ key: 'import.tooLarge', params: { max: this.maxRows() } });
    else if (e.statusCode === 415) this.problem.set({ key: 'import.wrongType' });
    else if (e.statusCode === 400) this.problem.set({ key: 'import.unreadable' });
    else if (e.statusCode === 404) this.problem.set({ key: 'import.noProgramme' });
    else this.problem.set(e.message ? { text: e.message } : { key: 'errors.unknown' });
  }

  protected header(key: string): string {
    const column = IMPORT_COLUMNS.find((c) => c.key === key);
    return column ? column.header[this.lang()] : key;
  }

  /** A row's error: the server's Swedish words, or the translation of its code. */
  protected errorText(error: ImportError): string {
    if (this.lang() === 'sv') return error.message;
    const key = `import.error.${error.code}`;
    const text = this.transloco.translate(key, {
      column: this.header(error.field),
      ...error.params,
    });
    return text === key ? error.message : text;
  }

  protected name(row: ImportPreviewRow): string {
    return [row.cells.firstName, row.cells.lastName].filter(Boolean).join(' ');
  }

  protected masked(row: ImportPreviewRow): string {
    return row.cells.personnummer ? maskPersonnummer(row.cells.personnummer) : '';
  }

  /** The gender cell as the UI names it, when it reads as a code; else as typed. */
  protected gender(row: ImportPreviewRow): string {
    const text = row.cells.gender ?? '';
    const code = text ? codeFromLabel('gender', text) : undefined;
    return code
      ? ((CODE_LABELS[this.lang()].gender as Record<string, string>)[code] ?? text)
      : text;
  }

  protected problemKey(p: Problem): string | null {
    return 'key' in p ? p.key : null;
  }
  protected problemParams(p: Problem): Record<string, unknown> {
    return 'key' in p ? (p.params ?? {}) : {};
  }
  protected problemText(p: Problem): string {
    return 'text' in p ? p.text : '';
  }

  protected showMore(): void {
    this.shown.update((n) => n + PAGE);
  }

  protected another(): void {
    this.file.set(null);
    this.reset();
  }
}
