import { FollowUpDrafts, type FollowUpDraft } from './follow-up-draft';

const draft: FollowUpDraft = {
  date: '2026-03-10',
  mode: 'phone',
  daysPresent: '4',
  daysAbsent: '1',
  wellbeing: 4,
  concern: true,
  notes: 'Trivs bra',
};

describe('FollowUpDrafts', () => {
  beforeEach(() => sessionStorage.clear());

  it('keeps one draft per placement until it is cleared', () => {
    const drafts = new FollowUpDrafts(sessionStorage);
    drafts.save('pl-1', draft);
    expect(drafts.load('pl-1')).toEqual(draft);
    expect(drafts.load('pl-2')).toBeNull();
    drafts.clear('pl-1');
    expect(drafts.load('pl-1')).toBeNull();
  });

  it('ignores a damaged entry and survives a storage that throws', () => {
    sessionStorage.setItem('stegvis.followUpDraft.pl-1', '{not json');
    expect(new FollowUpDrafts(sessionStorage).load('pl-1')).toBeNull();
    const broken = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
    } as unknown as Storage;
    const drafts = new FollowUpDrafts(broken);
    expect(() => drafts.save('pl-1', draft)).not.toThrow();
    expect(drafts.load('pl-1')).toBeNull();
  });
});
