import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { GENDERS, can, type Programme } from '@stegvis/contracts';
import { AdminApi, type ProgrammeBody } from '../../core/api/admin.api';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { toApiError } from '../../core/http/api-error';
import { SvDatePipe } from '../../shared/date.pipe';
import {
  applyServerErrors,
  fieldMessage,
  focusFirstInvalid,
  type FieldMessage,
} from '../../shared/server-errors';
import { dayValidator, intValidator, programmeRulesValidator } from '../../shared/validators';
import { ProgrammeInstrumentsComponent } from './programme-instruments.component';

type FormMessage = { key: string } | { text: string };
type NumberField = string | number;

/** Server field paths → form controls (nested DTO paths are flat controls here). */
const ALIASES: Record<string, string> = {
  'targets.placements': 'placements',
  'targets.sessionsPerParticipant': 'sessionsPerParticipant',
  'targets.genderSplit.minPercent': 'splitMin',
  'targets.genderSplit.maxPercent': 'splitMax',
  'targets.genderSplit': 'splitMin',
  'targets.plannedParticipants.female': 'plannedFemale',
  'targets.plannedParticipants.male': 'plannedMale',
  'targets.plannedParticipants.other': 'plannedOther',
  'targets.plannedParticipants.undisclosed': 'plannedUndisclosed',
  'followUpCadence.initialWeeks': 'initialWeeks',
  'followUpCadence.initialIntervalDays': 'initialIntervalDays',
  'followUpCadence.laterIntervalDays': 'laterIntervalDays',
};

const PLANNED = {
  female: 'plannedFemale',
  male: 'plannedMale',
  other: 'plannedOther',
  undisclosed: 'plannedUndisclosed',
} as const;

function optionalInt(value: NumberField): number | null {
  return value === '' || value === null ? null : Number(value);
}

