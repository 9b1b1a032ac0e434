import { dataAgeNotice } from './data-age';

describe('dataAgeNotice', () => {
  it.each([
    [
      'the primary',
      { readFrom: 'primary', dataAsOf: '2026-12-08T10:00:00Z', dataAgeSeconds: 0 },
      null,
    ],
    ['an older server without the fields', {}, null],
    [
      'a replica a few seconds behind',
      { readFrom: 'replica', dataAsOf: '2026-12-08T10:00:00Z', dataAgeSeconds: 8 },
      null,
    ],
    [
      'a replica exactly a minute behind',
      { readFrom: 'replica', dataAsOf: '2026-12-08T10:00:00Z', dataAgeSeconds: 60 },
      null,
    ],
    [
      'a replica 61 s behind',
      { readFrom: 'replica', dataAsOf: '2026-12-08T10:00:00Z', dataAgeSeconds: 61 },
      { kind: 'behind', minutes: 1, asOf: '2026-12-08T10:00:00Z' },
    ],
    [
      'a replica 25 minutes behind',
      { readFrom: 'replica', dataAsOf: '2026-12-08T10:00:00Z', dataAgeSeconds: 1500 },
      { kind: 'behind', minutes: 25, asOf: '2026-12-08T10:00:00Z' },
    ],
    [
      'a replica of unknown age',
      { readFrom: 'replica', dataAsOf: null, dataAgeSeconds: null },
      { kind: 'unknown' },
    ],
  ] as const)('%s', (_name, report, expected) => {
    expect(dataAgeNotice(report)).toEqual(expected);
  });
});
