import { HttpExceptionWithBody } from '../common/http-exception.filter';
import type { Caller } from './caller';

/**
 * Changes that hand out access (roles, programme memberships, an enterprise, new accounts,
 * passwords, a second factor reset) need the caller to have entered their password or TOTP code
 * again recently (POST /api/auth/reauth; REAUTH_MINUTES): a stolen or unattended session alone
 * cannot make them.
 */
export function assertRecentlyReauthenticated(caller: Pick<Caller, 'recentlyReauthenticated'>) {
  if (!caller.recentlyReauthenticated) {
    throw new HttpExceptionWithBody(403, 'Enter your password again to make this change.', {
      code: 'reauth_required',
    });
  }
}
