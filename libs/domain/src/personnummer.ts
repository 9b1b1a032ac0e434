import { formatIsoDate, isCalendarDate, todayIso } from './iso-date';
import { isLuhnValid } from './luhn';

export type PersonnummerInvalidReason = 'format' | 'date' | 'checksum';

export type PersonnummerResult =
  | {
      valid: true;
      /** 12 digits, `YYYYMMDDNNNN`. */
      normalised: string;
      /** ISO date; for a samordningsnummer the real day (day − 60). */
      birthDate: string;
      birthYear: number;
      /** A samordningsnummer (coordination number): the day of birth is written + 60. */
      coordinationNumber: boolean;
    }
  | { valid: false; reason: PersonnummerInvalidReason };

// `YYYYMMDDNNNN` or `YYYYMMDD-NNNN`.
const PERSONNUMMER = /^(\d{4})(\d{2})(\d{2})-?(\d{4})$/;
const COORDINATION_DAY_OFFSET = 60;

/**
 * Checks a 12-digit personal identity number or samordningsnummer: shape, a real calendar date
 * that is not after `today`, and the Luhn check digit over the last 10 digits (`YYMMDDNNNC`).
 */
export function validatePersonnummer(
  input: string,
  today: string = todayIso(),
): PersonnummerResult {
  const match = PERSONNUMMER.exec(input.trim());
  if (!match) {
    return { valid: false, reason: 'format' };
  }
  const [, year, month, writtenDay, serial] = match;
  const coordinationNumber = Number(writtenDay) > COORDINATION_DAY_OFFSET;
  const day = Number(writtenDay) - (coordinationNumber ? COORDINATION_DAY_OFFSET : 0);
  if (!isCalendarDate(Number(year), Number(month), day)) {
    return { valid: false, reason: 'date' };
  }
  const birthDate = formatIsoDate(Number(year), Number(month), day);
  if (birthDate > today) {
    return { valid: false, reason: 'date' };
  }
  const normalised = `${year}${month}${writtenDay}${serial}`;
  if (!isLuhnValid(normalised.slice(2))) {
    return { valid: false, reason: 'checksum' };
  }
  return { valid: true, normalised, birthDate, birthYear: Number(year), coordinationNumber };
}

/** Shows the date part only: `199001011234` → `19900101-****`. Anything unreadable is fully masked. */
export function maskPersonnummer(input: string): string {
  const match = PERSONNUMMER.exec(input.trim());
  return match ? `${match[1]}${match[2]}${match[3]}-****` : '********-****';
}
