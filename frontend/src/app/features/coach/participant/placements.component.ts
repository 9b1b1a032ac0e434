import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  PLACEMENT_KINDS,
  type Enterprise,
  type Participant,
  type Placement,
  type PlacementKind,
} from '@stegvis/contracts';
import { CaseRecordsApi } from '../../../core/api/case-records.api';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { SvDatePipe } from '../../../shared/date.pipe';
import { todayIso } from '../../../shared/dates';
import { applyServerErrors, focusFirstInvalid } from '../../../shared/server-errors';
import { FollowUpFormComponent } from '../../follow-ups/follow-up-form.component';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@Component({
  selector: 'sv-placements',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
    FollowUpFormComponent,
  ],
  templateUrl: './placements.component.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlacementsComponent {
  private readonly api = inject(CaseRecordsApi);
  protected readonly auth = inject(AuthService);
  protected readonly lang = inject(LanguageService).active;
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');

  readonly participant = input.required<Participant>();
  readonly changed = output<void>();

  protected readonly kinds = PLACEMENT_KINDS;
  protected readonly placements = signal<Placement[]>([]);
  protected readonly enterprises = signal<Enterprise[]>([]);
  protected readonly showForm = signal(false);
  protected readonly followUpFor = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly message = signal<{ key: string; ok: boolean } | null>(null);
  protected readonly serverText = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    enterpriseId: ['', Validators.required],
    kind: ['work_training' as PlacementKind, Validators.required],
    startDate: [todayIso(), [Validators.required, Validators.pattern(DATE)]],
    plannedEndDate: ['', Validators.pattern(DATE)],
    hoursPerWeek: [
      '',
      [Validators.min(0), Validators.max(80), Validators.pattern(/^\d+([.,]\d)?$/)],
    ],
  });

  constructor() {
    effect(() => {
      const id = this.participant().id;
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    try {
      const [placements, enterprises] = await Promise.all([
        this.api.listPlacements(id),
        this.enterprises().length ? Promise.resolve(this.enterprises()) : this.api.enterprises(),
      ]);
      this.placements.set(placements.items);
      this.enterprises.set(enterprises);
    } catch {
      this.message.set({ key: 'errors.load', ok: false });
    }
  }

  protected enterpriseName(id: string): string {
    return this.enterprises().find((e) => e.id === id)?.name ?? '';
  }

  protected async submit(): Promise<void> {
    if (this.saving()) return;
    this.form.markAllAsTouched();
    const v = this.form.getRawValue();
    if (v.plannedEndDate && v.plannedEndDate < v.startDate) {
      this.form.controls.plannedEndDate.setErrors({ beforeStart: true });
    }
    if (this.form.invalid) {
      this.message.set({ key: 'form.fixErrors', ok: false });
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    this.saving.set(true);
    this.message.set(null);
    this.serverText.set(null);
    try {
      await this.api.createPlacement({
        participantId: this.participant().id,
        enterpriseId: v.enterpriseId,
        kind: v.kind,
        startDate: v.startDate,
        plannedEndDate: v.plannedEndDate || null,
        hoursPerWeek: v.hoursPerWeek ? Number(v.hoursPerWeek.replace(',', '.')) : null,
      });
      this.message.set({ key: 'placement.saved', ok: true });
      this.showForm.set(false);
      this.form.reset();
      await this.load(this.participant().id);
      this.changed.emit();
    } catch (caught) {
      const e = toApiError(caught);
      const rest = applyServerErrors(this.form, e);
      this.serverText.set(rest.join(' ') || (e.fields ? null : e.message || null));
      this.message.set({
        key: e.statusCode === 0 ? 'errors.network' : e.fields ? 'form.fixErrors' : 'errors.save',
        ok: false,
      });
    } finally {
      this.saving.set(false);
    }
  }

  protected async followUpSaved(): Promise<void> {
    this.followUpFor.set(null);
    await this.load(this.participant().id);
    this.changed.emit();
  }
}