@Component({
  selector: 'sv-admin-programmes',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
    ProgrammeInstrumentsComponent,
  ],
  templateUrl: './admin-programmes.page.html',
  styleUrl: './admin.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminProgrammesPage {
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthService);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  protected readonly lang = inject(LanguageService).active;

  protected readonly genders = GENDERS;
  protected readonly planned = PLANNED;
  protected readonly canCreate = computed(() => can(this.auth.role(), 'programme.create'));
  protected readonly canUpdate = computed(() => can(this.auth.role(), 'programme.update'));
  protected readonly items = signal<Programme[]>([]);
  protected readonly loadFailed = signal(false);
  protected readonly editing = signal<Programme | 'new' | null>(null);
  protected readonly canReadInstruments = computed(() => can(this.auth.role(), 'instrument.read'));
  /** The programme whose instruments are shown. */
  protected readonly instrumentsFor = signal<Programme | null>(null);
  protected readonly saving = signal(false);
  protected readonly formError = signal<FormMessage | null>(null);
  protected readonly notice = signal<{ key: string; name: string } | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      name: ['', [Validators.required, Validators.maxLength(200)]],
      periodStart: ['', [Validators.required, dayValidator]],
      periodEnd: ['', [Validators.required, dayValidator]],
      intakeEnd: ['', dayValidator],
      plannedFemale: ['' as NumberField, intValidator(0, 100000)],
      plannedMale: ['' as NumberField, intValidator(0, 100000)],
      plannedOther: ['' as NumberField, intValidator(0, 100000)],
      plannedUndisclosed: ['' as NumberField, intValidator(0, 100000)],
      placements: ['' as NumberField, intValidator(0, 100000)],
      sessionsPerParticipant: ['' as NumberField, intValidator(0, 1000)],
      splitMin: ['' as NumberField, intValidator(0, 100)],
      splitMax: ['' as NumberField, intValidator(0, 100)],
      initialWeeks: [4 as NumberField, intValidator(0, 52, false)],
      initialIntervalDays: [7 as NumberField, intValidator(1, 90, false)],
      laterIntervalDays: [30 as NumberField, intValidator(1, 180, false)],
      suppressionThreshold: [5 as NumberField, intValidator(3, 100, false)],
    },
    { validators: programmeRulesValidator },
  );

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadFailed.set(false);
    try {
      this.items.set(await this.api.programmes());
    } catch {
      this.loadFailed.set(true);
    }
  }

  protected open(target: Programme | 'new'): void {
    const p = target === 'new' ? null : target;
    const planned = p?.targets.plannedParticipants ?? {};
    const n = (v: number | null | undefined): NumberField =>
      v === null || v === undefined ? '' : v;
    this.form.reset({
      name: p?.name ?? '',
      periodStart: p?.periodStart ?? '',
      periodEnd: p?.periodEnd ?? '',
      intakeEnd: p?.intakeEnd ?? '',
      plannedFemale: n(planned.female),
      plannedMale: n(planned.male),
      plannedOther: n(planned.other),
      plannedUndisclosed: n(planned.undisclosed),
      placements: n(p?.targets.placements),
      sessionsPerParticipant: n(p?.targets.sessionsPerParticipant),
      splitMin: n(p?.targets.genderSplit?.minPercent),
      splitMax: n(p?.targets.genderSplit?.maxPercent),
      initialWeeks: p?.followUpCadence.initialWeeks ?? 4,
      initialIntervalDays: p?.followUpCadence.initialIntervalDays ?? 7,
      laterIntervalDays: p?.followUpCadence.laterIntervalDays ?? 30,
      suppressionThreshold: p?.suppressionThreshold ?? 5,
    });
    this.formError.set(null);
    this.editing.set(target);
    queueMicrotask(() => this.formEl()?.nativeElement.querySelector('input')?.focus());
  }

  protected showInstruments(p: Programme): void {
    this.instrumentsFor.set(this.instrumentsFor()?.id === p.id ? null : p);
    if (this.instrumentsFor()) {
      queueMicrotask(() => document.getElementById('instruments-title')?.focus());
    }
  }

  protected body(): ProgrammeBody {
    const v = this.form.getRawValue();
    const plannedParticipants: Record<string, number> = {};
    for (const g of GENDERS) {
      const value = optionalInt(v[PLANNED[g]]);
      if (value !== null) plannedParticipants[g] = value;
    }
    const min = optionalInt(v.splitMin);
    const max = optionalInt(v.splitMax);
    return {
      name: v.name.trim(),
      periodStart: v.periodStart,
      periodEnd: v.periodEnd,
      intakeEnd: v.intakeEnd || null,
      targets: {
        plannedParticipants,
        placements: optionalInt(v.placements),
        sessionsPerParticipant: optionalInt(v.sessionsPerParticipant),
        genderSplit: min !== null && max !== null ? { minPercent: min, maxPercent: max } : null,
      },
      followUpCadence: {
        initialWeeks: Number(v.initialWeeks),
        initialIntervalDays: Number(v.initialIntervalDays),
        laterIntervalDays: Number(v.laterIntervalDays),
      },
      suppressionThreshold: Number(v.suppressionThreshold),
    };
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.formError.set({ key: 'form.fixErrors' });
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    const target = this.editing();
    this.saving.set(true);
    this.formError.set(null);
    try {
      const body = this.body();
      const saved =
        target === 'new' || !target
          ? await this.api.createProgramme(body)
          : await this.api.updateProgramme(target.id, body);
      this.notice.set({
        key: target === 'new' ? 'admin.programmes.created' : 'admin.programmes.updated',
        name: saved.name,
      });
      this.editing.set(null);
      await this.load();
    } catch (caught) {
      const e = toApiError(caught);
      const rest = applyServerErrors(this.form, e, ALIASES);
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
  protected fieldError(name: keyof typeof this.form.controls): FieldMessage {
    return fieldMessage(this.form.controls[name]);
  }

  protected messageKey(m: FormMessage): string | null {
    return 'key' in m ? m.key : null;
  }

  protected messageText(m: FormMessage): string {
    return 'text' in m ? m.text : '';
  }
}
