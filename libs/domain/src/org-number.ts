import { isLuhnValid } from './luhn';

export type OrgNumberResult =
  | {
      valid: true;
      /** `NNNNNN-NNNN`. */
      normalised: string;
    }
  | { valid: false; reason: 'format' | 'checksum' };

const ORG_NUMBER = /^(\d{6})-?(\d{4})$/;

/**
 * Checks a Swedish organisation number: 10 digits (`NNNNNN-NNNN`, dash optional) with a Luhn check
 * digit over all 10. The third digit is ≥ 2 for legal entities, but a sole trader's number is
 * their personnummer, so it is not required.
 */
export function validateOrgNumber(input: string): OrgNumberResult {
  const match = ORG_NUMBER.exec(input.trim());
  if (!match) {
    return { valid: false, reason: 'format' };
  }
  const [, head, tail] = match;
  if (!isLuhnValid(`${head}${tail}`)) {
    return { valid: false, reason: 'checksum' };
  }
  return { valid: true, normalised: `${head}-${tail}` };
}
