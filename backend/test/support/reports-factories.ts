import { ParticipantEntity } from '../../src/modules/participants/participant.entity';
import { Factories } from './factories';

/** Test data for the reports written straight to the database: reduced participations. */
export class ReportFactories {
  constructor(readonly base: Factories) {}

  /** A participation without consent: only gender, start year and status are kept. */
  reduced(
    programmeId: string,
    gender: ParticipantEntity['gender'],
    startYear: number,
  ): Promise<ParticipantEntity> {
    return this.base.participant(programmeId, {
      gender,
      startYear,
      firstName: null,
      lastName: null,
      birthYear: null,
      municipality: null,
      education: null,
      referredBy: null,
      enrolledAt: null,
      consentGiven: false,
      consentDate: null,
      consentFormVersion: null,
      reducedAt: new Date(),
    });
  }
}
