import { randomInt } from 'node:crypto';
import { personnummerFor } from '../../support/participants-factories';
import type { RouteCases } from '../route-case';

/** A one-row CSV with a fresh personnummer, so repeated calls never collide. */
function oneRow(): Buffer {
  const pnr = personnummerFor('19850315', randomInt(1000));
  return Buffer.from(
    `Förnamn;Efternamn;Personnummer;Kön;Inskriven;Samtycke\nTest;Import;${pnr};Man;2026-03-01;Ja\n`,
  );
}

// The raw body is a CSV file (the test client sends a Buffer as text/csv).
export const PARTICIPANT_IMPORT_CASES: RouteCases = {
  'GET /api/participant-imports/template': {
    permission: 'participant.import',
    inScope: () => ({ path: '/api/participant-imports/template?format=csv' }),
  },
  'POST /api/programmes/:id/participant-imports/preview': {
    permission: 'participant.import',
    inScope: (w) => ({
      path: `/api/programmes/${w.programmeIn}/participant-imports/preview`,
      body: oneRow(),
    }),
    outOfScope: (w) => ({
      path: `/api/programmes/${w.programmeOut}/participant-imports/preview`,
      body: oneRow(),
    }),
  },
  'POST /api/programmes/:id/participant-imports': {
    permission: 'participant.import',
    inScope: (w) => ({
      path: `/api/programmes/${w.programmeIn}/participant-imports?mode=all`,
      body: oneRow(),
    }),
    outOfScope: (w) => ({
      path: `/api/programmes/${w.programmeOut}/participant-imports?mode=all`,
      body: oneRow(),
    }),
  },
};
