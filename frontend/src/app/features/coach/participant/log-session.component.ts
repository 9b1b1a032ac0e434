import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ATTENDANCES,
  SESSION_KINDS,
  SESSION_MODES,
  isFullParticipant,
  type Attendance,
  type CoachingSession,
  type Participant,
  type SessionKind,
  type SessionMode,
} from '@stegvis/contracts';
import { CaseRecordsApi } from '../../../core/api/case-records.api';
import { toApiError } from '../../../core/http/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { SvDatePipe } from '../../../shared/date.pipe';
import { localDateTimeWithOffset, todayIso } from '../../../shared/dates';
import { displayName } from '../../../shared/participant-name';
import { applyServerErrors, focusFirstInvalid } from '../../../shared/server-errors';
import { ParticipantPickerComponent } from '../shared/participant-picker.component';

/** Kinds that may have several participants (the server's rule). */
export const GROUP_KINDS: readonly SessionKind[] = ['group_workshop', 'business_advice'];

@Component({
  selector: 'sv-log-session',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
    ParticipantPickerComponent,
  ],
  templateUrl: './log-session.component.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LogSessionComponent {
  private readonly api = inject(CaseRecordsApi);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  protected readonly lang = inject(LanguageService).active;

  readonly participant = input.required<Participant>();
  readonly saved = output<CoachingSession>();

  protected readonly kinds = SESSION_KINDS;
  protected readonly modes = SESSION_MODES;
  protected readonly attendances = ATTENDANCES;

  protected readonly form = inject(NonNullableFormBuilder).group({
    date: [todayIso(), [Validators.required, Validators.pattern(/^\d{4}-\d{2}-\d{2}$/)]],
    time: [currentHour(), [Validators.required, Validators.pattern(/^\d{2}:\d{2}/)]],
    durationMinutes: [60, [Validators.required, Validators.min(1), Validators.max(1440)]],
    kind: ['individual_coaching' as SessionKind, Validators.required],
    mode: ['on_site' as SessionMode, Validators.required],
    notes: ['', Validators.maxLength(10000)],
  });
  private readonly kind = toSignal(this.form.controls.kind.valueChanges, {
    initialValue: this.form.controls.kind.value,
  });
  protected readonly isGroup = computed(() => GROUP_KINDS.includes(this.kind()));

  /** participantId → attendance; the participant of this page is always first. */
  protected readonly attendance = signal<Record<string, Attendance>>({});
  protected readonly caseload = signal<Participant[]>([]);
  protected readonly caseloadLoading = signal(false);
  private caseloadAsked = false;
  protected readonly others = computed(() =>
    this.caseload().filter((p) => p.id !== this.participant().id && !p.reduced),
  );
  protected readonly sessions = signal<CoachingSession[]>([]);
  protected readonly saving = signal(false);
  protected readonly message = signal<{ key: string; ok: boolean } | null>(null);
  protected readonly serverText = signal<string | null>(null);

  constructor() {
    effect(() => {
      const p = this.participant();
      untracked(() => {
        this.attendance.update((a) => ({ [p.id]: a[p.id] ?? 'attended', ...a }));
        void this.loadSessions(p.id);
      });
    });
    effect(() => {
      // Once: an empty caseload must not ask again and again.
      if (this.isGroup() && !this.caseloadAsked) {
        this.caseloadAsked = true;
        untracked(() => void this.loadCaseload());
      }
    });
  }

  private async loadSessions(id: string): Promise<void> {
    try {
      this.sessions.set((await this.api.listSessions(id)).items);
    } catch {
      this.sessions.set([]);
    }
  }

  private async loadCaseload(): Promise<void> {
    this.caseloadLoading.set(true);
    try {
      const page = await this.api.listParticipants({ status: 'active', limit: 200 });
      this.caseload.set(page.items.filter(isFullParticipant));
    } catch {
      this.caseloadAsked = false;
      this.message.set({ key: 'errors.load', ok: false });
    } finally {
      this.caseloadLoading.set(false);
    }
  }

  protected toggle(id: string, on: boolean): void {
    this.attendance.update((a) => {
      const next = { ...a };
      if (on) next[id] = 'attended';
      else delete next[id];
      return next;
    });
  }

  protected setAttendance(id: string, event: Event): void {
    const value = (event.target as HTMLSelectElement).value as Attendance;
    this.attendance.update((a) => ({ ...a, [id]: value }));
  }

  protected nameOf(id: string): string {
    const p =
      id === this.participant().id ? this.participant() : this.caseload().find((c) => c.id === id);
    return (p && displayName(p)) ?? id;
  }

  protected readonly chosen = computed(() => {
    const own = this.participant().id;
    const ids = Object.keys(this.attendance());
    const rest = this.isGroup() ? ids.filter((id) => id !== own) : [];
    return [own, ...rest];
  });

  protected async submit(): Promise<void> {
    if (this.saving()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.message.set({ key: 'form.fixErrors', ok: false });
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    const v = this.form.getRawValue();
    const attendance = this.attendance();
    this.saving.set(true);
    this.message.set(null);
    this.serverText.set(null);
    try {
      const session = await this.api.createSession({
        at: localDateTimeWithOffset(v.date, v.time.slice(0, 5)),
        durationMinutes: Number(v.durationMinutes),
        kind: v.kind,
        mode: v.mode,
        participants: this.chosen().map((id) => ({
          participantId: id,
          attendance: attendance[id] ?? 'attended',
        })),
        notes: v.notes.trim() || null,
      });
      this.message.set({ key: 'session.saved', ok: true });
      this.form.controls.notes.reset('');
      this.attendance.set({ [this.participant().id]: 'attended' });
      this.saved.emit(session);
      void this.loadSessions(this.participant().id);
    } catch (caught) {
      const e = toApiError(caught);
      const rest = applyServerErrors(this.form, e, { at: 'date' });
      this.serverText.set(rest.join(' ') || (e.fields ? null : e.message || null));
      this.message.set({
        key: e.statusCode === 0 ? 'errors.network' : e.fields ? 'form.fixErrors' : 'errors.save',
        ok: false,
      });
    } finally {
      this.saving.set(false);
    }
  }
}

function currentHour(): string {
  return `${String(new Date().getHours()).padStart(2, '0')}:00`;
}
