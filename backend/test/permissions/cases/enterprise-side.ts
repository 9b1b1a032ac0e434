import type { DataSource } from 'typeorm';
import type { RouteCases } from '../route-case';
import type { World } from '../world';
import {
  adviceSessionIn,
  agreementIn,
  enterpriseEventIn,
  entrepreneurContactIn,
  startedEnterpriseIn,
} from '../../support/enterprise-side-factories';

/*
 * The enterprise side (issue 14): every call on a record by id makes a fresh one, so the cells
 * (and DELETE) do not depend on each other. Records "out" belong to the other programme (and, for
 * agreements, the other enterprise).
 */

const event = {
  date: '2026-03-10',
  title: 'Nätverksträff',
  kind: 'network_meeting',
  attendeesBySector: { public_sector: 5, social_entrepreneurs: 7 },
};
const agreement = (enterpriseId: string) => ({
  enterpriseId,
  kind: 'reserved_contract',
  counterparty: 'Katrineholms kommun',
  startDate: '2026-01-15',
});
const started = { name: 'Syateljén', startedOn: '2026-05-02', isAsf: true };
const contact = { name: 'E. F.', gender: 'male' };
const advice = (contactId: string) => ({
  date: '2026-04-02',
  kind: 'life_coaching',
  format: 'individual',
  durationMinutes: 60,
  contactIds: [contactId],
});

