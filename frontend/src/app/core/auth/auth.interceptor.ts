import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { ACCOUNT_PATH, PASSWORD_PATH } from './access';
import { SKIP_AUTH_REDIRECT } from './auth-context';
import { AuthService } from './auth.service';

/** A 401 on an ordinary request means the session ended: forget the user, go to the login page. */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(req).pipe(
    catchError((error: unknown) => {
      // The role requires two-step verification and it is not set up yet: to the account page.
      if (
        error instanceof HttpErrorResponse &&
        error.status === 403 &&
        (error.error as { code?: unknown } | null)?.code === 'mfa_enrollment_required' &&
        !router.url.startsWith(ACCOUNT_PATH)
      ) {
        void router.navigateByUrl(ACCOUNT_PATH);
      }
      // The password is a one-time password an admin set: to the page where the user changes it.
      if (
        error instanceof HttpErrorResponse &&
        error.status === 403 &&
        (error.error as { code?: unknown } | null)?.code === 'password_change_required' &&
        !router.url.startsWith(PASSWORD_PATH)
      ) {
        void auth.refresh().catch(() => undefined);
        void router.navigateByUrl(PASSWORD_PATH);
      }
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        !req.context.get(SKIP_AUTH_REDIRECT)
      ) {
        auth.clear();
        const returnUrl = router.url;
        if (!returnUrl.startsWith('/login')) {
          void router.navigate(['/login'], {
            queryParams: returnUrl && returnUrl !== '/' ? { returnUrl } : {},
          });
        }
      }
      return throwError(() => error);
    }),
  );
};
