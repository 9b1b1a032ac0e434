import type { Participant } from '@stegvis/contracts';
import { buildDetailsConflict, changesOf, draftOf } from './details-merge';
import { summaryOf } from './data-subject.component';
import { withDash } from './participant-details.component';

const participant = (extra: Partial<Participant> = {}): Participant => ({
  id: 'p1',
  reference: 'P-7F3A2C91',
  programmeId: 'pr1',
  status: 'active',
  reduced: false,
  gender: 'female',
  startYear: 2026,
  startMonth: '2026-02',
  firstName: 'Karin',
  lastName: 'Lind',
  personnummer: '19840315-****',
  birthYear: 1984,
  municipality: 'Malmö',
  education: null,
  referredBy: null,
  protectedIdentity: false,
  responsibleCoachId: 'c1',
  enrolledAt: '2026-09-01',
  consent: { given: true, date: '2026-09-01', formVersion: 'v2', withdrawnAt: null },
  startSnapshot: null,
  exitSnapshot: null,
  exitedAt: null,
  exitReason: null,
  nextStep: null,
  overdueFollowUps: 0,
  version: 2,
  createdAt: '2026-09-01T10:00:00Z',
  updatedAt: '2026-09-01T10:00:00Z',
  ...extra,
});

describe('details draft and changes', () => {
  it('never puts the masked number into the form', () => {
    expect(draftOf(participant(), null).personnummer).toBe('');
    expect(draftOf(participant(), '19840315-1234').personnummer).toBe('19840315-1234');
  });

  it('sends only what changed, with empty optional fields as null', () => {
    const base = draftOf(participant(), null);
    expect(changesOf(base, { ...base }, false)).toEqual({});
    expect(
      changesOf(
        base,
        {
          ...base,
          municipality: ' ',
          education: 'university',
          status: 'paused',
          lastName: ' Lin ',
        },
        false,
      ),
    ).toEqual({ municipality: null, education: 'university', status: 'paused', lastName: 'Lin' });
  });

  it('replaces a number never revealed, but does not remove it by an empty field', () => {
    const hidden = draftOf(participant(), null);
    expect(changesOf(hidden, { ...hidden, personnummer: '19840315-1234' }, false)).toEqual({
      personnummer: '19840315-1234',
    });
    const shown = draftOf(participant(), '19840315-1234');
    expect(changesOf(shown, { ...shown, personnummer: '198403151234' }, true)).toEqual({});
    expect(changesOf(shown, { ...shown, personnummer: '' }, true)).toEqual({ personnummer: null });
  });
});

describe('buildDetailsConflict', () => {
  it('keeps mine where only I changed, takes theirs where only they changed, and asks where both did', () => {
    const base = draftOf(participant(), null);
    const mine = { ...base, firstName: 'Karin Maria', municipality: 'Lund' };
    const theirs = participant({ lastName: 'Lindh', municipality: 'Höör', version: 3 });
    const conflict = buildDetailsConflict(base, mine, theirs);
    expect(conflict.merged).toMatchObject({
      firstName: 'Karin Maria',
      lastName: 'Lindh',
      municipality: 'Lund',
    });
    expect(conflict.takenFromTheirs).toEqual(['lastName']);
    expect(conflict.clashes).toEqual([{ field: 'municipality', mine: 'Lund', theirs: 'Höör' }]);
  });

  it('is no clash when both typed the same', () => {
    const base = draftOf(participant(), null);
    const conflict = buildDetailsConflict(
      base,
      { ...base, municipality: 'Lund' },
      participant({ municipality: 'Lund', version: 3 }),
    );
    expect(conflict.clashes).toEqual([]);
  });
});

describe('withDash and the export summary', () => {
  it('writes 12 digits as ÅÅÅÅMMDD-NNNN', () => {
    expect(withDash('198403151234')).toBe('19840315-1234');
    expect(withDash('19840315-1234')).toBe('19840315-1234');
  });

  it('counts what the export holds', () => {
    const summary = summaryOf(
      {
        exportedAt: '2026-12-06T10:00:00Z',
        participant: participant(),
        reducedAt: null,
        actionPlan: {
          version: 2,
          goal: 'Mål',
          steps: [],
          updatedAt: '2026-12-01T10:00:00Z',
          revisions: [
            { version: 1, goal: '', steps: [], createdAt: '2026-11-01T10:00:00Z' },
            { version: 2, goal: 'Mål', steps: [], createdAt: '2026-12-01T10:00:00Z' },
          ],
        },
        sessions: [],
        placements: [],
        checkIns: [],
      },
      'f.json',
    );
    expect(summary).toEqual({
      fileName: 'f.json',
      planSteps: 0,
      planRevisions: 2,
      sessions: 0,
      placements: 0,
      followUps: 0,
      checkIns: 0,
    });
  });
});
