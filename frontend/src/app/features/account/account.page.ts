import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { MfaEnrolment, MfaStatus } from '@stegvis/contracts';
import { AccountApi } from '../../core/api/account.api';
import { PASSWORD_PATH } from '../../core/auth/access';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { SvDatePipe } from '../../shared/date.pipe';
import { applyServerErrors, focusFirstInvalid } from '../../shared/server-errors';
import {
  LOW_RECOVERY_CODES,
  type MfaPhase,
  formatSecret,
  qrDataUrl,
  recoveryCodesText,
} from './mfa-enrolment';

type Message = { key: string } | { text: string };

/**
 * The signed-in user's own account: who they are, and two-step verification — turn it on (QR
 * code and key, a code from the app, then the recovery codes shown once) or off.
 */
@Component({
  selector: 'sv-account',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    RouterLink,
    TranslocoPipe,
    SvDatePipe,
  ],
  templateUrl: './account.page.html',
  styleUrl: './account.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPage {
  private readonly api = inject(AccountApi);
  private readonly auth = inject(AuthService);
  private readonly transloco = inject(TranslocoService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly panel = viewChild<ElementRef<HTMLElement>>('panel');
  private readonly startButton = viewChild<ElementRef<HTMLElement>>('startButton');

  protected readonly me = this.auth.user;
  protected readonly passwordPath = PASSWORD_PATH;
  protected readonly lang = inject(LanguageService).active;
  protected readonly status = signal<MfaStatus | null>(null);
  protected readonly loadError = signal(false);
  protected readonly phase = signal<MfaPhase>('idle');
  protected readonly enrolment = signal<MfaEnrolment | null>(null);
  protected readonly recoveryCodes = signal<string[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly notice = signal<string | null>(null);

  protected readonly qrUrl = computed(() => {
    const e = this.enrolment();
    return e ? qrDataUrl(e.qrSvg) : '';
  });
  protected readonly secretShown = computed(() => formatSecret(this.enrolment()?.secret ?? ''));
  protected readonly lowCodes = computed(() => {
    const s = this.status();
    return !!s?.enabled && s.recoveryCodesLeft < LOW_RECOVERY_CODES;
  });

  protected readonly passwordForm = this.fb.group({ password: ['', Validators.required] });
  protected readonly codeForm = this.fb.group({ code: ['', Validators.required] });
  protected readonly disableForm = this.fb.group({
    password: ['', Validators.required],
    code: ['', Validators.required],
  });

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(false);
    try {
      this.status.set(await this.api.mfaStatus());
    } catch {
      this.loadError.set(true);
    }
  }

  protected open(phase: 'password' | 'disable'): void {
    this.error.set(null);
    this.notice.set(null);
    this.passwordForm.reset({ password: '' });
    this.disableForm.reset({ password: '', code: '' });
    this.phase.set(phase);
    this.focusPanel('input');
  }

  protected cancel(): void {
    this.phase.set('idle');
    this.enrolment.set(null);
    this.error.set(null);
    queueMicrotask(() => this.startButton()?.nativeElement.focus());
  }

  /** Step 1: the password again; the server answers with a new secret and its QR code. */
  protected async start(): Promise<void> {
    if (!this.validate(this.passwordForm)) return;
    await this.run(this.passwordForm, async () => {
      const enrolment = await this.api.startMfaEnrolment(this.passwordForm.getRawValue().password);
      this.passwordForm.reset({ password: '' });
      this.codeForm.reset({ code: '' });
      this.enrolment.set(enrolment);
      this.phase.set('scan');
      this.focusPanel('h3');
    });
  }

  /** Step 2: a code from the app turns MFA on; the recovery codes come back, once. */
  protected async confirm(): Promise<void> {
    if (!this.validate(this.codeForm)) return;
    await this.run(this.codeForm, async () => {
      const code = this.codeForm.getRawValue().code.replace(/\s/g, '');
      const { recoveryCodes } = await this.api.confirmMfa(code);
      this.enrolment.set(null);
      this.recoveryCodes.set(recoveryCodes);
      this.phase.set('codes');
      this.focusPanel('h3');
      // The session may now reach the rest of the app (MFA_REQUIRED_ROLES).
      await Promise.all([this.auth.refresh(), this.load()]);
    });
  }

  /** Step 3: the user says they saved the codes; they are gone from the page for good. */
  protected done(): void {
    this.recoveryCodes.set([]);
    this.phase.set('idle');
    this.notice.set('account.mfa.enabledNotice');
    queueMicrotask(() => this.startButton()?.nativeElement.focus());
  }

  protected async disable(): Promise<void> {
    if (!this.validate(this.disableForm)) return;
    await this.run(this.disableForm, async () => {
      const { password, code } = this.disableForm.getRawValue();
      await this.api.disableMfa(password, code.trim());
      this.disableForm.reset({ password: '', code: '' });
      this.phase.set('idle');
      this.notice.set('account.mfa.disabledNotice');
      await Promise.all([this.auth.refresh(), this.load()]);
      queueMicrotask(() => this.startButton()?.nativeElement.focus());
    });
  }

  protected async copyCodes(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.recoveryCodes().join('\n'));
      this.notice.set('account.mfa.copied');
    } catch {
      // No clipboard (insecure context, permission): the codes are on screen to copy by hand.
    }
  }

  protected downloadCodes(): void {
    const text = recoveryCodesText(this.recoveryCodes(), {
      title: this.transloco.translate('account.mfa.fileTitle'),
      email: this.me()?.email ?? '',
      date: new Date().toISOString().slice(0, 10),
    });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'stegvis-reservkoder.txt';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  protected messageKey(m: Message): string | null {
    return 'key' in m ? m.key : null;
  }

  protected messageText(m: Message): string {
    return 'text' in m ? m.text : '';
  }

  private validate(
    form: typeof this.passwordForm | typeof this.codeForm | typeof this.disableForm,
  ) {
    form.markAllAsTouched();
    if (form.valid) return true;
    this.error.set({ key: 'form.fixErrors' });
    queueMicrotask(() => focusFirstInvalid(this.panel()?.nativeElement));
    return false;
  }

  private async run(
    form: typeof this.passwordForm | typeof this.codeForm | typeof this.disableForm,
    action: () => Promise<void>,
  ): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await action();
    } catch (caught) {
      const e = toApiError(caught);
      if (e.statusCode === 0) this.error.set({ key: 'errors.network' });
      else if (e.statusCode === 503) this.error.set({ key: 'account.mfa.notConfigured' });
      else {
        const rest = applyServerErrors(form, e);
        this.error.set(
          rest.length
            ? { text: rest.join(' ') }
            : e.fields
              ? { key: 'form.fixErrors' }
              : e.message
                ? { text: e.message }
                : { key: 'errors.unknown' },
        );
      }
      queueMicrotask(() => focusFirstInvalid(this.panel()?.nativeElement));
    } finally {
      this.busy.set(false);
    }
  }

  /** Moves focus into the newly shown step, so keyboard users continue there. */
  private focusPanel(selector: 'input' | 'h3'): void {
    setTimeout(() => this.panel()?.nativeElement.querySelector<HTMLElement>(selector)?.focus());
  }
}
