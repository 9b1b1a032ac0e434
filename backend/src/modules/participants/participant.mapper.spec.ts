import { ParticipantEntity } from './participant.entity';
import { toParticipant, toSupervisedParticipant } from './participant.mapper';

function entity(overrides: Partial<ParticipantEntity> = {}): ParticipantEntity {
  return Object.assign(new ParticipantEntity(), {
    id: 'p1',
    programmeId: 'prog',
    status: 'active',
    gender: 'male',
    startYear: 2026,
    startMonth: '2026-02-01',
    firstName: 'Erik',
    lastName: 'Ek',
    personnummer: '199001011239',
    birthYear: 1990,
    municipality: 'Malmö',
    education: 'primary',
    referredBy: 'self',
    protectedIdentity: false,
    responsibleCoachId: null,
    enrolledAt: '2026-02-01',
    consentGiven: true,
    consentDate: '2026-02-01',
    consentFormVersion: 'v1',
    consentWithdrawnAt: null,
    startSnapshot: null,
    exitSnapshot: null,
    exitedAt: null,
    exitReason: null,
    reducedAt: null,
    erasedAt: null,
    erasureReason: null,
    reference: 'P-0A1B2C3D',
    version: 1,
    createdAt: new Date('2026-02-01T10:00:00Z'),
    updatedAt: new Date('2026-02-01T10:00:00Z'),
    ...overrides,
  });
}

const extras = { nextStep: null, overdueFollowUps: 0 };

describe('participant mappers', () => {
  it('shows the full personnummer only when told the caller is a coach of the programme', () => {
    expect(toParticipant(entity(), extras, true).personnummer).toBe('199001011239');
    expect(toParticipant(entity(), extras, false).personnummer).toBe('19900101-****');
    expect(toParticipant(entity({ personnummer: null }), extras, false).personnummer).toBeNull();
  });

  it('marks a record with reducedAt as reduced', () => {
    expect(toParticipant(entity({ reducedAt: new Date() }), extras, true).reduced).toBe(true);
    expect(toParticipant(entity(), extras, true).reduced).toBe(false);
  });

  it('builds the supervisor view from names, placements and placement goals only', () => {
    const view = toSupervisedParticipant(
      entity(),
      [],
      [
        {
          id: 's1',
          text: 'Kassan',
          status: 'planned',
          dueDate: null,
          responsible: null,
          concernsPlacement: true,
        },
        {
          id: 's2',
          text: 'Hälsa',
          status: 'planned',
          dueDate: null,
          responsible: null,
          concernsPlacement: false,
        },
      ],
    );
    expect(Object.keys(view).sort()).toEqual(
      ['firstName', 'id', 'lastName', 'placementGoals', 'placements'].sort(),
    );
    expect(view.placementGoals.map((g) => g.id)).toEqual(['s1']);
  });
});
