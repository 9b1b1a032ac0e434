import type { Permission, Role } from '@stegvis/contracts';
import { can } from '@stegvis/contracts';

/** What a route or a navigation entry needs: a permission from the policy table and/or a role. */
export interface AccessRule {
  permission?: Permission;
  roles?: readonly Role[];
}

export function allows(role: Role | null | undefined, rule: AccessRule): boolean {
  if (role == null) return false;
  if (rule.permission && !can(role, rule.permission)) return false;
  if (rule.roles && !rule.roles.includes(role)) return false;
  return true;
}

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
