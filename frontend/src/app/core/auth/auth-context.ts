import { HttpContext, HttpContextToken } from '@angular/common/http';

/** Requests where a 401 is an expected answer (login, the session probe) and must not redirect. */
export const SKIP_AUTH_REDIRECT = new HttpContextToken<boolean>(() => false);

export const skipAuthRedirect = (): HttpContext => new HttpContext().set(SKIP_AUTH_REDIRECT, true);
