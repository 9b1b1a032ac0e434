import {
  checkImportRows,
  codeFromLabel,
  matchImportHeaders,
  readImportRow,
  yesNo,
  type ImportCells,
} from './participant-import';

const TODAY = '2026-12-06';

// 19900101-1239 and 19811218-9876 have valid check digits (see personnummer.spec).
const GOOD: ImportCells = {
  firstName: 'Anna',
  lastName: 'Andersson',
  personnummer: '19900101-1239',
  gender: 'Kvinna',
  enrolledAt: '2026-03-02',
  consentGiven: 'Ja',
};

function codes(cells: ImportCells): string[] {
  return readImportRow(cells, TODAY).errors.map((e) => `${e.field}:${e.code}`);
}

describe('matchImportHeaders', () => {
  it('matches Swedish, English and key headers case-insensitively and lists the rest', () => {
    const match = matchImportHeaders([
      ' förnamn ',
      'LAST NAME',
      'personnummer',
      'Kön',
      'Inskriven',
      'Samtycke',
      'Anteckning',
      '',
      'Förnamn',
    ]);
    expect(match.columns).toEqual([
      'firstName',
      'lastName',
      'personnummer',
      'gender',
      'enrolledAt',
      'consentGiven',
      null,
      null,
      null,
    ]);
    expect(match.ignored).toEqual(['Anteckning']);
    expect(match.repeated).toEqual(['firstName']);
    expect(match.missing).toEqual([]);
  });

  it('names the required columns a file lacks', () => {
    expect(matchImportHeaders(['Förnamn', 'Kommun']).missing).toEqual([
      'lastName',
      'gender',
      'enrolledAt',
      'consentGiven',
    ]);
  });
});

describe('codeFromLabel and yesNo', () => {
  it.each([
    ['gender', 'Kvinna', 'female'],
    ['gender', 'kvinna', 'female'],
    ['gender', 'WOMAN', 'female'],
    ['gender', 'male', 'male'],
    ['gender', 'vill  ej uppge', 'undisclosed'],
    ['education', 'Gymnasium', 'upper_secondary'],
    ['referredBy', 'arbetsförmedlingen', 'employment_service'],
    ['gender', 'Okänt', undefined],
  ] as const)('%s "%s" → %s', (group, text, expected) => {
    expect(codeFromLabel(group, text)).toBe(expected);
  });

  it.each([
    ['Ja', true],
    ['nej', false],
    ['YES', true],
    ['0', false],
    ['kanske', undefined],
  ] as const)('"%s" → %s', (text, expected) => {
    expect(yesNo(text)).toBe(expected);
  });
});

