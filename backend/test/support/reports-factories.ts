import type { CheckInOccasion, Rater } from '@stegvis/contracts';
import { CheckInEntity } from '../../src/modules/check-ins/check-in.entity';
import { ParticipantEntity } from '../../src/modules/participants/participant.entity';
import { FollowUpEntity } from '../../src/modules/placements/placement.entity';
import { Factories } from './factories';

/** Test data for the reports: follow-ups, check-ins and reduced participations. */
export class ReportFactories {
  constructor(readonly base: Factories) {}

  async followUps(placementId: string, authorId: string, dates: string[]): Promise<void> {
    const repo = this.base.dataSource.getRepository(FollowUpEntity);
    for (const date of dates) {
      await repo.save(
        repo.create({
          placementId,
          date,
          authorId,
          mode: 'visit',
          daysPresent: 5,
          daysAbsent: 0,
          wellbeing: 4,
          notes: 'Går bra',
          concern: false,
        }),
      );
    }
  }

  async checkIn(
    participantId: string,
    authorId: string,
    check: {
      date: string;
      occasion: CheckInOccasion;
      rater: Rater;
      scores: Record<string, number>;
      ladder?: number;
    },
  ): Promise<void> {
    const repo = this.base.dataSource.getRepository(CheckInEntity);
    await repo.save(
      repo.create({
        participantId,
        instrumentId: await this.base.defaultInstrumentId(),
        occasion: check.occasion,
        rater: check.rater,
        date: check.date,
        scores: check.scores,
        ladder: check.ladder ?? null,
        createdBy: authorId,
      }),
    );
  }

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
