import {
  isFullActionPlan,
  isFullParticipant,
  isFullPlacement,
  isSupervisedParticipant,
  type ActionPlan,
  type Participant,
  type Placement,
  type SupervisedActionPlan,
  type SupervisedParticipant,
  type SupervisedPlacementDetail,
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

describe('isFullActionPlan / isFullPlacement', () => {
  it('rely on fields only the full view has', () => {
    expect(SHAPES['actionPlan']).toHaveProperty(['goal']);
    expect(SHAPES['supervisedActionPlan']).not.toHaveProperty(['goal']);
    expect(SHAPES['placement']).toHaveProperty(['version']);
    expect(SHAPES['supervisedPlacementDetail']).not.toHaveProperty(['version']);
  });

  it('tell the two answers apart', () => {
    const plan: ActionPlan = {
      participantId: 'p1',
      version: 2,
      goal: 'Arbete inom handeln',
      steps: [],
      nextStep: null,
      updatedAt: '2026-03-02T09:00:00Z',
      updatedBy: 'c1',
    };
    const supervisedPlan: SupervisedActionPlan = {
      participantId: 'p1',
      version: 2,
      steps: [],
      nextStep: null,
      updatedAt: '2026-03-02T09:00:00Z',
    };
    expect([isFullActionPlan(plan), isFullActionPlan(supervisedPlan)]).toEqual([true, false]);

    const placement: Placement = {
      id: 'pl1',
      participantId: 'p1',
      enterpriseId: 'e1',
      kind: 'work_training',
      startDate: '2026-03-02',
      plannedEndDate: null,
      actualEndDate: null,
      hoursPerWeek: 20,
      status: 'active',
      endReason: null,
      supervisorIds: [],
      pauses: [],
      followUpStatus: { nextDue: null, overdue: false, daysOverdue: 0, dueCount: 0, doneCount: 0 },
      version: 1,
    };
    const supervisedPlacement: SupervisedPlacementDetail = {
      id: placement.id,
      participantId: placement.participantId,
      enterpriseId: placement.enterpriseId,
      kind: placement.kind,
      startDate: placement.startDate,
      plannedEndDate: placement.plannedEndDate,
      actualEndDate: placement.actualEndDate,
      hoursPerWeek: placement.hoursPerWeek,
      status: placement.status,
      supervisorIds: placement.supervisorIds,
      pauses: placement.pauses,
      followUpStatus: placement.followUpStatus,
    };
    expect([isFullPlacement(placement), isFullPlacement(supervisedPlacement)]).toEqual([
      true,
      false,
    ]);
  });
});
