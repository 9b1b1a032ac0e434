import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  CanActivateFn,
  Router,
  RouterStateSnapshot,
  UrlTree,
  provideRouter,
} from '@angular/router';
import type { Me, Role } from '@stegvis/contracts';
import { navFor } from '../../shell/nav';
import { accessGuard, guestGuard, homeRedirectGuard } from './auth.guards';
import { AuthService } from './auth.service';

function meAs(role: Role): Me {
  return {
    id: `id-${role}`,
    email: `${role}@demo.stegvis.se`,
    name: role,
    role,
    locale: 'sv',
    enterpriseId: role === 'supervisor' ? 'enterprise-a' : null,
    programmeIds: [],
    sessionIdleSeconds: 1800,
    mfaEnabled: false,
    mfaEnrollmentRequired: false,
    mustChangePassword: false,
  };
}

describe('route guards', () => {
  let signedIn: Me | null;

  beforeEach(() => {
    signedIn = null;
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: AuthService, useValue: { restore: () => Promise.resolve(signedIn) } },
      ],
    });
  });

  async function run(guard: CanActivateFn, url: string): Promise<string | boolean> {
    const state = { url } as RouterStateSnapshot;
    const result = await TestBed.runInInjectionContext(() =>
      guard({} as ActivatedRouteSnapshot, state),
    );
    if (result instanceof UrlTree) return TestBed.inject(Router).serializeUrl(result);
    return result as boolean;
  }

  it('sends a signed-out visitor to /login and remembers where they were going', async () => {
    await expect(run(accessGuard({ roles: ['coach'] }), '/coach')).resolves.toBe(
      '/login?returnUrl=%2Fcoach',
    );
  });

  it('lets a role in to its own page', async () => {
    signedIn = meAs('coach');
    await expect(run(accessGuard({ roles: ['coach'] }), '/coach')).resolves.toBe(true);
  });

  it('checks permissions against the shared policy table', async () => {
    signedIn = meAs('admin');
    await expect(run(accessGuard({ permission: 'audit.read' }), '/admin/audit')).resolves.toBe(
      true,
    );
  });

  it.each([
    ['coach', '/coach'],
    ['supervisor', '/supervisor'],
    ['lead', '/lead'],
  ] as const)('turns a %s away from the audit log to %s', async (role, home) => {
    signedIn = meAs(role);
    await expect(run(accessGuard({ permission: 'audit.read' }), '/admin/audit')).resolves.toBe(
      home,
    );
  });

  it('needs both the permission and the role when a route names both', async () => {
    signedIn = meAs('lead'); // lead may list programmes, but this page is for admins only
    await expect(
      run(accessGuard({ permission: 'programme.list', roles: ['admin'] }), '/admin/programmes'),
    ).resolves.toBe('/lead');
  });

  it.each([
    ['admin', '/admin'],
    ['lead', '/lead'],
    ['coach', '/coach'],
    ['supervisor', '/supervisor'],
  ] as const)('sends %s from / to %s', async (role, home) => {
    signedIn = meAs(role);
    await expect(run(homeRedirectGuard, '/')).resolves.toBe(home);
  });

  it('keeps a user who must enrol in two-step verification on the account page', async () => {
    signedIn = { ...meAs('coach'), mfaEnrollmentRequired: true };
    await expect(run(accessGuard({ roles: ['coach'] }), '/coach')).resolves.toBe('/account');
    await expect(run(accessGuard(), '/coach/participants/x')).resolves.toBe('/account');
    await expect(run(accessGuard(), '/account')).resolves.toBe(true);
    await expect(run(homeRedirectGuard, '/')).resolves.toBe('/account');
    await expect(run(guestGuard, '/login')).resolves.toBe('/account');
    // Once enrolled, the usual pages again.
    signedIn = { ...meAs('coach'), mfaEnabled: true };
    await expect(run(accessGuard({ roles: ['coach'] }), '/coach')).resolves.toBe(true);
  });

  it('keeps a user with a one-time password on the change-password page until it is changed', async () => {
    signedIn = { ...meAs('coach'), mustChangePassword: true };
    await expect(run(accessGuard({ roles: ['coach'] }), '/coach')).resolves.toBe(
      '/account/password',
    );
    await expect(run(accessGuard(), '/account')).resolves.toBe('/account/password');
    await expect(run(accessGuard(), '/account/password')).resolves.toBe(true);
    await expect(run(homeRedirectGuard, '/')).resolves.toBe('/account/password');
    await expect(run(guestGuard, '/login')).resolves.toBe('/account/password');
    signedIn = meAs('coach');
    await expect(run(accessGuard({ roles: ['coach'] }), '/coach')).resolves.toBe(true);
  });

  it('lets every role open its own account page', async () => {
    for (const role of ['admin', 'lead', 'coach', 'supervisor'] as const) {
      signedIn = meAs(role);
      await expect(run(accessGuard(), '/account')).resolves.toBe(true);
    }
  });

  it('keeps signed-in users off the login page', async () => {
    await expect(run(guestGuard, '/login')).resolves.toBe(true);
    signedIn = meAs('supervisor');
    await expect(run(guestGuard, '/login')).resolves.toBe('/supervisor');
  });
});

describe('navigation per role', () => {
  it.each([
    [
      'coach',
      [
        '/coach',
        '/coach/group-sessions',
        '/coach/group-series',
        '/coach/import',
        '/social-enterprises',
        '/capacity',
      ],
    ],
    ['supervisor', ['/supervisor']],
    ['lead', ['/lead', '/lead/report', '/social-enterprises', '/capacity']],
    [
      'admin',
      ['/admin', '/admin/users', '/admin/programmes', '/admin/enterprises', '/admin/audit'],
    ],
  ] as const)('%s sees only %j', (role, paths) => {
    expect(navFor(role).map((item) => item.path)).toEqual(paths);
  });

  it('shows nothing to a signed-out visitor', () => {
    expect(navFor(null)).toEqual([]);
  });
});
