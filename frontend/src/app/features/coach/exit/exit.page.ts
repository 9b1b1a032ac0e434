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
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  EXIT_REASONS,
  isFullParticipant,
  isFullPlacement,
  type ApiError,
  type Enterprise,
  type ExitReason,
  type Participant,
  type ParticipantStatus,
  type Placement,
} from '@stegvis/contracts';
import { CaseRecordsApi } from '../../../core/api/case-records.api';
import { OTHER_VIEW, toApiError } from '../../../core/http/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { SvDatePipe } from '../../../shared/date.pipe';
import { todayIso } from '../../../shared/dates';
import { displayName } from '../../../shared/participant-name';
import { applyServerErrors, focusFirstInvalid } from '../../../shared/server-errors';
import { ParticipationApi } from '../snapshot/participation.api';
import { SnapshotFieldsComponent } from '../snapshot/snapshot-fields.component';
import { snapshotForm, snapshotOf } from '../snapshot/snapshot-form';
import { SnapshotSummaryComponent } from '../snapshot/snapshot-summary.component';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const OPEN: readonly Placement['status'][] = ['planned', 'active', 'paused'];

type Message = { key: string; params?: Record<string, unknown> } | { text: string };

/**
 * "Avsluta deltagande": exit date (not in the future), reason and the exit snapshot, pre-filled
 * from the start snapshot, with the open placements that end with it shown before saving. On an
 * ended participation the same page re-opens it, with a reason.
 */
@Component({
  selector: 'sv-exit-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
    SnapshotFieldsComponent,
    SnapshotSummaryComponent,
  ],
  templateUrl: './exit.page.html',
  styleUrl: './exit.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExitPage {
  private readonly api = inject(CaseRecordsApi);
  private readonly participation = inject(ParticipationApi);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly lang = inject(LanguageService).active;
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');

  /** Route parameter (withComponentInputBinding). */
  readonly id = input.required<string>();

  protected readonly reasons = EXIT_REASONS;
  protected readonly today = todayIso();
  protected readonly participant = signal<Participant | null>(null);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly placements = signal<Placement[]>([]);
  protected readonly enterprises = signal<Enterprise[]>([]);
  protected readonly saving = signal(false);
  protected readonly message = signal<Message | null>(null);
  /** The version the next save sends; a 409 moves it to the server's, keeping what was typed. */
  private version = 0;

  protected readonly exitForm = this.fb.group({
    date: [todayIso(), [Validators.required, Validators.pattern(DATE)]],
    reason: ['' as ExitReason | '', Validators.required],
    snapshot: snapshotForm(this.fb, null),
  });
  protected readonly reopenForm = this.fb.group({
    reason: ['', [Validators.required, Validators.minLength(3), Validators.maxLength(500)]],
    status: ['active' as Exclude<ParticipantStatus, 'exited'>],
  });

  protected readonly exitDate = toSignal(this.exitForm.controls.date.valueChanges, {
    initialValue: this.exitForm.controls.date.value,
  });
  protected readonly name = computed(() => {
    const p = this.participant();
    return p ? displayName(p) : null;
  });
  protected readonly openPlacements = computed(() =>
    this.placements().filter((pl) => OPEN.includes(pl.status)),
  );
  /** Open placements that started after the chosen exit day: the server would refuse the exit. */
  protected readonly startedLater = computed(() =>
    this.openPlacements().filter(
      (pl) => pl.status !== 'planned' && pl.startDate > (this.exitDate() || this.today),
    ),
  );

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.loadError.set(null);
    try {
      const [participant, placements, enterprises] = await Promise.all([
        this.api.getParticipant(id),
        this.api.listPlacements(id),
        this.api.enterprises(),
      ]);
      if (!isFullParticipant(participant)) {
        this.loadError.set(OTHER_VIEW);
        return;
      }
      this.participant.set(participant);
      this.version = participant.version;
      this.placements.set(placements.items.filter(isFullPlacement));
      this.enterprises.set(enterprises);
      // The exit snapshot starts as the start snapshot: the coach changes only what changed.
      const start = participant.startSnapshot;
      this.exitForm.setControl('snapshot', snapshotForm(this.fb, start));
    } catch (caught) {
      this.loadError.set(toApiError(caught));
    }
  }

  protected enterpriseName(id: string): string {
    return this.enterprises().find((e) => e.id === id)?.name ?? '';
  }

  protected async submitExit(p: Participant): Promise<void> {
    if (this.saving()) return;
    const c = this.exitForm.controls;
    this.exitForm.markAllAsTouched();
    if (c.date.value > this.today) c.date.setErrors({ ...(c.date.errors ?? {}), future: true });
    if (this.exitForm.invalid) {
      this.message.set({ key: 'form.fixErrors' });
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    const v = this.exitForm.getRawValue();
    const snapshot = p.reduced ? undefined : snapshotOf(this.exitForm.controls.snapshot);
    if (snapshot) snapshot.timeInSupport = p.startSnapshot?.timeInSupport ?? null;
    await this.save(
      () =>
        this.participation.exit(
          p.id,
          { date: v.date, reason: v.reason as ExitReason, snapshot },
          this.version,
        ),
      this.exitForm,
      { 'exit.date': 'date', 'exit.reason': 'reason' },
      'exit.snapshot.',
    );
  }

  protected async submitReopen(p: Participant): Promise<void> {
    if (this.saving()) return;
    this.reopenForm.markAllAsTouched();
    if (this.reopenForm.invalid) {
      this.message.set({ key: 'form.fixErrors' });
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    const v = this.reopenForm.getRawValue();
    await this.save(
      () => this.participation.reopen(p.id, v.reason.trim(), v.status, this.version),
      this.reopenForm,
      {},
      null,
    );
  }

  private async save(
    call: () => Promise<Participant>,
    form: typeof this.exitForm | typeof this.reopenForm,
    aliases: Record<string, string>,
    snapshotPrefix: string | null,
  ): Promise<void> {
    this.saving.set(true);
    this.message.set(null);
    try {
      const saved = await call();
      await this.router.navigate(['/coach/participants', saved.id], {
        queryParams: { tab: 'startExit' },
      });
    } catch (caught) {
      const e = toApiError(caught);
      if (e.statusCode === 409) {
        // Someone else changed the record: take their version, keep everything typed here.
        const current = (e as ApiError & { current?: Participant }).current;
        if (current) {
          this.version = current.version;
          this.participant.set(current);
        }
        this.message.set({ key: current ? 'exit.conflict' : 'exit.notExited' });
        return;
      }
      const mapped: Record<string, string> = { ...aliases };
      if (snapshotPrefix) {
        for (const path of Object.keys(e.fields ?? {})) {
          if (path.startsWith(snapshotPrefix)) {
            mapped[path] = `snapshot.${path.slice(snapshotPrefix.length).split('.')[0]}`;
          }
        }
      }
      const rest = applyServerErrors(form, e, mapped);
      this.message.set(
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

  protected messageKey(m: Message): string | null {
    return 'key' in m ? m.key : null;
  }
  protected messageParams(m: Message): Record<string, unknown> {
    return 'key' in m ? (m.params ?? {}) : {};
  }
  protected messageText(m: Message): string {
    return 'text' in m ? m.text : '';
  }
}
