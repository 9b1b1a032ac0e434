import type { AbstractControl, ValidationErrors } from '@angular/forms';
import { normaliseParticipantRef } from '@stegvis/contracts';

/** A participant's reference as the coach reads it out: `P-7F3A2C91` (the `P-` and case optional). */
export function participantRefValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value?.trim();
  if (!value) return null;
  return normaliseParticipantRef(value) ? null : { participantRef: true };
}
