import type {
  Participant,
  PlacementKind,
  PlacementStatus,
  PlanStep,
  SupervisedParticipant,
  SupervisedPlacement,
} from '@stegvis/contracts';
import { maskPersonnummer } from '@stegvis/domain';
import type { ParticipantEntity } from './participant.entity';

/** What the list and read routes load for a page of participants, next to the rows themselves. */
export interface ParticipantExtras {
  nextStep: PlanStep | null;
  overdueFollowUps: number;
}

/**
 * The full record, for coaches. The routes pass `fullPersonnummer: false`: the number is masked in
 * every answer, and only GET /participants/:id/personnummer (audited) gives it in full.
 */
export function toParticipant(
  entity: ParticipantEntity,
  extras: ParticipantExtras,
  fullPersonnummer: boolean,
): Participant {
  return {
    id: entity.id,
    reference: entity.reference,
    programmeId: entity.programmeId,
    status: entity.status,
    reduced: entity.reducedAt !== null,
    gender: entity.gender,
    startYear: entity.startYear,
    startMonth: entity.startMonth.slice(0, 7),
    firstName: entity.firstName,
    lastName: entity.lastName,
    personnummer:
      entity.personnummer === null
        ? null
        : fullPersonnummer
          ? entity.personnummer
          : maskPersonnummer(entity.personnummer),
    birthYear: entity.birthYear,
    municipality: entity.municipality,
    education: entity.education,
    referredBy: entity.referredBy,
    protectedIdentity: entity.protectedIdentity,
    responsibleCoachId: entity.responsibleCoachId,
    enrolledAt: entity.enrolledAt,
    consent: {
      given: entity.consentGiven,
      date: entity.consentDate,
      formVersion: entity.consentFormVersion,
      withdrawnAt: entity.consentWithdrawnAt,
    },
    startSnapshot: entity.startSnapshot,
    exitSnapshot: entity.exitSnapshot,
    exitedAt: entity.exitedAt,
    exitReason: entity.exitReason,
    nextStep: extras.nextStep,
    overdueFollowUps: extras.overdueFollowUps,
    version: entity.version,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** A placement row as the supervisor query returns it (raw columns). */
export interface SupervisedPlacementRow {
  id: string;
  participant_id: string;
  enterprise_id: string;
  kind: PlacementKind;
  start_date: string;
  planned_end_date: string | null;
  actual_end_date: string | null;
  hours_per_week: string | null;
  status: PlacementStatus;
  next_follow_up_due: string | null;
}

/**
 * What a supervisor sees: built field by field from the few things a placement needs, so nothing
 * else (personnummer, notes, income, health, consent) can leak by being added to the entity.
 */
export function toSupervisedParticipant(
  entity: Pick<ParticipantEntity, 'id' | 'firstName' | 'lastName'>,
  placements: SupervisedPlacementRow[],
  planSteps: PlanStep[],
): SupervisedParticipant {
  return {
    id: entity.id,
    firstName: entity.firstName,
    lastName: entity.lastName,
    placements: placements.map(toSupervisedPlacement),
    placementGoals: planSteps
      .filter((step) => step.concernsPlacement === true)
      .map((step) => ({
        id: step.id,
        text: step.text,
        status: step.status,
        dueDate: step.dueDate,
        responsible: step.responsible,
        concernsPlacement: true,
      })),
  };
}

function toSupervisedPlacement(row: SupervisedPlacementRow): SupervisedPlacement {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    kind: row.kind,
    startDate: row.start_date,
    plannedEndDate: row.planned_end_date,
    actualEndDate: row.actual_end_date,
    hoursPerWeek: row.hours_per_week === null ? null : Number(row.hours_per_week),
    status: row.status,
    nextFollowUpDue: row.next_follow_up_due,
  };
}
