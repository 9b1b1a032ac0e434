import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
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
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe } from '@jsverse/transloco';
import { FOLLOW_UP_MODES, type FollowUp, type FollowUpMode } from '@stegvis/contracts';
import { CaseRecordsApi } from '../../core/api/case-records.api';
import { toApiError } from '../../core/http/api-error';
import { todayIso } from '../../shared/dates';
import { applyServerErrors, focusFirstInvalid } from '../../shared/server-errors';
import { FollowUpDrafts, type FollowUpDraft } from './follow-up-draft';

const WHOLE = /^\d{1,3}$/;

/**
 * A follow-up in under a minute on a phone: today, a visit and no concern are preset; wellbeing is
 * five big buttons. Every keystroke is kept as a draft for this placement until the server accepts
 * it, so a dropped connection costs nothing: the form says so and offers to try again.
 */
@Component({
  selector: 'sv-follow-up-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
    TranslocoPipe,
  ],
  templateUrl: './follow-up-form.component.html',
  styleUrl: './follow-up-form.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FollowUpFormComponent {
  private readonly api = inject(CaseRecordsApi);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  private readonly drafts = new FollowUpDrafts();

  readonly placementId = input.required<string>();
  readonly saved = output<FollowUp>();

  protected readonly modes = FOLLOW_UP_MODES;
  protected readonly scale = [1, 2, 3, 4, 5] as const;
  protected readonly saving = signal(false);
  protected readonly restored = signal(false);
  /** A network or server failure: the draft is kept and the coach/supervisor may retry. */
  protected readonly failed = signal<'network' | 'server' | null>(null);
  protected readonly message = signal<{ key: string; ok: boolean } | null>(null);
  protected readonly serverText = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    date: [todayIso(), [Validators.required, Validators.pattern(/^\d{4}-\d{2}-\d{2}$/)]],
    mode: ['visit' as FollowUpMode, Validators.required],
    daysPresent: ['', [Validators.required, Validators.pattern(WHOLE), Validators.max(366)]],
    daysAbsent: ['0', [Validators.required, Validators.pattern(WHOLE), Validators.max(366)]],
    wellbeing: [null as number | null, [Validators.required, Validators.min(1), Validators.max(5)]],
    concern: [false],
    notes: ['', Validators.maxLength(5000)],
  });

  constructor() {
    effect(() => {
      const id = this.placementId();
      untracked(() => this.restore(id));
    });
    const sub = this.form.valueChanges.subscribe(() => {
      if (this.form.dirty) this.drafts.save(this.placementId(), this.form.getRawValue());
    });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  private restore(placementId: string): void {
    const draft = this.drafts.load(placementId);
    this.restored.set(draft !== null);
    if (draft) {
      this.form.setValue(normalise(draft));
      this.form.markAsDirty();
    }
  }

  protected setMode(mode: FollowUpMode): void {
    this.form.controls.mode.setValue(mode);
    this.form.markAsDirty();
  }

  protected setWellbeing(value: number): void {
    this.form.controls.wellbeing.setValue(value);
    this.form.controls.wellbeing.markAsTouched();
    this.form.markAsDirty();
  }

  /** Arrow keys move along a radio group, as in a native one. */
  protected modeKey(event: KeyboardEvent): void {
    const next = stepIn(event, this.modes, this.form.controls.mode.value);
    if (next !== null) this.setMode(next);
  }

  protected wellbeingKey(event: KeyboardEvent): void {
    const next = stepIn(event, this.scale, this.form.controls.wellbeing.value);
    if (next !== null) this.setWellbeing(next);
  }

  protected discardDraft(): void {
    this.drafts.clear(this.placementId());
    this.form.reset();
    this.restored.set(false);
    this.failed.set(null);
    this.message.set(null);
  }

  async submit(): Promise<void> {
    if (this.saving()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.message.set({ key: 'form.fixErrors', ok: false });
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    const v = this.form.getRawValue();
    const placementId = this.placementId();
    // The draft is on disk before the request leaves, whatever happens next.
    this.drafts.save(placementId, v);
    this.saving.set(true);
    this.message.set(null);
    this.serverText.set(null);
    try {
      const saved = await this.api.createFollowUp(placementId, {
        date: v.date,
        mode: v.mode,
        daysPresent: Number(v.daysPresent),
        daysAbsent: Number(v.daysAbsent),
        wellbeing: Number(v.wellbeing),
        notes: v.notes.trim() || null,
        concern: v.concern,
      });
      this.drafts.clear(placementId);
      this.failed.set(null);
      this.restored.set(false);
      this.form.reset();
      this.message.set({ key: 'followUp.saved', ok: true });
      this.saved.emit(saved);
    } catch (caught) {
      const e = toApiError(caught);
      if (e.statusCode === 0 || e.statusCode >= 500 || e.statusCode === -1) {
        this.failed.set(e.statusCode === 0 ? 'network' : 'server');
        this.message.set({
          key: e.statusCode === 0 ? 'followUp.offline' : 'followUp.serverError',
          ok: false,
        });
      } else {
        this.failed.set(null);
        const rest = applyServerErrors(this.form, e);
        this.serverText.set(rest.join(' ') || (e.fields ? null : e.message || null));
        this.message.set({ key: e.fields ? 'form.fixErrors' : 'errors.save', ok: false });
        queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      }
    } finally {
      this.saving.set(false);
    }
  }
}

function normalise(draft: FollowUpDraft): FollowUpDraft {
  return {
    date: draft.date || todayIso(),
    mode: FOLLOW_UP_MODES.includes(draft.mode) ? draft.mode : 'visit',
    daysPresent: String(draft.daysPresent ?? ''),
    daysAbsent: String(draft.daysAbsent ?? '0'),
    wellbeing: typeof draft.wellbeing === 'number' ? draft.wellbeing : null,
    concern: draft.concern === true,
    notes: draft.notes ?? '',
  };
}

function stepIn<T>(event: KeyboardEvent, list: readonly T[], current: T | null): T | null {
  const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
  const back = event.key === 'ArrowLeft' || event.key === 'ArrowUp';
  if (!forward && !back) return null;
  event.preventDefault();
  const index = current === null ? -1 : list.indexOf(current);
  const next = list[(index + (forward ? 1 : -1) + list.length) % list.length];
  const group = (event.currentTarget as HTMLElement).closest('[role="radiogroup"]');
  queueMicrotask(() => group?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus());
  return next;
}
