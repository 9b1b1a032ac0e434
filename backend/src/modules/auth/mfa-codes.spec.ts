import { classifyCode, hashRecoveryCode, newRecoveryCode, recoveryCodeMatches } from './mfa-codes';

describe('MFA codes', () => {
  it.each([
    ['123456', { kind: 'totp', token: '123456' }],
    [' 123 456 ', { kind: 'totp', token: '123456' }],
    ['12345', null],
    ['1234567', null],
    ['abcde-fghjk', { kind: 'recovery', code: 'abcdefghjk' }],
    ['ABCDE FGHJK', { kind: 'recovery', code: 'abcdefghjk' }],
    // i, l, o, 0 and 1 are not in the recovery alphabet.
    ['abcde-fghij', null],
    ['abcde-fgh10', null],
    ['', null],
    ["' OR 1=1 --", null],
  ])('classifies %j', (input, expected) => {
    expect(classifyCode(input)).toEqual(expected);
  });

  it('makes distinct recovery codes in the shown format, which classify as recovery codes', () => {
    const codes = Array.from({ length: 200 }, newRecoveryCode);
    expect(new Set(codes).size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
      expect(classifyCode(code)?.kind).toBe('recovery');
    }
  });

  it('hashes a recovery code with argon2id and matches it however it was typed', async () => {
    const code = newRecoveryCode();
    const hash = await hashRecoveryCode(code);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain(code.replace('-', ''));
    const typed = classifyCode(code.toUpperCase().replace('-', ' '));
    expect(typed?.kind).toBe('recovery');
    await expect(
      recoveryCodeMatches(hash, typed?.kind === 'recovery' ? typed.code : ''),
    ).resolves.toBe(true);
    await expect(recoveryCodeMatches(hash, 'abcdefghjk')).resolves.toBe(false);
    await expect(recoveryCodeMatches('not a hash', 'abcdefghjk')).resolves.toBe(false);
  });
});
