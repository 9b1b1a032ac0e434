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
import { NgTemplateOutlet } from '@angular/common';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  PLACEMENT_KINDS,
  isFullPlacement,
  type Enterprise,
  type EnterpriseSupervisor,
  type FollowUp,
  type FollowUpScheduleItem,
  type Participant,
  type Placement,
  type PlacementAction,
  type PlacementKind,
} from '@stegvis/contracts';
import { CaseRecordsApi } from '../../../core/api/case-records.api';
import { PlacementsApi } from '../../../core/api/placements.api';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { SvDatePipe } from '../../../shared/date.pipe';
import { todayIso } from '../../../shared/dates';
import { applyServerErrors, focusFirstInvalid } from '../../../shared/server-errors';
import { FollowUpFormComponent } from '../../follow-ups/follow-up-form.component';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HOURS = [Validators.min(0), Validators.max(80), Validators.pattern(/^\d+([.,]\d)?$/)];

/** The status transitions the coach can make from each status. */
export function actionsFor(status: Placement['status']): PlacementAction[] {
  switch (status) {
    case 'planned':
      return ['start', 'abort'];
    case 'active':
      return ['pause', 'end'];
    case 'paused':
      return ['resume', 'end'];
    case 'ended':
    case 'aborted':
      return [];
  }
}

function hoursOf(text: string): number | null {
  return text ? Number(text.replace(',', '.')) : null;
}

interface Details {
  followUps: FollowUp[];
  schedule: FollowUpScheduleItem[];
}