export const ENTERPRISE_SIDE_CASES: RouteCases = {
  'GET /api/programmes/:programmeId/enterprise-events': {
    permission: 'enterpriseEvent.list',
    inScope: (w) => ({ path: `/api/programmes/${w.programmeIn}/enterprise-events` }),
    outOfScope: (w) => ({ path: `/api/programmes/${w.programmeOut}/enterprise-events` }),
  },
  'POST /api/programmes/:programmeId/enterprise-events': {
    permission: 'enterpriseEvent.create',
    inScope: (w) => ({ path: `/api/programmes/${w.programmeIn}/enterprise-events`, body: event }),
    outOfScope: (w) => ({
      path: `/api/programmes/${w.programmeOut}/enterprise-events`,
      body: event,
    }),
  },
  'GET /api/enterprise-events/:id': {
    permission: 'enterpriseEvent.read',
    inScope: async (w) => ({
      path: `/api/enterprise-events/${await enterpriseEventIn(w.factories.dataSource, w.programmeIn)}`,
    }),
    outOfScope: async (w) => ({
      path: `/api/enterprise-events/${await enterpriseEventIn(w.factories.dataSource, w.programmeOut)}`,
    }),
  },
  'PATCH /api/enterprise-events/:id': {
    permission: 'enterpriseEvent.update',
    inScope: async (w) => ({
      path: `/api/enterprise-events/${await enterpriseEventIn(w.factories.dataSource, w.programmeIn)}`,
      body: { title: 'Mötesplats, våren' },
    }),
    outOfScope: async (w) => ({
      path: `/api/enterprise-events/${await enterpriseEventIn(w.factories.dataSource, w.programmeOut)}`,
      body: { title: 'Mötesplats, våren' },
    }),
  },
  'DELETE /api/enterprise-events/:id': {
    permission: 'enterpriseEvent.delete',
    inScope: async (w) => ({
      path: `/api/enterprise-events/${await enterpriseEventIn(w.factories.dataSource, w.programmeIn)}`,
    }),
    outOfScope: async (w) => ({
      path: `/api/enterprise-events/${await enterpriseEventIn(w.factories.dataSource, w.programmeOut)}`,
    }),
  },

  'GET /api/programmes/:programmeId/agreements': {
    permission: 'agreement.list',
    inScope: (w) => ({ path: `/api/programmes/${w.programmeIn}/agreements` }),
    outOfScope: (w) => ({ path: `/api/programmes/${w.programmeOut}/agreements` }),
  },
  // Coaches and leads may look up any enterprise (their programmes' agreements with it), so there
  // is no out-of-scope enterprise for them; a supervisor's 404 for another enterprise, and what
  // each role's list leaves out, are tested in enterprise-side.int-spec.ts.
  'GET /api/enterprises/:enterpriseId/agreements': {
    permission: 'agreement.read',
    inScope: (w) => ({ path: `/api/enterprises/${w.enterpriseIn}/agreements` }),
  },
  'POST /api/programmes/:programmeId/agreements': {
    permission: 'agreement.create',
    inScope: (w) => ({
      path: `/api/programmes/${w.programmeIn}/agreements`,
      body: agreement(w.enterpriseIn),
    }),
    outOfScope: (w) => ({
      path: `/api/programmes/${w.programmeOut}/agreements`,
      body: agreement(w.enterpriseIn),
    }),
  },
  'GET /api/agreements/:id': {
    permission: 'agreement.read',
    inScope: async (w) => ({
      path: `/api/agreements/${await agreementIn(w.factories.dataSource, w.programmeIn, w.enterpriseIn)}`,
    }),
    outOfScope: async (w) => ({
      path: `/api/agreements/${await agreementIn(w.factories.dataSource, w.programmeOut, w.enterpriseOut)}`,
    }),
  },
  'PATCH /api/agreements/:id': {
    permission: 'agreement.update',
    inScope: async (w) => ({
      path: `/api/agreements/${await agreementIn(w.factories.dataSource, w.programmeIn, w.enterpriseIn)}`,
      body: { workTrainingPlaces: 6 },
    }),
    outOfScope: async (w) => ({
      path: `/api/agreements/${await agreementIn(w.factories.dataSource, w.programmeOut, w.enterpriseOut)}`,
      body: { workTrainingPlaces: 6 },
    }),
  },
  'DELETE /api/agreements/:id': {
    permission: 'agreement.delete',
    inScope: async (w) => ({
      path: `/api/agreements/${await agreementIn(w.factories.dataSource, w.programmeIn, w.enterpriseIn)}`,
    }),
    outOfScope: async (w) => ({
      path: `/api/agreements/${await agreementIn(w.factories.dataSource, w.programmeOut, w.enterpriseOut)}`,
    }),
  },

  'GET /api/programmes/:programmeId/enterprises-started': {
    permission: 'startedEnterprise.list',
    inScope: (w) => ({ path: `/api/programmes/${w.programmeIn}/enterprises-started` }),
    outOfScope: (w) => ({ path: `/api/programmes/${w.programmeOut}/enterprises-started` }),
  },
  'POST /api/programmes/:programmeId/enterprises-started': {
    permission: 'startedEnterprise.create',
    inScope: (w) => ({
      path: `/api/programmes/${w.programmeIn}/enterprises-started`,
      body: started,
    }),
    outOfScope: (w) => ({
      path: `/api/programmes/${w.programmeOut}/enterprises-started`,
      body: started,
    }),
  },
  'GET /api/enterprises-started/:id': {
    permission: 'startedEnterprise.read',
    inScope: async (w) => ({
      path: `/api/enterprises-started/${await startedEnterpriseIn(w.factories.dataSource, w.programmeIn)}`,
    }),
    outOfScope: async (w) => ({
      path: `/api/enterprises-started/${await startedEnterpriseIn(w.factories.dataSource, w.programmeOut)}`,
    }),
  },
  'PATCH /api/enterprises-started/:id': {
    permission: 'startedEnterprise.update',
    inScope: async (w) => ({
      path: `/api/enterprises-started/${await startedEnterpriseIn(w.factories.dataSource, w.programmeIn)}`,
      body: { isAsf: false },
    }),
    outOfScope: async (w) => ({
      path: `/api/enterprises-started/${await startedEnterpriseIn(w.factories.dataSource, w.programmeOut)}`,
      body: { isAsf: false },
    }),
  },
  'DELETE /api/enterprises-started/:id': {
    permission: 'startedEnterprise.delete',
    inScope: async (w) => ({
      path: `/api/enterprises-started/${await startedEnterpriseIn(w.factories.dataSource, w.programmeIn)}`,
    }),
    outOfScope: async (w) => ({
      path: `/api/enterprises-started/${await startedEnterpriseIn(w.factories.dataSource, w.programmeOut)}`,
    }),
  },
  ...byId('entrepreneur-contacts', 'entrepreneurContact', entrepreneurContactIn, {
    name: 'C. D.',
  }),
  'GET /api/programmes/:programmeId/entrepreneur-contacts': {
    permission: 'entrepreneurContact.list',
    inScope: (w) => ({ path: `/api/programmes/${w.programmeIn}/entrepreneur-contacts` }),
    outOfScope: (w) => ({ path: `/api/programmes/${w.programmeOut}/entrepreneur-contacts` }),
  },
  'POST /api/programmes/:programmeId/entrepreneur-contacts': {
    permission: 'entrepreneurContact.create',
    inScope: (w) => ({
      path: `/api/programmes/${w.programmeIn}/entrepreneur-contacts`,
      body: contact,
    }),
    outOfScope: (w) => ({
      path: `/api/programmes/${w.programmeOut}/entrepreneur-contacts`,
      body: contact,
    }),
  },
  ...byId('advice-sessions', 'adviceSession', adviceSessionIn, { durationMinutes: 90 }),
  'GET /api/programmes/:programmeId/advice-sessions': {
    permission: 'adviceSession.list',
    inScope: (w) => ({ path: `/api/programmes/${w.programmeIn}/advice-sessions` }),
    outOfScope: (w) => ({ path: `/api/programmes/${w.programmeOut}/advice-sessions` }),
  },
  'POST /api/programmes/:programmeId/advice-sessions': {
    permission: 'adviceSession.create',
    inScope: async (w) => ({
      path: `/api/programmes/${w.programmeIn}/advice-sessions`,
      body: advice(await entrepreneurContactIn(w.factories.dataSource, w.programmeIn)),
    }),
    outOfScope: async (w) => ({
      path: `/api/programmes/${w.programmeOut}/advice-sessions`,
      body: advice(await entrepreneurContactIn(w.factories.dataSource, w.programmeOut)),
    }),
  },
};

/** GET, PATCH and DELETE of one record by id, a fresh record per call. */
function byId(
  route: string,
  prefix: 'entrepreneurContact' | 'adviceSession',
  make: (ds: DataSource, programmeId: string) => Promise<string>,
  patch: object,
): RouteCases {
  const at = async (w: World, programmeId: string) =>
    `/api/${route}/${await make(w.factories.dataSource, programmeId)}`;
  return {
    [`GET /api/${route}/:id`]: {
      permission: `${prefix}.read`,
      inScope: async (w) => ({ path: await at(w, w.programmeIn) }),
      outOfScope: async (w) => ({ path: await at(w, w.programmeOut) }),
    },
    [`PATCH /api/${route}/:id`]: {
      permission: `${prefix}.update`,
      inScope: async (w) => ({ path: await at(w, w.programmeIn), body: patch }),
      outOfScope: async (w) => ({ path: await at(w, w.programmeOut), body: patch }),
    },
    [`DELETE /api/${route}/:id`]: {
      permission: `${prefix}.delete`,
      inScope: async (w) => ({ path: await at(w, w.programmeIn) }),
      outOfScope: async (w) => ({ path: await at(w, w.programmeOut) }),
    },
  };
}
