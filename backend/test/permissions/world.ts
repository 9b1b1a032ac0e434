import { ROLES, type Role } from '@stegvis/contracts';
import { Factories } from '../support/factories';
import type { Client } from '../support/test-app';

/**
 * Records inside and outside each role's scope. The coach and lead belong to `programmeIn`; the
 * supervisor works at `enterpriseIn`; `participantIn` is in `programmeIn` and placed at
 * `enterpriseIn`; every `…Out` record belongs to the other programme and enterprise.
 */
export interface World {
  factories: Factories;
  /** For cases that prepare the caller's account through the API. */
  client: Client;
  users: Record<Role, string>;
  tokens: Record<Role, string>;
  scopeOptions: Record<Role, { programmeIds?: string[]; enterpriseId?: string }>;
  programmeIn: string;
  programmeOut: string;
  enterpriseIn: string;
  enterpriseOut: string;
  /** Some other account, for the admin's user routes. */
  anyUser: string;
  participantIn: string;
  participantOut: string;
  placementIn: string;
  placementOut: string;
  /** Authored by the world's coach. */
  sessionIn: string;
  sessionOut: string;
  /** The instrument shipped with Stegvis. */
  instrumentId: string;
}

export async function buildWorld(client: Client, factories: Factories): Promise<World> {
  const [programmeIn, programmeOut] = [await factories.programme(), await factories.programme()];
  const [enterpriseIn, enterpriseOut] = [
    await factories.enterprise(),
    await factories.enterprise(),
  ];
  const otherCoach = await factories.user('coach', { programmeIds: [programmeOut.id] });
  const scopeOptions: World['scopeOptions'] = {
    admin: {},
    lead: { programmeIds: [programmeIn.id] },
    coach: { programmeIds: [programmeIn.id] },
    supervisor: { enterpriseId: enterpriseIn.id },
  };
  const users = {} as Record<Role, string>;
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    const { user, token } = await factories.loggedIn(client, role, scopeOptions[role]);
    users[role] = user.id;
    tokens[role] = token;
  }
  const participantIn = await factories.participant(programmeIn.id, {
    responsibleCoachId: users.coach,
  });
  const participantOut = await factories.participant(programmeOut.id, {
    responsibleCoachId: otherCoach.id,
  });
  const placementIn = await factories.placement(participantIn.id, enterpriseIn.id, [
    users.supervisor,
  ]);
  const placementOut = await factories.placement(participantOut.id, enterpriseOut.id);
  const sessionIn = await factories.session(programmeIn.id, users.coach, [participantIn.id]);
  const sessionOut = await factories.session(programmeOut.id, otherCoach.id, [participantOut.id]);
  return {
    factories,
    client,
    users,
    tokens,
    scopeOptions,
    programmeIn: programmeIn.id,
    programmeOut: programmeOut.id,
    enterpriseIn: enterpriseIn.id,
    enterpriseOut: enterpriseOut.id,
    anyUser: otherCoach.id,
    participantIn: participantIn.id,
    participantOut: participantOut.id,
    placementIn: placementIn.id,
    placementOut: placementOut.id,
    sessionIn: sessionIn.id,
    sessionOut: sessionOut.id,
    instrumentId: await factories.defaultInstrumentId(),
  };
}
