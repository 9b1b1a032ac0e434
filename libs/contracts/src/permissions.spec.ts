import { POLICY, PERMISSIONS, auditActionOf, can, scopeOf } from './permissions';
import { ROLES } from './roles';

describe('policy table', () => {
  it('grants only known roles and scopes', () => {
    for (const permission of PERMISSIONS) {
      for (const [role, scope] of Object.entries(POLICY[permission])) {
        expect(ROLES).toContain(role);
        expect(['all', 'programme', 'enterprise', 'self']).toContain(scope);
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
