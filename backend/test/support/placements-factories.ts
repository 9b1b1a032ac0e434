import type { FollowUpCadence } from '@stegvis/contracts';
import { addDays, todayIso } from '@stegvis/domain';
import { Factories } from './factories';
import type { Client } from './test-app';

/** A programme with its coach, an enterprise with its supervisor, and a participant. */
export interface PlacementScene {
  programmeId: string;
  enterpriseId: string;
  coach: { id: string; token: string };
  supervisor: { id: string; token: string };
  participantId: string;
  participantName: string;
}

export async function placementScene(
  client: Client,
  factories: Factories,
  options: { cadence?: FollowUpCadence } = {},
): Promise<PlacementScene> {
  const programme = await factories.programme(
    options.cadence ? { followUpCadence: options.cadence } : {},
  );
  const enterprise = await factories.enterprise();
  const coach = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
  const supervisor = await factories.loggedIn(client, 'supervisor', {
    enterpriseId: enterprise.id,
  });
  const participant = await factories.participant(programme.id, {
    responsibleCoachId: coach.user.id,
  });
  return {
    programmeId: programme.id,
    enterpriseId: enterprise.id,
    coach: { id: coach.user.id, token: coach.token },
    supervisor: { id: supervisor.user.id, token: supervisor.token },
    participantId: participant.id,
    participantName: `${participant.firstName} ${participant.lastName}`,
  };
}

/** An ISO date `days` days from today (negative = in the past). */
export function daysFromToday(days: number): string {
  return addDays(todayIso(), days);
}

export function followUpBody(date: string, overrides: Record<string, unknown> = {}) {
  return { date, mode: 'visit', daysPresent: 4, daysAbsent: 1, wellbeing: 4, ...overrides };
}
