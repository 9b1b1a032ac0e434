import type { RouteCases } from '../route-case';

export const TIMELINE_CASES: RouteCases = {
  'GET /api/participants/:id/timeline': {
    permission: 'timeline.read',
    inScope: (w) => ({ path: `/api/participants/${w.participantIn}/timeline` }),
    outOfScope: (w) => ({ path: `/api/participants/${w.participantOut}/timeline` }),
  },
};
