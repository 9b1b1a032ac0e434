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
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  FormControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ADVICE_FORMATS,
  ADVICE_KINDS,
  type AdviceFormat,
  type AdviceKind,
  type AdviceSession,
} from '@stegvis/contracts';
import { EnterpriseSideApi } from '../../core/api/enterprise-side.api';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { SvDatePipe } from '../../shared/date.pipe';
import { formatDay, todayIso } from '../../shared/dates';
import { applyServerErrors, fieldMessage, type FieldMessage } from '../../shared/server-errors';
import { dayValidator, intValidator } from '../../shared/validators';
import {
  FieldRuleMatcher,
  adviceContactsValidator,
  adviceFieldPath,
  failureKey,
  ruleFor,
  withFieldPaths,
} from './enterprise-side.forms';
import { EnterpriseSideStore } from './enterprise-side.store';
import { AdviceStore } from './advice.store';

type Notice = { key: string; params?: Record<string, unknown>; ok: boolean };

/**
 * "Rådgivningstillfällen": business advice, life coaching and other advice, individual (one
 * person) or group (one or more), with the people who took part.
 */
@Component({
  selector: 'sv-advice-sessions',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
  ],
  templateUrl: './advice-sessions.component.html',
  styleUrl: './enterprise-side.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdviceSessionsComponent {
  private readonly api = inject(EnterpriseSideApi);
  private readonly auth = inject(AuthService);
  protected readonly store = inject(EnterpriseSideStore);
  protected readonly advice = inject(AdviceStore);
  protected readonly lang = inject(LanguageService).active;
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly kinds = ADVICE_KINDS;
  protected readonly formats = ADVICE_FORMATS;
  protected readonly canCreate = computed(() => this.auth.can('adviceSession.create'));
  protected readonly canUpdate = computed(() => this.auth.can('adviceSession.update'));
  protected readonly canDelete = computed(() => this.auth.can('adviceSession.delete'));

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      date: [todayIso(), [Validators.required, dayValidator]],
      kind: ['business_advice' as AdviceKind, Validators.required],
      format: ['individual' as AdviceFormat, Validators.required],
      durationMinutes: [null as number | null, intValidator(1, 1440, false)],
      contactIds: [[] as string[]],
    },
    { validators: adviceContactsValidator },
  );
  /** The individual session's single select stands for the one-element `contactIds`. */
  protected readonly single = new FormControl('', { nonNullable: true });
  protected readonly contactsMatcher = new FieldRuleMatcher(this.form, 'contactIds');
  protected readonly format = signal<AdviceFormat>('individual');
  protected readonly chosen = signal<readonly string[]>([]);
  protected readonly filter = signal('');
  protected readonly submitted = signal(false);
  protected readonly shownContacts = computed(() => {
    const needle = this.filter().trim().toLocaleLowerCase('sv');
    const all = this.advice.contacts() ?? [];
    return needle ? all.filter((c) => c.name.toLocaleLowerCase('sv').includes(needle)) : all;
  });

  protected readonly editing = signal<AdviceSession | 'new' | null>(null);
  protected readonly confirming = signal<AdviceSession | null>(null);
  protected readonly saving = signal(false);
  protected readonly formError = signal<{ key?: string; text?: string } | null>(null);
  protected readonly notice = signal<Notice | null>(null);

  constructor() {
    effect(() => {
      this.store.programmeId();
      untracked(() => {
        this.editing.set(null);
        this.confirming.set(null);
      });
    });
    this.form.controls.format.valueChanges.pipe(takeUntilDestroyed()).subscribe((format) => {
      this.format.set(format);
      this.syncSingle();
    });
    this.form.controls.contactIds.valueChanges.pipe(takeUntilDestroyed()).subscribe((ids) => {
      this.chosen.set(ids);
      this.syncSingle();
    });
  }

  protected open(target: AdviceSession | 'new'): void {
    const fresh = target === 'new';
    this.form.reset({
      date: fresh ? todayIso() : target.date,
      kind: fresh ? 'business_advice' : target.kind,
      format: fresh ? 'individual' : target.format,
      durationMinutes: fresh ? null : target.durationMinutes,
      contactIds: fresh ? [] : [...target.contactIds],
    });
    this.filter.set('');
    this.submitted.set(false);
    this.formError.set(null);
    this.notice.set(null);
    this.confirming.set(null);
    this.editing.set(target);
    this.afterRender(() =>
      this.formEl()?.nativeElement.querySelector<HTMLElement>('input, select')?.focus(),
    );
  }

  protected cancel(): void {
    const target = this.editing();
    this.editing.set(null);
    this.focusItem(target === 'new' || !target ? null : target.id);
  }

  /** The individual session's select: one person, or none chosen yet. */
  protected pickOne(id: string): void {
    const control = this.form.controls.contactIds;
    control.setValue(id ? [id] : []);
    control.markAsTouched();
  }

  protected toggle(id: string, on: boolean): void {
    const control = this.form.controls.contactIds;
    const rest = control.value.filter((x) => x !== id);
    control.setValue(on ? [...rest, id] : rest);
    control.markAsTouched();
  }

  protected onFilter(event: Event): void {
    this.filter.set((event.target as HTMLInputElement).value);
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    this.submitted.set(true);
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.formError.set({ key: 'form.fixErrors' });
      this.afterRender(() => this.focusProblem());
      return;
    }
    const v = this.form.getRawValue();
    const body = {
      date: v.date,
      kind: v.kind,
      format: v.format,
      durationMinutes: Number(v.durationMinutes),
      contactIds: [...v.contactIds],
    };
    const target = this.editing();
    this.saving.set(true);
    this.formError.set(null);
    try {
      const saved =
        target === 'new' || !target
          ? await this.api.createAdviceSession(this.store.programmeId(), body)
          : await this.api.updateAdviceSession(target.id, target.version, body);
      this.editing.set(null);
      this.notice.set({
        key: 'enterpriseSide.advice.sessionSaved',
        params: { date: formatDay(saved.date, this.lang()) },
        ok: true,
      });
      await this.advice.load();
      this.focusItem(saved.id);
    } catch (caught) {
      const e = toApiError(caught);
      const rest = applyServerErrors(this.form, withFieldPaths(e, adviceFieldPath));
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
  private async afterStale(target: AdviceSession | 'new' | null): Promise<void> {
    await this.advice.load();
    if (target && target !== 'new') {
      const fresh = this.advice.sessions()?.find((x) => x.id === target.id);
      this.editing.set(fresh ?? null);
    }
  }

  protected askDelete(item: AdviceSession): void {
    this.editing.set(null);
    this.notice.set(null);
    this.confirming.set(item);
    this.afterRender(() =>
      this.host.nativeElement
        .querySelector<HTMLElement>('[data-testid="session-confirm-delete"]')
        ?.focus(),
    );
  }

  protected keep(item: AdviceSession): void {
    this.confirming.set(null);
    this.focusItem(item.id);
  }

  protected async remove(item: AdviceSession): Promise<void> {
    if (this.saving()) return;
    this.saving.set(true);
    try {
      await this.api.deleteAdviceSession(item.id, item.version);
      this.notice.set({
        key: 'enterpriseSide.advice.sessionDeleted',
        params: { date: formatDay(item.date, this.lang()) },
        ok: true,
      });
    } catch (caught) {
      this.notice.set({ key: failureKey(toApiError(caught)) ?? 'errors.save', ok: false });
    } finally {
      this.confirming.set(null);
      this.saving.set(false);
    }
    await this.advice.load();
    this.focusItem(null);
  }

  /** The names of who took part, as the contacts list has them now. */
  protected people(session: AdviceSession): string {
    const names = this.advice.names();
    return session.contactIds
      .map((id) => names.get(id))
      .filter((n): n is string => !!n)
      .sort((a, b) => a.localeCompare(b, 'sv'))
      .join(', ');
  }

  protected message(path: string): FieldMessage {
    return fieldMessage(this.form.get(path));
  }

  /** The contacts field: the server's words first, then the form's own rule. */
  protected contactsMessage(): FieldMessage | null {
    const control = this.form.controls.contactIds;
    if (!control.touched && !this.submitted()) return null;
    const own = fieldMessage(control);
    if (own.key || own.text) return own;
    const rule = ruleFor(this.form, 'contactIds');
    return rule ? { key: rule.key, params: rule.params, text: '' } : null;
  }

  private syncSingle(): void {
    const ids = this.form.controls.contactIds.value;
    this.single.setValue(ids.length === 1 ? ids[0] : '', { emitEvent: false });
  }

  /** The first field in error, in the form's order (the contacts field last). */
  private focusProblem(): void {
    const form = this.formEl()?.nativeElement;
    if (!form) return;
    const c = this.form.controls;
    const fields: [AbstractControl, string][] = [
      [c.date, 'session-date'],
      [c.kind, 'session-kind'],
      [c.format, 'session-format'],
      [c.durationMinutes, 'session-duration'],
    ];
    const first = fields.find(([control]) => control.invalid);
    form
      .querySelector<HTMLElement>(
        first
          ? `[data-testid="${first[1]}"]`
          : '[data-testid="session-contact"], [data-testid="session-contact-option"] input',
      )
      ?.focus();
  }

  private focusItem(id: string | null): void {
    this.afterRender(() => {
      const el = id
        ? this.host.nativeElement.querySelector<HTMLElement>(`[data-item-id="${id}"] h3`)
        : null;
      (el ?? this.host.nativeElement.querySelector<HTMLElement>('#es-sessions-title'))?.focus();
    });
  }

  /** Focus moves once the change is on screen (change detection is scheduled, not synchronous). */
  private afterRender(fn: () => void): void {
    afterNextRender(fn, { injector: this.injector });
  }
}
