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
import {
  FormArray,
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  PLAN_STEP_STATUSES,
  isFullActionPlan,
  type ActionPlan,
  type ApiError,
  type PlanStepStatus,
  type SaveActionPlanRequest,
} from '@stegvis/contracts';
import { CaseRecordsApi } from '../../../core/api/case-records.api';
import { AuthService } from '../../../core/auth/auth.service';
import { OTHER_VIEW, toApiError } from '../../../core/http/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { SvDatePipe } from '../../../shared/date.pipe';
import { applyServerErrors, focusFirstInvalid } from '../../../shared/server-errors';
import {
  type DraftPlan,
  type DraftStep,
  type MergeChoices,
  type PlanConflict,
  type Side,
  buildConflict,
  draftFromPlan,
  keepMine,
  mergePlan,
  suggestedChoices,
  takeTheirs,
} from './plan-merge';
import { PlanHistoryComponent } from './plan-history/plan-history.component';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
let localKeys = 0;

type StepGroup = FormGroup<{
  key: FormControl<string>;
  id: FormControl<string>;
  text: FormControl<string>;
  status: FormControl<PlanStepStatus>;
  dueDate: FormControl<string>;
  responsible: FormControl<string>;
  concernsPlacement: FormControl<boolean>;
}>;

@Component({
  selector: 'sv-plan-editor',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    TranslocoPipe,
    SvDatePipe,
    PlanHistoryComponent,
  ],
  templateUrl: './plan-editor.component.html',
  styleUrl: './plan-editor.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanEditorComponent {
  private readonly api = inject(CaseRecordsApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  private readonly conflictHeading = viewChild<ElementRef<HTMLElement>>('conflictHeading');
  protected readonly lang = inject(LanguageService).active;
  /** The plan's history, for the roles the policy table lets read it. */
  protected readonly canSeeHistory = inject(AuthService).can('actionPlan.history');

  readonly participantId = input.required<string>();
  readonly canEdit = input(true);
  readonly saved = output<ActionPlan>();

  protected readonly statuses = PLAN_STEP_STATUSES;
  protected readonly plan = signal<ActionPlan | null>(null);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly saving = signal(false);
  protected readonly message = signal<{ key: string; kind: 'success' | 'error' | 'info' } | null>(
    null,
  );
  protected readonly serverText = signal<string | null>(null);
  protected readonly conflict = signal<PlanConflict | null>(null);
  protected readonly choices = signal<MergeChoices | null>(null);

  /** The version my edits started from: the If-Match of the next save. */
  private version = 0;
  /** The plan as it was at `version`, to tell who changed what in a conflict. */
  private base: DraftPlan = { goal: '', steps: [] };

  protected readonly form = this.fb.group({
    goal: ['', Validators.maxLength(5000)],
    steps: this.fb.array<StepGroup>([]),
  });

  constructor() {
    effect(() => {
      const id = this.participantId();
      untracked(() => void this.load(id));
    });
  }

  protected get steps(): FormArray<StepGroup> {
    return this.form.controls.steps;
  }

  private async load(id: string): Promise<void> {
    this.loadError.set(null);
    try {
      const plan = await this.api.getPlan(id);
      // A coach's editor: a supervisor's view of the plan has no goal to edit.
      if (isFullActionPlan(plan)) this.adopt(plan);
      else this.loadError.set(OTHER_VIEW);
    } catch (caught) {
      this.loadError.set(toApiError(caught));
    }
  }

  /** A saved plan becomes the new starting point. */
  private adopt(plan: ActionPlan): void {
    this.plan.set(plan);
    this.version = plan.version;
    this.base = draftFromPlan(plan);
    this.fill(this.base);
    if (!this.canEdit()) this.form.disable();
  }

  private fill(draft: DraftPlan): void {
    this.form.controls.goal.setValue(draft.goal);
    this.steps.clear();
    for (const step of draft.steps) this.steps.push(this.stepGroup(step));
    this.form.markAsPristine();
  }

  private stepGroup(step: Partial<DraftStep> = {}): StepGroup {
    return this.fb.group({
      key: [step.key ?? `new-${++localKeys}`],
      id: [step.id ?? ''],
      text: [step.text ?? '', [Validators.required, Validators.maxLength(1000)]],
      status: [step.status ?? ('planned' as PlanStepStatus), Validators.required],
      dueDate: [step.dueDate ?? '', Validators.pattern(DATE)],
      responsible: [step.responsible ?? '', Validators.maxLength(200)],
      concernsPlacement: [step.concernsPlacement ?? false],
    });
  }

  protected addStep(): void {
    this.steps.push(this.stepGroup());
    this.form.markAsDirty();
    queueMicrotask(() => {
      const inputs = this.formEl()?.nativeElement.querySelectorAll<HTMLElement>('.sv-step__text');
      inputs?.[inputs.length - 1]?.focus();
    });
  }

  protected removeStep(index: number): void {
    this.steps.removeAt(index);
    this.form.markAsDirty();
  }

  protected move(index: number, delta: number): void {
    const target = index + delta;
    if (target < 0 || target >= this.steps.length) return;
    const group = this.steps.at(index);
    this.steps.removeAt(index);
    this.steps.insert(target, group);
    this.form.markAsDirty();
  }

  /** What the form holds now, as a draft (nothing is trimmed away until it is sent). */
  protected mine(): DraftPlan {
    const v = this.form.getRawValue();
    return {
      goal: v.goal,
      steps: v.steps.map((s) => ({
        key: s.key,
        id: s.id || undefined,
        text: s.text,
        status: s.status,
        dueDate: s.dueDate || null,
        responsible: s.responsible || null,
        concernsPlacement: s.concernsPlacement,
      })),
    };
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.message.set({ key: 'form.fixErrors', kind: 'error' });
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    await this.send(this.mine());
  }

  private async send(draft: DraftPlan): Promise<void> {
    this.saving.set(true);
    this.message.set(null);
    this.serverText.set(null);
    try {
      const saved = await this.api.savePlan(this.participantId(), this.version, toBody(draft));
      this.conflict.set(null);
      this.choices.set(null);
      this.adopt(saved);
      this.message.set({ key: 'plan.saved', kind: 'success' });
      this.saved.emit(saved);
    } catch (caught) {
      const e = toApiError(caught);
      if (e.statusCode === 409 && isPlan(e.current)) {
        // Keep everything typed; show both versions side by side.
        const conflict = buildConflict(this.base, draft, e.current);
        this.fill(draft);
        this.form.markAsDirty();
        this.conflict.set(conflict);
        this.choices.set(suggestedChoices(conflict));
        queueMicrotask(() => this.conflictHeading()?.nativeElement.focus());
        return;
      }
      const rest = applyServerErrors(this.form, e);
      this.serverText.set(rest.join(' ') || (e.fields ? null : e.message || null));
      this.message.set({
        key: e.statusCode === 0 ? 'errors.network' : e.fields ? 'form.fixErrors' : 'errors.save',
        kind: 'error',
      });
    } finally {
      this.saving.set(false);
    }
  }

  protected choose(key: string | 'goal', side: Side): void {
    this.choices.update((c) => {
      if (!c) return c;
      return key === 'goal' ? { ...c, goal: side } : { ...c, rows: { ...c.rows, [key]: side } };
    });
  }

  protected choiceOf(key: string): Side {
    return this.choices()?.rows[key] ?? 'mine';
  }

  protected async resolveTakeTheirs(): Promise<void> {
    const conflict = this.conflict();
    if (!conflict) return;
    const theirs = takeTheirs(conflict);
    this.version = conflict.theirsVersion;
    this.base = theirs;
    this.fill(theirs);
    this.conflict.set(null);
    this.choices.set(null);
    // Their version is already saved: just show it again.
    await this.load(this.participantId());
    this.message.set({ key: 'plan.tookTheirs', kind: 'info' });
  }

  protected async resolveKeepMine(): Promise<void> {
    const conflict = this.conflict();
    if (!conflict) return;
    await this.resaveOnTop(conflict, keepMine(conflict));
  }

  protected async resolveMerge(): Promise<void> {
    const conflict = this.conflict();
    const choices = this.choices();
    if (!conflict || !choices) return;
    await this.resaveOnTop(conflict, mergePlan(conflict, choices));
  }

  private async resaveOnTop(conflict: PlanConflict, draft: DraftPlan): Promise<void> {
    this.version = conflict.theirsVersion;
    this.base = takeTheirs(conflict);
    this.fill(draft);
    await this.send(draft);
  }

  protected statusKey(status: PlanStepStatus): string {
    return `planStepStatus.${status}`;
  }
}

function isPlan(value: unknown): value is ActionPlan {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ActionPlan).version === 'number' &&
    Array.isArray((value as ActionPlan).steps)
  );
}

export function toBody(draft: DraftPlan): SaveActionPlanRequest {
  return {
    goal: draft.goal.trim(),
    steps: draft.steps.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      text: s.text.trim(),
      status: s.status,
      dueDate: s.dueDate || null,
      responsible: s.responsible?.trim() || null,
      concernsPlacement: s.concernsPlacement,
    })),
  };
}
