import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { Me } from '@stegvis/contracts';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { translocoTesting } from '../../testing/transloco-testing';
import { LoginPage, mfaStepOf } from './login.page';

const supervisor: Me = {
  id: 'b3b0c3d0-0000-4000-8000-000000000001',
  email: 'supervisor@demo.stegvis.se',
  name: 'Sara Handledare',
  role: 'supervisor',
  locale: 'sv',
  enterpriseId: 'e0000000-0000-4000-8000-00000000000a',
  programmeIds: [],
  sessionIdleSeconds: 1800,
  mfaEnabled: false,
  mfaEnrollmentRequired: false,
  mustChangePassword: false,
};

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
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

  /** Lets the promise chain behind a flushed response finish, then renders. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
  }

  async function submitWith(email: string, password: string): Promise<void> {
    type('login-email', email);
    type('login-password', password);
    byTestId<HTMLButtonElement>('login-submit').click();
    await settle();
  }

  async function answerLogin(status: number, body: object): Promise<void> {
    http
      .expectOne('/api/auth/login')
      .flush(body, { status, statusText: status === 200 ? 'OK' : 'Error' });
    await settle();
  }

  beforeEach(async () => {
    localStorage.clear();
    await TestBed.configureTestingModule({
      imports: [LoginPage, translocoTesting()],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LoginPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('renders a labelled form in Swedish', () => {
    expect(el.querySelectorAll('h1')).toHaveLength(1);
    expect(el.querySelector('h1')?.textContent?.trim()).toBe('Logga in');
    expect(el.querySelector('main')).not.toBeNull();

    for (const [id, label] of [
      ['login-email', 'E-post'],
      ['login-password', 'Lösenord'],
    ]) {
      const input = byTestId<HTMLInputElement>(id);
      const labelEl = el.querySelector(`label[for="${input.id}"]`);
      expect(labelEl?.textContent).toContain(label);
    }
    expect(byTestId<HTMLInputElement>('login-password').type).toBe('password');
    expect(byTestId('login-submit').textContent?.trim()).toBe('Logga in');
    expect(byTestId('login-error').hidden).toBe(true);
  });

  it('does not call the server when the fields are empty, and says what is missing', async () => {
    byTestId<HTMLButtonElement>('login-submit').click();
    await settle();

    http.expectNone('/api/auth/login');
    expect(el.textContent).toContain('Fyll i din e-postadress.');
    expect(el.textContent).toContain('Fyll i ditt lösenord.');
  });

  it('shows "Fel e-post eller lösenord" on 401', async () => {
    await submitWith('coach@demo.stegvis.se', 'fel-lösenord');
    await answerLogin(401, {
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Invalid credentials',
    });

    const error = byTestId('login-error');
    expect(error.hidden).toBe(false);
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent?.trim()).toBe('Fel e-post eller lösenord.');
    expect(byTestId<HTMLButtonElement>('login-submit').disabled).toBe(false);
  });

  it('asks the user to wait on 429', async () => {
    await submitWith('coach@demo.stegvis.se', 'x');
    await answerLogin(429, { statusCode: 429, error: 'Too Many Requests', message: 'Slow down' });

    expect(byTestId('login-error').textContent).toContain('För många försök, vänta en stund');
  });

  it("shows the server's message and field errors beside the fields on 400", async () => {
    await submitWith('coach@demo.stegvis.se', 'x');
    await answerLogin(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Kontrollera uppgifterna.',
      fields: { password: ['Lösenordet är för långt.'] },
    });

    expect(byTestId('login-error').textContent?.trim()).toBe('Kontrollera uppgifterna.');
    expect(el.querySelector('mat-error')?.textContent).toContain('Lösenordet är för långt.');
  });

  it("goes to the role's start page after a successful login", async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await submitWith('  supervisor@demo.stegvis.se ', 'stegvis-demo');
    const login = http.expectOne('/api/auth/login');
    expect(login.request.body).toEqual({
      email: 'supervisor@demo.stegvis.se',
      password: 'stegvis-demo',
    });
    login.flush({ accessToken: 't', user: supervisor });
    await settle();
    http.expectOne('/api/me').flush(supervisor);
    await settle();

    expect(navigate).toHaveBeenCalledWith('/supervisor');
  });

  it('asks for the one-time code on the same page when the account has two-step verification', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await submitWith('supervisor@demo.stegvis.se', 'stegvis-demo');
    await answerLogin(401, {
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Enter the code from your authenticator app.',
      code: 'mfa_required',
    });

    expect(byTestId('login-error').hidden).toBe(true);
    expect(el.querySelector('[data-testid="login-password"]')).toBeNull();
    expect(el.textContent).toContain('Tvåstegsverifiering');
    const code = byTestId<HTMLInputElement>('login-code');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(el.querySelector(`label[for="${code.id}"]`)?.textContent).toContain('Engångskod');

    type('login-code', ' 123456 ');
    byTestId<HTMLButtonElement>('login-code-submit').click();
    await settle();
    const login = http.expectOne('/api/auth/login');
    expect(login.request.body).toEqual({
      email: 'supervisor@demo.stegvis.se',
      password: 'stegvis-demo',
      code: '123456',
    });
    login.flush({ accessToken: 't', user: supervisor });
    await settle();
    http.expectOne('/api/me').flush(supervisor);
    await settle();
    expect(navigate).toHaveBeenCalledWith('/supervisor');
  });

  it('says when the code is wrong, and offers a recovery code instead', async () => {
    await submitWith('supervisor@demo.stegvis.se', 'stegvis-demo');
    await answerLogin(401, {
      statusCode: 401,
      error: 'Unauthorized',
      message: 'x',
      code: 'mfa_required',
    });
    type('login-code', '000000');
    byTestId<HTMLButtonElement>('login-code-submit').click();
    await settle();
    await answerLogin(401, {
      statusCode: 401,
      error: 'Unauthorized',
      message: 'x',
      code: 'mfa_invalid',
    });

    expect(byTestId('login-error').textContent).toContain('Koden stämmer inte');
    expect(byTestId<HTMLInputElement>('login-code').value).toBe('');

    byTestId<HTMLButtonElement>('login-use-recovery').click();
    await settle();
    const recovery = byTestId<HTMLInputElement>('login-code');
    expect(recovery.getAttribute('inputmode')).toBeNull();
    expect(recovery.getAttribute('autocomplete')).toBe('off');
    expect(el.querySelector(`label[for="${recovery.id}"]`)?.textContent).toContain('Reservkod');
    type('login-code', 'abcde-fghjk');
    byTestId<HTMLButtonElement>('login-code-submit').click();
    await settle();
    const login = http.expectOne('/api/auth/login');
    expect(login.request.body).toMatchObject({ code: 'abcde-fghjk' });
    login.flush(
      { statusCode: 429, error: 'Too Many Requests', message: 'Slow down' },
      {
        status: 429,
        statusText: 'Error',
      },
    );
    await settle();
    expect(byTestId('login-error').textContent).toContain('För många försök');

    byTestId<HTMLButtonElement>('login-back').click();
    await settle();
    expect(byTestId<HTMLInputElement>('login-password').value).toBe('');
    expect(byTestId<HTMLInputElement>('login-email').value).toBe('supervisor@demo.stegvis.se');
  });

  it('sends a user whose role must enrol in two-step verification to the account page', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture.componentRef.setInput('returnUrl', '/supervisor/placements');
    await submitWith('supervisor@demo.stegvis.se', 'stegvis-demo');
    http.expectOne('/api/auth/login').flush({ accessToken: 't', user: supervisor });
    await settle();
    http.expectOne('/api/me').flush({ ...supervisor, mfaEnrollmentRequired: true });
    await settle();
    expect(navigate).toHaveBeenCalledWith('/account');
  });

  it('follows a same-site return URL but never one to another origin', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture.componentRef.setInput('returnUrl', '//evil.example/phish');
    await submitWith('supervisor@demo.stegvis.se', 'stegvis-demo');
    http.expectOne('/api/auth/login').flush({ accessToken: 't', user: supervisor });
    await settle();
    http.expectOne('/api/me').flush(supervisor);
    await settle();

    expect(navigate).toHaveBeenCalledWith('/supervisor');
  });
});

describe('mfaStepOf', () => {
  it.each([
    [{ statusCode: 401, error: 'U', message: '', code: 'mfa_required' }, 'required'],
    [{ statusCode: 401, error: 'U', message: '', code: 'mfa_invalid' }, 'invalid'],
    [{ statusCode: 401, error: 'U', message: 'Wrong email or password.' }, null],
    [{ statusCode: 403, error: 'F', message: '', code: 'mfa_enrollment_required' }, null],
    [{ statusCode: 429, error: 'T', message: '' }, null],
  ] as const)('%j → %s', (error, step) => {
    expect(mfaStepOf(error)).toBe(step);
  });
});
