import {
  AUDIT_ENTITIES,
  AUDIT_LABELS,
  auditEntityLabel,
  auditOutcomeOf,
  normaliseParticipantRef,
} from './audit-labels';
import { AUDIT_ACTIONS } from './codes';
import { PERMISSIONS } from './permissions';

describe('audit labels', () => {
  it('names every kind of record the log writes: each permission prefix (me as user)', () => {
    const prefixes = new Set(
      PERMISSIONS.map((p) => p.slice(0, p.indexOf('.'))).map((p) => (p === 'me' ? 'user' : p)),
    );
    for (const prefix of prefixes) expect(AUDIT_ENTITIES).toContain(prefix);
  });

  it('has every action, kind and outcome in Swedish and English, none empty', () => {
    for (const lang of ['sv', 'en'] as const) {
      const labels = AUDIT_LABELS[lang];
      for (const action of AUDIT_ACTIONS) expect(labels.action[action]).toMatch(/\S/);
      for (const entity of AUDIT_ENTITIES) expect(labels.entity[entity]).toMatch(/\S/);
    }
    expect(AUDIT_LABELS.sv.action.read).toBe('Läsning');
    expect(auditEntityLabel('followUp', 'sv')).toBe('Uppföljning av placering');
    expect(auditEntityLabel('somethingNew', 'sv')).toBe('somethingNew');
  });

  it('reads the outcome from the action and status', () => {
    expect(auditOutcomeOf({ action: 'read', status: null })).toBe('ok');
    expect(auditOutcomeOf({ action: 'denied', status: 404 })).toBe('404');
    expect(auditOutcomeOf({ action: 'rejected', status: 400 })).toBe('400');
    expect(auditOutcomeOf({ action: 'login-failed', status: null })).toBe('failed');
  });

  it.each([
    ['P-7F3A2C91', 'P-7F3A2C91'],
    ['p-7f3a2c91', 'P-7F3A2C91'],
    ['p7f3a2c91', 'P-7F3A2C91'],
    [' 7F3A2C91 ', 'P-7F3A2C91'],
    ['P-7F3A2C9', null],
    ['P-7F3A2C9G', null],
    ['Q-7F3A2C91', null],
    ['', null],
  ])('normalises the reference %j to %j', (typed, expected) => {
    expect(normaliseParticipantRef(typed)).toBe(expected);
  });
});
