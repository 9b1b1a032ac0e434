import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  GROUP_SERIES_KINDS,
  type CreateGroupSeriesRequest,
  type GroupSeries,
  type GroupSeriesKind,
} from '@stegvis/contracts';
import { GroupSeriesApi } from '../../../core/api/group-series.api';
import { toApiError } from '../../../core/http/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { SvDatePipe } from '../../../shared/date.pipe';
import { todayIso } from '../../../shared/dates';
import {
  applyServerErrors,
  fieldMessage,
  focusFirstInvalid,
  type FieldMessage,
} from '../../../shared/server-errors';
import { dayValidator, intValidator } from '../../../shared/validators';
import { formatHours, hoursToMinutes, minutesToHours } from './group-series';
import { GroupSeriesStore } from './group-series.store';

type Notice = { key: string; params?: Record<string, unknown>; ok: boolean };

/** Hours per meeting as typed: a positive number up to 24 (the API's 1–1440 minutes). */
function hoursValidator(control: { value: unknown }): Record<string, unknown> | null {
  const value = control.value;
  if (value === null || value === '') return null;
  const minutes = hoursToMinutes(value as string);
  return minutes === null || minutes < 1 || minutes > 1440 ? { hours: true } : null;
}

function endAfterStart(group: {
  get(path: string): { value: unknown } | null;
}): Record<string, unknown> | null {
  const start = group.get('startDate')?.value as string;
  const end = group.get('endDate')?.value as string;
  return start && end && end < start ? { endBeforeStart: true } : null;
}

