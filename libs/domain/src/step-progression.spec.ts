import { type CheckIn, type StepProgression, stepProgression } from './step-progression';

const START = '2025-01-10';
const DURING = '2025-04-10';
const EXIT = '2025-07-10';

// Participant: confidence 2 → 3 → 4 (+2), routine 3 → 3 → 2 (−1); ladder 1 → 2.
// Coach: confidence 2 → 2 (0), routine 2 → 3 (+1).
// Overall mean change: (2 − 1 + 0 + 1) / 4 = 0.5. On the exit date (common to both):
// confidence 4 vs 2 → spread 2, reported; routine 2 vs 3 → spread 1, not.
const FULL: CheckIn[] = [
  {
    occasion: 'start',
    date: START,
    rater: 'participant',
    scores: { confidence: 2, routine: 3 },
    ladder: 1,
  },
  { occasion: 'start', date: START, rater: 'coach', scores: { confidence: 2, routine: 2 } },
  { occasion: 'during', date: DURING, rater: 'participant', scores: { confidence: 3, routine: 3 } },
  {
    occasion: 'exit',
    date: EXIT,
    rater: 'participant',
    scores: { confidence: 4, routine: 2 },
    ladder: 2,
  },
  { occasion: 'exit', date: EXIT, rater: 'coach', scores: { confidence: 2, routine: 3 } },
];