describe('readImportRow', () => {
  it('turns a good row into a create body, the birth year from the personnummer', () => {
    expect(
      readImportRow({ ...GOOD, municipality: ' Malmö ', education: 'gymnasium' }, TODAY),
    ).toEqual({
      participant: {
        firstName: 'Anna',
        lastName: 'Andersson',
        personnummer: '199001011239',
        birthYear: 1990,
        municipality: 'Malmö',
        education: 'upper_secondary',
        gender: 'female',
        enrolledAt: '2026-03-02',
        consent: { given: true },
        protectedIdentity: false,
      },
      errors: [],
      personnummer: '199001011239',
    });
  });

  it.each<[string, ImportCells, string[]]>([
    ['no first name', { ...GOOD, firstName: ' ' }, ['firstName:required']],
    ['a name too long', { ...GOOD, lastName: 'x'.repeat(101) }, ['lastName:tooLong']],
    [
      'a wrong check digit',
      { ...GOOD, personnummer: '19900101-1238' },
      ['personnummer:personnummerChecksum'],
    ],
    [
      'a date that does not exist',
      { ...GOOD, personnummer: '19900231-1234' },
      ['personnummer:personnummerDate'],
    ],
    ['ten digits', { ...GOOD, personnummer: '9001011239' }, ['personnummer:personnummerFormat']],
    ['a birth year that disagrees', { ...GOOD, birthYear: '1991' }, ['birthYear:yearMismatch']],
    [
      'neither birth year nor personnummer',
      { ...GOOD, personnummer: '' },
      ['birthYear:birthYearRequired'],
    ],
    [
      'a birth year of two digits',
      { ...GOOD, personnummer: '', birthYear: '90' },
      ['birthYear:year'],
    ],
    [
      'a birth year before 1900',
      { ...GOOD, personnummer: '', birthYear: '1899' },
      ['birthYear:yearRange'],
    ],
    [
      'born after enrolment',
      { ...GOOD, personnummer: '', birthYear: '2026', enrolledAt: '2025-12-31' },
      ['birthYear:yearAfterEnrolment'],
    ],
    ['an unknown gender', { ...GOOD, gender: 'K' }, ['gender:unknownCode']],
    ['no gender', { ...GOOD, gender: '' }, ['gender:required']],
    ['a date that does not exist', { ...GOOD, enrolledAt: '2026-02-30' }, ['enrolledAt:date']],
    ['a Swedish-looking date', { ...GOOD, enrolledAt: '2/3/2026' }, ['enrolledAt:date']],
    ['no enrolment date', { ...GOOD, enrolledAt: '' }, ['enrolledAt:required']],
    ['consent neither yes nor no', { ...GOOD, consentGiven: 'kanske' }, ['consentGiven:yesNo']],
    [
      'a consent date in the future',
      { ...GOOD, consentDate: '2026-12-07' },
      ['consentDate:dateFuture'],
    ],
    ['an unknown referrer', { ...GOOD, referredBy: 'Grannen' }, ['referredBy:unknownCode']],
  ])('refuses %s', (_, cells, expected) => {
    expect(codes(cells)).toEqual(expected);
  });

  it('words its messages in Swedish and never repeats a personnummer', () => {
    const [error] = readImportRow({ ...GOOD, personnummer: '19900101-1238' }, TODAY).errors;
    expect(error?.message).toBe('Personnumret har fel kontrollsiffra.');
    expect(readImportRow({ ...GOOD, gender: 'K' }, TODAY).errors[0]?.message).toBe(
      '"K" finns inte för Kön. Välj något av: Kvinna, Man, Annat, Vill ej uppge.',
    );
  });

  it('keeps only gender and start year without consent or with a protected identity', () => {
    for (const cells of [
      { ...GOOD, consentGiven: 'Nej', personnummer: 'not checked' },
      { ...GOOD, protectedIdentity: 'Ja', firstName: '' },
    ]) {
      const read = readImportRow(cells, TODAY);
      expect(read.errors).toEqual([]);
      expect(read.participant).toEqual({
        gender: 'female',
        enrolledAt: '2026-03-02',
        consent: { given: cells.consentGiven === 'Ja' },
        protectedIdentity: cells.protectedIdentity === 'Ja',
      });
      expect(read.personnummer).toBeNull();
    }
  });
});

describe('checkImportRows', () => {
  it('reports duplicates within the file and in the programme, and counts', () => {
    const checked = checkImportRows(
      [
        { row: 2, cells: GOOD },
        { row: 3, cells: { ...GOOD, firstName: 'Bertil' } },
        { row: 4, cells: { ...GOOD, personnummer: '198112189876' } },
        { row: 5, cells: { ...GOOD, gender: '' } },
        { row: 6, cells: { ...GOOD, personnummer: '', birthYear: '1980' } },
      ],
      new Set(['198112189876']),
      TODAY,
    );
    expect(checked.rows.map((r) => [r.row, r.duplicate, r.errors.map((e) => e.code)])).toEqual([
      [2, null, []],
      [3, 'file', ['duplicateInFile']],
      [4, 'programme', ['duplicateInProgramme']],
      [5, 'file', ['required', 'duplicateInFile']],
      [6, null, []],
    ]);
    expect(checked.rows[1]?.errors[0]?.message).toBe('Samma personnummer som på rad 2.');
    expect(checked.valid.map((v) => v.row)).toEqual([2, 6]);
    expect(checked.counts).toEqual({ rows: 5, valid: 2, withErrors: 3, duplicates: 3 });
  });
});
