import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormArray, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  GENDERS,
  can,
  type CreateProgrammeRequest,
  type Gender,
  MAX_TARGETS,
  type Programme,
  type ProgrammeTarget,
  type ProgrammeTargetInput,
  TARGET_KIND_RULES,
  TARGET_KINDS,
} from '@stegvis/contracts';
import { AdminApi } from '../../core/api/admin.api';
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
import {
  figureValidator,
  type NumberField,
  optionalNumber,
  type TargetGroup,
  type TargetMode,
  targetRulesValidator,
} from './target-form';

type FormMessage = { key: string } | { text: string };

/** Server field paths → form controls (nested DTO paths are flat controls here). */
const ALIASES: Record<string, string> = {
  'followUpCadence.initialWeeks': 'initialWeeks',
  'followUpCadence.initialIntervalDays': 'initialIntervalDays',
  'followUpCadence.laterIntervalDays': 'laterIntervalDays',
};

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

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly genders = GENDERS;
  protected readonly kinds = TARGET_KINDS;
  protected readonly kindRules = TARGET_KIND_RULES;
  protected readonly maxTargets = MAX_TARGETS;
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
      targets: new FormArray<TargetGroup>([]),
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
    this.form.controls.targets.clear();
    for (const t of p?.targets ?? []) this.form.controls.targets.push(this.targetGroup(t));
    this.form.reset({
      name: p?.name ?? '',
      periodStart: p?.periodStart ?? '',
      periodEnd: p?.periodEnd ?? '',
      intakeEnd: p?.intakeEnd ?? '',
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

  protected get targets(): FormArray<TargetGroup> {
    return this.form.controls.targets;
  }

  private targetGroup(t?: ProgrammeTarget): TargetGroup {
    const n = (v: number | null | undefined): NumberField =>
      v === null || v === undefined ? '' : v;
    const kind = t?.kind ?? 'participants';
    return this.fb.group(
      {
        kind: [kind],
        gender: [(t?.gender ?? '') as Gender | ''],
        unit: [t?.unit ?? TARGET_KIND_RULES[kind].units[0]],
        mode: [(t && t.value === null ? 'range' : 'value') as TargetMode],
        value: [n(t?.value), figureValidator],
        min: [n(t?.min), figureValidator],
        max: [n(t?.max), figureValidator],
        label: [t?.label ?? '', Validators.maxLength(200)],
        note: [t?.note ?? '', Validators.maxLength(1000)],
      },
      { validators: targetRulesValidator },
    );
  }

  protected addTarget(): void {
    this.targets.push(this.targetGroup());
    queueMicrotask(() => {
      const kinds = this.formEl()?.nativeElement.querySelectorAll<HTMLElement>('.sv-target__kind');
      kinds?.[kinds.length - 1]?.focus();
    });
  }

  protected removeTarget(index: number): void {
    this.targets.removeAt(index);
    // Focus stays in the list: on the next target's kind, else on "add a target".
    queueMicrotask(() => {
      const kinds = this.formEl()?.nativeElement.querySelectorAll<HTMLElement>('.sv-target__kind');
      (
        kinds?.[Math.min(index, kinds.length - 1)] ?? document.getElementById('target-add')
      )?.focus();
    });
  }

  /** A new kind keeps only what it allows: its units, a gender only where it has one. */
  protected kindChanged(group: TargetGroup): void {
    const rule = TARGET_KIND_RULES[group.controls.kind.value];
    if (!rule.perGender) group.controls.gender.setValue('');
    if (!rule.units.includes(group.controls.unit.value))
      group.controls.unit.setValue(rule.units[0]);
    this.refigure(group);
  }

  /** The unit decides the bounds of the figures: check them again. */
  protected refigure(group: TargetGroup): void {
    for (const name of ['value', 'min', 'max'] as const) {
      group.controls[name].updateValueAndValidity({ emitEvent: false });
    }
    group.updateValueAndValidity();
  }

  private targetBody(group: TargetGroup): ProgrammeTargetInput {
    const v = group.getRawValue();
    const range = v.mode === 'range';
    return {
      kind: v.kind,
      gender: TARGET_KIND_RULES[v.kind].perGender && v.gender ? v.gender : null,
      unit: v.unit,
      value: range ? null : optionalNumber(v.value),
      min: range ? optionalNumber(v.min) : null,
      max: range ? optionalNumber(v.max) : null,
      label: v.label.trim() || null,
      note: v.note.trim() || null,
    };
  }

  /** A figure's message: the server's text, else the client rule (by the target's unit). */
  protected figureError(group: TargetGroup, name: 'value' | 'min' | 'max'): FieldMessage {
    return fieldMessage(group.controls[name], { decimals: 'admin.targets.oneDecimal' });
  }

  /** The server's message on a target's select or text field, if any. */
  protected serverError(
    group: TargetGroup,
    name: 'kind' | 'gender' | 'unit' | 'label' | 'note',
  ): string {
    return String(group.controls[name].getError('server') ?? '');
  }

  protected body(): CreateProgrammeRequest {
    const v = this.form.getRawValue();
    return {
      name: v.name.trim(),
      periodStart: v.periodStart,
      periodEnd: v.periodEnd,
      intakeEnd: v.intakeEnd || null,
      targets: this.form.controls.targets.controls.map((g) => this.targetBody(g)),
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
      const aliases: Record<string, string> = { ...ALIASES };
      this.targets.controls.forEach((g, i) => {
        if (g.controls.mode.value === 'range') aliases[`targets.${i}.value`] = `targets.${i}.min`;
      });
      const rest = applyServerErrors(this.form, e, aliases);
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
