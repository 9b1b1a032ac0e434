import type { RouteCases } from '../route-case';

export const COACHING_SESSION_CASES: RouteCases = {
  'GET /api/coaching-sessions': {
    permission: 'coachingSession.list',
    inScope: () => ({ path: '/api/coaching-sessions' }),
    listExcludes: (w) => w.sessionOut,
  },
  // A participant outside the caller's scope is a 400 field error ("No such participant"), not a
  // 404: the route itself names no record. The scoping is tested in coaching-sessions.int-spec.
  'POST /api/coaching-sessions': {
    permission: 'coachingSession.create',
    inScope: (w) => ({
      path: '/api/coaching-sessions',
      body: {
        at: '2026-03-12T10:00:00+01:00',
        durationMinutes: 45,
        kind: 'individual_coaching',
        mode: 'phone',
        participants: [{ participantId: w.participantIn, attendance: 'attended' }],
      },
    }),
  },
  'GET /api/coaching-sessions/:id': {
    permission: 'coachingSession.read',
    inScope: (w) => ({ path: `/api/coaching-sessions/${w.sessionIn}` }),
    outOfScope: (w) => ({ path: `/api/coaching-sessions/${w.sessionOut}` }),
  },
  'PATCH /api/coaching-sessions/:id': {
    permission: 'coachingSession.update',
    inScope: (w) => ({
      path: `/api/coaching-sessions/${w.sessionIn}`,
      body: { durationMinutes: 50 },
    }),
    outOfScope: (w) => ({
      path: `/api/coaching-sessions/${w.sessionOut}`,
      body: { durationMinutes: 50 },
    }),
  },
};
