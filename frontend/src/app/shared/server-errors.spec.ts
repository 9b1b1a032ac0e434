import { FormControl, Validators } from '@angular/forms';
import { fieldMessage, focusFirstInvalid } from './server-errors';

describe('fieldMessage', () => {
  it('is empty for a valid or missing control', () => {
    expect(fieldMessage(new FormControl('x'))).toEqual({ key: '', params: {}, text: '' });
    expect(fieldMessage(null)).toEqual({ key: '', params: {}, text: '' });
  });

  it('prefers the server text, then required, then the form rules, then shared rules', () => {
    const control = new FormControl('');
    control.setErrors({ server: 'Finns redan.', required: true, key: true });
    expect(fieldMessage(control, { key: 'k.key' }).text).toBe('Finns redan.');
    control.setErrors({ required: true, key: true });
    expect(fieldMessage(control, { key: 'k.key' }).key).toBe('form.required');
    control.setErrors({ maxlength: true, key: true });
    expect(fieldMessage(control, { key: 'k.key' }).key).toBe('k.key');
    control.setErrors({ range: { min: 3, max: 100 } });
    expect(fieldMessage(control)).toEqual({
      key: 'admin.validation.range',
      params: { min: 3, max: 100 },
      text: '',
    });
  });

  it('reads Angular validators', () => {
    const control = new FormControl('', Validators.required);
    expect(fieldMessage(control).key).toBe('form.required');
  });
});

describe('focusFirstInvalid', () => {
  it('focuses the invalid field, not the first field of the (invalid) form', () => {
    const form = document.createElement('form');
    form.className = 'ng-invalid';
    form.innerHTML = `
      <input id="name" class="ng-valid" />
      <div class="ng-invalid"><input id="minutes" class="ng-invalid" /></div>`;
    document.body.appendChild(form);
    focusFirstInvalid(form);
    expect(document.activeElement?.id).toBe('minutes');
    form.remove();
  });
});
