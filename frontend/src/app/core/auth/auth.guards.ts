import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AccessRule, ROLE_HOME, allows } from './access';
import { AuthService } from './auth.service';

/**
 * Signed in, and allowed by the rule. Not signed in → /login with the return URL; signed in but
 * not allowed → the role's own start page (the same thing the navigation would offer).
 */
export function accessGuard(rule: AccessRule = {}): CanActivateFn {
  return async (_route, state) => {
    const auth = inject(AuthService);
    const router = inject(Router);
    const me = await auth.restore();
    if (!me) {
      const queryParams = state.url && state.url !== '/' ? { returnUrl: state.url } : {};
      return router.createUrlTree(['/login'], { queryParams });
    }
    if (!allows(me.role, rule)) {
      return router.parseUrl(ROLE_HOME[me.role]);
    }
    return true;
  };
}

/** `/` → the signed-in user's start page. */
export const homeRedirectGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const me = await auth.restore();
  return router.parseUrl(me ? ROLE_HOME[me.role] : '/login');
};

/** The login page is for signed-out users; a signed-in user goes to their start page. */
export const guestGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const me = await auth.restore();
  return me ? router.parseUrl(ROLE_HOME[me.role]) : true;
};
