import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { ApiError, LoginResponse, Me } from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';
import { HttpClient } from '@angular/common/http';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

const coach: Me = {
  id: '5b0c5a52-6f0e-4b8e-9d7f-0a4f4b8f2d11',
  email: 'coach@demo.stegvis.se',
  name: 'Carin Coach',
  role: 'coach',
  locale: 'sv',
  enterpriseId: null,
  programmeIds: ['0d3c7b4e-1111-4e6a-9c1e-2b2a8f1f0a01'],
  sessionIdleSeconds: 1800,
  mfaEnabled: false,
  mfaEnrollmentRequired: false,
  mustChangePassword: false,
};

const unauthorized: ApiError = { statusCode: 401, error: 'Unauthorized', message: 'Not signed in' };

describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('logs in with the credentials, then loads the full profile from /api/me', async () => {
    const result = auth.login('coach@demo.stegvis.se', 'stegvis-demo');

    const login = http.expectOne('/api/auth/login');
    expect(login.request.method).toBe('POST');
    expect(login.request.body).toEqual({
      email: 'coach@demo.stegvis.se',
      password: 'stegvis-demo',
    });
    login.flush({
      accessToken: 'token-for-api-clients',
      user: {
        id: coach.id,
        email: coach.email,
        name: coach.name,
        role: coach.role,
        mustChangePassword: false,
      },
    } satisfies LoginResponse);
    await Promise.resolve();
    http.expectOne({ method: 'GET', url: '/api/me' }).flush(coach);

    await expect(result).resolves.toEqual(coach);
    expect(auth.user()).toEqual(coach);
    expect(auth.role()).toBe('coach');
    expect(auth.can('programme.list')).toBe(true);
    expect(auth.can('user.list')).toBe(false);
  });

  it('keeps the access token out of web storage (the session cookie is what the app uses)', async () => {
    const result = auth.login('coach@demo.stegvis.se', 'stegvis-demo');
    http.expectOne('/api/auth/login').flush({ accessToken: 'secret-token', user: coach });
    await Promise.resolve();
    http.expectOne('/api/me').flush(coach);
    await result;

    const stored = [localStorage, sessionStorage].flatMap((s) =>
      Object.keys(s).map((k) => s.getItem(k)),
    );
    expect(stored.join(' ')).not.toContain('secret-token');
  });

  it('rejects a wrong password with the 401 and stays signed out, without redirecting', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate');
    const result = auth.login('coach@demo.stegvis.se', 'wrong');
    http
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, error: 'Unauthorized', message: 'Fel e-post eller lösenord' },
        { status: 401, statusText: 'Unauthorized' },
      );

    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(auth.user()).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('restores a session from /api/me once, however many guards ask', async () => {
    const first = auth.restore();
    const second = auth.restore();
    http.expectOne('/api/me').flush(coach);

    await expect(first).resolves.toEqual(coach);
    await expect(second).resolves.toEqual(coach);
    expect(auth.isLoggedIn()).toBe(true);
  });

  it('treats 401 from /api/me as "not signed in"', async () => {
    const restored = auth.restore();
    http.expectOne('/api/me').flush(unauthorized, { status: 401, statusText: 'Unauthorized' });

    await expect(restored).resolves.toBeNull();
    expect(auth.isLoggedIn()).toBe(false);
  });

  it('logs out on the server and forgets the user', async () => {
    const restored = auth.restore();
    http.expectOne('/api/me').flush(coach);
    await restored;

    const done = auth.logout();
    const logout = http.expectOne('/api/auth/logout');
    expect(logout.request.method).toBe('POST');
    logout.flush(null, { status: 204, statusText: 'No Content' });
    await done;

    expect(auth.user()).toBeNull();
    await expect(auth.restore()).resolves.toBeNull();
  });

  it('saves the language on the user with PATCH /api/me', async () => {
    const restored = auth.restore();
    http.expectOne('/api/me').flush(coach);
    await restored;

    const saved = auth.updateLocale('en');
    const patch = http.expectOne('/api/me');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ locale: 'en' });
    patch.flush({ ...coach, locale: 'en' });
    await saved;

    expect(auth.user()?.locale).toBe('en');
  });

  it('on a 401 from an ordinary request, forgets the user and goes to /login with the return URL', async () => {
    const restored = auth.restore();
    http.expectOne('/api/me').flush(coach);
    await restored;
    const router = TestBed.inject(Router);
    jest.spyOn(router, 'url', 'get').mockReturnValue('/coach');
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);

    const request = firstValueFrom(TestBed.inject(HttpClient).get('/api/participants'));
    http
      .expectOne('/api/participants')
      .flush(unauthorized, { status: 401, statusText: 'Unauthorized' });

    await expect(request).rejects.toMatchObject({ status: 401 });
    expect(auth.user()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/coach' } });
  });
});