/** The programme's group series: list, start one, change or delete one without meetings. */
@Component({
  selector: 'sv-series-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
  ],
  templateUrl: './series-list.page.html',
  styleUrl: './group-series.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SeriesListPage {
  private readonly api = inject(GroupSeriesApi);
  protected readonly store = inject(GroupSeriesStore);
  protected readonly lang = inject(LanguageService).active;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');

  protected readonly kinds = GROUP_SERIES_KINDS;
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      name: ['', [Validators.required, Validators.maxLength(200)]],
      kind: ['future_workshop' as GroupSeriesKind, Validators.required],
      plannedMeetings: [null as number | null, [Validators.required, intValidator(1, 500, false)]],
      hoursPerMeeting: ['' as string | number, [Validators.required, hoursValidator]],
      startDate: [todayIso(), [Validators.required, dayValidator]],
      endDate: ['', [Validators.required, dayValidator]],
      completionPercent: [75 as number | null, [Validators.required, intValidator(1, 100, false)]],
      notes: ['', Validators.maxLength(10000)],
    },
    { validators: endAfterStart },
  );

  protected readonly items = signal<GroupSeries[] | null>(null);
  protected readonly loadFailed = signal(false);
  protected readonly editing = signal<GroupSeries | 'new' | null>(null);
  protected readonly confirming = signal<GroupSeries | null>(null);
  protected readonly saving = signal(false);
  protected readonly formError = signal<{ key?: string; text?: string } | null>(null);
  protected readonly notice = signal<Notice | null>(null);

  constructor() {
    // "Rätta de markerade fälten" goes once they are put right.
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.formError()?.key === 'form.fixErrors' && this.form.valid) this.formError.set(null);
    });
    effect(() => {
      const programmeId = this.store.programmeId();
      untracked(() => {
        this.editing.set(null);
        this.confirming.set(null);
        if (programmeId) void this.load();
      });
    });
  }

  protected async load(): Promise<void> {
    const programmeId = this.store.programmeId();
    this.loadFailed.set(false);
    try {
      const list = await this.api.list(programmeId);
      if (programmeId === this.store.programmeId()) this.items.set(list);
    } catch {
      this.loadFailed.set(true);
    }
  }

  protected chooseProgramme(event: Event): void {
    this.store.programmeId.set((event.target as HTMLSelectElement).value);
  }

  protected hours(minutes: number): string {
    return formatHours(minutes, this.lang());
  }

  protected open(target: GroupSeries | 'new'): void {
    const fresh = target === 'new';
    this.form.reset({
      name: fresh ? '' : target.name,
      kind: fresh ? 'future_workshop' : target.kind,
      plannedMeetings: fresh ? null : target.plannedMeetings,
      hoursPerMeeting: fresh ? '' : minutesToHours(target.plannedMinutesPerMeeting),
      startDate: fresh ? todayIso() : target.startDate,
      endDate: fresh ? '' : target.endDate,
      completionPercent: fresh ? 75 : target.completionPercent,
      notes: fresh ? '' : (target.notes ?? ''),
    });
    this.formError.set(null);
    this.notice.set(null);
    this.confirming.set(null);
    this.editing.set(target);
    this.afterRender(() => this.formEl()?.nativeElement.querySelector('input')?.focus());
  }

  protected cancel(): void {
    const target = this.editing();
    this.editing.set(null);
    this.focusItem(target === 'new' || !target ? null : target.id);
  }

  protected message(path: string): FieldMessage {
    return fieldMessage(this.form.get(path), {
      hours: 'groupSeries.form.hoursRange',
    });
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.formError.set({ key: 'form.fixErrors' });
      this.afterRender(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    const v = this.form.getRawValue();
    const body: CreateGroupSeriesRequest = {
      name: v.name.trim(),
      kind: v.kind,
      plannedMeetings: Number(v.plannedMeetings),
      plannedMinutesPerMeeting: hoursToMinutes(v.hoursPerMeeting) ?? 0,
      startDate: v.startDate,
      endDate: v.endDate,
      completionPercent: Number(v.completionPercent),
      notes: v.notes.trim() || null,
    };
    const target = this.editing();
    this.saving.set(true);
    this.formError.set(null);
    try {
      const saved =
        target === 'new' || !target
          ? await this.api.create(this.store.programmeId(), body)
          : await this.api.update(target.id, target.version, body);
      this.editing.set(null);
      this.notice.set({
        key: target === 'new' ? 'groupSeries.created' : 'groupSeries.saved',
        params: { name: saved.name },
        ok: true,
      });
      await this.load();
      this.focusItem(saved.id);
    } catch (caught) {
      const e = toApiError(caught);
      const rest = applyServerErrors(this.form, e, { plannedMinutesPerMeeting: 'hoursPerMeeting' });
      if (e.statusCode === 409 && target && target !== 'new') {
        // Someone else saved first: keep what was typed, on the version now stored.
        await this.load();
        const fresh = this.items()?.find((x) => x.id === target.id);
        if (fresh) this.editing.set(fresh);
        this.formError.set({ key: 'groupSeries.stale' });
      } else if (e.statusCode === 404) {
        await this.load();
        this.formError.set({ key: 'groupSeries.gone' });
      } else if (rest.length) {
        this.formError.set({ text: rest.join(' ') });
      } else {
        this.formError.set({
          key: e.statusCode === 0 ? 'errors.network' : e.fields ? 'form.fixErrors' : 'errors.save',
        });
      }
      this.afterRender(() => focusFirstInvalid(this.formEl()?.nativeElement));
    } finally {
      this.saving.set(false);
    }
  }

  protected askDelete(item: GroupSeries): void {
    this.editing.set(null);
    this.notice.set(null);
    this.confirming.set(item);
    this.afterRender(() =>
      this.host.nativeElement
        .querySelector<HTMLElement>('[data-testid="series-confirm-delete"]')
        ?.focus(),
    );
  }

  protected keep(item: GroupSeries): void {
    this.confirming.set(null);
    this.focusItem(item.id);
  }

  protected async remove(item: GroupSeries): Promise<void> {
    if (this.saving()) return;
    this.saving.set(true);
    try {
      await this.api.delete(item.id, item.version);
      this.notice.set({ key: 'groupSeries.deleted', params: { name: item.name }, ok: true });
    } catch (caught) {
      const e = toApiError(caught);
      this.notice.set({
        key:
          e.statusCode === 409
            ? 'groupSeries.deleteConflict'
            : e.statusCode === 0
              ? 'errors.network'
              : 'errors.save',
        ok: false,
      });
    } finally {
      this.confirming.set(null);
      this.saving.set(false);
    }
    await this.load();
    this.focusTitle();
  }

  private focusItem(id: string | null): void {
    this.afterRender(() => {
      const el = id
        ? this.host.nativeElement.querySelector<HTMLElement>(`[data-item-id="${id}"] a`)
        : null;
      if (el) el.focus();
      else this.focusTitle();
    });
  }

  private focusTitle(): void {
    this.host.nativeElement.querySelector<HTMLElement>('[data-testid="page-title"]')?.focus();
  }

  private afterRender(fn: () => void): void {
    afterNextRender(fn, { injector: this.injector });
  }
}
