import type { ListCoachingSessionsQuery, TimelineQuery } from '@stegvis/contracts';
import { queryParams } from './query-params';

describe('queryParams', () => {
  it('sends lists comma-separated, as the server splits them', () => {
    const query: TimelineQuery = { kinds: ['session', 'follow_up'], limit: 20 };
    expect(queryParams(query).toString()).toBe('kinds=session,follow_up&limit=20');
  });

  it('leaves out what is not set and an empty search, and keeps false', () => {
    const query: ListCoachingSessionsQuery = { group: false, cursor: undefined, coachId: '' };
    expect(queryParams(query).toString()).toBe('group=false');
  });
});
