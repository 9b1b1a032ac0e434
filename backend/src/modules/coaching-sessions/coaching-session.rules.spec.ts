import type { SessionKind } from '@stegvis/contracts';
import { attendanceListProblems } from './coaching-session.rules';

const A = '6f1c1a52-2d0b-4a4e-9a63-0c1f6f0b2a01';
const B = '6f1c1a52-2d0b-4a4e-9a63-0c1f6f0b2a02';

describe('attendanceListProblems', () => {
  it.each<[string, SessionKind, string[], Record<string, string[]>]>([
    ['one participant, individual', 'individual_coaching', [A], {}],
    ['several in a group workshop', 'group_workshop', [A, B], {}],
    ['several in business advice', 'business_advice', [A, B], {}],
    [
      'several in individual coaching',
      'individual_coaching',
      [A, B],
      { participants: [expect.stringContaining('one participant')] },
    ],
    [
      'several in a follow-up visit',
      'follow_up_visit',
      [A, B],
      { participants: [expect.stringContaining('one participant')] },
    ],
    [
      'the same participant twice, whatever the case',
      'group_workshop',
      [A, B, A.toUpperCase()],
      { 'participants.2.participantId': ['Listed twice.'] },
    ],
  ])('%s', (_, kind, ids, expected) => {
    expect(attendanceListProblems(kind, ids)).toEqual(expected);
  });
});