describe('stepProgression', () => {
  it('works out change per rater and indicator, the overall mean, the ladder and disagreements', () => {
    expect(stepProgression(FULL)).toEqual<StepProgression>({
      byRater: [
        {
          rater: 'participant',
          indicators: [
            {
              indicator: 'confidence',
              first: 2,
              latest: 4,
              firstDate: START,
              latestDate: EXIT,
              change: 2,
            },
            {
              indicator: 'routine',
              first: 3,
              latest: 2,
              firstDate: START,
              latestDate: EXIT,
              change: -1,
            },
          ],
          meanChange: 0.5,
        },
        {
          rater: 'coach',
          indicators: [
            {
              indicator: 'confidence',
              first: 2,
              latest: 2,
              firstDate: START,
              latestDate: EXIT,
              change: 0,
            },
            {
              indicator: 'routine',
              first: 2,
              latest: 3,
              firstDate: START,
              latestDate: EXIT,
              change: 1,
            },
          ],
          meanChange: 0.5,
        },
      ],
      overallMeanChange: 0.5,
      ladder: { first: 1, latest: 2, change: 1 },
      movedForward: true,
      disagreements: [
        {
          indicator: 'confidence',
          date: EXIT,
          dates: { participant: EXIT, coach: EXIT },
          scores: { participant: 4, coach: 2 },
          spread: 2,
        },
      ],
    });
  });

  it('does not depend on the order of the input', () => {
    expect(stepProgression([...FULL].reverse())).toEqual(stepProgression(FULL));
  });

  it.each<
    [string, CheckIn[], Pick<StepProgression, 'overallMeanChange' | 'ladder' | 'movedForward'>]
  >([
    ['no check-ins', [], { overallMeanChange: null, ladder: null, movedForward: false }],
    [
      'a single check-in: no change yet',
      [{ occasion: 'start', date: START, rater: 'participant', scores: { a: 3 }, ladder: 1 }],
      { overallMeanChange: null, ladder: { first: 1, latest: 1, change: 0 }, movedForward: false },
    ],
    [
      // scores −1, ladder 2 → 3: moved forward by the ladder
      'a step up the ladder counts as moving forward even when scores fall',
      [
        { occasion: 'start', date: START, rater: 'participant', scores: { a: 4 }, ladder: 2 },
        { occasion: 'exit', date: EXIT, rater: 'participant', scores: { a: 3 }, ladder: 3 },
      ],
      { overallMeanChange: -1, ladder: { first: 2, latest: 3, change: 1 }, movedForward: true },
    ],
    [
      // (+1 + −1) / 2 = 0: not forward
      'a mean change of 0 is not moving forward',
      [
        { occasion: 'start', date: START, rater: 'participant', scores: { a: 2, b: 4 } },
        { occasion: 'exit', date: EXIT, rater: 'participant', scores: { a: 3, b: 3 } },
      ],
      { overallMeanChange: 0, ladder: null, movedForward: false },
    ],
    [
      // same date: start (5) comes before exit (7) whatever the input order → +2
      'check-ins on the same day are ordered start → during → exit',
      [
        { occasion: 'exit', date: START, rater: 'coach', scores: { a: 7 } },
        { occasion: 'start', date: START, rater: 'coach', scores: { a: 5 } },
      ],
      { overallMeanChange: 2, ladder: null, movedForward: true },
    ],
    [
      // the indicator only the coach re-assessed: participant's b has no change → mean of +3 only
      'an indicator assessed once is left out of the mean',
      [
        { occasion: 'start', date: START, rater: 'coach', scores: { a: 1 } },
        { occasion: 'exit', date: EXIT, rater: 'coach', scores: { a: 4 } },
        { occasion: 'exit', date: EXIT, rater: 'participant', scores: { b: 2 } },
      ],
      { overallMeanChange: 3, ladder: null, movedForward: true },
    ],
  ])('%s', (_name, checkIns, expected) => {
    expect(stepProgression(checkIns)).toMatchObject(expected);
  });

  type Options = { disagreementPoints?: number; disagreementWindowDays?: number };
  it.each<[string, CheckIn[], Options, StepProgression['disagreements']]>([
    [
      // participant 1 Mar, supervisor 5 Mar: 4 days apart, 5 vs 2 → flagged although not the same day
      'check-ins on different days within 14 days',
      [
        { occasion: 'during', date: '2025-03-01', rater: 'participant', scores: { a: 5 } },
        { occasion: 'during', date: '2025-03-05', rater: 'supervisor', scores: { a: 2 } },
      ],
      {},
      [
        {
          indicator: 'a',
          date: '2025-03-05',
          dates: { participant: '2025-03-01', supervisor: '2025-03-05' },
          scores: { participant: 5, supervisor: 2 },
          spread: 3,
        },
      ],
    ],
    [
      // 1 Mar → 15 Mar is 14 days: compared; 1 Mar → 16 Mar is 15 days: not
      'exactly 14 days apart is within, 15 days is not',
      [
        { occasion: 'during', date: '2025-03-01', rater: 'coach', scores: { a: 1, b: 1 } },
        { occasion: 'during', date: '2025-03-15', rater: 'supervisor', scores: { a: 4 } },
        { occasion: 'during', date: '2025-03-16', rater: 'participant', scores: { b: 5 } },
      ],
      {},
      [
        {
          indicator: 'a',
          date: '2025-03-15',
          dates: { coach: '2025-03-01', supervisor: '2025-03-15' },
          scores: { coach: 1, supervisor: 4 },
          spread: 3,
        },
      ],
    ],
    [
      // Same day: participant 4, coach 3, supervisor 2 → only participant vs supervisor differ by 2;
      // the coach's 4 Apr score of 2 is 34 days later, compared with nobody
      'three raters: only the pairs that differ by 2 or more',
      [
        { occasion: 'during', date: '2025-03-01', rater: 'participant', scores: { a: 4 } },
        { occasion: 'during', date: '2025-03-01', rater: 'coach', scores: { a: 3 } },
        { occasion: 'during', date: '2025-03-01', rater: 'supervisor', scores: { a: 2 } },
        { occasion: 'during', date: '2025-04-04', rater: 'coach', scores: { a: 2 } },
      ],
      {},
      [
        {
          indicator: 'a',
          date: '2025-03-01',
          dates: { participant: '2025-03-01', supervisor: '2025-03-01' },
          scores: { participant: 4, supervisor: 2 },
          spread: 2,
        },
      ],
    ],
    [
      // Start: 5 vs 1 (flagged, dated); exit: 4 vs 4. Shown newest first — here only the start.
      'an older disagreement stays on record with its date',
      [
        { occasion: 'start', date: START, rater: 'participant', scores: { a: 5 } },
        { occasion: 'start', date: START, rater: 'coach', scores: { a: 1 } },
        { occasion: 'exit', date: EXIT, rater: 'participant', scores: { a: 4 } },
        { occasion: 'exit', date: EXIT, rater: 'coach', scores: { a: 4 } },
      ],
      {},
      [
        {
          indicator: 'a',
          date: START,
          dates: { participant: START, coach: START },
          scores: { participant: 5, coach: 1 },
          spread: 4,
        },
      ],
    ],
    [
      // Two rounds that both disagree: newest first
      'newest first',
      [
        { occasion: 'start', date: START, rater: 'coach', scores: { a: 1 } },
        { occasion: 'start', date: '2025-01-20', rater: 'supervisor', scores: { a: 3 } },
        { occasion: 'exit', date: EXIT, rater: 'coach', scores: { a: 5 } },
        { occasion: 'exit', date: '2025-07-01', rater: 'supervisor', scores: { a: 2 } },
      ],
      {},
      [
        {
          indicator: 'a',
          date: EXIT,
          dates: { coach: EXIT, supervisor: '2025-07-01' },
          scores: { coach: 5, supervisor: 2 },
          spread: 3,
        },
        {
          indicator: 'a',
          date: '2025-01-20',
          dates: { coach: START, supervisor: '2025-01-20' },
          scores: { coach: 1, supervisor: 3 },
          spread: 2,
        },
      ],
    ],
    [
      'a custom threshold',
      [
        { occasion: 'exit', date: EXIT, rater: 'participant', scores: { a: 6 } },
        { occasion: 'exit', date: EXIT, rater: 'coach', scores: { a: 4 } },
      ],
      { disagreementPoints: 3 },
      [],
    ],
    [
      'a custom window',
      [
        { occasion: 'during', date: '2025-03-01', rater: 'participant', scores: { a: 5 } },
        { occasion: 'during', date: '2025-03-05', rater: 'coach', scores: { a: 1 } },
      ],
      { disagreementWindowDays: 3 },
      [],
    ],
    [
      'a single rater never disagrees with itself',
      [
        { occasion: 'start', date: START, rater: 'coach', scores: { a: 1, b: 9 } },
        { occasion: 'during', date: '2025-01-12', rater: 'coach', scores: { a: 5 } },
      ],
      {},
      [],
    ],
  ])('disagreements: %s', (_name, checkIns, options, expected) => {
    expect(stepProgression(checkIns, options).disagreements).toEqual(expected);
  });

  it.each<[string, CheckIn]>([
    ['a bad date', { occasion: 'start', date: '2025-02-30', rater: 'coach', scores: {} }],
    [
      'a non-numeric score',
      { occasion: 'start', date: START, rater: 'coach', scores: { a: Number.NaN } },
    ],
    [
      'a ladder step off the ladder',
      { occasion: 'start', date: START, rater: 'coach', scores: {}, ladder: 5 as 4 },
    ],
  ])('rejects %s', (_name, checkIn) => {
    expect(() => stepProgression([checkIn])).toThrow(RangeError);
  });
});
