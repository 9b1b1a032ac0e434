import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
  type OnInit,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ATTENDANCES,
  SESSION_MODES,
  type Attendance,
  type GroupSeriesDetail,
  type SeriesMeeting,
  type SessionMode,
} from '@stegvis/contracts';
import { GroupSeriesApi } from '../../../core/api/group-series.api';
import { toApiError } from '../../../core/http/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { SvDatePipe } from '../../../shared/date.pipe';
import { localDateTimeWithOffset, todayIso } from '../../../shared/dates';
import { applyServerErrors, fieldMessage, focusFirstInvalid } from '../../../shared/server-errors';
import { dayValidator } from '../../../shared/validators';
import {
  attendanceErrors,
  clampDay,
  enrolledOn,
  hoursToMinutes,
  minutesToHours,
  swedishDay,
} from './group-series';

let forms = 0;

function hoursValidator(control: { value: unknown }): Record<string, unknown> | null {
  const value = control.value;
  if (value === null || value === '') return null;
  const minutes = hoursToMinutes(value as string);
  return minutes === null || minutes < 1 || minutes > 1440 ? { hours: true } : null;
}

/**
 * Log a meeting of a series and take its attendance, or take (replace) a logged meeting's
 * attendance. One large three-way toggle per person enrolled on the meeting's day, so it works
 * with a thumb on a phone. Inputs and outputs only; saves through the series routes.
 */
