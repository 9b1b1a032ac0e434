import {
  EDUCATION_LEVELS,
  REFERRED_BY,
  type Participant,
  type UpdateParticipantRequest,
} from '@stegvis/contracts';

/** The fields of the details form, as the form holds them (text for the free fields). */
export interface DetailsDraft {
  firstName: string;
  lastName: string;
  /** Empty = no number (or, when it was never revealed, unchanged). */
  personnummer: string;
  gender: Participant['gender'];
  birthYear: string;
  municipality: string;
  education: string;
  referredBy: string;
  responsibleCoachId: string;
  status: 'active' | 'paused' | 'exited';
}

export type DetailsField = keyof DetailsDraft;

export const DETAILS_FIELDS: readonly DetailsField[] = [
  'firstName',
  'lastName',
  'personnummer',
  'gender',
  'birthYear',
  'municipality',
  'education',
  'referredBy',
  'responsibleCoachId',
  'status',
];

/**
 * The draft of a participant as saved. `personnummer` is the full number when the coach revealed
 * it, otherwise empty: the masked form never goes back into a field.
 */
export function draftOf(p: Participant, fullPersonnummer: string | null): DetailsDraft {
  return {
    firstName: p.firstName ?? '',
    lastName: p.lastName ?? '',
    personnummer: fullPersonnummer ?? '',
    gender: p.gender,
    birthYear: p.birthYear === null ? '' : String(p.birthYear),
    municipality: p.municipality ?? '',
    education: p.education ?? '',
    referredBy: p.referredBy ?? '',
    responsibleCoachId: p.responsibleCoachId ?? '',
    status: p.status,
  };
}

function same(field: DetailsField, a: string, b: string): boolean {
  if (field === 'personnummer') return a.replace(/\D/g, '') === b.replace(/\D/g, '');
  return a.trim() === b.trim();
}

/** What changed from `base`, as the PATCH body; nothing else is sent. */
export function changesOf(
  base: DetailsDraft,
  mine: DetailsDraft,
  personnummerKnown: boolean,
): UpdateParticipantRequest {
  const body: UpdateParticipantRequest = {};
  const changed = (f: DetailsField) => !same(f, String(base[f]), String(mine[f]));
  if (changed('firstName')) body.firstName = mine.firstName.trim();
  if (changed('lastName')) body.lastName = mine.lastName.trim();
  if (changed('personnummer')) {
    const value = mine.personnummer.trim();
    // A number never revealed can be replaced, not removed by an empty field.
    if (value || personnummerKnown) body.personnummer = value || null;
  }
  if (changed('gender')) body.gender = mine.gender;
  if (changed('birthYear') && mine.birthYear.trim()) body.birthYear = Number(mine.birthYear);
  if (changed('municipality')) body.municipality = mine.municipality.trim() || null;
  // The selects offer only the codes (or "none"), so anything else is none.
  if (changed('education')) {
    body.education = EDUCATION_LEVELS.find((code) => code === mine.education) ?? null;
  }
  if (changed('referredBy')) {
    body.referredBy = REFERRED_BY.find((code) => code === mine.referredBy) ?? null;
  }
  if (changed('responsibleCoachId')) body.responsibleCoachId = mine.responsibleCoachId || null;
  if (changed('status') && mine.status !== 'exited') body.status = mine.status;
  return body;
}

/** One field both coaches changed, differently: the coach chooses. */
export interface DetailsClash {
  field: DetailsField;
  mine: string;
  theirs: string;
}

export interface DetailsConflict {
  theirs: Participant;
  clashes: DetailsClash[];
  /** Fields only the other coach changed: taken into the form already. */
  takenFromTheirs: DetailsField[];
  /** The draft to show: mine where I changed something, theirs elsewhere. */
  merged: DetailsDraft;
}

/**
 * Lines up my draft (started from `base`) with the version another coach saved meanwhile.
 * Nothing I typed is lost: a field only I changed keeps my value, a field only they changed
 * takes theirs, and a field we both changed differently is a clash, mine until I choose.
 * The personnummer arrives masked, so it is mine if I changed it and otherwise left alone.
 */
export function buildDetailsConflict(
  base: DetailsDraft,
  mine: DetailsDraft,
  theirs: Participant,
): DetailsConflict {
  const theirsDraft = draftOf(theirs, base.personnummer || null);
  const merged: DetailsDraft = { ...mine };
  const clashes: DetailsClash[] = [];
  const takenFromTheirs: DetailsField[] = [];
  for (const field of DETAILS_FIELDS) {
    if (field === 'personnummer') {
      if (!same(field, base.personnummer, mine.personnummer)) {
        clashes.push({ field, mine: mine.personnummer, theirs: theirs.personnummer ?? '' });
      }
      continue;
    }
    const b = String(base[field]);
    const m = String(mine[field]);
    const t = String(theirsDraft[field]);
    const iChanged = !same(field, b, m);
    const theyChanged = !same(field, b, t);
    if (theyChanged && !iChanged) {
      (merged as unknown as Record<string, string>)[field] = t;
      takenFromTheirs.push(field);
    } else if (theyChanged && iChanged && !same(field, m, t)) {
      clashes.push({ field, mine: m, theirs: t });
    }
  }
  return { theirs, clashes, takenFromTheirs, merged };
}
