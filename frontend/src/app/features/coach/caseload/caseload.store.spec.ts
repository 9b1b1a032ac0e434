import { TestBed } from '@angular/core/testing';
import type { ListParticipantsQuery, Page, Participant } from '@stegvis/contracts';
import { CaseRecordsApi } from '../../../core/api/case-records.api';
import { CaseloadStore, SEARCH_DEBOUNCE_MS } from './caseload.store';

const person = (id: string): Participant => ({ id, reference: `P-${id}` }) as Participant;

describe('CaseloadStore', () => {
  let calls: ListParticipantsQuery[];
  let answers: ((page: Page<Participant>) => void)[];
  let store: CaseloadStore;

  beforeEach(() => {
    calls = [];
    answers = [];
    const api = {
      listParticipants: (q: ListParticipantsQuery) => {
        calls.push(q);
        return new Promise<Page<Participant>>((resolve) => answers.push(resolve));
      },
    };
    TestBed.configureTestingModule({
      providers: [CaseloadStore, { provide: CaseRecordsApi, useValue: api }],
    });
    store = TestBed.inject(CaseloadStore);
  });

  afterEach(() => jest.useRealTimers());

  it('waits for a pause in typing before it searches, and sends the filters', async () => {
    jest.useFakeTimers();
    store.setSearch('E');
    store.setSearch('El');
    store.setSearch('Elin ');
    expect(calls).toHaveLength(0);
    jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ search: 'Elin', status: 'active', cursor: undefined });
    answers[0]({ items: [person('a')], nextCursor: null });
    await Promise.resolve();
    store.setOverdue(true);
    expect(calls[1]).toMatchObject({ search: 'Elin', overdue: true });
    store.setStatus('');
    // "All statuses" sends no status filter.
    expect(calls[2].status).toBeUndefined();
  });

  it('keeps only the answer to the latest request', async () => {
    const first = store.reload();
    const second = store.reload();
    answers[1]({ items: [person('new')], nextCursor: null });
    await second;
    answers[0]({ items: [person('old')], nextCursor: 'x' });
    await first;
    expect(store.items().map((p) => p.id)).toEqual(['new']);
    expect(store.nextCursor()).toBeNull();
  });

  it('appends the next page with the cursor', async () => {
    const load = store.reload();
    answers[0]({ items: [person('a')], nextCursor: 'c1' });
    await load;
    const more = store.loadMore();
    expect(calls[1].cursor).toBe('c1');
    answers[1]({ items: [person('b')], nextCursor: null });
    await more;
    expect(store.items().map((p) => p.id)).toEqual(['a', 'b']);
    expect(store.nextCursor()).toBeNull();
  });
});
