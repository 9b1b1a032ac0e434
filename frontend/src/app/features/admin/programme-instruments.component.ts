import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { can, type Instrument, type Programme } from '@stegvis/contracts';
import { AdminApi } from '../../core/api/admin.api';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import {
  applyServerErrors,
  fieldMessage,
  focusFirstInvalid,
  type FieldMessage,
} from '../../shared/server-errors';
import {
  MAX_INDICATORS,
  fillInstrumentForm,
  indicatorGroup,
  instrumentBody,
  instrumentForm,
  latestInstruments,
} from './instrument-form';

type FormMessage = { key: string } | { text: string };

/** The instrument form's own rules and their messages, checked in this order. */
const INSTRUMENT_RULES: Record<string, string> = {
  key: 'admin.instruments.validation.key',
  shippedKey: 'admin.instruments.validation.shippedKey',
  stagesMin: 'admin.instruments.validation.stagesMin',
  stagesMax: 'admin.instruments.validation.stagesMax',
};

/** A programme's step-progression instruments: the latest of each, and a form for a new version. */
@Component({
  selector: 'sv-programme-instruments',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
  ],
  templateUrl: './programme-instruments.component.html',
  styleUrl: './admin.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProgrammeInstrumentsComponent {
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('instrumentFormEl');
  protected readonly lang = inject(LanguageService).active;

  readonly programme = input.required<Programme>();

  protected readonly maxIndicators = MAX_INDICATORS;
  protected readonly canCreate = computed(() => can(this.auth.role(), 'instrument.create'));
  protected readonly items = signal<Instrument[]>([]);
  protected readonly latest = computed(() => latestInstruments(this.items()));
  protected readonly loading = signal(false);
  protected readonly loadFailed = signal(false);
  protected readonly editing = signal<Instrument | 'blank' | null>(null);
  protected readonly saving = signal(false);
  protected readonly formError = signal<FormMessage | null>(null);
  protected readonly notice = signal<{ name: string; version: number } | null>(null);

  protected readonly form = instrumentForm(this.fb);

  constructor() {
    effect(() => {
      const id = this.programme().id;
      untracked(() => {
        this.editing.set(null);
        this.notice.set(null);
        void this.load(id);
      });
    });
  }

  protected async load(id = this.programme().id): Promise<void> {
    this.loading.set(true);
    this.loadFailed.set(false);
    try {
      this.items.set(await this.api.instruments(id));
    } catch {
      this.loadFailed.set(true);
    } finally {
      this.loading.set(false);
    }
  }

  protected name(i: Instrument): string {
    return this.lang() === 'en' ? i.nameEn : i.nameSv;
  }

  protected indicatorLabels(i: Instrument): string {
    return i.indicators.map((x) => (this.lang() === 'en' ? x.labelEn : x.labelSv)).join(', ');
  }

  /** Starts a new version from `base` (shipped or the programme's own), or from scratch. */
  protected open(base: Instrument | 'blank'): void {
    const shipped = this.items()
      .filter((i) => i.programmeId === null)
      .map((i) => i.key);
    fillInstrumentForm(this.form, this.fb, base === 'blank' ? null : base, shipped);
    this.formError.set(null);
    this.notice.set(null);
    this.editing.set(base);
    queueMicrotask(() => this.formEl()?.nativeElement.querySelector('input')?.focus());
  }

  protected addIndicator(): void {
    const array = this.form.controls.indicators;
    if (array.length >= MAX_INDICATORS) return;
    array.push(indicatorGroup(this.fb));
    const index = array.length - 1;
    queueMicrotask(() =>
      this.formEl()
        ?.nativeElement.querySelector<HTMLInputElement>(`[data-testid="indicator-${index}-key"]`)
        ?.focus(),
    );
  }

  protected removeIndicator(index: number): void {
    const array = this.form.controls.indicators;
    if (array.length <= 1) return;
    array.removeAt(index);
    queueMicrotask(() =>
      this.formEl()
        ?.nativeElement.querySelector<HTMLInputElement>(
          `[data-testid="indicator-${Math.min(index, array.length - 1)}-key"]`,
        )
        ?.focus(),
    );
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.formError.set({ key: 'form.fixErrors' });
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    this.saving.set(true);
    this.formError.set(null);
    try {
      const saved = await this.api.createInstrument(
        instrumentBody(this.programme().id, this.form.getRawValue()),
      );
      this.notice.set({ name: this.name(saved), version: saved.version });
      this.editing.set(null);
      await this.load();
    } catch (caught) {
      const e = toApiError(caught);
      const rest = applyServerErrors(this.form, e);
      this.formError.set(
        e.statusCode === 0
          ? { key: 'errors.network' }
          : rest.length
            ? { text: rest.join(' ') }
            : e.fields
              ? { key: 'form.fixErrors' }
              : e.message
                ? { text: e.message }
                : { key: 'errors.save' },
      );
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
    } finally {
      this.saving.set(false);
    }
  }

  /** The message under a field: the server's text, or the key of the client rule that failed. */
  protected fieldError(path: string): FieldMessage {
    return fieldMessage(this.form.get(path), INSTRUMENT_RULES);
  }

  protected messageKey(m: FormMessage): string | null {
    return 'key' in m ? m.key : null;
  }

  protected messageText(m: FormMessage): string {
    return 'text' in m ? m.text : '';
  }
}
