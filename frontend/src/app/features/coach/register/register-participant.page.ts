import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  GENDERS,
  type CreateParticipantRequest,
  type Gender,
  type Programme,
} from '@stegvis/contracts';
import { validatePersonnummer } from '@stegvis/domain';
import { CaseRecordsApi } from '../../../core/api/case-records.api';
import { toApiError } from '../../../core/http/api-error';
import { todayIso } from '../../../shared/dates';
import { applyServerErrors, focusFirstInvalid } from '../../../shared/server-errors';
import { SnapshotFieldsComponent } from '../snapshot/snapshot-fields.component';
import { isEmptySnapshot, snapshotForm, snapshotOf } from '../snapshot/snapshot-form';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function personnummerValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value?.trim();
  if (!value) return null;
  const result = validatePersonnummer(value);
  return result.valid ? null : { personnummer: result.reason };
}

@Component({
  selector: 'sv-register-participant',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SnapshotFieldsComponent,
  ],
  templateUrl: './register-participant.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegisterParticipantPage {
  private readonly api = inject(CaseRecordsApi);
  private readonly router = inject(Router);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');

  protected readonly genders = GENDERS;
  protected readonly programmes = signal<Programme[]>([]);
  protected readonly saving = signal(false);
  protected readonly error = signal<{ key: string } | { text: string } | null>(null);
  protected readonly thisYear = new Date().getFullYear();

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    programmeId: ['', Validators.required],
    consentGiven: [false],
    consentDate: [todayIso(), Validators.pattern(DATE)],
    formVersion: ['', Validators.maxLength(50)],
    protectedIdentity: [false],
    firstName: ['', Validators.maxLength(100)],
    lastName: ['', Validators.maxLength(100)],
    gender: ['' as Gender | '', Validators.required],
    birthYear: ['', [Validators.min(1900), Validators.max(2100), Validators.pattern(/^\d{4}$/)]],
    personnummer: ['', personnummerValidator],
    municipality: ['', Validators.maxLength(100)],
    enrolledAt: [todayIso(), [Validators.required, Validators.pattern(DATE)]],
    // The situation at start (optional): the funder's before/after tables compare it with the exit.
    startSnapshot: snapshotForm(this.fb, null),
  });

  protected readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.value });
  /** Names and case data are kept only with consent and without a protected identity. */
  protected readonly full = () => {
    const v = this.values();
    return v.consentGiven === true && v.protectedIdentity !== true;
  };

  constructor() {
    void this.loadProgrammes();
  }

  private async loadProgrammes(): Promise<void> {
    try {
      const list = await this.api.programmes();
      this.programmes.set(list);
      if (list.length === 1) this.form.controls.programmeId.setValue(list[0].id);
    } catch {
      this.error.set({ key: 'errors.load' });
    }
  }

  /** Identity fields are required only for a full record (mirrors the server's rule). */
  private checkIdentity(): void {
    const c = this.form.controls;
    const need = this.full();
    const required = (ctrl: AbstractControl, missing: boolean) => {
      const errors: ValidationErrors = { ...(ctrl.errors ?? {}) };
      delete errors['required'];
      if (missing) errors['required'] = true;
      ctrl.setErrors(Object.keys(errors).length ? errors : null);
    };
    required(c.firstName, need && !c.firstName.value.trim());
    required(c.lastName, need && !c.lastName.value.trim());
    required(c.birthYear, need && !c.birthYear.value && !c.personnummer.value.trim());
    const by = Number(c.birthYear.value);
    const enrolledYear = Number(c.enrolledAt.value.slice(0, 4));
    if (need && c.birthYear.value && by > enrolledYear) {
      c.birthYear.setErrors({ ...(c.birthYear.errors ?? {}), afterStart: true });
    }
  }

  protected async submit(): Promise<void> {
    if (this.saving()) return;
    this.form.updateValueAndValidity();
    this.checkIdentity();
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.error.set({ key: 'form.fixErrors' });
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    const v = this.form.getRawValue();
    const full = this.full();
    const body: CreateParticipantRequest = {
      programmeId: v.programmeId,
      gender: v.gender as Gender,
      enrolledAt: v.enrolledAt,
      consent: v.consentGiven
        ? { given: true, date: v.consentDate || null, formVersion: v.formVersion.trim() || null }
        : { given: false },
      protectedIdentity: v.protectedIdentity,
    };
    if (full) {
      body.firstName = v.firstName.trim();
      body.lastName = v.lastName.trim();
      if (v.birthYear) body.birthYear = Number(v.birthYear);
      if (v.personnummer.trim()) body.personnummer = v.personnummer.trim();
      if (v.municipality.trim()) body.municipality = v.municipality.trim();
      const snapshot = snapshotOf(this.form.controls.startSnapshot);
      if (!isEmptySnapshot(snapshot)) body.startSnapshot = snapshot;
    }
    this.error.set(null);
    this.saving.set(true);
    try {
      const created = await this.api.createParticipant(body);
      await this.router.navigate(['/coach/participants', created.id]);
    } catch (caught) {
      const e = toApiError(caught);
      const rest = applyServerErrors(this.form, e, {
        'consent.date': 'consentDate',
        'consent.formVersion': 'formVersion',
        'consent.given': 'consentGiven',
      });
      this.error.set(
        e.statusCode === 0
          ? { key: 'errors.network' }
          : rest.length
            ? { text: rest.join(' ') }
            : e.fields
              ? { key: 'form.fixErrors' }
              : { text: e.message || '' },
      );
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
    } finally {
      this.saving.set(false);
    }
  }

  protected errorKey(e: { key: string } | { text: string }): string | null {
    return 'key' in e ? e.key : null;
  }
  protected errorText(e: { key: string } | { text: string }): string {
    return 'text' in e ? e.text : '';
  }
}
