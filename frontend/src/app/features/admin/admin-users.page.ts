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
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ROLES,
  can,
  type ApiError,
  type CreateUserRequest,
  type Enterprise,
  type Programme,
  type Role,
  type UpdateUserRequest,
  type User,
} from '@stegvis/contracts';
import { AccountApi } from '../../core/api/account.api';
import { AdminApi } from '../../core/api/admin.api';
import { AuthService } from '../../core/auth/auth.service';
import { ReauthService } from '../../core/auth/reauth';
import { toApiError } from '../../core/http/api-error';
import { applyServerErrors, focusFirstInvalid } from '../../shared/server-errors';
import { PASSWORD_MAX_LENGTH, passwordValidator } from '../../shared/validators';

const PAGE_SIZE = 50;

type FormMessage = { key: string } | { text: string };

/** Roles that belong to programmes (the server refuses programmeIds for the others). */
export function rolesWithProgrammes(role: Role | ''): boolean {
  return role === 'coach' || role === 'lead';
}

@Component({
  selector: 'sv-admin-users',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
  ],
  templateUrl: './admin-users.page.html',
  styleUrl: './admin.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminUsersPage {
  private readonly api = inject(AdminApi);
  private readonly accountApi = inject(AccountApi);
  private readonly auth = inject(AuthService);
  private readonly reauth = inject(ReauthService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  private readonly resetEl = viewChild<ElementRef<HTMLFormElement>>('resetEl');
  private request = 0;
  private debounce: ReturnType<typeof setTimeout> | null = null;

  protected readonly roles = ROLES;
  protected readonly passwordMax = PASSWORD_MAX_LENGTH;
  protected readonly canCreate = computed(() => can(this.auth.role(), 'user.create'));
  protected readonly canUpdate = computed(() => can(this.auth.role(), 'user.update'));
  protected readonly canResetMfa = computed(() => can(this.auth.role(), 'user.resetMfa'));
  protected readonly me = this.auth.user;

  protected readonly search = signal('');
  protected readonly roleFilter = signal<Role | ''>('');
  protected readonly users = signal<User[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly programmes = signal<Programme[]>([]);
  protected readonly enterprises = signal<Enterprise[]>([]);

  /** The user being edited, 'new' for the create form, null when closed. */
  protected readonly editing = signal<User | 'new' | null>(null);
  protected readonly resetting = signal<User | null>(null);
  /** The user whose two-step verification is about to be reset (a confirmation step). */
  protected readonly mfaResetting = signal<User | null>(null);
  private readonly mfaResetEl = viewChild<ElementRef<HTMLElement>>('mfaResetEl');
  protected readonly saving = signal(false);
  protected readonly formError = signal<FormMessage | null>(null);
  protected readonly resetError = signal<FormMessage | null>(null);
  protected readonly notice = signal<{ key: string; params: Record<string, string> } | null>(null);
  protected readonly rowError = signal<{ id: string; text: string } | null>(null);

  protected readonly form = this.fb.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(320)]],
    name: ['', [Validators.required, Validators.maxLength(200)]],
    role: ['' as Role | '', Validators.required],
    password: ['', [Validators.required, passwordValidator]],
    enterpriseId: [''],
    programmeIds: this.fb.control<string[]>([]),
  });
  protected readonly resetForm = this.fb.group({
    password: ['', [Validators.required, passwordValidator]],
  });
  private readonly formValues = toSignal(this.form.valueChanges, {
    initialValue: this.form.value,
  });
  protected readonly chosenRole = computed(() => (this.formValues().role ?? '') as Role | '');
  protected readonly isNew = computed(() => this.editing() === 'new');
  /**
   * The admin's own account: only the name can be edited here. Their own role, programmes and
   * enterprise are another admin's to change (the server refuses them too).
   */
  protected readonly isSelf = computed(() => {
    const editing = this.editing();
    return editing !== null && editing !== 'new' && editing.id === this.me()?.id;
  });

  constructor() {
    void this.reload();
    void this.loadChoices();
  }

  private async loadChoices(): Promise<void> {
    try {
      const [programmes, enterprises] = await Promise.all([
        this.api.programmes(),
        this.api.enterprises(),
      ]);
      this.programmes.set(programmes);
      this.enterprises.set(enterprises);
    } catch {
      // The form still works for admins and without the lists; the server checks the ids.
    }
  }

  protected setSearch(value: string): void {
    this.search.set(value);
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.reload(), 300);
  }

  protected setRole(value: string): void {
    this.roleFilter.set(value as Role | '');
    void this.reload();
  }

  protected async reload(cursor: string | null = null): Promise<void> {
    const id = ++this.request;
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const page = await this.api.users({
        search: this.search().trim(),
        role: this.roleFilter() || undefined,
        limit: PAGE_SIZE,
        cursor: cursor ?? undefined,
      });
      if (id !== this.request) return;
      this.users.update((items) => (cursor ? [...items, ...page.items] : page.items));
      this.nextCursor.set(page.nextCursor);
    } catch (caught) {
      if (id === this.request) this.loadError.set(toApiError(caught));
    } finally {
      if (id === this.request) this.loading.set(false);
    }
  }

  protected programmeName(id: string): string {
    return this.programmes().find((p) => p.id === id)?.name ?? id.slice(0, 8);
  }

  protected enterpriseName(id: string | null): string {
    if (!id) return '';
    return this.enterprises().find((e) => e.id === id)?.name ?? id.slice(0, 8);
  }

  protected openCreate(): void {
    this.resetting.set(null);
    this.mfaResetting.set(null);
    this.form.reset({
      email: '',
      name: '',
      role: '',
      password: '',
      enterpriseId: '',
      programmeIds: [],
    });
    this.form.controls.email.enable();
    this.form.controls.password.enable();
    this.formError.set(null);
    this.editing.set('new');
    this.focusForm();
  }

  protected openEdit(user: User): void {
    this.resetting.set(null);
    this.mfaResetting.set(null);
    this.form.reset({
      email: user.email,
      name: user.name,
      role: user.role,
      password: '',
      enterpriseId: user.enterpriseId ?? '',
      programmeIds: [...user.programmeIds],
    });
    // Email is the login and cannot be changed; the password has its own reset form.
    this.form.controls.email.disable();
    this.form.controls.password.disable();
    this.formError.set(null);
    this.editing.set(user);
    this.focusForm();
  }

  protected close(): void {
    this.editing.set(null);
    this.resetting.set(null);
    this.mfaResetting.set(null);
  }

  protected toggleProgramme(id: string, checked: boolean): void {
    const current = this.form.controls.programmeIds.value;
    this.form.controls.programmeIds.setValue(
      checked ? [...new Set([...current, id])] : current.filter((p) => p !== id),
    );
    this.form.controls.programmeIds.markAsDirty();
  }

  /** Role-dependent rules the DTO alone does not show (users.service assertAssignments). */
  private checkAssignments(): void {
    const c = this.form.controls;
    const role = c.role.value;
    const errors = { ...(c.enterpriseId.errors ?? {}) };
    delete errors['required'];
    if (role === 'supervisor' && !c.enterpriseId.value) errors['required'] = true;
    c.enterpriseId.setErrors(Object.keys(errors).length ? errors : null);
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    this.form.updateValueAndValidity();
    this.checkAssignments();
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.formError.set({ key: 'form.fixErrors' });
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    const v = this.form.getRawValue();
    const role = v.role as Role;
    const programmeIds = rolesWithProgrammes(role) ? v.programmeIds : [];
    const enterpriseId = role === 'supervisor' ? v.enterpriseId || null : null;
    const editing = this.editing();
    this.saving.set(true);
    this.formError.set(null);
    try {
      if (editing === 'new') {
        const body: CreateUserRequest = {
          email: v.email.trim(),
          name: v.name.trim(),
          role,
          password: v.password,
          programmeIds,
        };
        if (enterpriseId) body.enterpriseId = enterpriseId;
        // A new account hands out a role: the server may ask for the password again first.
        const created = await this.reauth.run(() => this.api.createUser(body));
        if (!created) return;
        this.notice.set({ key: 'admin.users.created', params: { name: created.name } });
      } else if (editing) {
        const body: UpdateUserRequest =
          editing.id === this.me()?.id
            ? { name: v.name.trim() }
            : { name: v.name.trim(), role, enterpriseId, programmeIds };
        const updated = await this.reauth.run(() => this.api.updateUser(editing.id, body));
        if (!updated) return;
        this.users.update((list) => list.map((u) => (u.id === updated.id ? updated : u)));
        this.notice.set({ key: 'admin.users.updated', params: { name: updated.name } });
      }
      this.editing.set(null);
      if (editing === 'new') await this.reload();
    } catch (caught) {
      this.formError.set(this.describe(caught, this.form));
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
    } finally {
      this.saving.set(false);
    }
  }

  protected async setDisabled(user: User, disabled: boolean): Promise<void> {
    this.rowError.set(null);
    this.notice.set(null);
    try {
      const updated = await this.api.updateUser(user.id, { disabled });
      this.users.update((list) => list.map((u) => (u.id === updated.id ? updated : u)));
      this.notice.set({
        key: disabled ? 'admin.users.disabledNotice' : 'admin.users.enabledNotice',
        params: { name: updated.name },
      });
    } catch (caught) {
      const e = toApiError(caught);
      const text =
        Object.values(e.fields ?? {})
          .flat()
          .join(' ') || e.message;
      this.rowError.set({ id: user.id, text });
    }
  }

  protected openReset(user: User): void {
    this.editing.set(null);
    this.mfaResetting.set(null);
    this.resetForm.reset({ password: '' });
    this.resetError.set(null);
    this.resetting.set(user);
    queueMicrotask(() =>
      this.resetEl()?.nativeElement.querySelector<HTMLInputElement>('input')?.focus(),
    );
  }

  protected async resetPassword(): Promise<void> {
    const user = this.resetting();
    if (!user || this.saving()) return;
    this.resetForm.markAllAsTouched();
    if (this.resetForm.invalid) {
      this.resetError.set({ key: 'form.fixErrors' });
      queueMicrotask(() => focusFirstInvalid(this.resetEl()?.nativeElement));
      return;
    }
    this.saving.set(true);
    try {
      const password = this.resetForm.getRawValue().password;
      const updated = await this.reauth.run(() => this.api.updateUser(user.id, { password }));
      if (!updated) return;
      this.resetting.set(null);
      this.notice.set({ key: 'admin.users.passwordReset', params: { name: user.name } });
    } catch (caught) {
      this.resetError.set(this.describe(caught, this.resetForm));
      queueMicrotask(() => focusFirstInvalid(this.resetEl()?.nativeElement));
    } finally {
      this.saving.set(false);
    }
  }

  protected openMfaReset(user: User): void {
    this.editing.set(null);
    this.resetting.set(null);
    this.resetError.set(null);
    this.mfaResetting.set(user);
    queueMicrotask(() =>
      this.mfaResetEl()?.nativeElement.querySelector<HTMLElement>('h2')?.focus(),
    );
  }

  protected async resetMfa(): Promise<void> {
    const user = this.mfaResetting();
    if (!user || this.saving()) return;
    this.saving.set(true);
    this.resetError.set(null);
    try {
      const updated = await this.reauth.run(() => this.accountApi.resetMfa(user.id));
      if (!updated) return;
      this.users.update((list) => list.map((u) => (u.id === updated.id ? updated : u)));
      this.mfaResetting.set(null);
      this.notice.set({ key: 'admin.users.mfaResetNotice', params: { name: updated.name } });
    } catch (caught) {
      const e = toApiError(caught);
      this.resetError.set(
        e.statusCode === 0
          ? { key: 'errors.network' }
          : e.message
            ? { text: e.message }
            : { key: 'errors.save' },
      );
    } finally {
      this.saving.set(false);
    }
  }

  private describe(caught: unknown, form: typeof this.form | typeof this.resetForm): FormMessage {
    const e = toApiError(caught);
    if (e.statusCode === 0) return { key: 'errors.network' };
    if (e.statusCode === 409) return { key: 'admin.users.emailTaken' };
    const rest = applyServerErrors(form, e);
    if (rest.length) return { text: rest.join(' ') };
    if (e.fields) return { key: 'form.fixErrors' };
    return e.message ? { text: e.message } : { key: 'errors.save' };
  }

  private focusForm(): void {
    queueMicrotask(() =>
      this.formEl()
        ?.nativeElement.querySelector<HTMLElement>('input:not([disabled]), select')
        ?.focus(),
    );
  }

  protected messageKey(m: FormMessage): string | null {
    return 'key' in m ? m.key : null;
  }

  protected messageText(m: FormMessage): string {
    return 'text' in m ? m.text : '';
  }
}
