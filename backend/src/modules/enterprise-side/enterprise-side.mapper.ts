import type { Agreement, EnterpriseEvent, StartedEnterprise } from '@stegvis/contracts';
import type { AgreementEntity } from './agreement.entity';
import type { EnterpriseEventEntity } from './enterprise-event.entity';
import type { StartedEnterpriseEntity } from './started-enterprise.entity';

export function toEnterpriseEvent(e: EnterpriseEventEntity): EnterpriseEvent {
  return {
    id: e.id,
    programmeId: e.programmeId,
    date: e.date,
    title: e.title,
    kind: e.kind,
    attendeesTotal: e.attendeesTotal,
    attendeesBySector:
      e.attendeesPublicSector === null
        ? null
        : {
            public_sector: e.attendeesPublicSector,
            social_entrepreneurs: e.attendeesSocialEntrepreneurs ?? 0,
            other: e.attendeesOtherSector ?? 0,
          },
    attendeesByGender:
      e.attendeesFemale === null
        ? null
        : {
            female: e.attendeesFemale,
            male: e.attendeesMale ?? 0,
            other: e.attendeesOtherGender ?? 0,
            undisclosed: e.attendeesUndisclosed ?? 0,
          },
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** `e.enterprise` joined. */
export function toAgreement(e: AgreementEntity): Agreement {
  return {
    id: e.id,
    programmeId: e.programmeId,
    enterpriseId: e.enterpriseId,
    enterpriseName: e.enterprise?.name ?? '',
    kind: e.kind,
    counterparty: e.counterparty,
    startDate: e.startDate,
    endDate: e.endDate,
    workTrainingPlaces: e.workTrainingPlaces,
    status: e.status,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** `e.enterprise` joined (when there is one). */
export function toStartedEnterprise(e: StartedEnterpriseEntity): StartedEnterprise {
  return {
    id: e.id,
    programmeId: e.programmeId,
    enterpriseId: e.enterpriseId,
    name: e.enterprise?.name ?? e.name ?? '',
    startedOn: e.startedOn,
    isAsf: e.isAsf,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
