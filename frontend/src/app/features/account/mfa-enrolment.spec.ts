import { formatSecret, qrDataUrl, recoveryCodesText } from './mfa-enrolment';

describe('MFA enrolment helpers', () => {
  it.each([
    ['JBSWY3DPEHPK3PXP', 'JBSW Y3DP EHPK 3PXP'],
    ['JBSWY3DPEHPK3PXPJB', 'JBSW Y3DP EHPK 3PXP JB'],
    [' JBSW Y3DP ', 'JBSW Y3DP'],
    ['', ''],
  ])('groups %j as %j', (secret, shown) => {
    expect(formatSecret(secret)).toBe(shown);
  });

  it('turns the SVG into a data URL that decodes back to the same text, also non-ASCII', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>Två steg #1</title></svg>';
    const url = qrDataUrl(svg);
    const prefix = 'data:image/svg+xml;charset=utf-8,';
    expect(url.startsWith(prefix)).toBe(true);
    expect(url).not.toMatch(/[<>"# ]/);
    expect(decodeURIComponent(url.slice(prefix.length))).toBe(svg);
  });

  it('writes the recovery codes one per line under a title', () => {
    expect(
      recoveryCodesText(['abcde-fghjk', 'mnpqr-stuvw'], {
        title: 'Reservkoder för Stegvis',
        email: 'coach@demo.stegvis.se',
        date: '2026-03-01',
      }),
    ).toBe(
      'Reservkoder för Stegvis\ncoach@demo.stegvis.se · 2026-03-01\n\nabcde-fghjk\nmnpqr-stuvw\n',
    );
  });
});
