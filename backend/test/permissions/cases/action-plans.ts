import { planVersion, savedPlan } from '../../support/action-plan-factories';
import type { RouteCases } from '../route-case';

const plan = {
  goal: 'Arbete inom handeln',
  steps: [{ text: 'Praktik i butik', status: 'planned' }],
};

export const ACTION_PLAN_CASES: RouteCases = {
  'GET /api/participants/:id/action-plan': {
    permission: 'actionPlan.read',
    inScope: (w) => ({ path: `/api/participants/${w.participantIn}/action-plan` }),
    outOfScope: (w) => ({ path: `/api/participants/${w.participantOut}/action-plan` }),
  },
  'PUT /api/participants/:id/action-plan': {
    permission: 'actionPlan.update',
    // Each role's call saves on top of whatever the previous call left.
    inScope: async (w) => ({
      path: `/api/participants/${w.participantIn}/action-plan`,
      body: plan,
      headers: { 'if-match': String(await planVersion(w.factories.dataSource, w.participantIn)) },
    }),
    outOfScope: async (w) => ({
      path: `/api/participants/${w.participantOut}/action-plan`,
      body: plan,
      headers: {
        'if-match': String(await planVersion(w.factories.dataSource, w.participantOut)),
      },
    }),
  },
  'GET /api/participants/:id/action-plan/revisions': {
    permission: 'actionPlan.history',
    inScope: (w) => ({ path: `/api/participants/${w.participantIn}/action-plan/revisions` }),
    outOfScope: (w) => ({ path: `/api/participants/${w.participantOut}/action-plan/revisions` }),
  },
  'GET /api/participants/:id/action-plan/revisions/:version': {
    permission: 'actionPlan.history',
    inScope: async (w) => {
      let version = await planVersion(w.factories.dataSource, w.participantIn);
      if (version === 0) {
        version = await savedPlan(w.factories.dataSource, w.participantIn, w.users.coach);
      }
      return { path: `/api/participants/${w.participantIn}/action-plan/revisions/${version}` };
    },
    outOfScope: async (w) => {
      let version = await planVersion(w.factories.dataSource, w.participantOut);
      if (version === 0) {
        version = await savedPlan(w.factories.dataSource, w.participantOut, w.users.coach);
      }
      return { path: `/api/participants/${w.participantOut}/action-plan/revisions/${version}` };
    },
  },
  'GET /api/participants/:id/action-plan/diff': {
    permission: 'actionPlan.history',
    inScope: (w) => ({
      path: `/api/participants/${w.participantIn}/action-plan/diff?from=0&to=0`,
    }),
    outOfScope: (w) => ({
      path: `/api/participants/${w.participantOut}/action-plan/diff?from=0&to=0`,
    }),
  },
};
