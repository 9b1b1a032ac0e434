import { FormControl } from '@angular/forms';
import { auditRange } from './admin-audit.page';
import { participantRefValidator } from './audit-validators';

describe('participantRefValidator', () => {
  it.each(['', 'P-7F3A2C91', 'p7f3a2c91', '7F3A2C91'])('accepts %j', (value) => {
    expect(participantRefValidator(new FormControl(value, { nonNullable: true }))).toBeNull();
  });

  it.each(['P-12', 'P-7F3A2C9G', 'Anna Andersson'])('refuses %j', (value) => {
    expect(participantRefValidator(new FormControl(value, { nonNullable: true }))).toEqual({
      participantRef: true,
    });
  });
});

describe('auditRange', () => {
  it('turns local days into the start of the first and of the day after the last', () => {
    const range = auditRange('2026-12-01', '2026-12-07');
    expect(range.from).toBe(new Date('2026-12-01T00:00:00').toISOString());
    expect(range.to).toBe(new Date('2026-12-08T00:00:00').toISOString());
    expect(auditRange('', '')).toEqual({});
  });
});
