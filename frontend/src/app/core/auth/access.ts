import type { Me, Permission, Role, Scope } from '@stegvis/contracts';
import { can, scopeOf } from '@stegvis/contracts';

/**
 * What a route or a navigation entry needs: a permission from the policy table (optionally with
 * the scope it must reach, which tells a coach's caseload from a supervisor's) and/or a role.
 */
export interface AccessRule {
  permission?: Permission;
  scope?: Scope;
  roles?: readonly Role[];
}

export function allows(role: Role | null | undefined, rule: AccessRule): boolean {
  if (role == null) return false;
  if (rule.permission && !can(role, rule.permission)) return false;
  if (rule.permission && rule.scope && scopeOf(role, rule.permission) !== rule.scope) return false;
  if (rule.roles && !rule.roles.includes(role)) return false;
  return true;
}

/**
 * The case-record workspaces, by permission: coaches keep case records of their programmes
 * (participant.create), supervisors follow up placements at their enterprise.
 */
export const WORKSPACES = {
  coach: { permission: 'participant.create', scope: 'programme' },
  supervisor: { permission: 'followUp.create', scope: 'enterprise' },
} as const satisfies Record<string, AccessRule>;

/**
 * The capacity overview (places offered vs in use per enterprise): the roles that read every
 * enterprise's. A supervisor reads only their own, on their home page.
 */
export const CAPACITY_ACCESS = {
  permission: 'enterprise.capacity',
  roles: ['lead', 'coach'],
} as const satisfies AccessRule;

/** Where each role starts after logging in. */
export const ROLE_HOME: Record<Role, string> = {
  coach: '/coach',
  supervisor: '/supervisor',
  lead: '/lead',
  admin: '/admin',
};

/** Only same-app paths are followed after login, never another origin (open-redirect guard). */
export function safeReturnUrl(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) {
    return null;
  }
  return value;
}

/** The account page, where two-step verification is set up. */
export const ACCOUNT_PATH = '/account';

/** Where one's own password is changed; the only page open while it is a one-time password. */
export const PASSWORD_PATH = '/account/password';

/**
 * Where a signed-in user starts: the change-password page while their password is a one-time
 * password an admin set, the account page while their role requires two-step verification they
 * have not set up (the server refuses everything else until then).
 */
export function homeOf(
  me: Pick<Me, 'role' | 'mfaEnrollmentRequired'> & { mustChangePassword?: boolean },
): string {
  if (me.mustChangePassword) return PASSWORD_PATH;
  return me.mfaEnrollmentRequired ? ACCOUNT_PATH : ROLE_HOME[me.role];
}
