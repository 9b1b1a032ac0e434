import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import * as argon2 from 'argon2';

export const PASSWORD_MIN_LENGTH = 12;
// argon2 hashes whatever it is given; an upper bound keeps a login from becoming a CPU sink.
export const PASSWORD_MAX_LENGTH = 256;

const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// Verified against when the account does not exist, so both answers take the same time.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('stegvis-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}

/**
 * Why a new password is refused, or null when it is acceptable: at least 12 characters and not
 * found by zxcvbn's common-password, dictionary, keyboard-pattern and repeat matchers.
 */
export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`;
  }
  const result = zxcvbn.check(password, userInputs);
  if (result.score < 3) {
    return 'The password is too common or too easy to guess. Use a longer phrase of unrelated words.';
  }
  return null;
}
