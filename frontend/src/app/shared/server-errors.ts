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
    'input.ng-invalid, select.ng-invalid, textarea.ng-invalid, mat-select.ng-invalid, .ng-invalid input, [aria-invalid="true"]',
  );
  target?.focus();
}
