import {
  ATTENDEE_SECTORS,
  type AgreementStatus,
  type AttendeesByGender,
  type AttendeesBySector,
  GENDERS,
} from '@stegvis/contracts';

/** Field path → messages, as a 400 names them. */
export type FieldErrors = Record<string, string[]>;

/** An event's attendee counts as given (each count already a non-negative integer). */
export interface AttendeeCountsInput {
  total: number | null;
  bySector: Partial<AttendeesBySector> | null;
  byGender: Partial<AttendeesByGender> | null;
}

export interface AttendeeCounts {
  total: number;
  bySector: AttendeesBySector | null;
  byGender: AttendeesByGender | null;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/**
 * The counting rule of meeting places and network events: a total, a breakdown by sector, or both
 * (then they add up); a breakdown by gender, when given, adds up to the same total. A sector or
 * gender left out of its breakdown counts 0. Returns the complete counts, or the errors naming
 * the field that does not fit.
 */
export function attendeeCounts(
  input: AttendeeCountsInput,
): { ok: true; counts: AttendeeCounts } | { ok: false; errors: FieldErrors } {
  const bySector = input.bySector
    ? (Object.fromEntries(
        ATTENDEE_SECTORS.map((s) => [s, input.bySector?.[s] ?? 0]),
      ) as AttendeesBySector)
    : null;
  const byGender = input.byGender
    ? (Object.fromEntries(GENDERS.map((g) => [g, input.byGender?.[g] ?? 0])) as AttendeesByGender)
    : null;
  const sectorSum = bySector ? sum(Object.values(bySector)) : null;
  if (input.total === null && sectorSum === null) {
    return {
      ok: false,
      errors: { attendeesTotal: ['Give the number of attendees, by sector or as a total.'] },
    };
  }
  if (input.total !== null && sectorSum !== null && input.total !== sectorSum) {
    return {
      ok: false,
      errors: {
        attendeesTotal: [
          `The total (${input.total}) must equal the attendees by sector added up (${sectorSum}).`,
        ],
      },
    };
  }
  const total = input.total ?? (sectorSum as number);
  if (byGender) {
    const genderSum = sum(Object.values(byGender));
    if (genderSum !== total) {
      return {
        ok: false,
        errors: {
          attendeesByGender: [
            `The attendees by gender added up (${genderSum}) must equal the total (${total}).`,
          ],
        },
      };
    }
  }
  return { ok: true, counts: { total, bySector, byGender } };
}

/** An agreement's dates and status: it cannot end before it starts, and `ended` needs its end. */
export function agreementErrors(agreement: {
  startDate: string;
  endDate: string | null;
  status: AgreementStatus;
}): FieldErrors {
  if (agreement.endDate !== null && agreement.endDate < agreement.startDate) {
    return { endDate: ['The end date must be on or after the start date.'] };
  }
  if (agreement.status === 'ended' && agreement.endDate === null) {
    return { endDate: ['An ended agreement needs its end date.'] };
  }
  return {};
}
