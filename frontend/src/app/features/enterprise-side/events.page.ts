import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoDirective, TranslocoPipe } from '@jsverse/transloco';
import {
  ATTENDEE_SECTORS,
  ENTERPRISE_EVENT_KINDS,
  GENDERS,
  type AttendeeSector,
  type EnterpriseEvent,
  type EnterpriseEventKind,
  type Gender,
} from '@stegvis/contracts';
import { EnterpriseSideApi } from '../../core/api/enterprise-side.api';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { SvDatePipe } from '../../shared/date.pipe';
import { todayIso } from '../../shared/dates';
import {
  applyServerErrors,
  fieldMessage,
  focusFirstInvalid,
  type FieldMessage,
} from '../../shared/server-errors';
import { dayValidator, intValidator } from '../../shared/validators';
import {
  RuleErrorMatcher,
  countsRequest,
  eventCountsValidator,
  eventFieldPath,
  failureKey,
  ruleFor,
  withFieldPaths,
  type EventCountsValue,
} from './enterprise-side.forms';
import { EnterpriseSideStore } from './enterprise-side.store';

const MAX_COUNT = 100_000;

type Notice = { key: string; params?: Record<string, unknown>; ok: boolean };

/** Meeting places, network meetings, workshops and study visits: counts only, no attendee register. */
@Component({
  selector: 'sv-enterprise-events-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
    TranslocoDirective,
  ],
  templateUrl: './events.page.html',
  styleUrl: './enterprise-side.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventsPage {
  private readonly api = inject(EnterpriseSideApi);
  private readonly auth = inject(AuthService);
  protected readonly store = inject(EnterpriseSideStore);
  protected readonly lang = inject(LanguageService).active;
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly kinds = ENTERPRISE_EVENT_KINDS;
  protected readonly sectors = ATTENDEE_SECTORS;
  protected readonly genders = GENDERS;
  protected readonly canCreate = computed(() => this.auth.can('enterpriseEvent.create'));
  protected readonly canUpdate = computed(() => this.auth.can('enterpriseEvent.update'));
  protected readonly canDelete = computed(() => this.auth.can('enterpriseEvent.delete'));

  private readonly fb = inject(NonNullableFormBuilder);
  private readonly count = () => this.fb.control<number | null>(null, intValidator(0, MAX_COUNT));
  protected readonly form = this.fb.group(
    {
      date: [todayIso(), [Validators.required, dayValidator]],
      title: ['', [Validators.required, Validators.maxLength(200)]],
      kind: ['meeting_place' as EnterpriseEventKind, Validators.required],
      total: this.count(),
      bySector: this.fb.group(
        Object.fromEntries(ATTENDEE_SECTORS.map((s) => [s, this.count()])) as Record<
          AttendeeSector,
          ReturnType<EventsPage['count']>
        >,
      ),
      withGender: [false],
      byGender: this.fb.group(
        Object.fromEntries(GENDERS.map((g) => [g, this.count()])) as Record<
          Gender,
          ReturnType<EventsPage['count']>
        >,
      ),
    },
    { validators: eventCountsValidator },
  );
  protected readonly totalMatcher = new RuleErrorMatcher(this.form, 'attendeesTotal');
  private readonly formValue = toSignal(this.form.valueChanges, { initialValue: this.form.value });
  protected readonly withGender = computed(() => this.formValue().withGender === true);

  protected readonly items = signal<EnterpriseEvent[] | null>(null);
  protected readonly loadFailed = signal(false);
  protected readonly editing = signal<EnterpriseEvent | 'new' | null>(null);
  protected readonly confirming = signal<EnterpriseEvent | null>(null);
  protected readonly saving = signal(false);
  protected readonly formError = signal<{ key?: string; text?: string } | null>(null);
  protected readonly notice = signal<Notice | null>(null);
  /** Shown once the user has tried to save, so a rule on the whole form shows then. */
  protected readonly submitted = signal(false);

  constructor() {
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
      const list = await this.api.events(programmeId);
      if (programmeId === this.store.programmeId()) this.items.set(list);
    } catch {
      this.loadFailed.set(true);
    }
  }

  protected open(target: EnterpriseEvent | 'new'): void {
    const fresh = target === 'new';
    const sectors = Object.fromEntries(
      ATTENDEE_SECTORS.map((s) => [s, fresh ? null : (target.attendeesBySector?.[s] ?? null)]),
    );
    const genders = Object.fromEntries(
      GENDERS.map((g) => [g, fresh ? null : (target.attendeesByGender?.[g] ?? null)]),
    );
    this.form.reset({
      date: fresh ? todayIso() : target.date,
      title: fresh ? '' : target.title,
      kind: fresh ? 'meeting_place' : target.kind,
      // A total that only followed the sectors stays empty, so it keeps following them.
      total: fresh || target.attendeesBySector ? null : target.attendeesTotal,
      bySector: sectors,
      withGender: !fresh && target.attendeesByGender !== null,
      byGender: genders,
    });
    this.formError.set(null);
    this.notice.set(null);
    this.submitted.set(false);
    this.confirming.set(null);
    this.editing.set(target);
    this.afterRender(() => this.formEl()?.nativeElement.querySelector('input')?.focus());
  }

  protected cancel(): void {
    const target = this.editing();
    this.editing.set(null);
    this.focusItem(target === 'new' || !target ? null : target.id);
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    this.form.markAllAsTouched();
    this.submitted.set(true);
    if (this.form.invalid) {
      this.formError.set({ key: 'form.fixErrors' });
      this.afterRender(() => this.focusProblem());
      return;
    }
    const v = this.form.getRawValue();
    const body = {
      date: v.date,
      title: v.title.trim(),
      kind: v.kind,
      ...countsRequest(v as EventCountsValue),
    };
    const target = this.editing();
    this.saving.set(true);
    this.formError.set(null);
    try {
      const saved =
        target === 'new' || !target
          ? await this.api.createEvent(this.store.programmeId(), body)
          : await this.api.updateEvent(target.id, target.version, body);
      this.editing.set(null);
      this.notice.set({ key: 'enterpriseSide.saved', params: { name: saved.title }, ok: true });
      await this.load();
      this.focusItem(saved.id);
    } catch (caught) {
      const e = toApiError(caught);
      const rest = applyServerErrors(this.form, withFieldPaths(e, eventFieldPath));
      const key = failureKey(e);
      this.formError.set(
        rest.length
          ? { text: rest.join(' ') }
          : key
            ? { key }
            : e.message
              ? { text: e.message }
              : { key: 'errors.save' },
      );
      if (e.statusCode === 409 || e.statusCode === 404) await this.afterStale(target);
      this.afterRender(() => this.focusProblem());
    } finally {
      this.saving.set(false);
    }
  }

  /** Someone else changed or deleted it: re-read, and keep what was typed on the fresh version. */
  private async afterStale(target: EnterpriseEvent | 'new' | null): Promise<void> {
    await this.load();
    if (target && target !== 'new') {
      const fresh = this.items()?.find((x) => x.id === target.id);
      this.editing.set(fresh ?? 'new');
    }
  }

  protected askDelete(item: EnterpriseEvent): void {
    this.editing.set(null);
    this.notice.set(null);
    this.confirming.set(item);
    this.afterRender(() =>
      this.host.nativeElement
        .querySelector<HTMLElement>('[data-testid="es-confirm-delete"]')
        ?.focus(),
    );
  }

  protected keep(item: EnterpriseEvent): void {
    this.confirming.set(null);
    this.focusItem(item.id);
  }

  protected async remove(item: EnterpriseEvent): Promise<void> {
    if (this.saving()) return;
    this.saving.set(true);
    try {
      await this.api.deleteEvent(item.id, item.version);
      this.notice.set({ key: 'enterpriseSide.deleted', params: { name: item.title }, ok: true });
    } catch (caught) {
      const e = toApiError(caught);
      this.notice.set({ key: failureKey(e) ?? 'errors.save', ok: false });
    } finally {
      this.confirming.set(null);
      this.saving.set(false);
    }
    await this.load();
    this.focusTitle();
  }

  protected countMessage(path: string): FieldMessage {
    return fieldMessage(this.form.get(path));
  }

  protected totalMessage():
    FieldMessage | { key: string; params: Record<string, unknown>; text: string } {
    const own = fieldMessage(this.form.controls.total);
    if (own.key || own.text) return own;
    const rule = ruleFor(this.form, 'attendeesTotal');
    return rule ? { key: rule.key, params: rule.params, text: '' } : own;
  }

  /** About the gender breakdown as a whole: the form's rule, or the server's words. */
  protected genderMessage(): { key: string; params: Record<string, unknown>; text: string } | null {
    const server = this.form.controls.byGender.getError('server') as string | null;
    if (server) return { key: '', params: {}, text: server };
    const rule = ruleFor(this.form, 'attendeesByGender');
    return rule && this.submitted() ? { key: rule.key, params: rule.params, text: '' } : null;
  }

  /** ": 28 offentlig sektor, 12 samhällsentreprenörer" — the code labels from libs/contracts. */
  protected breakdown(
    t: (key: string) => string,
    group: 'attendeeSector' | 'gender',
    parts: { key: string; count: number }[],
    lead: string,
  ): string {
    if (!parts.length) return '';
    const words = parts.map((p) => {
      const label = t(`${group}.${p.key}`);
      return group === 'attendeeSector'
        ? `${p.count} ${label.toLocaleLowerCase()}`
        : `${label} ${p.count}`;
    });
    return lead + words.join(', ');
  }

  protected sectorSummary(e: EnterpriseEvent): { key: AttendeeSector; count: number }[] {
    const by = e.attendeesBySector;
    return by
      ? ATTENDEE_SECTORS.map((key) => ({ key, count: by[key] })).filter((x) => x.count > 0)
      : [];
  }

  protected genderSummary(e: EnterpriseEvent): { key: Gender; count: number }[] {
    const by = e.attendeesByGender;
    return by ? GENDERS.map((key) => ({ key, count: by[key] })).filter((x) => x.count > 0) : [];
  }

  private focusProblem(): void {
    const form = this.formEl()?.nativeElement;
    if (!form) return;
    if (ruleFor(this.form, 'attendeesTotal') && !this.form.controls.total.invalid) {
      form.querySelector<HTMLElement>('[data-testid="event-total"]')?.focus();
      return;
    }
    if (this.genderMessage() && !form.querySelector('.ng-invalid input, input.ng-invalid')) {
      form.querySelector<HTMLElement>('[data-testid="event-gender-female"]')?.focus();
      return;
    }
    focusFirstInvalid(form);
    if (!form.contains(document.activeElement))
      form.querySelector<HTMLElement>('[role="alert"] p')?.focus();
  }

  private focusItem(id: string | null): void {
    this.afterRender(() => {
      const el = id
        ? this.host.nativeElement.querySelector<HTMLElement>(`[data-item-id="${id}"] h3`)
        : null;
      if (el) el.focus();
      else this.focusTitle();
    });
  }

  private focusTitle(): void {
    this.host.nativeElement.querySelector<HTMLElement>('#es-events-title')?.focus();
  }

  /** Focus moves once the change is on screen (change detection is scheduled, not synchronous). */
  private afterRender(fn: () => void): void {
    afterNextRender(fn, { injector: this.injector });
  }
}
