import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ATTENDANCES,
  SESSION_MODES,
  isFullParticipant,
  type Attendance,
  type CoachingSession,
  type Participant,
  type Programme,
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
import { GROUP_KINDS } from '../participant/log-session.component';
import { ParticipantPickerComponent } from '../shared/participant-picker.component';

/** Pages of the caseload read for the picker: up to 25 × 200 participants. */
const MAX_PAGES = 25;

/**
 * Log a group session for any participants of one programme, with attendance per person, and
 * the earlier group sessions of the caller's programmes.
 */
@Component({
  selector: 'sv-group-sessions-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
    ParticipantPickerComponent,
  ],
  templateUrl: './group-sessions.page.html',
  styleUrl: './group-sessions.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GroupSessionsPage {
  private readonly api = inject(CaseRecordsApi);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  protected readonly lang = inject(LanguageService).active;

  protected readonly kinds = GROUP_KINDS;
  protected readonly modes = SESSION_MODES;
  protected readonly attendances = ATTENDANCES;

  protected readonly form = inject(NonNullableFormBuilder).group({
    programmeId: ['', Validators.required],
    kind: ['group_workshop' as SessionKind, Validators.required],
    mode: ['on_site' as SessionMode, Validators.required],
    date: [todayIso(), [Validators.required, Validators.pattern(/^\d{4}-\d{2}-\d{2}$/)]],
    time: [currentHour(), [Validators.required, Validators.pattern(/^\d{2}:\d{2}/)]],
    durationMinutes: [90, [Validators.required, Validators.min(1), Validators.max(1440)]],
    notes: ['', Validators.maxLength(10000)],
  });
  private readonly programmeId = toSignal(this.form.controls.programmeId.valueChanges, {
    initialValue: '',
  });

  protected readonly programmes = signal<Programme[]>([]);
  /** Everyone in the caller's scope with a name, for the picker and for the names in the list. */
  protected readonly people = signal<Participant[]>([]);
  protected readonly peopleLoading = signal(true);
  protected readonly candidates = computed(() =>
    this.people().filter(
      (p) => p.programmeId === this.programmeId() && p.status !== 'exited' && !p.reduced,
    ),
  );
  private readonly byId = computed(() => new Map(this.people().map((p) => [p.id, p])));
  /** participantId → attendance, in the order chosen. */
  protected readonly attendance = signal<Record<string, Attendance>>({});
  protected readonly chosen = computed(() => Object.keys(this.attendance()));
  /** Server messages about one person (`participants.2.participantId`), by participant id. */
  protected readonly personErrors = signal<Record<string, string>>({});
  /** About the list as a whole: an i18n key of the client's rule, or the server's text. */
  protected readonly peopleError = signal<{ key?: string; text?: string } | null>(null);

  protected readonly saving = signal(false);
  protected readonly message = signal<{ key: string; ok: boolean } | null>(null);
  protected readonly serverText = signal<string | null>(null);

  protected readonly sessions = signal<CoachingSession[]>([]);
  protected readonly sessionsLoading = signal(true);
  protected readonly sessionsError = signal(false);
  private nextCursor: string | null = null;
  protected readonly hasMore = signal(false);

  constructor() {
    // Another programme: the chosen people belong to the one before.
    this.form.controls.programmeId.valueChanges.subscribe(() => {
      this.attendance.set({});
      this.personErrors.set({});
    });
    void this.loadProgrammes();
    void this.loadPeople();
    void this.loadSessions();
  }

  private async loadProgrammes(): Promise<void> {
    try {
      const list = await this.api.programmes();
      this.programmes.set(list);
      if (list.length === 1 && list[0]) this.form.controls.programmeId.setValue(list[0].id);
    } catch {
      this.message.set({ key: 'errors.load', ok: false });
    }
  }

  private async loadPeople(): Promise<void> {
    this.peopleLoading.set(true);
    try {
      const all: Participant[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await this.api.listParticipants({ limit: 200, cursor });
        all.push(...answer.items.filter(isFullParticipant));
        cursor = answer.nextCursor ?? undefined;
        if (!cursor) break;
      }
      this.people.set(all);
    } catch {
      this.message.set({ key: 'errors.load', ok: false });
    } finally {
      this.peopleLoading.set(false);
    }
  }

  private async loadSessions(cursor: string | null = null): Promise<void> {
    this.sessionsLoading.set(true);
    this.sessionsError.set(false);
    try {
      const page = await this.api.listGroupSessions(cursor ?? undefined);
      this.sessions.update((s) => (cursor ? [...s, ...page.items] : page.items));
      this.nextCursor = page.nextCursor;
      this.hasMore.set(page.nextCursor !== null);
    } catch {
      this.sessionsError.set(true);
    } finally {
      this.sessionsLoading.set(false);
    }
  }

  protected more(): void {
    if (this.nextCursor) void this.loadSessions(this.nextCursor);
  }

  protected toggle(id: string, on: boolean): void {
    this.peopleError.set(null);
    this.attendance.update((a) => {
      const next = { ...a };
      if (on) next[id] = next[id] ?? 'attended';
      else delete next[id];
      return next;
    });
  }

  protected setAttendance(id: string, event: Event): void {
    const value = (event.target as HTMLSelectElement).value as Attendance;
    this.attendance.update((a) => ({ ...a, [id]: value }));
  }

  protected nameOf(id: string): string | null {
    const p = this.byId().get(id);
    return p ? displayName(p) : null;
  }

  /** How to name a person in the list: their name, "Utan samtycke", or "Deltagare utan namn". */
  protected labelOf(id: string): { name: string | null; key: string } {
    const p = this.byId().get(id);
    const name = p ? displayName(p) : null;
    return { name, key: p?.reduced ? 'participant.reduced' : 'groupSessions.unnamed' };
  }

  /** A session's people by name; those without a name last. */
  protected peopleOf(s: CoachingSession): CoachingSession['participants'] {
    const name = (id: string) => this.nameOf(id);
    return [...s.participants].sort((a, b) => {
      const x = name(a.participantId);
      const y = name(b.participantId);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return x.localeCompare(y, 'sv');
    });
  }

  protected programmeName(id: string): string {
    return this.programmes().find((p) => p.id === id)?.name ?? '';
  }

  protected attendedCount(s: CoachingSession): number {
    return s.participants.filter((p) => p.attendance === 'attended').length;
  }

  protected async submit(): Promise<void> {
    if (this.saving()) return;
    this.form.markAllAsTouched();
    const nobody = this.chosen().length === 0;
    this.peopleError.set(nobody ? { key: 'groupSessions.atLeastOne' } : null);
    if (this.form.invalid || nobody) {
      this.message.set({ key: 'form.fixErrors', ok: false });
      queueMicrotask(() => {
        const form = this.formEl()?.nativeElement;
        if (this.form.invalid) focusFirstInvalid(form);
        else form?.querySelector<HTMLInputElement>('[data-testid="picker-search"]')?.focus();
      });
      return;
    }
    const v = this.form.getRawValue();
    const attendance = this.attendance();
    const ids = this.chosen();
    this.saving.set(true);
    this.message.set(null);
    this.serverText.set(null);
    this.personErrors.set({});
    try {
      const session = await this.api.createSession({
        at: localDateTimeWithOffset(v.date, v.time.slice(0, 5)),
        durationMinutes: Number(v.durationMinutes),
        kind: v.kind,
        mode: v.mode,
        participants: ids.map((id) => ({
          participantId: id,
          attendance: attendance[id] ?? 'attended',
        })),
        notes: v.notes.trim() || null,
      });
      this.message.set({ key: 'groupSessions.saved', ok: true });
      this.form.controls.notes.reset('');
      this.attendance.set({});
      this.sessions.update((s) => [session, ...s.filter((x) => x.id !== session.id)]);
    } catch (caught) {
      const e = toApiError(caught);
      // Errors about one person go beside that person; about the list, beside the list.
      const fields = { ...(e.fields ?? {}) };
      const perPerson: Record<string, string> = {};
      for (const [path, messages] of Object.entries(fields)) {
        const match = /^participants\.(\d+)\./.exec(path);
        const id = match ? ids[Number(match[1])] : undefined;
        if (id) {
          perPerson[id] = messages.join(' ');
          delete fields[path];
        } else if (path === 'participants') {
          this.peopleError.set({ text: messages.join(' ') });
          delete fields[path];
        }
      }
      this.personErrors.set(perPerson);
      const rest = applyServerErrors(this.form, { ...e, fields }, { at: 'date' });
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
