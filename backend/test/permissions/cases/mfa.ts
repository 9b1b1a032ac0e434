import { TEST_PASSWORD, reauthenticate } from '../../support/factories';
import { mfaSecretFor, totpCode } from '../../support/mfa';
import type { RouteCases } from '../route-case';

// Enrolling and turning MFA off change the caller's own account: each call gets a fresh one,
// given a pending secret or MFA already on where the route needs it (written straight to the
// database: the enrolment itself is tested through the API in mfa.int-spec.ts).
export const MFA_CASES: RouteCases = {
  'GET /api/me/mfa': { permission: 'me.read', inScope: () => ({ path: '/api/me/mfa' }) },
  'POST /api/me/mfa/enrolment': {
    permission: 'me.enrolMfa',
    freshActor: true,
    inScope: () => ({ path: '/api/me/mfa/enrolment', body: { password: TEST_PASSWORD } }),
  },
  'POST /api/me/mfa/confirm': {
    permission: 'me.enrolMfa',
    freshActor: true,
    inScope: async (w, actor) => {
      if (!actor) return { path: '/api/me/mfa/confirm', body: { code: '000000' } };
      const secret = await mfaSecretFor(w.factories.dataSource, actor.userId, { enabled: false });
      return { path: '/api/me/mfa/confirm', body: { code: totpCode(secret) } };
    },
  },
  'POST /api/me/mfa/disable': {
    permission: 'me.disableMfa',
    freshActor: true,
    inScope: async (w, actor) => {
      if (!actor) {
        return { path: '/api/me/mfa/disable', body: { password: TEST_PASSWORD, code: '000000' } };
      }
      const secret = await mfaSecretFor(w.factories.dataSource, actor.userId, { enabled: true });
      return {
        path: '/api/me/mfa/disable',
        body: { password: TEST_PASSWORD, code: totpCode(secret) },
      };
    },
  },
  'DELETE /api/users/:id/mfa': {
    permission: 'user.resetMfa',
    inScope: async (w, actor) => {
      if (actor) await reauthenticate(w.client, actor.token);
      return { path: `/api/users/${w.anyUser}/mfa` };
    },
  },
};