@Component({
  selector: 'sv-placements',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
    FollowUpFormComponent,
  ],
  templateUrl: './placements.component.html',
  styleUrl: './placements.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlacementsComponent {
  private readonly api = inject(CaseRecordsApi);
  private readonly placementsApi = inject(PlacementsApi);
  protected readonly auth = inject(AuthService);
  protected readonly lang = inject(LanguageService).active;
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  private readonly editEl = viewChild<ElementRef<HTMLFormElement>>('editEl');
  private readonly actionEl = viewChild<ElementRef<HTMLFormElement>>('actionEl');
  private readonly fb = inject(NonNullableFormBuilder);

  readonly participant = input.required<Participant>();
  readonly changed = output<void>();

  protected readonly kinds = PLACEMENT_KINDS;
  protected readonly actionsFor = actionsFor;
  protected readonly today = todayIso();
  protected readonly placements = signal<Placement[]>([]);
  protected readonly enterprises = signal<Enterprise[]>([]);
  /** Enterprise id → its active supervisors (loaded once per enterprise). */
  protected readonly supervisors = signal<Record<string, EnterpriseSupervisor[]>>({});
  protected readonly showForm = signal(false);
  protected readonly followUpFor = signal<string | null>(null);
  protected readonly editing = signal<string | null>(null);
  protected readonly acting = signal<{ id: string; action: PlacementAction } | null>(null);
  protected readonly details = signal<Record<string, Details | 'loading' | 'error'>>({});
  protected readonly saving = signal(false);
  protected readonly message = signal<{ key: string; ok: boolean } | null>(null);
  protected readonly serverText = signal<string | null>(null);

  protected readonly form = this.fb.group({
    enterpriseId: ['', Validators.required],
    kind: ['work_training' as PlacementKind, Validators.required],
    startDate: [todayIso(), [Validators.required, Validators.pattern(DATE)]],
    plannedEndDate: ['', Validators.pattern(DATE)],
    hoursPerWeek: ['', HOURS],
    supervisorIds: [[] as string[]],
  });

  protected readonly editForm = this.fb.group({
    plannedEndDate: ['', Validators.pattern(DATE)],
    hoursPerWeek: ['', HOURS],
    supervisorIds: [[] as string[]],
  });

  protected readonly actionForm = this.fb.group({
    date: [todayIso(), [Validators.required, Validators.pattern(DATE)]],
    reason: ['', Validators.maxLength(500)],
  });

  constructor() {
    effect(() => {
      const id = this.participant().id;
      untracked(() => void this.load(id));
    });
    this.form.controls.enterpriseId.valueChanges.subscribe((id) => {
      this.form.controls.supervisorIds.setValue([]);
      if (id) void this.loadSupervisors(id);
    });
  }

  /** The latest load wins: an older answer arriving late (read before a change) is dropped. */
  private loads = 0;

  private async load(id: string): Promise<void> {
    const seq = ++this.loads;
    try {
      const [placements, enterprises] = await Promise.all([
        this.api.listPlacements(id),
        this.enterprises().length ? Promise.resolve(this.enterprises()) : this.api.enterprises(),
      ]);
      if (seq !== this.loads) return;
      this.placements.set(placements.items.filter(isFullPlacement));
      this.enterprises.set(enterprises);
      if (this.auth.can('supervisor.list')) {
        await Promise.all(
          [...new Set(placements.items.map((p) => p.enterpriseId))].map((e) =>
            this.loadSupervisors(e),
          ),
        );
      }
      // Keep open follow-up lists current after a change.
      for (const placementId of Object.keys(this.details())) void this.loadDetails(placementId);
    } catch {
      this.message.set({ key: 'errors.load', ok: false });
    }
  }

  private async loadSupervisors(enterpriseId: string): Promise<void> {
    if (this.supervisors()[enterpriseId] || !this.auth.can('supervisor.list')) return;
    try {
      const list = await this.placementsApi.supervisorsOf(enterpriseId);
      this.supervisors.update((all) => ({ ...all, [enterpriseId]: list }));
    } catch {
      this.supervisors.update((all) => ({ ...all, [enterpriseId]: [] }));
    }
  }

  protected enterpriseName(id: string): string {
    return this.enterprises().find((e) => e.id === id)?.name ?? '';
  }

  protected supervisorNames(pl: Placement): string {
    const known = this.supervisors()[pl.enterpriseId] ?? [];
    return pl.supervisorIds
      .map((id) => known.find((s) => s.id === id)?.name)
      .filter((name): name is string => !!name)
      .join(', ');
  }

  protected toggle(
    control: { value: string[]; setValue(v: string[]): void; markAsDirty(): void },
    id: string,
    on: boolean,
  ): void {
    const rest = control.value.filter((x) => x !== id);
    control.setValue(on ? [...rest, id] : rest);
    control.markAsDirty();
  }

  private failed(caught: unknown, form: Parameters<typeof applyServerErrors>[0]): void {
    const e = toApiError(caught);
    const rest = applyServerErrors(form, e);
    this.serverText.set(rest.join(' ') || (e.fields ? null : e.message || null));
    this.message.set({
      key:
        e.statusCode === 0
          ? 'errors.network'
          : e.statusCode === 409
            ? 'placementEdit.conflict'
            : e.fields
              ? 'form.fixErrors'
              : 'errors.save',
      ok: false,
    });
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
      await this.placementsApi.create({
        participantId: this.participant().id,
        enterpriseId: v.enterpriseId,
        kind: v.kind,
        startDate: v.startDate,
        plannedEndDate: v.plannedEndDate || null,
        hoursPerWeek: hoursOf(v.hoursPerWeek),
        supervisorIds: v.supervisorIds,
      });
      this.message.set({ key: 'placement.saved', ok: true });
      this.showForm.set(false);
      this.form.reset();
      await this.load(this.participant().id);
      this.changed.emit();
    } catch (caught) {
      this.failed(caught, this.form);
    } finally {
      this.saving.set(false);
    }
  }

  protected startEdit(pl: Placement): void {
    this.acting.set(null);
    this.message.set(null);
    this.editForm.reset({
      plannedEndDate: pl.plannedEndDate ?? '',
      hoursPerWeek: pl.hoursPerWeek === null ? '' : String(pl.hoursPerWeek).replace('.', ','),
      supervisorIds: [...pl.supervisorIds],
    });
    this.editing.set(pl.id);
    void this.loadSupervisors(pl.enterpriseId);
  }

  protected async saveEdit(pl: Placement): Promise<void> {
    if (this.saving()) return;
    this.editForm.markAllAsTouched();
    const v = this.editForm.getRawValue();
    if (v.plannedEndDate && v.plannedEndDate < pl.startDate) {
      this.editForm.controls.plannedEndDate.setErrors({ beforeStart: true });
    }
    if (this.editForm.invalid) {
      this.message.set({ key: 'form.fixErrors', ok: false });
      queueMicrotask(() => focusFirstInvalid(this.editEl()?.nativeElement));
      return;
    }
    this.saving.set(true);
    this.message.set(null);
    this.serverText.set(null);
    try {
      await this.placementsApi.update(pl.id, pl.version, {
        plannedEndDate: v.plannedEndDate || null,
        hoursPerWeek: hoursOf(v.hoursPerWeek),
        supervisorIds: v.supervisorIds,
      });
      this.editing.set(null);
      await this.load(this.participant().id);
      this.message.set({ key: 'placementEdit.saved', ok: true });
      this.changed.emit();
    } catch (caught) {
      this.failed(caught, this.editForm);
      // Theirs on screen at once, ours still in the form (the next save uses the new version).
      if (toApiError(caught).statusCode === 409) await this.load(this.participant().id);
      queueMicrotask(() => focusFirstInvalid(this.editEl()?.nativeElement));
    } finally {
      this.saving.set(false);
    }
  }

  protected startAction(pl: Placement, action: PlacementAction): void {
    this.editing.set(null);
    this.message.set(null);
    this.actionForm.reset({ date: todayIso(), reason: '' });
    this.acting.set({ id: pl.id, action });
  }

  protected needsReason(action: PlacementAction): boolean {
    return action === 'end' || action === 'abort';
  }

  protected async saveAction(pl: Placement, action: PlacementAction): Promise<void> {
    if (this.saving()) return;
    const reason = this.actionForm.controls.reason;
    if (this.needsReason(action) && !reason.value.trim()) reason.setErrors({ required: true });
    this.actionForm.markAllAsTouched();
    const v = this.actionForm.getRawValue();
    const date = this.actionForm.controls.date;
    const openPause = pl.pauses.find((p) => p.to === null);
    if (v.date > todayIso()) date.setErrors({ future: true });
    else if (action !== 'start' && pl.status !== 'planned' && v.date < pl.startDate) {
      date.setErrors({ beforeStart: true });
    } else if (action === 'resume' && openPause && v.date <= openPause.from) {
      date.setErrors({ afterPause: true });
    }
    if (this.actionForm.invalid) {
      this.message.set({ key: 'form.fixErrors', ok: false });
      queueMicrotask(() => focusFirstInvalid(this.actionEl()?.nativeElement));
      return;
    }
    this.saving.set(true);
    this.message.set(null);
    this.serverText.set(null);
    try {
      await this.placementsApi.update(pl.id, pl.version, {
        action,
        date: v.date,
        ...(this.needsReason(action) && { reason: v.reason.trim() }),
      });
      this.acting.set(null);
      await this.load(this.participant().id);
      this.message.set({ key: 'placementEdit.done.' + action, ok: true });
      this.changed.emit();
    } catch (caught) {
      this.failed(caught, this.actionForm);
      // Theirs on screen at once, ours still in the form (the next save uses the new version).
      if (toApiError(caught).statusCode === 409) await this.load(this.participant().id);
      queueMicrotask(() => focusFirstInvalid(this.actionEl()?.nativeElement));
    } finally {
      this.saving.set(false);
    }
  }

  protected async toggleDetails(placementId: string): Promise<void> {
    if (this.details()[placementId]) {
      this.details.update((all) =>
        Object.fromEntries(Object.entries(all).filter(([id]) => id !== placementId)),
      );
      return;
    }
    await this.loadDetails(placementId);
  }

  private async loadDetails(placementId: string): Promise<void> {
    this.details.update((all) => ({ ...all, [placementId]: all[placementId] ?? 'loading' }));
    try {
      const [followUps, schedule] = await Promise.all([
        this.placementsApi.followUps(placementId),
        this.placementsApi.schedule(placementId),
      ]);
      this.details.update((all) => ({ ...all, [placementId]: { followUps, schedule } }));
    } catch {
      this.details.update((all) => ({ ...all, [placementId]: 'error' }));
    }
  }

  protected detailsOf(placementId: string): Details | 'loading' | 'error' | undefined {
    return this.details()[placementId];
  }

  protected asDetails(value: Details | 'loading' | 'error' | undefined): Details | null {
    return typeof value === 'object' ? value : null;
  }

  protected async followUpSaved(): Promise<void> {
    this.followUpFor.set(null);
    await this.load(this.participant().id);
    this.changed.emit();
  }
}
