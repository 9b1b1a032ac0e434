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
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  type Agreement,
  type AgreementKind,
  type AgreementStatus,
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
  agreementRulesValidator,
  failureKey,
  ruleFor,
} from './enterprise-side.forms';
import { EnterpriseSideStore } from './enterprise-side.store';

type Notice = { key: string; params?: Record<string, unknown>; ok: boolean };

/** Agreements between a public body and a social enterprise: IOP, reserved contracts … */
@Component({
  selector: 'sv-agreements-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
  ],
  templateUrl: './agreements.page.html',
  styleUrl: './enterprise-side.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgreementsPage {
  private readonly api = inject(EnterpriseSideApi);
  private readonly auth = inject(AuthService);
  protected readonly store = inject(EnterpriseSideStore);
  protected readonly lang = inject(LanguageService).active;
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly kinds = AGREEMENT_KINDS;
  protected readonly statuses = AGREEMENT_STATUSES;
  protected readonly canCreate = computed(() => this.auth.can('agreement.create'));
  protected readonly canUpdate = computed(() => this.auth.can('agreement.update'));
  protected readonly canDelete = computed(() => this.auth.can('agreement.delete'));

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      enterpriseId: ['', Validators.required],
      kind: ['iop' as AgreementKind, Validators.required],
      counterparty: ['', [Validators.required, Validators.maxLength(200)]],
      startDate: [todayIso(), [Validators.required, dayValidator]],
      endDate: ['', dayValidator],
      workTrainingPlaces: [0 as number | null, intValidator(0, 10_000, false)],
      status: ['active' as AgreementStatus, Validators.required],
    },
    { validators: agreementRulesValidator },
  );
  protected readonly endMatcher = new RuleErrorMatcher(this.form, 'endDate');

  protected readonly items = signal<Agreement[] | null>(null);
  protected readonly loadFailed = signal(false);
  protected readonly enterprisesFailed = signal(false);
  protected readonly editing = signal<Agreement | 'new' | null>(null);
  protected readonly confirming = signal<Agreement | null>(null);
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
  }

  protected async load(): Promise<void> {
    const programmeId = this.store.programmeId();
    this.loadFailed.set(false);
    try {
      const list = await this.api.agreements(programmeId);
      if (programmeId === this.store.programmeId()) this.items.set(list);
    } catch {
      this.loadFailed.set(true);
    }
  }

  protected async open(target: Agreement | 'new'): Promise<void> {
    const fresh = target === 'new';
    this.form.reset({
      enterpriseId: fresh ? '' : target.enterpriseId,
      kind: fresh ? 'iop' : target.kind,
      counterparty: fresh ? '' : target.counterparty,
      startDate: fresh ? todayIso() : target.startDate,
      endDate: fresh ? '' : (target.endDate ?? ''),
      workTrainingPlaces: fresh ? 0 : target.workTrainingPlaces,
      status: fresh ? 'active' : target.status,
    });
    // The enterprise is fixed once recorded (delete and record again).
    if (fresh) this.form.controls.enterpriseId.enable();
    else this.form.controls.enterpriseId.disable();
    this.formError.set(null);
    this.notice.set(null);
    this.confirming.set(null);
    this.editing.set(target);
    this.afterRender(() =>
      this.formEl()
        ?.nativeElement.querySelector<HTMLElement>('select:not([disabled]), input')
        ?.focus(),
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
    const fields = {
      kind: v.kind,
      counterparty: v.counterparty.trim(),
      startDate: v.startDate,
      endDate: v.endDate || null,
      workTrainingPlaces: Number(v.workTrainingPlaces ?? 0),
      status: v.status,
    };
    const target = this.editing();
    this.saving.set(true);
    this.formError.set(null);
    try {
      const saved =
        target === 'new' || !target
          ? await this.api.createAgreement(this.store.programmeId(), {
              enterpriseId: v.enterpriseId,
              ...fields,
            })
          : await this.api.updateAgreement(target.id, target.version, fields);
      this.editing.set(null);
      this.notice.set({
        key: 'enterpriseSide.agreements.saved',
        params: { counterparty: saved.counterparty, enterprise: saved.enterpriseName },
        ok: true,
      });
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
      if (e.statusCode === 409 || e.statusCode === 404) await this.afterStale(target);
      this.afterRender(() => this.focusProblem());
    } finally {
      this.saving.set(false);
    }
  }

  /** Someone else changed or deleted it: re-read, and keep what was typed on the fresh version. */
  private async afterStale(target: Agreement | 'new' | null): Promise<void> {
    await this.load();
    if (target && target !== 'new') {
      const fresh = this.items()?.find((x) => x.id === target.id);
      this.editing.set(fresh ?? null);
    }
  }

  protected askDelete(item: Agreement): void {
    this.editing.set(null);
    this.notice.set(null);
    this.confirming.set(item);
    this.afterRender(() =>
      this.host.nativeElement
        .querySelector<HTMLElement>('[data-testid="es-confirm-delete"]')
        ?.focus(),
    );
  }

  protected keep(item: Agreement): void {
    this.confirming.set(null);
    this.focusItem(item.id);
  }

  protected async remove(item: Agreement): Promise<void> {
    if (this.saving()) return;
    this.saving.set(true);
    try {
      await this.api.deleteAgreement(item.id, item.version);
      this.notice.set({
        key: 'enterpriseSide.deleted',
        params: { name: `${item.counterparty} – ${item.enterpriseName}` },
        ok: true,
      });
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

  protected endMessage(): FieldMessage {
    const own = fieldMessage(this.form.controls.endDate);
    if (own.key || own.text) return own;
    const rule = ruleFor(this.form, 'endDate');
    return rule ? { key: rule.key, params: rule.params, text: '' } : own;
  }

  private focusProblem(): void {
    const form = this.formEl()?.nativeElement;
    if (!form) return;
    if (ruleFor(this.form, 'endDate') && !this.form.controls.endDate.invalid) {
      form.querySelector<HTMLElement>('[data-testid="agreement-end"]')?.focus();
      return;
    }
    focusFirstInvalid(form);
  }

  private focusItem(id: string | null): void {
    this.afterRender(() => {
      const el = id
        ? this.host.nativeElement.querySelector<HTMLElement>(`[data-item-id="${id}"] h3`)
        : null;
      (el ?? this.host.nativeElement.querySelector<HTMLElement>('#es-agreements-title'))?.focus();
    });
  }

  /** Focus moves once the change is on screen (change detection is scheduled, not synchronous). */
  private afterRender(fn: () => void): void {
    afterNextRender(fn, { injector: this.injector });
  }
}
