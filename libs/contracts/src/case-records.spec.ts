import {
  isFullParticipant,
  isSupervisedParticipant,
  type Participant,
  type SupervisedParticipant,
} from './case-records';
import { SHAPES } from './views';

describe('isFullParticipant / isSupervisedParticipant', () => {
  // The guards rest on `reference` being in the full view only; the allowlists say what is sent.
  it('relies on a field the full view has and the placement view has not', () => {
    expect(SHAPES['participant']).toHaveProperty(['reference']);
    expect(SHAPES['supervisedParticipant']).not.toHaveProperty(['reference']);
    expect(SHAPES['supervisedParticipant']).toHaveProperty(['placementGoals']);
  });

  it('tells the two answers apart', () => {
    const supervised: SupervisedParticipant = {
      id: 'p1',
      firstName: 'Elin',
      lastName: 'Berg',
      placements: [],
      placementGoals: [],
    };
    const full: Participant = {
      id: 'p1',
      reference: 'P-7F3A2C91',
      programmeId: 'g1',
      status: 'active',
      reduced: false,
      gender: 'female',
      startYear: 2026,
      startMonth: '2026-03',
      firstName: 'Elin',
      lastName: 'Berg',
      personnummer: null,
      birthYear: 1990,
      municipality: null,
      education: null,
      referredBy: null,
      protectedIdentity: false,
      responsibleCoachId: null,
      enrolledAt: '2026-03-02',
      consent: { given: true, date: '2026-03-02', formVersion: null, withdrawnAt: null },
      startSnapshot: null,
      exitSnapshot: null,
      exitedAt: null,
      exitReason: null,
      nextStep: null,
      overdueFollowUps: 0,
      version: 1,
      createdAt: '2026-03-02T09:00:00Z',
      updatedAt: '2026-03-02T09:00:00Z',
    };
    expect([isFullParticipant(full), isSupervisedParticipant(full)]).toEqual([true, false]);
    expect([isFullParticipant(supervised), isSupervisedParticipant(supervised)]).toEqual([
      false,
      true,
    ]);
  });
});
