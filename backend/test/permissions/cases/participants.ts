import type { RouteCases } from '../route-case';

export const PARTICIPANT_CASES: RouteCases = {
  'GET /api/participants': {
    permission: 'participant.list',
    inScope: () => ({ path: '/api/participants?limit=200' }),
    listExcludes: (w) => w.participantOut,
  },
  // An out-of-scope programme is a 400 field error (programmeId), not a 404: see participants.int-spec.
  'POST /api/participants': {
    permission: 'participant.create',
    inScope: (w) => ({
      path: '/api/participants',
      body: {
        programmeId: w.programmeIn,
        firstName: 'Ny',
        lastName: 'Deltagare',
        gender: 'male',
        birthYear: 1985,
        enrolledAt: '2026-03-01',
        consent: { given: true, date: '2026-03-01', formVersion: 'v1' },
      },
    }),
  },
  'GET /api/participants/:id': {
    permission: 'participant.read',
    inScope: (w) => ({ path: `/api/participants/${w.participantIn}` }),
    outOfScope: (w) => ({ path: `/api/participants/${w.participantOut}` }),
  },
  'GET /api/participants/:id/personnummer': {
    permission: 'participant.readPersonnummer',
    inScope: (w) => ({ path: `/api/participants/${w.participantIn}/personnummer` }),
    outOfScope: (w) => ({ path: `/api/participants/${w.participantOut}/personnummer` }),
  },
  'PATCH /api/participants/:id': {
    permission: 'participant.update',
    inScope: (w) => ({
      path: `/api/participants/${w.participantIn}`,
      body: { municipality: 'Lund' },
    }),
    outOfScope: (w) => ({
      path: `/api/participants/${w.participantOut}`,
      body: { municipality: 'Lund' },
    }),
  },
  'POST /api/participants/:id/reopening': {
    permission: 'participant.reopen',
    // A fresh ended participation per call: re-opening makes it active.
    inScope: async (w) => ({
      path: `/api/participants/${
        (
          await w.factories.participant(w.programmeIn, {
            status: 'exited',
            exitedAt: '2026-05-01',
            exitReason: 'work',
          })
        ).id
      }/reopening`,
      body: { reason: 'Permission suite re-opening' },
    }),
    outOfScope: (w) => ({
      path: `/api/participants/${w.participantOut}/reopening`,
      body: { reason: 'Permission suite re-opening' },
    }),
  },
  'POST /api/participants/:id/erasure': {
    permission: 'participant.erase',
    // A fresh participant per call: erasure is for good.
    inScope: async (w) => ({
      path: `/api/participants/${(await w.factories.participant(w.programmeIn)).id}/erasure`,
      body: { reason: 'Permission suite erasure' },
    }),
    outOfScope: (w) => ({
      path: `/api/participants/${w.participantOut}/erasure`,
      body: { reason: 'Permission suite erasure' },
    }),
  },
  'GET /api/participants/:id/export': {
    permission: 'participant.export',
    inScope: (w) => ({ path: `/api/participants/${w.participantIn}/export` }),
    outOfScope: (w) => ({ path: `/api/participants/${w.participantOut}/export` }),
  },
};
