import { todayIso } from '@stegvis/domain';
import type { RouteCases } from '../route-case';

const checkIn = (instrumentId: string) => ({
  instrumentId,
  occasion: 'during',
  date: todayIso(),
  scores: { motivation: 3 },
});

export const CHECK_IN_CASES: RouteCases = {
  'GET /api/instruments': {
    permission: 'instrument.read',
    inScope: (w) => ({ path: `/api/instruments?programmeId=${w.programmeIn}` }),
    outOfScope: (w) => ({ path: `/api/instruments?programmeId=${w.programmeOut}` }),
  },
  // A programme out of scope is a 400 field error on the body, tested in check-ins.int-spec.ts.
  'POST /api/instruments': {
    permission: 'instrument.create',
    inScope: (w) => ({
      path: '/api/instruments',
      body: {
        programmeId: w.programmeIn,
        key: 'permission_case',
        nameSv: 'Eget instrument',
        nameEn: 'Own instrument',
        indicators: [
          {
            key: 'focus',
            labelSv: 'Fokus',
            labelEn: 'Focus',
            min: 1,
            max: 3,
            stagesSv: ['Låg', 'Mellan', 'Hög'],
            stagesEn: ['Low', 'Medium', 'High'],
          },
        ],
      },
    }),
  },
  'POST /api/participants/:id/check-ins': {
    permission: 'checkIn.create',
    inScope: (w) => ({
      path: `/api/participants/${w.participantIn}/check-ins`,
      body: checkIn(w.instrumentId),
    }),
    outOfScope: (w) => ({
      path: `/api/participants/${w.participantOut}/check-ins`,
      body: checkIn(w.instrumentId),
    }),
  },
  'GET /api/participants/:id/check-ins': {
    permission: 'checkIn.list',
    inScope: (w) => ({ path: `/api/participants/${w.participantIn}/check-ins` }),
    outOfScope: (w) => ({ path: `/api/participants/${w.participantOut}/check-ins` }),
  },
  'GET /api/participants/:id/progression': {
    permission: 'progression.read',
    inScope: (w) => ({ path: `/api/participants/${w.participantIn}/progression` }),
    outOfScope: (w) => ({ path: `/api/participants/${w.participantOut}/progression` }),
  },
};