@Component({
  selector: 'sv-series-meeting-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
  ],
  templateUrl: './meeting-form.component.html',
  styleUrl: './group-series.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingFormComponent implements OnInit {
  private readonly api = inject(GroupSeriesApi);
  private readonly injector = inject(Injector);
  protected readonly lang = inject(LanguageService).active;
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');

  readonly series = input.required<GroupSeriesDetail>();
  /** null: a new meeting. */
  readonly meeting = input<SeriesMeeting | null>(null);
  /** participantId → name (null: a record without a name). */
  readonly names = input.required<Record<string, string | null>>();
  readonly saved = output<SeriesMeeting>();
  readonly cancelled = output<void>();

  protected readonly uid = `sv-meeting-${++forms}`;
  protected readonly modes = SESSION_MODES;
  protected readonly attendances = ATTENDANCES;
  protected readonly form = inject(NonNullableFormBuilder).group({
    date: [todayIso(), [Validators.required, dayValidator]],
    time: ['09:00', [Validators.required, Validators.pattern(/^\d{2}:\d{2}/)]],
    hours: ['' as string | number, [Validators.required, hoursValidator]],
    mode: ['on_site' as SessionMode, Validators.required],
  });
  private readonly date = toSignal(this.form.controls.date.valueChanges, {
    initialValue: this.form.controls.date.value,
  });

  /** participantId → attendance chosen (someone not in it is not listed in the request). */
  protected readonly marks = signal<Record<string, Attendance>>({});
  protected readonly personErrors = signal<Record<string, string>>({});
  protected readonly formError = signal<{ key?: string; text?: string } | null>(null);
  protected readonly saving = signal(false);

  /** The meeting's day: a logged meeting's own (Swedish time), or the day being typed. */
  protected readonly day = computed(() => {
    const m = this.meeting();
    return m ? swedishDay(m.at) : this.date();
  });
  /** Who may be listed: enrolled on that day, by name. */
  protected readonly people = computed(() => {
    const day = this.day();
    const names = this.names();
    return this.series()
      .enrolments.filter((e) => enrolledOn(e, day))
      .map((e) => ({ id: e.participantId, name: names[e.participantId] ?? null }))
      .sort((a, b) =>
        a.name === null || b.name === null
          ? a.name === b.name
            ? 0
            : a.name === null
              ? 1
              : -1
          : a.name.localeCompare(b.name, 'sv'),
      );
  });
  protected readonly markedCount = computed(
    () => this.people().filter((p) => this.marks()[p.id]).length,
  );
  protected readonly attendedCount = computed(
    () => this.people().filter((p) => this.marks()[p.id] === 'attended').length,
  );

  constructor() {
    // "Rätta de markerade fälten" goes once they are put right.
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.formError()?.key === 'form.fixErrors' && this.form.valid) this.formError.set(null);
    });
  }

  ngOnInit(): void {
    const s = this.series();
    const m = this.meeting();
    this.form.reset({
      date: m ? swedishDay(m.at) : clampDay(todayIso(), s.startDate, s.endDate),
      time: m ? m.at.slice(11, 16) : `${String(new Date().getHours()).padStart(2, '0')}:00`,
      hours: minutesToHours(m ? m.durationMinutes : s.plannedMinutesPerMeeting),
      mode: m ? m.mode : 'on_site',
    });
    if (m) {
      this.marks.set(Object.fromEntries(m.attendance.map((a) => [a.participantId, a.attendance])));
      this.form.disable();
    }
    afterNextRender(
      () => {
        const el = this.formEl()?.nativeElement;
        el?.querySelector<HTMLElement>(m ? 'input[type="radio"]' : 'input')?.focus();
      },
      { injector: this.injector },
    );
  }

  protected mark(id: string, value: Attendance): void {
    this.marks.update((all) => ({ ...all, [id]: value }));
    this.personErrors.update((all) => {
      const next = { ...all };
      delete next[id];
      return next;
    });
  }

  protected clear(id: string): void {
    this.marks.update((all) => {
      const next = { ...all };
      delete next[id];
      return next;
    });
  }

  /** Everyone not yet marked as attended (the usual case), leaving others as they are. */
  protected markRest(): void {
    this.marks.update((all) => {
      const next = { ...all };
      for (const p of this.people()) next[p.id] ??= 'attended';
      return next;
    });
  }

  protected message(path: 'date' | 'time' | 'hours' | 'mode') {
    return fieldMessage(this.form.controls[path], { hours: 'groupSeries.form.hoursRange' });
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    const m = this.meeting();
    this.form.markAllAsTouched();
    if (!m && this.form.invalid) {
      this.formError.set({ key: 'form.fixErrors' });
      afterNextRender(() => focusFirstInvalid(this.formEl()?.nativeElement), {
        injector: this.injector,
      });
      return;
    }
    // Only those enrolled on the day are sent; marks left from another date are dropped.
    const marks = this.marks();
    const attendance = this.people()
      .filter((p) => marks[p.id])
      .map((p) => ({ participantId: p.id, attendance: marks[p.id] as Attendance }));
    const ids = attendance.map((a) => a.participantId);
    const v = this.form.getRawValue();
    this.saving.set(true);
    this.formError.set(null);
    this.personErrors.set({});
    try {
      const saved = m
        ? await this.api.takeAttendance(this.series().id, m.id, { attendance })
        : await this.api.createMeeting(this.series().id, {
            at: localDateTimeWithOffset(v.date, v.time.slice(0, 5)),
            durationMinutes: hoursToMinutes(v.hours) ?? 0,
            mode: v.mode,
            attendance,
          });
      this.saved.emit(saved);
    } catch (caught) {
      const e = toApiError(caught);
      const { perPerson, rest } = attendanceErrors(e.fields, ids);
      // Server words are kept for the record but the reason is said in the user's language.
      this.personErrors.set(
        Object.fromEntries(
          Object.keys(perPerson).map((id) => [id, 'groupSeries.meeting.notEnrolled']),
        ),
      );
      const unmatched = applyServerErrors(
        this.form,
        { ...e, fields: rest },
        { at: 'date', durationMinutes: 'hours' },
      );
      this.formError.set(
        e.statusCode === 404
          ? { key: 'groupSeries.gone' }
          : e.statusCode === 0
            ? { key: 'errors.network' }
            : Object.keys(perPerson).length
              ? { key: 'groupSeries.meeting.fixPeople' }
              : unmatched.length
                ? { text: unmatched.join(' ') }
                : { key: e.fields ? 'form.fixErrors' : 'errors.save' },
      );
      afterNextRender(
        () => {
          const el = this.formEl()?.nativeElement;
          const first = Object.keys(perPerson)[0];
          if (first) el?.querySelector<HTMLElement>(`[data-person="${first}"] input`)?.focus();
          else focusFirstInvalid(el);
        },
        { injector: this.injector },
      );
    } finally {
      this.saving.set(false);
    }
  }
}
