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
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { GENDERS, type EntrepreneurContact, type Gender } from '@stegvis/contracts';
import { EnterpriseSideApi } from '../../core/api/enterprise-side.api';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { applyServerErrors, fieldMessage, type FieldMessage } from '../../shared/server-errors';
import { failureKey } from './enterprise-side.forms';
import { EnterpriseSideStore } from './enterprise-side.store';
import { AdviceStore } from './advice.store';

type Notice = { key: string; params?: Record<string, unknown>; ok: boolean };

/**
 * "Entreprenörer": the people advised — a name or initials, gender, and the enterprise they run
 * or work at (or the idea stage). Nothing more is kept about them.
 */
@Component({
  selector: 'sv-advice-contacts',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
  ],
  templateUrl: './advice-contacts.component.html',
  styleUrl: './enterprise-side.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdviceContactsComponent {
  private readonly api = inject(EnterpriseSideApi);
  private readonly auth = inject(AuthService);
  protected readonly store = inject(EnterpriseSideStore);
  protected readonly advice = inject(AdviceStore);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly genders = GENDERS;
  protected readonly canCreate = computed(() => this.auth.can('entrepreneurContact.create'));
  protected readonly canUpdate = computed(() => this.auth.can('entrepreneurContact.update'));
  protected readonly canDelete = computed(() => this.auth.can('entrepreneurContact.delete'));

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(100)]],
    gender: ['' as Gender | '', Validators.required],
    enterpriseId: [''],
  });

  protected readonly enterprisesFailed = signal(false);
  protected readonly editing = signal<EntrepreneurContact | 'new' | null>(null);
  protected readonly confirming = signal<EntrepreneurContact | null>(null);
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
  }

  protected async open(target: EntrepreneurContact | 'new'): Promise<void> {
    const fresh = target === 'new';
    this.form.reset({
      name: fresh ? '' : target.name,
      gender: fresh ? '' : target.gender,
      enterpriseId: fresh ? '' : (target.enterpriseId ?? ''),
    });
    this.formError.set(null);
    this.notice.set(null);
    this.confirming.set(null);
    this.editing.set(target);
    this.afterRender(() =>
      this.formEl()?.nativeElement.querySelector<HTMLElement>('input, select')?.focus(),
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
      this.afterRender(() => this.focusProblem());
      return;
    }
    const v = this.form.getRawValue();
    const body = {
      name: v.name.trim(),
      gender: v.gender as Gender,
      enterpriseId: v.enterpriseId || null,
    };
    const target = this.editing();
    this.saving.set(true);
    this.formError.set(null);
    try {
      const saved =
        target === 'new' || !target
          ? await this.api.createContact(this.store.programmeId(), body)
          : await this.api.updateContact(target.id, target.version, body);
      this.editing.set(null);
      this.notice.set({ key: 'enterpriseSide.saved', params: { name: saved.name }, ok: true });
      await this.advice.load();
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
      if (e.statusCode === 409 || e.statusCode === 404) await this.afterStale(target);
      this.afterRender(() => this.focusProblem());
    } finally {
      this.saving.set(false);
    }
  }

  /** Someone else changed or deleted it: re-read, and keep what was typed on the fresh version. */
  private async afterStale(target: EntrepreneurContact | 'new' | null): Promise<void> {
    await this.advice.load();
    if (target && target !== 'new') {
      const fresh = this.advice.contacts()?.find((x) => x.id === target.id);
      this.editing.set(fresh ?? null);
    }
  }

  protected askDelete(item: EntrepreneurContact): void {
    this.editing.set(null);
    this.notice.set(null);
    this.confirming.set(item);
    this.afterRender(() =>
      this.host.nativeElement
        .querySelector<HTMLElement>('[data-testid="contact-confirm-delete"]')
        ?.focus(),
    );
  }

  protected keep(item: EntrepreneurContact): void {
    this.confirming.set(null);
    this.focusItem(item.id);
  }

  protected async remove(item: EntrepreneurContact): Promise<void> {
    if (this.saving()) return;
    this.saving.set(true);
    try {
      await this.api.deleteContact(item.id, item.version);
      this.notice.set({ key: 'enterpriseSide.deleted', params: { name: item.name }, ok: true });
    } catch (caught) {
      this.notice.set({ key: failureKey(toApiError(caught)) ?? 'errors.save', ok: false });
    } finally {
      this.confirming.set(null);
      this.saving.set(false);
    }
    // Their sessions change too: both lists are read again.
    await this.advice.load();
    this.focusItem(null);
  }

  protected message(path: string): FieldMessage {
    return fieldMessage(this.form.get(path));
  }

  /** The first field in error, in the form's order. */
  private focusProblem(): void {
    const c = this.form.controls;
    const fields: [AbstractControl, string][] = [
      [c.name, 'contact-name'],
      [c.gender, 'contact-gender'],
      [c.enterpriseId, 'contact-enterprise'],
    ];
    const first = fields.find(([control]) => control.invalid);
    if (first) {
      this.formEl()
        ?.nativeElement.querySelector<HTMLElement>(`[data-testid="${first[1]}"]`)
        ?.focus();
    }
  }

  private focusItem(id: string | null): void {
    this.afterRender(() => {
      const el = id
        ? this.host.nativeElement.querySelector<HTMLElement>(`[data-item-id="${id}"] h3`)
        : null;
      (el ?? this.host.nativeElement.querySelector<HTMLElement>('#es-contacts-title'))?.focus();
    });
  }

  /** Focus moves once the change is on screen (change detection is scheduled, not synchronous). */
  private afterRender(fn: () => void): void {
    afterNextRender(fn, { injector: this.injector });
  }
}
