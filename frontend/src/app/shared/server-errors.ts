import type { AbstractControl } from '@angular/forms';
import type { ApiError } from '@stegvis/contracts';

/**
 * Puts the server's field errors (`fields`, keyed by path such as `consent.date` or `steps.0.text`)
 * beside the matching controls as a `server` error; returns the messages no control took, so the
 * form can show them in its summary. Nothing the user typed is touched.
 */
export function applyServerErrors(
  root: AbstractControl,
  error: ApiError,
  aliases: Record<string, string> = {},
): string[] {
  const unmatched: string[] = [];
  for (const [path, messages] of Object.entries(error.fields ?? {})) {
    const control = root.get(aliases[path] ?? path);
    const text = messages.join(' ');
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: text });
      control.markAsTouched();
    } else {
      unmatched.push(text);
    }
  }
  return unmatched;
}

/** The first invalid form control in a form element, for focusing after a failed submit. */
export function focusFirstInvalid(form: HTMLElement | null | undefined): void {
  const target = form?.querySelector<HTMLElement>(
    // `:scope` keeps the form itself (invalid whenever a field is) from matching `.ng-invalid`,
    // which made the form's first input win whatever field was wrong.
    'input.ng-invalid, select.ng-invalid, textarea.ng-invalid, mat-select.ng-invalid, :scope .ng-invalid input, [aria-invalid="true"]',
  );
  target?.focus();
}

/** What to show under a field: the server's own text, or an i18n key (with params) of a client rule. */
export interface FieldMessage {
  key: string;
  params: Record<string, unknown>;
  text: string;
}

/**
 * The message for a control, first match wins: the server's text, then `required`, then the
 * form's own rules (`specific`: error name → i18n key, in order), then the shared number, date
 * and length rules. Empty when the control is valid.
 */
export function fieldMessage(
  control: AbstractControl | null,
  specific: Record<string, string> = {},
): FieldMessage {
  const none: FieldMessage = { key: '', params: {}, text: '' };
  if (!control) return none;
  if (control.hasError('server')) return { ...none, text: String(control.getError('server')) };
  if (control.hasError('required')) return { ...none, key: 'form.required' };
  for (const [error, key] of Object.entries(specific)) {
    if (control.hasError(error)) return { ...none, key };
  }
  if (control.hasError('int')) return { ...none, key: 'admin.validation.int' };
  const range = control.getError('range') as { min: number; max: number } | null;
  if (range) return { ...none, key: 'admin.validation.range', params: range };
  if (control.hasError('day')) return { ...none, key: 'form.date' };
  if (control.hasError('maxlength')) return { ...none, key: 'admin.validation.tooLong' };
  return none;
}
