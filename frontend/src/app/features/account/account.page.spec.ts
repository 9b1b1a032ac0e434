import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Me, MfaStatus } from '@stegvis/contracts';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { AuthService } from '../../core/auth/auth.service';
import { translocoTesting } from '../../testing/transloco-testing';
import { AccountPage } from './account.page';

const me: Me = {
  id: '5b0c5a52-6f0e-4b8e-9d7f-0a4f4b8f2d11',
  email: 'coach@demo.stegvis.se',
  name: 'Carin Coach',
  role: 'coach',
  locale: 'sv',
  enterpriseId: null,
  programmeIds: [],
  sessionIdleSeconds: 1800,
  mfaEnabled: false,
  mfaEnrollmentRequired: true,
  mustChangePassword: false,
};
const off: MfaStatus = { enabled: false, enabledAt: null, recoveryCodesLeft: 0 };
const on: MfaStatus = { enabled: true, enabledAt: '2026-03-01T09:00:00Z', recoveryCodesLeft: 10 };
const CODES = Array.from({ length: 10 }, (_, i) => `abcde-fgh${'jkmnpqrstu'[i]}${i + 2}`);

describe('AccountPage', () => {
  let fixture: ComponentFixture<AccountPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = <T extends HTMLElement>(id: string): T => {
    const found = el.querySelector<T>(`[data-testid="${id}"]`);
    if (!found) throw new Error(`no element with data-testid="${id}"`);
    return found;
  };
  function type(id: string, value: string): void {
    const input = byTestId<HTMLInputElement>(id);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
  }

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [AccountPage, translocoTesting()],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    const auth = TestBed.inject(AuthService);
    const restored = auth.restore();
    http.expectOne('/api/me').flush(me);
    await restored;
    fixture = TestBed.createComponent(AccountPage);
    el = fixture.nativeElement as HTMLElement;
    await settle();
    http.expectOne('/api/me/mfa').flush(off);
    await settle();
  });

  afterEach(() => http.verify());

  it('enrols: password, QR code and key, a code, then the recovery codes once', async () => {
    expect(byTestId('mfa-required-notice').textContent).toContain('kräver tvåstegsverifiering');
    expect(byTestId('mfa-status').textContent).toContain('är av');

    byTestId<HTMLButtonElement>('mfa-start').click();
    await settle();
    type('mfa-password', 'stegvis-demo');
    byTestId<HTMLButtonElement>('mfa-continue').click();
    await settle();
    const start = http.expectOne('/api/me/mfa/enrolment');
    expect(start.request.body).toEqual({ password: 'stegvis-demo' });
    start.flush({
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      otpauthUri: 'otpauth://totp/Stegvis:coach?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    });
    await settle();

    const qr = byTestId<HTMLImageElement>('mfa-qr');
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(qr.getAttribute('alt')).toContain('QR-kod');
    expect(byTestId('mfa-secret').textContent?.trim()).toBe(
      'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
    );
    const code = byTestId<HTMLInputElement>('mfa-code');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');

    type('mfa-code', '123 456');
    byTestId<HTMLButtonElement>('mfa-confirm').click();
    await settle();
    const confirm = http.expectOne('/api/me/mfa/confirm');
    expect(confirm.request.body).toEqual({ code: '123456' });
    confirm.flush({ recoveryCodes: CODES });
    await settle();
    http.expectOne('/api/me').flush({ ...me, mfaEnabled: true, mfaEnrollmentRequired: false });
    http.expectOne('/api/me/mfa').flush(on);
    await settle();

    expect(el.querySelector('[data-testid="mfa-secret"]')).toBeNull();
    const shown = byTestId('mfa-recovery-codes').querySelectorAll('li');
    expect(Array.from(shown, (li) => li.textContent?.trim())).toEqual(CODES);
    expect(el.textContent).toContain('Koderna visas bara den här gången.');
    expect(el.querySelector('[data-testid="mfa-required-notice"]')).toBeNull();

    byTestId<HTMLButtonElement>('mfa-codes-saved').click();
    await settle();
    expect(el.querySelector('[data-testid="mfa-recovery-codes"]')).toBeNull();
    expect(byTestId('mfa-status').textContent).toContain('10 oanvända reservkoder');
    expect(byTestId('mfa-notice').textContent).toContain('Tvåstegsverifiering är på.');
  });

  it('shows a wrong password beside the field and keeps the step open', async () => {
    byTestId<HTMLButtonElement>('mfa-start').click();
    await settle();
    type('mfa-password', 'fel');
    byTestId<HTMLButtonElement>('mfa-continue').click();
    await settle();
    http.expectOne('/api/me/mfa/enrolment').flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Some fields are not valid.',
        fields: { password: ['The password is wrong.'] },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(el.querySelector('mat-error')?.textContent).toContain('The password is wrong.');
    expect(byTestId<HTMLInputElement>('mfa-password').value).toBe('fel');
  });
});
