import type { Participant } from '@stegvis/contracts';
import { foldForSearch, matchParticipants } from './participant-picker';

const person = (firstName: string, lastName: string, personnummer: string | null = null) =>
  ({
    id: `${firstName}-${lastName}`,
    firstName,
    lastName,
    personnummer,
    reduced: false,
  }) as Participant;

describe('the participant picker search', () => {
  const people = [
    person('Åsa', 'Östlund', '19900101-1234'),
    person('José', 'Berg'),
    person('Kim', 'Berglund', '19851224-5678'),
  ];
  const names = (query: string) => matchParticipants(people, query).map((p) => p.firstName);

  it('folds case and diacritics', () => {
    expect(foldForSearch('  Östlund ')).toBe('ostlund');
    expect(names('ostl')).toEqual(['Åsa']);
    expect(names('JOSE')).toEqual(['José']);
  });

  it('needs every word, in any order', () => {
    expect(names('berg')).toEqual(['José', 'Kim']);
    expect(names('berglund kim')).toEqual(['Kim']);
    expect(names('kim östlund')).toEqual([]);
  });

  it('finds a personnummer by its last four digits or in full, never by fewer digits', () => {
    expect(names('5678')).toEqual(['Kim']);
    expect(names('19900101-1234')).toEqual(['Åsa']);
    expect(names('12')).toEqual([]);
  });

  it('matches everyone on an empty query', () => {
    expect(names('  ')).toEqual(['Åsa', 'José', 'Kim']);
  });
});
