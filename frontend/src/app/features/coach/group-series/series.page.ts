import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  effect,
  untracked,
} from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { GroupSeriesDetail, SeriesEnrolment, SeriesMeeting } from '@stegvis/contracts';
import { GroupSeriesApi } from '../../../core/api/group-series.api';
import { toApiError } from '../../../core/http/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { SvDatePipe } from '../../../shared/date.pipe';
import { todayIso } from '../../../shared/dates';
import { dayValidator } from '../../../shared/validators';
import { ParticipantPickerComponent } from '../shared/participant-picker.component';
import { clampDay, completionKey, formatHours, formatPercent, swedishDay } from './group-series';
import { GroupSeriesStore } from './group-series.store';
import { MeetingFormComponent } from './meeting-form.component';

type Notice = { key: string; params?: Record<string, unknown>; ok: boolean };

/**
 * One series: who is enrolled and how their attendance measures up to the rule, enrolling
 * (several at once), leave dates, and its meetings with attendance taken meeting by meeting.
 */
@Component({
  selector: 'sv-series-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
    ParticipantPickerComponent,
    MeetingFormComponent,
  ],
  templateUrl: './series.page.html',
  styleUrl: './group-series.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SeriesPage {
  private readonly api = inject(GroupSeriesApi);
  protected readonly store = inject(GroupSeriesStore);
  protected readonly lang = inject(LanguageService).active;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** The route's `:id` (component input binding). */
  readonly id = input.required<string>();

  protected readonly series = signal<GroupSeriesDetail | null>(null);
  protected readonly meetings = signal<SeriesMeeting[]>([]);
  protected readonly loadError = signal<'missing' | 'failed' | null>(null);
  protected readonly notice = signal<Notice | null>(null);
  protected readonly busy = signal(false);

  // Enrolment of several at once.
  protected readonly chosen = signal<string[]>([]);
  protected readonly joinedOn = new FormControl(todayIso(), {
    nonNullable: true,
    validators: [Validators.required, dayValidator],
  });
  protected readonly enrolErrors = signal<Record<string, string>>({});
  protected readonly enrolOpen = signal(false);

  // One enrolment's leave date, or its removal being confirmed.
  protected readonly leaving = signal<string | null>(null);
  protected readonly leftOn = new FormControl('', { nonNullable: true, validators: dayValidator });
  protected readonly leaveError = signal<{ key?: string; text?: string } | null>(null);
  protected readonly removing = signal<string | null>(null);

  /** 'new', a meeting's id, or null: the attendance form open. */
  protected readonly taking = signal<string | null>(null);

  protected readonly names = computed<Record<string, string | null>>(() => {
    this.store.people();
    const s = this.series();
    return Object.fromEntries(
      (s?.enrolments ?? []).map((e) => [e.participantId, this.store.nameOf(e.participantId)]),
    );
  });
  protected readonly enrolments = computed(() => {
    const names = this.names();
    return [...(this.series()?.enrolments ?? [])].sort((a, b) =>
      (names[a.participantId] ?? '\uffff').localeCompare(names[b.participantId] ?? '\uffff', 'sv'),
    );
  });
  protected readonly candidates = computed(() => {
    const s = this.series();
    if (!s) return [];
    const enrolled = new Set(s.enrolments.map((e) => e.participantId));
    return this.store
      .people()
      .filter(
        (p) =>
          p.programmeId === s.programmeId &&
          p.status !== 'exited' &&
          !p.reduced &&
          !enrolled.has(p.id),
      );
  });
  /** Σ attended / Σ held over the enrolments: the series' attendance rate. */
  protected readonly rate = computed(() => {
    const list = this.series()?.enrolments ?? [];
    const held = list.reduce((n, e) => n + e.meetingsHeld, 0);
    const attended = list.reduce((n, e) => n + e.attended, 0);
    return held ? { attended, held, percent: Math.round((attended / held) * 1000) / 10 } : null;
  });
  protected readonly editingMeeting = computed(
    () => this.meetings().find((m) => m.id === this.taking()) ?? null,
  );

  constructor() {
    void this.store.loadPeople();
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  protected async load(id = this.id()): Promise<void> {
    this.loadError.set(null);
    try {
      const [series, meetings] = await Promise.all([this.api.get(id), this.api.meetings(id)]);
      this.series.set(series);
      this.meetings.set(meetings);
      if (!this.joinedOn.dirty) {
        this.joinedOn.setValue(clampDay(todayIso(), series.startDate, series.endDate));
      }
    } catch (caught) {
      const e = toApiError(caught);
      this.loadError.set(e.statusCode === 404 || e.statusCode === 403 ? 'missing' : 'failed');
    }
  }

  protected hours(minutes: number): string {
    return formatHours(minutes, this.lang());
  }

  protected percent(value: number | null): string {
    return value === null ? '–' : formatPercent(value, this.lang());
  }

  protected completion(e: SeriesEnrolment): string {
    return completionKey(e.completed);
  }

  protected nameOf(id: string): string | null {
    return this.names()[id] ?? this.store.nameOf(id);
  }

  protected meetingNumber(m: SeriesMeeting): number {
    return this.meetings().indexOf(m) + 1;
  }

  protected attendedAt(m: SeriesMeeting): number {
    return m.attendance.filter((a) => a.attendance === 'attended').length;
  }

  protected meetingDay(m: SeriesMeeting): string {
    return swedishDay(m.at);
  }

  // ---- enrol ----

  protected toggle(id: string, on: boolean): void {
    this.chosen.update((list) => (on ? [...list, id] : list.filter((x) => x !== id)));
    this.enrolErrors.update((all) => {
      const next = { ...all };
      delete next[id];
      return next;
    });
  }

  protected async enrol(): Promise<void> {
    const s = this.series();
    if (!s || this.busy()) return;
    this.joinedOn.markAsTouched();
    if (this.joinedOn.invalid || !this.chosen().length) {
      this.notice.set({
        key: this.chosen().length ? 'form.fixErrors' : 'groupSeries.enrol.chooseSomeone',
        ok: false,
      });
      return;
    }
    this.busy.set(true);
    this.notice.set(null);
    const failed: Record<string, string> = {};
    let done = 0;
    // One at a time: each is its own enrolment, and the failures are said per person.
    for (const participantId of this.chosen()) {
      try {
        await this.api.enrol(s.id, { participantId, joinedOn: this.joinedOn.value });
        done++;
      } catch (caught) {
        const e = toApiError(caught);
        failed[participantId] =
          e.statusCode === 409
            ? 'groupSeries.enrol.already'
            : e.fields?.['joinedOn']
              ? 'groupSeries.enrol.joinedOutside'
              : e.statusCode === 0
                ? 'errors.network'
                : 'groupSeries.enrol.failed';
      }
    }
    this.enrolErrors.set(failed);
    this.chosen.set(Object.keys(failed));
    const left = Object.keys(failed).length;
    this.notice.set(
      left
        ? { key: 'groupSeries.enrol.someFailed', params: { done, failed: left }, ok: false }
        : { key: 'groupSeries.enrol.done', params: { count: done }, ok: true },
    );
    await this.load();
    this.busy.set(false);
    if (!left) this.enrolOpen.set(false);
  }

  // ---- leave date and removal ----

  protected openLeave(e: SeriesEnrolment): void {
    this.removing.set(null);
    this.leaveError.set(null);
    this.leftOn.reset(
      e.leftOn ?? clampDay(todayIso(), e.joinedOn, this.series()?.endDate ?? e.joinedOn),
    );
    this.leaving.set(e.participantId);
    this.afterRender(() =>
      this.host.nativeElement.querySelector<HTMLElement>('[data-testid="leave-date"]')?.focus(),
    );
  }

  protected async saveLeave(e: SeriesEnrolment, clear = false): Promise<void> {
    const s = this.series();
    if (!s || this.busy()) return;
    this.leftOn.markAsTouched();
    if (!clear && this.leftOn.invalid) return;
    this.busy.set(true);
    this.leaveError.set(null);
    try {
      await this.api.updateEnrolment(s.id, e.participantId, {
        leftOn: clear ? null : this.leftOn.value || null,
      });
      this.leaving.set(null);
      this.notice.set({
        key: clear ? 'groupSeries.leave.cleared' : 'groupSeries.leave.saved',
        params: { name: this.nameOf(e.participantId) ?? '' },
        ok: true,
      });
      await this.load();
      this.focusEnrolment(e.participantId);
    } catch (caught) {
      const err = toApiError(caught);
      this.leaveError.set(
        err.fields?.['leftOn']
          ? { key: 'groupSeries.leave.invalid', text: err.fields['leftOn'].join(' ') }
          : { key: err.statusCode === 0 ? 'errors.network' : 'errors.save' },
      );
    } finally {
      this.busy.set(false);
    }
  }

  protected askRemove(e: SeriesEnrolment): void {
    this.leaving.set(null);
    this.removing.set(e.participantId);
    this.afterRender(() =>
      this.host.nativeElement
        .querySelector<HTMLElement>('[data-testid="enrolment-confirm-remove"]')
        ?.focus(),
    );
  }

  protected keep(e: SeriesEnrolment): void {
    this.removing.set(null);
    this.focusEnrolment(e.participantId);
  }

  protected async remove(e: SeriesEnrolment): Promise<void> {
    const s = this.series();
    if (!s || this.busy()) return;
    this.busy.set(true);
    const name = this.nameOf(e.participantId) ?? '';
    try {
      await this.api.removeEnrolment(s.id, e.participantId);
      this.notice.set({ key: 'groupSeries.remove.done', params: { name }, ok: true });
    } catch (caught) {
      const err = toApiError(caught);
      this.notice.set({
        key: err.statusCode === 409 ? 'groupSeries.remove.conflict' : 'errors.save',
        params: { name },
        ok: false,
      });
    } finally {
      this.removing.set(null);
      this.busy.set(false);
    }
    await this.load();
    this.afterRender(() =>
      this.host.nativeElement
        .querySelector<HTMLElement>('[data-testid="series-notice"] p')
        ?.focus(),
    );
  }

  // ---- meetings ----

  protected takeAttendance(target: string): void {
    this.notice.set(null);
    this.taking.set(target);
  }

  protected async meetingSaved(m: SeriesMeeting): Promise<void> {
    const wasNew = this.taking() === 'new';
    this.taking.set(null);
    this.notice.set({
      key: wasNew ? 'groupSeries.meeting.saved' : 'groupSeries.meeting.attendanceSaved',
      params: { attended: this.attendedAt(m), total: m.attendance.length },
      ok: true,
    });
    await this.load();
    this.afterRender(() =>
      this.host.nativeElement.querySelector<HTMLElement>('#series-people-title')?.focus(),
    );
  }

  protected meetingCancelled(): void {
    const was = this.taking();
    this.taking.set(null);
    this.afterRender(() =>
      this.host.nativeElement
        .querySelector<HTMLElement>(
          was && was !== 'new'
            ? `[data-meeting-id="${was}"] button`
            : '[data-testid="meeting-new"]',
        )
        ?.focus(),
    );
  }

  private focusEnrolment(id: string): void {
    this.afterRender(() =>
      this.host.nativeElement
        .querySelector<HTMLElement>(`[data-enrolment-id="${id}"] .sv-enrolment__name`)
        ?.focus(),
    );
  }

  private afterRender(fn: () => void): void {
    afterNextRender(fn, { injector: this.injector });
  }
}
