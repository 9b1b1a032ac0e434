import { randomInt } from 'node:crypto';
import * as argon2 from 'argon2';

export const RECOVERY_CODE_COUNT = 10;
// No i, l, o, 0 or 1: nothing to confuse when a code is read off paper.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_CODE_LENGTH = 10; // 31^10 ≈ 2^49.5
/** Longest thing a client may send as `code`: a recovery code with spaces or dashes. */
export const MFA_CODE_MAX_LENGTH = 32;

/** A new recovery code, shown as `xxxxx-xxxxx`. */
export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * What a typed code is: six digits are a TOTP code, ten characters of the recovery alphabet a
 * recovery code (case, spaces and dashes ignored); anything else is neither.
 */
export function classifyCode(
  input: string,
): { kind: 'totp'; token: string } | { kind: 'recovery'; code: string } | null {
  const compact = input.replace(/[\s-]/g, '').toLowerCase();
  if (/^\d{6}$/.test(compact)) return { kind: 'totp', token: compact };
  if (compact.length === RECOVERY_CODE_LENGTH && [...compact].every((c) => ALPHABET.includes(c))) {
    return { kind: 'recovery', code: compact };
  }
  return null;
}

// Recovery codes are random (≈ 50 bits), not chosen by people: OWASP's minimum argon2id
// parameters are plenty, and keep checking ten of them at a login under half a second.
const RECOVERY_HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Hashes the compact form (as classifyCode returns it). */
export async function hashRecoveryCode(code: string): Promise<string> {
  const compact = code.replace(/[\s-]/g, '').toLowerCase();
  return argon2.hash(compact, RECOVERY_HASH_OPTIONS);
}

export async function recoveryCodeMatches(hash: string, compact: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, compact);
  } catch {
    return false;
  }
}
