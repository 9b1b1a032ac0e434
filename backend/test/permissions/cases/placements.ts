import { todayIso } from '@stegvis/domain';
import type { RouteCases } from '../route-case';

const followUp = () => ({
  date: todayIso(),
  mode: 'visit',
  daysPresent: 4,
  daysAbsent: 1,
  wellbeing: 4,
});

export const PLACEMENT_CASES: RouteCases = {
  // A participant out of scope is a 400 field error on the body (like one that does not exist),
  // tested in placements.int-spec.ts.
  'POST /api/placements': {
    permission: 'placement.create',
    inScope: (w) => ({
      path: '/api/placements',
      body: {
        participantId: w.participantIn,
        enterpriseId: w.enterpriseIn,
        kind: 'internship',
        startDate: '2026-04-01',
      },
    }),
  },
  'GET /api/placements': {
    permission: 'placement.list',
    inScope: () => ({ path: '/api/placements' }),
    listExcludes: (w) => w.placementOut,
  },
  'GET /api/placements/:id': {
    permission: 'placement.read',
    inScope: (w) => ({ path: `/api/placements/${w.placementIn}` }),
    outOfScope: (w) => ({ path: `/api/placements/${w.placementOut}` }),
  },
  'PATCH /api/placements/:id': {
    permission: 'placement.update',
    inScope: (w) => ({ path: `/api/placements/${w.placementIn}`, body: { hoursPerWeek: 20 } }),
    outOfScope: (w) => ({ path: `/api/placements/${w.placementOut}`, body: { hoursPerWeek: 20 } }),
  },
  'POST /api/placements/:id/follow-ups': {
    permission: 'followUp.create',
    inScope: (w) => ({ path: `/api/placements/${w.placementIn}/follow-ups`, body: followUp() }),
    outOfScope: (w) => ({
      path: `/api/placements/${w.placementOut}/follow-ups`,
      body: followUp(),
    }),
  },
  'GET /api/placements/:id/follow-ups': {
    permission: 'followUp.list',
    inScope: (w) => ({ path: `/api/placements/${w.placementIn}/follow-ups` }),
    outOfScope: (w) => ({ path: `/api/placements/${w.placementOut}/follow-ups` }),
  },
  'GET /api/placements/:id/follow-up-schedule': {
    permission: 'followUp.list',
    inScope: (w) => ({ path: `/api/placements/${w.placementIn}/follow-up-schedule` }),
    outOfScope: (w) => ({ path: `/api/placements/${w.placementOut}/follow-up-schedule` }),
  },
  'GET /api/follow-ups/due': {
    permission: 'followUp.list',
    inScope: () => ({ path: '/api/follow-ups/due' }),
    listExcludes: (w) => w.placementOut,
  },
};
