import { POLICY, PERMISSIONS, VIEWS, auditActionOf, can, scopeOf, viewOf } from './permissions';
import { ROLES } from './roles';

describe('policy table', () => {
  it('grants only known roles and scopes', () => {
    for (const permission of PERMISSIONS) {
      for (const [role, cell] of Object.entries(POLICY[permission])) {
        expect(ROLES).toContain(role);
        expect(['all', 'programme', 'enterprise', 'self']).toContain(cell.scope);
        expect(VIEWS).toContain(cell.view);
      }
    }
  });

  it('names every permission <record>.<verb>', () => {
    for (const permission of PERMISSIONS) {
      expect(permission).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
    }
  });

  it.each([
    ['admin', 'user.create', 'all'],
    ['lead', 'programme.update', 'programme'],
    ['supervisor', 'enterprise.read', 'enterprise'],
    ['coach', 'user.create', undefined],
    ['supervisor', 'audit.read', undefined],
  ] as const)('%s × %s → %s', (role, permission, scope) => {
    expect(scopeOf(role, permission)).toBe(scope);
    expect(can(role, permission)).toBe(scope !== undefined);
  });

  it.each([
    ['coach', 'participant.read', 'full'],
    ['supervisor', 'participant.read', 'placement'],
    ['supervisor', 'placement.read', 'placement'],
    ['lead', 'report.read', 'statistics'],
    ['admin', 'user.list', 'directory'],
    ['lead', 'me.read', 'self'],
    ['admin', 'participant.read', undefined],
  ] as const)('%s × %s → view %s', (role, permission, view) => {
    expect(viewOf(role, permission)).toBe(view);
  });

  it('shows case data to coaches and supervisors only: leads and admins never', () => {
    for (const permission of PERMISSIONS) {
      for (const [role, cell] of Object.entries(POLICY[permission])) {
        if (cell.view === 'full') expect(role).toBe('coach');
        if (cell.view === 'placement') expect(role).toBe('supervisor');
      }
    }
  });

  it('refuses a missing role', () => {
    expect(can(null, 'me.read')).toBe(false);
  });

  it.each([
    ['programme.list', 'read'],
    ['actionPlan.history', 'read'],
    ['user.create', 'create'],
    ['me.changePassword', 'update'],
  ] as const)('audits %s as %s', (permission, action) => {
    expect(auditActionOf(permission)).toBe(action);
  });
});
