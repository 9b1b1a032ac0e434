import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormArray, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { can, type CreateEnterpriseRequest, type Enterprise } from '@stegvis/contracts';
import { AdminApi } from '../../core/api/admin.api';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { SvDatePipe } from '../../shared/date.pipe';
import {
  applyServerErrors,
  type FieldMessage,
  fieldMessage,
  focusFirstInvalid,
} from '../../shared/server-errors';
import { orgNumberValidator } from '../../shared/validators';
import {
  MAX_OFFERS,
  type OfferGroup,
  offerGroup,
  offersBody,
  revalidateOffers,
  setOpenEnded,
} from './place-offer-form';

type FormMessage = { key: string } | { text: string };

@Component({
  selector: 'sv-admin-enterprises',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
  ],
  templateUrl: './admin-enterprises.page.html',
  styleUrl: './admin.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminEnterprisesPage {
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthService);
  private readonly injector = inject(Injector);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');

  protected readonly lang = inject(LanguageService).active;
  protected readonly maxOffers = MAX_OFFERS;
  protected readonly canCreate = computed(() => can(this.auth.role(), 'enterprise.create'));
  protected readonly canUpdate = computed(() => can(this.auth.role(), 'enterprise.update'));
  protected readonly items = signal<Enterprise[]>([]);
  /** Each enterprise's supervisor accounts, by enterprise id (names only). */
  protected readonly supervisors = signal<Partial<Record<string, string[]>>>({});
  protected readonly loadFailed = signal(false);
  protected readonly editing = signal<Enterprise | 'new' | null>(null);
  protected readonly saving = signal(false);
  protected readonly formError = signal<FormMessage | null>(null);
  protected readonly notice = signal<{ key: string; name: string } | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    orgNumber: ['', [Validators.required, orgNumberValidator]],
    municipality: ['', [Validators.required, Validators.maxLength(100)]],
    isAsf: [true],
    sector: ['', [Validators.maxLength(100)]],
    placeOffers: new FormArray<OfferGroup>([]),
  });

  constructor() {
    // A change in one offer can start or end an overlap with another: re-check every row.
    this.form.controls.placeOffers.valueChanges
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => revalidateOffers(this.offers));
    void this.load();
  }

  protected get offers(): FormArray<OfferGroup> {
    return this.form.controls.placeOffers;
  }

  /** Active supervisor accounts by enterprise: one listing of the users, not a call per enterprise. */
  private async supervisorNames(): Promise<Record<string, string[]>> {
    const byEnterprise: Record<string, string[]> = {};
    let cursor: string | null = null;
    do {
      const page = await this.api.users({
        role: 'supervisor',
        limit: 200,
        cursor: cursor ?? undefined,
      });
      for (const user of page.items) {
        if (user.disabled || !user.enterpriseId) continue;
        (byEnterprise[user.enterpriseId] ??= []).push(user.name);
      }
      cursor = page.nextCursor;
    } while (cursor);
    return byEnterprise;
  }

  protected async load(): Promise<void> {
    this.loadFailed.set(false);
    try {
      const items = await this.api.enterprises();
      this.items.set(items);
      this.supervisors.set(await this.supervisorNames());
    } catch {
      this.loadFailed.set(true);
    }
  }

  protected open(target: Enterprise | 'new'): void {
    this.offers.clear({ emitEvent: false });
    this.form.reset(
      target === 'new'
        ? { name: '', orgNumber: '', municipality: '', isAsf: true, sector: '' }
        : {
            name: target.name,
            orgNumber: target.orgNumber,
            municipality: target.municipality,
            isAsf: target.isAsf,
            sector: target.sector ?? '',
          },
    );
    for (const o of target === 'new' ? [] : target.placeOffers) {
      this.offers.push(offerGroup(o), { emitEvent: false });
    }
    revalidateOffers(this.offers);
    this.formError.set(null);
    this.editing.set(target);
    queueMicrotask(() => this.formEl()?.nativeElement.querySelector('input')?.focus());
  }

  protected addOffer(): void {
    this.offers.push(offerGroup());
    // Focus the new row's first field once it is drawn, so the keyboard goes on where the list grew.
    afterNextRender(() => this.offerFrom(this.offers.length - 1)?.focus(), {
      injector: this.injector,
    });
  }

  protected removeOffer(index: number): void {
    this.offers.removeAt(index);
    // Focus stays in the list: on the next row's start, else the previous one's, else "add".
    afterNextRender(
      () =>
        (
          this.offerFrom(Math.min(index, this.offers.length - 1)) ??
          document.getElementById('offer-add')
        )?.focus(),
      { injector: this.injector },
    );
  }

  protected openEndedChanged(group: OfferGroup): void {
    setOpenEnded(group, group.controls.openEnded.value);
  }

  /**
   * The first invalid field itself: the shared helper's `.ng-invalid input` would also match the
   * first field of the form, which is invalid as a whole while any offer row is.
   */
  private focusFirstInvalidField(): void {
    // After the next render, when the fields carry their new state classes.
    afterNextRender(
      () => {
        const form = this.formEl()?.nativeElement;
        const field = form?.querySelector<HTMLElement>('input.ng-invalid:not([disabled])');
        if (field) field.focus();
        else focusFirstInvalid(form);
      },
      { injector: this.injector },
    );
  }

  /** The server's message on the list as a whole (e.g. too many offers), if any. */
  protected offersServerError(): string {
    return String(this.offers.getError('server') ?? '');
  }

  private offerFrom(index: number): HTMLElement | null {
    if (index < 0) return null;
    return (
      this.formEl()?.nativeElement.querySelectorAll<HTMLElement>('.sv-offer__from')[index] ?? null
    );
  }

  /** An offer field's message: the server's text, else the client rule. */
  protected offerError(group: OfferGroup, name: 'from' | 'to' | 'places'): FieldMessage {
    return fieldMessage(group.controls[name], {
      overlap: 'enterpriseProfile.errors.overlap',
      toBeforeFrom: 'enterpriseProfile.errors.toBeforeFrom',
    });
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.formError.set({ key: 'form.fixErrors' });
      this.focusFirstInvalidField();
      return;
    }
    const v = this.form.getRawValue();
    const body: CreateEnterpriseRequest = {
      name: v.name.trim(),
      orgNumber: v.orgNumber.trim(),
      municipality: v.municipality.trim(),
      isAsf: v.isAsf,
      sector: v.sector.trim() || null,
      placeOffers: offersBody(this.offers),
    };
    const target = this.editing();
    this.saving.set(true);
    this.formError.set(null);
    try {
      const saved =
        target === 'new' || !target
          ? await this.api.createEnterprise(body)
          : await this.api.updateEnterprise(target.id, body);
      this.notice.set({
        key: target === 'new' ? 'admin.enterprises.created' : 'admin.enterprises.updated',
        name: saved.name,
      });
      this.editing.set(null);
      await this.load();
    } catch (caught) {
      const e = toApiError(caught);
      const rest = applyServerErrors(this.form, e);
      this.formError.set(
        e.statusCode === 0
          ? { key: 'errors.network' }
          : rest.length
            ? { text: rest.join(' ') }
            : e.fields
              ? { key: 'form.fixErrors' }
              : e.message
                ? { text: e.message }
                : { key: 'errors.save' },
      );
      this.focusFirstInvalidField();
    } finally {
      this.saving.set(false);
    }
  }

  protected messageKey(m: FormMessage): string | null {
    return 'key' in m ? m.key : null;
  }

  protected messageText(m: FormMessage): string {
    return 'text' in m ? m.text : '';
  }
}
