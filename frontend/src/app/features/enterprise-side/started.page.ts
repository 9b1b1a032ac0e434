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
import { TranslocoPipe } from '@jsverse/transloco';
import type { StartedEnterprise } from '@stegvis/contracts';
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
import { dayValidator } from '../../shared/validators';
import { failureKey } from './enterprise-side.forms';
import { EnterpriseSideStore } from './enterprise-side.store';

type Notice = { key: string; params?: Record<string, unknown>; ok: boolean };

/** New social enterprises started during the programme: a registered one, or only its name. */
@Component({
  selector: 'sv-started-enterprises-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
  ],
  templateUrl: './started.page.html',
  styleUrl: './enterprise-side.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartedPage {
  private readonly api = inject(EnterpriseSideApi);
  private readonly auth = inject(AuthService);
  protected readonly store = inject(EnterpriseSideStore);
  protected readonly lang = inject(LanguageService).active;
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly canCreate = computed(() => this.auth.can('startedEnterprise.create'));
  protected readonly canUpdate = computed(() => this.auth.can('startedEnterprise.update'));
  protected readonly canDelete = computed(() => this.auth.can('startedEnterprise.delete'));

  /** `enterpriseId` '' = not registered: then the name is needed (the server's rule too). */
  protected readonly form = inject(NonNullableFormBuilder).group({
    enterpriseId: [''],
    name: ['', Validators.maxLength(200)],
    startedOn: [todayIso(), [Validators.required, dayValidator]],
    isAsf: [true],
  });
  private readonly enterpriseId = toSignal(this.form.controls.enterpriseId.valueChanges, {
    initialValue: '',
  });
  protected readonly byName = computed(() => this.enterpriseId() === '');

  protected readonly items = signal<StartedEnterprise[] | null>(null);
  protected readonly loadFailed = signal(false);
  protected readonly enterprisesFailed = signal(false);
  protected readonly editing = signal<StartedEnterprise | 'new' | null>(null);
  protected readonly confirming = signal<StartedEnterprise | null>(null);
  protected readonly saving = signal(false);
  protected readonly formError = signal<{ key?: string; text?: string } | null>(null);
  protected readonly notice = signal<Notice | null>(null);

  constructor() {
    effect(() => {
      const programmeId = this.store.programmeId();
      untracked(() => {
        this.editing.set(null);
        this.confirming.set(null);
        if (programmeId) void this.load();
      });
    });
    // Only a name needs typing; a registered enterprise brings its own.
    this.form.controls.enterpriseId.valueChanges.subscribe((id) => {
      const name = this.form.controls.name;
      name.setValidators(
        id ? [Validators.maxLength(200)] : [Validators.required, Validators.maxLength(200)],
      );
      name.updateValueAndValidity({ emitEvent: false });
    });
  }

  protected async load(): Promise<void> {
    const programmeId = this.store.programmeId();
    this.loadFailed.set(false);
    try {
      const list = await this.api.started(programmeId);
      if (programmeId === this.store.programmeId()) this.items.set(list);
    } catch {
      this.loadFailed.set(true);
    }
  }

  protected async open(target: StartedEnterprise | 'new'): Promise<void> {
    const fresh = target === 'new';
    this.form.reset({
      enterpriseId: fresh ? '' : (target.enterpriseId ?? ''),
      name: fresh || target.enterpriseId ? '' : target.name,
      startedOn: fresh ? todayIso() : target.startedOn,
      isAsf: fresh ? true : target.isAsf,
    });
    this.formError.set(null);
    this.notice.set(null);
    this.confirming.set(null);
    this.editing.set(target);
    this.afterRender(() =>
      this.formEl()?.nativeElement.querySelector<HTMLElement>('select')?.focus(),
    );
    this.enterprisesFailed.set(false);
    await this.store.loadEnterprises().catch(() => this.enterprisesFailed.set(true));
  }

  protected cancel(): void {
    const target = this.editing();
    this.editing.set(null);
    this.focusItem(target === 'new' || !target ? null : target.id);
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
    const body = {
      enterpriseId: v.enterpriseId || null,
      name: v.enterpriseId ? null : v.name.trim(),
      startedOn: v.startedOn,
      isAsf: v.isAsf,
    };
    const target = this.editing();
    this.saving.set(true);
    this.formError.set(null);
    try {
      const saved =
        target === 'new' || !target
          ? await this.api.createStarted(this.store.programmeId(), body)
          : await this.api.updateStarted(target.id, target.version, body);
      this.editing.set(null);
      this.notice.set({ key: 'enterpriseSide.saved', params: { name: saved.name }, ok: true });
      await this.load();
      this.focusItem(saved.id);
    } catch (caught) {
      const e = toApiError(caught);
      const rest = applyServerErrors(this.form, e);
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
      if ((e.statusCode === 409 || e.statusCode === 404) && target && target !== 'new') {
        await this.load();
        this.editing.set(this.items()?.find((x) => x.id === target.id) ?? null);
      }
      this.afterRender(() => focusFirstInvalid(this.formEl()?.nativeElement));
    } finally {
      this.saving.set(false);
    }
  }

  protected askDelete(item: StartedEnterprise): void {
    this.editing.set(null);
    this.notice.set(null);
    this.confirming.set(item);
    this.afterRender(() =>
      this.host.nativeElement
        .querySelector<HTMLElement>('[data-testid="es-confirm-delete"]')
        ?.focus(),
    );
  }

  protected keep(item: StartedEnterprise): void {
    this.confirming.set(null);
    this.focusItem(item.id);
  }

  protected async remove(item: StartedEnterprise): Promise<void> {
    if (this.saving()) return;
    this.saving.set(true);
    try {
      await this.api.deleteStarted(item.id, item.version);
      this.notice.set({ key: 'enterpriseSide.deleted', params: { name: item.name }, ok: true });
    } catch (caught) {
      this.notice.set({ key: failureKey(toApiError(caught)) ?? 'errors.save', ok: false });
    } finally {
      this.confirming.set(null);
      this.saving.set(false);
    }
    await this.load();
    this.focusItem(null);
  }

  protected message(path: string): FieldMessage {
    return fieldMessage(this.form.get(path));
  }

  private focusItem(id: string | null): void {
    this.afterRender(() => {
      const el = id
        ? this.host.nativeElement.querySelector<HTMLElement>(`[data-item-id="${id}"] h3`)
        : null;
      (el ?? this.host.nativeElement.querySelector<HTMLElement>('#es-started-title'))?.focus();
    });
  }

  /** Focus moves once the change is on screen (change detection is scheduled, not synchronous). */
  private afterRender(fn: () => void): void {
    afterNextRender(fn, { injector: this.injector });
  }
}
