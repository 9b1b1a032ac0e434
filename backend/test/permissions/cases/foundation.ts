import { TEST_PASSWORD, randomOrgNumber, reauthenticate } from '../../support/factories';
import { uniqueEmail } from '../../support/test-app';
import type { RouteCases } from '../route-case';

export const FOUNDATION_CASES: RouteCases = {
  'GET /api/me': { permission: 'me.read', inScope: () => ({ path: '/api/me' }) },
  'PATCH /api/me': {
    permission: 'me.update',
    inScope: () => ({ path: '/api/me', body: { locale: 'en' } }),
  },
  'POST /api/me/password': {
    permission: 'me.changePassword',
    freshActor: true,
    inScope: () => ({
      path: '/api/me/password',
      body: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase 2026' },
    }),
  },
  'POST /api/auth/reauth': {
    permission: 'me.update',
    inScope: () => ({ path: '/api/auth/reauth', body: { password: TEST_PASSWORD } }),
  },
  'POST /api/auth/logout': {
    permission: 'session.delete',
    freshActor: true,
    inScope: () => ({ path: '/api/auth/logout' }),
  },

  'GET /api/users': { permission: 'user.list', inScope: () => ({ path: '/api/users' }) },
  'POST /api/users': {
    permission: 'user.create',
    // Handing out a role needs a recent re-authentication (harmless for the roles refused).
    inScope: async (w, actor) => {
      if (actor) await reauthenticate(w.client, actor.token);
      return {
        path: '/api/users',
        body: {
          email: uniqueEmail('coach'),
          name: 'New Coach',
          role: 'coach',
          password: TEST_PASSWORD,
          programmeIds: [w.programmeIn],
        },
      };
    },
  },
  'GET /api/users/:id': {
    permission: 'user.read',
    inScope: (w) => ({ path: `/api/users/${w.anyUser}` }),
  },
  'PATCH /api/users/:id': {
    permission: 'user.update',
    inScope: (w) => ({ path: `/api/users/${w.anyUser}`, body: { name: 'Renamed' } }),
  },

  'GET /api/programmes': {
    permission: 'programme.list',
    inScope: () => ({ path: '/api/programmes' }),
    listExcludes: (w) => w.programmeOut,
  },
  'POST /api/programmes': {
    permission: 'programme.create',
    inScope: () => ({
      path: '/api/programmes',
      body: { name: 'New', periodStart: '2026-01-01', periodEnd: '2026-12-31' },
    }),
  },
  'GET /api/programmes/:id': {
    permission: 'programme.read',
    inScope: (w) => ({ path: `/api/programmes/${w.programmeIn}` }),
    outOfScope: (w) => ({ path: `/api/programmes/${w.programmeOut}` }),
  },
  'GET /api/programmes/:id/coaches': {
    permission: 'programme.listCoaches',
    inScope: (w) => ({ path: `/api/programmes/${w.programmeIn}/coaches` }),
    outOfScope: (w) => ({ path: `/api/programmes/${w.programmeOut}/coaches` }),
  },
  'PATCH /api/programmes/:id': {
    permission: 'programme.update',
    inScope: (w) => ({
      path: `/api/programmes/${w.programmeIn}`,
      body: { suppressionThreshold: 5 },
    }),
    outOfScope: (w) => ({
      path: `/api/programmes/${w.programmeOut}`,
      body: { suppressionThreshold: 5 },
    }),
  },

  'GET /api/enterprises': {
    permission: 'enterprise.list',
    inScope: () => ({ path: '/api/enterprises' }),
    listExcludes: (w) => w.enterpriseOut,
  },
  'GET /api/enterprises/capacity': {
    permission: 'enterprise.capacity',
    inScope: () => ({ path: '/api/enterprises/capacity?date=2026-03-01' }),
    listExcludes: (w) => w.enterpriseOut,
  },
  'POST /api/enterprises': {
    permission: 'enterprise.create',
    inScope: () => ({
      path: '/api/enterprises',
      body: { name: 'New AB', orgNumber: randomOrgNumber(), municipality: 'Lund' },
    }),
  },
  'GET /api/enterprises/:id': {
    permission: 'enterprise.read',
    inScope: (w) => ({ path: `/api/enterprises/${w.enterpriseIn}` }),
    outOfScope: (w) => ({ path: `/api/enterprises/${w.enterpriseOut}` }),
  },
  'GET /api/enterprises/:id/supervisors': {
    permission: 'supervisor.list',
    inScope: (w) => ({ path: `/api/enterprises/${w.enterpriseIn}/supervisors` }),
  },
  'PATCH /api/enterprises/:id': {
    permission: 'enterprise.update',
    inScope: (w) => ({ path: `/api/enterprises/${w.enterpriseIn}`, body: { isAsf: true } }),
  },

  'GET /api/audit-log': {
    permission: 'audit.read',
    inScope: () => ({ path: '/api/audit-log?limit=5' }),
  },
  'GET /api/audit-log/extract': {
    permission: 'audit.read',
    inScope: async (w) => {
      const [row] = (await w.factories.dataSource.query(
        `SELECT reference FROM participants WHERE id = $1`,
        [w.participantIn],
      )) as { reference: string }[];
      return { path: `/api/audit-log/extract?participantRef=${row?.reference ?? ''}` };
    },
  },
};
