import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { ACCOUNT_PATH, AccessRule, PASSWORD_PATH, allows, homeOf } from './access';
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
    // With a one-time password, only the page where the user chooses their own.
    if (me.mustChangePassword) {
      return isPasswordUrl(state.url) ? true : router.parseUrl(PASSWORD_PATH);
    }
    // Until two-step verification is set up (when the role requires it), only the account page.
    if (me.mfaEnrollmentRequired && !isAccountUrl(state.url)) {
      return router.parseUrl(ACCOUNT_PATH);
    }
    if (!allows(me.role, rule)) {
      return router.parseUrl(homeOf(me));
    }
    return true;
  };
}

/** `/` → the signed-in user's start page. */
export const homeRedirectGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const me = await auth.restore();
  return router.parseUrl(me ? homeOf(me) : '/login');
};

/** The login page is for signed-out users; a signed-in user goes to their start page. */
export const guestGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const me = await auth.restore();
  return me ? router.parseUrl(homeOf(me)) : true;
};

function isAccountUrl(url: string): boolean {
  return (
    url === ACCOUNT_PATH || url.startsWith(`${ACCOUNT_PATH}/`) || url.startsWith(`${ACCOUNT_PATH}?`)
  );
}

function isPasswordUrl(url: string): boolean {
  return url === PASSWORD_PATH || url.startsWith(`${PASSWORD_PATH}?`);
}
